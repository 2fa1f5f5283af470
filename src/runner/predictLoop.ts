// A script that builds and compiles its model, then spends its time calling predict() before its first fit():
// a game's self-play, a DQN's replay buffer filled by the network it will train (bench/realworld batch 8:
// connect4 played 1,000 games with two compiled models, each move a synchronous predict). Its first fit()
// comes long after the run's time limit, and a synchronous loop never lets the runner in: the host could only
// say "no model was built" while two compiled models existed. A compiled model is the one the user means to
// train (compile() sets its loss and optimizer, which only training reads), so once half the run's time
// limit has gone by, and the script has been predicting with compiled models for a quarter of it, the next
// predict() from user code on a compiled model stops the script (as a custom loop is stopped at its first
// update, customLoop.ts) and that model is profiled on synthesized batches of its input shape. Half: the other
// half is the profile's own (its steps and checks). The quarter: a script that prints one prediction after a
// long data preparation and then fits is not predicting for its time, and reaches its fit() with its own
// data. A script that reaches its fit() within the first half is never stopped, nor an uncompiled model
// (inference only).
import type { LayersModel } from '@tensorflow/tfjs';
import { userCallSite } from './callSites';
import { CustomLoopStop, type CustomLoop } from './customLoop';
import { innerModel } from './innerModel';
import type { Tf } from './tfjsResolve';

/** Thrown out of the user's predict call once the script has used half the time limit before training. */
export class PredictLoopStop extends CustomLoopStop {
  constructor(seconds: number) {
    super(`Gradient Lens stopped the script after ${Math.round(seconds)} s of predict() calls before its first fit(), to profile the compiled model it predicts with`);
  }
}

/** compile() gives a model its optimizer and loss functions; a model only used for inference has neither. */
export function isCompiled(model: LayersModel): boolean {
  const inner = innerModel(model);
  return !!inner.optimizer && !!inner.lossFunctions?.length;
}

/**
 * Watches predict/predictOnBatch while `armed()` holds (no training call captured, no custom loop stopped):
 * from `startedAt + limitMs / 2` on, with compiled models predicting since a quarter of the limit or longer,
 * the first call from user code on a compiled model calls `found` and
 * throws PredictLoopStop; later calls from user code throw it again (a loop that catches its own errors must
 * still end). The runner's own calls have no user frame and pass through.
 */
export function interceptPredictLoops(tf: Tf, limitMs: number, armed: () => boolean, found: (loop: CustomLoop) => void): void {
  const startedAt = Date.now();
  let firstPredictAt: number | undefined;
  let stopped = false;
  for (const cls of [tf.LayersModel, tf.Sequential]) {
    const proto = cls.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const method of ['predict', 'predictOnBatch'] as const) {
      const original = proto[method];
      if (typeof original !== 'function' || !Object.prototype.hasOwnProperty.call(proto, method)) continue;
      proto[method] = function (this: LayersModel, ...args: unknown[]) {
        const now = Date.now();
        const elapsed = now - startedAt;
        const compiled = armed() && !stopped && isCompiled(this);
        if (compiled) firstPredictAt ??= now;
        const predictingLong = compiled && elapsed > limitMs / 2 && now - firstPredictAt! > limitMs / 4;
        if (armed() && (stopped || predictingLong)) {
          const site = userCallSite();
          if (site) {
            if (!stopped) {
              stopped = true;
              found({ model: this, site, predictingFor: elapsed / 1000 });
            }
            throw new PredictLoopStop(elapsed / 1000);
          }
        }
        return original.apply(this, args);
      };
    }
  }
}
