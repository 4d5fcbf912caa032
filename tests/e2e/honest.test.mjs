// The page says only what happened (issue 15): no result list when await gather(…) gave
// none, Compare's ≠ on outcomes and not on timer jitter with the editor's own gather first
// and readable on a phone, Sequential saying what it compares, and the code panel showing
// the program a person would write first. Release build, real Chromium, real timers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { promisify } from 'node:util';
import { AXE_URL, servedPlayground, shownCode, loadPreset } from './harness.mjs';

const playground = servedPlayground();

const freshPage = (viewport = { width: 1366, height: 900 }) =>
  playground.freshPage({ viewport, acceptDownloads: true });

const preset = loadPreset;
const button = (page, name) => page.getByRole('button', { name: new RegExp(`^${name}`) });
const noList = (page) => page.locator('.no-list');
const argumentList = (page) => page.locator('ol[aria-labelledby="argument-heading"]');
const argumentHeading = (page) => page.locator('#argument-heading');

async function loadJson(page, scenario) {
  await page.getByText('Import / export JSON').click();
  await page.getByLabel('Paste a scenario').fill(JSON.stringify(scenario));
  await page.getByRole('button', { name: 'Load JSON' }).click();
}

/** axe-core's serious and critical violations inside `selector`. */
async function audit(page, selector) {
  await page.addScriptTag({ url: AXE_URL });
  return (await page.evaluate(async (selector) => (await window.axe.run(selector)).violations, selector))
    .filter((violation) => ['serious', 'critical'].includes(violation.impact))
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')}`);
}

async function runToEnd(page) {
  await page.getByRole('button', { name: /^Run( again)?$/ }).click();
  await page.getByRole('heading', { name: 'Timeline', exact: true }).waitFor({ timeout: 30_000 });
}

/** A returns 1 at 300 ms, B raises ValueError('bad') at 100, C returns 3 at 200. */
const ONE_RAISES = { version: 1, label: 'main', children: [
  { kind: 'future', label: 'A', delay_ms: 300, result: { value: 1 } },
  { kind: 'future', label: 'B', delay_ms: 100, result: { error: { type: 'ValueError', message: 'bad' } } },
  { kind: 'future', label: 'C', delay_ms: 200, result: { value: 3 } }] };

test('a gather that raised returned no list: the page says so, and shows each child\'s own end', async () => {
  const { page, context, errors } = await freshPage();
  await loadJson(page, ONE_RAISES);
  // The prediction says it at once; the real run says it too.
  await noList(page).filter({ hasText: 'await gather(…) raised ValueError: bad — it returned no list.' }).waitFor();
  await runToEnd(page);
  assert.equal(await noList(page).innerText(), 'await gather(…) raised ValueError: bad — it returned no list.');
  assert.equal(await argumentHeading(page).innerText(), 'Each child\'s own end (argument order), not a return value');
  assert.doesNotMatch(await page.locator('.results').innerText(), /Result list|\[\d\]/);
  const rows = await argumentList(page).locator('li').allInnerTexts();
  assert.equal(rows.length, 3);
  assert.match(rows[0], /^A\nreturned 1 at 3\d\d ms — ended after main completed: it went nowhere \[C2\]$/);
  assert.match(rows[1], /^B\nraised ValueError: bad at 1\d\d ms — its exception is what main raised: no list \[C1\]$/);
  assert.match(rows[2], /^C\nreturned 3 at 2\d\d ms/);
  // The completion order goes to arguments, not to slots of a list there is not.
  const completion = await page.getByRole('list', { name: 'Completion order' }).locator('li').allInnerTexts();
  assert.match(completion[0], /^B\n1\d\d ms → argument 1$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a cancelled gather and a timed-out wait_for returned no list; a returned list is the list await gather(…) returned', async () => {
  const { page, context, errors } = await freshPage();
  // The default preset returns its list: only then is it a list, indexed.
  await page.locator('.outcome-line', { hasText: 'returned [3, 1, 2]' }).waitFor();
  assert.equal(await noList(page).count(), 0);
  assert.equal(await argumentHeading(page).innerText(), 'The list await gather(…) returned (argument order)');
  assert.match((await argumentList(page).locator('li').allInnerTexts())[0], /^\[0\] delay\(3\)\n3 — /);
  // Its root awaited through a timeout: wait_for raised TimeoutError.
  const timeout = page.getByRole('article', { name: 'Gather main' }).getByLabel('Timeout (ms)').first();
  await timeout.fill('400');
  await noList(page).filter({ hasText: 'await asyncio.wait_for(gather(…), 0.4) raised TimeoutError — it returned no list.' }).waitFor();
  assert.equal(await argumentHeading(page).innerText(), 'Each child\'s own end (argument order), not a return value');
  // Cancelled, in a real run.
  await preset(page, 'Cancel the whole gather');
  await runToEnd(page);
  assert.match(await noList(page).innerText(), /^await gather\(…\) was cancelled \(CancelledError\) — it returned no list\.$/);
  const rows = await argumentList(page).locator('li').allInnerTexts();
  assert.match(rows[0], /^inner\nwas cancelled \(CancelledError\) at 2\d\d ms/);
  assert.match(rows[1], /^C\nwas cancelled \(CancelledError\) at 2\d\d ms/);
  assert.deepEqual(errors, []);
  await context.close();
});

/** Presses Compare and waits for every row, the JavaScript ones on real timers too. */
async function compareAll(page) {
  await button(page, 'Compare').click();
  const table = page.getByRole('table', { name: 'The same children under each combinator' });
  await table.waitFor();
  await page.locator('table.compare tr.pending').first().waitFor({ state: 'detached', timeout: 10_000 });
  return table;
}

test('Compare: the default preset\'s [3, 1, 2] is no difference, whatever the timers did; the first row is the editor\'s gather', async () => {
  const { page, context, errors } = await freshPage();
  const table = await compareAll(page);
  const rows = await table.locator('tbody tr').allInnerTexts();
  const same = ['asyncio.gather', 'asyncio.gather(return_exceptions=True)', 'asyncio.TaskGroup',
    'futures::future::try_join_all', 'Promise.all', 'Promise.allSettled'];
  for (const name of same) {
    const row = rows.find((text) => text.startsWith(`${name}\n`));
    assert.ok(row, `${name}: a row without ≠ (${rows.map((text) => text.split('\n')[0]).join(' | ')})`);
    assert.match(row, /returned \[3, 1, 2\]/);
  }
  // The rows that differ say how.
  assert.match(rows.find((text) => text.startsWith('asyncio.as_completed')), /differs in its outcome/);
  assert.equal(await table.locator('tr.differs').count(), 3, 'the two waits and as_completed');
  assert.match(rows[0], /^asyncio\.gather\nas in the editor/);

  // return_exceptions=True ticked: that gather is the first row, titled so, the plain one next.
  await page.getByRole('article', { name: 'Gather main' }).getByLabel('return_exceptions=True').first().check();
  await compareAll(page);
  const ticked = await table.locator('tbody tr').allInnerTexts();
  assert.match(ticked[0], /^asyncio\.gather\(return_exceptions=True\)\nas in the editor · this library, virtual clock/);
  assert.match(ticked[1], /^asyncio\.gather\nthis library, virtual clock/);
  assert.equal(await table.locator('tbody tr').first().locator('td').first().innerText(), 'returned [3, 1, 2]');
  assert.deepEqual(errors, []);
  await context.close();
});

test('Compare on a phone (375 px): each row a card, its outcome in sight, nothing wider than the screen', async () => {
  const { page, context, errors } = await freshPage({ width: 375, height: 740 });
  await preset(page, 'One child raises, siblings run on');
  const table = await compareAll(page);
  const layout = await table.evaluate((element) => {
    const scroller = element.closest('.table-scroll');
    return {
      page: document.documentElement.scrollWidth,
      scroller: [scroller.scrollWidth, scroller.clientWidth],
      cells: [...element.querySelectorAll('tbody tr')].map((row) => {
        const outcome = row.querySelector('td[data-label="Outcome"]').getBoundingClientRect();
        const name = row.querySelector('th').getBoundingClientRect();
        return { left: outcome.left, right: outcome.right, width: outcome.width, nameRight: name.right };
      }),
    };
  });
  assert.ok(layout.page <= 375, `the page is ${layout.page} px wide`);
  assert.ok(layout.scroller[0] <= layout.scroller[1] + 1, `the table scrolls: ${layout.scroller}`);
  assert.equal(layout.cells.length, 9);
  for (const cell of layout.cells) {
    assert.ok(cell.left >= 0 && cell.right <= 375 && cell.width > 100 && cell.nameRight <= 375, JSON.stringify(cell));
  }
  // Each cell says what it is, by the label the stylesheet puts before it; the header row
  // is read, not shown.
  const labels = await table.locator('tbody tr').nth(2).locator('td').evaluateAll((cells) =>
    cells.map((cell) => [cell.dataset.label, getComputedStyle(cell, '::before').content !== 'none']));
  assert.deepEqual(labels, [['Outcome', true], ['At', true], ['A', true], ['B', true], ['C', true], ['Why', true]]);
  assert.match(await table.locator('tbody tr').nth(2).innerText(), /raised ExceptionGroup/);
  assert.ok((await table.locator('thead').boundingBox()).height <= 1);
  assert.deepEqual(await audit(page, '.explore-panel'), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Sequential says what it compares: times to a failure are no speed-up; cancel times only where there are some', async () => {
  const { page, context, errors } = await freshPage();
  await preset(page, 'One child raises, siblings run on');
  await button(page, 'Sequential').click();
  const totals = page.getByRole('region', { name: 'Sequential against concurrent' });
  const failing = await totals.innerText();
  assert.match(failing, /gather raised ZeroDivisionError: division by zero after 200 ms; run one after another, the first failure, B raised ZeroDivisionError: division by zero, comes after 300 ms and stops the loop; 1 child never starts\. Both are times to a failure, not to every result: no speed-up to give\./);
  assert.doesNotMatch(failing, /×|cancel times/);
  await preset(page, 'Many coroutines');
  await button(page, 'Sequential').click();
  const calm = await totals.innerText();
  assert.match(calm, /gather returned \[.*\] after 600 ms; run one after another, every child returns, after 1900 ms: gathering is 3\.2× faster\./);
  assert.doesNotMatch(calm, /cancel times/);
  await preset(page, 'A child is cancelled');
  await button(page, 'Sequential').click();
  assert.match(await totals.innerText(), /Both run without the scenario's cancel times, which count from the start/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the code panel shows the program a person would write first, the instrumented one second; both print the page\'s outcome on CPython', async () => {
  const { page, context, errors } = await freshPage();
  const folder = await mkdtemp(join(tmpdir(), 'gather-honest-'));
  const tabs = page.getByRole('tablist', { name: 'Program' }).getByRole('tab');
  // The code panel comes a moment after the page (src/panels/).
  await tabs.first().waitFor();
  assert.deepEqual(await tabs.allInnerTexts(), ['Python', 'Python, instrumented', 'Rust']);
  assert.equal(await tabs.first().getAttribute('aria-selected'), 'true');
  await page.getByText('Import / export JSON').click();
  const checks = [];
  for (const [index, name] of ['One child raises, siblings run on', 'Cancel the whole gather', 'return_exceptions=True'].entries()) {
    await preset(page, name);
    await page.getByRole('tab', { name: 'Python', exact: true }).click();
    const readable = await shownCode(page);
    assert.match(readable, /^"""A gather-playground scenario/);
    assert.match(readable, /= (await )?asyncio\.gather\(/, name);
    assert.doesNotMatch(readable, /def watch\(|asyncio\.wait\(/, name);
    assert.match(await page.locator('.code > p.hint').first().innerText(), /^The program a person would write/);
    await page.getByRole('tab', { name: 'Python, instrumented' }).click();
    const instrumented = await shownCode(page);
    assert.match(instrumented, /watch\(/, name);
    assert.match(await page.locator('.code > p.hint').first().innerText(), /instrumented, to check the playground/);
    const scenario = await page.getByLabel('This scenario').inputValue();
    const report = await page.evaluate((text) => window.gatherPlayground.run(text), scenario);
    const expected = { status: report.status };
    if ('value' in report) expected.value = report.value;
    if ('exception' in report) Object.assign(expected, { exception: report.exception, message: report.message });
    for (const [kind, code] of [['readable', readable], ['instrumented', instrumented]]) {
      const file = join(folder, `${kind}_${index}.py`);
      await writeFile(file, code);
      checks.push(promisify(execFile)('python3', [file]).then(({ stdout }) => {
        const last = stdout.trim().split('\n').at(-1);
        assert.match(last, /^outcome: /, `${name}, ${kind}`);
        assert.deepEqual(JSON.parse(last.slice('outcome: '.length)), expected, `${name}, ${kind}`);
      }));
    }
  }
  await Promise.all(checks);
  // Download gives the program shown, whole.
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download scenario_instrumented.py' }).click()]);
  assert.equal(download.suggestedFilename(), 'scenario_instrumented.py');
  assert.equal(await readFile(await download.path(), 'utf8'), await shownCode(page));
  await page.getByRole('tab', { name: 'Python', exact: true }).click();
  await page.getByRole('button', { name: 'Download scenario.py' }).waitFor();
  assert.deepEqual(await audit(page, '.code-panel'), []);
  assert.deepEqual(errors, []);
  await context.close();
});
