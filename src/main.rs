//! The gather playground page: the scripting API and the yew front end.

#[cfg(target_arch = "wasm32")]
mod ui;

#[cfg(target_arch = "wasm32")]
fn main() {
    if let Err(error) = gather_playground::scripting::install() {
        web_sys::console::error_2(
            &"gather playground: scripting API not installed".into(),
            &error,
        );
    }
    let shell = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id("app"));
    match shell {
        Some(root) => {
            root.set_inner_html("");
            yew::Renderer::<ui::App>::with_root(root).render();
        }
        None => {
            yew::Renderer::<ui::App>::new().render();
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("gather playground is a web page: run `make serve` and open http://127.0.0.1:8080");
}
