// A wrong initialisation judged by what it costs the training. An initial loss far above its expected value, or a
// layer that starts saturated, is true of many programs that train fine (Nielsen's N(0, 1) network at η = 3 repairs its
// start in a few steps; docs/rules/initial-loss.md), so it is not evidence by itself. The counterfactual is: the same
// steps, on the same fresh batches of the script's rows, from the framework's default initialisation of the weights the
// user initialised otherwise (Glorot-normal kernels, zero biases: Glorot & Bengio 2010) — everything else as the
// user's. When that copy reaches a clearly lower loss on rows neither trained on, the user's initialisation costs
// training ("verify loss @ init … init well": Karpathy 2019; makemore part 3's "hockey stick": the first steps spent
// squashing the overconfident logits). The runner's probe: runner/initProbe.ts. Thresholds and measurements:
// docs/rules/initial-loss.md, "Judged by what it costs".
import type { Finding, LayerInfo, OutputInfo, SourceLocation, Thresholds } from './protocol';
import { formatNumber as fmt } from './format';
import { dataLoss, RULE_SEVERITY, type StepRecord } from './healthModel';
import { initialLossLimit } from './lossRules';
import { initialLossOverDraws, type InitialDraws } from './initialLossDraws';
import { HORIZON_EVERY, HORIZON_STEPS } from './rateHorizon';

/**
 * Steps of each run, each on the next batch of the script's rows, and the held-out rows read every INIT_PROBE_EVERY
 * steps (and after the last): the learning-rate horizon probe's runs (runner/horizonProbe.ts), from each seeded draw
 * of the program's initializers and from its default copy (runner/initProbe.ts).
 */
export const INIT_PROBE_STEPS = HORIZON_STEPS;
export const INIT_PROBE_EVERY = HORIZON_EVERY;
/** The two runs together may take at most this long (the horizon probe's budget: a user's patience). */
export const INIT_PROBE_MAX_MS = 15_000;
/**
 * Not started when the profiled steps' pace, scaled to the script's batch size, says the two runs would take more than
 * this many times their budget: a profiled step also computes gradient statistics and costs more than a plain one.
 */
export const INIT_PROBE_PACE_FACTOR = 3;
/**
 * The default-initialised copy's lowest held-out loss must be at most this fraction of the user's lowest for the
 * initialisation to count as costing training: the learning-rate probes' margin (rateRules.HIGH_MARGIN), and above the
 * spread of two draws of the same initializer measured on the benchmark (docs/rules/initial-loss.md).
 */
export const INIT_MARGIN = 0.8;
/**
 * The seeded fresh draws of the program's initializers the probe runs from, the same ones the step-0 vote reads
 * (runner/weightDraws.ts REDRAWS, seeds PROBE_SEED + 1 … + 4): the verdict is the majority's, a tie no majority
 * (./initialLossDraws.ts). One draw's verdict is one sample of the initializer's: from the run's own draw the probe warned
 * on healthy `mlm-adam` in some runs and not in others (docs/rules/initial-loss.md, "Over draws").
 */
export const INIT_PROBE_DRAWS = 4;

/** One run of the probe: factor 1 from the user's initial weights, 0 from the default-initialised copy. */
export interface InitProbe {
  factor: number;
  losses: readonly number[];
  every: number;
  rows: number;
  batchSize: number;
  /** The layers whose kernel or bias the copy re-drew (the user's initializer differs from the default). */
  layers: readonly string[];
  /** The first output's held-out accuracy at the same readings as `losses`, when its outputs read as classes. */
  accuracies?: number[];
  /** The seeded fresh draw (1 … INIT_PROBE_DRAWS) both runs of the pair started from; absent: the profile's own draw. */
  draw?: number;
}

/**
 * What makes the probe worth its time: the initial loss far from its expected value — in most draws of the program's
 * initializers when fresh draws were measured (`draws`: ./initialLossDraws.ts), else in the profile's — or a re-drawn
 * layer saturated at step 0.
 */
export function initProbeReason(steps: readonly StepRecord[], outputs: readonly OutputInfo[], userInitialised: readonly string[], t: Thresholds, draws?: InitialDraws): string | undefined {
  if (!userInitialised.length || steps.length === 0 || !steps.every((s) => Number.isFinite(s.loss))) return undefined;
  const first = steps[0].evalLoss ?? dataLoss(steps[0]);
  const limit = initialLossLimit(outputs, t);
  const over = limit ? initialLossOverDraws(first, false, draws, limit.limit, t.lossImprovement) : undefined;
  if (limit && (over ? over.mostFar : first > limit.limit)) return `the loss at initialization is ${fmt(first)}, ${fmt(first / limit.expected)}× its expected ${fmt(limit.expected)} (${limit.basis}${over ? `; ${over.text}` : ''})`;
  const saturated = steps[0].layers.find((l) => userInitialised.includes(l.name) && (l.saturatedShare ?? 0) >= t.saturatedShare);
  if (saturated) return `${fmt((saturated.saturatedShare ?? 0) * 100)} % of ${saturated.name}'s outputs start in the flat tails of its activation`;
  return undefined;
}

const pct = (share: number) => (share * 100).toFixed(0);
const lowest = (losses: readonly number[]) => Math.min(...losses.slice(1));
const highest = (values: readonly number[]) => Math.max(...values.slice(1));

/**
 * The held-out accuracies of the two runs, for a single class output under a cross-entropy: the user's best clearly
 * above the copy's means the copy's lower loss is not more rows classified right. Cross-entropy also charges confidence, and an
 * overconfident model can hold a higher loss than a near-uniform one while classifying far more rows right (Guo, Pleiss,
 * Sun & Weinberger, "On Calibration of Modern Neural Networks", ICML 2017, §2 and Fig. 3: NLL rising while the error falls).
 */
function accuracyLead(own: InitProbe, copy: InitProbe): { ownAccuracy: number; copyAccuracy: number } | undefined {
  const a = own.accuracies;
  const b = copy.accuracies;
  if (!a || !b || a.length !== own.losses.length || b.length !== copy.losses.length || a.length < 2) return undefined;
  return { ownAccuracy: highest(a), copyAccuracy: highest(b) };
}

/**
 * The verdict on the two runs; undefined when they are not both there and finite. `classes`: the loss is a cross-entropy
 * on one class output, so the runs' held-out accuracies (when measured) count too.
 */
export function initCost(
  probes: readonly InitProbe[] | undefined,
  classes = false,
): { own: InitProbe; copy: InitProbe; ownBest: number; copyBest: number; copyStart: number; repairing: boolean; costs: boolean; accuracy?: { ownAccuracy: number; copyAccuracy: number }; aheadInAccuracy: boolean } | undefined {
  const own = probes?.find((p) => p.factor === 1);
  const copy = probes?.find((p) => p.factor === 0);
  if (!own || !copy || own.losses.length < 2 || own.losses.length !== copy.losses.length) return undefined;
  const ownBest = lowest(own.losses);
  const copyBest = lowest(copy.losses);
  if (!Number.isFinite(copyBest) || !(copyBest >= 0)) return undefined;
  // The hockey stick: every step of the user's run went into repairing the initial excess — it never got down to the
  // loss the default initialisation starts from — while the default copy got clearly further. A user's run that went
  // non-finite where the copy did not is the clearest cost of all.
  const copyStart = copy.losses[0];
  const repairing = ownBest > copyStart;
  // For a classifier the steps were not spent only on repair when the user's run classifies clearly more held-out rows
  // right than the copy at its best: its higher loss is overconfidence, not less learning (accuracyLead).
  const accuracy = classes ? accuracyLead(own, copy) : undefined;
  // "Clearly", as for the losses: the user's held-out error at most INIT_MARGIN × the copy's.
  const aheadInAccuracy = accuracy !== undefined && accuracy.ownAccuracy > accuracy.copyAccuracy && 1 - accuracy.ownAccuracy <= INIT_MARGIN * (1 - accuracy.copyAccuracy);
  const costs = !Number.isFinite(ownBest) || (repairing && copyBest <= INIT_MARGIN * ownBest && !aheadInAccuracy);
  return { own, copy, ownBest, copyBest, copyStart, repairing, costs, ...(accuracy ? { accuracy } : {}), aheadInAccuracy };
}

type InitCost = NonNullable<ReturnType<typeof initCost>>;

/** The loss is a cross-entropy on one class output: the runs' held-out accuracies count too (initCost's `classes`). */
export const judgesAccuracy = (outputs: readonly OutputInfo[], t: Thresholds) => {
  const limit = initialLossLimit(outputs, t);
  return outputs.length === 1 && limit !== undefined && !limit.isMse;
};

/**
 * The majority over the seeded draws is settled once `costing` or `sparing` draws of `measured` could not be outvoted by
 * the draws left: more than half of INIT_PROBE_DRAWS cost (a warning), or so many spare that the rest cannot make a
 * majority (a tie is no majority). The runner stops there (runner/initProbe.ts).
 */
export function drawsDecided(costing: number, sparing: number): boolean {
  return 2 * costing > INIT_PROBE_DRAWS || 2 * (INIT_PROBE_DRAWS - sparing) <= INIT_PROBE_DRAWS;
}

/**
 * The verdict over the seeded draws: each draw's pair judged as one (initCost), a warning when more than half of
 * INIT_PROBE_DRAWS cost training. Probes without a draw number are the profile's own pair, judged alone. `shown` is the
 * pair the finding quotes: a costing one for a warning, else a sparing one.
 */
export function initCostOverDraws(probes: readonly InitProbe[] | undefined, classes = false): { shown: InitCost; verdicts: InitCost[]; drawsRun: number; costing: number; costs: boolean } | undefined {
  const numbers = [...new Set((probes ?? []).map((p) => p.draw))];
  if (numbers.length === 1 && numbers[0] === undefined) {
    const one = initCost(probes, classes);
    return one && { shown: one, verdicts: [one], drawsRun: 1, costing: one.costs ? 1 : 0, costs: one.costs };
  }
  const verdicts = numbers
    .filter((n): n is number => n !== undefined)
    .sort((a, b) => a - b)
    .map((n) => initCost(probes!.filter((p) => p.draw === n), classes))
    .filter((v): v is InitCost => v !== undefined);
  if (!verdicts.length) return undefined;
  const costing = verdicts.filter((v) => v.costs).length;
  const costs = 2 * costing > INIT_PROBE_DRAWS;
  // A pair that cannot be judged (the copy's run not finite: initCost) counts for neither side.
  return { shown: verdicts.find((v) => v.costs === costs) ?? verdicts[0], verdicts, drawsRun: numbers.length, costing, costs };
}

/**
 * The finding: a warning on the re-drawn layers' lines when the default-initialised copy gets clearly further, else
 * information with the same numbers. `reason`: what made the probe run (initProbeReason).
 */
export function initProbeFinding(steps: readonly StepRecord[], layers: readonly LayerInfo[], outputs: readonly OutputInfo[], probes: readonly InitProbe[] | undefined, t: Thresholds): Finding | undefined {
  const over = initCostOverDraws(probes, judgesAccuracy(outputs, t));
  if (!over) return undefined;
  const { own, copy, ownBest, copyBest, copyStart, repairing, accuracy, aheadInAccuracy } = over.shown;
  const { costs } = over;
  const reason = initProbeReason(steps, outputs, copy.layers, t) ?? 'the initial weights are user-set';
  const info = new Map(layers.map((l) => [l.name, l]));
  const placed = copy.layers.map((name) => ({ layer: name, location: info.get(name)?.location })).filter((l): l is { layer: string; location: SourceLocation } => l.location !== undefined);
  const [first, ...others] = placed;
  const runSteps = (own.losses.length - 1) * own.every;
  const names = copy.layers.join(', ');
  const drawn = own.draw !== undefined;
  const judged = over.verdicts.length;
  const unjudged = over.drawsRun - judged;
  const perDraw = over.verdicts.map((v) => `${fmt(v.ownBest)} / ${fmt(v.copyBest)}${v.costs ? ' (costs)' : ''}`).join(', ');
  const overDraws = drawn
    ? `Over seeded draws of your initializers (the draws the initial-loss vote reads), ${over.costing} of ${judged} measured cost training — ` +
      `${costs ? 'more than half of' : 'no majority of'} ${INIT_PROBE_DRAWS}${over.drawsRun < INIT_PROBE_DRAWS ? `, settled after ${over.drawsRun}` : ''}` +
      `${unjudged ? ` (${unjudged} not judged: a run not finite)` : ''}; lowest held-out loss yours / default per draw: ${perDraw}. Draw ${own.draw}: `
    : '';
  const evidence =
    overDraws +
    `From the same fresh batches of ${own.batchSize} of the script's rows, ${runSteps} steps took the loss of ${own.rows} rows neither run trained on ` +
    `no lower than ${fmt(ownBest)} from your initial weights, and to ${fmt(copyBest)} with ${names} drawn from tfjs's defaults instead (Glorot-normal kernels, zero biases; ${fmt(copyBest / ownBest)}×), ` +
    `which start at ${fmt(copyStart)}: ${repairing ? `your run spent all ${runSteps} steps above where the default initialisation starts` : `your run got below that start within the ${runSteps} steps`}.` +
    (accuracy
      ? ` Held-out accuracy at best: ${pct(accuracy.ownAccuracy)} % from your weights, ${pct(accuracy.copyAccuracy)} % from the defaults` +
        (aheadInAccuracy ? ` — your run classifies clearly more rows right; its higher loss is overconfidence (cross-entropy charges confidence too), not steps lost.` : '.')
      : '');
  return {
    code: 'initial-loss',
    severity: costs ? RULE_SEVERITY['initial-loss'] : 'info',
    step: 0,
    ...(first ? { layer: first.layer, location: first.location } : {}),
    ...(others.length ? { related: others.map((l) => ({ ...l, message: 'also initialised away from the default' })) } : {}),
    message: costs
      ? `The initialisation costs training: ${reason}, and the default initialisation gets clearly further. ${evidence} ` +
        `Use the default initializers (or scale yours: variance 1/fan_in for tanh/sigmoid, 2/fan_in for ReLU — LeCun 1998, Glorot & Bengio 2010, He et al. 2015) and start the output layer near a uniform guess (Karpathy: "verify loss @ init", "init well").`
      : `The initialisation is off (${reason}) but costs no training measured here. ${evidence} No action needed.`,
  };
}

/**
 * The loss rules' findings with the probe's verdict in: when the initialisation costs training its warning replaces
 * the step-0 initial-loss finding (the same fault, now with its cost and on the initializer's line); when it does not,
 * a step-0 finding stays as it was and the probe's numbers come as information.
 */
export function withInitProbe(findings: Finding[], steps: readonly StepRecord[], layers: readonly LayerInfo[], outputs: readonly OutputInfo[], probes: readonly InitProbe[] | undefined, t: Thresholds): Finding[] {
  const probe = initProbeFinding(steps, layers, outputs, probes, t);
  if (!probe) return findings;
  if (probe.severity !== 'info') return [...findings.filter((f) => f.code !== 'initial-loss'), probe];
  const stepZero = findings.find((f) => f.code === 'initial-loss');
  if (!stepZero) return [...findings, probe];
  return findings.map((f) => (f === stepZero ? { ...f, message: `${f.message} The initialisation probe: ${probe.message}` } : f));
}
