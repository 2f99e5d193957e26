//! `docs/format.md` and `docs/domain.md` describe the crate to its users; these tests keep
//! them true. They read the Markdown tables under known headings (the first column holds the
//! name a row is about) and compare them with the crate:
//!
//! - every code, stage, weakness stage, event kind and report field the crate has is listed
//!   in `docs/format.md`, and every one listed there exists, with the severity given;
//! - every other backticked name in those tables is a name of the crate's formats;
//! - the names under "Planned, not yet implemented" do **not** exist yet, so this test fails
//!   when one is implemented and the page still calls it planned;
//! - `docs/domain.md`'s policy settings, bank holidays and one-off changes are the crate's.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use send_lifecycle::{
    validate_json, Calendar, Code, EventKind, NextStep, Options, Policy, Stage, WeaknessStage,
    ONE_OFF_HOLIDAYS,
};
use serde_json::Value;

// --- Reading the docs -----------------------------------------------------------------------

/// One Markdown table: the headings it sits under (outermost first) and its body rows.
#[derive(Debug)]
struct Table {
    headings: Vec<String>,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// The nearest heading.
    fn heading(&self) -> &str {
        self.headings.last().map_or("", String::as_str)
    }

    fn is_planned(&self) -> bool {
        self.headings.iter().any(|h| h == PLANNED)
    }

    /// The backticked names in the first column, one per row (rows without one are skipped).
    fn first_column_names(&self) -> Vec<String> {
        self.rows
            .iter()
            .filter_map(|row| row.first())
            .flat_map(|cell| backticked_names(cell))
            .collect()
    }

    fn cell(&self, row: usize, column: usize) -> &str {
        self.rows
            .get(row)
            .and_then(|r| r.get(column))
            .map_or("", String::as_str)
    }
}

const PLANNED: &str = "Planned, not yet implemented";

fn read_doc(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("docs")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// Splits a table line into trimmed cells; a `|` inside backticks does not split.
fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    let mut out = Vec::new();
    let mut cell = String::new();
    let mut in_code = false;
    for c in inner.chars() {
        if c == '|' && !in_code {
            out.push(cell.trim().to_owned());
            cell.clear();
            continue;
        }
        if c == '`' {
            in_code = !in_code;
        }
        cell.push(c);
    }
    out.push(cell.trim().to_owned());
    out
}

/// Every table of `doc`, outside fenced code blocks.
fn tables(doc: &str) -> Vec<Table> {
    let mut found = Vec::new();
    let mut headings: Vec<(usize, String)> = Vec::new();
    let mut current: Option<Table> = None;
    let mut in_fence = false;
    for line in doc.lines() {
        if line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        let is_row = !in_fence && line.trim_start().starts_with('|');
        if !is_row {
            found.extend(current.take());
        }
        if in_fence {
            continue;
        }
        if let Some(rest) = line.strip_prefix('#') {
            let level = 1 + rest.chars().take_while(|&c| c == '#').count();
            let text = rest.trim_start_matches('#').trim().to_owned();
            headings.retain(|(l, _)| *l < level);
            headings.push((level, text));
        } else if is_row {
            let row = cells(line);
            match &mut current {
                None => {
                    // The header row; the separator row follows and is skipped below.
                    current = Some(Table {
                        headings: headings.iter().map(|(_, h)| h.clone()).collect(),
                        header: row,
                        rows: Vec::new(),
                    });
                }
                Some(t) => {
                    let separator = row.iter().all(|c| c.chars().all(|c| c == '-' || c == ':'));
                    if !separator {
                        t.rows.push(row);
                    }
                }
            }
        }
    }
    found.extend(current);
    found
}

/// The backticked snake_case names in `text` (`null`, `true`, `false` are not names).
fn backticked_names(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| is_name(s))
        .map(str::to_owned)
        .collect()
}

fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !s.ends_with('_')
        && !s.contains("__")
        && !matches!(s, "null" | "true" | "false")
}

/// The one table under `heading` in `tables`.
fn table<'t>(tables: &'t [Table], heading: &str) -> &'t Table {
    table_headed(tables, heading, None)
}

/// The one table under `heading` whose first column is headed `column`, if given.
fn table_headed<'t>(tables: &'t [Table], heading: &str, column: Option<&str>) -> &'t Table {
    let matching: Vec<&Table> = tables
        .iter()
        .filter(|t| t.heading() == heading)
        .filter(|t| column.map_or(true, |c| t.header.first().is_some_and(|h| h == c)))
        .collect();
    match matching.as_slice() {
        [one] => one,
        other => panic!(
            "expected one table under the heading {heading:?} (first column {column:?}), found {}",
            other.len()
        ),
    }
}

fn set<I: IntoIterator<Item = S>, S: Into<String>>(items: I) -> BTreeSet<String> {
    items.into_iter().map(Into::into).collect()
}

/// Names in `listed` but not in `actual`, and the reverse, as a readable complaint.
fn compare(what: &str, listed: &[String], actual: &BTreeSet<String>) -> Option<String> {
    let listed_set = set(listed.iter().cloned());
    let mut problems = Vec::new();
    let repeated: Vec<&String> = listed
        .iter()
        .filter(|n| listed.iter().filter(|m| m == n).count() > 1)
        .collect();
    if !repeated.is_empty() {
        problems.push(format!("listed more than once: {repeated:?}"));
    }
    let missing: Vec<&String> = actual.difference(&listed_set).collect();
    if !missing.is_empty() {
        problems.push(format!("in the crate but not in the docs: {missing:?}"));
    }
    let unknown: Vec<&String> = listed_set.difference(actual).collect();
    if !unknown.is_empty() {
        problems.push(format!("in the docs but not in the crate: {unknown:?}"));
    }
    (!problems.is_empty()).then(|| format!("{what}: {}", problems.join("; ")))
}

// --- What the crate has ---------------------------------------------------------------------

fn testdata(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// A timeline with two errors: a date that does not exist and an event out of place.
const INVALID: &str = r#"{"schema_version": 1,
  "area": {"name": "A", "local_authority": "A Council",
           "health_bodies": [{"kind": "ccg", "name": "A Clinical Commissioning Group"}]},
  "events": [{"date": "2020-02-30", "kind": "inspection_started"},
             {"date": "2020-01-01", "kind": "wsoa_submitted"}]}"#;

/// A report in which every field the format defines is filled, read and written back by the
/// crate: a field the crate does not have does not survive the round trip.
const FULL_REPORT: &str = r#"{"schema_version": 1, "valid": false, "stage": "app_due",
  "wsoa_deadline": "2020-07-09",
  "wsoa_deadline_window": {"earliest": "2020-07-09", "latest": "2020-07-09", "basis": "report_received"},
  "app_deadline": {"earliest": "2022-01-10", "latest": "2022-02-10", "basis": "next_steps_decision"},
  "weaknesses": [{"id": "W1", "title": "T", "stage": "insufficient"}],
  "health_bodies": [{"kind": "icb", "name": "An Integrated Care Board"}],
  "improvement_notice_in_force": false, "events_total": 2, "events_applied": 1,
  "diagnostics": [{"code": "events_out_of_order", "severity": "error", "message": "m",
    "path": "/events/1/date", "event_index": 1, "event_date": "2020-01", "stage": "inspecting",
    "expected": ["x"], "help": "h", "line": 5, "column": 14,
    "related": [{"path": "/events/0", "line": 4, "column": 14, "message": "r"}]}],
  "framework": "area_send_2023", "outcome": "widespread_failings",
  "legacy": {"framework": "local_area_send_2016", "stage": "monitoring", "wsoa_deadline": null},
  "priority_actions": [{"id": "PA1", "title": "T", "stage": "in_action"}],
  "improvements": [{"id": "AI1", "title": "T"}],
  "item_counts": {"weaknesses": {"insufficient": 1}, "priority_actions": {"in_action": 1},
    "improvements": {"identified": 1}},
  "next_due": [{"what": "stocktake", "framework": "area_send_2023", "earliest": null,
    "latest": null, "basis": "b", "firm": false, "recorded": false}],
  "not_a_report_field": 1}"#;

/// The field names of a report, by the object they belong to: `report`, `diagnostics`,
/// `related`, `weaknesses`, `health_bodies`, `deadline` (both deadline windows), `legacy`,
/// `item_counts` and `next_due`.
fn field_names(report: &Value, into: &mut BTreeMap<&'static str, BTreeSet<String>>) {
    fn keys(v: &Value, into: &mut BTreeSet<String>) {
        if let Some(o) = v.as_object() {
            into.extend(o.keys().cloned());
        }
    }
    fn each(v: Option<&Value>, into: &mut BTreeSet<String>) {
        for item in v.and_then(Value::as_array).into_iter().flatten() {
            keys(item, into);
        }
    }
    keys(report, into.entry("report").or_default());
    each(
        report.get("weaknesses"),
        into.entry("weaknesses").or_default(),
    );
    each(
        report.get("health_bodies"),
        into.entry("health_bodies").or_default(),
    );
    each(
        report.get("diagnostics"),
        into.entry("diagnostics").or_default(),
    );
    for d in report
        .get("diagnostics")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        each(d.get("related"), into.entry("related").or_default());
    }
    for w in ["wsoa_deadline_window", "app_deadline"] {
        if let Some(v) = report.get(w) {
            keys(v, into.entry("deadline").or_default());
        }
    }
    if let Some(v) = report.get("legacy") {
        keys(v, into.entry("legacy").or_default());
    }
    if let Some(v) = report.get("item_counts") {
        keys(v, into.entry("item_counts").or_default());
    }
    each(report.get("next_due"), into.entry("next_due").or_default());
}

fn report_fields() -> BTreeMap<&'static str, BTreeSet<String>> {
    let mut fields = BTreeMap::new();
    let policy: Policy = serde_json::from_str(r#"{"app_deadline_working_days": 20}"#)
        .unwrap_or_else(|e| panic!("a policy with an APP deadline: {e}"));
    let with_app_deadline = Options::default().with_policy(policy);
    let reports = [
        validate_json(&testdata("leicestershire.json"), &Options::default()),
        validate_json(INVALID.as_bytes(), &Options::default()),
        validate_json(&testdata("leicester_city.json"), &with_app_deadline),
    ];
    assert!(reports[0].valid, "leicestershire.json is valid");
    assert!(!reports[1].valid, "the invalid timeline has errors");
    for report in &reports {
        let value = serde_json::to_value(report).unwrap_or_else(|e| panic!("serialise: {e}"));
        field_names(&value, &mut fields);
    }
    let full: send_lifecycle::Report =
        serde_json::from_str(FULL_REPORT).unwrap_or_else(|e| panic!("read FULL_REPORT: {e}"));
    let full = serde_json::to_value(&full).unwrap_or_else(|e| panic!("serialise: {e}"));
    assert!(
        full.get("not_a_report_field").is_none(),
        "the report now keeps fields it does not know, so a round trip no longer shows which \
         fields the crate has: collect the optional fields another way"
    );
    field_names(&full, &mut fields);
    fields
}

/// The field names of the timeline format, from the JSON Schema generated from its types
/// (kept fresh by `tests/schema.rs`).
fn timeline_fields() -> BTreeSet<String> {
    fn walk(v: &Value, into: &mut BTreeSet<String>) {
        match v {
            Value::Object(o) => {
                for (k, x) in o {
                    if k == "properties" {
                        if let Some(p) = x.as_object() {
                            into.extend(p.keys().cloned());
                        }
                    }
                    walk(x, into);
                }
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, into)),
            _ => {}
        }
    }
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("schema/timeline-v1.schema.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("schema: {e}"));
    let mut fields = BTreeSet::new();
    walk(&schema, &mut fields);
    assert!(fields.contains("schema_version") && fields.contains("events"));
    fields
}

/// The contract name a value serialises to.
fn name_of<T: serde::Serialize>(value: T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(s)) => s,
        other => panic!("not serialised as a name: {other:?}"),
    }
}

fn codes() -> BTreeSet<String> {
    set(Code::ALL.iter().map(Code::as_str))
}
fn stages() -> BTreeSet<String> {
    set(Stage::ALL.iter().map(Stage::as_str))
}
fn weakness_stages() -> BTreeSet<String> {
    set(WeaknessStage::ALL.iter().map(WeaknessStage::as_str))
}
fn kinds() -> BTreeSet<String> {
    set(EventKind::ALL.iter().map(EventKind::as_str))
}

/// Every name the crate's formats use: the sets above, the field names, and the values of
/// the small vocabularies (severities, decisions, progress, health-body kinds, deadline bases,
/// frameworks).
fn every_name() -> BTreeSet<String> {
    let mut all = BTreeSet::new();
    all.extend(codes());
    all.extend(stages());
    all.extend(weakness_stages());
    all.extend(kinds());
    all.extend(timeline_fields());
    for names in report_fields().into_values() {
        all.extend(names);
    }
    all.extend(NextStep::ALL.iter().map(|d| d.as_str().to_owned()));
    for severity in [
        send_lifecycle::Severity::Error,
        send_lifecycle::Severity::Warning,
        send_lifecycle::Severity::Info,
    ] {
        all.insert(severity.as_str().to_owned());
    }
    for p in [
        send_lifecycle::Progress::Sufficient,
        send_lifecycle::Progress::Insufficient,
    ] {
        all.insert(name_of(p));
    }
    for k in [
        send_lifecycle::HealthBodyKind::Ccg,
        send_lifecycle::HealthBodyKind::Icb,
    ] {
        all.insert(name_of(k));
    }
    for b in [
        send_lifecycle::DeadlineBasis::ReportReceived,
        send_lifecycle::DeadlineBasis::Revised,
        send_lifecycle::DeadlineBasis::Resubmission,
        send_lifecycle::DeadlineBasis::NextStepsDecision,
    ] {
        all.insert(name_of(b));
    }
    all.extend(
        send_lifecycle::Framework::ALL
            .iter()
            .map(|f| f.as_str().to_owned()),
    );
    all.extend(
        send_lifecycle::Outcome::ALL
            .iter()
            .map(|o| o.as_str().to_owned()),
    );
    for c in [
        send_lifecycle::Coverage::Complete,
        send_lifecycle::Coverage::OutcomesOnly,
    ] {
        all.insert(name_of(c));
    }
    all
}

// --- docs/format.md -------------------------------------------------------------------------

#[test]
fn format_md_lists_every_code_stage_kind_and_report_field_and_no_other() {
    let doc = read_doc("format.md");
    let tables = tables(&doc);
    let fields = report_fields();
    let field = |object: &str| fields.get(object).cloned().unwrap_or_default();
    let checks: [(&str, BTreeSet<String>); 9] = [
        ("Event kinds", kinds()),
        ("Stages", stages()),
        ("Weakness stages", weakness_stages()),
        ("Diagnostic codes", codes()),
        ("The report", field("report")),
        ("Deadline windows", field("deadline")),
        ("Weaknesses in the report", field("weaknesses")),
        ("Diagnostics", field("diagnostics")),
        ("Health bodies", field("health_bodies")),
    ];
    let mut problems = Vec::new();
    for (heading, actual) in &checks {
        let listed = table(&tables, heading).first_column_names();
        problems.extend(compare(heading, &listed, actual));
    }
    // The fields of a `related` place are listed in the `related` row's text.
    let diagnostics = table(&tables, "Diagnostics");
    let related = (0..diagnostics.rows.len())
        .find(|&r| diagnostics.cell(r, 0) == "`related`")
        .map(|r| diagnostics.cell(r, 2).to_owned())
        .unwrap_or_default();
    let related_listed: Vec<String> = related
        .split(['{', '}'])
        .nth(1)
        .unwrap_or_default()
        .split(',')
        .map(|s| s.trim().to_owned())
        .collect();
    problems.extend(compare(
        "Diagnostics, `related` places",
        &related_listed,
        &field("related"),
    ));
    assert!(
        problems.is_empty(),
        "docs/format.md is out of date:\n- {}",
        problems.join("\n- ")
    );
}

#[test]
fn format_md_gives_each_code_its_severity() {
    let doc = read_doc("format.md");
    let tables = tables(&doc);
    let codes = table(&tables, "Diagnostic codes");
    let mut problems = Vec::new();
    for (r, row) in codes.rows.iter().enumerate() {
        let names = backticked_names(row.first().map_or("", String::as_str));
        let Some(code) = names
            .first()
            .and_then(|n| Code::ALL.iter().find(|c| c.as_str() == n))
        else {
            continue; // reported by the listing test
        };
        let severity = codes.cell(r, 1);
        if severity != code.severity().as_str() {
            problems.push(format!(
                "`{code}` is documented as {severity:?}, but its severity is {}",
                code.severity()
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "docs/format.md: {}",
        problems.join("; ")
    );
}

#[test]
fn the_timeline_field_tables_name_the_formats_fields() {
    let doc = read_doc("format.md");
    let tables = tables(&doc);
    let fields = timeline_fields();
    let mut listed = Vec::new();
    for heading in [
        "The document",
        "The area",
        "Health bodies",
        "Progress on actions",
    ] {
        listed.extend(table(&tables, heading).first_column_names());
    }
    let unknown: Vec<&String> = listed.iter().filter(|n| !fields.contains(*n)).collect();
    assert!(
        unknown.is_empty(),
        "docs/format.md lists timeline fields the format lacks: {unknown:?}"
    );
    // Each kind's own fields, in the "Event kinds" table, are fields of the format too.
    let kinds = table(&tables, "Event kinds");
    let mut own = BTreeSet::new();
    for r in 0..kinds.rows.len() {
        own.extend(backticked_names(kinds.cell(r, 1)));
    }
    let values = every_name();
    let strange: Vec<&String> = own.iter().filter(|n| !values.contains(*n)).collect();
    assert!(
        strange.is_empty(),
        "unknown names among the kinds' fields: {strange:?}"
    );
    for f in [
        "weaknesses",
        "letter_date",
        "new_deadline",
        "judgements",
        "decision",
        "title",
    ] {
        assert!(
            own.contains(f),
            "the \"Event kinds\" table does not name the field `{f}`"
        );
    }
}

#[test]
fn every_name_in_the_tables_exists_except_the_planned_ones() {
    let doc = read_doc("format.md");
    let tables = tables(&doc);
    let known = every_name();
    let mut unknown = BTreeSet::new();
    let mut implemented = BTreeSet::new();
    for t in &tables {
        let names = t
            .rows
            .iter()
            .flatten()
            .flat_map(|cell| backticked_names(cell));
        if t.is_planned() {
            for name in t.first_column_names() {
                if known.contains(&name) {
                    implemented.insert(format!("{name} (under {:?})", t.heading()));
                }
            }
            for name in names.filter(|n| known.contains(n)) {
                implemented.insert(format!("{name} (under {:?})", t.heading()));
            }
        } else {
            unknown.extend(names.filter(|n| !known.contains(n)));
        }
    }
    assert!(
        unknown.is_empty(),
        "docs/format.md names things the crate does not have: {unknown:?}"
    );
    // The planned section may be empty or gone once everything in it is implemented; it
    // only must not call planned what the crate has.
    assert!(
        implemented.is_empty(),
        "docs/format.md calls these planned, but the crate has them now; move them into the \
         sections above: {implemented:?}"
    );
}

#[test]
fn the_table_reader_sees_through_code_spans_and_fences() {
    let doc = "# A\n\n```md\n| `not_read` | x |\n```\n\n## B\n\n| name | text |\n|---|---|\n| `a_b` | `x|y` and `c_d` |\n\n### C\n\n| n |\n|:-:|\n| `e` |\n";
    let found = tables(doc);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].headings, ["A", "B"]);
    assert_eq!(
        found[0].rows,
        [vec!["`a_b`".to_owned(), "`x|y` and `c_d`".to_owned()]]
    );
    assert_eq!(backticked_names(&found[0].rows[0][1]), ["c_d"]);
    assert_eq!(found[1].headings, ["A", "B", "C"]);
    assert_eq!(found[1].first_column_names(), ["e"]);
    assert!(!is_name("null") && !is_name("2020_x") && !is_name("a__b") && is_name("wsoa_late"));
}

// --- docs/domain.md -------------------------------------------------------------------------

fn parse_long_date(text: &str) -> Option<NaiveDate> {
    // "Wednesday 29 July 1981" or "1 July 2022"
    let words: Vec<&str> = text.split_whitespace().collect();
    let tail = words.get(words.len().checked_sub(3)?..)?;
    NaiveDate::parse_from_str(&tail.join(" "), "%d %B %Y").ok()
}

#[test]
fn domain_md_policy_settings_are_the_policys_fields_and_defaults() {
    let doc = read_doc("domain.md");
    let tables = tables(&doc);
    let settings = table(&tables, "What the sources leave open: the policy settings");
    let defaults = serde_json::to_value(Policy::default()).unwrap_or_else(|e| panic!("{e}"));
    let defaults = defaults.as_object().cloned().unwrap_or_default();
    let listed = settings.first_column_names();
    let mut problems: Vec<String> = compare("settings", &listed, &set(defaults.keys().cloned()))
        .into_iter()
        .collect();
    for (r, name) in listed.iter().enumerate() {
        let documented = settings.cell(r, 1);
        let ok = match defaults.get(name) {
            Some(Value::Null) => documented == "none",
            Some(Value::Number(n)) => documented == n.to_string(),
            Some(Value::String(s)) => {
                parse_long_date(documented).is_some_and(|d| d.format("%Y-%m-%d").to_string() == *s)
            }
            Some(Value::Object(_)) => name == "calendar",
            _ => false,
        };
        if !ok {
            problems.push(format!(
                "`{name}`: documented default {documented:?}, actual {:?}",
                defaults.get(name)
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "docs/domain.md: {}",
        problems.join("; ")
    );
}

#[test]
fn domain_md_bank_holidays_are_the_calendars() {
    let doc = read_doc("domain.md");
    let tables = tables(&doc);
    let by_year = table_headed(&tables, "One-off changes", Some("year"));
    let calendar = Calendar::england_and_wales();
    let mut checked = 0;
    for row in &by_year.rows {
        let (Some(year), Some(dates)) = (row.first(), row.get(1)) else {
            panic!("bad row {row:?}");
        };
        let year: i32 = year
            .parse()
            .unwrap_or_else(|e| panic!("year {year:?}: {e}"));
        let documented: Vec<String> = dates.split(", ").map(str::to_owned).collect();
        let actual: Vec<String> = (1..=366)
            .filter_map(|d| NaiveDate::from_yo_opt(year, d))
            .filter(|d| d.weekday().num_days_from_monday() < 5 && calendar.is_bank_holiday(*d))
            .map(|d| d.format("%m-%d").to_string())
            .collect();
        assert_eq!(
            documented, actual,
            "bank holidays of {year} in docs/domain.md"
        );
        checked += 1;
    }
    assert!(
        checked >= 10,
        "the year-by-year table has only {checked} rows"
    );
}

#[test]
fn domain_md_one_off_changes_are_the_calendars() {
    let doc = read_doc("domain.md");
    let tables = tables(&doc);
    let one_offs = table_headed(&tables, "One-off changes", Some("day"));
    let mut documented = Vec::new();
    for row in &one_offs.rows {
        let (Some(day), Some(change)) = (row.first(), row.get(1)) else {
            panic!("bad row {row:?}");
        };
        let date = parse_long_date(day).unwrap_or_else(|| panic!("not a date: {day:?}"));
        let weekday = day.split_whitespace().next().unwrap_or_default();
        assert_eq!(
            weekday,
            date.format("%A").to_string(),
            "docs/domain.md gives {date} the wrong weekday"
        );
        let one_off = ONE_OFF_HOLIDAYS
            .iter()
            .find(|o| o.date() == date)
            .unwrap_or_else(|| panic!("{date} is in docs/domain.md but not in ONE_OFF_HOLIDAYS"));
        match one_off.replaces() {
            None => assert!(
                change.starts_with("added"),
                "{date} is an added day: {change:?}"
            ),
            Some(moved) => {
                // "moved from 27 May" or "moved from Monday 4 May".
                let day = moved.format("%-d %B").to_string();
                let said = [
                    format!("moved from {day}"),
                    format!("moved from {} {day}", moved.format("%A")),
                ];
                assert!(
                    said.iter().any(|s| change.contains(s.as_str())),
                    "{date} replaces {moved}, which docs/domain.md should say: {change:?}"
                );
            }
        }
        documented.push(date);
    }
    let actual: Vec<NaiveDate> = ONE_OFF_HOLIDAYS.iter().map(|o| o.date()).collect();
    assert_eq!(
        documented, actual,
        "docs/domain.md's one-off changes, in date order"
    );
}
