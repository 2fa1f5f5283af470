// @case genann13-square-sigmoid
// @set heldout15
// @label buggy
// @bug output-activation
// @fault genann's default output activation is the sigmoid, whose range is (0, 1), fitted to y = x² for x in 0…9 (targets up to 81):
//   every prediction saturates at 1 and the output delta (t − o)·o·(1 − o) vanishes there. The fix is the output activation
//   (genann_act_linear, as the maintainers answer): the FAULT line is the output layer's.
// @source codeplea/genann issue #13 "Fails to learn a simple example" (2018-06-18, github.com/codeplea/genann/issues/13):
//   genann_init(1, 1, 2, 1); 10,000 calls genann_train(ann, &x, &y, .1) with x = rand() % 10, y = x·x. The library:
//   github.com/codeplea/genann@8dcd1db, genann.c — genann_randomize draws every weight (bias weights included) from U(−0.5, 0.5),
//   hidden and output activations are the sigmoid, genann_train is one backpropagation step of ½(t − o)² on one sample
//   (delta = (t − o)·o·(1 − o), w += rate·delta·input).
// @training the issue: "genann_run() returns 1 for any input instead of something close to the square"; the reporter: "my problem is
//   with the activation function. The range of the default activation function (sigmoid) is limited", and the maintainer points
//   to changing the output activation.
// @data 10,000 integers uniform on 0…9 drawn with our seeded rng (the unseeded rand() % 10), targets x².
// @settings Dense(2, sigmoid) → Dense(1, sigmoid), weights and biases U(−0.5, 0.5) (seeded here), loss ½(t − o)², SGD 0.1, one sample
//   per step in the drawn order, 10,000 steps: the plan.
// @license genann is zlib-licensed (Lewis Van Winkle); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

// for (i < 10000) { x = rand() % 10; y = x * x; genann_train(ann, &x, &y, .1); }
const draw = rng(13);
const xs = Array.from({ length: 10000 }, () => Math.floor(draw.uniform(0, 10)));
const x = tf.tensor2d(xs, [10000, 1]);
const y = tf.tensor2d(xs.map((v) => v * v), [10000, 1]);

// genann_randomize: every weight, the bias weights too, U(−0.5, 0.5).
const init = (seed) => tf.initializers.randomUniform({ minval: -0.5, maxval: 0.5, seed });
const ann = tf.sequential();
ann.add(tf.layers.dense({ units: 2, activation: 'sigmoid', inputShape: [1], kernelInitializer: init(1), biasInitializer: init(2) }));
ann.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: init(3), biasInitializer: init(4) })); // FAULT

// genann_train's output delta (t − o)·o(1 − o) is the gradient of ½(t − o)².
const halfSquaredError = (t, o) => tf.mul(0.5, tf.mean(tf.square(tf.sub(t, o))));
ann.compile({ optimizer: tf.train.sgd(0.1), loss: halfSquaredError });
ann.fit(x, y, { batchSize: 1, epochs: 1, shuffle: false });
