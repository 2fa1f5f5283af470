// A script that starts a server and then only waits for requests builds no model until a client asks: the runner
// names that once nothing but the listening server keeps the program alive (src/runner/serverWait.ts) instead of
// waiting out the whole timeout (bench/realworld batch 12: an Express server, 138 s). Near misses: a server that
// trains on its own after a timer, and one that polls with a timer of its own (not only serving: it keeps the
// plain timeout). Fixtures in test/fixtures/runner/servers.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { fixture, lineOf, profile, profileOk } from './helpers';

const S = (f: string) => fixture('servers', f);

test('a server that builds no model: named as only waiting for requests, at its listen() line, before the timeout', async () => {
  const { report } = await profile(S('serves-no-model.js'), { steps: 1 }, { timeoutMs: 60_000 });
  assert.equal(report.status, 'failed');
  const error = report.error!;
  assert.equal(error.kind, 'no-model', error.message);
  assert.match(error.message, /^No model found: .* The program started a server listening on port \d+ \(serves-no-model\.js:\d+\) and now only waits for requests: nothing else is pending/);
  assert.match(error.message, /export the model or a function that builds it \(--export NAME\)/);
  assert.equal(error.location?.line, lineOf(S('serves-no-model.js'), 'L:listen'));
});

test('near miss: a server that trains on its own after a timer is profiled', async () => {
  const { report } = await profileOk(S('serves-then-trains.js'), { steps: 1 }, { timeoutMs: 90_000 });
  assert.deepEqual(
    report.layers.map((l) => l.className),
    ['Dense', 'Dense'],
  );
});

test('near miss: a server with a timer of its own is not named as only serving; it keeps the plain timeout', async () => {
  const { report } = await profile(S('serves-and-polls.js'), { steps: 1 }, { timeoutMs: 15_000 });
  assert.equal(report.status, 'failed');
  assert.equal(report.error!.kind, 'timeout', report.error!.message);
  assert.doesNotMatch(report.error!.message, /only waits for requests/);
});
