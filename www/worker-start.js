// Starts the page's worker (src/bin/gather-worker.rs): its wasm-bindgen glue defines the
// global `wasm_bindgen`, which loads and starts the wasm. Its own file, as start.js is the
// page's, so that both run under a strict Content-Security-Policy.
importScripts('./gather-worker.js');
wasm_bindgen({ module_or_path: './gather-worker_bg.wasm' });
