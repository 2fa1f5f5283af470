// What a related site is travels as its kind (protocol RELATED_KINDS), and every view reads the kind — never the display
// name: the Problems panel and SARIF (core/findingSites.ts relatedSites), the CLI's "also"/"see", the hover on a layer
// and on a line that made no layer (core/lineHover.ts), and the panel's "Not checked" section's schema.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { relatedSites } from '../../src/core/findingSites';
import { hoverMarkdown } from '../../src/core/presentation';
import { lineFindingsMarkdown, probeStopsMarkdown } from '../../src/core/lineHover';
import { applyMessage, emptyReport, type ReportFinding, type ReportLayer } from '../../src/core/report';
import { findingLines } from '../../src/cli/shared';
import { runSarif } from '../../src/cli/sarif';
import { decodeToWebview, encodePanelMessage } from '../../src/core/panelProtocol';
import { probeStopText } from '../../src/core/probeStops';
import type { ProbeStop } from '../../src/core/protocol';

const file = '/w/train.js';
// The user named the first Dense layer `inputs` (line 12); the inputs' tensor was made on line 4.
const layers: ReportLayer[] = [
  { name: 'inputs', className: 'Dense', file, line: 12, gradNorm: 1e-3, verdicts: ['saturation'], weights: [], steps: [] },
  { name: 'dense_2', className: 'Dense', file, line: 13, gradNorm: 1e-3, verdicts: ['saturation'], weights: [], steps: [] },
];
const finding: ReportFinding = {
  code: 'saturation',
  severity: 'warning',
  message: 'saturated',
  layer: 'dense_2',
  file,
  line: 13,
  related: [
    { layer: 'inputs', file, line: 4, message: 'the unscaled inputs given to fit(), made here', kind: 'inputs' },
    { layer: 'inputs', file, line: 12, message: 'saturated too' },
  ],
};

test('the inputs\' line stays on its own line beside a layer of the same name; each site says what it is', () => {
  assert.deepEqual(
    relatedSites(layers, finding).map((r) => [r.line, r.kind, r.message]),
    [
      [4, 'inputs', 'inputs: the unscaled inputs given to fit(), made here'],
      [12, 'layer', 'inputs: saturated too'],
    ],
  );
  // Before kinds, the name `inputs` sent the inputs' site to the layer's line 12.
  const sarif = runSarif({ file, layers, findings: [finding], status: 'done', partial: false }, false);
  assert.deepEqual(
    sarif.runs[0].results?.[0].relatedLocations?.map((r) => [r.physicalLocation?.region?.startLine, r.properties?.kind]),
    [
      [4, 'inputs'],
      [12, 'layer'],
    ],
  );
});

test('CLI: a layer is "also" affected, a line of the script is where to "see"', () => {
  const lines = findingLines(layers, finding, 'WARNING saturation dense_2');
  assert.match(lines[2], /^ {6}see inputs \(.*train\.js:4\): the unscaled inputs/);
  assert.match(lines[3], /^ {6}also inputs \(.*train\.js:12\): saturated too/);
});

test('hover on the layer named `inputs`: its own evidence is the layer\'s, and the inputs\' line is pointed at, not taken for it', () => {
  const md = hoverMarkdown([layers[0]], [finding], (c) => `https://rules/${c}`);
  assert.match(md, /This layer: saturated too\./);
  assert.doesNotMatch(md, /This layer: the unscaled inputs/);
  assert.match(md, /See line 4 \(inputs\): the unscaled inputs given to fit\\\(\\\), made here\./);
});

test('hover on a line that made no layer: the finding there, its related lines; a watched run says the step', () => {
  const nan: ReportFinding = {
    code: 'non-finite',
    severity: 'error',
    message: 'First NaN/Inf at step 3: the batch itself holds NaN/Inf',
    file,
    line: 8,
    step: 3,
    related: [{ layer: '`rows`', file, line: 6, message: 'defined here: the inputs given to fit() (line 8) are made from it', kind: 'definition' }],
  };
  assert.equal(
    lineFindingsMarkdown([nan], (c) => `https://rules/${c}`, true),
    '**error** ([non-finite](https://rules/non-finite)): First NaN/Inf at step 3: the batch itself holds NaN/Inf\n\n- see \\`rows\\` (line 6): defined here: the inputs given to fit\\(\\) \\(line 8\\) are made from it',
  );
  assert.match(lineFindingsMarkdown([{ ...nan, message: 'NaN' }], (c) => c, true), /NaN \(from step 3\)/);
});

const initStop: ProbeStop = { probe: 'init', reason: 'budget', limitMs: 15_000, spentMs: 15_400, steps: 12, plannedSteps: 80, check: 'whether N(0, 1) weights cost training' };
const shortened: ProbeStop = { probe: 'plan', reason: 'shortened', limitMs: 15_000, spentMs: 15_000, steps: 40, plannedSteps: 80, check: "whether the script's planned steps leave the loss's plateau" };

test('hover on the model line: the checks not made, then those made on fewer steps, in the CLI\'s words', () => {
  const md = probeStopsMarkdown([shortened, initStop], 'wasm');
  const [notChecked, fewer] = md.split('\n\n**');
  assert.match(notChecked, /^\*\*Not checked\*\* \(checks after the profiled steps\):\n\n- The initialisation probe stopped at its 15 s compute budget after 12 of 80 steps/);
  assert.match(fewer, /^Checked on fewer steps\*\* \(checks after the profiled steps\):\n\n- The plan preview ran 40 of the 80 steps/);
  assert.equal(probeStopsMarkdown([], 'wasm'), '');
});

test('the panel\'s profile message carries the stops, validated: a malformed stop drops the message with a reason', () => {
  const report = emptyReport('/w/model.js');
  report.backend = 'tensorflow';
  applyMessage(report, { type: 'probeStop', ...initStop });
  const decoded = decodeToWebview(encodePanelMessage({ type: 'profile', report }));
  assert.ok(decoded?.type === 'profile');
  assert.deepEqual(decoded.report.probeStops, [initStop]);
  assert.match(probeStopText(decoded.report.probeStops![0], decoded.report.backend), /wall clock is charged/);
  const reasons: string[] = [];
  const bad = JSON.parse(encodePanelMessage({ type: 'profile', report }));
  bad.report.probeStops[0].reason = 'tired';
  assert.equal(decodeToWebview(JSON.stringify(bad), (r) => reasons.push(r)), undefined);
  assert.match(reasons[0], /report\.probeStops\.0\.reason/);
});
