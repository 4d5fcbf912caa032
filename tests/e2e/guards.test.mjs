// Timeouts (asyncio.wait_for) and shields (asyncio.shield) as a person uses them: set in
// the editor by keyboard, run on real timers, drawn on the timeline, told in the log, kept
// across a reload and a share link; the presets that show them, wait and as_completed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { AXE_URL, servedPlayground, loadPreset } from './harness.mjs';

const playground = servedPlayground();

const freshPage = ({ colorScheme = 'light' } = {}) => playground.freshPage(
  { viewport: { width: 1400, height: 1000 }, colorScheme, acceptDownloads: true });

const outcome = (page) => page.locator('.outcome-line').first();
const preset = loadPreset;
const child = (page, name) => page.getByRole('article', { name: `Child ${name}` });
/** The root's own Timeout field: the first in the editor (its children's come after it). */
const rootTimeout = (page) => page.getByRole('article', { name: 'Gather main' }).getByLabel('Timeout (ms)').first();
const logText = (page) => page.locator('.event-log ol').textContent();

/** Runs the scenario shown (Ctrl+Enter) and waits for the run to end. */
async function runByKeyboard(page) {
  await page.keyboard.press('Control+Enter');
  await page.getByRole('heading', { name: 'Timeline (running)' }).waitFor();
  await page.getByRole('heading', { name: 'Timeline', exact: true }).waitFor({ timeout: 30_000 });
}

/** Types into the field `locator` finds, by keyboard: focus, select what it holds, type. */
async function typeInto(locator, text) {
  await locator.focus();
  await locator.page().keyboard.press('Control+A');
  await locator.page().keyboard.type(text);
}

/**
 * The default preset (delay(3) 900 ms, delay(1) 300, delay(2) 600) with a 400 ms timeout
 * on main and delay(3) shielded, set by keyboard.
 */
async function timeoutAndShield(page) {
  await typeInto(rootTimeout(page), '400');
  await child(page, 'delay(3)').getByLabel('Shield (asyncio.shield)').focus();
  await page.keyboard.press('Space');
  assert.equal(await child(page, 'delay(3)').getByLabel('Shield (asyncio.shield)').isChecked(), true);
  // The prediction follows at once: main gets TimeoutError at 400 ms.
  await page.locator('.outcome-line', { hasText: 'await asyncio.wait_for(gather(…), 0.4) raised TimeoutError — at 400 ms' }).waitFor();
}

test('a timeout and a shield set by keyboard: the run draws the timeout and the shield\'s end, and tells them', async () => {
  const { page, context, errors } = await freshPage();
  // A timeout of 0 is refused beside its field, and kept as typed.
  await typeInto(rootTimeout(page), '0');
  await page.getByText('a whole number of milliseconds from 1 to 86400000 (a day), or empty for no timeout').waitFor();
  assert.equal(await rootTimeout(page).getAttribute('aria-invalid'), 'true');
  assert.equal(await rootTimeout(page).inputValue(), '0');
  assert.match(await page.locator('#run-blocked').textContent(), /1 field needs fixing/);
  await timeoutAndShield(page);
  assert.match(await page.locator('.results').innerText(), /CPython 3\.12 and later/);

  await runByKeyboard(page);
  assert.match(await outcome(page).textContent(), /^await asyncio\.wait_for\(gather\(…\), 0\.4\) raised TimeoutError — at 4\d\d ms$/);
  const log = await logText(page);
  for (const line of [
    "main's timeout (400 ms) fired: wait_for cancels main, so every child still running, and waits for them to end",
    'cancel() on main (by its timeout) returned True',
    'cancel() on shield(delay(3)) (passed on by main) returned True',
    'main got CancelledError from shield(delay(3)); delay(3) itself runs on',
    'await wait_for(main) raised TimeoutError',
    'delay(2) was cancelled (CancelledError)',
    'delay(3) returned 3',
  ]) assert.ok(log.includes(line), `the log tells: ${line}`);
  // The timeout's mark on main's lane; the shield's end on delay(3)'s, long before its own.
  const mark = page.locator('svg g.timeout-mark');
  assert.equal(await mark.count(), 1);
  assert.match(await mark.locator('title').textContent(), /^main's timeout of 400 ms fired at 4\d\d ms: wait_for cancels main$/);
  const received = page.locator('g.received');
  assert.equal(await received.count(), 2, 'main (its wait_for) and delay(3) (its shield)');
  assert.match(await received.nth(0).locator('title').textContent(), /^main got TimeoutError from wait_for\(main\) at 4\d\d ms$/);
  assert.match(await received.nth(1).locator('title').textContent(), /^main got CancelledError from shield\(delay\(3\)\) at 4\d\d ms$/);
  assert.equal(await page.locator('g.received.cancelled .received-end').count(), 1);
  const shieldEnd = Number(await received.nth(1).locator('.received-end').getAttribute('x1'));
  const ownEnd = await page.locator('.lane', { hasText: 'delay(3)' }).locator('text.glyph').getAttribute('x');
  assert.ok(shieldEnd < Number(ownEnd) - 100, `the shield ends at x ${shieldEnd}, delay(3) itself at x ${ownEnd}`);
  // The legend says what the new marks are.
  const legend = await page.getByRole('list', { name: 'Legend' }).innerText();
  assert.match(legend, /timeout fired: wait_for cancels/);
  assert.match(legend, /thin line: its wait_for or shield/);
  // wait_for raised: main got no list. delay(3)'s row is its own end, with what main's
  // gather got through the shield beside it.
  await page.locator('.no-list', { hasText: 'await asyncio.wait_for(gather(…), 0.4) raised TimeoutError — it returned no list.' }).waitFor();
  const slots = await page.getByRole('list', { name: 'Each child\'s own end (argument order), not a return value' }).locator('li').allInnerTexts();
  assert.match(slots[0], /returned 3 at 9\d\d ms main got CancelledError from shield\(delay\(3\)\) at 4\d\d ms/);
  const completion = await page.getByRole('list', { name: 'Completion order' }).locator('li').allInnerTexts();
  assert.ok(completion.some((row) => /^delay\(3\)\n4\d\d ms → argument 0 via shield\(delay\(3\)\)/.test(row)), completion.join(' | '));

  // An export carries the new marks.
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('button', { name: /^Export SVG/ }).click()]);
  const svg = await readFile(await download.path(), 'utf8');
  assert.match(svg, />timeout</);
  assert.match(svg, /main got CancelledError from shield\(delay\(3\)\)/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a timeout and a shield survive a reload and a share link, a bad timeout too', async () => {
  const { page, context, errors } = await freshPage();
  await timeoutAndShield(page);
  await typeInto(child(page, 'delay(1)').getByLabel('Timeout (ms)'), '150');
  await page.locator('.outcome-line', { hasText: 'at 150 ms' }).waitFor();
  await page.reload();
  await page.getByRole('button', { name: 'Run', exact: true }).waitFor();
  assert.equal(await rootTimeout(page).inputValue(), '400');
  assert.equal(await child(page, 'delay(3)').getByLabel('Shield (asyncio.shield)').isChecked(), true);
  assert.equal(await child(page, 'delay(1)').getByLabel('Timeout (ms)').inputValue(), '150');
  assert.equal(await child(page, 'delay(2)').getByLabel('Shield (asyncio.shield)').isChecked(), false);
  // The JSON export has them.
  await page.getByText('Import / export JSON').click();
  const json = JSON.parse(await page.getByLabel('This scenario').inputValue());
  assert.equal(json.timeout_ms, 400);
  assert.deepEqual(json.children.map((node) => [node.timeout_ms, node.shield]),
    [[undefined, true], [150, undefined], [undefined, undefined]]);
  // A link carries them.
  await page.getByRole('button', { name: 'Copy share link' }).click();
  await page.waitForFunction(() => location.hash.startsWith('#s1='));
  const other = await (await playground.browser.newContext()).newPage();
  await other.goto(page.url());
  await other.getByText('Opened the scenario from the link.').waitFor();
  assert.equal(await rootTimeout(other).inputValue(), '400');
  assert.equal(await child(other, 'delay(3)').getByLabel('Shield (asyncio.shield)').isChecked(), true);
  assert.equal(await child(other, 'delay(1)').getByLabel('Timeout (ms)').inputValue(), '150');
  await other.context().close();
  // An invalid timeout is kept as typed across a reload, with its message (the page
  // without the link, which would open the linked scenario again).
  await page.goto(playground.server.url);
  await page.getByRole('button', { name: 'Run', exact: true }).waitFor();
  await typeInto(child(page, 'delay(1)').getByLabel('Timeout (ms)'), '1.5');
  await child(page, 'delay(1)').getByText('or empty for no timeout').waitFor();
  await page.reload();
  await page.getByRole('button', { name: 'Run', exact: true }).waitFor();
  assert.equal(await child(page, 'delay(1)').getByLabel('Timeout (ms)').inputValue(), '1.5');
  await child(page, 'delay(1)').getByText('or empty for no timeout').waitFor();
  // Loaded JSON brings them into the editor (the root has no Shield to offer).
  await page.getByText('Import / export JSON').click();
  await page.getByLabel('Paste a scenario').fill(JSON.stringify({ version: 1, label: 'main', children: [
    { kind: 'gather', label: 'batch', timeout_ms: 75, shield: true, children: [] }] }));
  await page.getByRole('button', { name: 'Load JSON' }).click();
  const batch = page.getByRole('article', { name: 'Gather batch' });
  assert.equal(await batch.getByLabel('Timeout (ms)').inputValue(), '75');
  assert.equal(await batch.getByLabel('Shield (asyncio.shield)').isChecked(), true);
  assert.equal(await page.getByRole('article', { name: 'Gather main' }).getByLabel('Shield (asyncio.shield)').count(), 1,
    'only batch\'s');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the presets of timeouts, shields, wait, as_completed and ties show what their notes say', async () => {
  const { page, context, errors } = await freshPage();
  const run = async () => {
    await page.getByRole('button', { name: /^Run( again)?$/ }).click();
    await page.getByRole('heading', { name: 'Timeline', exact: true }).waitFor({ timeout: 30_000 });
  };
  await preset(page, 'A timeout on gather cancels every child — and waits for their cleanup');
  assert.match(await page.locator('#preset-note').textContent(), /TimeoutError at 150 ms/);
  await run();
  assert.match(await outcome(page).textContent(), /wait_for\(gather\(…\), 0\.1\) raised TimeoutError — at 1[5-9]\d ms/);
  assert.match(await page.locator('.results').innerText(), /The gather itself was cancelled \(CancelledError\) at 1[5-9]\d ms/);

  await preset(page, 'shield: the gather is cancelled, the shielded child runs on');
  await run();
  assert.match(await outcome(page).textContent(), /^await gather\(…\) was cancelled \(CancelledError\) — at 1\d\d ms$/);
  const log = await logText(page);
  assert.match(log, /main got CancelledError from shield\(payment\); payment itself runs on/);
  assert.ok(log.indexOf("cache returned 'flushed'") < log.indexOf("payment returned 'paid'"));

  const compare = async (combinator) => {
    await page.getByRole('button', { name: /^Compare/ }).click();
    await page.locator('table.compare').waitFor();
    await page.locator('table.compare tr.pending').first().waitFor({ state: 'detached', timeout: 10_000 });
    const rows = await page.locator('table.compare tbody tr').allInnerTexts();
    return rows.find((row) => row.startsWith(combinator)) ?? '';
  };
  await preset(page, 'gather or wait(FIRST_EXCEPTION)?');
  await run();
  assert.match(await outcome(page).textContent(), /was cancelled \(CancelledError\) — at 1\d\d ms/);
  const wait = await compare('asyncio.wait(return_when=FIRST_EXCEPTION)');
  assert.match(wait, /done: A, B; pending: C\s+200 ms/);
  assert.match(wait, /raises nothing and cancels nothing/);
  assert.match(await compare('asyncio.wait(return_when=FIRST_COMPLETED)'), /done: A; pending: B, C/);

  await preset(page, 'as_completed: results in completion order');
  await run();
  assert.match(await outcome(page).textContent(), /returned \['slow', 'fast', 'medium'\]/);
  assert.match(await compare('asyncio.as_completed'), /returned \['fast', 'medium', 'slow'\][\s\S]*completion order/);

  await preset(page, 'Cancel at the very moment it finishes');
  await run();
  assert.match(await outcome(page).textContent(), /returned \[CancelledError\(\), 'cleaned up'\] — at 1\d\d ms/);
  const tie = await logText(page);
  assert.match(tie, /A was cancelled \(CancelledError\)/);
  assert.match(tie, /B caught CancelledError and is cleaning up/);
  assert.match(tie, /B returned 'cleaned up'/);
  assert.doesNotMatch(tie, /A returned/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('no serious or critical accessibility violations with timeouts and shields (axe-core), light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page, context } = await freshPage({ colorScheme });
    await page.addScriptTag({ url: AXE_URL });
    const audit = async () => (await page.evaluate(async () => (await window.axe.run(document)).violations))
      .filter((violation) => ['serious', 'critical'].includes(violation.impact))
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')}`);
    await timeoutAndShield(page);
    // A bad timeout's message beside its field.
    await typeInto(child(page, 'delay(1)').getByLabel('Timeout (ms)'), 'soon');
    await child(page, 'delay(1)').getByText('or empty for no timeout').waitFor();
    assert.deepEqual(await audit(), [], `${colorScheme}, a bad timeout`);
    await child(page, 'delay(1)').getByLabel('Timeout (ms)').fill('');
    await runByKeyboard(page);
    assert.equal(await page.locator('svg g.timeout-mark').count(), 1);
    assert.deepEqual(await audit(), [], `${colorScheme}, after a run with a timeout and a shield`);
    await preset(page, 'gather or wait(FIRST_EXCEPTION)?');
    await page.getByRole('button', { name: /^Compare/ }).click();
    await page.locator('table.compare tr.pending').first().waitFor({ state: 'detached', timeout: 10_000 });
    assert.deepEqual(await audit(), [], `${colorScheme}, Compare with wait and as_completed`);
    await context.close();
  }
});
