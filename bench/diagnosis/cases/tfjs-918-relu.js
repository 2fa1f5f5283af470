// @case tfjs-918-relu
// @moved-from heldout6 (held-out protocol: motivated the born-dead reading of a ReLU output over its initializer's draws, branch capacity)
// @label buggy
// @bug dead-relu
// @source TensorFlow.js issue github.com/tensorflow/tfjs/issues/918 ("Trivial program does not learning during training after
//   refresh", tfjs 0.13.3): the getting-started linear regression (y = 2x − 1 on four points, Dense(1), MSE, 'sgd', 10
//   epochs) with activation: 'relu' added to its one unit. The reporter: "sometimes works when refreshing the page and
//   sometimes there is no learning (loss stays at 21 from epoch 0) … activation: 'relu' may be critical here". 21 is the
//   mean of y² = (1 + 9 + 25 + 49) / 4: the unit outputs 0 for every input. Our reading of the thread, stated so it can be
//   discounted: the unit's ReLU is dead whenever its random initial weight makes w·x + b < 0 for x = 1 … 4 (about half the
//   draws), and a dead ReLU passes no gradient, so nothing can revive it.
// @fault a single ReLU unit as the regression output: when it starts negative on all inputs its gradient is 0 and the model
//   never trains (the fix: no activation on the output, as the getting-started example has).
// @data the program's own four points, x = 1 … 4, y = 1, 3, 5, 7.
// @settings Dense(1, relu) on one input, mean squared error, optimizer 'sgd' (tfjs' default learning rate 0.01), batch 32
//   (all four points), 10 epochs.
// @license the code is the reporter's; this is our transcription of it for Node (no browser callbacks).
const tf = require('@tensorflow/tfjs');

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, inputShape: [1], activation: 'relu' })); // FAULT
model.compile({ loss: 'meanSquaredError', optimizer: 'sgd' });
const xs = tf.tensor2d([1, 2, 3, 4], [4, 1]);
const ys = tf.tensor2d([1, 3, 5, 7], [4, 1]);
model.fit(xs, ys, { epochs: 10 });
