// A custom loss that turns NaN/Inf at predictions the softmax/sigmoid output reaches in float32 (exact 0s and 1s),
// where the clipped built-in cross-entropy stays finite (runner/lossSaturation.ts reads both). Source, thresholds
// and evidence: docs/rules/nan-prone-loss.md.
import type { Finding, OutputInfo, SourceLocation } from './protocol';
import type { StepRecord } from './healthModel';
import { formatNumber as fmt } from './format';
import { RULE_SEVERITY } from './healthModel';

type Probe = NonNullable<OutputInfo['lossSaturation']>['probes'][number];

const finite = (p: Probe) => Number.isFinite(p.value) && p.gradientFinite;
const referenceFinite = (p: Probe) => Number.isFinite(p.reference) && p.referenceGradientFinite;

/** What the predictions of each pattern are, for the message. */
function describe(pattern: Probe['pattern'], softmax: boolean): string {
  if (pattern === 'confident-right') return softmax ? 'certain of the labelled class (exactly 1 there, exactly 0 elsewhere)' : 'at exactly 0 or 1 on the label’s side';
  if (pattern === 'confident-wrong') return softmax ? 'certain of a wrong class (exactly 0 at the labelled class)' : 'at exactly 0 or 1 on the wrong side';
  return 'exactly 0 at one wrong class, the rest shared';
}

/** Where an output activation's exact 0s and 1s begin in float32 (measured on tfjs's cpu and wasm backends). */
const REACH = {
  softmax: 'A softmax output is exactly 1 in float32 once the other logits lie ~17 below the largest, and exactly 0 once a logit lies ~88–104 below it',
  sigmoid: 'A sigmoid output is exactly 1 in float32 once its input exceeds ~17, and exactly 0 below ~−88 to −104',
};

/**
 * The largest share of the output's examples past 0.99 (softmax rows) or outside [0.01, 0.99] (sigmoid outputs) over
 * the profiled steps; undefined where the profiler measures none (e.g. a tf.layers.softmax() output layer).
 */
function committedShare(steps: readonly StepRecord[], layer: string): number | undefined {
  const shares = steps.map((s) => s.layers.find((l) => l.name === layer)?.saturatedShare).filter((x): x is number => x !== undefined);
  return shares.length ? Math.max(...shares) : undefined;
}

export function nanProneLossFindings(outputs: readonly OutputInfo[], lossSite: SourceLocation | undefined, steps: readonly StepRecord[] = []): Finding[] {
  const findings: Finding[] = [];
  for (const output of outputs) {
    const s = output.lossSaturation;
    // The built-in loss must be finite at the same predictions: else the labels themselves (NaN, say) are the problem.
    const failing = s?.probes.filter((p) => !finite(p) && referenceFinite(p)) ?? [];
    if (!s || !failing.length) continue;
    const softmax = output.activation !== 'sigmoid';
    const first = failing[0];
    const result = (p: Probe) => (Number.isFinite(p.value) ? `a finite ${fmt(p.value)} but a non-finite gradient` : fmt(p.value));
    const others = failing.slice(1).map((p) => `; ${result(p)} with them ${describe(p.pattern, softmax)}`).join('');
    // Evidence that training drives this output into saturation: some example already past 0.99 in the profiled steps.
    // Outputs that stay uncommitted throughout get an info: the loss is fragile, but whether training reaches exact
    // 0s depends on how long it runs (the SGD fixture needed ~5,000 steps; docs/rules/nan-prone-loss.md).
    const committed = committedShare(steps, output.layer);
    const distant = committed !== undefined && committed === 0;
    findings.push({
      code: 'nan-prone-loss',
      severity: distant ? 'info' : RULE_SEVERITY['nan-prone-loss'],
      step: 0,
      layer: output.layer,
      location: s.location ?? lossSite,
      message:
        `The loss ${output.loss} turns non-finite at outputs the ${softmax ? 'softmax' : 'sigmoid'} reaches: it gives ${result(first)} with ${s.rows - 1} of ${s.rows} rows of the batch ${describe(first.pattern, softmax)}${others}. ` +
        `The built-in ${softmax ? 'categorical' : 'binary'} cross-entropy, which clips the predictions to [1e-7, 1 − 1e-7], gives ${fmt(first.reference)} at the first. ` +
        `${REACH[softmax ? 'softmax' : 'sigmoid']}: training that fits its data gets there (a log of 0, 0 × log 0, or a √ of 0 under the gradient), and from that step the loss and every weight are NaN. ` +
        (distant
          ? `No example's output passed 0.99 in the ${steps.length - 1} profiled steps, so this run is far from there; a long run, a larger learning rate or a bigger model gets closer. `
          : committed !== undefined
            ? `Already ${fmt(committed * 100)} % of the examples' outputs passed 0.99 in the profiled steps. `
            : '') +
        `Clip the predictions inside the loss (tf.clipByValue(yPred, 1e-7, 1 - 1e-7)) or use a built-in loss (tf.metrics.${softmax ? 'categoricalCrossentropy' : 'binaryCrossentropy'}, or tf.losses.${softmax ? 'softmaxCrossEntropy' : 'sigmoidCrossEntropy'} on a linear output's logits).`,
    });
  }
  return findings;
}
