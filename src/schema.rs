//! The JSON Schema of the timeline format, generated from the Rust types.

use crate::event::Timeline;

/// The JSON Schema (draft 2020-12) of the timeline format, version 1, generated from the
/// Rust types with `schemars`. The checked-in `schema/timeline-v1.schema.json` is this
/// value, pretty-printed; a test fails when the two disagree.
///
/// The schema checks shape only; the lifecycle rules need [`crate::validate_json`].
///
/// # Example
/// ```
/// let schema = send_lifecycle::timeline_json_schema();
/// assert_eq!(schema["title"], "Timeline");
/// ```
pub fn timeline_json_schema() -> serde_json::Value {
    let schema = schemars::schema_for!(Timeline);
    schema.to_value()
}
