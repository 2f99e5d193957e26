//! Where in the JSON text each diagnostic's value is: its line and column.
//!
//! The validator reads the document once with serde, which keeps no positions; positions
//! are only needed when there is something to report. So [`annotate`] runs after
//! validation, and only when there are diagnostics: it gathers every JSON Pointer the
//! report names into a small trie, then walks the text once with a hand-written scanner
//! that descends only into the members and elements the trie holds and skips everything
//! else by counting brackets. The happy path of the scan allocates nothing per value.
//!
//! Positions, as the contract has them: lines and columns are 1-based; a column counts
//! Unicode scalar values (characters) from the start of its line; a UTF-8 byte-order mark
//! is not counted; a line ends at `\n` (so `\r\n` is one line break, and a lone `\r` is
//! not one, as in serde_json's own error positions).
//!
//! Which place a path names:
//! - the first character of the value it points at (`"` of a string, `{` of an object);
//! - for a path whose last member is missing, the object that lacks it (more generally:
//!   the innermost value on the path that exists);
//! - for a repeated member (`"date"` given twice), the repeats: when *n* diagnostics share
//!   a path that occurs *m* times in the text, the *k*-th of them (in report order) points
//!   at occurrence *m − n + k* — so a single diagnostic points at the **last** occurrence,
//!   and each of several "appears more than once" findings at its own repeat; a `related`
//!   place points at the last occurrence of its path;
//! - for `malformed_json` (and the nesting limit), where reading stopped: the message's own
//!   "line L, column C" (serde_json counts that column in bytes) is converted to a column
//!   in characters, and the message is brought into line with it;
//! - the whole document (`""`): its first character, and line 1, column 1 for an empty file.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crate::diagnostic::{Code, Diagnostic};
use crate::store::Places;

/// A 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Position {
    line: u32,
    column: u32,
}

/// Fills `line` and `column` of every diagnostic and of every `related` place, from the
/// JSON text `bytes` the diagnostics were found in. Does nothing when there are none.
///
/// `starts`, when given, say where each event the reader kept began: the walk then jumps
/// over the events no path wants instead of reading through them, from one wanted event
/// to the next and from the last one wanted to the last event read.
pub(crate) fn annotate(bytes: &[u8], diagnostics: &mut [Diagnostic], starts: Option<&Places>) {
    if diagnostics.is_empty() {
        return;
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);

    // The trie borrows the paths; the places found are written back once it is gone.
    let mut trie = wanted(diagnostics);
    let mut places: Vec<(Want, Position)> = Vec::with_capacity(trie.wants.len());

    let mut scan = Scanner::new(text);
    let events_node = trie.key_child(ROOT, b"events");
    scan.events = starts.zip(events_node);
    scan.whitespace();
    let root_position = scan.position();
    trie.record(ROOT, root_position);
    // The root has one occurrence only (anything after it is malformed), so the text needs
    // walking only when some path goes below it.
    if trie.has_children(ROOT) {
        // A walk that meets malformed text stops there; paths not reached fall back to the
        // innermost value found on the way.
        match starts
            .zip(events_node)
            .and_then(|(p, node)| Some((events_alone(&scan, &trie, p)?, node)))
        {
            Some((open, node)) => {
                // Every path wanted lies in the one `events` array, which the reader
                // placed: straight to it, and done once its last wanted element is.
                scan.seek(open);
                scan.stop_after_events = true;
                if trie.has_children(node) {
                    let _ = scan.walk(&mut trie, node, 1);
                } else {
                    let here = scan.position();
                    trie.record(node, here);
                }
            }
            None => {
                let _ = scan.walk(&mut trie, ROOT, 0);
            }
        }
    }

    // The wants of each node together, in report order.
    trie.wants.sort_by_key(|&(node, _)| node);
    for wants in trie.wants.chunk_by(|a, b| a.0 == b.0) {
        let Some(&(node, _)) = wants.first() else {
            continue;
        };
        let wants = wants.iter().map(|(_, w)| w);
        let occurrences = trie.occurrences(node);
        let n = wants
            .clone()
            .filter(|w| matches!(w, Want::Diagnostic(_)))
            .count();
        let mut k = 0;
        for want in wants {
            let place = match (*want, occurrences) {
                (_, Err(fallback)) => fallback,
                (Want::Diagnostic(_), Ok(all)) => {
                    // The k-th of n diagnostics sharing the path: occurrence m − n + k.
                    let index = (k + all.len()).saturating_sub(n).min(all.len() - 1);
                    k += 1;
                    all.get(index)
                }
                (Want::Related(..), Ok(all)) => all.last,
            };
            places.push((*want, place));
        }
    }
    drop(trie);
    for (want, place) in places {
        match want {
            Want::Diagnostic(i) => {
                if let Some(d) = diagnostics.get_mut(i) {
                    d.line = Some(place.line);
                    d.column = Some(place.column);
                }
            }
            Want::Related(i, j) => {
                if let Some(r) = diagnostics.get_mut(i).and_then(|d| d.related.get_mut(j)) {
                    r.line = Some(place.line);
                    r.column = Some(place.column);
                }
            }
        }
    }

    place_where_reading_stopped(text, diagnostics);
}

/// The paths the diagnostics and their related places want positioned.
fn wanted(diagnostics: &[Diagnostic]) -> Trie<'_> {
    let mut trie = Trie::default();
    for (i, d) in diagnostics.iter().enumerate() {
        // The reader places where it stopped itself, in characters: such a finding keeps it.
        let placed = d.line.is_some() && d.column.is_some();
        if stopped_reading(d).is_none() && !placed {
            let node = trie.insert(&d.path);
            trie.want(node, Want::Diagnostic(i));
        }
        for (j, r) in d.related.iter().enumerate() {
            let node = trie.insert(&r.path);
            trie.want(node, Want::Related(i, j));
        }
    }
    trie
}

/// Where the `events` array opens, when the scan may go straight there: every wanted path
/// lies below `/events` (the root's only child in the trie), the document names `events`
/// once, and the reader placed its first event, whose object is preceded, across
/// whitespace, by the `[`. Otherwise the scan walks from the root as before.
fn events_alone(scan: &Scanner<'_>, trie: &Trie<'_>, places: &Places) -> Option<usize> {
    let root = trie.nodes.get(ROOT)?;
    if !places.alone() || root.keys.len() != 1 || !root.indices.is_empty() {
        return None;
    }
    let open = scan.object_before(places.start_of(0)?)?;
    scan.byte_before(open, b'[')
}

/// The findings about where reading stopped that the reader did not place itself: at
/// serde_json's position, in characters (and the message made to agree).
fn place_where_reading_stopped(text: &[u8], diagnostics: &mut [Diagnostic]) {
    for d in diagnostics.iter_mut() {
        if d.line.is_some() && d.column.is_some() {
            continue;
        }
        if let Some((line, byte_column)) = stopped_reading(d) {
            let place = stop_position(text, line, byte_column);
            if place.column != byte_column || place.line != line {
                d.message = d.message.replace(
                    &format!("line {line}, column {byte_column}"),
                    &format!("line {}, column {}", place.line, place.column),
                );
            }
            d.line = Some(place.line);
            d.column = Some(place.column);
        }
    }
}

/// Not part of the API: [`annotate`] for `benches/positions.rs`, which times the scan on its
/// own against the whole validation. With `events` from [`read_for_bench`], the scan
/// jumps to the events concerned, as [`crate::validate_json`] does; without, it walks the
/// whole text.
#[doc(hidden)]
pub fn annotate_for_bench(
    bytes: &[u8],
    diagnostics: &mut [Diagnostic],
    events: Option<&ReadForBench>,
) {
    annotate(bytes, diagnostics, events.map(|e| &e.0));
}

/// Not part of the API: the events the reader kept from `bytes`, for
/// [`annotate_for_bench`].
#[doc(hidden)]
#[derive(Debug)]
pub struct ReadForBench(Places);

/// Not part of the API: see [`ReadForBench`].
#[doc(hidden)]
pub fn read_for_bench(bytes: &[u8], options: &crate::Options) -> ReadForBench {
    ReadForBench(crate::validate::validate_json_without_positions(bytes, options).1)
}

/// For a diagnostic about where reading stopped (`malformed_json`, or the nesting limit),
/// the line and byte column serde_json gave in its message.
fn stopped_reading(d: &Diagnostic) -> Option<(u32, u32)> {
    if !(d.code == Code::MalformedJson || (d.code == Code::LimitExceeded && d.path.is_empty())) {
        return None;
    }

    // The last "line L, column C" of the message.
    let at = d.message.rfind("line ")?;
    let rest = d.message.get(at + "line ".len()..)?;
    let (line, rest) = leading_number(rest)?;
    let rest = rest.strip_prefix(", column ")?;
    let (column, _) = leading_number(rest)?;
    Some((line, column))
}

fn leading_number(s: &str) -> Option<(u32, &str)> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (digits, rest) = s.split_at(end);
    Some((digits.parse().ok()?, rest))
}

/// serde_json's position (line, 1-based byte column; 0 on an empty line) as a line and a
/// column in characters.
fn stop_position(text: &[u8], line: u32, byte_column: u32) -> Position {
    let mut line_start = 0usize;
    let mut seen = 1u32;
    if line > 1 {
        for (i, &b) in text.iter().enumerate() {
            if b == b'\n' {
                seen += 1;
                line_start = i + 1;
                if seen == line {
                    break;
                }
            }
        }
    }
    let line_end = text
        .get(line_start..)
        .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
        .map_or(text.len(), |p| line_start + p);
    let offset = (line_start + (byte_column as usize).saturating_sub(1)).min(line_end);
    let before = text.get(line_start..offset).unwrap_or_default();
    Position {
        line: seen,
        column: saturate(characters(before) + 1),
    }
}

/// Characters in UTF-8 bytes: every byte that does not continue a character (an invalid
/// byte counts as one).
fn characters(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

/// How many line feeds `bytes` holds. Counted in blocks of 224 bytes (a multiple of the
/// 32 the compiler compares at a time, and under 256) into a `u8`, which the compiler turns
/// into wide comparisons with no tail inside a block (a `usize` count would widen each).
fn line_breaks(bytes: &[u8]) -> usize {
    fn count(block: &[u8]) -> usize {
        usize::from(
            block
                .iter()
                .fold(0u8, |n, &b| n.wrapping_add(u8::from(b == b'\n'))),
        )
    }
    let mut blocks = bytes.chunks_exact(224);
    let whole: usize = blocks.by_ref().map(count).sum();
    whole + count(blocks.remainder())
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

// The wanted paths ----------------------------------------------------------------------------

const ROOT: usize = 0;

/// Who wants a node's position: diagnostic `i`, or related place `j` of diagnostic `i`.
#[derive(Debug, Clone, Copy)]
enum Want {
    Diagnostic(usize),
    Related(usize, usize),
}

#[derive(Debug, Default)]
struct Node<'p> {
    parent: usize,
    /// Children by reference token (unescaped; borrowed from the path unless it holds `~`),
    /// for object members, except tokens that are array indices.
    keys: BTreeMap<Cow<'p, str>, usize>,
    /// Children by array index, for the tokens that are one (array elements, or object
    /// members so named).
    indices: BTreeMap<usize, usize>,
    /// Where the value was last found.
    last: Option<Position>,
    /// Where it was found before, when more than one occurrence is needed (for a repeated
    /// member), in text order: with `last`, at least the last [`Node::keep`] occurrences,
    /// at most about twice as many. Most paths need one, and cost no list.
    earlier: Vec<Position>,
    /// How many of the last occurrences are needed: one per diagnostic at this path (the
    /// k-th of n diagnostics sharing a path is placed at the k-th of its last n
    /// occurrences), and at least one (for a related place, or the fallback of a path
    /// below). A member repeated a million times costs no more.
    keep: usize,
}

/// The JSON Pointers of a report, as a tree of reference tokens.
#[derive(Debug)]
struct Trie<'p> {
    nodes: Vec<Node<'p>>,
    /// Who wants each node's position, in report order: one list for all the nodes (most
    /// nodes are wanted once or not at all).
    wants: Vec<(usize, Want)>,
}

impl Default for Trie<'_> {
    fn default() -> Self {
        // Room for a few findings' paths (`/events/N/member` and a related `/events/M`).
        let mut nodes = Vec::with_capacity(8);
        nodes.push(Node::default());
        Trie {
            nodes,
            wants: Vec::new(),
        }
    }
}

impl<'p> Trie<'p> {
    /// The node for JSON Pointer `pointer` (RFC 6901), created as needed. A string that is
    /// not a pointer (no leading `/`) is taken as the whole document.
    fn insert(&mut self, pointer: &'p str) -> usize {
        let Some(rest) = pointer.strip_prefix('/') else {
            return ROOT;
        };
        let mut node = ROOT;
        for raw in rest.split('/') {
            let token: Cow<'p, str> = if raw.contains('~') {
                Cow::Owned(raw.replace("~1", "/").replace("~0", "~"))
            } else {
                Cow::Borrowed(raw)
            };
            // A token that is an array index is kept by number only (an object member of
            // that name finds it there too): a long array's elements then cost no string
            // comparisons.
            let index = array_index(&token);
            let existing = self.nodes.get(node).and_then(|n| match index {
                Some(i) => n.indices.get(&i).copied(),
                None => n.keys.get(token.as_ref()).copied(),
            });
            node = match existing {
                Some(child) => child,
                None => {
                    let child = self.nodes.len();
                    self.nodes.push(Node {
                        parent: node,
                        ..Node::default()
                    });
                    if let Some(n) = self.nodes.get_mut(node) {
                        match index {
                            Some(i) => {
                                n.indices.insert(i, child);
                            }
                            None => {
                                n.keys.insert(token, child);
                            }
                        }
                    }
                    child
                }
            };
        }
        node
    }

    fn want(&mut self, node: usize, want: Want) {
        if let Some(n) = self.nodes.get_mut(node) {
            if matches!(want, Want::Diagnostic(_)) {
                n.keep += 1;
            }
            self.wants.push((node, want));
        }
    }

    fn record(&mut self, node: usize, at: Position) {
        if let Some(n) = self.nodes.get_mut(node) {
            if n.keep > 1 {
                if let Some(before) = n.last {
                    // `earlier` holds at least `keep - 1` of the last occurrences.
                    if n.earlier.len() >= 2 * n.keep {
                        n.earlier.drain(..n.earlier.len() + 1 - n.keep);
                    }
                    n.earlier.push(before);
                }
            }
            n.last = Some(at);
        }
    }

    /// Whether every child of `node` has been found at least once.
    fn children_found(&self, node: usize) -> bool {
        self.nodes.get(node).is_some_and(|n| {
            n.keys
                .values()
                .chain(n.indices.values())
                .all(|&c| self.nodes.get(c).is_some_and(|c| c.last.is_some()))
        })
    }

    fn has_children(&self, node: usize) -> bool {
        self.nodes
            .get(node)
            .is_some_and(|n| !n.keys.is_empty() || !n.indices.is_empty())
    }

    fn key_child(&self, node: usize, key: &[u8]) -> Option<usize> {
        let n = self.nodes.get(node)?;
        let key = std::str::from_utf8(key).ok()?;
        match array_index(key) {
            Some(i) => n.indices.get(&i).copied(),
            None => n.keys.get(key).copied(),
        }
    }

    /// Whether array node `node` has a wanted element at `index` or after.
    fn wants_from(&self, node: usize, index: usize) -> bool {
        self.nodes
            .get(node)
            .is_some_and(|n| n.indices.range(index..).next().is_some())
    }

    fn index_child(&self, node: usize, index: usize) -> Option<usize> {
        self.nodes.get(node)?.indices.get(&index).copied()
    }

    /// The last places the node's value was found (at least [`Node::keep`] of them, when
    /// it was found so often), or — when it was not found — the last place of the
    /// innermost ancestor that was.
    fn occurrences(&self, node: usize) -> Result<Found<'_>, Position> {
        let mut at = node;
        loop {
            let n = self.nodes.get(at).ok_or(Position { line: 1, column: 1 })?;
            if let Some(last) = n.last {
                return if at == node {
                    Ok(Found {
                        earlier: &n.earlier,
                        last,
                    })
                } else {
                    Err(last)
                };
            }
            if at == ROOT {
                return Err(Position { line: 1, column: 1 });
            }
            at = n.parent;
        }
    }
}

/// The last places a node's value was found, in text order: `earlier`, then `last`.
#[derive(Debug, Clone, Copy)]
struct Found<'t> {
    earlier: &'t [Position],
    last: Position,
}

impl Found<'_> {
    fn len(&self) -> usize {
        self.earlier.len() + 1
    }

    /// The `i`-th place (the last one for any `i` past the others).
    fn get(&self, i: usize) -> Position {
        self.earlier.get(i).copied().unwrap_or(self.last)
    }
}

/// The array index a reference token stands for: decimal digits without a leading zero.
fn array_index(token: &str) -> Option<usize> {
    let canonical = token == "0"
        || (!token.is_empty()
            && !token.starts_with('0')
            && token.bytes().all(|b| b.is_ascii_digit()));
    if canonical {
        token.parse().ok()
    } else {
        None
    }
}

// The scan ----------------------------------------------------------------------------------

/// Deepest pointer the walk follows: far more than any path the validator reports.
const MAX_DEPTH: usize = 64;

// Most of a document is string content and skipped values, so the scan jumps to the next
// byte that matters eight bytes at a time: for each byte of a word, `x ^ (LO * b)` is zero
// where the byte is `b`, and `(v - LO) & !v & HI` sets the top bit of the lowest zero byte
// of `v` (higher bits may be spurious, the lowest is exact).
const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

fn zero_bytes(v: u64) -> u64 {
    v.wrapping_sub(LO) & !v & HI
}

fn bytes_equal(word: u64, byte: u8) -> u64 {
    zero_bytes(word ^ (LO * u64::from(byte)))
}

/// The first byte of `bytes` for which `wanted` gives a non-zero mask on its word, or which
/// `tail` accepts in the last few bytes.
fn find(bytes: &[u8], wanted: impl Fn(u64) -> u64, tail: impl Fn(u8) -> bool) -> Option<usize> {
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(<[u8; 8]>::try_from(chunk).ok()?);
        let mask = wanted(word);
        if mask != 0 {
            return Some(i + (mask.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes.get(i..)?.iter().position(|&b| tail(b)).map(|p| i + p)
}

/// The next byte that matters inside a string: its end, an escape, a line break.
fn find_in_string(bytes: &[u8]) -> Option<usize> {
    find(
        bytes,
        |w| bytes_equal(w, b'"') | bytes_equal(w, b'\\') | bytes_equal(w, b'\n'),
        |b| matches!(b, b'"' | b'\\' | b'\n'),
    )
}

/// The next byte that matters inside a skipped object or array: a string, a bracket, a line
/// break. (`{` and `[`, `}` and `]` differ only in the 0x20 bit.)
fn find_in_container(bytes: &[u8]) -> Option<usize> {
    find(
        bytes,
        |w| {
            let folded = w | (LO * 0x20);
            bytes_equal(folded, b'{')
                | bytes_equal(folded, b'}')
                | bytes_equal(w, b'"')
                | bytes_equal(w, b'\n')
        },
        |b| matches!(b, b'"' | b'{' | b'}' | b'[' | b']' | b'\n'),
    )
}

struct Scanner<'a> {
    text: &'a [u8],
    at: usize,
    line: u32,
    line_start: usize,
    /// The column last computed, and the offset it was computed at, so that positions on
    /// one long line (a minified document) cost one pass over it in all.
    column_at: usize,
    column: usize,
    /// Decoded keys that contain escapes; reused.
    scratch: String,
    /// The events the reader kept and the trie node of `/events`, while the first `events`
    /// member (the one the reader read) is still to be walked: see [`Scanner::jump`].
    events: Option<(&'a Places, usize)>,
    /// Whether the scan may stop once the events array has no wanted element left (see
    /// [`events_alone`]).
    stop_after_events: bool,
    /// The trie node of the last event wanted, when the scan may stop inside it: once
    /// every member wanted there is found, when the reader found its object regular
    /// ([`Places::regular`]: no member named twice, so none found again later).
    stop_in: Option<usize>,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a [u8]) -> Scanner<'a> {
        Scanner {
            text,
            at: 0,
            line: 1,
            line_start: 0,
            column_at: 0,
            column: 1,
            scratch: String::new(),
            events: None,
            stop_after_events: false,
            stop_in: None,
        }
    }

    /// Moves forward to `to`, counting the lines passed.
    fn seek(&mut self, to: usize) {
        let between = self.text.get(self.at..to).unwrap_or_default();
        let lines = line_breaks(between);
        if let Some(last) = between.iter().rposition(|&b| b == b'\n') {
            self.line = self.line.saturating_add(saturate(lines));
            self.line_start = self.at + last + 1;
        }
        self.at = to.max(self.at);
    }

    /// Where the object whose first member name begins at byte `name` opens: the `{`
    /// before its opening quote, across whitespace; `None` if the text is not so.
    fn object_before(&self, name: usize) -> Option<usize> {
        let quote = name.checked_sub(1)?;
        if self.text.get(quote) != Some(&b'"') {
            return None;
        }
        self.byte_before(quote, b'{')
    }

    /// Where `byte` stands before offset `at`, across whitespace only; `None` if something
    /// else comes first.
    fn byte_before(&self, mut at: usize, byte: u8) -> Option<usize> {
        loop {
            at = at.checked_sub(1)?;
            match *self.text.get(at)? {
                b' ' | b'\t' | b'\r' | b'\n' => {}
                b if b == byte => return Some(at),
                _ => return None,
            }
        }
    }

    /// In the events array `node`, before element `index`: moves to the next element a
    /// path wants, or — none being left — to the last event read, when the reader knew
    /// where it begins and it lies ahead; returns the index of the element now ahead, or
    /// `None` when it did not move. Anything the reader did not place is walked through
    /// as before.
    fn jump(&mut self, trie: &Trie<'_>, node: usize, index: usize) -> Option<usize> {
        let (events, _) = self.events?;
        let next = trie
            .nodes
            .get(node)
            .and_then(|n| n.indices.range(index..).next().map(|(&k, _)| k));
        let (k, name) = match next {
            Some(k) if k == index => return None,
            // A wanted slot the reader did not place (it could not be read, or its first
            // name had an escape): as near to it as the places allow, then walked.
            Some(k) => match events.start_of(k) {
                Some(name) => (k, name),
                None => events.placed_before(k).filter(|&(j, _)| j > index)?,
            },
            None => events.last_start().filter(|&(k, _)| k > index)?,
        };
        let open = self.object_before(name).filter(|&open| open > self.at)?;
        self.seek(open);
        Some(k)
    }

    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn position(&mut self) -> Position {
        if self.column_at < self.line_start || self.column_at > self.at {
            self.column_at = self.line_start;
            self.column = 1;
        }
        let between = self.text.get(self.column_at..self.at).unwrap_or_default();
        self.column += characters(between);
        self.column_at = self.at;
        Position {
            line: self.line,
            column: saturate(self.column),
        }
    }

    fn newline(&mut self) {
        self.line = self.line.saturating_add(1);
        self.line_start = self.at + 1;
    }

    fn whitespace(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b'\n' => self.newline(),
                b' ' | b'\t' | b'\r' => {}
                _ => break,
            }
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.whitespace();
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// At an opening quote: moves past the string and returns its raw content and whether
    /// it holds an escape.
    fn string(&mut self) -> Option<(&'a [u8], bool)> {
        let text = self.text;
        self.at += 1;
        let start = self.at;
        let mut escaped = false;
        loop {
            // Jump to the next byte that matters (most of a document is string content).
            let rest = text.get(self.at..)?;
            self.at += find_in_string(rest)?;
            match text.get(self.at)? {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    self.at += 1;
                }
                _ => self.newline(),
            }
            self.at += 1;
        }
        let raw = text.get(start..self.at)?;
        self.at += 1;
        Some((raw, escaped))
    }

    /// Moves past one value of any kind, without looking inside it.
    fn skip_value(&mut self) -> Option<()> {
        self.whitespace();
        match self.peek()? {
            b'"' => self.string().map(|_| ()),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    let rest = self.text.get(self.at..)?;
                    self.at += find_in_container(rest)?;
                    match self.peek()? {
                        b'"' => {
                            self.string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => {
                            depth = depth.checked_sub(1)?;
                            if depth == 0 {
                                self.at += 1;
                                return Some(());
                            }
                        }
                        _ => self.newline(),
                    }
                    self.at += 1;
                }
            }
            _ => {
                let start = self.at;
                while let Some(b) = self.peek() {
                    if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n') {
                        break;
                    }
                    self.at += 1;
                }
                (self.at > start).then_some(())
            }
        }
    }

    /// At a value whose path is trie node `node`: records where it starts, then descends
    /// into the members and elements the trie holds.
    fn walk(&mut self, trie: &mut Trie<'_>, node: usize, depth: usize) -> Option<()> {
        self.whitespace();
        if node != ROOT {
            let here = self.position();
            trie.record(node, here);
        }
        if !trie.has_children(node) || depth >= MAX_DEPTH {
            return self.skip_value();
        }
        match self.peek()? {
            b'{' => self.walk_object(trie, node, depth),
            b'[' => self.walk_array(trie, node, depth),
            _ => self.skip_value(),
        }
    }

    /// At the `{` of object `node`: walks the members the trie holds, skips the others.
    fn walk_object(&mut self, trie: &mut Trie<'_>, node: usize, depth: usize) -> Option<()> {
        self.at += 1;
        self.whitespace();
        if self.peek()? == b'}' {
            self.at += 1;
            return Some(());
        }
        loop {
            self.whitespace();
            if self.peek()? != b'"' {
                return None;
            }
            let (raw, escaped) = self.string()?;
            let child = if escaped {
                let mut key = std::mem::take(&mut self.scratch);
                let child = if unescape(raw, &mut key) {
                    trie.key_child(node, key.as_bytes())
                } else {
                    None
                };
                self.scratch = key;
                child
            } else {
                trie.key_child(node, raw)
            };
            self.expect(b':')?;
            match child {
                Some(child) => {
                    self.walk(trie, child, depth + 1)?;
                    if self.stop_in == Some(node) && trie.children_found(node) {
                        // The last event wanted, everything wanted in it found, and no
                        // member named again after: nothing is left to find.
                        return None;
                    }
                }
                None => self.skip_value()?,
            }
            self.whitespace();
            match self.peek()? {
                b',' => self.at += 1,
                b'}' => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }

    /// At the `[` of array `node`: walks the elements the trie holds, skips the others —
    /// or, in the events the reader read, jumps over them (see [`Scanner::jump`]).
    fn walk_array(&mut self, trie: &mut Trie<'_>, node: usize, depth: usize) -> Option<()> {
        self.at += 1;
        self.whitespace();
        if self.peek()? == b']' {
            self.at += 1;
            return Some(());
        }
        // The events the reader read, placed: only in the first `events` met.
        let jumping = self.events.is_some_and(|(_, n)| n == node);
        let mut index = 0usize;
        loop {
            if jumping && self.stop_after_events && !trie.wants_from(node, index) {
                // Nothing after this point is wanted: done (see `events_alone`).
                return None;
            }
            if jumping {
                index = self.jump(trie, node, index).unwrap_or(index);
            }
            match trie.index_child(node, index) {
                // An event wanted itself, nothing inside it: placed, then left by a jump
                // when the next one can be reached so.
                Some(child) if jumping && !trie.has_children(child) => {
                    self.whitespace();
                    let here = self.position();
                    trie.record(child, here);
                    if self.stop_after_events && !trie.wants_from(node, index + 1) {
                        return None;
                    }
                    if let Some(next) = self.jump(trie, node, index + 1) {
                        index = next;
                        continue;
                    }
                    self.skip_value()?;
                }
                Some(child) => {
                    if jumping && self.stop_after_events && !trie.wants_from(node, index + 1) {
                        // The last event wanted: the walk may stop inside it (see
                        // `walk_object`) when the reader found it regular.
                        let regular = self.events.is_some_and(|(p, _)| p.regular(index));
                        self.stop_in = regular.then_some(child);
                    }
                    self.walk(trie, child, depth + 1)?;
                }
                None => self.skip_value()?,
            }
            self.whitespace();
            match self.peek()? {
                b',' => self.at += 1,
                b']' => {
                    self.at += 1;
                    if jumping {
                        self.events = None;
                    }
                    return Some(());
                }
                _ => return None,
            }
            index += 1;
        }
    }
}

/// Decodes the JSON escapes of a string's raw content into `out` (cleared first). False
/// when the content is not valid JSON string text.
fn unescape(raw: &[u8], out: &mut String) -> bool {
    out.clear();
    let Ok(raw) = std::str::from_utf8(raw) else {
        return false;
    };
    let mut chars = raw.chars();
    let mut pending_high: Option<u32> = None;
    while let Some(c) = chars.next() {
        if c != '\\' {
            if pending_high.take().is_some() {
                return false;
            }
            out.push(c);
            continue;
        }
        let decoded = match chars.next() {
            Some('"') => '"',
            Some('\\') => '\\',
            Some('/') => '/',
            Some('b') => '\u{8}',
            Some('f') => '\u{c}',
            Some('n') => '\n',
            Some('r') => '\r',
            Some('t') => '\t',
            Some('u') => {
                let mut unit = 0u32;
                for _ in 0..4 {
                    match chars.next().and_then(|h| h.to_digit(16)) {
                        Some(d) => unit = unit * 16 + d,
                        None => return false,
                    }
                }
                match (pending_high.take(), unit) {
                    (None, 0xD800..=0xDBFF) => {
                        pending_high = Some(unit);
                        continue;
                    }
                    (Some(high), 0xDC00..=0xDFFF) => {
                        let scalar = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00);
                        match char::from_u32(scalar) {
                            Some(c) => c,
                            None => return false,
                        }
                    }
                    (None, _) => match char::from_u32(unit) {
                        Some(c) => c,
                        None => return false,
                    },
                    (Some(_), _) => return false,
                }
            }
            _ => return false,
        };
        if pending_high.is_some() {
            return false;
        }
        out.push(decoded);
    }
    pending_high.is_none()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use super::*;
    use crate::diagnostic::Related;
    use crate::validate::{validate_json, Options};

    /// The (line, column) `annotate` gives each of `paths`, one diagnostic per path.
    fn places(text: &str, paths: &[&str]) -> Vec<(u32, u32)> {
        let mut diagnostics: Vec<Diagnostic> = paths
            .iter()
            .map(|p| Diagnostic::new(Code::SchemaViolation, *p, "test"))
            .collect();
        annotate(text.as_bytes(), &mut diagnostics, None);
        diagnostics
            .iter()
            .map(|d| (d.line.unwrap(), d.column.unwrap()))
            .collect()
    }

    // Every expected position below was counted by hand, character by character.

    #[test]
    fn nested_arrays_and_objects() {
        let text = "{\"a\": [1, {\"b\": [true, \"x\"]}],\n \"c\": {\"d\": null}}";
        assert_eq!(
            places(text, &["/a/1/b/1", "/a", "/a/1", "/c/d", "", "/a/0"]),
            [(1, 24), (1, 7), (1, 11), (2, 13), (1, 1), (1, 8)]
        );
    }

    #[test]
    fn a_missing_member_points_at_the_object_that_lacks_it() {
        let text = "{\"a\": [1, {\"b\": [true, \"x\"]}],\n \"c\": {\"d\": null}}";
        // `/c/e` is missing: the object `c`; `/a/5` is past the end: the array `a`; `/z/y`:
        // nothing on the path exists but the document.
        assert_eq!(
            places(text, &["/c/e", "/a/5", "/z/y", "/a/1/b/0/deeper"]),
            [(2, 7), (1, 7), (1, 1), (1, 18)]
        );
    }

    #[test]
    fn escaped_keys() {
        let text = "{\n\"a/b\": 1,\n\"m~n\": 2,\n\"q\\\"k\": 3,\n\"\\u00e9t\\u00e9\": 4\n}";
        assert_eq!(
            places(text, &["/a~1b", "/m~0n", "/q\"k", "/été"]),
            [(2, 8), (3, 8), (4, 9), (5, 18)]
        );
    }

    #[test]
    fn multi_byte_characters_count_as_one_column_each() {
        // Ü ï ø é are two bytes each, ☃ three, 𝄞 four: the byte column of 5 would be 39.
        let text = "{\"name\": \"Ünïcødé ☃ 𝄞\", \"x\": 5}";
        assert_eq!(places(text, &["/x"]), [(1, 30)]);
    }

    #[test]
    fn crlf_is_one_line_break() {
        let text = "{\r\n  \"a\": 1,\r\n  \"b\": [\r\n    2\r\n  ]\r\n}";
        assert_eq!(
            places(text, &["/a", "/b/0", "/b"]),
            [(2, 8), (4, 5), (3, 8)]
        );
    }

    #[test]
    fn a_byte_order_mark_is_not_counted() {
        let text = "\u{feff}{\"a\": 1,\n\"b\": 2}";
        assert_eq!(places(text, &["/a", "/b", ""]), [(1, 7), (2, 6), (1, 1)]);
    }

    #[test]
    fn a_repeated_member_points_at_the_repeats() {
        let text = r#"{"a": 1, "a": 2, "a": 3}"#;
        // One finding: the last occurrence.
        assert_eq!(places(text, &["/a"]), [(1, 23)]);
        // Two findings (the two repeats): each its own repeat, in order.
        assert_eq!(places(text, &["/a", "/a"]), [(1, 15), (1, 23)]);
        // More findings than occurrences: the first ones share the first occurrence.
        let text = r#"{"a": 1, "a": 2}"#;
        assert_eq!(places(text, &["/a", "/a", "/a"]), [(1, 7), (1, 7), (1, 15)]);
    }

    #[test]
    fn related_places_get_positions_too() {
        let text =
            "{\"events\": [\n  {\"date\": \"2020-02-03\"},\n  {\"date\": \"2020-01-01\"}\n]}";
        let mut d = vec![
            Diagnostic::new(Code::EventsOutOfOrder, "/events/1/date", "test")
                .with_related(Related::new("/events/0", "the event before")),
        ];
        annotate(text.as_bytes(), &mut d, None);
        assert_eq!((d[0].line, d[0].column), (Some(3), Some(12)));
        assert_eq!(
            (d[0].related[0].line, d[0].related[0].column),
            (Some(2), Some(3))
        );
    }

    #[test]
    fn a_path_into_a_value_of_the_wrong_shape() {
        // `date` is an object, which the reader skips: the path still finds it. A string
        // holding brackets and quotes does not throw the skipping off.
        let text = "{\"junk\": \"[{\\\"\", \"events\": [{\"date\": {\"y\": [2020]}}]}";
        assert_eq!(
            places(text, &["/events/0/date", "/events/0/date/y/0"]),
            [(1, 38), (1, 45)]
        );
    }

    #[test]
    fn the_word_at_a_time_search_finds_the_first_byte_that_matters() {
        for text in ["", "a", "abcdefgh", "abcdefghijklmnopq"] {
            assert_eq!(find_in_string(text.as_bytes()), None, "{text:?}");
            assert_eq!(find_in_container(text.as_bytes()), None, "{text:?}");
        }
        // At every offset, in a word and in the tail, with a byte that matters later on.
        for at in 0..20 {
            for (byte, in_string, in_container) in [
                ('"', true, true),
                ('\\', true, false),
                ('\n', true, true),
                ('{', false, true),
                ('[', false, true),
                ('}', false, true),
                (']', false, true),
                ('{', false, true),
                ('\u{7f}', false, false),
                ('é', false, false),
            ] {
                let text = format!("{}{byte}xyz\"{{", "a".repeat(at));
                let s = find_in_string(text.as_bytes());
                let c = find_in_container(text.as_bytes());
                let later_s = text.find('"').filter(|&i| i > at || byte == '"');
                let later_c = text.find(['"', '{']).filter(|&i| i >= at);
                assert_eq!(s, if in_string { Some(at) } else { later_s }, "{text:?}");
                assert_eq!(c, if in_container { Some(at) } else { later_c }, "{text:?}");
            }
        }
    }

    #[test]
    fn no_diagnostics_means_no_scan() {
        let mut none: Vec<Diagnostic> = Vec::new();
        annotate(b"{ not even json", &mut none, None);
        assert!(none.is_empty());
    }

    fn validated(text: &[u8]) -> Vec<Diagnostic> {
        validate_json(text, &Options::default()).diagnostics
    }

    #[test]
    fn malformed_json_points_where_reading_stopped_in_characters() {
        // serde_json stops at the `"` after `1`: byte column 10, character column 9 (é is
        // two bytes). The message is made to agree with the fields.
        let d = validated("{\"é\": 1 \"x\": 2}".as_bytes());
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, Code::MalformedJson);
        assert_eq!((d[0].line, d[0].column), (Some(1), Some(9)));
        assert!(
            d[0].message.contains("line 1, column 9"),
            "{}",
            d[0].message
        );

        // On a later line, after a byte-order mark and CRLF.
        let d = validated(b"\xEF\xBB\xBF{\r\n  \"a\": tru\r\n}");
        assert_eq!(d[0].code, Code::MalformedJson);
        assert_eq!(d[0].line, Some(2), "{}", d[0].message);
        let column = d[0].column.unwrap();
        assert!(
            d[0].message.contains(&format!("line 2, column {column}")),
            "{} vs {column}",
            d[0].message
        );
    }

    /// The report on `text` placed twice: by the walk that jumps to the events the reader
    /// placed, and by the walk through everything.
    fn placed_both_ways(text: &str) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
        let (report, events) =
            crate::validate::validate_json_without_positions(text.as_bytes(), &Options::default());
        let mut jumped = report.diagnostics.clone();
        annotate(text.as_bytes(), &mut jumped, Some(&events));
        let mut walked = report.diagnostics;
        annotate(text.as_bytes(), &mut walked, None);
        (jumped, walked)
    }

    #[test]
    fn jumping_to_the_events_places_every_finding_where_the_full_walk_does() {
        // Clean events (notes in date order) between events with findings (an unknown
        // member, a repeated member, blank text, an impossible date), slots the reader
        // could not read (a number, an empty object, an unknown kind), clean events whose
        // first member name has an escape (their start is not known), findings on the area
        // and on the document; with and without unread slots after the last event read.
        let event = |i: usize| -> String {
            let day = 1 + i % 28;
            match i % 10 {
                0 => format!(
                    r#"{{"date": "2020-02-{day:02}", "kind": "note", "title": "t", "x": 1}}"#
                ),
                3 => {
                    format!(r#"{{"\u0064ate": "2020-03-{day:02}", "kind": "note", "title": "é"}}"#)
                }
                5 if i % 20 == 5 => "7".to_owned(),
                5 => format!(
                    r#"{{"date": "2020-04-{day:02}", "kind": "note", "title": "é𝄞", "title": "u"}}"#
                ),
                8 if i % 30 == 8 => "{}".to_owned(),
                8 => format!(r#"{{"kind": "note", "date": "2020-05-{day:02}", "title": " "}}"#),
                9 if i % 40 == 9 => r#"{"date": "2020-02-30", "kind": "nope"}"#.to_owned(),
                _ => format!(r#"{{"date": "2020-06-{day:02}", "kind": "note", "title": "clean"}}"#),
            }
        };
        let mut checked = 0;
        for tail in [false, true] {
            let mut events: Vec<String> = (0..60).map(event).collect();
            // Clean events after the last finding, so that the walk jumps to the last one.
            events.extend(
                (0..5).map(|_| {
                    r#"{"date": "2020-12-01", "kind": "note", "title": "end"}"#.to_owned()
                }),
            );
            if tail {
                events.push("[]".to_owned());
                events.push("null".to_owned());
            }
            let body = events.join(",\n    ");
            let pretty = format!(
                "{{\"schema_version\": 1, \"y\": 0,\n  \"area\": {{\"name\": \"X\", \"w\": 2, \"local_authority\": \"X Council\", \"health_bodies\": [{{\"kind\": \"ccg\", \"name\": \"X CCG\"}}]}},\n  \"events\": [\n    {body}\n  ],\n  \"z\": 1}}"
            );
            let minified = pretty
                .replace("\n    ", "")
                .replace("\n  ", "")
                .replace('\n', "");
            let crlf = format!("\u{feff}{}", pretty.replace('\n', "\r\n"));
            for (name, text) in [
                ("pretty", &pretty),
                ("minified", &minified),
                ("crlf", &crlf),
            ] {
                let (jumped, walked) = placed_both_ways(text);
                assert!(jumped.len() >= 15, "{name}: {} findings", jumped.len());
                assert_eq!(jumped, walked, "{name}, tail {tail}");
                checked += check_positions(name, text);
            }
        }
        assert!(checked >= 90, "{checked}");
    }

    /// Documents whose findings all lie in the events, each with whether the scan may go
    /// straight to the array: it may, unless the document names `events` twice or its first
    /// event was not placed.
    fn straight_cases() -> Vec<(String, bool)> {
        let clean = |i: usize| {
            format!(
                r#"{{"date": "2020-06-{:02}", "kind": "note", "title": "clean"}}"#,
                1 + i % 28
            )
        };
        let finding = |i: usize| match i % 3 {
            0 => format!(
                r#"{{"date": "2020-07-{:02}", "kind": "note", "title": "t", "x": 1}}"#,
                1 + i % 28
            ),
            1 => format!(
                r#"{{"date": "2020-07-{:02}", "kind": "note", "title": " "}}"#,
                1 + i % 28
            ),
            _ => format!(
                r#"{{"date": "2020-07-{:02}", "kind": "note", "title": "a", "title": "b"}}"#,
                1 + i % 28
            ),
        };
        let head = "{\"schema_version\": 1,\n  \"area\": {\"name\": \"X\", \"local_authority\": \"X Council\", \"health_bodies\": [{\"kind\": \"ccg\", \"name\": \"X CCG\"}]},\n  \"events\": [\n    ";
        let mut cases: Vec<(String, bool)> = Vec::new();
        for last in [3usize, 10, 29] {
            // Findings at 0, at every seventh event up to `last`, and clean events after.
            let events: Vec<String> = (0..40)
                .map(|i| {
                    if i == 0 || (i % 7 == 0 && i <= last) || i == last {
                        finding(i)
                    } else {
                        clean(i)
                    }
                })
                .collect();
            let body = events.join(",\n    ");
            cases.push((format!("{head}{body}\n  ]\n}}"), true));
            cases.push((
                format!("{head}{body}\n  ],\n  \"events\": [{}]\n}}", finding(1)),
                false,
            ));
            cases.push((format!("{head}7, {body}\n  ]\n}}"), false));
            cases.push((
                format!(
                    "{head}{}, {body}\n  ]\n}}",
                    clean(0).replacen("\"date\"", "\"\\u0064ate\"", 1)
                ),
                false,
            ));
            cases.push((format!("{head}{body}\n  ]\n}}").replace('\n', "\r\n"), true));
            cases.push((format!("{head}{body}\n  ]\n}}").replace('\n', ""), true));
        }
        // The last event wanted with its wanted member first: the scan stops inside it
        // when the reader found it regular, and walks on through a member named again
        // (whose repeat a finding wants) or one the format does not know.
        for tail in [
            r#", "source": "a [long] \"quoted\" {source}, with } and ]", "note": "n""#,
            r#", "title": "again""#,
            r#", "x": [1, {"title": " "}], "x": 2"#,
            // Regular, with a second member wanted after others (a field of another kind).
            r#", "source": "s", "letter_date": "2020-13-01", "note": "n""#,
        ] {
            // In date order, so that the only findings are those of events 0 and 5.
            let last = format!(r#"{{"title": " ", "date": "2020-06-06", "kind": "note"{tail}}}"#);
            let events: Vec<String> = (0..12)
                .map(|i| match i {
                    0 => {
                        r#"{"date": "2020-01-01", "kind": "note", "title": "t", "x": 1}"#.to_owned()
                    }
                    5 => last.clone(),
                    _ => clean(i),
                })
                .collect();
            let body = events.join(",\n    ");
            cases.push((format!("{head}{body}\n  ]\n}}"), true));
        }
        // A finding about the array itself (a deadline passed by the end of the timeline).
        let deadline = [
            r#"{"date": "2020-02-03", "kind": "inspection_started"}"#,
            r#"{"date": "2020-02-07", "kind": "inspection_ended"}"#,
            r#"{"date": "2020-03-27", "kind": "report_published", "weaknesses": [{"id": "a", "title": "A"}]}"#,
            r#"{"date": "2021-06-01", "kind": "note", "title": "later"}"#,
        ]
        .join(",\n    ");
        cases.push((format!("{head}{deadline}\n  ]\n}}"), true));
        cases
    }

    #[test]
    fn going_straight_to_the_events_places_every_finding_where_the_full_walk_does() {
        // The scan goes straight to the array and stops after its last wanted element.
        let cases = straight_cases();
        let mut straight = 0;
        for (text, expected) in &cases {
            let (report, places) = crate::validate::validate_json_without_positions(
                text.as_bytes(),
                &Options::default(),
            );
            assert!(!report.diagnostics.is_empty(), "{text}");
            let trie = wanted(&report.diagnostics);
            let node = trie.key_child(ROOT, b"events");
            let scan = Scanner::new(text.as_bytes());
            let went = node
                .and_then(|_| events_alone(&scan, &trie, &places))
                .is_some();
            assert_eq!(went, *expected, "{text}");
            straight += usize::from(went);
            let (jumped, walked) = placed_both_ways(text);
            assert_eq!(jumped, walked, "{text}");
            check_positions("straight", text);
        }
        assert_eq!(straight, 14);
        assert!(cases
            .last()
            .is_some_and(|(text, _)| validated(text.as_bytes())
                .iter()
                .any(|d| d.path == "/events")));
    }

    #[test]
    fn a_member_repeated_many_times_keeps_only_the_occurrences_needed() {
        // Three diagnostics at a member repeated 10,000 times: placed at the last three
        // occurrences, in order, though the walk keeps only the last few it met.
        let members: String = (0..10_000).map(|i| format!(r#""x":{i},"#)).collect();
        let text = format!(r#"{{{members}"y":0}}"#);
        let mut d: Vec<Diagnostic> = (0..3)
            .map(|_| Diagnostic::new(Code::SchemaViolation, "/x", "test"))
            .collect();
        annotate(text.as_bytes(), &mut d, None);
        let columns: Vec<u32> = d.iter().map(|d| d.column.unwrap()).collect();
        let at =
            |i: usize| 1 + u32::try_from(text.find(&format!(r#":{i},"#)).unwrap()).unwrap() + 1;
        assert_eq!(columns, vec![at(9_997), at(9_998), at(9_999)]);
    }

    #[test]
    fn line_breaks_are_counted_across_blocks() {
        for n in [0, 1, 254, 255, 256, 511, 1_000] {
            let text: Vec<u8> = (0..n * 3)
                .map(|i| if i % 3 == 1 { b'\n' } else { b'a' })
                .collect();
            assert_eq!(line_breaks(&text), n, "{n}");
        }
        // Every length across several blocks and their remainders, every byte a line feed
        // (the most a block's `u8` count holds).
        let all = [b'\n'; 700];
        for n in 0..=all.len() {
            assert_eq!(line_breaks(&all[..n]), n, "{n} line feeds");
        }
    }

    #[test]
    fn an_empty_file_is_line_1_column_1() {
        for text in [&b""[..], b"\xEF\xBB\xBF"] {
            let d = validated(text);
            assert_eq!(d[0].code, Code::MalformedJson);
            assert_eq!((d[0].line, d[0].column), (Some(1), Some(1)), "{:?}", d[0]);
        }
    }

    #[test]
    fn the_validator_fills_positions_of_its_own_findings() {
        // Event 0 has no kind (the object that lacks it), event 1 an object for a date,
        // and `wrong` is an unknown member of the document.
        let text = "{\"schema_version\": 1,\n \"area\": {\"name\": \"X\", \"local_authority\": \"X Council\", \"health_bodies\": [{\"kind\": \"ccg\", \"name\": \"X CCG\"}]},\n \"events\": [\n  {\"date\": \"2020-02-03\"},\n  {\"date\": {\"y\": 1}, \"kind\": \"note\", \"title\": \"t\"}\n ],\n \"wrong\": 0}";
        let d = validated(text.as_bytes());
        let at = |path: &str| {
            let d = d
                .iter()
                .find(|d| d.path == path)
                .unwrap_or_else(|| panic!("{path}: {d:#?}"));
            (d.line.unwrap(), d.column.unwrap())
        };
        // A missing member is reported at the object that lacks it.
        assert_eq!(at("/events/0"), (4, 3));
        assert_eq!(at("/events/1/date"), (5, 12));
        assert_eq!(at("/wrong"), (7, 11));
    }

    /// The byte offset of 1-based (line, column in characters), after a byte-order mark.
    fn offset_of(text: &str, line: u32, column: u32) -> usize {
        let body = text.strip_prefix('\u{feff}').unwrap_or(text);
        let skipped = text.len() - body.len();
        let mut start = 0;
        for _ in 1..line {
            start += body[start..].find('\n').expect("line in range") + 1;
        }
        let within: usize = body[start..]
            .chars()
            .take(column as usize - 1)
            .map(char::len_utf8)
            .sum();
        skipped + start + within
    }

    /// The value `path` names in the document, or for a missing one the innermost value
    /// on the path that exists.
    fn named<'v>(doc: &'v serde_json::Value, path: &str) -> &'v serde_json::Value {
        let mut path = path;
        loop {
            if let Some(v) = doc.pointer(path) {
                return v;
            }
            path = &path[..path.rfind('/').unwrap_or(0)];
        }
    }

    /// Checks that every diagnostic (and related place) of the report on `text` has a
    /// position, and that the text there starts the value its path names.
    fn check_positions(name: &str, text: &str) -> usize {
        let diagnostics = validated(text.as_bytes());
        let doc: serde_json::Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .expect("the documents checked here are JSON");
        let mut places: Vec<(String, Option<u32>, Option<u32>)> = Vec::new();
        for d in &diagnostics {
            places.push((d.path.clone(), d.line, d.column));
            for r in &d.related {
                places.push((r.path.clone(), r.line, r.column));
            }
        }
        for (path, line, column) in &places {
            let (Some(line), Some(column)) = (*line, *column) else {
                panic!("{name}: {path} has no position: {diagnostics:#?}");
            };
            let rest = &text[offset_of(text, line, column)..];
            let found: serde_json::Value = serde_json::Deserializer::from_str(rest)
                .into_iter()
                .next()
                .unwrap_or_else(|| panic!("{name}: nothing at {line}:{column} for {path}"))
                .unwrap_or_else(|e| panic!("{name}: no value at {line}:{column} for {path}: {e}"));
            if &found == named(&doc, path) {
                continue;
            }
            // A repeated member: serde_json's `Value` keeps the last occurrence, while a
            // finding about an earlier one points there. The text must still be a value of
            // a member with the path's last key.
            let before = text[..offset_of(text, line, column)].trim_end();
            let before = before.strip_suffix(':').unwrap_or_default().trim_end();
            let key = path.rsplit('/').next().unwrap_or_default();
            let quoted = serde_json::to_string(&key.replace("~1", "/").replace("~0", "~")).unwrap();
            assert!(
                before.ends_with(&quoted),
                "{name}: {path} at {line}:{column} is {found}, not {}",
                named(&doc, path)
            );
        }
        // The blank name is the first of two `name`s: `empty_text` points at it, and the
        // "appears more than once" finding at the repeat.
        let names = diagnostics
            .iter()
            .filter(|d| d.path == "/area/name")
            .count();
        let repeated = name.contains("broken") && doc.pointer("/area/name").is_some();
        assert_eq!(names, if repeated { 2 } else { 0 }, "{name}");
        for d in diagnostics.iter().filter(|d| d.path == "/area/name") {
            let rest = &text[offset_of(text, d.line.unwrap(), d.column.unwrap())..];
            match d.code {
                Code::EmptyText => assert!(rest.starts_with("\" \""), "{name}: {d:?}"),
                Code::SchemaViolation => {
                    // The repeat: the area's own name, which the broken copy keeps second.
                    let own = doc
                        .pointer("/area/name")
                        .and_then(|v| v.as_str())
                        .unwrap_or_default();
                    assert!(rest.starts_with(&format!("\"{own}")), "{name}: {d:?}");
                }
                _ => {}
            }
        }
        places.len()
    }

    #[test]
    fn every_testdata_diagnostic_points_at_the_value_its_path_names() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        files.sort();
        assert!(files.len() >= 2, "{files:?}");
        let mut checked = 0;
        for file in &files {
            let name = file.display().to_string();
            let text = std::fs::read_to_string(file).unwrap();
            checked += check_positions(&name, &text);
            // The same timeline broken in several ways at once, so that the walk meets
            // findings deep in events, in the area and at the document: unknown kinds,
            // impossible dates, an unknown member, events out of order, blank text, a
            // repeated member.
            let broken = text
                .replacen("\"kind\": \"note\"", "\"kind\": \"nope\"", 1)
                .replacen(
                    "\"kind\": \"inspection_ended\"",
                    "\"kind\": \"inspection_ended\", \"x\": {\"y\": []}",
                    1,
                )
                .replacen("-0", "-1", 3)
                .replacen("\"date\": \"20", "\"date\": \"19", 2)
                .replacen("\"name\": \"", "\"name\": \" \", \"name\": \"", 1)
                .replace(
                    "\"wsoa_submitted\"",
                    "\"wsoa_submitted\", \"date\": \"2020-02-30\"",
                );
            checked += check_positions(&format!("{name} (broken)"), &broken);
            // And with a byte-order mark and CRLF line ends.
            let crlf = format!("\u{feff}{}", broken.replace('\n', "\r\n"));
            checked += check_positions(&format!("{name} (broken, CRLF)"), &crlf);
        }
        eprintln!("{checked} places checked");
        assert!(checked >= 30, "only {checked} places checked");
    }

    mod properties {
        use super::super::*;
        use super::offset_of;
        use proptest::prelude::*;
        use proptest::test_runner::{Config, RngSeed};
        use serde_json::Value;

        /// JSON values with awkward keys: pointer syntax (`/`, `~`), quotes, escapes,
        /// non-ASCII and astral characters.
        fn value() -> impl Strategy<Value = Value> {
            let key = prop::sample::select(vec![
                "a", "b", "date", "a/b", "~", "~1", "q\"k", "é", "𝄞", "", "0", "10", "\\", "\n",
            ])
            .prop_map(str::to_owned);
            let leaf = prop_oneof![
                Just(Value::Null),
                any::<bool>().prop_map(Value::Bool),
                any::<i64>().prop_map(Value::from),
                "[a-z é\"\\\\{}\\[\\],:𝄞]{0,8}".prop_map(Value::String),
            ];
            leaf.prop_recursive(4, 40, 6, move |inner| {
                prop_oneof![
                    prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                    prop::collection::btree_map(key.clone(), inner, 0..6)
                        .prop_map(|m| Value::Object(m.into_iter().collect())),
                ]
            })
        }

        /// Every JSON Pointer into `v`, with the value it names.
        fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
            out.push(at.clone());
            match v {
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        pointers(item, format!("{at}/{i}"), out);
                    }
                }
                Value::Object(map) => {
                    for (k, item) in map {
                        let token = k.replace('~', "~0").replace('/', "~1");
                        pointers(item, format!("{at}/{token}"), out);
                    }
                }
                _ => {}
            }
        }

        fn config() -> Config {
            let default = Config::default();
            Config {
                failure_persistence: None,
                rng_seed: match default.rng_seed {
                    RngSeed::Random => RngSeed::Fixed(20261201),
                    chosen => chosen,
                },
                ..default
            }
        }

        proptest! {
            #![proptest_config(config())]

            /// In any JSON text — compact or pretty, with or without a byte-order mark and
            /// CRLF line ends, keys escaped or not — the position of every pointer into the
            /// document starts the value that pointer names.
            #[test]
            fn every_position_starts_the_value_its_pointer_names(
                v in value(),
                pretty in any::<bool>(),
                bom in any::<bool>(),
                crlf in any::<bool>(),
                ascii in any::<bool>(),
            ) {
                let mut text = if pretty {
                    serde_json::to_string_pretty(&v).unwrap()
                } else {
                    serde_json::to_string(&v).unwrap()
                };
                if ascii {
                    // Non-ASCII as \u escapes, so that keys must be unescaped to match.
                    text = text
                        .chars()
                        .map(|c| if c.is_ascii() { c.to_string() } else {
                            let mut units = [0u16; 2];
                            c.encode_utf16(&mut units).iter().map(|u| format!("\\u{u:04x}")).collect()
                        })
                        .collect();
                }
                if crlf {
                    text = text.replace('\n', "\r\n");
                }
                if bom {
                    text.insert(0, '\u{feff}');
                }
                let mut all = Vec::new();
                pointers(&v, String::new(), &mut all);
                let mut diagnostics: Vec<Diagnostic> = all
                    .iter()
                    .map(|p| Diagnostic::new(Code::SchemaViolation, p.as_str(), "test"))
                    .collect();
                annotate(text.as_bytes(), &mut diagnostics, None);
                for d in &diagnostics {
                    let (line, column) = (d.line.unwrap(), d.column.unwrap());
                    let rest = &text[offset_of(&text, line, column)..];
                    let found: Value = serde_json::Deserializer::from_str(rest)
                        .into_iter()
                        .next()
                        .unwrap()
                        .unwrap();
                    prop_assert_eq!(Some(&found), v.pointer(&d.path), "{} at {}:{}", d.path, line, column);
                }
            }

            /// On any bytes and any paths, `annotate` gives every diagnostic a position and
            /// does not panic.
            #[test]
            fn any_bytes_and_paths_get_a_position(
                bytes in prop::collection::vec(any::<u8>(), 0..200),
                paths in prop::collection::vec("(/[a-z0-9~]{0,3}){0,4}", 0..5),
            ) {
                let mut diagnostics: Vec<Diagnostic> = paths
                    .iter()
                    .map(|p| Diagnostic::new(Code::SchemaViolation, p.as_str(), "test"))
                    .collect();
                annotate(&bytes, &mut diagnostics, None);
                for d in &diagnostics {
                    prop_assert!(d.line.unwrap() >= 1 && d.column.unwrap() >= 1);
                }
            }
        }
    }
}
