// A script that trains with its own loop — gradients from tf.variableGrads (or optimizer.computeGradients)
// applied with optimizer.applyGradients, or optimizer.minimize, which applies through it — never calls
// fit(), so it never reaches the training call the runner stops at (bench/realworld batch 5: a game DQN in
// the style of tfjs-examples' snake-dqn). Its first applyGradients from user code names the model: the one
// whose trainable weights the gradients update. That call throws CustomLoopStop, which ends the loop (a
// synchronous loop never lets the runner in otherwise), and the model is profiled on synthesized batches of
// its input shape, as a factory's would be: the loop's own loss and data live in a closure the runner
// cannot call as fit() data.
import type { LayersModel } from '@tensorflow/tfjs';
import type { SourceLocation } from '../core/protocol';
import { createdModels, userCallSite } from './callSites';
import type { Tf } from './tfjsResolve';
import { variablesNamed, type VariableLoop } from './variableLoop';

export interface CustomLoop {
  model: LayersModel;
  /** The user's applyGradients/minimize call, or its predict() call when stopped there (predictLoop.ts). */
  site: SourceLocation;
  /** Set when the script was stopped in predict(): seconds it had run before its first training call. */
  predictingFor?: number;
}

/** Thrown out of the user's applyGradients call; the runner ignores it when it surfaces as the script's own failure. */
export class CustomLoopStop extends Error {
  constructor(message = 'Gradient Lens stopped the custom training loop at its first update to profile the model it trains') {
    super(message);
  }
}

let disarmed = false;

/** Once the model is found the runner trains it itself: its own updates are never a custom loop's. */
export function disarmCustomLoops(): void {
  disarmed = true;
}

/** False once the runner trains the found model itself (predictLoop.ts stops only the user's own loops too). */
export function customLoopsArmed(): boolean {
  return !disarmed;
}

/** tfjs-core's optimizers: each overrides applyGradients (the base class declares it abstract). */
const OPTIMIZER_CLASSES = ['SGDOptimizer', 'MomentumOptimizer', 'AdamOptimizer', 'AdamaxOptimizer', 'RMSPropOptimizer', 'AdagradOptimizer', 'AdadeltaOptimizer'];

/**
 * Watches the optimizers' applyGradients while `armed()` holds (no fit() captured yet); the first call from
 * user code that updates a model's weights calls `found` and throws CustomLoopStop. Every other call (the
 * runner's own training steps have no user frame) passes through.
 */
export function interceptCustomLoops(tf: Tf, armed: () => boolean, found: (loop: CustomLoop) => void, foundVariables?: (loop: VariableLoop) => void): void {
  let seen = false;
  disarmed = false;
  // The minimize() call in progress: its loss closure and variable list, for an update of bare variables.
  let minimizing: { optimizer: object; loss: () => unknown; varList?: unknown[] } | undefined;
  const base = (tf as unknown as { Optimizer?: { prototype: Record<string, unknown> } }).Optimizer?.prototype;
  const minimize = base?.minimize;
  if (base && typeof minimize === 'function') {
    base.minimize = function (this: object, loss: () => unknown, ...rest: unknown[]) {
      const outer = minimizing;
      minimizing = { optimizer: this, loss, varList: Array.isArray(rest[1]) ? (rest[1] as unknown[]) : undefined };
      try {
        return (minimize as (...a: unknown[]) => unknown).call(this, loss, ...rest);
      } finally {
        minimizing = outer;
      }
    };
  }
  for (const name of OPTIMIZER_CLASSES) {
    const proto = (tf as unknown as Record<string, { prototype: Record<string, unknown> } | undefined>)[name]?.prototype;
    const original = proto?.applyGradients;
    if (!proto || typeof original !== 'function' || !Object.prototype.hasOwnProperty.call(proto, 'applyGradients')) continue;
    proto.applyGradients = function (this: unknown, grads: unknown, ...rest: unknown[]) {
      if (!seen && !disarmed && armed()) {
        const site = userCallSite();
        const model = site && modelTrainedBy(variableNames(grads));
        if (site && model) {
          seen = true;
          found({ model, site });
          throw new CustomLoopStop();
        }
        // No layers model owns them: a core-API loop over tf.variables (variableLoop.ts).
        const variables = site && !model && foundVariables ? variablesNamed(tf, variableNames(grads)) : [];
        if (site && variables.length) {
          seen = true;
          const via = minimizing?.optimizer === this ? minimizing : undefined;
          foundVariables!({ site, method: via ? 'minimize' : 'applyGradients', variables, optimizer: this as object, loss: via?.loss, varList: via?.varList });
          throw new CustomLoopStop();
        }
      }
      return (original as (...a: unknown[]) => unknown).call(this, grads, ...rest);
    };
  }
}

/** applyGradients takes a map keyed by variable name or a list of {name, tensor}. */
function variableNames(grads: unknown): string[] {
  if (Array.isArray(grads)) return grads.map((g) => (g as { name?: unknown }).name).filter((n): n is string => typeof n === 'string');
  return grads && typeof grads === 'object' ? Object.keys(grads) : [];
}

/** The created model most of whose trainable weights the gradients update; a Sequential rather than its inner model. */
export function modelTrainedBy(names: string[]): LayersModel | undefined {
  const updated = new Set(names);
  const models = createdModels();
  const inner = new Set(models.map((m) => (m as { model?: object }).model).filter((m) => m !== undefined));
  let best: LayersModel | undefined;
  let bestCount = 0;
  for (const model of models) {
    if (inner.has(model)) continue;
    let count: number;
    try {
      count = model.trainableWeights.filter((w) => updated.has(w.name)).length;
    } catch {
      continue; // not built yet: it holds no weights to update
    }
    if (count > bestCount) [best, bestCount] = [model, count];
  }
  return best;
}
