// The manifest's setting defaults (package.json contributes.configuration) are the ones the code uses when a
// setting is absent (src/core/defaults.ts, read by the extension, the CLI and the host client), so the
// Settings UI never shows a default that a run does not use. Thresholds: manifest.test.ts; lint settings:
// lintSettings.test.ts.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LINT_DEFAULTS, LR_DEFAULTS, PROFILE_DEFAULTS, RUN_DEFAULTS, VIEW_DEFAULTS, WATCH_DEFAULTS } from '../../src/core/defaults';
import { LINT_USAGE } from '../../src/cli/lint';
import { LR_USAGE } from '../../src/cli/lr';
import { PROFILE_USAGE } from '../../src/cli/profile';

const root = path.resolve(__dirname, '../..');
const props: Record<string, { default: unknown }> = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).contributes.configuration.properties;

/** Every gradientLens.* setting outside thresholds.* and lint.rules, with the default the code falls back to. */
const EXPECTED: Record<string, unknown> = {
  'gradientLens.steps': PROFILE_DEFAULTS.steps,
  'gradientLens.batchSize': null,
  'gradientLens.backend': RUN_DEFAULTS.backend,
  'gradientLens.timeoutSeconds': PROFILE_DEFAULTS.timeoutSeconds,
  'gradientLens.memoryLimitMb': RUN_DEFAULTS.memoryLimitMb,
  'gradientLens.env': {},
  'gradientLens.decorations.enabled': VIEW_DEFAULTS.decorationsEnabled,
  'gradientLens.decorations.style': VIEW_DEFAULTS.decorationStyle,
  'gradientLens.nodePath': '',
  'gradientLens.keepRunnerWarm': VIEW_DEFAULTS.keepRunnerWarm,
  'gradientLens.saveBeforeRun': RUN_DEFAULTS.saveBeforeRun,
  'gradientLens.lr.startLr': LR_DEFAULTS.startLr,
  'gradientLens.lr.endLr': LR_DEFAULTS.endLr,
  'gradientLens.lr.steps': LR_DEFAULTS.steps,
  'gradientLens.lr.mode': LR_DEFAULTS.mode,
  'gradientLens.lr.repeats': LR_DEFAULTS.repeats,
  'gradientLens.lr.timeoutSeconds': LR_DEFAULTS.timeoutSeconds,
  'gradientLens.lr.checkSteps': LR_DEFAULTS.checkSteps,
  'gradientLens.lint.enabled': VIEW_DEFAULTS.lintEnabled,
  'gradientLens.lint.deepStackMin': LINT_DEFAULTS.deepStackMin,
  'gradientLens.watch.every': WATCH_DEFAULTS.every,
  'gradientLens.watch.timeoutSeconds': WATCH_DEFAULTS.timeoutSeconds,
};

test('each setting default in the manifest equals the one in core/defaults.ts', () => {
  for (const [key, value] of Object.entries(EXPECTED)) {
    assert.ok(props[key], `${key} is not contributed`);
    assert.deepEqual(props[key].default, value, key);
  }
});

test('no setting is contributed without a checked default', () => {
  // Thresholds: manifest.test.ts; lint.rules (one entry per rule code): lintSettings.test.ts.
  const unchecked = Object.keys(props).filter((k) => !(k in EXPECTED) && !k.startsWith('gradientLens.thresholds.') && k !== 'gradientLens.lint.rules');
  assert.deepEqual(unchecked, []);
});

test('the CLI help states the same defaults', () => {
  assert.match(PROFILE_USAGE, new RegExp(`--steps N .*\\(default ${PROFILE_DEFAULTS.steps}\\)`));
  assert.match(PROFILE_USAGE, new RegExp(`--timeout S .*\\(default ${PROFILE_DEFAULTS.timeoutSeconds}\\)`));
  assert.match(LR_USAGE, new RegExp(`--timeout S .*\\(default ${LR_DEFAULTS.timeoutSeconds}\\)`));
  assert.match(LR_USAGE, /--start LR .*\(default 1e-7\)/);
  assert.match(LR_USAGE, new RegExp(`--repeats K .*\\(default ${LR_DEFAULTS.repeats}\\)`));
  assert.match(LINT_USAGE, new RegExp(`--deep-stack N .*\\(default ${LINT_DEFAULTS.deepStackMin}\\)`));
  for (const usage of [PROFILE_USAGE, LR_USAGE]) assert.match(usage, new RegExp(`--memory MB .*\\(default ${RUN_DEFAULTS.memoryLimitMb}\\)`));
});
