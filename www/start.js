// Starts the app. An external file rather than trunk's inline loader, so that the page runs
// under a strict Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval').
const tag = document.querySelector('script[data-app-js]');
const { default: init } = await import(tag.dataset.appJs);
await init({ module_or_path: tag.dataset.appWasm });
