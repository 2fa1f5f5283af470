// A global a server framework defines when its app boots (AdonisJS 4's `use`), in a file profiled alone: the
// message names the framework, the package that says so and what to profile instead (bench/realworld batch 12:
// ashiley's Adonis service was only "use is not defined"). Near miss: the same file in a project that declares
// no such framework keeps the plain ReferenceError. Fixtures in test/fixtures/runner/framework-globals.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture, lineOf, pool, profile } from './helpers';

const RUNS = [
  fixture('framework-globals', 'adonis', 'app', 'Services', 'TextModelService.js'),
  fixture('framework-globals', 'plain', 'app', 'Services', 'TextModelService.js'),
];
const runs = pool(RUNS, 2, (file) => profile(file, { steps: 1 }));

test('use() in a project declaring @adonisjs/fold → AdonisJS 4, its IoC global, the package and the next step, at the line', async () => {
  const { report } = (await runs)[0];
  assert.equal(report.status, 'failed');
  assert.match(
    report.error!.message,
    /use is not defined: `use` is the IoC container's global \(use\('Helpers'\), use\('App\/Models\/…'\)\), which AdonisJS 4 \(@adonisjs\/fold in package\.json\) defines on the global object when the app boots — run alone, the file has none\. Profile a module that builds the model without use\(\)/,
  );
  assert.deepEqual([report.error?.location?.file, report.error?.location?.line], [RUNS[0], lineOf(RUNS[0], 'L:use')]);
});

test('near miss: the same file in a project without an Adonis package → the plain ReferenceError, no framework named', async () => {
  const { report } = (await runs)[1];
  assert.equal(report.status, 'failed');
  assert.match(report.error!.message, /use is not defined/);
  assert.doesNotMatch(report.error!.message, /Adonis|IoC/);
});
