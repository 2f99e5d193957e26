//! The items of an area's reports — a 2016 letter's significant weaknesses, a 2023
//! report's areas for priority action — each with a stage of its own, known by id or only
//! by count.

use std::collections::BTreeMap;

use crate::engine::rejection::RejectionReason;
use crate::engine::WeaknessStatus;
use crate::lifecycle::{Declaration, WeaknessStage, WeaknessTrigger};

/// The items held: by id (every report's, latest last) and by count (the latest report's).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Items {
    /// Every item known by id, every report's, the latest report's last.
    pub(crate) all: Vec<WeaknessStatus>,
    /// Where the latest report's items start in `all`.
    current: usize,
    /// The latest report's items, in the order of their ids (equal ids in the order
    /// listed): each id's [`key`] and its position in `all`. Found by a binary search that
    /// mostly compares keys held here, with no copy of an id.
    index: Vec<(u64, usize)>,
    /// The latest report's items known only by count, by stage.
    pub(crate) counted: BTreeMap<WeaknessStage, u64>,
    /// Earlier reports' items known only by count, by stage (kept for the report's counts).
    past_counted: BTreeMap<WeaknessStage, u64>,
    /// Whether the latest report said what its items are (a list or a count); a scrape
    /// that gives an outcome but no list leaves them unknown.
    pub(crate) known: bool,
    /// Whether any report has been applied (so that `item_counts` can say "none").
    pub(crate) reported: bool,
}

/// An id's first eight bytes as a number (zeros after a shorter id). The index is sorted,
/// and searched, by key and then by the whole id: most comparisons are of two numbers
/// held in the index, not of two strings elsewhere in memory. (With judgements of 30,000
/// items by id, `cargo bench --bench adversarial` timed 1.02–1.09× per item against 3,000;
/// comparing the ids themselves, 1.23–1.30×; a map from copied ids, 1.18–1.22×.)
fn key(id: &str) -> u64 {
    let mut bytes = [0u8; 8];
    for (b, &c) in bytes.iter_mut().zip(id.as_bytes()) {
        *b = c;
    }
    u64::from_be_bytes(bytes)
}

/// One judgement of an item by id, as the engine reads it.
#[derive(Clone, Copy)]
pub(crate) struct ById<'a> {
    pub(crate) id: &'a str,
    pub(crate) trigger: WeaknessTrigger,
}

impl Items {
    /// The latest report's items known by id.
    pub(crate) fn current(&self) -> &[WeaknessStatus] {
        self.all.get(self.current..).unwrap_or_default()
    }

    /// The item with this id in the latest report.
    pub(crate) fn get(&self, id: &str) -> Option<&WeaknessStatus> {
        self.position(id).and_then(|i| self.all.get(i))
    }

    /// Where in `all` the latest report's item `id` is: the last listed, if the report
    /// repeats the id.
    fn position(&self, id: &str) -> Option<usize> {
        let id_of = |i: usize| self.all.get(i).map_or("", |w| w.id.as_str());
        let k = key(id);
        let after = self
            .index
            .partition_point(|&(ki, i)| ki < k || (ki == k && id_of(i) <= id));
        let &(ki, last) = self.index.get(after.checked_sub(1)?)?;
        (ki == k && id_of(last) == id).then_some(last)
    }

    /// A new report's items: `listed` by id and title, or `count` of them; neither when the
    /// source does not say. Earlier reports' items are kept with their last stage when
    /// `keep_earlier` (the 2023 cycle), replaced otherwise.
    pub(crate) fn identify<'a>(
        &mut self,
        listed: impl Iterator<Item = (&'a str, &'a str)>,
        count: Option<u64>,
        known: bool,
        keep_earlier: bool,
    ) -> usize {
        if keep_earlier {
            for (stage, n) in std::mem::take(&mut self.counted) {
                *self.past_counted.entry(stage).or_insert(0) += n;
            }
        } else {
            self.all.clear();
            self.counted.clear();
            self.past_counted.clear();
        }
        self.current = self.all.len();
        // Room for them all at once: no list grown (and freed) on the way.
        self.all.reserve_exact(listed.size_hint().0);
        for (id, title) in listed {
            self.all
                .push(WeaknessStatus::new(id, title, WeaknessStage::Identified));
        }
        let all = &self.all;
        let mut index: Vec<(u64, usize)> = (self.current..all.len())
            .map(|i| (key(all.get(i).map_or("", |w| w.id.as_str())), i))
            .collect();
        // Stable: equal ids stay in the order listed, so the last listed is found.
        index.sort_by(|&(ka, a), &(kb, b)| {
            let id_of = |i: usize| all.get(i).map_or("", |w| w.id.as_str());
            ka.cmp(&kb).then_with(|| id_of(a).cmp(id_of(b)))
        });
        self.index = index;
        if let Some(n) = count.filter(|n| *n > 0) {
            self.counted.insert(WeaknessStage::Identified, n);
        }
        self.known = known;
        self.reported = true;
        self.current().len() + usize::try_from(count.unwrap_or(0)).unwrap_or(usize::MAX)
    }

    /// Every item of the latest report takes `trigger`, where the item table allows it.
    pub(crate) fn trigger_all(&mut self, decl: &Declaration, trigger: WeaknessTrigger) {
        let from = self.current;
        for w in self.all.iter_mut().skip(from) {
            if let Some(next) = decl.item_step(w.stage, trigger) {
                w.stage = next;
            }
        }
        let counted = std::mem::take(&mut self.counted);
        for (stage, n) in counted {
            let next = decl.item_step(stage, trigger).unwrap_or(stage);
            *self.counted.entry(next).or_insert(0) += n;
        }
    }

    /// How many items of the latest report a judgement may still move (by the table: a
    /// `judge` trigger applies to them), by id and by count.
    pub(crate) fn to_judge(&self, decl: &Declaration, judge: WeaknessTrigger) -> (usize, u64) {
        let listed = self
            .current()
            .iter()
            .filter(|w| decl.item_step(w.stage, judge).is_some())
            .count();
        let counted = self
            .counted
            .iter()
            .filter(|(s, _)| decl.item_step(**s, judge).is_some())
            .map(|(_, n)| *n)
            .sum();
        (listed, counted)
    }

    /// The problems of judgements by id (`judge` is the trigger any judgement would take:
    /// the table says which items are still to be judged), every one with its id, and —
    /// only when there are problems — whether each judgement is kept. Linear in the
    /// judgements and the items; no allocation for a letter of a handful without problems.
    pub(crate) fn review_by_id<'a>(
        &self,
        decl: &Declaration,
        judgements: impl Iterator<Item = ById<'a>> + Clone,
        judge: WeaknessTrigger,
        counts_given: bool,
    ) -> (Vec<RejectionReason>, Vec<bool>) {
        let mut problems = Vec::new();
        let mut keep = Vec::new();
        let mut seen = Marks::new(self.all.len());
        let by_count = !self.counted.is_empty();
        for (n, j) in judgements.enumerate() {
            let id = || j.id.to_owned();
            let problem = match self.position(j.id) {
                // Judgements by id of items known only by count cannot be matched.
                None if by_count => Some(RejectionReason::JudgedByIdButCounted { id: id() }),
                None => Some(RejectionReason::UnknownWeakness { id: id() }),
                Some(i) if !seen.insert(i) => {
                    Some(RejectionReason::DuplicateJudgement { id: id() })
                }
                Some(i) => {
                    let stage = self.all.get(i).map(|w| w.stage);
                    stage
                        .and_then(|s| decl.item_step(s, j.trigger))
                        .is_none()
                        .then(|| RejectionReason::RejudgedWeakness { id: id() })
                }
            };
            if problem.is_some() && keep.len() < n {
                keep.resize(n, true);
            }
            if problem.is_some() || !keep.is_empty() {
                keep.push(problem.is_none());
            }
            problems.extend(problem);
        }
        if !counts_given {
            let from = self.current;
            for (k, w) in self.all.iter().enumerate().skip(from) {
                if !seen.contains(k) && decl.item_step(w.stage, judge).is_some() {
                    problems.push(RejectionReason::MissingJudgement { id: w.id.clone() });
                }
            }
        }
        (problems, keep)
    }

    /// The problem of an outcome given as counts, if any: counts judge only items known by
    /// count (or unknown), and add up to the items still to be judged.
    pub(crate) fn review_counts(
        &self,
        decl: &Declaration,
        judge: WeaknessTrigger,
        total: u64,
    ) -> Option<RejectionReason> {
        let (listed, counted) = self.to_judge(decl, judge);
        if listed > 0 {
            return Some(RejectionReason::CountsForListedItems { listed });
        }
        (self.known && counted != total).then_some(RejectionReason::CountsDoNotAddUp {
            given: total,
            expected: counted,
        })
    }

    /// Applies judgements by id and, for items known by count, counts `(trigger, n)`.
    /// Returns how many items were judged.
    pub(crate) fn judge<'a>(
        &mut self,
        decl: &Declaration,
        by_id: impl Iterator<Item = ById<'a>>,
        counts: &[(WeaknessTrigger, u64)],
        judge: WeaknessTrigger,
    ) -> usize {
        let mut judged = 0;
        for j in by_id {
            let Some(i) = self.position(j.id) else {
                continue;
            };
            if let Some(w) = self.all.get_mut(i) {
                if let Some(next) = decl.item_step(w.stage, j.trigger) {
                    w.stage = next;
                    judged += 1;
                }
            }
        }
        if !counts.is_empty() {
            // The counted items still to be judged take the counts' stages.
            let still: Vec<WeaknessStage> = self
                .counted
                .keys()
                .copied()
                .filter(|s| decl.item_step(*s, judge).is_some())
                .collect();
            for s in still {
                self.counted.remove(&s);
            }
            for (trigger, n) in counts {
                let stage = decl
                    .item_step(WeaknessStage::InAction, *trigger)
                    .unwrap_or(WeaknessStage::InAction);
                if *n > 0 {
                    *self.counted.entry(stage).or_insert(0) += n;
                }
                judged += usize::try_from(*n).unwrap_or(usize::MAX);
            }
            self.known = true;
        }
        judged
    }

    /// Whether, after these judgements (by id, and `counts` as (good, bad) when the outcome
    /// is given as numbers), every item of the latest report is in `good_stage`: the
    /// revisit's "all sufficient".
    pub(crate) fn all_good_after<'a>(
        &self,
        decl: &Declaration,
        by_id: impl Iterator<Item = ById<'a>>,
        counts: Option<(u64, u64)>,
        good: WeaknessTrigger,
        good_stage: WeaknessStage,
    ) -> bool {
        // Each judgement is looked up once, so this is not quadratic in the items.
        let mut judged_good = Marks::new(self.all.len());
        for j in by_id.filter(|j| j.trigger == good) {
            if let Some(i) = self.position(j.id) {
                judged_good.insert(i);
            }
        }
        let listed_ok = self
            .all
            .iter()
            .enumerate()
            .skip(self.current)
            .all(|(i, w)| w.stage == good_stage || judged_good.contains(i));
        let counted_ok = self.counted.iter().all(|(s, n)| {
            *n == 0 || *s == good_stage || (counts.is_some() && decl.item_step(*s, good).is_some())
        });
        listed_ok && counted_ok && counts.map_or(true, |(_, bad)| bad == 0)
    }

    /// How many items are in each stage, by id and by count, every report's.
    pub(crate) fn stage_counts(&self) -> BTreeMap<WeaknessStage, u64> {
        let mut out = self.past_counted.clone();
        for (s, n) in &self.counted {
            *out.entry(*s).or_insert(0) += n;
        }
        for w in &self.all {
            *out.entry(w.stage).or_insert(0) += 1;
        }
        out
    }
}

/// A set of weakness positions: a bit mask for up to 128 weaknesses (no allocation, as a
/// letter lists a handful), a vector beyond.
enum Marks {
    Small(u128),
    Large(Vec<bool>),
}

impl Marks {
    fn new(weaknesses: usize) -> Marks {
        if weaknesses <= 128 {
            Marks::Small(0)
        } else {
            Marks::Large(vec![false; weaknesses])
        }
    }

    /// Marks position `i`; false when it was marked already (or is out of range).
    fn insert(&mut self, i: usize) -> bool {
        match self {
            Marks::Small(bits) => {
                let Some(bit) = u32::try_from(i).ok().and_then(|i| 1u128.checked_shl(i)) else {
                    return false;
                };
                let fresh = *bits & bit == 0;
                *bits |= bit;
                fresh
            }
            Marks::Large(marks) => marks
                .get_mut(i)
                .is_some_and(|m| !std::mem::replace(m, true)),
        }
    }

    fn contains(&self, i: usize) -> bool {
        match self {
            Marks::Small(bits) => u32::try_from(i)
                .ok()
                .and_then(|i| 1u128.checked_shl(i))
                .is_some_and(|bit| bits & bit != 0),
            Marks::Large(marks) => marks.get(i).copied().unwrap_or(false),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use super::*;

    fn titles(items: &Items, ids: &[&str]) -> Vec<Option<String>> {
        ids.iter()
            .map(|id| items.get(id).map(|w| w.title.clone()))
            .collect()
    }

    #[test]
    fn an_id_is_found_among_many_and_a_repeated_id_is_its_last_listing() {
        let mut items = Items::default();
        let listed = [
            ("w3", "third"),
            ("w1", "first"),
            ("w2", "second"),
            ("w1", "first again"),
            ("w0", "zeroth"),
        ];
        items.identify(listed.into_iter(), None, true, false);
        assert_eq!(
            titles(&items, &["w0", "w1", "w2", "w3", "w4", "", "w"]),
            [
                Some("zeroth".to_owned()),
                Some("first again".to_owned()),
                Some("second".to_owned()),
                Some("third".to_owned()),
                None,
                None,
                None,
            ]
        );
        // Ids that share their first eight bytes (the key the search compares first), or
        // differ only by a trailing NUL, or by characters of more than one byte.
        let mut items = Items::default();
        let listed = [
            ("weakness_b", "b"),
            ("weakness", "bare"),
            ("weakness_a", "a"),
            ("weakness\0", "nul"),
            ("weakness_a", "a again"),
            ("weakness_\u{e9}", "e acute"),
            ("w", "w"),
        ];
        items.identify(listed.into_iter(), None, true, false);
        assert_eq!(
            titles(
                &items,
                &[
                    "weakness_a",
                    "weakness_b",
                    "weakness",
                    "weakness\0",
                    "weakness_\u{e9}",
                    "w"
                ]
            ),
            ["a again", "b", "bare", "nul", "e acute", "w"].map(|t| Some(t.to_owned()))
        );
        assert_eq!(
            titles(
                &items,
                &["weakness_c", "weakness_", "weakness\0\0", "weaknes", "x"]
            ),
            [None, None, None, None, None]
        );
        // A later report kept beside the earlier one: only its own ids are found.
        items.identify(
            [("w9", "ninth"), ("w3", "new third")].into_iter(),
            None,
            true,
            true,
        );
        assert_eq!(
            titles(&items, &["w9", "w3", "w1"]),
            [Some("ninth".to_owned()), Some("new third".to_owned()), None]
        );
    }
}
