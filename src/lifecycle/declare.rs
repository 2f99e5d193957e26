//! The one macro a framework's rows are declared with.
//!
//! A row says: in these stages, an event of this kind, under this condition, leads to that
//! stage — and which typestate method records it. From one list of rows the macro emits
//! both the runtime transition table (a `const` slice of [`crate::Rule`]) and the
//! typestate API's methods (`impl typed::Inspected<S>` blocks), so the two cannot disagree:
//! a row without a method, or a method without a row, cannot be written.
//!
//! Grammar of a row:
//!
//! ```text
//! #[doc = "what the method records"]
//! [Stage, Stage] Kind { Condition => Target }               fn method(arg: Type) = EventDetail;
//! [Stage] Kind -> Outcome { C1 => T1 as V1, C2 => T2 as V2 } fn method(arg: Type) = EventDetail;
//! [*] Kind { Condition => Same }                            fn method(arg: Type) = EventDetail;
//! ```
//!
//! `Same` is a target that leaves the stage as it is; `[*]` is every stage of the
//! declaration (the method is then generic over the stage); a row with an `-> Outcome`
//! branches on the payload and its method returns the `Outcome` enum, one variant per
//! branch.

/// Declares a transition table and its typestate methods; see the module docs.
macro_rules! transitions {
    (
        $(#[$tmeta:meta])*
        pub const $table:ident = every $all:path, markers $m:ident;
        $(
            #[doc = $doc:literal]
            $froms:tt $kind:ident $( -> $outcome:ident )? {
                $( $cond:expr => $to:ident $( as $variant:ident )? ),+ $(,)?
            }
            fn $method:ident $args:tt = $detail:expr;
        )*
    ) => {
        $(#[$tmeta])*
        pub const $table: &[$crate::lifecycle::Rule] = &[
            $( $( $crate::lifecycle::Rule {
                from: $crate::lifecycle::declare::stages!($all; $froms),
                event: $crate::event::EventKind::$kind,
                condition: $cond,
                to: $crate::lifecycle::declare::target!($to),
            }, )+ )*
        ];
        $(
            $crate::lifecycle::declare::typed_row!(
                $m $froms [$( $outcome )?] { $( $cond => $to $( as $variant )? ),+ }
                $method $args $detail; $doc
            );
        )*
    };
}

/// The stages of a row as a slice.
macro_rules! stages {
    ($all:path; [*]) => {
        $all
    };
    ($all:path; [$($from:ident),+]) => {
        &[ $( $crate::lifecycle::Stage::$from ),+ ]
    };
}

/// A row's target.
macro_rules! target {
    (Same) => {
        $crate::lifecycle::Target::Stay
    };
    ($to:ident) => {
        $crate::lifecycle::Target::Stage($crate::lifecycle::Stage::$to)
    };
}

/// The typestate methods of one row.
macro_rules! typed_row {
    // Recorded in every stage, changing none: one generic method.
    ($m:ident [*] [] { $cond:expr => Same } $method:ident ( $( $arg:ident : $argty:ty ),* ) $detail:expr; $doc:literal) => {
        impl<S: $crate::typed::StageMarker> $crate::typed::$m::Inspected<S> {
            #[doc = $doc]
            ///
            /// The stage is unchanged. Refused (the area handed back as it was) when the
            /// engine refuses the event, e.g. for a date certainly earlier than an event
            /// before it.
            pub fn $method(
                self,
                date: $crate::EventDate,
                $( $arg: $argty ),*
            ) -> ::std::result::Result<$crate::typed::$m::Inspected<S>, $crate::typed::$m::Refused<S>> {
                self.step(date, $detail)
            }
        }
    };
    // One target: the method on each of the row's stages.
    ($m:ident [$($from:ident),+] [] { $cond:expr => $to:ident } $method:ident $args:tt $detail:expr; $doc:literal) => {
        $( $crate::lifecycle::declare::typed_step!($m $from $to $method $args $detail; $doc); )+
    };
    // A branch on the payload: the method returns which branch the engine took.
    ($m:ident [$from:ident] [$outcome:ident] { $( $cond:expr => $to:ident as $variant:ident ),+ } $method:ident ( $( $arg:ident : $argty:ty ),* ) $detail:expr; $doc:literal) => {
        #[doc = concat!("Where `Inspected::", stringify!($method), "` leads: one variant per branch of its row.")]
        // Not `#[non_exhaustive]`: a typestate caller matches every branch, so that a new
        // branch of the row is a compile error where it must be handled.
        #[derive(Debug, Clone, PartialEq)]
        pub enum $outcome {
            $(
                #[doc = concat!("The area is now in `", stringify!($to), "` (", stringify!($cond), ").")]
                $variant($crate::typed::$m::Inspected<$crate::typed::$m::$to>),
            )+
        }

        impl $crate::typed::$m::Inspected<$crate::typed::$m::$from> {
            #[doc = $doc]
            ///
            /// Refused (the area handed back as it was) when the engine refuses the event:
            /// a payload that contradicts what the area holds, or a date certainly earlier
            /// than an event before it.
            pub fn $method(
                self,
                date: $crate::EventDate,
                $( $arg: $argty ),*
            ) -> ::std::result::Result<$outcome, $crate::typed::$m::Refused<$crate::typed::$m::$from>> {
                type Make = fn(
                    $crate::typed::$m::Inspected<$crate::typed::$m::$from>,
                ) -> $outcome;
                let event = self.event(date, $detail);
                // The branch is the row the engine chose (two rows may lead to one stage),
                // read from the one verdict the engine applies by.
                self.apply_branch(event, |verdict| {
                    let condition = verdict.row().condition;
                    $(
                        if condition == $cond {
                            let make: Make = |area| $outcome::$variant(area.into_stage());
                            return Ok(make);
                        }
                    )+
                    // The macro that generates this method and the table from one
                    // declaration makes this unreachable; a refusal, not a panic.
                    Err($crate::RejectionReason::Internal { reached: verdict.to() })
                })
            }
        }
    };
}

/// One typestate method on one stage.
macro_rules! typed_step {
    ($m:ident $from:ident Same $method:ident ( $( $arg:ident : $argty:ty ),* ) $detail:expr; $doc:literal) => {
        impl $crate::typed::$m::Inspected<$crate::typed::$m::$from> {
            #[doc = $doc]
            ///
            /// The stage is unchanged. Refused (the area handed back as it was) when the
            /// engine refuses the event.
            pub fn $method(
                self,
                date: $crate::EventDate,
                $( $arg: $argty ),*
            ) -> ::std::result::Result<
                $crate::typed::$m::Inspected<$crate::typed::$m::$from>,
                $crate::typed::$m::Refused<$crate::typed::$m::$from>,
            > {
                self.step(date, $detail)
            }
        }
    };
    ($m:ident $from:ident $to:ident $method:ident ( $( $arg:ident : $argty:ty ),* ) $detail:expr; $doc:literal) => {
        impl $crate::typed::$m::Inspected<$crate::typed::$m::$from> {
            #[doc = $doc]
            ///
            #[doc = concat!("Leads to `", stringify!($to), "`. Refused (the area handed back as it was) when the engine refuses the event, e.g. for a date certainly earlier than an event before it.")]
            pub fn $method(
                self,
                date: $crate::EventDate,
                $( $arg: $argty ),*
            ) -> ::std::result::Result<
                $crate::typed::$m::Inspected<$crate::typed::$m::$to>,
                $crate::typed::$m::Refused<$crate::typed::$m::$from>,
            > {
                self.step(date, $detail)
            }
        }
    };
}

pub(crate) use {stages, target, transitions, typed_row, typed_step};
