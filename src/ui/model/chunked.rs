//! A list whose copies share their items, for the lists of a run.
//!
//! The reducer copies the state on every change, and a live run changes on every redraw: a
//! few of its thousands of traces, a few more lines of its log. A `Vec` would be copied
//! whole each time; this copies one pointer per chunk, and only the chunks a change touches.

use std::ops::{Index, Range};
use std::rc::Rc;

/// Items per chunk: a change copies at most this many items.
const CHUNK: usize = 256;

#[derive(Clone, Debug)]
pub struct Chunked<T> {
    /// Every chunk holds CHUNK items, except the last, which holds at least one.
    chunks: Rc<Vec<Rc<Vec<T>>>>,
}

impl<T> Default for Chunked<T> {
    fn default() -> Self {
        Chunked {
            chunks: Rc::new(Vec::new()),
        }
    }
}

impl<T> Chunked<T> {
    pub fn len(&self) -> usize {
        match self.chunks.last() {
            Some(last) => (self.chunks.len() - 1) * CHUNK + last.len(),
            None => 0,
        }
    }

    pub fn get(&self, index: usize) -> Option<&T> {
        self.chunks.get(index / CHUNK)?.get(index % CHUNK)
    }

    pub fn first(&self) -> Option<&T> {
        self.get(0)
    }

    pub fn last(&self) -> Option<&T> {
        self.chunks.last()?.last()
    }

    /// How many items come before the first for which `before` is false, when it is true
    /// of a prefix only (as "happened by then" is of a run's events): a binary search.
    pub fn partition_point(&self, before: impl Fn(&T) -> bool) -> usize {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let middle = low + (high - low) / 2;
            if before(&self[middle]) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        low
    }

    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &T> {
        self.chunks.iter().flat_map(|chunk| chunk.iter())
    }

    /// The items of `range` (cut to the list's length), without walking those before it.
    pub fn range(&self, range: Range<usize>) -> impl Iterator<Item = &T> {
        let end = range.end.min(self.len());
        let start = range.start.min(end);
        self.chunks[start / CHUNK..]
            .iter()
            .flat_map(|chunk| chunk.iter())
            .skip(start % CHUNK)
            .take(end - start)
    }
}

impl<T: Clone> Chunked<T> {
    /// The item at `index`, to change: its chunk is copied first if another list shares it.
    pub fn get_mut(&mut self, index: usize) -> Option<&mut T> {
        if index >= self.len() {
            return None;
        }
        let chunk = Rc::make_mut(&mut self.chunks).get_mut(index / CHUNK)?;
        Rc::make_mut(chunk).get_mut(index % CHUNK)
    }

    pub fn push(&mut self, item: T) {
        let chunks = Rc::make_mut(&mut self.chunks);
        match chunks.last_mut() {
            Some(last) if last.len() < CHUNK => Rc::make_mut(last).push(item),
            _ => {
                let mut chunk = Vec::with_capacity(CHUNK);
                chunk.push(item);
                chunks.push(Rc::new(chunk));
            }
        }
    }
}

impl<T> FromIterator<T> for Chunked<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut chunks = Vec::new();
        let mut chunk = Vec::with_capacity(CHUNK);
        for item in items {
            chunk.push(item);
            if chunk.len() == CHUNK {
                chunks.push(Rc::new(std::mem::replace(
                    &mut chunk,
                    Vec::with_capacity(CHUNK),
                )));
            }
        }
        if !chunk.is_empty() {
            chunks.push(Rc::new(chunk));
        }
        Chunked {
            chunks: Rc::new(chunks),
        }
    }
}

impl<T> Index<usize> for Chunked<T> {
    type Output = T;

    fn index(&self, index: usize) -> &T {
        &self.chunks[index / CHUNK][index % CHUNK]
    }
}

/// Chunks still shared are equal without a look at their items: comparing a list with its
/// copy of one redraw before looks only at the chunks that changed since.
impl<T: PartialEq> PartialEq for Chunked<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.chunks, &other.chunks)
            || (self.chunks.len() == other.chunks.len()
                && self
                    .chunks
                    .iter()
                    .zip(other.chunks.iter())
                    .all(|(mine, theirs)| Rc::ptr_eq(mine, theirs) || mine == theirs))
    }
}

#[cfg(test)]
mod tests {
    use super::{Chunked, CHUNK};
    use std::rc::Rc;

    #[test]
    fn a_list_across_chunks_reads_as_a_vec() {
        let items: Vec<usize> = (0..CHUNK * 2 + 5).collect();
        let mut list: Chunked<usize> = items.iter().copied().collect();
        assert_eq!(list.len(), items.len());
        assert_eq!(list.iter().copied().collect::<Vec<_>>(), items);
        assert_eq!(list.first(), Some(&0));
        assert_eq!(list.last(), Some(&(CHUNK * 2 + 4)));
        assert_eq!(list[CHUNK], CHUNK);
        assert_eq!(list.get(items.len()), None);
        let range: Vec<usize> = list.range(CHUNK - 1..CHUNK + 2).copied().collect();
        assert_eq!(range, [CHUNK - 1, CHUNK, CHUNK + 1]);
        assert_eq!(list.range(items.len() - 1..items.len() + 9).count(), 1);
        list.push(7);
        assert_eq!(list.len(), items.len() + 1);
        assert_eq!(list.partition_point(|item| *item < 100), 100);
        assert_eq!(Chunked::<u8>::default().len(), 0);
        assert_eq!(Chunked::<u8>::default().partition_point(|_| true), 0);
    }

    #[test]
    fn a_change_copies_only_its_chunk_and_copies_compare_by_pointer() {
        let original: Chunked<usize> = (0..CHUNK * 3).collect();
        let mut copy = original.clone();
        assert!(Rc::ptr_eq(&original.chunks, &copy.chunks));
        *copy.get_mut(CHUNK + 1).unwrap() = 0;
        assert_eq!(original[CHUNK + 1], CHUNK + 1, "the original is untouched");
        assert!(Rc::ptr_eq(&original.chunks[0], &copy.chunks[0]));
        assert!(!Rc::ptr_eq(&original.chunks[1], &copy.chunks[1]));
        assert_ne!(original, copy);
        *copy.get_mut(CHUNK + 1).unwrap() = CHUNK + 1;
        assert_eq!(
            original, copy,
            "equal items in unshared chunks are equal too"
        );
        assert_eq!(copy.get_mut(CHUNK * 3), None);
    }
}
