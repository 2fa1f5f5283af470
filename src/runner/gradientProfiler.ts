// Gradient profiling: step 0 on the initial weights, then N optimizer steps with the model's own
// optimizer; per weight the gradient statistics, per layer the dead/saturated share of its outputs,
// and — on the first non-finite value — a diagnostic pass that names the layer where it appeared.
import type { LayersModel, NamedTensorMap, Scalar, SymbolicTensor, Tensor } from '@tensorflow/tfjs';
import { HARD_ZERO, SATURATING, ZERO_CENTRED } from '../core/activations';
import { combinedNorm, l2Norm, weightStats } from '../core/stats';
import type { NonFiniteOrigin, StepRecord } from '../core/health';
import type { LayerInfo, LayerStepStats, OutputInfo, WeightStats } from '../core/protocol';
import { placeLayers } from '../core/layerPlacement';
import { duplicateShare, updateRatio } from './weightChecks';
import { NOISE_SETTING, quietOutputs } from './quietLoss';
import { outputConfidence } from './outputConfidence';
import { activationOf, flattenLayers, shapesOf, type AnyLayer, type LayerVariable } from './modelLayers';
import { readOutputInfo } from './outputInfo';
import { innerModel, type Batch } from './data';
import { DiscoveryError } from './discovery';
import { leavingWeightsAsFound, WeightSnapshot, type LayerVariable as Weight } from './modelState';
import type { Tf } from './tfjsResolve';

/** Layers whose output is not simply activation(pre-activation). */
const COMPOSITE = new Set(['LSTM', 'GRU', 'ConvLSTM2D', 'Bidirectional', 'TimeDistributed', 'RNN']);

interface ProfiledLayer {
  layer: AnyLayer;
  info: LayerInfo;
  weights: LayerVariable[];
  /** Index into the probe model's outputs (model outputs first) when this layer's activations are measured. */
  probe?: { index: number; kind: ProbeKind };
}

/** dead: ReLU units off for the whole batch; saturated: sigmoid/tanh outputs in the tails; confident: softmax rows with max > 0.99. */
type ProbeKind = 'dead' | 'saturated' | 'confident';

export class GradientProfiler {
  readonly layers: ProfiledLayer[];
  private readonly inner: ReturnType<typeof innerModel>;
  private readonly variables: LayerVariable[];
  private readonly probe: LayersModel;
  private readonly outputCount: number;
  private readonly lossFunctions: ((yTrue: Tensor, yPred: Tensor) => Tensor)[];
  readonly records: StepRecord[] = [];
  nonFiniteOrigin?: NonFiniteOrigin;
  private hasPenalties: boolean;
  /** The model has dropout or noise layers: its training-mode loss is noisy. */
  readonly stochastic: boolean;
  /** Each variable's values at the previous step: the size of the update between steps (CS231n's update/weight ratio). */
  private previousWeights?: Float32Array[];

  constructor(private readonly tf: Tf, model: LayersModel) {
    this.inner = innerModel(model);
    this.variables = this.inner.trainableWeights as unknown as LayerVariable[];
    if (this.variables.length === 0) {
      throw new DiscoveryError('no-trainable-weights', `Model "${model.name}" has no trainable weights: there are no gradients to profile.`);
    }
    this.lossFunctions = this.inner.lossFunctions as unknown as ((a: Tensor, b: Tensor) => Tensor)[];
    this.hasPenalties = tf.tidy(() => this.penalty() !== undefined);
    const flat = flattenLayers(this.inner.layers as unknown as AnyLayer[]);
    this.stochastic = flat.some(({ layer }) => Object.hasOwn(NOISE_SETTING, layer.getClassName()));
    // Each weight belongs to the deepest layer that lists it (a wrapper lists its inner layer's weights too).
    const owner = new Map<LayerVariable, AnyLayer>();
    for (const { layer } of flat) for (const w of layer.trainableWeights) owner.set(w, layer);
    const probeOutputs: SymbolicTensor[] = [];
    // A helper's line that made layers for several lines of the model code gives them to those lines.
    const placements = placeLayers(flat.map((f) => f.chain));
    this.layers = flat.map(({ layer, parent, topLevel }, i) => {
      const placement = placements[i];
      const location = placement?.location;
      const weights = this.variables.filter((v) => owner.get(v) === layer);
      const activation = activationOf(layer);
      const info: LayerInfo = {
        name: layer.name,
        className: layer.getClassName(),
        activation,
        location,
        ...(placement?.via.length ? { via: placement.via } : {}),
        parent,
        ...(topLevel ? { readBy: (layer.outboundNodes ?? []).flatMap((n) => (n.outboundLayer ? [n.outboundLayer.getClassName()] : [])) } : {}),
        ...(topLevel ? shapesOf(layer) : {}),
        weights: layer.weights.filter((w) => owner.get(w) === layer || !w.trainable).map((w) => ({ name: w.name, shape: [...w.shape], trainable: w.trainable && owner.get(w) === layer })),
      };
      const entry: ProfiledLayer = { layer, info, weights };
      // Only a called top-level layer has an output (reading it on a wrapped inner layer throws).
      const probeable = topLevel && !COMPOSITE.has(info.className) && layer.inboundNodes.length === 1 && !Array.isArray(layer.output);
      const isOutput = probeable && this.inner.outputs.includes(layer.output as SymbolicTensor);
      const kind: ProbeKind | undefined = HARD_ZERO.has(activation) ? 'dead' : SATURATING.has(activation) ? 'saturated' : activation === 'softmax' && isOutput ? 'confident' : undefined;
      if (kind && probeable) {
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

  /** The loss of the data alone, without regularizer penalties (LayersModel training adds those to this mean). */
  private dataLoss(ys: Tensor[], outputs: Tensor[]): Scalar {
    const tf = this.tf;
    let total: Tensor | undefined;
    this.lossFunctions.forEach((lossFn, i) => {
      const loss = lossFn(ys[i], outputs[i]);
      total = total ? tf.add(total, loss) : loss;
    });
    return tf.mean(total!) as Scalar;
  }

  /** The data loss with dropout/noise layers off: a fixed batch's loss curve without their noise. */
  private inferenceLoss(batch: Batch): number {
    return this.tf.tidy(() => this.dataLoss(batch.ys, quietOutputs(this.tf, this.inner, batch.xs)).dataSync()[0]);
  }

  /**
   * The penalties' gradient; undefined when no penalty reaches a variable (e.g. l2({ l2: 0 }), whose
   * penalty is a constant 0: variableGrads would throw "Cannot find a connection").
   */
  private penaltyGrads(reads: unknown[]): { value: Scalar; grads: NamedTensorMap } | undefined {
    try {
      return this.tf.variableGrads(() => this.penalty()!, reads as never);
    } catch {
      this.hasPenalties = false;
      return undefined;
    }
  }

  /** Sum of the regularizer penalties (L1/L2 on kernels, biases, activities of weights), or undefined without any. */
  private penalty(): Scalar | undefined {
    const penalties = (this.inner as unknown as { calculateLosses(): Scalar[] }).calculateLosses();
    return penalties.length ? (this.tf.addN(penalties) as Scalar) : undefined;
  }


  /** Output layers and their labels, for the initial-loss and output rules (runner/outputInfo.ts). */
  outputInfo(batch: Batch, lossNames: string[]): OutputInfo[] {
    return readOutputInfo(this.tf, this.inner, this.lossFunctions, batch, lossNames);
  }

  /** The probe's share(s): dead → [dead, always positive]; the other kinds one share. */
  private activationStat(output: Tensor, kind: ProbeKind, activation: string, labels: Tensor | undefined): Tensor {
    const tf = this.tf;
    // An output layer's probabilities: confident share, and with its labels the confidently wrong share.
    if (kind === 'confident') return outputConfidence(tf, output, labels, 'softmax');
    if (labels && activation === 'sigmoid') return outputConfidence(tf, output, labels, 'sigmoid');
    if (kind === 'dead') {
      const channels = output.shape[output.shape.length - 1] ?? 1;
      const rows = tf.reshape(output, [-1, channels]);
      const dead = tf.mean(tf.cast(tf.lessEqual(tf.max(rows, 0), 0), 'float32'));
      const active = tf.mean(tf.cast(tf.greater(tf.min(rows, 0), 0), 'float32'));
      return tf.stack([dead, active]);
    }
    const tails = ZERO_CENTRED.has(activation) ? tf.greater(tf.abs(output), 0.99) : tf.logicalOr(tf.less(output, 0.01), tf.greater(output, 0.99));
    return tf.mean(tf.cast(tails, 'float32')) as Scalar;
  }

  /** One profiling step: gradients + statistics on the current weights, then (optionally) an optimizer step. */
  async step(step: number, batch: Batch, applyUpdate: boolean): Promise<StepRecord> {
    const tf = this.tf;
    const probed = this.layers.filter((l) => l.probe);
    const activationScalars: Tensor[] = [];
    const reads = this.variables.map((v) => v.read());
    // A step that only reads (the last one) must not move BatchNormalization's moving statistics, as its
    // training-mode pass would: fit() updates them once per optimizer step, and so does the profile.
    const readOnly = applyUpdate ? undefined : new WeightSnapshot(tf, this.allWeights());
    // The data loss's gradient and the penalties' gradient are taken apart: a regularizer's 2λw can
    // dominate an early layer's total gradient and hide that the data loss's gradient vanished there.
    const { value, grads } = tf.variableGrads(() => {
      const result = this.probe.apply(batch.xs, { training: true });
      const outputs = Array.isArray(result) ? result : [result];
      for (const l of probed) {
        activationScalars.push(tf.keep(this.activationStat(outputs[l.probe!.index] as Tensor, l.probe!.kind, l.info.activation!, l.probe!.index < this.outputCount ? batch.ys[l.probe!.index] : undefined)));
      }
      return this.dataLoss(batch.ys, outputs.slice(0, this.outputCount) as Tensor[]);
    }, reads as never);
    readOnly?.restore();
    readOnly?.dispose();
    const reg = this.hasPenalties ? this.penaltyGrads(reads) : undefined;
    const names = reads.map((r) => r.name);
    const [lossData, regLossData, activationData, gradData, regGradData, weightData] = await Promise.all([
      value.data(),
      reg?.value.data(),
      Promise.all(activationScalars.map((s) => s.data())),
      Promise.all(names.map((n) => (grads[n] ? grads[n].data() : undefined))),
      Promise.all(names.map((n) => reg?.grads[n]?.data())),
      Promise.all(this.variables.map((v) => v.read().data())),
    ]);
    const statsByVariable = new Map<LayerVariable, WeightStats>();
    this.variables.forEach((v, i) => {
      const weight = weightData[i] as Float32Array;
      // A variable the data loss does not reach (e.g. only its penalty does) has a data gradient of zero.
      const stats = weightStats(v.name, (gradData[i] as Float32Array | undefined) ?? new Float32Array(weight.length), weight);
      if (regGradData[i]) stats.regGradNorm = l2Norm(regGradData[i] as Float32Array);
      statsByVariable.set(v, stats);
    });
    const previous = this.previousWeights;
    this.previousWeights = weightData as Float32Array[];
    const index = new Map(this.variables.map((v, i) => [v, i]));
    const layers: LayerStepStats[] = [];
    for (const l of this.layers) {
      const weights = l.weights.map((w) => statsByVariable.get(w)!);
      if (weights.length === 0 && !l.probe) continue;
      const stats: LayerStepStats = { name: l.info.name, gradNorm: weights.length ? combinedNorm(weights.map((w) => w.gradNorm)) : NaN, weights };
      const duplicates = duplicateShare(l.weights, l.weights.map((w) => weightData[index.get(w)!] as Float32Array));
      if (duplicates !== undefined) stats.duplicateShare = duplicates;
      if (previous && weights.length) {
        const ratio = updateRatio(l.weights.map((w) => previous[index.get(w)!]), l.weights.map((w) => weightData[index.get(w)!] as Float32Array));
        if (ratio !== undefined) stats.updateRatio = ratio;
      }
      if (weights.some((w) => w.regGradNorm !== undefined)) stats.regGradNorm = combinedNorm(weights.map((w) => w.regGradNorm ?? 0));
      if (l.probe) {
        const [share, active] = activationData[probed.indexOf(l)];
        if (l.probe.kind === 'dead') Object.assign(stats, { deadShare: share, activeShare: active });
        else {
          stats.saturatedShare = share;
          if (active !== undefined) stats.confidentWrongShare = active;
        }
      }
      layers.push(stats);
    }
    const regLoss = regLossData?.[0];
    const record: StepRecord = { step, loss: lossData[0] + (regLoss ?? 0), layers, ...(regLoss !== undefined ? { regLoss } : {}) };
    if (this.stochastic) record.evalLoss = this.inferenceLoss(batch);
    const nonFinite = !Number.isFinite(record.loss) || layers.some((l) => l.weights.some((w) => w.nanCount + w.infCount > 0 || !Number.isFinite(w.weightNorm)));
    if (nonFinite && !this.nonFiniteOrigin) this.nonFiniteOrigin = this.locateNonFinite(step, batch, record);
    if (applyUpdate) {
      const total: NamedTensorMap = { ...grads };
      for (const [name, g] of Object.entries(reg?.grads ?? {})) total[name] = total[name] ? tf.add(total[name], g) : g;
      (this.inner.optimizer as unknown as { applyGradients(g: NamedTensorMap): void }).applyGradients(total);
      tf.dispose(Object.entries(total).filter(([n, t]) => t !== grads[n] && t !== reg?.grads[n]).map(([, t]) => t));
    }
    tf.dispose([value, ...Object.values(grads), ...activationScalars, ...(reg ? [reg.value, ...Object.values(reg.grads)] : [])]);
    this.records.push(record);
    return record;
  }

  /**
   * Each weight layer's ‖g‖ of the data loss on `batch` at the model's current weights, as step() measures it (training
   * mode; moving statistics put back): what the ÷10 rate probe reads at its end (core/causes.ts brokenByRate).
   */
  gradNorms(batch: Pick<Batch, 'xs' | 'ys'>): { name: string; gradNorm: number }[] {
    const tf = this.tf;
    const reads = this.variables.map((v) => v.read());
    const norms = new Map<string, number>();
    leavingWeightsAsFound(tf, this.allWeights(), () =>
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => {
          const result = this.inner.apply(batch.xs, { training: true });
          return this.dataLoss(batch.ys, (Array.isArray(result) ? result : [result]) as Tensor[]);
        }, reads as never);
        for (const r of reads) norms.set(r.name, grads[r.name] ? l2Norm(grads[r.name].dataSync() as Float32Array) : 0);
      }),
    );
    return this.layers.filter((l) => l.weights.length).map((l) => ({ name: l.info.name, gradNorm: combinedNorm(l.weights.map((w) => norms.get(w.read().name) ?? 0)) }));
  }

  /** Every weight of the model, trainable or not (BatchNormalization's moving statistics). */
  private allWeights(): Weight[] {
    return this.inner.weights;
  }

  /** Diagnostic pass: the first layer whose weights, forward output or gradients are non-finite. */
  private locateNonFinite(step: number, batch: Batch, record: StepRecord): NonFiniteOrigin {
    const tf = this.tf;
    const statsOf = new Map(record.layers.map((l) => [l.name, l]));
    const badWeights = this.layers.find((l) => statsOf.get(l.info.name)?.weights.some((w) => !Number.isFinite(w.weightNorm)));
    if (badWeights) return { step, layer: badWeights.info.name, pass: 'weights' };
    // NaN/Inf in the batch itself: a forward origin no layer owns (found at the line that made the inputs).
    if (tf.tidy(() => batch.xs.some((x) => tf.any(tf.logicalNot(tf.isFinite(x))).dataSync()[0] === 1))) return { step, layer: '', pass: 'forward' };
    const topLevel = (this.inner.layers as unknown as AnyLayer[]).filter(
      (l) => l.getClassName() !== 'InputLayer' && l.inboundNodes.length === 1 && !Array.isArray(l.output),
    );
    // A training-mode pass of its own: the moving statistics it would move are put back.
    const firstBadForward = leavingWeightsAsFound(tf, this.allWeights(), () => tf.tidy(() => {
      const all = tf.model({ inputs: this.inner.inputs, outputs: topLevel.map((l) => l.output as SymbolicTensor) });
      const outputs = all.apply(batch.xs, { training: true });
      const list = Array.isArray(outputs) ? outputs : [outputs];
      const flags = list.map((t) => tf.any(tf.logicalNot(tf.isFinite(t as Tensor))).dataSync()[0]);
      return flags.findIndex((f) => f === 1);
    }));
    if (firstBadForward >= 0) return { step, layer: topLevel[firstBadForward].name, pass: 'forward' };
    if (!Number.isFinite(record.loss)) return { step, layer: '', pass: 'loss' };
    const backwards = [...this.layers].reverse().find((l) => statsOf.get(l.info.name)?.weights.some((w) => w.nanCount + w.infCount > 0));
    return { step, layer: backwards?.info.name ?? '', pass: 'backward' };
  }
}
