// A relative data path that misses from the working directory but exists beside the script (a course
// script run by its author from its own folder; bench/realworld batch 4: MLCasts' '../data/cars.csv').
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { knownCause, runtime } from '../../src/runner/failures';

const enoent = (p: string) => Object.assign(new Error(`ENOENT: no such file or directory, open '${p}'`), { code: 'ENOENT', path: p });

test("a relative path that exists from the script's folder: the message says so and names the folder to run from", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'data-path-'));
  fs.mkdirSync(path.join(root, 'linear-regression'));
  fs.mkdirSync(path.join(root, 'data'));
  fs.writeFileSync(path.join(root, 'data', 'cars.csv'), 'mpg\n1\n');
  runtime.modelFile = path.join(root, 'linear-regression', 'index.js');
  try {
    const message = knownCause(enoent('../data/cars.csv'), root)!;
    assert.match(message, /^Data file not found: \.\.\/data\/cars\.csv \(relative paths resolve from .*\)\. It exists relative to the script's own folder \(linear-regression\): the script expects to run from there — run Gradient Lens from linear-regression \(cd linear-regression\)/);
    // Near misses: run from the script's folder, or a file that is nowhere: no such sentence.
    assert.doesNotMatch(knownCause(enoent('../data/cars.csv'), path.join(root, 'linear-regression'))!, /script's own folder/);
    assert.doesNotMatch(knownCause(enoent('../data/trucks.csv'), root)!, /script's own folder/);
  } finally {
    runtime.modelFile = undefined;
    fs.rmSync(root, { recursive: true, force: true });
  }
});
