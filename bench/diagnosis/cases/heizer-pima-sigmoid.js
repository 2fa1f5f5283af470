// @case heizer-pima-sigmoid
// @set heldout20
// @label healthy
// @fault none by the source's numbers: J. Brownlee's "first neural network" on the Pima Indians diabetes table with sigmoid
//   hidden layers (12 → 8 → 1, all sigmoid), Adam, 150 epochs: 75.78 % on its 768 rows, where 65.1 % is the majority class and the
//   ReLU version reaches 77.34 %.
// @source HeizerSpider/Deep-Learning-Journey (a learner's notes), activation_function_comparison: README.md at
//   github.com/HeizerSpider/Deep-Learning-Journey@16dbc01 (a table of four runs of the program with different activations) and
//   keras_first_network.py at github.com/HeizerSpider/Deep-Learning-Journey@5c88267 (Dense(12, input_dim=8) → Dense(8) →
//   Dense(1, 'sigmoid'), binary_crossentropy, optimizer 'adam', epochs 150, batch_size 10, accuracy evaluated on the training rows;
//   the table's runs change the three activations).
// @training README.md: "|1|sigmoid|sigmoid|sigmoid|75.78|" (accuracy in %, on the 768 training rows), beside
//   "|2|ReLU|ReLU|sigmoid|77.34|" and "|4|tanh|tanh|sigmoid|73.31|".
// @data the Pima Indians diabetes table (768 rows × 8 unscaled features + a 0/1 label), the same data the program loads from
//   pima-indians-diabetes.csv, read from the cache where prepareHeldout2.ts extracts it (fd-pima).
// @settings Dense(12, sigmoid) → Dense(8, sigmoid) → Dense(1, sigmoid), Keras defaults (Glorot-uniform kernels, zero biases),
//   binary cross-entropy, Adam at Keras's default 0.001, batches of 10, shuffled, 150 epochs, unscaled inputs as the program feeds
//   them.
// @license the repository states no licence; this is our TensorFlow.js translation of the program's settings.
const tf = require('@tensorflow/tfjs');
const { table } = require('./data.ts');

const dataset = table('fd-pima').rows;
const X = tf.tensor2d(dataset.map((r) => r.slice(0, 8)));
const y = tf.tensor2d(dataset.map((r) => [r[8]]));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 12, inputDim: 8, activation: 'sigmoid' }));
model.add(tf.layers.dense({ units: 8, activation: 'sigmoid' }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.adam(0.001), metrics: ['accuracy'] });
model.fit(X, y, { epochs: 150, batchSize: 10, shuffle: true });
