// @case incode17-xor-twolayer
// @set heldout14
// @label buggy
// @bug lr-low
// @fault J. Le's "purely functional typed models" two-layer XOR network (2 → 4 logistic → 1 logistic) trained by per-sample
//   gradient descent with step 0.1 from parameters drawn in ±0.05: near that start the hidden units are almost identical and
//   the output sits at 0.5 (the XOR saddle), and the post's plan of 10,000 samples (2,500 passes over the four rows) ends
//   before training leaves it. The thread's fix is a longer plan ("Two-layer model can learn XOR by taking more samples"):
//   the FAULT line is the fit call that sets the plan.
// @source mstksg/inCode issue #17 "two-layer model fails to learn XOR" (github.com/mstksg/inCode/issues/17), on the blog post
//   "Purely Functional Typed Models, Part 1"; the program: github.com/mstksg/inCode@d23fb13, code-samples/functional-models/model.hs,
//   testTrainTwoLayer (the same lines at fb77708, the version of the issue's date): model = feedForwardLog' @4 @1 <~
//   feedForwardLog' @2 @4 (feedForwardLog' = logistic ∘ (w #> x + b)); trainModelIO draws every parameter as (U(0, 1) − 0.5) / 10;
//   trainModel folds p − 0.1 · ∇(f(x) − y)² over `take 10000 (cycle samps)`, the four XOR rows in order (the issue corrects the
//   post's typo in the last row's target, 1 → 0).
// @training the issue prints the trained model's outputs for the four rows: 0.49799, 0.50095, 0.49943, 0.50226 (targets 0, 1,
//   1, 0); the author: "I do remember things working out when I tried it like the post suggests. What happens when you try taking
//   more samples?"; the reporter: "Two-layer model can learn XOR by taking more samples."
// @data the four XOR rows, inline, in the post's order.
// @settings Dense(4, sigmoid) → Dense(1, sigmoid), every weight and bias U(−0.05, 0.05) (seeded here), loss (ŷ − y)² (not halved,
//   as squaredErrorGrad), SGD 0.1, batch 1, the rows in order (no shuffle), 2,500 epochs = the post's 10,000 samples.
// @license the program is the blog repository's code sample (no licence stated in the file); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const samps = tf.tensor2d([[0, 0], [1, 0], [0, 1], [1, 1]]);
const targets = tf.tensor2d([[0], [1], [1], [0]]);

// trainModelIO's start: (random − 0.5) / 10 for every parameter, biases included.
const small = (seed) => tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed });
const model = tf.sequential();
model.add(tf.layers.dense({ units: 4, activation: 'sigmoid', inputShape: [2], kernelInitializer: small(1), biasInitializer: small(2) }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: small(3), biasInitializer: small(4) }));
// squaredErrorGrad: the gradient of (f(x) − y)² for one observation, stepped by 0.1.
model.compile({ optimizer: tf.train.sgd(0.1), loss: (y, yHat) => tf.sum(tf.square(tf.sub(yHat, y))) });
model.fit(samps, targets, { batchSize: 1, epochs: 2500, shuffle: false }); // FAULT
