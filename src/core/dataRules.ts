// Rules on what the model is fed and how it is wired, read from the profiled batch and the built model:
// labels the compiled loss cannot read (fractional class indices, probabilities outside [0, 1]), regression
// targets outside the range of the output activation, and a softmax inside the network. Thresholds and
// sources: docs/rules/invalid-labels.md, output-activation.md, hidden-activation.md.
import type { Finding, LayerInfo, OutputInfo, SourceLocation } from './protocol';
import { formatNumber as fmt } from './format';
import { RULE_SEVERITY, type StepRecord } from './healthModel';
import { normalizeLoss } from './lossRules';

const REGRESSION = new Set(['meansquarederror', 'mse', 'meanabsoluteerror', 'mae', 'huberloss', 'logcosh', 'logcoshloss']);

/** The closed range each bounded output activation can produce. */
export const OUTPUT_RANGE: Readonly<Record<string, readonly [number, number]>> = {
  sigmoid: [0, 1],
  hardSigmoid: [0, 1],
  hard_sigmoid: [0, 1],
  softmax: [0, 1],
  tanh: [-1, 1],
  softsign: [-1, 1],
  relu: [0, Infinity],
  relu6: [0, 6],
  softplus: [0, Infinity],
  elu: [-1, Infinity],
  selu: [-1.7581, Infinity],
};

/** Output activations whose values are probabilities. */
const PROBABILITY = new Set(['softmax', 'sigmoid', 'hardSigmoid', 'hard_sigmoid']);
/** A loss at the one-hot labels at or below this reads them as perfect predictions (probabilities). */
const PERFECT_LOSS = 0.01;
/** … and a confidently wrong one-hot costs at least this (a log: tfjs clips at 1e-7, −ln 1e-7 = 16; MSE gives 2/C). */
const CONFIDENTLY_WRONG = 3;
/** A softmax cross-entropy on logits at the one-hot labels costs ln(1 + (C−1)/e) ≥ 0.31 (C = 2). */
const LOGIT_FLOOR = 0.1;

/** A custom loss at its own labels at or below this reads them as a perfect prediction (a distance is 0 there). */
const DISTANCE_ZERO = 1e-6;

/** A label value this far outside the activation's range (relative to the range, or 0.05 absolute) counts as outside. */
const RANGE_TOLERANCE = 0.05;

/**
 * `targetSites`: per output, the line that made the labels given to fit() (DataLocations.targets). Labels the
 * loss cannot read are reported there — the preprocessing is what to fix — with the loss's compile() line
 * related; without it, at compile() (else the output layer).
 */
export function dataFindings(
  layers: readonly LayerInfo[],
  outputs: readonly OutputInfo[],
  lossSite: SourceLocation | undefined,
  targetSites: readonly SourceLocation[] = [],
  lossNanStep?: number,
): Finding[] {
  const info = new Map(layers.map((l) => [l.name, l]));
  const findings: Finding[] = [];
  for (const [index, output] of outputs.entries()) {
    const loss = normalizeLoss(output.loss);
    const layer = info.get(output.layer);
    const { labelMin: min, labelMax: max, labelFractional: fractional } = output;
    if (min === undefined || max === undefined) continue;
    const targetSite = targetSites[index];
    const lossRelated = lossSite ? [{ layer: 'compile()', location: lossSite, message: `the loss ${output.loss}, which reads these labels`, kind: 'call' as const }] : undefined;
    const where = targetSite
      ? { location: targetSite, ...(lossRelated ? { related: lossRelated } : {}) }
      : { location: lossSite ?? layer?.location, ...(lossSite ? {} : { layer: output.layer }) };

    // --- labels the loss cannot read ---
    if (loss === 'sparsecategoricalcrossentropy' && ((fractional ?? 0) > 0 || min < 0 || max > output.units - 1)) {
      const why =
        (fractional ?? 0) > 0
          ? `${fmt((fractional ?? 0) * 100)} % of them are not whole numbers (they run from ${fmt(min)} to ${fmt(max)}): the loss casts class indices to integers, so ${fmt(max)} becomes class ${Math.max(0, Math.trunc(max))}${Math.trunc(max) === Math.trunc(min) ? ' like every other label — the model is taught a single class' : ''}`
          : `they run from ${fmt(min)} to ${fmt(max)}, outside the class indices 0–${output.units - 1} of the ${output.units}-unit output`;
      findings.push({
        code: 'invalid-labels',
        severity: RULE_SEVERITY['invalid-labels'],
        step: 0,
        ...where,
        message: `Labels the loss cannot read: ${output.loss} expects class indices, but ${why}. Check the label preprocessing (e.g. a division meant for the pixels), or one-hot encode the labels and use categoricalCrossentropy.`,
      });
      continue;
    }
    if ((loss === 'categoricalcrossentropy' || loss === 'binarycrossentropy') && (min < 0 || max > 1)) {
      findings.push({
        code: 'invalid-labels',
        severity: RULE_SEVERITY['invalid-labels'],
        step: 0,
        ...where,
        message: `Labels the loss cannot read: ${output.loss} expects probabilities in [0, 1] (one-hot rows or 0/1), but the batch's labels run from ${fmt(min)} to ${fmt(max)}. Check the label preprocessing; for class indices use sparseCategoricalCrossentropy, for real-valued targets a regression loss.`,
      });
      continue;
    }

    // --- a custom loss that reads logits behind a softmax, or probabilities behind a linear output ---
    const probe = output.lossProbe;
    if (probe) {
      const producesProbabilities = PROBABILITY.has(output.activation ?? '');
      // A softmax-based loss reads one-hot rows at ×5 as confident (it sees only differences between classes); a loss
      // that applies a sigmoid to each unit needs its zeros negative too: ±5 (`atSigned`, one-hot rows only).
      const softmaxLogits = probe.atScaled <= 0.5 * probe.atLabels;
      const sigmoidLogits = !probe.binary && !softmaxLogits && probe.atSigned !== undefined && probe.atSigned <= 0.5 * probe.atLabels;
      const readsLogits = probe.atLabels >= LOGIT_FLOOR && (softmaxLogits || sigmoidLogits);
      const readsProbabilities = probe.atLabels <= PERFECT_LOSS && probe.atWrong >= CONFIDENTLY_WRONG;
      // One-hot rows are read as a softmax reads them unless only ±5 looked confident; other 0/1 labels as independent sigmoid units.
      const squash = probe.binary || sigmoidLogits ? 'sigmoid' : 'softmax';
      const evidence = probe.binary
        ? `fed the 0/1 labels themselves it gives ${fmt(probe.atLabels)}, fed confident logits (±5) ${fmt(probe.atScaled)}, fed the flipped labels ${fmt(probe.atWrong)}`
        : `fed the one-hot labels themselves it gives ${fmt(probe.atLabels)}, fed them ×5 ${fmt(probe.atScaled)}${sigmoidLogits ? `, fed them as ±5 ${fmt(probe.atSigned!)}` : ''}, fed a confidently wrong one-hot ${fmt(probe.atWrong)}`;
      const message =
        readsLogits && producesProbabilities
          ? `${squash === 'sigmoid' ? 'The loss applies its own sigmoid (or a margin, as a hinge does)' : 'The loss applies its own softmax'} but the output layer already squashes them (${output.activation}): ${evidence}, so it reads its predictions as logits. ` +
            `Given probabilities in [0, 1] it can never fall below ~${fmt(probe.atLabels)} even for perfect predictions, and its gradient is squashed twice. ` +
            `Remove the output activation (keep the logits loss), or use a loss on probabilities (${probe.binary || output.activation === 'sigmoid' ? 'binaryCrossentropy' : 'categoricalCrossentropy'}).`
          : readsProbabilities && !producesProbabilities
            ? `The loss reads its predictions as probabilities but the output layer's activation is ${output.activation ?? 'none'}: ${evidence} — a log of probabilities. ` +
              `Raw outputs are not probabilities: negative values give NaN, values above 1 are clipped and get no gradient. Use activation '${squash}' on the output layer (or a loss that takes logits, e.g. tf.losses.${squash}CrossEntropy).`
            : readsLogits && !producesProbabilities
              ? clampedLogitsMessage(output.activation, squash, output.units, evidence)
              : undefined;
      // Only the log of a non-probability output makes NaN/Inf (a log of a value ≤ 0): then it is the cause of that NaN.
      const nan = message && readsProbabilities && !producesProbabilities && lossNanStep !== undefined;
      if (message) {
        findings.push({
          code: 'output-activation',
          severity: nan ? 'error' : RULE_SEVERITY['output-activation'],
          step: nan ? lossNanStep : 0,
          layer: output.layer,
          location: layer?.location,
          message: nan ? `NaN/Inf in the loss or its gradient from step ${lossNanStep}, caused by the output activation: ${message}` : message,
        });
      }
    }

    // --- regression targets the output activation cannot reach ---
    const range = output.activation ? OUTPUT_RANGE[output.activation] : undefined;
    if ((REGRESSION.has(loss) || measuresDistance(output.targetRangeLoss)) && range) {
      const span = Number.isFinite(range[1]) ? range[1] - range[0] : 1;
      const slack = Math.max(RANGE_TOLERANCE * span, RANGE_TOLERANCE);
      const below = min < range[0] - slack;
      const above = max > range[1] + slack;
      if (below || above) {
        findings.push({
          code: 'output-activation',
          severity: RULE_SEVERITY['output-activation'],
          step: 0,
          layer: output.layer,
          location: layer?.location,
          ...(targetSite ? { related: [{ layer: 'targets', location: targetSite, message: `the targets given to fit() (${fmt(min)} to ${fmt(max)}), made here`, kind: 'targets' as const }] } : {}),
          message:
            `The targets run from ${fmt(min)} to ${fmt(max)}, but the output layer's ${output.activation} only produces values in [${fmt(range[0])}, ${Number.isFinite(range[1]) ? `${fmt(range[1])}]` : '∞)'}: targets ${below ? `below ${fmt(range[0])}` : `above ${fmt(range[1])}`} can never be fitted. ` +
            `Use an output activation whose range covers the targets (${below && range[0] >= 0 ? (min >= -1 && max <= 1 ? "'tanh' for [-1, 1], or " : '') : ''}'linear' for unbounded targets), or rescale the targets into [${fmt(range[0])}, ${Number.isFinite(range[1]) ? `${fmt(range[1])}]` : '∞)'}.`,
        });
      }
    }
  }

  // --- softmax inside the network (only when the outputs are known: every other layer is hidden) ---
  const outputLayers = new Set(outputs.map((o) => o.layer));
  for (const layer of outputs.length ? layers : []) {
    if (layer.activation !== 'softmax' || layer.weights.length === 0) continue;
    if (computesOutput(layer, info, outputLayers) || weighsAnotherBranch(layer)) continue;
    findings.push({
      code: 'hidden-activation',
      severity: RULE_SEVERITY['hidden-activation'],
      step: 0,
      layer: layer.name,
      location: layer.location,
      message:
        `Softmax as the activation of a hidden ${layer.className} layer: it makes the layer's ${layer.className === 'Dense' ? 'units' : 'channels'} sum to 1 at every position, so each carries ~1/n of the signal and its gradient is damped the same way; ` +
        `the layers after it see almost the same input for every example. Softmax belongs on the output layer of a classifier; use 'relu' here (or leave it if this layer computes attention or gating weights on purpose).`,
    });
  }
  return findings;
}

/** Activations whose derivative is exactly 0 below 0: a logit there gets no gradient from its own example. */
const ZERO_GRADIENT_BELOW_ZERO = new Set(['relu', 'relu6']);

/**
 * A loss that applies its own softmax/sigmoid reads the output as logits, which must be able to take every real value
 * (Goodfellow, Bengio & Courville 2016, §6.2.2: the logits z = Wᵀh + b are a linear layer's). A bounded output
 * activation puts a floor under the loss: under a softmax the best a row can do with logits in [a, b] is
 * ln(1 + (C − 1)·e^(a − b)); under a sigmoid a 0 label costs at least ln(1 + e^a) and a 1 label ln(1 + e^(−b)).
 * A ReLU also passes no gradient below 0, so a row whose true class's logit is clamped there gets nothing that
 * raises it and cannot fall below ln C (softmax) or ln 2 (sigmoid, 0 label). Reported for a ReLU, or for a floor of at
 * least LOGIT_FLOOR (elu, selu and softplus under a softmax have no floor and a gradient everywhere: left alone).
 */
function clampedLogitsMessage(activation: string | undefined, squash: 'softmax' | 'sigmoid', units: number, evidence: string): string | undefined {
  const range = activation ? OUTPUT_RANGE[activation] : undefined;
  if (!range) return undefined;
  const [a, b] = range;
  const classes = Math.max(2, units);
  const floor =
    squash === 'softmax'
      ? Math.log1p((classes - 1) * Math.exp(a - b))
      : Math.max(Number.isFinite(a) ? Math.log1p(Math.exp(a)) : 0, Number.isFinite(b) ? Math.log1p(Math.exp(-b)) : 0);
  const dead = ZERO_GRADIENT_BELOW_ZERO.has(activation!);
  if (!dead && !(floor >= LOGIT_FLOOR)) return undefined;
  const span = `[${fmt(a)}, ${Number.isFinite(b) ? `${fmt(b)}]` : '∞)'}`;
  const why = dead
    ? squash === 'softmax'
      ? `no logit can go below 0, and a unit whose input is negative passes no gradient (${activation}'s derivative is 0 there): an example whose true class's logit is clamped at 0 gets nothing that raises it, and its loss cannot fall below ln ${classes} = ${fmt(Math.log(classes))}`
      : `every logit is ≥ 0, so every prediction is ≥ 0.5: a 0 label costs at least ln 2 = ${fmt(Math.LN2)}, and a unit whose input is negative passes no gradient (${activation}'s derivative is 0 there)`
    : `logits confined to ${span} keep the loss above ${fmt(floor)} even for perfect predictions`;
  return (
    `The loss applies its own ${squash} (it reads logits: ${evidence}), but the output layer's ${activation} confines the logits to ${span}: ${why}. ` +
    `Logits must be able to take any value: remove the output activation (a linear output layer) and keep the logits loss.`
  );
}

/**
 * A custom loss that is a distance to the targets (0 at the labels themselves) and costs more at the best predictions
 * the output can make (the labels clipped into its range): the unreachable targets are a floor under its loss, as
 * under a built-in regression loss. A loss indifferent to the clipping (e.g. one that reads only signs) is left alone.
 */
function measuresDistance(reading: OutputInfo['targetRangeLoss']): boolean {
  if (!reading) return false;
  const { atLabels, atClipped } = reading;
  return atLabels <= DISTANCE_ZERO && atClipped > atLabels + DISTANCE_ZERO;
}

/**
 * The layer is a model output, or wrapped by one: TimeDistributed(Dense(…, softmax)) as a sequence model's output
 * lists the wrapper as the output and its Dense as a layer of its own (parent: the wrapper).
 */
function computesOutput(layer: LayerInfo, info: ReadonlyMap<string, LayerInfo>, outputLayers: ReadonlySet<string>): boolean {
  for (let at: LayerInfo | undefined = layer; at; at = at.parent === undefined ? undefined : info.get(at.parent)) {
    if (outputLayers.has(at.name)) return true;
  }
  return false;
}

/**
 * Merge layers whose product weights one branch by another: a softmax read by one of them computes attention
 * (Luong et al. 2015, Bahdanau et al. 2015, Vaswani et al. 2017: softmax(scores) · values) or gating weights.
 */
const WEIGHTING_MERGES = new Set(['Dot', 'Multiply']);
const weighsAnotherBranch = (layer: LayerInfo) => (layer.readBy ?? []).some((c) => WEIGHTING_MERGES.has(c));

/** At or above this share of units that are exact copies of another unit, a hidden layer is symmetric. */
export const SYMMETRIC_SHARE = 0.5;

/**
 * Hidden layers whose units are still exact copies of each other after the profiled steps: units that start
 * identical get identical gradients and stay identical, so the layer works as a few distinct units. Output
 * layers are left out (their units get different labels, which breaks the symmetry: a zero-initialised
 * output layer is fine).
 */
export function symmetricUnits(layers: readonly LayerInfo[], steps: readonly StepRecord[], outputs: readonly OutputInfo[]): Finding[] {
  if (!outputs.length || steps.length === 0) return [];
  const outputLayers = new Set(outputs.map((o) => o.layer));
  const first = steps[0];
  const last = steps[steps.length - 1];
  const findings: Finding[] = [];
  for (const layer of layers) {
    if (outputLayers.has(layer.name)) continue;
    const end = last.layers.find((l) => l.name === layer.name)?.duplicateShare;
    if (end === undefined || end < SYMMETRIC_SHARE) continue;
    const start = first.layers.find((l) => l.name === layer.name)?.duplicateShare ?? end;
    const units = layer.weights.find((w) => w.shape.length >= 2)?.shape.at(-1) ?? 0;
    findings.push({
      code: 'symmetric-units',
      severity: RULE_SEVERITY['symmetric-units'],
      step: last.step,
      layer: layer.name,
      location: layer.location,
      message:
        `${fmt(end * 100)} % of ${layer.name}'s ${units} units are exact copies of another unit at step ${last.step} (${fmt(start * 100)} % at step 0): units that start identical receive identical gradients and stay identical, ` +
        `so the layer works as a handful of distinct units however many it has. Initialise its kernel with a random initializer (heNormal for ReLU, glorotUniform otherwise) instead of a constant or zeros.`,
    });
  }
  return findings;
}
