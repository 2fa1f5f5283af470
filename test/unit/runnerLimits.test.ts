// The runner's environment allow-list and the timeout clamp (host side, no process started).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { runnerEnvironment } from '../../src/host/runnerEnv';
import { clampTimeoutMs, MAX_TIMER_MS } from '../../src/host/processGroup';

test('the runner environment keeps the allow-list, our namespace and what was given; drops the rest', () => {
  const env = runnerEnvironment(
    {
      PATH: '/usr/bin',
      HOME: '/home/u',
      LC_ALL: 'C',
      https_proxy: 'http://proxy:3128',
      TF_CPP_MIN_LOG_LEVEL: '0',
      CUDA_VISIBLE_DEVICES: '0',
      GRADIENT_LENS_TOOLS: '/t',
      VSCODE_IPC_HOOK: '/run/vscode.sock',
      ELECTRON_NO_ATTACH_CONSOLE: '1',
      GITHUB_TOKEN: 'ghp_x',
      AWS_SECRET_ACCESS_KEY: 'k',
      NODE_OPTIONS: '--require /tmp/inject.js',
    },
    { DATA_DIR: '/data' },
  );
  assert.deepEqual(env, {
    PATH: '/usr/bin',
    HOME: '/home/u',
    LC_ALL: 'C',
    https_proxy: 'http://proxy:3128',
    TF_CPP_MIN_LOG_LEVEL: '0',
    CUDA_VISIBLE_DEVICES: '0',
    GRADIENT_LENS_TOOLS: '/t',
    DATA_DIR: '/data',
    ELECTRON_RUN_AS_NODE: '1',
  });
});

test('TensorFlow logs only errors unless the user set TF_CPP_MIN_LOG_LEVEL', () => {
  assert.equal(runnerEnvironment({ PATH: '/usr/bin' }).TF_CPP_MIN_LOG_LEVEL, '2');
});

test('timeouts are clamped to [1 s, 2^31-1 ms]; non-numbers take the default; Infinity the maximum', () => {
  assert.equal(clampTimeoutMs(2 ** 31 + 5, 120_000), MAX_TIMER_MS);
  assert.equal(clampTimeoutMs(10, 120_000), 1000);
  assert.equal(clampTimeoutMs(1500.4, 120_000), 1500);
  assert.equal(clampTimeoutMs(undefined, 120_000), 120_000);
  assert.equal(clampTimeoutMs(Number.NaN, 120_000), 120_000);
  assert.equal(clampTimeoutMs(Infinity, 120_000), MAX_TIMER_MS);
});
