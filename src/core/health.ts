// Health rules: turn per-layer gradient statistics and the loss over the profiled steps into findings.
// Pure; thresholds are documented in docs/rules/*.md with where each default comes from. The gradient
// rules live in layerRules.ts, the loss and output rules in lossRules.ts; this file owns the shared
// types, the defaults and the order in which causes silence their symptoms.
import type { Finding, LayerInfo, Thresholds } from './protocol';
import type { HealthContext, NonFiniteOrigin, StepRecord } from './healthModel';
import { layerFindings } from './layerRules';
import { withOriginSites } from './originSites';
import { lossFindings } from './lossRules';
import { withInitProbe } from './initProbeRule';
import { narrowestHiddenWidth, rateFindings } from './rateRules';
import { planReachFinding } from './ratePlanReach';
import { planStartFinding } from './planStartRule';
import { overRegularization } from './regularizationRules';
import { rateAtHorizon } from './rateHorizon';
import { atMomentumPace, rateBeyondCurvature, settlesExactly } from './rateCurvature';
import { dataFindings, symmetricUnits } from './dataRules';
import { smallInput, unscaledInput } from './inputRules';
import { inputConditioning } from './conditioningRule';
import { unscaledTarget } from './scaleRules';
import { lossFunctionFindings } from './lossFunctionRule';
import { classImbalance } from './classBalance';
import { nanProneLossFindings } from './lossSaturationRule';
import { brokenByRate, explodingFromTargets } from './causes';
import { lossStalledByRate } from './stalledByRate';
import { labelsUnrelated } from './labelRules';
import { outputBirthFindings } from './outputBirthRule';
import { capacityBottleneck } from './capacityRules';
import { linearCapacity } from './linearFitRule';
import { linearCurve, linearReach } from './linearReachRule';
import { lossTargetFindings } from './lossTargetRule';
import { onChosenOptimizer } from './chosenOptimizer';

export const DEFAULT_THRESHOLDS: Thresholds = {
  vanishingRelative: 1e-3,
  vanishingAbsolute: 1e-4,
  vanishingMeanAbs: 1e-7,
  // 1 flagged healthy models as an ERROR: a single linear layer at initialization has ‖g‖/‖w‖ ≈ 1.3 (its
  // message then read "would change the weights by 1.3e-3 of their norm; ~1e-3 is healthy"). At 10 a
  // step at lr 1e-3 changes the weights by 1 % of their norm; constant-100 initialization gives ~200.
  explodingRatio: 10,
  explodingNorm: 1e5,
  explodingLossGrowth: 1e3,
  deadShare: 0.7,
  saturatedShare: 0.5,
  // Glorot on a 4096×4096 kernel has RMS 0.016, so 1e-2 is below any initializer's scale; a
  // zero-initialised layer after a few steps of Adam at its default rate (±1e-3 per step) is below it.
  zeroWeightRms: 1e-2,
  lossImprovement: 0.01,
  lossStuck: 1e-3,
  oscillationRatio: 3,
  oscillationAmplitude: 0.05,
  initialLossFactor: 2,
  confidentOutputShare: 0.5,
  overfitFraction: 0.1,
};

/** Findings that say the steps are too large for the loss surface (the consequence a summed loss can have). */
const OVERSHOOT = new Set(['learning-rate-high', 'loss-diverging', 'loss-oscillating', 'non-finite', 'exploding']);

export { RULE_SEVERITY, dataLoss, type HealthContext, type NonFiniteOrigin, type StepRecord } from './healthModel';

export function evaluateHealth(
  layers: readonly LayerInfo[],
  steps: readonly StepRecord[],
  thresholdOverrides: Partial<Thresholds> = {},
  nonFiniteOrigin?: NonFiniteOrigin,
  context: HealthContext = {},
): Finding[] {
  const t = { ...DEFAULT_THRESHOLDS, ...thresholdOverrides };
  // After the first NaN/Inf the optimizer has written garbage into the weights: later steps are no evidence.
  const broken = steps.find((s) => !Number.isFinite(s.loss) || s.layers.some((l) => l.weights.some((w) => w.nanCount + w.infCount > 0)));
  const lastUsable = Math.min(broken?.step ?? Infinity, nonFiniteOrigin?.step ?? Infinity);
  steps = steps.filter((s) => s.step <= lastUsable);
  // The output rules first: a wrong output activation explains a NaN loss and a "dead" ReLU output layer.
  const loss = lossFindings(layers, steps, t, context, nonFiniteOrigin);
  // A wrong initialisation judged by what it costs the training (initProbeRule.ts).
  loss.findings = withInitProbe(loss.findings, steps, layers, context.outputs ?? [], context.initProbes, t);
  // One output-activation finding per output layer: the loss/activation pair first, then the target range.
  const mismatched = new Set(loss.findings.filter((f) => f.code === 'output-activation').flatMap((f) => [f.layer, ...(f.related ?? []).map((r) => r.layer)]));
  // NaN/Inf first seen in the loss, its gradient or an output layer: a custom loss that takes the log of a
  // linear output explains it (as lossRules does for a built-in loss on the wrong activation).
  const lossNanStep =
    nonFiniteOrigin && !loss.explainedNonFinite && (nonFiniteOrigin.pass === 'loss' || nonFiniteOrigin.pass === 'backward' || loss.outputLayers.has(nonFiniteOrigin.layer))
      ? nonFiniteOrigin.step
      : undefined;
  const data = [
    ...dataFindings(layers, context.outputs ?? [], context.compileLocation, context.dataLocations?.targets, lossNanStep).filter((f) => f.code !== 'output-activation' || !mismatched.has(f.layer)),
    ...symmetricUnits(layers, steps, context.outputs ?? []),
    ...classImbalance(context.outputs ?? [], context),
    ...nanProneLossFindings(context.outputs ?? [], context.compileLocation, steps),
    ...capacityBottleneck(layers, context.outputs ?? []),
    ...lossTargetFindings(context.outputs ?? [], context.compileLocation, context.dataLocations?.targets),
  ];
  const nanExplained = loss.explainedNonFinite || data.some((f) => f.code === 'output-activation' && f.severity === 'error');
  const gradient = layerFindings(layers, steps, t, nanExplained ? undefined : nonFiniteOrigin, {
    lossFalls: loss.lossFalls,
    skipDead: loss.explainedLayers,
    skipNonFinite: nanExplained,
    outputLayers: loss.outputLayers,
    lossSite: context.compileLocation,
    inputSite: context.dataLocations?.inputs?.[0],
    optimizer: context.optimizer,
  });
  // Units that die later in the plan, from a start written in the program (planStartRule.ts): where the profiled steps
  // saw no dead layer worth a warning.
  const startDead = gradient.some((f) => f.code === 'dead-relu' && f.severity !== 'info') ? undefined : planStartFinding(context.planStart, layers, context.plannedSteps, t);
  if (startDead) gradient.splice(0, gradient.length, ...gradient.filter((f) => !(f.code === 'dead-relu' && f.layer === startDead.layer)), startDead);
  data.push(...outputBirthFindings(layers, context.outputs ?? [], [...gradient, ...loss.findings, ...data]));
  const unscaled = inputConditioning(layers, context) ?? unscaledInput(layers, steps, t, context) ?? smallInput(layers, steps, context);
  if (unscaled) data.push(unscaled);
  const target = unscaledTarget(layers, steps, context);
  if (target) data.push(target);
  const unrelated = labelsUnrelated(steps, context);
  if (unrelated) data.push(unrelated);
  // Two readings of one fault: no linear fit beats the constant (R²), or the neighbours reach far more (class errors).
  const linear = linearCapacity(layers, context.outputs ?? [], context.linearFit) ?? linearReach(layers, context.outputs ?? [], context.linearFit) ?? linearCurve(layers, context.outputs ?? [], context.linearFit);
  if (linear) data.push(linear);
  const alarms = [...gradient, ...loss.findings, ...data].filter((f) => f.severity !== 'info');
  const overReg = overRegularization(layers, steps, context.penaltyProbes);
  // A layer that passes no gradient, a wrong output or labels, or weight decay explains a slow loss better than the rate.
  const slowExplained =
    Boolean(overReg) ||
    alarms.some((f) => ['vanishing', 'dead-relu', 'saturation', 'saturated-output', 'output-activation', 'non-finite', 'loss-diverging', 'invalid-labels', 'hidden-activation', 'symmetric-units', 'unscaled-input', 'unscaled-target', 'capacity-linear'].includes(f.code));
  const rateSite = context.optimizerLocation ?? context.compileLocation;
  // Causes outside the named layers (the learning rate, the targets' scale): the finding moves to where the fix goes.
  // Layers a too-large update broke become one learning-rate-high finding: the rate rules below add none on top.
  // With the ÷10 probe's reading of the layers: whether gradient still reaches them after the same steps at a tenth of the rate.
  const located = brokenByRate(gradient, layers, steps, t, rateSite, loss.outputLayers, context.optimizer, context.tenthRate).map((f) => explodingFromTargets(f, layers, steps, context.outputs ?? [], context.dataLocations));
  // A loss stuck or rising after a too-large step broke the output: the same cause, named where the fix goes (stalledByRate.ts).
  if (!located.some((f) => f.code === 'learning-rate-high' && f.severity !== 'info')) loss.findings = lossStalledByRate(loss.findings, layers, steps, t, rateSite, loss.outputLayers, context.optimizer, context.tenthRate);
  const overshootReported = [...alarms, ...loss.findings, ...located].some((f) => f.severity !== 'info' && ['loss-diverging', 'loss-oscillating', 'non-finite', 'learning-rate-high'].includes(f.code));
  const rate = rateFindings(steps, { probes: context.rateProbes, rateSite, slowExplained, overshootReported, momentumRings: atMomentumPace(context.curvature), optimizer: context.optimizer, plannedSteps: context.plannedSteps, hiddenWidth: narrowestHiddenWidth(layers, loss.outputLayers), planSite: context.dataLocations?.call, ...(context.rateSchedule ? { schedule: context.rateSchedule } : {}) });
  // Too high although the profiled batch's loss falls: in closed form for a quadratic loss (rateCurvature.ts), else
  // judged on the script's own batches (rateHorizon.ts) — unless the quadratic's rows leave no noise level to judge.
  const horizon =
    overshootReported || rate.some((f) => f.code === 'learning-rate-high')
      ? undefined
      : (rateBeyondCurvature(steps, context.curvature, rateSite, context.plannedSteps) ??
        (settlesExactly(context.curvature, context.linearFit) ? undefined : rateAtHorizon(steps, context.horizonProbes, rateSite, context.optimizer)));
  if (horizon) rate.push(horizon);
  // Measured over the script's own plan (ratePlanReach.ts): it replaces a profiled-steps verdict that the plan outlasts.
  const reach = rate.some((f) => f.code === 'learning-rate-low' && f.severity !== 'info') ? undefined : planReachFinding(context.planReach ?? [], { plannedSteps: context.plannedSteps, rateSite, planSite: context.dataLocations?.call, slowExplained, ...(context.rateSchedule ? { schedule: context.rateSchedule } : {}) });
  if (reach) rate.splice(0, rate.length, ...rate.filter((f) => f.code !== 'learning-rate-low'), reach);
  // A summed loss is judged by the step it produces, so after every finding that says the steps overshoot.
  const overshoot = [...alarms, ...loss.findings, ...located, ...rate].find((f) => f.severity !== 'info' && OVERSHOOT.has(f.code))?.code ?? (nonFiniteOrigin ? 'non-finite' : undefined);
  data.push(
    ...lossFunctionFindings(context.outputs ?? [], context.compileLocation, {
      optimizer: context.optimizer,
      penalised: steps.some((s) => (s.regLoss ?? 0) > 0),
      fullBatch: context.batchesPerEpoch === 1,
      stepRows: context.stepRows,
      rate: { lossFalls: loss.lossFalls.falls === true, lossText: loss.lossFalls.text, overshoot },
      nanProne: data.some((f) => f.code === 'nan-prone-loss' && f.severity !== 'info'),
    }),
  );
  // Where a finding's data or loss was made, beside where it was consumed (core/originSites.ts).
  return withOriginSites(onChosenOptimizer([...located, ...loss.findings, ...data, ...(overReg ? [overReg] : []), ...rate], context.optimizerChosen), context);
}
