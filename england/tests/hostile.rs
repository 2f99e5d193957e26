//! Sources that are broken, contradictory or changed: every problem is a diagnostic with
//! its place, nothing panics, and no row is dropped silently.

use send_lifecycle_england::{import, shipped, Import, ImportCode, SourceFile, SourceFiles};

fn with(f: impl FnOnce(&mut SourceFiles<'static>)) -> Import {
    let mut files = shipped();
    f(&mut files);
    import(&files)
}

fn codes_at(e: &Import, file: &str, row: usize) -> Vec<ImportCode> {
    e.diagnostics
        .iter()
        .filter(|d| d.place.file == file && d.place.row == Some(row))
        .map(|d| d.code)
        .collect()
}

const MI_HEADER: &str = "\"\",\"Link.to.report.webpage.for.the.local.authority.and.local.area.partnership\",\"Local.area.partnership\",\"Ofsted.region\",\"Inspection.start.date\",\"Inspection.publication.date\",\"Inspection.outcome\",\"Priority.action.plan.required.\",\"Number.of.areas.for.priority.action\"\n";

#[test]
fn a_spreadsheet_that_is_not_one_is_unreadable_not_a_panic() {
    let e = with(|f| {
        f.statistics_2016 = SourceFile {
            name: "broken.ods",
            bytes: b"PK\x03\x04 not really a zip",
        }
    });
    assert!(e
        .diagnostics
        .iter()
        .any(|d| d.code == ImportCode::UnreadableFile && d.place.file == "broken.ods"));
    // Every area still has a record, with no 2016 events, and says why.
    assert_eq!(e.records.len(), 153);
    assert!(e.records.iter().all(
        |r| r.timeline.events.first().map(|e| e.kind().as_str()) == Some("health_body_changed")
    ));
    assert_eq!(
        e.diagnostics
            .iter()
            .filter(|d| d.code == ImportCode::NotInSource)
            .count(),
        153
    );
    let view = e.national(None);
    assert_eq!(view.counts.valid, 153);
}

#[test]
fn bad_cells_in_the_management_information_are_named_by_row_and_column() {
    let text: &'static str = Box::leak(
        format!(
            "{MI_HEADER}\
             \"1\",\"Report webpage\",\"Cornwall\",\"South West\",\"31/02/2023\",\"05/05/2023\",\"Inconsistent experiences and outcomes\",\"No\",NA\n\
             \"2\",\"Report webpage\",\"Atlantis\",\"South West\",\"06/02/2023\",\"05/05/2023\",\"Inconsistent experiences and outcomes\",\"No\",NA\n\
             \"3\",\"Report webpage\",\"Oxfordshire\",\"South East\",\"17/07/2023\",\"15/09/2023\",\"Widespread and/or systemic failings\",\"Yes\",NA\n\
             \"4\",\"Report webpage\",\"Plymouth\",\"South West\",\"26/06/2023\",\"22/08/2023\",\"Widespread and/or systemic failings\",\"No\",5\n"
        )
        .into_boxed_str(),
    );
    let e = with(|f| {
        f.management_2023 = SourceFile {
            name: "mi.csv",
            bytes: text.as_bytes(),
        }
    });
    assert_eq!(
        codes_at(&e, "mi.csv", 2),
        [ImportCode::UnreadableValue],
        "a day that does not exist"
    );
    let d = e
        .diagnostics
        .iter()
        .find(|d| d.place.file == "mi.csv" && d.place.row == Some(2))
        .unwrap_or_else(|| panic!());
    assert_eq!(d.place.column.as_deref(), Some("E"));
    assert!(d.message.contains("31/02/2023"), "{}", d.message);
    assert_eq!(codes_at(&e, "mi.csv", 3), [ImportCode::UnknownArea]);
    assert_eq!(
        codes_at(&e, "mi.csv", 4),
        [ImportCode::PlaceholderValue],
        "NA areas for priority action under Yes"
    );
    assert!(
        codes_at(&e, "mi.csv", 5).contains(&ImportCode::InconsistentRow),
        "a plan not required after widespread failings"
    );
    let mi = e
        .files
        .iter()
        .find(|f| f.file == "mi.csv")
        .unwrap_or_else(|| panic!());
    assert_eq!(mi.rows_read, 4);
    assert_eq!(mi.rows_not_imported, [3], "Atlantis");
    // The undated start is left unknown, never guessed.
    let cornwall = e
        .records
        .iter()
        .find(|r| r.area.name == "Cornwall")
        .unwrap_or_else(|| panic!());
    assert!(cornwall
        .timeline
        .events
        .iter()
        .all(|ev| !ev.date.to_string().contains("2023-02-31")));
}

#[test]
fn a_changed_layout_is_a_missing_column() {
    let e = with(|f| {
        f.scrape_2023 = SourceFile {
            name: "scrape.csv",
            bytes: b"URN,La Code,Region\n1,909,NW\n",
        }
    });
    assert!(e
        .diagnostics
        .iter()
        .any(|d| d.code == ImportCode::MissingColumn && d.place.file == "scrape.csv"));
}

#[test]
fn a_scrape_row_whose_grade_and_wording_disagree_imports_no_outcome() {
    let mut text = String::from_utf8_lossy(shipped().scrape_2023.bytes).into_owned();
    // Barnsley (row 2): grade 1.0 with the wording of "widespread and/or systemic failings".
    text = text.replacen(
        "1.0,The local area partnership’s special educational needs and/or disabilities (SEND) arrangements typically lead to positive experiences",
        "1.0,There are widespread and/or systemic failings. Not typically lead to positive experience",
        1,
    );
    let text: &'static str = Box::leak(text.into_boxed_str());
    let e = with(|f| {
        f.scrape_2023 = SourceFile {
            name: "scrape.csv",
            bytes: text.as_bytes(),
        }
    });
    assert_eq!(
        codes_at(&e, "scrape.csv", 2)
            .iter()
            .filter(|c| **c == ImportCode::InconsistentRow)
            .count(),
        1
    );
    let barnsley = e
        .national(None)
        .rows
        .into_iter()
        .find(|r| r.area_name == "Barnsley")
        .unwrap_or_else(|| panic!());
    assert_eq!(barnsley.outcome, None);
}

#[test]
fn an_area_that_no_longer_exists_is_named_not_dropped() {
    let text: &'static str = Box::leak(
        format!(
            "{}\n80999,909,NW,E10000006,cumbria,01/01/1900,02/02/26,06/02/26,1.0,typically lead to positive experiences and outcomes,18/05/26,5 years,02/02/31,x\n",
            String::from_utf8_lossy(shipped().scrape_2023.bytes).trim_end()
        )
        .into_boxed_str(),
    );
    let e = with(|f| {
        f.scrape_2023 = SourceFile {
            name: "scrape.csv",
            bytes: text.as_bytes(),
        }
    });
    let s = e
        .files
        .iter()
        .find(|f| f.file == "scrape.csv")
        .unwrap_or_else(|| panic!());
    assert_eq!(s.rows_read, 97);
    assert_eq!(s.rows_not_imported, [98]);
    assert!(codes_at(&e, "scrape.csv", 98).contains(&ImportCode::UnknownArea));
}

#[test]
fn a_report_without_an_outcome_names_the_later_rows_it_holds_back() {
    let text = String::from_utf8_lossy(shipped().management_2023.bytes).replacen(
        "\"Cornwall\",\"South West\",\"06/02/2023\",\"05/05/2023\",\"Inconsistent experiences and outcomes\"",
        "\"Cornwall\",\"South West\",\"06/02/2023\",\"05/05/2023\",\"NaN\"",
        1,
    );
    let text: &'static str = Box::leak(text.into_boxed_str());
    let e = with(|f| {
        f.management_2023 = SourceFile {
            name: "mi.csv",
            bytes: text.as_bytes(),
        }
    });
    // Cornwall's 2026 reinspection is scrape row 18: held back, and said so.
    let scrape = "area_send_2023_reports_2026-06-29.csv";
    assert!(
        codes_at(&e, scrape, 18).contains(&ImportCode::RowNotImported),
        "{:?}",
        codes_at(&e, scrape, 18)
    );
    let s = e
        .files
        .iter()
        .find(|f| f.file == scrape)
        .unwrap_or_else(|| panic!());
    assert_eq!(s.rows_not_imported, [18]);
}

#[test]
fn a_scrape_row_whose_codes_name_two_areas_is_not_imported() {
    // Barnsley's row (row 2: LA code 370, ONS E08000016) given Barking and Dagenham's LA code.
    let text = String::from_utf8_lossy(shipped().scrape_2023.bytes).replacen(
        "80426,370,",
        "80426,301,",
        1,
    );
    let text: &'static str = Box::leak(text.into_boxed_str());
    let e = with(|f| {
        f.scrape_2023 = SourceFile {
            name: "scrape.csv",
            bytes: text.as_bytes(),
        }
    });
    assert!(codes_at(&e, "scrape.csv", 2).contains(&ImportCode::InconsistentRow));
    let view = e.national(None);
    let barking = view
        .rows
        .iter()
        .find(|r| r.area_name == "Barking and Dagenham")
        .unwrap_or_else(|| panic!());
    assert_eq!(
        barking.outcome.as_deref(),
        Some("inconsistent"),
        "Barking keeps its own report"
    );
}

#[test]
fn a_repeated_la_code_in_the_crosswalk_is_named() {
    let text =
        String::from_utf8_lossy(shipped().lookup.bytes).replacen("\n80426,370,", "\n80426,301,", 1);
    let text: &'static str = Box::leak(text.into_boxed_str());
    let e = with(|f| {
        f.lookup = SourceFile {
            name: "lookup.csv",
            bytes: text.as_bytes(),
        }
    });
    assert!(e
        .diagnostics
        .iter()
        .any(|d| d.code == ImportCode::DuplicateArea && d.place.file == "lookup.csv"));
}

#[test]
fn an_unreadable_row_still_counts_as_read() {
    let mut bytes = shipped().scrape_2023.bytes.to_vec();
    // A byte that is not UTF-8 in row 3.
    let second_line_end = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(1)
        .map(|(i, _)| i)
        .unwrap_or(0);
    bytes.insert(second_line_end + 10, 0xFF);
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    let e = with(|f| {
        f.scrape_2023 = SourceFile {
            name: "scrape.csv",
            bytes,
        }
    });
    let s = e
        .files
        .iter()
        .find(|f| f.file == "scrape.csv")
        .unwrap_or_else(|| panic!());
    assert_eq!(s.rows_read, 96);
    assert_eq!(s.rows_imported + s.rows_not_imported.len(), s.rows_read);
    assert_eq!(s.rows_not_imported, [3]);
    let d = e
        .diagnostics
        .iter()
        .find(|d| d.place.file == "scrape.csv" && d.place.row == Some(3))
        .unwrap_or_else(|| panic!());
    assert!(d.message.contains("not valid UTF-8"), "{}", d.message);
}
