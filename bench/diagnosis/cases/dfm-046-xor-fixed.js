// @case dfm-046-xor-fixed
// @moved-from heldout3 (held-out protocol: its loss-activation-mismatch false alarm motivated reading hardSigmoid as a probability output, branch lint)
// @label healthy
// @source defect4ML (Morovati, Nikanjam, Khomh & Jiang, "Bugs in machine learning-based systems: a faultload benchmark",
//   EMSE 2023): github.com/mohmehmo/defects4ml@d2d823d, bugs/046 (conf.ini: "Wrong type of activation function … model does
//   not reach the expected accuracy level"; buggy/XOR.py and fixed/XOR.py), from github.com/DanilaEremenko/NeuralNetwork
//   commit eba6bed.
// @fault none: the fixed program (hard_sigmoid output, 300 epochs).
// @data the program's own four XOR rows.
// @settings Dense(8) → tanh → Dense(1) → hardSigmoid, binary cross-entropy, SGD lr 0.1, batch 1, 300 epochs.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const inputs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const outputs = tf.tensor2d([[0], [1], [1], [0]]);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 8, inputDim: 2 }));
model.add(tf.layers.activation({ activation: 'tanh' }));
model.add(tf.layers.dense({ units: 1 }));
model.add(tf.layers.activation({ activation: 'hardSigmoid' }));
model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.sgd(0.1), metrics: ['accuracy'] });
model.fit(inputs, outputs, { batchSize: 1, epochs: 300 });
