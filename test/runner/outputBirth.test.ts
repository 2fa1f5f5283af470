// A ReLU output born dead in a share of initialisations (runner/outputBirth.ts draws the layer's own initializers on the
// profiled batch; core/outputBirthRule.ts; docs/rules/dead-relu.md): the share against its closed form, the finding on
// the output layer's line whatever this run drew, and the near miss whose inputs no draw can leave all negative.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';
import type { OutputInfo } from '../../src/core/protocol';

const FIX = (f: string) => fixture('capacity', f);
const outcome = profileEach(['relu-output.js', 'relu-output-centred.js'], FIX, { steps: 5, backend: 'wasm' });
const outputsOf = async (f: string): Promise<OutputInfo[]> => {
  const model = (await outcome(f)).messages.find((m) => m.type === 'model');
  return model && model.type === 'model' ? (model.outputs ?? []) : [];
};

test('one ReLU unit on positive inputs: born dead in ~1/2 of the draws (closed form: a negative weight), dead-relu warning on its line', async () => {
  const [output] = await outputsOf('relu-output.js');
  const birth = output?.outputBirth;
  assert.ok(birth, JSON.stringify(output));
  assert.equal(birth.draws, 64);
  assert.equal(birth.rows, 32);
  // 64 draws: the share's standard error at 1/2 is 0.0625; the draws are seeded, so this is one fixed number.
  assert.ok(birth.deadShare > 0.3 && birth.deadShare < 0.7, String(birth.deadShare));
  assert.ok(birth.deadNow === 0 || birth.deadNow === 1, String(birth.deadNow));
  const { report } = await outcome('relu-output.js');
  const f = report.findings.find((x) => x.code === 'dead-relu' && x.severity === 'warning');
  assert.ok(f, findingSummary(report));
  assert.equal(f.line, lineOf(FIX('relu-output.js'), 'L:out'));
  // A run that drew a dead unit is reported by the dead-unit rule, which the born-dead reading then leaves alone.
  if (birth.deadNow === 0) assert.match(f.message, /^ReLU on the output layer is born dead in \d+ % of initialisations: .*This run drew live weights/);
  else assert.match(f.message, /^Dead ReLU: 100 % of .* output 0 for every example/);
});

test('near miss: the same unit on inputs centred on 0 is never born dead, and raises no dead-relu', async () => {
  const [output] = await outputsOf('relu-output-centred.js');
  assert.equal(output?.outputBirth?.deadShare, 0);
  const { report } = await outcome('relu-output-centred.js');
  assert.ok(!report.findings.some((x) => x.code === 'dead-relu'), findingSummary(report));
});
