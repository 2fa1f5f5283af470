// The Training tab's validation losses in Debian Chromium under the panel's CSP (harness.ts): fit()'s val_loss and the
// script's own model.evaluate() readings drawn beside the training loss in their own colours, each named by its source
// in the key under the chart (with a Reveal for the evaluate() line), the plot re-created only when a new series
// appears, a run that validates nowhere told what to add, and the readings kept across a reload.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ToWebviewMessage } from '../../../src/core/panelProtocol';
import type { TrainingStep, TrainingValidation } from '../../../src/core/panelTraining';
import { Harness, type PanelPage } from './harness';
import { skip } from './recordings';

const file = '/work/project/train.js';
const layers = [{ name: 'wide', className: 'Dense', file, line: 15 }];
const STEPS = 120;
// The training loss falls; the held-out loss (3× higher, so its line is far from the training one) passes a minimum.
const steps: TrainingStep[] = Array.from({ length: STEPS }, (_, step) => ({ step, epoch: step, loss: 0.2 + Math.exp(-step / 30), norms: [0.1] }));
const heldOut = (step: number) => 3 * (1.2 + Math.exp(-step / 20) + (step / STEPS) ** 2);
const evaluate = (step: number): TrainingValidation => ({ series: 'evaluate:200x40:1', origin: 'evaluate', label: 'model.evaluate() at train.js:22 (200 rows)', step, epoch: step, loss: heldOut(step), file, line: 22, column: 29 });
const split = (step: number): TrainingValidation => ({ series: 'fit:validationSplit', origin: 'validationSplit', label: "fit()'s val_loss (validationSplit 0.2: the last 20 % of the rows)", step, epoch: step, loss: 1.5 * heldOut(step) });
const init: ToWebviewMessage = { type: 'init', file, title: 'train.js' };
const started: ToWebviewMessage = { type: 'trainingStarted', run: { mode: 'watch', file, startedAt: '2026-12-06T17:00:00.000Z', every: 20, backend: 'wasm', tfjs: '4.22.0', live: true, layers } };
const LOSS = '[data-chart=training-loss]';

let harness: Harness;
before(async () => {
  if (!skip) harness = await Harness.start();
});
after(async () => {
  await harness?.close();
});

const creations = (panel: PanelPage) => panel.page.$eval(LOSS, (el) => Number((el as HTMLElement).dataset.creations));
const legend = (panel: PanelPage) =>
  panel.page.$$eval('.training-view .validation-sources li', (items) => items.map((li) => [(li as HTMLElement).dataset.series ?? '', (li as HTMLElement).dataset.origin ?? '', (li as HTMLElement).dataset.readings ?? '', li.textContent ?? '']));

async function assertClean(panel: PanelPage): Promise<void> {
  assert.deepEqual(panel.pageErrors, [], 'page errors');
  assert.deepEqual(await panel.violations(), [], 'CSP violations');
  assert.deepEqual((await panel.posted()).filter((m) => m.type === 'log' && m.level !== 'info'), [], 'warnings/errors posted by the panel');
}

test('Training tab: evaluate() readings arrive live beside the training loss, named by their call; a second source adds its own line', { skip }, async () => {
  const panel = await harness.open('dark');
  await panel.send([init, started, { type: 'trainingSteps', steps: steps.slice(0, 10) }]);
  await panel.frames();
  const none = await legend(panel);
  assert.equal(none.length, 2);
  assert.match(none[1][3], /No validation loss so far: pass validationData or validationSplit to fit\(\), or call model\.evaluate\(xVal, yVal\)/);

  const orange = await panel.cssVariable('--vscode-charts-orange');
  const green = await panel.cssVariable('--vscode-charts-green');
  assert.equal(await panel.plotPixels(LOSS, orange, 8), 0, 'no validation line yet');
  // As the host streams them: each epoch's steps, then that epoch's evaluate() reading.
  for (let i = 10; i < STEPS; i += 10) {
    await panel.send([{ type: 'trainingSteps', steps: steps.slice(i, i + 10) }, { type: 'trainingValidation', readings: [evaluate(i + 9)] }]);
  }
  await panel.frames();
  assert.equal(await creations(panel), 2, 'created once, and once more when the first validation series appeared');
  const [training, held] = await legend(panel);
  assert.deepEqual(training.slice(0, 1), ['training']);
  assert.deepEqual(held.slice(0, 3), ['evaluate:200x40:1', 'evaluate', '11']);
  assert.match(held[3], /validation: model\.evaluate\(\) at train\.js:22 \(200 rows\) · 11 readings, last \S+ at step 119/);
  const drawn = await panel.plotPixels(LOSS, orange, 8);
  assert.ok(drawn > 200, `the held-out loss in charts.orange: ${drawn} px`);

  await panel.clearPosted();
  await panel.page.click('.validation-sources li[data-series="evaluate:200x40:1"] .reveal');
  assert.deepEqual(await panel.posted(), [{ type: 'revealLayer', layer: '', file, line: 22, column: 29 }]);

  // fit()'s val_loss on a validationSplit: a second line in the next colour, its source said.
  await panel.send([{ type: 'trainingValidation', readings: Array.from({ length: 12 }, (_, i) => split(i * 10 + 9)) }]);
  await panel.frames();
  assert.equal(await creations(panel), 3);
  const sources = await legend(panel);
  assert.deepEqual(sources.map((s) => s[1]), ['', 'evaluate', 'validationSplit']);
  assert.match(sources[2][3], /validation: fit\(\)'s val_loss \(validationSplit 0\.2: the last 20 % of the rows\) · 12 readings/);
  assert.ok((await panel.plotPixels(LOSS, green, 8)) > 200, 'the split\'s val_loss in charts.green');
  assert.equal(await panel.page.$$eval('.validation-sources li[data-series="fit:validationSplit"] .reveal', (b) => b.length), 0, 'nothing to reveal for fit()\'s own split');

  // More readings of known series: drawn in the same plot.
  await panel.send([{ type: 'trainingValidation', readings: [evaluate(119), split(119)] }]);
  await panel.frames();
  assert.equal(await creations(panel), 3, 'no new series, no re-creation');
  await assertClean(panel);
  await panel.page.context().close();
});

test('Training tab: a replayed run with validation redraws it after a reload, without any message', { skip }, async () => {
  const panel = await harness.open('light');
  const orange = await panel.cssVariable('--vscode-charts-orange');
  await panel.send([init, started, { type: 'trainingSteps', steps }, { type: 'trainingValidation', readings: steps.filter((s) => s.step % 10 === 9).map((s) => evaluate(s.step)) }, { type: 'trainingEnded', status: 'done', message: '120 steps' }]);
  await panel.frames();
  const before = await panel.plotPixels(LOSS, orange, 8);
  assert.ok(before > 200, `drawn: ${before} px`);
  await panel.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1200)));
  await panel.page.reload();
  await harness.waitForReady(panel);
  await panel.frames();
  const after = await panel.plotPixels(LOSS, orange, 8);
  assert.ok(after > 200, `redrawn from state: ${after} px`);
  assert.deepEqual((await legend(panel)).map((s) => s.slice(0, 3)), [['training', '', ''], ['evaluate:200x40:1', 'evaluate', '12']]);
  await assertClean(panel);
  await panel.page.context().close();
});
