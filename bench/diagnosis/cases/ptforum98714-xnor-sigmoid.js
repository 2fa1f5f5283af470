// @case ptforum98714-xnor-sigmoid
// @set heldout16
// @label buggy
// @bug lr-low, wrong-init
// @fault a 2-4-1 sigmoid net for XNOR whose weights the poster re-initialised U(0, 1) (nn.init.uniform_ with its defaults: every
//   weight positive, the four hidden units alike), trained by plain SGD at 0.01, one sample per step, 1,000 sweeps (4,000 steps):
//   at that rate and horizon the squared-error gradients through two sigmoids move the net only toward the targets' mean, and every
//   input ends near the same output. The answer (K. Frank) points at the rate and horizon ("Continue to experiment with learning
//   rates … and continue to train for many iterations", momentum, Adam) and the architecture; the FAULT lines are the optimizer and
//   the two weight initialisations the poster chose.
// @source PyTorch Forums thread "Simple Linear/Sigmoid Network not learning" (2020-10, discuss.pytorch.org/t/98714, and K. Frank's
//   reply discuss.pytorch.org/t/98714/2): class Network with self.x1 = nn.Linear(2, 4), nn.Sigmoid(), self.x2 = nn.Linear(4, 1),
//   nn.Sigmoid(); init() calling nn.init.uniform_ on both weights; train() building nn.MSELoss and torch.optim.SGD(lr=0.01) and
//   taking one optimizer.step(closure) on one sample; the loop `for i in range(1000)` training [0, 0] → 1, then the other rows.
// @training the poster: "Everything runs smoothly, but it just does not learn. It does changes it weights, yet it converges in a
//   result for every input that is way out of the expected results. I have tried with many learning rates and weights
//   initialization." The reply: "it is easy for the training of this kind of network to get stuck away from a good solution".
// @data the four XNOR rows ([0, 0] → 1, [0, 1] → 0, [1, 0] → 0, [1, 1] → 1), inline, in that order (the stored copy of the post cuts
//   the loop after the first two calls; the other two are the remaining rows of the stated truth table).
// @settings Dense(4, sigmoid) → Dense(1, sigmoid); weights U(0, 1) (nn.init.uniform_), biases PyTorch's default U(±1/√fan_in);
//   mean squared error; SGD 0.01 (a fresh optimizer per call: plain SGD keeps no state); batch 1, rows in order, 1,000 epochs: the
//   post's plan. Seeded draws (the post's are unseeded).
// @license the post's code is quoted under the forum's terms; this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const feats = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const expected = tf.tensor2d([[1], [0], [0], [1]]);

// nn.init.uniform_(weight): U(0, 1); the biases keep nn.Linear's U(±1/√fan_in).
const net = tf.sequential();
net.add(tf.layers.dense({ units: 4, activation: 'sigmoid', inputShape: [2], kernelInitializer: tf.initializers.randomUniform({ minval: 0, maxval: 1, seed: 98714 }), biasInitializer: tf.initializers.randomUniform({ minval: -Math.SQRT1_2, maxval: Math.SQRT1_2, seed: 98715 }) })); // FAULT
net.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: tf.initializers.randomUniform({ minval: 0, maxval: 1, seed: 98716 }), biasInitializer: tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed: 98717 }) })); // FAULT

net.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' }); // FAULT
net.fit(feats, expected, { batchSize: 1, epochs: 1000, shuffle: false });
