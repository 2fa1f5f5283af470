// @case lectures-sgd-lr10
// @set heldout17
// @label buggy
// @bug lr-high
// @fault the course's first Keras model (64 standardised pixels → Dense(100, tanh) → Dense(10, softmax) on scikit-learn's digits)
//   trained by SGD at a learning rate of 10 — the exercise "increase the learning rate value to make the optimization diverge":
//   the course's analysis says such a rate "makes the model randomly bounce around a good local minimum and therefore prevent it
//   to reach a low training loss even after 30 epochs". The FAULT line is the optimizer's rate (the notebook's 0.1 is the twin
//   lectures-sgd-lr01).
// @source labs/01_keras "Intro Keras.ipynb" (cell "A First Keras Model": Dense(100, tanh) → Dense(10, softmax),
//   optimizers.SGD(learning_rate=0.1), categorical_crossentropy, fit(validation_split=0.2, epochs=15, batch_size=32)) and its
//   exercise solution solutions/keras_sgd_and_momentum.py with its written analysis,
//   (the course "Deep Learning" of Master Datascience Paris Saclay, O. Grisel and C. Ollion) at github.com/m2dsupsdlclass/lectures-labs@a947888:
//   load_digits() as float32, train_test_split(test_size=0.15, random_state=37), StandardScaler on the training part, one-hot
//   targets (to_categorical).
// @training the solution's analysis (keras_sgd_and_momentum.py): "Setting the learning rate to a very large value (e.g. lr=10)
//   makes the model randomly bounce around a good local minimum and therefore prevent it to reach a low training loss even after
//   30 epochs." A statement without printed numbers (the notebook is stored without outputs): the label is the course's reading.
// @data scikit-learn's bundled digits (1,797 8×8 images), split and standardised as the notebook does, from ~/.cache (prepare.ts,
//   prepareHeldout17.ts: the table lectures-digits-train, 1,527 rows).
// @settings Dense(100, tanh) → Dense(10, softmax), Glorot-uniform kernels and zero biases (Keras's defaults; seeded here);
//   categorical cross-entropy; plain SGD at 10; minibatch 32, shuffled each epoch, the last 20 % of the rows held out for
//   validation (validation_split=0.2); 30 epochs.
// @license lectures-labs is MIT-licensed (m2dsupsdlclass); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { table, oneHot } = require('./data.ts');

const rows = table('lectures-digits-train').rows;
const xTrain = tf.tensor2d(rows.map((r) => r.slice(0, 64)));
const yTrain = tf.tensor2d(oneHot(rows.map((r) => r[64]), 10));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 100, activation: 'tanh', inputShape: [64], kernelInitializer: tf.initializers.glorotUniform({ seed: 371 }) }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 372 }) }));

model.compile({ optimizer: tf.train.sgd(10), loss: 'categoricalCrossentropy', metrics: ['accuracy'] }); // FAULT
model.fit(xTrain, yTrain, { validationSplit: 0.2, epochs: 30, batchSize: 32, shuffle: true });
