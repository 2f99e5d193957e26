//! Where the reader keeps the events of a document while the validator works through them.
//!
//! A document's events are all kept until the replay (the rules read a null date's
//! neighbours on both sides), so their storage bounds the validator's memory. Three choices
//! keep it within a small multiple of the input whatever the input holds (issue 10):
//!
//! - **Only events read are kept**, each with its place in the input. A slot that could not
//!   be read (`1`, `{}`, an unknown kind) costs nothing here: its diagnostic says what was
//!   wrong, and no rule has anything to read in it.
//! - **Only what the rules read**: an event's date and detail (56 bytes), its place apart
//!   (8 bytes, kept for the positions of findings after the replay), and its `source` and
//!   `note` only when the caller wants them back (reading a [`crate::Timeline`]): the
//!   validator checks them and lets them go.
//! - **Blocks that never move.** A growing `Vec` copies itself into one twice its size, so
//!   at that moment it holds three times what it stores; a document of many small events
//!   outgrows any room reserved from its length. Here events go into blocks of growing
//!   size (8, 16, … up to 1,024 events), and a full block is left where it is: the only
//!   room unused is the last block's. The replay takes the events over block by block, so
//!   each block is freed once its events are judged.

use crate::date::EventDate;
use crate::event::{Event, EventDetail};

/// The first block's room, in events. The first two blocks (8 and 16 events, 448 and 896
/// bytes of payloads) stay under 1 KiB: glibc's `malloc` tidies all its free small chunks
/// at each request of 1 KiB or more, which cost a short document about 3 % of its
/// validation when the first block was 32 events (1,792 bytes).
const FIRST_BLOCK: usize = 8;
/// The largest block's room, in events (56 KiB of dates and details, 8 KiB of places).
const LARGEST_BLOCK: usize = 1_024;

/// Where an event stands in the input: its index in the `events` array, where its
/// object's first member name begins (a byte offset, when the reader knew it), and whether
/// the object is *regular* — it names no member twice and none the format does not know —
/// packed in one word so that they cost no room beside the event. With the top bit set,
/// bit 62 says the object is regular, the index is in bits 32–61 and the offset in bits
/// 0–31; otherwise the word is the index, and neither the offset nor regularity is known
/// (an index or offset too large to pack, or a name the reader had to unescape).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place(u64);

const PACKED: u64 = 1 << 63;
const REGULAR: u64 = 1 << 62;

impl Place {
    fn new(index: usize, start: Option<usize>, regular: bool) -> Place {
        let packed = start.and_then(|start| {
            let index = u32::try_from(index).ok().filter(|i| *i < 1 << 30)?;
            let start = u32::try_from(start).ok()?;
            let regular = if regular { REGULAR } else { 0 };
            Some(PACKED | regular | u64::from(index) << 32 | u64::from(start))
        });
        Place(packed.unwrap_or(index as u64))
    }

    fn index(self) -> usize {
        if self.0 & PACKED != 0 {
            ((self.0 & !(PACKED | REGULAR)) >> 32) as usize
        } else {
            self.0 as usize
        }
    }

    fn start(self) -> Option<usize> {
        (self.0 & PACKED != 0).then_some((self.0 & 0xFFFF_FFFF) as usize)
    }

    fn regular(self) -> bool {
        self.0 & (PACKED | REGULAR) == PACKED | REGULAR
    }
}

/// A list in blocks of growing size that never move (see the module's documentation).
#[derive(Debug)]
struct Blocks<T> {
    blocks: Vec<Vec<T>>,
    len: usize,
    /// Whether every block has exactly the room asked for (`Vec::with_capacity` may give
    /// more), so that [`Blocks::at`] can find a position by arithmetic.
    sized: bool,
}

impl<T> Default for Blocks<T> {
    fn default() -> Self {
        Blocks {
            blocks: Vec::new(),
            len: 0,
            sized: true,
        }
    }
}

impl<T> Blocks<T> {
    fn push(&mut self, item: T) {
        let room = match self.blocks.last() {
            Some(block) if block.len() < block.capacity() => None,
            Some(block) => Some((block.capacity() * 2).min(LARGEST_BLOCK)),
            None => Some(FIRST_BLOCK),
        };
        if let Some(room) = room {
            let block = Vec::with_capacity(room);
            self.sized &= block.capacity() == room;
            self.blocks.push(block);
        }
        if let Some(block) = self.blocks.last_mut() {
            block.push(item);
            self.len += 1;
        }
    }

    /// The item at `position` (counting from 0 across the blocks), found by arithmetic on
    /// the blocks' sizes: every block but the last is full, and block `b` has room for
    /// `FIRST_BLOCK << b` items, up to `LARGEST_BLOCK`. `None` past the end, or when some
    /// block was given more room than asked (the caller then searches).
    fn at(&self, position: usize) -> Option<&T> {
        if !self.sized {
            return None;
        }
        // Block `b` < `doubling` holds `FIRST_BLOCK << b`; the `doubling` blocks before
        // the first of the largest size hold `before_largest` in all.
        let doubling = (LARGEST_BLOCK / FIRST_BLOCK).ilog2() as usize;
        let before_largest = FIRST_BLOCK * ((1 << doubling) - 1);
        let (b, offset) = if position < before_largest {
            let b = (position / FIRST_BLOCK + 1).ilog2() as usize;
            (b, position - FIRST_BLOCK * ((1 << b) - 1))
        } else {
            let past = position - before_largest;
            (doubling + past / LARGEST_BLOCK, past % LARGEST_BLOCK)
        };
        self.blocks.get(b)?.get(offset)
    }

    fn iter(&self) -> impl Iterator<Item = &T> + Clone {
        self.blocks.iter().flatten()
    }

    /// The items handed over, each block freed once its items are taken.
    fn into_items(self) -> impl Iterator<Item = T> {
        self.blocks.into_iter().flatten()
    }
}

/// What the rules read of an event: its date and detail.
#[derive(Debug)]
struct Payload {
    date: EventDate,
    detail: EventDetail,
}

/// An event's `source` and `note`.
type Citation = (Option<String>, Option<String>);

/// The events read from a document, in input order, each with its index in the `events`
/// array and where it began.
#[derive(Debug, Default)]
pub(crate) struct ReadEvents {
    places: Places,
    payloads: Blocks<Payload>,
    /// One per event when the reader keeps citations; empty otherwise.
    citations: Blocks<Citation>,
}

/// Where each event read stands in the input: its index, and where its first member name
/// begins when the reader knew.
#[derive(Debug, Default)]
pub(crate) struct Places {
    list: Blocks<Place>,
    /// Whether the document named `events` more than once (the reader reads the first and
    /// reports the others).
    repeated: bool,
}

impl ReadEvents {
    /// Keeps `event`, read at `index` (after every index kept so far), whose first member
    /// name starts at byte `start` of the input when known, and whose object is `regular`
    /// (no member named twice, none unknown); its `source` and `note` only when
    /// `citations` (for every event alike).
    pub(crate) fn push(
        &mut self,
        index: usize,
        start: Option<usize>,
        regular: bool,
        event: Event,
        citations: bool,
    ) {
        let Event {
            date,
            detail,
            source,
            note,
        } = event;
        self.places.list.push(Place::new(index, start, regular));
        self.payloads.push(Payload { date, detail });
        if citations {
            self.citations.push((source, note));
        }
    }

    /// Notes that the document names `events` again (the reader reads the first only).
    pub(crate) fn note_repeated(&mut self) {
        self.places.repeated = true;
    }

    /// How many events were kept.
    pub(crate) fn len(&self) -> usize {
        self.payloads.len
    }

    /// Each event's date, in order.
    pub(crate) fn dates(&self) -> impl Iterator<Item = &EventDate> {
        self.payloads.iter().map(|p| &p.date)
    }

    /// The events handed over with their indices, each block freed once taken, and the
    /// places kept (for the positions of findings).
    pub(crate) fn into_parts(self) -> (Places, impl Iterator<Item = Event>) {
        let mut citations = self.citations.into_items();
        let events = self.payloads.into_items().map(move |p| {
            let (source, note) = citations.next().unwrap_or_default();
            Event {
                date: p.date,
                detail: p.detail,
                source,
                note,
            }
        });
        (self.places, events)
    }

    /// The events, in order, without their indices.
    pub(crate) fn into_events(self) -> Vec<Event> {
        let n = self.len();
        let mut out = Vec::with_capacity(n);
        out.extend(self.into_parts().1);
        out
    }

    /// One entry per slot of the input up to the last event kept: the event, or `None`
    /// where a slot was not read (for tests of the reader).
    #[cfg(test)]
    pub(crate) fn slots(&self) -> Vec<Option<Event>> {
        let mut out = Vec::new();
        let mut citations = self.citations.iter();
        for (i, p) in self.places.indices().zip(self.payloads.iter()) {
            out.resize(i, None);
            let (source, note) = citations.next().cloned().unwrap_or_default();
            out.push(Some(Event {
                date: p.date,
                detail: p.detail.clone(),
                source,
                note,
            }));
        }
        out
    }

    /// See [`Places::start_of`].
    #[cfg(test)]
    pub(crate) fn places(&self) -> &Places {
        &self.places
    }
}

impl Places {
    /// The index of each event read, in order.
    pub(crate) fn indices(&self) -> impl Iterator<Item = usize> + Clone + '_ {
        self.list.iter().map(|p| p.index())
    }

    /// Where the first member name of the event at `index` begins, when it was read and
    /// the reader knew (a search: for the few events a report's findings concern).
    pub(crate) fn start_of(&self, index: usize) -> Option<usize> {
        self.place(index)?.start()
    }

    /// Whether the reader read the event at `index`, knew where it begins, and found that
    /// its object names no member twice and none unknown: then a path into it has one
    /// occurrence at most, and the position scan may stop once it has found what it wants
    /// there.
    pub(crate) fn regular(&self, index: usize) -> bool {
        self.place(index).is_some_and(Place::regular)
    }

    /// The place of the event at `index`, when it was read.
    fn place(&self, index: usize) -> Option<Place> {
        // Where every slot so far was read, event `index` is the `index`-th kept.
        if let Some(p) = self.list.at(index).filter(|p| p.index() == index) {
            return Some(*p);
        }
        let blocks = &self.list.blocks;
        let after = blocks.partition_point(|b| b.first().is_some_and(|p| p.index() <= index));
        let block = blocks.get(after.checked_sub(1)?)?;
        let at = block.binary_search_by_key(&index, |p| p.index()).ok()?;
        block.get(at).copied()
    }

    /// The last event read before index `k` whose beginning the reader knew: its index and
    /// where its first member name begins (for a wanted slot the reader did not place: the
    /// scan jumps as near to it as it can, then walks).
    pub(crate) fn placed_before(&self, k: usize) -> Option<(usize, usize)> {
        let blocks = &self.list.blocks;
        // The blocks whose first index is below `k`, then within the last of them.
        let upto = blocks.partition_point(|b| b.first().is_some_and(|p| p.index() < k));
        blocks
            .get(..upto)?
            .iter()
            .rev()
            .flat_map(|b| {
                let below = b.partition_point(|p| p.index() < k);
                b.get(..below).unwrap_or_default().iter().rev()
            })
            .find_map(|p| Some((p.index(), p.start()?)))
    }

    /// Whether the document names `events` once only, so that every occurrence of a path
    /// below it lies in the array these places describe.
    pub(crate) fn alone(&self) -> bool {
        !self.repeated
    }

    /// The last event kept: its index and where its first member name begins.
    pub(crate) fn last_start(&self) -> Option<(usize, usize)> {
        let p = self.list.blocks.last()?.last()?;
        Some((p.index(), p.start()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::EventDate;
    use crate::event::EventDetail;

    fn note(title: &str) -> Event {
        Event::new(
            EventDate::Unknown,
            EventDetail::Note {
                title: title.to_owned(),
            },
        )
    }

    #[test]
    fn every_position_is_found_by_arithmetic_across_blocks() {
        // Every slot read: the k-th event kept is event k, in blocks of every size.
        let mut blocks = Blocks::default();
        let n = 2 * LARGEST_BLOCK + 5_000;
        for k in 0..n {
            blocks.push(k);
        }
        assert!(blocks.sized, "Vec::with_capacity gave more room than asked");
        assert!(blocks.blocks.len() > 8, "{}", blocks.blocks.len());
        for k in 0..n {
            assert_eq!(blocks.at(k), Some(&k), "{k}");
        }
        assert_eq!(blocks.at(n), None);
        assert_eq!(blocks.at(usize::MAX / 2), None);
        let mut store = ReadEvents::default();
        for i in 0..3_000 {
            store.push(i, Some(i * 7), i % 2 == 0, note("t"), false);
        }
        assert!((0..3_000).all(|i| store.places().start_of(i) == Some(i * 7)));
        assert!((0..3_000).all(|i| store.places().regular(i) == (i % 2 == 0)));
        assert_eq!(store.places().start_of(3_000), None);
        assert!(!store.places().regular(3_000));
    }

    #[test]
    fn events_come_back_in_order_with_their_indices_across_blocks() {
        let mut store = ReadEvents::default();
        // Every third slot unread; enough events for several blocks, the largest included.
        let indices: Vec<usize> = (0..6_000).filter(|i| i % 3 != 1).collect();
        for &i in &indices {
            let mut e = note(&i.to_string());
            e.source = Some(format!("s{i}"));
            store.push(i, Some(i * 10), i % 5 != 0, e, false);
        }
        assert_eq!(store.len(), indices.len());
        assert_eq!(store.dates().count(), indices.len());
        // Blocks grow to the largest size and stop there; none is ever over-full.
        let sizes: Vec<usize> = store.payloads.blocks.iter().map(Vec::capacity).collect();
        assert_eq!(sizes.first(), Some(&FIRST_BLOCK));
        assert!(sizes.iter().all(|&c| c <= LARGEST_BLOCK), "{sizes:?}");
        assert!(store
            .payloads
            .blocks
            .iter()
            .all(|b| b.len() <= b.capacity()));
        // No citations kept unless asked for.
        assert_eq!(store.citations.len, 0);
        // Where each began, found again; none for a slot not read.
        let places = store.places();
        assert!(indices.iter().all(|&i| places.start_of(i) == Some(i * 10)));
        assert!(indices.iter().all(|&i| places.regular(i) == (i % 5 != 0)));
        assert_eq!(places.start_of(1), None);
        assert!(!places.regular(1));
        assert_eq!(places.start_of(6_001), None);
        assert_eq!(places.last_start(), Some((5_999, 59_990)));
        // Found by position where that is where they are (the first two), by search after.
        assert_eq!(places.list.at(1).map(|p| p.index()), Some(2));
        assert_eq!(places.start_of(2), Some(20));
        // The nearest placed event before a slot: 1 was not read, so before 2 is 0.
        assert_eq!(places.placed_before(2), Some((0, 0)));
        assert_eq!(places.placed_before(1), Some((0, 0)));
        assert_eq!(places.placed_before(0), None);
        assert_eq!(places.placed_before(4_000), Some((3_999, 39_990)));
        assert_eq!(places.placed_before(100_000), Some((5_999, 59_990)));
        let (places, events) = store.into_parts();
        let handed: Vec<(usize, Event)> = places.indices().zip(events).collect();
        assert_eq!(handed.len(), indices.len());
        for ((i, e), &want) in handed.iter().zip(&indices) {
            assert_eq!(*i, want);
            assert_eq!(
                e.detail,
                EventDetail::Note {
                    title: want.to_string()
                }
            );
            assert_eq!(e.source, None);
        }
    }

    #[test]
    fn citations_are_kept_when_asked_for() {
        let mut store = ReadEvents::default();
        for i in 0..100 {
            let mut e = note("n");
            e.source = Some(format!("s{i}"));
            e.note = (i % 2 == 0).then(|| "even".to_owned());
            store.push(i, None, true, e, true);
        }
        let events = store.into_events();
        assert_eq!(events.len(), 100);
        for (i, e) in events.iter().enumerate() {
            assert_eq!(e.source.as_deref(), Some(format!("s{i}").as_str()));
            assert_eq!(e.note.is_some(), i % 2 == 0);
        }
    }

    #[test]
    fn slots_show_the_unread_ones_as_none() {
        let mut store = ReadEvents::default();
        store.push(1, None, true, note("a"), false);
        store.push(3, Some(7), true, note("b"), false);
        let slots = store.slots();
        assert_eq!(slots.len(), 4);
        assert!(slots[0].is_none() && slots[1].is_some() && slots[2].is_none());
        let places = store.places();
        assert_eq!((places.start_of(1), places.start_of(3)), (None, Some(7)));
        // Event 1 was read but not placed (its first name had an escape): nothing before 3
        // is placed.
        assert_eq!(places.placed_before(3), None);
        assert_eq!(places.placed_before(4), Some((3, 7)));
    }

    #[test]
    fn a_place_packs_what_fits_and_keeps_the_index_whatever_happens() {
        let cases = [
            (0, Some(0), Some(0)),
            (5, None, None),
            (
                (1 << 30) - 1,
                Some(u32::MAX as usize),
                Some(u32::MAX as usize),
            ),
            // Too large to pack: the index is kept, the offset (and regularity) given up.
            (1 << 30, Some(3), None),
            (1 << 31, Some(3), None),
            (7, Some(1 << 32), None),
            (usize::MAX >> 1, Some(1), None),
        ];
        for (index, start, kept) in cases {
            for regular in [false, true] {
                let p = Place::new(index, start, regular);
                assert_eq!(
                    (p.index(), p.start(), p.regular()),
                    (index, kept, regular && kept.is_some()),
                    "{index} {start:?} {regular}"
                );
            }
        }
    }
}
