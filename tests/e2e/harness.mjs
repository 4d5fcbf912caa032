// Serves the release build (dist/) under a sub-path, as a static host would, and opens it
// in Debian's Chromium through playwright-core.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { chromium } from 'playwright-core';
import { before, after } from 'node:test';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The release build; `GATHER_DIST=<dir>` tests another copy of it (e.g. one built with `--dist`). */
const DIST = process.env.GATHER_DIST ?? join(ROOT, 'dist');
/** The page lives below a sub-path, as on https://user.github.io/repo/. */
export const SUB_PATH = '/gather-playground/';
/**
 * Every response carries the strict policy the page must work under: the one the build
 * writes beside the page (www/write-csp.mjs), with the hash of its inline style.
 */
export const CSP = (await readFile(join(DIST, 'content-security-policy.txt'), 'utf8').catch(() => {
  throw new Error(`no ${join(DIST, 'content-security-policy.txt')}: build the page first (make build)`);
})).trim();
/** axe-core, served from the page's own origin so that the policy allows it. */
export const AXE_URL = `${SUB_PATH}__test__/axe.min.js`;
const AXE_FILE = join(ROOT, 'tests', 'e2e', 'node_modules', 'axe-core', 'axe.min.js');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** What a static host compresses: text and wasm, not images that are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.wasm', '.css', '.svg', '.json']);

/**
 * Serves `dir` (the release build by default) under SUB_PATH, with `headers` added.
 * `{ gzip: true }` serves compressible files gzip-encoded (`Content-Encoding: gzip`, level 9,
 * compressed once per file) to a browser that accepts it, as a static host does.
 */
export async function serveDist(dir = DIST, headers = {}, { gzip = false } = {}) {
  const compressed = new Map();
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://localhost');
    if (!url.pathname.startsWith(SUB_PATH)) {
      response.writeHead(404).end('not under the sub-path');
      return;
    }
    let file = url.pathname.slice(SUB_PATH.length) || 'index.html';
    file = normalize(file).replace(/^(\.\.[/\\])+/, '');
    const path = url.pathname === AXE_URL ? AXE_FILE : join(dir, file);
    try {
      let body = await readFile(path);
      const encoded = gzip && COMPRESSIBLE.has(extname(path))
        && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
      if (encoded) {
        const cached = compressed.get(path);
        if (cached?.raw.equals(body)) {
          body = cached.gzip;
        } else {
          const raw = body;
          body = gzipSync(raw, { level: 9 });
          compressed.set(path, { raw, gzip: body });
        }
      }
      response.writeHead(200, {
        'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
        'content-length': body.length,
        'content-security-policy': CSP,
        ...(gzip ? { vary: 'accept-encoding' } : {}),
        ...(encoded ? { 'content-encoding': 'gzip' } : {}),
        ...headers,
      });
      response.end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}${SUB_PATH}`, close: () => server.close() };
}

/**
 * For a test file: serves the release build and launches Chromium before its tests, and
 * closes both after them. `playground.server.url` and `playground.browser` are set by then;
 * `playground.freshPage()` opens the page.
 */
export function servedPlayground() {
  const playground = {};
  before(async () => {
    playground.server = await serveDist();
    playground.browser = await launchBrowser();
  });
  after(async () => {
    await playground.browser?.close();
    playground.server?.close();
  });
  /**
   * A new page in a context of its own (so with empty storage), opened and started; `errors`
   * collects every page error and console error. `init` runs before the page's own scripts.
   */
  playground.freshPage = async (contextOptions = {}, { init } = {}) => {
    const context = await playground.browser.newContext(contextOptions);
    if (init) await context.addInitScript(init);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
    await page.goto(playground.server.url);
    await page.getByRole('button', { name: 'Run', exact: true }).waitFor();
    return { page, context, errors };
  };
  return playground;
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
      // For the memory checks: gc() on demand, and an unrounded heap size.
      '--js-flags=--expose-gc', '--enable-precise-memory-info'],
  });
}

/** Opens the page and waits for the app to start; fails on any page error. */
export async function openPage(browser, url, viewport = { width: 1280, height: 900 }) {
  const page = await browser.newPage({ viewport });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(url);
  await page.waitForFunction(() => window.gatherPlayground !== undefined);
  return { page, errors };
}

/**
 * A screenshot of the element `locator` finds, taken from the whole page so that the sticky
 * toolbar (which stays at the page's top there) does not cover the element's top edge.
 */
export async function screenshotOf(locator, path) {
  const clip = await locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return { x: box.x + window.scrollX, y: box.y + window.scrollY, width: box.width, height: box.height };
  });
  await locator.page().screenshot({ path, fullPage: true, clip });
}

/**
 * The code panel's program as shown, once the page's worker has written it: the panel asks
 * for it when it first comes into view, so it is scrolled there first.
 */
export async function shownCode(page) {
  const view = page.locator('#code-view');
  await view.scrollIntoViewIfNeeded();
  await page.locator('#code-view[aria-busy="false"]').waitFor();
  return view.textContent();
}

/** The Preset list (by role: the Undo button's name may say "load preset ‘…’"). */
export const presetList = (page) => page.getByRole('combobox', { name: /^Preset/ });

/**
 * Loads the preset named `name` as a person does: picks it in the Preset list, then presses
 * Load (picking alone loads nothing).
 */
export async function loadPreset(page, name) {
  await presetList(page).selectOption({ label: name });
  await page.getByRole('button', { name: 'Load', exact: true }).click();
}

/**
 * Counts the page's outstanding setTimeout and setInterval timers, as `window.pendingTimers()`
 * (an init script: it runs in the page, before the page's own scripts).
 */
export function countTimers() {
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

/**
 * What `read()` gives once it matches `expected` (a RegExp it matches, or a value it equals as
 * `assert.deepEqual` compares), or what
 * it last gave after `timeout` ms: for a read right after an input while a big run is drawn,
 * since yew yields to the browser after 16 ms of rendering and finishes the redraw a task later.
 */
export async function whenSettled(read, expected, timeout = 5_000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await read();
    const matches = expected instanceof RegExp
      ? expected.test(value) : isDeepStrictEqual(value, expected);
    if (matches || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
