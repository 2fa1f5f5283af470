// fd-averaging-fixed (docs/rules/dead-relu.md, "Born dead: a hidden layer"): how often is its 2-unit ReLU layer born
// dead for every row, and does the program's own plan
// (RMSprop 1e-3, batch 10, MSE) then train? The case's model and fit; its 100,000 pairs of integers 0-100 drawn by a
// stand-in generator (which integers does not matter: a unit is dead on [0, 1]² iff both its coefficients are ≤ 0).
//   node bench/diagnosis/bornDeadDraws.js [EPOCHS]   (default 1; cpu backend, ~1 min per epoch)
const tf = require('@tensorflow/tfjs');
const epochs = Number(process.argv[2] ?? 1);
let s = 53; const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
const pairs = Array.from({ length: 100000 }, () => [Math.floor(rand() * 101), Math.floor(rand() * 101)]);
const x = tf.tensor2d(pairs.map(([a, b]) => [a / 100, b / 100]));
const y = tf.tensor1d(pairs.map(([a, b]) => (a + b) / 2 / 100));
const build = () => {
  const m = tf.sequential();
  m.add(tf.layers.dense({ units: 2, inputDim: 2 }));
  m.add(tf.layers.dense({ units: 2, activation: 'relu' }));
  m.add(tf.layers.dense({ units: 1 }));
  m.compile({ optimizer: tf.train.rmsprop(0.001), loss: 'meanSquaredError' });
  return m;
};
const deadUnits = (m) => tf.tidy(() => {
  const h = m.layers[1].apply(m.layers[0].apply(x));
  return h.max(0).lessEqual(0).sum().dataSync()[0];
});
(async () => {
  await tf.setBackend('cpu');
  const draws = 400; let both = 0, one = 0; let dead, live;
  for (let i = 0; i < draws; i++) {
    const m = build(); const d = deadUnits(m);
    if (d === 2) { both++; dead ??= m; } else { if (d === 1) one++; live ??= m; }
    if (m !== dead && m !== live) m.dispose();
  }
  console.log(`tfjs glorot-uniform draws: ${draws}; both ReLU units dead for all 100,000 rows: ${both} (${(100 * both / draws).toFixed(1)} %), one: ${one}`);
  for (const [name, m] of [['born dead', dead], ['alive', live]]) {
    const before = m.getWeights().map((w) => w.dataSync().slice());
    const h = await m.fit(x, y, { epochs, batchSize: 10, verbose: 0 });
    const after = m.getWeights().map((w) => w.dataSync());
    const moved = before.map((b, i) => Math.max(...b.map((v, j) => Math.abs(after[i][j] - v))));
    console.log(`${name}: loss by epoch ${h.history.loss.map((l) => l.toPrecision(3)).join(' → ')}; dead units after: ${deadUnits(m)}; max |Δw| per tensor [k1,b1,k2,b2,k3,b3]: ${moved.map((v) => v.toPrecision(2)).join(', ')}`);
  }
  console.log(`variance of the target (the loss of a constant prediction): ${tf.moments(y).variance.dataSync()[0].toPrecision(3)}`);
})();
