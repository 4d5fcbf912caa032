//! The gather playground page: the scripting API and the yew front end.

mod ui;

/// If anything panics, the wasm module is dead: say so on the page, and offer a way on.
/// The scenario is saved on every edit, so a reload brings it back.
#[cfg(target_arch = "wasm32")]
fn install_panic_banner() {
    // Through yew: a hook set with std::panic::set_hook is replaced when the app renders.
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let Some(document) = web_sys::window().and_then(|window| window.document()) else {
            return;
        };
        let Ok(banner) = document.create_element("div") else {
            return;
        };
        banner.set_class_name("crash");
        banner.set_attribute("role", "alert").ok();
        banner.set_inner_html(
            "<strong>Something went wrong inside the playground, and it stopped.</strong> \
             Your scenario is saved: <a href=\"\">reload the page</a> to get it back. \
             If it fails again, <a href=\"?reset\">start over from a preset</a> \
             (your saved scenario is then replaced). The details are in the browser console.",
        );
        if let Some(body) = document.body() {
            body.prepend_with_node_1(&banner).ok();
        }
    }));
}

#[cfg(target_arch = "wasm32")]
fn main() {
    install_panic_banner();
    if let Err(error) = gather_playground::scripting::install() {
        web_sys::console::error_2(
            &"gather playground: scripting API not installed".into(),
            &error,
        );
    }
    // A compressed link is inflated by the browser before the app starts, asynchronously.
    wasm_bindgen_futures::spawn_local(async {
        let props = ui::AppProps {
            link: std::rc::Rc::new(ui::read_link().await),
        };
        let shell = web_sys::window()
            .and_then(|window| window.document())
            .and_then(|document| document.get_element_by_id("app"));
        match shell {
            Some(root) => {
                root.set_inner_html("");
                yew::Renderer::<ui::App>::with_root_and_props(root, props).render();
            }
            None => {
                yew::Renderer::<ui::App>::with_props(props).render();
            }
        }
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("gather playground is a web page: run `make serve` and open http://127.0.0.1:8080");
}
