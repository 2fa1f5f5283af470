// Watch mode's instrumentation: the script's own fit/fitDataset/trainOnBatch run for real, and every
// optimizer step of the model is observed through its optimizer's computeGradients (Optimizer.minimize
// calls it with the loss function of the batch, then applyGradients): the gradients are there for free.
// Per step one small tensor is built on the backend — the loss, each layer's ‖g‖ and the dead share of
// each ReLU layer's kernel gradient — and read as one buffer (L+1 floats). Node's backends (cpu, wasm,
// tensorflow) run kernels synchronously, so the read waits for nothing; it lets the first NaN/Inf be
// located before the optimizer writes it into the weights, with the batch still at hand.
import type { LayersModel, NamedTensorMap, Tensor } from '@tensorflow/tfjs';
import type { LayerInfo, RunnerMessage } from '../core/protocol';
import type { NonFinitePhase, WatchStep, WatchValidation } from '../core/watchProtocol';
import { HARD_ZERO } from '../core/activations';
import { GradientProfiler } from './gradientProfiler';
import { innerModel } from './data';
import { lossNames } from './modelShapes';
import type { Capture, TrainingCalls } from './discovery';
import type { Tf } from './tfjsResolve';
import { SampleTaker } from './watchSamples';
import { locateNonFinite } from './watchNonFinite';
import { ValidationReader } from './watchValidation';

type Optimizer = { computeGradients(f: () => Tensor, varList?: unknown[]): { value: Tensor; grads: NamedTensorMap }; getClassName(): string };
type Inner = ReturnType<typeof innerModel> & { makeTrainFunction(): (data: Tensor[]) => Tensor[]; stopTraining: boolean };
type Logs = Record<string, number | Tensor>;

export interface WatchedLayer {
  info: LayerInfo;
  /** Names of its trainable variables (the keys of the gradient map). */
  variables: string[];
  /** Its variables, to snapshot at a sample (before the optimizer updates them). */
  reads: Tensor[];
  /** ReLU-family layer: the kernel whose all-zero gradient columns are dead units. */
  kernel?: string;
}

export interface WatchEvents {
  /** The first training call: the model is known (send the `model` message). */
  onModel(model: LayersModel, layers: LayerInfo[], capture: Capture): void;
  onStep(step: WatchStep): void;
  onNonFinite(step: number, layer: string | undefined, phase: NonFinitePhase, detail: string): void;
  /** `validationSplit`: fit()'s share of its own rows its val_* logs come from (absent: validationData, or none). */
  onEpoch(epoch: number, step: number, logs: Record<string, number>, validationSplit?: number): void;
  /** The script's own evaluate() on held-out rows (runner/watchValidation.ts). */
  onValidation(reading: WatchValidation): void;
  send(message: RunnerMessage): void;
}

const instrumented = new WeakSet<object>();

export class TrainingWatch {
  /** Optimizer steps recorded so far (the next step's number). */
  step = 0;
  /** Epochs begun over the whole run, across fit() calls (the current one's number). */
  private epoch = -1;
  private layers: WatchedLayer[] = [];
  private inputsCount = 0;
  /** The batch of the training call running now (inputs first), for locating a NaN. */
  private batch: Tensor[] | undefined;
  private model: LayersModel | undefined;
  /** The latest step, held until fit's batch logs add its metrics (or the next step / the end). */
  private unsent: WatchStep | undefined;
  private nonFiniteSeen = false;
  private readonly samples: SampleTaker;
  private readonly validation: ValidationReader;
  /** The watched model has dropout or noise layers: its loss varies from step to step even on the same batch. */
  private stochastic = false;
  /** Set when the run must end (Stop, maxSteps): every training call returns at its next batch. */
  stopping = false;
  /**
   * The first error a training call of the script rejected with (its own fit() callback, its data, an op): the
   * script's training ended there, whether or not the script caught it, so the run is reported as ended by it.
   */
  trainingFailure: { error: unknown } | undefined;

  /** The model this watch follows (a Sequential and its inner model are one). */
  private isWatched(model: LayersModel): boolean {
    return !!this.model && innerModel(model) === innerModel(this.model);
  }

  constructor(private readonly tf: Tf, private readonly every: number, private readonly maxSteps: number | undefined, private readonly events: WatchEvents) {
    this.samples = new SampleTaker((sample) => events.send({ type: 'watchSample', ...sample }));
    this.validation = new ValidationReader(
      tf,
      {
        isWatched: (model) => this.isWatched(model as LayersModel),
        position: () => (this.step > 0 ? { step: this.step - 1, epoch: Math.max(0, this.epoch) } : undefined),
      },
      (reading) => {
        this.emitStep(); // the steps before the evaluation reach the host first
        events.onValidation(reading);
      },
    );
  }

  /**
   * Replaces fit/fitDataset/trainOnBatch so that each call trains for real with this watch attached;
   * `next` resolves at the first call, like discovery's interception (main.ts loadTarget waits on it).
   */
  intercept(): TrainingCalls {
    const calls = {} as TrainingCalls;
    let depth = 0;
    const attach = (model: LayersModel, capture: Capture) => this.attach(model, capture);
    const stopped = () => this.stopping;
    const withCallbacks = (method: 'fit' | 'fitDataset', args: unknown[]) => this.withCallbacks(method, args);
    // Only the watched model's epochs count (a script may train a second model, e.g. a GAN's discriminator).
    const watched = (model: LayersModel) => this.isWatched(model);
    const History = this.tf.History;
    const yieldNow = () => this.yieldToEventLoop();
    const failed = (error: unknown) => void (this.trainingFailure ??= { error });
    const validation = this.validation;
    validation.intercept();
    calls.next = new Promise((resolve) => {
      for (const cls of [this.tf.LayersModel, this.tf.Sequential]) {
        const proto = cls.prototype as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
        for (const method of ['fit', 'fitDataset', 'trainOnBatch'] as const) {
          if (!Object.prototype.hasOwnProperty.call(proto, method)) continue;
          const original = proto[method];
          proto[method] = function (this: LayersModel, ...args: unknown[]) {
            // Sequential.fit calls its inner model's fit: that inner call is the same training call.
            if (depth > 0) return original.apply(this, args);
            if (!calls.first) {
              calls.first = { model: this, method, args };
              attach(this, calls.first);
              resolve(calls.first);
            } else attach(this, { model: this, method, args });
            if (stopped()) return Promise.resolve(method === 'trainOnBatch' ? NaN : new History());
            validation.noteTraining(method, args[0]);
            if (method !== 'trainOnBatch' && watched(this)) args = withCallbacks(method, args);
            depth++;
            try {
              const result = original.apply(this, args);
              // Noted on a branch of its own: the script's own await still sees the rejection; the run's end reports it.
              result.catch(failed);
              return method === 'trainOnBatch' ? result.then(async (loss) => (await yieldNow(), loss)) : result;
            } finally {
              depth--;
            }
          };
        }
      }
    });
    return calls;
  }

  /** Instruments a model at its first training call (its optimizer and train function). */
  private attach(model: LayersModel, capture: Capture): void {
    const inner = innerModel(model) as Inner;
    if (!this.model) {
      this.model = model;
      const profiler = new GradientProfiler(this.tf, model);
      this.stochastic = profiler.stochastic;
      const profiled = profiler.layers;
      // Layers without trainable weights (pooling, dropout, flatten) have no gradient of their own.
      this.layers = profiled
        .filter((l) => l.weights.length > 0)
        .map((l) => ({
          info: l.info,
          variables: l.weights.map((w) => w.read().name),
          reads: l.weights.map((w) => w.read()),
          kernel: HARD_ZERO.has(l.info.activation) ? l.weights.find((w) => /kernel$/.test(w.name))?.read().name : undefined,
        }));
      this.inputsCount = inner.inputs.length;
      this.events.onModel(model, profiled.map((l) => l.info), capture);
    }
    if (!instrumented.has(inner)) {
      instrumented.add(inner);
      const makeTrainFunction = inner.makeTrainFunction.bind(inner);
      inner.makeTrainFunction = () => {
        const train = makeTrainFunction();
        return (data: Tensor[]) => {
          this.batch = data;
          try {
            return train(data);
          } finally {
            this.batch = undefined;
          }
        };
      };
    }
    // compile() may have put a new optimizer in place since the last call.
    const optimizer = inner.optimizer as unknown as Optimizer;
    if (optimizer && !instrumented.has(optimizer)) {
      instrumented.add(optimizer);
      const computeGradients = optimizer.computeGradients.bind(optimizer);
      optimizer.computeGradients = (f, varList) => {
        const result = computeGradients(f, varList);
        if (this.batch && innerModel(this.model!) === inner) this.record(result.value, result.grads);
        return result;
      };
    }
  }

  /** fit/fitDataset's callbacks plus ours (epochs, batch metrics), in the form tfjs accepts for the list. */
  private withCallbacks(method: 'fit' | 'fitDataset', args: unknown[]): unknown[] {
    const configAt = method === 'fit' ? 2 : 1;
    const config = { ...((args[configAt] as Record<string, unknown> | undefined) ?? {}) };
    // tfjs validates on validationData when it is given and ignores validationSplit then (training.ts fitLoop).
    const split = method === 'fit' && !config.validationData && typeof config.validationSplit === 'number' && config.validationSplit > 0 ? config.validationSplit : undefined;
    const hooks = {
      onEpochBegin: async () => {
        this.epoch++;
      },
      onBatchEnd: async (_batch: number, logs?: Logs) => {
        if (this.unsent && logs) {
          const metrics: Record<string, number> = {};
          for (const [key, value] of Object.entries(logs)) if (key !== 'loss' && key !== 'batch' && key !== 'size') metrics[key] = typeof value === 'number' ? value : value.dataSync()[0];
          if (Object.keys(metrics).length) this.unsent.metrics = metrics;
        }
        this.emitStep();
        await this.yieldToEventLoop();
        if (this.stopping) (innerModel(this.model!) as Inner).stopTraining = true;
      },
      onEpochEnd: async (_epoch: number, logs?: Logs) => {
        const numbers: Record<string, number> = {};
        for (const [key, value] of Object.entries(logs ?? {})) numbers[key] = typeof value === 'number' ? value : value.dataSync()[0];
        this.events.onEpoch(Math.max(0, this.epoch), this.step - 1, numbers, 'val_loss' in numbers ? split : undefined);
      },
    };
    const own = config.callbacks;
    const list = own === undefined || own === null ? [] : Array.isArray(own) ? own : [own];
    // tfjs takes either callback objects (tf.Callback) or plain {onBatchEnd…} configs, not a mix. A config
    // becomes a CustomCallback, which reads every log value and yields to the event loop at each batch:
    // ours is an object unless the script's own callbacks are configs.
    const objects = list.length === 0 || list[0] instanceof this.tf.Callback;
    // tf.Callback is abstract in its typings only.
    const CallbackClass = this.tf.Callback as unknown as new () => object;
    config.callbacks = [...list, objects ? Object.assign(new CallbackClass(), hooks) : hooks];
    const copy = [...args];
    while (copy.length < configAt) copy.push(undefined);
    copy[configAt] = config;
    return copy;
  }

  /** One optimizer step: the loss and per-layer norms as one tensor, read once. */
  private record(value: Tensor, grads: NamedTensorMap): void {
    const tf = this.tf;
    if (this.maxSteps !== undefined && this.step >= this.maxSteps) return;
    this.emitStep(); // trainOnBatch loops have no batch-end callback
    const step = this.step++;
    // Per variable, the sum of squares of its gradient over every axis but the last (one value per unit;
    // a 1-D bias is its own squares): ~2 backend ops a variable instead of ~6 a layer for norms and dead
    // shares computed on the backend, which on tfjs-node (~30 µs an op) was 10 % of a small CNN's step.
    // The sums are finished in JS: ‖g‖ per layer, and for a ReLU kernel the share of units whose
    // column of gradients is all zero (sum of squares 0).
    const present = this.layers.map((layer) => layer.variables.filter((name) => grads[name]));
    const packed = tf.tidy(() => {
      const parts: Tensor[] = [tf.reshape(value, [1])];
      for (const names of present) {
        for (const name of names) {
          const g = grads[name];
          const squares = tf.square(g);
          parts.push(g.rank === 0 ? tf.reshape(squares, [1]) : g.rank === 1 ? squares : tf.sum(squares, [...Array(g.rank - 1).keys()]));
        }
      }
      return tf.concat(parts);
    });
    const values = packed.dataSync();
    packed.dispose();
    let at = 1;
    const record: WatchStep = { step, epoch: Math.max(0, this.epoch), loss: values[0], layers: [] };
    this.validation.noteStep(values[0]);
    this.layers.forEach((layer, i) => {
      let sum = 0;
      let deadShare: number | undefined;
      for (const name of present[i]) {
        const g = grads[name];
        const units = g.rank === 0 ? 1 : g.shape[g.rank - 1];
        let zeros = 0;
        for (let u = 0; u < units; u++) {
          const v = values[at++];
          sum += v;
          if (v === 0) zeros++;
        }
        if (name === layer.kernel) deadShare = units ? zeros / units : 0;
      }
      // A layer the loss does not reach this step (e.g. frozen by the script) has no gradient: 0.
      const entry: WatchStep['layers'][number] = { name: layer.info.name, gradNorm: Math.sqrt(sum) };
      if (deadShare !== undefined) entry.deadShare = deadShare;
      record.layers.push(entry);
    });
    if (!this.nonFiniteSeen && (!Number.isFinite(record.loss) || record.layers.some((l) => !Number.isFinite(l.gradNorm)))) {
      this.nonFiniteSeen = true;
      const origin = locateNonFinite(tf, innerModel(this.model!), this.batch!.slice(0, this.inputsCount), this.layers, record);
      this.events.onNonFinite(step, origin.layer, origin.phase, origin.detail);
    }
    if (step % this.every === 0) this.samples.take(step, record.epoch, this.layers, grads);
    this.unsent = record;
    if (this.maxSteps !== undefined && this.step >= this.maxSteps) this.stopping = true;
  }

  private lastYield = Date.now();

  /**
   * fit() awaits only promises between batches, which never lets the event loop run: the runner's
   * messages would wait in the IPC queue and a Stop would not arrive until training ends. A turn of
   * the event loop every 50 ms costs nothing measurable.
   */
  yieldToEventLoop(): Promise<void> | undefined {
    if (Date.now() - this.lastYield < 50) return undefined;
    this.lastYield = Date.now();
    return new Promise((resolve) => setImmediate(resolve));
  }

  /** Sends the step held for its metrics. */
  emitStep(): void {
    const step = this.unsent;
    this.unsent = undefined;
    if (step) this.events.onStep(step);
  }

  /** The training call that ran the model, for the report. */
  describe(capture: Capture): { dataNote: string; batchSize: number; totalSteps: number; loss: string; optimizer: string; sameBatch: boolean; orderRepeats: boolean } {
    const model = capture.model;
    const inner = innerModel(model);
    const config = (capture.args[capture.method === 'fit' ? 2 : 1] ?? {}) as { batchSize?: number; epochs?: number; batchesPerEpoch?: number; shuffle?: unknown };
    const x = capture.args[0] as Tensor | Tensor[] | Record<string, Tensor> | undefined;
    const first = Array.isArray(x) ? x[0] : x && typeof x === 'object' && 'shape' in x ? x : undefined;
    const rows = (first as Tensor | undefined)?.shape?.[0];
    const batchSize = capture.method === 'fit' ? (config.batchSize ?? 32) : capture.method === 'trainOnBatch' ? (rows ?? 0) : 0;
    const epochs = config.epochs ?? 1;
    const totalSteps = capture.method === 'fit' && rows ? epochs * Math.ceil(rows / batchSize) : capture.method === 'fitDataset' && config.batchesPerEpoch ? epochs * config.batchesPerEpoch : 0;
    const dataNote = `the script's own ${capture.method}() trains for real${capture.method === 'fit' && rows ? ` (${rows} examples, ${epochs} epoch${epochs === 1 ? '' : 's'})` : ''}`;
    // A fit() whose batch holds every row trains on the same examples at each step: no sampling noise in its loss.
    const sameBatch = capture.method === 'fit' && rows !== undefined && rows <= batchSize && !this.stochastic;
    // fit() with shuffle: false cuts the same batches in the same order every epoch: the loss curve is then judged on
    // windows of whole epochs (core/lossCurve.ts), or the batches' own differences repeat as a pattern. Without
    // dropout/noise such windows hold the same examples each, so (as with sameBatch) they carry no sampling noise.
    const orderRepeats = capture.method === 'fit' && config.shuffle === false && rows !== undefined && rows > batchSize && !this.stochastic;
    return { dataNote, batchSize, totalSteps, loss: lossNames(model).join(', '), optimizer: (inner.optimizer as unknown as Optimizer)?.getClassName?.() ?? '?', sameBatch, orderRepeats };
  }

}
