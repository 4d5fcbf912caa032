//! The toolbar's Help: a dialog with the page's keys and what each colour and pattern of
//! the timeline means. Escape closes it (the browser's own dialog), and focus goes back to
//! the Help button.

use crate::ui::model::{legend_entries, LegendFlags, HELP_KEYS};
use web_sys::{HtmlDialogElement, HtmlElement};
use yew::prelude::*;

#[function_component(Help)]
pub fn help() -> Html {
    let (dialog, button) = (use_node_ref(), use_node_ref());
    let on_open = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(dialog) = dialog.cast::<HtmlDialogElement>() {
                let _ = dialog.show_modal();
            }
        })
    };
    let on_close_pressed = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(dialog) = dialog.cast::<HtmlDialogElement>() {
                dialog.close();
            }
        })
    };
    // However it closed (Escape, the button): back where the reader was.
    let on_closed = {
        let button = button.clone();
        Callback::from(move |_: Event| {
            if let Some(button) = button.cast::<HtmlElement>() {
                let _ = button.focus();
            }
        })
    };
    html! {
        <>
            <button ref={button} onclick={on_open} aria-haspopup="dialog">{ "Help" }</button>
            <dialog ref={dialog} class="help" aria-labelledby="help-heading" onclose={on_closed}>
                <div class="help-head">
                    <h2 id="help-heading">{ "Help" }</h2>
                    <button onclick={on_close_pressed}>{ "Close" }</button>
                </div>
                <p>
                    { "Pick a preset or compose children in the editor: the timeline shows at once \
                       what CPython would do (predicted on a virtual clock). Run plays it on your \
                       browser's real timers. Tick Predict first to guess the outcome before you see it." }
                </p>
                <h3>{ "Keys and controls" }</h3>
                <dl class="help-keys">
                    { for HELP_KEYS.iter().map(|(keys, what)| html! {
                        <><dt><kbd>{ *keys }</kbd></dt><dd>{ *what }</dd></>
                    }) }
                </dl>
                <h3>{ "The timeline's colours and patterns" }</h3>
                <p>{ "A lane per coroutine and gather, time running left to right:" }</p>
                <ul class="legend help-legend">
                    { for legend_entries(LegendFlags::ALL).into_iter().map(|(class, words)| html! {
                        <li><span class={classes!("swatch", class)}></span>{ words }</li>
                    }) }
                </ul>
            </dialog>
        </>
    }
}
