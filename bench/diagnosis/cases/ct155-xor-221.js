// @case ct155-xor-221
// @set heldout14
// @label buggy
// @bug wrong-init
// @fault a 2-2-1 sigmoid network trained on XOR by per-sample gradient descent from one of the library's random draws (weights and
//   biases U(−1, 1)) that the reporter serialised because it "displays this problem": from this start the network does not solve
//   XOR. The reporter asks whether the cause is the activation or the code; the start (and the two-unit hidden layer that makes
//   such starts common) is what differs from the runs that converge, so the FAULT lines are the two layers that carry the drawn
//   weights.
// @source D. Shiffman / The Coding Train, Toy-Neural-Network-JS: issue #155 "Training does not reliably converge, even with the
//   simple XOR problem" (github.com/CodingTrain/Toy-Neural-Network-JS/issues/155): the XOR example's four rows and
//   NeuralNetwork.deserialize({ input_nodes: 2, hidden_nodes: 2, output_nodes: 1, weights_ih, weights_ho, bias_h, bias_o,
//   learning_rate: 0.01 }) with the weights below. The library: github.com/CodingTrain/Toy-Neural-Network-JS@e961042, lib/nn.js
//   (sigmoid hidden and output units; train(): output error = target − output, deltas = lr · error · y(1 − y) times the layer's
//   input, i.e. one gradient step on ½(target − output)² per call); the example sketch (examples/xor/sketch.js @1ceadaa) calls
//   train on 10 rows drawn at random per frame.
// @training the issue: "In many instances, it just cannot solve the simple XOR problem. For instance, I had serialized one of
//   the randomly generated NeuralNetworks that displays this problem". The thread prints no loss; the port's plan was trained to
//   check the label (docs/diagnosis-heldout14.md).
// @data the four XOR rows, inline.
// @settings Dense(2, sigmoid) → Dense(1, sigmoid) with the serialised weights (weights_ih is hidden × input, transposed here to
//   tfjs's input × hidden), loss ½(y − ŷ)², SGD 0.01, batch 1, 9,000 epochs of the 4 rows shuffled (36,000 steps: one minute of
//   the sketch at 60 frames a second; the sketch draws rows with replacement and runs until the page closes). The library
//   back-propagates the hidden error through the output weights after updating them; tfjs uses the weights before the step.
// @license the repository is MIT-licensed; this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const xs = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const ys = tf.tensor2d([[0], [1], [1], [0]]);

// The library's train(): one step on half the squared error of the one output.
function halfSquaredError(targets, outputs) {
  return tf.div(tf.mean(tf.square(tf.sub(targets, outputs))), 2);
}

// The reporter's serialised network.
const nn = tf.sequential();
nn.add(tf.layers.dense({ units: 2, activation: 'sigmoid', inputShape: [2], weights: [tf.tensor2d([[-0.12692590266986858, -0.9357427469178123], [-0.844955757436316, 0.8173651578783794]]), tf.tensor1d([0.39650732687505963, -0.49808473788143637])] })); // FAULT
nn.add(tf.layers.dense({ units: 1, activation: 'sigmoid', weights: [tf.tensor2d([[-0.5832662974097391], [0.5308947844782579]]), tf.tensor1d([0.2908941132572971])] })); // FAULT
nn.compile({ optimizer: tf.train.sgd(0.01), loss: halfSquaredError });
nn.fit(xs, ys, { batchSize: 1, epochs: 9000, shuffle: true });
