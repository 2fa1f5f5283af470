// `gradient-lens gradcheck`: a custom layer whose hand-written gradient (tf.customGrad) is wrong is flagged
// at its class line, the correct one passes, built-in layers are not listed — on every backend available
// (cpu, wasm, and tensorflow when the native lane is set up).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, fixture, lineOf } from './helpers';
import { makeNativeWorkspace, NATIVE_SKIP, nativeTfjsNodeDir } from './nativeLane';
import { parseWithNonFinite } from '../../src/core/protocol';
import type { GradcheckReport } from '../../src/core/gradcheckReport';

const SWISH = fixture('gradcheck', 'swish.js');

async function gradcheck(file: string, ...args: string[]) {
  const run = await cli(['gradcheck', file, '--json', ...args]);
  return { code: run.code, report: parseWithNonFinite(run.stdout) as GradcheckReport, stderr: run.stderr };
}

function assertVerdicts(report: GradcheckReport, file: string) {
  assert.deepEqual(report.layers.map((l) => [l.name, l.className, l.ok]), [['good_swish', 'GoodSwish', true], ['bad_swish', 'BadSwish', false]]);
  const [good, bad] = report.layers;
  assert.ok(good.maxRelError < 1e-3, `correct gradient: max relative error ${good.maxRelError}`);
  assert.ok(bad.maxRelError > 0.1, `wrong gradient: max relative error ${bad.maxRelError}`);
  assert.equal(bad.file, file);
  assert.equal(bad.line, lineOf(SWISH, 'L:bad'));
  assert.equal(good.line, lineOf(SWISH, 'L:good'));
  // The wrong dβ (the sigmoid's derivative dropped) is what fails; every weight and input was differenced.
  assert.deepEqual(bad.weights.map((w) => w.name), ['bad_swish/beta', 'input 0']);
  assert.ok(bad.weights[0].relError > 0.5 && bad.weights[0].checked === 8);
}

for (const backend of ['cpu', 'wasm']) {
  test(`${backend}: the wrong custom gradient fails at its class line (exit 1), the right one passes`, async () => {
    const { code, report } = await gradcheck(SWISH, '--backend', backend);
    assert.equal(report.backend, backend);
    assertVerdicts(report, SWISH);
    assert.equal(code, 1);
  });
}

test('tensorflow (native lane): the same verdicts', { skip: nativeTfjsNodeDir() ? false : NATIVE_SKIP }, async () => {
  const ws = makeNativeWorkspace([SWISH])!;
  try {
    const file = path.join(ws, 'swish.js');
    const { code, report } = await gradcheck(file, '--backend', 'tensorflow');
    assert.equal(report.backend, 'tensorflow');
    assertVerdicts(report, file);
    assert.equal(code, 1);
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
  }
});

test('only correct custom layers: exit 0; text output names each layer and its class line', async () => {
  const { code, report } = await gradcheck(SWISH, '--args', '["good"]');
  assert.equal(code, 0);
  assert.deepEqual(report.layers.map((l) => l.ok), [true]);
  const text = await cli(['gradcheck', SWISH, '--args', '["bad"]']);
  assert.equal(text.code, 1);
  assert.match(text.stdout, new RegExp(`swish\\.js:${lineOf(SWISH, 'L:bad')}: BadSwish \\(bad_swish\\): its gradient disagrees with finite differences — bad_swish/beta relative error`));
});

test('a model of built-in layers only: nothing to check, exit 0', async () => {
  const { code, report } = await gradcheck(fixture('demos', 'relu-he20.js'));
  assert.equal(code, 0);
  assert.deepEqual(report.layers, []);
  const text = await cli(['gradcheck', fixture('demos', 'relu-he20.js')]);
  assert.match(text.stdout, /No user-defined layers: nothing to check/);
});
