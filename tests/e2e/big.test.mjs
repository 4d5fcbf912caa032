// A thousand children, as a person uses them: only what is in sight is drawn (so the page
// keeps its frame rate; `make bench` B4 measures that), yet every lane, result row and event
// stays reachable by scrolling, cancel() reaches any child by a search, and an export has them all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, screenshotOf, servedPlayground, shownCode, loadPreset, whenSettled } from './harness.mjs';

const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');
const CHILDREN = 1_000;

const playground = servedPlayground();

/** c0…c998 return after 1–3 s (every tenth raises); c999 sleeps 5 s, to be cancelled. */
const scenario = {
  version: 1, label: 'main', return_exceptions: true,
  children: Array.from({ length: CHILDREN }, (_, i) => ({
    kind: 'future', label: `c${i}`, delay_ms: i === CHILDREN - 1 ? 5_000 : 1_000 + ((i * 37) % 2_000),
    result: i % 10 === 3 ? { error: { type: 'ValueError', message: `bad ${i}` } } : { value: i },
  })),
};

/** The names on the lanes drawn (a label's own text, without its tooltip or gather mark). */
const drawnLabels = (page) => page.evaluate(() => [...document.querySelectorAll('.timeline svg .lane-label')]
  .map((label) => [...label.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE)
    .map((node) => node.textContent).join('').replace('⋔', '').trim()));

test('a thousand children: drawn as they come into sight, cancellable, exported whole', async () => {
  const { page, context, errors } = await playground.freshPage(
    { viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  await page.getByText('Import / export JSON').click();
  await page.getByLabel('Paste a scenario').fill(JSON.stringify(scenario));
  await page.getByRole('button', { name: 'Load JSON' }).click();
  await page.locator(`[aria-label^="Timeline of ${CHILDREN + 1} nodes"]`).waitFor();

  // Only the lanes near the screen are drawn, and scrolling brings the others.
  let labels = await drawnLabels(page);
  assert.ok(labels.includes('main') && labels.length < 200, `${labels.length} lanes drawn at first`);
  // The tall timeline scrolls in its own box.
  await page.locator('.timeline-scroll.tall').evaluate((box) => { box.scrollTop = box.scrollHeight / 2; });
  await page.waitForFunction(() => [...document.querySelectorAll('.timeline svg .lane-label title')]
    .some((title) => /^c49\d:/.test(title.textContent)));
  labels = await drawnLabels(page);
  assert.ok(!labels.includes('main') && labels.length < 200, `${labels.length} lanes drawn mid-way`);

  // cancel() is offered through a short list of the nodes and a search that reaches any of
  // them; it is there before the run, its button waiting for one.
  // From here on, CSS locators: role and label lookups walk every one of the editor's
  // thousands of fields, and doing so on each retry would hold up the page under test.
  const choice = page.locator('#cancel-choice');
  const cancel = page.locator('.cancel-controls button');
  const hint = page.locator('.cancel-controls .hint');
  assert.ok(await cancel.isDisabled(), 'no cancel() before the run');
  assert.match(await hint.innerText(), /while the scenario runs/);
  await page.locator('.toolbar button.primary').click();
  await page.locator('.cancel-controls button:enabled').waitFor();
  assert.equal(await choice.locator('option').count(), 50, 'the list is short');
  assert.equal(await choice.locator('option').first().textContent(), 'main');
  assert.match(await hint.innerText(), /^\d+ running; the first 50 nodes listed, search for any other/);
  // A search narrows the list, the node named exactly first.
  await page.locator('#cancel-search').fill('C99');
  const options = () => choice.locator('option').allTextContents();
  const c99s = ['c99', ...Array.from({ length: 10 }, (_, i) => `c99${i}`)];
  assert.deepEqual(await whenSettled(options, c99s), c99s);
  assert.match(await hint.innerText(), /11 nodes match/);
  assert.equal(await cancel.getAttribute('aria-label'), 'Call cancel() on c99');
  await choice.selectOption({ label: 'c995' });
  await choice.selectOption({ label: 'c99' });
  await choice.selectOption({ label: 'c998' });
  assert.equal(await cancel.getAttribute('aria-label'), 'Call cancel() on c998');
  // The list shows the node the button cancels, also one picked by hand before (a new search
  // puts the best match first and picks it).
  const shownInList = () => choice.evaluate((select) => select.selectedOptions[0]?.textContent);
  const cancelsWhat = () => cancel.getAttribute('aria-label');
  await page.locator('#cancel-search').fill('c99 ');
  assert.equal(await whenSettled(cancelsWhat, 'Call cancel() on c99'), 'Call cancel() on c99');
  assert.equal(await shownInList(), 'c99');
  await choice.selectOption({ label: 'c998' });
  // So does a node's number, c999 being the thousandth child after the outer gather.
  await page.locator('#cancel-search').fill('#1000');
  assert.deepEqual(await whenSettled(options, ['c999']), ['c999']);
  assert.equal(await cancel.getAttribute('aria-label'), 'Call cancel() on c999');
  await page.locator('#cancel-search').fill('no such node');
  const hinted = () => hint.innerText();
  assert.match(await whenSettled(hinted, /no node matches the search/), /no node matches the search/);
  assert.ok(await cancel.isDisabled(), 'nothing to cancel');
  await page.locator('#cancel-search').fill('c999');
  await cancel.click();
  await page.locator('.toolbar button:disabled', { hasText: 'Stop' }).waitFor({ timeout: 15_000 });
  await screenshotOf(page.locator('.timeline'), join(SCREENSHOTS, 'thousand.png'));

  // Scrolling the page past the windowed lists leaves it where it was put (the browser must
  // not anchor on rows that are swapped out and move the page).
  const settled = await page.evaluate(async () => {
    const log = document.querySelector('.event-log').getBoundingClientRect();
    window.scrollTo(0, window.scrollY + log.top - window.innerHeight / 2);
    const wanted = window.scrollY;
    await new Promise((resolve) => setTimeout(resolve, 300));
    return { wanted, now: window.scrollY };
  });
  assert.equal(settled.now, settled.wanted, 'the page stays where it was scrolled');

  // The result list scrolls in its own box; its last slot holds c999's CancelledError.
  const results = page.locator('.order-scroll.windowed');
  assert.ok(await results.locator('li.order-item').count() < 200);
  await results.evaluate((box) => { box.scrollIntoView(); box.scrollTop = box.scrollHeight; });
  const last = results.locator('li.order-item', { hasText: '[999] c999' });
  await last.waitFor();
  assert.match(await last.innerText(), /CancelledError/);
  assert.match(await page.locator('.outcome-line').innerText(), /returned/);

  // So does the event log, down to its last event.
  const log = page.locator('.log.windowed');
  assert.ok(await log.locator('li:not(.spacer)').count() < 200);
  await log.evaluate((box) => { box.scrollIntoView(); box.scrollTop = box.scrollHeight; });
  await page.waitForFunction(() => /^\s*\d+ ms\s*main completed/.test(
    [...document.querySelectorAll('.log li:not(.spacer)')].at(-1)?.textContent ?? ''));

  // An export draws every lane, in sight or not.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('.export-row button', { hasText: 'Export SVG' }).click(),
  ]);
  const svg = await readFile(await download.path(), 'utf8');
  for (const label of ['c0', 'c500', 'c998', 'c999']) assert.match(svg, new RegExp(`>${label}<`), label);
  assert.ok(await drawnLabels(page).then((drawn) => drawn.length < 200), 'back to the lanes in sight');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a thousand children in Compare and Shuffle: counted, not a column or a name each', async () => {
  const { page, context, errors } = await playground.freshPage({ viewport: { width: 1280, height: 900 } });
  await loadPreset(page, '1,000 requests, 33 at a time');
  await page.locator('[aria-label^="Timeline of 1001 nodes"]').waitFor();
  await page.locator('.explore-panel button', { hasText: 'Compare' }).click();
  const table = page.locator('table.compare');
  await page.locator('table.compare tr.pending').first().waitFor({ state: 'detached', timeout: 15_000 });
  assert.deepEqual(await table.locator('thead th').allInnerTexts(), ['Combinator', 'Outcome', 'At', '1000 children', 'Why']);
  assert.match(await table.locator('tbody tr').first().innerText(), /✓ 1000; the last at 559/);
  await page.locator('.explore-panel button', { hasText: 'Shuffle' }).click();
  assert.match(await page.locator('.shuffled').innerText(), /request \d+ → … \(988 more\)/);

  // A thousand runs of it take seconds: they run a slice at a time, saying how far they
  // are, and Stop shows what the runs so far saw.
  await page.locator('#shuffle-runs').fill('1000');
  await page.locator('.explore-panel button', { hasText: 'Shuffle' }).click();
  const progress = page.locator('.explore-panel .shuffling');
  assert.match(await progress.innerText(), /^Shuffling: [\d,]+ of 1,000 runs…/);
  await progress.getByRole('button', { name: 'Stop shuffling' }).click();
  await progress.waitFor({ state: 'detached' });
  const [, done] = (await page.locator('.shuffled h3').innerText()).match(/^(\d+) runs with the delays permuted/);
  assert.ok(Number(done) >= 1 && Number(done) < 1_000, `${done} runs before Stop`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a timeline too tall for a PNG is refused with the reason, and SVG still has it all', async () => {
  const { page, context, errors } = await playground.freshPage(
    { viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const lanes = 2_500;
  const tall = {
    version: 1, label: 'main',
    children: Array.from({ length: lanes }, (_, i) => ({ kind: 'future', label: `t${i}`, delay_ms: 10 + (i % 90), result: { value: i } })),
  };
  await page.getByText('Import / export JSON').click();
  await page.getByLabel('Paste a scenario').fill(JSON.stringify(tall));
  await page.locator('.json-panel button', { hasText: 'Load JSON' }).click();
  await page.locator(`[aria-label^="Timeline of ${lanes + 1} nodes"]`).waitFor();
  await page.locator('.export-row button', { hasText: 'Export PNG' }).click();
  assert.match(await page.locator('.export-row .field-error').innerText(), /too tall for a PNG.*export it as SVG/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('.export-row button', { hasText: 'Export SVG' }).click(),
  ]);
  assert.match(await readFile(await download.path(), 'utf8'), />t2499</);
  assert.equal(await page.locator('.export-row .field-error').count(), 0, 'the SVG export clears the error');

  // Megabytes of JSON and code are shown by their first lines (laying them out whole took
  // most of a second), saying so; copying and downloading still give all of it.
  assert.match(await page.locator('#json-export-note').innerText(),
    /^Showing the first [\d,]+ of [\d,]+ lines\. Copy JSON and Download give all of it\.$/);
  assert.match(await page.locator('#json-export').inputValue(), /\n… \([\d,]+ more lines\)$/);
  const [json] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('.json-panel button', { hasText: 'Download scenario.json' }).click(),
  ]);
  assert.equal(JSON.parse(await readFile(await json.path(), 'utf8')).children.length, lanes);
  await shownCode(page);
  assert.match(await page.locator('.code-panel').innerText(), /Showing the first [\d,]+ of [\d,]+ lines\. Copy and Download give all of it\./);
  assert.match(await page.locator('#code-view').innerText(), /\n… \([\d,]+ more lines\)$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a long list of children is paged in the editor, and nothing on another page is out of reach', async () => {
  const { page, context, errors } = await playground.freshPage({ viewport: { width: 1280, height: 900 } });
  const count = 250;
  const long = {
    version: 1, label: 'main',
    children: Array.from({ length: count }, (_, i) => ({ kind: 'future', label: `p${i}`, delay_ms: 10 + i, result: { value: i } })),
  };
  await page.getByText('Import / export JSON').click();
  await page.getByLabel('Paste a scenario').fill(JSON.stringify(long));
  await page.locator('.json-panel button', { hasText: 'Load JSON' }).click();
  await page.locator(`[aria-label^="Timeline of ${count + 1} nodes"]`).waitFor();

  // textContent, not innerText: cards out of sight are not rendered (content-visibility).
  const titles = () => page.locator('.editor .card.future .card-title').allTextContents();
  const pageShown = () => page.locator('.pager select').first()
    .evaluate((select) => select.selectedOptions[0].textContent.trim());
  // A hundred cards at a time, with the way to the others above and below them.
  let shown = await titles();
  assert.equal(shown.length, 100);
  assert.equal(shown[0], 'p0');
  assert.equal(await page.locator('.pager').count(), 2);
  assert.equal(await pageShown(), '1–100');
  assert.match(await page.locator('.pager').first().innerText(), /of 250/);

  // A field to fix on one page is pointed to from the others, and the pointer leads to it.
  await page.getByLabel('Sleeps (ms)').nth(5).fill('soon');
  await page.locator('.pager').last().getByRole('button', { name: 'Next page' }).click();
  shown = await titles();
  assert.equal(shown[0], 'p100');
  assert.equal(await pageShown(), '101–200');
  const toFix = page.locator('.pager .to-fix').first();
  assert.equal(await toFix.innerText(), '⚠ Child 6, on another page, has a field to fix: show it');
  await page.locator('.pager select').first().selectOption({ label: '201–250' });
  assert.deepEqual((await titles()).slice(0, 1), ['p200']);
  assert.equal((await titles()).length, 50);
  await toFix.click();
  await page.waitForFunction(() => document.activeElement?.closest('.field.invalid') !== null);
  assert.equal(await page.evaluate(() => document.activeElement.value), 'soon');
  assert.equal(await pageShown(), '1–100 ⚠');
  await page.getByLabel('Sleeps (ms)').nth(5).fill('15');
  assert.equal(await page.locator('.pager .to-fix').count(), 0);

  // A card moved past its page's edge takes the page with it.
  await page.locator('.pager').first().getByRole('button', { name: 'Next page' }).click();
  await page.getByRole('button', { name: 'Move p100 up' }).click();
  await page.waitForFunction(() => document.querySelector('.pager select').selectedOptions[0].textContent === '1–100');
  shown = await titles();
  assert.equal(shown[99], 'p100');
  assert.equal(shown[98], 'p98');

  // A child added at the end is shown on its page.
  await page.getByRole('button', { name: 'Add a child coroutine to main' }).click();
  await page.waitForFunction(() => document.querySelector('.pager select').selectedOptions[0].textContent === '201–251');
  assert.equal((await titles()).length, 51);
  assert.match(await page.locator('.pager').first().innerText(), /of 251/);

  // Another scenario loaded in its place starts at its first page.
  await page.locator('.json-panel button', { hasText: 'Load JSON' }).click();
  await page.waitForFunction(() => document.querySelector('.pager select').selectedOptions[0].textContent === '1–100');
  assert.equal((await titles())[0], 'p0');
  assert.deepEqual(errors, []);
  await context.close();
});
