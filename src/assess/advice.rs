//! The plan of action: from gaps to recommendations addressed to the State, worded by kind of
//! shortcoming and by where the State stands towards the treaty.
//!
//! Priority rule: a recommendation that closes a major gap is *high*, one that closes only
//! minor gaps *medium*; within a priority, treaty order. Numbers (R1, R2, …) follow that
//! order, so the same profile always gives the same numbers.

use super::model::*;
use crate::instrument::{Article, ElementKind, Instrument, PermissionKind};
use crate::profile::{BoundStatus, ChoiceKind, ChoiceStatus, CitedProvision, Severity};

/// Which gaps a recommendation closes.
#[derive(Debug, Clone, PartialEq)]
struct GapKey {
    article: u16,
    kind: GapKind,
    element: Option<String>,
    detail: Option<String>,
}

impl GapKey {
    fn of(gap: &Gap) -> GapKey {
        GapKey {
            article: gap.article,
            kind: gap.kind,
            element: gap.element.as_ref().map(|e| e.id.clone()),
            detail: gap.detail.clone(),
        }
    }
}

struct Pending {
    recommendation: Recommendation,
    closes: Vec<GapKey>,
}

/// Collects recommendations as the engine finds gaps.
pub(crate) struct Advisor {
    addressee: String,
    bound: BoundStatus,
    pending: Vec<Pending>,
}

impl Advisor {
    pub(crate) fn new(addressee: String, bound: BoundStatus) -> Advisor {
        Advisor {
            addressee,
            bound,
            pending: Vec::new(),
        }
    }

    fn push(
        &mut self,
        gaps: &[&Gap],
        article: u16,
        title: &str,
        provisions: &[CitedProvision],
        remedy: Remedy,
    ) {
        let priority = if gaps.iter().any(|g| g.severity == Severity::Major) {
            Priority::High
        } else {
            Priority::Medium
        };
        self.pending.push(Pending {
            recommendation: Recommendation {
                id: String::new(),
                priority,
                article,
                article_title: title.to_string(),
                addressee: self.addressee.clone(),
                provisions: provisions.to_vec(),
                remedy,
                closes: gaps.iter().filter_map(|g| g.element.clone()).collect(),
            },
            closes: gaps.iter().map(|g| GapKey::of(g)).collect(),
        });
    }

    /// Element gaps of one article: one recommendation to amend the cited provisions (or to
    /// enact one), and one per designation the article requires.
    pub(crate) fn elements(
        &mut self,
        instrument: &Instrument,
        article: &Article,
        provisions: &[CitedProvision],
        gaps: &[Gap],
    ) {
        let designation_paragraphs: Vec<&str> = instrument
            .permissions
            .iter()
            .filter(|p| p.kind == PermissionKind::Designation && p.article == article.number)
            .filter_map(|p| p.paragraph.as_deref())
            .collect();
        let paragraph_of = |gap: &Gap| {
            let id = gap.element.as_ref().map(|e| e.id.as_str())?;
            article
                .paragraphs
                .iter()
                .find(|p| p.elements.iter().any(|e| e.id == id))
                .and_then(|p| p.number.as_deref())
        };
        let (designations, law): (Vec<&Gap>, Vec<&Gap>) = gaps.iter().partition(|g| {
            paragraph_of(g).is_some_and(|p| designation_paragraphs.contains(&p))
                && g.element.as_ref().is_some_and(|e| {
                    article
                        .element(&e.id)
                        .is_some_and(|x| x.kind == ElementKind::Core)
                })
        });
        if !law.is_empty() {
            let actions = law.iter().map(|g| self.action(article, g)).collect();
            let remedy = if provisions.is_empty() {
                Remedy::Enact { actions }
            } else {
                Remedy::Amend { actions }
            };
            self.push(&law, article.number, &article.title, provisions, remedy);
        }
        for gap in designations {
            let actions = vec![self.action(article, gap)];
            self.push(
                &[gap],
                article.number,
                &article.title,
                &[],
                Remedy::Designate { actions },
            );
        }
    }

    /// Gaps of elements carried over from another instrument's ratings: one recommendation
    /// to close the gaps of that instrument's articles rated below compliant.
    pub(crate) fn carried(&mut self, article: &Article, gaps: &[(&Gap, &CarriedOver)]) {
        let Some((_, first)) = gaps.first() else {
            return;
        };
        let mut articles: Vec<u16> = gaps
            .iter()
            .flat_map(|(_, c)| &c.ratings)
            .filter(|r| matches!(r.rating, Rating::LC | Rating::PC | Rating::NC))
            .map(|r| r.article)
            .collect();
        articles.sort_unstable();
        articles.dedup();
        let actions = gaps.iter().map(|(g, _)| self.action(article, g)).collect();
        let only: Vec<&Gap> = gaps.iter().map(|(g, _)| *g).collect();
        self.push(
            &only,
            article.number,
            &article.title,
            &[],
            Remedy::CloseCarriedGaps {
                instrument: first.instrument_number.clone(),
                articles,
                actions,
            },
        );
    }

    /// What the checklist says to do about an element, as a verb phrase
    /// (`criminalise the import of …`).
    fn action(&self, article: &Article, gap: &Gap) -> String {
        let template = gap
            .element
            .as_ref()
            .and_then(|e| article.element(&e.id))
            .map(|e| e.recommendation.as_str())
            .unwrap_or_default();
        let phrase = template
            .strip_prefix("{jurisdiction} should, ")
            .or_else(|| template.strip_prefix("{jurisdiction} should "))
            .map(str::to_string)
            .unwrap_or_else(|| {
                format!(
                    "ensure that {}",
                    template.replace("{jurisdiction}", &self.addressee)
                )
            });
        phrase.trim().trim_end_matches('.').to_string()
    }

    pub(crate) fn qualifier(
        &mut self,
        gap: &Gap,
        provisions: &[CitedProvision],
        qualifier: ElementRef,
        options: Vec<String>,
    ) {
        let remedy = if self.bound.may_still_reserve() {
            Remedy::DeclareOrAmend { qualifier, options }
        } else {
            Remedy::DropQualifier { qualifier }
        };
        self.push(&[gap], gap.article, &gap.article_title, provisions, remedy);
    }

    pub(crate) fn restriction(&mut self, gap: &Gap, provisions: &[CitedProvision], text: &str) {
        self.push(
            &[gap],
            gap.article,
            &gap.article_title,
            provisions,
            Remedy::RemoveRestriction {
                restriction: text.to_string(),
            },
        );
    }

    pub(crate) fn choice(
        &mut self,
        gap: &Gap,
        kind: ChoiceKind,
        provision: &str,
        status: ChoiceStatus,
    ) {
        let provision = provision.to_string();
        let remedy = match status {
            ChoiceStatus::Planned => Remedy::DoNotMake { kind, provision },
            ChoiceStatus::Made => Remedy::Withdraw { kind, provision },
        };
        self.push(&[gap], gap.article, &gap.article_title, &[], remedy);
    }

    /// Orders and numbers the recommendations, and tells each gap which one closes it.
    pub(crate) fn finish(self, gaps: &mut [Gap]) -> Vec<Recommendation> {
        let mut pending = self.pending;
        // A stable sort keeps the order in which the engine found them within an article.
        pending.sort_by_key(|p| (p.recommendation.priority, p.recommendation.article));
        let mut out = Vec::with_capacity(pending.len());
        for (i, mut p) in pending.into_iter().enumerate() {
            p.recommendation.id = format!("R{}", i + 1);
            for gap in gaps.iter_mut() {
                if gap.recommendation.is_none() && p.closes.contains(&GapKey::of(gap)) {
                    gap.recommendation = Some(p.recommendation.id.clone());
                }
            }
            out.push(p.recommendation);
        }
        out
    }
}
