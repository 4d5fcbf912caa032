//! A sleep on the shared loop: a timer whose run wakes the sleeping task.

use super::event_loop::WeakLoop;
use super::timer_queue::{TimerAction, TimerId};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// A sleep: a timer that wakes its task when it runs. Dropping it cancels the timer.
pub(crate) struct TimerSleep {
    lp: WeakLoop,
    deadline_ms: f64,
    timer: Option<TimerId>,
}

impl TimerSleep {
    pub(super) fn new(lp: WeakLoop, deadline_ms: f64) -> Self {
        TimerSleep {
            lp,
            deadline_ms,
            timer: None,
        }
    }
}

impl Future for TimerSleep {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let Some(lp) = self.lp.upgrade() else {
            return Poll::Ready(());
        };
        match self.timer {
            Some(id) => {
                // The latest waker: the task may have moved to another since.
                let pending = lp.refresh_timer(id, cx.waker());
                if pending {
                    Poll::Pending
                } else {
                    self.timer = None;
                    Poll::Ready(())
                }
            }
            None => {
                let id = lp.set_timer(self.deadline_ms, TimerAction::Wake(cx.waker().clone()));
                self.timer = Some(id);
                Poll::Pending
            }
        }
    }
}

impl Drop for TimerSleep {
    fn drop(&mut self) {
        if let (Some(id), Some(lp)) = (self.timer.take(), self.lp.upgrade()) {
            lp.cancel_timer(id);
        }
    }
}
