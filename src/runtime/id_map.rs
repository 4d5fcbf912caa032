//! Values under the increasing ids a map hands out, in a deque searched by id.

use std::collections::VecDeque;

/// Values keyed by ids that the map hands out itself, each greater than the last: a deque
/// sorted by id and binary-searched, a fraction of a `BTreeMap`'s code in the page's wasm.
///
/// Removing a value leaves a hole, dropped once it reaches the front (the oldest values
/// usually go first) or once holes outnumber values, so memory stays proportional to the
/// values held and every operation takes amortised O(log n) time.
pub(crate) struct IdMap<T> {
    next_id: u64,
    live: usize,
    entries: VecDeque<(u64, Option<T>)>,
}

impl<T> Default for IdMap<T> {
    fn default() -> Self {
        IdMap {
            next_id: 0,
            live: 0,
            entries: VecDeque::new(),
        }
    }
}

impl<T> IdMap<T> {
    /// How many values the map holds.
    pub(crate) fn len(&self) -> usize {
        self.live
    }

    /// Stores `value` under a new id, greater than every id handed out before.
    pub(crate) fn insert(&mut self, value: T) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        self.entries.push_back((id, Some(value)));
        self.live += 1;
        id
    }

    /// Where the entry of `id` is, hole or not.
    fn index(&self, id: u64) -> Option<usize> {
        // Until holes are swept the ids run without a gap from the front, so an id's
        // distance from the first is its index: no search on the common path.
        let first = self.entries.front()?.0;
        let guess = usize::try_from(id.checked_sub(first)?).ok()?;
        if self.entries.get(guess).is_some_and(|&(at, _)| at == id) {
            return Some(guess);
        }
        self.entries.binary_search_by_key(&id, |&(at, _)| at).ok()
    }

    /// The value stored under `id`, if any.
    pub(crate) fn get(&self, id: u64) -> Option<&T> {
        let index = self.index(id)?;
        self.entries.get(index)?.1.as_ref()
    }

    /// The value stored under `id`, if any, to change.
    pub(crate) fn get_mut(&mut self, id: u64) -> Option<&mut T> {
        let index = self.index(id)?;
        self.entries.get_mut(index)?.1.as_mut()
    }

    /// Takes out the value stored under `id`, if any.
    pub(crate) fn remove(&mut self, id: u64) -> Option<T> {
        let index = self.index(id)?;
        let value = self.entries.get_mut(index)?.1.take()?;
        self.live -= 1;
        while matches!(self.entries.front(), Some((_, None))) {
            self.entries.pop_front();
        }
        // Holes behind a long-lived value: swept when they outnumber the values, so that
        // each sweep is paid for by as many removals.
        if self.entries.len() > 2 * self.live + 16 {
            self.entries.retain(|(_, value)| value.is_some());
        }
        Some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::IdMap;

    #[test]
    fn ids_increase_and_removed_values_are_gone() {
        let mut map = IdMap::default();
        let a = map.insert("a");
        let b = map.insert("b");
        assert!(a < b);
        assert_eq!(map.remove(a), Some("a"));
        assert_eq!(map.remove(a), None);
        assert!(map.get(a).is_none() && map.get(b).is_some());
        assert_eq!((map.len(), map.get_mut(b)), (1, Some(&mut "b")));
        assert_eq!(map.get_mut(b + 1), None);
    }

    #[test]
    fn holes_behind_a_long_lived_value_are_swept() {
        let mut map = IdMap::default();
        let first = map.insert(0);
        for value in 1..1_000 {
            let id = map.insert(value);
            assert_eq!(map.remove(id), Some(value));
        }
        assert!(map.entries.len() <= 2 * map.len() + 16);
        assert_eq!(map.get_mut(first), Some(&mut 0));
        // Swept holes leave gaps in the ids: found by search, not by distance.
        let last = map.insert(1_000);
        assert_eq!(map.get_mut(last), Some(&mut 1_000));
        assert_eq!(map.remove(first), Some(0));
        assert_eq!((map.len(), map.entries.len()), (1, 1));
        assert_eq!(map.remove(last), Some(1_000));
        assert!(map.entries.is_empty());
    }
}
