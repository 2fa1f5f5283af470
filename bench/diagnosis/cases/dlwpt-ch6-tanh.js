// @case dlwpt-ch6-tanh
// @set heldout7
// @label healthy
// @source E. Stevens, L. Antiga & T. Viehmann, Deep Learning with PyTorch (Manning 2020), chapter 6 "Using a neural network
//   to fit the data", its code at github.com/deep-learning-with-pytorch/dlwpt-code@d6c0210, p1ch6/1_neural_networks.ipynb:
//   nn.Sequential(Linear(1, 8), Tanh(), Linear(8, 1)) (PyTorch's default initialisation), MSELoss, optim.SGD(lr=1e-3) on the
//   nine training readings (t_un = 0.1 · t_u) as one batch for 5,000 epochs, the two others for validation. The stored run:
//   training loss 182.97 → 6.66 at epoch 1,000 → 2.97 at 3,000 → 2.28 at 4,000, validation 231.9 → 3.73 → 1.00 → 1.66 —
//   the chapter's working network (it fits the curvature the linear model could not).
// @data the chapter's eleven thermometer readings, inline in the notebook, split as the notebook's own run printed it
//   (train indices [5, 6, 1, 4, 9, 0, 3, 2, 8], validation [7, 10]).
// @settings Dense(8, tanh) → Dense(1), weights and biases uniform(±1/√fan_in) (torch.nn.Linear's default), MSE, SGD lr 1e-3,
//   full batch (9), 5,000 epochs, validation data.
// @license the repository states no licence: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');

const t_c = [0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0];
const t_u = [35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4];
const train_indices = [5, 6, 1, 4, 9, 0, 3, 2, 8];
const val_indices = [7, 10];
const t_un = (indices) => tf.tensor2d(indices.map((i) => 0.1 * t_u[i]), [indices.length, 1]);
const t_cs = (indices) => tf.tensor2d(indices.map((i) => t_c[i]), [indices.length, 1]);

// torch.nn.Linear: weight and bias uniform(-1/sqrt(in_features), 1/sqrt(in_features))
const torchLinear = (units, fanIn, config) => {
  const bound = 1 / Math.sqrt(fanIn);
  const init = () => tf.initializers.randomUniform({ minval: -bound, maxval: bound });
  return tf.layers.dense({ units, kernelInitializer: init(), biasInitializer: init(), ...config });
};
const seq_model = tf.sequential();
seq_model.add(torchLinear(8, 1, { inputShape: [1], activation: 'tanh' })); // hidden_linear + hidden_activation
seq_model.add(torchLinear(1, 8, {})); // output_linear
seq_model.compile({ loss: 'meanSquaredError', optimizer: tf.train.sgd(1e-3) });
seq_model.fit(t_un(train_indices), t_cs(train_indices), { batchSize: 9, epochs: 5000, shuffle: false, validationData: [t_un(val_indices), t_cs(val_indices)] });
