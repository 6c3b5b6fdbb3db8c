//! The report: Markdown snapshots, tables that survive any provision text, and the PDF read
//! back from disk.

use budapest_gap::report::Report;
use budapest_gap::{Instrument, Profile, assess};
use proptest::prelude::*;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::shipped_profiles;

fn report_of(profile: &Profile) -> Report {
    let ets = Instrument::ets_185();
    let valid = profile.validate().unwrap();
    Report::new(ets, &valid, &assess(ets, &valid))
}

/// Every table's rows have as many cells as its header; returns the number of tables and the
/// number of headings per level.
fn check_tables(md: &str) -> (usize, [usize; 6]) {
    let mut tables = 0;
    let mut headings = [0; 6];
    let mut columns = 0;
    let mut cells = 0;
    for event in Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::Table(alignments)) => {
                tables += 1;
                columns = alignments.len();
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => cells = 0,
            Event::Start(Tag::TableCell) => cells += 1,
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => assert_eq!(
                cells, columns,
                "a row with {cells} cells in a table of {columns} columns"
            ),
            Event::Start(Tag::Heading { level, .. }) => {
                let i = match level {
                    HeadingLevel::H1 => 0,
                    HeadingLevel::H2 => 1,
                    HeadingLevel::H3 => 2,
                    HeadingLevel::H4 => 3,
                    HeadingLevel::H5 => 4,
                    HeadingLevel::H6 => 5,
                };
                headings[i] += 1;
            }
            _ => {}
        }
    }
    (tables, headings)
}

fn stem(path: &std::path::Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

#[test]
fn markdown_snapshots_and_sound_tables_for_every_shipped_profile() {
    for path in shipped_profiles() {
        let profile = Profile::from_path(&path).unwrap();
        let report = report_of(&profile);
        let md = report.to_markdown();
        let (tables, headings) = check_tables(&md);
        assert!(tables > 34, "{}: {tables} tables", path.display());
        assert_eq!(headings[0], 1, "one title");
        assert_eq!(
            headings[2],
            34 + report.provision_texts.len(),
            "{}: one heading per scored article and per provision text in the annex",
            path.display()
        );
        for a in Instrument::ets_185().articles().filter(|a| a.scored) {
            assert!(md.contains(&format!("### Article {} – {}", a.number, a.title)));
        }
        assert!(md.contains("not legal advice"));
        insta::assert_snapshot!(format!("report-{}", stem(&path)), md);
    }
}

#[test]
fn the_report_follows_the_order_of_a_country_profile() {
    let profile = Profile::from_path(crate::root().join("profiles/ruritania-draft.json")).unwrap();
    let md = report_of(&profile).to_markdown();
    let order = [
        "# Ruritania",
        "## Executive summary",
        "**Top recommendations**",
        "**Next steps**",
        "## Treaty status",
        "## Summary",
        "## Chapter II, Section 1",
        "### Article 2 – Illegal access",
        "## Chapter III, Section 2",
        "## Recommendations",
        "## Gaps",
        "## Annex: to assess",
        "## Methodology and legend",
        "## Sources",
        "## Disclaimer",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|h| md.find(h).unwrap_or_else(|| panic!("{h} missing")))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    assert!(md.contains("| Reservation | Article 8 | planned | not permitted |"));
}

/// Provision text full of Markdown and HTML.
fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("|".to_string()),
            Just("`".to_string()),
            Just("\n".to_string()),
            Just("\n\n# heading\n".to_string()),
            Just("<b>".to_string()),
            Just("</td>".to_string()),
            Just("\\".to_string()),
            Just("*".to_string()),
            Just("_".to_string()),
            Just("[x](y)".to_string()),
            Just("---".to_string()),
            Just("ქართული".to_string()),
            "[a-zA-Z ]{0,8}",
        ],
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn no_provision_text_can_break_a_table_or_a_heading(heading in hostile(), summary in hostile(), note in hostile()) {
        let path = crate::root().join("profiles/ruritania-draft.json");
        let mut profile = Profile::from_path(&path).unwrap().into_profile();
        // Required texts must not be empty (`check` refuses that); everything else is hostile.
        // Headings and titles are one-line fields: `check` refuses a line break in them.
        let one_line = |t: &str| t.replace('\n', " ");
        let summary = format!("S {summary}");
        for p in &mut profile.provisions {
            p.heading = Some(one_line(&format!("H {heading}")));
            p.summary = summary.clone();
            p.text = Some(format!("T {note}"));
        }
        profile.laws[0].title = one_line(&summary);
        let report = report_of(&profile);
        let md = report.to_markdown();
        let (_, headings) = check_tables(&md);
        prop_assert_eq!(headings[0], 1);
        // One per scored article and one per provision text in the annex.
        prop_assert_eq!(headings[2], 34 + report.provision_texts.len());
        prop_assert_eq!(report.provision_texts.len(), profile.provisions.len());
    }
}

#[test]
fn a_report_against_the_previous_draft_says_what_changed() {
    let root = crate::root();
    let ets = Instrument::ets_185();
    let old = Profile::from_path(root.join("profiles/ruritania-draft.json")).unwrap();
    let new = Profile::from_path(root.join("tests/fixtures/ruritania-draft-2.json")).unwrap();
    let (before, after) = (assess(ets, &old), assess(ets, &new));
    let report = Report::new(ets, &new, &after).against(&before, &after);
    let changes = report.changes.as_ref().unwrap();
    assert!(
        changes
            .improved
            .iter()
            .any(|a| a.starts_with("Article 10 "))
    );
    // A new restriction makes Article 19 worse even though its rating stays PC.
    assert!(
        changes
            .regressed
            .iter()
            .any(|a| a.starts_with("Article 19 "))
    );
    let md = report.to_markdown();
    let at = |h: &str| md.find(h).unwrap_or_else(|| panic!("{h} missing"));
    assert!(at("## Changes since the previous version") < at("## Recommendations"));
    #[cfg(feature = "pdf")]
    {
        let layout = report.layout(budapest_gap::report::Paper::A4);
        assert!(
            layout
                .bookmarks
                .iter()
                .any(|b| b.title == "Changes since the previous version")
        );
    }
}

#[test]
fn a_gap_whose_severity_moved_is_changed_not_closed_and_opened() {
    let ets = Instrument::ets_185();
    let path = crate::root().join("profiles/ruritania-draft.json");
    let before = Profile::from_path(&path).unwrap();
    let mut edited = before.clone().into_profile();
    // Article 17's not-met element becomes partly met.
    let a = assess(ets, &before);
    let gap = a
        .gaps
        .iter()
        .find(|g| g.article == 17 && g.kind == budapest_gap::assess::GapKind::MissingElement)
        .unwrap();
    let id = gap.element.as_ref().unwrap().id.clone();
    edited
        .assessment
        .get_mut("ets-185")
        .unwrap()
        .get_mut("art-17")
        .unwrap()
        .elements
        .insert(
            id.clone(),
            budapest_gap::profile::ElementAssessment {
                status: budapest_gap::profile::Status::Partly,
                note: None,
            },
        );
    let after = assess(ets, &edited.validate().unwrap());
    let d = budapest_gap::diff::diff(&a, &after);
    assert!(
        d.gaps_closed
            .iter()
            .all(|g| g.element.as_ref().map(|e| &e.id) != Some(&id))
    );
    assert!(
        d.gaps_opened
            .iter()
            .all(|g| g.element.as_ref().map(|e| &e.id) != Some(&id))
    );
    let changed: Vec<_> = d
        .gaps_changed
        .iter()
        .filter(|c| c.after.article == 17)
        .collect();
    assert_eq!(changed.len(), 1);
    assert!(changed[0].improved());
}

#[test]
fn the_markdown_annex_quotes_each_provision_text_once_with_the_articles_citing_it() {
    let profile = Profile::from_path(crate::root().join("profiles/georgia.json")).unwrap();
    let md = report_of(&profile).to_markdown();
    let annex = md
        .split("## Annex: texts of the provisions cited")
        .nth(1)
        .expect("an annex of texts")
        .split("\n## ")
        .next()
        .unwrap();
    assert!(md.find("## Annex: to assess").unwrap() < md.find("## Annex: texts").unwrap());
    assert!(annex.contains("### Criminal Code of Georgia, Article 284"));
    assert!(annex.contains("Cited under Articles 2, 3 and 13."));
    for p in profile.provisions.iter().filter(|p| p.text.is_some()) {
        let first = p.text.as_deref().unwrap().lines().next().unwrap();
        let words: String = first
            .split_whitespace()
            .skip(1)
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(annex.matches(&words).count(), 1, "{}: {words}", p.id);
        // The article table points to the annex instead of quoting the text.
        assert!(
            !md.split("## Annex").next().unwrap().contains(&words),
            "{}",
            p.id
        );
    }
    assert!(md.contains("(text in the annex)"));
}

fn french_report_of(profile: &Profile) -> Report {
    let ets = Instrument::ets_185();
    let valid = profile.validate().unwrap();
    Report::new_in(ets, &valid, &assess(ets, &valid), budapest_gap::Lang::Fr)
}

/// A French report uses the Convention's authentic French titles where they are verified,
/// and the English title with the marker † where they are not; its labels, element texts,
/// reasons and recommendations are French. The golden draft's is snapshotted.
#[test]
fn a_french_report_shows_the_authentic_french_titles_and_french_words() {
    for path in shipped_profiles() {
        let profile = Profile::from_path(&path).unwrap();
        let md = french_report_of(&profile).to_markdown();
        let (tables, headings) = check_tables(&md);
        assert!(tables > 34, "{}", path.display());
        assert_eq!(headings[0], 1);
        for heading in [
            "### Article 2 – Accès illégal",
            "### Article 18 – Injonction de produire",
            "### Article 19 – Perquisition et saisie de données informatiques stockées",
            "### Article 35 – Réseau 24/7",
            "## Synthèse",
            "## Vue d’ensemble des notations",
            "## Méthodologie et légende",
            "## Avertissement",
        ] {
            assert!(
                md.contains(heading),
                "{}: {heading} missing",
                path.display()
            );
        }
        // Article 20's French title is not verified: English title, marked.
        assert!(
            md.contains("### Article 20 – Real-time collection of traffic data †"),
            "{}",
            path.display()
        );
        assert!(md.contains("† Titre anglais de la Convention"));
        for english in [
            "## Executive summary",
            "Convention requirement",
            "Key findings",
            "Article 2 – Illegal access",
            "should criminalise",
            "The conduct is committed intentionally",
            "Applicable elements:",
        ] {
            assert!(
                !md.contains(english),
                "{}: `{english}` in the French report",
                path.display()
            );
        }
    }
    let golden = Profile::from_path(crate::root().join("profiles/ruritania-draft.json")).unwrap();
    insta::assert_snapshot!(
        "report-fr-ruritania-draft",
        french_report_of(&golden).to_markdown()
    );
}

/// The English report does not move when French is added: `Report::new` is English.
#[test]
fn the_english_report_is_the_default() {
    let profile = Profile::from_path(crate::root().join("profiles/portugal.json")).unwrap();
    let ets = Instrument::ets_185();
    let a = assess(ets, &profile);
    assert_eq!(
        Report::new(ets, &profile, &a).to_markdown(),
        Report::new_in(ets, &profile, &a, budapest_gap::Lang::En).to_markdown()
    );
}

/// Every article in the Markdown overview links to its article, in the Convention's part
/// and in a Protocol's, and every link has exactly one anchor to land on.
#[test]
fn the_markdown_overview_links_every_article_to_its_anchor() {
    for path in shipped_profiles() {
        let valid = Profile::from_path(&path).unwrap().validate().unwrap();
        for lang in [budapest_gap::Lang::En, budapest_gap::Lang::Fr] {
            let md = Report::of_profile(&valid, lang).to_markdown();
            let mut links = 0;
            for (at, _) in md.match_indices("](#") {
                let target: String = md[at + 3..].chars().take_while(|&c| c != ')').collect();
                let anchor = format!("<a id=\"{target}\"></a>");
                assert_eq!(
                    md.matches(&anchor).count(),
                    1,
                    "{}: link to #{target}",
                    path.display()
                );
                links += 1;
            }
            let rated = md.lines().filter(|l| l.starts_with("| [Article ")).count();
            assert_eq!(links, rated, "{}", path.display());
            assert!(rated >= 34, "{}: {rated} overview rows", path.display());
        }
    }
}

/// In French the reservations table cites the clause that permits a choice in French too.
#[test]
fn a_french_treaty_status_table_cites_the_basis_in_french() {
    let path = crate::root().join("profiles/ruritania-draft.json");
    let md = french_report_of(&Profile::from_path(&path).unwrap()).to_markdown();
    assert!(
        md.contains(
            "| Désignation | Article 35, paragraphe 1 | envisagée | Article 35, paragraphe 1 |"
        ),
        "{md}"
    );
    assert!(!md.contains(", paragraph 1 |"));
}
