// Every discovery path (exported model, factories, training scripts, sampleBatch, synthesized data) in
// JS and TS, CommonJS and ESM, with the exact source lines reported for each layer.
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fixture, layer, lineOf, pool, profile, profileFails, profileOk, type RunOutcome } from './helpers';

const D = (f: string) => fixture('discovery', f);

/** [layer className, file (relative to the fixture dir), marker] in report order. */
type Row = [string, string, string];

interface Case {
  file: string;
  discovery: 'model-export' | 'factory' | 'training-script';
  exportName?: string;
  dataSource?: 'fit' | 'sampleBatch' | 'synthetic';
  layers: Row[];
  request?: Record<string, unknown>;
}

const CASES: Case[] = [
  { file: 'export-cjs.js', discovery: 'model-export', exportName: 'default', layers: [['Dense', 'export-cjs.js', 'L:first'], ['Dense', 'export-cjs.js', 'L:second']] },
  { file: 'export-default.mjs', discovery: 'model-export', exportName: 'default', layers: [['Dense', 'export-default.mjs', 'L:first'], ['Dense', 'export-default.mjs', 'L:second']] },
  { file: 'export-named.js', discovery: 'model-export', exportName: 'model', layers: [['Dense', 'export-named.js', 'L:only']] },
  { file: 'export-named.mjs', discovery: 'model-export', exportName: 'model', layers: [['Dense', 'export-named.mjs', 'L:only']] },
  { file: 'factory-default.mjs', discovery: 'factory', exportName: 'default', layers: [['Dense', 'factory-default.mjs', 'L:hidden'], ['Dense', 'factory-default.mjs', 'L:out']] },
  ...['createModel', 'buildModel', 'getModel'].map((name) => ({
    file: `factory-${name}.js`,
    discovery: 'factory' as const,
    exportName: name,
    layers: [['Dense', `factory-${name}.js`, 'L:hidden'], ['Dense', `factory-${name}.js`, 'L:out']] as Row[],
  })),
  { file: 'factory-only-function.js', discovery: 'factory', exportName: 'makeNetwork', layers: [['Dense', 'factory-only-function.js', 'L:only']] },
  { file: 'factory-async.js', discovery: 'factory', exportName: 'createModel', layers: [['Dense', 'factory-async.js', 'L:only']] },
  { file: 'uncompiled.js', discovery: 'factory', exportName: 'default', layers: [['Dense', 'uncompiled.js', 'L:only']] },
  { file: 'model.ts', discovery: 'factory', exportName: 'createModel', layers: [['Dense', 'model.ts', 'L:first'], ['Dense', 'model.ts', 'L:second'], ['Dense', 'model.ts', 'L:out']] },
  { file: 'tla.mts', discovery: 'model-export', exportName: 'model', layers: [['Dense', 'tla.mts', 'L:first'], ['Dense', 'tla.mts', 'L:out']] },
  { file: 'tla.mjs', discovery: 'factory', exportName: 'buildModel', layers: [['Dense', 'tla.mjs', 'L:first'], ['Dense', 'tla.mjs', 'L:out']] },
  {
    file: 'loop.js',
    discovery: 'factory',
    exportName: 'createModel',
    layers: [['Dense', 'loop.js', 'L:loop'], ['Dense', 'loop.js', 'L:loop'], ['Dense', 'loop.js', 'L:loop'], ['Dense', 'loop.js', 'L:out']],
  },
  {
    file: 'helper-cjs.js',
    discovery: 'factory',
    exportName: 'createModel',
    layers: [['Dense', 'helpers/stack.js', 'L:helper'], ['Dense', 'helpers/stack.js', 'L:helper'], ['Dense', 'helper-cjs.js', 'L:out']],
  },
  {
    file: '../esm-js/model.js',
    discovery: 'factory',
    exportName: 'createModel',
    layers: [['Dense', '../esm-js/layers.js', 'L:helper'], ['Dense', '../esm-js/model.js', 'L:out']],
  },
  {
    // TypeScript compiled as CommonJS, importing its sibling as './model.js' (tsc's output name): resolved to model.ts.
    file: '../ts-js-specifiers/train.ts',
    discovery: 'training-script',
    dataSource: 'fit',
    layers: [['Dense', '../ts-js-specifiers/model.ts', 'L:hidden'], ['Dense', '../ts-js-specifiers/model.ts', 'L:out']],
  },
  {
    file: 'custom-layer.js',
    discovery: 'factory',
    exportName: 'createModel',
    layers: [['Dense', 'custom-layer.js', 'L:dense'], ['MyScale', 'custom-layer.js', 'L:custom'], ['Dense', 'custom-layer.js', 'L:out']],
  },
  {
    file: 'wrappers.js',
    discovery: 'factory',
    exportName: 'createModel',
    layers: [
      ['TimeDistributed', 'wrappers.js', 'L:timeDistributed'],
      ['Dense', 'wrappers.js', 'L:inner-dense'],
      ['Bidirectional', 'wrappers.js', 'L:bidirectional'],
      ['LSTM', 'wrappers.js', 'L:inner-lstm'],
      ['LSTM', 'wrappers.js', 'L:inner-lstm'],
      ['Dense', 'wrappers.js', 'L:out'],
    ],
  },
  {
    file: 'multi-io.js',
    discovery: 'factory',
    exportName: 'createModel',
    dataSource: 'sampleBatch',
    layers: [['Dense', 'multi-io.js', 'L:imageDense'], ['Concatenate', 'multi-io.js', 'L:concat'], ['Dense', 'multi-io.js', 'L:cls'], ['Dense', 'multi-io.js', 'L:reg']],
  },
  { file: 'factory-args.js', request: { args: [5, 'tanh'] }, discovery: 'factory', exportName: 'createModel', layers: [['Dense', 'factory-args.js', 'L:hidden'], ['Dense', 'factory-args.js', 'L:out']] },
  { file: 'ambiguous-models.js', request: { exportName: 'decoder' }, discovery: 'model-export', exportName: 'decoder', layers: [['Dense', 'ambiguous-models.js', 'L:dense']] },
  { file: 'ambiguous-factories.js', request: { exportName: 'buildModel' }, discovery: 'factory', exportName: 'buildModel', layers: [['Dense', 'ambiguous-factories.js', 'L:build']] },
  { file: 'train-fit.js', discovery: 'training-script', dataSource: 'fit', layers: [['Dense', 'train-fit.js', 'L:hidden'], ['Dense', 'train-fit.js', 'L:out']] },
  { file: 'train-fitDataset.mjs', discovery: 'training-script', dataSource: 'fit', layers: [['Dense', 'train-fitDataset.mjs', 'L:hidden'], ['Dense', 'train-fitDataset.mjs', 'L:out']] },
  { file: 'train-onBatch.js', discovery: 'training-script', dataSource: 'fit', layers: [['Dense', 'train-onBatch.js', 'L:only']] },
  { file: 'sample-value.js', discovery: 'factory', exportName: 'createModel', dataSource: 'sampleBatch', layers: [['Dense', 'sample-value.js', 'L:only']] },
  { file: 'sample-async.js', discovery: 'factory', exportName: 'createModel', dataSource: 'sampleBatch', layers: [['Dense', 'sample-async.js', 'L:only']] },
  {
    file: 'synth-embedding.js',
    discovery: 'factory',
    exportName: 'createModel',
    dataSource: 'synthetic',
    layers: [['Embedding', 'synth-embedding.js', 'L:embedding'], ['Flatten', 'synth-embedding.js', 'L:flatten'], ['Dense', 'synth-embedding.js', 'L:out']],
  },
];

// Training scripts write this file if the code after fit()/fitDataset()/trainOnBatch() runs.
const marker = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gl-discovery-')), 'after-training');
process.env.GRADIENT_LENS_TEST_MARKER = marker;

// All fixtures run up front, two runners at a time; each test then checks its own outcome.
const outcomes = new Map<string, Promise<RunOutcome>>();
const all = pool(CASES, 2, async (c) => {
  const o = await profile(D(c.file), c.request ?? {});
  return [c, o] as const;
});
for (const c of CASES) outcomes.set(c.file + JSON.stringify(c.request ?? {}), all.then((r) => r.find(([k]) => k === c)![1]));

describe('discovery: exact lines for every path', () => {
  for (const c of CASES) {
    test(`${c.file}${c.request ? ` ${JSON.stringify(c.request)}` : ''} → ${c.discovery}${c.exportName ? ` "${c.exportName}"` : ''}`, async () => {
      const { report } = await outcomes.get(c.file + JSON.stringify(c.request ?? {}))!;
      assert.equal(report.status, 'done', JSON.stringify(report.error));
      assert.equal(report.discovery, c.discovery);
      assert.equal(report.exportName, c.exportName);
      if (c.dataSource) assert.equal(report.dataSource, c.dataSource);
      const got = report.layers.map((l) => [l.className, l.file, l.line]);
      const want = c.layers.map(([cls, file, m]) => [cls, path.resolve(D(file)), lineOf(D(file), m)]);
      assert.deepEqual(got, want);
      // Every layer with weights got a finite step-0 gradient.
      for (const l of report.layers) if (l.weights.length > 0) assert.ok(Number.isFinite(l.gradNorm) && l.gradNorm > 0, `${l.name} ‖g‖ = ${l.gradNorm}`);
    });
  }
});

describe('discovery details', () => {
  const get = (file: string, request: Record<string, unknown> = {}) => outcomes.get(file + JSON.stringify(request))!;

  test('wrapped layers name their wrapper as parent; the weights sit on the inner layers', async () => {
    const { report } = await get('wrappers.js');
    const [td, inner, bi, fwd, bwd] = report.layers;
    assert.equal(td.weights.length, 0);
    assert.equal(inner.parent, td.name);
    assert.deepEqual(inner.weights.map((w) => w.shape), [[4, 3], [3]]);
    assert.equal(bi.weights.length, 0);
    assert.equal(fwd.parent, bi.name);
    assert.equal(bwd.parent, bi.name);
    assert.match(fwd.name, /^forward_/);
    assert.match(bwd.name, /^backward_/);
    assert.equal(fwd.weights.length, 3);
  });

  test('training scripts are stopped at the training call: the code after it never runs', async () => {
    for (const file of ['train-fit.js', 'train-fitDataset.mjs', 'train-onBatch.js']) await get(file);
    assert.equal(fs.existsSync(marker), false, 'the code after fit()/fitDataset()/trainOnBatch() ran');
  });

  test('fit data: the captured rows, shuffled as fit() does, at least 32 of them when the script trains on smaller batches', async () => {
    const { report } = await get('train-fit.js');
    // 20 rows, fit batchSize 8: all 20 (fewer than 32 exist)
    assert.equal(report.batchSize, 20);
    assert.equal(report.dataNote, "all 20 rows of the script's fit() call, where the script trains on batches of 8: fewer examples say little about dead units or vanishing gradients");
    assert.equal((await get('train-fitDataset.mjs')).report.batchSize, 5);
    assert.match((await get('train-fitDataset.mjs')).report.dataNote!, /fitDataset\(\)/);
    assert.equal((await get('train-onBatch.js')).report.batchSize, 6);
    assert.equal((await get('train-onBatch.js')).report.loss, 'binaryCrossentropy');
  });

  test('sampleBatch value and async function are used as given', async () => {
    const value = (await get('sample-value.js')).report;
    assert.equal(value.batchSize, 3);
    // w·x with the glorot kernel: the exact gradient is checked in closedForm.test.ts; here only that the data was used.
    assert.equal(value.dataNote, 'the exported sampleBatch');
    assert.equal((await get('sample-async.js')).report.batchSize, 7);
  });

  test('multi-input / multi-output: both losses, batch from sampleBatch', async () => {
    const { report } = await get('multi-io.js');
    assert.equal(report.loss, 'categoricalCrossentropy, meanSquaredError');
    assert.equal(report.batchSize, 5);
    assert.ok(Number.isFinite(layer(report, 'reg').gradNorm));
    assert.ok(Number.isFinite(layer(report, 'cls').gradNorm));
  });

  test('synthesized data: Embedding gets integer indices, sparse labels', async () => {
    const { report } = await get('synth-embedding.js');
    assert.equal(report.batchSize, 32);
    assert.match(report.dataNote!, /integer indices below 50 for the Embedding input/);
    assert.match(report.dataNote!, /sparseCategoricalCrossentropy/);
    assert.ok(report.layers[0].gradNorm > 0);
  });

  test('uncompiled model: loss chosen from the output activation, with a note', async () => {
    const { report } = await get('uncompiled.js');
    assert.equal(report.loss, 'categoricalCrossentropy');
    assert.equal(report.optimizer, 'Adam');
    assert.match(report.lossNote!, /not compiled.*categoricalCrossentropy.*softmax/);
    assert.equal((await get('export-cjs.js')).report.lossNote, undefined);
  });

  test('factory with --args gets them', async () => {
    const { report } = await get('factory-args.js', { args: [5, 'tanh'] });
    assert.deepEqual(report.layers[0].weights[0].shape, [3, 5]);
    assert.equal(report.layers[0].activation, 'tanh');
  });
});

describe('discovery errors', () => {
  test('factory needing arguments without --args → needs-args naming the parameters', async () => {
    const { error } = await profileFails(D('factory-args.js'));
    assert.equal(error.kind, 'needs-args');
    assert.deepEqual(error.details, ['hiddenUnits', "activation = 'relu'"]);
    assert.match(error.message, /createModel.*hiddenUnits/);
    assert.match(error.message, /--args/);
  });

  test('several models → ambiguous-export listing them', async () => {
    const { error } = await profileFails(D('ambiguous-models.js'));
    assert.equal(error.kind, 'ambiguous-export');
    assert.deepEqual(error.details, ['encoder', 'decoder']);
    assert.match(error.message, /--export/);
  });

  test('several factories → ambiguous-export listing them', async () => {
    const { error } = await profileFails(D('ambiguous-factories.js'));
    assert.equal(error.kind, 'ambiguous-export');
    assert.deepEqual(error.details, ['createModel', 'buildModel']);
  });

  test('--export naming a missing export → no-model listing the exports', async () => {
    const { error } = await profileFails(D('ambiguous-models.js'), { exportName: 'nope' });
    assert.equal(error.kind, 'no-model');
    assert.match(error.message, /"nope"/);
    assert.deepEqual(error.details, ['encoder: model', 'decoder: model']);
  });
});

test('a model file with NO node_modules above it that requires @tensorflow/tfjs-node still runs', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gl-no-node-modules-'));
  try {
    for (let d = dir; path.dirname(d) !== d; d = path.dirname(d)) {
      assert.equal(fs.existsSync(path.join(d, 'node_modules')), false, `${d} has node_modules: the test needs a clean temp folder`);
    }
    const file = path.join(dir, 'model.js');
    fs.writeFileSync(
      file,
      [
        "const tf = require('@tensorflow/tfjs-node');",
        'const model = tf.sequential();',
        'model.add(tf.layers.dense({ inputShape: [3], units: 2 }));',
        "model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });",
        'module.exports = model;',
        '',
      ].join('\n'),
    );
    const { report } = await profileOk(file);
    assert.match(report.tfjsSource!, /^Gradient Lens /);
    assert.deepEqual(report.layers.map((l) => [l.file, l.line]), [[file, 3]]);
    assert.ok(report.layers[0].gradNorm > 0);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
