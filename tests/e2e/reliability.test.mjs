// Nothing leaks: no timer keeps firing after a run ends however it ends, and memory stays
// flat over many runs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AXE_URL, servedPlayground, loadPreset, countTimers } from './harness.mjs';

const playground = servedPlayground();

async function openCounted() {
  const context = await playground.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.addInitScript(countTimers);
  const page = await context.newPage();
  await page.goto(playground.server.url);
  await page.getByRole('button', { name: 'Run', exact: true }).waitFor();
  // The page's one-shot timer that starts the panels (src/ui/hooks/use_panels.rs) is not a
  // run's: counted from once they are there.
  await page.getByRole('button', { name: /^Compare:/ }).waitFor();
  return page;
}

const settled = async (page) => {
  // A turn or two for the last callbacks; then nothing may be pending.
  await page.waitForTimeout(120);
  return page.evaluate(() => window.pendingTimers());
};

test('no timer is left after a run finishes, is cancelled, stopped or reset', async () => {
  const page = await openCounted();
  // The scripting API: a run that finishes long before its cancel_at timers are due.
  await page.evaluate(() => window.gatherPlayground.run({ version: 1, cancel_at_ms: 60000, children: [
    { kind: 'future', delay_ms: 50, result: { value: 1 }, cancel_at_ms: 90000 },
    { kind: 'future', delay_ms: 80, result: { value: 2 } }] }));
  assert.deepEqual(await settled(page), { timeouts: 0, intervals: 0 }, 'after a finished run');

  const preset = (name) => loadPreset(page, name);
  await preset('Results in argument order');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const midRun = await page.evaluate(() => window.pendingTimers());
  // The page's loop keeps one browser timer, for its earliest moment, and the redraw one
  // interval.
  assert.ok(midRun.timeouts >= 1 && midRun.intervals === 1, `the counter sees the run's timers: ${JSON.stringify(midRun)}`);
  await page.getByRole('heading', { name: 'Timeline', exact: true }).waitFor();
  assert.deepEqual(await settled(page), { timeouts: 0, intervals: 0 }, 'after a finished UI run');

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('button', { name: 'Call cancel() on main' }).click();
  await page.getByRole('heading', { name: 'Timeline', exact: true }).waitFor();
  assert.deepEqual(await settled(page), { timeouts: 0, intervals: 0 }, 'after cancelling the gather');

  await preset('Cleanup swallows the cancellation');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.waitForTimeout(200);
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  assert.deepEqual(await settled(page), { timeouts: 0, intervals: 0 }, 'after Stop mid-cleanup');

  await page.getByRole('button', { name: /^Run/ }).click();
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  assert.deepEqual(await settled(page), { timeouts: 0, intervals: 0 }, 'after Reset mid-run');
  await page.context().close();
});

test('wasm memory and the JS heap stay flat over 1,000 runs of a 100-child scenario', async () => {
  const page = await openCounted();
  const sizes = await page.evaluate(async () => {
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
    const runs = async (count) => {
      for (let done = 0; done < count; done += 10) {
        await Promise.all(Array.from({ length: 10 }, () => window.gatherPlayground.run(scenario)));
      }
    };
    await runs(100);
    const first = measure();
    await runs(900);
    const last = measure();
    return { first, last };
  });
  console.log(`memory after 100 and 1,000 runs: ${JSON.stringify(sizes)}`);
  assert.equal(sizes.last.wasm, sizes.first.wasm, 'wasm linear memory grew');
  assert.ok(sizes.last.heap < sizes.first.heap * 1.25 + 1_000_000, `JS heap grew: ${JSON.stringify(sizes)}`);
  await page.context().close();
});

/** axe-core's serious and critical violations on the page. */
async function audit(page) {
  const violations = await page.evaluate(async () => (await window.axe.run(document)).violations);
  return violations
    .filter((violation) => ['serious', 'critical'].includes(violation.impact))
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')}`);
}

test('the panels that come later load after the page; if they cannot, each says so and Try again brings them', async () => {
  const context = await playground.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  const requested = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname.split('/').pop()));
  // The panels' module held on its way, then lost: the rest of the page loads and works.
  let held;
  const asked = new Promise((resolve) => { held = resolve; });
  await page.route('**/gather-panels.js', (route) => held(route));
  await page.goto(playground.server.url);
  await page.getByRole('button', { name: 'Run', exact: true }).waitFor();
  await page.addScriptTag({ url: AXE_URL });
  const route = await asked;
  assert.equal(await page.getByRole('status').filter({ hasText: 'Loading this panel…' }).count(), 3);
  assert.deepEqual(await audit(page), [], 'while the panels load');
  await route.abort('internetdisconnected');
  const failures = page.getByRole('alert').filter({ hasText: 'This panel did not load' });
  await failures.nth(2).waitFor();
  assert.equal(await failures.count(), 3, 'Compare and explore, the code, and the JSON');
  assert.deepEqual(await audit(page), [], 'when the panels did not load');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.locator('.outcome-line', { hasText: 'returned [3, 1, 2]' }).first().waitFor({ timeout: 30_000 });
  // The page's own files came first; the panels' only after it was drawn.
  assert.ok(requested.indexOf('panels-start.js') > requested.findIndex((file) => file.endsWith('_bg.wasm')));

  await page.unroute('**/gather-panels.js');
  await failures.first().getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('button', { name: /^Compare:/ }).waitFor();
  await page.getByRole('tab', { name: 'Python', exact: true }).waitFor();
  await page.getByText('Import / export JSON').waitFor();
  assert.equal(await failures.count(), 0);
  assert.equal(await page.getByText('Loading this panel…').count(), 0);
  await context.close();
});
