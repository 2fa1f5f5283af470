// @case iushv-blobs-dropout
// @set heldout20
// @label healthy
// @fault none by the source's numbers: the same 2-256-256-2 ReLU MLP on the same 100 blob points as iushv-blobs-no-dropout, with
//   Dropout(0.5) after each hidden ReLU: training accuracy 93 %, test 91 %, a gap of 1.7 points on a problem whose Bayes rate is
//   about 92 %.
// @source iushv/ml_research_papers, papers/dropout (a re-implementation of Srivastava et al. 2014's dropout with its own
//   overfitting experiment) at github.com/iushv/ml_research_papers@6bb32f8: src/experiment.py (create_dataset(n_train=100,
//   n_test=1000, seed=42); MLP(2, 256, 2, use_dropout=True, dropout_p=0.5); Adam(lr=0.01); nn.CrossEntropyLoss; 200 epochs of
//   one full-batch step; model.train() while training, model.eval() to test), src/my_network.py and src/my_dropout.py
//   (inverted dropout: mask / (1 − p) while training, identity at inference).
// @training papers/dropout/README.md "Results": "With Dropout: Train=93%, Test=91% → 1.7% gap" against "Without Dropout:
//   Train=100%, Test=89% → 10.7% overfit gap".
// @data generated here as create_dataset does: 50 + 50 training points and 500 + 500 test points from the two unit-variance
//   Gaussians centred at (−1, −1) and (1, 1), from our seeded generator (torch.manual_seed(42)'s draws are not reproducible in
//   JavaScript).
// @settings Linear(2, 256) → ReLU → Dropout(0.5) → Linear(256, 256) → ReLU → Dropout(0.5) → Linear(256, 2), PyTorch's default
//   initialisation (uniform ±1/√fan_in for weights and biases); softmax cross-entropy on the logits; Adam at 0.01; one full batch
//   of 100 rows per epoch; 200 epochs; the 1,000 test points as validation data.
// @license the repository states no licence; this is our TensorFlow.js translation of the experiment's settings.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

const draw = rng(42);
const blob = (n, centre) => Array.from({ length: n }, () => [draw.normal() + centre, draw.normal() + centre]);
const points = (n) => [...blob(n / 2, -1), ...blob(n / 2, 1)];
const classes = (n) => Array.from({ length: n }, (_, i) => (i < n / 2 ? [1, 0] : [0, 1]));
const xTrain = tf.tensor2d(points(100));
const yTrain = tf.tensor2d(classes(100));
const xTest = tf.tensor2d(points(1000));
const yTest = tf.tensor2d(classes(1000));

// nn.Linear's default initialisation
const torchLinear = (units, fanIn, config) => {
  const bound = 1 / Math.sqrt(fanIn);
  const init = () => tf.initializers.randomUniform({ minval: -bound, maxval: bound });
  return tf.layers.dense({ units, kernelInitializer: init(), biasInitializer: init(), ...config });
};
const model = tf.sequential();
model.add(torchLinear(256, 2, { inputShape: [2], activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(torchLinear(256, 256, { activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(torchLinear(2, 256, {}));

const crossEntropyOnLogits = (y, logits) => tf.losses.softmaxCrossEntropy(y, logits);
model.compile({ optimizer: tf.train.adam(0.01), loss: crossEntropyOnLogits, metrics: ['accuracy'] });
model.fit(xTrain, yTrain, { batchSize: 100, epochs: 200, shuffle: false, validationData: [xTest, yTest] });
