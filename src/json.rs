//! Reading the timeline format from JSON, in one pass, without stopping at the first
//! problem.
//!
//! The reader walks the document with serde seeds that carry the diagnostics being
//! collected: an unknown field is reported and skipped, a value of the wrong type is
//! reported and the event it belongs to set aside (but still counted and named), a date that
//! does not exist is reported and the event kept with an unknown date. Nothing is read into
//! an intermediate `serde_json::Value`; strings are borrowed from the input where they can
//! be. Only malformed JSON stops the reading, since nothing after it can be trusted.
//!
//! Every diagnostic's `path` is a JSON Pointer to the value concerned; for a **missing**
//! member, which has no value to point at, it is the object that lacks it (`""` for the
//! document, `/events/3` for an event, `/area/health_bodies/0` for a health body), and the
//! message names the member: "event 3 has no `date` (…), which is required". Messages
//! about an event name it by index and, where its kind is known, by kind.
//!
//! What the reader reports is bounded by the report's budget ([`crate::budget`]): it asks
//! before building each diagnostic, and counts the ones left out.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::budget::Budget;
use crate::date::{DateError, EventDate};
use crate::diagnostic::{pointer_token, Code, Diagnostic};
use crate::event::{
    ActionCounts, ActionJudgement, Area, Coverage, Effectiveness, EffectivenessCounts, Event,
    EventDetail, EventField, EventKind, Framework, HealthBody, HealthBodyKind, Improvement,
    Judgement, NextStep, Outcome, PriorityAction, Progress, ProgressCounts, PublishedReport, Rag,
    Timeline, Weakness,
};
use crate::store::ReadEvents;

/// Limits on input and on the report, so that no document can make validation slow or
/// huge. Input beyond a limit is reported as `limit_exceeded`; so are diagnostics beyond
/// the report's limits, in one summary saying how many were left out, of which codes.
///
/// Within them, time and memory are linear in the input: the peak heap of a validation is
/// a small multiple of the document's size (up to 4× for hostile documents of many small
/// events; denser payloads, such as a megabyte of weaknesses the report lists again, up
/// to about 9×) plus the report, whose size the diagnostic limits bound.
///
/// Build them from the defaults with one method per field:
///
/// # Example
/// ```
/// use send_lifecycle::Limits;
/// let limits = Limits::default().max_events(10).max_diagnostics(50);
/// assert_eq!(limits.max_events, 10);
/// assert_eq!(limits.max_diagnostics, 50);
/// assert_eq!(Limits::default().max_input_bytes, 32 * 1024 * 1024);
/// assert_eq!(Limits::default().max_diagnostics_per_event, 32);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct Limits {
    /// The largest input, in bytes. Default 32 MiB (a whole national set of timelines is a
    /// few megabytes). Larger input is not read.
    pub max_input_bytes: usize,
    /// The most events read from one timeline. Default 100,000; events beyond are counted
    /// and reported, not checked.
    pub max_events: usize,
    /// The longest text (a name, title, citation or note), in bytes. Default 10,000.
    pub max_text_bytes: usize,
    /// The most diagnostics reported about one event (and about the document as a whole,
    /// which counts as one more event). Default 32: a real event has at most a handful of
    /// problems, and past a few dozen the rest repeat them. Those beyond are counted, by
    /// code, in one `limit_exceeded` diagnostic at the end of the report.
    pub max_diagnostics_per_event: usize,
    /// The most diagnostics in one report, in all. Default 1,000; those beyond are counted,
    /// by code, in one `limit_exceeded` diagnostic at the end of the report (which is not
    /// itself counted). With the defaults a report stays well under a megabyte.
    pub max_diagnostics: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 32 * 1024 * 1024,
            max_events: 100_000,
            max_text_bytes: 10_000,
            max_diagnostics_per_event: 32,
            max_diagnostics: 1_000,
        }
    }
}

impl Limits {
    /// No limits at all (for trusted input such as benchmarks).
    pub fn unlimited() -> Limits {
        Limits {
            max_input_bytes: usize::MAX,
            max_events: usize::MAX,
            max_text_bytes: usize::MAX,
            max_diagnostics_per_event: usize::MAX,
            max_diagnostics: usize::MAX,
        }
    }

    /// The same limits with [`Limits::max_input_bytes`] set to `n`.
    #[must_use]
    pub fn max_input_bytes(mut self, n: usize) -> Limits {
        self.max_input_bytes = n;
        self
    }

    /// The same limits with [`Limits::max_events`] set to `n`.
    #[must_use]
    pub fn max_events(mut self, n: usize) -> Limits {
        self.max_events = n;
        self
    }

    /// The same limits with [`Limits::max_text_bytes`] set to `n`.
    #[must_use]
    pub fn max_text_bytes(mut self, n: usize) -> Limits {
        self.max_text_bytes = n;
        self
    }

    /// The same limits with [`Limits::max_diagnostics_per_event`] set to `n`.
    #[must_use]
    pub fn max_diagnostics_per_event(mut self, n: usize) -> Limits {
        self.max_diagnostics_per_event = n;
        self
    }

    /// The same limits with [`Limits::max_diagnostics`] set to `n`.
    #[must_use]
    pub fn max_diagnostics(mut self, n: usize) -> Limits {
        self.max_diagnostics = n;
        self
    }
}

/// What the reader made of a document.
#[derive(Debug, Default)]
pub(crate) struct Decoded {
    /// `schema_version`, when it was an integer.
    pub(crate) schema_version: Option<u64>,
    pub(crate) framework: Option<Framework>,
    /// `coverage`: the default when absent.
    pub(crate) coverage: Coverage,
    pub(crate) area: Option<Area>,
    /// The events read, each with its index in the input (up to the limit); a slot that
    /// could not be read is absent (a diagnostic names it).
    pub(crate) events: ReadEvents,
    /// How many slots of the events array were met (up to the limit), read or not.
    pub(crate) slots: usize,
    /// Events counted but not kept: those beyond `max_events`, or, for malformed JSON,
    /// those read completely before the reading stopped.
    pub(crate) events_skipped: usize,
    /// The document could not be read as JSON at all.
    pub(crate) malformed: bool,
    /// Whether an `events` member was present.
    pub(crate) has_events: bool,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The report's budget, with what the reader spent of it. Whoever adds diagnostics
    /// after reading (the validator) keeps spending from this same budget — calling
    /// [`Budget::offer`] before building each diagnostic and pushing it only on `true` —
    /// and appends [`Budget::summary`] once, after its last diagnostic. The reader does
    /// not append the summary itself, so that it comes last and counts everything.
    pub(crate) budget: Budget,
}

/// Reads `bytes` as a timeline document. With `keep_citations` false, each event's `source`
/// and `note` are checked (type, length) but not kept: no rule reads them, and the
/// validator then spends no allocation or copy on them.
pub(crate) fn decode(bytes: &[u8], limits: &Limits, keep_citations: bool) -> Decoded {
    let mut ctx = Ctx::new(limits);
    ctx.keep_citations = keep_citations;
    // Tools on Windows often start UTF-8 files with a byte-order mark; RFC 8259 lets a
    // reader ignore it.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.len() > limits.max_input_bytes {
        ctx.push(
            Diagnostic::new(
                Code::LimitExceeded,
                "",
                format!(
                    "the input is {} bytes, more than the limit of {} bytes; it was not read",
                    bytes.len(),
                    limits.max_input_bytes
                ),
            )
            .expecting([format!("at most {} bytes", limits.max_input_bytes)])
            .with_help("split the input, or raise `Limits::max_input_bytes` for trusted input"),
        );
        return ctx.finish(Decoded::default());
    }
    // The text is checked once; a refusal names the encoding when it can.
    let text = match utf8_text(bytes) {
        Ok(text) => text,
        Err(d) => {
            ctx.push(*d);
            return ctx.finish(Decoded {
                malformed: true,
                ..Decoded::default()
            });
        }
    };
    let mut out = Decoded::default();
    ctx.text = (text.as_ptr() as usize, text.len());
    let mut result = read_document(
        &mut serde_json::Deserializer::from_str(text),
        &mut ctx,
        &mut out,
    );
    // A number beyond the range of an f64 (`1e400`) is valid JSON (RFC 8259 leaves the
    // range to the reader), but serde_json stops at it with "number out of range", which
    // would hide every other finding behind one `malformed_json`. On that error only (so
    // that valid input pays nothing), every such number is found by a lexical scan and the
    // document read again with each one replaced by a marker string of the same length
    // (positions do not move), which the leaves report at the number's own path.
    if let Err(e) = &result {
        if e.to_string().starts_with("number out of range") {
            if let Some(neutral) = neutralise_huge_numbers(text) {
                ctx = Ctx::new(limits);
                ctx.keep_citations = keep_citations;
                ctx.huge_markers = true;
                ctx.text = (neutral.as_ptr() as usize, neutral.len());
                out = Decoded::default();
                result = read_document(
                    &mut serde_json::Deserializer::from_str(&neutral),
                    &mut ctx,
                    &mut out,
                );
            }
        }
    }
    if let Err(e) = result {
        // Nothing read can be trusted past the error, so no event is kept; but the events
        // read completely before it are counted, so that the report says how far the
        // reading got.
        let read = out.slots.saturating_add(out.events_skipped);
        out = Decoded {
            malformed: true,
            events_skipped: read,
            ..Decoded::default()
        };
        ctx.diags.clear();
        ctx.budget = Budget::new(limits);
        let mut d = json_error(&e, text);
        if read > 0 && d.code == Code::MalformedJson {
            let events = if read == 1 { "event" } else { "events" };
            d.message.push_str(&format!(
                "; {read} {events} could be read before it, but none is checked: a document that is not JSON is not validated"
            ));
        }
        ctx.push(d);
    }
    ctx.finish(out)
}

/// The marker a number too large for an f64 is replaced with on the second reading (see
/// [`decode`]), and the one for a negative number. Each is a JSON string as short as the
/// shortest such number (`1e309`, `-1e309`), so that the replacement keeps every byte
/// position; the rest of the number's room is filled with spaces.
const HUGE: &str = "\u{221E}";
const HUGE_NEGATIVE: &str = "-\u{221E}";

/// `text` with every number too large for an f64 replaced by a marker string, or `None`
/// when there is none, or when the text holds the marker's character itself (then a
/// marker could not be told from the author's own text, and the document stays
/// `malformed_json`, as before).
fn neutralise_huge_numbers(text: &str) -> Option<String> {
    if text.contains('\u{221E}') {
        return None;
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut found = false;
    let mut i = 0;
    let mut in_string = false;
    while let Some(&c) = bytes.get(i) {
        if in_string {
            match c {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        match c {
            b'"' => in_string = true,
            b'-' | b'0'..=b'9' => {
                let start = i;
                while bytes
                    .get(i)
                    .is_some_and(|b| matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                {
                    i += 1;
                }
                let token = text.get(start..i)?;
                if token.parse::<f64>().is_ok_and(f64::is_infinite) {
                    let marker = if c == b'-' { HUGE_NEGATIVE } else { HUGE };
                    let quoted = marker.len() + 2;
                    if token.len() < quoted {
                        return None;
                    }
                    out.push_str(text.get(copied..start)?);
                    out.push('"');
                    out.push_str(marker);
                    out.push('"');
                    out.extend(std::iter::repeat(' ').take(token.len() - quoted));
                    copied = i;
                    found = true;
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out.push_str(text.get(copied..)?);
    found.then_some(out)
}

/// `malformed_json` for input that is not UTF-8 (RFC 8259 §8.1: JSON text exchanged
/// between systems is UTF-8), naming UTF-16 and UTF-32 when their byte-order mark or their
/// pattern of NUL bytes shows them (RFC 4627 §3: the first two characters of a JSON text
/// are ASCII); otherwise the first byte that is not UTF-8, with its line and column. The
/// whole input is refused: a reader cannot know what the author meant by the bytes. Input
/// that is UTF-8 (and shows no other encoding) is returned as text.
fn utf8_text(bytes: &[u8]) -> Result<&str, Box<Diagnostic>> {
    let encoding = match bytes {
        [0, 0, 0xFE, 0xFF, ..] => Some("UTF-32 (big-endian, with a byte-order mark)"),
        [0xFF, 0xFE, 0, 0, ..] => Some("UTF-32 (little-endian, with a byte-order mark)"),
        [0xFE, 0xFF, ..] => Some("UTF-16 (big-endian, with a byte-order mark)"),
        [0xFF, 0xFE, ..] => Some("UTF-16 (little-endian, with a byte-order mark)"),
        [0, 0, 0, a, ..] if *a != 0 => Some("UTF-32 (big-endian)"),
        [a, 0, 0, 0, ..] if *a != 0 => Some("UTF-32 (little-endian)"),
        [0, a, ..] if *a != 0 => Some("UTF-16 (big-endian)"),
        [a, 0, ..] if *a != 0 => Some("UTF-16 (little-endian)"),
        _ => None,
    };
    if let Some(encoding) = encoding {
        let mut d = Diagnostic::new(
            Code::MalformedJson,
            "",
            format!("the input is {encoding}, not UTF-8; it was not read"),
        )
        .with_help("save the file as UTF-8 (most editors offer it under \"Save as\" or \"Encoding\") and validate again");
        d.line = Some(1);
        d.column = Some(1);
        return Err(Box::new(d));
    }
    let e = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(text),
        Err(e) => e,
    };
    let at = e.valid_up_to();
    // Valid up to `at`, by the error itself.
    let before = std::str::from_utf8(bytes.get(..at).unwrap_or_default()).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    let byte = bytes.get(at).copied().unwrap_or(0);
    let mut d = Diagnostic::new(
        Code::MalformedJson,
        "",
        format!("the input is not UTF-8: the byte 0x{byte:02X} at offset {at} (line {line}, column {column}) does not begin a UTF-8 character; it was not read"),
    )
    .with_help("save the file as UTF-8, or correct the text at that place (it may have been written in another encoding such as Windows-1252)");
    d.line = u32::try_from(line).ok();
    d.column = u32::try_from(column).ok();
    Err(Box::new(d))
}

/// Reads the whole document from `de`, then checks that nothing follows it.
fn read_document<'de, R: serde_json::de::Read<'de>>(
    de: &mut serde_json::Deserializer<R>,
    ctx: &mut Ctx<'_>,
    out: &mut Decoded,
) -> Result<(), serde_json::Error> {
    DocumentSeed { ctx, out }
        .deserialize(&mut *de)
        .and_then(|()| de.end())
}

/// Turns a serde_json syntax error into `malformed_json` (or `limit_exceeded` for nesting),
/// at the line and column where reading stopped.
fn json_error(e: &serde_json::Error, text: &str) -> Diagnostic {
    let line = e.line();
    let column = char_column(text, line, e.column());
    let message = e.to_string();
    let mut d = if message.starts_with("recursion limit exceeded") {
        Diagnostic::new(
            Code::LimitExceeded,
            "",
            format!("the input nests arrays or objects more than 128 deep (at line {line}, column {column}); it was not read"),
        )
        .expecting(["at most 128 levels of nesting"])
    } else {
        // serde_json's message ends with its own "at line …": keep only the cause.
        let cause = message.split(" at line ").next().unwrap_or(&message);
        let (what, help) = if e.is_eof() {
            (
                "the input ends before the JSON document does (is it truncated?)".to_owned(),
                "check that the whole file was saved or sent, and that every bracket is closed",
            )
        } else if cause == "trailing comma" {
            (
                "the input is not valid JSON: a comma after the last element of a list or object".to_owned(),
                "remove the comma before the closing bracket: JSON allows none after the last element",
            )
        } else {
            (
                format!("the input is not valid JSON: {cause}"),
                "check the JSON syntax at that place: quotes, commas and brackets",
            )
        };
        Diagnostic::new(
            Code::MalformedJson,
            "",
            format!("{what} (line {line}, column {column})"),
        )
        .with_help(help)
    };
    d.line = u32::try_from(line).ok().filter(|&l| l > 0);
    d.column = u32::try_from(column).ok().filter(|&c| c > 0);
    d
}

/// The 1-based column in characters of the 1-based byte column `byte_column` of line
/// `line` of `text` (serde_json counts bytes; a diagnostic counts characters).
fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let Some(row) = text.split('\n').nth(line.saturating_sub(1)) else {
        return byte_column;
    };
    let bytes = byte_column.saturating_sub(1).min(row.len());
    let chars = row.char_indices().take_while(|(at, _)| *at < bytes).count();
    chars + 1
}

impl<'de> Deserialize<'de> for Timeline {
    /// Reads a timeline strictly: any problem the reader finds (an unknown field or kind, a
    /// wrong type, a date that does not exist) is an error naming its JSON Pointer. No
    /// [`Limits`] apply: the caller chose the input. Use [`crate::validate_json`] to get
    /// every problem as a diagnostic instead.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let limits = Limits::unlimited();
        let mut ctx = Ctx::new(&limits);
        let mut out = Decoded::default();
        DocumentSeed {
            ctx: &mut ctx,
            out: &mut out,
        }
        .deserialize(deserializer)?;
        let out = ctx.finish(out);
        if let Some(d) = out
            .diagnostics
            .iter()
            .find(|d| d.severity() == crate::diagnostic::Severity::Error)
        {
            return Err(de::Error::custom(format!(
                "{} (at `{}`)",
                d.message, d.path
            )));
        }
        timeline_from(out).ok_or_else(|| de::Error::custom("the timeline could not be read"))
    }
}

/// The typed timeline, when every part of the document was read.
pub(crate) fn timeline_from(d: Decoded) -> Option<Timeline> {
    Some(Timeline {
        schema_version: u32::try_from(d.schema_version?).ok()?,
        framework: d.framework.unwrap_or_default(),
        coverage: d.coverage,
        area: d.area?,
        events: {
            // Every slot must have been read, none left out.
            if d.events.len() != d.slots {
                return None;
            }
            d.events.into_events()
        },
    })
}

// ---------------------------------------------------------------------------------------
// Paths: a linked list on the stack, rendered only when a diagnostic needs it.

#[derive(Clone, Copy)]
enum Seg<'p> {
    Key(&'p str),
    Index(usize),
}

#[derive(Clone, Copy)]
struct Path<'p> {
    parent: Option<&'p Path<'p>>,
    seg: Option<Seg<'p>>,
}

const ROOT: Path<'static> = Path {
    parent: None,
    seg: None,
};

impl<'p> Path<'p> {
    fn key(&'p self, k: &'p str) -> Path<'p> {
        Path {
            parent: Some(self),
            seg: Some(Seg::Key(k)),
        }
    }
    fn index(&'p self, i: usize) -> Path<'p> {
        Path {
            parent: Some(self),
            seg: Some(Seg::Index(i)),
        }
    }
    fn segs(&self) -> Vec<Seg<'p>> {
        let mut v = Vec::new();
        let mut p = Some(self);
        while let Some(node) = p {
            if let Some(s) = node.seg {
                v.push(s);
            }
            p = node.parent;
        }
        v.reverse();
        v
    }
    fn pointer(&self) -> String {
        let mut s = String::new();
        for seg in self.segs() {
            s.push('/');
            match seg {
                Seg::Key(k) => s.push_str(&pointer_token(k)),
                Seg::Index(i) => s.push_str(&i.to_string()),
            }
        }
        s
    }
    /// The event index, when the path is under `/events/N`.
    /// Walks to the root without allocating: the budget asks for it before every
    /// diagnostic, including the ones it then leaves out.
    fn event(&self) -> Option<usize> {
        // The two segments nearest the root, seen last on the way up.
        let (mut first, mut second) = (None, None);
        let mut p = Some(self);
        while let Some(node) = p {
            if let Some(s) = node.seg {
                second = first;
                first = Some(s);
            }
            p = node.parent;
        }
        match (first, second) {
            (Some(Seg::Key("events")), Some(Seg::Index(i))) => Some(i),
            _ => None,
        }
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.pointer();
        if p.is_empty() {
            f.write_str("the document")
        } else {
            write!(f, "`{p}`")
        }
    }
}

// ---------------------------------------------------------------------------------------
// The context every seed writes its findings to.

struct Ctx<'l> {
    limits: &'l Limits,
    diags: Vec<Diagnostic>,
    /// What the report may still hold; consulted before any message is built.
    budget: Budget,
    /// Whether events keep their `source` and `note` (see [`decode`]).
    keep_citations: bool,
    /// Whether the text read has numbers too large for an f64 replaced by markers (see
    /// [`decode`]), which [`Ctx::leaf`] turns back into [`Leaf::Huge`].
    huge_markers: bool,
    /// The address and length of the text being read, so that a name borrowed from it
    /// gives its own byte offset (see [`Ctx::offset_of`]).
    text: (usize, usize),
}

impl<'l> Ctx<'l> {
    fn new(limits: &'l Limits) -> Ctx<'l> {
        Ctx {
            limits,
            diags: Vec::new(),
            budget: Budget::new(limits),
            keep_citations: true,
            huge_markers: false,
            text: (0, 0),
        }
    }

    /// Where `s`, a string borrowed from the text being read, begins in it (a byte
    /// offset): the reader records where each event's first member name is, so that
    /// placing a finding need not walk every event before it (src/position.rs).
    fn offset_of(&self, s: &str) -> Option<usize> {
        let (base, len) = self.text;
        let at = (s.as_ptr() as usize).checked_sub(base)?;
        (at <= len).then_some(at)
    }

    /// The leaf as written: a marker string of the second reading (borrowed, so written
    /// without escapes) stands for a number too large for an f64.
    fn leaf<'de>(&self, leaf: Leaf<'de>) -> Leaf<'de> {
        if self.huge_markers {
            if let Leaf::Str(Cow::Borrowed(s)) = &leaf {
                if *s == HUGE {
                    return Leaf::Huge { negative: false };
                }
                if *s == HUGE_NEGATIVE {
                    return Leaf::Huge { negative: true };
                }
            }
        }
        leaf
    }

    /// Pushes a diagnostic already built (for the few about the whole input), if the budget
    /// admits it.
    fn push(&mut self, d: Diagnostic) {
        if self.budget.offer(d.code, d.event_index) {
            self.diags.push(d);
        }
    }

    /// A diagnostic at `path`, if the budget admits it: `message` is called only then, so
    /// a diagnostic left out costs no formatting and no allocation.
    fn at(
        &mut self,
        code: Code,
        path: &Path<'_>,
        message: impl FnOnce() -> String,
    ) -> Option<&mut Diagnostic> {
        let event = path.event();
        if !self.budget.offer(code, event) {
            return None;
        }
        let mut d = Diagnostic::new(code, path.pointer(), message());
        d.event_index = event;
        self.diags.push(d);
        self.diags.last_mut()
    }

    fn schema(
        &mut self,
        path: &Path<'_>,
        message: impl FnOnce() -> String,
    ) -> Option<&mut Diagnostic> {
        self.at(Code::SchemaViolation, path, message)
    }

    fn wrong_type(&mut self, path: &Path<'_>, expected: &str, found: &Leaf<'_>) {
        let huge;
        let found = match found {
            Leaf::Str(Cow::Borrowed(s)) => {
                huge = self.leaf(Leaf::Str(Cow::Borrowed(s)));
                &huge
            }
            other => other,
        };
        if let Some(d) = self.schema(path, || {
            format!("{path} must be {expected}, but it is {}", found.describe())
        }) {
            d.expected = vec![expected.to_owned()];
        }
    }

    fn unknown_field(&mut self, path: &Path<'_>, key: &str, allowed: &[&str]) {
        let field = path.key(key);
        if let Some(d) = self.schema(&field, || {
            let hint = match did_you_mean(key, allowed.iter().copied()) {
                Some(m) => format!("did you mean `{m}`?"),
                None => "a misspelt field would otherwise pass unnoticed".to_owned(),
            };
            format!("{field} is not a field of {}; {hint}", describe_owner(path))
        }) {
            d.expected = allowed.iter().map(|s| (*s).to_owned()).collect();
        }
    }

    fn duplicate_field(&mut self, path: &Path<'_>, key: &str) {
        let field = path.key(key);
        self.schema(&field, || {
            format!("{field} appears more than once; which one was meant is unclear")
        });
    }

    /// A required member is missing: reported at the object that lacks it (`path`), which
    /// is what exists to point at, with the member named in the message.
    fn missing(&mut self, path: &Path<'_>, key: &str, what: &str) {
        self.schema(path, || {
            format!(
                "{} has no `{key}` ({what}), which is required",
                describe_owner(path)
            )
        });
    }

    /// Text within the length limit; longer text is reported (and kept).
    fn text(&mut self, path: &Path<'_>, s: &str) {
        let max = self.limits.max_text_bytes;
        if s.len() > max {
            if let Some(d) = self.at(Code::LimitExceeded, path, || {
                format!(
                    "{path} is {} bytes long, more than the limit of {max} bytes",
                    s.len(),
                )
            }) {
                d.expected = vec![format!("at most {max} bytes")];
            }
        }
    }

    fn finish(self, mut out: Decoded) -> Decoded {
        out.diagnostics = self.diags;
        out.budget = self.budget;
        out
    }
}

fn describe_owner(path: &Path<'_>) -> String {
    match path.segs().as_slice() {
        [] => "the timeline document".to_owned(),
        [Seg::Key("events"), Seg::Index(i)] => format!("event {i}"),
        _ => format!("`{}`", path.pointer()),
    }
}

// ---------------------------------------------------------------------------------------
// Leaves: any JSON value, keeping scalars and skipping containers.

enum Leaf<'de> {
    Null,
    Bool(bool),
    U64(u64),
    I64(i64),
    F64(f64),
    /// A number too large for an f64 (`1e400`), positive or negative.
    Huge {
        negative: bool,
    },
    Str(Cow<'de, str>),
    Array,
    Object,
}

impl Leaf<'_> {
    fn describe(&self) -> String {
        match self {
            Leaf::Null => "null".to_owned(),
            Leaf::Bool(b) => format!("the boolean {b}"),
            Leaf::U64(n) => format!("the number {n}"),
            Leaf::I64(n) => format!("the number {n}"),
            Leaf::F64(n) => format!("the number {n:?}"),
            Leaf::Huge { negative } => format!(
                "a number too large to be read (its size is beyond 10^308){}",
                if *negative { ", negative" } else { "" }
            ),
            Leaf::Str(s) => {
                let short: String = s.chars().take(40).collect();
                let more = if short.len() < s.len() { "…" } else { "" };
                format!("the string \"{short}{more}\"")
            }
            Leaf::Array => "an array".to_owned(),
            Leaf::Object => "an object".to_owned(),
        }
    }
}

impl<'de> Deserialize<'de> for Leaf<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LeafVisitor)
    }
}

struct LeafVisitor;

impl<'de> Visitor<'de> for LeafVisitor {
    type Value = Leaf<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<Leaf<'de>, E> {
        Ok(Leaf::Null)
    }
    fn visit_none<E>(self) -> Result<Leaf<'de>, E> {
        Ok(Leaf::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Leaf<'de>, E> {
        Ok(Leaf::Bool(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Leaf<'de>, E> {
        Ok(Leaf::U64(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Leaf<'de>, E> {
        Ok(Leaf::I64(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Leaf<'de>, E> {
        Ok(Leaf::F64(v))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Leaf<'de>, E> {
        Ok(Leaf::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Leaf<'de>, E> {
        Ok(Leaf::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Leaf<'de>, E> {
        Ok(Leaf::Str(Cow::Owned(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Leaf<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Leaf::Array)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Leaf<'de>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Leaf::Object)
    }
}

/// A map key, borrowed where possible.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match Leaf::deserialize(d)? {
            Leaf::Str(s) => Ok(Key(s)),
            _ => Err(de::Error::custom("object keys are strings")),
        }
    }
}

// Typed reads of leaves. Each reports a wrong type and returns None.

fn str_leaf<'de>(ctx: &mut Ctx<'_>, path: &Path<'_>, leaf: Leaf<'de>) -> Option<Cow<'de, str>> {
    match ctx.leaf(leaf) {
        Leaf::Str(s) => {
            ctx.text(path, &s);
            Some(s)
        }
        other => {
            ctx.wrong_type(path, "a string", &other);
            None
        }
    }
}

fn opt_str(ctx: &mut Ctx<'_>, path: &Path<'_>, leaf: Leaf<'_>) -> Option<Option<String>> {
    match leaf {
        Leaf::Null => Some(None),
        other => str_leaf(ctx, path, other).map(|s| Some(s.into_owned())),
    }
}

/// Reads an event's `source` or `note`: optional text, kept (as [`opt_str`] reads it) when
/// the context keeps citations; otherwise checked — type and length — straight from the
/// input and dropped, without allocating even for text with escapes.
struct CitationSeed<'c, 'l, 'p> {
    ctx: &'c mut Ctx<'l>,
    path: &'p Path<'p>,
}

impl<'de> DeserializeSeed<'de> for CitationSeed<'_, '_, '_> {
    type Value = Option<Option<String>>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        if self.ctx.keep_citations {
            let leaf = Leaf::deserialize(d)?;
            return Ok(opt_str(self.ctx, self.path, leaf));
        }
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CitationSeed<'_, '_, '_> {
    type Value = Option<Option<String>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string or null")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        if let huge @ Leaf::Huge { .. } = self.ctx.leaf(Leaf::Str(Cow::Borrowed(v))) {
            self.ctx.wrong_type(self.path, "a string", &huge);
            return Ok(None);
        }
        self.ctx.text(self.path, v);
        Ok(Some(None))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        self.ctx.text(self.path, v);
        Ok(Some(None))
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Some(None))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        self.ctx.wrong_type(self.path, "a string", &Leaf::Bool(v));
        Ok(None)
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        self.ctx.wrong_type(self.path, "a string", &Leaf::U64(v));
        Ok(None)
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        self.ctx.wrong_type(self.path, "a string", &Leaf::I64(v));
        Ok(None)
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        self.ctx.wrong_type(self.path, "a string", &Leaf::F64(v));
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        self.ctx.wrong_type(self.path, "a string", &Leaf::Array);
        Ok(None)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        self.ctx.wrong_type(self.path, "a string", &Leaf::Object);
        Ok(None)
    }
}

fn bool_leaf(ctx: &mut Ctx<'_>, path: &Path<'_>, leaf: Leaf<'_>) -> Option<bool> {
    match ctx.leaf(leaf) {
        Leaf::Bool(b) => Some(b),
        other => {
            ctx.wrong_type(path, "true or false", &other);
            None
        }
    }
}

fn date_leaf(ctx: &mut Ctx<'_>, path: &Path<'_>, leaf: Leaf<'_>) -> Option<EventDate> {
    match ctx.leaf(leaf) {
        Leaf::Null => Some(EventDate::Unknown),
        Leaf::Str(s) => match EventDate::parse(&s) {
            Ok(d) => Some(d),
            Err(e) => {
                invalid_date(ctx, path, &e);
                // The event is kept, with a date nobody knows, so that one typo does not
                // hide the rest of the timeline.
                Some(EventDate::Unknown)
            }
        },
        other => {
            ctx.wrong_type(
                path,
                "a date string (YYYY-MM-DD, YYYY-MM or YYYY) or null",
                &other,
            );
            None
        }
    }
}

fn invalid_date(ctx: &mut Ctx<'_>, path: &Path<'_>, e: &DateError) {
    if let Some(d) = ctx.at(Code::InvalidDate, path, || format!("{path}: {e}")) {
        d.expected = vec![
            "a day, YYYY-MM-DD".to_owned(),
            "a month, YYYY-MM".to_owned(),
            "a year, YYYY".to_owned(),
            "null".to_owned(),
        ];
        d.help = Some("where a source gives only a month or a year, write just that".to_owned());
    }
}

fn day_leaf(ctx: &mut Ctx<'_>, path: &Path<'_>, leaf: Leaf<'_>) -> Option<chrono::NaiveDate> {
    match ctx.leaf(leaf) {
        Leaf::Str(s) => match EventDate::parse_day(&s) {
            Ok(d) => Some(d),
            Err(e) => {
                if let Some(d) = ctx.at(Code::InvalidDate, path, || format!("{path}: {e}")) {
                    d.expected = vec!["a day, YYYY-MM-DD".to_owned()];
                }
                None
            }
        },
        other => {
            ctx.wrong_type(path, "a day (YYYY-MM-DD)", &other);
            None
        }
    }
}

/// A count of actions: a whole number of at least zero, however JSON writes it. `-0` is
/// zero, and a number written as a decimal is a count when its value is a whole number
/// (`2.0`, `1e2`), as JSON Schema's `integer` has it; anything else is out of range, and
/// the message says how: negative, not whole, or too large.
fn count_leaf(ctx: &mut Ctx<'_>, path: &Path<'_>, leaf: Leaf<'_>) -> Option<u64> {
    /// 2^64, the first whole number a `u64` cannot hold.
    const TWO_TO_64: f64 = 18_446_744_073_709_551_616.0;
    let problem = match ctx.leaf(leaf) {
        Leaf::Null => return None,
        Leaf::U64(n) => return Some(n),
        // serde_json reads `-0` as the float -0.0; `0.0` and `0e5` are zero too.
        Leaf::I64(0) => return Some(0),
        // (A float pattern compares with `==`, so this matches -0.0 too.)
        Leaf::F64(0.0) => return Some(0),
        Leaf::F64(x) if x > 0.0 && x.fract() == 0.0 && x < TWO_TO_64 => {
            // Exact: a whole f64 below 2^64 converts without rounding.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            return Some(x as u64);
        }
        Leaf::I64(n) => format!("is {n}, but a count of actions cannot be negative"),
        Leaf::F64(x) if x < 0.0 => {
            format!("is {x}, but a count of actions cannot be negative")
        }
        Leaf::Huge { negative: true } => {
            "is a negative number too large to be read, but a count of actions cannot be negative"
                .to_owned()
        }
        Leaf::F64(x) if x.fract() == 0.0 => format!(
            "is {x:e}, too large for a count of actions (at most {})",
            u64::MAX
        ),
        Leaf::Huge { negative: false } => format!(
            "is a number too large to be read (beyond 10^308), too large for a count of actions (at most {})",
            u64::MAX
        ),
        Leaf::F64(x) => format!(
            "is {x}, which is not a whole number; a count of actions is a whole number such as {}",
            x.trunc().max(0.0)
        ),
        other => {
            ctx.wrong_type(path, "a whole number", &other);
            return None;
        }
    };
    if let Some(d) = ctx.at(Code::InvalidActionCounts, path, || {
        format!("{path} {problem}")
    }) {
        d.expected = vec!["a whole number, 0 or more".to_owned()];
    }
    None
}

/// A percentage: any number (the validator checks that it lies in 0–100).
fn number_leaf(ctx: &mut Ctx<'_>, path: &Path<'_>, leaf: Leaf<'_>) -> Option<f64> {
    match ctx.leaf(leaf) {
        Leaf::Null => None,
        Leaf::U64(n) => Some(n as f64),
        Leaf::I64(n) => Some(n as f64),
        Leaf::F64(n) => Some(n),
        Leaf::Huge { .. } => {
            if let Some(d) = ctx.at(Code::InvalidActionCounts, path, || {
                format!("{path} is a number too large to be read (beyond 10^308), not a percentage between 0 and 100")
            }) {
                d.expected = vec!["a number from 0 to 100".to_owned()];
            }
            None
        }
        other => {
            ctx.wrong_type(path, "a number", &other);
            None
        }
    }
}

// ---------------------------------------------------------------------------------------
// Containers: a seed that expects an object or an array, and reports anything else.

trait Container<'de>: Sized {
    type Out;
    /// "an object" or "an array".
    const EXPECTED: &'static str;
    /// Whether `null` stands for "absent" rather than a wrong type.
    const NULLABLE: bool = false;
    fn map<A: MapAccess<'de>>(self, map: A) -> Result<Option<Self::Out>, A::Error> {
        let mut map = map;
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        self.wrong(Leaf::Object);
        Ok(None)
    }
    fn seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Option<Self::Out>, A::Error> {
        let mut seq = seq;
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        self.wrong(Leaf::Array);
        Ok(None)
    }
    fn wrong(self, found: Leaf<'_>);
}

struct Shape<C>(C);

impl<'de, C: Container<'de>> DeserializeSeed<'de> for Shape<C> {
    type Value = Option<C::Out>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, C: Container<'de>> Visitor<'de> for Shape<C> {
    type Value = Option<C::Out>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(C::EXPECTED)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.0.map(map)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.0.seq(seq)
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        if !C::NULLABLE {
            self.0.wrong(Leaf::Null);
        }
        Ok(None)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        self.0.wrong(Leaf::Bool(v));
        Ok(None)
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        self.0.wrong(Leaf::U64(v));
        Ok(None)
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        self.0.wrong(Leaf::I64(v));
        Ok(None)
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        self.0.wrong(Leaf::F64(v));
        Ok(None)
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        self.0.wrong(Leaf::Str(Cow::Borrowed(v)));
        Ok(None)
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        // Not borrowed, so not a marker of a huge number (see `Ctx::leaf`).
        self.0.wrong(Leaf::Str(Cow::Owned(v.to_owned())));
        Ok(None)
    }
}

/// Declares the keys of an object: `field!(map, key, ...)` matching is done by hand below.
macro_rules! once {
    ($ctx:expr, $path:expr, $slot:expr, $key:expr, $value:expr) => {{
        let v = $value;
        if $slot.is_some() {
            $ctx.duplicate_field($path, $key);
        } else {
            $slot = Some(v);
        }
    }};
}

// The document ----------------------------------------------------------------------------

const DOCUMENT_FIELDS: &[&str] = &["schema_version", "framework", "coverage", "area", "events"];

struct DocumentSeed<'c, 'l> {
    ctx: &'c mut Ctx<'l>,
    out: &'c mut Decoded,
}

impl<'de> DeserializeSeed<'de> for DocumentSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        Shape(self).deserialize(d).map(|_| ())
    }
}

impl<'de> Container<'de> for DocumentSeed<'_, '_> {
    type Out = ();
    const EXPECTED: &'static str = "a timeline object";
    fn wrong(self, found: Leaf<'_>) {
        self.ctx
            .wrong_type(&ROOT, "a JSON object (the timeline document)", &found);
    }
    fn map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<()>, A::Error> {
        let ctx = self.ctx;
        let out = self.out;
        let (mut version, mut framework, mut area, mut events) = (None, None, None, None);
        let mut coverage = None;
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let path = ROOT.key(&key);
            match &*key {
                "schema_version" => {
                    let leaf = ctx.leaf(map.next_value()?);
                    once!(ctx, &ROOT, version, "schema_version", leaf);
                }
                "framework" => {
                    let leaf = ctx.leaf(map.next_value()?);
                    once!(ctx, &ROOT, framework, "framework", leaf);
                }
                "coverage" => {
                    let leaf = ctx.leaf(map.next_value()?);
                    once!(ctx, &ROOT, coverage, "coverage", leaf);
                }
                "area" => {
                    if area.is_some() {
                        map.next_value::<IgnoredAny>()?;
                        ctx.duplicate_field(&ROOT, "area");
                    } else {
                        area = Some(map.next_value_seed(Shape(AreaSeed {
                            ctx: &mut *ctx,
                            path: &path,
                        }))?);
                    }
                }
                "events" => {
                    if events.is_some() {
                        map.next_value::<IgnoredAny>()?;
                        out.events.note_repeated();
                        ctx.duplicate_field(&ROOT, "events");
                    } else {
                        let seed = EventsSeed {
                            ctx: &mut *ctx,
                            out: &mut *out,
                        };
                        events = Some(map.next_value_seed(Shape(seed))?);
                    }
                }
                other => {
                    map.next_value::<IgnoredAny>()?;
                    ctx.unknown_field(&ROOT, other, DOCUMENT_FIELDS);
                }
            }
        }
        read_version(ctx, out, version);
        read_framework(ctx, out, framework);
        read_coverage(ctx, out, coverage);
        let had_area = area.is_some();
        out.area = area.flatten();
        if !had_area {
            ctx.missing(
                &ROOT,
                "area",
                "the local area: name, local authority, health bodies",
            );
        }
        match events {
            None => ctx.missing(&ROOT, "events", "the list of events"),
            Some(_) => out.has_events = true,
        }
        Ok(Some(()))
    }
}

/// The document's `schema_version`, as read.
fn read_version(ctx: &mut Ctx<'_>, out: &mut Decoded, version: Option<Leaf<'_>>) {
    let p = ROOT.key("schema_version");
    match version {
        None => ctx.missing(&ROOT, "schema_version", "the format version, 1"),
        Some(Leaf::U64(1)) => out.schema_version = Some(1),
        Some(Leaf::U64(n)) => {
            out.schema_version = Some(n);
            unsupported_version(ctx, &p, &n.to_string());
        }
        Some(Leaf::I64(n)) => unsupported_version(ctx, &p, &n.to_string()),
        // Anything but the integer 1 is a version this crate does not read (the
        // contract), however it is written: 1.0, "1", true.
        Some(other) => unsupported_version(ctx, &p, &other.describe()),
    }
}

/// The document's `framework`, as read (absent or null: the default).
fn read_framework(ctx: &mut Ctx<'_>, out: &mut Decoded, framework: Option<Leaf<'_>>) {
    let p = ROOT.key("framework");
    match framework {
        None | Some(Leaf::Null) => out.framework = Some(Framework::default()),
        Some(leaf) => out.framework = framework_leaf(ctx, &p, leaf),
    }
}

/// A framework's name: one of the contract's, or `None` reported.
fn framework_leaf(ctx: &mut Ctx<'_>, p: &Path<'_>, leaf: Leaf<'_>) -> Option<Framework> {
    match leaf {
        Leaf::Str(s) => {
            let found = Framework::from_name(&s);
            if found.is_none() {
                if let Some(d) = ctx.schema(p, || {
                    let hint = did_you_mean(&s, Framework::ALL.iter().map(|f| f.as_str()))
                        .map_or(String::new(), |m| format!("; did you mean `{m}`?"));
                    format!(
                        "{p} is \"{s}\", not a framework this version knows: \"local_area_send_2016\" (the 2016–2022 joint local area SEND framework) or \"area_send_2023\" (the 2023 area SEND framework){hint}"
                    )
                }) {
                    d.expected = Framework::ALL.iter().map(|f| f.as_str().to_owned()).collect();
                }
            }
            found
        }
        other => {
            ctx.wrong_type(p, "a framework name (a string)", &other);
            None
        }
    }
}

/// The document's `coverage`, as read (absent or null: complete).
fn read_coverage(ctx: &mut Ctx<'_>, out: &mut Decoded, coverage: Option<Leaf<'_>>) {
    let p = ROOT.key("coverage");
    match coverage {
        None | Some(Leaf::Null) => {}
        Some(Leaf::Str(s)) if s == "complete" => out.coverage = Coverage::Complete,
        Some(Leaf::Str(s)) if s == "outcomes_only" => out.coverage = Coverage::OutcomesOnly,
        Some(Leaf::Str(s)) => {
            if let Some(d) = ctx.schema(&p, || {
                format!("`coverage` is \"{s}\"; it is \"complete\" (the record means to list every event) or \"outcomes_only\" (inspections, reports and outcomes only)")
            }) {
                d.expected = vec!["complete".to_owned(), "outcomes_only".to_owned()];
            }
        }
        Some(other) => ctx.wrong_type(&p, "\"complete\" or \"outcomes_only\"", &other),
    }
}

fn unsupported_version(ctx: &mut Ctx<'_>, path: &Path<'_>, found: &str) {
    if let Some(d) = ctx.at(Code::UnsupportedSchemaVersion, path, || {
        format!("schema_version is {found}, but this crate reads only version 1 of the timeline format, written as the integer 1; no rule was checked")
    }) {
        d.expected = vec!["1".to_owned()];
    }
}

// The area --------------------------------------------------------------------------------

const AREA_FIELDS: &[&str] = &["name", "local_authority", "health_bodies"];

struct AreaSeed<'c, 'l, 'p> {
    ctx: &'c mut Ctx<'l>,
    path: &'p Path<'p>,
}

impl<'de> Container<'de> for AreaSeed<'_, '_, '_> {
    type Out = Area;
    const EXPECTED: &'static str = "an area object";
    fn wrong(self, found: Leaf<'_>) {
        self.ctx.wrong_type(
            self.path,
            "an object with name, local_authority and health_bodies",
            &found,
        );
    }
    fn map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<Area>, A::Error> {
        let (ctx, path) = (self.ctx, self.path);
        let (mut name, mut la, mut bodies) = (None, None, None);
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let p = path.key(&key);
            match &*key {
                "name" => {
                    let v = str_leaf(ctx, &p, map.next_value()?);
                    once!(ctx, path, name, "name", v);
                }
                "local_authority" => {
                    let v = str_leaf(ctx, &p, map.next_value()?);
                    once!(ctx, path, la, "local_authority", v);
                }
                "health_bodies" => {
                    let v = map.next_value_seed(Shape(HealthBodiesSeed {
                        ctx: &mut *ctx,
                        path: &p,
                    }))?;
                    once!(ctx, path, bodies, "health_bodies", v);
                }
                other => {
                    map.next_value::<IgnoredAny>()?;
                    ctx.unknown_field(path, other, AREA_FIELDS);
                }
            }
        }
        let name = required(ctx, path, name, "name", "the area's name");
        let la = required(ctx, path, la, "local_authority", "the council");
        let bodies = required(
            ctx,
            path,
            bodies,
            "health_bodies",
            "one or more health bodies",
        );
        Ok(match (name, la, bodies) {
            (Some(name), Some(la), Some(health_bodies)) => Some(Area {
                name: name.into_owned(),
                local_authority: la.into_owned(),
                health_bodies,
            }),
            _ => None,
        })
    }
}

/// A required field: reports it when absent; `None` when absent or unreadable.
fn required<T>(
    ctx: &mut Ctx<'_>,
    owner: &Path<'_>,
    slot: Option<Option<T>>,
    key: &str,
    what: &str,
) -> Option<T> {
    match slot {
        None => {
            ctx.missing(owner, key, what);
            None
        }
        Some(v) => v,
    }
}

// Health bodies ---------------------------------------------------------------------------

struct HealthBodiesSeed<'c, 'l, 'p> {
    ctx: &'c mut Ctx<'l>,
    path: &'p Path<'p>,
}

impl<'de> Container<'de> for HealthBodiesSeed<'_, '_, '_> {
    type Out = Vec<HealthBody>;
    const EXPECTED: &'static str = "an array of health bodies";
    fn wrong(self, found: Leaf<'_>) {
        self.ctx
            .wrong_type(self.path, "an array of {kind, name} health bodies", &found);
    }
    fn seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<Vec<HealthBody>>, A::Error> {
        let (ctx, path) = (self.ctx, self.path);
        let mut out = Vec::new();
        let mut ok = true;
        let mut i = 0;
        loop {
            let p = path.index(i);
            match seq.next_element_seed(Shape(HealthBodySeed {
                ctx: &mut *ctx,
                path: &p,
            }))? {
                None => break,
                Some(Some(b)) => out.push(b),
                Some(None) => ok = false,
            }
            i += 1;
        }
        if out.is_empty() && ok {
            if let Some(d) = ctx.schema(path, || {
                format!("{path} is empty, but an area has one or more health bodies")
            }) {
                d.expected = vec!["one or more {kind, name}".to_owned()];
            }
            return Ok(None);
        }
        Ok(ok.then_some(out))
    }
}

struct HealthBodySeed<'c, 'l, 'p> {
    ctx: &'c mut Ctx<'l>,
    path: &'p Path<'p>,
}

impl<'de> Container<'de> for HealthBodySeed<'_, '_, '_> {
    type Out = HealthBody;
    const EXPECTED: &'static str = "a health body";
    fn wrong(self, found: Leaf<'_>) {
        self.ctx
            .wrong_type(self.path, "an object {kind, name}", &found);
    }
    fn map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<HealthBody>, A::Error> {
        let (ctx, path) = (self.ctx, self.path);
        let (mut kind, mut name) = (None, None);
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let p = path.key(&key);
            match &*key {
                "kind" => {
                    let v = match ctx.leaf(map.next_value()?) {
                        Leaf::Str(s) if s == "ccg" => Some(HealthBodyKind::Ccg),
                        Leaf::Str(s) if s == "icb" => Some(HealthBodyKind::Icb),
                        other => {
                            ctx.wrong_type(&p, "\"ccg\" or \"icb\"", &other);
                            None
                        }
                    };
                    once!(ctx, path, kind, "kind", v);
                }
                "name" => {
                    let v = str_leaf(ctx, &p, map.next_value()?);
                    once!(ctx, path, name, "name", v);
                }
                other => {
                    map.next_value::<IgnoredAny>()?;
                    ctx.unknown_field(path, other, &["kind", "name"]);
                }
            }
        }
        let kind = required(ctx, path, kind, "kind", "\"ccg\" or \"icb\"");
        let name = required(ctx, path, name, "name", "the body's name");
        Ok(match (kind, name) {
            (Some(kind), Some(name)) => Some(HealthBody {
                kind,
                name: name.into_owned(),
            }),
            _ => None,
        })
    }
}

// Events ----------------------------------------------------------------------------------

struct EventsSeed<'c, 'l> {
    ctx: &'c mut Ctx<'l>,
    out: &'c mut Decoded,
}

impl<'de> Container<'de> for EventsSeed<'_, '_> {
    type Out = ();
    const EXPECTED: &'static str = "an array of events";
    fn wrong(self, found: Leaf<'_>) {
        self.ctx
            .wrong_type(&ROOT.key("events"), "an array of events", &found);
    }
    fn seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<()>, A::Error> {
        let (ctx, out) = (self.ctx, self.out);
        let events = ROOT.key("events");
        // The events go into blocks that never move (src/store.rs): no room is reserved
        // from the input's length, and none is copied as the list grows.
        loop {
            let i = out.slots;
            if i >= ctx.limits.max_events {
                let mut skipped = 0usize;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    skipped += 1;
                }
                if skipped > 0 {
                    out.events_skipped = skipped;
                    let max = ctx.limits.max_events;
                    // One diagnostic for them all, about the first event not read (its
                    // `event_index`), with the whole range in the message: the events
                    // beyond are counted, not named one by one.
                    if ctx.budget.offer(Code::LimitExceeded, Some(i)) {
                        let last = i + skipped - 1;
                        let range = if skipped == 1 {
                            format!("event {i} was")
                        } else {
                            format!("events {i} to {last} were")
                        };
                        ctx.diags.push(
                            Diagnostic::new(
                                Code::LimitExceeded,
                                events.pointer(),
                                format!(
                                    "the timeline has {} events, more than the limit of {max}; {range} not read or checked",
                                    i + skipped,
                                ),
                            )
                            .at_event(i)
                            .expecting([format!("at most {max} events")])
                            .with_help(
                                "split the timeline; a program embedding the crate can raise `Limits::max_events` for trusted input",
                            ),
                        );
                    }
                }
                break;
            }
            let p = events.index(i);
            // The seed pushes the event's slot (see `EventSeed`).
            let seed = EventSeed {
                ctx: &mut *ctx,
                path: &p,
                index: i,
                events: &mut out.events,
            };
            if seq.next_element_seed(Shape(seed))?.is_none() {
                break;
            }
            out.slots += 1;
        }
        Ok(Some(()))
    }
}

/// Every field slot of an event while it is read: `None` while absent, `Some(None)` when
/// present but unreadable. Which fields were present is in the `seen` bit set beside.
#[derive(Default)]
struct Slots {
    date: Option<Option<EventDate>>,
    kind: Option<Option<EventKind>>,
    source: Option<Option<Option<String>>>,
    note: Option<Option<Option<String>>>,
    weaknesses: Option<Option<Vec<Weakness>>>,
    letter_date: Option<Option<EventDate>>,
    new_deadline: Option<Option<chrono::NaiveDate>>,
    reason: Option<Option<Option<String>>>,
    fit_for_purpose: Option<Option<bool>>,
    actions: Option<Option<Option<ActionCounts>>>,
    final_before_revisit: Option<Option<Option<bool>>>,
    judgements: Option<Option<Vec<(String, Judged)>>>,
    decision: Option<Option<NextStep>>,
    health_bodies: Option<Option<Vec<HealthBody>>>,
    title: Option<Option<String>>,
    weakness_count: Option<Option<u64>>,
    outcome: Option<Option<Outcome>>,
    priority_actions: Option<Option<Vec<Item>>>,
    priority_action_count: Option<Option<u64>>,
    improvements: Option<Option<Vec<Item>>>,
    improvement_count: Option<Option<u64>>,
    counts: Option<Option<Vec<(String, u64)>>>,
    framework: Option<Option<Framework>>,
}

impl Slots {
    /// The kind, once it has been read and is one of the format's.
    fn known_kind(&self) -> Option<EventKind> {
        self.kind.flatten()
    }
}

// Every field fits a bit of the `u32` sets below.
const _: () = assert!(EventField::ALL.len() <= 32);

/// Whether `field` is one every event has.
fn is_common(field: EventField) -> bool {
    EventField::COMMON.iter().any(|f| f.field == field)
}

/// Whether `field` belongs to an event of `kind`.
fn belongs(kind: EventKind, field: EventField) -> bool {
    is_common(field) || kind.fields().iter().any(|f| f.field == field)
}

/// What an event read so far has left to settle once its end is reached.
#[derive(Default)]
struct EventState {
    /// Fields present (read or reported), one bit each.
    seen: u32,
    /// Fields found not to belong to the kind, already reported.
    foreign: u32,
    /// Each kind-specific field read before the kind was known, with the range of
    /// diagnostics its value gave, withdrawn if the field turns out not to belong. (A
    /// list, empty for most events, rather than a slot per field: the state is made
    /// afresh for every event.)
    early: Vec<(EventField, usize, usize)>,
    /// Unknown fields reported before the kind was known (diagnostic index and name): their
    /// messages are completed with the kind's own fields when it becomes known.
    unknown: Vec<(usize, String)>,
}

/// Reads one event and, when it can be read, keeps it in `events` itself (with its index
/// and where its first member name begins): an event is large, and handing it back up
/// through serde's layers would copy it at each. An event that cannot be read is not kept
/// (its diagnostics say why).
///
/// Fields are matched through [`EventField`] and checked against [`EventKind::fields`]:
/// the format's one statement of which kind carries what.
struct EventSeed<'c, 'l, 'p> {
    ctx: &'c mut Ctx<'l>,
    path: &'p Path<'p>,
    index: usize,
    events: &'c mut ReadEvents,
}

impl<'de> Container<'de> for EventSeed<'_, '_, '_> {
    type Out = ();
    const EXPECTED: &'static str = "an event object";
    fn wrong(self, found: Leaf<'_>) {
        self.ctx
            .wrong_type(self.path, "an event object with date and kind", &found);
    }
    fn map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<()>, A::Error> {
        let (ctx, path, index) = (self.ctx, self.path, self.index);
        let first = ctx.diags.len();
        let mut s = Slots::default();
        let mut st = EventState::default();
        let (mut start, mut first_name) = (None, true);
        // No member named twice and none unknown (see `Places::regular`).
        let mut regular = true;
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            if std::mem::take(&mut first_name) {
                // The first name's content, borrowed from the text when it has no escape.
                if let Cow::Borrowed(name) = &key {
                    start = ctx.offset_of(name);
                }
            }
            let Some(field) = EventField::from_name(&key) else {
                regular = false;
                map.next_value::<IgnoredAny>()?;
                let kind = s.known_kind();
                let before = ctx.diags.len();
                unknown_event_field(ctx, path, index, &key, kind);
                if kind.is_none() && ctx.diags.len() > before {
                    st.unknown.push((before, key.into_owned()));
                }
                continue;
            };
            let bit = field.bit();
            if st.seen & bit != 0 {
                regular = false;
                map.next_value::<IgnoredAny>()?;
                ctx.duplicate_field(path, &key);
                continue;
            }
            st.seen |= bit;
            let kind = s.known_kind();
            if let Some(kind) = kind.filter(|k| !belongs(*k, field)) {
                // Known not to belong: reported as such, its value not read, so that a
                // wrongly typed foreign field is reported once.
                map.next_value::<IgnoredAny>()?;
                st.foreign |= bit;
                foreign_field(ctx, path, index, field, kind);
                continue;
            }
            let before = ctx.diags.len();
            read_field(ctx, path, &mut map, field, &mut s, index)?;
            if kind.is_none() && !is_common(field) {
                // Each field once: a repeat is reported and skipped above.
                st.early.push((field, before, ctx.diags.len()));
            }
        }
        let kind = s.known_kind();
        if let Some(kind) = kind {
            settle_early_fields(ctx, path, index, kind, &mut st);
        }
        let event = build_event(ctx, path, index, &mut s, st.seen);
        let named = event.as_ref().map(Event::kind).or(kind);
        for d in ctx.diags.iter_mut().skip(first) {
            if d.event_index == Some(index) {
                name_event(&mut d.message, index, named);
            }
        }
        if let Some(event) = event {
            self.events
                .push(index, start, regular, event, ctx.keep_citations);
        }
        Ok(Some(()))
    }
}

/// A 2023 report's `outcome`: a known one, or `None` reported.
fn outcome_leaf(ctx: &mut Ctx<'_>, p: &Path<'_>, leaf: Leaf<'_>) -> Option<Outcome> {
    match leaf {
        Leaf::Str(o) => {
            let found = Outcome::from_name(&o);
            if found.is_none() {
                if let Some(d) = ctx.schema(p, || {
                    let hint = did_you_mean(&o, Outcome::ALL.iter().map(|o| o.as_str()))
                        .map_or(String::new(), |m| format!("; did you mean `{m}`?"));
                    format!("{p} is \"{o}\", which is not an outcome of the 2023 area SEND framework{hint}")
                }) {
                    d.expected = Outcome::ALL.iter().map(|o| o.as_str().to_owned()).collect();
                }
            }
            found
        }
        other => {
            ctx.wrong_type(p, "an outcome (a string)", &other);
            None
        }
    }
}

/// An event's `kind`: a known kind, or `None` reported.
fn kind_leaf(ctx: &mut Ctx<'_>, p: &Path<'_>, index: usize, leaf: Leaf<'_>) -> Option<EventKind> {
    match leaf {
        Leaf::Str(k) => {
            let kind = EventKind::from_name(&k);
            if kind.is_none() {
                if let Some(d) = ctx.schema(p, || {
                    let hint = did_you_mean(&k, EventKind::ALL.iter().map(|k| k.as_str()))
                        .map_or(String::new(), |m| format!("; did you mean `{m}`?"));
                    format!("event {index} has the unknown kind \"{k}\"{hint}")
                }) {
                    d.expected = EventKind::ALL
                        .iter()
                        .map(|k| k.as_str().to_owned())
                        .collect();
                }
            }
            kind
        }
        other => {
            ctx.wrong_type(p, "an event kind (a string)", &other);
            None
        }
    }
}

/// A next-steps `decision`: a known one, or `None` reported.
fn decision_leaf(ctx: &mut Ctx<'_>, p: &Path<'_>, leaf: Leaf<'_>) -> Option<NextStep> {
    match leaf {
        Leaf::Str(d) => {
            let found = NextStep::ALL.iter().copied().find(|n| n.as_str() == d);
            if found.is_none() {
                if let Some(diag) = ctx.schema(p, || {
                            let hint = did_you_mean(&d, NextStep::ALL.iter().map(|n| n.as_str()))
                                .map_or(String::new(), |m| format!("; did you mean `{m}`?"));
                            format!("{p} is \"{d}\", which is not a next step DfE and NHS England can decide{hint}")
                        }) {
                            diag.expected = NextStep::ALL
                                .iter()
                                .map(|n| n.as_str().to_owned())
                                .collect();
                        }
            }
            found
        }
        other => {
            ctx.wrong_type(p, "a decision (a string)", &other);
            None
        }
    }
}

/// Reads the value of one event field into its slot.
fn read_field<'de, A: MapAccess<'de>>(
    ctx: &mut Ctx<'_>,
    path: &Path<'_>,
    map: &mut A,
    field: EventField,
    s: &mut Slots,
    index: usize,
) -> Result<(), A::Error> {
    let p = path.key(field.as_str());
    match field {
        EventField::Date => s.date = Some(date_leaf(ctx, &p, map.next_value()?)),
        EventField::Kind => s.kind = Some(kind_leaf(ctx, &p, index, ctx.leaf(map.next_value()?))),
        EventField::Source => s.source = Some(map.next_value_seed(CitationSeed { ctx, path: &p })?),
        EventField::Note => s.note = Some(map.next_value_seed(CitationSeed { ctx, path: &p })?),
        EventField::Reason => s.reason = Some(opt_str(ctx, &p, map.next_value()?)),
        EventField::Title => {
            s.title = Some(str_leaf(ctx, &p, map.next_value()?).map(Cow::into_owned))
        }
        EventField::LetterDate => s.letter_date = Some(date_leaf(ctx, &p, map.next_value()?)),
        EventField::NewDeadline => s.new_deadline = Some(day_leaf(ctx, &p, map.next_value()?)),
        EventField::FitForPurpose => {
            s.fit_for_purpose = Some(bool_leaf(ctx, &p, map.next_value()?))
        }
        EventField::FinalBeforeRevisit => {
            s.final_before_revisit = Some(match ctx.leaf(map.next_value()?) {
                Leaf::Null => Some(None),
                other => bool_leaf(ctx, &p, other).map(Some),
            })
        }
        EventField::Decision => {
            s.decision = Some(decision_leaf(ctx, &p, ctx.leaf(map.next_value()?)))
        }
        EventField::Weaknesses => {
            s.weaknesses = Some(map.next_value_seed(Shape(WeaknessesSeed { ctx, path: &p }))?)
        }
        EventField::Judgements => {
            s.judgements = Some(map.next_value_seed(Shape(JudgementsSeed { ctx, path: &p }))?)
        }
        EventField::HealthBodies => {
            s.health_bodies = Some(map.next_value_seed(Shape(HealthBodiesSeed { ctx, path: &p }))?)
        }
        EventField::Actions => {
            s.actions = Some(map.next_value_seed(OptActions(ActionsSeed { ctx, path: &p }))?)
        }
        EventField::WeaknessCount => {
            s.weakness_count = Some(count_leaf(ctx, &p, map.next_value()?))
        }
        EventField::PriorityActionCount => {
            s.priority_action_count = Some(count_leaf(ctx, &p, map.next_value()?))
        }
        EventField::ImprovementCount => {
            s.improvement_count = Some(count_leaf(ctx, &p, map.next_value()?))
        }
        EventField::Outcome => s.outcome = Some(outcome_leaf(ctx, &p, ctx.leaf(map.next_value()?))),
        EventField::Framework => {
            let leaf = ctx.leaf(map.next_value()?);
            s.framework = Some(framework_leaf(ctx, &p, leaf));
        }
        EventField::PriorityActions => {
            let seed = ItemsSeed {
                ctx,
                path: &p,
                responsible: true,
            };
            s.priority_actions = Some(map.next_value_seed(Shape(seed))?)
        }
        EventField::Improvements => {
            let seed = ItemsSeed {
                ctx,
                path: &p,
                responsible: false,
            };
            s.improvements = Some(map.next_value_seed(Shape(seed))?)
        }
        EventField::Counts => {
            s.counts = Some(map.next_value_seed(Shape(CountsSeed { ctx, path: &p }))?)
        }
    }
    Ok(())
}

/// Once the kind is known: fields read before it that turn out not to belong are reported
/// as foreign, in place of whatever their values gave (so each is reported once), and
/// unknown fields reported before it get the kind's own fields as what was expected.
fn settle_early_fields(
    ctx: &mut Ctx<'_>,
    path: &Path<'_>,
    index: usize,
    kind: EventKind,
    st: &mut EventState,
) {
    // Most events name their kind before any field of their own, and no unknown one.
    if st.unknown.is_empty() && st.early.is_empty() {
        return;
    }
    for (at, key) in std::mem::take(&mut st.unknown) {
        let (message, expected) = unknown_event_field_text(path, index, &key, Some(kind));
        if let Some(d) = ctx.diags.get_mut(at) {
            d.message = message;
            d.expected = expected;
        }
    }
    let mut withdrawn: Vec<(usize, usize, EventField)> = st
        .early
        .iter()
        .filter(|(f, _, _)| st.seen & f.bit() != 0 && !belongs(kind, *f))
        .map(|&(f, a, b)| (a, b, f))
        .collect();
    // From the last, so that the earlier ranges keep their place.
    // (Fields with the same start in the order of `EventField::ALL`, as they are reported.)
    withdrawn.sort_by_key(|&(a, _, f)| (std::cmp::Reverse(a), f as usize));
    for (a, b, field) in withdrawn {
        let b = b.min(ctx.diags.len());
        if a < b {
            ctx.diags.drain(a..b);
            ctx.budget.refund(Some(index), b - a);
        }
        st.foreign |= field.bit();
        foreign_field(ctx, path, index, field, kind);
    }
}

/// Reports a field of the format that an event of `kind` does not carry.
fn foreign_field(
    ctx: &mut Ctx<'_>,
    path: &Path<'_>,
    index: usize,
    field: EventField,
    kind: EventKind,
) {
    let p = path.key(field.as_str());
    if let Some(d) = ctx.schema(&p, || {
        let own = own_fields(kind);
        format!(
            "`{field}` is not a field of event {index} (`{kind}`), which has {own}; `{field}` belongs to other kinds of event"
        )
    }) {
        d.expected = allowed_fields(Some(kind));
    }
}

/// "date, kind, source, note and weaknesses, letter_date": an event kind's fields, for
/// messages.
fn own_fields(kind: EventKind) -> String {
    let names: Vec<&str> = EventField::COMMON
        .iter()
        .chain(kind.fields())
        .map(|f| f.field.as_str())
        .collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => (*last).to_owned(),
        None => String::new(),
    }
}

/// The fields an event may carry: its kind's, or any kind's while the kind is unknown.
fn allowed_fields(kind: Option<EventKind>) -> Vec<String> {
    match kind {
        Some(kind) => EventField::COMMON
            .iter()
            .chain(kind.fields())
            .map(|f| f.field.as_str().to_owned())
            .collect(),
        None => EventField::ALL
            .iter()
            .map(|f| f.as_str().to_owned())
            .collect(),
    }
}

/// Reports a member that is no field of any event.
fn unknown_event_field(
    ctx: &mut Ctx<'_>,
    path: &Path<'_>,
    index: usize,
    key: &str,
    kind: Option<EventKind>,
) {
    let p = path.key(key);
    let mut expected = Vec::new();
    if let Some(d) = ctx.schema(&p, || {
        let (message, e) = unknown_event_field_text(path, index, key, kind);
        expected = e;
        message
    }) {
        d.expected = expected;
    }
}

/// The message and expected names for an unknown event member.
fn unknown_event_field_text(
    path: &Path<'_>,
    index: usize,
    key: &str,
    kind: Option<EventKind>,
) -> (String, Vec<String>) {
    let field = path.key(key);
    let expected = allowed_fields(kind);
    let owner = match kind {
        Some(kind) => format!("event {index} (`{kind}`)"),
        None => format!("event {index}"),
    };
    let hint = match did_you_mean(key, expected.iter().map(String::as_str)) {
        Some(m) => format!("; did you mean `{m}`?"),
        None => "; a misspelt field would otherwise pass unnoticed".to_owned(),
    };
    (format!("{field} is not a field of {owner}{hint}"), expected)
}

/// Completes a message about event `index` so that it names the event, and its kind where
/// known: "event 3" becomes "event 3 (`note`)", and a message that does not name the
/// event gets "(event 3, `note`)" at its end.
fn name_event(message: &mut String, index: usize, kind: Option<EventKind>) {
    let tag = format!("event {index}");
    let at = message
        .match_indices(&tag)
        .map(|(at, _)| at + tag.len())
        .find(|&end| {
            !message
                .get(end..)
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
        });
    match (at, kind) {
        (Some(end), Some(kind)) => {
            if !message
                .get(end..)
                .is_some_and(|rest| rest.starts_with(" (`"))
            {
                message.insert_str(end, &format!(" (`{kind}`)"));
            }
        }
        (Some(_), None) => {}
        (None, Some(kind)) => message.push_str(&format!(" (event {index}, `{kind}`)")),
        (None, None) => message.push_str(&format!(" (event {index})")),
    }
}

/// The candidate a misspelt `word` most likely stands for: within two edits (one for a
/// word of up to four characters), and strictly nearer than any other candidate.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let len = word.chars().count();
    let max = if len <= 4 { 1 } else { 2 };
    let mut best: Option<(usize, &str)> = None;
    let mut tied = false;
    for c in candidates {
        if c.chars().count().abs_diff(len) > max {
            continue;
        }
        let d = edit_distance(word, c);
        if d == 0 || d > max {
            continue;
        }
        match best {
            Some((b, _)) if d > b => {}
            Some((b, _)) if d == b => tied = true,
            _ => {
                best = Some((d, c));
                tied = false;
            }
        }
    }
    if tied {
        None
    } else {
        best.map(|(_, c)| c)
    }
}

/// The edit distance between `a` and `b` in characters: insertions, deletions,
/// substitutions and transpositions of neighbours each count one.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows of the table: two back, one back, this one.
    let mut two: Vec<usize> = vec![0; b.len() + 1];
    let mut one: Vec<usize> = (0..=b.len()).collect();
    let mut row: Vec<usize> = vec![0; b.len() + 1];
    for (i, &ca) in a.iter().enumerate() {
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let sub = one.get(j).map_or(usize::MAX, |v| v + cost);
            let del = one.get(j + 1).map_or(usize::MAX, |v| v + 1);
            let ins = row.get(j).map_or(usize::MAX, |v| v + 1);
            let mut best = sub.min(del).min(ins);
            let swapped = i > 0 && j > 0 && a.get(i - 1) == Some(&cb) && b.get(j - 1) == Some(&ca);
            if swapped {
                best = best.min(two.get(j - 1).map_or(usize::MAX, |v| v + 1));
            }
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = best;
            }
        }
        std::mem::swap(&mut two, &mut one);
        std::mem::swap(&mut one, &mut row);
    }
    one.last().copied().unwrap_or(0)
}

/// Builds the event from its slots, reporting fields missing for its kind.
fn build_event(
    ctx: &mut Ctx<'_>,
    path: &Path<'_>,
    index: usize,
    s: &mut Slots,
    seen: u32,
) -> Option<Event> {
    let kind = kind_of(ctx, path, index, s.kind);
    let date = required(ctx, path, s.date, "date", EventField::Date.describe());
    let kind = kind?;
    for spec in kind.fields() {
        if spec.required && seen & spec.field.bit() == 0 {
            ctx.missing(path, spec.field.as_str(), spec.field.describe());
        }
    }
    let detail = match kind {
        EventKind::InspectionNotified => EventDetail::InspectionNotified,
        EventKind::InspectionStarted => EventDetail::InspectionStarted,
        EventKind::InspectionEnded => EventDetail::InspectionEnded,
        EventKind::ReportReceived => EventDetail::ReportReceived,
        EventKind::ReportPublished => report_published(ctx, path, index, s)?,
        EventKind::WsoaDeadlineRevised => EventDetail::WsoaDeadlineRevised {
            new_deadline: s.new_deadline??,
            reason: s.reason.take().unwrap_or(Some(None))?,
        },
        EventKind::WsoaSubmitted => EventDetail::WsoaSubmitted,
        EventKind::WsoaJudged => EventDetail::WsoaJudged {
            fit_for_purpose: s.fit_for_purpose??,
        },
        EventKind::MonitoringMeeting => EventDetail::MonitoringMeeting {
            actions: s.actions.take().unwrap_or(Some(None))?.map(Box::new),
            final_before_revisit: s.final_before_revisit.unwrap_or(Some(None))?,
        },
        EventKind::RevisitNotified => EventDetail::RevisitNotified,
        EventKind::RevisitStarted => EventDetail::RevisitStarted,
        EventKind::RevisitEnded => EventDetail::RevisitEnded,
        EventKind::RevisitOutcome => {
            let (judgements, counts) = judged(ctx, path, index, kind, s)?;
            EventDetail::RevisitOutcome {
                judgements: judgements
                    .into_iter()
                    .filter_map(|(id, j)| match j {
                        Judged::Progress(p) => Some(Judgement::new(id, p)),
                        Judged::Effectiveness(_) => None,
                    })
                    .collect(),
                counts: counts.map(|c| {
                    Box::new(ProgressCounts {
                        sufficient: count_of(&c, "sufficient"),
                        insufficient: count_of(&c, "insufficient"),
                    })
                }),
            }
        }
        EventKind::NextStepsDetermined => EventDetail::NextStepsDetermined {
            decision: s.decision??,
        },
        EventKind::AppSubmitted => EventDetail::AppSubmitted,
        EventKind::AppJudged => EventDetail::AppJudged {
            fit_for_purpose: s.fit_for_purpose??,
        },
        EventKind::AppReview => EventDetail::AppReview {
            actions: s.actions.take().unwrap_or(Some(None))?.map(Box::new),
        },
        EventKind::ImprovementNoticeIssued => EventDetail::ImprovementNoticeIssued,
        EventKind::ImprovementNoticeLifted => EventDetail::ImprovementNoticeLifted,
        EventKind::HealthBodyChanged => EventDetail::HealthBodyChanged {
            health_bodies: s.health_bodies.take()??,
        },
        EventKind::Note => EventDetail::Note {
            title: s.title.take()??,
        },
        // The 2023 framework's own kinds, and the crossing.
        _ => detail_2023(ctx, path, index, kind, s)?,
    };
    Some(Event {
        date: date?,
        detail,
        source: s.source.take().unwrap_or(Some(None))?,
        note: s.note.take().unwrap_or(Some(None))?,
    })
}

/// An event's kind as read; a missing one reported.
fn kind_of(
    ctx: &mut Ctx<'_>,
    path: &Path<'_>,
    index: usize,
    kind: Option<Option<EventKind>>,
) -> Option<EventKind> {
    match kind {
        None => {
            if let Some(d) = ctx.schema(path, || {
                format!("event {index} has no `kind`, so what happened is unknown")
            }) {
                d.expected = EventKind::ALL
                    .iter()
                    .map(|k| k.as_str().to_owned())
                    .collect();
            }
            None
        }
        Some(k) => k,
    }
}

/// The detail of a kind of the 2023 framework, or of the crossing into it.
fn detail_2023(
    ctx: &mut Ctx<'_>,
    path: &Path<'_>,
    index: usize,
    kind: EventKind,
    s: &mut Slots,
) -> Option<EventDetail> {
    Some(match kind {
        EventKind::FrameworkChanged => EventDetail::FrameworkChanged {
            framework: s.framework.take()??,
        },
        EventKind::WsoaSignedOff => EventDetail::WsoaSignedOff,
        EventKind::StrategicPlanPublished => EventDetail::StrategicPlanPublished,
        EventKind::PapSubmitted => EventDetail::PapSubmitted,
        EventKind::PapJudged => EventDetail::PapJudged {
            fit_for_purpose: s.fit_for_purpose.take()??,
        },
        EventKind::PapPublished => EventDetail::PapPublished,
        EventKind::Stocktake => EventDetail::Stocktake {
            actions: s.actions.take().unwrap_or(Some(None))?.map(Box::new),
        },
        EventKind::EngagementMeeting => EventDetail::EngagementMeeting,
        EventKind::MonitoringInspectionNotified => EventDetail::MonitoringInspectionNotified,
        EventKind::MonitoringInspectionStarted => EventDetail::MonitoringInspectionStarted,
        EventKind::MonitoringInspectionEnded => EventDetail::MonitoringInspectionEnded,
        EventKind::MonitoringInspectionOutcome => {
            let (judgements, counts) = judged(ctx, path, index, kind, s)?;
            EventDetail::MonitoringInspectionOutcome {
                judgements: judgements
                    .into_iter()
                    .filter_map(|(id, j)| match j {
                        Judged::Effectiveness(e) => Some(ActionJudgement::new(id, e)),
                        Judged::Progress(_) => None,
                    })
                    .collect(),
                counts: counts.map(|c| {
                    Box::new(EffectivenessCounts {
                        effective_action: count_of(&c, "effective_action"),
                        not_effective_action: count_of(&c, "not_effective_action"),
                    })
                }),
            }
        }
        EventKind::StatutoryDirectionIssued => EventDetail::StatutoryDirectionIssued,
        // Every other kind is built by `build_event`.
        _ => return None,
    })
}

/// A `report_published` event: a 2016 letter (`weaknesses` or `weakness_count`) or a 2023
/// report (`outcome`, with its items as lists or counts). A list and a count of the same
/// items together, or a 2016 letter with neither, is a `schema_violation`; a report mixing
/// the two frameworks' members is read as given, and the validator, which knows the
/// framework in force, reports it (`framework_mismatch`).
fn report_published(
    ctx: &mut Ctx<'_>,
    path: &Path<'_>,
    index: usize,
    s: &mut Slots,
) -> Option<EventDetail> {
    let mut ok = true;
    let mut both = |ctx: &mut Ctx<'_>, list: bool, count: bool, l: &str, c: &str| {
        if list && count {
            ok = false;
            ctx.schema(path, || {
                format!("event {index} (`report_published`) gives both `{l}` and `{c}`; give the list when the source names the items, the count when it gives only their number")
            });
        }
    };
    both(
        ctx,
        s.weaknesses.is_some(),
        s.weakness_count.is_some(),
        "weaknesses",
        "weakness_count",
    );
    both(
        ctx,
        s.priority_actions.is_some(),
        s.priority_action_count.is_some(),
        "priority_actions",
        "priority_action_count",
    );
    both(
        ctx,
        s.improvements.is_some(),
        s.improvement_count.is_some(),
        "improvements",
        "improvement_count",
    );
    if s.weaknesses.is_none() && s.weakness_count.is_none() && s.outcome.is_none() {
        ctx.missing(
            path,
            "weaknesses",
            "the significant weaknesses (or `weakness_count`, or a 2023 report's `outcome`)",
        );
        ok = false;
    }
    let weaknesses = match s.weaknesses.take() {
        None => Vec::new(),
        Some(w) => w?,
    };
    let weakness_count = s.weakness_count.take().flatten();
    let outcome = match s.outcome.take() {
        None => None,
        Some(o) => Some(o?),
    };
    let (priority_actions, improvements) = report_items(s)?;
    let letter_date = match s.letter_date.take() {
        None => None,
        Some(d) => Some(d?),
    };
    let priority_action_count = s.priority_action_count.take().flatten();
    let improvement_count = s.improvement_count.take().flatten();
    // Boxed only when the report is kept.
    ok.then(|| {
        EventDetail::from(PublishedReport {
            weaknesses,
            weakness_count,
            outcome,
            priority_actions,
            priority_action_count,
            improvements,
            improvement_count,
            letter_date,
        })
    })
}

/// A 2023 report's areas for priority action and for improvement as read (`None` inside:
/// not given; `None` outside: given but unreadable, reported already).
#[allow(clippy::type_complexity)]
fn report_items(s: &mut Slots) -> Option<(Option<Vec<PriorityAction>>, Option<Vec<Improvement>>)> {
    let items = |v: Option<Option<Vec<Item>>>| -> Option<Option<Vec<Item>>> {
        match v {
            None => Some(None),
            Some(None) => None,
            Some(Some(items)) => Some(Some(items)),
        }
    };
    let priority_actions = items(s.priority_actions.take())?.map(|v| {
        v.into_iter()
            .map(|i| PriorityAction {
                id: i.id,
                title: i.title,
                responsible: i.responsible,
            })
            .collect()
    });
    let improvements = items(s.improvements.take())?.map(|v| {
        v.into_iter()
            .map(|i| Improvement {
                id: i.id,
                title: i.title,
            })
            .collect()
    });
    Some((priority_actions, improvements))
}

/// The judgements or counts of an outcome event, checked against its kind: a revisit
/// judges weaknesses `sufficient`/`insufficient`, a monitoring inspection areas for
/// priority action `effective_action`/`not_effective_action`; one of `judgements` and
/// `counts`, not both.
#[allow(clippy::type_complexity)]
fn judged(
    ctx: &mut Ctx<'_>,
    path: &Path<'_>,
    index: usize,
    kind: EventKind,
    s: &mut Slots,
) -> Option<(Vec<(String, Judged)>, Option<Vec<(String, u64)>>)> {
    let revisit = kind == EventKind::RevisitOutcome;
    let words: &[&str] = if revisit {
        &["sufficient", "insufficient"]
    } else {
        &["effective_action", "not_effective_action"]
    };
    let (judgements, counts) = (s.judgements.take(), s.counts.take());
    match (&judgements, &counts) {
        (Some(_), Some(_)) => {
            ctx.schema(path, || {
                format!("event {index} (`{kind}`) gives both `judgements` and `counts`; give the judgements by id when the source names the items, the counts when it gives only numbers")
            });
            return None;
        }
        (None, None) => {
            ctx.missing(path, "judgements", "the judgements by id (or `counts`)");
            return None;
        }
        _ => {}
    }
    let mut ok = true;
    let judgements = match judgements {
        None => Vec::new(),
        Some(j) => {
            let j = j?;
            let jp = path.key("judgements");
            for (id, v) in &j {
                let fits = matches!(v, Judged::Progress(_)) == revisit;
                if !fits {
                    ok = false;
                    let p = jp.key(id);
                    if let Some(d) = ctx.schema(&p, || {
                        format!("event {index} (`{kind}`) judges \"{id}\" with a word of the other kind of outcome; it is {}", words.join(" or "))
                    }) {
                        d.expected = words.iter().map(|w| (*w).to_owned()).collect();
                    }
                }
            }
            j
        }
    };
    let counts = match counts {
        None => None,
        Some(c) => {
            let c = c?;
            let cp = path.key("counts");
            for (name, _) in &c {
                if !words.contains(&name.as_str()) {
                    ok = false;
                    ctx.unknown_field(&cp, name, words);
                }
            }
            for w in words {
                if !c.iter().any(|(n, _)| n == w) {
                    ok = false;
                    ctx.missing(&cp, w, "a count");
                }
            }
            Some(c)
        }
    };
    ok.then_some((judgements, counts))
}

/// The count of `name` among counts read (0 when absent: reported already).
fn count_of(counts: &[(String, u64)], name: &str) -> u64 {
    counts
        .iter()
        .find(|(n, _)| n == name)
        .map_or(0, |(_, c)| *c)
}

// Weaknesses ------------------------------------------------------------------------------

struct WeaknessesSeed<'c, 'l, 'p> {
    ctx: &'c mut Ctx<'l>,
    path: &'p Path<'p>,
}

impl<'de> Container<'de> for WeaknessesSeed<'_, '_, '_> {
    type Out = Vec<Weakness>;
    const EXPECTED: &'static str = "an array of weaknesses";
    fn wrong(self, found: Leaf<'_>) {
        self.ctx.wrong_type(
            self.path,
            "an array of {id, title} weaknesses (empty when there are none)",
            &found,
        );
    }
    fn seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<Vec<Weakness>>, A::Error> {
        let (ctx, path) = (self.ctx, self.path);
        let mut out = Vec::new();
        let mut ok = true;
        let mut i = 0;
        loop {
            let p = path.index(i);
            match seq.next_element_seed(Shape(WeaknessSeed {
                ctx: &mut *ctx,
                path: &p,
            }))? {
                None => break,
                Some(Some(w)) => out.push(w),
                Some(None) => ok = false,
            }
            i += 1;
        }
        // The list is kept until the replay: without the room its growth left spare (up to
        // as much again) when that is worth a copy.
        if out.capacity() - out.len() > 64 {
            out.shrink_to_fit();
        }
        Ok(ok.then_some(out))
    }
}

struct WeaknessSeed<'c, 'l, 'p> {
    ctx: &'c mut Ctx<'l>,
    path: &'p Path<'p>,
}

impl<'de> Container<'de> for WeaknessSeed<'_, '_, '_> {
    type Out = Weakness;
    const EXPECTED: &'static str = "a weakness";
    fn wrong(self, found: Leaf<'_>) {
        self.ctx
            .wrong_type(self.path, "an object {id, title}", &found);
    }
    fn map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<Weakness>, A::Error> {
        let (ctx, path) = (self.ctx, self.path);
        let (mut id, mut title) = (None, None);
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let p = path.key(&key);
            match &*key {
                "id" => {
                    let v = str_leaf(ctx, &p, map.next_value()?);
                    once!(ctx, path, id, "id", v);
                }
                "title" => {
                    let v = str_leaf(ctx, &p, map.next_value()?);
                    once!(ctx, path, title, "title", v);
                }
                other => {
                    map.next_value::<IgnoredAny>()?;
                    ctx.unknown_field(path, other, &["id", "title"]);
                }
            }
        }
        let id = required(ctx, path, id, "id", "a short id unique within the report");
        let title = required(
            ctx,
            path,
            title,
            "title",
            "the weakness as the letter words it",
        );
        Ok(match (id, title) {
            (Some(id), Some(title)) => Some(Weakness {
                id: id.into_owned(),
                title: title.into_owned(),
            }),
            _ => None,
        })
    }
}

// Judgements ------------------------------------------------------------------------------

/// What a judgement says: a revisit's word or a monitoring inspection's, checked against
/// the kind when the event is built (the kind may come after its judgements).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Judged {
    Progress(Progress),
    Effectiveness(Effectiveness),
}

const JUDGED_WORDS: &[&str] = &[
    "sufficient",
    "insufficient",
    "effective_action",
    "not_effective_action",
];

struct JudgementsSeed<'c, 'l, 'p> {
    ctx: &'c mut Ctx<'l>,
    path: &'p Path<'p>,
}

impl<'de> Container<'de> for JudgementsSeed<'_, '_, '_> {
    type Out = Vec<(String, Judged)>;
    const EXPECTED: &'static str = "an object of judgements";
    fn wrong(self, found: Leaf<'_>) {
        self.ctx.wrong_type(
            self.path,
            "an object from item id to what was found (\"sufficient\" or \"insufficient\" for a revisit, \"effective_action\" or \"not_effective_action\" for a monitoring inspection)",
            &found,
        );
    }
    fn map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<Self::Out>, A::Error> {
        let (ctx, path) = (self.ctx, self.path);
        let mut out = Vec::new();
        let mut ok = true;
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let p = path.key(&key);
            ctx.text(&p, &key);
            let judged = match ctx.leaf(map.next_value()?) {
                Leaf::Str(s) => match &*s {
                    "sufficient" => Some(Judged::Progress(Progress::Sufficient)),
                    "insufficient" => Some(Judged::Progress(Progress::Insufficient)),
                    "effective_action" => {
                        Some(Judged::Effectiveness(Effectiveness::EffectiveAction))
                    }
                    "not_effective_action" => {
                        Some(Judged::Effectiveness(Effectiveness::NotEffectiveAction))
                    }
                    other => {
                        let hint = did_you_mean(other, JUDGED_WORDS.iter().copied())
                            .map_or(String::new(), |m| format!("; did you mean `{m}`?"));
                        if let Some(d) = ctx.schema(&p, || {
                            format!("{p} is \"{other}\", which is not a judgement{hint}")
                        }) {
                            d.expected = JUDGED_WORDS.iter().map(|w| (*w).to_owned()).collect();
                        }
                        None
                    }
                },
                other => {
                    ctx.wrong_type(&p, "a judgement (a string)", &other);
                    None
                }
            };
            match judged {
                Some(j) => out.push((key.into_owned(), j)),
                None => ok = false,
            }
        }
        Ok(ok.then_some(out))
    }
}

/// The outcome counts: an object of names to whole numbers, checked against the kind when
/// the event is built.
struct CountsSeed<'c, 'l, 'p> {
    ctx: &'c mut Ctx<'l>,
    path: &'p Path<'p>,
}

impl<'de> Container<'de> for CountsSeed<'_, '_, '_> {
    type Out = Vec<(String, u64)>;
    const EXPECTED: &'static str = "an object of counts";
    fn wrong(self, found: Leaf<'_>) {
        self.ctx.wrong_type(
            self.path,
            "an object of counts ({sufficient, insufficient} or {effective_action, not_effective_action})",
            &found,
        );
    }
    fn map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<Self::Out>, A::Error> {
        let (ctx, path) = (self.ctx, self.path);
        let mut out: Vec<(String, u64)> = Vec::new();
        let mut ok = true;
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let p = path.key(&key);
            let leaf = map.next_value()?;
            if !JUDGED_WORDS.contains(&&*key) {
                ctx.unknown_field(path, &key, JUDGED_WORDS);
                ok = false;
                continue;
            }
            if out.iter().any(|(k, _)| *k == *key) {
                ctx.duplicate_field(path, &key);
                continue;
            }
            match count_leaf(ctx, &p, leaf) {
                Some(n) => out.push((key.into_owned(), n)),
                None => ok = false,
            }
        }
        Ok(ok.then_some(out))
    }
}

/// An item of a 2023 report as read: an area for priority action (with its responsible
/// body) or an area for improvement.
#[derive(Debug, Clone)]
struct Item {
    id: String,
    title: String,
    responsible: Option<String>,
}

struct ItemsSeed<'c, 'l, 'p> {
    ctx: &'c mut Ctx<'l>,
    path: &'p Path<'p>,
    /// Areas for priority action carry a `responsible` body; areas for improvement do not.
    responsible: bool,
}

impl<'de> Container<'de> for ItemsSeed<'_, '_, '_> {
    type Out = Vec<Item>;
    const EXPECTED: &'static str = "an array of items";
    fn wrong(self, found: Leaf<'_>) {
        let what = if self.responsible {
            "an array of {id, title, responsible} areas for priority action (empty when there are none)"
        } else {
            "an array of {id, title} areas for improvement (empty when there are none)"
        };
        self.ctx.wrong_type(self.path, what, &found);
    }
    fn seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<Vec<Item>>, A::Error> {
        let (ctx, path, responsible) = (self.ctx, self.path, self.responsible);
        let mut out = Vec::new();
        let mut ok = true;
        let mut i = 0;
        loop {
            let p = path.index(i);
            let seed = ItemSeed {
                ctx: &mut *ctx,
                path: &p,
                responsible,
            };
            match seq.next_element_seed(Shape(seed))? {
                None => break,
                Some(Some(item)) => out.push(item),
                Some(None) => ok = false,
            }
            i += 1;
        }
        Ok(ok.then_some(out))
    }
}

struct ItemSeed<'c, 'l, 'p> {
    ctx: &'c mut Ctx<'l>,
    path: &'p Path<'p>,
    responsible: bool,
}

impl<'de> Container<'de> for ItemSeed<'_, '_, '_> {
    type Out = Item;
    const EXPECTED: &'static str = "an item";
    fn wrong(self, found: Leaf<'_>) {
        let what = if self.responsible {
            "an object {id, title, responsible}"
        } else {
            "an object {id, title}"
        };
        self.ctx.wrong_type(self.path, what, &found);
    }
    fn map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<Item>, A::Error> {
        let (ctx, path) = (self.ctx, self.path);
        let fields: &[&str] = if self.responsible {
            &["id", "title", "responsible"]
        } else {
            &["id", "title"]
        };
        let (mut id, mut title, mut responsible) = (None, None, None);
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let p = path.key(&key);
            match &*key {
                "id" => {
                    let v = str_leaf(ctx, &p, map.next_value()?);
                    once!(ctx, path, id, "id", v);
                }
                "title" => {
                    let v = str_leaf(ctx, &p, map.next_value()?);
                    once!(ctx, path, title, "title", v);
                }
                "responsible" if self.responsible => {
                    let v = opt_str(ctx, &p, map.next_value()?);
                    once!(ctx, path, responsible, "responsible", v);
                }
                other => {
                    map.next_value::<IgnoredAny>()?;
                    ctx.unknown_field(path, other, fields);
                }
            }
        }
        let id = required(ctx, path, id, "id", "a short id unique within the report");
        let title = required(ctx, path, title, "title", "the item as the report words it");
        let responsible = match responsible {
            None => Some(None),
            Some(r) => r,
        };
        Ok(match (id, title, responsible) {
            (Some(id), Some(title), Some(responsible)) => Some(Item {
                id: id.into_owned(),
                title: title.into_owned(),
                responsible,
            }),
            _ => None,
        })
    }
}

// Actions ---------------------------------------------------------------------------------

const ACTION_FIELDS: &[&str] = &[
    "total",
    "underway",
    "completed",
    "delayed",
    "underway_percent",
    "rag",
];

/// `actions` may be null (absent).
struct OptActions<C>(C);

impl<'de, 'c, 'l, 'p> DeserializeSeed<'de> for OptActions<ActionsSeed<'c, 'l, 'p>> {
    type Value = Option<Option<ActionCounts>>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, 'c, 'l, 'p> Visitor<'de> for OptActions<ActionsSeed<'c, 'l, 'p>> {
    type Value = Option<Option<ActionCounts>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an actions object or null")
    }
    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(Some(None))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        Ok(self.0.map(map)?.map(Some))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Ok(self.0.seq(seq)?.map(Some))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Self::Value, E> {
        self.0.wrong(Leaf::Bool(v));
        Ok(None)
    }
    fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
        self.0.wrong(Leaf::U64(v));
        Ok(None)
    }
    fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
        self.0.wrong(Leaf::I64(v));
        Ok(None)
    }
    fn visit_f64<E>(self, v: f64) -> Result<Self::Value, E> {
        self.0.wrong(Leaf::F64(v));
        Ok(None)
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        self.0.wrong(Leaf::Str(Cow::Borrowed(v)));
        Ok(None)
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        // Not borrowed, so not a marker of a huge number (see `Ctx::leaf`).
        self.0.wrong(Leaf::Str(Cow::Owned(v.to_owned())));
        Ok(None)
    }
}

struct ActionsSeed<'c, 'l, 'p> {
    ctx: &'c mut Ctx<'l>,
    path: &'p Path<'p>,
}

impl<'de> Container<'de> for ActionsSeed<'_, '_, '_> {
    type Out = ActionCounts;
    const EXPECTED: &'static str = "an actions object";
    fn wrong(self, found: Leaf<'_>) {
        self.ctx
            .wrong_type(self.path, "an object of action counts", &found);
    }
    fn map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<ActionCounts>, A::Error> {
        let (ctx, path) = (self.ctx, self.path);
        let mut a = ActionCounts::default();
        // The fields read so far, one bit per `ACTION_FIELDS` entry (no allocation).
        let mut seen = 0u8;
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let p = path.key(&key);
            if let Some(k) = ACTION_FIELDS.iter().position(|f| *f == &*key) {
                let bit = 1u8 << k;
                if seen & bit != 0 {
                    map.next_value::<IgnoredAny>()?;
                    ctx.duplicate_field(path, &key);
                    continue;
                }
                seen |= bit;
            }
            match &*key {
                "total" => a.total = count_leaf(ctx, &p, map.next_value()?),
                "underway" => a.underway = count_leaf(ctx, &p, map.next_value()?),
                "completed" => a.completed = count_leaf(ctx, &p, map.next_value()?),
                "delayed" => a.delayed = count_leaf(ctx, &p, map.next_value()?),
                "underway_percent" => a.underway_percent = number_leaf(ctx, &p, map.next_value()?),
                "rag" => {
                    a.rag = map.next_value_seed(Shape(RagSeed {
                        ctx: &mut *ctx,
                        path: &p,
                    }))?
                }
                other => {
                    map.next_value::<IgnoredAny>()?;
                    ctx.unknown_field(path, other, ACTION_FIELDS);
                }
            }
        }
        Ok(Some(a))
    }
}

struct RagSeed<'c, 'l, 'p> {
    ctx: &'c mut Ctx<'l>,
    path: &'p Path<'p>,
}

impl<'de> Container<'de> for RagSeed<'_, '_, '_> {
    type Out = Rag;
    const EXPECTED: &'static str = "a RAG object";
    const NULLABLE: bool = true;
    fn wrong(self, found: Leaf<'_>) {
        self.ctx
            .wrong_type(self.path, "an object {red, amber, green}", &found);
    }
    fn map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<Rag>, A::Error> {
        let (ctx, path) = (self.ctx, self.path);
        let mut r = Rag::default();
        // The members read so far, one bit each: a repeat is reported (and its value not
        // read) even when the first was null or unreadable, as everywhere else.
        let mut seen = 0u8;
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let p = path.key(&key);
            let (bit, slot) = match &*key {
                "red" => (1, &mut r.red),
                "amber" => (2, &mut r.amber),
                "green" => (4, &mut r.green),
                other => {
                    map.next_value::<IgnoredAny>()?;
                    ctx.unknown_field(path, other, &["red", "amber", "green"]);
                    continue;
                }
            };
            if seen & bit != 0 {
                map.next_value::<IgnoredAny>()?;
                ctx.duplicate_field(path, &key);
                continue;
            }
            seen |= bit;
            *slot = count_leaf(ctx, &p, map.next_value()?);
        }
        Ok(Some(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AREA: &str = r#""area": {"name": "A", "local_authority": "A Council",
        "health_bodies": [{"kind": "icb", "name": "A ICB"}]}"#;

    fn doc(events: &str) -> String {
        format!(r#"{{"schema_version": 1, {AREA}, "events": [{events}]}}"#)
    }

    fn read(text: &str, limits: &Limits) -> Decoded {
        decode(text.as_bytes(), limits, false)
    }

    fn codes(d: &Decoded) -> Vec<(Code, String)> {
        d.diagnostics
            .iter()
            .map(|d| (d.code, d.path.clone()))
            .collect()
    }

    #[test]
    fn a_repeated_unknown_field_is_reported_up_to_the_per_event_limit() {
        // 2,000 repetitions, 12 KB: 32 reported, 1,968 counted.
        let fields = r#""x":0,"#.repeat(2_000);
        let text = doc(&format!(
            r#"{{{fields} "date": "2020-02-03", "kind": "inspection_started"}}"#
        ));
        let d = read(&text, &Limits::default());
        assert_eq!(d.diagnostics.len(), 32);
        assert!(d.diagnostics.iter().all(|d| d.code == Code::SchemaViolation
            && d.path == "/events/0/x"
            && d.event_index == Some(0)));
        assert_eq!(d.budget.dropped(), 1_968);
        let s = d.budget.summary().expect("a summary");
        assert!(
            s.message
                .starts_with("1,968 further diagnostics were left out (schema_violation 1,968)"),
            "{}",
            s.message
        );
        // The event itself is still read.
        assert!(matches!(d.events.slots().as_slice(), [Some(_)]));
    }

    #[test]
    fn the_total_limit_holds_across_events_and_the_document() {
        // 100 events with 20 unknown fields each, and 50 unknown top-level fields: with a
        // total of 1,000, the first 1,000 in document order are kept.
        let event = format!(
            r#"{{{} "date": "2020-02-03", "kind": "note", "title": "t"}}"#,
            (0..20).map(|k| format!(r#""x{k}":0,"#)).collect::<String>()
        );
        let events = vec![event; 100].join(",");
        let top: String = (0..50).map(|k| format!(r#""y{k}":0,"#)).collect();
        let text = format!(r#"{{{top} "schema_version": 1, {AREA}, "events": [{events}]}}"#);
        let d = read(&text, &Limits::default());
        // The document's own 50 exceed its per-event allowance of 32.
        let document = d
            .diagnostics
            .iter()
            .filter(|d| d.event_index.is_none())
            .count();
        assert_eq!(document, 32);
        assert_eq!(d.diagnostics.len(), 1_000);
        assert_eq!(d.budget.dropped(), 50 + 2_000 - 1_000);
        // Events 0 to 47 were reported in full (32 + 48 × 20 = 992), event 48 in part.
        assert_eq!(d.diagnostics.last().and_then(|d| d.event_index), Some(48));
    }

    #[test]
    fn a_refused_diagnostic_builds_no_message() {
        // With no room at all, nothing is pushed, yet everything is counted.
        let text = doc(r#"{"date": "2020-02-30", "kind": "nope", "x": 1}"#);
        let d = read(&text, &Limits::default().max_diagnostics(0));
        assert!(d.diagnostics.is_empty());
        assert_eq!(d.budget.dropped(), 3);
        let s = d.budget.summary().expect("a summary");
        assert!(
            s.message.contains("schema_violation 2, invalid_date 1"),
            "{}",
            s.message
        );
    }

    #[test]
    fn events_beyond_the_limit_are_counted_in_one_diagnostic_naming_the_first() {
        let one = r#"{"date": "2020-02-03", "kind": "note", "title": "t"}"#;
        let text = doc(&[one; 5].join(","));
        let d = read(&text, &Limits::default().max_events(2));
        assert_eq!(codes(&d), vec![(Code::LimitExceeded, "/events".to_owned())]);
        let diag = &d.diagnostics[0];
        assert_eq!(diag.event_index, Some(2));
        assert!(
            diag.message.contains("events 2 to 4 were not read"),
            "{}",
            diag.message
        );
        assert_eq!((d.events.len(), d.events_skipped), (2, 3));
    }
    /// The actions of a one-meeting document with these `actions`, and the diagnostics.
    fn meeting(actions: &str) -> (Option<ActionCounts>, Vec<Diagnostic>) {
        let text = doc(&format!(
            r#"{{"date": "2021-03-01", "kind": "monitoring_meeting", "actions": {actions}}}"#
        ));
        let d = read(&text, &Limits::default());
        let actions = match d.events.slots().as_slice() {
            [Some(Event {
                detail: EventDetail::MonitoringMeeting { actions, .. },
                ..
            })] => actions.as_deref().copied(),
            _ => None,
        };
        (actions, d.diagnostics)
    }

    #[test]
    fn counts_written_as_whole_decimals_or_negative_zero_are_counts() {
        let (a, diags) =
            meeting(r#"{"total": -0, "underway": 2.0, "completed": 1e2, "delayed": 0.0}"#);
        assert!(diags.is_empty(), "{diags:#?}");
        let a = a.expect("read");
        assert_eq!(
            (a.total, a.underway, a.completed, a.delayed),
            (Some(0), Some(2), Some(100), Some(0))
        );
        // The largest u64 written as an integer is a count; 2^64 is not.
        let (a, diags) = meeting(r#"{"total": 18446744073709551615}"#);
        assert!(diags.is_empty());
        assert_eq!(a.and_then(|a| a.total), Some(u64::MAX));
    }

    #[test]
    fn counts_out_of_range_say_how_without_contradicting_themselves() {
        for (value, says) in [
            ("2.5", "is 2.5, which is not a whole number; a count of actions is a whole number such as 2"),
            ("-1", "is -1, but a count of actions cannot be negative"),
            ("-2.0", "is -2, but a count of actions cannot be negative"),
            ("18446744073709551616", "is 1.8446744073709552e19, too large for a count of actions (at most 18446744073709551615)"),
            ("1e400", "is a number too large to be read (beyond 10^308), too large for a count of actions"),
            ("-1e400", "is a negative number too large to be read, but a count of actions cannot be negative"),
        ] {
            let (_, diags) = meeting(&format!(r#"{{"total": {value}}}"#));
            assert_eq!(diags.len(), 1, "{value}: {diags:#?}");
            let d = &diags[0];
            assert_eq!(
                (d.code, d.path.as_str()),
                (Code::InvalidActionCounts, "/events/0/actions/total"),
                "{value}"
            );
            assert!(d.message.contains(says), "{value}: {}", d.message);
        }
    }

    #[test]
    fn a_number_too_large_for_a_float_is_reported_at_its_path_and_the_rest_still_read() {
        let text = format!(
            r#"{{"schema_version": 1, {AREA}, "events": [
              {{"date": "2020-02-30", "kind": "note", "title": 1e400}},
              {{"date": "2020-03-01", "kind": "monitoring_meeting",
                "actions": {{"underway_percent": -12345e999, "rag": {{"red": 1E+400}}}}}},
              {{"date": "2020-03-02", "kind": "note", "title": "x", "oops": [1e999, "1e999"]}}
            ]}}"#
        );
        let d = read(&text, &Limits::default());
        assert!(!d.malformed);
        assert_eq!(
            codes(&d),
            vec![
                (Code::InvalidDate, "/events/0/date".to_owned()),
                (Code::SchemaViolation, "/events/0/title".to_owned()),
                (
                    Code::InvalidActionCounts,
                    "/events/1/actions/underway_percent".to_owned()
                ),
                (
                    Code::InvalidActionCounts,
                    "/events/1/actions/rag/red".to_owned()
                ),
                (Code::SchemaViolation, "/events/2/oops".to_owned()),
            ]
        );
        assert!(
            d.diagnostics[1]
                .message
                .contains("must be a string, but it is a number too large to be read"),
            "{}",
            d.diagnostics[1].message
        );
        // The third event is read in full, its title kept.
        assert!(
            matches!(&d.events.slots()[2], Some(e) if e.detail == EventDetail::Note { title: "x".into() })
        );
        // The version too: 1e400 is not the integer 1.
        let text = format!(r#"{{"schema_version": 1e400, {AREA}, "events": []}}"#);
        let d = read(&text, &Limits::default());
        assert_eq!(
            codes(&d),
            vec![(Code::UnsupportedSchemaVersion, "/schema_version".to_owned())]
        );
    }

    #[test]
    fn a_huge_number_beside_the_marker_character_stays_malformed() {
        // The author's own "∞" could not be told from a marker: the document is refused,
        // as serde_json refuses it, rather than misread.
        let text = doc(r#"{"date": "2020-02-03", "kind": "note", "title": 1e400, "note": "∞"}"#);
        let d = read(&text, &Limits::default());
        assert!(d.malformed);
        assert_eq!(codes(&d), vec![(Code::MalformedJson, String::new())]);
        assert!(d.diagnostics[0].message.contains("number out of range"));
    }

    #[test]
    fn utf16_and_utf32_are_named() {
        let text = doc("");
        let utf16le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let utf16be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let utf32be: Vec<u8> = text
            .chars()
            .flat_map(|c| u32::from(c).to_be_bytes())
            .collect();
        let mut bom16le = vec![0xFF, 0xFE];
        bom16le.extend_from_slice(&utf16le);
        for (bytes, says) in [
            (&utf16le, "the input is UTF-16 (little-endian), not UTF-8"),
            (&utf16be, "the input is UTF-16 (big-endian), not UTF-8"),
            (&utf32be, "the input is UTF-32 (big-endian), not UTF-8"),
            (
                &bom16le,
                "the input is UTF-16 (little-endian, with a byte-order mark)",
            ),
        ] {
            let d = decode(bytes, &Limits::default(), false);
            assert!(d.malformed);
            assert_eq!(d.diagnostics.len(), 1);
            assert_eq!(d.diagnostics[0].code, Code::MalformedJson);
            assert!(
                d.diagnostics[0].message.contains(says),
                "{}",
                d.diagnostics[0].message
            );
            assert!(d.diagnostics[0]
                .help
                .as_deref()
                .unwrap_or("")
                .contains("save the file as UTF-8"));
        }
    }

    #[test]
    fn invalid_utf8_is_reported_even_inside_a_value_that_is_skipped() {
        // An unknown field's value is skipped unread; its bytes are not UTF-8 all the same.
        let mut bytes = doc("").into_bytes();
        let at = bytes.len() - 2; // inside "events": [ ]
        let mut tail = bytes.split_off(at);
        bytes.extend_from_slice(
            b"{\"date\": null, \"kind\": \"note\", \"title\": \"t\",\n \"x\": \"caf\xE9\"}",
        );
        bytes.append(&mut tail);
        let d = decode(&bytes, &Limits::default(), false);
        assert!(d.malformed);
        let diag = &d.diagnostics[0];
        assert_eq!(diag.code, Code::MalformedJson);
        let offset = bytes.iter().position(|&b| b == 0xE9).unwrap();
        assert!(
            diag.message.contains(&format!(
                "the byte 0xE9 at offset {offset} (line 3, column 11)"
            )),
            "{}",
            diag.message
        );
        // Line 3 is ` "x": "caf…`: the byte is its eleventh character.
        assert_eq!((diag.line, diag.column), (Some(3), Some(11)));
    }
    #[test]
    fn a_repeated_rag_member_is_reported_even_after_a_null() {
        for rag in [
            r#"{"red": null, "red": 3}"#,
            r#"{"red": 1, "red": 3}"#,
            r#"{"red": "x", "red": 3}"#,
        ] {
            let (a, diags) = meeting(&format!(r#"{{"rag": {rag}}}"#));
            let dup: Vec<_> = diags
                .iter()
                .filter(|d| d.message.contains("appears more than once"))
                .collect();
            assert_eq!(dup.len(), 1, "{rag}: {diags:#?}");
            assert_eq!(dup[0].path, "/events/0/actions/rag/red");
            // The repeat is not taken in place of the first.
            assert_ne!(a.and_then(|a| a.rag).and_then(|r| r.red), Some(3), "{rag}");
        }
    }

    #[test]
    fn a_missing_member_is_reported_at_the_object_that_lacks_it() {
        let text = r#"{"schema_version": 1, "area": {"name": "A", "health_bodies": [{"kind": "icb"}]},
                "events": [{"kind": "note", "title": "t"}, {"date": null}]}"#;
        let d = read(text, &Limits::default());
        let found: Vec<(&str, &str)> = d
            .diagnostics
            .iter()
            .map(|d| (d.path.as_str(), d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            vec![
                (
                    "/area/health_bodies/0",
                    "`/area/health_bodies/0` has no `name` (the body's name), which is required"
                ),
                (
                    "/area",
                    "`/area` has no `local_authority` (the council), which is required"
                ),
                (
                    "/events/0",
                    "event 0 (`note`) has no `date` (when it happened: a day, month, year or null), which is required"
                ),
                (
                    "/events/1",
                    "event 1 has no `kind`, so what happened is unknown"
                ),
            ]
        );
    }
    fn one_event(event: &str) -> Vec<Diagnostic> {
        read(&doc(event), &Limits::default()).diagnostics
    }

    #[test]
    fn an_unknown_field_lists_the_kinds_own_fields_and_suggests_a_near_miss() {
        // The kind before the field, or after it: the same diagnostic.
        for event in [
            r#"{"date": "2020-01-21", "kind": "note", "titel": "x"}"#,
            r#"{"titel": "x", "date": "2020-01-21", "kind": "note"}"#,
        ] {
            let diags = one_event(event);
            let d = diags
                .iter()
                .find(|d| d.path == "/events/0/titel")
                .expect("reported");
            assert_eq!(
                d.message,
                "`/events/0/titel` is not a field of event 0 (`note`); did you mean `title`?",
                "{event}"
            );
            assert_eq!(d.expected, ["date", "kind", "source", "note", "title"]);
        }
        // A short name: one edit at most. `dat` is one from `date`; `x` is near nothing.
        let diags = one_event(
            r#"{"dat": "2020-01-21", "date": "2020-01-21", "kind": "note", "title": "t", "x": 1}"#,
        );
        assert!(
            diags[0].message.ends_with("did you mean `date`?"),
            "{}",
            diags[0].message
        );
        assert!(diags[1]
            .message
            .ends_with("a misspelt field would otherwise pass unnoticed"));
    }

    #[test]
    fn an_unknown_kind_suggests_a_near_miss() {
        let diags = one_event(r#"{"date": "2020-02-03", "kind": "inspection_stared"}"#);
        assert_eq!(diags.len(), 1);
        assert_eq!(
            diags[0].message,
            "event 0 has the unknown kind \"inspection_stared\"; did you mean `inspection_started`?"
        );
        let diags =
            one_event(r#"{"date": "2020-02-03", "kind": "wsoa_judgd", "fit_for_purpose": true}"#);
        assert!(diags[0].message.ends_with("did you mean `wsoa_judged`?"));
        // Two names equally near: no guess.
        assert_eq!(did_you_mean("fit_for", ["fit_fo", "fit_form"]), None);
        assert_eq!(
            did_you_mean("fit_for", ["fit_fo", "fit_forms"]),
            Some("fit_fo")
        );
    }

    #[test]
    fn a_wrongly_typed_field_foreign_to_the_kind_is_reported_once() {
        for event in [
            r#"{"date": "2020-02-03", "kind": "inspection_started", "title": 5, "weaknesses": [{"id": 1}]}"#,
            r#"{"title": 5, "weaknesses": [{"id": 1}], "date": "2020-02-03", "kind": "inspection_started"}"#,
        ] {
            let diags = one_event(event);
            let mut diags = diags;
            diags.sort_by(|a, b| a.path.cmp(&b.path));
            let found: Vec<&str> = diags.iter().map(|d| d.path.as_str()).collect();
            assert_eq!(
                found,
                ["/events/0/title", "/events/0/weaknesses"],
                "{event}: {diags:#?}"
            );
            assert!(
                diags[0].message.starts_with("`title` is not a field of event 0 (`inspection_started`), which has date, kind, source and note"),
                "{}",
                diags[0].message
            );
            assert_eq!(diags[0].expected, ["date", "kind", "source", "note"]);
        }
        // A field that belongs, wrongly typed, is still reported for its type.
        let diags = one_event(r#"{"date": "2020-01-21", "kind": "note", "title": 5}"#);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.contains("must be a string"));
    }

    #[test]
    fn messages_name_the_event_and_its_kind() {
        let diags = one_event(
            r#"{"date": "2020-02-30", "kind": "report_published", "letter_date": 7, "weaknesses": []}"#,
        );
        assert_eq!(diags.len(), 2, "{diags:#?}");
        for d in &diags {
            assert!(
                d.message.contains("event 0, `report_published`")
                    || d.message.contains("event 0 (`report_published`)"),
                "{}",
                d.message
            );
        }
        // A kind-specific missing field names the kind, and what the field holds.
        let diags = one_event(r#"{"date": "2020-02-03", "kind": "wsoa_judged"}"#);
        assert_eq!(
            diags[0].message,
            "event 0 (`wsoa_judged`) has no `fit_for_purpose` (whether the plan is fit for purpose), which is required"
        );
        assert_eq!(diags[0].path, "/events/0");
    }

    #[test]
    fn edit_distance_counts_each_slip_once() {
        assert_eq!(edit_distance("title", "title"), 0);
        assert_eq!(edit_distance("titel", "title"), 1); // a swap of neighbours
        assert_eq!(edit_distance("dat", "date"), 1);
        assert_eq!(edit_distance("sorce", "source"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }
    #[test]
    fn unknown_members_elsewhere_suggest_a_near_miss_too() {
        let text = format!(
            r#"{{"schema_version": 1, "framwork": "local_area_send_2016", {AREA}, "events": [
              {{"date": "2021-03-01", "kind": "monitoring_meeting", "actions": {{"totl": 3, "rag": {{"gren": 1}}}}}}]}}"#
        );
        let d = read(&text, &Limits::default());
        let found: Vec<(&str, &str)> = d
            .diagnostics
            .iter()
            .map(|d| (d.path.as_str(), d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("/framwork", "`/framwork` is not a field of the timeline document; did you mean `framework`?"),
                ("/events/0/actions/totl", "`/events/0/actions/totl` is not a field of `/events/0/actions`; did you mean `total`? (event 0, `monitoring_meeting`)"),
                ("/events/0/actions/rag/gren", "`/events/0/actions/rag/gren` is not a field of `/events/0/actions/rag`; did you mean `green`? (event 0, `monitoring_meeting`)"),
            ]
        );
    }
}
