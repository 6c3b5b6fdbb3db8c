use std::collections::BTreeSet;

use super::advice::Advisor;
use super::model::*;
use crate::instrument::{
    Article, CarryOver, ElementKind, Instrument, Location, Permission, PermissionKind,
};
use crate::profile::{
    BoundStatus, ChoiceKind, ChoiceStatus, DocumentKind, Severity, Status, ValidArticle,
    ValidLimitation, ValidProfile,
};

/// An article whose score reaches this (and is below 1) is Largely compliant.
pub const LC_THRESHOLD: Share = Share::new(4, 5);
/// An article whose score reaches this (and is below [`LC_THRESHOLD`]) is Partially compliant.
pub const PC_THRESHOLD: Share = Share::new(2, 5);
/// The share of applicable elements that must be assessed, over a profile or a chapter, for
/// its index to be a headline figure; below it the index is "insufficient coverage".
pub const COVERAGE_THRESHOLD: Share = Share::new(3, 4);

/// An element's value in halves (met 2, partly 1, not met 0), so that scores compare exactly.
fn halves(status: Status) -> u64 {
    match status {
        Status::Met => 2,
        Status::Partly => 1,
        Status::NotMet | Status::NotAssessed => 0,
    }
}

/// Assesses a validated profile against an instrument.
///
/// Pure and total: never panics, never reads a file. `docs/methodology.md` states every rule.
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
pub fn assess(instrument: &Instrument, profile: &ValidProfile) -> Assessment {
    let sources = carried_sources(instrument, profile);
    let mut engine = Engine::new(instrument, profile);
    engine.sources = sources;
    engine.run()
}

/// The assessments of the other instruments whose ratings decide an element of an article
/// that the profile marks `carried_over` (ETS 185 for ETS 189's Article 8). Those are
/// assessed without carrying anything over themselves, so references cannot loop.
fn carried_sources(instrument: &Instrument, profile: &ValidProfile) -> Vec<Assessment> {
    let mut ids: Vec<&str> = instrument
        .articles()
        .filter(|a| {
            profile
                .article(&instrument.id, a.number)
                .is_some_and(|e| e.carried_over)
        })
        .flat_map(|a| &a.carries_over)
        .filter(|c| c.element.is_some() && c.instrument != instrument.id)
        .map(|c| c.instrument.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .filter_map(Instrument::by_id)
        .map(|other| Engine::new(other, profile).run())
        .collect()
}

/// A reservation or declaration with effect, and the element references it covers.
struct Effective<'a> {
    permission: &'a Permission,
    status: ChoiceStatus,
    covered: Vec<String>,
}

struct Engine<'a> {
    instrument: &'a Instrument,
    profile: &'a ValidProfile,
    bound: BoundStatus,
    effective: Vec<Effective<'a>>,
    /// Articles that a recorded reservation or declaration the treaty does not permit names.
    invalid_choices: Vec<(u16, ChoiceKind, String, ChoiceStatus)>,
    gaps: Vec<Gap>,
    to_assess: Vec<ToAssess>,
    advisor: Advisor,
    /// Other instruments' assessments that carried-over elements take their status from.
    sources: Vec<Assessment>,
}

impl<'a> Engine<'a> {
    fn new(instrument: &'a Instrument, profile: &'a ValidProfile) -> Self {
        Engine {
            instrument,
            profile,
            bound: profile.bound_status(&instrument.id),
            effective: Vec::new(),
            invalid_choices: Vec::new(),
            gaps: Vec::new(),
            to_assess: Vec::new(),
            advisor: Advisor::new(
                profile.jurisdiction.sentence_start(),
                profile.bound_status(&instrument.id),
            ),
            sources: Vec::new(),
        }
    }

    /// The ratings that decide an element carried over from another instrument.
    fn carried(&self, c: &CarryOver) -> CarriedOver {
        let source = self.sources.iter().find(|a| a.instrument == c.instrument);
        let ratings = c
            .articles
            .iter()
            .filter_map(|&n| match source {
                Some(a) => a
                    .articles
                    .iter()
                    .find(|r| r.number == n)
                    .map(|r| CarriedRating {
                        article: n,
                        rating: r.rating,
                        provisional: r.provisional,
                    }),
                // An instrument this crate does not ship: nothing is known of it.
                None => Some(CarriedRating {
                    article: n,
                    rating: Rating::NotAssessed,
                    provisional: false,
                }),
            })
            .collect();
        CarriedOver {
            instrument: c.instrument.clone(),
            instrument_number: Instrument::by_id(&c.instrument)
                .map(|i| i.number.clone())
                .unwrap_or_else(|| c.instrument.clone()),
            ratings,
        }
    }

    fn run(mut self) -> Assessment {
        let choices = self.choices();
        let mut articles = Vec::new();
        for (location, article) in self.instrument.articles_located() {
            if article.scored {
                let result = self.article(location, article);
                articles.push(result);
            }
        }
        self.safeguards(&mut articles);
        let overall = index(articles.iter());
        let mut divisions: Vec<DivisionIndex> = Vec::new();
        for a in &articles {
            if divisions.iter().all(|d| d.division != a.division) {
                divisions.push(DivisionIndex {
                    division: a.division.clone(),
                    index: index(articles.iter().filter(|x| x.division == a.division)),
                });
            }
        }
        let instrument = self.instrument;
        let mut gaps = std::mem::take(&mut self.gaps);
        let element_order = |g: &Gap| -> usize {
            let Some(a) = instrument.article(g.article) else {
                return 0;
            };
            g.element
                .as_ref()
                .and_then(|e| a.elements().position(|(_, x)| x.id == e.id))
                .unwrap_or(usize::MAX)
        };
        gaps.sort_by_key(|g| {
            (
                std::cmp::Reverse(g.severity),
                g.article,
                element_order(g),
                g.kind,
            )
        });
        let recommendations = self.advisor.finish(&mut gaps);
        Assessment {
            instrument: self.instrument.id.clone(),
            instrument_title: format!("{} – {}", self.instrument.number, self.instrument.title),
            jurisdiction: self.profile.jurisdiction.name.trim().to_string(),
            jurisdiction_in_text: self.profile.jurisdiction.in_text(),
            bound_status: self.bound,
            document_kind: self.profile.document.kind,
            document_title: self.profile.document.title.clone(),
            as_of: self.profile.document.as_of,
            index: overall,
            divisions,
            articles,
            choices,
            gaps,
            recommendations,
            to_assess: self.to_assess,
        }
    }

    /// The powers Article 15 applies to carry its rating among their reasons.
    fn safeguards(&self, articles: &mut [ArticleResult]) {
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
                r.reasons.push(Reason::Safeguards {
                    article: safeguard.number,
                    title: safeguard.title.clone(),
                    rating,
                });
            }
        }
    }

    /// Resolves the profile's reservations and declarations against the treaty's permissions.
    fn choices(&mut self) -> Vec<ChoiceResult> {
        let mut out = Vec::new();
        for valid in self.profile.choices(&self.instrument.id) {
            let choice = &valid.choice;
            let mut provision =
                crate::instrument::cite(choice.article, choice.paragraph.as_deref());
            if let Some(r) = &choice.concerns {
                let number = Instrument::by_id(&r.instrument)
                    .map(|i| i.number.clone())
                    .unwrap_or_else(|| r.instrument.clone());
                provision.push_str(&format!(
                    " (concerning {number}, {})",
                    crate::instrument::cite(r.article, r.paragraph.as_deref())
                ));
            }
            let kinds: &[PermissionKind] = match valid.kind {
                ChoiceKind::Reservation => &[PermissionKind::Reservation],
                ChoiceKind::Declaration => {
                    &[PermissionKind::Declaration, PermissionKind::Designation]
                }
            };
            let permissions = self.instrument.permissions_concerning(
                kinds,
                choice.article,
                choice.paragraph.as_deref(),
                choice.concerns.as_ref(),
            );
            let validity = if permissions.is_empty() {
                ChoiceValidity::NotPermitted
            } else if choice.status == ChoiceStatus::Planned && !self.bound.may_still_reserve() {
                ChoiceValidity::TooLate
            } else {
                ChoiceValidity::Valid
            };
            let mut elements = Vec::new();
            for p in &permissions {
                let covered: Vec<String> = p
                    .removes
                    .iter()
                    .chain(&p.permits)
                    .filter(|e| choice.elements.is_empty() || choice.elements.contains(e))
                    .cloned()
                    .collect();
                elements.extend(covered.iter().cloned());
                if validity == ChoiceValidity::Valid {
                    self.effective.push(Effective {
                        permission: p,
                        status: choice.status,
                        covered,
                    });
                }
            }
            if validity == ChoiceValidity::NotPermitted {
                self.invalid_choices.push((
                    choice.article,
                    valid.kind,
                    provision.clone(),
                    choice.status,
                ));
                let title = self
                    .instrument
                    .article(choice.article)
                    .map_or_else(|| "unknown article".to_string(), |a| a.title.clone());
                let gap = Gap {
                    article: choice.article,
                    article_title: title,
                    kind: GapKind::ImpermissibleChoice,
                    severity: Severity::Major,
                    element: None,
                    detail: Some(format!("{} on {provision}", valid.kind.as_str())),
                    recommendation: None,
                };
                self.advisor
                    .choice(&gap, valid.kind, &provision, choice.status);
                self.gaps.push(gap);
            }
            out.push(ChoiceResult {
                kind: valid.kind,
                permission_kind: permissions.first().map(|p| p.kind),
                provision,
                status: choice.status,
                validity,
                basis: dedup(permissions.iter().map(|p| p.basis.clone())),
                effect: dedup(permissions.iter().map(|p| p.summary.clone())),
                elements,
                text: choice.text.clone(),
            });
        }
        out
    }

    fn removed_by(&self, reference: &str) -> Option<&'a Permission> {
        self.effective
            .iter()
            .find(|e| {
                e.permission.removes.iter().any(|r| r == reference)
                    && e.covered.iter().any(|c| c == reference)
            })
            .map(|e| e.permission)
    }

    fn condition_met(&self, only_with: &[String]) -> bool {
        only_with.is_empty()
            || self
                .effective
                .iter()
                .any(|e| only_with.contains(&e.permission.id))
    }

    fn article(&mut self, location: Location<'_>, article: &'a Article) -> ArticleResult {
        let entry = self.profile.article(&self.instrument.id, article.number);
        let mut result = ArticleResult {
            number: article.number,
            title: article.title.clone(),
            division: location.division(),
            rating: Rating::NotAssessed,
            provisional: false,
            coverage: Coverage::default(),
            tally: Tally::default(),
            score: None,
            score_without_reservations: None,
            provisions: entry.map(|e| e.provisions.clone()).unwrap_or_default(),
            elements: self.elements(article, entry),
            reasons: Vec::new(),
            practice: None,
            note: entry.and_then(|e| e.note.clone()),
        };
        self.alternatives(&mut result);
        result.practice = self.practice(&result);
        self.record_to_assess(article, entry, &result);
        result.reasons.extend(reserved_reasons(&result));

        let mut tally = Tally::default();
        for e in result.elements.iter().filter(|e| e.applicable) {
            tally.add(e.status);
        }
        result.tally = tally;
        result.coverage = Coverage {
            assessed: tally.assessed(),
            applicable: tally.total(),
        };
        result.score_without_reservations = without_reservations(&result.elements);
        let shortcomings = match entry {
            Some(entry) => self.limitations(article, entry, &mut result),
            None => Vec::new(),
        };

        if tally.total() == 0 {
            result.rating = Rating::NA;
            result.reasons.push(options_or_nothing(&result.elements));
            return result;
        }
        let Some(score) = share(result.elements.iter().filter(|e| e.applicable)) else {
            result.reasons.push(Reason::NotAssessed {
                no_entry: entry.is_none(),
            });
            return result;
        };
        result.score = Some(score.value());
        result.provisional = !result.coverage.is_complete();
        result.reasons.insert(
            0,
            Reason::Elements {
                tally: result.tally,
                score,
            },
        );
        if result.provisional {
            result.reasons.insert(
                1,
                Reason::Provisional {
                    coverage: result.coverage,
                },
            );
        }
        if !result.provisions.is_empty() {
            result.reasons.push(Reason::Evidence {
                provisions: result
                    .provisions
                    .iter()
                    .map(|p| p.citation.clone())
                    .collect(),
            });
        }
        let mut all = self.element_gaps(article, &result);
        all.extend(shortcomings);
        result.rating = rate(score, &all, &mut result.reasons);
        result
    }

    /// Every element of the article with its resolved status and applicability.
    fn elements(&self, article: &Article, entry: Option<&ValidArticle>) -> Vec<ElementResult> {
        let id = article.id();
        let required: BTreeSet<&str> = entry
            .map(|e| {
                e.limitations
                    .iter()
                    .filter_map(|l| match l {
                        ValidLimitation::Qualifier { id, .. } => Some(id.as_str()),
                        ValidLimitation::Restriction { .. } => None,
                    })
                    .collect()
            })
            .unwrap_or_default();
        article
            .elements()
            .map(|(paragraph, element)| {
                let reference = format!("{id}.{}", element.id);
                let override_ = entry.and_then(|e| e.elements.get(&element.id));
                let default = match element.kind {
                    ElementKind::Core | ElementKind::Option => entry.and_then(|e| e.status),
                    _ => None,
                };
                let carried = entry
                    .filter(|e| e.carried_over)
                    .and_then(|_| {
                        article
                            .carries_over
                            .iter()
                            .find(|c| c.element.as_deref() == Some(element.id.as_str()))
                    })
                    .map(|c| self.carried(c));
                let status = match (&carried, element.kind) {
                    (_, ElementKind::Qualifier) => Status::NotAssessed,
                    (Some(c), _) => c.status(),
                    (None, _) => override_
                        .map(|o| o.status)
                        .or(default)
                        .unwrap_or(Status::NotAssessed),
                };
                let removed = (element.kind == ElementKind::Core)
                    .then(|| self.removed_by(&reference))
                    .flatten();
                ElementResult {
                    id: element.id.clone(),
                    paragraph: paragraph.number.clone(),
                    text: element.text.clone(),
                    kind: element.kind,
                    status,
                    weight: element.weight,
                    applicable: element.kind.is_scored()
                        && removed.is_none()
                        && self.condition_met(&element.only_with),
                    removed_by: removed.map(Permission::provision),
                    replaced_by: None,
                    required_by_law: required.contains(element.id.as_str()),
                    note: override_.and_then(|o| o.note.clone()),
                    carried_over: carried,
                }
            })
            .collect()
    }

    /// An alternative in place stands in for the elements it replaces.
    fn alternatives(&self, result: &mut ArticleResult) {
        let Some(article) = self.instrument.article(result.number) else {
            return;
        };
        let alternatives: Vec<(ElementRef, Status, Vec<String>)> = result
            .elements
            .iter()
            .filter(|e| e.kind == ElementKind::Alternative)
            .filter(|e| matches!(e.status, Status::Met | Status::Partly))
            .filter_map(|e| {
                let replaces = article.element(&e.id)?.replaces.clone();
                Some((e.as_ref(), e.status, replaces))
            })
            .collect();
        for (alternative, status, replaces) in alternatives {
            for target in result
                .elements
                .iter_mut()
                .filter(|e| replaces.contains(&e.id))
            {
                if halves(status) > halves(target.status) || target.status == Status::NotAssessed {
                    target.status = status;
                    target.replaced_by = Some(alternative.id.clone());
                    let element = target.as_ref();
                    result.reasons.push(Reason::Alternative {
                        element,
                        alternative: alternative.clone(),
                    });
                }
            }
        }
    }

    fn practice(&self, result: &ArticleResult) -> Option<PracticeFinding> {
        let criteria: Vec<&ElementResult> = result
            .elements
            .iter()
            .filter(|e| e.kind == ElementKind::Practice)
            .collect();
        if criteria.is_empty() {
            return None;
        }
        let applies = self.profile.document.kind == DocumentKind::InForce;
        let mut tally = Tally::default();
        for c in &criteria {
            tally.add(if applies {
                c.status
            } else {
                Status::NotAssessed
            });
        }
        Some(PracticeFinding {
            applies,
            tally,
            shortfalls: criteria
                .iter()
                .filter(|c| applies && matches!(c.status, Status::NotMet | Status::Partly))
                .map(|c| c.as_ref())
                .collect(),
        })
    }

    /// The assessor's to-do list: never advice to the State.
    fn record_to_assess(
        &mut self,
        article: &Article,
        entry: Option<&ValidArticle>,
        result: &ArticleResult,
    ) {
        let todo = |element: Option<&ElementResult>| ToAssess {
            article: article.number,
            article_title: article.title.clone(),
            element: element.map(ElementResult::as_ref),
            kind: element.map(|e| e.kind),
        };
        if entry.is_none() {
            self.to_assess.push(todo(None));
            return;
        }
        let in_force = self.profile.document.kind == DocumentKind::InForce;
        for e in &result.elements {
            let wanted = match e.kind {
                ElementKind::Core => e.applicable && e.replaced_by.is_none(),
                ElementKind::Option => true,
                ElementKind::Practice => in_force,
                ElementKind::Qualifier | ElementKind::Alternative => false,
            };
            // A carried-over element is assessed through the other instrument's articles,
            // which that instrument's own to-do list names.
            if wanted && e.status == Status::NotAssessed && e.carried_over.is_none() {
                self.to_assess.push(todo(Some(e)));
            }
        }
    }

    /// The gaps of the assessed applicable elements, recorded and handed to the advisor.
    fn element_gaps(&mut self, article: &Article, result: &ArticleResult) -> Vec<Shortcoming> {
        let mut out = Vec::new();
        let mut gaps = Vec::new();
        for e in result.elements.iter().filter(|e| e.applicable) {
            let (kind, severity) = match e.status {
                Status::NotMet => (GapKind::MissingElement, Severity::Major),
                Status::Partly => (GapKind::PartialElement, Severity::Minor),
                Status::Met | Status::NotAssessed => continue,
            };
            let gap = Gap {
                article: article.number,
                article_title: article.title.clone(),
                kind,
                severity,
                element: Some(e.as_ref()),
                detail: None,
                recommendation: None,
            };
            out.push(gap.shortcoming());
            gaps.push((gap, e.carried_over.as_ref()));
        }
        let own: Vec<Gap> = gaps
            .iter()
            .filter(|(_, c)| c.is_none())
            .map(|(g, _)| g.clone())
            .collect();
        self.advisor
            .elements(self.instrument, article, &result.provisions, &own);
        let carried: Vec<(&Gap, &CarriedOver)> =
            gaps.iter().filter_map(|(g, c)| c.map(|c| (g, c))).collect();
        self.advisor.carried(article, &carried);
        self.gaps.extend(gaps.into_iter().map(|(g, _)| g));
        out
    }

    /// Qualifiers and restrictions, and an invalid reservation on the article: their reasons,
    /// gaps and recommendations, and the shortcomings that cap the rating.
    fn limitations(
        &mut self,
        article: &Article,
        entry: &ValidArticle,
        result: &mut ArticleResult,
    ) -> Vec<Shortcoming> {
        let mut out = Vec::new();
        let id = article.id();
        for lim in &entry.limitations {
            match lim {
                ValidLimitation::Qualifier { id: q, .. } => {
                    let Some(element) = article
                        .element(q)
                        .filter(|e| e.kind == ElementKind::Qualifier)
                    else {
                        continue;
                    };
                    let qualifier = ElementRef {
                        id: q.clone(),
                        text: element.text.clone(),
                    };
                    let reference = format!("{id}.{q}");
                    let needed: Vec<&Permission> = self
                        .instrument
                        .permissions_for_qualifier(&reference)
                        .collect();
                    if needed.is_empty() {
                        result
                            .reasons
                            .push(Reason::QualifierPermitted { qualifier });
                        continue;
                    }
                    let made = self.effective.iter().find(|e| {
                        needed.iter().any(|n| n.id == e.permission.id)
                            && e.covered.contains(&reference)
                    });
                    if let Some(made) = made {
                        result.reasons.push(Reason::QualifierCovered {
                            qualifier,
                            kind: made.permission.kind,
                            provision: made.permission.provision(),
                            status: made.status,
                        });
                        continue;
                    }
                    let options: Vec<String> = needed
                        .iter()
                        .map(|p| {
                            format!("the {} on {} ({})", p.kind.as_str(), p.provision(), p.basis)
                        })
                        .collect();
                    result.reasons.push(Reason::QualifierUndeclared {
                        qualifier: qualifier.clone(),
                        needs: options.clone(),
                    });
                    let gap = Gap {
                        article: article.number,
                        article_title: article.title.clone(),
                        kind: GapKind::UndeclaredQualifier,
                        severity: Severity::Minor,
                        element: Some(qualifier.clone()),
                        detail: None,
                        recommendation: None,
                    };
                    self.advisor
                        .qualifier(&gap, &result.provisions, qualifier, options);
                    out.push(gap.shortcoming());
                    self.gaps.push(gap);
                }
                ValidLimitation::Restriction {
                    text,
                    severity,
                    element,
                    ..
                } => {
                    result.reasons.push(Reason::Restriction {
                        text: text.clone(),
                        severity: *severity,
                    });
                    let element = element.as_deref().and_then(|e| {
                        article.element(e).map(|x| ElementRef {
                            id: e.to_string(),
                            text: x.text.clone(),
                        })
                    });
                    let gap = Gap {
                        article: article.number,
                        article_title: article.title.clone(),
                        kind: GapKind::Restriction,
                        severity: *severity,
                        element,
                        detail: Some(text.clone()),
                        recommendation: None,
                    };
                    self.advisor.restriction(&gap, &result.provisions, text);
                    out.push(gap.shortcoming());
                    self.gaps.push(gap);
                }
            }
        }
        for (number, kind, provision, _) in &self.invalid_choices {
            if *number == article.number {
                out.push(Shortcoming {
                    kind: GapKind::ImpermissibleChoice,
                    severity: Severity::Major,
                    element: None,
                    detail: Some(format!("{} on {provision}", kind.as_str())),
                });
            }
        }
        out
    }
}

/// The band of a score, then the cap of the worst shortcoming, as one rule.
fn rate(score: Share, shortcomings: &[Shortcoming], reasons: &mut Vec<Reason>) -> Rating {
    let band = if score.is_whole() {
        Rating::C
    } else if score.at_least(LC_THRESHOLD) {
        Rating::LC
    } else if score.at_least(PC_THRESHOLD) {
        Rating::PC
    } else {
        Rating::NC
    };
    let worst = shortcomings
        .iter()
        .find(|s| s.severity == Severity::Major)
        .or_else(|| shortcomings.first());
    let Some(worst) = worst else {
        return band;
    };
    let cap = match worst.severity {
        Severity::Major => Rating::PC,
        Severity::Minor => Rating::LC,
    };
    if band.rank() > cap.rank() {
        reasons.push(Reason::Capped {
            score_gives: band,
            cap,
            by: worst.clone(),
        });
        cap
    } else {
        band
    }
}

/// The weighted score of the assessed elements among these; `None` when none is assessed.
fn share<'e>(elements: impl Iterator<Item = &'e ElementResult>) -> Option<Share> {
    let (num, den) =
        elements
            .filter(|e| e.status != Status::NotAssessed)
            .fold((0, 0), |(n, d), e| {
                (
                    n + u64::from(e.weight) * halves(e.status),
                    d + 2 * u64::from(e.weight),
                )
            });
    (den > 0).then_some(Share::new(num, den))
}

/// The score over every core element, as if no reservation had been made: an element a
/// reservation removed counts as not met unless the profile assessed it.
fn without_reservations(elements: &[ElementResult]) -> Option<f64> {
    let (num, den) = elements
        .iter()
        .filter(|e| e.kind == ElementKind::Core && (e.applicable || e.removed_by.is_some()))
        .filter(|e| e.status != Status::NotAssessed || e.removed_by.is_some())
        .fold((0, 0), |(n, d), e| {
            (
                n + u64::from(e.weight) * halves(e.status),
                d + 2 * u64::from(e.weight),
            )
        });
    (den > 0).then(|| Share::new(num, den).value())
}

fn reserved_reasons(result: &ArticleResult) -> Vec<Reason> {
    let by: BTreeSet<&str> = result
        .elements
        .iter()
        .filter_map(|e| e.removed_by.as_deref())
        .collect();
    by.into_iter()
        .map(|provision| Reason::Reserved {
            provision: provision.to_string(),
            elements: result
                .elements
                .iter()
                .filter(|e| e.removed_by.as_deref() == Some(provision))
                .map(ElementResult::as_ref)
                .collect(),
        })
        .collect()
}

fn options_or_nothing(elements: &[ElementResult]) -> Reason {
    let options: Vec<&ElementResult> = elements
        .iter()
        .filter(|e| e.kind == ElementKind::Option)
        .collect();
    if options.is_empty() || elements.iter().any(|e| e.kind == ElementKind::Core) {
        return Reason::NoApplicableElement;
    }
    let count = |f: &dyn Fn(Status) -> bool| options.iter().filter(|e| f(e.status)).count();
    Reason::OptionsOnly {
        available: count(&|s| matches!(s, Status::Met | Status::Partly)),
        unavailable: count(&|s| s == Status::NotMet),
        not_assessed: count(&|s| s == Status::NotAssessed),
    }
}

fn dedup(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

fn index<'r>(articles: impl Iterator<Item = &'r ArticleResult>) -> Index {
    let mut counts = RatingCounts::default();
    let mut coverage = Coverage::default();
    let (mut scorable, mut provisional) = (0, 0);
    let (mut with, mut with_n, mut without, mut without_n) = (0.0, 0usize, 0.0, 0usize);
    for a in articles {
        scorable += 1;
        counts.add(a.rating);
        coverage.assessed += a.coverage.assessed;
        coverage.applicable += a.coverage.applicable;
        if a.rating == Rating::NotAssessed {
            continue;
        }
        // An article a reservation made inapplicable still counts here: what the choice costs.
        if let Some(s) = a.score_without_reservations {
            without += s;
            without_n += 1;
        }
        if a.rating.rank().is_none() {
            continue;
        }
        provisional += usize::from(a.provisional);
        if let Some(s) = a.score {
            with += s;
            with_n += 1;
        }
    }
    let mean = |sum: f64, n: usize| (n > 0).then(|| round(100.0 * sum / n as f64, 1));
    let score = mean(with, with_n);
    let sufficient = coverage
        .share()
        .is_some_and(|s| s.at_least(COVERAGE_THRESHOLD));
    Index {
        score,
        headline: score.filter(|_| sufficient),
        score_without_reservations: mean(without, without_n),
        coverage,
        assessed: scorable - counts.not_assessed,
        provisional,
        scorable,
        counts,
    }
}
