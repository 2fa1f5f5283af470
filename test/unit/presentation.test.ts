// Decoration text, sparklines, status summary and hover Markdown (src/core/presentation.ts).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { hoverMarkdown, lineDecoration, sparkline, statusSummary, verdictColor } from '../../src/core/presentation';
import type { FindingCode } from '../../src/core/protocol';
import { emptyReport, type ReportLayer } from '../../src/core/report';

function layer(name: string, gradNorm: number, verdicts: FindingCode[] = [], weights = 1): ReportLayer {
  return {
    name,
    className: 'Dense',
    activation: 'relu',
    line: 3,
    gradNorm,
    verdicts,
    weights: Array.from({ length: weights }, (_, i) => ({
      name: `${name}/${i ? 'bias' : 'kernel'}`,
      shape: i ? [4] : [3, 4],
      gradNorm,
      stats: { name: `${name}/kernel`, gradNorm, meanAbs: gradNorm / 10, maxAbs: gradNorm, zeroShare: 0.25, nanCount: 0, infCount: 0, weightNorm: 2, ratio: gradNorm / 2, histogram: [] },
      steps: [],
    })),
    steps: [0.1, 0.01, 0.001].map((g, step) => ({ step, gradNorm: g })),
  };
}

test('sparkline: log scale, zeros and non-finite marked, flat series in the middle', () => {
  assert.equal(sparkline([1e-3, 1e-2, 1e-1, 1]), '▁▃▆█');
  assert.equal(sparkline([5, 5, 5]), '▄▄▄');
  assert.equal(sparkline([1, 0, NaN, 100]), '▁_!█');
  assert.equal(sparkline([]), '');
});

test('one layer: norm, verdict words when unhealthy, colour by the worst verdict', () => {
  assert.deepEqual(lineDecoration([layer('a', 0.0021)]), { text: '∇ 2.1e-3', verdicts: [], color: 'healthy' });
  const d = lineDecoration([layer('a', 3.3e-13, ['vanishing', 'non-finite'])]);
  // The worst verdict and a count: long lines cut the after-text off; the hover lists them all.
  assert.equal(d.text, '∇ 3.3e-13 NaN/Inf +1');
  assert.equal(d.color, 'nonFinite');
  assert.equal(lineDecoration([layer('a', NaN, ['non-finite'])]).text, '∇ NaN NaN/Inf');
  assert.equal(lineDecoration([layer('a', 1, [], 0)]).text, '∇ –');
});

test('several layers on one line aggregate: count, range, verdict counts', () => {
  const d = lineDecoration([layer('a', 0.0012), layer('b', 0.045, ['vanishing']), layer('c', 0.003, ['vanishing'])]);
  assert.equal(d.text, '∇ 3× 1.2e-3–0.045 · 2 vanishing');
  assert.equal(d.color, 'vanishing');
  assert.equal(lineDecoration([layer('a', 1), layer('b', 1)]).text, '∇ 2× 1');
  assert.equal(lineDecoration([layer('a', 1), layer('b', NaN, ['non-finite'])]).text, '∇ 2× 1 +1 NaN/Inf · 1 NaN/Inf');
});

test('detailed style adds the ratio and the trend; stale lines are dimmed', () => {
  assert.equal(lineDecoration([layer('a', 0.5)], 'detailed').text, '∇ 0.5  ‖g‖/‖w‖ 0.25  █▅▁');
  const stale = lineDecoration([layer('a', 0.5, ['exploding'])], 'compact', true);
  assert.equal(stale.color, 'stale');
  assert.equal(stale.text, '∇ 0.5 exploding (edited)');
  assert.equal(verdictColor(['saturation', 'dead-relu']), 'dead');
});

test('status summary counts layers per verdict', () => {
  const r = emptyReport('/m.js');
  r.status = 'done';
  r.layers = [layer('a', 1, ['vanishing']), layer('b', 1, ['vanishing', 'dead-relu']), layer('c', 1)];
  assert.equal(statusSummary(r), '$(pulse) 1 dead · 2 vanishing');
  r.layers = [layer('c', 1)];
  assert.equal(statusSummary(r), '$(pulse) healthy');
  r.status = 'failed';
  assert.equal(statusSummary(r), '$(error) profile failed');
});

test('hover: a table row per weight, the trend, the verdict with its rule link', () => {
  const md = hoverMarkdown([layer('dense_1', 3e-9, ['vanishing'], 2)], [{ code: 'vanishing', severity: 'warning', message: 'Vanishing gradient.', layer: 'dense_1' }], (c) => `https://x/docs/rules/${c}.md`);
  assert.match(md, /\*\*dense\\_1\*\* · Dense · relu — ‖g‖ 3\.0e-9 · trend `█▅▁` \(steps 0–2\)/);
  assert.match(md, /\| kernel \| 3×4 \| 3\.0e-9 \| 3\.0e-10 \| 3\.0e-9 \| 25 % \| 1\.5e-9 \| 0\/0 \|/);
  assert.match(md, /\| bias \| 4 \|/);
  assert.match(md, /\*\*vanishing\*\* \(\[vanishing\]\(https:\/\/x\/docs\/rules\/vanishing\.md\)\): Vanishing gradient\./);
});

test('hover: "—" for ‖g‖/‖w‖ where ‖w‖ = 0; a related layer shows its own evidence and the cause it points at', () => {
  const zeroBias = layer('b1', 0.2, ['vanishing'], 2);
  zeroBias.weights[1].stats = { ...zeroBias.weights[1].stats, weightNorm: 0, ratio: Infinity };
  const findings = [
    {
      code: 'vanishing' as const,
      severity: 'warning' as const,
      message: 'No gradient reaches 2 layers at lines 3–4: the dense layer dead (line 8) is dead.',
      layer: 'a0',
      related: [{ layer: 'b1', message: '‖g‖ 0 at step 0, 0 at step 20', file: '/m.js', line: 4 }],
      cause: { layer: 'dead', message: 'the dense layer dead (line 8) is dead (100 % of its units output 0)', file: '/m.js', line: 8 },
    },
    { code: 'dead-relu' as const, severity: 'info' as const, message: 'Present at initialization, resolved.', layer: 'b1' },
  ];
  const md = hoverMarkdown([zeroBias], findings, (c) => `https://x/${c}`);
  assert.match(md, /\| bias \| 4 \| 0\.2 \| 0\.02 \| 0\.2 \| 25 % \| — \| 0\/0 \|/);
  assert.match(md, /\| kernel \| 3×4 \| 0\.2 \| 0\.02 \| 0\.2 \| 25 % \| 0\.1 \| 0\/0 \|/);
  const plain = md.replace(/\\/g, ''); // Markdown escapes removed
  assert.match(plain, /This layer: ‖g‖ 0 at step 0, 0 at step 20\. No gradient reaches it only because the dense layer dead \(line 8\) is dead \(100 % of its units output 0\)\. No gradient reaches 2 layers/);
  assert.match(md, /_Note_ \(\[dead-relu\]\(https:\/\/x\/dead-relu\)\): Present at initialization, resolved\./);
  // The detailed decoration shows "—" for a layer whose weights are all zero.
  const zero = layer('z', 0.5);
  zero.weights[0].stats = { ...zero.weights[0].stats, weightNorm: 0 };
  assert.equal(lineDecoration([zero], 'detailed').text, '∇ 0.5  ‖g‖/‖w‖ —  █▅▁');
});
