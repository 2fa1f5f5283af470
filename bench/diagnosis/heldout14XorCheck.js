// Held-out 14 label checks for the two XOR ports whose plans the sources do not print in full (docs/diagnosis-heldout14.md):
// the ports' own arithmetic (2-H-1 sigmoid, per-sample gradient descent) replayed in plain JS, because train.ts's per-case time
// limit runs out on 36,000 single-row tfjs steps at load ~40. Random row orders and starts: rerun for fresh draws.
//   node bench/diagnosis/heldout14XorCheck.js
const sig = (x) => 1 / (1 + Math.exp(-x));
function run({ W1, b1, W2, b2, lr, epochs, shuffle, lossScale, order }) {
  const X = order.x, Y = order.y;
  const H = b1.length;
  for (let e = 0; e < epochs; e++) {
    const idx = [0, 1, 2, 3];
    if (shuffle) for (let i = 3; i > 0; i--) { const j = Math.floor(Math.random() * (i + 1)); [idx[i], idx[j]] = [idx[j], idx[i]]; }
    for (const n of idx) {
      const x = X[n], y = Y[n];
      const h = Array.from({ length: H }, (_, j) => sig(W1[0][j] * x[0] + W1[1][j] * x[1] + b1[j]));
      const o = sig(h.reduce((s, v, j) => s + v * W2[j], b2));
      const dO = lossScale * (o - y) * o * (1 - o); // d loss / d pre-activation of the output
      const dH = h.map((v, j) => dO * W2[j] * v * (1 - v));
      for (let j = 0; j < H; j++) { W2[j] -= lr * dO * h[j]; W1[0][j] -= lr * dH[j] * x[0]; W1[1][j] -= lr * dH[j] * x[1]; b1[j] -= lr * dH[j]; }
      b2 -= lr * dO;
    }
  }
  return X.map((x) => { const h = Array.from({ length: H }, (_, j) => sig(W1[0][j] * x[0] + W1[1][j] * x[1] + b1[j])); return +sig(h.reduce((s, v, j) => s + v * W2[j], b2)).toFixed(4); });
}
const ct = { x: [[0, 0], [0, 1], [1, 0], [1, 1]], y: [0, 1, 1, 0] };
for (let r = 0; r < 3; r++) {
  console.log('ct155 36,000 steps, lr 0.01, ½SE:', run({ W1: [[-0.12692590266986858, -0.9357427469178123], [-0.844955757436316, 0.8173651578783794]], b1: [0.39650732687505963, -0.49808473788143637], W2: [-0.5832662974097391, 0.5308947844782579], b2: 0.2908941132572971, lr: 0.01, epochs: 9000, shuffle: true, lossScale: 1, order: ct }));
}
console.log('ct155 10x longer (360,000 steps):', run({ W1: [[-0.12692590266986858, -0.9357427469178123], [-0.844955757436316, 0.8173651578783794]], b1: [0.39650732687505963, -0.49808473788143637], W2: [-0.5832662974097391, 0.5308947844782579], b2: 0.2908941132572971, lr: 0.01, epochs: 90000, shuffle: true, lossScale: 1, order: ct }));
const inc = { x: [[0, 0], [1, 0], [0, 1], [1, 1]], y: [0, 1, 1, 0] };
const u = () => (Math.random() - 0.5) / 10;
for (let r = 0; r < 5; r++) {
  const p = { W1: [[u(), u(), u(), u()], [u(), u(), u(), u()]], b1: [u(), u(), u(), u()], W2: [u(), u(), u(), u()], b2: u() };
  console.log('incode17 10,000 samples, step 0.1, (f − y)²:', run({ ...p, lr: 0.1, epochs: 2500, shuffle: false, lossScale: 2, order: inc }));
}
for (let r = 0; r < 3; r++) {
  const p = { W1: [[u(), u(), u(), u()], [u(), u(), u(), u()]], b1: [u(), u(), u(), u()], W2: [u(), u(), u(), u()], b2: u() };
  console.log('incode17 100,000 samples:', run({ ...p, lr: 0.1, epochs: 25000, shuffle: false, lossScale: 2, order: inc }));
}
