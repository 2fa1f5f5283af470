// The script's own learning-rate schedule, read from its fit() callbacks. tfjs's fit() calls a callback's onTrainBegin,
// onEpochBegin/onEpochEnd and onBatchBegin/onBatchEnd at those boundaries, and a callback that calls the optimizer's
// setLearningRate there changes the rate every later step takes (Keras's LearningRateScheduler is the same idea). The plan
// the profile and its plan probes judge is the fit() call WITH that schedule: a decaying rate bounds how far training can
// move by the sum of its rates (gradient-flow time: Bottou 2012, "Stochastic Gradient Descent Tricks"), so a plan whose
// rate is cut to a thousandth after one epoch is not the plan of the rate the optimizer was built with.
//
// How it is read without running the rest of the script: each hook whose own source names setLearningRate is called at
// every boundary of the plan, in fit()'s order, with the optimizer's setLearningRate replaced by a recorder for the
// duration (the real optimizer's rate and its step scalar are never touched). Hooks that do not name the rate are never
// called: they may save models, log, or stop training, and could not set the rate but through a helper we do not follow
// (a documented limitation: docs/rules/learning-rate-low.md). The hooks that are called run with console output muted,
// and model.stopTraining and model.save restored afterwards. They see no metrics (logs = {}): a schedule that reads the
// loss (reduce-on-plateau) is not one the plan can be read from, and a hook that fails on that leaves the plan unscheduled.
import type { LayersModel } from '@tensorflow/tfjs';
import type { RateScheduleSummary, SourceLocation } from '../core/protocol';
import type { Capture } from './discovery';
import { innerModel } from './innerModel';
import { locationFromStack } from './stackLocation';

/** Hook calls the reading may make (epochs × batches per epoch for batch hooks): beyond it the plan is left unscheduled. */
const MAX_HOOK_CALLS = 200_000;

const HOOKS = ['onTrainBegin', 'onEpochBegin', 'onBatchBegin', 'onBatchEnd', 'onEpochEnd'] as const;
type HookName = (typeof HOOKS)[number];
type Hook = (index?: number, logs?: Record<string, number>) => unknown;

export interface RateSchedule {
  /** The rate each planned step takes (index: the step, 0 first). */
  rates: Float64Array;
  /** The rate the optimizer was built with (the plan's rate without its schedule). */
  base: number;
  /** The hook that set the rate last, and where its setLearningRate call is in the script. */
  hook: HookName;
  site?: SourceLocation;
}

interface SchedulableOptimizer {
  setLearningRate?: (rate: number) => void;
  learningRate?: number;
}

/** The fit()/fitDataset() config's callbacks as a list of objects (tfjs accepts one object or a list). */
function callbackObjects(capture: Capture): Record<string, unknown>[] {
  const config = (capture.method === 'fit' ? capture.args[2] : capture.method === 'fitDataset' ? capture.args[1] : undefined) as { callbacks?: unknown } | undefined;
  const list = config?.callbacks === undefined ? [] : Array.isArray(config.callbacks) ? config.callbacks : [config.callbacks];
  return list.filter((c): c is Record<string, unknown> => typeof c === 'object' && c !== null);
}

/** The hooks that name setLearningRate in their own source, in the order tfjs calls the list: per name, list order. */
function rateHooks(capture: Capture): Map<HookName, { fn: Hook; self: unknown }[]> {
  const hooks = new Map<HookName, { fn: Hook; self: unknown }[]>();
  for (const callback of callbackObjects(capture)) {
    for (const name of HOOKS) {
      const fn = callback[name];
      if (typeof fn !== 'function' || !Function.prototype.toString.call(fn).includes('setLearningRate')) continue;
      hooks.set(name, [...(hooks.get(name) ?? []), { fn: fn as Hook, self: callback }]);
    }
  }
  return hooks;
}

/** Runs `body` with console output muted and the model's stopTraining/save as they were before it. */
async function quietly<T>(model: LayersModel, body: () => Promise<T>): Promise<T> {
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const saved = methods.map((m) => console[m]);
  const target = model as unknown as { stopTraining?: boolean; save?: unknown };
  const [stop, save] = [target.stopTraining, target.save];
  for (const m of methods) console[m] = () => undefined;
  target.save = async () => ({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } });
  try {
    return await body();
  } finally {
    methods.forEach((m, i) => (console[m] = saved[i]));
    target.stopTraining = stop;
    target.save = save;
  }
}

/**
 * The rates the script's own callbacks set over its plan of `plannedSteps` steps in `epochs` epochs, or undefined when
 * no hook names setLearningRate, the optimizer has none (tfjs: SGD and momentum), a hook throws, or the rate never
 * moves. Every planned step's rate is the one the last setLearningRate before it recorded, as in fit().
 */
export async function scriptRateSchedule(capture: Capture | undefined, plannedSteps: number | undefined): Promise<RateSchedule | undefined> {
  if (!capture || !plannedSteps || capture.method === 'trainOnBatch') return undefined;
  const hooks = rateHooks(capture);
  if (hooks.size === 0) return undefined;
  const optimizer = innerModel(capture.model).optimizer as unknown as SchedulableOptimizer;
  const base = optimizer.learningRate;
  if (typeof optimizer.setLearningRate !== 'function' || typeof base !== 'number') return undefined;
  const config = (capture.method === 'fit' ? capture.args[2] : capture.args[1]) as { epochs?: unknown } | undefined;
  const epochs = typeof config?.epochs === 'number' && config.epochs > 0 ? Math.round(config.epochs) : 1;
  const perEpoch = plannedSteps / epochs;
  const batchHooks = hooks.has('onBatchBegin') || hooks.has('onBatchEnd');
  if (!Number.isInteger(perEpoch) || (batchHooks ? plannedSteps : epochs) > MAX_HOOK_CALLS) return undefined;

  const rates = new Float64Array(plannedSteps);
  let current = base;
  let last: { hook: HookName; site?: SourceLocation } | undefined;
  let calling: HookName = 'onTrainBegin';
  // The recorder: the rate the script asked for (readable back as optimizer.learningRate, as a decay by a factor reads it) and where it asked.
  const record = function (this: SchedulableOptimizer, rate: number) {
    if (typeof rate !== 'number' || !Number.isFinite(rate)) return;
    if (rate !== current) last = { hook: calling, site: locationFromStack(new Error().stack, false) };
    current = rate;
    this.learningRate = rate;
  };
  const run = async (name: HookName, index?: number) => {
    calling = name;
    for (const { fn, self } of hooks.get(name) ?? []) await fn.call(self, index, {});
  };
  const own = Object.prototype.hasOwnProperty.call(optimizer, 'setLearningRate') ? optimizer.setLearningRate : undefined;
  optimizer.setLearningRate = record;
  try {
    await quietly(capture.model, async () => {
      await run('onTrainBegin');
      for (let epoch = 0; epoch < epochs; epoch++) {
        await run('onEpochBegin', epoch);
        for (let b = 0; b < perEpoch; b++) {
          if (batchHooks) await run('onBatchBegin', b);
          rates[epoch * perEpoch + b] = current;
          if (batchHooks) await run('onBatchEnd', b);
        }
        await run('onEpochEnd', epoch);
      }
    });
  } catch {
    return undefined;
  } finally {
    if (own) optimizer.setLearningRate = own;
    else delete optimizer.setLearningRate;
    optimizer.learningRate = base;
  }
  return last && rates.some((r) => r !== base) ? { rates, base, ...last } : undefined;
}

/**
 * The schedule compressed as the plan preview compresses the plan (core/plateau.ts): `steps` steps, step k standing for
 * the planned steps ⌊k·P/steps⌋ … ⌊(k+1)·P/steps⌋ − 1, its rate their rates' sum (the gradient-flow time they cover), as a
 * factor of the base rate. A constant schedule gives every step P/steps, the preview's own factor.
 */
export function compressedFactors(schedule: RateSchedule, steps: number): number[] {
  const planned = schedule.rates.length;
  const factors: number[] = [];
  for (let k = 0; k < steps; k++) {
    let sum = 0;
    for (let t = Math.floor((k * planned) / steps); t < Math.floor(((k + 1) * planned) / steps); t++) sum += schedule.rates[t];
    factors.push(sum / schedule.base);
  }
  return factors;
}

/**
 * The profiled steps follow the schedule too: step s of the profile is step s of the script's plan (the rate fit() would
 * step with there; past the plan, its last). `at(s)` sets it on the model's own optimizer before step s; `restore()` puts
 * back the rate the optimizer was built with, which every later probe's fresh optimizer copies (./rateProbe.ts).
 */
export function followSchedule(model: LayersModel, schedule: RateSchedule | undefined): { at(step: number): void; restore(): void } {
  const optimizer = innerModel(model).optimizer as unknown as SchedulableOptimizer;
  const set = (rate: number) => optimizer.learningRate !== rate && optimizer.setLearningRate?.(rate);
  return {
    at: (step) => schedule && set(schedule.rates[Math.min(step, schedule.rates.length - 1)]),
    restore: () => schedule && set(schedule.base),
  };
}

/** What the verdict reads of the schedule (core/protocol.ts RateScheduleSummary); `earlySteps`: the most steps the profile can take. */
export function scheduleSummary(schedule: RateSchedule, earlySteps: number): RateScheduleSummary {
  const { rates, base, hook, site } = schedule;
  const planTime = rates.reduce((a, b) => a + b, 0) / base;
  const early = Array.from(rates.subarray(0, Math.min(rates.length, earlySteps)), (r) => r / base);
  return { hook, first: rates[0], last: rates[rates.length - 1], planTime, early, ...(site ? { site } : {}) };
}

/** The first `steps` steps of the schedule as factors of the base rate × `factor`: a probe of the profiled steps at `factor` × the script's rates. */
export function stepFactors(schedule: RateSchedule | undefined, steps: number, factor: number): number | number[] {
  if (!schedule) return factor;
  return Array.from({ length: steps }, (_, s) => (factor * schedule.rates[Math.min(s, schedule.rates.length - 1)]) / schedule.base);
}
