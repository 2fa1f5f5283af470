// The panel's Training and Compare tabs in Debian Chromium under the panel's CSP (harness.ts): a watched run's
// stream drawn (non-blank plots in the expected colours), steps appended live into the same plots, a finding
// recolouring its layer without re-creating the plot, epoch and finding marks, the state kept across a reload,
// the Compare table's values and change column against the message it was sent, and a recorded run file
// (record.ts) replayed as the host replays a stored run.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { formatNumber } from '../../../src/core/format';
import { decodeToWebview, encodePanelMessage, type ToWebviewMessage } from '../../../src/core/panelProtocol';
import type { PanelCompare, TrainingStep } from '../../../src/core/panelTraining';
import { readRunFile } from '../../../src/core/runFile';
import { runFileMessages } from '../../../src/core/trainingFeed';
import { Harness, repoRoot, type PanelPage } from './harness';
import { skip } from './recordings';


const file = '/work/project/model.js';
const layers = ['dense_Dense1', 'dense_Dense2', 'dense_Dense3'].map((name, i) => ({ name, className: 'Dense', file, line: 10 + i }));
const STEPS = 600;
const EVERY = 50;
/** Layer 2's gradient collapses from step 300 on (a vanishing layer that appears late); the loss falls. */
const norm = (layer: number, step: number) => (layer === 1 && step >= 300 ? 1e-9 * Math.exp(-(step - 300) / 100) : 0.1 * (layer + 1) * Math.exp(-step / 400));
const steps: TrainingStep[] = Array.from({ length: STEPS }, (_, step) => ({ step, epoch: Math.floor(step / 200), loss: 2 * Math.exp(-step / 150) + 0.05, norms: layers.map((_, i) => norm(i, step)) }));
const EDGES = Array.from({ length: 65 }, (_, i) => -16 + i * 0.375);
/** A histogram of log10|g| centred on the layer's ‖g‖ at that step. */
function histogram(layer: number, step: number): number[] {
  const centre = Math.log10(norm(layer, step)) - 1;
  return EDGES.slice(0, -1).map((edge) => Math.round(1000 * Math.exp(-(((edge + 0.1875 - centre) / 0.8) ** 2))));
}
const started: ToWebviewMessage = { type: 'trainingStarted', run: { mode: 'watch', file, startedAt: '2026-12-05T15:00:00.000Z', every: EVERY, backend: 'wasm', tfjs: '4.22.0', live: true, layers } };
const samples: ToWebviewMessage[] = [];
for (let step = 0; step < STEPS; step += EVERY) {
  samples.push({ type: 'trainingSample', step, scale: 'log10abs', layers: layers.map((l, i) => ({ name: l.name, edges: EDGES, counts: histogram(i, step), weightNorm: 1 })) });
}
const epochs: ToWebviewMessage[] = [0, 1, 2].map((epoch) => ({ type: 'trainingEpoch', epoch, step: epoch * 200 + 199, logs: { loss: steps[epoch * 200 + 199].loss } }));
const vanishing: ToWebviewMessage = {
  type: 'trainingFinding',
  finding: { code: 'vanishing', severity: 'warning', message: 'dense_Dense2: ‖g‖ fell below 1e-7 from step 300', layer: 'dense_Dense2', file, line: 11, step: 300 },
};
const ended: ToWebviewMessage = { type: 'trainingEnded', status: 'done', message: `${STEPS} steps, 3 epochs` };
const init: ToWebviewMessage = { type: 'init', file, title: 'model.js' };

const compare: PanelCompare = {
  a: { label: 'before', file, startedAt: '2026-12-05T15:00:00.000Z', mode: 'watch', status: 'done', steps: 600, loss: { first: 2.3, last: 1.9, min: 1.8 } },
  b: { label: 'after', file, startedAt: '2026-12-05T15:10:00.000Z', mode: 'watch', status: 'done', steps: 600, loss: { first: 2.3, last: 0.4, min: 0.38 } },
  measure: 'Median ‖g‖ over the run',
  layers: [
    { name: 'dense_Dense1', className: 'Dense', line: 10, gradNormA: 3.2e-9, gradNormB: 4.1e-3, ratio: 4.1e-3 / 3.2e-9, verdictA: 'vanishing', verdictB: 'ok' },
    { name: 'dense_Dense2', className: 'Dense', line: 11, gradNormA: 2e-6, gradNormB: 6e-3, ratio: 3000, verdictA: 'vanishing, dead-relu', verdictB: 'ok' },
    { name: 'dense_Dense3', className: 'Dense', line: 12, gradNormA: 0.02, gradNormB: 0.01, ratio: 0.5, verdictA: 'ok', verdictB: 'not in run B' },
  ],
};

test('the stream is valid protocol messages', () => {
  for (const message of [init, started, { type: 'trainingSteps', steps } as ToWebviewMessage, ...samples, ...epochs, vanishing, ended, { type: 'compare', compare } as ToWebviewMessage]) {
    assert.ok(decodeToWebview(encodePanelMessage(message), (reason) => assert.fail(`${message.type}: ${reason}`)), message.type);
  }
  // NaN in a diverging run's loss and norms survives the wire.
  const nan = decodeToWebview(encodePanelMessage({ type: 'trainingSteps', steps: [{ step: 1, epoch: 0, loss: NaN, norms: [Infinity, NaN] }] }));
  assert.ok(nan?.type === 'trainingSteps' && Number.isNaN(nan.steps[0].loss) && nan.steps[0].norms[0] === Infinity);
  assert.equal(decodeToWebview(encodePanelMessage({ type: 'trainingSteps', steps: [{ step: 1, epoch: 0, loss: 1, norms: ['x'] }] } as unknown as ToWebviewMessage)), undefined);
});

let harness: Harness;
before(async () => {
  if (!skip) harness = await Harness.start();
});
after(async () => {
  await harness?.close();
});

const creations = (panel: PanelPage, selector: string) => panel.page.$eval(selector, (el) => Number((el as HTMLElement).dataset.creations));

async function assertClean(panel: PanelPage): Promise<void> {
  assert.deepEqual(panel.pageErrors, [], 'page errors');
  assert.deepEqual(await panel.violations(), [], 'CSP violations');
  const errors = (await panel.posted()).filter((m) => m.type === 'log' && m.level !== 'info');
  assert.deepEqual(errors, [], 'warnings/errors posted by the panel');
}

test('Training tab: a live run appends steps to the same plots; a finding recolours its layer and lists its step', { skip }, async () => {
  const panel = await harness.open('dark');
  await panel.send([init, started]);
  await panel.frames();
  assert.equal(await panel.page.evaluate(() => (document.querySelector('vscode-tabs') as HTMLElement & { selectedIndex: number }).selectedIndex), 3, 'the Training tab is shown');
  await panel.send([{ type: 'trainingSteps', steps: steps.slice(0, 20) }, samples[0]]);
  await panel.frames();
  const loss = '[data-chart=training-loss]';
  const norms = '[data-chart=training-norms]';
  assert.equal(await creations(panel, loss), 1);
  assert.equal(await creations(panel, norms), 1);
  const early = await panel.plotPixels(norms);
  assert.ok(early > 50, `first 20 steps drawn: ${early} px`);

  const vanishingColor = await panel.cssVariable('--vscode-gradientLens-vanishingForeground');
  // The rest arrives 20 steps a message, as the host batches them while training runs; epochs as they end.
  for (let i = 20; i < STEPS; i += 20) {
    await panel.send([{ type: 'trainingSteps', steps: steps.slice(i, i + 20) }, ...epochs.filter((e) => e.type === 'trainingEpoch' && e.step >= i && e.step < i + 20), ...samples.filter((s) => s.type === 'trainingSample' && s.step >= i && s.step < i + 20)]);
    await panel.frames();
  }
  assert.equal(await creations(panel, loss), 1, 'the loss plot was never re-created while steps arrived');
  assert.equal(await creations(panel, norms), 1, 'the ‖g‖ plot was never re-created while steps arrived');
  assert.equal(await panel.page.getAttribute(norms, 'data-steps'), String(STEPS), 'every step is in the plotted data');
  const all = await panel.plotPixels(norms);
  assert.ok(all > early, `the lines grew: ${early} → ${all} px`);
  assert.ok((await panel.plotPixels(loss)) > 300, 'loss drawn');
  const summary = (await panel.page.textContent('.training-view .model-summary')) ?? '';
  assert.match(summary, new RegExp(`step ${STEPS - 1} · epoch 2 · loss ${formatNumber(steps[STEPS - 1].loss).replace(/[.+]/g, '\\$&')}`));
  assert.match(summary, /histograms every 50 steps/);
  assert.equal(await panel.plotPixels(norms, vanishingColor, 8), 0, 'no layer is vanishing yet');

  await panel.send([vanishing]);
  await panel.frames();
  assert.equal(await creations(panel, norms), 1, 'the finding recoloured the layer in the same plot');
  const recoloured = await panel.plotPixels(norms, vanishingColor, 8);
  assert.ok(recoloured > 100, `dense_Dense2's line in the vanishing colour: ${recoloured} px`);
  const findings = await panel.page.$$eval('.timeline-findings li.finding', (items) => items.map((li) => [(li as HTMLElement).dataset.step, (li as HTMLElement).dataset.code, li.querySelector('.step')?.textContent]));
  assert.deepEqual(findings, [['300', 'vanishing', 'step 300']]);
  const row = await panel.page.$eval('.training-view .layer-row[data-layer="dense_Dense2"] .layer-verdict', (e) => e.textContent);
  assert.equal(row, 'vanishing');

  await panel.clearPosted();
  await panel.page.click('.timeline-findings li.finding .reveal');
  assert.deepEqual(await panel.posted(), [{ type: 'revealLayer', layer: 'dense_Dense2', file, line: 11 }]);

  // The distribution of the flagged (selected) layer, from its 12 histograms.
  const distribution = '[data-chart=training-distribution]';
  assert.equal(await panel.page.getAttribute(distribution, 'data-samples'), String(STEPS / EVERY));
  assert.ok((await panel.plotPixels(distribution)) > 1000, 'distribution bands drawn');

  await panel.send([ended]);
  await panel.frames();
  assert.match((await panel.page.textContent('.training-view .model-summary')) ?? '', /finished: 600 steps, 3 epochs/);
  await assertClean(panel);
  await panel.page.context().close();
});

test('Training tab: epoch ends and the finding are marked at their steps', { skip }, async () => {
  const panel = await harness.open('light');
  const muted = await panel.cssVariable('--vscode-descriptionForeground');
  await panel.send([init, started, { type: 'trainingSteps', steps }]);
  await panel.frames();
  const loss = '[data-chart=training-loss]';
  const before = await panel.plotPixels(loss, muted, 30);
  await panel.send([...epochs, vanishing]);
  await panel.frames();
  const exploding = await panel.cssVariable('--vscode-gradientLens-explodingForeground');
  assert.ok((await panel.plotPixels(loss, exploding, 8)) > 20, 'the warning marker is drawn at step 300');
  const after = await panel.plotPixels(loss, muted, 60);
  assert.ok(after > before + 60, `dashed epoch lines: ${before} → ${after} px`);
  await assertClean(panel);
  await panel.page.context().close();
});

test('Training tab: state survives a reload (steps, findings, tab) without any message', { skip }, async () => {
  const panel = await harness.open('dark');
  await panel.send([init, started, { type: 'trainingSteps', steps }, ...samples, ...epochs, vanishing, ended]);
  await panel.frames();
  await panel.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 1200)));
  await panel.clearPosted();
  await panel.page.reload();
  await harness.waitForReady(panel);
  await panel.frames();
  assert.equal(await panel.page.evaluate(() => (document.querySelector('vscode-tabs') as HTMLElement & { selectedIndex: number }).selectedIndex), 3);
  assert.equal(await panel.page.getAttribute('[data-chart=training-norms]', 'data-steps'), null, 'a full render, not a live append');
  assert.ok((await panel.plotPixels('[data-chart=training-norms]')) > 1000, 'lines redrawn from state');
  assert.equal(await panel.page.$$eval('.timeline-findings li.finding', (items) => items.length), 1);
  assert.equal(await panel.page.getAttribute('[data-chart=training-distribution]', 'data-samples'), String(STEPS / EVERY));
  await assertClean(panel);
  await panel.page.context().close();
});

test('Compare tab: the table shows both runs’ ‖g‖ and the change; the bars of A and B are drawn', { skip }, async () => {
  const panel = await harness.open('dark');
  await panel.send([init, { type: 'compare', compare }]);
  await panel.frames();
  assert.equal(await panel.page.evaluate(() => (document.querySelector('vscode-tabs') as HTMLElement & { selectedIndex: number }).selectedIndex), 4, 'the Compare tab is shown');
  const rows = await panel.page.$$eval('#compare-table tbody tr', (trs) =>
    trs.map((tr) => [(tr as HTMLElement).dataset.layer, ...['gradNormA', 'gradNormB', 'ratio', 'verdictA', 'verdictB'].map((k) => tr.querySelector(`td[data-key="${k}"]`)?.textContent)]),
  );
  assert.deepEqual(
    rows,
    compare.layers.map((l, i) => [l.name, formatNumber(l.gradNormA), formatNumber(l.gradNormB), `×${formatNumber(l.ratio)}`, ['vanishing', 'vanishing, dead ReLU', 'ok'][i], i === 2 ? 'not in run B' : 'ok']),
  );
  assert.deepEqual(await panel.page.$$eval('#compare-table td.change', (tds) => tds.map((td) => td.className)), ['numeric change up', 'numeric change up', 'numeric change down']);
  const sides = await panel.page.$$eval('.compare-sides dd', (dds) => dds.map((d) => d.textContent));
  assert.match(sides[0] ?? '', /watch · 600 steps · done · loss 2\.3 → 1\.9 \(min 1\.8\)/);
  assert.match(sides[1] ?? '', /loss 2\.3 → 0\.4 \(min 0\.38\)/);
  const blue = await panel.cssVariable('--vscode-charts-blue');
  assert.ok((await panel.plotPixels('[data-chart=compare]', blue, 8)) > 500, 'B bars in charts.blue');
  assert.ok((await panel.plotPixels('[data-chart=compare]')) > (await panel.plotPixels('[data-chart=compare]', blue, 8)) + 300, 'A bars too');
  await panel.clearPosted();
  await panel.page.click('#compare-table tbody tr[data-layer="dense_Dense1"]');
  assert.deepEqual(await panel.posted(), [{ type: 'revealLayer', layer: 'dense_Dense1', file, line: 10 }]);
  await assertClean(panel);
  await panel.page.context().close();
});

test('a recorded watch (the LR raised at epoch 3): the stored run replays with its 120 steps, 12 histograms, 6 epochs and the divergence at its step', { skip }, async () => {
  const runPath = path.join(repoRoot, 'test/fixtures/panel/watch-lr-raise.glrun.jsonl');
  const run = readRunFile(fs.readFileSync(runPath, 'utf8'));
  const messages = runFileMessages(run, runPath);
  const diverging = run.findings.find((f) => f.code === 'loss-diverging');
  assert.ok(diverging?.step !== undefined && diverging.step >= 60 && diverging.step <= 62, `diverging from step ${diverging?.step}`);
  const panel = await harness.open('dark');
  await panel.send([{ type: 'init', file: run.header.file, title: 'lr-raise.js' }, ...messages]);
  await panel.frames();
  assert.equal(await panel.page.getAttribute('[data-chart=training-distribution]', 'data-samples'), '12');
  assert.ok((await panel.plotPixels('[data-chart=training-loss]')) > 500, 'loss drawn');
  assert.ok((await panel.plotPixels('[data-chart=training-norms]')) > 500, '‖g‖ drawn');
  assert.ok((await panel.plotPixels('[data-chart=training-distribution]')) > 1000, 'distribution drawn');
  const listed = await panel.page.$$eval('.timeline-findings li.finding', (items) => items.map((li) => [(li as HTMLElement).dataset.code, (li as HTMLElement).dataset.step]));
  assert.deepEqual(listed, [['loss-diverging', String(diverging.step)]]);
  const error = await panel.cssVariable('--vscode-gradientLens-nonFiniteForeground');
  assert.ok((await panel.plotPixels('[data-chart=training-loss]', error, 8)) > 20, 'the error marker at the divergence');
  const summary = (await panel.page.textContent('.training-view .model-summary')) ?? '';
  assert.ok(summary.includes(`opened from its run file · step 119 · epoch 5 · loss ${formatNumber(run.timeline.at(-1)!.loss)}`), summary);
  assert.match(summary, /finished: training finished after 120 steps/);
  await assertClean(panel);
  await panel.page.context().close();
});
