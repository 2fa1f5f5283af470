// overfitting, judged on a watched run's epochs: the training loss (fit()'s epoch log `loss`) against the loss on the
// rows the script validates on (`val_loss`: fit()'s validationData / validationSplit, fitDataset's validationData).
// Two forms, each with its source (docs/rules/overfitting.md):
// - passed its minimum: Prechelt's generalisation loss GL(t) = 100·(E_va(t)/min_{t'≤t} E_va(t') − 1) above α = 5 (his
//   GL_5) on the validation curve smoothed by running medians of 3 (Tukey), at `persistEpochs` epochs in a row (as his UP_s asks a rise to persist over s strips), the rise above the
//   validation loss's own epoch-to-epoch noise, and the training loss still lower than at the best epoch — the gap
//   widening while training improves (his progress quotient's point: a generalisation loss while training no longer
//   progresses is no overfitting; a validation loss that rises with the training loss is instability, not this);
// - never carried over: the training loss fell by a decade or more while the validation loss never fell below its first
//   epoch's reading by more than α (d2l §3.7's "decreasing the training error but not the validation error — a
//   textbook case of overfitting"; Goodfellow et al. §5.2: the gap between training and test error).
// Nothing is judged until the training loss has fallen (a flat start has no gap to speak of). Without validation rows
// the run says once, as information, that overfitting cannot be judged.
import type { Finding, LayerInfo } from './protocol';
import type { WatchEpoch } from './watchProtocol';
import { formatNumber as fmt } from './format';
import { NOISE_DIFFERENCE } from './lossCurveRules';
import { median } from './lrCurve';

export const OVERFITTING = {
  /** Prechelt's GL_α in percent: the validation loss this far above its lowest so far (he measured α = 1…5; 5 the slowest, least often premature). */
  alpha: 5,
  /** Epochs in a row GL must stay above α (one odd epoch is not a trend; Prechelt's UP_s uses s strips). */
  persistEpochs: 3,
  /** The "never carried over" form: the training loss fell to at most this share of its first epoch's (a decade). */
  trainFall: 0.1,
  /** Epochs with a validation loss before anything is judged. */
  minEpochs: 4,
};

interface Reading {
  epoch: number;
  step: number;
  train: number;
  val: number;
}

const epochWord = (n: number) => `${n} epoch${n === 1 ? '' : 's'}`;

export class OverfittingWatch {
  private readonly readings: Reading[] = [];
  private epochsSeen = 0;
  private lastStep = 0;
  private reported = false;
  /** Where the finding points: the layer with the most weights, where weight decay or dropout acts most. */
  private readonly layer: LayerInfo | undefined;

  constructor(layers: readonly LayerInfo[]) {
    const size = (l: LayerInfo) => l.weights.filter((w) => w.trainable).reduce((s, w) => s + w.shape.reduce((p, d) => p * d, 1), 0);
    this.layer = [...layers].filter((l) => size(l) > 0).sort((a, b) => size(b) - size(a))[0];
  }

  /** One epoch's logs; the passed-its-minimum form is judged as the epochs arrive (as Prechelt's stopping criteria are). */
  observe(epoch: WatchEpoch): Finding[] {
    this.epochsSeen++;
    this.lastStep = epoch.step;
    const train = epoch.logs.loss;
    const val = epoch.logs.val_loss;
    if (!Number.isFinite(train) || !Number.isFinite(val)) return [];
    this.readings.push({ epoch: epoch.epoch, step: epoch.step, train, val });
    if (this.reported) return [];
    const finding = this.passedMinimum();
    if (finding) this.reported = true;
    return finding ? [finding] : [];
  }

  /** At the end of a run that neither diverged nor turned NaN: the never-carried-over form, or why nothing could be judged. */
  atEnd(): Finding[] {
    if (this.reported) return [];
    if (this.readings.length === 0) {
      if (this.epochsSeen < 2) return [];
      return [
        {
          code: 'overfitting',
          severity: 'info',
          step: this.lastStep,
          message: `Overfitting cannot be judged: the ${epochWord(this.epochsSeen)} recorded report no validation loss (val_loss). Pass validationData or validationSplit to fit() (fitDataset: validationData) and Watch compares the training loss with the loss on rows the model does not train on.`,
        },
      ];
    }
    const finding = this.neverCarriedOver();
    return finding ? [finding] : [];
  }

  /**
   * σ of one epoch's validation loss, from the median of its second differences (Gasser, Sroka & Jennen-Steinmetz,
   * Biometrika 73, 1986: pseudo-residuals of three neighbouring readings; x(t−1) − 2x(t) + x(t+1) has spread σ·√6 and,
   * for normal noise, median |·| 0.6745·σ·√6). Unlike first differences, a steady trend — the very rise being judged —
   * does not count as noise; a median, not a mean square, so a few jumps do not widen it.
   */
  private valNoise(): number {
    const v = this.readings.map((x) => x.val);
    const curvature = v.slice(2).map((x, i) => Math.abs(x - 2 * v[i + 1] + v[i]));
    return curvature.length ? median(curvature) / (0.6745 * Math.sqrt(6)) : 0;
  }

  /**
   * The validation curve smoothed by running medians of 3 (Tukey, Exploratory Data Analysis 1977, ch. 7): one epoch's
   * spike — up or down — is gone, a rise that lasts stays. Prechelt's GL divides by the lowest reading so far, and the
   * lowest of noisy readings sits below the curve: a single low epoch would read as a generalisation loss after it.
   * Point i (of epochs i−1, i, i+1) exists once epoch i+1 is in.
   */
  private smoothedVal(): { at: number; val: number }[] {
    const v = this.readings.map((x) => x.val);
    return v.slice(1, -1).map((x, i) => ({ at: i + 1, val: median([v[i], x, v[i + 2]]) }));
  }

  private passedMinimum(): Finding | undefined {
    const r = this.readings;
    if (r.length < OVERFITTING.minEpochs) return undefined;
    const latest = r[r.length - 1];
    if (!(latest.train < r[0].train)) return undefined; // the training loss has not fallen: nothing to judge yet
    const smooth = this.smoothedVal();
    const bestIndex = smooth.reduce((b, x, i) => (x.val < smooth[b].val ? i : b), 0);
    const best = smooth[bestIndex];
    if (smooth.length - 1 - bestIndex < OVERFITTING.persistEpochs) return undefined;
    const gl = (val: number) => 100 * (val / best.val - 1);
    if (!smooth.slice(-OVERFITTING.persistEpochs).every((x) => gl(x.val) > OVERFITTING.alpha)) return undefined;
    const now = smooth[smooth.length - 1];
    // The rise against the validation loss's own wobble (a difference of two readings: NOISE_DIFFERENCE standard errors
    // of one raw reading — a median of 3 varies less, so the bar is on the safe side).
    const bar = NOISE_DIFFERENCE * Math.SQRT2 * this.valNoise();
    if (now.val - best.val <= bar) return undefined;
    // The gap widened while training still improved; a validation loss rising with the training loss is not this.
    const bestEpoch = r[best.at];
    if (!(latest.train < bestEpoch.train)) return undefined;
    return this.finding(
      bestEpoch.step,
      `Overfitting from epoch ${bestEpoch.epoch + 1}: the validation loss (running median of 3 epochs) passed its lowest ${fmt(best.val)} at epoch ${bestEpoch.epoch + 1} (step ${bestEpoch.step}) and rose to ${fmt(now.val)} by epoch ${r[now.at].epoch + 1} ` +
        `(${Math.round(gl(now.val))} % above it; Prechelt's generalisation loss GL > ${OVERFITTING.alpha} % for ${epochWord(OVERFITTING.persistEpochs)} in a row, the rise beyond the epochs' wobble of ±${fmt(this.valNoise())}), ` +
        `while the training loss kept falling, ${fmt(bestEpoch.train)} → ${fmt(latest.train)}: the gap between them widens.`,
      `stop near epoch ${bestEpoch.epoch + 1} (tf.callbacks.earlyStopping({monitor: 'val_loss', patience: ${OVERFITTING.persistEpochs + 1}}) in fit()'s callbacks)`,
    );
  }

  private neverCarriedOver(): Finding | undefined {
    const r = this.readings;
    if (r.length < OVERFITTING.minEpochs) return undefined;
    const first = r[0];
    const last = r[r.length - 1];
    if (!(last.train <= OVERFITTING.trainFall * first.train)) return undefined;
    const lowest = Math.min(...r.map((x) => x.val));
    // Any reading more than Prechelt's α below the first is a fall: training carried over. Noise only makes the lowest
    // reading lower, so noisy curves count as falling (this form says nothing it cannot see).
    if (first.val - lowest > (OVERFITTING.alpha / 100) * first.val) return undefined;
    return this.finding(
      last.step,
      `Overfitting: over ${epochWord(r.length)} the training loss fell ${fmt(first.train)} → ${fmt(last.train)} (×${fmt(first.train / Math.max(last.train, Number.MIN_VALUE))} lower) while the validation loss never fell below its first epoch's ${fmt(first.val)} by more than ${OVERFITTING.alpha} % (lowest ${fmt(lowest)}, last ${fmt(last.val)}): what the model learns fits its training rows only.`,
      'stop early (tf.callbacks.earlyStopping on val_loss in fit()\'s callbacks), or get more training rows',
    );
  }

  private finding(step: number, evidence: string, stop: string): Finding {
    const where = this.layer ? `, e.g. on ${this.layer.name} (the layer with the most weights)` : '';
    return {
      code: 'overfitting',
      severity: 'warning',
      step,
      layer: this.layer?.name,
      location: this.layer?.location,
      message: `${evidence} Regularize — weight decay (kernelRegularizer: tf.regularizers.l2(…)) or dropout${where} — or ${stop}.`,
    };
  }
}
