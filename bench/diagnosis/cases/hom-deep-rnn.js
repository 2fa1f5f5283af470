// @case hom-deep-rnn
// @set heldout4
// @label healthy
// @source Hands-On Machine Learning with Scikit-Learn, Keras and TensorFlow, 2nd edition (A. Géron, O'Reilly 2019), notebooks:
//   github.com/ageron/handson-ml2@1e21152, 15_processing_sequences_using_rnns_and_cnns.ipynb ("Deep RNNs", the variant whose
//   last layer is a Dense(1); 20 epochs: loss 0.0030, val_loss 0.0026 in the notebook's stored output, below the linear
//   baseline's 0.0042).
// @data the notebook's own generator, generate_time_series: two sines of random frequency and offset plus uniform noise, 51
//   steps; the first 50 are the input and the last the target (seeded here; 1,000 series for training instead of 7,000).
// @settings SimpleRNN(20, return_sequences) → SimpleRNN(20) → Dense(1), Adam (Keras default lr 1e-3), mean squared error,
//   batch 32 (Keras default), 20 epochs.
// @license handson-ml2 is Apache-2.0-licensed (Copyright Aurélien Géron); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

const r = rng(42);
function generateTimeSeries(batchSize, nSteps) {
  return Array.from({ length: batchSize }, () => {
    const [freq1, freq2, offsets1, offsets2] = [r.uniform(), r.uniform(), r.uniform(), r.uniform()];
    return Array.from({ length: nSteps }, (_, i) => {
      const time = i / (nSteps - 1);
      let v = 0.5 * Math.sin((time - offsets1) * (freq1 * 10 + 10));
      v += 0.2 * Math.sin((time - offsets2) * (freq2 * 20 + 20));
      return v + 0.1 * (r.uniform() - 0.5);
    });
  });
}
const nSteps = 50;
const series = generateTimeSeries(1000, nSteps + 1);
const xTrain = tf.tensor3d(series.map((s) => s.slice(0, nSteps).map((v) => [v])));
const yTrain = tf.tensor2d(series.map((s) => [s[nSteps]]));

const model = tf.sequential();
model.add(tf.layers.simpleRNN({ units: 20, returnSequences: true, inputShape: [nSteps, 1] }));
model.add(tf.layers.simpleRNN({ units: 20 }));
model.add(tf.layers.dense({ units: 1 }));
model.compile({ loss: 'meanSquaredError', optimizer: 'adam' });
model.fit(xTrain, yTrain, { epochs: 20, batchSize: 32 });
