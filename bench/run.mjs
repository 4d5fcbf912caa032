// `make bench`: drives Debian's Chromium (headless, through playwright-core) over the release
// page (dist/) and the benchmarks' page (target/bench-dist/, window.gatherBench), prints a
// table and writes bench/results.json. Every figure is the median of REPS repetitions;
// every comparison is measured in the same page, interleaved, in the same run. Over 400
// lines as one script: the benchmarks share one browser, one served page and their helpers,
// so that their figures come from one run and can be set side by side.
import { writeFile, readdir, readFile } from 'node:fs/promises';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { cpus } from 'node:os';
import { join, extname } from 'node:path';
import { ROOT, serveDist, launchBrowser, countTimers } from '../tests/e2e/harness.mjs';

const REPS = Number(process.env.BENCH_REPS ?? 7);
// `BENCH_ONLY=b1` runs B1 alone and prints its table, writing no results.json: for quick
// iterations, not for the recorded figures. `BENCH_ONLY=b4` runs B4 alone on dist/ (built
// already), printing its raw runs. `BENCH_ONLY=b5` likewise runs B5 alone (the
// release page's weight and loads; no bench page needed).
const ONLY = process.env.BENCH_ONLY;
const BENCH_DIST = join(ROOT, 'target', 'bench-dist');
// `GATHER_DIST=<dir>` measures another copy of the release build (as tests/e2e/harness.mjs).
const DIST = process.env.GATHER_DIST ?? join(ROOT, 'dist');

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
/** The exponent k of ms ≈ c·n^k: least squares on log-log. */
const exponent = (points) => {
  const xs = points.map(([n]) => Math.log(n));
  const ys = points.map(([, ms]) => Math.log(ms));
  const mx = xs.reduce((a, b) => a + b) / xs.length;
  const my = ys.reduce((a, b) => a + b) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => { num += (x - mx) * (ys[i] - my); den += (x - mx) ** 2; });
  return num / den;
};
const round = (x, digits = 3) => Number(x.toFixed(digits));
const log = (...args) => console.error('bench:', ...args);

async function openBench(browser, benchUrl, { counted = false } = {}) {
  const context = await browser.newContext();
  if (counted) await context.addInitScript(countTimers);
  const page = await context.newPage();
  page.on('pageerror', (error) => log('page error:', error.message));
  await page.goto(benchUrl);
  await page.waitForFunction(() => window.gatherBench !== undefined);
  return page;
}

/** B1: gather, join_all and Promise.all over N immediately-ready children, interleaved. */
async function b1(page, sizes) {
  return page.evaluate(async ({ sizes, reps }) => {
    const bench = window.gatherBench;
    const promiseAll = async (n) => {
      const start = performance.now();
      const promises = new Array(n);
      for (let i = 0; i < n; i++) promises[i] = Promise.resolve(i);
      const values = await Promise.all(promises);
      const elapsed = performance.now() - start;
      if (values.length !== n) throw new Error('Promise.all: wrong count');
      return elapsed;
    };
    const promiseAllOnly = async (n) => {
      const promises = new Array(n);
      for (let i = 0; i < n; i++) promises[i] = Promise.resolve(i);
      const start = performance.now();
      const values = await Promise.all(promises);
      const elapsed = performance.now() - start;
      if (values.length !== n) throw new Error('Promise.all: wrong count');
      return elapsed;
    };
    const kinds = {
      gather_ms: (n) => bench.gatherSpawned(n),
      join_all_ms: (n) => bench.joinAll(n),
      promise_all_ms: promiseAll,
      gather_done_ms: (n) => bench.gatherDone(n),
      join_all_spawned_ms: (n) => bench.joinAllSpawned(n),
      promise_all_only_ms: promiseAllOnly,
    };
    // Warm up every path at the largest N first, so that V8 has tiered the wasm up
    // (otherwise the first, smallest N runs partly on baseline code).
    for (let round = 0; round < 3; round++) {
      for (const run of Object.values(kinds)) await run(sizes[sizes.length - 1]);
    }
    const out = [];
    for (const n of sizes) {
      const samples = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
      // Two warm-up rounds, then REPS measured rounds, the kinds interleaved.
      // Below 10,000 children a sample is the mean of several calls, each timed inside.
      const inner = Math.max(1, Math.round(10_000 / n));
      for (let rep = -2; rep < reps; rep++) {
        for (const [kind, run] of Object.entries(kinds)) {
          window.gc();
          await new Promise((resolve) => setTimeout(resolve, 0));
          let ms = 0;
          for (let i = 0; i < inner; i++) ms += await run(n);
          if (rep >= 0) samples[kind].push(ms / inner);
        }
      }
      out.push({ n, samples, inner, isolated: crossOriginIsolated });
    }
    return out;
  }, { sizes, reps: REPS });
}

/** B2: N children each sleeping 50 ms, against Promise.all over N setTimeout(50). */
async function b2(page, sizes) {
  return page.evaluate(async ({ sizes, reps }) => {
    const bench = window.gatherBench;
    const promiseAll = async (n, delay) => {
      const start = performance.now();
      const promises = new Array(n);
      for (let i = 0; i < n; i++) promises[i] = new Promise((resolve) => setTimeout(() => resolve(i), delay));
      await Promise.all(promises);
      return performance.now() - start - delay;
    };
    const out = [];
    for (const n of sizes) {
      const samples = { gather_overshoot_ms: [], promise_all_overshoot_ms: [] };
      for (let rep = -1; rep < reps; rep++) {
        window.gc();
        await new Promise((resolve) => setTimeout(resolve, 20));
        const gathered = await bench.timers(n, 50);
        window.gc();
        await new Promise((resolve) => setTimeout(resolve, 20));
        const promised = await promiseAll(n, 50);
        if (rep >= 0) {
          samples.gather_overshoot_ms.push(gathered);
          samples.promise_all_overshoot_ms.push(promised);
        }
      }
      out.push({ n, samples });
    }
    return out;
  }, { sizes, reps: REPS });
}

/**
 * B3: outer.cancel() on a gather of N children sleeping an hour. Timed in a page without
 * the timer counter; the counted page (setTimeout/clearTimeout wrapped, as in
 * reliability.test.mjs) gives the timers left. For reference, the same page also times plain
 * JS clearing N pending setTimeout(3600000) timers: the floor for any design with one
 * browser timer per child.
 */
async function b3(page, sizes, { counted }) {
  return page.evaluate(async ({ sizes, reps, counted }) => {
    const bench = window.gatherBench;
    const clearTimers = (n) => {
      const ids = new Array(n);
      for (let i = 0; i < n; i++) ids[i] = setTimeout(() => {}, 3_600_000);
      const start = performance.now();
      for (let i = 0; i < n; i++) clearTimeout(ids[i]);
      return performance.now() - start;
    };
    const out = [];
    for (const n of sizes) {
      const runs = [];
      for (let rep = -1; rep < reps; rep++) {
        window.gc();
        await new Promise((resolve) => setTimeout(resolve, 20));
        const result = await bench.cancel(n, 3_600_000);
        const left = counted ? window.pendingTimers().timeouts : null;
        await new Promise((resolve) => setTimeout(resolve, 50));
        const leftAfter = counted ? window.pendingTimers().timeouts : null;
        const jsClear = counted ? null : clearTimers(n);
        if (rep >= 0) runs.push({ ...result, timers_left: left, timers_left_after_50ms: leftAfter, js_clear_timeout_ms: jsClear });
      }
      out.push({ n, runs });
    }
    return out;
  }, { sizes, reps: REPS, counted });
}

/**
 * B4: a scenario of `children` children loaded into the page (timed from Load JSON to its
 * timeline), then run with its live timeline.
 */
async function b4(browser, url, children) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => log('page error:', error.message));
  await page.goto(url);
  await page.getByRole('button', { name: 'Run', exact: true }).waitFor();
  const scenario = {
    version: 1, label: 'main', return_exceptions: true,
    children: Array.from({ length: children }, (_, i) => ({
      kind: 'future', label: `c${i}`, delay_ms: 500 + ((i * 37) % 1500),
      result: i % 10 === 3 ? { error: { type: 'ValueError', message: `bad ${i}` } } : { value: i },
    })),
  };
  await page.getByText('Import / export JSON').click();
  await page.getByLabel('Paste a scenario').fill(JSON.stringify(scenario));
  const loading = Date.now();
  await page.getByRole('button', { name: 'Load JSON' }).click();
  // The predicted timeline shows every node once the scenario is loaded.
  await page.waitForFunction((n) => document.querySelector(`[aria-label^="Timeline of ${n + 1} nodes"]`) !== null, children,
    { polling: 'raf' });
  const load_ms = Date.now() - loading;
  await page.waitForTimeout(500);
  const runs = [];
  for (let rep = -1; rep < REPS; rep++) {
    const run = await page.evaluate(async () => {
      const runButton = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Run');
      const stopButton = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Stop');
      if (!runButton || !stopButton) throw new Error('no Run/Stop button');
      const longTasks = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, ms: entry.duration });
      });
      observer.observe({ type: 'longtask' });
      let frames = 0;
      let counting = true;
      const frame = () => { if (counting) { frames++; requestAnimationFrame(frame); } };
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const start = performance.now();
      requestAnimationFrame(frame);
      runButton.click();
      await new Promise((resolve) => {
        const poll = () => (stopButton.isConnected && stopButton.disabled ? resolve() : setTimeout(poll, 10));
        setTimeout(poll, 10);
      });
      const end = performance.now();
      counting = false;
      // Long-task entries are delivered asynchronously.
      await new Promise((resolve) => setTimeout(resolve, 100));
      observer.takeRecords().forEach((entry) => longTasks.push({ start: entry.startTime, ms: entry.duration }));
      observer.disconnect();
      const during = longTasks.filter((t) => t.start >= start - 1 && t.start <= end);
      return {
        run_ms: end - start,
        fps: frames / ((end - start) / 1000),
        long_tasks: during.length,
        longest_task_ms: during.reduce((m, t) => Math.max(m, t.ms), 0),
      };
    });
    if (rep >= 0) runs.push(run);
    await page.waitForTimeout(300);
  }
  await context.close();
  return { load_ms, runs };
}

// ---- B5: the page as a visitor gets it --------------------------------------------------

/** The page budget (the issue's): weight, and what a visitor feels. */
const BUDGET = {
  gzip_bytes: 300_000,
  localhost_fcp_ms: 300,
  throttled_fcp_ms: 600,
  throttled_ready_ms: 2_000,
};
/**
 * Lighthouse's mobile throttling, applied through the page's CDP session: slow 4G (150 ms
 * round trip, 1.6 Mbps down, 750 kbps up; DevTools' throughput is in bytes per second, and
 * is shared by the requests in flight) and a 4× CPU slowdown; on Lighthouse's mobile screen
 * (a Moto G Power: 412 × 823 CSS px at 1.75 device pixels per px).
 */
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const CPU_SLOWDOWN = 4;
const PHONE = { viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1280, height: 900 } };
/** Fresh loads per condition (each in a new context, the cache disabled), after one warm-up. */
const LOAD_REPS = Number(process.env.BENCH_LOAD_REPS ?? 11);
/** The prefix of the console message in which the page reports its marks. */
const MARKS = '__bench_marks__';
/** If the app ever sets `performance.mark(READY_MARK)`, the bench uses it for "ready". */
const READY_MARK = 'gatherPlayground-ready';

/**
 * What the page fetches after its first load, so not part of what the budget is about,
 * weighed apart: its worker (src/bin/gather-worker.rs), when a panel first needs it, as
 * `worker`; the panels that come later (src/panels/), once the page is drawn, as `panels`.
 */
const ON_DEMAND = [[/^(gather-worker|worker-start)/, 'worker'], [/^(gather-panels|panels-start)/, 'panels']];
const onDemand = (name) => ON_DEMAND.find(([pattern]) => pattern.test(name))?.[1];

/**
 * B5's bytes: gzip -9 (the budget's measure) and brotli of the wasm, js and css in dist/
 * that the page loads, and of the worker's files under `worker`. The style inlined in
 * index.html (www/shell.css) counts as css, as it would in a file of its own.
 */
async function pageWeight() {
  const files = {};
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const inlined = [...html.matchAll(/<style>([^<]*)<\/style>/g)].map(([, text]) => ['index.html <style>', 'css', Buffer.from(text)]);
  const names = (await readdir(DIST)).map((name) => [name, onDemand(name) ?? extname(name).slice(1)]);
  for (const [name, ext, inline] of [...names, ...inlined]) {
    if (!['wasm', 'js', 'css', 'worker', 'panels'].includes(ext)) continue;
    const body = inline ?? await readFile(join(DIST, name));
    const entry = (files[ext] ??= { raw: 0, gzip: 0, brotli: 0, files: [] });
    entry.raw += body.length;
    entry.gzip += gzipSync(body, { level: 9 }).length;
    // What a host that serves brotli (most do) sends; the goal is gzip's.
    entry.brotli += brotliCompressSync(body, {
      params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }).length;
    entry.files.push(name);
  }
  return files;
}

/**
 * Runs in the page before its own scripts (an init script, so under the page's CSP): notes,
 * in ms from navigation start, the first contentful paint, when `window.gatherPlayground` is
 * defined ("ready": caught by an accessor the app's `Reflect.set` goes through, with a 20 ms
 * poll as a fallback should the app define it otherwise, or a `performance.mark` named
 * `readyMark` should it set one) and when the app has drawn its Run button ("drawn"), and
 * then reports them in one console message. Nothing polls the page from outside while it
 * loads: Playwright's waitForFunction injects its script and polls on every frame, which
 * under the 4× slowdown cost ~100 ms of first paint and ~50 ms of ready.
 */
function loadMarks({ prefix, readyMark }) {
  const marks = {};
  let sent = false;
  const report = () => {
    if (marks.fcp !== undefined && marks.ready !== undefined && marks.drawn !== undefined && !sent) {
      sent = true;
      console.debug(prefix + JSON.stringify(marks));
    }
  };
  const ready = (how, at = performance.now()) => {
    if (marks.ready === undefined) Object.assign(marks, { ready: at, ready_by: how });
    report();
  };
  let api;
  Object.defineProperty(globalThis, 'gatherPlayground', {
    configurable: true,
    enumerable: true,
    get: () => api,
    set: (value) => { api = value; ready('set'); },
  });
  const poll = setInterval(() => {
    if (marks.ready !== undefined) clearInterval(poll);
    else if (globalThis.gatherPlayground !== undefined) { clearInterval(poll); ready('poll'); }
  }, 20);
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.entryType === 'paint' && entry.name === 'first-contentful-paint') marks.fcp = entry.startTime;
      if (entry.entryType === 'mark' && entry.name === readyMark) ready('mark', entry.startTime);
    }
    report();
  }).observe({ entryTypes: ['paint', 'mark'] });
  const drawn = new MutationObserver(() => {
    if (document.querySelector('#app button')) {
      drawn.disconnect();
      marks.drawn = performance.now();
      report();
    }
  });
  drawn.observe(document, { childList: true, subtree: true });
}

/**
 * One fresh load of the release page (a new context, the cache disabled), throttled or not:
 * its marks, every request (from CDP's network events: how many per file, bytes on the wire,
 * encoding, type) and its resource timings (start and end from navigation start; under
 * throttling, responseStart comes before the emulated latency, so only start and end are
 * printed), and the browser's console warnings.
 */
async function loadOnce(browser, url, { throttled }) {
  const context = await browser.newContext(throttled ? PHONE : DESKTOP);
  await context.addInitScript(loadMarks, { prefix: MARKS, readyMark: READY_MARK });
  const page = await context.newPage();
  const warnings = [];
  let gotMarks;
  const marks = new Promise((resolve) => { gotMarks = resolve; });
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith(MARKS)) gotMarks(JSON.parse(text.slice(MARKS.length)));
    else if (['warning', 'error'].includes(message.type())) warnings.push(`${message.type()}: ${text}`);
  });
  page.on('pageerror', (error) => warnings.push(`page error: ${error.message}`));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttled) {
    await cdp.send('Network.emulateNetworkConditions', SLOW_4G);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  }
  const requests = new Map();
  const file = (u) => (u.startsWith(url) ? u.slice(url.length) : u) || 'index.html';
  cdp.on('Network.requestWillBeSent', (e) => requests.set(e.requestId, { file: file(e.request.url), type: e.type }));
  cdp.on('Network.responseReceived', (e) => {
    const r = requests.get(e.requestId);
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    if (r) Object.assign(r, { status: e.response.status, encoding: headers['content-encoding'] ?? 'identity', content_type: headers['content-type'] });
  });
  cdp.on('Network.loadingFinished', (e) => { const r = requests.get(e.requestId); if (r) r.bytes = e.encodedDataLength; });
  cdp.on('Network.loadingFailed', (e) => { const r = requests.get(e.requestId); if (r) r.failed = e.errorText; });
  await page.goto(url, { waitUntil: 'commit' });
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no marks from the page within 60 s: ${warnings.join('; ')}`)), 60_000);
  });
  const m = await Promise.race([marks, timeout]).finally(() => clearTimeout(timer));
  // Nothing else is requested once the app is drawn; the favicon may still be on its way.
  await page.waitForLoadState('load');
  const timings = await page.evaluate(() => [...performance.getEntriesByType('navigation'),
    ...performance.getEntriesByType('resource')].map((r) => ({
    name: r.name, start: r.startTime, response_start: r.responseStart, end: r.responseEnd,
  })));
  await context.close();
  const byFile = {};
  for (const r of requests.values()) {
    const entry = (byFile[r.file] ??= { requests: 0, bytes: 0 });
    entry.requests++;
    entry.bytes += r.bytes ?? 0;
    Object.assign(entry, { type: r.type, status: r.status, encoding: r.encoding, content_type: r.content_type });
    if (r.failed) entry.failed = r.failed;
  }
  for (const t of timings) {
    const entry = byFile[file(t.name)];
    if (entry && entry.start === undefined) Object.assign(entry, { start: t.start, response_start: t.response_start, end: t.end });
  }
  return { fcp: m.fcp, ready: m.ready, ready_by: m.ready_by, drawn: m.drawn, files: byFile, warnings };
}

/** LOAD_REPS fresh loads (after a warm-up, which also fills the server's gzip cache). */
async function loads(browser, url, { throttled }) {
  await loadOnce(browser, url, { throttled });
  const runs = [];
  for (let rep = 0; rep < LOAD_REPS; rep++) runs.push(await loadOnce(browser, url, { throttled }));
  const files = {};
  for (const name of Object.keys(runs[0].files)) {
    const of = (key) => runs.map((r) => r.files[name]?.[key]).filter((v) => v !== undefined);
    const { type, encoding, content_type: contentType } = runs[0].files[name];
    files[name] = {
      type, encoding, content_type: contentType,
      requests_per_load: Math.max(...of('requests')),
      bytes: median(of('bytes')),
      ...(of('start').length ? {
        start_ms: round(median(of('start')), 0), response_start_ms: round(median(of('response_start')), 0),
        end_ms: round(median(of('end')), 0),
      } : {}),
    };
  }
  return {
    runs: LOAD_REPS,
    fcp_ms: round(median(runs.map((r) => r.fcp)), 0),
    ready_ms: round(median(runs.map((r) => r.ready)), 0),
    drawn_ms: round(median(runs.map((r) => r.drawn)), 0),
    fcp_range_ms: [round(Math.min(...runs.map((r) => r.fcp)), 0), round(Math.max(...runs.map((r) => r.fcp)), 0)],
    ready_range_ms: [round(Math.min(...runs.map((r) => r.ready)), 0), round(Math.max(...runs.map((r) => r.ready)), 0)],
    ready_by: [...new Set(runs.map((r) => r.ready_by))].join(', '),
    files,
    warnings: [...new Set(runs.flatMap((r) => r.warnings))],
  };
}

/**
 * B5: the release page's weight, and its loads on localhost and under Lighthouse's mobile
 * throttling, from a server that sends it gzip-encoded as a static host does.
 */
async function b5(browser) {
  const files = await pageWeight();
  const server = await serveDist(DIST, {}, { gzip: true });
  try {
    const localhost = await loads(browser, server.url, { throttled: false });
    const throttled = await loads(browser, server.url, { throttled: true });
    return { files, localhost, throttled };
  } finally {
    server.close();
  }
}

/** Every B5 figure against its budget, and what is wrong with the loads if anything is. */
function b5Verdicts(b5Out) {
  const { localhost, throttled } = b5Out;
  const budgets = [
    { figure: 'page weight, gzip (wasm + js + css)', value: b5Out.total_gzip_bytes, unit: 'B', budget: BUDGET.gzip_bytes, inclusive: true },
    { figure: 'first contentful paint, localhost', value: localhost.fcp_ms, unit: 'ms', budget: BUDGET.localhost_fcp_ms },
    { figure: 'first contentful paint, slow 4G + 4× CPU', value: throttled.fcp_ms, unit: 'ms', budget: BUDGET.throttled_fcp_ms },
    { figure: 'ready (gatherPlayground defined), slow 4G + 4× CPU', value: throttled.ready_ms, unit: 'ms', budget: BUDGET.throttled_ready_ms },
  ].map((b) => ({ ...b, met: b.inclusive ? b.value <= b.budget : b.value < b.budget }));
  const problems = [];
  for (const [condition, run] of Object.entries({ localhost, throttled })) {
    for (const [name, f] of Object.entries(run.files)) {
      if (f.requests_per_load > 1) problems.push(`${condition}: ${name} is requested ${f.requests_per_load} times per load`);
      if (/\.(wasm|js|css|html)$/.test(name) && f.encoding !== 'gzip') problems.push(`${condition}: ${name} is sent ${f.encoding}, not gzip`);
      if (name.endsWith('.wasm') && f.content_type !== 'application/wasm') problems.push(`${condition}: ${name} is sent as ${f.content_type}`);
    }
    // The accessor missed it (the app defined the API another way): ready is late by up to 20 ms.
    if (run.ready_by.includes('poll')) problems.push(`${condition}: ready was caught by the 20 ms poll`);
  }
  return { budgets, problems };
}

/** Memory after 1,000 consecutive runs of a 100-child scenario through the page's API. */
async function memory(browser, url, runs) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => window.gatherPlayground !== undefined);
  const sizes = await page.evaluate(async (runs) => {
    const children = Array.from({ length: 100 }, (_, i) => ({
      kind: 'future', label: `c${i}`, delay_ms: i % 4,
      result: i % 7 ? { value: i } : { error: { type: 'ValueError', message: `bad ${i}` } },
      cancel_at_ms: i % 11 ? null : 1,
    }));
    const scenario = JSON.stringify({ version: 1, return_exceptions: true, children });
    const measure = () => {
      window.gc();
      return { wasm: globalThis.gatherPlaygroundWasm.memory.buffer.byteLength, heap: performance.memory.usedJSHeapSize };
    };
    const start = performance.now();
    await window.gatherPlayground.run(scenario);
    const first = measure();
    let at100;
    for (let done = 1; done < runs; done++) {
      await window.gatherPlayground.run(scenario);
      if (done + 1 === 100) at100 = measure();
    }
    const last = measure();
    return { first, at100, last, ms: performance.now() - start };
  }, runs);
  await context.close();
  return sizes;
}

/** B5's summary from its raw figures. */
function b5Summary(raw) {
  // The first load's files; those fetched later are listed but not summed.
  const sum = (key) => Object.entries(raw.files)
    .filter(([ext]) => !ON_DEMAND.some(([, kind]) => kind === ext))
    .reduce((a, [, f]) => a + f[key], 0);
  const out = {
    total_gzip_bytes: sum('gzip'),
    total_brotli_bytes: sum('brotli'),
    total_raw_bytes: sum('raw'),
    files: raw.files,
    localhost: { conditions: `no throttling, ${DESKTOP.viewport.width} × ${DESKTOP.viewport.height}, gzip-encoded, cache disabled`, ...raw.localhost },
    throttled: {
      conditions: `latency ${SLOW_4G.latency} ms, ${SLOW_4G.downloadThroughput * 8 / 1e6} Mbps down, ${SLOW_4G.uploadThroughput * 8 / 1e3} kbps up, `
        + `CPU ${CPU_SLOWDOWN}× slower, ${PHONE.viewport.width} × ${PHONE.viewport.height} at ${PHONE.deviceScaleFactor}×, gzip-encoded, cache disabled`,
      ...raw.throttled,
    },
  };
  return { ...out, ...b5Verdicts(out) };
}

/** Prints B5, and says loudly which budget is missed. */
function printB5(b5Out) {
  const n = (x) => x.toLocaleString('en-US');
  console.log('B5 page: weight (gzip -9), and fresh loads served gzip-encoded (median)');
  console.table(Object.entries(b5Out.files).map(([ext, f]) => ({ ext, raw: f.raw, gzip: f.gzip, brotli: f.brotli })));
  for (const [name, run] of [['localhost', b5Out.localhost], ['slow 4G + 4× CPU', b5Out.throttled]]) {
    console.log(`${name} (${run.conditions}), median of ${run.runs}: first contentful paint ${run.fcp_ms} ms `
      + `(${run.fcp_range_ms.join('–')}), ready ${run.ready_ms} ms (${run.ready_range_ms.join('–')}), app drawn ${run.drawn_ms} ms`);
    console.table(Object.entries(run.files).map(([file, f]) => ({
      file, requests: f.requests_per_load, bytes: f.bytes, encoding: f.encoding, 'start, ms': f.start_ms, 'end, ms': f.end_ms,
    })));
    for (const warning of run.warnings) console.log(`  browser ${warning}`);
  }
  console.log('B5 budget');
  console.table(b5Out.budgets.map((b) => ({
    figure: b.figure, median: `${n(b.value)} ${b.unit}`, budget: `${b.inclusive ? '≤' : '<'} ${n(b.budget)} ${b.unit}`, verdict: b.met ? 'met' : 'MISSED',
  })));
  for (const b of b5Out.budgets.filter((x) => !x.met)) {
    log(`BUDGET MISSED: ${b.figure}: ${n(b.value)} ${b.unit}, budget ${b.inclusive ? '≤' : '<'} ${n(b.budget)} ${b.unit}`);
  }
  for (const problem of b5Out.problems) log(`load problem: ${problem}`);
}

const began = Date.now();
if (ONLY === 'b5') {
  const browser = await launchBrowser();
  try {
    log('B5 page');
    printB5(b5Summary(await b5(browser)));
  } finally {
    await browser.close();
  }
  process.exit(0);
}
if (ONLY === 'b4') {
  const served = await serveDist(DIST);
  const browser = await launchBrowser();
  try {
    for (const children of [1_000, 9_999]) {
      const raw = await b4(browser, served.url, children);
      console.log(`B4 ${children} children: ${JSON.stringify(raw)}`);
    }
  } finally {
    await browser.close();
    served.close();
  }
  process.exit(0);
}
const main = await serveDist(DIST);
// Cross-origin isolated, so that performance.now() ticks in 5 µs rather than 100 µs.
const bench = await serveDist(BENCH_DIST, {
  'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp',
});
const browser = await launchBrowser();
try {
  const SIZES = [1_000, 10_000, 100_000];
  log('B1 overhead');
  let page = await openBench(browser, bench.url);
  const b1Raw = await b1(page, SIZES);
  if (ONLY === 'b1') {
    const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
    console.table(b1Raw.map(({ n, samples }) => {
      const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, round(median(v), 4)]));
      return {
        n, gather: m.gather_ms, join_all: m.join_all_ms, 'Promise.all': m.promise_all_ms,
        'gather/Promise.all': ratio(m.gather_ms, m.promise_all_ms), 'gather/join_all': ratio(m.gather_ms, m.join_all_ms),
        'gather (done)': m.gather_done_ms, 'join_all (tasks)': m.join_all_spawned_ms,
      };
    }));
    await browser.close();
    main.close();
    bench.close();
    process.exit(0);
  }
  log('B2 timers');
  const b2Raw = await b2(page, [1_000, 10_000]);
  log('B3 cancel');
  const b3Raw = await b3(page, SIZES, { counted: false });
  await page.context().close();
  page = await openBench(browser, bench.url, { counted: true });
  const b3Counted = await b3(page, SIZES, { counted: true });
  await page.context().close();
  log('B4 UI');
  const b4Raw = await b4(browser, main.url, 1_000);
  // The format's largest scenario: 10,000 nodes, the outer gather and 9,999 children.
  const b4LargestRaw = await b4(browser, main.url, 9_999);
  log('B5 page');
  const b5Raw = await b5(browser);
  log('memory');
  const mem = await memory(browser, main.url, 1_000);

  if (!b1Raw.every((r) => r.isolated)) log('warning: the bench page is not cross-origin isolated (100 µs timer)');
  // Timed inside the wasm: a median of 0 means the clock did not move during the call.
  for (const { n, samples } of b1Raw) {
    for (const [kind, values] of Object.entries(samples)) {
      if (median(values) === 0) log(`warning: B1 ${kind} at ${n} reads 0 ms: the bench page's clock did not advance during the call`);
    }
  }
  const b1Out = b1Raw.map(({ n, samples }) => ({
    n, ...Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, round(median(v), 4)])),
  }));
  const b2Out = b2Raw.map(({ n, samples }) => ({
    n, ...Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, round(median(v))])),
  }));
  const b3Out = b3Raw.map(({ n, runs }, i) => {
    const counted = b3Counted[i].runs;
    const all = [...runs, ...counted];
    return {
      n,
      ms: round(median(runs.map((r) => r.ms))),
      outer_ms: round(median(runs.map((r) => r.outer_ms))),
      // The worst over every counted repetition.
      timers_left: Math.max(...counted.map((r) => r.timers_left)),
      timers_left_after_50ms: Math.max(...counted.map((r) => r.timers_left_after_50ms)),
      all_cancelled: all.every((r) => r.accepted && r.outer_cancelled && r.all_cancelled),
      ms_with_timer_counter: round(median(counted.map((r) => r.ms))),
      js_clear_timeout_ms: round(median(runs.map((r) => r.js_clear_timeout_ms))),
    };
  });
  const b4Summary = (children, { load_ms, runs }) => ({
    children,
    longest_task_ms: round(median(runs.map((r) => r.longest_task_ms))),
    fps: round(median(runs.map((r) => r.fps)), 1),
    long_tasks: median(runs.map((r) => r.long_tasks)),
    run_ms: round(median(runs.map((r) => r.run_ms)), 1),
    worst_longest_task_ms: round(Math.max(...runs.map((r) => r.longest_task_ms))),
    load_ms,
  });
  const b4Out = b4Summary(1_000, b4Raw);
  const b4LargestOut = b4Summary(9_999, b4LargestRaw);
  const b5Out = b5Summary(b5Raw);
  const memOut = {
    runs: 1_000,
    wasm_bytes_first: mem.first.wasm, wasm_bytes_after_100: mem.at100.wasm, wasm_bytes_last: mem.last.wasm,
    js_heap_first: mem.first.heap, js_heap_after_100: mem.at100.heap, js_heap_last: mem.last.heap,
    total_ms: round(mem.ms, 0),
  };
  const fit = (rows, key) => round(exponent(rows.map((r) => [r.n, r[key]])), 2);
  const scaling = {
    b1_gather: fit(b1Out, 'gather_ms'),
    b1_gather_done: fit(b1Out, 'gather_done_ms'),
    b1_join_all: fit(b1Out, 'join_all_ms'),
    b1_promise_all: fit(b1Out, 'promise_all_ms'),
    b3_cancel: fit(b3Out, 'ms'),
  };
  const results = {
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, browser: `Chromium ${browser.version()} (headless)`, node: process.version },
    date: new Date().toISOString(),
    reps: REPS,
    load_reps: LOAD_REPS,
    b1_overhead: b1Out,
    b2_timers: b2Out,
    b3_cancel: { ...b3Out.find((r) => r.n === 10_000), by_n: b3Out },
    b4_ui: b4Out,
    b4_ui_largest: b4LargestOut,
    b5_page: b5Out,
    memory: memOut,
    scaling_exponents: scaling,
    seconds: round((Date.now() - began) / 1000, 1),
  };
  await writeFile(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

  const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
  console.log(`\ngather playground benchmarks — ${results.machine.browser}, ${results.machine.cpus} cores, median of ${REPS}\n`);
  console.log('B1 overhead, N immediately-ready children (ms)');
  console.table(b1Out.map((r) => ({
    n: r.n, gather: r.gather_ms, join_all: r.join_all_ms, 'Promise.all': r.promise_all_ms,
    'gather/Promise.all': ratio(r.gather_ms, r.promise_all_ms), 'gather/join_all': ratio(r.gather_ms, r.join_all_ms),
    'gather (done)': r.gather_done_ms, 'join_all (tasks)': r.join_all_spawned_ms, 'Promise.all (only)': r.promise_all_only_ms,
  })));
  console.log('B2 timers, N children sleeping 50 ms: overshoot past 50 ms (ms)');
  console.table(b2Out.map((r) => ({ n: r.n, gather: r.gather_overshoot_ms, 'Promise.all': r.promise_all_overshoot_ms })));
  console.log('B3 cancel of a gather of N sleeping children');
  console.table(b3Out);
  console.log('B4 UI, a run with the live timeline (and the load before it): 1,000 children, and the largest scenario');
  console.table([b4Out, b4LargestOut]);
  printB5(b5Out);
  console.log('Memory over 1,000 runs of a 100-child scenario');
  console.table([memOut]);
  console.log('Scaling exponents (log-log fit, N = 1,000 to 100,000)');
  console.table([scaling]);
  console.log(`wrote bench/results.json in ${results.seconds} s`);
  const missed = b5Out.budgets.filter((b) => !b.met);
  if (missed.length) log(`BUDGET MISSED (${missed.length} of ${b5Out.budgets.length}): ${missed.map((b) => b.figure).join('; ')}`);
  else log(`every B5 budget met (${b5Out.budgets.length})`);
} finally {
  await browser.close();
  main.close();
  bench.close();
}
