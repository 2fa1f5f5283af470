// Training evidence for unscaled-input's far-too-small side (docs/rules/unscaled-input.md): the runner fixtures'
// digit classifier (test/fixtures/runner/small-inputs/model.js: 784 → 32 ReLU → 10 softmax, SGD 0.1) trained for real
// on 256 balanced MNIST digits with pixels in [0, 1] (normalised once), divided by 255 again (normalised twice), and
// normalised twice but rescaled ×255 by the model's first layer; held-out accuracy on the next 256 digits.
//   node --import tsx bench/diagnosis/smallInput.ts [--epochs 20] [--seeds 3]
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';

const { values } = parseArgs({ options: { epochs: { type: 'string', default: '20' }, seeds: { type: 'string', default: '3' } } });
const { loadDigits } = require('../../test/fixtures/runner/lr/digits.js') as { loadDigits(n: number): { pixels: number[][]; labels: number[] } };

function model(seed: number, rescale: boolean): tf.Sequential {
  const m = tf.sequential();
  if (rescale) m.add(tf.layers.rescaling({ scale: 255, inputShape: [784] }));
  m.add(tf.layers.dense({ units: 32, activation: 'relu', kernelInitializer: tf.initializers.heNormal({ seed }), ...(rescale ? {} : { inputShape: [784] }) }));
  m.add(tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }));
  m.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return m;
}

async function main(): Promise<void> {
  const { pixels, labels } = loadDigits(512);
  const split = (from: number) => ({ x: tf.tensor2d(pixels.slice(from, from + 256)), y: tf.oneHot(tf.tensor1d(labels.slice(from, from + 256), 'int32'), 10) });
  const train = split(0);
  const test = split(256);
  const variants = [
    { name: 'pixels in [0, 1] (once)', scale: 1, rescale: false },
    { name: 'pixels / 255 twice', scale: 1 / 255, rescale: false },
    { name: 'twice, Rescaling ×255 first', scale: 1 / 255, rescale: true },
  ];
  console.log(`| variant (${values.epochs} epochs, batch 32, ${values.seeds} seeds) | train loss start → end | held-out accuracy |`);
  console.log('| --- | --- | --- |');
  for (const v of variants) {
    const rows: string[] = [];
    for (let seed = 1; seed <= Number(values.seeds); seed++) {
      const m = model(seed * 10, v.rescale);
      const history = await m.fit(tf.mul(train.x, v.scale), train.y, { epochs: Number(values.epochs), batchSize: 32, verbose: 0, shuffle: true });
      const losses = history.history.loss as number[];
      const [, acc] = m.evaluate(tf.mul(test.x, v.scale), test.y) as tf.Scalar[];
      rows.push(`${losses[0].toFixed(2)} → ${losses[losses.length - 1].toFixed(2)} / ${(await acc.data())[0].toFixed(2)}`);
    }
    const [loss, acc] = [rows.map((r) => r.split(' / ')[0]), rows.map((r) => r.split(' / ')[1])];
    console.log(`| ${v.name} | ${loss.join(', ')} | ${acc.join(', ')} |`);
  }
}

void main();
