//! The run in flight on the browser's loop: its handle, its redraws and its report task.

use crate::ui::model::{Action, RunAction, State};
use futures::future::{abortable, AbortHandle};
use gather_playground::scenario::{NodeId, Run, RunEvent, Scenario};
use gather_playground::Runtime;
use gloo_timers::callback::Interval;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::prelude::*;

/// How often the live timeline redraws while a run is in flight. Only what is on screen is
/// drawn, so a thousand-node run redraws as often as a three-node one.
const TICK_MS: u32 = 50;

/// Events of a run in flight not yet shown. A run sends thousands of events; the page
/// takes them in batches, one per redraw, rather than re-rendering for each.
type PendingEvents = Rc<RefCell<Vec<RunEvent>>>;

/// What a run in flight needs kept alive: not state, so not compared or cloned. Dropping
/// it tears the run down, stops its redraws and its report task.
struct Live {
    id: u64,
    run: Rc<Run>,
    ticks: Option<Interval>,
    pending: PendingEvents,
    report_task: AbortHandle,
}

impl Drop for Live {
    fn drop(&mut self) {
        self.report_task.abort();
    }
}

thread_local! {
    static NEXT_RUN_ID: Cell<u64> = const { Cell::new(1) };
}

fn next_run_id() -> u64 {
    NEXT_RUN_ID.with(|next| {
        let id = next.get();
        next.set(id + 1);
        id
    })
}

/// The page's live run: start, stop, reset and cancel a node of it. Cloning gives another
/// handle to the same run.
#[derive(Clone)]
pub struct LiveRun {
    live: Rc<RefCell<Option<Live>>>,
    dispatcher: UseReducerDispatcher<State>,
}

impl LiveRun {
    /// Ends the run in flight, if any. Dropping it tears it down, which wakes its tasks, so
    /// the borrow is released first. Gives its id and the events it sent not shown yet.
    fn end(&self) -> Option<(u64, Vec<RunEvent>)> {
        let ended = self.live.borrow_mut().take();
        ended.map(|ended| {
            let events = std::mem::take(&mut *ended.pending.borrow_mut());
            (ended.id, events)
        })
    }

    /// Runs `scenario` on the browser's loop at `speed`, in place of any run in flight.
    pub fn start(&self, scenario: &Rc<Scenario>, speed: f64) {
        self.end();
        let id = next_run_id();
        let runtime = Runtime::browser().scaled(speed);
        let pending: PendingEvents = Rc::new(RefCell::new(Vec::new()));
        let sink = Rc::clone(&pending);
        // Started before the view changes, so that the children's first steps are not
        // queued behind the render of the new run.
        let run = Run::start(runtime.clone(), scenario, move |event| {
            sink.borrow_mut().push(event.clone())
        });
        self.dispatcher.dispatch(Action::Run(RunAction::Started {
            run: id,
            scenario: Rc::clone(scenario),
            speed,
        }));
        let started_ms = runtime.wall_ms();
        let (ticker, batch) = (self.dispatcher.clone(), Rc::clone(&pending));
        let ticks = Interval::new(TICK_MS, move || {
            let events = std::mem::take(&mut *batch.borrow_mut());
            ticker.dispatch(Action::Run(RunAction::Tick {
                run: id,
                now_ms: runtime.wall_ms() - started_ms,
                events,
            }))
        });
        let report = run.report();
        let (live, last_batch, dispatcher) = (
            Rc::clone(&self.live),
            Rc::clone(&pending),
            self.dispatcher.clone(),
        );
        let (task, report_task) = abortable(async move {
            let report = report.await;
            // Stop redrawing: nothing moves once every node has finished. Taken out of the
            // borrow before it is dropped.
            let ticks = live
                .borrow_mut()
                .as_mut()
                .filter(|current| current.id == id)
                .and_then(|current| current.ticks.take());
            drop(ticks);
            let events = std::mem::take(&mut *last_batch.borrow_mut());
            dispatcher.dispatch(Action::Run(RunAction::Finished {
                run: id,
                events,
                report,
            }));
        });
        wasm_bindgen_futures::spawn_local(async move {
            let _ = task.await;
        });
        let replaced = self.live.borrow_mut().replace(Live {
            id,
            run: Rc::new(run),
            ticks: Some(ticks),
            pending,
            report_task,
        });
        // Dropped out of the borrow (none is left: `end` took it).
        drop(replaced);
    }

    /// Stop: every task of the run torn down; what it sent is shown.
    pub fn stop(&self) {
        if let Some((run, events)) = self.end() {
            self.dispatcher
                .dispatch(Action::Run(RunAction::Stopped { run, events }));
        }
    }

    /// Reset: the run torn down and forgotten, the prediction shown.
    pub fn reset(&self) {
        self.end();
        self.dispatcher.dispatch(Action::Run(RunAction::Cleared));
    }

    /// Calls `cancel()` on a node of the run, which shows in its next redraw.
    pub fn cancel(&self, node: NodeId) {
        // cancel() sends events: no borrow may be held meanwhile.
        let run = self
            .live
            .borrow()
            .as_ref()
            .map(|current| Rc::clone(&current.run));
        if let Some(run) = run {
            run.cancel(node);
        }
    }
}

/// The live run of the page whose state `dispatcher` changes; torn down on unmount.
#[hook]
pub fn use_live_run(dispatcher: UseReducerDispatcher<State>) -> LiveRun {
    let live: Rc<RefCell<Option<Live>>> = use_mut_ref(|| None);
    {
        let live = Rc::clone(&live);
        use_effect_with((), move |_| {
            move || {
                let ended = live.borrow_mut().take();
                drop(ended);
            }
        });
    }
    LiveRun { live, dispatcher }
}
