import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT, openPage, servedPlayground } from './harness.mjs';

/** How late a real timer may make an event, against CPython's exact time. */
const LATE_MS = 20;

const playground = servedPlayground();
let corpus;

before(async () => {
  corpus = JSON.parse(await readFile(join(ROOT, 'tests/conformance/corpus.json'), 'utf8'));
});

/** Compares a report with CPython's: outcomes exactly, times within LATE_MS. */
function assertSameReport(actual, expected, path = 'root') {
  assert.equal(actual.label, expected.label, `${path}: label`);
  assert.equal(actual.status, expected.status, `${path}: status`);
  assert.deepEqual(actual.value, expected.value, `${path}: value`);
  assert.equal(actual.exception, expected.exception, `${path}: exception`);
  assert.equal(actual.message, expected.message, `${path}: message`);
  const late = actual.done_at_ms - expected.done_at_ms;
  assert.ok(late >= -1 && late <= LATE_MS, `${path}: done at ${actual.done_at_ms}, CPython ${expected.done_at_ms}`);
  assert.equal(actual.children?.length, expected.children?.length, `${path}: children`);
  (expected.children ?? []).forEach((child, index) =>
    assertSameReport(actual.children[index], child, `${path}.children[${index}]`));
}

test('window.gatherPlayground.run gives CPython\'s report, several runs in flight at once', async () => {
  const { page, errors } = await openPage(playground.browser, playground.server.url);
  assert.equal(await page.evaluate(() => window.gatherPlayground.version), 1);
  const cases = corpus.cases.filter((c) => !c.exact_timing_only).slice(0, 24);
  // Warm up the page's wasm code, then run every case at once, half as objects, half as text.
  await page.evaluate((scenario) => window.gatherPlayground.run(scenario), cases[1].scenario);
  const reports = await page.evaluate(
    (scenarios) => Promise.all(scenarios.map((scenario, index) =>
      window.gatherPlayground.run(index % 2 ? JSON.stringify(scenario) : scenario))),
    cases.map((c) => c.scenario));
  cases.forEach((c, index) => assertSameReport(reports[index], c.report, c.name));
  assert.deepEqual(errors, []);
  await page.close();
});

test('an invalid scenario rejects with an error naming its path', async () => {
  const { page } = await openPage(playground.browser, playground.server.url);
  const rejection = (scenario) => page.evaluate(
    (input) => window.gatherPlayground.run(input).then(() => 'resolved', (error) => `${error instanceof Error}: ${error.message}`),
    scenario);
  assert.equal(
    await rejection({ version: 1, children: [{ kind: 'future', delay_ms: 1.5, result: { value: 1 } }] }),
    'true: children[0].delay_ms: expected a whole number of milliseconds from 0 to 86400000');
  assert.match(await rejection('{"version": 1, "children": ['), /^true: scenario: not valid JSON: .*line 1 column/);
  assert.equal(await rejection({ version: 2, children: [] }), 'true: version: expected 1 (the only format version)');
  assert.equal(await rejection(42), 'true: scenario: expected a scenario object or JSON text');
  assert.match(await rejection({ version: 1, children: [], extra: true }), /^true: extra: unknown field/);
  await page.close();
});

test('window.gatherPlayground.predict gives CPython\'s exact report at once, limits included', async () => {
  const { page, errors } = await openPage(playground.browser, playground.server.url);
  const cases = corpus.cases.filter((c) => c.name.startsWith('L0') || c.name.startsWith('limited')).slice(0, 20);
  const reports = await page.evaluate(
    (scenarios) => scenarios.map((scenario) => window.gatherPlayground.predict(scenario)),
    cases.map((c) => c.scenario));
  cases.forEach((c, index) => assert.deepEqual(reports[index], c.report, c.name));
  const thrown = await page.evaluate(() => {
    try { window.gatherPlayground.predict({ version: 1, limit: 0, children: [] }); return 'no error'; }
    catch (error) { return `${error instanceof Error}: ${error.message}`; }
  });
  assert.equal(thrown, 'true: limit: expected null or a whole number of slots from 1 to 10000');
  assert.deepEqual(errors, []);
  await page.close();
});

test('with {events: true}, run and predict tell every event with its cause and its rules', async () => {
  const { page, errors } = await openPage(playground.browser, playground.server.url);
  // main cancelled at 100 while f1's 100 ms sleep ends: the cancel wins (rules H4, H6).
  const scenario = { version: 1, label: 'main', cancel_at_ms: 100, children: [
    { kind: 'future', label: 'f1', delay_ms: 100, result: { value: null } },
    { kind: 'future', label: 'f2', delay_ms: 200, result: { value: 2 } }] };
  const [predicted, real, plain] = await page.evaluate(async (scenario) => [
    window.gatherPlayground.predict(scenario, { events: true }),
    await window.gatherPlayground.run(scenario, { events: true }),
    window.gatherPlayground.predict(scenario)], scenario);
  assert.equal(plain.events, undefined, 'the plain report stays as it was');
  for (const report of [predicted, real]) {
    const cancels = report.events.filter((event) => event.kind === 'cancel');
    assert.deepEqual(cancels.map((event) => [event.label, event.source]),
      [['main', 'scheduled'], ['f1', 'gather'], ['f2', 'gather']]);
    const f1End = report.events.find((event) => event.kind === 'finished' && event.label === 'f1');
    assert.equal(f1End.status, 'cancelled');
    assert.ok(f1End.rules.includes('H4'), JSON.stringify(f1End));
    assert.equal(report.events[f1End.cause].label, 'f1');
    assert.equal(report.events[report.events[f1End.cause].cause].label, 'main');
  }
  // The same causes and rules on real timers as on the virtual clock.
  const shape = (report) => report.events.map((event) => [event.kind, event.label, event.cause, event.rules]);
  assert.deepEqual(shape(real), shape(predicted));
  assert.deepEqual(errors, []);
  await page.close();
});
