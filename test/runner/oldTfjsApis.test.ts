// Scripts written for older TensorFlow.js run on a tfjs >= 1 (the bundled one where the workspace's cannot
// train): tfjs-node's file:// model save/load must still work when its addon is missing, and a 0.x API name
// that tfjs 1.0 removed is reported with its new name (bench/realworld batch 2: caisq/tfjs-dump's doodle).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, lineOf, profile, profileOk } from './helpers';
import { installWorkspace, workspaceWith } from './tfjsWorkspaces';

const installed = installWorkspace({ '@tensorflow/tfjs': '2.8.6', '@tensorflow/tfjs-node': '2.8.6' });

test("tfjs-node without its addon: the script's model.save('file://…') and tf.loadLayersModel('file://…') work, and the profile goes on", { skip: installed.skip ?? false }, async () => {
  const ws = workspaceWith(installed.dir!);
  const file = path.join(ws, 'save-reload.js');
  fs.copyFileSync(fixture('old-apis', 'save-reload.js'), file);
  const { report, messages } = await profileOk(file, { steps: 2 });
  assert.match(report.tfjsReason ?? '', /tfjs-node 2\.8\.6: its addon is not built/);
  assert.deepEqual(report.layers.map((l) => l.line), [lineOf(file, 'L:hidden'), lineOf(file, 'L:out')]);
  const saved = JSON.parse(fs.readFileSync(path.join(ws, 'saved', 'model.json'), 'utf8')) as { weightsManifest: { weights: unknown[] }[] };
  assert.equal(saved.weightsManifest[0].weights.length, 4, 'two kernels and two biases');
  assert.equal(fs.statSync(path.join(ws, 'saved', 'weights.bin')).size, 4 * (4 * 8 + 8 + 8 * 1 + 1), 'float32 weights');
  assert.deepEqual(messages.filter((m) => m.type === 'log' && /save handlers|load handlers/i.test(m.text)), []);
});

test('a tfjs 0.x name that 1.0 removed (tf.loadModel): the message gives the new name and the line', async () => {
  const file = fixture('old-apis', 'load-model-0x.js');
  const { report } = await profile(file, { steps: 1 });
  assert.equal(report.status, 'failed');
  assert.equal(report.error?.kind, 'user-error');
  assert.match(report.error!.message, /tf\.loadModel is not a function\. tf\.loadModel is a TensorFlow\.js 0\.x name that 1\.0 removed: use tf\.loadLayersModel\. Gradient Lens runs this workspace on TensorFlow\.js 4\.22\.0\.$/);
  assert.deepEqual([report.error?.location?.file, report.error?.location?.line], [file, lineOf(file, 'L:load')]);
});
