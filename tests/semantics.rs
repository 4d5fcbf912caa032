//! The semantics cases on the virtual clock, natively: outcomes and exact times.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::Harness;
use gather_playground::VirtualClock;

macro_rules! virtual_clock_tests {
    ($($case:ident),*) => {$(
        #[test]
        fn $case() {
            let clock = VirtualClock::new();
            let harness = Harness::new(clock.runtime(), 0.0);
            let finished = clock.block_on(common::cases::$case(harness));
            assert!(finished.is_some(), "the case never finished");
            assert_eq!(clock.pending_timers(), 0, "timers left behind");
        }
    )*};
}

for_each_case!(virtual_clock_tests);
