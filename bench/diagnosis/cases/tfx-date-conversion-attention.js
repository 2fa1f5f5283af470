// @case tfx-date-conversion-attention
// @label healthy
// @source TensorFlow.js examples: github.com/tensorflow/tfjs-examples@0521725, date-conversion-attention/model.js
//   (createModel, GetLastTimestepLayer), date_format.js (the 20 input formats, the vocabularies and encodings) and train.js
//   (generateDataForTraining; fit with its defaults: batch 128, 2 epochs, shuffle).
// @data the example's own generator, rewritten here: calendar days 1950-2049 in a seeded order (tf.util.shuffle there), each
//   written in the example's 20 formats (e.g. 05JAN1999, 1/5/99, JAN 05, 1999) as the encoder input, the ISO date
//   (start code + its first 9 characters) as the decoder input and its one-hot characters as the target; 200 days
//   (4,000 rows) instead of a quarter of the 36,524 (only the first batches are profiled).
// @settings Embedding(64, maskZero) → LSTM(64, sequences) encoder; Embedding → LSTM(64) decoder started from the encoder's last
//   step; dot attention + softmax, context, concatenate, TimeDistributed Dense(64, tanh) → TimeDistributed Dense(13,
//   softmax); Adam (tfjs's 'adam', lr 1e-3), categorical cross-entropy, batch 128.
// @profile --batch 16 --backend cpu   (wasm has no UnsortedSegmentSum kernel, the gradient of an embedding lookup; two LSTMs
//   at batch 128 take seconds a step, 16 rows keep the case short)
// @license tfjs-examples is Apache-2.0 (Copyright Google LLC); this is our translation of the model, data and training code.
const tf = require('@tensorflow/tfjs');
const { shuffled } = require('./data.ts');

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const INPUT_LENGTH = 12;
const OUTPUT_LENGTH = 10;
const INPUT_VOCAB = '\n0123456789/-., ' + [...new Set(MONTHS.join(''))].join('');
const OUTPUT_VOCAB = '\n\t0123456789-';
const START_CODE = 1;
const two = (n) => String(n).padStart(2, '0');
const yy = (y) => String(y).slice(2);
const mmm = (m) => MONTHS[m - 1];
// The example's 20 input formats, in its order.
const FORMATS = [
  ([y, m, d]) => `${two(d)}${mmm(m)}${y}`, ([y, m, d]) => `${two(m)}${two(d)}${yy(y)}`, ([y, m, d]) => `${two(m)}/${two(d)}/${yy(y)}`,
  ([y, m, d]) => `${two(m)}/${two(d)}/${y}`, ([y, m, d]) => `${m}/${d}/${y}`, ([y, m, d]) => `${two(d)}-${two(m)}-${y}`,
  ([y, m, d]) => `${d}-${m}-${y}`, ([y, m, d]) => `${mmm(m)} ${two(d)} ${yy(y)}`, ([y, m, d]) => `${m}/${d}/${yy(y)}`,
  ([y, m, d]) => `${mmm(m)} ${two(d)} ${y}`, ([y, m, d]) => `${mmm(m)} ${two(d)}, ${yy(y)}`, ([y, m, d]) => `${mmm(m)} ${two(d)}, ${y}`,
  ([y, m, d]) => `${two(d)}.${two(m)}.${y}`, ([y, m, d]) => `${d}.${m}.${y}`, ([y, m, d]) => `${y}.${two(m)}.${two(d)}`,
  ([y, m, d]) => `${y}.${m}.${d}`, ([y, m, d]) => `${y}${two(m)}${two(d)}`, ([y, m, d]) => `${y}-${m}-${d}`,
  ([y, m, d]) => `${d} ${mmm(m)} ${y}`, ([y, m, d]) => `${y}-${two(m)}-${two(d)}`,
];
const iso = FORMATS[19];

const days = [];
for (let date = new Date(Date.UTC(1950, 0, 1)); date.getUTCFullYear() < 2050; date.setUTCDate(date.getUTCDate() + 1)) {
  days.push([date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]);
}
const train = shuffled(days, 1).slice(0, 200);
const encode = (text, vocab, length) => Array.from({ length }, (_, j) => (j < text.length ? vocab.indexOf(text[j]) : 0));
const encoderRows = FORMATS.flatMap((format) => train.map((day) => encode(format(day), INPUT_VOCAB, INPUT_LENGTH)));
const targetCodes = train.map((day) => encode(iso(day), OUTPUT_VOCAB, OUTPUT_LENGTH));
const decoderRows = FORMATS.flatMap(() => targetCodes.map((codes) => [START_CODE, ...codes.slice(0, OUTPUT_LENGTH - 1)]));
const encoderInput = tf.tensor2d(encoderRows);
const decoderInput = tf.tensor2d(decoderRows);
const decoderOutput = tf.oneHot(tf.tensor2d(FORMATS.flatMap(() => targetCodes), undefined, 'int32'), OUTPUT_VOCAB.length);

// The encoder's last time step, the decoder LSTM's initial state (the example's GetLastTimestepLayer).
class GetLastTimestepLayer extends tf.layers.Layer {
  constructor(config) {
    super(config || {});
    this.supportMasking = true; // sic: the example's spelling (tfjs reads supportsMasking)
  }
  computeOutputShape(inputShape) {
    const outputShape = inputShape.slice();
    outputShape.splice(outputShape.length - 2, 1);
    return outputShape;
  }
  call(input) {
    const x = Array.isArray(input) ? input[0] : input;
    return x.gather([x.shape[1] - 1], 1).squeeze([1]);
  }
  static get className() {
    return 'GetLastTimestepLayer';
  }
}
tf.serialization.registerClass(GetLastTimestepLayer);

const encoderIn = tf.input({ shape: [INPUT_LENGTH] });
const decoderIn = tf.input({ shape: [OUTPUT_LENGTH] });
let encoder = tf.layers.embedding({ inputDim: INPUT_VOCAB.length, outputDim: 64, inputLength: INPUT_LENGTH, maskZero: true }).apply(encoderIn);
encoder = tf.layers.lstm({ units: 64, returnSequences: true }).apply(encoder);
const encoderLast = new GetLastTimestepLayer({ name: 'encoderLast' }).apply(encoder);
let decoder = tf.layers.embedding({ inputDim: OUTPUT_VOCAB.length, outputDim: 64, inputLength: OUTPUT_LENGTH, maskZero: true }).apply(decoderIn);
decoder = tf.layers.lstm({ units: 64, returnSequences: true }).apply(decoder, { initialState: [encoderLast, encoderLast] });
let attention = tf.layers.dot({ axes: [2, 2] }).apply([decoder, encoder]);
attention = tf.layers.activation({ activation: 'softmax', name: 'attention' }).apply(attention);
const context = tf.layers.dot({ axes: [2, 1], name: 'context' }).apply([attention, encoder]);
const combined = tf.layers.concatenate().apply([context, decoder]);
let output = tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 64, activation: 'tanh' }) }).apply(combined);
output = tf.layers.timeDistributed({ layer: tf.layers.dense({ units: OUTPUT_VOCAB.length, activation: 'softmax' }) }).apply(output);
const model = tf.model({ inputs: [encoderIn, decoderIn], outputs: output });
model.compile({ loss: 'categoricalCrossentropy', optimizer: 'adam' });
model.fit([encoderInput, decoderInput], decoderOutput, { epochs: 2, batchSize: 128, shuffle: true });
