// Dead ReLU units at the end of the script's plan from a start written in the program (core/planStartRule.ts,
// runner/planStart.ts), on 20 XOR rows (test/fixtures/runner/plan-start/): TinyTorch's seed-7 draws stall with
// units dead where the layers' own draws train (fires, on the hidden layer's line); the fix's seed-1986 draws keep
// training to the plan's end (near miss: one run, no draws); the layers' own draws (no written start) are not probed.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach } from './helpers';
import type { RunnerMessageOf } from '../../src/core/protocol';

const FIX = (f: string) => fixture('plan-start', f);
const outcome = profileEach(['dead-start.js', 'live-start.js', 'drawn-start.js'], FIX, { steps: 20, backend: 'wasm' });
const startProbes = (messages: readonly { type: string }[]) => messages.filter((m): m is RunnerMessageOf<'probe'> => m.type === 'probe' && (m as RunnerMessageOf<'probe'>).kind === 'start');

test('seed-7 start: the plan stalls with hidden units dead, most fresh draws end below half its loss — dead-relu on the hidden layer', async () => {
  const { report, messages } = await outcome('dead-start.js');
  const found = report.findings.filter((f) => f.code === 'dead-relu' && f.severity === 'warning');
  assert.equal(found.length, 1, findingSummary(report));
  assert.equal(found[0].file, FIX('xor-model.js'));
  assert.equal(found[0].line, lineOf(FIX('xor-model.js'), 'L:hidden'));
  assert.match(found[0].message, /initial weights written in the program .*\(500 planned steps\).*\(3 of 4 at most 0.5× yours\)/);
  const [probe] = startProbes(messages);
  assert.equal(probe.every, 500);
  // numpy, the same arithmetic: 0.687 at the start, 0.350 at step 375, 0.349 at 500, one of the four units dead.
  assert.ok(Math.abs(probe.losses[1] - 0.35) < 0.005 && Math.abs(probe.losses[2] - 0.3487) < 0.005, `losses ${probe.losses} (numpy 0.350, 0.349)`);
  assert.deepEqual(probe.shares, [0.25]);
  assert.equal(probe.redrawnLows?.length, 4);
});

test('seed-1986 start: still falling at the plan end — quiet, and no fresh draws are run', async () => {
  const { report, messages } = await outcome('live-start.js');
  assert.deepEqual(report.findings.filter((f) => f.severity !== 'info'), [], findingSummary(report));
  assert.deepEqual(startProbes(messages), []);
  assert.ok(!messages.some((m) => m.type === 'phase' && /fresh draw/.test((m as { message?: string }).message ?? '')));
});

test('no written start: the probe does not run', async () => {
  const { messages } = await outcome('drawn-start.js');
  assert.ok(!messages.some((m) => m.type === 'phase' && /written start/.test((m as { message?: string }).message ?? '')));
});
