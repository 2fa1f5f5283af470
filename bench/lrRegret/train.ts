// Trains one task of tasks.js at one learning rate for its epoch budget and scores the held-out loss:
// the outcome every suggestion of bench/lrRegret.ts is judged by.
import type { Tensor } from '@tensorflow/tfjs';
import type { Tf } from '../../src/runner/tfjsResolve';

const { TASKS, compiledModel, seededRandom } = require('./tasks.js') as {
  TASKS: Record<string, { summary: string; epochs: number; batchSize: number; data(tf: Tf): TaskData }>;
  compiledModel(tf: Tf, name: string, lr: number, seed: number): import('@tensorflow/tfjs').LayersModel;
  seededRandom(seed: number): () => number;
};
export { TASKS };

export interface TaskData {
  xTrain: Tensor;
  yTrain: Tensor;
  xTest: Tensor;
  yTest: Tensor;
}

export interface Outcome {
  lr: number;
  seed: number;
  /** Held-out loss after the epoch budget; null when training produced NaN/±Inf. */
  loss: number | null;
  /** Wall time of one epoch (the whole budget / epochs). */
  epochMs: number;
}

const dataCache = new Map<string, TaskData>();

export function taskData(tf: Tf, name: string): TaskData {
  let data = dataCache.get(name);
  if (!data) dataCache.set(name, (data = TASKS[name].data(tf)));
  return data;
}

/** Trains from the task's seeded initial weights with fit()'s shuffle seeded too (same weights and order for every LR). */
export async function trainAt(tf: Tf, name: string, lr: number, seed: number): Promise<Outcome> {
  const task = TASKS[name];
  const { xTrain, yTrain, xTest, yTest } = taskData(tf, name);
  const model = compiledModel(tf, name, lr, seed);
  const random = Math.random;
  Math.random = seededRandom(seed + 1000);
  const start = performance.now();
  try {
    await model.fit(xTrain, yTrain, { batchSize: task.batchSize, epochs: task.epochs, shuffle: true, verbose: 0 });
  } finally {
    Math.random = random;
  }
  const epochMs = (performance.now() - start) / task.epochs;
  const evaluated = model.evaluate(xTest, yTest, { batchSize: 256 }) as Tensor;
  const loss = (await evaluated.data())[0];
  tf.dispose(evaluated);
  model.optimizer.dispose();
  model.dispose();
  return { lr, seed, loss: Number.isFinite(loss) ? loss : null, epochMs };
}
