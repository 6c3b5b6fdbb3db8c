//! The country-profile report, built once from an assessment and its profile; the Markdown
//! and PDF renderers draw this and nothing else.

use serde::Serialize;

use super::fr;
use super::rich::RichText;
use super::words::{self, words};
use crate::Lang;
use crate::assess::{Assessment, ChoiceValidity, Gap, Index, Rating, Reason};
use crate::instrument::{ElementKind, Instrument, PermissionKind};
use crate::profile::{ChoiceStatus, DocumentKind, Profile, Severity, Status};

/// What every French report says at its end.
pub const DISCLAIMER_FR: &str = "Ce rapport est produit par budapest-gap, un outil destiné aux experts. Il applique une méthode documentée aux informations du profil ; il ne constitue ni un avis juridique ni une évaluation officielle du Conseil de l’Europe ou de l’un de ses organes. Les notations dépendent de la correspondance que le profil établit entre le droit interne et la Convention, qu’il convient de vérifier au regard des textes officiels.";

/// What every report says at its end.
pub const DISCLAIMER: &str = "This report is produced by budapest-gap, a tool for experts. It applies a documented method to the information in the profile; it is not legal advice and not an official assessment by the Council of Europe or any of its bodies. Ratings depend on the profile's mapping of domestic law to the Convention, which should be checked against the official texts.";

/// A country-profile report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The language the report is written in.
    pub lang: Lang,
    /// Further instruments the profile assesses (the Additional Protocol beside the
    /// Convention), each reported as a part of its own after the main report's gaps: its
    /// treaty status, summary, overview, articles, recommendations and gaps. See
    /// [`Report::with_part`].
    pub parts: Vec<Report>,
    /// The profile's title.
    pub title: String,
    /// The jurisdiction's name.
    pub jurisdiction: String,
    /// `ETS No. 185 – Convention on Cybercrime (Budapest Convention)`.
    pub instrument: String,
    /// `Draft law` or `Law in force`.
    pub kind: String,
    /// The as-of date, `YYYY-MM-DD`.
    pub as_of: String,
    /// Who prepared the profile.
    pub prepared_by: String,
    /// The report's document language (BCP 47): the profile's for an English report, `fr`
    /// for a French one.
    pub language: String,
    /// The language of the profile's own texts (summaries, notes), BCP 47.
    pub profile_language: String,
    /// Signature, ratification, entry into force: label and value.
    pub treaty_status: Vec<(String, String)>,
    /// Reservations and declarations.
    pub choices: Vec<ChoiceRow>,
    /// The summary of ratings.
    pub summary: Summary,
    /// The executive summary: status, headline, findings, top recommendations, next steps.
    pub executive: Executive,
    /// The methodology and legend, one paragraph each.
    pub methodology: Vec<String>,
    /// The articles, grouped by chapter and section.
    pub divisions: Vec<DivisionBlock>,
    /// Every gap, most serious first.
    pub gaps: Vec<GapRow>,
    /// The plan of action: numbered recommendations, by priority.
    pub recommendations: Vec<RecommendationRow>,
    /// What the assessor has not yet looked at (an annex, never advice to the State).
    pub to_assess: Vec<String>,
    /// The texts of the provisions cited, where the profile quotes them (an annex), in the
    /// order in which the articles first cite them.
    pub provision_texts: Vec<ProvisionText>,
    /// The State's status for the instrument, in words (`Party`, `Signatory`, `Not signed`).
    pub bound_status: String,
    /// Changes since the previous version, when the report was made against one.
    pub changes: Option<Changes>,
    /// The laws cited.
    pub laws: Vec<LawRow>,
    /// The profile's note on its sources.
    pub sources: RichText,
    /// The profile's own note (illustrative status, caveats).
    pub profile_note: RichText,
    /// The disclaimer.
    pub disclaimer: String,
}

/// A reservation or declaration as reported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChoiceRow {
    /// `Reservation`, `Declaration` or `Designation`.
    pub kind: String,
    /// `Article 6, paragraph 3`.
    pub provision: String,
    /// `made` or `planned`.
    pub status: String,
    /// The permitting clause, or `not permitted`.
    pub basis: String,
    /// What it does.
    pub effect: String,
    /// The State's words.
    pub text: String,
}

/// Counts, index and the per-division breakdown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// The overall index.
    pub overall: Index,
    /// Per chapter and section.
    pub divisions: Vec<(String, Index)>,
    /// Gaps per severity (major, minor), and the number of items still to assess.
    pub gaps: [usize; 3],
    /// The headline, or why there is none: `72.4 / 100 over 180 of 200 elements assessed`.
    pub headline: String,
}

/// What changed since the previous version of the profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changes {
    /// The previous version: title and as-of date.
    pub previous: String,
    /// The index before and after.
    pub index: String,
    /// Articles rated better: `Article 5 – System interference: PC → LC`.
    pub improved: Vec<String>,
    /// Articles rated worse (a lower rating or score, or heavier gaps).
    pub regressed: Vec<String>,
    /// Articles assessed now and not before, or the other way round.
    pub other: Vec<String>,
    /// How many articles did not change.
    pub unchanged: usize,
    /// Gaps closed.
    pub closed: Vec<String>,
    /// Gaps opened.
    pub opened: Vec<String>,
    /// Gaps whose severity moved: `major → minor: …`.
    pub severity_changed: Vec<String>,
}

impl Changes {
    fn new(d: &crate::diff::Diff, instrument: &str, lang: Lang) -> Changes {
        use crate::diff::Movement;
        let colon = if lang == Lang::Fr { " :" } else { ":" };
        let line = |a: &crate::diff::ArticleChange| {
            let title = match lang {
                Lang::En => a.title.clone(),
                Lang::Fr => fr::article_title(instrument, a.number, &a.title),
            };
            format!(
                "Article {} – {}{colon} {} → {}",
                a.number,
                title,
                a.before.abbreviation(),
                a.after.abbreviation()
            )
        };
        let pick = |m: &[Movement]| {
            d.articles
                .iter()
                .filter(|a| m.contains(&a.movement))
                .map(line)
                .collect::<Vec<_>>()
        };
        let gap = |g: &Gap| {
            let mut s = g.shortcoming();
            if lang == Lang::Fr
                && let Some(e) = &mut s.element
            {
                e.text = fr::element_text(instrument, g.article, &e.id, &e.text);
            }
            format!(
                "Article {}, {}{colon} {}",
                g.article,
                words::severity(lang, g.severity),
                words::shortcoming(lang, &s)
            )
        };
        let pct = |x: Option<f64>| words::percent(lang, x);
        let (as_of, with_coverage) = match lang {
            Lang::En => ("as of", "with coverage"),
            Lang::Fr => ("à jour au", "couverture"),
        };
        Changes {
            previous: format!("{} ({as_of} {})", d.before.title, d.before.as_of),
            index: format!(
                "{} → {} ({with_coverage} {} → {})",
                pct(d.before.index.score),
                pct(d.after.index.score),
                words::coverage(lang, &d.before.index.coverage),
                words::coverage(lang, &d.after.index.coverage)
            ),
            improved: pick(&[Movement::Better]),
            regressed: pick(&[Movement::Worse]),
            other: pick(&[
                Movement::NewlyAssessed,
                Movement::NoLongerAssessed,
                Movement::Changed,
            ]),
            unchanged: d
                .articles
                .iter()
                .filter(|a| a.movement == Movement::Same)
                .count(),
            closed: d.gaps_closed.iter().map(gap).collect(),
            opened: d.gaps_opened.iter().map(gap).collect(),
            severity_changed: d
                .gaps_changed
                .iter()
                .map(|c| {
                    format!(
                        "{} → {}{colon} {}",
                        words::severity(lang, c.before.severity),
                        words::severity(lang, c.after.severity),
                        gap(&c.after)
                    )
                })
                .collect(),
        }
    }
}

/// The executive summary, in sentences.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Executive {
    /// Where the State stands towards the Convention, in a sentence.
    pub status: String,
    /// The headline index with its coverage, or why there is none.
    pub headline: String,
    /// Key findings: strongest and weakest areas, articles most in need of action.
    pub findings: Vec<String>,
    /// The high-priority recommendations (at most five), numbered as in the assessment.
    pub top_recommendations: Vec<RecommendationRow>,
    /// What to do next.
    pub next_steps: Vec<String>,
}

/// The articles of one chapter or section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DivisionBlock {
    /// `Chapter II, Section 1 – Substantive criminal law`.
    pub heading: String,
    /// Its chapter: `Chapter II – Measures to be taken at the national level`.
    pub chapter: String,
    /// Its section, if the chapter has sections: `Section 1 – Substantive criminal law`.
    pub section: Option<String>,
    /// Its articles.
    pub articles: Vec<ArticleBlock>,
}

/// One article: requirement, domestic law, rating, reasons, gaps.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleBlock {
    /// `Article 2 – Illegal access`.
    pub heading: String,
    /// The heading of the requirement column: `Convention requirement`, or `Protocol
    /// requirement` in a Protocol's part.
    pub requirement_label: String,
    /// The article's number.
    pub number: u16,
    /// The rating.
    pub rating: Rating,
    /// The score, if rated.
    pub score: Option<f64>,
    /// Whether the rating rests on only part of the applicable elements.
    pub provisional: bool,
    /// The score as a share of elements: `6 of 7 met`, with `provisional: 3 of 7 elements
    /// assessed` when it is provisional; empty when not rated.
    pub tally: String,
    /// The assessed elements: how many are met and partly met.
    pub elements_tally: crate::assess::Tally,
    /// How many applicable elements are assessed.
    pub coverage: crate::assess::Coverage,
    /// The practice finding, if the article has T-CY practice criteria.
    pub practice: String,
    /// The options the article permits, with whether domestic law makes them available.
    pub options: Vec<ElementRow>,
    /// The Convention's requirement, paraphrased.
    pub requirement: String,
    /// The domestic provisions cited.
    pub provisions: Vec<ProvisionRow>,
    /// The elements worth a row: not met, partly met, not assessed, removed by a reservation,
    /// required qualifiers, and any element with a note.
    pub elements: Vec<ElementRow>,
    /// How many other core elements are met without a note.
    pub elements_met: usize,
    /// Every element's text by its id (`intent`), as gaps name elements.
    pub element_texts: std::collections::BTreeMap<String, String>,
    /// Why the rating is what it is.
    pub reasons: Vec<String>,
    /// This article's gaps.
    pub gaps: Vec<GapRow>,
    /// The recommendations on this article.
    pub recommendations: Vec<RecommendationRow>,
    /// The assessor's note.
    pub note: RichText,
}

/// A domestic provision as cited beside an article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProvisionRow {
    /// `s. 3 Draft Cybercrime Act 2026`.
    pub citation: String,
    /// Its heading, in the law's language.
    pub heading: String,
    /// What it provides.
    pub summary: String,
    /// Quoted text, if any.
    pub text: String,
    /// The language of its heading and text (BCP 47), if the profile says.
    pub language: Option<String>,
    /// The earlier article under which the provision is already given in full, if any: the
    /// report then cites it without repeating its summary.
    pub shown_under: Option<u16>,
    /// The anchor of its text in the annex, when the profile quotes it.
    pub annex: Option<String>,
}

/// A provision's text, as the annex gives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProvisionText {
    /// The link target of its entry: `text-ge-cc-284`.
    pub anchor: String,
    /// Law and reference: `Criminal Code of Georgia, Article 284`.
    pub title: String,
    /// Its heading, in the law's language.
    pub heading: String,
    /// The text, as quoted in the profile.
    pub text: String,
    /// The language of its heading and text (BCP 47), if the profile says.
    pub language: Option<String>,
    /// The articles that cite it.
    pub cited_under: Vec<u16>,
}

/// An element's status.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ElementRow {
    /// Paragraph, as cited.
    pub paragraph: String,
    /// What is required.
    pub requirement: String,
    /// `Met`, `Partly met`, …, or `Removed by reservation (…)`.
    pub status: String,
    /// The assessor's note.
    pub note: String,
}

/// A recommendation, as the report lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecommendationRow {
    /// `R1`.
    pub id: String,
    /// `high` or `medium`.
    pub priority: String,
    /// Article number.
    pub article: u16,
    /// The recommendation, addressed to the State.
    pub text: String,
}

/// A gap with its recommendation, as the report lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GapRow {
    /// `major` or `minor`.
    pub severity: Severity,
    /// Article number.
    pub article: u16,
    /// The element concerned, in words, if any.
    pub elements: String,
    /// What is wrong.
    pub message: String,
    /// The recommendation that closes it: `R3`.
    pub recommendation: String,
}

fn gap_rows<'g>(lang: Lang, gaps: impl Iterator<Item = &'g Gap>) -> Vec<GapRow> {
    gaps.map(|g| GapRow {
        severity: g.severity,
        article: g.article,
        elements: g
            .element
            .as_ref()
            .map(|e| e.text.clone())
            .unwrap_or_default(),
        message: words::shortcoming(lang, &g.shortcoming()),
        recommendation: g.recommendation.clone().unwrap_or_default(),
    })
    .collect()
}

fn recommendation_rows<'r>(
    lang: Lang,
    recommendations: impl Iterator<Item = &'r crate::assess::Recommendation>,
) -> Vec<RecommendationRow> {
    recommendations
        .map(|r| RecommendationRow {
            id: r.id.clone(),
            priority: r.priority.as_str().into(),
            article: r.article,
            text: words::recommendation(lang, r),
        })
        .collect()
}

fn executive(assessment: &Assessment, status: &crate::profile::TreatyStatus) -> Executive {
    use crate::profile::BoundStatus;
    let who = &assessment.jurisdiction;
    let status_line = match assessment.bound_status {
        BoundStatus::Party => format!(
            "{who} is a Party to the Convention{}. It can no longer make declarations or reservations; it can amend its law, and withdraw a reservation it made (Article 43).",
            status
                .in_force
                .map(|d| format!(" (in force for it since {d})"))
                .unwrap_or_default()
        ),
        BoundStatus::Signatory => format!(
            "{who} has signed the Convention but not yet deposited its instrument of ratification. Declarations and reservations can still be made on deposit (Articles 40 and 42)."
        ),
        BoundStatus::NotSigned => format!(
            "{who} is not yet bound by the Convention. Declarations and reservations can be made at signature or on deposit of the instrument of ratification or accession (Articles 40 and 42)."
        ),
    };
    let mut findings = Vec::new();
    let rated: Vec<&crate::assess::DivisionIndex> = assessment
        .divisions
        .iter()
        .filter(|d| d.index.headline.is_some())
        .collect();
    // Strongest and weakest only among divisions whose index is a headline figure.
    let by_score = |d: &&crate::assess::DivisionIndex| d.index.headline.unwrap_or(0.0);
    let strongest = rated
        .iter()
        .max_by(|a, b| by_score(a).total_cmp(&by_score(b)));
    let weakest = rated
        .iter()
        .min_by(|a, b| by_score(a).total_cmp(&by_score(b)));
    if let (Some(s), Some(w)) = (strongest, weakest)
        && s.division != w.division
    {
        findings.push(format!(
            "Strongest area: {}; index {}.",
            s.division,
            headline(&s.index)
        ));
        findings.push(format!(
            "Weakest area: {}; index {}.",
            w.division,
            headline(&w.index)
        ));
    }
    for d in &assessment.divisions {
        let c = &d.index.counts;
        findings.push(format!(
            "{}: {} of {} articles rated (C {}, LC {}, PC {}, NC {}){}.",
            d.division,
            d.index.assessed - c.na,
            d.index.scorable,
            c.c,
            c.lc,
            c.pc,
            c.nc,
            if d.index.provisional > 0 {
                format!(", {} provisional", d.index.provisional)
            } else {
                String::new()
            }
        ));
    }
    let weak: Vec<String> = assessment
        .articles
        .iter()
        .filter(|a| matches!(a.rating, Rating::NC | Rating::PC))
        .map(|a| format!("Article {} ({}, {})", a.number, a.title, a.rating))
        .collect();
    if !weak.is_empty() {
        findings.push(format!(
            "Articles most in need of action: {}.",
            crate::assess::join_and(&weak)
        ));
    }
    let high: Vec<&crate::assess::Recommendation> = assessment
        .recommendations
        .iter()
        .filter(|r| r.priority == crate::assess::Priority::High)
        .collect();
    let mut next_steps = Vec::new();
    if let (Some(first), Some(last)) = (high.first(), high.last()) {
        next_steps.push(format!(
            "Act first on the {} high-priority recommendation(s) ({}–{}), which close the major gaps.",
            high.len(),
            first.id,
            last.id
        ));
    }
    if assessment.recommendations.len() > high.len() {
        next_steps.push(format!(
            "Then address the {} medium-priority recommendation(s), which close minor gaps.",
            assessment.recommendations.len() - high.len()
        ));
    }
    if !assessment.to_assess.is_empty() {
        next_steps.push(format!(
            "Complete the assessment: {} item(s) are not yet assessed (see the annex). Provisional ratings may change.",
            assessment.to_assess.len()
        ));
    }
    if assessment.index.headline.is_none() {
        next_steps.push(format!(
            "The index is not a headline figure until at least three quarters of the applicable elements are assessed ({} so far).",
            assessment.index.coverage
        ));
    }
    if assessment.document_kind == DocumentKind::Draft {
        next_steps.push(
            "Assess the next version of the draft and compare the two with budapest-gap diff."
                .into(),
        );
    }
    Executive {
        status: status_line,
        headline: headline(&assessment.index),
        findings,
        top_recommendations: recommendation_rows(Lang::En, high.into_iter().take(5)),
        next_steps,
    }
}

/// The executive summary in French, of an assessment already given its French texts.
fn executive_fr(assessment: &Assessment, status: &crate::profile::TreatyStatus) -> Executive {
    use crate::profile::BoundStatus;
    let status_line = match assessment.bound_status {
        BoundStatus::Party => format!(
            "L’État est Partie à la Convention{}. Il ne peut plus formuler de déclarations ni de réserves ; il peut modifier sa législation et retirer une réserve qu’il a formulée (article 43).",
            status
                .in_force
                .map(|d| format!(" (en vigueur à son égard depuis le {d})"))
                .unwrap_or_default()
        ),
        BoundStatus::Signatory => "L’État a signé la Convention mais n’a pas encore déposé son instrument de ratification. Il peut encore formuler des déclarations et des réserves lors du dépôt (articles 40 et 42).".to_string(),
        BoundStatus::NotSigned => "L’État n’est pas encore lié par la Convention. Il peut formuler des déclarations et des réserves lors de la signature ou du dépôt de son instrument de ratification ou d’adhésion (articles 40 et 42).".to_string(),
    };
    let lang = Lang::Fr;
    let mut findings = Vec::new();
    let rated: Vec<&crate::assess::DivisionIndex> = assessment
        .divisions
        .iter()
        .filter(|d| d.index.headline.is_some())
        .collect();
    let by_score = |d: &&crate::assess::DivisionIndex| d.index.headline.unwrap_or(0.0);
    let strongest = rated
        .iter()
        .max_by(|a, b| by_score(a).total_cmp(&by_score(b)));
    let weakest = rated
        .iter()
        .min_by(|a, b| by_score(a).total_cmp(&by_score(b)));
    if let (Some(s), Some(w)) = (strongest, weakest)
        && s.division != w.division
    {
        findings.push(format!(
            "Domaine le plus solide : {} ; indice {}.",
            s.division,
            words::headline(lang, &s.index)
        ));
        findings.push(format!(
            "Domaine le plus faible : {} ; indice {}.",
            w.division,
            words::headline(lang, &w.index)
        ));
    }
    for d in &assessment.divisions {
        let c = &d.index.counts;
        findings.push(format!(
            "{} : {} article(s) noté(s) sur {} (C {}, LC {}, PC {}, NC {}){}.",
            d.division,
            d.index.assessed - c.na,
            d.index.scorable,
            c.c,
            c.lc,
            c.pc,
            c.nc,
            if d.index.provisional > 0 {
                format!(", dont {} provisoire(s)", d.index.provisional)
            } else {
                String::new()
            }
        ));
    }
    let weak: Vec<String> = assessment
        .articles
        .iter()
        .filter(|a| matches!(a.rating, Rating::NC | Rating::PC))
        .map(|a| format!("article {} ({}, {})", a.number, a.title, a.rating))
        .collect();
    if !weak.is_empty() {
        findings.push(format!(
            "Articles appelant le plus une action : {}.",
            fr::join_et(&weak)
        ));
    }
    let high: Vec<&crate::assess::Recommendation> = assessment
        .recommendations
        .iter()
        .filter(|r| r.priority == crate::assess::Priority::High)
        .collect();
    let mut next_steps = Vec::new();
    if let (Some(first), Some(last)) = (high.first(), high.last()) {
        next_steps.push(format!(
            "Donner suite d’abord aux {} recommandation(s) de priorité élevée ({}–{}), qui comblent les lacunes majeures.",
            high.len(),
            first.id,
            last.id
        ));
    }
    if assessment.recommendations.len() > high.len() {
        next_steps.push(format!(
            "Traiter ensuite les {} recommandation(s) de priorité moyenne, qui comblent des lacunes mineures.",
            assessment.recommendations.len() - high.len()
        ));
    }
    if !assessment.to_assess.is_empty() {
        next_steps.push(format!(
            "Achever l’évaluation : {} point(s) ne sont pas encore évalués (voir l’annexe). Les notations provisoires peuvent changer.",
            assessment.to_assess.len()
        ));
    }
    if assessment.index.headline.is_none() {
        next_steps.push(format!(
            "L’indice ne constitue un chiffre de synthèse qu’une fois au moins les trois quarts des éléments applicables évalués ({} à ce jour).",
            fr::coverage(&assessment.index.coverage)
        ));
    }
    if assessment.document_kind == DocumentKind::Draft {
        next_steps.push(
            "Évaluer la prochaine version du projet et comparer les deux avec budapest-gap diff."
                .into(),
        );
    }
    Executive {
        status: status_line,
        headline: words::headline(lang, &assessment.index),
        findings,
        top_recommendations: recommendation_rows(lang, high.into_iter().take(5)),
        next_steps,
    }
}

/// The methodology and legend in French.
fn methodology_fr() -> Vec<String> {
    vec![
        "Les notations suivent l’échelle en quatre degrés de la conformité technique : C (conforme), LC (largement conforme), PC (partiellement conforme), NC (non conforme) ; NA signifie qu’aucun élément ne s’applique (une réserve les a écartés, ou l’article se borne à permettre). Un article dont rien n’est évalué est non évalué, jamais conforme.".into(),
        "Chaque article est décomposé en éléments. Un élément satisfait compte 1, satisfait en partie ½, non satisfait 0 ; un élément non évalué est inconnu et laissé de côté. Le score est la moyenne pondérée des éléments évalués : C à 1, LC à partir de 4/5, PC à partir de 2/5, NC en dessous.".into(),
        "Une notation n’est jamais meilleure que ne le permet sa lacune la plus grave : un élément essentiel non satisfait, une restriction majeure ou une réserve non autorisée la plafonne à PC ; un élément satisfait en partie, une restriction mineure ou une condition appliquée sans la déclaration qu’elle exige la plafonne à LC. Chaque plafond figure parmi les motifs.".into(),
        "Une notation marquée provisoire (*) repose sur les seuls éléments évalués et indique combien le sont. L’indice (0–100) est le score moyen des articles notés ; il ne constitue un chiffre de synthèse que si au moins les trois quarts des éléments applicables sont évalués, et il est donné avec et sans les réserves de l’État.".into(),
        "Les options que la Convention permet sans les imposer (par exemple l’article 32) sont signalées, jamais notées. Les critères de pratique du T-CY sont présentés à côté de la notation juridique, sans en faire partie ; ils ne s’appliquent pas à un projet de loi. L’outil n’apprécie ni l’application de la loi en pratique, ni la jurisprudence, ni la qualité des institutions.".into(),
        "Les recommandations s’adressent à l’État et désignent les dispositions à modifier ; ce que l’État peut encore faire en matière de déclarations et de réserves dépend de sa qualité de Partie (articles 40, 42 et 43). Les points à évaluer constituent la liste de travail de l’évaluateur, non des conseils à l’État. La méthode complète, avec un exemple, figure dans docs/methodology.md de budapest-gap.".into(),
        "Les titres d’articles et de chapitres sont les titres français authentiques de la Convention, vérifiés dans une source (voir docs/report.md de budapest-gap) ; un titre suivi de † est le titre anglais, faute de titre français vérifié. Les résumés, éléments et recommandations sont une paraphrase propre au projet, non le texte du traité. Les textes tirés du profil (résumés des dispositions, notes) restent dans la langue du profil.".into(),
    ]
}

/// The methodology and legend, as the report states them.
fn methodology_paragraphs() -> Vec<String> {
    vec![
        "Ratings follow the four-step scale of technical compliance: C (compliant), LC (largely compliant), PC (partially compliant), NC (non-compliant); NA means no element applies (a reservation removed them, or the article only permits). An article with nothing assessed is not assessed, never compliant.".into(),
        "Each article is broken into elements. An element met counts 1, partly met ½, not met 0; an element not assessed is unknown and left out. The score is the weighted mean of the assessed elements: C at 1, LC from 4/5, PC from 2/5, NC below.".into(),
        "A rating is never better than its worst shortcoming allows: a core element not met, a major restriction or an impermissible reservation caps it at PC; an element partly met, a minor restriction or a condition applied without the declaration it needs caps it at LC. Every cap is stated among the reasons.".into(),
        "A rating marked provisional rests on the assessed elements only and says how many are assessed. The index (0–100) is the mean score of the rated articles; it is a headline figure only when at least three quarters of the applicable elements are assessed, and it is shown with and without the State's reservations.".into(),
        "Options the Convention permits but does not require (for example Article 32) are reported, never rated. Practice criteria of the T-CY are reported beside the legal rating and never part of it; they do not apply to a draft. The tool does not judge how the law is applied in practice, case law, or the quality of institutions.".into(),
        "Recommendations are addressed to the State and name the provisions to amend; what the State may still do about declarations and reservations depends on whether it is a Party (Articles 40, 42 and 43). Items to assess are the assessor's to-do list, not advice to the State. The full method, with a worked example, is in docs/methodology.md of budapest-gap.".into(),
    ]
}

/// `Criminal Code of Georgia, Article 284`: the law's short title (without a leading "the")
/// when it has one, else its title, then the reference. The law comes first, so that no
/// domestic article reads like an article of the Convention.
fn provision_title(profile: &Profile, p: &crate::profile::Provision) -> String {
    let law = profile.laws.iter().find(|l| l.id == p.law);
    let name = law.map_or(p.law.as_str(), |l| {
        l.short_title
            .as_deref()
            .map_or(l.title.as_str(), |s| s.strip_prefix("the ").unwrap_or(s))
    });
    let mut chars = name.chars();
    let name: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    format!("{name}, {}", p.reference)
}

/// `72.4 / 100 over 180 of 200 elements assessed`, or why there is no headline.
pub(crate) fn headline(index: &Index) -> String {
    match (index.headline, index.score) {
        (Some(h), _) => format!("{h:.1} / 100 ({})", index.coverage),
        (None, Some(_)) => format!("insufficient coverage ({})", index.coverage),
        (None, None) => format!("no article rated ({})", index.coverage),
    }
}

/// [`tally_text`] in a language.
fn tally_text_in(lang: Lang, a: &crate::assess::ArticleResult) -> String {
    match lang {
        Lang::En => tally_text(a),
        Lang::Fr if a.rating.rank().is_none() => String::new(),
        Lang::Fr if a.provisional => format!(
            "{} (provisoire : {})",
            fr::tally(&a.tally),
            fr::coverage(&a.coverage)
        ),
        Lang::Fr => fr::tally(&a.tally),
    }
}

/// `6 of 7 met`, and `provisional: 3 of 7 elements assessed` when it is.
pub(crate) fn tally_text(a: &crate::assess::ArticleResult) -> String {
    if a.rating.rank().is_none() {
        return String::new();
    }
    if a.provisional {
        format!("{} (provisional: {})", a.tally, a.coverage)
    } else {
        a.tally.to_string()
    }
}

/// A law cited in the profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LawRow {
    /// Official title.
    pub title: String,
    /// Citation.
    pub citation: String,
    /// Official URL.
    pub url: String,
    /// `in force`, `draft`, `repealed`.
    pub status: String,
    /// The language of its title (BCP 47): that of its provisions, when they all say the same.
    pub language: Option<String>,
}

fn status_label(s: Status) -> &'static str {
    match s {
        Status::Met => "Met",
        Status::Partly => "Partly met",
        Status::NotMet => "Not met",
        Status::NotAssessed => "Not assessed",
    }
}

impl Report {
    /// The instrument's number with its short name, for running text:
    /// `ETS No. 189 (Protocol on Xenophobia and Racism)`.
    pub fn instrument_short(&self) -> String {
        let number = self
            .instrument
            .split_once(" – ")
            .map_or(self.instrument.as_str(), |(n, _)| n);
        match self.instrument.rsplit_once(" (") {
            Some((_, name)) if name.ends_with(')') => format!("{number} ({name}"),
            _ => number.to_string(),
        }
    }

    /// The report of a profile as `budapest-gap report` writes it: the Convention (ETS 185),
    /// with a part for each Protocol the profile assesses whose articles are scored (see
    /// [`Report::with_part`]), in `lang`.
    ///
    /// # Example
    ///
    /// ```
    /// use budapest_gap::{Lang, Profile, report::Report};
    ///
    /// let profile = Profile::from_path("profiles/portugal.json").unwrap();
    /// let report = Report::of_profile(&profile, Lang::En);
    /// assert_eq!(report.parts.len(), 1); // Portugal assesses the Additional Protocol too
    /// ```
    pub fn of_profile(profile: &crate::profile::ValidProfile, lang: Lang) -> Report {
        let ets = Instrument::ets_185();
        let mut report = Report::new_in(ets, profile, &crate::assess(ets, profile), lang);
        for other in Instrument::embedded().into_iter().filter(|i| {
            i.id != ets.id
                && profile.assessment.contains_key(&i.id)
                && i.articles().any(|a| a.scored)
        }) {
            report = report.with_part(other, profile, &crate::assess(other, profile));
        }
        report
    }

    /// Adds the report of a further instrument the same profile assesses (the Additional
    /// Protocol, ETS 189) as a part of this one, in this report's language. The executive
    /// summary names each part's treaty status and index; the part follows the main report's
    /// gaps. Its recommendations are numbered after the instrument (`R189-1`, `R189-2`, …) so
    /// that they never read as the Convention's.
    ///
    /// # Example
    ///
    /// ```
    /// use budapest_gap::{Instrument, Profile, assess, report::Report};
    ///
    /// let profile = Profile::from_path("profiles/germany.json").unwrap();
    /// let (ets, protocol) = (Instrument::ets_185(), Instrument::ets_189());
    /// let report = Report::new(ets, &profile, &assess(ets, &profile))
    ///     .with_part(protocol, &profile, &assess(protocol, &profile));
    /// let md = report.to_markdown();
    /// assert!(md.contains("## Part – ETS No. 189"));
    /// assert!(md.contains("#### Article 6 – Denial, gross minimisation"));
    /// assert!(md.contains("**R189-1**"));
    /// ```
    pub fn with_part(
        mut self,
        instrument: &Instrument,
        profile: &Profile,
        assessment: &Assessment,
    ) -> Report {
        let digits: String = instrument
            .number
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        let renumber = |id: &mut String| {
            if let Some(n) = id.strip_prefix('R') {
                *id = format!("R{digits}-{n}");
            }
        };
        let mut assessment = assessment.clone();
        for r in &mut assessment.recommendations {
            renumber(&mut r.id);
        }
        for g in &mut assessment.gaps {
            if let Some(id) = &mut g.recommendation {
                renumber(id);
            }
        }
        let part = Report::new_in(instrument, profile, &assessment, self.lang);
        self.parts.push(part);
        self
    }

    /// Adds a "changes since the previous version" section: the same instrument assessed on
    /// the previous version of the profile (the law in force against a draft, or draft 1).
    ///
    /// # Example
    ///
    /// ```
    /// use budapest_gap::{Instrument, Profile, assess, report::Report};
    ///
    /// let ets = Instrument::ets_185();
    /// let old = Profile::from_path("profiles/ruritania-draft.json").unwrap();
    /// let new = Profile::from_path("tests/fixtures/ruritania-draft-2.json").unwrap();
    /// let report = Report::new(ets, &new, &assess(ets, &new)).against(&assess(ets, &old), &assess(ets, &new));
    /// assert!(report.to_markdown().contains("## Changes since the previous version"));
    /// ```
    pub fn against(mut self, previous: &Assessment, current: &Assessment) -> Report {
        self.changes = Some(Changes::new(
            &crate::diff::diff(previous, current),
            &current.instrument,
            self.lang,
        ));
        self
    }

    /// Builds the report of an assessment, reading the laws, provisions and notes from its profile.
    ///
    /// # Example
    ///
    /// ```
    /// use budapest_gap::{Instrument, Profile, assess, report::Report};
    ///
    /// let profile = Profile::from_path("profiles/portugal.json").unwrap();
    /// let ets = Instrument::ets_185();
    /// let report = Report::new(ets, &profile, &assess(ets, &profile));
    /// assert!(report.to_markdown().contains("### Article 2 – Illegal access"));
    /// ```
    pub fn new(instrument: &Instrument, profile: &Profile, assessment: &Assessment) -> Report {
        Report::new_in(instrument, profile, assessment, Lang::En)
    }

    /// [`Report::new`] in a language: French gives the Convention's authentic French titles
    /// (where verified; the English title with a marker otherwise), the checklist's elements,
    /// the reasons and recommendations, and every label in French. Text from the profile
    /// stays in the profile's language.
    ///
    /// # Example
    ///
    /// ```
    /// use budapest_gap::{Instrument, Lang, Profile, assess, report::Report};
    ///
    /// let profile = Profile::from_path("profiles/portugal.json").unwrap();
    /// let ets = Instrument::ets_185();
    /// let report = Report::new_in(ets, &profile, &assess(ets, &profile), Lang::Fr);
    /// assert!(report.to_markdown().contains("### Article 2 – Accès illégal"));
    /// ```
    pub fn new_in(
        instrument: &Instrument,
        profile: &Profile,
        assessment: &Assessment,
        lang: Lang,
    ) -> Report {
        let localized;
        let assessment = match lang {
            Lang::En => assessment,
            Lang::Fr => {
                localized = fr::localize(instrument, assessment);
                &localized
            }
        };
        let w = words(lang);
        let law_title = |id: &str| {
            profile
                .laws
                .iter()
                .find(|l| l.id == id)
                .map_or_else(|| id.to_string(), |l| l.title.clone())
        };
        let status = profile
            .instruments
            .get(&instrument.id)
            .cloned()
            .unwrap_or_default();
        let date = |d: Option<crate::Date>| d.map_or_else(|| "—".to_string(), |d| d.to_string());
        let treaty_status = vec![
            (w.signature.to_string(), date(status.signed)),
            (
                (if status.accession {
                    w.accession
                } else {
                    w.ratification
                })
                .to_string(),
                date(status.ratified),
            ),
            (w.entry_into_force.to_string(), date(status.in_force)),
        ];
        let choices = assessment
            .choices
            .iter()
            .map(|c| {
                let kind = match c.permission_kind {
                    Some(PermissionKind::Designation) => w.designation,
                    _ => match c.kind {
                        crate::profile::ChoiceKind::Reservation => w.reservation,
                        crate::profile::ChoiceKind::Declaration => w.declaration,
                    },
                };
                ChoiceRow {
                    kind: kind.into(),
                    provision: words::provision_cell(lang, &c.provision),
                    status: match c.status {
                        ChoiceStatus::Made => w.made.into(),
                        ChoiceStatus::Planned => w.planned.into(),
                    },
                    basis: match c.validity {
                        ChoiceValidity::NotPermitted => w.not_permitted.into(),
                        _ => match lang {
                            Lang::En => c.basis.join("; "),
                            Lang::Fr => words::provision_cell(lang, &c.basis.join(" ; ")),
                        },
                    },
                    effect: match (lang, c.validity) {
                        (Lang::Fr, v) => fr::choice_effect(
                            v,
                            &c.provision,
                            &fr::permission_effects(instrument, &c.effect),
                        ),
                        (Lang::En, v) => match v {
                        ChoiceValidity::NotPermitted => format!(
                            "Not permitted: the Convention allows none on {}.",
                            c.provision
                        ),
                        ChoiceValidity::TooLate => format!(
                            "No effect: a Party can no longer make it (only at signature or on deposit of the instrument of ratification or accession). {}",
                            c.effect.join(" ")
                        ),
                        ChoiceValidity::Valid => c.effect.join(" "),
                        },
                    },
                    text: c.text.clone().unwrap_or_default(),
                }
            })
            .collect();
        let mut divisions: Vec<DivisionBlock> = Vec::new();
        let mut shown: std::collections::HashMap<&str, u16> = std::collections::HashMap::new();
        let mut provision_texts: Vec<ProvisionText> = Vec::new();
        for result in &assessment.articles {
            let Some(article) = instrument.article(result.number) else {
                continue;
            };
            let provisions = result
                .provisions
                .iter()
                .filter_map(|cited| profile.provisions.iter().find(|p| p.id == cited.id))
                .map(|p| {
                    let annex = p
                        .text
                        .as_ref()
                        .filter(|t| !t.trim().is_empty())
                        .map(|text| {
                            let anchor = format!("text-{}", p.id);
                            match provision_texts.iter_mut().find(|t| t.anchor == anchor) {
                                Some(t) => {
                                    if !t.cited_under.contains(&result.number) {
                                        t.cited_under.push(result.number);
                                    }
                                }
                                None => provision_texts.push(ProvisionText {
                                    anchor: anchor.clone(),
                                    title: provision_title(profile, p),
                                    heading: p.heading.clone().unwrap_or_default(),
                                    text: text.clone(),
                                    language: p.language.clone(),
                                    cited_under: vec![result.number],
                                }),
                            }
                            anchor
                        });
                    (p, annex)
                })
                .map(|(p, annex)| ProvisionRow {
                    citation: format!("{}, {}", p.reference, law_title(&p.law)),
                    heading: p.heading.clone().unwrap_or_default(),
                    summary: p.summary.clone(),
                    text: p.text.clone().unwrap_or_default(),
                    language: p.language.clone(),
                    shown_under: match shown.get(p.id.as_str()) {
                        Some(n) => Some(*n),
                        None => {
                            shown.insert(p.id.as_str(), result.number);
                            None
                        }
                    },
                    annex,
                })
                .collect();
            let worth_a_row = |e: &&crate::assess::ElementResult| {
                let core = e.kind == ElementKind::Core;
                (core
                    && (e.status != Status::Met
                        || e.removed_by.is_some()
                        || e.note.is_some()
                        || e.carried_over.is_some()))
                    || (!core && e.required_by_law)
            };
            let elements_met = result
                .elements
                .iter()
                .filter(|e| e.kind == ElementKind::Core)
                .filter(|e| !worth_a_row(e))
                .count();
            let elements = result
                .elements
                .iter()
                .filter(worth_a_row)
                .map(|e| ElementRow {
                    paragraph: e.paragraph.clone().unwrap_or_default(),
                    requirement: e.text.clone(),
                    status: match (&e.removed_by, e.kind) {
                        (_, ElementKind::Qualifier) => w.qualifier_required.to_string(),
                        (Some(by), _) => match lang {
                            Lang::En => {
                                format!("{} (reservation on {by})", status_label(e.status))
                            }
                            Lang::Fr => format!(
                                "{} (réserve relative à l’{})",
                                words::status_label(lang, e.status),
                                fr::provision(by)
                            ),
                        },
                        (None, _) => words::status_label(lang, e.status).to_string(),
                    },
                    note: match (&e.carried_over, &e.note) {
                        (Some(c), Some(note)) => format!("{}\n\n{note}", words::carried(lang, c)),
                        (Some(c), None) => words::carried(lang, c),
                        (None, note) => note.clone().unwrap_or_default(),
                    },
                })
                .collect();
            let block = ArticleBlock {
                requirement_label: match (lang, instrument.supplements.is_some()) {
                    (_, false) => w.requirement.to_string(),
                    (Lang::En, true) => "Protocol requirement".to_string(),
                    (Lang::Fr, true) => "Exigence du Protocole".to_string(),
                },
                heading: match lang {
                    Lang::En => format!("Article {} – {}", article.number, article.title),
                    Lang::Fr => fr::article_heading(&instrument.id, article.number, &article.title),
                },
                number: article.number,
                rating: result.rating,
                score: result.score,
                provisional: result.provisional,
                tally: tally_text_in(lang, result),
                elements_tally: result.tally,
                coverage: result.coverage,
                practice: result
                    .practice
                    .as_ref()
                    .map(|p| words::practice(lang, p))
                    .unwrap_or_default(),
                options: result
                    .elements
                    .iter()
                    .filter(|e| e.kind == ElementKind::Option)
                    .map(|e| ElementRow {
                        paragraph: e.paragraph.clone().unwrap_or_default(),
                        requirement: e.text.clone(),
                        status: words::option_label(lang, e.status).into(),
                        note: e.note.clone().unwrap_or_default(),
                    })
                    .collect(),
                requirement: match lang {
                    Lang::En => article.summary.clone(),
                    Lang::Fr => {
                        fr::article_summary(&instrument.id, article.number, &article.summary)
                    }
                },
                provisions,
                elements,
                elements_met,
                element_texts: result
                    .elements
                    .iter()
                    .map(|e| (e.id.clone(), e.text.clone()))
                    .collect(),
                reasons: result
                    .reasons
                    .iter()
                    .filter(|r| !matches!(r, Reason::Evidence { .. }))
                    .map(|r| words::reason(lang, r))
                    .collect(),
                gaps: gap_rows(
                    lang,
                    assessment
                        .gaps
                        .iter()
                        .filter(|g| g.article == article.number),
                ),
                recommendations: recommendation_rows(
                    lang,
                    assessment
                        .recommendations
                        .iter()
                        .filter(|r| r.article == article.number),
                ),
                note: result
                    .note
                    .as_deref()
                    .map(RichText::parse)
                    .unwrap_or_default(),
            };
            match divisions.last_mut() {
                Some(d) if d.heading == result.division => d.articles.push(block),
                _ => {
                    let location = instrument
                        .articles_located()
                        .find(|(_, a)| a.number == article.number)
                        .map(|(l, _)| l);
                    divisions.push(DivisionBlock {
                        heading: result.division.clone(),
                        chapter: location.map_or_else(String::new, |l| match lang {
                            Lang::En => {
                                format!("Chapter {} – {}", l.chapter.number, l.chapter.heading)
                            }
                            Lang::Fr => fr::chapter_heading(&instrument.id, &l),
                        }),
                        section: location.and_then(|l| match lang {
                            Lang::En => l
                                .section
                                .map(|s| format!("Section {} – {}", s.number, s.heading)),
                            Lang::Fr => fr::section_heading(&instrument.id, &l),
                        }),
                        articles: vec![block],
                    })
                }
            }
        }
        let count = |s: Severity| assessment.gaps.iter().filter(|g| g.severity == s).count();
        Report {
            lang,
            parts: Vec::new(),
            title: profile.document.title.clone(),
            jurisdiction: profile.jurisdiction.name.clone(),
            instrument: match lang {
                Lang::En => format!(
                    "{} ({})",
                    assessment.instrument_title, instrument.short_title
                ),
                // The French title as the overlay gives it (ETS 185 as RS 0.311.43, ETS 189
                // as the Luxembourg official journal); otherwise the English one, marked.
                Lang::Fr => fr::instrument_name(instrument),
            },
            kind: match profile.document.kind {
                DocumentKind::Draft => w.draft_law.into(),
                DocumentKind::InForce => w.law_in_force.into(),
            },
            as_of: profile.document.as_of.to_string(),
            prepared_by: profile.document.prepared_by.clone(),
            language: match lang {
                Lang::En => profile.document.language.clone(),
                Lang::Fr => lang.tag().into(),
            },
            profile_language: profile.document.language.clone(),
            treaty_status,
            choices,
            summary: Summary {
                overall: assessment.index.clone(),
                divisions: assessment
                    .divisions
                    .iter()
                    .map(|d| (d.division.clone(), d.index.clone()))
                    .collect(),
                gaps: [
                    count(Severity::Major),
                    count(Severity::Minor),
                    assessment.to_assess.len(),
                ],
                headline: words::headline(lang, &assessment.index),
            },
            executive: match lang {
                Lang::En => executive(assessment, &status),
                Lang::Fr => executive_fr(assessment, &status),
            },
            changes: None,
            methodology: match lang {
                Lang::En => methodology_paragraphs(),
                Lang::Fr => methodology_fr(),
            },
            divisions,
            gaps: gap_rows(lang, assessment.gaps.iter()),
            recommendations: recommendation_rows(lang, assessment.recommendations.iter()),
            to_assess: assessment
                .to_assess
                .iter()
                .map(|t| words::to_assess(lang, t))
                .collect(),
            provision_texts,
            bound_status: match assessment.bound_status {
                crate::profile::BoundStatus::Party => w.party.into(),
                crate::profile::BoundStatus::Signatory => w.signatory.into(),
                crate::profile::BoundStatus::NotSigned => w.not_signed.into(),
            },
            laws: profile
                .laws
                .iter()
                .map(|l| LawRow {
                    title: l.title.clone(),
                    citation: l.citation.clone().unwrap_or_default(),
                    url: l.url.clone().unwrap_or_default(),
                    status: match l.status {
                        crate::profile::LawStatus::InForce => w.in_force.into(),
                        crate::profile::LawStatus::Draft => w.draft.into(),
                        crate::profile::LawStatus::Repealed => w.repealed.into(),
                    },
                    language: {
                        let mut languages = profile
                            .provisions
                            .iter()
                            .filter(|p| p.law == l.id)
                            .map(|p| p.language.as_deref());
                        match languages.next() {
                            Some(Some(first)) if languages.all(|x| x == Some(first)) => {
                                Some(first.to_string())
                            }
                            _ => None,
                        }
                    },
                })
                .collect(),
            sources: RichText::parse(&profile.document.sources),
            profile_note: profile
                .document
                .note
                .as_deref()
                .map(RichText::parse)
                .unwrap_or_default(),
            disclaimer: match lang {
                Lang::En => DISCLAIMER.into(),
                Lang::Fr => DISCLAIMER_FR.into(),
            },
        }
    }
}
