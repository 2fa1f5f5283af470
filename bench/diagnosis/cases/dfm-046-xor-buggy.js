// @case dfm-046-xor-buggy
// @set heldout3
// @label healthy
// @source-label buggy
// @source-bug output-activation
// @relabel defect4ML files the sigmoid output as the bug ("does not reach the expected accuracy level"), but trained with its
//   own settings (Dense(8) → tanh → Dense(1) → sigmoid, binary cross-entropy, SGD 0.1, batch 1, 1,000 epochs on XOR's four
//   rows) it learns XOR exactly: Keras (bench/diagnosis/outputOracles.py dfm-046-xor-buggy, seeds 1–3) loss 0.725 / 0.726 /
//   0.686 → 0.00418 / 0.00478 / 0.00412, accuracy 1.00 in all three, outputs ≤ 0.007 for the 0s and ≥ 0.994 for the 1s;
//   TensorFlow.js (train.ts, wasm, two runs) 0.756 → 0.0061 and 0.754 → 0.00462, accuracy 1.0. A sigmoid output under
//   binary cross-entropy is the pairing Keras's and tfjs's documentation give for a binary target; the hard_sigmoid "fix"
//   trains no better (300 epochs: accuracy 1.0). Nothing in the program keeps it from training: healthy.
// @source defect4ML (Morovati, Nikanjam, Khomh & Jiang, "Bugs in machine learning-based systems: a faultload benchmark",
//   EMSE 2023): github.com/mohmehmo/defects4ml@d2d823d, bugs/046 (conf.ini: "Wrong type of activation function … model does
//   not reach the expected accuracy level"; buggy/XOR.py and fixed/XOR.py), from github.com/DanilaEremenko/NeuralNetwork
//   commit eba6bed.
// @source-fault the output activation: sigmoid, which the fix replaces by hard_sigmoid (the fix also trains 300 epochs instead of 1,000).
// @data the program's own four XOR rows.
// @training train.ts (wasm, the program's 1,000 epochs): loss 0.756 → 0.0061, accuracy 1.0 — the sigmoid output trains XOR
//   perfectly, as its hard_sigmoid fix does (300 epochs: 0.720 → 1.2e-7); relabelled healthy (@relabel).
// @settings Dense(8) → tanh → Dense(1) → sigmoid, binary cross-entropy, SGD lr 0.1, batch 1, 1000 epochs.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const inputs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const outputs = tf.tensor2d([[0], [1], [1], [0]]);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputDim: 2 }));
model.add(tf.layers.activation({ activation: 'tanh' }));
model.add(tf.layers.dense({ units: 1 }));
model.add(tf.layers.activation({ activation: 'sigmoid' })); // SOURCE-FAULT
model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.sgd(0.1), metrics: ['accuracy'] });
model.fit(inputs, outputs, { batchSize: 1, epochs: 1000 });
