// Finite differences: on small dense, conv2d (strides 1/2, valid/same), LSTM and Embedding models, the
// autodiff gradients (tf.variableGrads) match central differences, and the runner's GradientProfiler reports
// the same per-weight norms — on every available backend: cpu, wasm (with our Conv2DBackpropFilter and
// UnsortedSegmentSum kernels) and, when test/runner/nativeLane.ts says the native lane is ready,
// tensorflow (tfjs-node). Also the wasm conv-filter kernel against the cpu backend directly.
import { describe, test, type TestContext } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import * as tfjs from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmConvBackpropFilter, registerWasmConvBackpropInput, registerWasmUnsortedSegmentSum } from '../../src/runner/wasmKernels';
import { GradientProfiler } from '../../src/runner/gradientProfiler';

type Tf = typeof tfjs;
type Tensor = tfjs.Tensor;

/** Central-difference step (float32) and tolerance: ‖fd − ad‖ ≤ REL·‖ad‖ + ABS per weight tensor (measured 3e-5…4e-4 relative). */
const EPS = 5e-3;
const REL = 2e-3;
const ABS = 2e-4; // float32 loss round-off / 2·EPS, summed over a weight tensor

interface Spec {
  name: string;
  build(tf: Tf): tfjs.LayersModel;
  batch(tf: Tf): { x: Tensor; y: Tensor };
  /** Only these layers' weights are differenced (others are covered by other specs); default all. */
  checkLayers?: string[];
}

const seeded = (tf: Tf, seed: number) => tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed });

function convSpec(strides: 1 | 2, padding: 'valid' | 'same'): Spec {
  return {
    name: `conv2d strides ${strides} ${padding}`,
    checkLayers: ['conv'],
    build: (tf) => {
      const m = tf.sequential();
      m.add(tf.layers.conv2d({ name: 'conv', inputShape: [7, 6, 2], filters: 3, kernelSize: [3, 2], strides, padding, activation: 'tanh', kernelInitializer: seeded(tf, 11), biasInitializer: seeded(tf, 12) }));
      m.add(tf.layers.flatten());
      m.add(tf.layers.dense({ units: 2, kernelInitializer: seeded(tf, 13) }));
      return m;
    },
    batch: (tf) => ({ x: tf.randomNormal([3, 7, 6, 2], 0, 1, 'float32', 5), y: tf.randomNormal([3, 2], 0, 1, 'float32', 6) }),
  };
}

const SPECS: Spec[] = [
  {
    name: 'dense tanh → dense',
    build: (tf) => {
      const m = tf.sequential();
      m.add(tf.layers.dense({ inputShape: [4], units: 5, activation: 'tanh', kernelInitializer: seeded(tf, 1), biasInitializer: seeded(tf, 2) }));
      m.add(tf.layers.dense({ units: 3, kernelInitializer: seeded(tf, 3), biasInitializer: seeded(tf, 4) }));
      return m;
    },
    batch: (tf) => ({ x: tf.randomNormal([6, 4], 0, 1, 'float32', 1), y: tf.randomNormal([6, 3], 0, 1, 'float32', 2) }),
  },
  convSpec(1, 'valid'),
  convSpec(1, 'same'),
  convSpec(2, 'valid'),
  convSpec(2, 'same'),
  {
    name: 'LSTM → dense',
    build: (tf) => {
      const m = tf.sequential();
      m.add(tf.layers.lstm({ name: 'lstm', inputShape: [4, 2], units: 3, kernelInitializer: seeded(tf, 21), recurrentInitializer: seeded(tf, 22), biasInitializer: seeded(tf, 23) }));
      m.add(tf.layers.dense({ units: 1, kernelInitializer: seeded(tf, 24) }));
      return m;
    },
    batch: (tf) => ({ x: tf.randomNormal([3, 4, 2], 0, 1, 'float32', 7), y: tf.randomNormal([3, 1], 0, 1, 'float32', 8) }),
  },
  {
    name: 'Embedding → dense (repeated indices)',
    checkLayers: ['embedding'],
    build: (tf) => {
      const m = tf.sequential();
      m.add(tf.layers.embedding({ name: 'embedding', inputDim: 6, outputDim: 3, inputLength: 4, embeddingsInitializer: seeded(tf, 31) }));
      m.add(tf.layers.flatten());
      m.add(tf.layers.dense({ units: 2, kernelInitializer: seeded(tf, 32) }));
      return m;
    },
    batch: (tf) => ({ x: tf.tensor2d([[0, 1, 1, 5], [2, 2, 2, 0], [5, 4, 3, 1]], [3, 4], 'int32'), y: tf.randomNormal([3, 2], 0, 1, 'float32', 9) }),
  },
];

interface Checked {
  weight: string;
  ad: Float64Array;
  fd: Float64Array;
}

function l2(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
}

async function checkSpec(tf: Tf, spec: Spec): Promise<{ checked: Checked[]; profiled: Map<string, number> }> {
  const model = spec.build(tf);
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
  const { x, y } = spec.batch(tf);
  const lossOf = () => tf.tidy(() => tf.losses.meanSquaredError(y, model.apply(x) as Tensor).dataSync()[0]);
  const vars = model.trainableWeights.map((w) => (w as unknown as { val: tfjs.Variable }).val);
  const { grads } = tf.variableGrads(() => tf.losses.meanSquaredError(y, model.apply(x) as Tensor) as tfjs.Scalar, vars);
  const checked: Checked[] = [];
  for (const lw of model.trainableWeights) {
    const layerName = lw.name.split('/')[0];
    if (spec.checkLayers && !spec.checkLayers.includes(layerName)) continue;
    const v = (lw as unknown as { val: tfjs.Variable }).val;
    const original = v.dataSync().slice() as Float32Array;
    const fd = new Float64Array(original.length);
    for (let i = 0; i < original.length; i++) {
      const values = original.slice();
      values[i] = original[i] + EPS;
      v.assign(tf.tensor(values, v.shape));
      const up = lossOf();
      values[i] = original[i] - EPS;
      v.assign(tf.tensor(values, v.shape));
      const down = lossOf();
      fd[i] = (up - down) / (2 * EPS);
    }
    v.assign(tf.tensor(original, v.shape));
    checked.push({ weight: lw.name, ad: Float64Array.from(grads[v.name].dataSync()), fd });
  }
  tf.dispose(Object.values(grads));
  // The runner's GradientProfiler on the same model and batch: its per-weight ‖g‖ must equal the autodiff norm.
  const profiler = new GradientProfiler(tf, model);
  const record = await profiler.step(0, { xs: [x], ys: [y], source: 'sampleBatch', note: 'test' }, false);
  const profiled = new Map(record.layers.flatMap((l) => l.weights.map((w) => [w.name, w.gradNorm] as const)));
  tf.dispose([x, y]);
  model.dispose();
  return { checked, profiled };
}

function assertClose(spec: Spec, backend: string, { checked, profiled }: Awaited<ReturnType<typeof checkSpec>>) {
  assert.ok(checked.length > 0);
  for (const { weight, ad, fd } of checked) {
    const diff = l2(ad.map((a, i) => a - fd[i]));
    const adNorm = l2(ad);
    assert.ok(adNorm > 1e-4, `${spec.name} ${weight}: ‖g‖ = ${adNorm} is too small for a meaningful check`);
    assert.ok(diff <= REL * adNorm + ABS, `${spec.name} on ${backend}, ${weight}: ‖fd − ad‖ = ${diff.toExponential(3)} vs ‖ad‖ = ${adNorm.toExponential(3)}`);
    const reported = profiled.get(weight);
    assert.ok(reported !== undefined, `GradientProfiler reports ${weight}`);
    assert.ok(Math.abs(reported - adNorm) <= 1e-5 * adNorm, `${weight}: GradientProfiler ‖g‖ ${reported} vs autodiff ${adNorm}`);
  }
}

async function useBackend(tf: Tf, name: string): Promise<void> {
  assert.equal(await tf.setBackend(name), true, `setBackend(${name})`);
  if (name === 'wasm') {
    registerWasmConvBackpropFilter(tf);
    registerWasmConvBackpropInput(tf);
    registerWasmUnsortedSegmentSum(tf);
  }
}

tfjs.env().set('PROD', true);

for (const backend of ['cpu', 'wasm']) {
  describe(`finite differences on ${backend}`, () => {
    for (const spec of SPECS) {
      test(spec.name, async () => {
        await useBackend(tfjs, backend);
        assertClose(spec, backend, await checkSpec(tfjs, spec));
      });
    }
  });
}

/** The native lane (tfjs-node with a TensorFlow C library) is prepared by another suite's helper. */
async function nativeTf(): Promise<Tf | string> {
  const helper = path.join(__dirname, 'nativeLane.ts');
  if (!fs.existsSync(helper)) return 'test/runner/nativeLane.ts is not present (native lane not set up)';
  const lane = (await import(helper)) as { nativeTfjsNodeDir?: () => string | undefined | Promise<string | undefined> };
  if (typeof lane.nativeTfjsNodeDir !== 'function') return 'nativeLane.ts exports no nativeTfjsNodeDir()';
  const dir = await lane.nativeTfjsNodeDir();
  if (!dir) return 'nativeTfjsNodeDir(): the native lane is not ready';
  const own = path.join(dir, 'package.json');
  const isPackage = fs.existsSync(own) && JSON.parse(fs.readFileSync(own, 'utf8')).name === '@tensorflow/tfjs-node';
  const tf = (isPackage ? require(dir) : createRequire(path.join(dir, 'noop.js'))('@tensorflow/tfjs-node')) as Tf;
  return tf;
}

describe('finite differences on tensorflow (native lane)', () => {
  let native: Promise<Tf | string> | undefined;
  for (const spec of SPECS) {
    test(spec.name, async (t: TestContext) => {
      native ??= nativeTf().catch((error) => `tfjs-node failed to load: ${(error as Error).message.split('\n')[0]}`);
      const tf = await native;
      if (typeof tf === 'string') {
        t.skip(tf);
        return;
      }
      await useBackend(tf, 'tensorflow');
      assertClose(spec, 'tensorflow', await checkSpec(tf, spec));
    });
  }
});

describe('wasm Conv2DBackpropFilter and Conv2DBackpropInput vs the cpu backend', () => {
  const configs: { input: [number, number, number, number]; kernel: [number, number]; filters: number; strides: 1 | 2 | [number, number]; pad: 'valid' | 'same' }[] = [];
  for (const strides of [1, 2] as const) {
    for (const pad of ['valid', 'same'] as const) {
      configs.push({ input: [2, 7, 6, 3], kernel: [3, 2], filters: 4, strides, pad });
      configs.push({ input: [1, 8, 8, 1], kernel: [5, 5], filters: 2, strides, pad });
    }
  }
  configs.push({ input: [3, 9, 7, 2], kernel: [2, 3], filters: 3, strides: [2, 1], pad: 'same' });
  for (const c of configs) {
    test(`x ${c.input.join('×')}, kernel ${c.kernel.join('×')}, strides ${c.strides}, ${c.pad}`, async () => {
      const run = async (backend: string) => {
        await useBackend(tfjs, backend);
        return tfjs.tidy(() => {
          const x = tfjs.randomNormal(c.input, 0, 1, 'float32', 41) as tfjs.Tensor4D;
          const w = tfjs.randomNormal([...c.kernel, c.input[3], c.filters], 0, 1, 'float32', 42) as tfjs.Tensor4D;
          const target = tfjs.randomNormal(tfjs.conv2d(x, w, c.strides, c.pad).shape, 0, 1, 'float32', 43);
          // A non-uniform dy: the gradient of Σ conv(x, w) · target.
          const dw = tfjs.grad((filter: Tensor) => tfjs.sum(tfjs.mul(tfjs.conv2d(x, filter as tfjs.Tensor4D, c.strides, c.pad), target)))(w);
          // and the input gradient (our conv2d composition at stride 1, the backend's kernel otherwise)
          const dx = tfjs.grad((input: Tensor) => tfjs.sum(tfjs.mul(tfjs.conv2d(input as tfjs.Tensor4D, w, c.strides, c.pad), target)))(x);
          return { dw: dw.dataSync().slice(), shape: dw.shape, dx: dx.dataSync().slice(), dxShape: dx.shape };
        });
      };
      const before = (await useBackend(tfjs, 'wasm'), tfjs.memory().numTensors);
      const wasm = await run('wasm');
      assert.equal(tfjs.memory().numTensors, before, 'the wasm kernel leaks no tensors');
      const cpu = await run('cpu');
      assert.deepEqual(wasm.shape, [...c.kernel, c.input[3], c.filters]);
      assert.deepEqual(wasm.shape, cpu.shape);
      const diff = l2(Array.from(wasm.dw, (v, i) => v - cpu.dw[i]));
      assert.ok(diff <= 1e-5 * l2(cpu.dw), `‖wasm − cpu‖ = ${diff} vs ‖cpu‖ = ${l2(cpu.dw)}`);
      assert.deepEqual(wasm.dxShape, c.input);
      const dxDiff = l2(Array.from(wasm.dx, (v, i) => v - cpu.dx[i]));
      assert.ok(dxDiff <= 1e-5 * l2(cpu.dx), `input gradient: ‖wasm − cpu‖ = ${dxDiff} vs ‖cpu‖ = ${l2(cpu.dx)}`);
    });
  }
});
