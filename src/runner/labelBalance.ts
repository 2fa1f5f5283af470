// How many examples of each class the labels given to fit() hold (core/classBalance.ts judges the counts;
// docs/rules/class-imbalance.md). All the labels, not the profiled batch: a class of 1 % is absent from most batches.
// Counted only when the labels are classes: one-hot rows, class indices for a multi-unit output, or 0/1 for
// one unit; anything else (regression targets, multi-label rows, sequences) gives undefined.
// And how often each token occurs in fit()'s inputs when an input is a sequence of tokens — ids fed to an Embedding,
// one-hot rows over a vocabulary, or one id per time step (raw or scaled into [0, 1]): a model that reads tokens and predicts one of the same vocabulary is a
// next-token model, whose labels are skewed as the text is (the rule compares the two).
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import type { Tf } from './tfjsResolve';
import { embeddingOf } from './modelShapes';

export function classCounts(tf: Tf, labels: Tensor, units: number): number[] | undefined {
  if (labels.rank !== 2 || (labels.shape[0] ?? 0) === 0) return undefined;
  const width = labels.shape[1] ?? 0;
  return tf.tidy(() => {
    const y = tf.cast(labels, 'float32');
    const binary = tf.logicalOr(tf.equal(y, 0), tf.equal(y, 1)).all().dataSync()[0] === 1;
    if (width === units && units >= 2) {
      // One-hot rows: every value 0 or 1 and each row sums to 1; the column sums are the counts.
      const oneHot = binary && tf.equal(tf.sum(y, 1), 1).all().dataSync()[0] === 1;
      return oneHot ? Array.from(tf.sum(y, 0).dataSync()) : undefined;
    }
    if (width !== 1) return undefined;
    if (units === 1) return binary ? ((ones) => [y.shape[0]! - ones, ones])(tf.sum(y).dataSync()[0]) : undefined;
    // Class indices for a multi-unit output (sparse categorical labels).
    return indexCounts(y.dataSync(), units);
  });
}

/** Occurrences of each id below `size`; undefined when a value is not such an id. */
function indexCounts(values: ArrayLike<number>, size: number): number[] | undefined {
  const counts = new Array<number>(size).fill(0);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isInteger(v) || v < 0 || v >= size) return undefined;
    counts[v]++;
  }
  return counts;
}

/**
 * Per model input that is a sequence of tokens of a vocabulary the size of `classes` (the class counts of the outputs
 * whose labels were counted), how often each token occurs among all of fit()'s inputs: the ids an Embedding layer reads
 * (counts over its inputDim), or one-hot rows along the last axis of a rank-3 input (counts over its depth). Other
 * inputs are not read (a check over a whole sequence input costs ~0.5 s per million values on the cpu backend);
 * undefined when none is such tokens.
 */
export function inputTokenCounts(tf: Tf, model: LayersModel, inputs: readonly Tensor[], classes: ReadonlySet<number>): number[][] | undefined {
  const found = inputs.flatMap((x, i) => {
    const embedding = embeddingOf(model, i);
    if (!embedding && x.rank === 3 && x.shape[2] === 1) return scalarTokenCounts(tf, x, classes);
    const vocabulary = embedding ? Number(embedding.getConfig().inputDim) : x.rank === 3 ? x.shape[2]! : 0;
    if (!classes.has(vocabulary)) return [];
    const counts = embedding
      ? tf.tidy(() => indexCounts(tf.cast(x, 'float32').dataSync(), vocabulary))
      : x.rank === 3
        ? oneHotCounts(tf, x)
        : undefined;
    return counts ? [counts] : [];
  });
  return found.length ? found : undefined;
}

/**
 * A sequence of one number per time step ([examples, steps, 1], what an RNN reads without an Embedding) that is token
 * ids of a vocabulary of V = a class count: the ids themselves, or scaled into [0, 1] as id / (V − 1) or id / V — the
 * character-level LSTM recipe of Brownlee's "Text Generation With LSTM Recurrent Neural Networks in Python with Keras"
 * (machinelearningmastery.com, 2016: `X = X / float(n_vocab)`). Every value must sit on that grid (within float32
 * rounding); counts over the first such vocabulary, else [].
 */
function scalarTokenCounts(tf: Tf, x: Tensor, classes: ReadonlySet<number>): number[][] {
  const values = tf.tidy(() => tf.cast(x, 'float32').dataSync());
  for (const size of classes) {
    for (const scale of [1, size - 1, size]) {
      if (scale < 1) continue;
      const ids = Float32Array.from(values, (value) => {
        const id = value * scale;
        return Math.abs(id - Math.round(id)) < 1e-3 ? Math.round(id) : NaN;
      });
      const counts = indexCounts(ids, size);
      if (counts) return [counts];
    }
  }
  return [];
}

/** Column sums of a rank-3 input whose rows along the last axis are one-hot (every value 0/1, each row summing to 1). */
function oneHotCounts(tf: Tf, x: Tensor): number[] | undefined {
  return tf.tidy(() => {
    const v = tf.cast(x, 'float32');
    const binary = tf.logicalOr(tf.equal(v, 0), tf.equal(v, 1)).all().dataSync()[0] === 1;
    if (!binary || tf.equal(tf.sum(v, -1), 1).all().dataSync()[0] !== 1) return undefined;
    return Array.from(tf.sum(tf.reshape(v, [-1, x.shape[2]!]), 0).dataSync());
  });
}

/** The model message's class counts per output and, where some output's labels are classes, its inputs' token counts. */
export function labelBalance(tf: Tf, model: LayersModel, batch: { labels?: Tensor[]; inputs?: Tensor[] }, outputs: readonly { units: number }[]) {
  const counts = batch.labels?.map((y, i) => classCounts(tf, y, outputs[i]?.units ?? 0) ?? null);
  const classes = new Set((counts ?? []).flatMap((c) => (c ? [c.length] : [])));
  return { classCounts: counts, inputTokenCounts: classes.size > 0 && batch.inputs ? inputTokenCounts(tf, model, batch.inputs, classes) : undefined };
}
