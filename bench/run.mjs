// `make bench`: drives Debian's Chromium (headless, through playwright-core) over the release
// page (dist/) and the benchmarks' page (target/bench-dist/, window.gatherBench), prints a
// table and writes bench/results.json. Every figure is the median of REPS repetitions;
// every comparison is measured in the same page, interleaved, in the same run.
import { writeFile, readdir, readFile } from 'node:fs/promises';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { cpus } from 'node:os';
import { join, extname } from 'node:path';
import { ROOT, serveDist, launchBrowser } from '../tests/e2e/harness.mjs';

const REPS = Number(process.env.BENCH_REPS ?? 7);
// `BENCH_ONLY=b1` runs B1 alone and prints its table, writing no results.json: for quick
// iterations, not for the recorded figures.
const ONLY = process.env.BENCH_ONLY;
const BENCH_DIST = join(ROOT, 'target', 'bench-dist');
const DIST = join(ROOT, 'dist');

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

/** Counts the page's outstanding setTimeout/setInterval timers (as reliability.test.mjs). */
function countTimers() {
  const pending = { timeouts: new Set(), intervals: new Set() };
  const wrap = (set, clear, kind, once) => {
    const originalSet = window[set];
    const originalClear = window[clear];
    window[set] = function (handler, delay, ...rest) {
      const id = originalSet.call(window, (...args) => {
        if (once) pending[kind].delete(id);
        if (typeof handler === 'function') handler(...args);
      }, delay, ...rest);
      pending[kind].add(id);
      return id;
    };
    window[clear] = function (id) {
      pending[kind].delete(id);
      return originalClear.call(window, id);
    };
  };
  wrap('setTimeout', 'clearTimeout', 'timeouts', true);
  wrap('setInterval', 'clearInterval', 'intervals', false);
  window.pendingTimers = () => ({ timeouts: pending.timeouts.size, intervals: pending.intervals.size });
}

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

/** B5: release page bytes and first contentful paint over fresh loads. */
async function b5(browser, url) {
  const files = {};
  for (const name of await readdir(DIST)) {
    const ext = extname(name).slice(1);
    if (!['wasm', 'js', 'css'].includes(ext)) continue;
    const body = await readFile(join(DIST, name));
    const entry = (files[ext] ??= { raw: 0, gzip: 0, brotli: 0, files: [] });
    entry.raw += body.length;
    entry.gzip += gzipSync(body, { level: 9 }).length;
    // What a host that serves brotli (most do) sends; the goal is gzip's.
    entry.brotli += brotliCompressSync(body, {
      params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }).length;
    entry.files.push(name);
  }
  const paints = [];
  const ready = [];
  for (let rep = 0; rep < REPS; rep++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const poll = () => {
        if (window.gatherPlayground !== undefined && document.querySelector('button')) {
          window.__appReadyMs = performance.now();
        } else {
          setTimeout(poll, 1);
        }
      };
      poll();
    });
    await page.goto(url);
    await page.waitForFunction(() => window.__appReadyMs !== undefined);
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);
    const t = await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0].startTime,
      ready: window.__appReadyMs,
    }));
    paints.push(t.fcp);
    ready.push(t.ready);
    await context.close();
  }
  return { files, paints, ready };
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

const began = Date.now();
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
  const b5Raw = await b5(browser, main.url);
  log('memory');
  const mem = await memory(browser, main.url, 1_000);

  if (!b1Raw.every((r) => r.isolated)) log('warning: the bench page is not cross-origin isolated (100 µs timer)');
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
  const sum = (key) => Object.values(b5Raw.files).reduce((a, f) => a + f[key], 0);
  const b5Out = {
    total_gzip_bytes: sum('gzip'),
    total_brotli_bytes: sum('brotli'),
    total_raw_bytes: sum('raw'),
    files: b5Raw.files,
    first_contentful_paint_ms: round(median(b5Raw.paints), 1),
    app_ready_ms: round(median(b5Raw.ready), 1),
  };
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
  console.log('B5 page');
  console.table(Object.entries(b5Out.files).map(([ext, f]) => ({ ext, raw: f.raw, gzip: f.gzip, brotli: f.brotli })));
  console.log(`total gzip ${b5Out.total_gzip_bytes} B (brotli ${b5Out.total_brotli_bytes} B), first contentful paint ${b5Out.first_contentful_paint_ms} ms, app ready ${b5Out.app_ready_ms} ms`);
  console.log('Memory over 1,000 runs of a 100-child scenario');
  console.table([memOut]);
  console.log('Scaling exponents (log-log fit, N = 1,000 to 100,000)');
  console.table([scaling]);
  console.log(`wrote bench/results.json in ${results.seconds} s`);
} finally {
  await browser.close();
  main.close();
  bench.close();
}
