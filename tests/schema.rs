//! The checked-in JSON Schema is the one the Rust types generate.
//!
//! Regenerate it with `UPDATE_SCHEMA=1 cargo test --all-features --test schema`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![cfg(feature = "schema")]

use std::path::Path;

#[test]
fn the_checked_in_schema_matches_the_types() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/timeline-v1.schema.json");
    let generated = serde_json::to_string_pretty(&send_lifecycle::timeline_json_schema())
        .expect("a schema serialises")
        + "\n";
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).expect("schema written");
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "schema/timeline-v1.schema.json is stale: run `UPDATE_SCHEMA=1 cargo test --all-features --test schema` and commit it"
    );
}

#[test]
fn the_schema_names_every_event_kind_and_refuses_unknown_fields() {
    let schema = send_lifecycle::timeline_json_schema().to_string();
    for kind in send_lifecycle::EventKind::ALL {
        assert!(
            schema.contains(&format!("\"{}\"", kind.as_str())),
            "{kind} missing from the schema"
        );
    }
    assert!(
        schema.contains("\"additionalProperties\":false")
            || schema.contains("\"unevaluatedProperties\":false")
    );
}
