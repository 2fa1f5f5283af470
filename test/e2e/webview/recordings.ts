// The recorded protocol streams the panel's browser tests replay (record.ts made them from a real profile of
// examples/deep-sigmoid and a real LR range test of examples/mnist-cnn), and the checks every test ends with.
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { type PanelReport, type ToWebviewMessage } from '../../../src/core/panelProtocol';
import { parseWithNonFinite, type LrRequest, type LrResult } from '../../../src/core/protocol';
import { chromiumPath, repoRoot, type PanelPage } from './harness';

export const fixtures = path.join(repoRoot, 'test/fixtures/panel');
export const shots = path.join(process.env.GRADIENT_LENS_TEST_OUT ?? path.join(repoRoot, 'test-output'), 'webview');
export const skip = fs.existsSync(chromiumPath()) ? false : `Chromium not found at ${chromiumPath()} (scripts/install-vscode-test-tools.sh installs it; CHROMIUM_PATH overrides)`;

// ---- the recordings, checked against the protocol first ------------------------------------------------

export const report = parseWithNonFinite(fs.readFileSync(path.join(fixtures, 'profile-deep-sigmoid.json'), 'utf8')) as PanelReport;
export const lrRecording = parseWithNonFinite(fs.readFileSync(path.join(fixtures, 'lr-mnist-cnn.json'), 'utf8')) as {
  request: LrRequest;
  document: LrResult & { points: { step: number; lr: number; loss: number; smoothed: number }[][]; repeats: { repeat: number; stoppedEarly: boolean; reason: string }[] };
};
export const lrDoc = lrRecording.document;
export const lrResult: LrResult = { median: lrDoc.median, band: lrDoc.band, suggestions: lrDoc.suggestions, divergenceLr: lrDoc.divergenceLr, stoppedEarly: lrDoc.stoppedEarly, reason: lrDoc.reason };
export const lrPoints: ToWebviewMessage[] = [];
export const lrRepeatsDone: ToWebviewMessage[] = [];
lrDoc.points.forEach((points, repeat) => {
  for (const p of points) lrPoints.push({ type: 'lrPoint', repeat, step: p.step, lr: p.lr, loss: p.loss, smoothed: p.smoothed });
});
for (const r of lrDoc.repeats) lrRepeatsDone.push({ type: 'lrRepeatDone', ...r });
export const init: ToWebviewMessage = { type: 'init', file: report.file, title: path.basename(report.file) };
export const lrStarted: ToWebviewMessage = { type: 'lrStarted', request: lrRecording.request };
export const lrStream: ToWebviewMessage[] = [lrStarted, ...lrPoints, ...lrRepeatsDone, { type: 'lrResult', result: lrResult }];
export const profileMessage: ToWebviewMessage = { type: 'profile', report };
export const trainable = report.layers.filter((l) => l.weights.length > 0);

export async function assertClean(panel: PanelPage): Promise<void> {
  assert.deepEqual(panel.pageErrors, [], 'page errors');
  assert.deepEqual(await panel.violations(), [], 'CSP violations');
  const errors = (await panel.posted()).filter((m) => m.type === 'log' && m.level === 'error');
  assert.deepEqual(errors, [], 'error logs posted by the panel');
}

export const creations = (panel: PanelPage, selector: string) => panel.page.$eval(selector, (el) => Number((el as HTMLElement).dataset.creations));
