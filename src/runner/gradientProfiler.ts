// Gradient profiling: step 0 on the initial weights, then N optimizer steps with the model's own
// optimizer; per weight the gradient statistics, per layer the dead/saturated share of its outputs,
// and — on the first non-finite value — a diagnostic pass that names the layer where it appeared.
import type { LayersModel, NamedTensorMap, Scalar, SymbolicTensor, Tensor } from '@tensorflow/tfjs';
import { HARD_ZERO, SATURATING, ZERO_CENTRED } from '../core/activations';
import { combinedNorm, weightStats } from '../core/stats';
import type { NonFiniteOrigin, StepRecord } from '../core/health';
import type { LayerInfo, LayerStepStats, SourceLocation, WeightStats } from '../core/protocol';
import { creationSiteOf } from './callSites';
import { innerModel, type Batch } from './data';
import { DiscoveryError } from './discovery';
import type { Tf } from './tfjsResolve';

type AnyLayer = {
  name: string;
  getClassName(): string;
  getConfig(): Record<string, unknown>;
  trainableWeights: LayerVariable[];
  weights: LayerVariable[];
  inboundNodes: unknown[];
  output: SymbolicTensor | SymbolicTensor[];
  layers?: AnyLayer[];
  layer?: AnyLayer;
  forwardLayer?: AnyLayer;
  backwardLayer?: AnyLayer;
};
type LayerVariable = { name: string; shape: number[]; trainable: boolean; read(): Tensor & { name: string } };

/** Layers whose output is not simply activation(pre-activation). */
const COMPOSITE = new Set(['LSTM', 'GRU', 'ConvLSTM2D', 'Bidirectional', 'TimeDistributed', 'RNN']);

export function activationOf(layer: AnyLayer): string | undefined {
  const cls = layer.getClassName();
  if (cls === 'ReLU') return 'relu';
  const config = layer.getConfig();
  const act = config.activation;
  return typeof act === 'string' ? act : undefined;
}

interface ProfiledLayer {
  layer: AnyLayer;
  info: LayerInfo;
  weights: LayerVariable[];
  /** Index into the probe model's outputs (model outputs first) when this layer's activations are measured. */
  probe?: { index: number; kind: 'dead' | 'saturated' };
}

type FlatLayer = { layer: AnyLayer; parent?: string; topLevel: boolean; location?: SourceLocation };

/** All layers, depth first: nested models and wrappers contribute their inner layers. */
function flattenLayers(layers: AnyLayer[], parent?: string, out: FlatLayer[] = [], userSite?: SourceLocation) {
  for (const layer of layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    out.push({ layer, parent, topLevel: parent === undefined, location: userSite ?? creationSiteOf(layer) });
    if (layer.forwardLayer && layer.backwardLayer) {
      // Bidirectional builds its forward/backward layers from the config of the layer the user passed in,
      // inside its own constructor; that user layer is never called. Report the two working copies at the
      // line where the user created the recurrent layer, and leave the unused original out.
      const site = (layer.layer && creationSiteOf(layer.layer)) ?? creationSiteOf(layer);
      flattenLayers([layer.forwardLayer, layer.backwardLayer], layer.name, out, site);
      continue;
    }
    const children = layer.layers ?? (layer.layer ? [layer.layer] : []);
    flattenLayers(children, layer.name, out);
  }
  return out;
}

export class GradientProfiler {
  readonly layers: ProfiledLayer[];
  private readonly inner: ReturnType<typeof innerModel>;
  private readonly variables: LayerVariable[];
  private readonly probe: LayersModel;
  private readonly outputCount: number;
  private readonly lossFunctions: ((yTrue: Tensor, yPred: Tensor) => Tensor)[];
  readonly records: StepRecord[] = [];
  nonFiniteOrigin?: NonFiniteOrigin;

  constructor(private readonly tf: Tf, model: LayersModel) {
    this.inner = innerModel(model);
    this.variables = this.inner.trainableWeights as unknown as LayerVariable[];
    if (this.variables.length === 0) {
      throw new DiscoveryError('no-trainable-weights', `Model "${model.name}" has no trainable weights: there are no gradients to profile.`);
    }
    this.lossFunctions = this.inner.lossFunctions as unknown as ((a: Tensor, b: Tensor) => Tensor)[];
    const flat = flattenLayers(this.inner.layers as unknown as AnyLayer[]);
    // Each weight belongs to the deepest layer that lists it (a wrapper lists its inner layer's weights too).
    const owner = new Map<LayerVariable, AnyLayer>();
    for (const { layer } of flat) for (const w of layer.trainableWeights) owner.set(w, layer);
    const probeOutputs: SymbolicTensor[] = [];
    this.layers = flat.map(({ layer, parent, topLevel, location }) => {
      const weights = this.variables.filter((v) => owner.get(v) === layer);
      const activation = activationOf(layer);
      const info: LayerInfo = {
        name: layer.name,
        className: layer.getClassName(),
        activation,
        location,
        parent,
        weights: layer.weights.filter((w) => owner.get(w) === layer || !w.trainable).map((w) => ({ name: w.name, shape: [...w.shape], trainable: w.trainable && owner.get(w) === layer })),
      };
      const entry: ProfiledLayer = { layer, info, weights };
      const kind = HARD_ZERO.has(activation) ? 'dead' : SATURATING.has(activation) ? 'saturated' : undefined;
      if (kind && topLevel && !COMPOSITE.has(info.className) && layer.inboundNodes.length === 1 && !Array.isArray(layer.output)) {
        // A layer that is also a model output (e.g. a sigmoid classifier head) is read from that output:
        // listing it twice makes tf.model() drop the duplicate and the probe index point past the end.
        const asModelOutput = this.inner.outputs.indexOf(layer.output as SymbolicTensor);
        if (asModelOutput >= 0) entry.probe = { index: asModelOutput, kind };
        else {
          entry.probe = { index: this.inner.outputs.length + probeOutputs.length, kind };
          probeOutputs.push(layer.output as SymbolicTensor);
        }
      }
      return entry;
    });
    this.outputCount = this.inner.outputs.length;
    this.probe = tf.model({ inputs: this.inner.inputs, outputs: [...this.inner.outputs, ...probeOutputs] });
  }

  private totalLoss(ys: Tensor[], outputs: Tensor[]): Scalar {
    const tf = this.tf;
    let total: Tensor | undefined;
    this.lossFunctions.forEach((lossFn, i) => {
      const loss = lossFn(ys[i], outputs[i]);
      total = total ? tf.add(total, loss) : loss;
    });
    let mean = tf.mean(total!) as Scalar;
    // Same as LayersModel training: regularizer penalties are added to the mean loss.
    for (const penalty of (this.inner as unknown as { calculateLosses(): Scalar[] }).calculateLosses()) mean = tf.add(mean, penalty);
    return mean;
  }

  private activationStat(output: Tensor, kind: 'dead' | 'saturated', activation: string): Scalar {
    const tf = this.tf;
    if (kind === 'dead') {
      const channels = output.shape[output.shape.length - 1] ?? 1;
      const perUnitMax = tf.max(tf.reshape(output, [-1, channels]), 0);
      return tf.mean(tf.cast(tf.lessEqual(perUnitMax, 0), 'float32')) as Scalar;
    }
    const tails = ZERO_CENTRED.has(activation) ? tf.greater(tf.abs(output), 0.99) : tf.logicalOr(tf.less(output, 0.01), tf.greater(output, 0.99));
    return tf.mean(tf.cast(tails, 'float32')) as Scalar;
  }

  /** One profiling step: gradients + statistics on the current weights, then (optionally) an optimizer step. */
  async step(step: number, batch: Batch, applyUpdate: boolean): Promise<StepRecord> {
    const tf = this.tf;
    const probed = this.layers.filter((l) => l.probe);
    const activationScalars: Scalar[] = [];
    const { value, grads } = tf.variableGrads(() => {
      const result = this.probe.apply(batch.xs, { training: true });
      const outputs = Array.isArray(result) ? result : [result];
      for (const l of probed) {
        activationScalars.push(tf.keep(this.activationStat(outputs[l.probe!.index] as Tensor, l.probe!.kind, l.info.activation!)));
      }
      return this.totalLoss(batch.ys, outputs.slice(0, this.outputCount) as Tensor[]);
    }, this.variables.map((v) => v.read()) as never);
    const names = this.variables.map((v) => v.read().name);
    const [lossData, activationData, gradData, weightData] = await Promise.all([
      value.data(),
      Promise.all(activationScalars.map((s) => s.data())),
      Promise.all(names.map((n) => grads[n].data())),
      Promise.all(this.variables.map((v) => v.read().data())),
    ]);
    const statsByVariable = new Map<LayerVariable, WeightStats>();
    this.variables.forEach((v, i) => statsByVariable.set(v, weightStats(v.name, gradData[i] as Float32Array, weightData[i] as Float32Array)));
    const layers: LayerStepStats[] = [];
    for (const l of this.layers) {
      const weights = l.weights.map((w) => statsByVariable.get(w)!);
      if (weights.length === 0 && !l.probe) continue;
      const stats: LayerStepStats = { name: l.info.name, gradNorm: weights.length ? combinedNorm(weights.map((w) => w.gradNorm)) : NaN, weights };
      if (l.probe) {
        const share = activationData[probed.indexOf(l)][0];
        if (l.probe.kind === 'dead') stats.deadShare = share;
        else stats.saturatedShare = share;
      }
      layers.push(stats);
    }
    const record: StepRecord = { step, loss: lossData[0], layers };
    const nonFinite = !Number.isFinite(record.loss) || layers.some((l) => l.weights.some((w) => w.nanCount + w.infCount > 0 || !Number.isFinite(w.weightNorm)));
    if (nonFinite && !this.nonFiniteOrigin) this.nonFiniteOrigin = this.locateNonFinite(step, batch, record);
    if (applyUpdate) {
      (this.inner.optimizer as unknown as { applyGradients(g: NamedTensorMap): void }).applyGradients(grads);
    }
    tf.dispose([value, ...Object.values(grads), ...activationScalars]);
    this.records.push(record);
    return record;
  }

  /** Diagnostic pass: the first layer whose weights, forward output or gradients are non-finite. */
  private locateNonFinite(step: number, batch: Batch, record: StepRecord): NonFiniteOrigin {
    const tf = this.tf;
    const statsOf = new Map(record.layers.map((l) => [l.name, l]));
    const badWeights = this.layers.find((l) => statsOf.get(l.info.name)?.weights.some((w) => !Number.isFinite(w.weightNorm)));
    if (badWeights) return { step, layer: badWeights.info.name, pass: 'weights' };
    const topLevel = (this.inner.layers as unknown as AnyLayer[]).filter(
      (l) => l.getClassName() !== 'InputLayer' && l.inboundNodes.length === 1 && !Array.isArray(l.output),
    );
    const firstBadForward = tf.tidy(() => {
      const all = tf.model({ inputs: this.inner.inputs, outputs: topLevel.map((l) => l.output as SymbolicTensor) });
      const outputs = all.apply(batch.xs, { training: true });
      const list = Array.isArray(outputs) ? outputs : [outputs];
      const flags = list.map((t) => tf.any(tf.logicalNot(tf.isFinite(t as Tensor))).dataSync()[0]);
      return flags.findIndex((f) => f === 1);
    });
    if (firstBadForward >= 0) return { step, layer: topLevel[firstBadForward].name, pass: 'forward' };
    if (!Number.isFinite(record.loss)) return { step, layer: '', pass: 'loss' };
    const backwards = [...this.layers].reverse().find((l) => statsOf.get(l.info.name)?.weights.some((w) => w.nanCount + w.infCount > 0));
    return { step, layer: backwards?.info.name ?? '', pass: 'backward' };
  }
}
