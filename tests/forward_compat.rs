//! Reports are forward-compatible for Rust readers: a report written by a newer version —
//! with a code, a stage, a severity and a weakness stage this version does not know, and
//! fields it has never heard of — deserialises, keeps every unknown name as text, and
//! writes those names back when serialised again. The report this version writes is
//! unchanged by it.

#![allow(clippy::indexing_slicing)]

use send_lifecycle::{validate_str, Code, Options, Report, Severity, Stage, WeaknessStage};
use serde_json::{json, Value};

/// A report as a later version might write it: names invented for this test, and new
/// members at every level (report, weakness, health body, deadline window, diagnostic,
/// related place).
fn newer_report() -> Value {
    json!({
        "schema_version": 1,
        "valid": false,
        "stage": "recovery_plan_due",
        "wsoa_deadline": "2020-07-09",
        "wsoa_deadline_window": {
            "earliest": "2020-07-09", "latest": "2020-07-09", "basis": "report_received",
            "working_days": 70, "calendar": "england_and_wales"
        },
        "weaknesses": [
            {"id": "W1", "title": "Joint commissioning", "stage": "in_action"},
            {"id": "W2", "title": "EHC plans", "stage": "partly_sufficient", "evidence": ["letter"]}
        ],
        "health_bodies": [{"kind": "icb", "name": "Testshire ICB", "code": "QK1"}],
        "improvement_notice_in_force": false,
        "events_total": 3,
        "events_applied": 3,
        "framework_2023": {"cycle": 1},
        "diagnostics": [
            {
                "code": "plan_overdue", "severity": "critical", "message": "the plan is overdue",
                "path": "/events/2", "event_index": 2, "stage": "recovery_plan_due",
                "confidence": 0.9,
                "related": [{"path": "/events/1", "message": "the decision", "weight": 1}]
            },
            {"code": "wsoa_late", "severity": "warning", "message": "late", "path": "/events/1"}
        ]
    })
}

/// `value` without the members this version does not know, which it does not keep.
fn known_members(mut value: Value) -> Value {
    let drop = |v: &mut Value, keys: &[&str]| {
        if let Some(o) = v.as_object_mut() {
            for k in keys {
                o.remove(*k);
            }
        }
    };
    drop(&mut value, &["framework_2023"]);
    drop(&mut value["wsoa_deadline_window"], &["calendar"]);
    drop(&mut value["weaknesses"][1], &["evidence"]);
    drop(&mut value["health_bodies"][0], &["code"]);
    drop(&mut value["diagnostics"][0], &["confidence"]);
    drop(&mut value["diagnostics"][0]["related"][0], &["weight"]);
    // The members this version adds with their defaults where the report lacks them: a
    // report of version 1 as first written had none of the 2023 framework's.
    if let Some(o) = value.as_object_mut() {
        o.entry("framework")
            .or_insert(json!("local_area_send_2016"));
        o.entry("outcome").or_insert(Value::Null);
        o.entry("legacy").or_insert(Value::Null);
        o.entry("priority_actions").or_insert(json!([]));
        o.entry("improvements").or_insert(json!([]));
        o.entry("item_counts").or_insert(json!({}));
        o.entry("next_due").or_insert(json!([]));
    }
    value
}

#[test]
fn a_newer_report_is_read_with_its_unknown_names_kept() {
    let text = newer_report().to_string();
    let report: Report = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));

    assert_eq!(report.stage, Stage::Unknown);
    assert_eq!(report.stage_name(), "recovery_plan_due");
    assert_eq!(report.weaknesses[0].stage, WeaknessStage::InAction);
    assert_eq!(report.weaknesses[1].stage, WeaknessStage::Unknown);
    assert_eq!(report.weaknesses[1].stage_name(), "partly_sufficient");
    assert_eq!(report.health_bodies[0].name, "Testshire ICB");

    let newer = &report.diagnostics[0];
    assert_eq!(
        (newer.code, newer.code_name()),
        (Code::Unknown, "plan_overdue")
    );
    assert_eq!(
        (newer.severity(), newer.severity_name()),
        (Severity::Unknown, "critical")
    );
    assert_eq!(newer.stage, Some(Stage::Unknown));
    assert_eq!(newer.stage_name(), Some("recovery_plan_due"));
    assert_eq!(
        newer.to_string(),
        "critical[plan_overdue]: the plan is overdue"
    );
    let known = &report.diagnostics[1];
    assert_eq!(
        (known.code, known.severity(), known.code_name()),
        (Code::WsoaLate, Severity::Warning, "wsoa_late")
    );

    // The human rendering names what it read, not "unknown".
    let text = report.render_human("newer.json");
    assert!(text.contains("critical[plan_overdue]"), "{text}");
    assert!(text.contains("stage `recovery_plan_due`"), "{text}");
}

#[test]
fn a_newer_report_is_written_back_with_its_names() {
    let report: Report = serde_json::from_value(newer_report()).unwrap_or_else(|e| panic!("{e}"));
    let again: Value = serde_json::from_str(&report.to_json()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again, known_members(newer_report()));
}

#[test]
fn a_name_changed_by_the_caller_is_written_as_changed() {
    let mut report: Report =
        serde_json::from_value(newer_report()).unwrap_or_else(|e| panic!("{e}"));
    report.stage = Stage::Monitoring;
    report.diagnostics[0].code = Code::DeadlinePassed;
    assert_eq!(report.stage_name(), "monitoring");
    let again: Value = serde_json::from_str(&report.to_json()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again["stage"], "monitoring");
    assert_eq!(again["diagnostics"][0]["code"], "deadline_passed");
    // The severity read is still the newer version's.
    assert_eq!(again["diagnostics"][0]["severity"], "critical");
}

#[test]
fn an_unknown_name_alone_is_refused_both_ways() {
    // Only a report, diagnostic or weakness keeps a name; a bare value has nowhere to.
    let e = serde_json::from_str::<Stage>("\"recovery_plan_due\"").unwrap_err();
    assert!(
        e.to_string().contains("is not a stage of this version"),
        "{e}"
    );
    assert!(serde_json::from_str::<Code>("\"plan_overdue\"").is_err());
    assert!(serde_json::to_string(&Stage::Unknown).is_err());
    assert!(serde_json::to_string(&Severity::Unknown).is_err());
    assert_eq!(
        serde_json::to_string(&Code::WsoaLate).ok().as_deref(),
        Some("\"wsoa_late\"")
    );
    // Nor is an unknown name ever parsed into the `Unknown` variant.
    assert!("unknown".parse::<Code>().is_err());
    assert!(!Stage::ALL.contains(&Stage::Unknown));
    assert!(!Code::ALL.contains(&Code::Unknown));
}

#[test]
fn the_report_this_version_writes_is_unchanged() {
    // Worked by hand from the report format (docs/format.md, "Report"): an input that ends
    // at once reads no event; serde_json stops at line 1, column 1.
    let report = validate_str("{", &Options::new());
    let expected = r#"{
  "schema_version": 1,
  "valid": false,
  "framework": "local_area_send_2016",
  "stage": "not_inspected",
  "outcome": null,
  "legacy": null,
  "wsoa_deadline": null,
  "weaknesses": [],
  "priority_actions": [],
  "improvements": [],
  "item_counts": {},
  "next_due": [],
  "health_bodies": [],
  "improvement_notice_in_force": false,
  "events_total": 0,
  "events_applied": 0,
  "diagnostics": [
    {
      "code": "malformed_json",
      "severity": "error",
      "message": "the input ends before the JSON document does (is it truncated?) (line 1, column 1)",
      "path": "",
      "help": "check that the whole file was saved or sent, and that every bracket is closed",
      "line": 1,
      "column": 1
    }
  ]
}"#;
    assert_eq!(report.to_json(), expected);
    // And it reads back into the same report.
    let back: Report = serde_json::from_str(expected).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, report);
}

#[test]
fn every_real_report_reads_back_unchanged() {
    for name in ["leicestershire", "leicester_city"] {
        let path = format!("{}/testdata/{name}.json", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let report = validate_str(&text, &Options::new());
        let json = report.to_json();
        let back: Report = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(back, report, "{path}");
        assert_eq!(back.to_json(), json, "{path}");
        assert!(!report.weaknesses.is_empty(), "{path}");
    }
}
