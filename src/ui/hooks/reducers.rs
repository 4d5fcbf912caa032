//! yew's `Reducible` for the model's states: the model's pure reducers, behind `use_reducer`.

use crate::ui::model::{
    reduce, reduce_explore, Action, ExploreAction, ExploreState, HistoryAction, State,
};
use std::rc::Rc;
use yew::Reducible;

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // A field left with nothing typed in it: the same state, no redraw (focus moves on
        // every Tab).
        if matches!(action, Action::History(HistoryAction::Seal)) && !self.history.typing() {
            return self;
        }
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
