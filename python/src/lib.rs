//! `send_lifecycle._native`: the Python binding of the `send-lifecycle` validator.
//!
//! This is the compiled half of the Python package `send_lifecycle` (maturin's mixed
//! layout: `python/send_lifecycle/__init__.py` is the public face, and re-exports what is
//! here). The Python half sorts the kinds of source a caller may hand over (text, bytes, a
//! parsed `dict`/`list`, a path) into two native calls, one for bytes and one for a file;
//! everything else — the options, the validation, the report — is the Rust library's,
//! unchanged:
//!
//! - `validate_bytes` and `validate_path` run `send_lifecycle::validate_json` and
//!   `send_lifecycle::validate_reader` (the CLI's bounded reading) with the interpreter
//!   detached, so other Python threads run while a timeline is checked;
//! - `PyReport` and `PyDiagnostic` hold the library's `Report` and `Diagnostic` and give
//!   their fields as Python values on demand: a report's JSON form (`to_dict`, `to_json`) is
//!   the library's serialisation, so it equals what `send-lifecycle validate --format json`
//!   prints (the help of a `limit_exceeded` finding names `Limits(…)` where the CLI's names
//!   its options);
//! - `PyLimits` mirrors `send_lifecycle::Limits`, its defaults read from the library;
//! - `explain` renders the CLI's explanation of a code (the CLI's `explain.rs`, compiled
//!   here as a module of its own; see `explain`).
//!
//! Nothing reachable from Python panics on its input: every failure of the input is a
//! diagnostic in the report, and only operational failures (a file that cannot be read, an
//! option of the wrong type or value) raise.

use std::io;
use std::path::PathBuf;

use pyo3::exceptions::{PyOSError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyList, PyTuple};
use send_lifecycle::{Code, Diagnostic, EventDate, Limits, Options, Policy, Report};
use serde::Serialize;

/// The CLI's explanations of the codes, compiled from the CLI's own source (the binary
/// crate `cli/` has no library to depend on). Only its non-test part is compiled here:
/// this crate has no Rust test target.
#[path = "../../cli/src/explain.rs"]
mod explain_entries;

/// Python's `json.loads`, looked up once.
static JSON_LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// `value` as a Python object: its JSON form (the library's serde serialisation) read back
/// by Python's `json` module, so that key order and every name are the report's own.
fn to_python<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(value)
        .map_err(|e| PyRuntimeError::new_err(format!("the report could not be serialised: {e}")))?;
    JSON_LOADS.import(py, "json", "loads")?.call1((text,))
}

/// The widest indent `to_json` writes: more is surely a mistake, and would only make the
/// text huge.
const MAX_INDENT: usize = 64;

/// The report as JSON text: `indent` spaces per level (the library's `Report::to_json` for
/// 2, what the CLI prints), or compact on one line for `None`.
fn to_json_text<T: Serialize + ?Sized>(value: &T, indent: Option<usize>) -> PyResult<String> {
    let failed = |e: serde_json::Error| {
        PyRuntimeError::new_err(format!("the report could not be serialised: {e}"))
    };
    match indent {
        None => serde_json::to_string(value).map_err(failed),
        Some(n) if n > MAX_INDENT => Err(PyValueError::new_err(format!(
            "indent: at most {MAX_INDENT} spaces, not {n}"
        ))),
        Some(n) => {
            let spaces = vec![b' '; n];
            let mut out = Vec::new();
            let formatter = serde_json::ser::PrettyFormatter::with_indent(&spaces);
            let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
            value.serialize(&mut serializer).map_err(failed)?;
            String::from_utf8(out).map_err(|e| PyRuntimeError::new_err(e.to_string()))
        }
    }
}

/// A limit as Python sees it: `None` for no limit (`usize::MAX`).
fn limit_to_python(n: usize) -> Option<usize> {
    (n != usize::MAX).then_some(n)
}

/// The library's help names its Rust `Limits` API; from Python, name the `Limits` class.
/// (The CLI does the same for its options.) A wording the table does not know is left as
/// it is.
const PYTHON_HELP: &[(&str, &str)] = &[
    (
        "raise `Limits::max_input_bytes`",
        "raise the limit with `limits=Limits(max_input_bytes=N)` (or lift it: `max_input_bytes=None`)",
    ),
    (
        "a program embedding the crate can raise `Limits::max_events`",
        "raise the limit with `limits=Limits(max_events=N)` (or lift it: `max_events=None`)",
    ),
    (
        "`Limits::default().max_diagnostics_per_event(n).max_diagnostics(m)`",
        "`limits=Limits(max_diagnostics_per_event=n, max_diagnostics=m)`",
    ),
    ("`Limits::max_text_bytes`", "`Limits(max_text_bytes=N)`"),
];

fn pythonic_help(report: &mut Report) {
    for d in &mut report.diagnostics {
        if let Some(help) = &mut d.help {
            if help.contains("Limits::") {
                for (rust, python) in PYTHON_HELP {
                    if help.contains(rust) {
                        *help = help.replace(rust, python);
                    }
                }
            }
        }
    }
}

/// The options of one call, from what the Python half checked and passed on.
fn options(
    as_of: Option<&str>,
    limits: Option<&PyLimits>,
    policy: Option<&str>,
) -> PyResult<Options> {
    let day = match as_of {
        None => None,
        Some(text) => Some(EventDate::parse_day(text).map_err(|e| {
            PyValueError::new_err(format!(
                "as_of: {e} (give a datetime.date or a day as 'YYYY-MM-DD')"
            ))
        })?),
    };
    let policy = match policy {
        None => Policy::default(),
        Some(json) => serde_json::from_str::<Policy>(json)
            .map_err(|e| PyValueError::new_err(format!("policy: {e}")))?,
    };
    Ok(Options::default()
        .as_of(day)
        .with_limits(limits.map_or_else(Limits::default, |l| l.inner))
        .with_policy(policy))
}

/// Validates a timeline given as JSON bytes (`send_lifecycle::validate_json`), with the
/// interpreter detached. `as_of` is a day as `YYYY-MM-DD`; `policy`, the JSON form of a
/// `send_lifecycle::Policy` (unknown fields refused).
#[pyfunction]
#[pyo3(signature = (data, *, as_of = None, limits = None, policy = None))]
fn validate_bytes(
    py: Python<'_>,
    data: &[u8],
    as_of: Option<&str>,
    limits: Option<PyRef<'_, PyLimits>>,
    policy: Option<&str>,
) -> PyResult<PyReport> {
    let options = options(as_of, limits.as_deref(), policy)?;
    let mut report = py.detach(|| send_lifecycle::validate_json(data, &options));
    pythonic_help(&mut report);
    Ok(PyReport { inner: report })
}

/// Validates the timeline in the file at `path`, read as the CLI reads one
/// (`send_lifecycle::validate_reader`: no more than the input limit plus one byte), with the
/// interpreter detached. A file that cannot be opened or read raises the `OSError` subclass
/// of its errno (`FileNotFoundError`, `IsADirectoryError`, `PermissionError`, …), with
/// the path as its `filename`.
#[pyfunction]
#[pyo3(signature = (path, *, as_of = None, limits = None, policy = None))]
fn validate_path(
    py: Python<'_>,
    path: PathBuf,
    as_of: Option<&str>,
    limits: Option<PyRef<'_, PyLimits>>,
    policy: Option<&str>,
) -> PyResult<PyReport> {
    let options = options(as_of, limits.as_deref(), policy)?;
    let read = py.detach(|| {
        let file = std::fs::File::open(&path)?;
        send_lifecycle::validate_reader(io::BufReader::new(file), &options)
    });
    match read {
        Ok(mut report) => {
            pythonic_help(&mut report);
            Ok(PyReport { inner: report })
        }
        Err(e) => Err(os_error(py, &e, path)),
    }
}

/// `OSError(errno, strerror, filename)`, which Python turns into the subclass of the errno
/// (as `open()` raises); without an errno, a plain `OSError` with the message.
fn os_error(py: Python<'_>, error: &io::Error, path: PathBuf) -> PyErr {
    match error.raw_os_error() {
        Some(errno) => {
            let strerror = py
                .import("os")
                .and_then(|os| os.call_method1("strerror", (errno,)))
                .and_then(|s| s.extract::<String>())
                .unwrap_or_else(|_| error.to_string());
            PyOSError::new_err((errno, strerror, path.into_os_string()))
        }
        None => PyOSError::new_err(format!("{}: {error}", path.display())),
    }
}

/// What a diagnostic code means, a small record that triggers it and how to put it right:
/// the text `send-lifecycle explain CODE` prints. An unknown code raises `ValueError`
/// naming the known ones.
#[pyfunction]
fn explain(code: &str) -> PyResult<String> {
    match explain_entries::entry(code) {
        Some(entry) => Ok(entry.render()),
        None => {
            let known: Vec<&str> = Code::ALL.iter().map(Code::as_str).collect();
            Err(PyValueError::new_err(format!(
                "no code {code:?}; the codes are: {}",
                known.join(", ")
            )))
        }
    }
}

/// Input limits, mirroring `send_lifecycle::Limits`: every argument defaults to the
/// library's default, and `None` lifts that limit. `Limits.unlimited()` lifts them all
/// (for input you trust).
///
/// - `max_input_bytes`: the largest input, in bytes (default 32 MiB);
/// - `max_events`: the most events checked in one timeline (default 100,000);
/// - `max_text_bytes`: the longest text, a name, title, citation or note (default 10,000);
/// - `max_diagnostics_per_event`: the most findings about one event (default 32);
/// - `max_diagnostics`: the most findings in one report (default 1,000).
///
/// Input past a limit is a `limit_exceeded` finding in the report, not an exception.
#[pyclass(frozen, eq, module = "send_lifecycle", name = "Limits")]
#[derive(Clone, PartialEq)]
struct PyLimits {
    inner: Limits,
}

/// The library's default limits.
fn default_limits() -> Limits {
    Limits::default()
}

#[pymethods]
impl PyLimits {
    #[new]
    #[pyo3(signature = (
        *,
        max_input_bytes = Some(default_limits().max_input_bytes),
        max_events = Some(default_limits().max_events),
        max_text_bytes = Some(default_limits().max_text_bytes),
        max_diagnostics_per_event = Some(default_limits().max_diagnostics_per_event),
        max_diagnostics = Some(default_limits().max_diagnostics),
    ))]
    #[pyo3(
        text_signature = "(*, max_input_bytes=..., max_events=..., max_text_bytes=..., max_diagnostics_per_event=..., max_diagnostics=...)"
    )]
    fn new(
        max_input_bytes: Option<usize>,
        max_events: Option<usize>,
        max_text_bytes: Option<usize>,
        max_diagnostics_per_event: Option<usize>,
        max_diagnostics: Option<usize>,
    ) -> PyLimits {
        let or_none = |n: Option<usize>| n.unwrap_or(usize::MAX);
        PyLimits {
            inner: Limits::default()
                .max_input_bytes(or_none(max_input_bytes))
                .max_events(or_none(max_events))
                .max_text_bytes(or_none(max_text_bytes))
                .max_diagnostics_per_event(or_none(max_diagnostics_per_event))
                .max_diagnostics(or_none(max_diagnostics)),
        }
    }

    /// No limits at all, for input you trust.
    #[staticmethod]
    fn unlimited() -> PyLimits {
        PyLimits {
            inner: Limits::unlimited(),
        }
    }

    /// The largest input, in bytes (`None`: no limit).
    #[getter]
    fn max_input_bytes(&self) -> Option<usize> {
        limit_to_python(self.inner.max_input_bytes)
    }

    /// The most events checked in one timeline (`None`: no limit).
    #[getter]
    fn max_events(&self) -> Option<usize> {
        limit_to_python(self.inner.max_events)
    }

    /// The longest text, in bytes (`None`: no limit).
    #[getter]
    fn max_text_bytes(&self) -> Option<usize> {
        limit_to_python(self.inner.max_text_bytes)
    }

    /// The most findings about one event (`None`: no limit).
    #[getter]
    fn max_diagnostics_per_event(&self) -> Option<usize> {
        limit_to_python(self.inner.max_diagnostics_per_event)
    }

    /// The most findings in one report (`None`: no limit).
    #[getter]
    fn max_diagnostics(&self) -> Option<usize> {
        limit_to_python(self.inner.max_diagnostics)
    }

    /// The limits as a dict of the constructor's arguments.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let dict = pyo3::types::PyDict::new(py);
        for (name, value) in self.fields() {
            dict.set_item(name, value)?;
        }
        Ok(dict.into_any())
    }

    fn __repr__(&self) -> String {
        let args: Vec<String> = self
            .fields()
            .iter()
            .map(|(name, value)| match value {
                Some(n) => format!("{name}={n}"),
                None => format!("{name}=None"),
            })
            .collect();
        format!("Limits({})", args.join(", "))
    }
}

impl PyLimits {
    fn fields(&self) -> [(&'static str, Option<usize>); 5] {
        [
            ("max_input_bytes", self.max_input_bytes()),
            ("max_events", self.max_events()),
            ("max_text_bytes", self.max_text_bytes()),
            (
                "max_diagnostics_per_event",
                self.max_diagnostics_per_event(),
            ),
            ("max_diagnostics", self.max_diagnostics()),
        ]
    }
}

/// What validation found: the library's report. Every attribute is the value of the same
/// key in `to_dict()` (dates as `'YYYY-MM-DD'` text, names as text), except `diagnostics`,
/// a list of `Diagnostic` objects. `to_dict()` and `to_json()` are the report exactly as
/// `send-lifecycle validate --format json` prints it (the contract's report JSON), but for
/// the help of a `limit_exceeded` finding, which names the `Limits` class's arguments where
/// the command names its options.
///
/// Findings are never exceptions: an unreadable document is a report with a
/// `malformed_json` diagnostic, and `valid` is `False` whenever a diagnostic is an error.
#[pyclass(frozen, module = "send_lifecycle", name = "Report")]
struct PyReport {
    inner: Report,
}

#[pymethods]
impl PyReport {
    /// True when no diagnostic is an error (warnings and infos allowed).
    #[getter]
    fn valid(&self) -> bool {
        self.inner.valid
    }

    /// The report format's version: 1.
    #[getter]
    fn schema_version(&self) -> u32 {
        self.inner.schema_version
    }

    /// The framework in force at the end (`'local_area_send_2016'` or `'area_send_2023'`).
    #[getter]
    fn framework<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.framework)
    }

    /// The stage after the last event the validator could apply, such as `'monitoring'`.
    #[getter]
    fn stage(&self) -> &str {
        self.inner.stage_name()
    }

    /// The latest 2023 outcome (`'positive'`, `'inconsistent'`, `'widespread_failings'`),
    /// or `None`.
    #[getter]
    fn outcome<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.outcome)
    }

    /// The 2016 record still open beside the 2023 framework (a dict), or `None`.
    #[getter]
    fn legacy<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.legacy)
    }

    /// The latest WSoA deadline, `'YYYY-MM-DD'`, when known to the day; else `None`.
    #[getter]
    fn wsoa_deadline<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.wsoa_deadline)
    }

    /// The WSoA deadline as a window with what it rests on (a dict), or `None`.
    #[getter]
    fn wsoa_deadline_window<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.wsoa_deadline_window)
    }

    /// The latest APP deadline, if the policy sets one (a dict), or `None`.
    #[getter]
    fn app_deadline<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.app_deadline)
    }

    /// Every 2016 weakness known by id, with its last stage (a list of dicts).
    #[getter]
    fn weaknesses<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.weaknesses)
    }

    /// Every 2023 area for priority action known by id, with its stage (a list of dicts).
    #[getter]
    fn priority_actions<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.priority_actions)
    }

    /// Every 2023 area for improvement known by id (a list of dicts).
    #[getter]
    fn improvements<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.improvements)
    }

    /// Per kind of item, how many are in each stage (a dict of dicts).
    #[getter]
    fn item_counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.item_counts)
    }

    /// What the area must do or expect next, the earliest `latest` first (a list of dicts
    /// with `what`, `framework`, `earliest`, `latest`, `basis`, `firm`).
    #[getter]
    fn next_due<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.next_due)
    }

    /// The health bodies in force after the last event (a list of dicts).
    #[getter]
    fn health_bodies<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.health_bodies)
    }

    /// Whether a DfE improvement notice is in force.
    #[getter]
    fn improvement_notice_in_force(&self) -> bool {
        self.inner.improvement_notice_in_force
    }

    /// How many events the input holds.
    #[getter]
    fn events_total(&self) -> usize {
        self.inner.events_total
    }

    /// How many of them the engine applied.
    #[getter]
    fn events_applied(&self) -> usize {
        self.inner.events_applied
    }

    /// Every finding, as `Diagnostic` objects, sorted by event index (findings about the
    /// whole document first), then code.
    #[getter]
    fn diagnostics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(
            py,
            self.inner
                .diagnostics
                .iter()
                .map(|d| PyDiagnostic { inner: d.clone() }),
        )
    }

    /// The report as plain Python data (dicts, lists, text, numbers, `None`), in the
    /// contract's field order: equal to `json.loads` of what
    /// `send-lifecycle validate --format json` prints. A new dict each call.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner)
    }

    /// The report as JSON text: `indent` spaces per level (the default 2 is exactly what
    /// `send-lifecycle validate --format json` prints, without its final newline), or one
    /// compact line with `indent=None`. An indent over 64 raises `ValueError`.
    #[pyo3(signature = (*, indent = Some(2)), text_signature = "(self, /, *, indent=2)")]
    fn to_json(&self, indent: Option<usize>) -> PyResult<String> {
        to_json_text(&self.inner, indent)
    }

    /// The diagnostics as a pandas `DataFrame`, one row each (columns as in
    /// `Diagnostic.to_dict()`). Needs pandas, which this package does not install.
    fn to_dataframe<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        slf.py()
            .import("send_lifecycle._frames")?
            .call_method1("diagnostics_frame", (slf,))
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyReport>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __repr__(&self) -> String {
        let r = &self.inner;
        let mut counts = [0usize; 3];
        for d in &r.diagnostics {
            if let Some(slot) = match d.severity_name() {
                "error" => counts.get_mut(0),
                "warning" => counts.get_mut(1),
                "info" => counts.get_mut(2),
                _ => None,
            } {
                *slot += 1;
            }
        }
        let framework = serde_json::to_value(r.framework)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let [errors, warnings, infos] = counts;
        format!(
            "<Report valid={valid} framework={framework:?} stage={stage:?} events={applied}/{total} diagnostics={n} (errors={errors}, warnings={warnings}, infos={infos})>",
            valid = if r.valid { "True" } else { "False" },
            stage = r.stage_name(),
            applied = r.events_applied,
            total = r.events_total,
            n = r.diagnostics.len(),
        )
    }
}

/// One finding: a stable `code`, its `severity` (`'error'`, `'warning'`, `'info'`), a
/// `message` that stands on its own, the JSON Pointer `path` of the place concerned and,
/// for a document read from text, its 1-based `line` and `column` (in characters). Other
/// attributes, `None` or empty when they do not apply: `help`, `event_index`,
/// `event_date`, `stage`, `expected`, `related`.
#[pyclass(frozen, module = "send_lifecycle", name = "Diagnostic")]
struct PyDiagnostic {
    inner: Diagnostic,
}

#[pymethods]
impl PyDiagnostic {
    /// The stable code, such as `'wsoa_late'` (`explain(code)` says what it means).
    #[getter]
    fn code(&self) -> &str {
        self.inner.code_name()
    }

    /// `'error'`, `'warning'` or `'info'`.
    #[getter]
    fn severity(&self) -> &str {
        self.inner.severity_name()
    }

    /// A sentence that stands on its own.
    #[getter]
    fn message(&self) -> &str {
        &self.inner.message
    }

    /// A JSON Pointer (RFC 6901) to the place concerned; `''` is the whole document.
    #[getter]
    fn path(&self) -> &str {
        &self.inner.path
    }

    /// The 1-based line of the value `path` points at, or `None`.
    #[getter]
    fn line(&self) -> Option<u32> {
        self.inner.line
    }

    /// The 1-based column of that value, in characters, or `None`.
    #[getter]
    fn column(&self) -> Option<u32> {
        self.inner.column
    }

    /// How to put it right, or `None`.
    #[getter]
    fn help(&self) -> Option<&str> {
        self.inner.help.as_deref()
    }

    /// The index of the event concerned, or `None`.
    #[getter]
    fn event_index(&self) -> Option<usize> {
        self.inner.event_index
    }

    /// The date of the event concerned as written (`'2020-03-27'`, `'2020-03'`, `'2020'`),
    /// or `None`.
    #[getter]
    fn event_date<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.event_date)
    }

    /// The stage the area was in, where it matters, or `None`.
    #[getter]
    fn stage(&self) -> Option<&str> {
        self.inner.stage_name()
    }

    /// What would have been allowed instead (event kinds, date forms, limits).
    #[getter]
    fn expected(&self) -> Vec<String> {
        self.inner.expected.clone()
    }

    /// Other places the finding concerns (dicts with `path`, `line`, `column`, `message`).
    #[getter]
    fn related<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner.related)
    }

    /// The diagnostic as in the report's JSON (fields that do not apply left out).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_python(py, &self.inner)
    }

    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other
            .cast::<PyDiagnostic>()
            .is_ok_and(|o| o.get().inner == self.inner)
    }

    fn __repr__(&self) -> String {
        let d = &self.inner;
        let place = match (d.line, d.column) {
            (Some(line), Some(column)) => format!(" at {line}:{column}"),
            _ => String::new(),
        };
        format!(
            "<Diagnostic {severity}[{code}] {path:?}{place}: {message}>",
            severity = d.severity_name(),
            code = d.code_name(),
            path = d.path,
            message = d.message,
        )
    }
}

/// The national view (`send_lifecycle_england`): every area in England from Ofsted's
/// published data built into the package, validated as of `as_of` (a day as `YYYY-MM-DD`;
/// `None`: the newest source's snapshot). Returns the view as JSON and as CSV, for
/// `send_lifecycle.england()` to wrap. Builds with the interpreter detached.
#[pyfunction]
#[pyo3(signature = (*, as_of = None))]
fn england(py: Python<'_>, as_of: Option<&str>) -> PyResult<(String, String)> {
    let day = match as_of {
        None => None,
        Some(text) => Some(EventDate::parse_day(text).map_err(|e| {
            PyValueError::new_err(format!(
                "as_of: {e} (give a datetime.date or a day as 'YYYY-MM-DD')"
            ))
        })?),
    };
    Ok(py.detach(|| {
        let view = send_lifecycle_england::import(&send_lifecycle_england::shipped()).national(day);
        (view.to_json(), view.to_csv())
    }))
}

/// The compiled half of the Python package `send_lifecycle`; import `send_lifecycle`,
/// not this module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(validate_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(validate_path, m)?)?;
    m.add_function(wrap_pyfunction!(explain, m)?)?;
    m.add_function(wrap_pyfunction!(england, m)?)?;
    m.add_class::<PyReport>()?;
    m.add_class::<PyDiagnostic>()?;
    m.add_class::<PyLimits>()?;
    let codes: Vec<&str> = Code::ALL.iter().map(Code::as_str).collect();
    m.add("CODES", PyTuple::new(m.py(), codes)?)?;
    m.add(
        "ENGLAND_COLUMNS",
        PyTuple::new(m.py(), send_lifecycle_england::CSV_COLUMNS)?,
    )?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
