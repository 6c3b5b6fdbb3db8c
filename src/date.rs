//! Calendar dates as written in profiles and checklists: `YYYY-MM-DD`.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A calendar date (`YYYY-MM-DD`), checked to exist: `2009-02-29` is rejected.
///
/// # Example
///
/// ```
/// use budapest_gap::Date;
///
/// let d: Date = "2010-03-24".parse().unwrap();
/// assert_eq!(d.to_string(), "2010-03-24");
/// assert!("2009-02-29".parse::<Date>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a text is not a [`Date`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`.
    #[error("`{0}` is not a date of the form YYYY-MM-DD")]
    Format(String),
    /// Well-formed but no such day exists.
    #[error("`{0}` is not a real date: {1}")]
    Impossible(String, String),
}

impl Date {
    /// Builds a date from its parts, checking that the day exists.
    ///
    /// # Errors
    ///
    /// [`DateError::Impossible`] when the month or the day is out of range.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Date, DateError> {
        let text = format!("{year:04}-{month:02}-{day:02}");
        if !(1..=12).contains(&month) {
            return Err(DateError::Impossible(
                text,
                "there is no month {month}".replace("{month}", &month.to_string()),
            ));
        }
        let last = days_in_month(year, month);
        if day == 0 || day > last {
            let name = MONTHS[usize::from(month - 1)];
            return Err(DateError::Impossible(
                text,
                format!("{name} {year} has {last} days"),
            ));
        }
        Ok(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Date, DateError> {
        let bad = || DateError::Format(s.to_string());
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(bad());
        }
        let digits = |r: std::ops::Range<usize>| -> Result<u16, DateError> {
            let part = &s[r];
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let year = digits(0..4)?;
        let month = u8::try_from(digits(5..7)?).map_err(|_| bad())?;
        let day = u8::try_from(digits(8..10)?).map_err(|_| bad())?;
        Date::new(year, month, day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A calendar date, YYYY-MM-DD."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        assert!("2000-02-29".parse::<Date>().is_ok());
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!("1900-02-29".parse::<Date>().is_err());
        assert!("2023-02-29".parse::<Date>().is_err());
    }

    #[test]
    fn malformed_dates_are_rejected_with_the_reason() {
        assert_eq!(
            "2010-3-24".parse::<Date>().unwrap_err(),
            DateError::Format("2010-3-24".into())
        );
        let err = "2009-04-31".parse::<Date>().unwrap_err().to_string();
        assert!(err.contains("April 2009 has 30 days"), "{err}");
        assert!("2009-13-01".parse::<Date>().is_err());
        assert!("２009-01-01".parse::<Date>().is_err());
    }

    #[test]
    fn dates_order_chronologically() {
        let a: Date = "2001-11-23".parse().unwrap();
        let b: Date = "2010-03-24".parse().unwrap();
        assert!(a < b);
    }
}
