// Layers made by the user's own helper functions: each on the line of the model code that asked for it when
// the helper's line serves several calling lines, on the helper's line otherwise (core/layerPlacement).
// Lines are read from the runner's events (the `model` message's layers, through the report).
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { fixture, lineOf, pool, profile, type RunOutcome } from './helpers';

const H = (f: string) => fixture('helper-layers', f);

/** [className, file, marker of the line it is placed on, via: [file, marker, function][] innermost first]. */
type Row = [string, string, string, [string, string, string][]];

const CASES: Record<string, Row[]> = {
  'three-calls.js': [
    ['Dense', 'three-calls.js', 'L:first', [['three-calls.js', 'L:helper', 'dense']]],
    ['Dense', 'three-calls.js', 'L:second', [['three-calls.js', 'L:helper', 'dense']]],
    ['Dense', 'three-calls.js', 'L:out', [['three-calls.js', 'L:helper', 'dense']]],
  ],
  'three-calls.ts': [
    ['Dense', 'three-calls.ts', 'L:first', [['three-calls.ts', 'L:helper', 'dense']]],
    ['Dense', 'three-calls.ts', 'L:out', [['three-calls.ts', 'L:helper', 'dense']]],
  ],
  'one-call.js': [
    ['Dense', 'one-call.js', 'L:helper', []],
    ['Dense', 'one-call.js', 'L:out', []],
  ],
  'loops.js': [
    ['Dense', 'loops.js', 'L:loop', []],
    ['Dense', 'loops.js', 'L:loop', []],
    ['Dense', 'loops.js', 'L:calls-in-loop', [['loops.js', 'L:helper', 'dense']]],
    ['Dense', 'loops.js', 'L:calls-in-loop', [['loops.js', 'L:helper', 'dense']]],
    ['Dense', 'loops.js', 'L:out', [['loops.js', 'L:helper', 'dense']]],
  ],
  'loop-helper-only.js': [
    ['Dense', 'loop-helper-only.js', 'L:helper', []],
    ['Dense', 'loop-helper-only.js', 'L:helper', []],
    ['Dense', 'loop-helper-only.js', 'L:helper', []],
    ['Dense', 'loop-helper-only.js', 'L:out', []],
  ],
  'recursion.js': [
    ['Dense', 'recursion.js', 'L:add', []],
    ['Dense', 'recursion.js', 'L:add', []],
    ['Dense', 'recursion.js', 'L:add', []],
    ['Dense', 'recursion.js', 'L:out', []],
  ],
  'builder.js': [
    ['Dense', 'builder.js', 'L:first', [['builder.js', 'L:method', 'dense']]],
    ['Dense', 'builder.js', 'L:out', [['builder.js', 'L:method', 'dense']]],
  ],
  'other-file.js': [
    ['Dense', 'other-file.js', 'L:block-a', [['lib/blocks.js', 'L:dense', 'dense'], ['lib/blocks.js', 'L:block-hidden', 'block']]],
    ['Dense', 'other-file.js', 'L:block-a', [['lib/blocks.js', 'L:dense', 'dense'], ['lib/blocks.js', 'L:block-out', 'block']]],
    ['Dense', 'other-file.js', 'L:block-b', [['lib/blocks.js', 'L:dense', 'dense'], ['lib/blocks.js', 'L:block-hidden', 'block']]],
    ['Dense', 'other-file.js', 'L:block-b', [['lib/blocks.js', 'L:dense', 'dense'], ['lib/blocks.js', 'L:block-out', 'block']]],
    ['Dense', 'other-file.js', 'L:out', [['lib/blocks.js', 'L:dense', 'dense']]],
  ],
  'two-models.js': [
    ['Dense', 'two-models.js', 'L:hidden', [['two-models.js', 'L:helper', 'dense']]],
    ['Dense', 'two-models.js', 'L:out', [['two-models.js', 'L:helper', 'dense']]],
  ],
};

const files = Object.keys(CASES);
const all = pool(files, 2, async (f) => [f, await profile(H(f), { steps: 1 })] as const);
const outcome = async (f: string): Promise<RunOutcome> => (await all).find(([k]) => k === f)![1];

describe('layers made by helpers: placed by the call chain', () => {
  for (const file of files) {
    test(file, async () => {
      const { report } = await outcome(file);
      assert.equal(report.status, 'done', JSON.stringify(report.error));
      const got = report.layers.map((l) => [l.className, l.file, l.line, (l.via ?? []).map((f) => [f.file, f.line, f.function])]);
      const want = CASES[file].map(([cls, f, m, via]) => [
        cls,
        path.resolve(H(f)),
        lineOf(H(f), m),
        via.map(([vf, vm, fn]) => [path.resolve(H(vf)), lineOf(H(vf), vm), fn]),
      ]);
      assert.deepEqual(got, want);
    });
  }
});
