// The panel's LR tab in Debian Chromium under the panel's CSP (harness.ts), fed the recorded LR range test of
// examples/mnist-cnn (recordings.ts): live growth of the curve without re-creating the plot, suggestions and
// the recommendation as the result says, and what Apply/Copy/Re-run/PNG post back (decoded with the host's decoder).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { JSHandle } from 'playwright-core';
import { formatNumber } from '../../../src/core/format';
import { type ToWebviewMessage } from '../../../src/core/panelProtocol';
import { LR_SUGGESTION_KINDS, type LrResult } from '../../../src/core/protocol';
import { lrResultCsv } from '../../../webview/src/lrExport';
import { Harness } from './harness';
import { skip, lrResult, lrPoints, lrRepeatsDone, init, lrStarted, assertClean, creations } from './recordings';

let harness: Harness;
before(async () => {
  if (!skip) harness = await Harness.start();
});
after(async () => {
  await harness?.close();
});

test('LR sweep replay: points append live to the same plot, suggestions match, Apply/Copy/Re-run/PNG post the right messages', { skip }, async () => {
  const panel = await harness.open('dark');
  const chart = '[data-chart=lr]';
  await panel.send([init, lrStarted, ...lrPoints.slice(0, 50)]);
  await panel.frames();
  assert.equal(await creations(panel, chart), 1);
  const canvas: JSHandle = await panel.page.evaluateHandle(() => document.querySelector('.lr-view canvas'));
  const earlyPixels = await panel.plotPixels(chart);
  assert.ok(earlyPixels > 100, `first 50 points drawn: ${earlyPixels} px`);

  // The rest arrives 25 points a frame, as a live sweep would.
  for (let i = 50; i < lrPoints.length; i += 25) {
    await panel.send(lrPoints.slice(i, i + 25));
    await panel.frames();
  }
  assert.equal(await creations(panel, chart), 1, 'the plot was never re-created while points arrived');
  assert.ok(await canvas.evaluate((c) => c === document.querySelector('.lr-view canvas') && (c as HTMLCanvasElement).isConnected), 'same canvas element');
  assert.equal(await panel.page.evaluate(() => document.querySelectorAll('.lr-view .u-over').length), 1, 'one plot');
  assert.equal(await panel.page.getAttribute(chart, 'data-points'), String(lrPoints.length), 'every point is in the plotted data');
  const allPixels = await panel.plotPixels(chart);
  assert.ok(allPixels > earlyPixels * 1.2, `the curve grew: ${earlyPixels} → ${allPixels} px`);
  const last = lrPoints.at(-1) as Extract<ToWebviewMessage, { type: 'lrPoint' }>;
  assert.match((await panel.page.textContent('.lr-view .summary')) ?? '', new RegExp(`repeat ${last.repeat + 1}/3, step ${last.step + 1}/100`));

  await panel.send([...lrRepeatsDone, { type: 'lrResult', result: lrResult }]);
  await panel.frames();
  assert.equal(await creations(panel, chart), 1, 'the result is drawn into the same plot');
  const median = await panel.cssVariable('--vscode-charts-blue');
  const medianPixels = await panel.plotPixels(chart, median, 8);
  assert.ok(medianPixels > 300, `median curve in charts.blue: ${medianPixels} px`);
  for (const kind of LR_SUGGESTION_KINDS) {
    const s = lrResult.suggestions[kind];
    const row = `.suggestion-table tr[data-kind="${kind}"]`;
    if (!s) {
      assert.equal(await panel.page.textContent(`${row} td.value`), '–');
      continue;
    }
    assert.equal(await panel.page.textContent(`${row} td.value`), formatNumber(s.lr), kind);
    assert.equal(await panel.page.getAttribute(`${row} td.value`, 'title'), String(s.lr));
    assert.equal(await panel.page.textContent(`${row} td.spread`), `${s.spreadDecades.toFixed(2)} decades`);
    assert.equal(await panel.page.textContent(`${row} td.rule`), s.rule);
    // The marker: a dashed line in the suggestion's colour at its x.
    const color = await panel.cssVariable(kind === 'steep' ? '--vscode-charts-orange' : kind === 'valley' ? '--vscode-charts-green' : kind === 'minimum' ? '--vscode-charts-purple' : '--vscode-charts-red');
    assert.ok((await panel.plotPixels(chart, color, 8)) > 50, `${kind} marker drawn`);
  }
  assert.match((await panel.page.textContent('.lr-view .summary')) ?? '', new RegExp(`Finished: ${lrResult.reason}`));

  // Hovering reads the values at the pointer: the median there is one of the recording's median points.
  const over = (await panel.page.$('.lr-view .u-over'))!;
  const area = (await over.boundingBox())!;
  await panel.page.mouse.move(area.x + area.width * 0.3, area.y + area.height / 2);
  const readout = (await panel.page.textContent('.lr-view .readout')) ?? '';
  const shown = /median (\S+)/.exec(readout);
  assert.ok(shown && lrResult.median.some((p) => formatNumber(p.loss) === shown[1]), `readout "${readout}"`);

  const valley = lrResult.suggestions.valley!;
  const steep = lrResult.suggestions.steep!;
  await panel.clearPosted();
  await panel.page.click('.suggestion-table tr[data-kind="valley"] [data-action="apply"]');
  await panel.page.click('.suggestion-table tr[data-kind="steep"] [data-action="copy"]');
  await panel.page.click('#lr-rerun');
  assert.deepEqual(await panel.posted(), [{ type: 'applyLr', lr: valley.lr, suggestion: 'valley' }, { type: 'copyLr', lr: steep.lr }, { type: 'rerunLr' }]);

  // Status line and Cancel while something runs.
  await panel.send([{ type: 'status', running: true, message: 'Sweeping: repeat 2/3' }]);
  assert.equal(await panel.page.textContent('.status'), 'Sweeping: repeat 2/3');
  await panel.clearPosted();
  await panel.page.click('#cancel');
  assert.deepEqual(await panel.posted(), [{ type: 'cancel' }]);
  await panel.send([{ type: 'status', running: false, message: 'Cancelled' }]);
  assert.equal(await panel.page.isHidden('#cancel'), true, 'no Cancel when nothing runs');

  await panel.clearPosted();
  await panel.page.click('#lr-png');
  const [png] = await panel.posted();
  assert.ok(png?.type === 'exportData' && png.format === 'png' && png.content.startsWith('data:image/png;base64,'), 'PNG data URL');
  const bytes = Buffer.from(png.content.slice('data:image/png;base64,'.length), 'base64');
  assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
  assert.equal(bytes.readUInt32BE(16), await canvas.evaluate((c) => (c as HTMLCanvasElement).width), 'PNG as wide as the plot canvas');
  await assertClean(panel);
  await panel.page.context().close();
});

test('LR recommendation: the checked rate with its confidence, why and short runs, Apply/Copy post it; no rate: only why', { skip }, async () => {
  const panel = await harness.open('light');
  const recommended: LrResult = {
    ...lrResult,
    recommendation: {
      lr: 0.0464,
      confidence: 'high',
      basis: 'short-run',
      why: 'Checked by a short run: 7 rates from a third to a three-hundredth of the divergence LR 4.6e+0, 93 steps each from the same initial weights; 4.6e-2 reached the lowest held-out loss 0.337 (untrained 2.33).',
      checks: [
        { lr: 0.146, loss: 0.41 },
        { lr: 0.0464, loss: 0.337 },
        { lr: 1.46, loss: null },
      ],
      checkSteps: 93,
      initialLoss: 2.33,
      ownRate: { lr: 0.001, loss: 1.83 },
      flat: false,
    },
  };
  await panel.send([init, lrStarted, ...lrPoints, ...lrRepeatsDone, { type: 'lrResult', result: recommended }]);
  await panel.frames();
  assert.equal(await panel.page.textContent('.recommendation .recommended'), `Recommended learning rate ${formatNumber(0.0464)} — high confidence, checked by a short run`);
  assert.equal(await panel.page.textContent('.recommendation .why'), recommended.recommendation!.why);
  assert.equal(await panel.page.textContent('.recommendation .checks'), `Short runs (held-out loss after 93 steps): ${formatNumber(0.0464)} ${formatNumber(0.337)} · ${formatNumber(0.146)} ${formatNumber(0.41)} · ${formatNumber(1.46)} diverged`);
  // Beside it, the model's own compiled rate trained the same way (the status quo the recommendation beats).
  assert.equal(await panel.page.textContent('.recommendation .own-rate'), `The model's own rate 1e-3: held-out loss ${formatNumber(1.83)} after the same 93 steps (untrained ${formatNumber(2.33)})`);
  await panel.clearPosted();
  await panel.page.click('[data-action="apply-recommended"]');
  await panel.page.click('[data-action="copy-recommended"]');
  assert.deepEqual(await panel.posted(), [{ type: 'applyLr', lr: 0.0464, suggestion: 'recommended' }, { type: 'copyLr', lr: 0.0464 }]);

  // The exports carry it: a solid marker in the text colour on the chart, the headline and why under the PNG,
  // a row of the Table tab and the LR result CSV.
  const foreground = await panel.cssVariable('--vscode-editor-foreground');
  const markerPixels = await panel.plotPixels('[data-chart=lr]', foreground, 10);
  assert.ok(markerPixels >= 200, `the recommended rate's marker: ${markerPixels} pixels of ${foreground}`);
  await panel.clearPosted();
  await panel.page.click('#lr-png');
  const [png] = await panel.posted();
  assert.ok(png?.type === 'exportData' && png.format === 'png');
  const bytes = Buffer.from(png.content.slice('data:image/png;base64,'.length), 'base64');
  const canvasHeight = await panel.page.$eval('[data-chart=lr] canvas', (c) => (c as HTMLCanvasElement).height);
  assert.ok(bytes.readUInt32BE(20) >= canvasHeight + 3 * 16, `PNG ${bytes.readUInt32BE(20)} px high: the plot (${canvasHeight}) and at least 3 caption lines`);
  await panel.showTab('table');
  assert.equal(await panel.page.textContent('#lr-table tr[data-kind="recommended"] td.numeric'), formatNumber(0.0464));
  assert.match((await panel.page.textContent('#lr-table tr[data-kind="recommended"]')) ?? '', /high confidence, checked by a short run: Checked by a short run: 7 rates/);
  await panel.clearPosted();
  await panel.page.click('#export-lr-result-csv');
  const [csv] = await panel.posted();
  assert.ok(csv?.type === 'exportData' && csv.format === 'csv');
  assert.equal(csv.content, lrResultCsv(recommended));
  assert.match(csv.content.split('\n')[1], /^recommended,0\.0464,high,short-run,yes,0\.337,93,,"Checked by a short run: /);
  await panel.showTab('lr');

  const none: LrResult = { ...lrResult, recommendation: { confidence: 'none', basis: 'curve', why: 'No learning rate: the loss neither fell nor diverged over the sweep (flat noise).', flat: true } };
  await panel.send([{ type: 'lrResult', result: none }]);
  await panel.frames();
  assert.equal(await panel.page.textContent('.recommendation .recommended'), 'No recommended learning rate');
  assert.equal(await panel.page.textContent('.recommendation .why'), none.recommendation!.why);
  assert.equal(await panel.page.$('[data-action="apply-recommended"]'), null, 'no Apply without a rate');
});
