// Float32 token ids read by an Embedding (test/fixtures/runner/scaling/token-ids-float.js; runner/modelShapes.ts
// scaledInputs): a real project's prompt classifier (bench/realworld batch 8) failed its default 20-step profile with
// "GatherV2: the index value -1 is not in [0, 222]" — the scaling probe had standardised its ids. The profile must
// finish, with no unscaled-input finding and no scaling probe, as for int32 ids.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { findingSummary, fixture, lineOf, profileEach, type RunOutcome } from './helpers';

const FIX = (f: string) => fixture('scaling', f);
const outcome = profileEach(['token-ids-float.js'], FIX, { steps: 20, backend: 'wasm' });
const probed = (o: RunOutcome) => o.messages.some((m) => m.type === 'phase' && /Scaling probe|Input-scale probe/.test(m.message));

test('float32 token ids into an Embedding: the profile finishes, no unscaled-input, no probe rescales the ids', async () => {
  const o = await outcome('token-ids-float.js');
  assert.equal(o.report.partial, false, findingSummary(o.report)); // profileOk: status 'done'
  assert.ok(!o.report.findings.some((f) => f.code === 'unscaled-input'), findingSummary(o.report));
  assert.ok(!probed(o), 'no scaling or input-scale probe on index inputs');
  assert.equal(o.report.layers.find((l) => l.className === 'Embedding')?.line, lineOf(FIX('token-ids-float.js'), 'L:embedding'));
});
