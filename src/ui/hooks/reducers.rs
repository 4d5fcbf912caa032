//! yew's `Reducible` for the model's states: the model's pure reducers, behind `use_reducer`.

use crate::ui::model::{reduce, reduce_explore, Action, ExploreAction, ExploreState, State};
use std::rc::Rc;
use yew::Reducible;

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(reduce(&self, action))
    }
}

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
