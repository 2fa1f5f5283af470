// @case tfx-data-generator
// @set heldout
// @label healthy
// @source TensorFlow.js examples: github.com/tensorflow/tfjs-examples@0521725, data-generator/index.js (createDNNModel,
//   trainModelUsingFitDataset) and data-generator/game.js (the card game the generator plays); index.html's defaults:
//   batch 100, 50 batches per epoch, 50 epochs, 3 cards per hand.
// @data the example's own generator, rewritten here: two random hands of 3 cards valued 1-13; the features are player 1's
//   hand as counts per value (the sum of its one-hot cards), the label whether player 1 wins (larger group of equal cards,
//   then higher value; a tie by a coin flip). Seeded here (the example uses Math.random).
// @settings Dense(20, relu) → Dense(20, relu) → Dense(1, sigmoid); RMSprop (tfjs's 'rmsprop', lr 1e-3), binary
//   cross-entropy, fitDataset over batches of 100.
// @license tfjs-examples is Apache-2.0 (Copyright Google LLC); this is our translation of the model, training and game code.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

const CARDS = 3;
const MAX_CARD = 13;
const random = rng(2019);
const hand = () => Array.from({ length: CARDS }, () => Math.floor(1 + random.uniform() * MAX_CARD)).sort((a, b) => a - b);
// For each group size (1, 2, 3 of a kind), the value of the hand's last such group, as game.js's handScoringHelper.
function groups(cards) {
  const best = new Array(CARDS).fill(0);
  let run = 0;
  let previous = 0;
  for (const card of cards) {
    run = card === previous ? run + 1 : 1;
    previous = card;
    best[run - 1] = card;
  }
  return best;
}
function player1Wins(hand1, hand2) {
  const [a, b] = [groups(hand1), groups(hand2)];
  for (let size = CARDS - 1; size >= 0; size--) {
    if (a[size] !== b[size]) return a[size] > b[size] ? 1 : 0;
  }
  return random.uniform() > 0.5 ? 1 : 0;
}
const plays = tf.data.generator(function* () {
  while (true) {
    const [hand1, hand2] = [hand(), hand()];
    const counts = new Array(MAX_CARD).fill(0);
    for (const card of hand1) counts[card - 1]++;
    yield { xs: tf.tensor1d(counts), ys: tf.tensor1d([player1Wins(hand1, hand2)]) };
  }
});

const model = tf.sequential();
model.add(tf.layers.dense({ inputShape: [MAX_CARD], units: 20, activation: 'relu' }));
model.add(tf.layers.dense({ units: 20, activation: 'relu' }));
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid' }));
model.compile({ optimizer: 'rmsprop', loss: 'binaryCrossentropy', metrics: ['accuracy'] });
model.fitDataset(plays.batch(100), { batchesPerEpoch: 50, epochs: 50 });
