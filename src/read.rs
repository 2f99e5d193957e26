//! Validating from a reader, reading no more than the input limit allows.

use std::io::Read;

use crate::diagnostic::Code;
use crate::report::Report;
use crate::validate::{validate_json, Options};

/// Validates a timeline read from `reader` (a file, standard input, a socket), reading at
/// most `options.limits.max_input_bytes + 1` bytes after an optional UTF-8 byte-order mark.
/// Input longer than the limit is reported as `limit_exceeded` without reading the rest,
/// so an endless stream costs no more memory than the limit.
///
/// Only a failure to read is an `Err`; every problem with what was read is a diagnostic.
///
/// # Example
/// ```
/// use send_lifecycle::{validate_reader, Limits, Options};
///
/// let timeline = br#"{"schema_version": 1,
///   "area": {"name": "X", "local_authority": "X Council",
///            "health_bodies": [{"kind": "ccg", "name": "X CCG"}]},
///   "events": [{"date": "2020-02-03", "kind": "inspection_started"}]}"#;
/// let report = validate_reader(&timeline[..], &Options::default())?;
/// assert!(report.valid);
///
/// // An endless input with a 1,000-byte limit: reading stops after 1,001 bytes.
/// let mut limits = Limits::default();
/// limits.max_input_bytes = 1_000;
/// let endless = std::io::repeat(b' ');
/// let report = validate_reader(endless, &Options::default().with_limits(limits))?;
/// assert!(!report.valid);
/// assert_eq!(report.diagnostics[0].code.as_str(), "limit_exceeded");
/// assert!(report.diagnostics[0].message.contains("more than the limit of 1000 bytes"));
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn validate_reader<R: Read>(reader: R, options: &Options) -> std::io::Result<Report> {
    let max = options.limits.max_input_bytes;
    let allowed = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    let mut reader = reader.take(allowed);
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes)?;
    // The byte-order mark does not count against the limit (the reader ignores it).
    if bytes.starts_with(b"\xEF\xBB\xBF") && reader.limit() == 0 {
        let mut rest = reader.into_inner().take(3);
        rest.read_to_end(&mut bytes)?;
    }
    let read = bytes.len();
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes).len();
    let mut report = validate_json(&bytes, options);
    if body > max {
        // The reader saw only the start: say so, rather than give its length as the input's.
        for d in &mut report.diagnostics {
            if d.code == Code::LimitExceeded && d.path.is_empty() {
                d.message = format!(
                    "the input is more than the limit of {max} bytes (reading stopped after {read} bytes); it was not read"
                );
            }
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use super::*;
    use crate::json::Limits;
    use std::io;

    fn limited(max: usize) -> Options {
        Options::default().with_limits(Limits {
            max_input_bytes: max,
            ..Limits::default()
        })
    }

    /// A reader that counts the bytes taken from it and never ends.
    struct Endless<'a> {
        taken: &'a mut usize,
    }

    impl Read for Endless<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            buf.fill(b'[');
            *self.taken += buf.len();
            Ok(buf.len())
        }
    }

    #[test]
    fn an_endless_reader_is_read_to_the_limit_plus_one_byte_only() {
        let mut taken = 0;
        let report = validate_reader(Endless { taken: &mut taken }, &limited(10_000)).unwrap();
        assert_eq!(taken, 10_001);
        assert_eq!(report.diagnostics.len(), 1, "{:#?}", report.diagnostics);
        let d = &report.diagnostics[0];
        assert_eq!((d.code, d.path.as_str()), (Code::LimitExceeded, ""));
        assert!(
            d.message.contains("reading stopped after 10001 bytes"),
            "{}",
            d.message
        );
        assert_eq!((d.line, d.column), (Some(1), Some(1)));
    }

    #[test]
    fn input_of_exactly_the_limit_is_read_whole() {
        let text = br#"{"schema_version": 1, "area": {"name": "X", "local_authority": "X Council", "health_bodies": [{"kind": "ccg", "name": "X CCG"}]}, "events": []}"#;
        let report = validate_reader(&text[..], &limited(text.len())).unwrap();
        assert!(report.valid, "{:#?}", report.diagnostics);
        let report = validate_reader(&text[..], &limited(text.len() - 1)).unwrap();
        assert_eq!(report.diagnostics[0].code, Code::LimitExceeded);
    }

    #[test]
    fn a_byte_order_mark_does_not_count_against_the_limit() {
        let mut text = b"\xEF\xBB\xBF".to_vec();
        text.extend_from_slice(br#"{"schema_version": 1, "area": {"name": "X", "local_authority": "X Council", "health_bodies": [{"kind": "ccg", "name": "X CCG"}]}, "events": []}"#);
        let report = validate_reader(&text[..], &limited(text.len() - 3)).unwrap();
        assert!(report.valid, "{:#?}", report.diagnostics);
    }

    #[test]
    fn a_failing_reader_is_an_error() {
        struct Broken;
        impl Read for Broken {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::Error::other("disk on fire"))
            }
        }
        assert!(validate_reader(Broken, &Options::default()).is_err());
    }
}
