//! Where the reader keeps the events of a document while the validator works through them.
//!
//! A document's events are all kept until the replay (the rules read a null date's
//! neighbours on both sides), so their storage bounds the validator's memory. Two choices
//! keep it within a small multiple of the input whatever the input holds (issue 10):
//!
//! - **Only events read are kept**, each with its place in the input. A slot that could not
//!   be read (`1`, `{}`, an unknown kind) costs nothing here: its diagnostic says what was
//!   wrong, and no rule has anything to read in it.
//! - **Blocks that never move.** A growing `Vec` copies itself into one twice its size, so
//!   at that moment it holds three times what it stores; a document of many small events
//!   outgrows any room reserved from its length. Here events go into blocks of growing
//!   size (32, 64, … up to 1,024 events), and a full block is left where it is: the only
//!   room unused is the last block's.

use crate::event::Event;

/// The first block's room, in events.
const FIRST_BLOCK: usize = 32;
/// The largest block's room, in events (about 110 KiB).
const LARGEST_BLOCK: usize = 1_024;

/// Where an event stands in the input: its index in the `events` array, and where its
/// object's first member name begins (a byte offset, when the reader knew it), packed in
/// one word so that the offset costs no room beside the event. With the top bit set, the
/// index is in bits 32–62 and the offset in bits 0–31; otherwise the word is the index,
/// and the offset is not known (an index or offset too large to pack, or a name the reader
/// had to unescape).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place(u64);

const PACKED: u64 = 1 << 63;

impl Place {
    fn new(index: usize, start: Option<usize>) -> Place {
        let packed = start.and_then(|start| {
            let index = u32::try_from(index).ok().filter(|i| *i < 1 << 31)?;
            let start = u32::try_from(start).ok()?;
            Some(PACKED | u64::from(index) << 32 | u64::from(start))
        });
        Place(packed.unwrap_or(index as u64))
    }

    fn index(self) -> usize {
        if self.0 & PACKED != 0 {
            ((self.0 & !PACKED) >> 32) as usize
        } else {
            self.0 as usize
        }
    }

    fn start(self) -> Option<usize> {
        (self.0 & PACKED != 0).then_some((self.0 & 0xFFFF_FFFF) as usize)
    }
}

/// The events read from a document, in input order, each with its index in the `events`
/// array.
#[derive(Debug, Default)]
pub(crate) struct ReadEvents {
    blocks: Vec<Vec<(Place, Event)>>,
    len: usize,
}

impl ReadEvents {
    /// Keeps `event`, read at `index` (after every index kept so far), whose first member
    /// name starts at byte `start` of the input when known.
    pub(crate) fn push(&mut self, index: usize, start: Option<usize>, event: Event) {
        let room = match self.blocks.last() {
            Some(block) if block.len() < block.capacity() => None,
            Some(block) => Some((block.capacity() * 2).min(LARGEST_BLOCK)),
            None => Some(FIRST_BLOCK),
        };
        if let Some(room) = room {
            self.blocks.push(Vec::with_capacity(room));
        }
        if let Some(block) = self.blocks.last_mut() {
            block.push((Place::new(index, start), event));
            self.len += 1;
        }
    }

    /// How many events were kept.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The events kept, in input order, with their indices.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (usize, &Event)> + Clone {
        self.blocks.iter().flatten().map(|(p, e)| (p.index(), e))
    }

    /// The events kept, handed over.
    pub(crate) fn into_events(self) -> impl Iterator<Item = (usize, Event)> {
        self.blocks
            .into_iter()
            .flatten()
            .map(|(p, e)| (p.index(), e))
    }

    /// Where the first member name of the event at `index` begins, when it was read and
    /// the reader knew (a search: for the few events a report's findings concern).
    pub(crate) fn start_of(&self, index: usize) -> Option<usize> {
        let after = self
            .blocks
            .partition_point(|b| b.first().is_some_and(|(p, _)| p.index() <= index));
        let block = self.blocks.get(after.checked_sub(1)?)?;
        let at = block
            .binary_search_by_key(&index, |(p, _)| p.index())
            .ok()?;
        block.get(at)?.0.start()
    }

    /// The last event kept: its index and where its first member name begins.
    pub(crate) fn last_start(&self) -> Option<(usize, usize)> {
        let (p, _) = self.blocks.last()?.last()?;
        Some((p.index(), p.start()?))
    }

    /// One entry per slot of the input up to the last event kept: the event, or `None`
    /// where a slot was not read (for tests of the reader).
    #[cfg(test)]
    pub(crate) fn slots(&self) -> Vec<Option<&Event>> {
        let mut out = Vec::new();
        for (i, e) in self.iter() {
            out.resize(i, None);
            out.push(Some(e));
        }
        out
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
    fn events_come_back_in_order_with_their_indices_across_blocks() {
        let mut store = ReadEvents::default();
        // Every third slot unread; enough events for several blocks, the largest included.
        let indices: Vec<usize> = (0..6_000).filter(|i| i % 3 != 1).collect();
        for &i in &indices {
            store.push(i, Some(i * 10), note(&i.to_string()));
        }
        assert_eq!(store.len(), indices.len());
        let back: Vec<usize> = store.iter().map(|(i, _)| i).collect();
        assert_eq!(back, indices);
        assert!(store.iter().all(|(i, e)| e.detail
            == EventDetail::Note {
                title: i.to_string()
            }));
        // Blocks grow to the largest size and stop there; none is ever over-full.
        let sizes: Vec<usize> = store.blocks.iter().map(Vec::capacity).collect();
        assert_eq!(sizes.first(), Some(&FIRST_BLOCK));
        assert!(sizes.iter().all(|&c| c <= LARGEST_BLOCK), "{sizes:?}");
        assert!(store.blocks.iter().all(|b| b.len() <= b.capacity()));
        // Where each began, found again; none for a slot not read.
        assert!(indices.iter().all(|&i| store.start_of(i) == Some(i * 10)));
        assert_eq!(store.start_of(1), None);
        assert_eq!(store.start_of(6_001), None);
        assert_eq!(store.last_start(), Some((5_999, 59_990)));
        let handed: Vec<usize> = store.into_events().map(|(i, _)| i).collect();
        assert_eq!(handed, indices);
    }

    #[test]
    fn slots_show_the_unread_ones_as_none() {
        let mut store = ReadEvents::default();
        store.push(1, None, note("a"));
        store.push(3, Some(7), note("b"));
        let slots = store.slots();
        assert_eq!(slots.len(), 4);
        assert!(slots[0].is_none() && slots[1].is_some() && slots[2].is_none());
        assert_eq!((store.start_of(1), store.start_of(3)), (None, Some(7)));
    }

    #[test]
    fn a_place_packs_what_fits_and_keeps_the_index_whatever_happens() {
        let cases = [
            (0, Some(0), Some(0)),
            (5, None, None),
            (
                (1 << 31) - 1,
                Some(u32::MAX as usize),
                Some(u32::MAX as usize),
            ),
            // Too large to pack: the index is kept, the offset given up.
            (1 << 31, Some(3), None),
            (7, Some(1 << 32), None),
            (usize::MAX >> 1, Some(1), None),
        ];
        for (index, start, kept) in cases {
            let p = Place::new(index, start);
            assert_eq!((p.index(), p.start()), (index, kept), "{index} {start:?}");
        }
    }
}
