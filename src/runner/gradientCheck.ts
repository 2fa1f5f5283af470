// Gradient check of the layers the user wrote (tf.layers.Layer subclasses, which is where tf.customGrad
// code lives): the autodiff gradient of a random projection of the layer's output against central finite
// differences, per weight and per input. TensorFlow.js's own layers are not checked: their gradients are
// TensorFlow.js's (and test/runner/gradcheck.test.ts checks the common ones).
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LayersModel, Tensor, Variable } from '@tensorflow/tfjs';
import type { RunnerMessageOf, SourceLocation } from '../core/protocol';
import { seededRandom } from '../core/random';
import { GRADCHECK_TOLERANCE } from '../core/gradcheckReport';
import { creationSiteOf } from './callSites';
import type { Tf } from './tfjsResolve';

/** Central-difference step relative to max(1, |x|): ε^(1/3) for float32 (ε = 2^-23) balances truncation and round-off. */
export const FD_STEP = Math.cbrt(2 ** -23);
/** Elements differenced per weight or input tensor (sampled; two forward passes each). */
export const ELEMENTS_PER_TENSOR = 24;

type AnyLayer = {
  name: string;
  getClassName(): string;
  trainableWeights: { name: string; read(): Variable }[];
  inboundNodes: { inputTensors: { shape: (number | null)[] }[] }[];
  layers?: AnyLayer[];
  layer?: AnyLayer;
  forwardLayer?: AnyLayer;
  backwardLayer?: AnyLayer;
  apply(inputs: Tensor | Tensor[], kwargs?: Record<string, unknown>): Tensor | Tensor[];
  constructor: { name: string };
};

let builtIn: Set<unknown> | undefined;

/** Call before the user's module loads: every layer class TensorFlow.js registered itself is built-in. */
export function rememberBuiltInLayers(tf: Tf): void {
  const map = (tf.serialization.SerializationMap.getMap() as unknown as { classNameMap: Record<string, [unknown, unknown]> }).classNameMap;
  builtIn = new Set(Object.values(map).map(([cls]) => cls));
}

/** Every layer of a model, nested ones (Sequential in a model, wrappers, Bidirectional's two copies) included. */
export function allLayers<T extends { layers?: T[]; layer?: T; forwardLayer?: T; backwardLayer?: T }>(layers: T[], out: T[] = []): T[] {
  for (const layer of layers) {
    out.push(layer);
    const children = [...(layer.layers ?? []), ...(layer.layer ? [layer.layer] : []), ...(layer.forwardLayer ? [layer.forwardLayer] : []), ...(layer.backwardLayer ? [layer.backwardLayer] : [])];
    allLayers(children, out);
  }
  return out;
}

/** The layers whose class the user defined, each once per class instance. */
export function userDefinedLayers(model: LayersModel): AnyLayer[] {
  return allLayers((model as unknown as { layers: AnyLayer[] }).layers).filter((l) => l.getClassName() !== 'InputLayer' && !builtIn?.has(l.constructor));
}

/** Where `class Name` is written: the user's files loaded so far (CommonJS), the layer's creation file and the entry file. */
export function classDefinition(className: string, entryFile: string, layer: object): SourceLocation | undefined {
  const created = creationSiteOf(layer)?.file;
  const loaded = Object.keys(require.cache).filter((f) => !f.includes(`${path.sep}node_modules${path.sep}`) && /\.[cm]?[jt]s$/.test(f));
  const pattern = new RegExp(`\\bclass\\s+${className.replace(/[$]/g, '\\$')}\\b`);
  for (const file of [...new Set([created, entryFile, ...loaded].filter((f): f is string => Boolean(f)))]) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const lines = text.split('\n');
    const index = lines.findIndex((l) => pattern.test(l));
    if (index >= 0) return { file, line: index + 1, column: lines[index].search(pattern) + 1 };
  }
  return created ? creationSiteOf(layer) : undefined;
}

type Result = Omit<RunnerMessageOf<'gradcheckLayer'>, 'type' | 'name' | 'className' | 'location'>;

/** Autodiff vs central differences for one layer on a random input; weights restored afterwards. */
export function checkLayer(tf: Tf, layer: AnyLayer, seed = 1): Result {
  const node = layer.inboundNodes[0];
  if (!node) return { maxRelError: NaN, ok: true, weights: [], note: 'not called in the model: nothing to check' };
  const random = seededRandom(seed);
  const concrete = (shape: (number | null)[]) => shape.map((d, i) => d ?? (i === 0 ? 2 : 4));
  const inputs = node.inputTensors.map((t, i) => tf.randomNormal(concrete(t.shape), 0, 1, 'float32', seed + i));
  const variables = layer.trainableWeights.map((w) => w.read());
  const apply = (xs: Tensor[]) => {
    const out = layer.apply(xs.length === 1 ? xs[0] : xs, {});
    return Array.isArray(out) ? out : [out];
  };
  const projections = tf.tidy(() => apply(inputs).map((o, i) => tf.randomNormal(o.shape, 0, 1, 'float32', seed + 100 + i)));
  const objective = (xs: Tensor[]) => tf.addN(apply(xs).map((o, i) => tf.sum(tf.mul(o, projections[i])))) as import('@tensorflow/tfjs').Scalar;
  const value = (xs: Tensor[]) => tf.tidy(() => objective(xs).dataSync()[0]);
  const weights: Result['weights'] = [];
  try {
    const analyticWeights = variables.length ? tf.variableGrads(() => objective(inputs), variables).grads : {};
    const analyticInputs = tf.grads((...xs: Tensor[]) => objective(xs))(inputs);
    const compare = (name: string, analytic: Float32Array, length: number, perturb: (index: number, delta: number) => number) => {
      const picks = length <= ELEMENTS_PER_TENSOR ? [...Array(length).keys()] : [...new Set(Array.from({ length: ELEMENTS_PER_TENSOR }, () => Math.floor(random() * length)))];
      let diff = 0;
      let fdNorm = 0;
      let adNorm = 0;
      for (const k of picks) {
        const h = FD_STEP * Math.max(1, Math.abs(perturb(k, 0)));
        const plus = perturb(k, h);
        const minus = perturb(k, -h);
        perturb(k, NaN); // restore
        const fd = (plus - minus) / (2 * h);
        diff += (fd - analytic[k]) ** 2;
        fdNorm += fd * fd;
        adNorm += analytic[k] ** 2;
      }
      const scale = Math.sqrt(Math.max(fdNorm, adNorm));
      // Both ~0 (e.g. a weight the projection does not reach): nothing to disagree about.
      weights.push({ name, relError: scale < 1e-6 ? 0 : Math.sqrt(diff) / scale, checked: picks.length });
    };
    variables.forEach((variable, i) => {
      const original = variable.dataSync().slice();
      const data = original.slice();
      const grad = analyticWeights[variable.name];
      compare(layer.trainableWeights[i].name, grad ? (grad.dataSync() as Float32Array) : new Float32Array(data.length), data.length, (k, delta) => {
        if (Number.isNaN(delta)) {
          data[k] = original[k];
          tf.tidy(() => variable.assign(tf.tensor(data, variable.shape)));
          return 0;
        }
        if (delta === 0) return original[k];
        data[k] = original[k] + delta;
        tf.tidy(() => variable.assign(tf.tensor(data, variable.shape)));
        return value(inputs);
      });
      tf.tidy(() => variable.assign(tf.tensor(original, variable.shape)));
    });
    inputs.forEach((input, i) => {
      const original = input.dataSync().slice();
      compare(`input ${i}`, analyticInputs[i].dataSync() as Float32Array, original.length, (k, delta) => {
        if (delta === 0) return original[k];
        if (Number.isNaN(delta)) return 0;
        const data = original.slice();
        data[k] += delta;
        const moved = tf.tensor(data, input.shape);
        const xs = inputs.map((x, j) => (j === i ? moved : x));
        const result = value(xs);
        moved.dispose();
        return result;
      });
    });
    tf.dispose([...Object.values(analyticWeights), ...analyticInputs]);
  } finally {
    tf.dispose([...inputs, ...projections]);
  }
  const maxRelError = Math.max(0, ...weights.map((w) => w.relError));
  return { maxRelError, ok: maxRelError <= GRADCHECK_TOLERANCE, weights };
}
