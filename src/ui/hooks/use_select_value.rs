//! A `<select>` that shows the option the page chose, whatever was picked in it before.
//!
//! An option's `selected` attribute stops counting once the person has picked another
//! option by hand, so a list whose choice the page changes itself (a page of children
//! shown, the best match of a search) would go on showing the old pick.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// A ref for a `<select>` whose value is set to `value` after every render (left alone
/// when `None`).
#[hook]
pub fn use_select_value(value: Option<String>) -> NodeRef {
    let select_ref = use_node_ref();
    {
        let select_ref = select_ref.clone();
        use_effect(move || {
            if let (Some(select), Some(value)) = (select_ref.cast::<HtmlSelectElement>(), value) {
                select.set_value(&value);
            }
        });
    }
    select_ref
}
