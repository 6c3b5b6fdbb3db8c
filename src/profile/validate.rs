//! Semantic checks of a structurally sound profile against the instruments' checklists: ids
//! that resolve, reservations the treaty permits, dates in order. Every problem is collected.

use std::collections::{BTreeSet, HashMap};

use super::diagnostic::{Code, DiagnosticSeverity, did_you_mean};
use super::json::escape;
use super::load::Sink;
use super::model::*;
use crate::Date;
use crate::instrument::{Article, ElementKind, Instrument, PermissionKind, cite};

/// The highest score a suggestion can have (`budapest-gap draft` writes far lower ones).
const MAX_SUGGESTION_SCORE: f64 = 1000.0;

pub(crate) fn validate(profile: &Profile, instruments: &[&Instrument], sink: &mut Sink<'_>) {
    if profile.format != FORMAT {
        sink.value(
            Code::UnsupportedFormat,
            "/format",
            format!(
                "format {} is not supported; this version of budapest-gap reads format {FORMAT}",
                profile.format
            ),
            Some(format!("set `\"format\": {FORMAT}`")),
        );
    }
    if let Some(code) = &profile.jurisdiction.code
        && (code.len() != 2 || !code.bytes().all(|b| b.is_ascii_uppercase()))
    {
        let hint = if code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic()) {
            format!("write it in capitals: `{}`", code.to_ascii_uppercase())
        } else {
            "use the ISO 3166-1 alpha-2 code (e.g. `PT`), or leave `code` out for a fictional jurisdiction".into()
        };
        sink.value(
            Code::InvalidCountryCode,
            "/jurisdiction/code",
            format!("`{code}` is not an ISO 3166-1 alpha-2 code"),
            Some(hint),
        );
    }

    texts(profile, sink);
    if profile.document.as_of.year() < 1900 {
        sink.value(
            Code::InvalidDate,
            "/document/as_of",
            format!(
                "`as_of` is {}, which cannot be the date of a law",
                profile.document.as_of
            ),
            Some("write the date the profile describes the law as of, e.g. 2025-11-05".into()),
        );
    }
    let laws = unique_ids(sink, "laws", profile.laws.iter().map(|l| l.id.as_str()));
    let provisions = unique_ids(
        sink,
        "provisions",
        profile.provisions.iter().map(|p| p.id.as_str()),
    );
    for (i, p) in profile.provisions.iter().enumerate() {
        if !laws.contains_key(p.law.as_str()) {
            let hint = did_you_mean(&p.law, laws.keys().copied())
                .or_else(|| Some("add the law to `laws`, or correct the id".into()));
            sink.value(
                Code::UnknownLaw,
                &format!("/provisions/{i}/law"),
                format!(
                    "provision `{}` cites the law `{}`, which is not in `laws`",
                    p.id, p.law
                ),
                hint,
            );
        }
    }

    let known = |id: &str| instruments.iter().copied().find(|i| i.id == id);
    let ids: Vec<&str> = instruments.iter().map(|i| i.id.as_str()).collect();
    for (id, status) in &profile.instruments {
        let pointer = format!("/instruments/{}", escape(id));
        match known(id) {
            None => unknown_instrument(sink, &pointer, id, &ids),
            Some(instrument) => {
                treaty_status(sink, profile, instrument, status, &pointer);
                supplemented_bound(sink, profile, instrument, status, &pointer);
            }
        }
    }

    let mut cited: BTreeSet<&str> = BTreeSet::new();
    for (id, articles) in &profile.assessment {
        let pointer = format!("/assessment/{}", escape(id));
        let Some(instrument) = known(id) else {
            unknown_instrument(sink, &pointer, id, &ids);
            continue;
        };
        for (key, entry) in articles {
            let at = format!("{pointer}/{}", escape(key));
            let Some(article) = article_key(sink, instrument, articles, key, &at) else {
                continue;
            };
            if !article.scored {
                sink.key(
                    Code::ArticleNotScored,
                    &at,
                    format!(
                        "Article {} ({}) is not scored; its assessment is kept but does not count",
                        article.number, article.title
                    ),
                    None,
                );
            }
            citations_once(sink, entry, &at);
            for (j, p) in entry.provisions.iter().enumerate() {
                cited.insert(p.as_str());
                if !provisions.contains_key(p.as_str()) {
                    let hint = did_you_mean(p, provisions.keys().copied()).or_else(|| {
                        Some("add the provision to `provisions`, or correct the id".into())
                    });
                    sink.value(
                        Code::UnknownProvision,
                        &format!("{at}/provisions/{j}"),
                        format!("`{p}` is not a provision of this profile"),
                        hint,
                    );
                }
            }
            for (j, suggestion) in entry.suggestions.iter().enumerate() {
                if !(suggestion.score.is_finite()
                    && (0.0..=MAX_SUGGESTION_SCORE).contains(&suggestion.score))
                {
                    let pointer = format!("{at}/suggestions/{j}/score");
                    // As written: `1e+300`, not its 301 digits.
                    let written = sink.written(&pointer).to_string();
                    sink.value(
                        Code::InvalidValue,
                        &pointer,
                        format!(
                            "a suggestion's score is from 0 to {MAX_SUGGESTION_SCORE}, not {written}"
                        ),
                        Some(
                            "keep the score `budapest-gap draft` wrote, or remove the suggestion"
                                .into(),
                        ),
                    );
                }
                cited.insert(suggestion.provision.as_str());
                if !provisions.contains_key(suggestion.provision.as_str()) {
                    let hint = did_you_mean(&suggestion.provision, provisions.keys().copied())
                        .or_else(|| {
                            Some("add the provision to `provisions`, or correct the id".into())
                        });
                    sink.value(
                        Code::UnknownProvision,
                        &format!("{at}/suggestions/{j}/provision"),
                        format!(
                            "`{}` is not a provision of this profile",
                            suggestion.provision
                        ),
                        hint,
                    );
                }
            }
            let local_ids: Vec<&str> = article.elements().map(|(_, e)| e.id.as_str()).collect();
            let mut any_met = entry.status == Some(Status::Met);
            for (eid, ea) in &entry.elements {
                let ep = format!("{at}/elements/{}", escape(eid));
                any_met |= ea.status == Status::Met;
                match article.element(eid) {
                    None => {
                        let hint = did_you_mean(eid, local_ids.iter().copied()).or_else(|| {
                            Some(format!(
                                "the elements of Article {} are {}",
                                article.number,
                                ticks(&local_ids)
                            ))
                        });
                        sink.key(
                            Code::UnknownElement,
                            &ep,
                            format!(
                                "`{eid}` is not an element of Article {} ({})",
                                article.number, article.title
                            ),
                            hint,
                        );
                    }
                    Some(e) if e.kind == ElementKind::Qualifier => {
                        sink.key(Code::ElementIsQualifier, &ep, format!("`{eid}` is a qualifier of Article {}, not a core element", article.number), Some(format!("record it as a limitation: `{{ \"qualifier\": \"{eid}\" }}` in `limitations`")));
                    }
                    Some(_) => {}
                }
            }
            carry_over(sink, article, entry, &at);
            if any_met && entry.provisions.is_empty() {
                sink.key(
                    Code::MetWithoutEvidence,
                    &at,
                    format!(
                        "Article {} is marked met but cites no provision",
                        article.number
                    ),
                    Some("list the implementing provisions in `provisions`".into()),
                );
            }
            for (j, lim) in entry.limitations.iter().enumerate() {
                let lp = format!("{at}/limitations/{j}");
                match (&lim.qualifier, &lim.restriction) {
                    (Some(q), None) => {
                        let qualifiers: Vec<&str> = article
                            .elements()
                            .filter(|(_, e)| e.kind == ElementKind::Qualifier)
                            .map(|(_, e)| e.id.as_str())
                            .collect();
                        if !qualifiers.contains(&q.as_str()) {
                            let what = if article.element(q).is_some() {
                                format!(
                                    "`{q}` is a core element of Article {}, not a qualifier",
                                    article.number
                                )
                            } else {
                                format!(
                                    "Article {} ({}) has no qualifier `{q}`",
                                    article.number, article.title
                                )
                            };
                            let hint = did_you_mean(q, qualifiers.iter().copied()).or_else(|| Some(if qualifiers.is_empty() { format!("Article {} permits no qualifier: record a `restriction` with a `severity` instead", article.number) } else { format!("its qualifiers are {}", ticks(&qualifiers)) }));
                            sink.value(
                                Code::UnknownQualifier,
                                &format!("{lp}/qualifier"),
                                what,
                                hint,
                            );
                        }
                        if lim.severity.is_some() {
                            sink.value(
                                Code::InvalidLimitation,
                                &format!("{lp}/severity"),
                                "a qualifier limitation takes no `severity`; the treaty permits it"
                                    .into(),
                                Some("remove `severity`, or record a `restriction` instead".into()),
                            );
                        }
                    }
                    (None, Some(_)) => {
                        if lim.severity.is_none() {
                            sink.value(
                                Code::InvalidLimitation,
                                &lp,
                                "a restriction needs a `severity`".into(),
                                Some("add `\"severity\": \"minor\"` or `\"major\"`".into()),
                            );
                        }
                    }
                    (Some(_), Some(_)) => {
                        sink.value(
                            Code::InvalidLimitation,
                            &lp,
                            "a limitation gives both `qualifier` and `restriction`".into(),
                            Some("split it into two limitations".into()),
                        );
                    }
                    (None, None) => {
                        sink.value(
                            Code::InvalidLimitation,
                            &lp,
                            "a limitation gives neither `qualifier` nor `restriction`".into(),
                            Some(
                                "name a qualifier of the article, or describe the restriction"
                                    .into(),
                            ),
                        );
                    }
                }
                if let Some(e) = &lim.element
                    && article
                        .element(e)
                        .is_none_or(|el| el.kind != ElementKind::Core)
                {
                    let cores: Vec<&str> = article
                        .elements()
                        .filter(|(_, e)| e.kind == ElementKind::Core)
                        .map(|(_, e)| e.id.as_str())
                        .collect();
                    let hint = did_you_mean(e, cores.iter().copied()).or_else(|| {
                        Some(format!(
                            "the core elements of Article {} are {}",
                            article.number,
                            ticks(&cores)
                        ))
                    });
                    sink.value(
                        Code::UnknownElement,
                        &format!("{lp}/element"),
                        format!("`{e}` is not a core element of Article {}", article.number),
                        hint,
                    );
                }
            }
        }
    }

    let mut laws_with_provisions: BTreeSet<&str> = BTreeSet::new();
    for (i, p) in profile.provisions.iter().enumerate() {
        laws_with_provisions.insert(p.law.as_str());
        if !cited.contains(p.id.as_str()) {
            sink.value(
                Code::UnusedProvision,
                &format!("/provisions/{i}/id"),
                format!("provision `{}` is not cited by any article", p.id),
                Some("cite it in the assessment, or remove it".into()),
            );
        }
    }
    for (i, l) in profile.laws.iter().enumerate() {
        if !laws_with_provisions.contains(l.id.as_str()) {
            sink.value(
                Code::UnusedLaw,
                &format!("/laws/{i}/id"),
                format!("law `{}` has no provision", l.id),
                Some("add its provisions, or remove it".into()),
            );
        }
    }
}

fn ticks(ids: &[&str]) -> String {
    ids.iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A Protocol binds only a State bound by the treaty it supplements: ETS 189 and CETS 224
/// are open to the Convention's signatories, and ratified only with or after it (ETS 189,
/// Article 9).
fn supplemented_bound(
    sink: &mut Sink<'_>,
    profile: &Profile,
    instrument: &Instrument,
    status: &TreatyStatus,
    pointer: &str,
) {
    let Some(base) = instrument.supplements.as_deref() else {
        return;
    };
    let parent = profile.instruments.get(base);
    let base_bound = parent.is_some_and(|p| p.signed.is_some() || p.ratified.is_some());
    if (status.signed.is_some() || status.ratified.is_some()) && !base_bound {
        let key = if status.ratified.is_some() {
            "ratified"
        } else {
            "signed"
        };
        sink.value(
            Code::SupplementNotBound,
            &format!("{pointer}/{key}"),
            format!(
                "{} is recorded as {key}, but the profile records no signature or ratification of the Convention it supplements (`{base}`)",
                instrument.number
            ),
            Some(format!("record the State's `{base}` status under `instruments.{base}` (a Protocol is open only to the Convention's signatories and Parties)")),
        );
        return;
    }
    if let (Some(ratified), Some(parent)) = (status.ratified, parent) {
        match parent.ratified {
            Some(base_ratified) if base_ratified <= ratified => {}
            Some(base_ratified) => {
                sink.value(
                Code::SupplementNotBound,
                &format!("{pointer}/ratified"),
                format!(
                    "{} is recorded as ratified on {ratified}, before the Convention it supplements (`{base}`, ratified on {base_ratified})",
                    instrument.number
                ),
                Some("a State ratifies a Protocol with or after the Convention; check both dates against the Treaty Office's chart".into()),
            );
            }
            None => {
                sink.value(
                Code::SupplementNotBound,
                &format!("{pointer}/ratified"),
                format!(
                    "{} is recorded as ratified, but the Convention it supplements (`{base}`) is not",
                    instrument.number
                ),
                Some(format!("a State ratifies a Protocol with or after the Convention; record `instruments.{base}.ratified`")),
            );
            }
        }
    }
}

fn unknown_instrument(sink: &mut Sink<'_>, pointer: &str, id: &str, known: &[&str]) {
    let hint = did_you_mean(id, known.iter().copied())
        .or_else(|| Some(format!("known instruments: {}", ticks(known))));
    sink.key(
        Code::UnknownInstrument,
        pointer,
        format!("`{id}` is not an instrument this tool knows"),
        hint,
    );
}

fn unique_ids<'p>(
    sink: &mut Sink<'_>,
    list: &str,
    ids: impl Iterator<Item = &'p str>,
) -> HashMap<&'p str, usize> {
    let mut seen = HashMap::new();
    for (i, id) in ids.enumerate() {
        if let Some(first) = seen.get(id) {
            sink.value(
                Code::DuplicateId,
                &format!("/{list}/{i}/id"),
                format!("the id `{id}` is used twice in `{list}` (first at index {first})"),
                Some("give each an id of its own".into()),
            );
        } else {
            seen.insert(id, i);
        }
    }
    seen
}

fn treaty_status(
    sink: &mut Sink<'_>,
    profile: &Profile,
    instrument: &Instrument,
    status: &TreatyStatus,
    pointer: &str,
) {
    let dates: [(&str, Option<Date>); 3] = [
        ("signed", status.signed),
        ("ratified", status.ratified),
        ("in_force", status.in_force),
    ];
    for (key, date) in dates {
        let Some(date) = date else { continue };
        let at = format!("{pointer}/{key}");
        if date < instrument.opened_on {
            sink.value(Code::DatesOutOfOrder, &at, format!("`{key}` is {date}, before {} was opened for signature on {}", instrument.number, instrument.opened_on), Some("check the date against the Treaty Office's chart of signatures and ratifications".into()));
        }
        if date > profile.document.as_of {
            sink.value(
                Code::DateAfterAsOf,
                &at,
                format!(
                    "`{key}` is {date}, after the profile's as-of date {}",
                    profile.document.as_of
                ),
                Some("update `document.as_of`, or correct the date".into()),
            );
        }
    }
    let pairs = [
        ("signed", status.signed, "ratified", status.ratified),
        ("ratified", status.ratified, "in_force", status.in_force),
        ("signed", status.signed, "in_force", status.in_force),
    ];
    let mut reported = false;
    for (a, da, b, db) in pairs {
        if let (Some(da), Some(db)) = (da, db)
            && db < da
            && !reported
        {
            reported = true;
            sink.value(
                Code::DatesOutOfOrder,
                &format!("{pointer}/{b}"),
                format!("`{b}` ({db}) is before `{a}` ({da})"),
                Some(format!(
                    "a State is {a} before it is {b}; check both dates",
                    a = words(a),
                    b = words(b)
                )),
            );
        }
    }
    if status.in_force.is_some() && status.ratified.is_none() {
        sink.value(
            Code::DatesOutOfOrder,
            &format!("{pointer}/in_force"),
            "`in_force` is given but `ratified` is not".into(),
            Some(
                "a treaty enters into force for a State only after ratification or accession"
                    .into(),
            ),
        );
    }
    if status.accession && status.signed.is_some() {
        sink.value(Code::DatesOutOfOrder, &format!("{pointer}/accession"), "`accession` is true but a signature date is given".into(), Some("a State accedes without signing (Article 37); set `accession` to false if it ratified after signature".into()));
    }
    if profile.document.kind == DocumentKind::Draft {
        for (key, date) in [("ratified", status.ratified), ("in_force", status.in_force)] {
            if date.is_some() {
                sink.value(Code::DraftClaimsRatification, &format!("{pointer}/{key}"), format!("this is a draft-law profile, but it records `{key}`"), Some("a draft is assessed ahead of ratification: remove the date, or set `document.kind` to `in-force` if the profile describes law in force".into()));
            }
        }
    }
    let bound = status.signed.is_some() || status.ratified.is_some();
    for (list, key) in [
        (&status.reservations, "reservations"),
        (&status.declarations, "declarations"),
    ] {
        for (i, choice) in list.iter().enumerate() {
            if choice.status == ChoiceStatus::Made && !bound {
                let hint = if profile.document.kind == DocumentKind::Draft {
                    "in a draft-law profile of a State that has not signed, record it as `\"status\": \"planned\"`"
                } else {
                    "give the date of signature (`signed`) or of ratification or accession (`ratified`), or record it as `\"status\": \"planned\"`"
                };
                sink.value(
                    Code::ChoiceWithoutSignature,
                    &format!("{pointer}/{key}/{i}/status"),
                    format!(
                        "this {} is recorded as made, but {} records neither a signature nor a ratification or accession; a State makes one only at signature or on deposit of its instrument (Articles 40 and 42)",
                        if key == "reservations" { "reservation" } else { "declaration" },
                        profile.jurisdiction.name.trim()
                    ),
                    Some(hint.into()),
                );
            }
        }
    }
    choices(
        sink,
        instrument,
        &status.reservations,
        &format!("{pointer}/reservations"),
        &[PermissionKind::Reservation],
    );
    choices(
        sink,
        instrument,
        &status.declarations,
        &format!("{pointer}/declarations"),
        &[PermissionKind::Declaration, PermissionKind::Designation],
    );
}

fn words(key: &str) -> &str {
    match key {
        "signed" => "signs",
        "ratified" => "ratifies",
        _ => "bound",
    }
}

fn choices(
    sink: &mut Sink<'_>,
    instrument: &Instrument,
    list: &[StateChoice],
    pointer: &str,
    kinds: &[PermissionKind],
) {
    let noun = kinds[0].as_str();
    let code = if kinds[0] == PermissionKind::Reservation {
        Code::ReservationNotPermitted
    } else {
        Code::DeclarationNotPermitted
    };
    let mut seen: Vec<(Vec<&str>, usize)> = Vec::new();
    for (i, choice) in list.iter().enumerate() {
        let at = format!("{pointer}/{i}");
        let provision = cite(choice.article, choice.paragraph.as_deref());
        let permissions = instrument.permissions_concerning(
            kinds,
            choice.article,
            choice.paragraph.as_deref(),
            choice.concerns.as_ref(),
        );
        let concerned =
            instrument.concerned_permissions(kinds, choice.article, choice.paragraph.as_deref());
        if permissions.is_empty() && !concerned.is_empty() {
            let options: Vec<String> = concerned
                .iter()
                .filter_map(|p| p.concerns.as_ref())
                .map(|r| {
                    let para = r
                        .paragraph
                        .as_ref()
                        .map(|p| format!(", \"paragraph\": \"{p}\""))
                        .unwrap_or_default();
                    format!(
                        "`{{ \"instrument\": \"{}\", \"article\": {}{para} }}`",
                        r.instrument, r.article
                    )
                })
                .collect();
            let (message, pointer) = match &choice.concerns {
                None => (
                    format!(
                        "{} permits {} {noun}s under {provision}; this one does not say which",
                        instrument.number,
                        concerned.len()
                    ),
                    format!("{at}/article"),
                ),
                Some(r) => (
                    format!(
                        "{} permits no {noun} under {provision} about `{}` {}",
                        instrument.number,
                        r.instrument,
                        cite(r.article, r.paragraph.as_deref())
                    ),
                    format!("{at}/concerns"),
                ),
            };
            sink.value(
                Code::AmbiguousChoice,
                &pointer,
                message,
                Some(format!("set `concerns` to one of {}", options.join(" or "))),
            );
            continue;
        }
        if permissions.is_empty() {
            let on_article: Vec<String> = instrument
                .permissions
                .iter()
                .filter(|p| kinds.contains(&p.kind) && p.article == choice.article)
                .map(|p| p.provision())
                .collect();
            let hint = if on_article.is_empty() {
                let all: Vec<String> = instrument
                    .permissions
                    .iter()
                    .filter(|p| kinds.contains(&p.kind))
                    .map(|p| p.provision())
                    .collect();
                format!(
                    "{} permits a {noun} only on: {}",
                    instrument.number,
                    all.join("; ")
                )
            } else {
                format!(
                    "on Article {} the treaty permits a {noun} only on: {}",
                    choice.article,
                    on_article.join("; ")
                )
            };
            let d = sink.value(
                code,
                &format!("{at}/article"),
                format!(
                    "{} does not permit a {noun} on {provision}",
                    instrument.number
                ),
                Some(hint),
            );
            if choice.status == ChoiceStatus::Planned {
                d.severity = DiagnosticSeverity::Warning;
                d.message
                    .push_str(" (planned: it would be invalid if made)");
            }
            continue;
        }
        let ids: Vec<&str> = permissions.iter().map(|p| p.id.as_str()).collect();
        if let Some((_, first)) = seen
            .iter()
            .find(|(s, _)| s.iter().any(|id| ids.contains(id)))
        {
            sink.value(
                Code::DuplicateChoice,
                &format!("{at}/article"),
                format!("the {noun} on {provision} is recorded twice (first at index {first})"),
                Some(format!(
                    "keep one {noun}; list in its `elements` everything it covers"
                )),
            );
        } else {
            seen.push((ids, i));
        }
        let allowed: Vec<&str> = permissions
            .iter()
            .flat_map(|p| p.removes.iter().chain(&p.permits))
            .map(String::as_str)
            .collect();
        for (j, e) in choice.elements.iter().enumerate() {
            if !allowed.contains(&e.as_str()) {
                let hint = did_you_mean(e, allowed.iter().copied()).or_else(|| {
                    Some(if allowed.is_empty() {
                        format!("the {noun} on {provision} covers no element: remove `elements`")
                    } else {
                        format!("the {noun} on {provision} covers {}", ticks(&allowed))
                    })
                });
                sink.value(
                    Code::UnknownElement,
                    &format!("{at}/elements/{j}"),
                    format!("`{e}` is not covered by the {noun} on {provision}"),
                    hint,
                );
            }
        }
    }
}

/// The article an assessment key names, or `None` (with a diagnostic) when the key is not
/// `art-N` for an article of the instrument. `art-02` and `art-+4` are refused rather than
/// read as Article 2 and 4: the engine would count one twice or drop it.
fn article_key<'i>(
    sink: &mut Sink<'_>,
    instrument: &'i Instrument,
    articles: &std::collections::BTreeMap<String, ArticleAssessment>,
    key: &str,
    at: &str,
) -> Option<&'i Article> {
    let last = instrument.articles().map(|a| a.number).max().unwrap_or(0);
    let digits: String = key.chars().filter(char::is_ascii_digit).collect();
    let number = digits.parse::<u16>().ok();
    let canonical = number.map(|n| format!("art-{n}"));
    if canonical.as_deref() == Some(key)
        && let Some(article) = instrument.article_by_id(key)
    {
        return Some(article);
    }
    match number.and_then(|n| instrument.article(n)) {
        Some(article) => {
            let right = article.id();
            let twice = if articles.contains_key(&right) {
                format!(
                    "; `{right}` is assessed too, so Article {} would count twice",
                    article.number
                )
            } else {
                String::new()
            };
            sink.key(
                Code::InvalidArticleKey,
                at,
                format!(
                    "`{key}` is not how articles are keyed: Article {} is `{right}`{twice}",
                    article.number
                ),
                Some(if twice.is_empty() {
                    format!("rename the key to `{right}`")
                } else {
                    format!("merge the two entries under `{right}`")
                }),
            );
        }
        None => {
            let hint = if number.is_some() {
                format!(
                    "{} has articles 1 to {last}, keyed `art-1` … `art-{last}`",
                    instrument.number
                )
            } else {
                format!("articles are keyed `art-1` … `art-{last}`")
            };
            sink.key(
                Code::UnknownArticle,
                at,
                format!("`{key}` is not an article of {}", instrument.number),
                Some(hint),
            );
        }
    }
    None
}

/// Each provision is cited once per article, in `provisions` and in `suggestions`.
fn citations_once(sink: &mut Sink<'_>, entry: &ArticleAssessment, at: &str) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (j, p) in entry.provisions.iter().enumerate() {
        if let Some(first) = seen.insert(p.as_str(), j) {
            seen.insert(p.as_str(), first);
            sink.value(
                Code::DuplicateCitation,
                &format!("{at}/provisions/{j}"),
                format!(
                    "the provision `{p}` is cited twice for this article (first at index {first})"
                ),
                Some("remove the second citation".into()),
            );
        }
    }
    let mut suggested: HashMap<&str, usize> = HashMap::new();
    for (j, s) in entry.suggestions.iter().enumerate() {
        if let Some(first) = suggested.insert(s.provision.as_str(), j) {
            suggested.insert(s.provision.as_str(), first);
            sink.value(
                Code::DuplicateCitation,
                &format!("{at}/suggestions/{j}/provision"),
                format!("the provision `{}` is suggested twice for this article (first at index {first})", s.provision),
                Some("remove the second suggestion".into()),
            );
        }
    }
}

/// Names, ids, titles and references that a report prints must say something, and a law's URL
/// must be a web address that cannot break a Markdown table or become a script link.
fn texts(profile: &Profile, sink: &mut Sink<'_>) {
    let mut required: Vec<(String, &str)> = vec![
        (
            "/jurisdiction/name".into(),
            profile.jurisdiction.name.as_str(),
        ),
        ("/document/title".into(), profile.document.title.as_str()),
        (
            "/document/language".into(),
            profile.document.language.as_str(),
        ),
    ];
    for (i, l) in profile.laws.iter().enumerate() {
        required.push((format!("/laws/{i}/id"), &l.id));
        required.push((format!("/laws/{i}/title"), &l.title));
    }
    for (i, p) in profile.provisions.iter().enumerate() {
        required.push((format!("/provisions/{i}/id"), &p.id));
        required.push((format!("/provisions/{i}/law"), &p.law));
        required.push((format!("/provisions/{i}/ref"), &p.reference));
    }
    for (id, status) in &profile.instruments {
        for (key, list) in [
            ("reservations", &status.reservations),
            ("declarations", &status.declarations),
        ] {
            for (i, c) in list.iter().enumerate() {
                if let Some(p) = &c.paragraph {
                    required.push((
                        format!("/instruments/{}/{key}/{i}/paragraph", escape(id)),
                        p,
                    ));
                }
            }
        }
    }
    for (pointer, text) in &required {
        let one_line = !pointer.ends_with("/language") && !pointer.ends_with("/paragraph");
        if one_line && text.contains(['\n', '\t']) {
            let what = pointer.rsplit('/').next().unwrap_or("value");
            let (found, hint) = if text.contains('\n') {
                (
                    "a line break",
                    "join the lines (a line break here usually comes from pasting)",
                )
            } else {
                ("a tab", "replace the tab with a space")
            };
            sink.value(
                Code::LineBreak,
                pointer,
                format!("`{what}` holds {found}, but reports print it on one line"),
                Some(hint.into()),
            );
        }
    }
    for (pointer, text) in required {
        if text.trim().is_empty() {
            let what = pointer.rsplit('/').next().unwrap_or("value").to_string();
            sink.value(
                Code::EmptyText,
                &pointer,
                format!("`{what}` is empty"),
                Some(if what == "name" {
                    "give the jurisdiction's name as reports should print it".into()
                } else if what == "paragraph" {
                    "give the paragraph (`3`, `1.b`), or leave `paragraph` out for an unnumbered article".into()
                } else {
                    "fill it in, or remove the entry".to_string()
                }),
            );
        }
    }
    note_links(profile, sink);
    for (i, l) in profile.laws.iter().enumerate() {
        if let Some(url) = &l.url
            && let Err(why) = web_address(url)
        {
            sink.value(
                Code::InvalidUrl,
                &format!("/laws/{i}/url"),
                format!("the URL of law `{}` {why}", l.id),
                Some("give the law's official http or https address, or leave `url` out".into()),
            );
        }
    }
}

/// Links in the Markdown fields (notes, sources) must be web or mail addresses that a PDF can
/// carry: `javascript:` or `data:` would become PDF link actions, and a PDF link is ASCII.
fn note_links(profile: &Profile, sink: &mut Sink<'_>) {
    let mut notes: Vec<(String, &str)> =
        vec![("/document/sources".into(), &profile.document.sources)];
    if let Some(n) = &profile.document.note {
        notes.push(("/document/note".into(), n));
    }
    for (id, articles) in &profile.assessment {
        for (key, entry) in articles {
            let at = format!("/assessment/{}/{}", escape(id), escape(key));
            if let Some(n) = &entry.note {
                notes.push((format!("{at}/note"), n));
            }
            for (eid, e) in &entry.elements {
                if let Some(n) = &e.note {
                    notes.push((format!("{at}/elements/{}/note", escape(eid)), n));
                }
            }
            for (j, l) in entry.limitations.iter().enumerate() {
                if let Some(n) = &l.note {
                    notes.push((format!("{at}/limitations/{j}/note"), n));
                }
            }
        }
    }
    for (pointer, text) in notes {
        let options =
            pulldown_cmark::Options::ENABLE_STRIKETHROUGH | pulldown_cmark::Options::ENABLE_TABLES;
        for event in pulldown_cmark::Parser::new_ext(text, options) {
            let url = match event {
                pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { dest_url, .. })
                | pulldown_cmark::Event::Start(pulldown_cmark::Tag::Image { dest_url, .. }) => {
                    dest_url
                }
                _ => continue,
            };
            let lower = url.to_ascii_lowercase();
            let why = if lower.starts_with("mailto:") {
                None
            } else {
                web_address(&url).err()
            };
            if let Some(why) = why {
                sink.value(
                    Code::InvalidUrl,
                    &pointer,
                    format!("the link `{url}` in this text {why}"),
                    Some("link to an http, https or mailto address, percent-encoded".into()),
                );
            }
        }
    }
}

/// Whether `url` is an `http` or `https` address with a host and nothing that a Markdown table
/// or a PDF link would misread.
fn web_address(url: &str) -> Result<(), String> {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        let scheme = lower.split(':').next().filter(|s| s.len() < lower.len());
        return Err(match scheme {
            Some(s) => format!("uses `{s}:`; only http and https addresses are allowed"),
            None => "is not an http or https address".into(),
        });
    };
    if rest.split(['/', '?', '#']).next().is_none_or(str::is_empty) {
        return Err("has no host name".into());
    }
    if let Some(c) = url
        .chars()
        .find(|c| !c.is_ascii() && !c.is_whitespace() && !c.is_control())
    {
        return Err(format!(
            "holds `{c}`; a link in a PDF is ASCII: write it percent-encoded (é is %C3%A9)"
        ));
    }
    if let Some(c) = url
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || matches!(c, '|' | '<' | '>' | '"' | '`'))
    {
        let name = match c {
            ' ' => "a space".to_string(),
            '\n' => "a line break".to_string(),
            c if c.is_control() || c.is_whitespace() => format!("the character U+{:04X}", c as u32),
            c => format!("`{c}`"),
        };
        return Err(format!(
            "holds {name}; write it percent-encoded (a space is %20, `|` is %7C)"
        ));
    }
    Ok(())
}

/// `carried_over` needs an article whose elements another instrument's ratings decide, and
/// leaves those elements to them.
fn carry_over(
    sink: &mut Sink<'_>,
    article: &crate::instrument::Article,
    entry: &crate::profile::ArticleAssessment,
    at: &str,
) {
    if !entry.carried_over {
        return;
    }
    let decided: Vec<(&str, &crate::instrument::CarryOver)> = article
        .carries_over
        .iter()
        .filter_map(|c| c.element.as_deref().map(|e| (e, c)))
        .collect();
    if decided.is_empty() {
        sink.value(
            Code::InvalidCarryOver,
            &format!("{at}/carried_over"),
            format!(
                "Article {} ({}) carries no assessment over from another instrument",
                article.number, article.title
            ),
            Some("remove `carried_over` and assess the article's elements".into()),
        );
        return;
    }
    for (eid, c) in decided {
        if entry.elements.contains_key(eid) {
            sink.key(
                Code::InvalidCarryOver,
                &format!("{at}/elements/{}", escape(eid)),
                format!(
                    "`{eid}` is carried over from the {} ratings of Articles {}, so it takes no status here",
                    Instrument::by_id(&c.instrument).map_or(c.instrument.as_str(), |i| i.number.as_str()),
                    crate::instrument::article_range(&c.articles)
                ),
                Some(
                    "remove this element's entry (put its note in the article's `note`), or remove `carried_over` to assess it yourself"
                        .into(),
                ),
            );
        }
    }
}
