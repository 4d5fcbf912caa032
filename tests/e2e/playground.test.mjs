// The playground as a person uses it: release build, real Chromium, real timers.
// Over 400 lines: seventeen short paths through the page, sharing one served build and its helpers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { deflateRawSync } from 'node:zlib';
import { ROOT, AXE_URL, openPage, servedPlayground, shownCode, loadPreset, presetList } from './harness.mjs';

const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');

const playground = servedPlayground();

/** A fresh page with empty storage (each test gets its own browser context). */
const freshPage = (viewport = { width: 1400, height: 1000 }, { colorScheme = 'light', init } = {}) =>
  playground.freshPage({ viewport, colorScheme }, { init });

const outcome = (page) => page.locator('.outcome-line').first();
const runButton = (page) => page.getByRole('button', { name: /^Run( again)?$/ });
const preset = loadPreset;

/** Waits for the real run to finish and returns the outcome line. */
async function runToEnd(page) {
  await runButton(page).click();
  // A 1,000-child run redraws 1,000 lanes: slow on a busy machine, so a generous limit.
  await page.getByRole('heading', { name: 'Timeline', exact: true }).waitFor({ timeout: 60_000 });
  return (await outcome(page).textContent()).trim();
}

test('the page runs under a strict Content-Security-Policy with no violation', async () => {
  const { page, errors } = await freshPage(undefined, {
    init: () => {
      window.cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) =>
        window.cspViolations.push(`${event.violatedDirective}: ${event.blockedURI}`));
    },
  });
  const response = await page.goto(playground.server.url);
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  await page.getByRole('button', { name: 'Run', exact: true }).waitFor();
  await preset(page, 'Cancel the whole gather');
  assert.match(await runToEnd(page), /was cancelled/);
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('compose a scenario through the editor, run it, read the results', async () => {
  const { page, errors } = await freshPage();
  await preset(page, 'The empty gather');
  await page.getByRole('button', { name: 'Add a child coroutine to main' }).click();
  await page.getByRole('button', { name: 'Add a child coroutine to main' }).click();
  const a = page.getByRole('article', { name: 'Child A' });
  const b = page.getByRole('article', { name: 'Child B' });
  await a.getByLabel('Sleeps (ms)').fill('200');
  await a.getByLabel('raises').check();
  await a.getByLabel('Exception').fill('ValueError');
  await a.getByLabel('Message').fill('boom');
  await b.getByLabel('Sleeps (ms)').fill('100');
  await b.getByLabel('Value').fill('"second"');
  // The prediction updates while editing.
  await page.locator('.outcome-line', { hasText: 'raised ValueError: boom — at 200 ms' }).waitFor();
  const text = await runToEnd(page);
  assert.match(text, /raised ValueError: boom — at 2\d\d ms/);
  const completion = await page.getByRole('list', { name: 'Completion order' }).locator('li').allTextContents();
  // A raised: no list, so no slots; each goes to its argument.
  assert.match(completion[0], /^B.*→ argument 1/);
  assert.match(completion[1], /^A.*→ argument 0/);
  const log = await page.getByRole('list', { name: 'Events' }).textContent();
  assert.match(log, /B returned 'second'/);
  assert.match(log, /main completed: raised ValueError: boom/);
  // Each real event shows how late it came against the virtual-clock prediction.
  assert.match(log, /B returned 'second' \(\+\d+ ms vs predicted\)/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('cancel the gather while it runs: cancel() returns True and every child is cancelled', async () => {
  const { page, errors } = await freshPage();
  await preset(page, 'Results in argument order');
  await runButton(page).click();
  await page.getByRole('button', { name: 'Call cancel() on main' }).click();
  await page.getByRole('heading', { name: 'Timeline', exact: true }).waitFor();
  assert.match(await outcome(page).textContent(), /was cancelled \(CancelledError\)/);
  const log = await page.getByRole('list', { name: 'Events' }).textContent();
  assert.match(log, /cancel\(\) on main \(you\) returned True/);
  assert.match(log, /delay\(3\) was cancelled/);
  assert.equal(await page.locator('.cancel-mark text', { hasText: 'cancel() → True' }).count(), 1);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a recorded run can be scrubbed and stepped event by event', async () => {
  const { page, errors } = await freshPage();
  await preset(page, 'One child raises, siblings run on');
  await runToEnd(page);
  // A 100 ms → 1, B 200 ms → raises, C 300 ms → 3: the run's events in the order it emitted
  // them, which a step follows one at a time however late the browser's timers came.
  const events = ['A started', 'B started', 'C started', 'A returned 1',
    'B raised ZeroDivisionError: division by zero',
    'main completed: raised ZeroDivisionError: division by zero', 'C returned 3'];
  const lines = page.getByRole('list', { name: 'Events' }).locator('li:not(.spacer)');
  /** Waits for the log to show the first `count` events, exactly. */
  const shows = async (count) => {
    await page.waitForFunction((count) =>
      document.querySelectorAll('.event-log li:not(.spacer)').length === count, count);
    const shown = await lines.allTextContents();
    shown.forEach((line, index) => assert.ok(line.includes(events[index]), `${line} tells ${events[index]}`));
  };
  const back = page.getByRole('button', { name: 'Step back: the previous event' });
  const forward = page.getByRole('button', { name: 'Step forward: the next event' });
  await shows(7);
  await back.click();
  await shows(6);
  assert.match(await outcome(page).textContent(), /raised ZeroDivisionError/);
  await back.click();
  await shows(5);
  assert.match(await outcome(page).textContent(), /the gather has not completed yet/);
  await back.click();
  await shows(4);
  await forward.click();
  await forward.click();
  await shows(6);
  assert.match(await outcome(page).textContent(), /raised ZeroDivisionError/);
  // The playhead scrubs by time: every event up to then. Between A's return and B's
  // failure, as the log timed them on this machine.
  const times = (await page.locator('.event-log li:not(.spacer) .log-time').allTextContents()).map(parseFloat);
  const between = Math.floor((times[3] + times[4]) / 2);
  await page.getByRole('slider', { name: 'Playhead' }).fill(String(between));
  await page.locator('.outcome-line', { hasText: `At ${between} ms the gather has not completed yet.` }).waitFor();
  await shows(4);
  await page.getByRole('button', { name: 'Show the whole run' }).click();
  await shows(7);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('stop tears a run down and reset returns to the prediction', async () => {
  const { page } = await freshPage();
  await preset(page, 'Cleanup swallows the cancellation');
  await runButton(page).click();
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  assert.match(await outcome(page).textContent(), /Stopped before the gather completed/);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await page.getByRole('heading', { name: 'Timeline (predicted)' }).waitFor();
  // After a run has ended, an edit shows the edited scenario's prediction, not the old run.
  await runToEnd(page);
  await page.getByRole('article', { name: 'Child writer' }).getByLabel('Cleanup takes (ms)').fill('400');
  await page.getByRole('heading', { name: 'Timeline (predicted)' }).waitFor();
  await page.locator('.outcome-line', { hasText: 'at 550 ms' }).waitFor();
  await page.context().close();
});

test('a share link carries the whole scenario, labels stay text', async () => {
  const { page, context } = await freshPage();
  await preset(page, 'Nested groups');
  const hostile = '<img src=x onerror="window.pwned=1">';
  await page.getByRole('article', { name: 'Child e' }).getByLabel('Label').fill(hostile);
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#s1='));
  // Compressed by the browser's CompressionStream, read back by the page's own inflater.
  assert.match(new URL(page.url()).hash, /^#s1=z[A-Za-z0-9_-]+$/);
  const link = page.url();
  const other = await (await playground.browser.newContext()).newPage();
  await other.goto(link);
  await other.getByText('Opened the scenario from the link.').waitFor();
  assert.equal(await other.getByRole('article', { name: `Child ${hostile}` }).getByLabel('Label').inputValue(), hostile);
  assert.equal(await other.locator('img').count(), 0);
  assert.equal(await other.evaluate(() => window.pwned), undefined);
  assert.equal(await other.getByRole('article', { name: 'Gather group 2' }).count(), 1);
  await other.context().close();
  await context.close();
});

test('a reload keeps the scenario, settings and even invalid input', async () => {
  const { page } = await freshPage();
  await preset(page, 'Many coroutines');
  await page.getByLabel(/^Speed/).selectOption({ label: '2×' });
  await page.getByRole('article', { name: 'Child page 3' }).getByLabel('Sleeps (ms)').fill('25x');
  await page.reload();
  await page.getByRole('button', { name: 'Run', exact: true }).waitFor();
  assert.equal(await page.getByRole('article', { name: 'Child page 3' }).getByLabel('Sleeps (ms)').inputValue(), '25x');
  assert.equal(await page.getByLabel(/^Speed/).inputValue(), '2');
  await page.context().close();
});

test('an edit just before a reload is kept on a slow machine too (saved as the page is left)', async () => {
  const { page } = await freshPage();
  // Slowed down, the render of many cards outlasts yew's 16 ms and it runs the saving effect
  // a task later, after the reload has begun.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 });
  await preset(page, 'Many coroutines');
  await page.getByRole('article', { name: 'Child page 3' }).getByLabel('Sleeps (ms)').fill('25x');
  await page.reload();
  await page.getByRole('button', { name: 'Run', exact: true }).waitFor();
  assert.equal(await page.getByRole('article', { name: 'Child page 3' }).getByLabel('Sleeps (ms)').inputValue(), '25x');
  await page.context().close();
});

test('a draft saved by earlier pages (the shape serde derived) loads field for field', async () => {
  const outcome = (raises, value, error_type, error_message) =>
    ({ raises, value, error_type, error_message });
  const draft = {
    label: 'main', cancel_at: '', collapsed: false,
    kind: { Gather: { return_exceptions: true, limit: '', children: [
      { label: 'slow', cancel_at: '40', collapsed: false, kind: { Future: {
        delay: '25x', outcome: outcome(true, 'null', 'KeyError', 'gone'),
        cleanup: { delay: '15', outcome: outcome(false, '"bye"', 'ValueError', '') } } } },
      // As pages from before `collapsed` and `limit` saved a node.
      { label: 'inner', cancel_at: '', kind: { Gather: { return_exceptions: false, children: [] } } },
    ] } },
  };
  const saved = { version: 1, scenario: { version: 1, label: 'main', children: [] },
    settings: { speed: 1, preset: null, draft } };
  const { page, errors } = await freshPage(undefined, {
    init: { content: `if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('gather-playground/state', ${JSON.stringify(JSON.stringify(saved))});
    }` },
  });
  const slow = page.getByRole('article', { name: 'Child slow' });
  assert.equal(await slow.getByLabel('Sleeps (ms)').inputValue(), '25x');
  assert.equal(await slow.getByLabel('Cancel at (ms)').inputValue(), '40');
  assert.equal(await slow.getByLabel('Exception').inputValue(), 'KeyError');
  assert.equal(await slow.getByLabel('Cleanup takes (ms)').inputValue(), '15');
  assert.equal(await page.getByRole('article', { name: 'Gather inner' }).count(), 1);
  assert.equal(await page.getByRole('checkbox', { name: 'return_exceptions=True' }).first().isChecked(), true);
  assert.match(await page.locator('#run-blocked').textContent(), /1 field needs fixing/);
  // An edit saves the draft again: the same shape, with what older pages left out filled in.
  await slow.getByLabel('Message').fill('gone!');
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('gather-playground/state')));
  draft.kind.Gather.children[0].kind.Future.outcome.error_message = 'gone!';
  Object.assign(draft.kind.Gather.children[1], { collapsed: false });
  Object.assign(draft.kind.Gather.children[1].kind.Gather, { limit: '' });
  assert.deepEqual(stored.settings.draft, draft);
  await page.reload();
  assert.equal(await page.getByRole('article', { name: 'Child slow' }).getByLabel('Message').inputValue(), 'gone!');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('bad input is explained beside the field, blocks Run with a reason, and is kept', async () => {
  const { page, errors } = await freshPage();
  const child = page.getByRole('article', { name: 'Child delay(1)' });
  await child.getByLabel('Sleeps (ms)').fill('-5');
  await child.getByText('a whole number of milliseconds from 0 to 86400000 (a day)').waitFor();
  assert.equal(await child.getByLabel('Sleeps (ms)').getAttribute('aria-invalid'), 'true');
  assert.equal(await runButton(page).isDisabled(), true);
  assert.match(await page.locator('#run-blocked').textContent(), /Can't run yet: 1 field needs fixing/);
  await child.getByLabel('raises').check();
  await child.getByLabel('Exception').fill('9lives');
  assert.match(await page.locator('#run-blocked').textContent(), /2 fields need fixing/);
  assert.equal(await child.getByLabel('Sleeps (ms)').inputValue(), '-5');
  // Import with an error names the path and loads nothing.
  await page.getByText('Import / export JSON').click();
  await page.getByLabel('Paste a scenario').fill('{"version": 1, "children": [{"kind": "future", "delay_ms": 1e3, "result": 5}]}');
  await page.getByRole('button', { name: 'Load JSON' }).click();
  await page.getByRole('alert').filter({ hasText: 'children[0].result: expected {"value": ...}' }).waitFor();
  assert.equal(await child.getByLabel('Sleeps (ms)').inputValue(), '-5');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a corrupt link or saved state gives a clear message and a working page', async () => {
  const corrupt = await freshPage(undefined, {
    init: () => localStorage.setItem('gather-playground/state', '{not json'),
  });
  await corrupt.page.getByText(/Your saved scenario could not be read/).waitFor();
  assert.match(await runToEnd(corrupt.page), /returned \[3, 1, 2\]/);
  await corrupt.context.close();
  const context = await playground.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${playground.server.url}#s1=zthis-is-not-deflate`);
  await page.getByText(/This link could not be opened: .*Your last scenario is shown instead/).waitFor();
  assert.equal(await runButton(page).isEnabled(), true);
  // Base64url, but not DEFLATE: the browser's inflater refuses it.
  await page.goto(`${playground.server.url}?inflate#s1=zAAAA`);
  await page.getByText(/This link could not be opened: .*not valid DEFLATE/).waitFor();
  // 5 MiB of spaces in 5 KB: the browser's inflating stops at the 4 MiB a link may hold.
  const bomb = deflateRawSync(Buffer.alloc(5 * 1024 * 1024, 32), { level: 9 }).toString('base64url');
  await page.goto(`${playground.server.url}?bomb#s1=z${bomb}`);
  await page.getByText(/This link could not be opened: .*over 4 MiB once decompressed/).waitFor();
  assert.equal(await runButton(page).isEnabled(), true);
  await context.close();
});

test('?reset, the crash banner\'s way out, replaces the saved scenario with a preset', async () => {
  const { page, context } = await freshPage();
  await preset(page, 'Nested groups');
  await page.getByRole('article', { name: 'Child e' }).getByLabel('Label').fill('mine');
  await page.goto(`${playground.server.url}?reset`);
  await page.getByText('Started over: your saved scenario was replaced by a preset.').waitFor();
  assert.equal(new URL(page.url()).search, '', 'the query is dropped');
  assert.equal(await page.getByRole('article', { name: 'Child mine' }).count(), 0);
  await page.reload();
  await page.getByRole('button', { name: 'Run', exact: true }).waitFor();
  assert.equal(await page.getByText('Started over').count(), 0);
  await context.close();
});

test('every preset runs on real timers exactly as predicted on the virtual clock', async () => {
  const { page, errors } = await freshPage();
  await page.getByLabel(/^Speed/).selectOption({ label: '2×' });
  const names = (await presetList(page).locator('option:not([disabled])').allTextContents());
  assert.ok(names.length >= 12, `${names.length} presets`);
  for (const name of names) {
    await preset(page, name);
    assert.ok((await page.locator('#preset-note').textContent()).length > 20, `${name} has a note`);
    const predicted = (await outcome(page).textContent()).split(' — ')[0];
    const real = (await runToEnd(page)).split(' — ')[0];
    assert.equal(real, predicted, name);
  }
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('keyboard: Ctrl+Enter runs, arrow keys on a timeline handle change the delay', async () => {
  const { page } = await freshPage();
  const handle = page.getByRole('slider', { name: /Delay of delay\(1\)/ });
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  // Both presses count (each moves the delay as it is then), once the page has drawn them.
  const sleeps = page.getByRole('article', { name: 'Child delay(1)' }).getByLabel('Sleeps (ms)');
  await sleeps.evaluate((input) => new Promise((resolve) => {
    const check = () => (input.value === '410' ? resolve() : setTimeout(check, 20));
    check();
    setTimeout(resolve, 3000);
  }));
  assert.equal(await sleeps.inputValue(), '410');
  await page.getByRole('article', { name: 'Child delay(2)' }).getByLabel('Label').focus();
  await page.keyboard.press('Control+Enter');
  await page.getByRole('heading', { name: 'Timeline (running)' }).waitFor();
  await page.context().close();
});

test('dragging a bar end changes its delay, with a mouse and with a finger', async () => {
  const context = await playground.browser.newContext({ viewport: { width: 1400, height: 1000 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto(playground.server.url);
  const delayOf = async (name) => Number(await page.getByRole('article', { name: `Child ${name}` }).getByLabel('Sleeps (ms)').inputValue());
  const centre = async (name) => {
    const box = await page.getByRole('slider', { name: new RegExp(`Delay of ${name.replace(/[()]/g, '\\$&')}`) }).boundingBox();
    return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  };
  // Mouse.
  const mouseFrom = await centre('delay(3)');
  await page.mouse.move(mouseFrom.x, mouseFrom.y);
  await page.mouse.down();
  await page.mouse.move(mouseFrom.x - 150, mouseFrom.y, { steps: 5 });
  await page.mouse.up();
  const afterMouse = await delayOf('delay(3)');
  assert.ok(afterMouse < 900 && afterMouse > 300, `mouse-dragged delay ${afterMouse}`);
  // A finger, as real touch events.
  const cdp = await context.newCDPSession(page);
  const touchFrom = await centre('delay(1)');
  const touch = (type, x) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y: touchFrom.y }] });
  await touch('touchStart', touchFrom.x);
  for (let step = 1; step <= 5; step++) await touch('touchMove', touchFrom.x + step * 30);
  await touch('touchEnd');
  const afterTouch = await delayOf('delay(1)');
  assert.ok(afterTouch > 300, `touch-dragged delay ${afterTouch}`);
  await context.close();
});

test('no serious or critical accessibility violations (axe-core), before and after a run', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page } = await freshPage(undefined, { colorScheme });
    await page.addScriptTag({ url: AXE_URL });
    const audit = async () => (await page.evaluate(async () => (await window.axe.run(document)).violations))
      .filter((violation) => ['serious', 'critical'].includes(violation.impact))
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')}`);
    assert.deepEqual(await audit(), [], `${colorScheme}, before a run`);
    await preset(page, 'One child raises, siblings run on');
    await runToEnd(page);
    await page.getByText('Import / export JSON').click();
    assert.deepEqual(await audit(), [], `${colorScheme}, after a run`);
    await page.context().close();
  }
});

test('the Python code runs unchanged on CPython and prints the outcome the page gets', async () => {
  const { page, errors } = await freshPage();
  const folder = await mkdtemp(join(tmpdir(), 'gather-python-'));
  const presets = ['Results in argument order', 'Nested groups', 'One child raises, siblings run on',
    'return_exceptions=True', 'A child is cancelled', 'Cancel the whole gather',
    'Cleanup swallows the cancellation', 'Cancel after a failure does nothing', 'The empty gather'];
  const checks = [];
  await page.getByText('Import / export JSON').click();
  for (const [index, name] of presets.entries()) {
    await preset(page, name);
    const code = await shownCode(page);
    assert.match(code, /^"""A gather-playground scenario/);
    const scenario = await page.getByLabel('This scenario').inputValue();
    const report = await page.evaluate((text) => window.gatherPlayground.run(text), scenario);
    const file = join(folder, `preset_${index}.py`);
    await writeFile(file, code);
    checks.push(promisify(execFile)('python3', [file]).then(({ stdout }) => {
      const last = stdout.trim().split('\n').at(-1);
      assert.match(last, /^outcome: /, name);
      const printed = JSON.parse(last.slice('outcome: '.length));
      const expected = { status: report.status };
      if ('value' in report) expected.value = report.value;
      if ('exception' in report) Object.assign(expected, { exception: report.exception, message: report.message });
      assert.deepEqual(printed, expected, name);
    }));
  }
  await Promise.all(checks);
  // The Rust tab shows a program on this crate's API.
  await page.getByRole('tab', { name: 'Rust' }).click();
  assert.match(await shownCode(page), /use gather_playground::/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('screenshots: desktop (light and dark) and a phone-width run', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page, errors } = await freshPage({ width: 1400, height: 1000 }, { colorScheme });
    await preset(page, 'One child raises, siblings run on');
    await runToEnd(page);
    await page.screenshot({ path: join(SCREENSHOTS, colorScheme === 'light' ? 'desktop.png' : 'desktop-dark.png') });
    assert.deepEqual(errors, []);
    await page.context().close();
  }
  const { page, errors } = await freshPage({ width: 375, height: 812 }, {});
  await preset(page, 'Cleanup swallows the cancellation');
  assert.match(await runToEnd(page), /was cancelled/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page is ${overflow}px wider than the phone`);
  await page.screenshot({ path: join(SCREENSHOTS, 'phone.png') });
  assert.deepEqual(errors, []);
  await page.context().close();
});
