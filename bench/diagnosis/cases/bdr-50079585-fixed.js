// @case bdr-50079585-fixed
// @set heldout4
// @label healthy
// @source Stack Overflow question 50079585 (a Keras car-damage classifier), from DeepLocalize's benchmark (Wardat et al.,
//   ICSE'21) as reproduced with its images in BenchDL4Real (Humbatova et al., "Real Faults in Deep Learning Fault
//   Benchmarks: How Real Are They?"): github.com/dlfaults/HowRealAreThey@358a4a1,
//   BenchDL4Real/DeepLocalize/50079585/BuggyCode/origin.py and CorrectCode/repair.py. That study's 20 runs of each
//   (ReproductionResults/DeepLocalize/output_csvs/50079585_*.csv): buggy accuracy 0.32 in every run with a negative loss
//   (mean −1.4e8), fixed accuracy 0.44–0.54 (mean 0.49) with loss ≈ 1.0.
// @data the program's own images (data3a, committed in BenchDL4Real; extracted by prepare.ts to ~/.cache): the first 48 of
//   each class for training and 24 for validation, resized to 64×64 instead of the program's 150×150 (a 150×150 conv net
//   is far over the profile's time limit on wasm) and rescaled by 1/255 as its ImageDataGenerator does; the training
//   generator's shear/zoom/flip augmentation is left out. Labels in flow_from_directory's order: 0 minor, 1 moderate,
//   2 severe.
// @settings Conv2D(32,3) → relu → MaxPool 2 → Conv2D(32,3) → relu → MaxPool 2 → Conv2D(64,3) → relu → MaxPool 2 → Flatten →
//   Dense(64) → relu → Dropout 0.5 → Dense(3) → softmax, RMSprop (Keras default lr 1e-3), categorical cross-entropy,
//   batch 16, 10 epochs.
// @license the repository carries no licence file; the images are not copied (prepare.ts extracts them outside the
//   repository); this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table, shuffled } = require('./data.ts');

const SIZE = 64;
const load = (name) => {
  const rows = shuffled(table(name).rows, 50079585);
  const images = tf.tidy(() => tf.tensor2d(rows.map((r) => r.slice(1))).div(255).reshape([rows.length, SIZE, SIZE, 3]));
  return [images, tf.oneHot(tf.tensor1d(rows.map((r) => r[0]), 'int32'), 3).toFloat()];
};
const [trainX, trainY] = load('bdr-50079585-training');
const [validX, validY] = load('bdr-50079585-validation');

const model = tf.sequential();
model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3, inputShape: [SIZE, SIZE, 3] }));
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.conv2d({ filters: 32, kernelSize: 3 }));
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3 }));
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 64 }));
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(tf.layers.dense({ units: 3 }));
model.add(tf.layers.activation({ activation: 'softmax' }));
model.compile({ loss: 'categoricalCrossentropy', optimizer: 'rmsprop', metrics: ['accuracy'] });
model.fit(trainX, trainY, { epochs: 10, batchSize: 16, validationData: [validX, validY] });
