// An array filled element by element is defined by its writes (src/core/arrayWrites.ts through core/valueOrigins.ts):
// the push in a loop is where a raw value enters the tensor fit() trains on, and so the line its fix edits.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { valueOrigins } from '../../src/core/valueOrigins';

const at = (source: string, line: number) => valueOrigins(source, 'model.js', { line }).map((o) => `${o.name}@${o.line}`);

test('rows pushed in a loop: the push is the origin, not the empty declaration', () => {
  const source = [
    'const inputs = [];', // 1
    'const outputs = [];', // 2
    'for (let i = 0; i < 100; i++) {', // 3
    '  const x = Math.floor(Math.random() * 300);', // 4
    '  inputs.push([x]);', // 5
    '  outputs.push([x >= 150 ? 1 : 0]);', // 6
    '}', // 7
    'const xs = tf.tensor2d(inputs);', // 8
    'const ys = tf.tensor2d(outputs);', // 9
  ].join('\n');
  assert.deepEqual(at(source, 8), ['inputs@5']);
  assert.deepEqual(at(source, 9), ['outputs@6']);
});

test('unshift, splice, index assignment and self-concat are writes; a literal with elements of its own stays a definition', () => {
  const source = [
    'const a = [[0, 0]];', // 1
    'a.unshift([1, 1]);', // 2
    'a.splice(1, 0, [2, 2], [3, 3]);', // 3
    'const b = [];', // 4
    'for (let i = 0; i < 4; i++) b[i] = [i / 4];', // 5
    'let c = [];', // 6
    'c = c.concat([[5]]);', // 7
    'c = [...c, [6]];', // 8
    'fit(tf.tensor2d(a), tf.tensor2d(b), tf.tensor2d(c));', // 9
  ].join('\n');
  assert.deepEqual(at(source, 9), ['a@1', 'a@2', 'a@3', 'b@5']);
  // splice's first two arguments are positions, not values: only its items count (line 3 once).
  assert.deepEqual(valueOrigins(source, 'model.js', { line: 9, column: source.split('\n')[8].lastIndexOf('tensor2d') + 1 }).map((o) => o.line), [7, 8]);
});

test('a bare name pushed only passes its value on: its definition is the origin, through rows filled in an inner loop', () => {
  const source = [
    'const table = [];', // 1
    'for (const r of raw) {', // 2
    '  const row = [];', // 3
    '  for (const v of r) row.push(v * 255);', // 4
    '  table.push(row);', // 5
    '}', // 6
    'const labels = [];', // 7
    'for (const r of raw) {', // 8
    '  const label = r.y * 10;', // 9
    '  labels.push(label);', // 10
    '}', // 11
    'fit(tf.tensor2d(table), tf.tensor2d(labels));', // 12
  ].join('\n');
  assert.deepEqual(at(source, 12), ['row@4', 'label@9']);
});

test('near misses: an array rebound otherwise, a loop parameter pushed, writes after the call, a method that reads', () => {
  const source = [
    'let a = [];', // 1
    'a.push([1]);', // 2
    'a = a.map((r) => r);', // 3
    'const b = [];', // 4
    'raw.forEach((d) => b.push(d));', // 5
    'const c = [[1]];', // 6
    'c.slice(0, 1); c.indexOf(1);', // 7
    'const d = [];', // 8
    'fit(tf.tensor2d(a), tf.tensor2d(b), tf.tensor2d(c), tf.tensor2d(d));', // 9
    'd.push([1]);', // 10
  ].join('\n');
  // a: rebound by map (unresolved, as any reassigned name); b: the push line (d is a parameter, no definition to follow);
  // c: its declaration (slice/indexOf write nothing); d: written only after the call — nothing reaches it, and its
  // empty declaration defines no value.
  assert.deepEqual(at(source, 9), ['b@5', 'c@6']);
});
