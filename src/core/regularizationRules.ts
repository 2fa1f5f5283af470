// over-regularization: weight decay whose gradient outweighs the data loss's over the profiled steps. A penalty that
// decides the step is what a regulariser does by design — it trades training error for validation error (Goodfellow,
// Bengio & Courville, Deep Learning §5.2 and ch. 7; d2l.ai §3.7's runs) — so where the program has rows it validates
// on, the verdict is theirs: the penalty is doing its job when the validation loss fell over the profiled steps and
// ended lower than the same steps without the penalties reach (runner/validationRows.ts). Thresholds, sources and
// measurements: docs/rules/over-regularization.md.
import type { Finding, LayerInfo } from './protocol';
import { formatNumber as fmt } from './format';
import { dataLoss, RULE_SEVERITY, type PenaltyProbe, type StepRecord } from './healthModel';
import { median } from './lrCurve';

/** Over-regularization: the penalties' ‖g‖ at least this multiple of the data loss's ‖g‖ (median over steps). */
export const PENALTY_DOMINANCE = 1;
/**
 * One validation loss is lower than another when it is at most (1 − this) of it — lower than where it started, lower
 * than without the penalties: the loss rules' own smallest improvement that counts (DEFAULT_THRESHOLDS.lossImprovement).
 * A tie is no evidence that the penalty helps.
 */
export const VALIDATION_GAIN = 0.01;

/** Three significant digits: two readings 1 % apart must not print alike. */
const fmt3 = (value: number) =>
  !Number.isFinite(value) || value === 0 ? fmt(value) : Math.abs(value) >= 1e-2 && Math.abs(value) < 1e3 ? String(Number(value.toPrecision(3))) : value.toExponential(2).replace('e+', 'e');

function penaltyShare(steps: readonly StepRecord[]) {
  return steps.map((record) => {
    let reg = 0;
    let data = 0;
    for (const layer of record.layers) {
      if (!Number.isFinite(layer.gradNorm)) continue;
      data += layer.gradNorm * layer.gradNorm;
      reg += (layer.regGradNorm ?? 0) ** 2;
    }
    return { reg: Math.sqrt(reg), data: Math.sqrt(data), penalty: record.regLoss ?? 0, loss: dataLoss(record) };
  });
}

/** The penalties' ‖g‖ over the data loss's at the median step and at the last: both ≥ PENALTY_DOMINANCE to dominate. */
function dominance(steps: readonly StepRecord[]): { typical: number; last: number } | undefined {
  const perStep = penaltyShare(steps);
  if (!perStep.length || perStep.every((s) => s.reg === 0)) return undefined;
  const ratios = perStep.map((s) => s.reg / Math.max(s.data, Number.MIN_VALUE));
  return { typical: median(ratios.filter(Number.isFinite)), last: ratios[ratios.length - 1] };
}

/** Whether the penalty decides the step: the runner then reads the validation rows without the penalties too. */
export function penaltyDominates(steps: readonly StepRecord[]): boolean {
  const d = dominance(steps);
  return Boolean(d && d.typical >= PENALTY_DOMINANCE && d.last >= PENALTY_DOMINANCE);
}

const ROWS_SAID: Record<PenaltyProbe['source'], string> = {
  validationData: "fit()'s validationData",
  validationSplit: "fit()'s validationSplit rows",
  'held-out rows': 'training rows the profiled steps did not train on',
};

/** What the validation rows say about the penalty: doing its job (info), or how it fails them; none without rows. */
function validationVerdict(probes: readonly PenaltyProbe[]): { doingItsJob: boolean; text: string } | undefined {
  const penalised = probes.find((p) => p.factor === 1 && p.losses.length >= 2);
  if (!penalised) return undefined;
  const without = probes.find((p) => p.factor === 0 && p.losses.length >= 2);
  const [start, end] = [penalised.losses[0], penalised.losses[penalised.losses.length - 1]];
  const bare = without?.losses[without.losses.length - 1];
  const falls = Number.isFinite(end) && end <= (1 - VALIDATION_GAIN) * start;
  const helps = bare !== undefined && Number.isFinite(bare) && end <= (1 - VALIDATION_GAIN) * bare;
  const where = `on ${penalised.rows} rows of ${ROWS_SAID[penalised.source]}`;
  const counterfactual = bare !== undefined ? `, where the same ${penalised.steps} steps without the penalties reach ${fmt3(bare)}` : '';
  const steps = penalised.fresh ? `${penalised.steps} steps on fresh batches of the script's rows` : `the ${penalised.steps} profiled steps`;
  return {
    doingItsJob: falls && helps,
    text: `The validation loss ${where} went ${fmt3(start)} → ${fmt3(end)} over ${steps}${counterfactual}`,
  };
}

/** Weight decay whose gradient outweighs the data loss's over the profiled steps: training mostly shrinks the weights. */
export function overRegularization(layers: readonly LayerInfo[], steps: readonly StepRecord[], probes: readonly PenaltyProbe[] = []): Finding | undefined {
  const d = dominance(steps);
  if (!d || !(d.typical >= PENALTY_DOMINANCE && d.last >= PENALTY_DOMINANCE)) return undefined;
  const perStep = penaltyShare(steps);
  const first = perStep[0];
  const end = perStep[perStep.length - 1];
  // The regularized layer where the penalty's share is largest (a one-layer model's own kernel too, where the bias's
  // data gradient keeps the layer's ratio under 1), and every other layer where the penalty outweighs the data gradient.
  const info = new Map(layers.map((l) => [l.name, l]));
  const ranked = steps[0].layers
    .filter((l) => l.regGradNorm !== undefined && l.regGradNorm > 0 && info.has(l.name))
    .map((l) => ({ layer: info.get(l.name)!, ratio: l.regGradNorm! / Math.max(l.gradNorm, Number.MIN_VALUE) }))
    .sort((a, b) => b.ratio - a.ratio);
  const hit = ranked.filter((h, i) => i === 0 || h.ratio >= PENALTY_DOMINANCE);
  const [worst, ...rest] = hit;
  const ratio = `the regularization penalties' gradient is ${fmt(d.typical)}× the data loss's (‖g‖ ${fmt(first.reg)} vs ${fmt(first.data)} at step 0; median over ${perStep.length} steps)`;
  const worstText = worst ? ` (largest share: ${worst.layer.name}${worst.layer.location ? ` at line ${worst.layer.location.line}` : ''}, ${fmt(worst.ratio)}× at step 0${rest.length ? `, and ${rest.length} more layer${rest.length === 1 ? '' : 's'} above 1×` : ''})` : '';
  const penaltyText = `The penalty is ${fmt(first.penalty)} against a data loss of ${fmt(first.loss)} at step 0 (${fmt(end.penalty)} vs ${fmt(end.loss)} at step ${steps[steps.length - 1].step}).`;
  const validation = validationVerdict(probes);
  const message = validation?.doingItsJob
    ? `Weight decay decides the step, and the validation rows say it is doing its job: ${ratio}${worstText}. ${penaltyText} ${validation.text}: ` +
      'the penalty trades training loss for validation loss, as a regulariser should. No action needed; if the training loss must fall further, lower the factor and watch the validation loss.'
    : `Weight decay overpowers the data: ${ratio}, so each step mostly shrinks the weights${worstText}. ${penaltyText} ` +
      (validation
        ? `${validation.text}: the penalty does not buy a lower validation loss. `
        : 'No validation readings to judge it by (fit() has no validationData or validationSplit and no rows beyond the profiled batch, or the profile stopped before reading them): judged on the gradients alone. ') +
      "Lower the regularization factor (L2 of 1e-4–1e-5 is common) until the data loss's gradient dominates.";
  return {
    code: 'over-regularization',
    severity: validation?.doingItsJob ? 'info' : RULE_SEVERITY['over-regularization'],
    step: 0,
    layer: worst?.layer.name,
    location: worst?.layer.location,
    message,
    related: rest.length ? rest.map((h) => ({ layer: h.layer.name, location: h.layer.location, message: `penalty ‖g‖ ${fmt(h.ratio)}× the data loss's at step 0` })) : undefined,
  };
}
