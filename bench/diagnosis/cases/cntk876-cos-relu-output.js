// @case cntk876-cos-relu-output
// @moved-from heldout16 (held-out protocol: the tenth-of-the-rate reading of saturation/vanishing and the dying ReLU output were developed with this program's profiles in view, branch symptom)
// @label buggy
// @bug dead-relu, output-activation
// @fault a 1-200-1 regression of y = 5·(1 + cos(2πx/10)) on x in [0, 10] whose output layer is a ReLU like its hidden layer
//   (DNNReluLayer both times), all parameters U(±0.05): once the output unit's pre-activation is negative for the inputs, the ReLU
//   passes no gradient and the output stays 0 — the squared error then sits at E[y²] = 25 + 12.5 = 37.5, the reporter's "always
//   around 30/40 and never decrease" at every rate and minibatch tried. The FAULT line is the output layer's activation.
// @source microsoft/CNTK issue #876 "try to learn a simple function (regression)" (2016-09-28, github.com/microsoft/CNTK/issues/876):
//   BrainScriptNetworkBuilder with DNNReluLayer(inDim, outDim, x, wScale) = RectifiedLinear(W * x + b), W and b LearnableParameter
//   init "uniform" initValueScale wScale; h1 = DNNReluLayer(1, 200, features, 1); z = DNNReluLayer(200, 1, h1, 1); criterion
//   SquareError(labels, z); 100,000 samples x = frand(0, 10), y = 5 * (1 + cos(2π x / 10)).
// @training the reporter: "My Squared error is always around 30/40 and never decrease. I tried with a learningRate of 0.1, 1 or 10;
//   also with miniBatch=10, 128 or 1000". (No answer with a fix is in the stored thread; the reading above is ours, from the printed
//   error: 37.5 is the loss of predicting 0.)
// @data 100,000 rows x ~ U(0, 10), y = 5·(1 + cos(2πx/10)), drawn here with our seeded rng (the frand is unseeded).
// @settings Dense(200, relu) → Dense(1, relu), every weight and bias U(±0.05) (CNTK's init "uniform", scale 1); squared error; SGD
//   at 0.1 on the minibatch mean, minibatch 128 — one of the reporter's stated combinations; the SGD block's epoch count is not in the
//   stored thread: 3 epochs (2,346 steps) here. Rows shuffled.
// @license CNTK is MIT-licensed (Microsoft); the configuration is quoted from the issue; this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

const draw = rng(876);
const xs = Array.from({ length: 100000 }, () => draw.uniform(0, 10));
const features = tf.tensor2d(xs, [xs.length, 1]);
const labels = tf.tensor2d(xs.map((x) => 5 * (1 + Math.cos((2 * Math.PI * x) / 10))), [xs.length, 1]);

// LearnableParameter(init = "uniform", initValueScale = 1): U(±0.05).
const uniform = (seed) => tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed });
const model = tf.sequential();
model.add(tf.layers.dense({ units: 200, activation: 'relu', inputShape: [1], kernelInitializer: uniform(1), biasInitializer: uniform(2) }));
model.add(tf.layers.dense({ units: 1, activation: 'relu', kernelInitializer: uniform(3), biasInitializer: uniform(4) })); // FAULT

model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
model.fit(features, labels, { batchSize: 128, epochs: 3, shuffle: true });
