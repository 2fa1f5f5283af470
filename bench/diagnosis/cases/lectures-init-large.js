// @case lectures-init-large
// @set heldout17
// @label buggy
// @bug wrong-init
// @fault the assignment's three-layer tanh network with every kernel drawn RandomNormal(stddev=1) (large_scale_init) and SGD at
//   0.1: the course's analysis — large random weights make the softmax "very peaky … a very high initial loss value", and the
//   saturated tanh layers squash the gradient of the first Dense layer, "making the network train much slower". FAULT lines: the
//   three kernel initialisers (Glorot uniform is the working default).
// @source labs/01_keras "Intro Keras.ipynb" (Home Assignment: Impact of Initialization) with its solution
//   solutions/keras_initializations.py (Dense(H, input_dim=N, kernel_initializer=init) → tanh → Dense(K, init) → tanh →
//   Dense(K, init) → softmax for init in glorot_uniform, RandomNormal(stddev=1e-3), RandomNormal(stddev=1), 'zero';
//   optimizers.SGD(lr=0.1) then Adam; categorical_crossentropy; fit(epochs=10, batch_size=32)) and its written analysis
//   solutions/keras_initializations_analysis.py,
//   (the course "Deep Learning" of Master Datascience Paris Saclay, O. Grisel and C. Ollion) at github.com/m2dsupsdlclass/lectures-labs@a947888:
//   load_digits() as float32, train_test_split(test_size=0.15, random_state=37), StandardScaler on the training part, one-hot
//   targets (to_categorical).
// @training keras_initializations_analysis.py: "Initializing the weights with large random values will make the output
//   distribution (softmax) very peaky … This leads to a very high initial loss value. … the intermediate tanh layers can
//   saturate, therefore squashing the gradient … and making the network train much slower." A statement without printed
//   numbers (the notebook is stored without outputs): the label is the course's reading, checked by training.
// @data scikit-learn's bundled digits (1,797 8×8 images), split and standardised as the notebook does, from ~/.cache (prepare.ts,
//   prepareHeldout17.ts: the table lectures-digits-train, 1,527 rows).
// @settings Dense(100, tanh) → Dense(10, tanh) → Dense(10, softmax) (N = 64 inputs, H = hidden_dim = 100, K = output_dim = 10),
//   every kernel N(0, 1) (RandomNormal(stddev=1)), zero biases (Keras's default); categorical cross-entropy; plain SGD at 0.1; minibatch 32, shuffled
//   each epoch; 10 epochs; no validation split.
// @license lectures-labs is MIT-licensed (m2dsupsdlclass); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { table, oneHot } = require('./data.ts');

const rows = table('lectures-digits-train').rows;
const xTrain = tf.tensor2d(rows.map((r) => r.slice(0, 64)));
const yTrain = tf.tensor2d(oneHot(rows.map((r) => r[64]), 10));

// initializers.RandomNormal(stddev=1)
const init = (seed) => tf.initializers.randomNormal({ mean: 0, stddev: 1, seed });
const model = tf.sequential();
model.add(tf.layers.dense({ units: 100, activation: 'tanh', inputShape: [64], kernelInitializer: init(381) })); // FAULT
model.add(tf.layers.dense({ units: 10, activation: 'tanh', kernelInitializer: init(382) })); // FAULT
model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: init(383) })); // FAULT

model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
model.fit(xTrain, yTrain, { epochs: 10, batchSize: 32, shuffle: true });
