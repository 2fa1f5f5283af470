// Findings over a whole watched run, judged online step by step (the runner keeps only O(layers) state):
// loss diverging, vanishing / exploding gradients and dead ReLU units, each reported once with the step
// it began; at the end of the run the loss curve as a whole (oscillating, not decreasing: the profile's rules). A condition must hold for WATCH_RULES.persistSteps steps in a row before it is reported, so
// one odd batch raises nothing. The thresholds are the profile's (core/health.ts DEFAULT_THRESHOLDS);
// NaN/Inf is located by the runner (it needs the batch) and handed in through nonFinite().
import type { Finding, LayerInfo, SourceLocation, Thresholds } from './protocol';
import type { NonFinitePhase, WatchEpoch, WatchSample, WatchStep, WatchValidation } from './watchProtocol';
import { DEFAULT_THRESHOLDS } from './health';
import { RULE_SEVERITY } from './healthModel';
import { HARD_ZERO } from './activations';
import { formatNumber as fmt } from './format';
import { RunLossCurve } from './lossCurve';
import { NOISE_DIFFERENCE, notDecreasingFinding, oscillationFinding } from './lossCurveRules';
import { median } from './lrCurve';
import { OverfittingWatch } from './overfittingRule';
import { EndLevel, withPlanEnd, type NoInputLoss } from './planEndRule';

/** The normal's two-sided 99 % point: a difference of two values beyond this many of its standard errors is not noise. */
const NOISE_STEP_BAR = 2.58;

export const WATCH_RULES = {
  /** Steps a condition must hold in a row before it is a finding (a single odd batch is not). */
  persistSteps: 10,
  /** Samples in a row with ‖g‖/‖w‖ above the exploding ratio (samples are `every` steps apart). */
  persistSamples: 2,
  /** Loss smoothing: exponential moving average with this weight on the past (the LR finder's β). */
  smoothing: 0.9,
  /** Diverging: the smoothed loss at or above this multiple of its lowest value so far … */
  divergenceFactor: 2,
  /** … and above it by at least this fraction of the first loss (a loss near 0 doubling is noise). */
  divergenceMinRise: 0.05,
  /** The climb began after the last step whose loss was within this factor of the lowest smoothed loss. */
  nearMinimum: 1.1,
  /** Successive loss differences the divergence rule's noise estimate reads (the most recent ones). */
  noiseSteps: 200,
  /** Dead ReLU at or above this share of dead units is a warning; below (down to deadShare) info. */
  severeDead: 0.95,
};

interface Streak {
  /** First step of the current run of steps where the condition held. */
  since: number;
  length: number;
  reported: boolean;
}

type LayerCode = 'vanishing' | 'exploding' | 'dead-relu';

export class WatchRules {
  private readonly t: Thresholds;
  private readonly info: Map<string, LayerInfo>;
  private readonly streaks = new Map<string, Streak>();
  private smoothed: number | undefined;
  private firstLoss: number | undefined;
  private lowest = Infinity;
  private lastNearLowest = 0;
  private divergence: Streak | undefined;
  /** A climb that persisted but stays below the first loss: reported only if the run ends with it standing. */
  private pendingClimb: { began: number; finding: Finding } | undefined;
  private diverged = false;
  /** Layer findings reported so far: a loss that climbs from the step one began is explained by it. */
  private readonly onsets: { code: LayerCode; layer: string; step: number }[] = [];
  /** The deepest ReLU layer reported dead: it explains zero gradients below it. */
  private deadCause: string | undefined;
  private readonly layerOrder: Map<string, number>;
  /** After the first NaN/Inf the weights are garbage: nothing later is evidence. */
  private broken = false;
  /**
   * Exploding findings confirmed while the loss was falling: the profile's rule (docs/rules/exploding.md) makes
   * them an error only if the loss does not fall steadily, so they are judged over the whole run — released as
   * errors the moment the loss diverges or turns NaN, else at the end: info if the run's loss fell.
   */
  private heldExploding: Finding[] = [];

  /** The last WATCH_RULES.noiseSteps successive differences of the loss (a ring), for the divergence rule's noise bar. */
  private readonly jumps: number[] = [];
  private jumpCount = 0;
  private previousLoss: number | undefined;

  /** The whole run's loss curve, judged when the run ends (atEnd). */
  private readonly curve = new RunLossCurve();
  /** Training vs validation loss per epoch (core/overfittingRule.ts). */
  private readonly overfitting: OverfittingWatch;
  /** Where the training loss ended, against the no-input loss when the plan ran to its end (core/planEndRule.ts). */
  private readonly endLevel = new EndLevel();
  private noInput: NoInputLoss | undefined;
  private stepsSeen = 0;

  /**
   * `sites`: where a NaN/Inf that no layer owns is located — the compile() call that chose the loss (a loss or
   * backward origin) and the line that made the inputs (a batch that holds NaN itself); findings about the loss
   * curve go where the learning rate is set (`rate`: the optimizer's creation, else compile()).
   */
  constructor(layers: readonly LayerInfo[], thresholds: Partial<Thresholds> = {}, private readonly sites: { loss?: SourceLocation; inputs?: SourceLocation; rate?: SourceLocation } = {}) {
    this.t = { ...DEFAULT_THRESHOLDS, ...thresholds };
    this.info = new Map(layers.map((l) => [l.name, l]));
    this.layerOrder = new Map(layers.map((l, i) => [l.name, i]));
    this.overfitting = new OverfittingWatch(layers);
  }

  /** One epoch's logs (loss, val_loss when the script validates): overfitting, judged as the epochs arrive. */
  observeEpoch(epoch: WatchEpoch): Finding[] {
    if (this.broken || this.diverged) return [];
    return this.overfitting.observe(epoch);
  }

  /** The script's own evaluate() on held-out rows (core/overfittingRule.ts): overfitting, judged as the readings arrive. */
  observeValidation(reading: WatchValidation): Finding[] {
    if (this.broken || this.diverged) return [];
    return this.overfitting.observeValidation(reading);
  }

  /** The training rows' no-input loss (runner: fit()'s labels under the compiled loss), for the plan-end verdict. */
  setNoInputLoss(noInput: NoInputLoss | undefined): void {
    this.noInput = noInput;
  }

  get stopped(): boolean {
    return this.broken;
  }

  /** The first NaN/Inf, as the runner located it; later ones are not reported. */
  nonFinite(step: number, layer: string | undefined, phase: NonFinitePhase, detail: string): Finding[] {
    if (this.broken) return [];
    this.broken = true;
    const where = layer ? ` in layer ${layer}` : '';
    const what = {
      forward: `its output (forward pass) turned NaN/Inf`,
      backward: `its gradient (backward pass) turned NaN/Inf while the forward pass and the loss were finite`,
      weights: `its weights were already NaN/Inf`,
      loss: `the loss turned NaN/Inf while every layer's output was finite`,
    }[phase];
    return [
      ...this.releaseHeld(),
      {
        code: 'non-finite',
        severity: RULE_SEVERITY['non-finite'],
        layer,
        location: layer ? this.info.get(layer)?.location : phase === 'forward' ? this.sites.inputs : this.sites.loss,
        step,
        phase,
        message: `First NaN/Inf at step ${step}${where}: ${what}. ${detail}`.trim(),
      },
    ];
  }

  observe(step: WatchStep): Finding[] {
    if (this.broken) return [];
    this.curve.add(step.step, step.loss, step.epoch);
    this.endLevel.add(step.epoch, step.loss);
    this.stepsSeen++;
    // Layer findings first: the loss rule names one that began with the climb as its likely cause.
    const layers = this.layerRules(step);
    const loss = this.lossRule(step);
    return [...(this.diverged ? this.releaseHeld() : []), ...loss, ...layers];
  }

  /** Whether the smoothed loss is below the run's first loss: exploding updates that still train are held. */
  private lossFalling(): boolean {
    return this.smoothed !== undefined && this.firstLoss !== undefined && this.smoothed < this.firstLoss;
  }

  private holdOrReport(finding: Finding): Finding[] {
    if (finding.code !== 'exploding' || !this.lossFalling()) return [finding];
    this.heldExploding.push(finding);
    return [];
  }

  /** Held exploding findings as errors: the loss diverged or turned NaN after all. */
  private releaseHeld(): Finding[] {
    const held = this.heldExploding;
    this.heldExploding = [];
    return held;
  }

  /**
   * At the end of the run, however it ended (its own end, Stop, maxSteps, the time limit): the profile's
   * loss-curve rules (core/lossCurveRules.ts) on the whole curve — oscillating, else stuck, rising or slow,
   * weighed against the script's planned steps. Nothing after a NaN/Inf or a divergence (already reported).
   * `orderRepeats`: every epoch trains on the same batches in the same order (fit() without shuffling).
   * `ownEnd`: the script's training ended by itself (not Stop, a step bound or a time limit): only then is the plan's
   * end judged against the no-input loss (core/planEndRule.ts).
   */
  atEnd(plannedSteps: number | undefined, sameBatch: boolean, orderRepeats = false, ownEnd = false): Finding[] {
    if (this.broken || this.diverged) return [];
    if (this.pendingClimb) {
      // The climb stood to the end of the run: the loss diverged and never came back (the LR finder's
      // "stays above 2× its running minimum to the end").
      this.diverged = true;
      return [...this.releaseHeld(), this.pendingClimb.finding];
    }
    return [...this.judgeHeld(), ...withPlanEnd(this.curveFindings(plannedSteps, sameBatch, orderRepeats), ownEnd, this.endLevel.level(), this.noInput, this.stepsSeen, this.sites.rate), ...this.overfitting.atEnd()];
  }

  /** At the end of a run that neither diverged nor turned NaN: held exploding findings are info if the loss fell. */
  private judgeHeld(): Finding[] {
    const fell = this.lossFalling();
    return this.releaseHeld().map((f) =>
      fell
        ? { ...f, severity: 'info' as const, message: `${f.message} But the loss fell from ${fmt(this.firstLoss!)} to ${fmt(this.smoothed!)} (smoothed) over the run without diverging: large but stable updates, no action needed.` }
        : f,
    );
  }

  private curveFindings(plannedSteps: number | undefined, sameBatch: boolean, orderRepeats: boolean): Finding[] {
    const curve = this.curve.curve(plannedSteps, sameBatch, orderRepeats);
    if (!curve) return [];
    const oscillation = oscillationFinding(curve, this.t, this.sites.rate);
    if (oscillation) return [oscillation];
    const { finding } = notDecreasingFinding(curve, this.t, this.sites.rate);
    return finding ? [finding] : [];
  }

  /** ‖g‖/‖w‖ at a sample: exploding when above explodingRatio at persistSamples samples in a row. */
  observeSample(sample: WatchSample): Finding[] {
    if (this.broken) return [];
    const findings: Finding[] = [];
    for (const layer of sample.layers) {
      const key = `ratio:${layer.name}`;
      const holds = layer.ratio > this.t.explodingRatio && Number.isFinite(layer.ratio);
      const streak = this.advance(key, holds, sample.step);
      if (streak && streak.length >= WATCH_RULES.persistSamples && !streak.reported && !this.streaks.get(`exploding:${layer.name}`)?.reported) {
        streak.reported = true;
        findings.push(...this.holdOrReport(this.layerFinding('exploding', layer.name, streak.since, `‖g‖/‖w‖ = ${fmt(layer.ratio)} at step ${sample.step} (above ${fmt(this.t.explodingRatio)} at ${streak.length} samples in a row since step ${streak.since}): one update changes the weights by more than their own size.`)));
      }
    }
    return findings;
  }

  private advance(key: string, holds: boolean, step: number): Streak | undefined {
    let streak = this.streaks.get(key);
    if (!holds) {
      // A reported condition keeps its record (reported once per run); an unreported one starts over.
      if (streak && !streak.reported) this.streaks.delete(key);
      else if (streak) streak.length = 0;
      return undefined;
    }
    if (!streak) this.streaks.set(key, (streak = { since: step, length: 0, reported: false }));
    if (streak.length === 0 && !streak.reported) streak.since = step;
    streak.length++;
    return streak;
  }

  private lossRule(step: WatchStep): Finding[] {
    if (!Number.isFinite(step.loss) || this.diverged) return [];
    const beta = WATCH_RULES.smoothing;
    this.smoothed = this.smoothed === undefined ? step.loss : beta * this.smoothed + (1 - beta) * step.loss;
    this.firstLoss ??= step.loss;
    const s = this.smoothed;
    if (s < this.lowest) this.lowest = s;
    // The raw loss, not the smoothed one: the moving average lags the climb by a few steps.
    if (step.loss <= WATCH_RULES.nearMinimum * this.lowest) this.lastNearLowest = step.step;
    // A climb the batches' sampling noise explains is no climb (an EWMA control chart's limit: Roberts, Technometrics 1,
    // 1959; Hunter, J. Quality Technology 18, 1986): the smoothed loss of independent draws of spread σ has standard
    // error σ·√((1−β)/(1+β)), and the first loss is one draw. With batches of one example (mlcc-synthetic-batch1:
    // per-step losses 3…1,000) an easy first example and the next hard ones read as a climb past the start otherwise.
    this.recordJump(step.loss);
    const doubled = s >= WATCH_RULES.divergenceFactor * this.lowest;
    // The noise bar (a median of the recent jumps) is read only where a climb is in question, not on every step.
    const sigma = doubled ? this.stepNoise() : 0;
    const smoothedError = sigma * Math.sqrt((1 - beta) / (1 + beta));
    const holds = doubled && s - this.lowest >= Math.max(WATCH_RULES.divergenceMinRise * Math.abs(this.firstLoss), NOISE_DIFFERENCE * smoothedError);
    if (!holds) {
      // Back below 2× its lowest: a bump that training recovered from, not a divergence.
      this.divergence = undefined;
      this.pendingClimb = undefined;
      return [];
    }
    this.divergence ??= { since: step.step, length: 0, reported: false };
    this.divergence.length++;
    if (this.divergence.length < WATCH_RULES.persistSteps) return [];
    // Above the loss the run started from, every bit of learning is undone: diverging beyond doubt, said now.
    // Below it, a climb may still pass (a hard batch order, Adam's early steps after a plateau): it is held
    // and reported only if it stands at the end of the run (atEnd), or climbs past the first loss.
    const pastStart = s - this.firstLoss >= NOISE_STEP_BAR * Math.hypot(sigma, smoothedError);
    if (!pastStart && this.pendingClimb) return [];
    // The climb began right after the last step near the lowest loss (the streak only starts once it doubled).
    const began = Math.min(this.lastNearLowest + 1, this.divergence.since);
    // A dead layer explains the vanishing below it: name the root first.
    const priority: LayerCode[] = ['dead-relu', 'exploding', 'vanishing'];
    const with_ = this.onsets.filter((o) => Math.abs(o.step - began) <= 2).sort((a, b) => priority.indexOf(a.code) - priority.indexOf(b.code))[0];
    const cause = with_
      ? `It began with the ${with_.code} finding in ${with_.layer} (from step ${with_.step}): that is the likely cause.`
      : 'A learning rate too high for this point of training (a schedule or a change at that step) is the usual cause: lower it, or clip gradients.';
    const finding: Finding = {
      code: 'loss-diverging',
      severity: RULE_SEVERITY['loss-diverging'],
      step: began,
      // Where the fix goes: the layer whose finding began with the climb, else the line that sets the learning rate
      // (as the loss-curve findings; the profile's loss-diverging too).
      location: with_ ? this.info.get(with_.layer)?.location : this.sites.rate,
      ...(with_ ? { layer: with_.layer } : {}),
      message: pastStart
        ? `The loss began to climb at step ${began}: smoothed, it went from its lowest ${fmt(this.lowest)} to ${fmt(s)} at step ${step.step}, above the ${fmt(this.firstLoss)} the run started from. ${cause}`
        : `The loss began to climb at step ${began}: smoothed, it went from its lowest ${fmt(this.lowest)} to ${fmt(s)} at step ${step.step} and stayed above ${WATCH_RULES.divergenceFactor}× its lowest to the end of the run. ${cause}`,
    };
    if (!pastStart) {
      this.pendingClimb = { began, finding };
      return [];
    }
    this.diverged = true;
    this.pendingClimb = undefined;
    return [finding];
  }

  /**
   * σ of one step's loss from the median of the recent successive differences (for normal noise |Δ| has median
   * 0.6745·σ·√2): robust where von Neumann's mean square is not — a few huge jumps, the very climb being judged
   * (dc-regrNN-high-lr: 0.07 → 82 → 0.4 in three steps under Adam 0.1), must not widen the noise bar that hides them
   * (the median absolute deviation's breakdown point: Rousseeuw & Croux, JASA 88, 1993).
   */
  private stepNoise(): number {
    return this.jumps.length ? median(this.jumps) / (0.6745 * Math.SQRT2) : 0;
  }

  /** Keeps the last WATCH_RULES.noiseSteps successive differences of the loss (a ring) for stepNoise. */
  private recordJump(loss: number): void {
    if (this.previousLoss !== undefined) {
      this.jumps[this.jumpCount % WATCH_RULES.noiseSteps] = Math.abs(loss - this.previousLoss);
      this.jumpCount++;
    }
    this.previousLoss = loss;
  }

  private layerRules(step: WatchStep): Finding[] {
    const t = this.t;
    const finite = step.layers.map((l) => l.gradNorm).filter(Number.isFinite);
    const largest = finite.length ? Math.max(...finite) : NaN;
    const confirmed = new Map<LayerCode, { name: string; since: number; evidence: string }[]>();
    const confirm = (code: LayerCode, name: string, since: number, evidence: string) => {
      const list = confirmed.get(code) ?? [];
      list.push({ name, since, evidence });
      confirmed.set(code, list);
    };
    for (const layer of step.layers) {
      const g = layer.gradNorm;
      if (!Number.isFinite(g)) continue;
      const checks: [LayerCode, boolean, () => string][] = [
        ['vanishing', g < t.vanishingAbsolute && g < t.vanishingRelative * largest, () => `‖g‖ ${fmt(g)} at step ${step.step}, ${fmt(g / largest)} of the largest layer's (${fmt(largest)})`],
        ['exploding', g >= t.explodingNorm, () => `‖g‖ ${fmt(g)} at step ${step.step} (at or above ${fmt(t.explodingNorm)})`],
        ['dead-relu', layer.deadShare !== undefined && layer.deadShare >= t.deadShare && HARD_ZERO.has(this.info.get(layer.name)?.activation), () => `${Math.round(layer.deadShare! * 100)} % of its units had no gradient on every batch since then`],
      ];
      for (const [code, holds, evidence] of checks) {
        const streak = this.advance(`${code}:${layer.name}`, holds, step.step);
        if (streak && streak.length >= WATCH_RULES.persistSteps && !streak.reported) {
          streak.reported = true;
          confirm(code, layer.name, streak.since, evidence());
        }
      }
    }
    const findings: Finding[] = [];
    // A ReLU layer whose units all went dead passes no gradient down: the layers below then read as
    // "dead" (their kernel gradients are zero too) and vanishing. The deepest dead layer is the cause.
    const dead = confirmed.get('dead-relu');
    if (dead) {
      dead.sort((a, b) => this.order(b.name) - this.order(a.name));
      this.deadCause ??= dead[0].name;
    }
    for (const [code, layers] of confirmed) {
      // Layers confirmed together share one finding: the earliest-starting first (for dead units the
      // deepest), the others related.
      if (code !== 'dead-relu') layers.sort((a, b) => a.since - b.since);
      const [first, ...others] = layers;
      const finding = this.layerFinding(code, first.name, first.since, `${first.evidence}.`, step);
      if (others.length) {
        finding.related = others.map((o) => ({
          layer: o.name,
          location: this.info.get(o.name)?.location,
          message: code === 'dead-relu' && this.order(o.name) < this.order(first.name) ? `from step ${o.since}: no gradient reaches it through ${first.name}, so its units read as dead too` : `from step ${o.since}: ${o.evidence}`,
        }));
      }
      const cause = this.deadCause;
      if (code === 'vanishing' && cause && layers.every((l) => this.order(l.name) <= this.order(cause))) {
        finding.cause = { layer: cause, location: this.info.get(cause)?.location, message: `its ReLU units are dead: no gradient passes through ${cause} to the layers below it` };
        finding.message += ` The cause: ${cause}'s ReLU units went dead, so no gradient passes through it to the layers below.`;
      }
      this.onsets.push({ code, layer: first.name, step: first.since });
      findings.push(...this.holdOrReport(finding));
    }
    return findings;
  }

  /** Position of a layer in the model (input side first). */
  private order(name: string): number {
    return this.layerOrder.get(name) ?? -1;
  }

  private layerFinding(code: LayerCode, layer: string, since: number, evidence: string, step?: WatchStep): Finding {
    const what = {
      vanishing: 'Vanishing gradient',
      exploding: 'Exploding gradient',
      'dead-relu': 'Dead ReLU units',
    }[code];
    const dead = code === 'dead-relu' ? (step?.layers.find((l) => l.name === layer)?.deadShare ?? 1) : 1;
    const severity = code === 'dead-relu' && dead < WATCH_RULES.severeDead ? 'info' : RULE_SEVERITY[code];
    const later = since > 0 ? ` It began at step ${since}, after training had started${step ? ` (epoch ${step.epoch} by the time it persisted)` : ''}.` : ' It held from the first step.';
    return { code, severity, layer, location: this.info.get(layer)?.location, step: since, message: `${what} in ${layer} from step ${since}: ${evidence}${later}` };
  }
}
