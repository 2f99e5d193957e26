//! The output formats of `validate`: each reads the same reports, with the text each came
//! from.

use std::borrow::Cow;
use std::fmt::Write as _;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use send_lifecycle::{Code, Diagnostic, Report, Severity};
use serde_json::{json, Value};

/// One input validated: its name as the output shows it, its text, and the report.
pub struct Checked {
    /// The path as given (or `<stdin>`).
    pub name: String,
    /// The bytes read (at most the input limit and one byte).
    pub bytes: Vec<u8>,
    /// The validator's report.
    pub report: Report,
}

/// One input that could not be read.
pub struct Unread {
    /// The path as given.
    pub name: String,
    /// Why.
    pub error: String,
}

/// An input, checked or not.
#[allow(clippy::large_enum_variant)] // a few per run: boxing buys nothing
pub enum Outcome {
    /// Read and validated.
    Checked(Checked),
    /// Not readable.
    Unread(Unread),
}

/// The `human` format: per diagnostic `file:line:col: severity[code]: message`, the source
/// line with a caret under the value, and `= help:` notes; then a summary line per input
/// (unless `quiet`). `color` styles it for a terminal.
pub fn human(outcomes: &[Outcome], quiet: bool, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for outcome in outcomes {
        let Outcome::Checked(c) = outcome else {
            continue;
        };
        let text = String::from_utf8_lossy(&c.bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        // Split once, not once per diagnostic: a long file may have many.
        let lines: Vec<&str> = if c.report.diagnostics.is_empty() {
            Vec::new()
        } else {
            text.split('\n').collect()
        };
        for d in &c.report.diagnostics {
            let (line, column) = (d.line.unwrap_or(1), d.column.unwrap_or(1));
            let _ = writeln!(
                out,
                "{}:{line}:{column}: {}[{}]: {}",
                c.name,
                d.severity(),
                d.code,
                d.message
            );
            let level = level_of(d.severity());
            let mut group = Group::with_level(level.clone());
            let source = (line as usize)
                .checked_sub(1)
                .and_then(|i| lines.get(i))
                .copied();
            if let Some((source, span)) = source.and_then(|l| source_line(l, column)) {
                group = group.element(
                    Snippet::source(source)
                        .line_start(line as usize)
                        .annotation(AnnotationKind::Primary.span(span)),
                );
            }
            for (is_help, note) in notes(d) {
                let level = if is_help { Level::HELP } else { Level::NOTE };
                group = group.element(level.message(note));
            }
            let rendered = renderer.render(&[group]);
            if !rendered.trim().is_empty() {
                out.push_str(&rendered);
                out.push('\n');
            }
            out.push('\n');
        }
        if !quiet {
            out.push_str(&summary(&c.name, &c.report));
        }
    }
    out
}

fn level_of(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        _ => Level::INFO,
    }
}

/// The notes under a diagnostic: the stage, what was expected, the help (marked true),
/// where it is and how to read more.
fn notes(d: &Diagnostic) -> Vec<(bool, String)> {
    let mut notes = Vec::new();
    if let Some(stage) = d.stage {
        notes.push((false, format!("stage: {stage} ({})", stage.describe())));
    }
    if !d.expected.is_empty() {
        notes.push((false, format!("expected: {}", d.expected.join(", "))));
    }
    if let Some(help) = &d.help {
        notes.push((true, help.clone()));
    }
    for r in &d.related {
        notes.push((
            false,
            format!(
                "{}:{}: {} ({})",
                r.line.unwrap_or(1),
                r.column.unwrap_or(1),
                r.message,
                r.path
            ),
        ));
    }
    let path = if d.path.is_empty() {
        "(the whole document)"
    } else {
        &d.path
    };
    notes.push((
        false,
        format!("path: {path}; see `send-lifecycle explain {}`", d.code),
    ));
    notes
}

/// The text to show of one line of the source, and the byte range, within it, of the value
/// starting at character `column`: a string to its closing quote, a scalar to its end, a
/// bracket alone. Of a very long line (a minified document) only a window around the value
/// is kept, marked with `…` where it was cut.
fn source_line(line: &str, column: u32) -> Option<(Cow<'_, str>, std::ops::Range<usize>)> {
    const LONG: usize = 1000;
    const BEFORE: usize = 80;
    const AFTER: usize = 160;
    let source = line.strip_suffix('\r').unwrap_or(line);
    let start = source
        .char_indices()
        .nth((column as usize).checked_sub(1)?)
        .map_or(source.len(), |(i, _)| i);
    let span = value_span(source, start)?;
    if source.len() <= LONG {
        return Some((Cow::Borrowed(source), span));
    }
    let from = floor_boundary(source, start.saturating_sub(BEFORE));
    let to = floor_boundary(source, (span.end + AFTER).min(source.len()));
    let mut shown = String::new();
    if from > 0 {
        shown.push('…');
    }
    let offset = shown.len();
    shown.push_str(source.get(from..to)?);
    if to < source.len() {
        shown.push('…');
    }
    let end = span.end.min(to);
    Some((
        Cow::Owned(shown),
        start - from + offset..end - from + offset,
    ))
}

/// The largest character boundary at or before `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The byte range of the value starting at byte `start` of `source`.
fn value_span(source: &str, start: usize) -> Option<std::ops::Range<usize>> {
    let rest = source.get(start..)?;
    let len = match rest.chars().next() {
        None => 0,
        Some('"') => {
            let mut escaped = false;
            let mut end = rest.len();
            for (i, c) in rest.char_indices().skip(1) {
                match c {
                    '\\' if !escaped => escaped = true,
                    '"' if !escaped => {
                        end = i + 1;
                        break;
                    }
                    _ => escaped = false,
                }
            }
            end
        }
        Some('{' | '[' | '}' | ']' | ',' | ':') => 1,
        Some(first) => rest
            .find([',', '}', ']', ' ', '\t'])
            .unwrap_or(rest.len())
            .max(first.len_utf8()),
    };
    // An empty line (an empty file, or a document ending early): point after its end.
    Some(start..start + len)
}

/// The summary line of one input.
pub fn summary(name: &str, report: &Report) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!(
        "{name}: {} — stage `{}`; {}, {}, {} info; {} of {} events applied\n",
        if report.valid { "valid" } else { "INVALID" },
        report.stage,
        plural(report.count(Severity::Error), "error"),
        plural(report.count(Severity::Warning), "warning"),
        report.count(Severity::Info),
        report.events_applied,
        report.events_total
    )
}

/// The `json` format: one input's report as the contract has it; for several inputs, an
/// array of `{"file", "report"}` (or `{"file", "error"}` for an input not read).
pub fn json(outcomes: &[Outcome], many: bool) -> String {
    if !many {
        if let Some(Outcome::Checked(c)) = outcomes.first() {
            return c.report.to_json() + "\n";
        }
    }
    // A struct rather than a `Value`, so that each report keeps the contract's field order.
    #[derive(serde::Serialize)]
    struct Item<'a> {
        file: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        report: Option<&'a Report>,
        #[serde(skip_serializing_if = "Option::is_none")]
        error: Option<&'a str>,
    }
    let items: Vec<Item<'_>> = outcomes
        .iter()
        .map(|o| match o {
            Outcome::Checked(c) => Item {
                file: &c.name,
                report: Some(&c.report),
                error: None,
            },
            Outcome::Unread(u) => Item {
                file: &u.name,
                report: None,
                error: Some(&u.error),
            },
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_default() + "\n"
}

/// The `ndjson` format: one diagnostic a line, each with its `file` first.
pub fn ndjson(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    for o in outcomes {
        if let Outcome::Checked(c) = o {
            for d in &c.report.diagnostics {
                let body = serde_json::to_string(d).unwrap_or_default();
                let file = serde_json::to_string(&c.name).unwrap_or_default();
                match body.strip_prefix('{') {
                    Some(rest) => {
                        let _ = writeln!(out, "{{\"file\":{file},{rest}");
                    }
                    None => {
                        let _ = writeln!(out, "{body}");
                    }
                }
            }
        }
    }
    out
}

/// The `github` format: workflow commands that GitHub Actions shows as annotations.
pub fn github(outcomes: &[Outcome]) -> String {
    let mut out = String::new();
    for o in outcomes {
        if let Outcome::Checked(c) = o {
            for d in &c.report.diagnostics {
                let command = match d.severity() {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    _ => "notice",
                };
                let _ = writeln!(
                    out,
                    "::{command} file={},line={},col={},title={}::{}",
                    escape_property(&c.name),
                    d.line.unwrap_or(1),
                    d.column.unwrap_or(1),
                    escape_property(d.code.as_str()),
                    escape_data(&d.message)
                );
            }
        }
    }
    out
}

/// A workflow command's message: `%`, CR and LF escaped.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: as a message, and `:` and `,` too.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The `sarif` format: one SARIF 2.1.0 log with one run, every code as a rule.
pub fn sarif(outcomes: &[Outcome]) -> String {
    let rules: Vec<Value> = Code::ALL
        .iter()
        .map(|code| {
            json!({
                "id": code.as_str(),
                "shortDescription": { "text": code.explain() },
                "help": { "text": format!("send-lifecycle explain {code}") },
                "defaultConfiguration": { "level": sarif_level(code.severity()) },
            })
        })
        .collect();
    let mut artifacts = Vec::new();
    let mut results = Vec::new();
    for o in outcomes {
        let Outcome::Checked(c) = o else { continue };
        let artifact = artifacts.len();
        artifacts.push(json!({ "location": { "uri": uri(&c.name) } }));
        for d in &c.report.diagnostics {
            let location = |path: &str, line: Option<u32>, column: Option<u32>| {
                json!({
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(&c.name), "index": artifact },
                        "region": {
                            "startLine": line.unwrap_or(1),
                            "startColumn": column.unwrap_or(1),
                        },
                    },
                    "logicalLocations": [ { "fullyQualifiedName": path, "kind": "member" } ],
                })
            };
            let mut result = json!({
                "ruleId": d.code.as_str(),
                "level": sarif_level(d.severity()),
                "message": { "text": d.message },
                "locations": [ location(&d.path, d.line, d.column) ],
            });
            let rule_index = Code::ALL.iter().position(|c| *c == d.code);
            if let (Some(index), Some(fields)) = (rule_index, result.as_object_mut()) {
                fields.insert("ruleIndex".to_owned(), json!(index));
            }
            if !d.related.is_empty() {
                let related: Vec<Value> = d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let mut place = location(&r.path, r.line, r.column);
                        if let Some(fields) = place.as_object_mut() {
                            fields.insert("id".to_owned(), json!(i));
                            fields.insert("message".to_owned(), json!({ "text": r.message }));
                        }
                        place
                    })
                    .collect();
                if let Some(fields) = result.as_object_mut() {
                    fields.insert("relatedLocations".to_owned(), json!(related));
                }
            }
            results.push(result);
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [ {
            "tool": { "driver": {
                "name": "send-lifecycle",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            } },
            // Columns count characters (Unicode scalar values), not UTF-16 code units.
            "columnKind": "unicodeCodePoints",
            "artifacts": artifacts,
            "results": results,
        } ],
    });
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        _ => "note",
    }
}

/// A path as a relative URI reference: `/` separators, and the characters a URI cannot hold
/// percent-encoded.
fn uri(name: &str) -> String {
    let mut out = String::new();
    for b in name.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use super::*;

    #[test]
    fn github_escapes_what_the_runner_would_read_as_syntax() {
        assert_eq!(escape_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }

    #[test]
    fn the_caret_spans_the_value_on_its_line() {
        let span = |line: &str, column| source_line(line, column).map(|(_, s)| s);
        let line = "  \"date\": \"2021-02-30\", \"x\": 12}";
        assert_eq!(span(line, 11), Some(10..22));
        assert_eq!(span(line, 30), Some(29..31));
        assert_eq!(span("{", 1), Some(0..1));
        // An escaped quote does not end the string; é is two bytes.
        assert_eq!(span("[\"é\\\"x\", 1]", 2), Some(1..8));
        assert_eq!(span("", 1), Some(0..0));
        assert_eq!(span("  {\r", 3), Some(2..3));
    }

    #[test]
    fn a_long_line_is_cut_to_a_window_around_the_value() {
        let line = format!("{}\"here\"{}", "é".repeat(2000), "x".repeat(2000));
        let (shown, span) = source_line(&line, 2001).unwrap();
        assert_eq!(&shown[span.clone()], "\"here\"");
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.chars().count() < 260, "{}", shown.chars().count());
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(uri("my dir\\a%b.json"), "my%20dir/a%25b.json");
        assert_eq!(
            uri("testdata/leicestershire.json"),
            "testdata/leicestershire.json"
        );
    }
}
