// @case apr10-linear-lr0001
// @set heldout12
// @label healthy
// @source paiml/aprender, the book's chapter 10 example ("Training with aprender-train") after its fix:
//   github.com/paiml/aprender@bd490dc, crates/aprender-core/examples/ch10_training.rs — Sequential(Linear(2, 4), Linear(4, 1)),
//   x [[1, 2], [3, 4], [5, 6], [7, 8]], y [3, 7, 11, 15] (y = x1 + x2), MSELoss, SGD(learning_rate 0.001, the comment: "the
//   learning rate here was 0.01, which DIVERGES on this data"), one step then a 100-epoch loop of full-batch steps, asserting the
//   final loss below the initial; Linear::new: Xavier-uniform weights, biases U(±1/√fan-in) (crates/aprender-core/src/nn/linear.rs).
//   The measurements: github.com/paiml/aprender/pull/2459.
// @training the example's comment and pull request #2459: "lr 0.001 -> 110.38 converging to 0.0000" (measured on this exact
//   example), against NaN at 0.01.
// @data the example's four rows, inline.
// @settings Dense(4, linear) → Dense(1, linear), Glorot-uniform kernels, biases U(±1/√fan-in), mean squared error, SGD 0.001, one
//   batch of 4 rows, 101 epochs (the example's first step and its 100-epoch loop).
// @license MIT (Copyright Pragmatic AI Labs); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const x = tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8]]);
const y = tf.tensor2d([[3], [7], [11], [15]]);
// aprender's Linear::new: Xavier-uniform weights, biases drawn from U(±1/√in_features) as torch.nn.Linear does.
const biasFor = (fanIn) => tf.initializers.randomUniform({ minval: -1 / Math.sqrt(fanIn), maxval: 1 / Math.sqrt(fanIn) });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 4, inputShape: [2], kernelInitializer: 'glorotUniform', biasInitializer: biasFor(2) }));
model.add(tf.layers.dense({ units: 1, kernelInitializer: 'glorotUniform', biasInitializer: biasFor(4) }));
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.sgd(0.001) });
model.fit(x, y, { batchSize: 4, epochs: 101 });
