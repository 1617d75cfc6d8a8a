//! Work started again before the last run of it ended (a tally, a join): only the latest run's outcome is shown.
use std::cell::Cell;
use yew::prelude::*;

thread_local! {
    /// The number of the latest run started.
    static LATEST: Cell<u64> = const { Cell::new(0) };
}

/// Starts a run: the returned setter sets `state` only while no later run has started, so that what an earlier
/// run still under way finds later is stale and not shown (on the province page, a register picked while the
/// results are read starts a second tally, which may end first).
pub fn begin<T: 'static>(state: UseStateHandle<T>) -> Callback<T> {
    let mine = LATEST.with(|l| {
        let n = l.get() + 1;
        l.set(n);
        n
    });
    Callback::from(move |value: T| {
        if LATEST.with(Cell::get) == mine {
            state.set(value);
        }
    })
}
