//! Deterministic timelines for the benches and the allocation test: the Leicestershire case,
//! a synthetic national set of 152 areas, and long histories of any length.
//!
//! Every timeline built here is valid (no error diagnostic); [`check_valid`] says so before
//! a bench measures it, so that a bench never times the error path by accident.

#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing
)]

use chrono::{Datelike, Days, NaiveDate};
use send_lifecycle::{
    validate_json, ActionCounts, Area, Event, EventDate, EventDetail, Framework, HealthBody,
    HealthBodyKind, Judgement, Limits, NextStep, Options, Progress, Rag, Severity, Timeline,
    Weakness,
};

/// The day the ICBs replaced the CCGs.
pub fn icb_start() -> NaiveDate {
    ymd(2022, 7, 1)
}

pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// SplitMix64: a small deterministic generator, so every run builds the same bytes.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const WEAKNESS_TITLES: &[&str] = &[
    "The absence of a clearly defined joint commissioning strategy for 0-25 SEND provision",
    "Systemic weakness in the quality of Education, Health and Care (EHC) plans, including the drawing up of these plans and the absence of good quality outcomes",
    "Weak strategic leadership of the SEND reforms across education, health and care",
    "Inconsistent identification and assessment of the needs of children and young people",
    "Poor co-production with parents and carers, who lack confidence in the local area",
    "Long waiting times for assessment by child and adolescent mental health services",
    "The local offer is not well known or useful to families",
    "Post-19 joint commissioning of health services is underdeveloped",
];

const NOTE_TITLES: &[&str] = &[
    "Children and Families Overview and Scrutiny Committee report on the WSoA",
    "SEND and Inclusion Board reviews the WSoA action log",
    "SEND peer challenge led by the regional co-ordinator",
    "Parent carer forum survey results published",
    "EHC plan multi-agency audit completed",
    "Joint commissioning strategy approved by the health and wellbeing board",
];

fn day(d: NaiveDate) -> EventDate {
    EventDate::Day(d)
}

fn month(d: NaiveDate) -> EventDate {
    EventDate::Month {
        year: d.year(),
        month: d.month(),
    }
}

/// The next Monday on or after `d`.
fn monday_on_or_after(d: NaiveDate) -> NaiveDate {
    let ahead = (7 - d.weekday().num_days_from_monday()) % 7;
    d + Days::new(u64::from(ahead))
}

/// Events in order, inserting the CCG → ICB change the first time a date reaches 1 July 2022.
pub struct Writer {
    pub events: Vec<Event>,
    icb: Option<Vec<HealthBody>>,
    seq: u64,
}

impl Writer {
    pub fn new(icb: Option<Vec<HealthBody>>) -> Writer {
        Writer {
            events: Vec::new(),
            icb,
            seq: 0,
        }
    }

    pub fn push(&mut self, date: EventDate, detail: EventDetail, source: Option<String>) {
        let first = date.span().first();
        if first.is_some_and(|f| f >= icb_start()) {
            if let Some(bodies) = self.icb.take() {
                self.events.push(
                    Event::new(
                        day(icb_start()),
                        EventDetail::HealthBodyChanged {
                            health_bodies: bodies,
                        },
                    )
                    .with_source("Health and Care Act 2022"),
                );
            }
        }
        self.seq += 1;
        self.events.push(Event {
            date,
            detail,
            source,
            note: None,
        });
    }

    pub fn note(&mut self, date: NaiveDate, rng: &mut Rng) {
        let title = NOTE_TITLES[(rng.next() % NOTE_TITLES.len() as u64) as usize];
        let n = self.seq;
        self.push(
            day(date),
            EventDetail::Note {
                title: format!("{title} ({n})"),
            },
            Some(format!(
                "committee minutes {n}, paragraph {}",
                rng.range(1, 40)
            )),
        );
        if let Some(e) = self.events.last_mut() {
            e.note = Some(
                "Progress reported as good; the board asked for the next update in a quarter."
                    .to_owned(),
            );
        }
    }

    pub fn len(&self) -> usize {
        self.events.len()
    }
}

/// Action counts as a monitoring meeting records them: the share underway rising over time.
fn actions(rng: &mut Rng, total: u64, step: u64, steps: u64) -> ActionCounts {
    let underway = (total * (step + 1) / steps.max(1)).clamp(total / 3, total);
    let completed = underway / 4;
    let delayed = rng.range(0, (total - completed) / 5);
    let red = rng.range(0, delayed);
    let amber = delayed - red;
    let green = total - red - amber;
    ActionCounts {
        total: Some(total),
        underway: Some(underway),
        completed: Some(completed),
        delayed: Some(delayed),
        underway_percent: Some((underway as f64 * 1000.0 / total as f64).round() / 10.0),
        rag: rng.chance(60).then_some(Rag {
            red: Some(red),
            amber: Some(amber),
            green: Some(green),
        }),
    }
}

fn weaknesses(rng: &mut Rng, n: usize) -> Vec<Weakness> {
    (0..n)
        .map(|i| {
            let t = WEAKNESS_TITLES[(i + rng.next() as usize % 3) % WEAKNESS_TITLES.len()];
            Weakness::new(format!("W{}", i + 1), t)
        })
        .collect()
}

fn area(name: &str, ccgs: usize) -> Area {
    Area {
        name: name.to_owned(),
        local_authority: format!("{name} Council"),
        health_bodies: (0..ccgs)
            .map(|i| HealthBody {
                kind: HealthBodyKind::Ccg,
                name: if ccgs == 1 {
                    format!("{name} Clinical Commissioning Group")
                } else {
                    format!("{name} Clinical Commissioning Group {}", i + 1)
                },
            })
            .collect(),
    }
}

fn icb(name: &str) -> Vec<HealthBody> {
    vec![HealthBody {
        kind: HealthBodyKind::Icb,
        name: format!("{name} Integrated Care Board"),
    }]
}

pub fn timeline(area: Area, events: Vec<Event>) -> Timeline {
    Timeline {
        schema_version: 1,
        framework: Framework::default(),
        area,
        events,
    }
}

/// One area of the national set: a full lifecycle with a realistic monitoring history.
///
/// Inspection 2016–2019 (Monday to Friday), the report letter about two months later with
/// 2–6 weaknesses, the WSoA within its 70 working days (sometimes after a revised deadline,
/// sometimes judged not fit first), quarterly monitoring meetings with action counts for
/// several years, notes, the CCG → ICB change when the history reaches July 2022, the
/// revisit and its outcome, and on insufficient progress an APP with six-monthly reviews.
pub fn national_area(index: usize) -> Timeline {
    let mut rng = Rng::new(0x5E4D_0000 + index as u64);
    let name = format!("Area {index:03}");
    let ccgs = 1 + (rng.next() % 3) as usize;
    let a = area(&name, ccgs);
    let mut w = Writer::new(Some(icb(&name)));
    let src = |s: &str| Some(format!("{name} {s}"));

    // Notice, then fieldwork the Monday after, Monday to Friday.
    let notified = monday_on_or_after(ymd(2016, 5, 2) + Days::new(rng.range(0, 3 * 365 + 180)));
    let start = notified + Days::new(7);
    w.push(
        day(notified),
        EventDetail::InspectionNotified,
        src("inspection notice"),
    );
    w.push(
        day(start),
        EventDetail::InspectionStarted,
        src("report letter, paragraph 1"),
    );
    w.push(
        day(start + Days::new(4)),
        EventDetail::InspectionEnded,
        src("report letter, paragraph 1"),
    );

    let received = start + Days::new(rng.range(40, 60));
    if rng.chance(30) {
        w.push(
            day(received),
            EventDetail::ReportReceived,
            src("council report"),
        );
    }
    let published = received + Days::new(rng.range(0, 5));
    let n_weak = rng.range(2, 6) as usize;
    let weak = weaknesses(&mut rng, n_weak);
    w.push(
        day(published),
        EventDetail::ReportPublished {
            weaknesses: weak.clone(),
            letter_date: None,
        },
        src("report letter"),
    );
    let policy = send_lifecycle::Policy::default();
    let deadline = policy.calendar.add_working_days(received, 70).unwrap();
    let mut submit = deadline - Days::new(rng.range(1, 20));
    if rng.chance(20) {
        let revised = deadline + Days::new(rng.range(20, 60));
        w.push(
            day(received + Days::new(30)),
            EventDetail::WsoaDeadlineRevised {
                new_deadline: revised,
                reason: Some("agreed with Ofsted".to_owned()),
            },
            src("council report, paragraph 8"),
        );
        submit = revised - Days::new(rng.range(0, 10));
    }
    w.push(
        day(submit),
        EventDetail::WsoaSubmitted,
        src("fit-for-purpose letter"),
    );
    let mut judged = submit + Days::new(rng.range(7, 30));
    if rng.chance(15) {
        w.push(
            day(judged),
            EventDetail::WsoaJudged {
                fit_for_purpose: false,
            },
            src("not-fit letter"),
        );
        let again = judged + Days::new(rng.range(20, 50));
        w.push(day(again), EventDetail::WsoaSubmitted, src("resubmission"));
        judged = again + Days::new(rng.range(7, 30));
    }
    w.push(
        day(judged),
        EventDetail::WsoaJudged {
            fit_for_purpose: true,
        },
        src("fit-for-purpose letter"),
    );

    // Quarterly monitoring for one to four years.
    let meetings = rng.range(4, 16);
    let total = rng.range(20, 60);
    let mut at = judged;
    for m in 0..meetings {
        at = at + Days::new(rng.range(80, 100));
        let date = if rng.chance(20) { month(at) } else { day(at) };
        w.push(
            date,
            EventDetail::MonitoringMeeting {
                actions: rng
                    .chance(85)
                    .then(|| actions(&mut rng, total, m, meetings)),
                final_before_revisit: (m + 1 == meetings).then_some(true),
            },
            src(&format!("DfE and NHS England monitoring meeting {}", m + 1)),
        );
        if rng.chance(40) {
            w.note(at + Days::new(rng.range(5, 20)), &mut rng);
        }
    }
    at = at + Days::new(rng.range(30, 90));
    let revisit_notified = monday_on_or_after(at);
    let revisit = revisit_notified + Days::new(14);
    w.push(
        day(revisit_notified),
        EventDetail::RevisitNotified,
        src("revisit letter"),
    );
    w.push(
        day(revisit),
        EventDetail::RevisitStarted,
        src("revisit letter"),
    );
    w.push(
        day(revisit + Days::new(2)),
        EventDetail::RevisitEnded,
        src("revisit letter"),
    );
    let all_sufficient = rng.chance(50);
    let judgements: Vec<Judgement> = weak
        .iter()
        .enumerate()
        .map(|(i, wk)| {
            let ok = all_sufficient || i + 1 < weak.len();
            let p = if ok {
                Progress::Sufficient
            } else {
                Progress::Insufficient
            };
            Judgement::new(wk.id.clone(), p)
        })
        .collect();
    let letter = revisit + Days::new(rng.range(25, 40));
    w.push(
        day(letter),
        EventDetail::RevisitOutcome { judgements },
        src("revisit letter"),
    );
    if !all_sufficient {
        let decided = letter + Days::new(rng.range(20, 60));
        w.push(
            day(decided),
            EventDetail::NextStepsDetermined {
                decision: NextStep::AcceleratedProgressPlan,
            },
            src("DfE letter"),
        );
        let submitted = decided + Days::new(rng.range(30, 60));
        w.push(day(submitted), EventDetail::AppSubmitted, src("APP"));
        let fit = submitted + Days::new(rng.range(10, 30));
        w.push(
            day(fit),
            EventDetail::AppJudged {
                fit_for_purpose: true,
            },
            src("DfE letter"),
        );
        let mut at = fit;
        for r in 0..rng.range(2, 6) {
            at = at + Days::new(rng.range(150, 190));
            w.push(
                day(at),
                EventDetail::AppReview {
                    actions: Some(actions(&mut rng, total / 2 + 1, r, 6)),
                },
                src(&format!("APP review {}", r + 1)),
            );
        }
    }
    timeline(a, w.events)
}

/// The national set: 152 areas, one document each.
pub fn national() -> Vec<Vec<u8>> {
    (0..152)
        .map(|i| serde_json::to_vec(&national_area(i)).unwrap())
        .collect()
}

/// A timeline of exactly `n` events with a long monitoring and review history: inspection,
/// report, WSoA, then cycles of monitoring meetings (with action counts) and notes, a
/// revisit that leaves one weakness insufficient, an APP with reviews and notes, and a
/// further revisit directed — again and again. Dates advance a day or two per event (a
/// million events reach the 48th century), so every interval rule is met.
pub fn long(n: usize) -> Timeline {
    let mut rng = Rng::new(0x10_0000 + n as u64);
    let name = "Longshire";
    let a = area(name, 1);
    let mut w = Writer::new(Some(icb(name)));
    let src = |s: &str| Some(s.to_owned());
    let start = ymd(2016, 5, 9); // a Monday
    w.push(
        day(start - Days::new(7)),
        EventDetail::InspectionNotified,
        src("notice"),
    );
    w.push(
        day(start),
        EventDetail::InspectionStarted,
        src("report letter, paragraph 1"),
    );
    w.push(
        day(start + Days::new(4)),
        EventDetail::InspectionEnded,
        src("report letter, paragraph 1"),
    );
    let weak = weaknesses(&mut rng, 4);
    let published = start + Days::new(50);
    w.push(
        day(published),
        EventDetail::ReportPublished {
            weaknesses: weak.clone(),
            letter_date: None,
        },
        src("report letter"),
    );
    w.push(
        day(published + Days::new(60)),
        EventDetail::WsoaSubmitted,
        src("WSoA"),
    );
    let mut at = published + Days::new(75);
    w.push(
        day(at),
        EventDetail::WsoaJudged {
            fit_for_purpose: true,
        },
        src("fit-for-purpose letter"),
    );
    let mut first_revisit = true;
    let total = 41;
    'outer: while w.len() < n {
        // Monitoring: 30 meetings, each followed by two notes.
        for m in 0..30u64 {
            at = at + Days::new(1);
            w.push(
                day(at),
                EventDetail::MonitoringMeeting {
                    actions: Some(actions(&mut rng, total, m, 30)),
                    final_before_revisit: (m == 29).then_some(true),
                },
                src("DfE and NHS England monitoring meeting"),
            );
            for _ in 0..2 {
                at = at + Days::new(1);
                w.note(at, &mut rng);
            }
            if w.len() >= n {
                break 'outer;
            }
        }
        at = at + Days::new(1);
        w.push(day(at), EventDetail::RevisitNotified, src("revisit letter"));
        at = at + Days::new(1);
        w.push(day(at), EventDetail::RevisitStarted, src("revisit letter"));
        at = at + Days::new(2);
        w.push(day(at), EventDetail::RevisitEnded, src("revisit letter"));
        // The first revisit judges every weakness; later ones only the insufficient one.
        let judged: Vec<Judgement> = if first_revisit {
            weak.iter()
                .enumerate()
                .map(|(i, wk)| {
                    let p = if i + 1 < weak.len() {
                        Progress::Sufficient
                    } else {
                        Progress::Insufficient
                    };
                    Judgement::new(wk.id.clone(), p)
                })
                .collect()
        } else {
            vec![Judgement::new(
                weak.last().unwrap().id.clone(),
                Progress::Insufficient,
            )]
        };
        first_revisit = false;
        at = at + Days::new(1);
        w.push(
            day(at),
            EventDetail::RevisitOutcome { judgements: judged },
            src("revisit letter"),
        );
        at = at + Days::new(1);
        w.push(
            day(at),
            EventDetail::NextStepsDetermined {
                decision: NextStep::AcceleratedProgressPlan,
            },
            src("DfE letter"),
        );
        at = at + Days::new(1);
        w.push(day(at), EventDetail::AppSubmitted, src("APP"));
        at = at + Days::new(1);
        w.push(
            day(at),
            EventDetail::AppJudged {
                fit_for_purpose: true,
            },
            src("DfE letter"),
        );
        for r in 0..10u64 {
            at = at + Days::new(1);
            w.push(
                day(at),
                EventDetail::AppReview {
                    actions: Some(actions(&mut rng, 20, r, 10)),
                },
                src("APP review"),
            );
            at = at + Days::new(1);
            w.note(at, &mut rng);
            if w.len() >= n {
                break 'outer;
            }
        }
        at = at + Days::new(1);
        w.push(
            day(at),
            EventDetail::NextStepsDetermined {
                decision: NextStep::FurtherRevisit,
            },
            src("Secretary of State direction"),
        );
    }
    w.events.truncate(n);
    timeline(a, w.events)
}

/// Options for trusted, large input.
pub fn unlimited() -> Options {
    Options::default().with_limits(Limits::unlimited())
}

/// Panics unless `bytes` validate with no error (benches must time the happy path).
pub fn check_valid(what: &str, bytes: &[u8]) {
    let report = validate_json(bytes, &unlimited());
    let errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    assert!(
        report.valid && errors.is_empty(),
        "{what}: the generated timeline is not valid: {:?}",
        errors.first()
    );
}
