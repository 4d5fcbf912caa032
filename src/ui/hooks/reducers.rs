//! yew's `Reducible` for the model's states: the model's pure reducers, behind `use_reducer`.

use crate::ui::model::{reduce, Action, HistoryAction, State};
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
