use std::collections::{BTreeMap, BTreeSet};

use super::model::*;
use crate::instrument::{
    Article, ElementKind, Instrument, Location, Permission, PermissionKind, cite,
};
use crate::profile::{ArticleAssessment, ChoiceStatus, Profile, Severity, StateChoice, Status};

/// An article whose score reaches this (and is below 1) is Largely compliant.
pub const LC_THRESHOLD: f64 = 0.8;
/// An article whose score reaches this (and is below [`LC_THRESHOLD`]) is Partially compliant.
pub const PC_THRESHOLD: f64 = 0.4;

/// An element's value in halves (met 2, partly 1, otherwise 0), so that scores compare exactly.
fn halves(status: Status) -> u64 {
    match status {
        Status::Met => 2,
        Status::Partly => 1,
        Status::NotMet | Status::NotAssessed => 0,
    }
}

/// A weighted score as an exact fraction.
#[derive(Clone, Copy)]
struct Fraction {
    num: u64,
    den: u64,
}

impl Fraction {
    fn value(self) -> f64 {
        round(self.num as f64 / self.den as f64, 3)
    }

    /// `self ≥ threshold` for a threshold given in tenths, exactly.
    fn at_least_tenths(self, tenths: u64) -> bool {
        10 * self.num >= tenths * self.den
    }
}

fn round(x: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (x * f).round() / f
}

/// Assesses a profile against an instrument.
///
/// The profile should have been checked ([`Profile::check`]); ids that do not resolve are
/// ignored rather than trusted. Never panics.
///
/// # Example
///
/// ```
/// use budapest_gap::{Instrument, Profile, Rating, assess};
///
/// let profile = Profile::from_path("profiles/portugal.json").unwrap();
/// let assessment = assess(Instrument::ets_185(), &profile);
/// assert_eq!(assessment.articles.len(), 34); // Articles 2–35
/// let art2 = &assessment.articles[0];
/// assert_eq!(art2.title, "Illegal access");
/// assert_ne!(art2.rating, Rating::NotAssessed);
/// ```
pub fn assess(instrument: &Instrument, profile: &Profile) -> Assessment {
    Engine::new(instrument, profile).run()
}

struct Engine<'a> {
    instrument: &'a Instrument,
    profile: &'a Profile,
    entries: Option<&'a BTreeMap<String, ArticleAssessment>>,
    /// Valid reservations and declarations (made or planned) with the elements they cover.
    effective: Vec<(&'a Permission, &'a StateChoice, Vec<String>)>,
    gaps: Vec<Gap>,
}

impl<'a> Engine<'a> {
    fn new(instrument: &'a Instrument, profile: &'a Profile) -> Self {
        Engine {
            instrument,
            profile,
            entries: profile.assessment.get(&instrument.id),
            effective: Vec::new(),
            gaps: Vec::new(),
        }
    }

    fn jurisdiction(&self) -> &str {
        &self.profile.jurisdiction.name
    }

    fn recommend(&self, template: &str) -> String {
        template.replace("{jurisdiction}", self.jurisdiction())
    }

    fn run(mut self) -> Assessment {
        let choices = self.choices();
        let mut articles = Vec::new();
        let mut located: Vec<(String, ArticleResult)> = Vec::new();
        for (location, article) in self.instrument.articles_located() {
            if !article.scored {
                continue;
            }
            let result = self.article(location, article);
            located.push((location.division(), result.clone()));
            articles.push(result);
        }
        // Safeguards: the powers Article 15 applies to carry its rating among their reasons.
        for safeguard in self
            .instrument
            .articles()
            .filter(|a| !a.applies_to.is_empty())
        {
            let Some(rating) = articles
                .iter()
                .find(|r| r.number == safeguard.number)
                .map(|r| r.rating)
            else {
                continue;
            };
            for r in articles
                .iter_mut()
                .filter(|r| safeguard.applies_to.contains(&r.number))
            {
                r.reasons.push(format!("Conditions and safeguards for this power are assessed under Article {} ({}), rated {}.", safeguard.number, safeguard.title, rating.label()));
            }
        }
        let overall = index(articles.iter());
        let mut divisions: Vec<DivisionIndex> = Vec::new();
        for (division, _) in &located {
            if divisions.iter().all(|d| &d.division != division) {
                let members = located
                    .iter()
                    .filter(|(d, _)| d == division)
                    .map(|(_, r)| r);
                divisions.push(DivisionIndex {
                    division: division.clone(),
                    index: index(members),
                });
            }
        }
        let mut gaps = std::mem::take(&mut self.gaps);
        let element_order = |g: &Gap| -> usize {
            let Some(a) = self.instrument.article(g.article) else {
                return 0;
            };
            g.element
                .as_deref()
                .and_then(|e| a.elements().position(|(_, x)| x.id == e))
                .unwrap_or(usize::MAX)
        };
        gaps.sort_by_key(|g| (g.severity, g.article, element_order(g), g.kind));
        Assessment {
            instrument: self.instrument.id.clone(),
            instrument_title: format!("{} – {}", self.instrument.number, self.instrument.title),
            jurisdiction: self.jurisdiction().to_string(),
            document_kind: self.profile.document.kind,
            document_title: self.profile.document.title.clone(),
            as_of: self.profile.document.as_of,
            index: overall,
            divisions,
            articles,
            choices,
            gaps,
        }
    }

    /// Resolves the profile's reservations and declarations against the treaty's permissions.
    fn choices(&mut self) -> Vec<ChoiceResult> {
        let Some(status) = self.profile.instruments.get(&self.instrument.id) else {
            return Vec::new();
        };
        let groups: [(&'a [StateChoice], &[PermissionKind], &str); 2] = [
            (
                &status.reservations,
                &[PermissionKind::Reservation],
                "reservation",
            ),
            (
                &status.declarations,
                &[PermissionKind::Declaration, PermissionKind::Designation],
                "declaration",
            ),
        ];
        let mut out = Vec::new();
        for (list, kinds, noun) in groups {
            for choice in list {
                let provision = cite(choice.article, choice.paragraph.as_deref());
                match self
                    .instrument
                    .permission(kinds, choice.article, choice.paragraph.as_deref())
                {
                    Some(permission) => {
                        let covered: Vec<String> = permission
                            .removes
                            .iter()
                            .chain(&permission.permits)
                            .filter(|e| choice.elements.is_empty() || choice.elements.contains(e))
                            .cloned()
                            .collect();
                        self.effective.push((permission, choice, covered.clone()));
                        out.push(ChoiceResult {
                            kind: permission.kind,
                            provision,
                            status: choice.status,
                            basis: Some(permission.basis.clone()),
                            effect: permission.summary.clone(),
                            elements: covered,
                            text: choice.text.clone(),
                        });
                    }
                    None => {
                        let made = match choice.status {
                            ChoiceStatus::Made => "made",
                            ChoiceStatus::Planned => "planned",
                        };
                        let title = self
                            .instrument
                            .article(choice.article)
                            .map_or_else(|| "unknown article".to_string(), |a| a.title.clone());
                        self.gaps.push(Gap {
                            article: choice.article,
                            article_title: title,
                            element: None,
                            kind: GapKind::ImpermissibleChoice,
                            severity: GapSeverity::Major,
                            message: format!("The {made} {noun} on {provision} is not permitted by {}: it would be invalid.", self.instrument.number),
                            recommendation: format!("{} should withdraw the {noun} on {provision} and implement the provision in full.", self.jurisdiction()),
                        });
                        out.push(ChoiceResult {
                            kind: kinds[0],
                            provision: provision.clone(),
                            status: choice.status,
                            basis: None,
                            effect: format!(
                                "Not permitted: {} allows no {noun} on {provision}.",
                                self.instrument.number
                            ),
                            elements: Vec::new(),
                            text: choice.text.clone(),
                        });
                    }
                }
            }
        }
        out
    }

    fn removed_by(&self, reference: &str) -> Option<&'a Permission> {
        self.effective
            .iter()
            .find(|(p, _, covered)| {
                p.removes.iter().any(|r| r == reference) && covered.iter().any(|c| c == reference)
            })
            .map(|(p, _, _)| *p)
    }

    fn article(&mut self, location: Location<'_>, article: &Article) -> ArticleResult {
        let id = article.id();
        let entry = self.entries.and_then(|e| e.get(&id));
        let mut result = ArticleResult {
            number: article.number,
            title: article.title.clone(),
            division: location.division(),
            rating: Rating::NotAssessed,
            score: None,
            score_without_reservations: None,
            provisions: entry.map(|e| e.provisions.clone()).unwrap_or_default(),
            elements: Vec::new(),
            reasons: Vec::new(),
            note: entry.and_then(|e| e.note.clone()),
        };
        let qualifiers_required: BTreeSet<&str> = entry
            .map(|e| {
                e.limitations
                    .iter()
                    .filter_map(|l| l.qualifier.as_deref())
                    .collect()
            })
            .unwrap_or_default();
        for (paragraph, element) in article.elements() {
            let reference = format!("{id}.{}", element.id);
            let override_ = entry.and_then(|e| e.elements.get(&element.id));
            let status = override_
                .map(|o| o.status)
                .or_else(|| entry.and_then(|e| e.status))
                .unwrap_or(Status::NotAssessed);
            let removed = if element.kind == ElementKind::Core {
                self.removed_by(&reference)
            } else {
                None
            };
            result.elements.push(ElementResult {
                id: element.id.clone(),
                paragraph: paragraph.number.clone(),
                text: element.text.clone(),
                kind: element.kind,
                status: if element.kind == ElementKind::Qualifier {
                    Status::NotAssessed
                } else {
                    status
                },
                weight: element.weight,
                applicable: element.kind == ElementKind::Core && removed.is_none(),
                removed_by: removed.map(Permission::provision),
                required_by_law: qualifiers_required.contains(element.id.as_str()),
                note: override_.and_then(|o| o.note.clone()),
            });
        }

        let Some(entry) = entry else {
            self.unassessed(
                &mut result,
                article,
                "The profile does not assess this article.",
                "has not been assessed",
            );
            return result;
        };

        let fraction = |elements: &mut dyn Iterator<Item = &ElementResult>| -> Option<Fraction> {
            let (num, den) = elements.fold((0, 0), |(n, d), e| {
                (
                    n + u64::from(e.weight) * halves(e.status),
                    d + 2 * u64::from(e.weight),
                )
            });
            (den > 0).then_some(Fraction { num, den })
        };
        let with = fraction(&mut result.elements.iter().filter(|e| e.applicable));
        let without = fraction(
            &mut result
                .elements
                .iter()
                .filter(|e| e.kind == ElementKind::Core),
        );
        result.score_without_reservations = without.map(Fraction::value);

        let removed: Vec<&ElementResult> = result
            .elements
            .iter()
            .filter(|e| e.removed_by.is_some())
            .collect();
        if !removed.is_empty() {
            let by: BTreeSet<&str> = removed
                .iter()
                .filter_map(|e| e.removed_by.as_deref())
                .collect();
            result.reasons.push(format!(
                "{} element(s) do not apply because of the reservation on {}: {}.",
                removed.len(),
                by.into_iter().collect::<Vec<_>>().join("; "),
                removed
                    .iter()
                    .map(|e| e.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let Some(with) = with else {
            result.rating = Rating::NA;
            result
                .reasons
                .push("No element applies: the article is not applicable.".into());
            return result;
        };
        let applicable: Vec<ElementResult> = result
            .elements
            .iter()
            .filter(|e| e.applicable)
            .cloned()
            .collect();
        if applicable.iter().all(|e| e.status == Status::NotAssessed) {
            self.unassessed(
                &mut result,
                article,
                "Every applicable element is marked not assessed.",
                "is marked not assessed",
            );
            return result;
        }
        result.score = Some(with.value());

        let count = |s: Status| applicable.iter().filter(|e| e.status == s).count();
        let names = |s: Status| {
            applicable
                .iter()
                .filter(|e| e.status == s)
                .map(|e| e.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut summary = format!(
            "{} of {} applicable element(s) met",
            count(Status::Met),
            applicable.len()
        );
        for (s, word) in [
            (Status::Partly, "partly met"),
            (Status::NotMet, "not met"),
            (Status::NotAssessed, "not assessed (counted as 0)"),
        ] {
            if count(s) > 0 {
                summary.push_str(&format!("; {} {word}: {}", count(s), names(s)));
            }
        }
        result
            .reasons
            .push(format!("{summary}; score {:.3}.", with.value()));
        if !result.provisions.is_empty() {
            result
                .reasons
                .push(format!("Evidence: {}.", result.provisions.join(", ")));
        }

        for e in &applicable {
            let element = article
                .element(&e.id)
                .expect("results are built from the article's elements");
            let rec = self.recommend(&element.recommendation);
            let (kind, severity, what) = match e.status {
                Status::Met => continue,
                Status::Partly => (GapKind::PartialElement, GapSeverity::Minor, "partly met"),
                Status::NotMet => (GapKind::MissingElement, GapSeverity::Major, "not met"),
                Status::NotAssessed => (
                    GapKind::UnassessedElement,
                    GapSeverity::Unassessed,
                    "not assessed",
                ),
            };
            let recommendation = if e.status == Status::NotAssessed {
                format!(
                    "Assess whether the law of {} provides for this element: {}.",
                    self.jurisdiction(),
                    lowercase_first(&e.text)
                )
            } else {
                rec
            };
            self.gap(
                article,
                Some(&e.id),
                kind,
                severity,
                format!(
                    "Article {} ({}), element “{}” {what}: {}",
                    article.number, article.title, e.id, e.text
                ),
                recommendation,
            );
        }

        let mut cap: Option<Severity> = None;
        let mut raise = |s: Severity| cap = Some(cap.map_or(s, |c| c.max(s)));
        for lim in &entry.limitations {
            if let Some(q) = &lim.qualifier {
                let Some(element) = article
                    .element(q)
                    .filter(|e| e.kind == ElementKind::Qualifier)
                else {
                    continue;
                };
                let reference = format!("{id}.{q}");
                let needed: Vec<&Permission> = self
                    .instrument
                    .permissions_for_qualifier(&reference)
                    .collect();
                if needed.is_empty() {
                    result.reasons.push(format!(
                        "Qualifier “{q}” ({}) is permitted by the article itself.",
                        lowercase_first(&element.text)
                    ));
                    continue;
                }
                let made = self.effective.iter().find(|(p, _, covered)| {
                    needed.iter().any(|n| n.id == p.id) && covered.contains(&reference)
                });
                match made {
                    Some((p, choice, _)) => {
                        let state = match choice.status {
                            ChoiceStatus::Made => "made",
                            ChoiceStatus::Planned => "planned",
                        };
                        result.reasons.push(format!(
                            "Qualifier “{q}” ({}) is covered by the {} on {} ({state}).",
                            lowercase_first(&element.text),
                            p.kind.as_str(),
                            p.provision()
                        ));
                    }
                    None => {
                        raise(Severity::Minor);
                        let options = needed
                            .iter()
                            .map(|p| {
                                format!(
                                    "the {} on {} ({})",
                                    p.kind.as_str(),
                                    p.provision(),
                                    p.basis
                                )
                            })
                            .collect::<Vec<_>>()
                            .join(" or ");
                        result.reasons.push(format!("Qualifier “{q}” is required by domestic law without {options}: a minor shortcoming."));
                        self.gap(article, Some(q), GapKind::UndeclaredQualifier, GapSeverity::Minor,
                            format!("Article {} ({}): domestic law requires “{q}” ({}) without {options}.", article.number, article.title, lowercase_first(&element.text)),
                            format!("{} should make {options}, or remove the requirement from its law.", self.jurisdiction()));
                    }
                }
            } else if let Some(text) = &lim.restriction {
                let severity = lim.severity.unwrap_or(Severity::Major);
                raise(severity);
                let word = match severity {
                    Severity::Minor => "minor",
                    Severity::Major => "major",
                };
                result.reasons.push(format!("Restriction ({word}): {text}"));
                self.gap(article, lim.element.as_deref(), GapKind::Restriction, severity.into(),
                    format!("Article {} ({}): restriction not provided for by the Convention ({word}): {text}", article.number, article.title),
                    format!("{} should remove this restriction so that its law covers Article {} in full.", self.jurisdiction(), article.number));
            }
        }

        let base = if with.num == with.den {
            Rating::C
        } else if with.at_least_tenths(8) {
            Rating::LC
        } else if with.at_least_tenths(4) {
            Rating::PC
        } else {
            Rating::NC
        };
        let capped = match cap {
            Some(Severity::Major) if base.rank() > Rating::PC.rank() => Rating::PC,
            Some(Severity::Minor) if base == Rating::C => Rating::LC,
            _ => base,
        };
        if capped != base {
            let why = if cap == Some(Severity::Major) {
                "a major shortcoming caps it at PC"
            } else {
                "a minor shortcoming caps it at LC"
            };
            result.reasons.push(format!(
                "The score alone would give {}; {why}.",
                base.abbreviation()
            ));
        }
        result.rating = capped;
        result
    }

    /// Records an article as not assessed: its reason and its gap.
    fn unassessed(
        &mut self,
        result: &mut ArticleResult,
        article: &Article,
        reason: &str,
        state: &str,
    ) {
        result.reasons.push(reason.into());
        let message = format!("Article {} ({}) {state}.", article.number, article.title);
        let recommendation = format!(
            "Assess Article {} ({}) against the law of {}.",
            article.number,
            article.title,
            self.jurisdiction()
        );
        self.gap(
            article,
            None,
            GapKind::UnassessedArticle,
            GapSeverity::Unassessed,
            message,
            recommendation,
        );
    }

    fn gap(
        &mut self,
        article: &Article,
        element: Option<&str>,
        kind: GapKind,
        severity: GapSeverity,
        message: String,
        recommendation: String,
    ) {
        self.gaps.push(Gap {
            article: article.number,
            article_title: article.title.clone(),
            element: element.map(str::to_string),
            kind,
            severity,
            message,
            recommendation,
        });
    }
}

/// An element's text inside a sentence: lower-case first letter, no final full stop.
fn lowercase_first(text: &str) -> String {
    let text = text.trim_end_matches('.');
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn index<'r>(articles: impl Iterator<Item = &'r ArticleResult>) -> Index {
    let mut counts = RatingCounts::default();
    let mut scorable = 0;
    let (mut with, mut with_n, mut without, mut without_n) = (0.0, 0usize, 0.0, 0usize);
    for a in articles {
        scorable += 1;
        counts.add(a.rating);
        if a.rating == Rating::NotAssessed {
            continue;
        }
        if let (Some(s), true) = (a.score, a.rating.rank().is_some()) {
            with += s;
            with_n += 1;
        }
        if let Some(s) = a.score_without_reservations {
            without += s;
            without_n += 1;
        }
    }
    let mean = |sum: f64, n: usize| (n > 0).then(|| round(100.0 * sum / n as f64, 1));
    Index {
        score: mean(with, with_n),
        score_without_reservations: mean(without, without_n),
        assessed: scorable - counts.not_assessed,
        scorable,
        counts,
    }
}
