// @case sd6-momentum-bs10
// @set tuned
// @moved-from heldout14 (held-out protocol: learning-rate-high's heavy-ball pace on a quadratic loss, rateCurvature.atMomentumPace, was developed with this program in view, branch lrhigh)
// @label healthy
// @source A. Zhang, Z. C. Lipton, M. Li, A. J. Smola et al., "Deep Learning - The Straight Dope" (MXNet/Gluon tutorials),
//   chapter 6 "Optimization": github.com/zackchase/mxnet-the-straight-dope@7b172d6, chapter06_optimization/momentum-scratch.ipynb (outputs saved in the notebook), the cell
//   train(batch_size=10, lr=0.2, mom=0.9, epochs=3, period=10). Its setup
//   cell: X = 1,000 rows of two N(0, 1) features, y = 2·x1 − 3.4·x2 + 4.2 + 0.01·N(0, 1); w = random_normal(scale=1, shape=(2, 1)),
//   b = 0; net(X) = X·w + b; square_loss = (ŷ − y)² / 2; the update divides the summed gradient by batch_size (the batch mean);
//   rows reshuffled every epoch (random.shuffle of the indices).
// @training the notebook prints loss 3.4819e-04, 6.6014e-05, 5.0524e-05 after epochs 1–3 and w = [1.99991, −3.39921], b = 4.19865.
// @data the notebook's generator rebuilt with our seeded normals (data.ts rng(1)): same distribution, same true w and b, not
//   MXNet's draws (mx.random.seed(1)).
// @settings momentum 0.9 at rate 0.2 (0.02 in epoch 3), batch 10, 3 epochs (300 steps): the notebook's plan. Its sgd_momentum keeps
//   v = mom·v + lr·g and steps by v; tfjs's momentum keeps a = mom·a + g and steps by lr·a: the same while the rate is constant
//   (they differ only in how the epoch-3 rate cut reaches the velocity).
// @license the book's code is Apache-2.0; this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

// The notebook's synthetic regression: two standard-normal features, y = 2·x1 − 3.4·x2 + 4.2 plus a little noise.
const draw = rng(1);
const trueW = [2, -3.4];
const trueB = 4.2;
const rows = Array.from({ length: 1000 }, () => [draw.normal(), draw.normal()]);
const targets = rows.map(([a, b]) => [trueW[0] * a + trueW[1] * b + trueB + 0.01 * draw.normal()]);
const X = tf.tensor2d(rows);
const y = tf.tensor2d(targets);

// square_loss averaged over the batch: the notebook sums (ŷ − y)² / 2 and its update divides by batch_size.
function squareLoss(labels, predictions) {
  return tf.div(tf.mean(tf.square(tf.sub(predictions, labels))), 2);
}

// init_params: w ~ N(0, 1), b = 0.
const net = tf.sequential();
net.add(tf.layers.dense({ units: 1, inputShape: [2], kernelInitializer: tf.initializers.randomNormal({ stddev: 1, seed: 1 }), biasInitializer: 'zeros' }));
const optimizer = tf.train.momentum(0.2, 0.9);
// train(): "if epoch > 2: lr *= 0.1" — the third (last) epoch runs at a tenth of the rate.
// (setLearningRate, not `optimizer.learningRate = …`: tfjs's SGD steps by a scalar that only setLearningRate rebuilds.)
const decay = {
  onEpochBegin: (epoch) => {
    optimizer.setLearningRate(epoch >= 2 ? 0.2 / 10 : 0.2);
  },
};
net.compile({ optimizer, loss: squareLoss });
net.fit(X, y, { batchSize: 10, epochs: 3, shuffle: true, callbacks: decay });
