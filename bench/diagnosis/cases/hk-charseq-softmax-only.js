// @case hk-charseq-softmax-only
// @set heldout9
// @label buggy
// @bug model-capacity
// @fault a softmax layer alone maps each character to the next with no memory of the ones before: after " " it must
//   predict "i", "y", "w" and "y" from the same input, so the cost stops at 0.277 with "yf you yant you"; the lab's
//   previous program (lab-12-2, hk-charseq-lstm) puts an LSTM before the softmax and reproduces the sentence.
// @source Sung Kim, "Deep Learning Zero to All" (lecture labs, 2017), lab 12-3 "Character Sequence Softmax only":
//   github.com/hunkim/DeepLearningZeroToAll@60c707e, lab-12-3-char-seq-softmax-only.py — the one sentence " if you want you" as 15 one-hot
//   characters, a softmax layer (10 → 10) on each, sequence_loss (mean cross-entropy), Adam 0.1, 3,000 steps.
// @training the lab prints: "0 loss: 2.29513 Prediction: yu yny y y oyny" … "2999 loss: 0.277323 Prediction: yf you yant
//   you" (the loss flat at 0.277323 over its last steps; the LSTM lab reaches "if you want you" with loss 0.21 by step 12).
// @data inline: the lab's sentence.
// @settings Dense(10, softmax) applied to each of the 15 positions, categorical cross-entropy (the mean over positions, as
//   sequence_loss), Adam 0.1, one batch of the one sequence, 3,000 epochs.
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
model.add(tf.layers.dense({ units: num_classes, inputShape: [15, num_classes], activation: 'softmax' })); // FAULT
model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.adam(0.1) });
model.fit(x_data, y_data, { batchSize: 1, epochs: 3000 });
