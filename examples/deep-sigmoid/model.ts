// Twenty sigmoid layers: the textbook vanishing-gradient network. Gradient Lens flags the first layers
// as vanishing (each sigmoid multiplies the backward signal by at most 0.25) and the last ones as healthy.
import * as tf from '@tensorflow/tfjs';

const DEPTH = 20;
const WIDTH = 64;

export function createModel(activation: 'sigmoid' | 'relu' = 'sigmoid'): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units: WIDTH, inputShape: [32], activation }));
  for (let i = 1; i < DEPTH - 1; i++) {
    model.add(tf.layers.dense({ units: WIDTH, activation }));
  }
  model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
  return model;
}
