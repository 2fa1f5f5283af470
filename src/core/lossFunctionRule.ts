// A custom loss function that sums its per-example terms over the batch, or whose terms read other examples'
// labels (runner/lossReduction.ts measures both on the profiled batch). Thresholds and sources:
// docs/rules/loss-function.md.
import type { Finding, OutputInfo, SourceLocation } from './protocol';
import { formatNumber as fmt } from './format';
import { RULE_SEVERITY } from './healthModel';

/**
 * The loss of H‖H over the loss of H is exactly 1 for an average over the rows and exactly 2 for a sum; anything
 * from 1.5 up sums over the rows at least in part.
 */
export const SUMMED_RATIO = 1.5;
/**
 * With one term per row the other rows' gradients do not involve row 0's label at all: the change is exactly 0.
 * 1e-3 of the largest gradient is far above float32 rounding and far below the B×B broadcast's ~1/B.
 */
export const CROSS_EXAMPLE = 1e-3;

/**
 * Optimizers whose step does not change when the loss is multiplied by a constant: each divides the gradient by a
 * running root-mean-square (or max) of itself (Kingma & Ba 2015 §2.1 for Adam and AdaMax; RMSProp likewise, up to
 * an epsilon of 1e-7). Adagrad is left out: tfjs starts its accumulator at 0.1, which a small gradient does not
 * outweigh. Adadelta is left out: tfjs's steps exactly lr × g (rateRules.optimizerRateNote), so a sum scales its
 * step as it scales SGD's. SGD and momentum steps grow with the loss.
 */
export const SCALE_FREE_OPTIMIZERS = new Set(['Adam', 'Adamax', 'RMSProp']);

/** What decides whether a summed loss changes training: the optimizer's class and whether weight penalties are added. */
export interface LossScaleContext {
  /** The optimizer's class name (tfjs `getClassName()`); unknown is treated as scale-dependent. */
  optimizer?: string;
  /** A kernel/bias/activity regularizer adds to the loss: a summed data loss weighs it batch-size times less. */
  penalised: boolean;
  /** The script's fit() takes every training row in each step (one batch per epoch): the sum's factor never changes. */
  fullBatch?: boolean;
  /** Rows in each of the script's own steps, when known: the factor a sum multiplies the step by (the profiled batch may be wider). */
  stepRows?: number;
  /** What the profiled steps say about the step size the sum produces (health.ts fills it from the other findings). */
  rate?: { lossFalls: boolean; lossText: string; overshoot?: string };
  /** The loss turns non-finite at outputs the profiled steps already drive it towards (a nan-prone-loss warning). */
  nanProne?: boolean;
}

/**
 * Full-batch descent on a summed loss is the mean loss at N× the rate, N the fixed number of training rows: the
 * batch-size dependence (the sum's real hazard) cannot arise, and what is left is whether that rate is right, which
 * the profiled steps answer. A loss that falls with no overshoot (no divergence, oscillation, NaN, exploding updates
 * or learning-rate-high) is that consequence-free case.
 */
function fullBatchWithoutHarm(scale: LossScaleContext): boolean {
  return scale.fullBatch === true && rateWithoutHarm(scale);
}

/** No penalty for the sum to outweigh, and the profiled steps fall with no overshoot: the rate the sum makes is not too large. */
function rateWithoutHarm(scale: LossScaleContext): boolean {
  return !scale.penalised && scale.rate !== undefined && scale.rate.lossFalls && scale.rate.overshoot === undefined;
}

/**
 * Mini-batches of the script's fixed batch size B: every full step is the mean loss's at B× the rate, and an epoch's
 * last, smaller batch of r < B rows steps at r× — smaller, never larger. Within the program's own plan the sum is only
 * a rescaled learning rate (Goodfellow et al. 2016 §8.1.3: the minibatch gradient is the mean's estimate, its scale is
 * the rate's), so its fault, when there is one, is a rate fault the profiled steps show (overshoot). Needs the script's
 * own step rows (unknown for an exported model).
 */
function fixedBatchWithoutHarm(scale: LossScaleContext): boolean {
  // A loss that breaks at saturated outputs is harmed by the sum beyond the profiled steps: B× larger steps drive the
  // outputs to exactly 0 or 1 sooner (so-33641799-buggy: NaN in its first epoch while 20 profiled steps fall steadily).
  return scale.stepRows !== undefined && scale.stepRows > 1 && scale.nanProne !== true && rateWithoutHarm(scale);
}

export function lossFunctionFindings(outputs: readonly OutputInfo[], lossSite: SourceLocation | undefined, scale: LossScaleContext = { penalised: false }): Finding[] {
  const findings: Finding[] = [];
  // Under a scale-free optimizer with nothing added to the loss, a sum trains exactly as the mean would: true, not an alarm.
  const harmless = scale.optimizer !== undefined && SCALE_FREE_OPTIMIZERS.has(scale.optimizer) && !scale.penalised;
  for (const output of outputs) {
    const r = output.lossReduction;
    if (!r) continue;
    const base = { code: 'loss-function' as const, severity: RULE_SEVERITY['loss-function'], step: 0, layer: output.layer, location: lossSite };
    // The sum multiplies each step by the rows the script's own steps take; the profiled batch is only where it was read.
    const rows = scale.stepRows ?? r.batch;
    const batchWords = scale.stepRows !== undefined ? `at the script's batch of ${rows}` : `at the profiled batch of ${rows}`;
    if (r.batchRatio !== undefined && r.batchRatio >= SUMMED_RATIO) {
      const summed = `The loss ${output.loss} is summed over the examples, not averaged: on ${r.rows} rows of the batch written twice it is ${fmt(r.batchRatio)}× its value on those ${r.rows} rows (an average gives 1×). `;
      if (rows === 1) {
        // One example per step: the sum over the batch is that example's term, exactly the mean — step, penalty and clip
        // weigh as they would under a mean loss.
        findings.push({
          ...base,
          severity: 'info',
          message:
            summed +
            `The script trains on one example per step, where a sum over the batch is the mean: it trains exactly as the mean would. ` +
            `It starts to matter if you train on batches of more than one example (the step grows with the batch size): averaging over the examples (tf.mean over the batch axis) avoids that.`,
        });
      } else if (!harmless && fullBatchWithoutHarm(scale)) {
        findings.push({
          ...base,
          severity: 'info',
          message:
            summed +
            `The script's fit() takes every training row in each step (one batch per epoch), so this is the mean loss at N× the learning rate, N the number of rows (${r.batch} in the profiled batch) — a factor that never changes; at that rate ${scale.rate!.lossText} with no sign of overshooting, so the steps are not too large. ` +
            `It starts to matter if you train in mini-batches or on more rows (the step grows with the rows in the batch), add a kernelRegularizer (weighed N× less against this loss) or compare loss values across data sizes: averaging over the examples (tf.mean over the batch axis, with the learning rate × N) avoids all three.`,
        });
      } else if (!harmless && fixedBatchWithoutHarm(scale)) {
        findings.push({
          ...base,
          severity: 'info',
          message:
            summed +
            `Every step of the script's fit() takes ${rows} rows (the last batch of an epoch fewer), so this is the mean loss at ${rows}× the learning rate — smaller in that last batch, never larger; at that rate ${scale.rate!.lossText} with no sign of overshooting, so the steps are not too large. ` +
            `It starts to matter if you change the batch size (the step grows with it: retune the rate), add a kernelRegularizer (weighed ${rows}× less against this loss) or compare loss values across batch sizes: averaging over the examples (tf.mean over the batch axis, with the learning rate × ${rows}) avoids all three.`,
        });
      } else if (harmless) {
        findings.push({
          ...base,
          severity: 'info',
          message:
            summed +
            `Under ${scale.optimizer} the step does not depend on the loss's scale and the model adds no weight penalty, so it trains as the mean would. ` +
            `It starts to matter if you add a kernelRegularizer (weighed ${rows}× less against this loss ${batchWords}), switch to SGD or momentum (steps ${rows}× larger), or compare loss values across batch sizes: averaging over the examples (tf.mean over the batch axis) avoids all three.`,
        });
      } else {
        findings.push({
          ...base,
          message:
            summed +
            `Its gradient grows with the batch size — ${batchWords}, ${rows}× a mean loss's: under SGD or momentum so does the effective learning rate; under Adam or RMSprop the step is scale-free, but weight penalties and gradient clipping lose ${rows}× of their weight against the loss. ` +
            `Average over the examples (tf.mean instead of tf.sum over the batch axis, or a tf.losses.* function with its default reduction), or divide the learning rate by the batch size.`,
        });
      }
    }
    if (r.crossExample !== undefined && r.crossExample >= CROSS_EXAMPLE) {
      // A step of one example has no other example to mix with: true of the loss, without consequence in this plan.
      findings.push({
        ...base,
        ...(rows === 1 ? { severity: 'info' as const } : {}),
        message:
          `The loss ${output.loss} mixes examples: changing one example's label moves the gradient at the other examples' predictions by ${fmt(r.crossExample)} of the largest gradient (a loss of one term per example leaves them unchanged). ` +
          (rows === 1 ? `The script trains on one example per step, so no step mixes examples yet; it will in batches of more than one. ` : '') +
          `Usually labels of shape [batch] meet outputs of shape [batch, 1] and broadcast to a batch × batch matrix, comparing every prediction with every label, or a softmax/normalisation runs over the batch axis. ` +
          `Give the labels the outputs' shape (no reshape to [-1]) and reduce over the last axis only; ignore this if the loss compares examples on purpose (contrastive or triplet losses).`,
      });
    }
  }
  return findings;
}
