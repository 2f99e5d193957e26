//! `send-lifecycle explain CODE`: what a diagnostic code means, a small record that
//! triggers it, and how to put it right — like `rustc --explain`.

use send_lifecycle::Code;
#[cfg(test)]
use send_lifecycle::{Limits, Options, Policy};

/// What an entry's record needs beyond the default options to trigger its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Nothing: `send-lifecycle validate record.json`.
    Nothing,
    /// A lower event limit: `--max-events N`.
    MaxEvents(usize),
    /// A policy that sets an APP deadline this many working days after the decision (the
    /// sources set none; a library caller can, with `Policy::app_deadline_working_days`).
    AppDeadline(u32),
    /// A policy that sets a strategic-plan deadline this many working days after receipt
    /// (the handbook sets none; 35 is the documented option).
    StrategicPlanDeadline(u32),
    /// Deadlines judged as of this day: `--as-of DAY`.
    AsOf(&'static str),
}

/// The record of an entry.
#[derive(Debug, Clone, Copy)]
pub enum Record {
    /// These events (a JSON array's body) in a small CCG-era area's document.
    Events(&'static str),
    /// This whole text.
    Whole(&'static str),
}

/// One code's explanation.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    /// The code's contract name.
    pub code: &'static str,
    /// What it means, beyond the code's one sentence.
    pub meaning: &'static str,
    /// A record that triggers it.
    pub record: Record,
    /// What the record needs to trigger it.
    pub needs: Needs,
    /// How to put it right.
    pub fix: &'static str,
}

impl Entry {
    /// The record's full text.
    pub fn text(&self) -> String {
        match self.record {
            Record::Whole(text) => text.to_owned(),
            Record::Events(events) => format!(
                "{{\"schema_version\": 1,\n \"area\": {{\"name\": \"Testshire\", \"local_authority\": \"Testshire County Council\",\n          \"health_bodies\": [{{\"kind\": \"ccg\", \"name\": \"Testshire CCG\"}}]}},\n \"events\": [\n{events}\n ]}}\n"
            ),
        }
    }

    /// The options under which the record triggers the code.
    #[cfg(test)]
    pub fn options(&self) -> Options {
        match self.needs {
            Needs::Nothing => Options::default(),
            Needs::MaxEvents(n) => {
                let mut limits = Limits::default();
                limits.max_events = n;
                Options::default().with_limits(limits)
            }
            Needs::AppDeadline(days) => {
                let mut policy = Policy::default();
                policy.app_deadline_working_days = Some(days);
                Options::default().with_policy(policy)
            }
            Needs::StrategicPlanDeadline(days) => {
                let mut policy = Policy::default();
                policy.strategic_plan_working_days = Some(days);
                Options::default().with_policy(policy)
            }
            Needs::AsOf(day) => Options::default().as_of(day.parse().ok()),
        }
    }

    /// The command that shows it.
    fn command(&self) -> String {
        match self.needs {
            Needs::Nothing => "send-lifecycle validate record.json".to_owned(),
            Needs::MaxEvents(n) => format!("send-lifecycle validate --max-events {n} record.json"),
            Needs::AppDeadline(days) => format!(
                "a policy with an APP deadline of {days} working days (library: `Policy::app_deadline_working_days = Some({days})`)"
            ),
            Needs::StrategicPlanDeadline(days) => format!(
                "a policy with a strategic-plan deadline of {days} working days (library: `Policy::strategic_plan_working_days = Some({days})`)"
            ),
            Needs::AsOf(day) => format!("send-lifecycle validate --as-of {day} record.json"),
        }
    }

    /// The whole explanation, as `explain` prints it.
    pub fn render(&self) -> String {
        let (severity, sentence) = match Code::from_name(self.code) {
            Some(code) => (code.severity().as_str(), code.explain()),
            None => ("", ""),
        };
        let record: String = self.text().lines().map(|l| format!("    {l}\n")).collect();
        format!(
            "{code} ({severity})\n\n{sentence}\n\n{meaning}\n\nA record that triggers it:\n\n{record}\nwith: {command}\n\nHow to put it right: {fix}\n",
            code = self.code,
            meaning = self.meaning,
            command = self.command(),
            fix = self.fix,
        )
    }
}

/// The entry for a code, by its contract name.
pub fn entry(code: &str) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| e.code == code)
}

// Shared pieces of the records: an inspection in the week of 3 February 2020 and a report
// published on Friday 27 March 2020 (its WSoA deadline, 70 working days later, is Thursday
// 9 July 2020).
macro_rules! inspected {
    ($weaknesses:literal) => {
        concat!(
            "  {\"date\": \"2020-02-03\", \"kind\": \"inspection_started\"},\n",
            "  {\"date\": \"2020-02-07\", \"kind\": \"inspection_ended\"},\n",
            "  {\"date\": \"2020-03-27\", \"kind\": \"report_published\",\n",
            "   \"weaknesses\": ",
            $weaknesses,
            "}"
        )
    };
}

// …then the WSoA submitted on 1 July 2020 and judged fit for purpose on 15 January 2021
// (monitoring starts; the first quarter plus 31 days' grace ends on 16 May 2021).
macro_rules! monitoring {
    ($weaknesses:literal) => {
        concat!(
            inspected!($weaknesses),
            ",\n",
            "  {\"date\": \"2020-07-01\", \"kind\": \"wsoa_submitted\"},\n",
            "  {\"date\": \"2021-01-15\", \"kind\": \"wsoa_judged\", \"fit_for_purpose\": true}"
        )
    };
}

// …then a revisit on 10–11 May 2021 and its letter on 14 June 2021.
macro_rules! revisited {
    ($weaknesses:literal, $judgements:literal) => {
        concat!(
            monitoring!($weaknesses),
            ",\n",
            "  {\"date\": \"2021-05-10\", \"kind\": \"revisit_started\"},\n",
            "  {\"date\": \"2021-05-11\", \"kind\": \"revisit_ended\"},\n",
            "  {\"date\": \"2021-06-14\", \"kind\": \"revisit_outcome\", \"judgements\": ",
            $judgements,
            "}"
        )
    };
}

/// Every code's entry, in the contract's order.
pub const ENTRIES: &[Entry] = &[
    Entry {
        code: "malformed_json",
        meaning: "Nothing else is checked: the reader stops where the text stops being JSON, \
                  and the diagnostic's line and column say where that is. A truncated file, \
                  a missing comma, a trailing comma or a single-quoted string all end here.",
        record: Record::Whole("{\"schema_version\": 1,\n \"events\": [\n"),
        needs: Needs::Nothing,
        fix: "look at the line and column given: close every bracket and string, separate \
              members and elements with commas (none after the last), quote keys with \".",
    },
    Entry {
        code: "schema_violation",
        meaning: "The text is JSON, but not in the timeline format's shape: an event kind or \
                  a field the format does not have (a typo must not pass silently), a \
                  required field left out, a field given twice, or a value of the wrong \
                  type. The rest of the document is still checked.",
        record: Record::Events(
            "  {\"date\": \"2020-02-03\", \"kind\": \"inspection_begun\"}",
        ),
        needs: Needs::Nothing,
        fix: "use the names of the format (`expected` lists them): here the kind is \
              `inspection_started`.",
    },
    Entry {
        code: "unsupported_schema_version",
        meaning: "Only version 1 of the timeline format exists. A document of another version \
                  is not read further, since its fields may mean something else.",
        record: Record::Whole(
            "{\"schema_version\": 2,\n \"area\": {\"name\": \"Testshire\", \"local_authority\": \"Testshire County Council\",\n          \"health_bodies\": [{\"kind\": \"ccg\", \"name\": \"Testshire CCG\"}]},\n \"events\": []}\n",
        ),
        needs: Needs::Nothing,
        fix: "write `\"schema_version\": 1` (the integer) and the version 1 fields.",
    },
    Entry {
        code: "invalid_date",
        meaning: "A date is a day (`2020-10-16`), a month (`2021-10`), a year (`2018`) or \
                  null when no source dates the event. A day that does not exist, or any \
                  other form, is reported; the event is kept as undated, so the rest of the \
                  timeline is still checked.",
        record: Record::Events(
            "  {\"date\": \"2021-02-30\", \"kind\": \"inspection_started\"}",
        ),
        needs: Needs::Nothing,
        fix: "correct the date from the source, or give only the month or year it gives, or \
              null.",
    },
    Entry {
        code: "events_out_of_order",
        meaning: "Events are listed in the order they happened. An event certainly earlier \
                  than one listed before it (its last possible day before the other's first) \
                  is reported; a month or an undated event that may fit is not.",
        record: Record::Events(
            "  {\"date\": \"2020-02-03\", \"kind\": \"inspection_started\"},\n  {\"date\": \"2020-02-01\", \"kind\": \"inspection_ended\"}",
        ),
        needs: Needs::Nothing,
        fix: "put the events in the order they happened, or correct the date that is wrong.",
    },
    Entry {
        code: "transition_not_allowed",
        meaning: "The lifecycle's transition table has no row for this event in the stage the \
                  area is in (a WSoA before any inspection, a revisit before monitoring). The \
                  event is not applied; the replay carries on from the last good stage, and \
                  `expected` lists the events the stage allows.",
        record: Record::Events("  {\"date\": \"2020-10-07\", \"kind\": \"wsoa_submitted\"}"),
        needs: Needs::Nothing,
        fix: "add the events that lead to this stage (here the inspection and its report), \
              or correct the event's kind.",
    },
    Entry {
        code: "duplicate_weakness",
        meaning: "Each significant weakness of a report has its own id, which the revisit \
                  judgements name. Two weaknesses with one id (or a weakness judged twice) \
                  make the judgements ambiguous.",
        record: Record::Events(inspected!(
            "[{\"id\": \"W1\", \"title\": \"Joint commissioning\"}, {\"id\": \"W1\", \"title\": \"EHC plans\"}]"
        )),
        needs: Needs::Nothing,
        fix: "give each weakness its own id (`W1`, `W2`).",
    },
    Entry {
        code: "unknown_weakness",
        meaning: "A revisit judges the weaknesses the inspection report listed, by their ids. \
                  A judgement of an id the report did not list is reported and left out.",
        record: Record::Events(revisited!(
            "[{\"id\": \"W1\", \"title\": \"Joint commissioning\"}]",
            "{\"W1\": \"sufficient\", \"W9\": \"sufficient\"}"
        )),
        needs: Needs::Nothing,
        fix: "use the ids of the report's weaknesses, or add the weakness to the report.",
    },
    Entry {
        code: "missing_judgement",
        meaning: "A revisit letter judges progress on every weakness still open. A weakness \
                  left out keeps its stage, so it is not sufficient, and the area cannot be \
                  concluded.",
        record: Record::Events(revisited!(
            "[{\"id\": \"W1\", \"title\": \"Joint commissioning\"}, {\"id\": \"W2\", \"title\": \"EHC plans\"}]",
            "{\"W1\": \"sufficient\"}"
        )),
        needs: Needs::Nothing,
        fix: "add the missing judgement from the revisit letter (`sufficient` or \
              `insufficient`).",
    },
    Entry {
        code: "rejudged_weakness",
        meaning: "A further revisit judges only the weaknesses still insufficient: once \
                  sufficient, a weakness stays so.",
        record: Record::Events(concat!(
            revisited!(
                "[{\"id\": \"W1\", \"title\": \"Joint commissioning\"}, {\"id\": \"W2\", \"title\": \"EHC plans\"}]",
                "{\"W1\": \"sufficient\", \"W2\": \"insufficient\"}"
            ),
            ",\n",
            "  {\"date\": \"2021-07-01\", \"kind\": \"next_steps_determined\", \"decision\": \"further_revisit\"},\n",
            "  {\"date\": \"2021-09-06\", \"kind\": \"revisit_started\"},\n",
            "  {\"date\": \"2021-09-07\", \"kind\": \"revisit_ended\"},\n",
            "  {\"date\": \"2021-10-11\", \"kind\": \"revisit_outcome\", \"judgements\": {\"W1\": \"sufficient\", \"W2\": \"sufficient\"}}"
        )),
        needs: Needs::Nothing,
        fix: "judge only the weaknesses the earlier revisit found insufficient.",
    },
    Entry {
        code: "invalid_action_counts",
        meaning: "Action counts are whole numbers of at least 0; `underway` and `completed` \
                  are at most `total`; a percentage lies in 0–100; the RAG counts add up to \
                  `total` when both are given.",
        record: Record::Events(concat!(
            monitoring!("[{\"id\": \"W1\", \"title\": \"Joint commissioning\"}]"),
            ",\n",
            "  {\"date\": \"2021-03-01\", \"kind\": \"monitoring_meeting\", \"actions\": {\"total\": 10, \"underway\": 11}}"
        )),
        needs: Needs::Nothing,
        fix: "copy the counts from the source again; leave out a count the source does not \
              give.",
    },
    Entry {
        code: "letter_after_publication",
        meaning: "The report letter is written before the report is published, so a \
                  `letter_date` certainly after the publication is a slip in one of the two.",
        record: Record::Events(
            "  {\"date\": \"2020-02-03\", \"kind\": \"inspection_started\"},\n  {\"date\": \"2020-02-07\", \"kind\": \"inspection_ended\"},\n  {\"date\": \"2020-05-15\", \"kind\": \"report_published\", \"letter_date\": \"2020-06-01\",\n   \"weaknesses\": [{\"id\": \"W1\", \"title\": \"Joint commissioning\"}]}",
        ),
        needs: Needs::Nothing,
        fix: "check both dates against the letter and its publication.",
    },
    Entry {
        code: "empty_text",
        meaning: "Names, titles and ids are what a reader of the record sees: a blank one \
                  (empty or only spaces) says nothing.",
        record: Record::Events("  {\"date\": \"2020-01-21\", \"kind\": \"note\", \"title\": \"  \"}"),
        needs: Needs::Nothing,
        fix: "write the text the source gives, or leave the event out.",
    },
    Entry {
        code: "limit_exceeded",
        meaning: "Input limits keep validation fast and small on any input: the size of the \
                  input, the number of events, the length of a text, the depth of nesting. \
                  What lies beyond is counted and reported, not checked. The command line's \
                  `--max-bytes`, `--max-events` and `--no-limits` change them.",
        record: Record::Events(inspected!(
            "[{\"id\": \"W1\", \"title\": \"Joint commissioning\"}]"
        )),
        needs: Needs::MaxEvents(2),
        fix: "split the record, or raise the limit for input you trust.",
    },
    Entry {
        code: "wsoa_late",
        meaning: "The written statement of action is due 70 working days after the report \
                  first reached the area (or on a revised deadline agreed later). A \
                  submission certainly after it is reported.",
        record: Record::Events(concat!(
            inspected!("[{\"id\": \"W1\", \"title\": \"Joint commissioning\"}]"),
            ",\n",
            "  {\"date\": \"2020-07-10\", \"kind\": \"wsoa_submitted\"}"
        )),
        needs: Needs::Nothing,
        fix: "nothing to correct if the record is right; if a new deadline was agreed, \
              record it with `wsoa_deadline_revised`.",
    },
    Entry {
        code: "deadline_passed",
        meaning: "At the end of the timeline (or on the `--as-of` day) a WSoA or APP deadline \
                  has passed and nothing was submitted.",
        record: Record::Events(concat!(
            inspected!("[{\"id\": \"W1\", \"title\": \"Joint commissioning\"}]"),
            ",\n",
            "  {\"date\": \"2020-07-10\", \"kind\": \"note\", \"title\": \"Scrutiny committee\"}"
        )),
        needs: Needs::Nothing,
        fix: "record the submission if it happened; otherwise the warning is the finding.",
    },
    Entry {
        code: "monitoring_gap",
        meaning: "DfE and NHS England meet the area quarterly while it is in `monitoring` (and \
                  review an APP about six-monthly). More than the interval plus 31 days' \
                  grace without a meeting is reported — often a meeting missing from the \
                  record rather than from reality.",
        record: Record::Events(concat!(
            monitoring!("[{\"id\": \"W1\", \"title\": \"Joint commissioning\"}]"),
            ",\n",
            "  {\"date\": \"2021-05-17\", \"kind\": \"monitoring_meeting\"}"
        )),
        needs: Needs::Nothing,
        fix: "add the meetings the sources date; do not invent undated ones.",
    },
    Entry {
        code: "inspection_too_long",
        meaning: "Inspection fieldwork normally lasts at most 5 working days (England and \
                  Wales bank holidays excluded).",
        record: Record::Events(
            "  {\"date\": \"2020-02-03\", \"kind\": \"inspection_started\"},\n  {\"date\": \"2020-02-10\", \"kind\": \"inspection_ended\"}",
        ),
        needs: Needs::Nothing,
        fix: "check the fieldwork dates against the report letter.",
    },
    Entry {
        code: "revisit_too_long",
        meaning: "Revisit fieldwork normally lasts 2 to 4 days.",
        record: Record::Events(concat!(
            monitoring!("[{\"id\": \"W1\", \"title\": \"Joint commissioning\"}]"),
            ",\n",
            "  {\"date\": \"2021-05-10\", \"kind\": \"revisit_started\"},\n",
            "  {\"date\": \"2021-05-14\", \"kind\": \"revisit_ended\"}"
        )),
        needs: Needs::Nothing,
        fix: "check the revisit dates against the revisit letter.",
    },
    Entry {
        code: "health_body_anachronism",
        meaning: "Clinical commissioning groups (CCGs) were replaced by integrated care boards \
                  (ICBs) on 1 July 2022. A CCG still in force on or after that day, or an ICB \
                  before it, is reported.",
        record: Record::Events(
            "  {\"date\": \"2022-07-01\", \"kind\": \"note\", \"title\": \"Scrutiny committee\"}",
        ),
        needs: Needs::Nothing,
        fix: "record the change with a `health_body_changed` event dated 2022-07-01.",
    },
    Entry {
        code: "revisit_later_than_usual",
        meaning: "Revisits usually came within 18 months of the WSoA being judged fit for \
                  purpose. Worth knowing; nothing is wrong for certain.",
        record: Record::Events(concat!(
            inspected!("[{\"id\": \"W1\", \"title\": \"Joint commissioning\"}]"),
            ",\n",
            "  {\"date\": \"2020-07-01\", \"kind\": \"wsoa_submitted\"},\n",
            "  {\"date\": \"2020-10-16\", \"kind\": \"wsoa_judged\", \"fit_for_purpose\": true},\n",
            "  {\"date\": \"2021-01-15\", \"kind\": \"monitoring_meeting\"},\n",
            "  {\"date\": \"2021-04-15\", \"kind\": \"monitoring_meeting\"},\n",
            "  {\"date\": \"2021-07-15\", \"kind\": \"monitoring_meeting\"},\n",
            "  {\"date\": \"2021-10-15\", \"kind\": \"monitoring_meeting\"},\n",
            "  {\"date\": \"2022-01-14\", \"kind\": \"monitoring_meeting\", \"final_before_revisit\": true},\n",
            "  {\"date\": \"2022-04-18\", \"kind\": \"revisit_started\"}"
        )),
        needs: Needs::Nothing,
        fix: "nothing, if the dates are right.",
    },
    Entry {
        code: "possibly_late",
        meaning: "A date known only to the month or year may lie either side of a deadline. \
                  The validator says what may have happened, never guesses a day.",
        record: Record::Events(concat!(
            inspected!("[{\"id\": \"W1\", \"title\": \"Joint commissioning\"}]"),
            ",\n",
            "  {\"date\": \"2020-07\", \"kind\": \"wsoa_submitted\"}"
        )),
        needs: Needs::Nothing,
        fix: "give the day if a source gives it; otherwise the note stands.",
    },
    Entry {
        code: "app_late",
        meaning: "The sources set no deadline for an accelerated progress plan, so by default \
                  this is never reported. A caller whose policy sets one (so many working days \
                  after the decision) gets this warning for an APP submitted after it.",
        record: Record::Events(concat!(
            revisited!(
                "[{\"id\": \"W1\", \"title\": \"Joint commissioning\"}, {\"id\": \"W2\", \"title\": \"EHC plans\"}]",
                "{\"W1\": \"sufficient\", \"W2\": \"insufficient\"}"
            ),
            ",\n",
            "  {\"date\": \"2021-07-01\", \"kind\": \"next_steps_determined\", \"decision\": \"accelerated_progress_plan\"},\n",
            "  {\"date\": \"2021-07-30\", \"kind\": \"app_submitted\"}"
        )),
        needs: Needs::AppDeadline(20),
        fix: "nothing to correct if the record is right.",
    },
    Entry {
        code: "framework_mismatch",
        meaning: "Each framework has its own events. A 2023-framework event (a stocktake, a \
                  priority action plan) in a record still under the 2016 framework, with no \
                  `framework_changed` before it, belongs to no record; so does a member of the \
                  other framework's version of a shared event, such as a 2023 `outcome` on a \
                  2016 report letter.",
        record: Record::Whole(include_str!("../../testdata/codes/framework_mismatch.json")),
        needs: Needs::Nothing,
        fix: "record the move to the 2023 framework (`framework_changed`, normally dated \
              2023-01-01) before the 2023 framework's events, or remove the other \
              framework's members.",
    },
    Entry {
        code: "outcome_items_mismatch",
        meaning: "Only a report of widespread and/or systemic failings names areas for \
                  priority action, and such a report always names some.",
        record: Record::Whole(include_str!("../../testdata/codes/outcome_items_mismatch.json")),
        needs: Needs::Nothing,
        fix: "list the report's areas for priority action (or leave the list out if the \
              source does not give them), or correct the outcome.",
    },
    Entry {
        code: "judgement_counts_mismatch",
        meaning: "Where a source gives only numbers, counts stand for the items: they must \
                  add up to the items still to be judged, and items given by count cannot be \
                  judged by id.",
        record: Record::Whole(include_str!("../../testdata/codes/judgement_counts_mismatch.json")),
        needs: Needs::Nothing,
        fix: "check the counts against the report, and the number of weaknesses the \
              inspection found.",
    },
    Entry {
        code: "pap_late",
        meaning: "A priority action plan is due 35 working days after the partnership \
                  received the report, and is to be published within 70 (policy defaults from \
                  a press report of the rules, not confirmed in the handbook).",
        record: Record::Whole(include_str!("../../testdata/codes/pap_late.json")),
        needs: Needs::Nothing,
        fix: "nothing to correct if the record is right; check the dates otherwise.",
    },
    Entry {
        code: "strategic_plan_late",
        meaning: "The handbook sets no deadline for the updated strategic plan; a policy can \
                  (35 working days is the documented option, Trafford's).",
        record: Record::Whole(include_str!("../../testdata/codes/strategic_plan_late.json")),
        needs: Needs::StrategicPlanDeadline(35),
        fix: "nothing to correct if the record is right.",
    },
    Entry {
        code: "framework_anachronism",
        meaning: "The 2023 framework came into force on 1 January 2023; 2016 full inspections \
                  ended on 30 April 2022 and revisits on 31 December 2022. An event dated \
                  outside its framework's time is probably misdated or misfiled.",
        record: Record::Whole(include_str!("../../testdata/codes/framework_anachronism.json")),
        needs: Needs::Nothing,
        fix: "check the date, and which framework the event belongs to.",
    },
    Entry {
        code: "monitoring_inspection_later_than_usual",
        meaning: "A monitoring inspection usually starts within about 18 months of the \
                  partnership receiving its report; later is worth knowing, not wrong.",
        record: Record::Whole(include_str!(
            "../../testdata/codes/monitoring_inspection_later_than_usual.json"
        )),
        needs: Needs::Nothing,
        fix: "nothing to correct: it is information.",
    },
    Entry {
        code: "full_inspection_overdue",
        meaning: "The next full inspection usually comes within about five years of a \
                  positive outcome and three of the others, counted from the last full \
                  inspection's start; by the end of the first cycle (31 December 2027) for a \
                  partnership never inspected under the framework.",
        record: Record::Whole(include_str!("../../testdata/codes/full_inspection_overdue.json")),
        needs: Needs::AsOf("2026-03-01"),
        fix: "nothing to correct: it is information; add the inspection if it took place.",
    },
    Entry {
        code: "as_of_before_events",
        meaning: "Deadlines are judged as of the day given; a day before every event of the \
                  record can find no deadline passed, and is probably a mistake.",
        record: Record::Whole(include_str!("../../testdata/codes/as_of_before_events.json")),
        needs: Needs::AsOf("2019-01-01"),
        fix: "give the day you mean (or leave `--as-of` out to judge at the last event).",
    },
];

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

    use super::*;
    use send_lifecycle::validate_json;

    #[test]
    fn every_code_has_an_entry_and_every_entry_a_code() {
        for code in Code::ALL {
            assert!(entry(code.as_str()).is_some(), "no entry for {code}");
        }
        for e in ENTRIES {
            assert!(Code::from_name(e.code).is_some(), "{} is no code", e.code);
        }
        assert_eq!(ENTRIES.len(), Code::ALL.len());
    }

    #[test]
    fn every_entry_s_record_triggers_its_code_with_a_position() {
        for e in ENTRIES {
            let text = e.text();
            let report = validate_json(text.as_bytes(), &e.options());
            let hits: Vec<_> = report
                .diagnostics
                .iter()
                .filter(|d| d.code.as_str() == e.code)
                .collect();
            assert!(!hits.is_empty(), "{}: {:#?}", e.code, report.diagnostics);
            let doc = serde_json::from_str::<serde_json::Value>(&text).ok();
            for d in &report.diagnostics {
                let (Some(line), Some(column)) = (d.line, d.column) else {
                    panic!("{}: no position: {d:?}", e.code);
                };
                // The text there starts the value the path names (for a missing member: the
                // object that lacks it). A record that is not JSON has no such value.
                if let Some(doc) = &doc {
                    let offset = offset_of(&text, line, column);
                    let found: serde_json::Value =
                        serde_json::Deserializer::from_str(&text[offset..])
                            .into_iter()
                            .next()
                            .unwrap()
                            .unwrap_or_else(|err| panic!("{}: {line}:{column}: {err}", e.code));
                    let mut path = d.path.as_str();
                    let named = loop {
                        if let Some(v) = doc.pointer(path) {
                            break v;
                        }
                        path = &path[..path.rfind('/').unwrap_or(0)];
                    };
                    assert_eq!(&found, named, "{}: {} at {line}:{column}", e.code, d.path);
                }
            }
            // The default options do not trigger what needs other options.
            if e.needs != Needs::Nothing {
                let plain = validate_json(text.as_bytes(), &Options::default());
                assert!(
                    plain.diagnostics.iter().all(|d| d.code.as_str() != e.code),
                    "{}",
                    e.code
                );
            }
        }
    }

    /// The byte offset of a 1-based line and column (in characters).
    fn offset_of(text: &str, line: u32, column: u32) -> usize {
        let start: usize = text
            .split_inclusive('\n')
            .take(line as usize - 1)
            .map(str::len)
            .sum();
        let within: usize = text[start..]
            .chars()
            .take(column as usize - 1)
            .map(char::len_utf8)
            .sum();
        start + within
    }

    #[test]
    fn an_entry_renders_its_parts() {
        let text = entry("invalid_date").unwrap().render();
        assert!(text.starts_with("invalid_date (error)\n"), "{text}");
        assert!(text.contains("    {\"schema_version\": 1,"), "{text}");
        assert!(text.contains("\"2021-02-30\""), "{text}");
        assert!(text.contains("How to put it right:"), "{text}");
    }
}
