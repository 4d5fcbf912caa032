// Starts the page's panels that come later (src/panels/; the page adds this script once it is
// drawn, and again for Try again: src/ui/services/panels.rs). Their wasm-bindgen glue defines
// `wasm_bindgen`, which loads and starts the wasm, as a script's global name rather than a
// property the page could reach: hence this file, as start.js is the page's, under the page's
// strict policy. If either does not load, the event the page names in `data-failed-event`
// says so.
// A block, not the script's top level: a classic script's names are the page's, and this one
// may run again.
{
  const failedEvent = document.currentScript.dataset.failedEvent;
  const failed = () => document.dispatchEvent(new Event(failedEvent));
  const start = () => wasm_bindgen({ module_or_path: './gather-panels_bg.wasm' }).catch(failed);
  if (typeof wasm_bindgen === 'function') {
    // The glue came, the wasm did not: only the wasm is asked for again.
    start();
  } else {
    const glue = document.createElement('script');
    glue.src = './gather-panels.js';
    glue.addEventListener('error', failed);
    glue.addEventListener('load', start);
    document.head.append(glue);
  }
}
