//! The contract's names of the public name enums, as `FromStr`: every name reads back into
//! the value whose `Display` printed it.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::diagnostic::{Code, Severity};
use crate::event::EventKind;
use crate::json::did_you_mean;
use crate::lifecycle::{Stage, WeaknessStage};

/// A name that is not one of the contract's names of its kind.
///
/// # Example
/// ```
/// use send_lifecycle::{Code, UnknownName};
/// let e = "wsoa_lat".parse::<Code>().unwrap_err();
/// assert_eq!(e.name(), "wsoa_lat");
/// assert_eq!(e.to_string(), "`wsoa_lat` is not a diagnostic code of this version; did you mean `wsoa_late`?");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{name}` is not {what} of this version{}", suggestion_text(.suggestion))]
pub struct UnknownName {
    name: String,
    what: &'static str,
    suggestion: Option<&'static str>,
}

fn suggestion_text(s: &Option<&'static str>) -> String {
    s.map_or_else(String::new, |s| format!("; did you mean `{s}`?"))
}

impl UnknownName {
    /// The name that was not known.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The known name it is closest to, if one is close.
    pub fn suggestion(&self) -> Option<&'static str> {
        self.suggestion
    }
}

/// The indefinite article for `words` in a message: "an" before a vowel ("an APP review",
/// "an `inspection_ended` event"), "a" otherwise. Every name and phrase this crate writes
/// is English whose first letter says how it sounds (no "hour", no "union").
pub(crate) fn article(words: &str) -> &'static str {
    let first = words.trim_start_matches(['`', '"', '(']).chars().next();
    if first.is_some_and(|c| "aeiouAEIOU".contains(c)) {
        "an"
    } else {
        "a"
    }
}

macro_rules! names {
    ($( $ty:ty => $what:literal, $all:expr; )*) => {
        $(
            impl FromStr for $ty {
                type Err = UnknownName;

                fn from_str(s: &str) -> Result<$ty, UnknownName> {
                    <$ty>::from_name(s).ok_or_else(|| UnknownName {
                        name: s.to_owned(),
                        what: $what,
                        suggestion: did_you_mean(s, $all.iter().map(|v| v.as_str())),
                    })
                }
            }
        )*
    };
}

/// Serde by the contract's name, for the name enums that a report holds. Reading an
/// unknown name on its own is an error, as for `FromStr` (only a [`crate::Report`],
/// [`crate::Diagnostic`] or [`crate::WeaknessStatus`] keeps one); writing the `Unknown`
/// variant on its own is an error too, since its name is not in it.
macro_rules! serde_by_name {
    ($( $ty:ty => $what:literal; )*) => {
        $(
            impl Serialize for $ty {
                fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    if *self == <$ty>::Unknown {
                        return Err(serde::ser::Error::custom(concat!(
                            $what,
                            " of a newer version has no name of its own: serialise the report, diagnostic or weakness that holds it"
                        )));
                    }
                    serializer.serialize_str(self.as_str())
                }
            }

            impl<'de> Deserialize<'de> for $ty {
                fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$ty, D::Error> {
                    struct ByName;
                    impl Visitor<'_> for ByName {
                        type Value = $ty;
                        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                            f.write_str(concat!($what, " of the contract, as a string"))
                        }
                        fn visit_str<E: de::Error>(self, name: &str) -> Result<$ty, E> {
                            name.parse::<$ty>().map_err(E::custom)
                        }
                    }
                    deserializer.deserialize_str(ByName)
                }
            }
        )*
    };
}

serde_by_name! {
    Code => "a diagnostic code";
    Stage => "a stage";
    WeaknessStage => "a weakness stage";
    Severity => "a severity";
}

/// A name read from a report: its value, and the text itself when this version does not
/// know it (the value is then `unknown`), so that it can be written back.
pub(crate) fn read_name<T: FromStr>(name: String, unknown: T) -> (T, Option<Box<str>>) {
    match name.parse::<T>() {
        Ok(value) => (value, None),
        Err(_) => (unknown, Some(name.into_boxed_str())),
    }
}

/// The name to write for `value`: the kept text when `value` is `unknown`.
pub(crate) fn written<'a, T: PartialEq>(
    value: T,
    unknown: T,
    known: &'static str,
    kept: Option<&'a str>,
) -> &'a str {
    match kept {
        Some(text) if value == unknown => text,
        _ => known,
    }
}

names! {
    Code => "a diagnostic code", Code::ALL;
    Stage => "a stage", Stage::ALL;
    WeaknessStage => "a weakness stage", WeaknessStage::ALL;
    Severity => "a severity", Severity::ALL;
    EventKind => "an event kind", EventKind::ALL;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_reads_back_into_its_value() {
        for c in Code::ALL {
            assert_eq!(c.to_string().parse::<Code>(), Ok(*c));
        }
        for s in Stage::ALL {
            assert_eq!(s.to_string().parse::<Stage>(), Ok(*s));
        }
        for s in WeaknessStage::ALL {
            assert_eq!(s.to_string().parse::<WeaknessStage>(), Ok(*s));
        }
        for s in Severity::ALL {
            assert_eq!(s.to_string().parse::<Severity>(), Ok(*s));
        }
        for k in EventKind::ALL {
            assert_eq!(k.to_string().parse::<EventKind>(), Ok(*k));
        }
    }

    #[test]
    fn the_article_follows_the_first_sound() {
        assert_eq!(article("APP review"), "an");
        assert_eq!(article("`inspection_ended` event"), "an");
        assert_eq!(article("formal monitoring meeting"), "a");
        assert_eq!(article("`wsoa_submitted` event"), "a");
        assert_eq!(article(""), "a");
    }

    #[test]
    fn a_near_miss_is_suggested_and_a_far_one_is_not() {
        let e = "monitorng".parse::<Stage>().unwrap_err();
        assert_eq!(e.suggestion(), Some("monitoring"));
        assert_eq!("banana".parse::<Stage>().unwrap_err().suggestion(), None);
    }
}
