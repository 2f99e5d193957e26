//! The national figures against Ofsted's published ones, and the records built from them.
//!
//! The expected figures are Ofsted's, not this crate's output: the 2016 statistics'
//! headline numbers as `docs/domain.md` ("Real data for every area") quotes them from the
//! publication (149 areas, 82 WSoAs, revisit outcomes Yes 20 / Some 24 / No 2, 36 WSoA
//! areas not revisited by 31 August 2022), and the management information's 16 rows
//! counted by hand from the file (positive: Brighton and Hove, Greenwich, Hartlepool,
//! Rutland, Telford and Wrekin; inconsistent: Cornwall, Enfield, Gateshead, Sandwell,
//! Southend-on-Sea, Warrington; widespread: Hertfordshire, Nottinghamshire, Oldham,
//! Oxfordshire, Plymouth).

use std::collections::BTreeMap;

use send_lifecycle::{Outcome, Severity};
use send_lifecycle_england::{
    import, read_sources, shipped, Import, ImportCode, RevisitResult, RevisitStart, CSV_COLUMNS,
};

fn england() -> Import {
    import(&shipped())
}

#[test]
fn the_2016_statistics_match_ofsteds_published_figures() {
    let read = read_sources(&shipped());
    let rows = &read.statistics.rows;
    assert_eq!(rows.len(), 149, "areas in the 2016 statistics");
    assert_eq!(read.statistics.rows_read, 149);
    let wsoa = rows
        .iter()
        .filter(|r| r.wsoa_required.as_ref().is_some_and(|f| f.value))
        .count();
    assert_eq!(wsoa, 82, "WSoAs required");
    let mut outcomes: BTreeMap<&str, usize> = BTreeMap::new();
    for r in rows {
        if let Some(o) = &r.revisit_outcome {
            let name = match o.value.0 {
                RevisitResult::All => "Yes",
                RevisitResult::Some => "Some",
                RevisitResult::None => "No",
            };
            *outcomes.entry(name).or_default() += 1;
        }
    }
    assert_eq!(outcomes.get("Yes"), Some(&20));
    assert_eq!(outcomes.get("Some"), Some(&24));
    assert_eq!(outcomes.get("No"), Some(&2));
    let not_yet = rows
        .iter()
        .filter(|r| matches!(r.revisit, RevisitStart::NotYet(_)))
        .count();
    assert_eq!(not_yet, 36, "WSoA areas not revisited by 31 August 2022");
    // Devon and Sefton are the two "No" areas (domain notes).
    let mut none: Vec<&str> = rows
        .iter()
        .filter(|r| {
            r.revisit_outcome
                .as_ref()
                .is_some_and(|o| o.value.0 == RevisitResult::None)
        })
        .map(|r| r.name.as_str())
        .collect();
    none.sort_unstable();
    assert_eq!(none, ["Devon", "Sefton"]);
}

#[test]
fn the_management_information_has_sixteen_inspections_by_outcome() {
    let read = read_sources(&shipped());
    let rows = &read.management.rows;
    assert_eq!(rows.len(), 16);
    let by = |o: Outcome| {
        let mut v: Vec<&str> = rows
            .iter()
            .filter(|r| r.outcome.as_ref().is_some_and(|f| f.value == o))
            .map(|r| r.name.value.as_str())
            .collect();
        v.sort_unstable();
        v
    };
    assert_eq!(
        by(Outcome::Positive),
        [
            "Brighton and Hove",
            "Greenwich",
            "Hartlepool",
            "Rutland",
            "Telford and Wrekin"
        ]
    );
    assert_eq!(
        by(Outcome::Inconsistent),
        [
            "Cornwall",
            "Enfield",
            "Gateshead",
            "Sandwell",
            "Southend-on-Sea",
            "Warrington"
        ]
    );
    assert_eq!(
        by(Outcome::WidespreadFailings),
        [
            "Hertfordshire",
            "Nottinghamshire",
            "Oldham",
            "Oxfordshire",
            "Plymouth"
        ]
    );
    // Areas for priority action, as published: Hertfordshire 2, Nottinghamshire 2, Oldham
    // 2, Oxfordshire 5, Plymouth 5.
    let counts: Vec<(String, u64)> = rows
        .iter()
        .filter_map(|r| {
            r.priority_actions
                .as_ref()
                .map(|p| (r.name.value.clone(), p.value))
        })
        .collect();
    assert_eq!(counts.iter().map(|(_, n)| n).sum::<u64>(), 16);
}

#[test]
fn every_row_of_every_file_is_imported_or_named_in_a_diagnostic() {
    let e = england();
    let read: BTreeMap<&str, usize> = [
        (
            "Area_SEND_inspection_data_01_May_2016_to_31_August_2022.ods",
            149,
        ),
        ("area_send_mi_jan_to_aug_2023.csv", 16),
        ("area_send_2023_reports_2026-06-29.csv", 96),
    ]
    .into_iter()
    .collect();
    assert_eq!(e.files.len(), 3);
    for f in &e.files {
        assert_eq!(Some(&f.rows_read), read.get(f.file.as_str()), "{}", f.file);
        assert_eq!(
            f.rows_imported + f.rows_not_imported.len(),
            f.rows_read,
            "{}",
            f.file
        );
        for row in &f.rows_not_imported {
            assert!(
                e.diagnostics
                    .iter()
                    .any(|d| d.place.file == f.file && d.place.row == Some(*row)),
                "{} row {row} is not imported and no diagnostic names it",
                f.file
            );
        }
    }
}

#[test]
fn every_area_has_one_record_and_every_record_validates() {
    let e = england();
    assert_eq!(e.records.len(), 153, "local area partnerships");
    let view = e.national(None);
    assert_eq!(view.rows.len(), 153);
    assert_eq!(view.as_of.to_string(), "2026-06-29");
    let invalid: Vec<String> = view
        .rows
        .iter()
        .filter(|r| !r.report.valid)
        .map(|r| format!("{}: {:?}", r.area_name, r.report.diagnostics))
        .collect();
    assert!(invalid.is_empty(), "{invalid:#?}");
    // Every event cites its source; every inferred one is undated and says so.
    for r in &e.records {
        for ev in &r.timeline.events {
            let src = ev.source.as_deref().unwrap_or("");
            assert!(
                !src.is_empty(),
                "{}: an event without a source",
                r.area.name
            );
            if ev.note.as_deref().is_some_and(|n| n.contains("Inferred")) {
                assert!(
                    ev.date.is_unknown(),
                    "{}: an inferred event has a date",
                    r.area.name
                );
            }
        }
        assert_eq!(r.timeline.coverage.as_str(), "outcomes_only");
    }
    // Every area is under the 2023 framework on the view's day.
    assert!(view.rows.iter().all(|r| r.framework == "area_send_2023"));
}

fn row<'a>(
    view: &'a send_lifecycle_england::NationalView,
    name: &str,
) -> &'a send_lifecycle_england::NationalRow {
    view.rows
        .iter()
        .find(|r| r.area_name == name)
        .unwrap_or_else(|| panic!("no row for {name}"))
}

#[test]
fn records_cross_frameworks_as_the_sources_say() {
    let view = england().national(None);
    // Leicestershire: WSoA (2 weaknesses), not revisited by the statistics' cut-off, no
    // 2023 inspection in the sources: the 2016 record is still open, its WSoA due — not
    // known to be late, as the sources cover outcomes only.
    let l = row(&view, "Leicestershire");
    assert_eq!(l.stage, "not_inspected");
    assert_eq!(l.legacy_stage.as_deref(), Some("wsoa_due"));
    assert_eq!(l.weaknesses_total, Some(2));
    let wsoa = l
        .report
        .next_due
        .iter()
        .find(|d| d.what == "wsoa")
        .unwrap_or_else(|| panic!("no wsoa due"));
    assert_eq!(wsoa.recorded, Some(false));
    assert!(l
        .report
        .diagnostics
        .iter()
        .all(|d| d.code.as_str() != "deadline_passed"));
    // Birmingham: 13 weaknesses, revisit "Some" (1 sufficient, 12 not), then a 2023
    // inspection (scrape): the legacy record is closed and the 12 are superseded.
    let b = row(&view, "Birmingham");
    assert_eq!(b.legacy_stage, None);
    assert_eq!(b.weaknesses_total, Some(13));
    assert_eq!(b.weaknesses_sufficient, Some(1));
    assert_eq!(b.weaknesses_insufficient, Some(0));
    let superseded = b
        .report
        .item_counts
        .weaknesses
        .as_ref()
        .and_then(|m| m.get("superseded").copied());
    assert_eq!(superseded, Some(12));
    // Oxfordshire: widespread failings (MI: 5 areas for priority action).
    let o = row(&view, "Oxfordshire");
    assert_eq!(o.outcome.as_deref(), Some("widespread_failings"));
    assert_eq!(o.priority_actions_total, Some(5));
    assert_eq!(o.outcome_published.as_deref(), Some("2023-09-15"));
    // Cornwall: inconsistent in 2023 (MI), reinspected in 2026 (scrape), inconsistent again.
    let c = row(&view, "Cornwall");
    assert_eq!(c.outcome.as_deref(), Some("inconsistent"));
    // The scrape's row 17: publication 27/05/26.
    assert_eq!(c.outcome_published.as_deref(), Some("2026-05-27"));
    let cornwall = england()
        .records
        .into_iter()
        .find(|r| r.area.name == "Cornwall")
        .unwrap_or_else(|| panic!("no Cornwall"));
    let reports = cornwall
        .timeline
        .events
        .iter()
        .filter(|e| e.detail.as_report().is_some_and(|r| r.outcome.is_some()))
        .count();
    assert_eq!(reports, 2, "Cornwall's 2023 and 2026 reports");
}

#[test]
fn split_and_recoded_areas_carry_the_old_record() {
    let e = england();
    let cumberland = e
        .records
        .iter()
        .find(|r| r.area.code == "E06000063")
        .unwrap_or_else(|| panic!("no Cumberland"));
    assert_eq!(cumberland.carries.as_deref(), Some("Cumbria"));
    let w = e
        .records
        .iter()
        .find(|r| r.area.code == "E06000064")
        .unwrap_or_else(|| panic!("no W&F"));
    assert_eq!(w.carries.as_deref(), Some("Cumbria"));
    let bucks = e
        .records
        .iter()
        .find(|r| r.area.code == "E06000060")
        .unwrap_or_else(|| panic!("no Bucks"));
    assert_eq!(bucks.carries.as_deref(), Some("Buckinghamshire"));
    // Dorset (redrawn in 2019) and the Northamptonshires have no 2016 events: their records
    // begin with the change of health body and the move to the 2023 framework.
    for code in ["E06000059", "E06000061", "E06000062"] {
        let r = e
            .records
            .iter()
            .find(|r| r.area.code == code)
            .unwrap_or_else(|| panic!("no {code}"));
        let kinds: Vec<&str> = r
            .timeline
            .events
            .iter()
            .take(2)
            .map(|e| e.kind().as_str())
            .collect();
        assert_eq!(
            kinds,
            ["health_body_changed", "framework_changed"],
            "{code}"
        );
        assert!(e
            .diagnostics
            .iter()
            .any(|d| d.code == ImportCode::NotInSource && d.area_code.as_deref() == Some(code)));
    }
    // The scrape's stale codes are named and joined on the current ones.
    let stale = e
        .diagnostics
        .iter()
        .filter(|d| d.code == ImportCode::StaleAreaCode)
        .count();
    assert_eq!(
        stale, 5,
        "Buckinghamshire, Cumberland, Dorset, North Yorkshire, Westmorland and Furness"
    );
}

#[test]
fn placeholders_are_reported_never_taken_as_values() {
    let e = england();
    // Slough's outcome was not parsed (NaN): no outcome is invented; the record stops
    // before the report, with a note, and the cell is named.
    let slough = e
        .records
        .iter()
        .find(|r| r.area.name == "Slough")
        .unwrap_or_else(|| panic!("no Slough"));
    assert!(!slough
        .timeline
        .events
        .iter()
        .any(|e| e.detail.as_report().is_some_and(|r| r.outcome.is_some())));
    let d = e
        .diagnostics
        .iter()
        .find(|d| {
            d.code == ImportCode::PlaceholderValue
                && d.place.row == Some(74)
                && d.place.column.as_deref() == Some("I")
        })
        .unwrap_or_else(|| panic!("Slough's NaN outcome is not reported"));
    assert_eq!(d.severity, Severity::Warning);
    // 34 "01/01/1900" previous-inspection dates in the scrape.
    let epoch = e
        .diagnostics
        .iter()
        .filter(|d| d.code == ImportCode::PlaceholderValue && d.message.contains("01/01/1900"))
        .count();
    assert_eq!(epoch, 34);
    // No event anywhere is dated 1900.
    assert!(e.records.iter().all(|r| r
        .timeline
        .events
        .iter()
        .all(|ev| !ev.date.to_string().starts_with("1900"))));
    // Two-digit years are recognised and said.
    assert!(e
        .diagnostics
        .iter()
        .any(|d| d.code == ImportCode::TwoDigitYear));
}

#[test]
fn the_csv_has_exactly_the_contract_columns() {
    let csv = england().national(None).to_csv();
    let mut lines = csv.split("\r\n");
    assert_eq!(lines.next(), Some(CSV_COLUMNS.join(",").as_str()));
    assert_eq!(
        CSV_COLUMNS.join(","),
        "area_code,area_name,region,framework,stage,outcome,outcome_published,legacy_stage,weaknesses_total,weaknesses_sufficient,weaknesses_insufficient,priority_actions_total,next_due,next_due_earliest,next_due_latest,next_due_firm,errors,warnings,infos"
    );
    let body: Vec<&str> = lines.filter(|l| !l.is_empty()).collect();
    assert_eq!(body.len(), 153);
    // "Bristol, City of" is quoted.
    assert!(body
        .iter()
        .any(|l| l.starts_with("E06000023,\"Bristol, City of\",")));
}

#[test]
fn the_table_fits_80_columns() {
    let table = england().national(None).to_table();
    for line in table.lines() {
        assert!(
            line.chars().count() <= 80,
            "{line:?} is {} wide",
            line.chars().count()
        );
    }
    assert!(table.starts_with("England: 153 areas as of 2026-06-29"));
}

#[test]
fn a_view_as_of_a_day_holds_only_what_the_sources_record_up_to_it() {
    let e = england();
    // Before the 2023 framework: no area under it, no 2023 outcome.
    let early = e.national(Some(
        chrono::NaiveDate::from_ymd_opt(2019, 1, 1).unwrap_or_default(),
    ));
    assert!(early
        .rows
        .iter()
        .all(|r| r.framework == "local_area_send_2016"));
    assert!(early.rows.iter().all(|r| r.outcome.is_none()));
    // Hertfordshire (MI: widespread failings published 10/11/2023) has not been inspected
    // under 2023 by 2019.
    assert_ne!(row(&early, "Hertfordshire").stage, "pap_due");
    // On 1 January 2024 Cornwall's outcome is its 2023 one (MI, published 05/05/2023), not
    // its 2026 reinspection's; Leeds (scrape: published in 2026) has none yet.
    let mid = e.national(Some(
        chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default(),
    ));
    assert_eq!(
        row(&mid, "Cornwall").outcome_published.as_deref(),
        Some("2023-05-05")
    );
    assert_eq!(row(&mid, "Leeds").outcome, None);
    assert_eq!(row(&mid, "Hertfordshire").stage, "pap_due");
}

#[test]
fn next_due_and_past_due_count_only_what_the_sources_could_record() {
    let view = england().national(None);
    // Leicestershire's WSoA (2020) cannot be recorded by the sources: the CSV's next due is
    // the first full inspection under 2023, by the end of 2027.
    let l = row(&view, "Leicestershire");
    let due = l.next_due.as_ref().unwrap_or_else(|| panic!("nothing due"));
    assert_eq!(
        (due.what.as_str(), due.latest.map(|d| d.to_string())),
        ("full_inspection", Some("2027-12-31".to_owned()))
    );
    // No source holds monitoring inspections: none is counted past due (Nottinghamshire's
    // and Oxfordshire's took place in 2025, domain notes).
    for r in &view.rows {
        if let Some(d) = &r.next_due {
            assert_ne!(
                d.what, "monitoring_inspection",
                "{}: a monitoring inspection picked as next due",
                r.area_name
            );
        }
    }
    let horizons_passed: usize = view
        .rows
        .iter()
        .flat_map(|r| r.report.next_due.iter())
        .filter(|d| d.what == "full_inspection" && d.latest.is_some_and(|l| l < view.as_of))
        .count();
    assert_eq!(view.counts.overdue_horizons, horizons_passed);
}

#[test]
fn events_cite_the_publisher_of_their_files_role_whatever_the_files_name() {
    let mut files = shipped();
    files.scrape_2023.name = "reports.csv";
    let e = import(&files);
    let barnsley = e
        .records
        .iter()
        .find(|r| r.area.name == "Barnsley")
        .unwrap_or_else(|| panic!());
    let report = barnsley
        .timeline
        .events
        .iter()
        .find(|ev| ev.detail.as_report().is_some_and(|r| r.outcome.is_some()))
        .unwrap_or_else(|| panic!("no report"));
    let src = report.source.as_deref().unwrap_or("");
    assert!(src.starts_with("Data to Insight, ofsted-send-scrape-tool: latest area SEND report per area, snapshot of 29 June 2026: reports.csv, row 2"), "{src}");
}
