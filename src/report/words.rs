//! The report's words in each language: fixed labels in a [`Words`] table per language (the
//! compiler checks that both have every label), and the sentences with numbers in them as
//! functions with one arm per language. English is the reference; French is our own writing.

use super::fr;
use crate::assess::{
    Coverage, Index, PracticeFinding, Rating, Reason, Recommendation, Shortcoming, Tally, ToAssess,
};
use crate::i18n::Lang;
use crate::profile::{Severity, Status};

/// The fixed labels of the report. Some are used by the PDF only.
#[cfg_attr(not(feature = "pdf"), allow(dead_code))]
pub(crate) struct Words {
    pub executive_summary: &'static str,
    pub treaty_status: &'static str,
    pub summary: &'static str,
    pub overview: &'static str,
    pub changes: &'static str,
    pub recommendations: &'static str,
    pub gaps: &'static str,
    pub annex_to_assess: &'static str,
    pub part: &'static str,
    pub other_instruments: &'static str,
    pub annex_texts: &'static str,
    pub methodology: &'static str,
    pub sources: &'static str,
    pub about_profile: &'static str,
    pub disclaimer: &'static str,
    pub contents: &'static str,
    pub jurisdiction: &'static str,
    pub instrument: &'static str,
    pub document: &'static str,
    pub as_of: &'static str,
    pub prepared_by: &'static str,
    pub index: &'static str,
    pub key_findings: &'static str,
    pub top_recommendations: &'static str,
    pub next_steps: &'static str,
    pub step: &'static str,
    pub date: &'static str,
    pub status: &'static str,
    pub no_choice: &'static str,
    pub kind: &'static str,
    pub provision: &'static str,
    pub basis: &'static str,
    pub effect: &'static str,
    pub text: &'static str,
    pub effect_and_text: &'static str,
    pub division: &'static str,
    pub index_chart: &'static str,
    pub without_reservations: &'static str,
    pub assessed: &'static str,
    pub not_assessed_col: &'static str,
    pub all_scored: &'static str,
    pub article: &'static str,
    pub rating: &'static str,
    pub elements: &'static str,
    pub all: &'static str,
    pub requirement: &'static str,
    pub domestic_provisions: &'static str,
    pub domestic_provision: &'static str,
    pub what_it_provides: &'static str,
    pub no_provision: &'static str,
    pub text_in_annex: &'static str,
    pub given_in_full_under: &'static str,
    pub paragraph: &'static str,
    pub para: &'static str,
    pub element: &'static str,
    pub note: &'static str,
    pub option: &'static str,
    pub in_domestic_law: &'static str,
    pub options_heading: &'static str,
    pub reasons: &'static str,
    pub assessors_note: &'static str,
    pub no_recommendation: &'static str,
    pub no_gap: &'static str,
    pub severity: &'static str,
    pub gap: &'static str,
    pub recommendation: &'static str,
    pub rec_short: &'static str,
    pub art_short: &'static str,
    pub nothing_to_assess: &'static str,
    pub to_assess_intro: &'static str,
    pub texts_intro: &'static str,
    pub law: &'static str,
    pub citation: &'static str,
    pub official_text: &'static str,
    pub improved: &'static str,
    pub regressed: &'static str,
    pub other_changes: &'static str,
    pub gaps_closed: &'static str,
    pub gaps_opened: &'static str,
    pub gaps_changed: &'static str,
    pub not_assessed: &'static str,
    pub not_assessed_lower: &'static str,
    pub signature: &'static str,
    pub ratification: &'static str,
    pub accession: &'static str,
    pub entry_into_force: &'static str,
    pub status_row: &'static str,
    pub reservation: &'static str,
    pub declaration: &'static str,
    pub designation: &'static str,
    pub made: &'static str,
    pub planned: &'static str,
    pub not_permitted: &'static str,
    pub draft_law: &'static str,
    pub law_in_force: &'static str,
    pub in_force: &'static str,
    pub draft: &'static str,
    pub repealed: &'static str,
    pub party: &'static str,
    pub signatory: &'static str,
    pub not_signed: &'static str,
    pub qualifier_required: &'static str,
    pub bar_chart: &'static str,
    /// The marker after an article title that is the English one, its French title not
    /// verified; empty in English.
    pub unverified_mark: &'static str,
    pub unverified_legend: &'static str,
    pub overview_header: [&'static str; 4],
}

const EN: Words = Words {
    executive_summary: "Executive summary",
    treaty_status: "Treaty status",
    summary: "Summary",
    overview: "Overview of ratings",
    changes: "Changes since the previous version",
    recommendations: "Recommendations",
    gaps: "Gaps",
    annex_to_assess: "Annex: to assess",
    part: "Part",
    other_instruments: "Other instruments assessed",
    annex_texts: "Annex: texts of the provisions cited",
    methodology: "Methodology and legend",
    sources: "Sources",
    about_profile: "About this profile",
    disclaimer: "Disclaimer",
    contents: "Contents",
    jurisdiction: "Jurisdiction",
    instrument: "Instrument",
    document: "Document",
    as_of: "As of",
    prepared_by: "Prepared by",
    index: "Index",
    key_findings: "Key findings",
    top_recommendations: "Top recommendations",
    next_steps: "Next steps",
    step: "Step",
    date: "Date",
    status: "Status",
    no_choice: "No reservation or declaration is recorded.",
    kind: "Kind",
    provision: "Provision",
    basis: "Basis",
    effect: "Effect",
    text: "Text",
    effect_and_text: "Effect and text",
    division: "Division",
    index_chart: "Index chart",
    without_reservations: "Without reservations",
    assessed: "Assessed",
    not_assessed_col: "Not assessed",
    all_scored: "All scored articles",
    article: "Article",
    rating: "Rating",
    elements: "Elements",
    all: "all",
    requirement: "Convention requirement",
    domestic_provisions: "Domestic provisions",
    domestic_provision: "Domestic provision",
    what_it_provides: "What it provides",
    no_provision: "No provision cited.",
    text_in_annex: "Text in the annex",
    given_in_full_under: "Given in full under ",
    paragraph: "Paragraph",
    para: "Para.",
    element: "Element",
    note: "Note",
    option: "Option",
    in_domestic_law: "In domestic law",
    options_heading: "Options the Convention permits but does not require",
    reasons: "Reasons",
    assessors_note: "Assessor's note",
    no_recommendation: "No recommendation.",
    no_gap: "No gap.",
    severity: "Severity",
    gap: "Gap",
    recommendation: "Recommendation",
    rec_short: "Rec.",
    art_short: "Art.",
    nothing_to_assess: "Nothing: every applicable element is assessed.",
    to_assess_intro: "What the assessor has not yet looked at. These are not recommendations to the State.",
    texts_intro: "The provisions whose text the profile quotes, in the language of the law.",
    law: "Law",
    citation: "Citation",
    official_text: "Official text",
    improved: "Improved",
    regressed: "Regressed",
    other_changes: "Newly or no longer assessed",
    gaps_closed: "Gaps closed",
    gaps_opened: "Gaps opened",
    gaps_changed: "Gaps changed in severity",
    not_assessed: "Not assessed",
    not_assessed_lower: "not assessed",
    signature: "Signature",
    ratification: "Ratification",
    accession: "Accession",
    entry_into_force: "Entry into force",
    status_row: "Status",
    reservation: "Reservation",
    declaration: "Declaration",
    designation: "Designation",
    made: "made",
    planned: "planned",
    not_permitted: "not permitted",
    draft_law: "Draft law",
    law_in_force: "Law in force",
    in_force: "in force",
    draft: "draft",
    repealed: "repealed",
    party: "Party",
    signatory: "Signatory",
    not_signed: "Not signed",
    qualifier_required: "Required by domestic law (qualifier)",
    bar_chart: "Bar chart of ratings",
    unverified_mark: "",
    unverified_legend: "",
    overview_header: ["Article", "Rating", "Elements", "Assessed"],
};

const FR: Words = Words {
    executive_summary: "Synthèse",
    treaty_status: "Situation au regard du traité",
    summary: "Résumé",
    overview: "Vue d’ensemble des notations",
    changes: "Évolution depuis la version précédente",
    recommendations: "Recommandations",
    gaps: "Lacunes",
    annex_to_assess: "Annexe : points à évaluer",
    part: "Partie",
    other_instruments: "Autres instruments évalués",
    annex_texts: "Annexe : textes des dispositions citées",
    methodology: "Méthodologie et légende",
    sources: "Sources",
    about_profile: "À propos de ce profil",
    disclaimer: "Avertissement",
    contents: "Sommaire",
    jurisdiction: "Juridiction",
    instrument: "Instrument",
    document: "Document",
    as_of: "À jour au",
    prepared_by: "Établi par",
    index: "Indice",
    key_findings: "Principales constatations",
    top_recommendations: "Recommandations prioritaires",
    next_steps: "Prochaines étapes",
    step: "Étape",
    date: "Date",
    status: "Statut",
    no_choice: "Aucune réserve ni déclaration n’est enregistrée.",
    kind: "Type",
    provision: "Disposition",
    basis: "Fondement",
    effect: "Effet",
    text: "Texte",
    effect_and_text: "Effet et texte",
    division: "Partie",
    index_chart: "Graphique de l’indice",
    without_reservations: "Sans les réserves",
    assessed: "Évalués",
    not_assessed_col: "Non évalués",
    all_scored: "Ensemble des articles notés",
    article: "Article",
    rating: "Notation",
    elements: "Éléments",
    all: "tous",
    requirement: "Exigence de la Convention",
    domestic_provisions: "Dispositions nationales",
    domestic_provision: "Disposition nationale",
    what_it_provides: "Ce qu’elle prévoit",
    no_provision: "Aucune disposition citée.",
    text_in_annex: "Texte en annexe",
    given_in_full_under: "Présentée en entier sous l’",
    paragraph: "Paragraphe",
    para: "Par.",
    element: "Élément",
    note: "Note",
    option: "Option",
    in_domestic_law: "En droit interne",
    options_heading: "Options que la Convention permet sans les imposer",
    reasons: "Motifs",
    assessors_note: "Note de l’évaluateur",
    no_recommendation: "Aucune recommandation.",
    no_gap: "Aucune lacune.",
    severity: "Gravité",
    gap: "Lacune",
    recommendation: "Recommandation",
    rec_short: "Rec.",
    art_short: "Art.",
    nothing_to_assess: "Rien : tous les éléments applicables sont évalués.",
    to_assess_intro: "Ce que l’évaluateur n’a pas encore examiné. Il ne s’agit pas de recommandations adressées à l’État.",
    texts_intro: "Les dispositions dont le profil cite le texte, dans la langue de la loi.",
    law: "Loi",
    citation: "Référence",
    official_text: "Texte officiel",
    improved: "En progrès",
    regressed: "En recul",
    other_changes: "Nouvellement évalués ou plus évalués",
    gaps_closed: "Lacunes comblées",
    gaps_opened: "Nouvelles lacunes",
    gaps_changed: "Lacunes dont la gravité a changé",
    not_assessed: "Non évalué",
    not_assessed_lower: "non évalué",
    signature: "Signature",
    ratification: "Ratification",
    accession: "Adhésion",
    entry_into_force: "Entrée en vigueur",
    status_row: "Statut",
    reservation: "Réserve",
    declaration: "Déclaration",
    designation: "Désignation",
    made: "formulée",
    planned: "envisagée",
    not_permitted: "non autorisée",
    draft_law: "Projet de loi",
    law_in_force: "Droit en vigueur",
    in_force: "en vigueur",
    draft: "projet",
    repealed: "abrogée",
    party: "Partie",
    signatory: "Signataire",
    not_signed: "Non signataire",
    qualifier_required: "Exigé par le droit interne (condition facultative)",
    bar_chart: "Diagramme en barres des notations",
    unverified_mark: " †",
    unverified_legend: "† Titre anglais de la Convention : le titre français authentique n’a pas été vérifié dans une source.",
    overview_header: ["Article", "Notation", "Éléments", "Évalués"],
};

/// The fixed labels in `lang`.
pub(crate) fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Fr => &FR,
    }
}

/// A number to one decimal: `72.4`, `72,4` in French.
pub(crate) fn decimal(lang: Lang, v: f64) -> String {
    let s = format!("{v:.1}");
    match lang {
        Lang::En => s,
        Lang::Fr => s.replace('.', ","),
    }
}

/// An index or score to one decimal, `n/a` (`n.d.`) when there is none.
pub(crate) fn percent(lang: Lang, x: Option<f64>) -> String {
    match (lang, x) {
        (Lang::En, _) => super::percent(x),
        (Lang::Fr, Some(v)) => decimal(lang, v),
        (Lang::Fr, None) => "n.d.".into(),
    }
}

/// A rating in words: `Largely compliant`.
pub(crate) fn rating_label(lang: Lang, r: Rating) -> &'static str {
    match lang {
        Lang::En => r.label(),
        Lang::Fr => fr::rating_label(r),
    }
}

/// `minor`, `major`.
pub(crate) fn severity(lang: Lang, s: Severity) -> &'static str {
    match lang {
        Lang::En => s.as_str(),
        Lang::Fr => fr::severity(s),
    }
}

/// A priority key (`high`, `medium`) in words.
pub(crate) fn priority(lang: Lang, key: &str) -> String {
    match (lang, key) {
        (Lang::Fr, "high") => "élevée".into(),
        (Lang::Fr, "medium") => "moyenne".into(),
        (_, k) => k.to_string(),
    }
}

/// An element's status.
pub(crate) fn status_label(lang: Lang, s: Status) -> &'static str {
    match (lang, s) {
        (Lang::En, Status::Met) => "Met",
        (Lang::En, Status::Partly) => "Partly met",
        (Lang::En, Status::NotMet) => "Not met",
        (Lang::En, Status::NotAssessed) => "Not assessed",
        (Lang::Fr, Status::Met) => "Satisfait",
        (Lang::Fr, Status::Partly) => "Satisfait en partie",
        (Lang::Fr, Status::NotMet) => "Non satisfait",
        (Lang::Fr, Status::NotAssessed) => "Non évalué",
    }
}

/// Whether domestic law makes an option available.
pub(crate) fn option_label(lang: Lang, s: Status) -> &'static str {
    match (lang, s) {
        (Lang::En, Status::Met) => "Available in domestic law",
        (Lang::En, Status::Partly) => "Available in part",
        (Lang::En, Status::NotMet) => "Not available (the Convention does not require it)",
        (Lang::En, Status::NotAssessed) => "Not assessed",
        (Lang::Fr, Status::Met) => "Disponible en droit interne",
        (Lang::Fr, Status::Partly) => "Disponible en partie",
        (Lang::Fr, Status::NotMet) => "Non disponible (la Convention ne l’exige pas)",
        (Lang::Fr, Status::NotAssessed) => "Non évalué",
    }
}

pub(crate) fn tally(lang: Lang, t: &Tally) -> String {
    match lang {
        Lang::En => t.to_string(),
        Lang::Fr => fr::tally(t),
    }
}

pub(crate) fn coverage(lang: Lang, c: &Coverage) -> String {
    match lang {
        Lang::En => c.to_string(),
        Lang::Fr => fr::coverage(c),
    }
}

pub(crate) fn reason(lang: Lang, r: &Reason) -> String {
    match lang {
        Lang::En => r.to_string(),
        Lang::Fr => fr::reason(r),
    }
}

pub(crate) fn shortcoming(lang: Lang, s: &Shortcoming) -> String {
    match lang {
        Lang::En => s.to_string(),
        Lang::Fr => fr::shortcoming(s),
    }
}

pub(crate) fn recommendation(lang: Lang, r: &Recommendation) -> String {
    match lang {
        Lang::En => r.to_string(),
        Lang::Fr => fr::recommendation(r),
    }
}

pub(crate) fn to_assess(lang: Lang, t: &ToAssess) -> String {
    match lang {
        Lang::En => t.to_string(),
        Lang::Fr => fr::to_assess(t),
    }
}

pub(crate) fn practice(lang: Lang, p: &PracticeFinding) -> String {
    match lang {
        Lang::En => p.to_string(),
        Lang::Fr => fr::practice(p),
    }
}

/// `72.4 / 100 over 180 of 200 elements assessed`, or why there is no headline.
pub(crate) fn headline(lang: Lang, index: &Index) -> String {
    match lang {
        Lang::En => super::model::headline(index),
        Lang::Fr => {
            let c = fr::coverage(&index.coverage);
            match (index.headline, index.score) {
                (Some(h), _) => format!("{} / 100 ({c})", decimal(lang, h)),
                (None, Some(_)) => format!("couverture insuffisante ({c})"),
                (None, None) => format!("aucun article noté ({c})"),
            }
        }
    }
}

/// A provision of the treaty in a table cell: `Article 6, paragraph 3`.
pub(crate) fn provision_cell(lang: Lang, english: &str) -> String {
    match lang {
        Lang::En => english.to_string(),
        Lang::Fr => english
            .replace(" (concerning ETS No. ", " (relative à la STE no ")
            .replace(", paragraph ", ", paragraphe "),
    }
}

/// `Go to …`, the description of an internal link.
#[cfg_attr(not(feature = "pdf"), allow(dead_code))]
pub(crate) fn go_to(lang: Lang, what: &str) -> String {
    match lang {
        Lang::En => format!("Go to {what}"),
        Lang::Fr => format!("Aller à : {what}"),
    }
}

/// `All 3 core element(s) are met.` or `The other 5 core element(s) are met.`
pub(crate) fn elements_met(lang: Lang, n: usize, all: bool) -> String {
    match (lang, all) {
        (Lang::En, true) => format!("All {n} core element(s) are met."),
        (Lang::En, false) => format!("The other {n} core element(s) are met."),
        (Lang::Fr, true) => format!("Les {n} élément(s) essentiel(s) sont tous satisfaits."),
        (Lang::Fr, false) => format!("Les {n} autre(s) élément(s) essentiel(s) sont satisfaits."),
    }
}

/// Where a carried-over element's status comes from: the other instrument's ratings and the
/// rule that turns them into a status.
pub(crate) fn carried(lang: Lang, c: &crate::assess::CarriedOver) -> String {
    let ratings: Vec<String> = c
        .ratings
        .iter()
        .map(|r| {
            let code = match (lang, r.rating) {
                (Lang::En, Rating::NotAssessed) => "not assessed",
                (Lang::Fr, Rating::NotAssessed) => "non évalué",
                (_, rating) => rating.abbreviation(),
            };
            let provisional = match (lang, r.provisional) {
                (_, false) => "",
                (Lang::En, true) => " (provisional)",
                (Lang::Fr, true) => " (provisoire)",
            };
            format!("{} {code}{provisional}", r.article)
        })
        .collect();
    let articles = c.articles();
    match lang {
        Lang::En => format!(
            "Carried over from the {} ratings of Articles {articles}: {}. Met when every one is C, \
             partly met when every one is at least PC, not met when any is NC, not assessed while \
             any is not assessed.",
            c.instrument_number,
            ratings.join(", ")
        ),
        Lang::Fr => format!(
            "Repris des notations des articles {} de la {} : {}. Satisfait si toutes sont C, \
             satisfait en partie si toutes sont au moins PC, non satisfait si l’une est NC, non \
             évalué tant que l’une n’est pas évaluée.",
            articles.replace('–', " à "),
            c.instrument_number.replace("ETS No. ", "STE no "),
            ratings.join(", ")
        ),
    }
}
