// Memory stays bounded: the runner's GradientProfiler, driven in-process for several steps, leaves
// tf.memory().numTensors exactly where it was — including optimizer updates, activation probes and the
// non-finite diagnostic pass — on cpu and wasm.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { GradientProfiler } from '../../src/runner/gradientProfiler';
import { registerWasmConvBackpropFilter, registerWasmConvBackpropInput, registerWasmUnsortedSegmentSum } from '../../src/runner/wasmKernels';
import type { Batch } from '../../src/runner/data';

tf.env().set('PROD', true);

interface Case {
  name: string;
  build(): tf.LayersModel;
  batch(): Batch;
}

const batch = (x: tf.Tensor, y: tf.Tensor): Batch => ({ xs: [x], ys: [y], source: 'sampleBatch', note: 'test' });

const CASES: Case[] = [
  {
    name: 'conv + relu + dense softmax, Adam',
    build() {
      const m = tf.sequential();
      m.add(tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, activation: 'relu' }));
      m.add(tf.layers.maxPooling2d({ poolSize: 2 }));
      m.add(tf.layers.flatten());
      m.add(tf.layers.dense({ units: 6, activation: 'sigmoid' }));
      m.add(tf.layers.dense({ units: 3, activation: 'softmax' }));
      m.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
      return m;
    },
    batch: () => batch(tf.randomNormal([4, 8, 8, 1], 0, 1, 'float32', 1), tf.oneHot(tf.tensor1d([0, 1, 2, 0], 'int32'), 3)),
  },
  {
    name: 'LSTM + dense with an L2 regularizer, RMSProp',
    build() {
      const m = tf.sequential();
      m.add(tf.layers.lstm({ inputShape: [5, 3], units: 4, kernelRegularizer: tf.regularizers.l2({ l2: 1e-3 }) }));
      m.add(tf.layers.dense({ units: 1, activation: 'tanh' }));
      m.compile({ optimizer: tf.train.rmsprop(1e-3), loss: 'meanSquaredError' });
      return m;
    },
    batch: () => batch(tf.randomNormal([3, 5, 3], 0, 1, 'float32', 2), tf.randomNormal([3, 1], 0, 1, 'float32', 3)),
  },
  {
    name: 'NaN from a log of negative values (diagnostic pass), SGD',
    build() {
      const input = tf.input({ shape: [4] });
      const hidden = tf.layers.dense({ units: 3, activation: 'relu' }).apply(input) as tf.SymbolicTensor;
      const logged = tf.layers.activation({ activation: 'linear' }).apply(hidden) as tf.SymbolicTensor;
      const out = tf.layers.dense({ units: 1, biasInitializer: tf.initializers.constant({ value: -1e38 }), kernelInitializer: tf.initializers.constant({ value: 1e38 }) }).apply(logged) as tf.SymbolicTensor;
      const m = tf.model({ inputs: input, outputs: out });
      m.compile({ optimizer: tf.train.sgd(1), loss: 'meanSquaredError' });
      return m;
    },
    batch: () => batch(tf.randomNormal([4, 4], 3, 1, 'float32', 4), tf.ones([4, 1])),
  },
];

for (const backend of ['cpu', 'wasm']) {
  describe(`tensor count stays constant across profiling steps on ${backend}`, () => {
    for (const c of CASES) {
      test(c.name, async () => {
        assert.ok(await tf.setBackend(backend));
        if (backend === 'wasm') {
          registerWasmConvBackpropFilter(tf);
          registerWasmConvBackpropInput(tf);
          registerWasmUnsortedSegmentSum(tf);
        }
        const model = c.build();
        const data = c.batch();
        const profiler = new GradientProfiler(tf, model);
        // Step 0 with an update creates the optimizer's slot variables once; from then on nothing grows.
        const start = tf.memory().numTensors;
        await profiler.step(0, data, true);
        // SGD keeps no slots, so even step 0 (where the non-finite diagnostic pass runs) must balance.
        if (c.name.startsWith('NaN')) assert.equal(tf.memory().numTensors, start, 'step 0 with the diagnostic pass leaked');
        const counts: number[] = [];
        for (let step = 1; step <= 4; step++) {
          await profiler.step(step, data, true);
          counts.push(tf.memory().numTensors);
        }
        assert.deepEqual(counts, Array(counts.length).fill(counts[0]), `numTensors per step: ${counts.join(', ')}`);
        // A step without update (the last profiled step) frees everything it made.
        const before = tf.memory().numTensors;
        await profiler.step(5, data, false);
        assert.equal(tf.memory().numTensors, before);
        assert.equal(profiler.records.length, 6);
        assert.equal(profiler.nonFiniteOrigin !== undefined, c.name.startsWith('NaN'), `nonFiniteOrigin ${JSON.stringify(profiler.nonFiniteOrigin)}`);
        tf.dispose([...data.xs, ...data.ys]);
        model.dispose();
      });
    }
  });
}
