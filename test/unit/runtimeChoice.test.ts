// The decision table of docs/runtime.md (which tfjs and which backend of the same version, per workspace),
// and how imports are redirected to the chosen copies.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { compareVersions, planRuntime, RuntimeChoiceError, type WorkspaceInstall } from '../../src/core/runtimeChoice';
import { redirectTarget } from '../../src/runner/redirect';

const BUNDLED = '4.22.0';
const notBuilt = 'its addon is not built (lib/napi-v8/tfjs_binding.node is missing)';
const ws = (w: Partial<WorkspaceInstall>): WorkspaceInstall => ({ natives: [], ...w });
const pick = (w: WorkspaceInstall, choice: 'auto' | 'tensorflow' | 'wasm' | 'cpu' = 'auto') => {
  const p = planRuntime(w, choice, BUNDLED);
  return [p.tfjs, p.native ?? '-', p.backend, p.wasm ?? '-'].join(' ');
};

test('compareVersions orders numerically and ignores pre-release tags', () => {
  assert.ok(compareVersions('4.10.0', '4.9.0') > 0);
  assert.ok(compareVersions('1.7.4', '2.0.0') < 0);
  assert.equal(compareVersions('4.23.0-rc.0', '4.23.0'), 0);
});

test('auto: a working tfjs-node wins, with its own tfjs', () => {
  const w = ws({ version: '3.18.0', natives: [{ pkg: '@tensorflow/tfjs-node', version: '3.18.0', tfjsVersion: '3.18.0' }] });
  assert.equal(pick(w), 'workspace @tensorflow/tfjs-node tensorflow -');
  // --backend cpu keeps tfjs-node loaded (tf.node for the user's code) on its own version's cpu.
  assert.equal(pick(w, 'cpu'), 'workspace @tensorflow/tfjs-node cpu -');
  // wasm requested, 3.18 has no wasm of its version: bundled for every import.
  assert.equal(pick(w, 'wasm'), 'bundled - wasm bundled');
});

test('auto: the bundled version in the workspace runs on wasm of that version', () => {
  assert.equal(pick(ws({ version: '4.22.0' })), 'workspace - wasm bundled');
  assert.equal(pick(ws({ version: '4.22.0', wasmVersion: '4.22.0' })), 'workspace - wasm workspace');
  const w = ws({ version: '4.22.0', natives: [{ pkg: '@tensorflow/tfjs-node', version: '4.22.0', tfjsVersion: '4.22.0', addonProblem: notBuilt }] });
  assert.equal(pick(w), 'workspace - wasm bundled');
  assert.match(planRuntime(w, 'auto', BUNDLED).backendReason, /tfjs-node 4\.22\.0: its addon is not built/);
});

test('auto: a workspace wasm backend of the same version from 4.6 on; older ones lack gradient kernels', () => {
  assert.equal(pick(ws({ version: '4.10.0', wasmVersion: '4.10.0' })), 'workspace - wasm workspace');
  assert.equal(pick(ws({ version: '3.18.0', wasmVersion: '3.18.0' })), 'bundled - wasm bundled');
  assert.match(planRuntime(ws({ version: '3.18.0', wasmVersion: '3.18.0' }), 'auto', BUNDLED).tfjsReason, /lacks gradient kernels/);
  // A wasm of another version is never paired with the core.
  assert.equal(pick(ws({ version: '4.10.0', wasmVersion: '4.22.0' })), 'bundled - wasm bundled');
  assert.match(planRuntime(ws({ version: '4.10.0', wasmVersion: '4.22.0' }), 'auto', BUNDLED).tfjsReason, /tfjs-backend-wasm is 4\.22\.0, not 4\.10\.0/);
});

test('auto: older workspaces get the bundled tfjs for every import; cpu runs their own', () => {
  for (const version of ['1.2.11', '1.7.4', '2.8.6', '3.18.0', '3.21.0']) {
    const w = ws({ version, packages: '@tensorflow/tfjs' });
    assert.equal(pick(w), 'bundled - wasm bundled', version);
    assert.match(planRuntime(w, 'auto', BUNDLED).tfjsReason, /--backend cpu runs tfjs .* itself/);
    assert.equal(pick(w, 'cpu'), 'workspace - cpu -', version);
  }
});

test("Gradient Lens's own tfjs-node, when its addon loads, serves workspaces without a working one: bundled tfjs on tensorflow", () => {
  const bundledNative = { pkg: '@tensorflow/tfjs-node' as const, version: '4.22.0', tfjsVersion: '4.22.0' };
  assert.equal(pick(ws({ version: '3.18.0', bundledNative })), 'bundled @tensorflow/tfjs-node tensorflow -');
  assert.equal(pick(ws({ bundledNative }), 'tensorflow'), 'bundled @tensorflow/tfjs-node tensorflow -');
  // A working workspace tfjs-node still wins; --backend cpu still runs the workspace's own version.
  const own = { pkg: '@tensorflow/tfjs-node' as const, version: '3.18.0', tfjsVersion: '3.18.0' };
  assert.equal(pick(ws({ version: '3.18.0', natives: [own], bundledNative })), 'workspace @tensorflow/tfjs-node tensorflow -');
  assert.equal(pick(ws({ version: '3.18.0', bundledNative }), 'cpu'), 'workspace - cpu -');
  // Its addon not loading is named when tensorflow is required.
  assert.throws(() => planRuntime(ws({ bundledNative: { ...bundledNative, addonProblem: notBuilt } }), 'tensorflow', BUNDLED), /Gradient Lens's own @tensorflow\/tfjs-node: its addon is not built/);
});

test('no tfjs in the workspace: the bundled one', () => {
  assert.equal(pick(ws({})), 'bundled - wasm bundled');
  assert.equal(pick(ws({}), 'cpu'), 'bundled - cpu -');
});

test('--backend tensorflow without a working tfjs-node names each package and its problem', () => {
  const w = ws({
    version: '4.22.0',
    natives: [
      { pkg: '@tensorflow/tfjs-node', version: '4.22.0', tfjsVersion: '4.22.0', addonProblem: notBuilt },
      { pkg: '@tensorflow/tfjs-node-gpu', version: '4.22.0', tfjsVersion: '4.22.0', addonProblem: 'its native library could not be loaded (libcudart.so.11.0)' },
    ],
  });
  assert.throws(() => planRuntime(w, 'tensorflow', BUNDLED), (e: Error) => e instanceof RuntimeChoiceError && /tfjs-node 4\.22\.0: its addon is not built.*tfjs-node-gpu 4\.22\.0: its native library could not be loaded/.test(e.message));
  assert.throws(() => planRuntime(ws({}), 'tensorflow', BUNDLED), /no @tensorflow\/tfjs-node installed/);
});

test('redirects: package names to the chosen main file, subpaths into the chosen folder, others untouched', () => {
  const redirects = new Map([
    ['@tensorflow/tfjs-core', '/ext/node_modules/@tensorflow/tfjs-core/dist/tf-core.node.js'],
    ['@tensorflow/tfjs-core/', '/ext/node_modules/@tensorflow/tfjs-core/'],
  ]);
  assert.equal(redirectTarget(redirects, '@tensorflow/tfjs-core'), '/ext/node_modules/@tensorflow/tfjs-core/dist/tf-core.node.js');
  assert.equal(redirectTarget(redirects, '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops'), '/ext/node_modules/@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops');
  assert.equal(redirectTarget(redirects, '@tensorflow/tfjs-core-extra/x'), undefined);
  assert.equal(redirectTarget(redirects, '@tensorflow/tfjs-layers/dist/x'), undefined);
  assert.equal(redirectTarget(redirects, './model'), undefined);
  assert.equal(redirectTarget(redirects, 'lodash/get'), undefined);
});
