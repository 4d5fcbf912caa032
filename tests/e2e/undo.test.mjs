// Nothing lost: undo and redo of the scenario (buttons, Ctrl/⌘+Z, Shift+Ctrl/⌘+Z, Ctrl+Y),
// a load over a composed scenario announced and undoable, presets loaded only on an
// explicit choice; and bad input that keeps the editor in shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AXE_URL, screenshotOf, servedPlayground, loadPreset, presetList } from './harness.mjs';

const SHOTS = process.env.UNDO_SHOTS;

const playground = servedPlayground();

const freshPage = (viewport = { width: 1366, height: 900 }) =>
  playground.freshPage({ viewport, colorScheme: 'light' });

const card = (page, name) => page.getByRole('article', { name });
const undoButton = (page) => page.locator('.toolbar button.history').nth(0);
const redoButton = (page) => page.locator('.toolbar button.history').nth(1);
const cardTitles = (page) => page.locator('.card-title').allTextContents();
const status = (page) => page.locator('.toolbar [role="status"]').filter({ has: page.locator('.notice') });

/** The default preset with a child renamed and its sleep changed: a scenario of one's own. */
async function compose(page) {
  const child = card(page, 'Child delay(1)');
  await child.getByLabel('Label').fill('mine');
  await card(page, 'Child mine').getByLabel('Sleeps (ms)').fill('450');
  await page.getByRole('heading', { name: 'Scenario' }).click();
}

test('a preset loaded over a composed scenario is announced, and undo brings the scenario back', async () => {
  const { page, errors } = await freshPage();
  await page.addScriptTag({ url: AXE_URL });
  assert.equal(await undoButton(page).isDisabled(), true);
  assert.equal(await undoButton(page).getAttribute('aria-label'), 'Undo: nothing to undo');
  await compose(page);
  const composed = await cardTitles(page);
  assert.deepEqual(composed, ['main', 'delay(3)', 'mine', 'delay(2)']);
  assert.equal(await undoButton(page).getAttribute('aria-label'), 'Undo: edit the sleep of mine');

  await loadPreset(page, 'Nested groups');
  const notice = status(page);
  await notice.waitFor();
  assert.equal((await notice.locator('.notice-text').textContent()).trim(),
    'Loaded preset ‘Nested groups’ — your scenario was replaced. Undo (Ctrl/⌘+Z) brings it back.');
  assert.equal(await undoButton(page).getAttribute('aria-label'), 'Undo: load preset ‘Nested groups’');
  const nested = await cardTitles(page);
  assert.notDeepEqual(nested, composed);
  const violations = (await page.evaluate(async () => (await window.axe.run(document)).violations))
    .filter((violation) => ['serious', 'critical'].includes(violation.impact)).map((violation) => violation.id);
  assert.deepEqual(violations, []);
  if (SHOTS) await page.locator('.toolbar').screenshot({ path: `${SHOTS}/undo-after-notice.png` });

  // Ctrl+Z on the page brings the composed scenario back; Shift+Ctrl+Z loads the preset again.
  await page.locator('body').press('Control+z');
  assert.deepEqual(await cardTitles(page), composed);
  assert.equal(await card(page, 'Child mine').getByLabel('Sleeps (ms)').inputValue(), '450');
  await status(page).filter({ hasText: 'Undone: load preset ‘Nested groups’.' }).waitFor();
  assert.equal(await redoButton(page).getAttribute('aria-label'), 'Redo: load preset ‘Nested groups’');
  await page.locator('body').press('Control+Shift+Z');
  assert.deepEqual(await cardTitles(page), nested);
  // Ctrl+Y redoes too; the buttons do the same.
  await undoButton(page).click();
  assert.deepEqual(await cardTitles(page), composed);
  await page.locator('body').press('Control+y');
  assert.deepEqual(await cardTitles(page), nested);
  await undoButton(page).click();
  await redoButton(page).click();
  assert.deepEqual(await cardTitles(page), nested);
  // The notice's own button, which stays under the cursor as Redo once pressed.
  await undoButton(page).click();
  await redoButton(page).click();
  await status(page).getByRole('button', { name: 'Undo', exact: true }).click();
  assert.deepEqual(await cardTitles(page), composed);
  const again = status(page).getByRole('button', { name: 'Redo', exact: true });
  assert.equal(await again.evaluate((button) => button === document.activeElement), true);
  await again.click();
  assert.deepEqual(await cardTitles(page), nested);
  // Undo twice more: the two edits of the composed scenario, then nothing left.
  for (let step = 0; step < 3; step++) await undoButton(page).click();
  assert.deepEqual(await cardTitles(page), ['main', 'delay(3)', 'delay(1)', 'delay(2)']);
  assert.equal(await undoButton(page).isDisabled(), true);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('ArrowDown on the preset list loads nothing; Load or Enter loads the preset picked', async () => {
  const { page } = await freshPage();
  await compose(page);
  const composed = await cardTitles(page);
  const list = presetList(page);
  await list.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.deepEqual(await cardTitles(page), composed, 'picking is not loading');
  const picked = await list.evaluate((select) => select.selectedOptions[0].textContent);
  assert.notEqual(picked, 'Your scenario');
  assert.equal(await page.getByRole('button', { name: 'Load', exact: true }).isEnabled(), true);
  await page.keyboard.press('Enter');
  await status(page).filter({ hasText: `Loaded preset ‘${picked}’` }).waitFor();
  assert.notDeepEqual(await cardTitles(page), composed);
  // The list shows the preset loaded.
  assert.equal(await list.evaluate((select) => select.selectedOptions[0].textContent), picked);
  await page.locator('body').press('Control+z');
  assert.deepEqual(await cardTitles(page), composed);
  await page.context().close();
});

test('more than a hundred steps are undone, one by one, and the oldest are forgotten', async () => {
  const { page } = await freshPage();
  const box = page.getByRole('checkbox', { name: 'return_exceptions=True' });
  const steps = 104;
  for (let step = 0; step < steps; step++) await box.click();
  assert.equal(await box.isChecked(), false);
  for (let step = 0; step < 100; step++) await box.press('Control+z');
  // Back to the state after the first four clicks, which are forgotten.
  assert.equal(await box.isChecked(), false);
  assert.equal(await undoButton(page).isDisabled(), true);
  await box.press('Control+z');
  assert.equal(await box.isChecked(), false);
  await box.press('Control+Shift+z');
  assert.equal(await box.isChecked(), true);
  await page.context().close();
});

test('a JSON import is one undoable step', async () => {
  const { page } = await freshPage();
  await compose(page);
  const composed = await cardTitles(page);
  await page.getByText('Import / export JSON').click();
  await page.getByLabel('Paste a scenario').fill(
    '{"version": 1, "children": [{"kind": "future", "label": "pasted", "delay_ms": 10, "result": {"value": 5}}]}');
  await page.getByRole('button', { name: 'Load JSON' }).click();
  await status(page).filter({ hasText: 'Loaded the pasted scenario — your scenario was replaced.' }).waitFor();
  assert.deepEqual(await cardTitles(page), ['the outer gather', 'pasted']);
  assert.equal(await undoButton(page).getAttribute('aria-label'), 'Undo: import the pasted JSON');
  // Ctrl+Z in the paste box is the box's own text undo, not the scenario's.
  await page.getByLabel('Paste a scenario').press('Control+z');
  assert.deepEqual(await cardTitles(page), ['the outer gather', 'pasted']);
  await undoButton(page).click();
  assert.deepEqual(await cardTitles(page), composed);
  await page.context().close();
});

test('in a field being typed in, Ctrl+Z takes back the typing first, then the steps before', async () => {
  const { page } = await freshPage();
  await page.getByRole('checkbox', { name: 'return_exceptions=True' }).click();
  const label = card(page, 'Child delay(1)').getByLabel('Label');
  await label.click();
  await label.press('End');
  await label.pressSequentially('xyz');
  assert.equal(await label.inputValue(), 'delay(1)xyz');
  assert.equal(await undoButton(page).getAttribute('aria-label'), 'Undo: edit the label of delay(1)');
  // The browser's own undo in the field takes the typing back first (Chromium groups key
  // presses that came close together, so one press may take back one character or all
  // three), and while any typing is left, the page's step stays.
  await label.press('Control+z');
  const partly = await label.inputValue();
  assert.ok(['delay(1)xy', 'delay(1)x', 'delay(1)'].includes(partly), partly);
  if (partly !== 'delay(1)') {
    assert.equal(await undoButton(page).getAttribute('aria-label'), 'Undo: edit the label of delay(1)');
  }
  for (let press = 0; press < 2 && (await label.inputValue()) !== 'delay(1)'; press++) {
    await label.press('Control+z');
  }
  assert.equal(await label.inputValue(), 'delay(1)');
  assert.equal(await undoButton(page).getAttribute('aria-label'), 'Undo: turn return_exceptions on for main');
  // Now Ctrl+Z in the field is the page's: the step before.
  await label.press('Control+z');
  assert.equal(await page.getByRole('checkbox', { name: 'return_exceptions=True' }).isChecked(), false);
  // Typing, leaving the field, then Ctrl+Z anywhere: the burst is one step.
  await label.fill('renamed');
  await page.getByRole('heading', { name: 'Scenario' }).click();
  await page.locator('body').press('Control+z');
  assert.equal(await card(page, 'Child delay(1)').getByLabel('Label').inputValue(), 'delay(1)');
  await page.context().close();
});

test('a 5,000-character label is kept as typed, said too long, and drawn on one clipped line', async () => {
  const { page } = await freshPage();
  const child = card(page, 'Child delay(1)');
  const before = await child.boundingBox();
  const editorWidth = (await page.locator('.editor').boundingBox()).width;
  const long = 'W'.repeat(5000);
  await child.getByLabel('Label').fill(long);
  const named = card(page, `Child ${long}`);
  assert.equal((await named.getByLabel('Label').inputValue()).length, 5000, 'kept as typed');
  const error = named.locator('.field-error');
  assert.equal(await error.textContent(), 'at most 200 characters; this has 5,000');
  const after = await named.boundingBox();
  const errorHeight = (await error.boundingBox()).height;
  assert.equal(after.width, before.width, 'the card is no wider');
  assert.ok(after.height <= before.height + errorHeight + 1,
    `the card grows by its error line only: ${before.height} → ${after.height} (error ${errorHeight})`);
  const title = named.locator('.card-title');
  const lineHeight = await title.evaluate((element) => parseFloat(getComputedStyle(element).lineHeight));
  assert.ok((await title.boundingBox()).height <= lineHeight + 1, 'one line');
  assert.equal(await title.getAttribute('title'), long);
  assert.equal((await page.locator('.editor').boundingBox()).width, editorWidth);
  if (SHOTS) await screenshotOf(page.locator('.editor-panel'), `${SHOTS}/undo-after-long-label.png`);

  // The longest valid label, 200 characters: run, and no panel grows wider than the page.
  const longest = 'L'.repeat(200);
  await named.getByLabel('Label').fill(longest);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('heading', { name: 'Timeline', exact: true }).waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: /^Compare/ }).first().click();
  await page.locator('table.compare tbody tr').first().waitFor();
  const widest = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(widest <= 1366, `the page is ${widest} px wide`);
  for (const selector of ['.order-name', 'table.compare th.child-col']) {
    const cell = page.locator(selector, { hasText: longest }).first();
    assert.equal(await cell.getAttribute('title'), longest, selector);
    assert.ok((await cell.boundingBox()).height < 40, `${selector} on one line`);
  }
  await page.context().close();
});

test('a child without a label has one name everywhere: editor, timeline, results, log', async () => {
  const { page } = await freshPage();
  await card(page, 'Child delay(3)').getByLabel('Label').fill('');
  const name = 'child #1';
  assert.ok((await cardTitles(page)).includes(name));
  await card(page, `Child ${name}`).waitFor();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await page.getByRole('heading', { name: 'Timeline', exact: true }).waitFor({ timeout: 60_000 });
  await page.locator('.lane-label', { hasText: name }).first().waitFor();
  assert.ok((await page.locator('.order-name').allTextContents()).includes(`[0] ${name}`));
  assert.ok((await page.locator('.order-name').allTextContents()).includes(name));
  await page.locator('.event-log li', { hasText: `${name} started` }).first().waitFor();
  await page.context().close();
});

test('a field showing an error keeps the row of fields in line', async () => {
  const { page } = await freshPage();
  const child = card(page, 'Child delay(1)');
  const fields = child.locator('.card-fields > .field, .card-fields > .check');
  // Measured from the card's top: the toolbar's "can't run yet" line moves the whole page.
  const tops = async () => {
    const top = (await child.boundingBox()).y;
    return Promise.all((await fields.all()).map(async (field) => {
      const input = field.locator('input');
      return { field: (await field.boundingBox()).y - top, input: (await input.boundingBox()).y - top };
    }));
  };
  const before = await tops();
  await child.getByLabel('Sleeps (ms)').fill('soon');
  await child.locator('.field-error').waitFor();
  const after = await tops();
  // The fields of the first row (Label, Cancel at, Sleeps) stay where they were, tops and
  // inputs in line; the rows below move down together by the error's line.
  const row = before.filter((top) => Math.abs(top.field - before[0].field) < 1).length;
  assert.ok(row >= 3, `${row} fields in the first row`);
  assert.deepEqual(after.slice(0, row), before.slice(0, row), 'the row with the error stays in line');
  assert.ok(after.slice(0, row).every((top) => top.input === after[0].input));
  const shift = after[row].field - before[row].field;
  assert.ok(shift > 0);
  for (const [index, top] of after.entries()) {
    if (index >= row) assert.ok(Math.abs(top.field - before[index].field - shift) < 1, `field ${index} moved with its row`);
  }
  if (SHOTS) await child.screenshot({ path: `${SHOTS}/undo-after-error-row.png` });
  await page.context().close();
});
