//! The few browser services the page uses: storage, the URL fragment, clipboard, files.

use gather_playground::share::InflateError;
use wasm_bindgen::prelude::{wasm_bindgen, JsValue};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// The browser's `CompressionStream`, which web-sys offers only among its unstable APIs.
    type CompressionStream;

    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;

    /// The browser's `DecompressionStream`, likewise.
    type DecompressionStream;

    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
}

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

pub fn storage_get(key: &str) -> Option<String> {
    window()?.local_storage().ok()??.get_item(key).ok()?
}

/// Stores `value`; false if storage is unavailable or full (private mode, quota).
pub fn storage_set(key: &str, value: &str) -> bool {
    window()
        .and_then(|window| window.local_storage().ok().flatten())
        .is_some_and(|storage| storage.set_item(key, value).is_ok())
}

/// The URL fragment without its `#`.
pub fn fragment() -> String {
    window()
        .and_then(|window| window.location().hash().ok())
        .map(|hash| hash.trim_start_matches('#').to_owned())
        .unwrap_or_default()
}

/// Whether the page was opened with `?reset` (the crash banner's way out).
pub fn take_reset_request() -> bool {
    let Some(window) = window() else {
        return false;
    };
    let location = window.location();
    if location.search().unwrap_or_default() != "?reset" {
        return false;
    }
    // Drop the query, so that a later reload keeps what is edited from now on.
    if let (Ok(origin), Ok(path), Ok(history)) =
        (location.origin(), location.pathname(), window.history())
    {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{origin}{path}")),
        );
    }
    true
}

/// Replaces the fragment without adding a history entry; returns the page's full URL.
pub fn set_fragment(fragment: &str) -> Option<String> {
    let window = window()?;
    let location = window.location();
    let base = format!("{}{}", location.origin().ok()?, location.pathname().ok()?);
    let url = format!("{base}{}#{fragment}", location.search().unwrap_or_default());
    window
        .history()
        .ok()?
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        .ok()?;
    Some(url)
}

/// Scrolls the element into view when the page is one column (phones), where it would
/// otherwise sit below the editor, out of sight.
pub fn reveal_when_stacked(id: &str) {
    let Some(window) = window() else {
        return;
    };
    let narrow = window
        .inner_width()
        .ok()
        .and_then(|width| width.as_f64())
        .is_some_and(|width| width < 1088.0);
    if let (true, Some(element)) = (
        narrow,
        window.document().and_then(|d| d.get_element_by_id(id)),
    ) {
        element.scroll_into_view();
    }
}

/// Copies `text` to the clipboard; false if the browser refused.
pub async fn copy(text: &str) -> bool {
    let Some(window) = window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.is_ok()
}

/// `bytes` as raw DEFLATE, made by the browser (so that the page needs no compressor of its
/// own); `None` if the browser cannot (no `CompressionStream`, as before 2023).
pub async fn deflate_raw(bytes: &[u8]) -> Option<Vec<u8>> {
    let compressor = CompressionStream::new("deflate-raw").ok()?;
    let deflated = streamed_through(bytes, compressor.unchecked_ref())?;
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&deflated)).ok()?;
    let buffer = JsFuture::from(response.array_buffer().ok()?).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Raw DEFLATE `bytes` inflated by the browser, into at most `limit` bytes: read a chunk at
/// a time, so that data inflating to gigabytes stops at the limit.
pub async fn inflate_raw(bytes: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
    let inflater =
        DecompressionStream::new("deflate-raw").map_err(|_| InflateError::Unavailable)?;
    let reader: web_sys::ReadableStreamDefaultReader =
        streamed_through(bytes, inflater.unchecked_ref())
            .ok_or(InflateError::Unavailable)?
            .get_reader()
            .unchecked_into();
    let mut inflated = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|_| InflateError::Invalid)?;
        let field = |name: &str| js_sys::Reflect::get(&chunk, &name.into()).unwrap_or_default();
        if field("done").is_truthy() {
            return Ok(inflated);
        }
        let part = js_sys::Uint8Array::new(&field("value"));
        if inflated.len() + part.length() as usize > limit {
            // Stops the inflating; the promise only says whether that went well.
            let _ = reader.cancel();
            return Err(InflateError::TooLarge);
        }
        inflated.extend(part.to_vec());
    }
}

/// `bytes` as a stream through `transform` (a compression or decompression stream).
fn streamed_through(
    bytes: &[u8],
    transform: &web_sys::ReadableWritablePair,
) -> Option<web_sys::ReadableStream> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).ok()?;
    Some(blob.stream().pipe_through(transform))
}

fn failed<E>(_: E) -> String {
    "Your browser would not save the file.".to_owned()
}

/// Offers `text` as a file download of type `mime`.
pub fn download_as(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(failed)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(failed)?;
    let saved = download_url(file_name, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
    saved
}

/// Offers what `url` (a blob: or data: URL) holds as a file download.
pub fn download_url(file_name: &str, url: &str) -> Result<(), String> {
    let document = window()
        .and_then(|window| window.document())
        .ok_or_else(|| failed(()))?;
    let anchor: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(failed)?
        .dyn_into()
        .map_err(failed)?;
    anchor.set_href(url);
    anchor.set_download(file_name);
    anchor.click();
    Ok(())
}

/// A number the browser wrote (an attribute, a computed style, a form control's value), read
/// with its own `parseFloat` (so `"2px"` is 2): `None` unless the text starts with a number.
/// Core's float parser would be 4 KB more of the page for text the browser already reads.
pub fn browser_number(text: &str) -> Option<f64> {
    let number = js_sys::Number::parse_float(text);
    (!number.is_nan()).then_some(number)
}

/// Moves focus to the element `id` (focusable by script alone if it was not), which scrolls
/// it into view: where a skip link leads. False if there is no such element.
pub fn focus_region(id: &str) -> bool {
    let Some(element) = window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(id))
    else {
        return false;
    };
    if !element.has_attribute("tabindex") {
        let _ = element.set_attribute("tabindex", "-1");
    }
    element
        .dyn_into::<web_sys::HtmlElement>()
        .is_ok_and(|element| element.focus().is_ok())
}

/// The sticky toolbar's height, as `--sticky-top` on the page: what the page keeps clear
/// above a focused control (the stylesheet's `scroll-padding-top`). Whole pixels: an `f64`
/// written with `{}` would bring the standard float formatting into the wasm (some 15 KB).
pub fn set_sticky_top(height_px: i32) {
    let root = window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element())
        .and_then(|root| root.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(root) = root {
        let _ = root
            .style()
            .set_property("--sticky-top", &format!("{height_px}px"));
    }
}
