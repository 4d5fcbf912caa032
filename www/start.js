// Starts the app. An external file rather than trunk's inline loader, so that the page runs
// under a strict Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval').
const tag = document.querySelector('script[data-app-js]');
const { default: init } = await import(tag.dataset.appJs);
// Kept for measurements (wasm memory in the benchmarks and the leak tests).
globalThis.gatherPlaygroundWasm = await init({ module_or_path: tag.dataset.appWasm });
