//! yew's `Reducible` for the explore state: the model's pure reducer, behind `use_reducer`.

use crate::model::{reduce_explore, ExploreAction, ExploreState};
use std::rc::Rc;
use yew::Reducible;

impl Reducible for ExploreState {
    type Action = ExploreAction;

    fn reduce(self: Rc<Self>, action: ExploreAction) -> Rc<Self> {
        let next = reduce_explore(&self, action);
        // Unchanged (a late row of an older Compare press): the same state, no redraw.
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}
