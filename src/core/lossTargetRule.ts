// A built-in loss whose minimum is not at the targets it is given: the loss, as tfjs defines it, cannot see part of
// the targets, so training optimises something other than the task. Read from the profiled batch's label statistics
// against the compiled loss's name; each check follows from the loss's definition in tfjs-layers (4.22, losses.ts).
// Sources and thresholds: docs/rules/loss-target.md.
import type { Finding, OutputInfo, SourceLocation } from './protocol';
import { formatNumber as fmt } from './format';
import { RULE_SEVERITY } from './healthModel';
import { normalizeLoss } from './lossRules';

/** The margin losses of tfjs: max(0, 1 − y·ŷ) (hinge) and its square (squaredHinge), with no label conversion. */
const MARGIN_LOSSES = new Set(['hinge', 'squaredhinge']);
/** tfjs's mean squared logarithmic error: (log(1 + max(ŷ, ε)) − log(1 + max(y, ε)))². */
const LOG_LOSSES = new Set(['meansquaredlogarithmicerror', 'msle']);
/**
 * A target this far below 0 counts as outside what MSLE measures: the tolerance output-activation uses for a target
 * outside an activation's range [0, ∞) (dataRules.RANGE_TOLERANCE, 5 % of a unit span): below it the error MSLE cannot
 * see, |log(1 + y)| ≤ 0.05, is within what a fitted model leaves anyway.
 */
export const BELOW_ZERO = 0.05;

const pct = (share: number) => `${fmt(share * 100)} %`;

/**
 * `targetSites`: per output, the line that made the labels given to fit() — related, since the fix may go there.
 * The finding sits on the compile() call: the loss is what was chosen for these targets.
 */
export function lossTargetFindings(outputs: readonly OutputInfo[], lossSite: SourceLocation | undefined, targetSites: readonly (SourceLocation | undefined)[] = []): Finding[] {
  const findings: Finding[] = [];
  for (const [index, output] of outputs.entries()) {
    const loss = normalizeLoss(output.loss);
    const { labelMin: min, labelMax: max, labelFractional: fractional } = output;
    if (min === undefined || max === undefined) continue;
    const site = targetSites[index];
    const base = {
      code: 'loss-target' as const,
      severity: RULE_SEVERITY['loss-target'],
      step: 0,
      layer: output.layer,
      location: lossSite,
      ...(site ? { related: [{ layer: 'targets', location: site, message: `the targets given to fit() (${fmt(min)} to ${fmt(max)}), made here`, kind: 'targets' as const }] } : {}),
    };

    // 0/1 labels under a margin loss: tfjs does not map them to ±1 (Keras does), so a 0 label's term is max(0, 1 − 0·ŷ) = 1
    // whatever ŷ is — no gradient — and the minimum is ŷ ≥ 1 for the 1s with the 0s free: "always class 1" is optimal.
    if (MARGIN_LOSSES.has(loss) && min === 0 && max <= 1 && (fractional ?? 0) === 0) {
      // For 0/1 labels the mean of y² is the share of 1s.
      const zeros = 1 - output.labelMeanSquare;
      findings.push({
        ...base,
        message:
          `The ${output.loss} loss gets 0/1 labels (${pct(zeros)} of them 0), but it is a margin loss on labels −1 and 1: max(0, 1 − y·ŷ)${loss === 'squaredhinge' ? '²' : ''}. ` +
          `tfjs does not convert 0/1 labels to ±1 as Keras does, so every 0 label costs exactly 1 whatever the model predicts and gives no gradient; the loss is lowest when the output is ≥ 1 for every example, ` +
          `i.e. when the model answers class 1 for all of them — the negatives are never learned. Map the labels to −1/1 (tf.sub(tf.mul(y, 2), 1)) with a tanh or linear output, ` +
          `or use binaryCrossentropy with a sigmoid output.`,
      });
      continue;
    }

    // Targets below 0 under MSLE: tfjs (as Keras) clips targets and predictions at ε before log(1 + ·), so every target
    // ≤ 0 reads as 0 and every prediction ≤ 0 as 0 too — any non-positive prediction fits it exactly.
    if (LOG_LOSSES.has(loss) && min < -BELOW_ZERO) {
      const negative = output.labelNegative;
      findings.push({
        ...base,
        message:
          `The mean squared logarithmic error gets targets from ${fmt(min)} to ${fmt(max)}${negative !== undefined ? `, ${pct(negative)} of them below 0` : ''}. ` +
          `It compares log(1 + y) with log(1 + ŷ) after clipping both at ε (tfjs, as Keras), so every target below 0 reads as 0 and any prediction ≤ 0 fits it exactly: ` +
          `those targets' errors are not measured, and the loss's minimum is not at them. MSLE is meant for positive targets spread over orders of magnitude (relative errors). ` +
          `Use meanSquaredError (or meanAbsoluteError) for these targets, or shift them to be positive if relative errors are what you want.`,
      });
    }
  }
  return findings;
}
