//! Checks of the checklist data itself: unique ids, references that resolve, the structure
//! the methodology relies on.

use std::collections::{BTreeSet, HashSet};
use std::fmt;

use super::{ElementKind, Instrument, PermissionKind};

/// One inconsistency in an instrument's data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintError {
    /// Where: `art-6`, `res-6-3`, ….
    pub at: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

impl Instrument {
    /// Checks the data: articles numbered once each, element ids unique and kebab-case,
    /// `applies_to` and permission references resolving to elements of the right kind, every
    /// permission naming a real paragraph, and every scored article having a core element (or, like
    /// Article 32, only options).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(budapest_gap::Instrument::ets_185().lint().is_empty());
    /// ```
    pub fn lint(&self) -> Vec<LintError> {
        let mut out = Vec::new();
        let mut err = |at: &str, message: String| {
            out.push(LintError {
                at: at.to_string(),
                message,
            })
        };
        let mut numbers = HashSet::new();
        for article in self.articles() {
            let at = article.id();
            if !numbers.insert(article.number) {
                err(&at, "article number used twice".into());
            }
            if article.title.trim().is_empty() {
                err(&at, "empty title".into());
            }
            if article.scored && !article.verified {
                err(
                    &at,
                    "an article not verified against the official text is scored".into(),
                );
            }
            for c in &article.carries_over {
                for message in self.carry_over_problems(c) {
                    err(&at, message);
                }
                if let Some(id) = &c.element
                    && !article.elements().any(|(_, e)| &e.id == id)
                {
                    err(
                        &at,
                        format!("carries_over decides element `{id}`, which this article lacks"),
                    );
                }
            }
            let mut ids = HashSet::new();
            for (_, e) in article.elements() {
                if !ids.insert(e.id.as_str()) {
                    err(&at, format!("element id `{}` used twice", e.id));
                }
                if e.id.is_empty()
                    || !e
                        .id
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                {
                    err(&at, format!("element id `{}` is not kebab-case", e.id));
                }
                if e.weight == 0 {
                    err(&at, format!("element `{}` has weight 0", e.id));
                }
                if !e.recommendation.contains("{jurisdiction}") {
                    err(
                        &at,
                        format!(
                            "element `{}`'s recommendation does not name `{{jurisdiction}}`",
                            e.id
                        ),
                    );
                }
            }
            for (_, e) in article.elements() {
                match (e.kind, e.replaces.is_empty()) {
                    (ElementKind::Alternative, true) => {
                        err(&at, format!("alternative `{}` replaces no element", e.id))
                    }
                    (ElementKind::Alternative, false) => {}
                    (_, false) => err(
                        &at,
                        format!(
                            "element `{}` has `replaces` but is not an alternative",
                            e.id
                        ),
                    ),
                    _ => {}
                }
                for r in &e.replaces {
                    match article.element(r) {
                        Some(t) if t.kind == ElementKind::Core => {}
                        Some(_) => err(
                            &at,
                            format!("alternative `{}` replaces `{r}`, which is not core", e.id),
                        ),
                        None => err(
                            &at,
                            format!(
                                "alternative `{}` replaces `{r}`, which does not exist",
                                e.id
                            ),
                        ),
                    }
                }
                for p in &e.only_with {
                    if !self.permissions.iter().any(|x| &x.id == p) {
                        err(
                            &at,
                            format!(
                                "element `{}` is only_with `{p}`, which is no permission",
                                e.id
                            ),
                        );
                    }
                }
            }
            let mut paragraphs = HashSet::new();
            for p in &article.paragraphs {
                if !paragraphs.insert(p.number.clone()) {
                    err(&at, format!("paragraph {:?} listed twice", p.number));
                }
            }
            // An article made only of permissions (Article 32: "a Party may") has options and no
            // obligation; any other scored article needs at least one core element.
            let only_options = article.elements().next().is_some()
                && article
                    .elements()
                    .all(|(_, e)| e.kind == ElementKind::Option);
            if article.scored
                && !only_options
                && !article.elements().any(|(_, e)| e.kind == ElementKind::Core)
            {
                err(&at, "a scored article has no core element".into());
            }
            for target in &article.applies_to {
                if self.article(*target).is_none() {
                    err(
                        &at,
                        format!("applies_to names Article {target}, which does not exist"),
                    );
                }
            }
        }
        let mut permission_ids = HashSet::new();
        let mut provisions = HashSet::new();
        let mut permitted: BTreeSet<&str> = BTreeSet::new();
        for p in &self.permissions {
            if !permission_ids.insert(p.id.as_str()) {
                err(&p.id, "permission id used twice".into());
            }
            if let Some(message) = p
                .concerns
                .as_ref()
                .and_then(|r| self.foreign_provision_problem(r))
            {
                err(&p.id, message);
            }
            if !provisions.insert((p.kind, p.article, p.paragraph.clone(), p.concerns.clone())) {
                err(
                    &p.id,
                    format!("a second {} on {}", p.kind.as_str(), p.provision()),
                );
            }
            match self.article(p.article) {
                None => err(&p.id, format!("Article {} does not exist", p.article)),
                Some(article) => {
                    if let Some(para) = &p.paragraph {
                        // The permission's paragraph must exist: as listed, or as the parent of a
                        // listed sub-paragraph (`3` for `3.a`), or a sub-paragraph of one (`1.b` of `1`).
                        let known = article
                            .paragraphs
                            .iter()
                            .filter_map(|x| x.number.as_deref())
                            .any(|n| {
                                n == para
                                    || n.starts_with(&format!("{para}."))
                                    || para.starts_with(&format!("{n}."))
                            });
                        if !known && !article.paragraphs.is_empty() {
                            err(
                                &p.id,
                                format!("Article {} has no paragraph {para}", p.article),
                            );
                        }
                    }
                }
            }
            for r in &p.removes {
                match self.element(r) {
                    None => err(&p.id, format!("removes `{r}`, which does not resolve")),
                    Some((_, e)) if e.kind != ElementKind::Core => {
                        err(&p.id, format!("removes `{r}`, which is not a core element"))
                    }
                    _ => {}
                }
            }
            for q in &p.permits {
                permitted.insert(q.as_str());
                match self.element(q) {
                    None => err(&p.id, format!("permits `{q}`, which does not resolve")),
                    Some((_, e)) if e.kind != ElementKind::Qualifier => {
                        err(&p.id, format!("permits `{q}`, which is not a qualifier"))
                    }
                    _ => {}
                }
            }
            if p.kind == PermissionKind::Reservation && p.basis.is_empty() {
                err(&p.id, "a reservation without its basis".into());
            }
        }
        out
    }
}

impl Instrument {
    /// Problems with one `carries_over` entry: this instrument's articles must exist, the other
    /// instrument must be another one, and, when it is shipped with the crate, its articles
    /// must exist too. (A shipped instrument may refer only to ones that do not refer back:
    /// the Protocols refer to ETS 185, which refers to none.)
    fn carry_over_problems(&self, c: &super::CarryOver) -> Vec<String> {
        let mut out = Vec::new();
        if c.instrument == self.id {
            out.push("carries_over names this instrument itself".into());
        }
        if c.articles.is_empty() {
            out.push(format!(
                "carries_over from `{}` lists no article",
                c.instrument
            ));
        }
        for n in &c.to {
            if self.article(*n).is_none() {
                out.push(format!(
                    "carries_over applies to Article {n}, which does not exist"
                ));
            }
        }
        if c.instrument != self.id
            && let Some(other) = Instrument::by_id(&c.instrument)
        {
            for n in &c.articles {
                if other.article(*n).is_none() {
                    out.push(format!(
                        "carries_over names Article {n} of `{}`, which does not exist",
                        c.instrument
                    ));
                }
            }
        }
        out
    }

    /// The problem with a permission's `concerns`, if any: it must name another instrument
    /// and, for one shipped with the crate, an article (and paragraph) that exists there.
    fn foreign_provision_problem(&self, r: &super::ProvisionRef) -> Option<String> {
        if r.instrument == self.id {
            return Some("concerns names this instrument itself".into());
        }
        let other = Instrument::by_id(&r.instrument)?;
        let Some(article) = other.article(r.article) else {
            return Some(format!(
                "concerns Article {} of `{}`, which does not exist",
                r.article, r.instrument
            ));
        };
        let para = r.paragraph.as_deref()?;
        let known = article
            .paragraphs
            .iter()
            .filter_map(|x| x.number.as_deref())
            .any(|n| n == para || n.starts_with(&format!("{para}.")));
        (!known && !article.paragraphs.is_empty()).then(|| {
            format!(
                "concerns Article {}, paragraph {para} of `{}`, which does not exist",
                r.article, r.instrument
            )
        })
    }
}
