// Compare, Sequential, Shuffle, Limit and Export, as a person uses them: release build,
// real Chromium, real timers (the JavaScript promises in Compare run on real setTimeout).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, screenshotOf, servedPlayground, loadPreset } from './harness.mjs';

const SCREENSHOTS = join(ROOT, 'docs', 'screenshots');

const playground = servedPlayground();

const freshPage = () =>
  playground.freshPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });

const preset = loadPreset;
const button = (page, name) => page.getByRole('button', { name: new RegExp(`^${name}`) });

test('Compare: gather, return_exceptions, TaskGroup, wait, as_completed, try_join_all and real JS promises side by side', async () => {
  const { page, context, errors } = await freshPage();
  await preset(page, 'One child raises, siblings run on');
  await button(page, 'Compare').click();
  const table = page.getByRole('table', { name: 'The same children under each combinator' });
  await table.waitFor();
  // The JavaScript rows fill in once their real timers have fired.
  await page.locator('table.compare tr.pending').first().waitFor({ state: 'detached', timeout: 10_000 });
  const rows = await table.locator('tbody tr').allInnerTexts();
  assert.equal(rows.length, 9);
  const row = (name) => rows.find((text) => text.startsWith(name)) ?? '';
  assert.match(row('asyncio.gather\n') || rows[0], /raised ZeroDivisionError/);
  assert.match(row('asyncio.gather(return_exceptions=True)'), /returned \[/);
  assert.match(row('asyncio.TaskGroup'), /ExceptionGroup: unhandled errors in a TaskGroup \(1 sub-exception\)/);
  assert.match(row('asyncio.TaskGroup'), /cancels the other children/);
  assert.match(row('asyncio.wait(return_when=FIRST_EXCEPTION)'), /cancels nothing/);
  assert.match(row('asyncio.wait(return_when=FIRST_COMPLETED)'), /as soon as any child was done/);
  assert.match(row('asyncio.as_completed'), /completion order/);
  assert.match(row('futures::future::try_join_all'), /dropped 200/);
  assert.match(row('Promise.all'), /Rejects with the first rejection/);
  assert.match(row('Promise.allSettled'), /fulfilled or rejected/);
  // Rows whose outcome or children's ends differ from gather's are marked: Promise.all
  // rejects with B's error as gather raises it, its times late by timer jitter only, and
  // as_completed raises it too, so neither is.
  assert.equal(await table.locator('tr.differs').count(), 6);
  assert.match(rows[7], /^Promise\.all\n/, 'Promise.all, unmarked');
  await screenshotOf(page.locator('.explore-panel'), join(SCREENSHOTS, 'compare.png'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('Sequential: one after another against gathered, and the seeds\' 1,000 requests', async () => {
  const { page, context, errors } = await freshPage();
  await preset(page, 'Many coroutines');
  await button(page, 'Sequential').click();
  const totals = page.getByRole('region', { name: 'Sequential against concurrent' });
  assert.match(await totals.innerText(), /1900 ms[\s\S]*600 ms[\s\S]*3\.2× faster/);
  await preset(page, '1,000 requests, 33 at a time');
  await page.locator('.outcome-line').first().waitFor();
  await button(page, 'Sequential').click();
  await page.waitForFunction(() => document.querySelector('.sequential')?.innerText.includes('18001 ms'));
  assert.match(await page.locator('.sequential').innerText(), /18001 ms[\s\S]*559 ms[\s\S]*32\.2× faster/);
  assert.match(await page.locator('.outcome-line').first().innerText(), /returned a list of 1000 values/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Shuffle: bad run counts are refused and kept; results keep their slots while completion order changes', async () => {
  const { page, context, errors } = await freshPage();
  await preset(page, 'return_exceptions=True');
  // Exact: the preset list's label holds its options' names, one of which "runs on".
  const runs = page.getByLabel('runs', { exact: true });
  await runs.fill('lots');
  await button(page, 'Shuffle').click();
  await page.getByRole('alert').filter({ hasText: 'Runs: a whole number from 1 to 1000.' }).waitFor();
  assert.equal(await runs.inputValue(), 'lots');
  await runs.fill('30');
  await button(page, 'Shuffle').click();
  const shuffled = page.getByRole('region', { name: 'Shuffled runs' });
  const text = await shuffled.innerText();
  assert.match(text, /30 runs with the delays permuted/);
  assert.match(text, /in 30 of the 30 runs that returned a list/);
  const orders = Number(text.match(/Completion order: (\d+) different orders/)[1]);
  assert.ok(orders > 1, `completion order changed: ${orders}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Limit: a semaphore per gather, its waiting children on the timeline, bad limits refused', async () => {
  const { page, context, errors } = await freshPage();
  await preset(page, 'Many coroutines');
  // A semaphore in the children, not a gather parameter, and said so beside it.
  const limit = page.getByLabel('Semaphore: children at once').first();
  await page.getByText('asyncio.Semaphore(N): each child does async with sem: before its work. Not a gather parameter.').first().waitFor();
  await limit.fill('1');
  await page.waitForFunction(() => document.querySelector('.outcome-line')?.innerText.includes('1900 ms'));
  assert.ok(await page.locator('svg rect.bar.waiting').count() >= 4, 'the queued children show their wait');
  await limit.fill('0');
  await page.getByText('a whole number of slots from 1 to 10000, or empty for no limit').waitFor();
  assert.equal(await limit.inputValue(), '0');
  assert.ok(await page.getByRole('button', { name: 'Run', exact: true }).isDisabled());
  await limit.fill('');
  await page.waitForFunction(() => document.querySelector('.outcome-line')?.innerText.includes('600 ms'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('Export the timeline as SVG and as PNG', async () => {
  const { page, context, errors } = await freshPage();
  await preset(page, 'Concurrency limit (semaphore)');
  const [svgDownload] = await Promise.all([page.waitForEvent('download'), button(page, 'Export SVG').click()]);
  assert.equal(svgDownload.suggestedFilename(), 'timeline.svg');
  const svg = await readFile(await svgDownload.path(), 'utf8');
  assert.match(svg, /^<\?xml[^>]*>\n<svg[^>]* xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svg, /httpbin\.org/);
  assert.doesNotMatch(svg, /class=|role=|tabindex=/);
  const [pngDownload] = await Promise.all([page.waitForEvent('download'), button(page, 'Export PNG').click()]);
  assert.equal(pngDownload.suggestedFilename(), 'timeline.png');
  const png = await readFile(await pngDownload.path());
  assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  // The timeline is laid out for its box (at most 760 units wide): the PNG is twice that.
  const units = await page.locator('.timeline svg[role="group"]').evaluate((svg) => svg.viewBox.baseVal.width);
  assert.ok(units > 600 && units <= 760, `${units} units`);
  assert.equal(png.readUInt32BE(16), 2 * units, 'twice the timeline\'s width in units');
  assert.deepEqual(errors, []);
  await context.close();
});
