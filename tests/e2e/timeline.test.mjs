// The timeline tells history as it happened: each state over the stretch a node held it,
// live, at the end, in replay and in the exports (which carry the outcome and the legend);
// it fits a phone's width with readable labels and finger-sized handles; a very long sleep
// gets a marked break in the axis; a draft with errors keeps the last prediction, dimmed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { AXE_URL, servedPlayground } from './harness.mjs';

const playground = servedPlayground();

const freshPage = (options = {}) => playground.freshPage(
  { viewport: { width: 1366, height: 900 }, acceptDownloads: true, ...options });

const runButton = (page) => page.getByRole('button', { name: /^Run( again)?$/ });

const CANCELLED_AT_150 = {
  version: 1, label: 'main', cancel_at_ms: 150, children: [
    { kind: 'future', label: 'A', delay_ms: 100, result: { value: 1 } },
    { kind: 'future', label: 'B', delay_ms: 300, result: { value: 2 } }],
};
const ONE_RAISES = {
  version: 1, label: 'main', children: [
    { kind: 'future', label: 'A', delay_ms: 100, result: { error: { type: 'ValueError', message: 'bad' } } },
    { kind: 'future', label: 'B', delay_ms: 300, result: { value: 2 } }],
};
const LONG_SLEEP = {
  version: 1, label: 'main', children: [
    { kind: 'future', label: 'A', delay_ms: 100, result: { value: 1 } },
    { kind: 'future', label: 'B', delay_ms: 200, result: { value: 2 } },
    { kind: 'future', label: 'C', delay_ms: 300, result: { value: 3 } },
    { kind: 'future', label: 'slow', delay_ms: 600_000, result: { value: 4 } }],
};

async function load(page, scenario) {
  const summary = page.getByText('Import / export JSON');
  await summary.click();
  await page.getByLabel('Paste a scenario').fill(JSON.stringify(scenario));
  await page.locator('.json-panel button', { hasText: 'Load JSON' }).click();
  await summary.click();
}

/** Runs on real timers and waits for the run to end. */
async function runToEnd(page) {
  await runButton(page).click();
  await page.getByRole('heading', { name: 'Timeline', exact: true }).waitFor({ timeout: 60_000 });
}

/** Lane `index`'s bar stretches, end mark and cancel() marks, in the SVG's units. */
function lane(page, index) {
  return page.locator('.timeline .lane').nth(index).evaluate((g) => {
    const num = (element, name) => Number(element.getAttribute(name));
    return {
      stretches: [...g.querySelectorAll('rect.bar')].map((rect) => ({
        from: num(rect, 'x'), to: num(rect, 'x') + num(rect, 'width'),
        classes: [...rect.classList], title: rect.querySelector('title')?.textContent ?? '',
      })),
      end: [...g.querySelectorAll('.end-mark')].map((mark) => ({
        classes: [...mark.classList],
        x: Number(mark.querySelector('text.glyph').getAttribute('x')) - 9,
      }))[0],
      cancels: [...g.querySelectorAll('.cancel-mark line')].map((line) => num(line, 'x1')),
    };
  });
}

/** Moves the replay's playhead to `ms`, as dragging its slider does. */
async function scrubTo(page, ms) {
  await page.getByRole('slider', { name: 'Playhead' }).evaluate((input, value) => {
    input.value = String(value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, ms);
}

test('a cancelled gather is running until its cancel, then ends cancelled, at the end and in replay', async () => {
  const { page, context, errors } = await freshPage();
  await load(page, CANCELLED_AT_150);
  await runToEnd(page);
  const main = await lane(page, 0);
  assert.equal(main.cancels.length, 1);
  const cancelX = main.cancels[0];
  // A real run stamps each event by the wall clock, so the ends the cancel leads to come a
  // loop turn or a few later: a few px, more on a busy machine (2 ms was 6 px). Drawn on
  // to B's own end, a stretch would be hundreds of px past it.
  const nearby = 12;
  for (const index of [0, 2]) {
    const { stretches, end } = await lane(page, index);
    assert.ok(stretches.length >= 1);
    for (const stretch of stretches) {
      assert.ok(!stretch.classes.some((name) => ['cancelled', 'raised', 'ok'].includes(name)),
        `lane ${index} takes no end colour before its end: ${stretch.classes}`);
      assert.ok(stretch.to <= cancelX + nearby, `lane ${index} stretch ${stretch.from}–${stretch.to} ends by the cancel at ${cancelX}`);
    }
    assert.ok(stretches[0].classes.includes('running'));
    assert.ok(end.classes.includes('cancelled'), `lane ${index} ends cancelled`);
    assert.ok(Math.abs(end.x - cancelX) < nearby, `its end mark at ${end.x}, the cancel at ${cancelX}`);
  }
  const a = await lane(page, 1);
  assert.ok(a.end.classes.includes('ok') && a.end.x < cancelX);
  // Replayed before the cancel: nothing has ended yet, nothing looks cancelled.
  await scrubTo(page, 120);
  await page.locator('.timeline .now.playhead').waitFor({ state: 'attached' });
  const early = await lane(page, 0);
  assert.equal(early.end, undefined);
  assert.ok(early.stretches.every((stretch) => stretch.classes.includes('running')));
  assert.equal(await page.locator('.timeline .end-mark.cancelled').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a child still running after its gather completed keeps its late stretch at the end and in replay', async () => {
  const { page, context, errors } = await freshPage();
  await load(page, ONE_RAISES);
  // Live: once main has raised, B runs on late.
  await runButton(page).click();
  await page.locator('.timeline .lane').nth(2).locator('rect.bar.orphan').waitFor({ timeout: 10_000 });
  await page.getByRole('heading', { name: 'Timeline', exact: true }).waitFor({ timeout: 60_000 });
  const check = async (when) => {
    const main = await lane(page, 0);
    const b = await lane(page, 2);
    const late = b.stretches.filter((stretch) => stretch.classes.includes('orphan'));
    assert.equal(late.length, 1, `${when}: one late stretch`);
    assert.ok(Math.abs(late[0].from - main.end.x) < 3, `${when}: late from main's end (${late[0].from} vs ${main.end.x})`);
    assert.match(late[0].title, /^B: running, after its gather completed, \d+ ms to \d+ ms$/);
    const before = b.stretches.filter((stretch) => !stretch.classes.includes('orphan'));
    assert.ok(before.length === 1 && before[0].to <= late[0].from + 0.5, `${when}: normal before it`);
    return { late: late[0], b };
  };
  const atEnd = await check('at the end');
  assert.ok(atEnd.b.end.classes.includes('ok') && Math.abs(atEnd.late.to - atEnd.b.end.x) < 3);
  // The legend that names it.
  assert.match(await page.getByRole('list', { name: 'Legend' }).innerText(), /still running after its gather completed/);
  // Replay: at 200 ms B is late and still running; its bar reaches the playhead.
  await scrubTo(page, 200);
  await page.locator('.timeline .now.playhead').waitFor({ state: 'attached' });
  const { b } = await check('in replay');
  assert.equal(b.end, undefined);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an exported SVG and PNG carry the outcome, the legend and each stretch', async () => {
  const { page, context, errors } = await freshPage();
  await load(page, ONE_RAISES);
  await runToEnd(page);
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('button', { name: /^Export SVG/ }).click()]);
  const svg = await readFile(await download.path(), 'utf8');
  assert.match(svg, />Outcome: await gather\(…\) raised ValueError: bad — at \d+ ms</);
  for (const entry of ['running', 'end mark: returned ✓', 'end mark: raised ✗', 'end mark: cancelled ⊘',
    'caught the cancellation, cleaning up', 'cancel requested, not finished yet',
    'still running after its gather completed', 'cancel() called, with what it returned', 'planned sleep']) {
    assert.ok(svg.includes(`>${entry}<`), `the legend's "${entry}"`);
  }
  // B's two stretches, each with its times, and bars that have their widths.
  assert.match(svg, />B: running, \d+ ms to 1\d\d ms<\/title>/);
  assert.match(svg, />B: running, after its gather completed, 1\d\d ms to 3\d\d ms<\/title>/);
  assert.match(svg, /<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="14"/);
  assert.doesNotMatch(svg, /class=|role=|tabindex=/);
  // The page itself draws the legend as a list, not twice.
  assert.equal(await page.locator('.timeline svg .export-caption').count(), 0);
  const [png] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('button', { name: /^Export PNG/ }).click()]);
  const bytes = await readFile(await png.path());
  const lanesHeight = 30 + 30 * 3 + 8;
  assert.ok(bytes.readUInt32BE(20) > 2 * (lanesHeight + 60), 'taller than the lanes: the caption is in it');
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a phone the timeline fits its box: readable labels, whole end marks, 24 px targets, a focus ring', async () => {
  const { page, context, errors } = await freshPage(
    { viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
  const measure = () => page.evaluate(() => {
    const box = document.querySelector('.timeline-scroll');
    const svg = box.querySelector('svg');
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const clip = box.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].filter((text) => text.textContent.trim())
      .map((text) => ({ text: text.textContent, px: parseFloat(getComputedStyle(text).fontSize) * scale }));
    const inside = [...svg.querySelectorAll('.end-mark')].map((mark) => {
      const rect = mark.getBoundingClientRect();
      return rect.left >= clip.left - 0.5 && rect.right <= clip.right + 0.5;
    });
    const targets = [...svg.querySelectorAll('[role="slider"], [role="button"]')].map((target) => {
      const rect = target.getBoundingClientRect();
      return { name: target.getAttribute('aria-label'), width: rect.width, height: rect.height };
    });
    return { overflow: box.scrollWidth - box.clientWidth, scale, texts, inside, targets };
  });
  // The prediction (handles and lane buttons), then a run that ends in cancel marks.
  for (const step of ['prediction', 'run']) {
    if (step === 'run') {
      await load(page, CANCELLED_AT_150);
      await runToEnd(page);
    }
    const seen = await measure();
    assert.ok(seen.overflow <= 0, `${step}: the timeline fits its box (${seen.overflow} px over)`);
    assert.ok(seen.scale > 0.99, `${step}: drawn at one unit per pixel or more (${seen.scale})`);
    const small = seen.texts.filter((text) => text.px < 11);
    assert.deepEqual(small, [], `${step}: every label at least 11 px`);
    assert.ok(seen.inside.length > 0 && seen.inside.every(Boolean), `${step}: every end mark inside the box`);
    const tiny = seen.targets.filter((target) => target.width < 24 || target.height < 24);
    assert.deepEqual(tiny, [], `${step}: every target on the timeline at least 24 × 24`);
    if (step === 'prediction') assert.ok(seen.targets.some((target) => /^Delay of/.test(target.name)));
  }
  // A focused handle has the outline every control has.
  await load(page, LONG_SLEEP);
  await page.keyboard.press('Tab');
  const run = runButton(page);
  await run.focus();
  const outline = await run.evaluate((button) => {
    const style = getComputedStyle(button);
    return { colour: style.outlineColor, width: style.outlineWidth, style: style.outlineStyle };
  });
  assert.equal(outline.style, 'solid');
  const handle = page.getByRole('slider', { name: /Delay of A/ });
  await handle.focus();
  await page.keyboard.press('ArrowRight');
  const ring = await page.getByRole('slider', { name: /Delay of A/ }).evaluate((g) => {
    const style = getComputedStyle(g.querySelector('.handle-focus'));
    return { focused: g.matches(':focus-visible'), colour: style.stroke, width: style.strokeWidth };
  });
  assert.ok(ring.focused, 'the handle is focused');
  assert.deepEqual({ colour: ring.colour, width: ring.width }, { colour: outline.colour, width: outline.width });
  await page.addScriptTag({ url: AXE_URL });
  const violations = (await page.evaluate(async () => (await window.axe.run(document)).violations))
    .filter((violation) => ['serious', 'critical'].includes(violation.impact)).map((violation) => violation.id);
  assert.deepEqual(violations, []);
  // Turned to landscape, it lays itself out again for the wider box.
  const units = () => page.locator('.timeline svg[role="group"]').evaluate((svg) => svg.viewBox.baseVal.width);
  const narrow = await units();
  await page.setViewportSize({ width: 740, height: 375 });
  await page.waitForFunction((before) => document.querySelector('.timeline svg[role="group"]').viewBox.baseVal.width > before, narrow);
  assert.ok((await measure()).overflow <= 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a 600,000 ms sleep gets a marked break in the axis, and the short children keep their width', async () => {
  const { page, context, errors } = await freshPage();
  await load(page, LONG_SLEEP);
  const svg = page.locator('.timeline svg[role="group"]');
  assert.match(await svg.getAttribute('aria-label'), /axis break: 300 ms to 600 s \(599700 ms\) cut out, nothing starts or ends in it/);
  assert.equal(await page.locator('.timeline svg g.axis-break').count(), 1);
  const labels = await page.locator('.timeline .axis text').allTextContents();
  assert.ok(labels.includes('0 ms') && labels.includes('100 ms') && labels.includes('600 s'), labels.join(', '));
  const widths = await page.evaluate(() => [...document.querySelectorAll('.timeline .lane')].slice(1, 4)
    .map((lane) => lane.querySelector('rect.bar').getBoundingClientRect().width));
  assert.ok(widths[0] > 60, `A's 100 ms bar is ${widths[0]} px wide`);
  assert.ok(widths[0] < widths[1] && widths[1] < widths[2], 'to one scale: 100 < 200 < 300 ms');
  assert.ok(Math.abs(widths[1] - 2 * widths[0]) < 2, `200 ms twice 100 ms: ${widths}`);
  assert.match(await page.getByRole('list', { name: 'Legend' }).innerText(), /axis break: a long stretch shortened/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a draft with an error keeps the last prediction beside it, dimmed and labelled', async () => {
  const { page, context, errors } = await freshPage();
  await load(page, ONE_RAISES);
  const delay = page.getByRole('article', { name: 'Child B' }).getByLabel('Sleeps (ms)');
  await delay.fill('-5');
  const stale = page.locator('.timeline-stale');
  await stale.getByText('Fix the fields marked in red to see the predicted timeline.').waitFor();
  assert.match(await stale.locator('.stale-note').innerText(), /prediction of the last valid scenario/);
  const kept = stale.locator('.stale-view');
  assert.equal(await kept.locator('.lane').count(), 3);
  assert.match(await kept.locator('svg[role="group"]').getAttribute('aria-label'), /^Timeline of 3 nodes, predicted/);
  const look = await kept.evaluate((element) => ({ opacity: Number(getComputedStyle(element).opacity), inert: element.inert }));
  assert.ok(look.opacity < 0.6 && look.inert, JSON.stringify(look));
  // B's last valid delay, 300 ms, is what it shows.
  assert.match(await kept.locator('.lane').nth(2).locator('rect.bar title').last().textContent(), /to 300 ms$/);
  await page.addScriptTag({ url: AXE_URL });
  const violations = (await page.evaluate(async () => (await window.axe.run(document)).violations))
    .filter((violation) => ['serious', 'critical'].includes(violation.impact)).map((violation) => violation.id);
  assert.deepEqual(violations, []);
  await delay.fill('250');
  await page.locator('.timeline-stale').waitFor({ state: 'detached' });
  assert.match(await page.locator('.timeline .lane').nth(2).locator('rect.bar title').last().textContent(), /to 250 ms$/);
  assert.deepEqual(errors, []);
  await context.close();
});
