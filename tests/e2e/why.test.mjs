// Why: every event, lane, slot and outcome explained by the rule that caused it, from the
// run's own record; the rules panel and the myths, tried on real timers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AXE_URL, servedPlayground, loadPreset } from './harness.mjs';

const playground = servedPlayground();

const freshPage = (viewport = { width: 1400, height: 1000 }, { colorScheme = 'light' } = {}) =>
  playground.freshPage({ viewport, colorScheme });

const preset = loadPreset;
const runButton = (page) => page.getByRole('button', { name: /^Run( again)?$/ });
const logLines = (page) => page.locator('.event-log li:not(.spacer)');
/** A myth's Try it button: named so, described by the myth's claim. */
const tryIt = (page, claim) => page.locator('.myth', { hasText: claim }).getByRole('button', { name: 'Try it', exact: true });

/** Runs on real timers and waits for the run to end. */
async function runToEnd(page) {
  await runButton(page).click();
  await page.getByRole('heading', { name: 'Timeline', exact: true }).waitFor({ timeout: 60_000 });
}

/** Presses Tab until the focused element satisfies `isIt` (evaluated in the page). */
async function tabTo(page, isIt, most = 80) {
  for (let press = 0; press < most; press++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(isIt)) return;
  }
  assert.fail(`not reached in ${most} presses of Tab`);
}

/** The why of every log line, opened one after another with its button. */
async function everyLinesWhy(page) {
  const buttons = page.locator('.event-log li:not(.spacer) .why-toggle');
  const count = await buttons.count();
  const whys = [];
  for (let line = 0; line < count; line++) {
    await buttons.nth(line).click();
    whys.push((await page.locator('.event-log li.open .why').textContent()).trim());
  }
  return whys;
}

/** The same sentence whatever the times: real timers come a few milliseconds late. */
const withoutTimes = (text) => text.replace(/\d+(\.\d+)? ms/g, '_ ms');

test('keyboard only: the why of the outcome, a log line, a lane and the moment under the playhead', async () => {
  const { page, errors } = await freshPage();
  await preset(page, 'Cancel the whole gather');
  // The outcome: why main ended cancelled, back to its first cause.
  const outcomeWhy = page.getByRole('button', { name: 'Why this outcome' });
  await outcomeWhy.focus();
  assert.equal(await outcomeWhy.getAttribute('aria-expanded'), 'false');
  await page.keyboard.press('Enter');
  assert.equal(await outcomeWhy.getAttribute('aria-expanded'), 'true');
  const chain = await page.locator('#outcome-why li').allTextContents();
  assert.equal(chain.length, 4, chain.join('\n'));
  assert.match(chain[0], /^cancel\(\) on main returned True at 250 ms: its cancel time called it.*\[E2\]$/);
  assert.match(chain[2], /^C was cancelled \(CancelledError\) at 250 ms: cancel\(\) on main at 250 ms \(its cancel time\), passed on to C.*\[E4, E2\]$/);
  assert.match(chain[3], /^main was cancelled \(CancelledError\) at 250 ms: .*ends cancelled.*\[E3\]$/);
  // A log line: Tab on to its why button, Enter opens its why, Enter again closes it.
  await tabTo(page, () => document.activeElement?.getAttribute('aria-label') === 'Why: cancel() on A (passed on by inner) returned True');
  await page.keyboard.press('Enter');
  const why = page.locator('#' + await page.evaluate(() => document.activeElement.getAttribute('aria-controls')));
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-expanded')), 'true');
  assert.match(await why.textContent(), /^cancel\(\) on A returned True at 250 ms: it came from cancel\(\) on main at 250 ms \(its cancel time\), passed on to inner, then to A; .*\[E4, E2, E6\]$/);
  await page.keyboard.press('Enter');
  assert.equal(await why.count(), 0);
  // A lane: its label is a button; Enter, Space or ? shows its why under the timeline.
  await page.getByRole('button', { name: /^Why main\?/ }).focus();
  await tabTo(page, () => document.activeElement?.getAttribute('aria-label')?.startsWith('Why C?'));
  await page.keyboard.press('?');
  const laneWhy = page.locator('#lane-why');
  await laneWhy.getByText(/^C was cancelled \(CancelledError\) at 250 ms: .*\[E4, E2\]$/).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-expanded')), 'true');
  await page.keyboard.press('Enter');
  assert.equal(await laneWhy.isHidden(), true);
  // The replay: a step back shows the moment under the playhead, and its why.
  const back = page.getByRole('button', { name: 'Step back: the previous event' });
  await back.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  const moment = page.locator('.replay-why .why');
  await moment.getByText(/^At the playhead: /).waitFor();
  // The moment is the event just shown: the last line of the log, and its why.
  const last = logLines(page).last();
  await last.locator('.why-toggle').focus();
  await page.keyboard.press('Enter');
  const lastWhy = (await last.locator('.why').textContent()).trim();
  assert.match(lastWhy, /\[[A-Z]\d(, [A-Z]\d)*\]$/);
  assert.equal((await moment.textContent()).trim(), `At the playhead: ${lastWhy}`);
  // Before the gather completed, the outcome's why says so rather than invent one.
  assert.match(await page.locator('#outcome-why').textContent(), /main has not completed yet/);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the why texts of a real run are its prediction\'s apart from the times', async () => {
  const { page, errors } = await freshPage();
  await page.getByLabel(/^Speed/).selectOption({ label: '2×' });
  for (const name of ['One child raises, siblings run on', 'Cancel the whole gather',
    'Cleanup swallows the cancellation', 'Nested groups']) {
    await preset(page, name);
    await page.getByRole('heading', { name: 'Timeline (predicted)' }).waitFor();
    const predicted = await everyLinesWhy(page);
    assert.ok(predicted.length >= 4, `${name}: ${predicted.length} lines`);
    assert.ok(predicted.every((why) => / at \d+ ms[:,] /.test(why)), predicted.join('\n'));
    await runToEnd(page);
    const real = await everyLinesWhy(page);
    assert.deepEqual(real.map(withoutTimes), predicted.map(withoutTimes), name);
    // The slots say why they hold what they hold.
    const slots = await page.locator('.slot-why').allTextContents();
    assert.ok(slots.length > 0 && slots.every((slot) => /\[[A-Z]\d(, [A-Z]\d)*\]$/.test(slot)), slots.join('\n'));
  }
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('a live run explains each line as it comes', async () => {
  const { page, errors } = await freshPage();
  await preset(page, 'Cleanup swallows the cancellation');
  await page.getByLabel(/^Speed/).selectOption({ label: '0.25×' });
  await runButton(page).click();
  await page.getByRole('heading', { name: 'Timeline (running)' }).waitFor();
  await logLines(page).first().waitFor();
  await logLines(page).first().locator('.why-toggle').click();
  assert.match(await page.locator('.event-log li.open .why').textContent(), /^writer started at \d+ ms: main's gather\(\) wrapped it in a task.*\[A1\]$/);
  // The rules are counted once the run has ended, not on every redraw.
  assert.equal(await page.getByText('counted when the run ends').count(), 27);
  await page.getByRole('heading', { name: 'Timeline', exact: true }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: /^E3: applied 1 time in this run/ }).waitFor();
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the rules panel: Show me loads the demo, the counts mark where each rule acted, and the scenario comes back', async () => {
  const { page, errors } = await freshPage();
  await preset(page, 'Results in argument order');
  await page.getByRole('article', { name: 'Child delay(1)' }).waitFor();
  const rules = page.locator('.rule-list > li');
  assert.equal(await rules.count(), 27);
  assert.match(await page.locator('#rule-C2').textContent(), /The other children are not cancelled/);
  await page.getByRole('button', { name: 'Show me C2: load its smallest scenario in place of yours' }).click();
  // Announced, and the editor holds the demo.
  await page.getByRole('status').filter({ hasText: 'Loaded the smallest scenario that shows rule C2 in place of yours' }).waitFor();
  for (const child of ['A', 'B', 'C']) await page.getByRole('article', { name: `Child ${child}` }).waitFor();
  assert.equal(await page.getByRole('article', { name: 'Child delay(1)' }).count(), 0);
  // Its events are marked: main's end and the two children that ran on, in the log and on
  // their lanes.
  await page.getByText('3 events marked in the log and on the timeline, where C2 decided.').waitFor();
  assert.equal(await page.locator('.event-log li.marked').count(), 3);
  assert.deepEqual(await page.locator('.event-log li.marked .rule-badge').allTextContents(), [' [C2]', ' [C2]', ' [C2]']);
  assert.equal(await page.locator('.timeline .rule-mark').count(), 3);
  assert.equal(await page.locator('.timeline .lane.marked').count(), 3);
  const c2 = page.getByRole('button', { name: /^C2: applied 3 times in the prediction/ });
  assert.equal(await c2.getAttribute('aria-pressed'), 'true');
  // Another count marks another rule's events; pressed again, nothing.
  const c1 = page.getByRole('button', { name: /^C1: applied 1 time in the prediction/ });
  await c1.click();
  assert.equal(await c1.getAttribute('aria-pressed'), 'true');
  assert.equal(await page.locator('.event-log li.marked').count(), 1);
  assert.match(await page.locator('.event-log li.marked').textContent(), /main completed: raised ValueError: boom/);
  await c1.click();
  assert.equal(await page.locator('.event-log li.marked').count(), 0);
  assert.equal(await page.getByRole('button', { name: /^E2: / }).count(), 0, 'E2 decided nothing here: no button');
  assert.match(await page.locator('#rule-E2').textContent(), /not in the prediction/);
  // Put back: the scenario the demo replaced.
  await page.getByRole('button', { name: 'Put my scenario back' }).click();
  await page.getByRole('article', { name: 'Child delay(1)' }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Your scenario is back.' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Put my scenario back' }).count(), 0);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('every myth, tried: its scenario runs on real timers and the run says what really happens', async () => {
  const { page, errors } = await freshPage();
  await page.getByLabel(/^Speed/).selectOption({ label: '2×' });
  const myths = page.locator('.myth-list > li');
  assert.equal(await myths.count(), 5);
  const truths = {
    'An exception in one child cancels the others.': [/the other children are not cancelled/, 'C1 and C2'],
    'return_exceptions=True keeps the gather from being cancelled.': [/raises CancelledError instead of returning a list/, 'E2, E3 and D1'],
    'cancel() on a gather that already failed stops the children still running.': [/returns False and does nothing/, 'E1 and C2'],
    'Results come back in the order the children finish.': [/always follows argument order/, 'B1'],
    "A cancelled child's message, cancel(msg), reaches the result list.": [/fresh CancelledError\(''\): its message is lost/, 'B3'],
  };
  for (const [claim, [truth, rules]] of Object.entries(truths)) {
    const button = tryIt(page, claim);
    const described = await page.locator(`#${await button.getAttribute('aria-describedby')}`).textContent();
    assert.equal(described, `“${claim}”`);
    await button.click();
    // It runs on real timers, as Run does.
    await page.getByRole('heading', { name: 'Timeline', exact: true }).waitFor({ timeout: 60_000 });
    const verdict = page.locator('.myth.tried .myth-truth');
    await verdict.waitFor();
    assert.match(await verdict.textContent(), truth, claim);
    assert.match(await verdict.textContent(), new RegExp(`Decided by ${rules}, which acted at`), claim);
    const told = await verdict.locator('li').allTextContents();
    assert.ok(told.length >= 1, claim);
    // The events where those rules acted are marked, in the log and on the timeline.
    const marked = await page.locator('.event-log li.marked').count();
    assert.ok(marked >= 1, `${claim}: ${marked} lines marked`);
    assert.ok(await page.locator('.timeline .rule-mark').count() >= 1, claim);
    assert.equal(await page.getByRole('heading', { name: 'Events', exact: true }).count(), 1, 'a real run');
  }
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('no serious or critical accessibility violations (axe-core) with the whys open, light and dark', async () => {
  for (const colorScheme of ['light', 'dark']) {
    const { page } = await freshPage(undefined, { colorScheme });
    await page.addScriptTag({ url: AXE_URL });
    const audit = async () => (await page.evaluate(async () => (await window.axe.run(document)).violations))
      .filter((violation) => ['serious', 'critical'].includes(violation.impact))
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')}`);
    await preset(page, 'A cleanup that raises');
    await page.getByRole('button', { name: 'Why this outcome' }).click();
    await logLines(page).nth(4).locator('.why-toggle').click();
    await page.getByRole('button', { name: /^Why C\?/ }).click();
    await page.getByRole('button', { name: /^E4: applied/ }).click();
    assert.deepEqual(await audit(), [], `${colorScheme}, the prediction explained`);
    await tryIt(page, 'Results come back in the order the children finish.').click();
    await page.locator('.myth.tried .myth-truth').waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Why this outcome' }).click();
    await page.getByRole('button', { name: 'Step back: the previous event' }).click();
    assert.deepEqual(await audit(), [], `${colorScheme}, a myth's run explained, replayed`);
    await page.context().close();
  }
});
