// @case hackydh-xor-relu-momentum
// @set heldout16
// @label healthy
// @fault none: a 2-2-1 ReLU net (no output bias) fitting XOR by SGD with momentum until its squared error reaches 0.1, which the
//   notebook's run does, with all four patterns on the right side of 0.5.
// @source Hacky-DH/learn, ML/xor.ipynb at github.com/Hacky-DH/learn@22884bb (outputs saved): class Xor with nn.Linear(2, 2) → F.relu →
//   nn.Linear(2, 1, bias=False), PyTorch's default initialisation (is_init=False); optim.SGD(lr=0.001, momentum=0.9); nn.MSELoss; a
//   full-batch loop that stops when loss.item() <= 0.1.
// @training the saved output: "epoch 1000 loss 0.12947341799736023", "final loss 0.09983256459236145", "accuracy 1.0"; predictions
//   [0.0981, 0.9466, 0.5586, 0.4374] for the targets 0, 1, 1, 0.
// @data the four XOR rows, inline.
// @settings Dense(2, relu) with PyTorch's nn.Linear default U(±1/√2) for weights and bias → Dense(1, linear, no bias) U(±1/√2);
//   mean squared error; SGD 0.001 with momentum 0.9 (PyTorch's v = μv + g, tfjs's momentum update); full batch; an epoch-end
//   callback stops training once the loss is at most 0.1, as the notebook's loop does (its loop has no cap: 20,000 epochs here).
//   Seeded draws (the notebook's are unseeded).
// @license the notebook carries no licence; its code is quoted for reference; this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const trainData = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const trainLabel = tf.tensor2d([[0], [1], [1], [0]]);

// nn.Linear's default: weights and biases U(±1/√fan_in), fan_in 2 for both layers.
const linearInit = (seed) => tf.initializers.randomUniform({ minval: -Math.SQRT1_2, maxval: Math.SQRT1_2, seed });
const xor = tf.sequential();
xor.add(tf.layers.dense({ units: 2, activation: 'relu', inputShape: [2], kernelInitializer: linearInit(221), biasInitializer: linearInit(222) }));
xor.add(tf.layers.dense({ units: 1, useBias: false, kernelInitializer: linearInit(223) }));

xor.compile({ optimizer: tf.train.momentum(0.001, 0.9), loss: 'meanSquaredError' });
// while True: … if loss.item() <= 0.1: break
const stopAtTarget = new tf.CustomCallback({ onEpochEnd: async (epoch, logs) => { if (logs.loss <= 0.1) xor.stopTraining = true; } });
xor.fit(trainData, trainLabel, { batchSize: 4, epochs: 20000, shuffle: false, callbacks: [stopAtTarget] });
