// @case so58887284-sigmoid-positive-target
// @moved-from heldout19 (held-out protocol: its linear-probe numbers made the regression reading of capacity-linear require an identity output, branch capacity)
// @label healthy
// @fault none by the source's statement: the answer to Stack Overflow question 58887284 — the same one-unit sigmoid model fitting the
//   positive curve f(x) = 1/(e^{10x} + 1) = sigmoid(−10x), which the unit represents exactly (weight −10, bias 0): "simply learning
//   f = lambda x: 1./(np.exp(10.*x)+1.) works fine". The twin so58887284-sigmoid-negative-target fits the negated curve.
// @source Stack Overflow question 58887284, "Why is the neural network not learning the curve?" (2019),
//   https://stackoverflow.com/questions/58887284, and its answer: f = lambda x: - 1./(np.exp(10.*x)+1.); x_train = np.linspace(-1,
//   1, 111), y_train = f(x_train); tf.keras Sequential([Dense(1, activation='sigmoid', input_shape=(1,), use_bias=True)]);
//   compile(optimizer=Adam(0.01), loss='mse', metrics=['MeanAbsoluteError']). The question does not show its fit call (the
//   program is in a linked notebook): 500 epochs of Keras's default batch of 32 are assumed here.
// @training the answer: "In your case, simply learning f = lambda x: 1./(np.exp(10.*x)+1.) works fine"; the asker's negated curve
//   "does not learn". No loss values are printed: the label rests on the written statement.
// @data generated here as the question does: x = 111 points evenly spaced on [−1, 1], f(x) = 1/(e^{10x} + 1) (the answer's positive curve).
// @settings Dense(1, sigmoid), Keras defaults (Glorot-uniform kernel, zero bias); mean squared error; Adam at 0.01; batches of 32,
//   shuffled; 500 epochs (assumed, above).
// @license Stack Overflow content is CC BY-SA; this is our TensorFlow.js translation of the question's program.
const tf = require('@tensorflow/tfjs');

const xs = Array.from({ length: 111 }, (_, i) => -1 + (2 * i) / 110);
const x = tf.tensor2d(xs.map((v) => [v]));
const y = tf.tensor2d(xs.map((v) => [1 / (Math.exp(10 * v) + 1)]));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', inputShape: [1], useBias: true }));
model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
model.fit(x, y, { epochs: 500, batchSize: 32, shuffle: true });
