// @case lectures-sgd-lr01
// @set heldout17
// @label healthy
// @fault none: the notebook's own first model and plan (SGD 0.1, 15 epochs), the baseline its exercises change (the twin
//   lectures-sgd-lr10 raises the rate to 10).
// @source labs/01_keras "Intro Keras.ipynb" (cell "A First Keras Model": Dense(100, tanh) → Dense(10, softmax),
//   optimizers.SGD(learning_rate=0.1), categorical_crossentropy, fit(validation_split=0.2, epochs=15, batch_size=32)) and its
//   exercise solution solutions/keras_sgd_and_momentum.py with its written analysis,
//   (the course "Deep Learning" of Master Datascience Paris Saclay, O. Grisel and C. Ollion) at github.com/m2dsupsdlclass/lectures-labs@a947888:
//   load_digits() as float32, train_test_split(test_size=0.15, random_state=37), StandardScaler on the training part, one-hot
//   targets (to_categorical).
// @training the notebook presents this run as the working baseline ("We can now build an train a our first feed forward neural
//   network"); its analysis contrasts 0.001 ("has not converged yet after 15 epochs") and 10 ("prevent it to reach a low
//   training loss") with it. No printed numbers in the stored notebook: the label is the course's reading, checked by training.
// @data scikit-learn's bundled digits (1,797 8×8 images), split and standardised as the notebook does, from ~/.cache (prepare.ts,
//   prepareHeldout17.ts: the table lectures-digits-train, 1,527 rows).
// @settings Dense(100, tanh) → Dense(10, softmax), Glorot-uniform kernels and zero biases (Keras's defaults; seeded here);
//   categorical cross-entropy; plain SGD at 0.1; minibatch 32, shuffled each epoch, the last 20 % of the rows held out for
//   validation (validation_split=0.2); 15 epochs.
// @license lectures-labs is MIT-licensed (m2dsupsdlclass); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { table, oneHot } = require('./data.ts');

const rows = table('lectures-digits-train').rows;
const xTrain = tf.tensor2d(rows.map((r) => r.slice(0, 64)));
const yTrain = tf.tensor2d(oneHot(rows.map((r) => r[64]), 10));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 100, activation: 'tanh', inputShape: [64], kernelInitializer: tf.initializers.glorotUniform({ seed: 371 }) }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 372 }) }));

model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { validationSplit: 0.2, epochs: 15, batchSize: 32, shuffle: true });
