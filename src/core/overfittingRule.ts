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
// The validation loss is read wherever the script computes it: fit()/fitDataset()'s `val_loss` (validationData,
// validationSplit), else the script's own model.evaluate()/evaluateDataset() on rows it does not train on (a loop of
// fit({epochs: 1}) + evaluate(), a callback's test pass, a trainOnBatch loop) — each such reading paired with the mean
// training loss of the steps since that data's previous reading, as fit()'s epoch `loss` is its batches' mean.
import type { Finding, LayerInfo } from './protocol';
import type { ValidationSource, WatchEpoch, WatchValidation } from './watchProtocol';
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
  /** The epoch (fit's val_loss) or the reading's ordinal (evaluate), from 0. */
  epoch: number;
  step: number;
  train: number;
  val: number;
}

/** One source of validation readings: fit()'s val_loss, or evaluate() on one held-out data set. */
interface Series {
  source: ValidationSource;
  readings: Reading[];
  /** Where the script calls evaluate() (absent for fit's val_loss). */
  where?: string;
  rows?: number;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const epochWord = (n: number) => plural(n, 'epoch');
const baseName = (file: string) => file.split(/[\\/]/).pop() ?? file;

/** How the panel and the findings name a validation source, e.g. "model.evaluate() at train.js:42 (200 rows)". */
export function validationSourceText(source: ValidationSource, at?: { file?: string; line?: number }, rows?: number): string {
  if (source === 'fit') return "fit()'s val_loss";
  const where = at?.file && at.line ? ` at ${baseName(at.file)}:${at.line}` : '';
  return `model.${source}()${where}${rows ? ` (${rows} rows)` : ''}`;
}

export class OverfittingWatch {
  private readonly fit: Series = { source: 'fit', readings: [] };
  /** evaluate() readings by held-out data set (a script may evaluate a validation and a test set). */
  private readonly evaluated = new Map<string, Series>();
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
    this.lastStep = Math.max(this.lastStep, epoch.step);
    const train = epoch.logs.loss;
    const val = epoch.logs.val_loss;
    if (!Number.isFinite(train) || !Number.isFinite(val)) return [];
    this.fit.readings.push({ epoch: epoch.epoch, step: epoch.step, train, val });
    return this.judge();
  }

  /** One model.evaluate()/evaluateDataset() reading on held-out rows (the runner pairs it with the training loss). */
  observeValidation(reading: WatchValidation): Finding[] {
    this.lastStep = Math.max(this.lastStep, reading.step);
    if (!Number.isFinite(reading.loss) || !Number.isFinite(reading.trainLoss)) return [];
    let series = this.evaluated.get(reading.key);
    if (!series) {
      series = { source: reading.source, readings: [], where: validationSourceText(reading.source, reading, reading.rows), rows: reading.rows };
      this.evaluated.set(reading.key, series);
    }
    series.readings.push({ epoch: series.readings.length, step: reading.step, train: reading.trainLoss, val: reading.loss });
    return this.judge();
  }

  /**
   * The validation the rule follows: fit()'s val_loss when the run has it (the framework's own split), else the
   * held-out set the script evaluated most often (the first such on a tie: typically the validation set, with a
   * test set evaluated once at the end).
   */
  private get series(): Series {
    if (this.fit.readings.length) return this.fit;
    let best: Series | undefined;
    for (const s of this.evaluated.values()) if (!best || s.readings.length > best.readings.length) best = s;
    return best ?? this.fit;
  }

  private get readings(): Reading[] {
    return this.series.readings;
  }

  /** "epoch 3" for fit's val_loss, "evaluation 3" for the script's own evaluate(). */
  private unit(index: number): string {
    return `${this.series.source === 'fit' ? 'epoch' : 'evaluation'} ${index + 1}`;
  }

  private units(n: number): string {
    return this.series.source === 'fit' ? epochWord(n) : plural(n, 'evaluation');
  }

  /** How the findings name the validation loss: fit's val_loss as before, the evaluate() call by its line. */
  private sourceText(): string {
    const s = this.series;
    return s.source === 'fit' ? '' : `${s.where}`;
  }

  private judge(): Finding[] {
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
          message: `Overfitting cannot be judged: the ${epochWord(this.epochsSeen)} recorded report no validation loss (val_loss), and the script evaluates no held-out rows during training. Pass validationData or validationSplit to fit() (fitDataset: validationData), or call model.evaluate(xVal, yVal) on rows it does not train on after each epoch, and Watch compares the training loss with the loss on those rows.`,
        },
      ];
    }
    if (this.readings.length < OVERFITTING.minEpochs && (this.series.source !== 'fit' || this.epochsSeen >= 2)) {
      const s = this.series;
      return [
        {
          code: 'overfitting',
          severity: 'info',
          step: this.lastStep,
          message: `Overfitting cannot be judged: ${s.source === 'fit' ? "fit()'s val_loss" : s.where} gave ${plural(this.readings.length, 'validation reading')} during training, and the rule needs ${OVERFITTING.minEpochs} to see the validation loss pass its lowest. Validate after every epoch (fit's validationData, or model.evaluate(xVal, yVal) in an onEpochEnd callback).`,
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
      `Overfitting from ${this.unit(bestEpoch.epoch)}: the validation loss (${this.series.source === 'fit' ? 'running median of 3 epochs' : `${this.sourceText()}; running median of 3 readings`}) passed its lowest ${fmt(best.val)} at ${this.unit(bestEpoch.epoch)} (step ${bestEpoch.step}) and rose to ${fmt(now.val)} by ${this.unit(r[now.at].epoch)} ` +
        `(${Math.round(gl(now.val))} % above it; Prechelt's generalisation loss GL > ${OVERFITTING.alpha} % for ${this.units(OVERFITTING.persistEpochs)} in a row, the rise beyond the readings' wobble of ±${fmt(this.valNoise())}), ` +
        `while the training loss kept falling, ${fmt(bestEpoch.train)} → ${fmt(latest.train)}: the gap between them widens.`,
      this.series.source === 'fit'
        ? `stop near ${this.unit(bestEpoch.epoch)} (tf.callbacks.earlyStopping({monitor: 'val_loss', patience: ${OVERFITTING.persistEpochs + 1}}) in fit()'s callbacks)`
        : `stop near step ${bestEpoch.step} (keep the weights of the lowest validation loss)`,
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
      `Overfitting: over ${this.units(r.length)} the training loss fell ${fmt(first.train)} → ${fmt(last.train)} (×${fmt(first.train / Math.max(last.train, Number.MIN_VALUE))} lower) while the validation loss${this.series.source === 'fit' ? '' : ` (${this.sourceText()})`} never fell below its first ${this.series.source === 'fit' ? 'epoch' : 'reading'}'s ${fmt(first.val)} by more than ${OVERFITTING.alpha} % (lowest ${fmt(lowest)}, last ${fmt(last.val)}): what the model learns fits its training rows only.`,
      this.series.source === 'fit' ? 'stop early (tf.callbacks.earlyStopping on val_loss in fit()\'s callbacks), or get more training rows' : 'stop early (keep the weights of the lowest validation loss), or get more training rows',
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
