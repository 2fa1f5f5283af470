// A package the model file needs that is not there (bench/realworld batch 11): Node says "Cannot find package
// 'tensorflow'", quotes a require stack ending in a missing build/Release/*.node, or (through the bindings package)
// lists every place it looked for the addon; the runner says which import,
// on which line, what is wrong with it and what to run. Near miss: a relative import of a file that is not there
// keeps Node's own words (test/runner/importCauses.test.ts), and tfjs packages the runner serves never fail.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture, lineOf, pool, profile } from './helpers';

const F = (...p: string[]) => fixture('missing-packages', ...p);
const files = [F('unscoped.mjs'), F('unscoped.js'), F('absent.js'), F('addon', 'model.js'), F('addon-bindings', 'model.js')];
const runs = pool(files, 2, (f) => profile(f, { steps: 1 }));
const run = async (i: number) => (await runs)[i];

for (const [i, name, specifier, marker] of [
  [0, 'an ES module', 'tensorflow/tfjs-node', 'L:import'],
  [1, 'CommonJS', 'tensorflow/tfjs-core', 'L:require'],
] as const) {
  test(`${name} importing '${specifier}' → the import, its line, that the name lost its @scope and what to write (was "Cannot find package 'tensorflow'" without a line)`, async () => {
    const { report } = await run(i);
    assert.equal(report.error?.kind, 'import');
    assert.equal(
      report.error!.message,
      `The import '${specifier}' (${files[i].split('/').pop()}:${lineOf(files[i], marker)}) names the package 'tensorflow', which is not installed — but '@${specifier}' is: a scoped package's name begins with '@' (npm docs, scope), and this import lost it. Write '@${specifier}', then run again.`,
    );
    assert.equal(report.error?.location?.line, lineOf(files[i], marker));
  });
}

test('near miss of the scope: a package installed under no name → the import, its line, and npm install of it', async () => {
  const { report } = await run(2);
  assert.equal(report.error?.kind, 'import');
  assert.match(
    report.error!.message,
    new RegExp(`^The import 'csv-never-installed-here' \\(absent\\.js:${lineOf(files[2], 'L:require')}\\) names the package 'csv-never-installed-here', which is not installed: Node looks for it in the node_modules folders from .+ up\\. Install it in the project \\(npm install csv-never-installed-here\\) or correct the name, then run again\\.$`),
  );
  assert.doesNotMatch(report.error!.message, /scope/);
});

test("a dependency's native addon never compiled (npm install --ignore-scripts) → the addon package, the package that loads it and its require line, npm rebuild as the next step (was Node's require stack)", async () => {
  const { report } = await run(3);
  assert.equal(report.error?.kind, 'import');
  assert.equal(
    report.error!.message,
    `The package fast-segment, which text-tools loads (text-tools is required at model.js:${lineOf(files[3], 'L:require')}), has no compiled native addon: build/Release/fast_segment.node is missing. npm builds it with the package's install script (node-gyp), which did not run (npm install --ignore-scripts) or failed (no C++ compiler or Python). Build it in the project with npm rebuild fast-segment — its output says what is missing — then run again.`,
  );
  assert.equal(report.error?.location?.line, lineOf(files[3], 'L:require'));
});

test("a native addon loaded through the bindings package and never compiled → the addon package, its require line, npm rebuild (was bindings' list of tried paths)", async () => {
  const { report } = await run(4);
  assert.equal(report.error?.kind, 'import');
  assert.equal(
    report.error!.message,
    `The package image-resize (required at model.js:${lineOf(files[4], 'L:require')}) has no compiled native addon: the bindings package looked for it in 5 places (build/Release/image_resize.node among them) and found none. npm builds it with the package's install script (node-gyp), which did not run (npm install --ignore-scripts) or failed (no C++ compiler or Python). Build it in the project with npm rebuild image-resize — its output says what is missing — then run again.`,
  );
  assert.equal(report.error?.location?.line, lineOf(files[4], 'L:require'));
});
