// @case hackydh-xor-relu-momentum
// @set heldout16
// @label buggy
// @bug dead-relu
// @source-label healthy
// @fault this port's seeded draws (221–223) start one of the two hidden ReLUs dead on all four rows; the other alone cannot fit XOR.
// @relabel the notebook's run was an unseeded draw that trained; this port's seeded one does not: train.ts (wasm, 2026-12-07) loss 0.501 → 0.500 over all 20,000 epochs, 1 of 2 first-layer units dead before and after.
// @source Hacky-DH/learn, ML/xor.ipynb at github.com/Hacky-DH/learn@22884bb (outputs saved): class Xor with nn.Linear(2, 2) → F.relu →
//   nn.Linear(2, 1, bias=False), PyTorch's default initialisation (is_init=False); optim.SGD(lr=0.001, momentum=0.9); nn.MSELoss; a
//   full-batch loop that stops when loss.item() <= 0.1.
// @training the saved output: "epoch 1000 loss 0.12947341799736023", "final loss 0.09983256459236145", "accuracy 1.0"; predictions
//   [0.0981, 0.9466, 0.5586, 0.4374] for the targets 0, 1, 1, 0.
// @data the four XOR rows, inline.
// @settings Dense(2, relu), U(±1/√2) kernels and biases (nn.Linear's default) → Dense(1, linear, no bias) U(±1/√2); MSE; SGD
//   0.001, momentum 0.9; full batch; stops at loss ≤ 0.1 as the notebook's loop (20,000 epochs cap). Seeded draws (not the notebook's).
// @license the notebook carries no licence; its code is quoted for reference; this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const trainData = tf.tensor2d([[0, 0], [0, 1], [1, 0], [1, 1]]);
const trainLabel = tf.tensor2d([[0], [1], [1], [0]]);

// nn.Linear's default: weights and biases U(±1/√fan_in), fan_in 2 for both layers.
const linearInit = (seed) => tf.initializers.randomUniform({ minval: -Math.SQRT1_2, maxval: Math.SQRT1_2, seed });
const xor = tf.sequential();
xor.add(tf.layers.dense({ units: 2, activation: 'relu', inputShape: [2], kernelInitializer: linearInit(221), biasInitializer: linearInit(222) })); // FAULT
xor.add(tf.layers.dense({ units: 1, useBias: false, kernelInitializer: linearInit(223) })); // FAULT

xor.compile({ optimizer: tf.train.momentum(0.001, 0.9), loss: 'meanSquaredError' });
// while True: … if loss.item() <= 0.1: break
const stopAtTarget = new tf.CustomCallback({ onEpochEnd: async (epoch, logs) => { if (logs.loss <= 0.1) xor.stopTraining = true; } });
xor.fit(trainData, trainLabel, { batchSize: 4, epochs: 20000, shuffle: false, callbacks: [stopAtTarget] });
