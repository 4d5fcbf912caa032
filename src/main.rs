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
    yew::Renderer::<ui::App>::new().render();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("gather playground is a web page: run `make serve` and open http://127.0.0.1:8080");
}
