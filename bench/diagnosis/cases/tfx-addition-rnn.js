// @case tfx-addition-rnn
// @label healthy
// @source TensorFlow.js examples: github.com/tensorflow/tfjs-examples@0521725, addition-rnn/index.js (generateData,
//   createAndCompileModel) with the defaults of addition-rnn/index.html (2 digits, 5,000 examples, LSTM, 1 layer of 128, batch 128).
// @data the example's own generator (random a+b questions, answers as strings, one-hot characters), seeded instead of Math.random.
// @settings LSTM(128) encoder → RepeatVector(3) → LSTM(128, returnSequences) → TimeDistributed(Dense(12)) → softmax, Adam
//   (default lr 1e-3), categorical cross-entropy, batch 128.
// @profile --batch 16   (two LSTM(128) at batch 128 take ~2 s a step on wasm; 16 rows keep the case to a few seconds)
// @license tfjs-examples is Apache-2.0 (Copyright Google LLC); this is our Node translation of the model and training code.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

const digits = 2;
const trainingSize = 5000;
const hiddenSize = 128;
const chars = '0123456789+ ';
const maxLen = digits + 1 + digits;
const random = rng(42);

function generateData(count) {
  const number = () => Number.parseInt(Array.from({ length: digits }, () => Math.floor(random.uniform() * 10)).join(''));
  const seen = new Set();
  const output = [];
  while (output.length < count) {
    const a = number();
    const b = number();
    const key = Math.min(a, b) + '`' + Math.max(a, b);
    if (seen.has(key)) continue;
    seen.add(key);
    const q = `${a}+${b}`;
    output.push([q + ' '.repeat(maxLen - q.length), String(a + b).padEnd(digits + 1, ' ')]);
  }
  return output;
}

function encodeBatch(strings, numRows) {
  const buffer = tf.buffer([strings.length, numRows, chars.length]);
  strings.forEach((s, n) => [...s].forEach((c, i) => buffer.set(1, n, i, chars.indexOf(c))));
  return buffer.toTensor();
}

const data = generateData(trainingSize).slice(0, Math.floor(trainingSize * 0.9));
const trainXs = encodeBatch(data.map((d) => d[0]), maxLen);
const trainYs = encodeBatch(data.map((d) => d[1]), digits + 1);

const model = tf.sequential();
model.add(tf.layers.lstm({ units: hiddenSize, recurrentInitializer: 'glorotNormal', inputShape: [maxLen, chars.length] }));
model.add(tf.layers.repeatVector({ n: digits + 1 }));
model.add(tf.layers.lstm({ units: hiddenSize, recurrentInitializer: 'glorotNormal', returnSequences: true }));
model.add(tf.layers.timeDistributed({ layer: tf.layers.dense({ units: chars.length }) }));
model.add(tf.layers.activation({ activation: 'softmax' }));
model.compile({ loss: 'categoricalCrossentropy', optimizer: 'adam', metrics: ['accuracy'] });
model.fit(trainXs, trainYs, { epochs: 1, batchSize: 128 });
