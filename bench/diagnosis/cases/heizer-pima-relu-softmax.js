// @case heizer-pima-relu-softmax
// @set heldout20
// @label buggy
// @bug output-activation
// @fault J. Brownlee's "first neural network" on the Pima Indians diabetes table (12 → 8 → 1) with a softmax on its single output
//   unit: softmax over one value is exactly 1 for every row, so the binary cross-entropy has no gradient through the output and
//   the model predicts "diabetic" for everyone — 34.90 % accuracy, the share of positive rows (268 of 768), where the same network
//   with a sigmoid output reaches 77.34 % (heizer-pima-relu-sigmoid). The FAULT line is the output layer.
// @source HeizerSpider/Deep-Learning-Journey (a learner's notes), activation_function_comparison: README.md at
//   github.com/HeizerSpider/Deep-Learning-Journey@16dbc01 (a table of four runs of the program with different activations) and
//   keras_first_network.py at github.com/HeizerSpider/Deep-Learning-Journey@5c88267 (Dense(12, input_dim=8) → Dense(8) →
//   Dense(1, 'sigmoid'), binary_crossentropy, optimizer 'adam', epochs 150, batch_size 10, accuracy evaluated on the training rows;
//   the table's runs change the three activations).
// @training README.md: "|3|ReLU|ReLU|softmax|34.90|" against "|2|ReLU|ReLU|sigmoid|77.34|" and "|1|sigmoid|sigmoid|sigmoid|75.78|"
//   (accuracy in %, on the 768 training rows).
// @data the Pima Indians diabetes table (768 rows × 8 unscaled features + a 0/1 label), the same data the program loads from
//   pima-indians-diabetes.csv, read from the cache where prepareHeldout2.ts extracts it (fd-pima).
// @settings Dense(12, relu) → Dense(8, relu) → Dense(1, softmax), Keras defaults (Glorot-uniform kernels, zero biases), binary
//   cross-entropy, Adam at Keras's default 0.001, batches of 10, shuffled, 150 epochs, unscaled inputs as the program feeds them.
// @license the repository states no licence; this is our TensorFlow.js translation of the program's settings.
const tf = require('@tensorflow/tfjs');
const { table } = require('./data.ts');

const dataset = table('fd-pima').rows;
const X = tf.tensor2d(dataset.map((r) => r.slice(0, 8)));
const y = tf.tensor2d(dataset.map((r) => [r[8]]));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 12, inputDim: 8, activation: 'relu' }));
model.add(tf.layers.dense({ units: 8, activation: 'relu' }));
model.add(tf.layers.dense({ units: 1, activation: 'softmax' })); // FAULT
model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.adam(0.001), metrics: ['accuracy'] });
model.fit(X, y, { epochs: 150, batchSize: 10, shuffle: true });
