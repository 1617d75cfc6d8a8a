//! Stable sorting of the app's short lists (enterprises, programmes, roadmap moves, losses) through one routine.
//!
//! The standard library's stable sort is generic: every element type and comparator gets its own copy of it,
//! several kilobytes of wasm each. [`sort_stable_by`] sorts positions (`usize`) through a `dyn` comparator instead,
//! so the app carries a single copy, and then moves the elements into that order. The result is exactly that of
//! `slice::sort_by`: equal elements keep their order. Large lists (the province roster, the tally) keep their own
//! sorts, where the indirection would cost time.
//!
//! For the same reason [`map_of`] and [`set_of`] build ordered maps and sets by inserting: `collect()` into a
//! `BTreeMap` sorts the pairs first, with another copy of the stable sort for each key and value type.
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Sorts `v` by `cmp`, keeping equal elements in their order, as `sort_by` does.
pub fn sort_stable_by<T>(v: &mut Vec<T>, cmp: &dyn Fn(&T, &T) -> Ordering) {
    let order = {
        let items: &[T] = v;
        positions_in_order(items.len(), &|a, b| cmp(&items[a], &items[b]))
    };
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// The map of `pairs`, as `collect()` makes it (of equal keys, the last pair's value stays), without its sort.
pub fn map_of<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (k, v) in pairs {
        map.insert(k, v);
    }
    map
}

/// The set of `items`, as `collect()` makes it, without its sort.
pub fn set_of<T: Ord>(items: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for item in items {
        set.insert(item);
    }
    set
}

/// The positions `0..n` sorted stably by `cmp`; the one instance of the standard sort.
#[inline(never)]
fn positions_in_order(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..n).collect();
    positions.sort_by(|a, b| cmp(*a, *b));
    positions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_standard_stable_sort() {
        // Pairs sorted by their first half only: the second half shows that ties keep their order.
        let mut seed = 0x2545_f491_u64;
        for len in [0usize, 1, 2, 3, 7, 20, 33, 100, 257] {
            let v: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    ((seed % 5) as u8, i)
                })
                .collect();
            let mut ours = v.clone();
            sort_stable_by(&mut ours, &|a, b| b.0.cmp(&a.0));
            let mut std = v;
            std.sort_by_key(|p| std::cmp::Reverse(p.0));
            assert_eq!(ours, std, "length {len}");
        }
    }

    #[test]
    fn maps_and_sets_as_collect_makes_them() {
        let pairs = [(3, "c"), (1, "a"), (3, "z"), (2, "b")];
        assert_eq!(map_of(pairs), pairs.into_iter().collect::<BTreeMap<_, _>>());
        assert_eq!(map_of(pairs)[&3], "z");
        assert_eq!(
            set_of([5, 1, 5, 3]),
            [5, 1, 5, 3].into_iter().collect::<BTreeSet<_>>()
        );
    }

    #[test]
    fn moves_owned_elements() {
        let mut v = vec![
            "cà phê".to_string(),
            "bánh mì".into(),
            "phở".into(),
            "áo dài".into(),
        ];
        sort_stable_by(&mut v, &|a, b| a.len().cmp(&b.len()));
        assert_eq!(v, ["phở", "cà phê", "áo dài", "bánh mì"]);
    }
}
