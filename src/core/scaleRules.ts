// What standardising off-scale inputs or regression targets does to this model's training (runner/scaleProbe.ts):
// the profiled curve against the same steps from the same weights with them standardised. LeCun et al. 1998,
// "Efficient BackProp" §4.3, and Goodfellow et al., Deep Learning §8.7: unscaled inputs and targets are a fault when
// they slow or break learning, so the evidence is the training, not the magnitude. docs/rules/unscaled-input.md.
import type { Finding, LayerInfo } from './protocol';
import { RULE_SEVERITY, type HealthContext, type StepRecord } from './healthModel';
import { formatNumber as fmt } from './format';
import { LOW_REMAINING } from './rateRules';

/** The probe's run, as the runner measured it. */
export interface ScaleProbe {
  /** Which parts were standardised (per feature, the batch's own mean and standard deviation). */
  standardized: 'inputs' | 'targets' | 'both';
  /** The probe's data loss before each step and after the last (standardised targets: in their units). */
  losses: readonly number[];
  /** A regression output: its targets' largest per-column RMS. */
  targetRms?: number;
  /** Targets standardised: the loss of the best prediction that reads no input (the targets' mean), as given … */
  givenBaseline?: number;
  /** … and standardised (1 for the squared error). Losses are compared as shares of these. */
  baseline?: number;
  /** Inputs standardised and neither run learning from them: the lowest loss of the same steps as given from each fresh
   *  draw of the model's own initializers (runner/weightDraws.ts), in the as-given loss's units. */
  redrawnLows?: readonly number[];
  /** Inputs standardised and standardising helping in the profile's draw (clearly better, or the only run that learns): the
   *  same steps from each fresh draw of the model's own initializers, as given and standardised (the probe's units). */
  redrawnRuns?: readonly RedrawnRun[];
}

/** One fresh draw's two runs: the data loss before each step and after the last, as given and standardised. */
export interface RedrawnRun {
  given: readonly number[];
  standardized: readonly number[];
}

/**
 * The gap must also clear the as-given curve's step-to-step noise by this factor: the median rise over the steps where
 * its loss went up (0 when it never did). A steady fall has none; an oscillating or noisy curve shows its typical jump
 * there, so a jittery curve's low point is not taken for the loss it trains to.
 */
export const NOISE_MARGIN = 3;
/**
 * "Clearly" in loss units: the gap between the two runs, the probe's own fall and the as-given run's margin below the
 * no-input loss are each at least this share of where they are measured from (learning-rate-low's probe asks 5 % of
 * the start: rateRules.probeGotMuchFurther).
 */
export const MIN_GAP_SHARE = 0.05;

export interface ScaleJudgement {
  /** Standardising trained clearly better over the same steps. */
  better: boolean;
  /** The inputs as given: the lowest loss is clearly below what a prediction that reads no input scores (the model
   *  learns from them), when that loss is known. */
  learns: boolean | undefined;
  /** The same test on the standardised run, in its units: it learns from the inputs (MIN_GAP_SHARE below the no-input
   *  loss), the run as given does not, and it ends lower by MIN_GAP_SHARE of the no-input loss, beyond the noise. */
  onlyStandardisedLearns: boolean;
  steps: number;
  /** Lowest loss over the steps, as given and standardised, in comparable units (`units`). */
  own: { start: number; best: number };
  probe: { start: number; best: number };
  units: 'loss' | 'share';
  /** One sentence with the numbers. */
  evidence: string;
  /** The inputs as given, over fresh draws of the model's own initializers (when the runner drew them): how many of
   *  `draws` learn from them by the same bar as `learns`, and their lowest losses. */
  redrawn?: { learned: number; draws: number; lows: readonly number[] };
  /** At the as-given curve's mean pace (linear, as core/plateau.ts shareOverPlan), the steps it needs to reach the
   *  standardised run's lowest loss; undefined when it did not fall. */
  stepsToMatch: number | undefined;
  /** Over fresh draws (`redrawnRuns`): in how many of `draws` standardising helped by the same tests as in the profile's
   *  draw (clearly better, or the only run that learns), and in how many the run as given learns from the inputs. */
  helpedOverDraws?: { helped: number; learned: number; draws: number };
}

const three = (value: number) => String(Number(value.toPrecision(3)));
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : 0;
};

/** The profiled curve (inference-mode loss for models with dropout/noise, else the data loss). */
const curve = (steps: readonly StepRecord[]) => steps.map((s) => s.evalLoss ?? s.loss - (s.regLoss ?? 0));

/**
 * Did standardising clearly train better? Judged over the steps both runs have, on the lowest loss each reached (with
 * the targets standardised: as shares of each run's no-input loss, 1 − R² on the batch for the squared error), as
 * learning-rate-low judges a probe: the standardised run reaches at most LOW_REMAINING (half) of the lowest loss as
 * given, by a gap of at least MIN_GAP_SHARE of its start and NOISE_MARGIN× the as-given curve's noise, and itself fell
 * by MIN_GAP_SHARE of its start (starting lower is not training better: an initialisation can happen to fit).
 */
export function judgeScaling(steps: readonly StepRecord[], probe: ScaleProbe): ScaleJudgement | undefined {
  const judged = judgeCurves(curve(steps), probe);
  if (!judged || !probe.redrawnRuns?.length) return judged;
  // The same tests asked of each fresh draw's pair of runs: a verdict about the program's inputs is the one most draws of
  // its own initializers give, not this draw's alone.
  const fresh = probe.redrawnRuns.map((run) => judgeCurves(run.given, { ...probe, losses: run.standardized, redrawnRuns: undefined, redrawnLows: undefined })).filter((j) => j !== undefined);
  if (!fresh.length) return judged;
  const helpedOverDraws = { helped: fresh.filter((j) => j.better || j.onlyStandardisedLearns).length, learned: fresh.filter((j) => j.learns === true).length, draws: fresh.length };
  return { ...judged, helpedOverDraws };
}

/**
 * Whether standardising helps (clearly better, or the only run that learns) in most of the fresh draws of the model's own
 * initializers: undefined when none was run (this draw decides). The profile's draw is not counted: the runner draws only
 * when it helped there, so counting it would vote for the warning by selection; a tie is not "most" (P(help) ≈ ½).
 */
export function helpsOverDraws(judged: ScaleJudgement): boolean | undefined {
  const over = judged.helpedOverDraws;
  return over ? 2 * over.helped > over.draws : undefined;
}

function judgeCurves(profiled: readonly number[], probe: ScaleProbe): ScaleJudgement | undefined {
  const n = Math.min(profiled.length, probe.losses.length) - 1;
  if (n < 2) return undefined;
  const shares = probe.standardized !== 'inputs' && probe.givenBaseline !== undefined && probe.baseline !== undefined && probe.givenBaseline > 0 && probe.baseline > 0;
  const given = profiled.slice(0, n + 1);
  const own = given.map((l) => (shares ? l / probe.givenBaseline! : l));
  const run = probe.losses.slice(0, n + 1).map((l) => (shares ? l / probe.baseline! : l));
  if (!own.every(Number.isFinite) || !Number.isFinite(run[0])) return undefined;
  const ownBest = Math.min(...own);
  const probeBest = Math.min(...run.filter(Number.isFinite));
  const noise = median(own.slice(1).map((l, i) => l - own[i]).filter((rise) => rise > 0));
  const gap = ownBest - probeBest;
  const better =
    probeBest <= LOW_REMAINING * ownBest && gap >= MIN_GAP_SHARE * Math.abs(run[0]) && gap >= NOISE_MARGIN * noise && run[0] - probeBest >= MIN_GAP_SHARE * Math.abs(run[0]);
  const blind = probe.givenBaseline;
  const learns = blind !== undefined && blind > 0 ? Math.min(...given) <= (1 - MIN_GAP_SHARE) * blind : undefined;
  // "Learns from the inputs" is one bar for both runs: the no-input loss in each run's units (1 as shares).
  const reference = shares ? 1 : blind;
  const onlyStandardisedLearns =
    learns === false && reference !== undefined && reference > 0 &&
    probeBest <= (1 - MIN_GAP_SHARE) * reference && gap >= MIN_GAP_SHARE * reference && gap >= NOISE_MARGIN * noise && run[0] - probeBest >= MIN_GAP_SHARE * Math.abs(run[0]);
  const what = probe.standardized === 'both' ? 'inputs and targets' : probe.standardized;
  const evidence =
    `over ${n} steps from the same initial weights the loss went ${three(own[0])} → ${three(ownBest)} (lowest) as given and ${three(run[0])} → ${three(probeBest)} with the ${what} standardised` +
    (shares ? ', both as shares of the loss of predicting the targets\' mean' : '') +
    (blind !== undefined && !shares ? ` (a prediction that reads no input scores ${three(blind)})` : '');
  const pace = (own[0] - own[n]) / n;
  const stepsToMatch = pace > 0 ? Math.max(0, own[0] - probeBest) / pace : undefined;
  // Whether the model learns from the inputs as given, asked of other draws of its own initializers by the same bar.
  const lows = probe.redrawnLows?.filter(Number.isFinite);
  const redrawn = lows?.length && blind !== undefined && blind > 0 ? { learned: lows.filter((low) => low <= (1 - MIN_GAP_SHARE) * blind).length, draws: lows.length, lows } : undefined;
  return { better, learns, onlyStandardisedLearns, steps: n, own: { start: own[0], best: ownBest }, probe: { start: run[0], best: probeBest }, units: shares ? 'share' : 'loss', evidence, stepsToMatch, ...(redrawn ? { redrawn } : {}) };
}

/**
 * A standardised run that trains clearly better says the raw scale slows training; whether that costs the program
 * anything is judged over its own planned steps, as learning-rate-low judges a slow rate (docs/rules/learning-rate-low.md):
 * when the as-given curve, at its profiled pace, reaches the standardised run's lowest loss within the plan, the slowness
 * is made up for. Linear extrapolation overstates a pace that slows, so this only ever turns a warning into information.
 */
export function planMakesUp(judged: ScaleJudgement, plannedSteps: number | undefined): string | undefined {
  if (!plannedSteps || judged.stepsToMatch === undefined || judged.stepsToMatch > plannedSteps) return undefined;
  return `at the pace of the profiled steps the script's ${plannedSteps.toLocaleString('en-US')} planned steps reach that level as given (after ~${Math.ceil(judged.stepsToMatch).toLocaleString('en-US')})`;
}

/**
 * Regression targets far from unit scale (largest column RMS ≥ UNSCALED_INPUT_RMS, the inputs' bar) whose
 * standardising trains this model clearly better: a warning where the targets were made (the fix goes there), the
 * output layer related. When it changes little, information. Inputs off scale too: unscaled-input speaks for both.
 */
export function unscaledTarget(layers: readonly LayerInfo[], steps: readonly StepRecord[], context: HealthContext): Finding | undefined {
  const probe = context.scaleProbe;
  if (probe?.standardized !== 'targets') return undefined;
  const judged = judgeScaling(steps, probe);
  if (!judged) return undefined;
  const output = layers.find((l) => l.name === context.outputs?.[0]?.layer);
  const site = context.dataLocations?.targets?.[0];
  const at = site
    ? { location: site, ...(output ? { related: [{ layer: output.name, location: output.location, message: 'the output layer that must reach the targets' }] } : {}) }
    : { layer: output?.name, location: output?.location };
  const scale = `the regression targets have RMS ${fmt(probe.targetRms ?? NaN)}, far from the unit scale the output layer's initialisation produces`;
  const madeUp = judged.better ? planMakesUp(judged, context.plannedSteps) : undefined;
  if (madeUp) {
    return { code: 'unscaled-target', severity: 'info', step: judged.steps, ...at, message: `Unscaled targets: ${scale}. Standardised, the same steps train clearly better (${judged.evidence}), but ${madeUp}: no action needed for training, though standardising them would save those steps.` };
  }
  return judged.better
    ? {
        code: 'unscaled-target',
        severity: RULE_SEVERITY['unscaled-target'],
        step: judged.steps,
        ...at,
        message:
          `Unscaled targets: ${scale}, so the first steps are spent growing the output's weights towards the targets' offset and size. Standardised, the same steps train clearly better: ${judged.evidence}. ` +
          `Standardise the targets before fit() (subtract their mean and divide by their standard deviation, computed on the training data) and invert the transform on the predictions; or scale them to about unit range.`,
      }
    : { code: 'unscaled-target', severity: 'info', step: judged.steps, ...at, message: `Unscaled targets: ${scale}, but standardising them changes little for this model: ${judged.evidence}. No action needed for training.` };
}
