import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  decodeFromWebview,
  decodePanelState,
  decodeToWebview,
  encodePanelMessage,
  type ToWebviewMessage,
} from '../../src/core/panelProtocol';
import { emptyReport } from '../../src/core/report';

test('host→webview messages round-trip with NaN and ±Infinity intact', () => {
  const point: ToWebviewMessage = { type: 'lrPoint', repeat: 0, step: 3, lr: 1e-3, loss: NaN, smoothed: Infinity };
  const decoded = decodeToWebview(encodePanelMessage(point));
  assert.ok(decoded && decoded.type === 'lrPoint');
  assert.ok(Number.isNaN(decoded.loss));
  assert.equal(decoded.smoothed, Infinity);
});

test('a ProfileReport travels as a profile message (layer NaN norm before step 0)', () => {
  const report = emptyReport('/w/model.js');
  report.layers.push({ name: 'flatten', className: 'Flatten', gradNorm: NaN, verdicts: [], weights: [], steps: [] });
  const decoded = decodeToWebview(encodePanelMessage({ type: 'profile', report }));
  assert.ok(decoded && decoded.type === 'profile');
  assert.equal(decoded.report.layers[0].name, 'flatten');
  assert.ok(Number.isNaN(decoded.report.layers[0].gradNorm));
});

test('malformed and unknown messages decode to undefined with a reason, never throw', () => {
  const reasons: string[] = [];
  const log = (r: string) => reasons.push(r);
  assert.equal(decodeToWebview({ type: 'init' }, log), undefined);
  assert.equal(decodeToWebview('{not json', log), undefined);
  assert.equal(decodeToWebview('{"type":"explode"}', log), undefined);
  assert.equal(decodeToWebview('{"type":"init","file":3,"title":"t"}', log), undefined);
  assert.equal(decodeFromWebview('{"type":"applyLr","lr":-1,"suggestion":"valley"}', log), undefined);
  assert.equal(decodeFromWebview('{"type":"revealLayer","layer":"d","file":"/a.js","line":0}', log), undefined);
  assert.equal(decodeFromWebview('"__proto__"', log), undefined);
  assert.equal(reasons.length, 7);
  assert.match(reasons[0], /expected a JSON string, got object/);
  assert.match(reasons[1], /not JSON/);
  assert.match(reasons[3], /type init\): file: /);
  assert.match(reasons[4], /type applyLr\): lr: /);
});

test('webview→host messages decode to exactly what was sent', () => {
  const sent = { type: 'applyLr', lr: 3.2e-3, suggestion: 'valley' } as const;
  assert.deepEqual(decodeFromWebview(encodePanelMessage(sent)), sent);
  const reveal = { type: 'revealLayer', layer: 'conv2d_1', file: '/w/model.js', line: 12, column: 5 } as const;
  assert.deepEqual(decodeFromWebview(encodePanelMessage(reveal)), reveal);
});

test('persisted state: host reads file/title/tab back, rejects anything else', () => {
  const state = { version: 1, file: '/w/model.js', title: 'model.js', tab: 'lr', data: '{}' };
  assert.deepEqual(decodePanelState(state), state);
  assert.equal(decodePanelState({ ...state, version: 2 }), undefined);
  assert.equal(decodePanelState(undefined), undefined);
});

test('non-finite numbers inside arrays survive; histogram counts must be finite', () => {
  const result = { median: [{ lr: 1e-3, loss: NaN }, { lr: 1e-2, loss: -Infinity }], band: [], suggestions: {}, stoppedEarly: true, reason: 'loss is NaN' };
  const decoded = decodeToWebview(encodePanelMessage({ type: 'lrResult', result }));
  assert.ok(decoded && decoded.type === 'lrResult');
  assert.ok(Number.isNaN(decoded.result.median[0].loss));
  assert.equal(decoded.result.median[1].loss, -Infinity);

  const report = emptyReport('/w/model.js');
  report.layers.push({ name: 'd', className: 'Dense', gradNorm: 1, verdicts: [], weights: [], steps: [{ step: 0, gradNorm: 1, histogram: [1, NaN] }] });
  const reasons: string[] = [];
  assert.equal(decodeToWebview(encodePanelMessage({ type: 'profile', report }), (r) => reasons.push(r)), undefined);
  assert.match(reasons[0], /report\.layers\.0\.steps\.0\.histogram: expected an array of finite numbers/);
});
