// What bench/realworld batch 13 showed failing poorly, on fixtures of the same shapes (test/fixtures/runner/bundler-assets):
// - a Parcel page's module importing a .txt book was run as JavaScript by Node's CommonJS loader ("Syntax error:
//   Unexpected identifier 'Cat'" at drseuss.txt:1); it must say what the import is and that a bundler makes it.
//   Near miss: the same text read with fs profiles.
// - a Babel-built ES5 class (build/models/mnist.js: a constructor function with its methods on its prototype) was
//   taken for a factory ("The factory "default" needs arguments (options)"); it must be named as a class, like a
//   class written as one. Near miss: an ordinary exported function (its prototype holds only `constructor`) is still
//   called as the factory.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture, lineOf, pool, profile } from './helpers';

const RUNS = [
  fixture('bundler-assets', 'text-import.js'),
  fixture('bundler-assets', 'text-read.js'),
  fixture('bundler-assets', 'es5-class.js'),
  fixture('discovery', 'factory-only-function.js'),
];
const runs = pool(RUNS, 2, (file) => profile(file, { steps: 1 }));
const reportOf = async (i: number) => (await runs)[i].report;

test('an import of a .txt file → the importing line, "a text file", that it is a bundler\'s feature, and what to profile (was "Syntax error: Unexpected identifier" at the .txt file\'s line 1)', async () => {
  const report = await reportOf(0);
  const line = lineOf(RUNS[0], 'L:txt');
  assert.equal(report.error?.kind, 'import');
  assert.equal(
    report.error?.message,
    `text-import.js:${line} imports 'corpus.txt', a text file: importing it from JavaScript is a bundler's feature (webpack, Vite, Parcel compile it into the page), and Node runs JavaScript only. Profile a file that builds the model without the page’s imports (e.g. move the model into its own module and point Gradient Lens at it).`,
  );
  assert.deepEqual([report.error?.location?.file, report.error?.location?.line], [RUNS[0], line]);
});

test('near miss: the same .txt read with fs → profiled, the Dense layer at its line', async () => {
  const report = await reportOf(1);
  assert.equal(report.status, 'done', report.error?.message);
  assert.deepEqual(
    report.layers.map((l) => [l.className, l.line]),
    [['Dense', lineOf(RUNS[1], 'L:dense')]],
  );
});

test('a Babel-compiled ES5 class as the default export → "No model found" naming class TextModel and --export default, its export\'s key (was: the factory "default" needs arguments (options))', async () => {
  const report = await reportOf(2);
  assert.equal(report.error?.kind, 'no-model');
  assert.match(report.error!.message, /^No model found: .* The module exports class TextModel: Gradient Lens does not construct classes unasked .* --export default --args '\[…\]'/);
  assert.doesNotMatch(report.error!.message, /factory "default"/);
});

test('near miss: an exported ordinary function (prototype holds only constructor) → still called as the factory and profiled', async () => {
  const report = await reportOf(3);
  assert.equal(report.status, 'done', report.error?.message);
  assert.deepEqual(report.layers.map((l) => l.className), ['Dense']);
});
