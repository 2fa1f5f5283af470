// @case fd-averaging-buggy
// @set heldout2
// @label healthy
// @source-bug hidden-activation
// @source DeepFD benchmark (Cao, Li, Pan, Tan & Zhang, ICSE'22): github.com/ArabelaTso/DeepFD@9fe0895,
//   Benchmark-with-patches.xlsx row 58 ("Missing/Redundant/Wrong Layers"); the program is
//   github.com/vincenty2022/Averaging_Neural_Networks@34c5f2c keras_net.py, fixed by commit 53c5940 ("added hidden
//   layer which was previously forgotten").
// @fault Dense(2) straight into Dense(1), no activation anywhere: the fix inserts Dense(2, relu) between them.
// @data 100,000 pairs of integers 0-100 and their average, all divided by 100, as the program generates them (Python's
//   unseeded random.randint: a seeded stand-in).
// @settings Dense(2) → Dense(1), Keras default glorot-uniform kernels, MSE, RMSprop (Keras default lr 1e-3), batch 10,
//   10 epochs.
// @training train.ts (wasm, 2 of its 10 epochs): MSE 0.00441 → 8.4e-6, as low as the fixed program's 5.0e-6: the average of
//   two numbers is linear, so the model without a hidden activation fits it; DeepFD's label kept.
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

const random = rng(53);
const pairs = Array.from({ length: 100000 }, () => [Math.floor(random.uniform(0, 101)), Math.floor(random.uniform(0, 101))]);
const trainingInput = tf.tensor2d(pairs.map(([a, b]) => [a / 100, b / 100]));
const trainingOutput = tf.tensor1d(pairs.map(([a, b]) => (a + b) / 2 / 100));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 2, inputDim: 2 })); // SOURCE-FAULT
model.add(tf.layers.dense({ units: 1 }));
model.compile({ optimizer: tf.train.rmsprop(0.001), loss: 'meanSquaredError' });
model.fit(trainingInput, trainingOutput, { epochs: 10, batchSize: 10 });
// @source-label buggy
// @relabel buggy → healthy (coordinator, on the misses engineer's measurement and the @training line above): the program
//   learns the average of two numbers, a linear function, which Dense(2) → Dense(1) represents exactly; its own plan fits it
//   as well as the fixed program (MSE 8.4e-6 vs 5.0e-6), and the fix's Dense(2, relu) is born dead for every row in 8.3 % of
//   Glorot draws and then never trains (bench/diagnosis/bornDeadDraws.js, cae1b16). A missing hidden activation is a fault
//   where the target is non-linear (Goodfellow §6.1); here nothing in the program keeps it from training: healthy. The
//   source's label is kept in @source-label and scored both ways. Tags appended after the code: no line moved.
