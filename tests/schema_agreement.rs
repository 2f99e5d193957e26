//! The checked-in JSON Schema and the validator agree on which documents have an
//! acceptable *shape*.
//!
//! Every `testdata/*.json` timeline, a list of hand-written shapes (each with the verdict
//! worked out by hand from `timeline-format.md`), and a few hundred mutations of them
//! (a member removed, renamed or added, a value of the wrong type, a bad date, a blank
//! name, a count out of range — from a fixed seed, so every run checks the same cases) go
//! through both `validate_json` and `schema/timeline-v1.schema.json`. The test fails where
//! one accepts a shape the other refuses.
//!
//! The validator's *shape findings* are the codes `malformed_json`, `schema_violation`,
//! `unsupported_schema_version`, `invalid_date`, `empty_text`, and the range parts of
//! `invalid_action_counts` (a count negative, not whole or too large; a percentage outside
//! 0–100). Its other findings — the lifecycle, and rules across fields such as the RAG
//! counts adding up to the total or `underway` at most `total` — are no shape and are not
//! compared.
//!
//! # What only the validator can see
//!
//! A schema cannot say everything; these findings are deliberately the validator's alone,
//! and [`validator_alone`] recognises each one narrowly (every shape finding of the
//! document must be of these forms, at a value of exactly that form):
//!
//! 1. **A date that does not exist** but has the form of one: `"2021-02-30"`,
//!    `"2021-04-31"`, `"2019-02-29"`. The schema's pattern checks digits and ranges of
//!    months and days; month lengths and leap years are beyond a regular expression.
//! 2. **`schema_version` written as a decimal** (`1.0`, `1e0`): JSON Schema compares
//!    numbers by value, so `const: 1` accepts them; the contract reads only the integer 1.
//! 3. **A count of 2^64 or more**: JSON Schema has no largest integer, and the number
//!    parsed as a float cannot be told from 2^64 − 1 by a `maximum`.
//! 4. **A repeated member** (`{"date": …, "date": …}`): a JSON Schema validator sees the
//!    object after parsing, with one value per name; the validator reads the text.

#![cfg(feature = "schema")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::Path;

use send_lifecycle::{validate_json, Code, Diagnostic, Options, Report};
use serde_json::{json, Value};

fn schema() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/timeline-v1.schema.json");
    let text = std::fs::read_to_string(path).expect("the checked-in schema");
    let schema: Value = serde_json::from_str(&text).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

/// Whether a diagnostic says the document's shape is wrong.
fn is_shape(d: &Diagnostic) -> bool {
    match d.code {
        Code::MalformedJson
        | Code::SchemaViolation
        | Code::UnsupportedSchemaVersion
        | Code::InvalidDate
        | Code::EmptyText => true,
        Code::InvalidActionCounts => {
            d.path.ends_with("/underway_percent")
                || d.message.contains("cannot be negative")
                || d.message.contains("not a whole number")
                || d.message.contains("too large")
        }
        _ => false,
    }
}

fn shape_findings(r: &Report) -> Vec<&Diagnostic> {
    r.diagnostics.iter().filter(|d| is_shape(d)).collect()
}

/// The schema's pattern of a date (day, month or year), as `date.rs` states it.
fn date_form(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let month = |r: std::ops::Range<usize>| {
        let m: u32 = s[r].parse().unwrap_or(0);
        (1..=12).contains(&m)
    };
    let day = |r: std::ops::Range<usize>| {
        let d: u32 = s[r].parse().unwrap_or(0);
        (1..=31).contains(&d)
    };
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7) && month(5..7),
        10 => {
            digits(0..4)
                && b[4] == b'-'
                && digits(5..7)
                && month(5..7)
                && b[7] == b'-'
                && digits(8..10)
                && day(8..10)
        }
        _ => false,
    }
}

/// Why the validator alone refuses `doc` (one of the four kinds the module docs list), or
/// `None` when some shape finding is not of those kinds.
fn validator_alone(text: &str, doc: Option<&Value>, r: &Report) -> Option<&'static str> {
    let findings = shape_findings(r);
    if findings.is_empty() {
        return None;
    }
    let doc = doc?;
    let mut why = None;
    for d in findings {
        let value = doc.pointer(&d.path);
        let reason = match (d.code, value) {
            (Code::InvalidDate, Some(Value::String(s))) if date_form(s) => {
                "a date of the right form that does not exist"
            }
            (Code::UnsupportedSchemaVersion, Some(Value::Number(n)))
                if n.is_f64() && n.as_f64() == Some(1.0) =>
            {
                "schema_version 1 written as a decimal"
            }
            (Code::InvalidActionCounts, Some(Value::Number(n)))
                if n.is_f64()
                    && n.as_f64()
                        .is_some_and(|x| x >= 18_446_744_073_709_551_615.0) =>
            {
                "a count of 2^64 or more"
            }
            (Code::SchemaViolation, _) if d.message.contains("appears more than once") => {
                // The text must really repeat the member (serde_json kept one of them).
                let name = d.path.rsplit('/').next().unwrap_or("");
                if text.matches(&format!("\"{name}\"")).count() < 2 {
                    return None;
                }
                "a repeated member"
            }
            _ => return None,
        };
        why = Some(reason);
    }
    why
}

/// What the two say about one document.
struct Verdicts {
    validator_ok: bool,
    schema_ok: bool,
    alone: Option<&'static str>,
    report: Report,
}

fn judge(schema: &jsonschema::Validator, text: &str) -> Verdicts {
    let report = validate_json(text.as_bytes(), &Options::default());
    let parsed: Option<Value> = serde_json::from_str(text).ok();
    let schema_ok = parsed.as_ref().is_some_and(|v| schema.is_valid(v));
    let validator_ok = shape_findings(&report).is_empty();
    let alone = validator_alone(text, parsed.as_ref(), &report);
    Verdicts {
        validator_ok,
        schema_ok,
        alone,
        report,
    }
}

/// A disagreement that no listed reason explains, described for the failure message.
fn disagreement(name: &str, text: &str, v: &Verdicts) -> Option<String> {
    if v.validator_ok == v.schema_ok {
        return None;
    }
    if !v.validator_ok && v.schema_ok && v.alone.is_some() {
        return None;
    }
    let findings: Vec<String> = shape_findings(&v.report)
        .iter()
        .map(|d| format!("{} at {:?}: {}", d.code, d.path, d.message))
        .collect();
    Some(format!(
        "{name}: validator {} / schema {}\n  {text}\n  shape findings: {findings:#?}",
        if v.validator_ok { "accepts" } else { "refuses" },
        if v.schema_ok { "accepts" } else { "refuses" },
    ))
}

const AREA: &str = r#""area": {"name": "Testshire", "local_authority": "Testshire County Council",
  "health_bodies": [{"kind": "ccg", "name": "Testshire CCG"}]}"#;

fn doc(events: &str) -> String {
    format!(r#"{{"schema_version": 1, {AREA}, "events": [{events}]}}"#)
}

/// How a hand-written shape should fare, worked out from `timeline-format.md`.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Expect {
    /// Both accept it.
    Accepted,
    /// Both refuse it.
    Refused,
    /// The validator refuses it for one of the listed reasons; the schema cannot.
    ValidatorAlone,
}

fn shapes() -> Vec<(&'static str, String, Expect)> {
    use Expect::*;
    let ev = |e: &str| doc(e);
    vec![
        ("empty timeline", doc(""), Accepted),
        (
            "README example, framework left out",
            doc(r#"{"date": "2020-02-03", "kind": "inspection_started"}"#),
            Accepted,
        ),
        (
            "framework given",
            format!(
                r#"{{"schema_version": 1, "framework": "local_area_send_2016", {AREA}, "events": []}}"#
            ),
            Accepted,
        ),
        (
            "framework null",
            format!(r#"{{"schema_version": 1, "framework": null, {AREA}, "events": []}}"#),
            Accepted,
        ),
        (
            "framework 2023",
            format!(
                r#"{{"schema_version": 1, "framework": "area_send_2023", {AREA}, "events": []}}"#
            ),
            Accepted,
        ),
        (
            "framework unknown",
            format!(
                r#"{{"schema_version": 1, "framework": "area_send_2030", {AREA}, "events": []}}"#
            ),
            Refused,
        ),
        (
            "version 2",
            doc("").replace("\"schema_version\": 1", "\"schema_version\": 2"),
            Refused,
        ),
        (
            "version \"1\"",
            doc("").replace("\"schema_version\": 1", "\"schema_version\": \"1\""),
            Refused,
        ),
        (
            "version 1.0",
            doc("").replace("\"schema_version\": 1", "\"schema_version\": 1.0"),
            ValidatorAlone,
        ),
        (
            "no version",
            doc("").replace("\"schema_version\": 1,", ""),
            Refused,
        ),
        (
            "no area",
            r#"{"schema_version": 1, "events": []}"#.to_owned(),
            Refused,
        ),
        (
            "blank area name",
            doc("").replace("\"Testshire\"", "\"  \""),
            Refused,
        ),
        (
            "empty area name",
            doc("").replace("\"Testshire\"", "\"\""),
            Refused,
        ),
        (
            "no health bodies",
            r#"{"schema_version": 1, "area": {"name": "A", "local_authority": "B", "health_bodies": []}, "events": []}"#
                .to_owned(),
            Refused,
        ),
        (
            "health body kind",
            doc("").replace("\"ccg\"", "\"pct\""),
            Refused,
        ),
        (
            "unknown top-level member",
            doc("").replace("\"events\"", "\"extra\": 1, \"events\""),
            Refused,
        ),
        (
            "null date",
            ev(r#"{"date": null, "kind": "inspection_started"}"#),
            Accepted,
        ),
        (
            "month and year dates",
            ev(
                r#"{"date": "2020-02", "kind": "inspection_started"}, {"date": "2020", "kind": "inspection_ended"}"#,
            ),
            Accepted,
        ),
        (
            "30 February",
            ev(r#"{"date": "2021-02-30", "kind": "inspection_started"}"#),
            ValidatorAlone,
        ),
        (
            "29 February 2019",
            ev(r#"{"date": "2019-02-29", "kind": "inspection_started"}"#),
            ValidatorAlone,
        ),
        (
            "29 February 2020",
            ev(r#"{"date": "2020-02-29", "kind": "inspection_started"}"#),
            Accepted,
        ),
        (
            "month 13",
            ev(r#"{"date": "2021-13", "kind": "inspection_started"}"#),
            Refused,
        ),
        (
            "day first",
            ev(r#"{"date": "21-10-2020", "kind": "inspection_started"}"#),
            Refused,
        ),
        (
            "unpadded",
            ev(r#"{"date": "2021-1-5", "kind": "inspection_started"}"#),
            Refused,
        ),
        ("no date", ev(r#"{"kind": "inspection_started"}"#), Refused),
        (
            "unknown kind",
            ev(r#"{"date": "2020-02-03", "kind": "inspection_begun"}"#),
            Refused,
        ),
        (
            "foreign field",
            ev(r#"{"date": "2020-02-03", "kind": "inspection_started", "title": "x"}"#),
            Refused,
        ),
        (
            "source and note",
            ev(
                r#"{"date": "2020-02-03", "kind": "inspection_started", "source": "s", "note": null}"#,
            ),
            Accepted,
        ),
        (
            "note title blank",
            ev(r#"{"date": "2020-02-03", "kind": "note", "title": " "}"#),
            Refused,
        ),
        (
            "note without title",
            ev(r#"{"date": "2020-02-03", "kind": "note"}"#),
            Refused,
        ),
        (
            "report with weaknesses",
            ev(
                r#"{"date": "2020-03-27", "kind": "report_published", "weaknesses": [{"id": "W1", "title": "a"}], "letter_date": null}"#,
            ),
            Accepted,
        ),
        (
            "blank weakness id",
            ev(
                r#"{"date": "2020-03-27", "kind": "report_published", "weaknesses": [{"id": "", "title": "a"}]}"#,
            ),
            Refused,
        ),
        (
            "weakness extra member",
            ev(
                r#"{"date": "2020-03-27", "kind": "report_published", "weaknesses": [{"id": "W1", "title": "a", "x": 1}]}"#,
            ),
            Refused,
        ),
        (
            "deadline a month",
            ev(
                r#"{"date": "2020-03-27", "kind": "wsoa_deadline_revised", "new_deadline": "2020-10"}"#,
            ),
            Refused,
        ),
        (
            "deadline 31 April",
            ev(
                r#"{"date": "2020-03-27", "kind": "wsoa_deadline_revised", "new_deadline": "2020-04-31"}"#,
            ),
            ValidatorAlone,
        ),
        (
            "judged \"yes\"",
            ev(r#"{"date": "2020-03-27", "kind": "wsoa_judged", "fit_for_purpose": "yes"}"#),
            Refused,
        ),
        (
            "judgements",
            ev(
                r#"{"date": "2020-03-27", "kind": "revisit_outcome", "judgements": {"W1": "sufficient"}}"#,
            ),
            Accepted,
        ),
        (
            "judgement blank id",
            ev(
                r#"{"date": "2020-03-27", "kind": "revisit_outcome", "judgements": {" ": "sufficient"}}"#,
            ),
            Refused,
        ),
        (
            "judgement partial",
            ev(
                r#"{"date": "2020-03-27", "kind": "revisit_outcome", "judgements": {"W1": "partial"}}"#,
            ),
            Refused,
        ),
        (
            "decision",
            ev(r#"{"date": "2020-03-27", "kind": "next_steps_determined", "decision": "lenient"}"#),
            Refused,
        ),
        (
            "actions in full",
            ev(
                r#"{"date": "2021-03-01", "kind": "monitoring_meeting", "final_before_revisit": null, "actions": {"total": 41, "underway": 41, "completed": 3, "delayed": 7, "underway_percent": 100.0, "rag": {"red": 0, "amber": 7, "green": 34}}}"#,
            ),
            Accepted,
        ),
        (
            "counts -0, 2.0, 1e2",
            ev(
                r#"{"date": "2021-03-01", "kind": "app_review", "actions": {"total": -0, "underway": 2.0, "completed": 1e2}}"#,
            ),
            Accepted,
        ),
        (
            "count -1",
            ev(r#"{"date": "2021-03-01", "kind": "app_review", "actions": {"total": -1}}"#),
            Refused,
        ),
        (
            "count 2.5",
            ev(r#"{"date": "2021-03-01", "kind": "app_review", "actions": {"rag": {"red": 2.5}}}"#),
            Refused,
        ),
        (
            "count 2^64",
            ev(
                r#"{"date": "2021-03-01", "kind": "app_review", "actions": {"total": 18446744073709551616}}"#,
            ),
            ValidatorAlone,
        ),
        (
            "count 1e400",
            ev(r#"{"date": "2021-03-01", "kind": "app_review", "actions": {"total": 1e400}}"#),
            Refused,
        ),
        (
            "percent 150",
            ev(
                r#"{"date": "2021-03-01", "kind": "app_review", "actions": {"underway_percent": 150}}"#,
            ),
            Refused,
        ),
        (
            "percent -1",
            ev(
                r#"{"date": "2021-03-01", "kind": "app_review", "actions": {"underway_percent": -1}}"#,
            ),
            Refused,
        ),
        (
            "RAG off the total (a rule, not a shape)",
            ev(
                r#"{"date": "2021-03-01", "kind": "app_review", "actions": {"total": 10, "rag": {"red": 1, "amber": 1, "green": 1}}}"#,
            ),
            Accepted,
        ),
        (
            "actions member unknown",
            ev(r#"{"date": "2021-03-01", "kind": "app_review", "actions": {"totl": 1}}"#),
            Refused,
        ),
        (
            "health bodies change",
            ev(
                r#"{"date": "2022-07-01", "kind": "health_body_changed", "health_bodies": [{"kind": "icb", "name": "Testshire ICB"}]}"#,
            ),
            Accepted,
        ),
        (
            "repeated date",
            ev(r#"{"date": "2020-02-03", "date": "2020-02-04", "kind": "inspection_started"}"#),
            ValidatorAlone,
        ),
        ("not JSON", r#"{"schema_version": 1,"#.to_owned(), Refused),
        (
            "events an object",
            doc("").replace("\"events\": []", "\"events\": {}"),
            Refused,
        ),
        ("an event a string", ev(r#""inspection_started""#), Refused),
    ]
}

#[test]
fn hand_written_shapes_get_the_verdict_worked_out_by_hand_from_both() {
    let schema = schema();
    let mut wrong = Vec::new();
    for (name, text, expect) in shapes() {
        let v = judge(&schema, &text);
        let got = match (v.validator_ok, v.schema_ok, v.alone) {
            (true, true, _) => Some(Expect::Accepted),
            (false, false, _) => Some(Expect::Refused),
            (false, true, Some(_)) => Some(Expect::ValidatorAlone),
            _ => None,
        };
        if got != Some(expect) {
            wrong.push(format!(
                "{name}: expected {expect:?}, got validator_ok={} schema_ok={} alone={:?}\n  {text}\n  {:#?}",
                v.validator_ok,
                v.schema_ok,
                v.alone,
                shape_findings(&v.report)
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

#[test]
fn every_testdata_timeline_passes_both() {
    let schema = schema();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("testdata") {
        let path = entry.expect("an entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.ends_with(".json") || name.ends_with(".expected.json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("readable");
        let v = judge(&schema, &text);
        assert!(
            v.validator_ok && v.schema_ok,
            "{name}: validator_ok={} schema_ok={} {:#?}",
            v.validator_ok,
            v.schema_ok,
            shape_findings(&v.report)
        );
        seen += 1;
    }
    assert!(seen >= 2, "only {seen} timelines in testdata");
}

/// A small deterministic generator (a 64-bit linear congruential one), so that every run
/// checks the same mutations.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Every JSON Pointer in `v`, the document itself first.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                let token = k.replace('~', "~0").replace('/', "~1");
                pointers(child, format!("{at}/{token}"), out);
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// The parent of a pointer and its last token.
fn split(pointer: &str) -> Option<(&str, String)> {
    let (parent, last) = pointer.rsplit_once('/')?;
    Some((parent, last.replace("~1", "/").replace("~0", "~")))
}

/// One mutation of `doc`, and what it did (for the failure message).
fn mutate(doc: &Value, rng: &mut Lcg) -> (Value, String) {
    let mut out = doc.clone();
    let mut all = Vec::new();
    pointers(doc, String::new(), &mut all);
    let target = rng.pick(&all).clone();
    let replacements = [
        json!(5),
        json!(-1),
        json!(2.5),
        json!(2.0),
        json!(150),
        json!("x"),
        json!(""),
        json!("   "),
        json!(true),
        json!(null),
        json!([]),
        json!({}),
        json!("2021-02-30"),
        json!("2021-13"),
        json!("2020-10"),
        json!("2019"),
        json!("21-10-2020"),
        json!("2020-02-29"),
        json!("sufficient"),
        json!("note"),
        json!("icb"),
    ];
    match rng.below(5) {
        // A member removed.
        0 => {
            if let Some((parent, key)) = split(&target) {
                match out.pointer_mut(parent) {
                    Some(Value::Object(m)) => {
                        m.remove(&key);
                    }
                    Some(Value::Array(a)) => {
                        if let Ok(i) = key.parse::<usize>() {
                            if i < a.len() {
                                a.remove(i);
                            }
                        }
                    }
                    _ => {}
                }
            }
            (out, format!("removed {target}"))
        }
        // A member renamed (a typo).
        1 => {
            let typo = ["x", "s", "_"][rng.below(3)];
            if let Some((parent, key)) = split(&target) {
                if let Some(Value::Object(m)) = out.pointer_mut(parent) {
                    if let Some(v) = m.remove(&key) {
                        m.insert(format!("{key}{typo}"), v);
                    }
                }
            }
            (out, format!("renamed {target} with {typo:?}"))
        }
        // A member added.
        2 => {
            let name = rng
                .pick(&["extra", "title", "weaknesses", "actions", "date", "reason"])
                .to_string();
            let value = rng.pick(&replacements).clone();
            if let Some(Value::Object(m)) = out.pointer_mut(&target) {
                m.entry(name.clone()).or_insert(value.clone());
            }
            (out, format!("added {name}: {value} at {target:?}"))
        }
        // A value replaced, whatever its type.
        _ => {
            let value = rng.pick(&replacements).clone();
            if let Some(slot) = out.pointer_mut(&target) {
                *slot = value.clone();
            }
            (out, format!("set {target:?} to {value}"))
        }
    }
}

#[test]
fn generated_mutations_get_the_same_verdict_from_both() {
    let schema = schema();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
    let mut bases: Vec<Value> = ["leicestershire.json", "leicester_city.json"]
        .iter()
        .map(|f| serde_json::from_str(&std::fs::read_to_string(dir.join(f)).unwrap()).unwrap())
        .collect();
    for (_, text, expect) in shapes() {
        if expect == Expect::Accepted {
            bases.push(serde_json::from_str(&text).unwrap());
        }
    }
    let mut rng = Lcg(0x5E4D_2016);
    let mut failures = Vec::new();
    let (mut accepted, mut refused) = (0, 0);
    for n in 0..600 {
        let base = &bases[n % bases.len()];
        let (mutated, what) = mutate(base, &mut rng);
        // A second mutation on every third case: shapes broken in two places.
        let (mutated, what) = if n % 3 == 0 {
            let (again, also) = mutate(&mutated, &mut rng);
            (again, format!("{what}; {also}"))
        } else {
            (mutated, what)
        };
        let text = serde_json::to_string(&mutated).unwrap();
        let v = judge(&schema, &text);
        if v.schema_ok {
            accepted += 1;
        } else {
            refused += 1;
        }
        if let Some(d) = disagreement(&format!("mutation {n} ({what})"), &text, &v) {
            failures.push(d);
        }
    }
    assert!(
        failures.is_empty(),
        "{} disagreements:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    // The mutations must exercise both verdicts, or the test proves little.
    assert!(
        accepted > 50 && refused > 200,
        "accepted {accepted}, refused {refused}"
    );
}
