// @case hk-charseq-lstm
// @set heldout9
// @label healthy
// @source Sung Kim, "Deep Learning Zero to All" (lecture labs, 2017), lab 12-2 "Character Sequence RNN":
//   github.com/hunkim/DeepLearningZeroToAll@60c707e, lab-12-2-char-seq-rnn.py — the one sentence " if you want you" as 15 one-hot characters, a
//   BasicLSTMCell of 10 units unrolled over them, a fully connected layer (10 → 10 logits) on each output, sequence_loss,
//   Adam 0.1, 50 steps.
// @training the lab prints: "0 loss: 2.35377 Prediction: uuuuuuuuuuuuuuu" … "7 loss: 0.907699 Prediction: yy you want you"
//   … "11 loss: 0.282956 Prediction: if you want you", "12 loss: 0.208561" (it prints the first 13 of its 50 steps).
// @data inline: the lab's sentence.
// @settings LSTM(10, returnSequences) → Dense(10, softmax) on each position (the lab's linear layer + sequence_loss's softmax
//   cross-entropy), categorical cross-entropy, Adam 0.1, one batch of the one sequence, 50 epochs.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const sample = " if you want you";
const idx2char = [...new Set(sample)]; // the lab: list(set(sample)) — any order of the 10 characters
const char2idx = Object.fromEntries(idx2char.map((c, i) => [c, i]));
const num_classes = idx2char.length; // 10
const sample_idx = [...sample].map((c) => char2idx[c]);
const oneHotRow = (i) => idx2char.map((_, c) => (c === i ? 1 : 0));
const x_data = tf.tensor3d([sample_idx.slice(0, -1).map(oneHotRow)]); // 1 × 15 × 10: " if you want yo"
const y_data = tf.tensor3d([sample_idx.slice(1).map(oneHotRow)]); //  1 × 15 × 10: "if you want you"

const model = tf.sequential();
model.add(tf.layers.lstm({ units: num_classes, inputShape: [15, num_classes], returnSequences: true }));
model.add(tf.layers.dense({ units: num_classes, activation: 'softmax' }));
model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.adam(0.1) });
model.fit(x_data, y_data, { batchSize: 1, epochs: 50 });
