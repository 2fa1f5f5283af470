// Batches read against the model's own shapes and losses: one synthesized from them when the script gives none, and
// the check that a given batch fits them (before TensorFlow.js fails with an obscure kernel error).
import type { LayersModel, Tensor } from '@tensorflow/tfjs';
import { RUN_DEFAULTS } from '../core/defaults';
import type { Batch } from './data';
import { DiscoveryError } from './discovery';
import { innerModel } from './innerModel';
import type { Tf } from './tfjsResolve';

/** Length given to a sequence input's free time axis in a synthesized batch. */
const SEQUENCE_FILL = 8;
const DEFAULT_BATCH = RUN_DEFAULTS.syntheticBatchSize;
/** Seed of synthesized batches and of the row orders the probes draw (data.ts seededOrder): runs repeat exactly. */
export const DATA_SEED = 1234;

/** Names of the compiled losses, one per output. */
export function lossNames(model: LayersModel): string[] {
  const inner = innerModel(model);
  const declared = inner.loss;
  return inner.lossFunctions.map((fn, i) => {
    const name = Array.isArray(declared) ? declared[i] : declared;
    return typeof name === 'string' ? name : fn.name || 'custom';
  });
}

/** The Embedding layer that reads model input `i` directly, if any. */
export function embeddingOf(model: LayersModel, i: number): ReturnType<LayersModel['getLayer']> | undefined {
  return innerModel(model).inputLayers[i]?.outboundNodes.map((n) => n.outboundLayer).find((l) => l.getClassName() === 'Embedding');
}

/**
 * Per input tensor: does it hold values on a scale (float32 and not read by an Embedding)? An Embedding's input holds
 * indices whatever its dtype — tfjs-layers' Embedding casts it to int32 (`tf.tensor2d(ids)` makes float32 ids) — so
 * its magnitude is no scale to judge, and standardising or multiplying it makes indices outside the vocabulary.
 */
export function scaledInputs(model: LayersModel, xs: readonly Tensor[]): boolean[] {
  return xs.map((x, i) => x.dtype === 'float32' && !embeddingOf(model, i));
}

function concreteShape(shape: (number | null)[], batch: number): number[] {
  return shape.map((d, i) => (i === 0 ? batch : d ?? SEQUENCE_FILL));
}

export function synthesizeBatch(tf: Tf, model: LayersModel, batchSize: number | undefined): Batch {
  const inner = innerModel(model);
  const batch = batchSize ?? DEFAULT_BATCH;
  const losses = lossNames(model);
  const notes: string[] = [];
  const xs = inner.inputs.map((input, i) => {
    const shape = concreteShape(input.shape, batch);
    const embedding = embeddingOf(model, i);
    if (embedding) {
      const inputDim = Number(embedding.getConfig().inputDim);
      notes.push(`integer indices below ${inputDim} for the Embedding input`);
      return tf.randomUniform(shape, 0, inputDim, 'int32', DATA_SEED + i);
    }
    return tf.randomNormal(shape, 0, 1, 'float32', DATA_SEED + i);
  });
  const ys = inner.outputs.map((output, i) => {
    const shape = concreteShape(output.shape, batch);
    const classes = shape[shape.length - 1];
    const loss = losses[i] ?? 'meanSquaredError';
    if (/^categorical_?crossentropy$/i.test(loss)) {
      const labels = tf.randomUniform(shape.slice(0, -1), 0, classes, 'int32', DATA_SEED + 100 + i);
      return tf.reshape(tf.oneHot(tf.reshape(labels, [-1]), classes), shape);
    }
    if (/^sparse_?categorical_?crossentropy$/i.test(loss)) {
      return tf.cast(tf.randomUniform([...shape.slice(0, -1), 1], 0, classes, 'int32', DATA_SEED + 100 + i), 'float32');
    }
    if (/^binary_?crossentropy$/i.test(loss)) {
      return tf.cast(tf.randomUniform(shape, 0, 2, 'int32', DATA_SEED + 100 + i), 'float32');
    }
    return tf.randomNormal(shape, 0, 1, 'float32', DATA_SEED + 100 + i);
  });
  return {
    xs,
    ys,
    source: 'synthetic',
    note: `synthetic: batch ${batch}, normal noise inputs${notes.length ? ` (${notes.join('; ')})` : ''}, labels shaped for ${losses.join(', ') || 'the loss'}`,
  };
}

/** "the exported sampleBatch", not "the the exported sampleBatch" (notes of fit/sampleBatch batches start with "the"). */
const theBatch = (batch: Batch) => (batch.note.startsWith('the ') ? batch.note : `the batch (${batch.note})`);

/** Each non-batch axis equal or 1 on one side: the labels broadcast against the output in the loss (numpy's rule). */
function broadcasts(want: readonly (number | null)[], got: readonly number[]): boolean {
  return want.length === got.length && want.every((d, k) => k === 0 || d === null || d === got[k] || d === 1 || got[k] === 1);
}

/**
 * Explains a batch that does not fit the model, before TensorFlow.js fails with an obscure kernel error. Returns a note
 * when the labels are accepted only as the user's own call accepts them: fitDataset() hands its labels to the loss
 * unchecked (tfjs-layers checks target shapes in fit() and trainOnBatch(), not in fitDataset()), so labels that
 * broadcast against the output train there — e.g. one target column for a 50-unit output, which fit() refuses.
 */
export function checkBatchShapes(model: LayersModel, batch: Batch, trainingCall?: 'fit' | 'fitDataset' | 'trainOnBatch'): string | undefined {
  const inner = innerModel(model);
  const losses = lossNames(model);
  const describe = (s: readonly (number | null)[]) => `[${s.map((d) => (d === null ? 'batch' : d)).join(', ')}]`;
  inner.inputs.forEach((input, i) => {
    const got = batch.xs[i].shape;
    const want = input.shape;
    if (got.length !== want.length || want.some((d, k) => k > 0 && d !== null && d !== got[k])) {
      throw new DiscoveryError('bad-data', `Input ${i} (${input.name}) expects shape ${describe(want)} but ${theBatch(batch)} has shape [${got.join(', ')}].`, [
        `expected ${describe(want)}`,
        `got [${got.join(', ')}]`,
      ]);
    }
  });
  const n = batch.xs[0]?.shape[0];
  const notes: string[] = [];
  inner.outputs.forEach((output, i) => {
    const got = batch.ys[i].shape;
    const want = output.shape;
    const sparse = /sparse/i.test(losses[i] ?? '');
    const lastOk = sparse || want[want.length - 1] === null || got[got.length - 1] === want[want.length - 1];
    if (lastOk && got[0] === n) return;
    if (got[0] === n && trainingCall === 'fitDataset' && broadcasts(want, got)) {
      notes.push(`its labels [${got.join(', ')}] broadcast against output ${i}'s ${describe(want)} in the loss, as fitDataset() lets them (it does not check label shapes; fit() would refuse them)`);
      return;
    }
    throw new DiscoveryError('bad-data', `Output ${i} (${output.name}) produces shape ${describe(want)} but the labels in ${theBatch(batch)} have shape [${got.join(', ')}]${got[0] !== n ? ` (and ${got[0]} rows for ${n} inputs)` : ''}.`, [
      `expected ${describe(want)}`,
      `got [${got.join(', ')}]`,
    ]);
  });
  return notes.length ? notes.join('; ') : undefined;
}
