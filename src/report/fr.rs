//! The report in French: the French overlays of the checklists (`data/ets-185.fr.json` and
//! `data/ets-189.fr.json`: the treaties' authentic French titles where verified, with their
//! sources, and our own French paraphrase of every article summary and element), and the French
//! sentences for the assessment's reasons, gaps, recommendations and to-do items.
//!
//! [`localize`] gives an assessment the French texts of its titles and elements; the
//! functions below then word its reasons and advice in French, as the `Display` impls of
//! [`crate::assess`] do in English.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::assess::{
    Assessment, ChoiceValidity, Coverage, ElementRef, GapKind, PracticeFinding, Rating, Reason,
    Recommendation, Remedy, Shortcoming, Tally, ToAssess,
};
use crate::instrument::{ElementKind, Instrument, Location, PermissionKind};
use crate::profile::{ChoiceKind, ChoiceStatus, CitedProvision, Severity};

/// The embedded French overlays: the file each was read from, and its text.
const OVERLAYS: [(&str, &str); 2] = [
    (
        "data/ets-185.fr.json",
        include_str!("../../data/ets-185.fr.json"),
    ),
    (
        "data/ets-189.fr.json",
        include_str!("../../data/ets-189.fr.json"),
    ),
];

/// The French overlay of a checklist.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Overlay {
    #[serde(rename = "$comment")]
    _comment: String,
    /// The instrument it overlays.
    pub instrument: String,
    /// The instrument's authentic French title, when verified in a source (ETS 185's name
    /// is the one RS 0.311.43 gives, in [`instrument_name`]).
    #[serde(default)]
    pub title: Option<String>,
    /// The id of the source (in `sources`) where the instrument's title was read.
    #[serde(default)]
    #[cfg_attr(not(test), allow(dead_code))]
    pub title_source: Option<String>,
    /// Where the authentic French titles were read (checked by the data tests and listed in
    /// docs/report.md).
    #[cfg_attr(not(test), allow(dead_code))]
    pub sources: Vec<TitleSource>,
    /// Chapter headings by chapter number, with their section headings.
    pub chapters: BTreeMap<String, FrChapter>,
    /// What each reservation, declaration and designation allows, by permission id.
    pub permissions: BTreeMap<String, String>,
    /// By article number.
    pub articles: BTreeMap<u16, FrArticle>,
}

/// A source of authentic French titles (read by the data tests).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(not(test), allow(dead_code))]
pub(crate) struct TitleSource {
    pub id: String,
    pub url: String,
    pub what: String,
}

/// A chapter's French heading, if verified, and its sections'.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrChapter {
    #[serde(default)]
    pub heading: Option<String>,
    #[serde(default)]
    #[cfg_attr(not(test), allow(dead_code))]
    pub source: Option<String>,
    #[serde(default)]
    pub sections: BTreeMap<String, FrHeading>,
}

/// A verified French heading and where it was read.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrHeading {
    pub heading: String,
    #[cfg_attr(not(test), allow(dead_code))]
    pub source: String,
}

/// An article in French.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrArticle {
    /// The authentic French title, when verified in a source.
    #[serde(default)]
    pub title: Option<String>,
    /// The id of the source (in `sources`) where the title was read.
    #[serde(default)]
    #[cfg_attr(not(test), allow(dead_code))]
    pub title_source: Option<String>,
    /// Our French paraphrase of the article's requirement.
    pub summary: String,
    /// By element id.
    #[serde(default)]
    pub elements: BTreeMap<String, FrElement>,
}

/// An element in French: what is required, and the recommendation when it is missing.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrElement {
    pub text: String,
    pub recommendation: String,
}

/// The embedded French overlays (ETS 185 and ETS 189).
pub(crate) fn overlays() -> &'static [Overlay] {
    static CELL: OnceLock<Vec<Overlay>> = OnceLock::new();
    CELL.get_or_init(|| {
        OVERLAYS
            .iter()
            .map(|(file, text)| {
                serde_json::from_str(text)
                    .unwrap_or_else(|e| panic!("{file} parses (a test checks it): {e}"))
            })
            .collect()
    })
}

/// The French overlay of an instrument, if there is one (ETS 185 and ETS 189 have one:
/// another instrument's French report keeps its English titles and elements, marked).
pub(crate) fn overlay_for(instrument: &str) -> Option<&'static Overlay> {
    overlays().iter().find(|o| o.instrument == instrument)
}

fn article_of(instrument: &str, number: u16) -> Option<&'static FrArticle> {
    overlay_for(instrument)?.articles.get(&number)
}

/// The article's title in French: the authentic one, or the English one with the
/// unverified marker.
pub(crate) fn article_title(instrument: &str, number: u16, english: &str) -> String {
    match article_of(instrument, number).and_then(|a| a.title.as_deref()) {
        Some(t) => t.to_string(),
        None => unverified(english),
    }
}

/// `Article 2 – Accès illégal`.
pub(crate) fn article_heading(instrument: &str, number: u16, english: &str) -> String {
    format!(
        "Article {number} – {}",
        article_title(instrument, number, english)
    )
}

/// The article's requirement in French.
pub(crate) fn article_summary(instrument: &str, number: u16, english: &str) -> String {
    article_of(instrument, number).map_or_else(|| english.to_string(), |a| a.summary.clone())
}

/// An element's text in French.
pub(crate) fn element_text(instrument: &str, article: u16, id: &str, english: &str) -> String {
    article_of(instrument, article)
        .and_then(|a| a.elements.get(id))
        .map_or_else(|| english.to_string(), |e| e.text.clone())
}

fn unverified(english: &str) -> String {
    format!(
        "{english}{}",
        super::words::words(crate::Lang::Fr).unverified_mark
    )
}

/// `Chapitre II – Mesures à prendre au niveau national`.
pub(crate) fn chapter_heading(instrument: &str, loc: &Location<'_>) -> String {
    let heading = overlay_for(instrument)
        .and_then(|o| o.chapters.get(&loc.chapter.number))
        .and_then(|c| c.heading.clone())
        .unwrap_or_else(|| unverified(&loc.chapter.heading));
    format!("Chapitre {} – {heading}", loc.chapter.number)
}

fn section_words(instrument: &str, loc: &Location<'_>) -> Option<(String, String)> {
    let s = loc.section?;
    let heading = overlay_for(instrument)
        .and_then(|o| o.chapters.get(&loc.chapter.number))
        .and_then(|c| c.sections.get(&s.number))
        .map_or_else(|| unverified(&s.heading), |h| h.heading.clone());
    Some((s.number.clone(), heading))
}

/// `Section 1 – Droit pénal matériel`.
pub(crate) fn section_heading(instrument: &str, loc: &Location<'_>) -> Option<String> {
    section_words(instrument, loc).map(|(n, h)| format!("Section {n} – {h}"))
}

/// `Chapitre II, Section 1 – Droit pénal matériel`, as the English `division()`.
fn division(instrument: &str, loc: &Location<'_>) -> String {
    match section_words(instrument, loc) {
        Some((n, h)) => format!("Chapitre {}, Section {n} – {h}", loc.chapter.number),
        None => chapter_heading(instrument, loc),
    }
}

/// The French division name for an English one (`Chapter II, Section 1 – …`).
fn division_of(instrument: &Instrument, english: &str) -> String {
    instrument
        .articles_located()
        .map(|(l, _)| l)
        .find(|l| l.division() == english)
        .map_or_else(|| english.to_string(), |l| division(&instrument.id, &l))
}

fn localize_ref(instrument: &str, article: u16, e: &mut ElementRef) {
    e.text = element_text(instrument, article, &e.id, &e.text);
}

/// The assessment with French titles, divisions and element texts, and the actions of its
/// recommendations taken from the French recommendations of the elements they close.
pub(crate) fn localize(instrument: &Instrument, a: &Assessment) -> Assessment {
    let id = instrument.id.as_str();
    let mut a = a.clone();
    for d in &mut a.divisions {
        d.division = division_of(instrument, &d.division);
    }
    for r in &mut a.articles {
        let n = r.number;
        r.title = article_title(id, n, &r.title);
        r.division = division_of(instrument, &r.division);
        for e in &mut r.elements {
            e.text = element_text(id, n, &e.id, &e.text);
        }
        if let Some(p) = &mut r.practice {
            p.shortfalls.iter_mut().for_each(|e| localize_ref(id, n, e));
        }
        for reason in &mut r.reasons {
            match reason {
                Reason::Reserved { elements, .. } => {
                    elements.iter_mut().for_each(|e| localize_ref(id, n, e));
                }
                Reason::Alternative {
                    element,
                    alternative,
                } => {
                    localize_ref(id, n, element);
                    localize_ref(id, n, alternative);
                }
                Reason::QualifierPermitted { qualifier }
                | Reason::QualifierCovered { qualifier, .. }
                | Reason::QualifierUndeclared { qualifier, .. } => localize_ref(id, n, qualifier),
                Reason::Capped { by, .. } => {
                    if let Some(e) = &mut by.element {
                        localize_ref(id, n, e);
                    }
                }
                Reason::Safeguards { article, title, .. } => {
                    *title = article_title(id, *article, title);
                }
                _ => {}
            }
        }
    }
    for g in &mut a.gaps {
        g.article_title = article_title(id, g.article, &g.article_title);
        if let Some(e) = &mut g.element {
            localize_ref(id, g.article, e);
        }
    }
    for t in &mut a.to_assess {
        t.article_title = article_title(id, t.article, &t.article_title);
        if let Some(e) = &mut t.element {
            localize_ref(id, t.article, e);
        }
    }
    for r in &mut a.recommendations {
        let n = r.article;
        r.article_title = article_title(id, n, &r.article_title);
        let french: Vec<String> = r
            .closes
            .iter()
            .filter_map(|e| {
                article_of(id, n)
                    .and_then(|a| a.elements.get(&e.id))
                    .map(|x| action(&x.recommendation))
            })
            .collect();
        r.closes.iter_mut().for_each(|e| localize_ref(id, n, e));
        match &mut r.remedy {
            Remedy::Enact { actions }
            | Remedy::Amend { actions }
            | Remedy::Designate { actions }
            | Remedy::CloseCarriedGaps { actions, .. }
                if french.len() == actions.len() =>
            {
                *actions = french;
            }
            Remedy::DeclareOrAmend { qualifier, options } => {
                localize_ref(id, n, qualifier);
                options.iter_mut().for_each(|o| *o = needs(o));
            }
            Remedy::DropQualifier { qualifier } => localize_ref(id, n, qualifier),
            _ => {}
        }
    }
    a
}

/// The verb phrase of a French recommendation (`ériger en infraction …`).
fn action(template: &str) -> String {
    let phrase = template
        .strip_prefix("{jurisdiction} devrait ")
        .map(str::to_string)
        .unwrap_or_else(|| {
            format!(
                "veiller à ce que {}",
                template.replace("{jurisdiction}", "l’État")
            )
        });
    phrase.trim().trim_end_matches('.').to_string()
}

/// `the declaration on Article 2 (Article 40)` in French.
fn needs(english: &str) -> String {
    english
        .replace("the declaration on ", "la déclaration relative à l’")
        .replace("the reservation on ", "la réserve relative à l’")
        .replace("Article ", "article ")
        .replace(", paragraph ", ", paragraphe ")
}

/// `de` or `d’` before a word.
fn de(word: &str) -> &'static str {
    match word
        .chars()
        .next()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
    {
        Some('a' | 'e' | 'é' | 'è' | 'ê' | 'i' | 'o' | 'u' | 'h') => "d’",
        _ => "de ",
    }
}

/// The element's text inside a sentence: lower-case first letter, no final full stop.
fn in_text(e: &ElementRef) -> String {
    let text = e.text.trim().trim_end_matches('.');
    let mut chars = text.chars();
    match chars.next() {
        Some(c) if !chars.clone().next().is_some_and(char::is_uppercase) => {
            c.to_lowercase().chain(chars).collect()
        }
        Some(c) => std::iter::once(c).chain(chars).collect(),
        None => String::new(),
    }
}

fn quoted(e: &ElementRef) -> String {
    format!("« {} »", e.text.trim().trim_end_matches('.'))
}

/// `a`, `a et b`, `a, b et c`.
pub(crate) fn join_et(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} et {last}", init.join(", ")),
    }
}

/// A rating in words.
pub(crate) fn rating_label(r: Rating) -> &'static str {
    match r {
        Rating::C => "Conforme",
        Rating::LC => "Largement conforme",
        Rating::PC => "Partiellement conforme",
        Rating::NC => "Non conforme",
        Rating::NA => "Sans objet",
        Rating::NotAssessed => "Non évalué",
    }
}

/// `mineure`, `majeure`.
pub(crate) fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Minor => "mineure",
        Severity::Major => "majeure",
    }
}

/// `6 sur 7 satisfaits, 1 en partie`.
pub(crate) fn tally(t: &Tally) -> String {
    let mut s = format!(
        "{} sur {} satisfait{}",
        t.met,
        t.assessed(),
        if t.met > 1 { "s" } else { "" }
    );
    if t.partly > 0 {
        s.push_str(&format!(", {} en partie", t.partly));
    }
    s
}

/// `5 éléments évalués sur 6`.
pub(crate) fn coverage(c: &Coverage) -> String {
    format!(
        "{} élément{} évalué{} sur {}",
        c.assessed,
        if c.assessed > 1 { "s" } else { "" },
        if c.assessed > 1 { "s" } else { "" },
        c.applicable
    )
}

fn kind_word(k: PermissionKind) -> &'static str {
    match k {
        PermissionKind::Reservation => "la réserve",
        PermissionKind::Declaration => "la déclaration",
        PermissionKind::Designation => "la désignation",
        PermissionKind::Notification => "la notification",
    }
}

fn choice_word(k: ChoiceKind) -> &'static str {
    match k {
        ChoiceKind::Reservation => "réserve",
        ChoiceKind::Declaration => "déclaration",
    }
}

/// A provision name as the assessment words it (`Article 6, paragraph 3`), in French.
pub(crate) fn provision(english: &str) -> String {
    english
        .replace(" (concerning ETS No. ", " (relative à la STE no ")
        .replace("Article ", "article ")
        .replace(", paragraph ", ", paragraphe ")
}

/// A shortcoming in French.
pub(crate) fn shortcoming(s: &Shortcoming) -> String {
    let detail = s.detail.as_deref().unwrap_or("");
    match (s.kind, &s.element) {
        (GapKind::MissingElement, Some(e)) => format!("non satisfait : {}", in_text(e)),
        (GapKind::PartialElement, Some(e)) => format!("satisfait en partie : {}", in_text(e)),
        (GapKind::Restriction, _) => format!("restriction : {detail}"),
        (GapKind::UndeclaredQualifier, Some(e)) => format!(
            "une condition appliquée sans la déclaration ou la réserve qu’elle exige : {}",
            quoted(e)
        ),
        (GapKind::ImpermissibleChoice, _) => format!(
            "une réserve ou une déclaration que le traité n’autorise pas ({})",
            provision(
                &detail
                    .replace("reservation on ", "réserve relative à l’")
                    .replace("declaration on ", "déclaration relative à l’")
            )
        ),
        (kind, _) => kind.as_str().to_string(),
    }
}

/// A reason in French.
pub(crate) fn reason(r: &Reason) -> String {
    match r {
        Reason::Elements { tally: t, .. } => {
            let mut s = format!("Éléments applicables : {}", tally(t));
            if t.not_met > 0 {
                s.push_str(&format!(", {} non satisfait(s)", t.not_met));
            }
            s.push('.');
            s
        }
        Reason::Provisional { coverage: c } => format!(
            "Provisoire : {} ; la notation repose sur ceux-ci seulement.",
            coverage(c)
        ),
        Reason::Evidence { provisions } => format!("Preuves : {}.", provisions.join(" ; ")),
        Reason::Reserved {
            provision: p,
            elements,
        } => {
            let names: Vec<String> = elements.iter().map(in_text).collect();
            format!(
                "Sans objet en raison de la réserve relative à l’{} : {}.",
                provision(p),
                names.join(" ; ")
            )
        }
        Reason::Alternative {
            element,
            alternative,
        } => format!(
            "Réputé satisfait grâce à la solution de remplacement que l’article admet ({}) : {}.",
            in_text(alternative),
            in_text(element)
        ),
        Reason::QualifierPermitted { qualifier } => format!(
            "Le droit interne applique une condition que l’article permet : {}.",
            quoted(qualifier)
        ),
        Reason::QualifierCovered {
            qualifier,
            kind,
            provision: p,
            status,
        } => format!(
            "Le droit interne applique une condition couverte par {} relative à l’{} ({}) : {}.",
            kind_word(*kind),
            provision(p),
            match status {
                ChoiceStatus::Made => "formulée",
                ChoiceStatus::Planned => "envisagée",
            },
            quoted(qualifier)
        ),
        Reason::QualifierUndeclared {
            qualifier,
            needs: n,
        } => {
            let n: Vec<String> = n.iter().map(|x| needs(x)).collect();
            format!(
                "Le droit interne applique une condition sans {}, ce qui constitue une lacune mineure : {}.",
                n.join(" ou "),
                quoted(qualifier)
            )
        }
        Reason::Restriction { text, severity: s } => {
            format!("Restriction ({}) : {text}", severity(*s))
        }
        Reason::Capped {
            score_gives,
            cap,
            by,
        } => format!(
            "Plafonnée à {} (le score seul donnerait {}) : {}.",
            cap.abbreviation(),
            score_gives.abbreviation(),
            shortcoming(by).trim_end_matches('.')
        ),
        Reason::Safeguards {
            article,
            title,
            rating,
        } => format!(
            "Les conditions et sauvegardes applicables à ce pouvoir sont évaluées sous l’article {article} ({title}), noté « {} ».",
            rating_label(*rating).to_lowercase()
        ),
        Reason::NoApplicableElement => {
            "Aucun élément ne s’applique : l’article est sans objet.".to_string()
        }
        Reason::OptionsOnly {
            available,
            unavailable,
            not_assessed,
        } => format!(
            "L’article permet sans imposer : il n’est pas noté. Options disponibles en droit interne : {available} ; non disponibles : {unavailable} ; non évaluées : {not_assessed}."
        ),
        Reason::NotAssessed { no_entry: true } => "Le profil n’évalue pas cet article.".to_string(),
        Reason::NotAssessed { no_entry: false } => {
            "Aucun élément applicable n’a été évalué.".to_string()
        }
    }
}

/// The practice finding in French.
pub(crate) fn practice(p: &PracticeFinding) -> String {
    if !p.applies {
        return "Les critères de pratique ne s’appliquent pas à un projet de loi, qui n’a pas encore été appliqué.".into();
    }
    if p.tally.assessed() == 0 {
        return format!(
            "Pratique : {} critère(s) non évalué(s) ; ils n’entrent pas dans la notation juridique.",
            p.tally.total()
        );
    }
    let mut s = format!(
        "Pratique : application démontrée pour {} critère(s) sur {}",
        p.tally.met,
        p.tally.total()
    );
    if !p.shortfalls.is_empty() {
        let names: Vec<String> = p.shortfalls.iter().map(in_text).collect();
        s.push_str(&format!(" ; non démontrée : {}", names.join(" ; ")));
    }
    s.push_str(" ; n’entre pas dans la notation juridique.");
    s
}

/// `l’article 202a du Code pénal`: provisions grouped by law.
fn cite_grouped(provisions: &[CitedProvision]) -> String {
    let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
    for p in provisions {
        match groups.iter_mut().find(|(law, _)| *law == p.law) {
            Some((_, refs)) => refs.push(p.reference.clone()),
            None => groups.push((&p.law, vec![p.reference.clone()])),
        }
    }
    let parts: Vec<String> = groups
        .into_iter()
        .map(|(law, refs)| {
            let law = law.strip_prefix("the ").unwrap_or(law);
            if law.is_empty() {
                join_et(&refs)
            } else {
                format!("{} ({law})", join_et(&refs))
            }
        })
        .collect();
    join_et(&parts)
}

fn join_actions(actions: &[String]) -> String {
    match actions {
        [one] => one.clone(),
        _ => actions
            .iter()
            .enumerate()
            .map(|(i, a)| format!("({}) {a}", i + 1))
            .collect::<Vec<_>>()
            .join(" ; "),
    }
}

/// A recommendation in French, addressed to the State.
pub(crate) fn recommendation(r: &Recommendation) -> String {
    let art = r.article;
    let cited = cite_grouped(&r.provisions);
    let amend = if cited.is_empty() {
        "légiférer".to_string()
    } else {
        format!("modifier {cited}")
    };
    match &r.remedy {
        Remedy::Enact { actions } => {
            let a = join_actions(actions);
            format!(
                "L’État devrait légiférer pour mettre en œuvre l’article {art} ({}) afin {}{a}.",
                r.article_title,
                de(&a)
            )
        }
        Remedy::Amend { actions } => {
            let a = join_actions(actions);
            format!("L’État devrait {amend} (article {art}) afin {}{a}.", de(&a))
        }
        Remedy::Designate { actions } => {
            format!("L’État devrait {} (article {art}).", join_actions(actions))
        }
        Remedy::RemoveRestriction { restriction } => format!(
            "L’État devrait {amend} (article {art}) pour supprimer une restriction que la Convention ne prévoit pas : {}.",
            restriction.trim_end_matches('.')
        ),
        Remedy::DeclareOrAmend { qualifier, options } => format!(
            "L’État devrait soit formuler {} lors du dépôt de son instrument de ratification ou d’adhésion, soit {amend} (article {art}) pour abandonner cette condition : {}.",
            options.join(" ou "),
            quoted(qualifier)
        ),
        Remedy::DropQualifier { qualifier } => format!(
            "L’État devrait {amend} (article {art}) pour abandonner une condition que la Convention n’admet qu’avec une déclaration ou une réserve, qu’une Partie ne peut plus formuler : {}.",
            quoted(qualifier)
        ),
        Remedy::DoNotMake { kind, provision: p } => format!(
            "L’État ne devrait pas formuler la {} envisagée relative à l’{}, que la Convention n’autorise pas, et devrait mettre en œuvre la disposition dans son intégralité.",
            choice_word(*kind),
            provision(p)
        ),
        Remedy::CloseCarriedGaps {
            instrument,
            articles,
            actions,
        } => {
            let numbers: Vec<String> = articles.iter().map(ToString::to_string).collect();
            let a = join_actions(actions);
            format!(
                "L’État devrait combler les lacunes relevées {} de la {}, comme le recommande cette évaluation, afin {}{a} (article {art}).",
                match numbers.as_slice() {
                    [one] => format!("à l’article {one}"),
                    _ => format!("aux articles {}", join_et(&numbers)),
                },
                instrument.replace("ETS No. ", "STE no "),
                de(&a)
            )
        }
        Remedy::Withdraw { kind, provision: p } => format!(
            "L’État devrait envisager de retirer la {} relative à l’{}, que la Convention n’autorise pas{}, et mettre en œuvre la disposition dans son intégralité.",
            choice_word(*kind),
            provision(p),
            if *kind == ChoiceKind::Reservation {
                " (article 43)"
            } else {
                ""
            }
        ),
    }
}

/// An item to assess in French.
pub(crate) fn to_assess(t: &ToAssess) -> String {
    match (&t.element, t.kind) {
        (None, _) => format!("Évaluer l’article {} ({}).", t.article, t.article_title),
        (Some(e), Some(ElementKind::Practice)) => format!(
            "Article {} : vérifier si le pouvoir est appliqué en pratique : {}.",
            t.article,
            in_text(e)
        ),
        (Some(e), Some(ElementKind::Option)) => format!(
            "Article {} : vérifier si le droit interne offre cette option : {}.",
            t.article,
            in_text(e)
        ),
        (Some(e), _) => format!(
            "Article {} : évaluer si le droit interne prévoit ce qui suit : {}.",
            t.article,
            in_text(e)
        ),
    }
}

/// A permission's summary in French, else in English.
pub(crate) fn permission_summary(instrument: &str, p: &crate::instrument::Permission) -> String {
    overlay_for(instrument)
        .and_then(|o| o.permissions.get(&p.id))
        .map_or_else(|| p.summary.clone(), Clone::clone)
}

/// `Titre 1 – …` of Chapter III: no French overlay covers titles yet, so the English heading
/// with the unverified marker.
pub(crate) fn title_heading(number: &str, english: &str) -> String {
    format!("Titre {number} – {}", unverified(english))
}

/// An element's kind in the French checklist.
pub(crate) fn element_kind(k: crate::instrument::ElementKind) -> &'static str {
    use crate::instrument::ElementKind;
    match k {
        ElementKind::Core => "essentiel",
        ElementKind::Qualifier => "condition facultative",
        ElementKind::Option => "faculté",
        ElementKind::Practice => "pratique",
        ElementKind::Alternative => "solution de remplacement",
    }
}

/// `la réserve` without its article: `réserve`.
pub(crate) fn kind_noun(k: PermissionKind) -> &'static str {
    kind_word(k).trim_start_matches("la ")
}

/// The instrument's name in French: ETS 185's as RS 0.311.43 gives it; another's the
/// verified French title of its overlay, or else its English title, marked.
pub(crate) fn instrument_name(i: &Instrument) -> String {
    let number = i
        .number
        .replace("ETS No. ", "STE no ")
        .replace("CETS No. ", "STCE no ");
    if i.id == "ets-185" {
        "STE no 185 – Convention sur la cybercriminalité (Convention de Budapest)".into()
    } else if let Some(title) = overlay_for(&i.id).and_then(|o| o.title.as_deref()) {
        format!("{number} – {title}")
    } else {
        format!("{number} – {} ({})", unverified(&i.title), i.short_title)
    }
}

/// What the treaty lets a reservation or declaration do, in French (the permissions'
/// summaries, matched by their English text).
pub(crate) fn permission_effects(instrument: &Instrument, english: &[String]) -> String {
    english
        .iter()
        .map(|e| {
            instrument
                .permissions
                .iter()
                .find(|p| &p.summary == e)
                .and_then(|p| overlay_for(&instrument.id)?.permissions.get(&p.id))
                .map_or_else(|| e.clone(), Clone::clone)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The effect of a reservation or declaration that has none, in French.
pub(crate) fn choice_effect(
    validity: ChoiceValidity,
    provision_name: &str,
    effect: &str,
) -> String {
    match validity {
        ChoiceValidity::NotPermitted => format!(
            "Non autorisée : la Convention n’en permet aucune sur l’{}.",
            provision(provision_name)
        ),
        ChoiceValidity::TooLate => format!(
            "Sans effet : une Partie ne peut plus la formuler (seulement lors de la signature ou du dépôt de l’instrument de ratification ou d’adhésion). {effect}"
        ),
        ChoiceValidity::Valid => effect.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every article and element of each overlaid checklist (ETS 185, ETS 189) has its French
    /// text, every recommendation reads as `action` expects, and no overlay names anything its
    /// checklist lacks.
    #[test]
    fn every_article_and_element_has_a_french_text_and_no_key_is_an_orphan() {
        let ids: Vec<&str> = overlays().iter().map(|o| o.instrument.as_str()).collect();
        assert_eq!(ids, ["ets-185", "ets-189"]);
        for fr in overlays() {
            let ets = Instrument::by_id(&fr.instrument).expect("an overlay names an instrument");
            covers(ets, fr);
        }
    }

    fn covers(ets: &Instrument, fr: &Overlay) {
        let id = &ets.id;
        for a in ets.articles() {
            let f = fr
                .articles
                .get(&a.number)
                .unwrap_or_else(|| panic!("{id} Article {} has no French text", a.number));
            assert!(!f.summary.trim().is_empty(), "{id} Article {}", a.number);
            for (_, e) in a.elements() {
                let x = f
                    .elements
                    .get(&e.id)
                    .unwrap_or_else(|| panic!("{id} art-{}.{} has no French text", a.number, e.id));
                assert!(!x.text.trim().is_empty(), "{id} art-{}.{}", a.number, e.id);
                assert!(
                    x.recommendation.starts_with("{jurisdiction} devrait ")
                        || x.recommendation.starts_with("Pour information : "),
                    "{id} art-{}.{}: {}",
                    a.number,
                    e.id,
                    x.recommendation
                );
            }
            for e in f.elements.keys() {
                assert!(
                    a.element(e).is_some(),
                    "orphan French element {id} art-{}.{e}",
                    a.number
                );
            }
        }
        for n in fr.articles.keys() {
            assert!(ets.article(*n).is_some(), "orphan French article {id} {n}");
        }
        for p in &ets.permissions {
            assert!(
                fr.permissions.contains_key(&p.id),
                "{id} {} has no French text",
                p.id
            );
        }
        for p in fr.permissions.keys() {
            assert!(
                ets.permissions.iter().any(|x| &x.id == p),
                "orphan French permission {id} {p}"
            );
        }
    }

    /// An instrument without an overlay never borrows another's titles or elements.
    #[test]
    fn an_overlay_applies_to_its_own_instrument_only() {
        assert_eq!(
            article_title("ets-185", 2, "Illegal access"),
            "Accès illégal"
        );
        let other = Instrument::cets_224();
        assert!(overlay_for(&other.id).is_none());
        let a = other
            .articles()
            .find(|a| a.elements().next().is_some())
            .expect("CETS 224 has an article with elements");
        let n = a.number;
        assert_eq!(
            article_title(&other.id, n, &a.title),
            format!("{} †", a.title)
        );
        assert_eq!(article_summary(&other.id, n, &a.summary), a.summary);
        let (_, e) = a.elements().next().unwrap();
        assert_eq!(element_text(&other.id, n, &e.id, &e.text), e.text);
        // ETS 189 has its own overlay, not ETS 185's: its Article 2 is a definition.
        let p = Instrument::ets_189().article(2).unwrap();
        assert!(
            article_summary("ets-189", 2, &p.summary).starts_with("Définit le matériel raciste"),
            "{}",
            article_summary("ets-189", 2, &p.summary)
        );
        assert_eq!(
            article_title("ets-189", 2, &p.title),
            format!("{} †", p.title)
        );
    }

    /// A French title is there only with the source it was read in, and every source is
    /// cited by a title.
    #[test]
    fn every_french_title_names_a_source_that_exists() {
        for fr in overlays() {
            sourced(fr);
        }
    }

    fn sourced(fr: &Overlay) {
        let id = &fr.instrument;
        let ids: Vec<&str> = fr.sources.iter().map(|s| s.id.as_str()).collect();
        match (&fr.title, &fr.title_source) {
            (Some(_), Some(s)) => assert!(ids.contains(&s.as_str()), "{id}: {s}"),
            (None, None) => {}
            _ => panic!("{id}: the title needs its source, and a source its title"),
        }
        for (n, a) in &fr.articles {
            match (&a.title, &a.title_source) {
                (Some(_), Some(s)) => assert!(ids.contains(&s.as_str()), "{id} Article {n}: {s}"),
                (None, None) => {}
                _ => panic!("{id} Article {n}: a title needs its source, and a source its title"),
            }
        }
        for c in fr.chapters.values() {
            if let Some(s) = &c.source {
                assert!(ids.contains(&s.as_str()), "{id}: {s}");
            }
            assert_eq!(c.heading.is_some(), c.source.is_some());
            for s in c.sections.values() {
                assert!(ids.contains(&s.source.as_str()), "{id}: {}", s.source);
            }
        }
        for s in &fr.sources {
            assert!(s.url.starts_with("http"), "{}", s.url);
            assert!(
                !s.what.trim().is_empty(),
                "{}: say what the source is",
                s.id
            );
            assert!(
                fr.title_source.as_ref() == Some(&s.id)
                    || fr
                        .articles
                        .values()
                        .any(|a| a.title_source.as_ref() == Some(&s.id))
                    || fr
                        .chapters
                        .values()
                        .any(|c| c.source.as_ref() == Some(&s.id)
                            || c.sections.values().any(|x| x.source == s.id)),
                "{id}: source {} is cited by nothing",
                s.id
            );
        }
    }
}
