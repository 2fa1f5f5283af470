// @case k126-softmax-one-unit
// @set heldout10
// @label buggy
// @bug output-activation
// @fault a binary target trained through a one-unit softmax: softmax over a single output is exp(z)/exp(z) = 1 whatever z, so
//   the prediction never moves and no gradient reaches the weights; the reporter sees the loss and validation loss not improve
//   and predict_proba give all ones. The fix is a sigmoid on the unit (or two softmax units).
// @source GitHub issue github.com/keras-team/keras/issues/126 ("MLP example doesn't make progress", 2015-05-13): the README's MLP
//   example on an 8-row toy set — Dense(2, 64, init='uniform', tanh) → Dropout(0.5) → Dense(64, 64, uniform, tanh) → Dropout(0.5)
//   → Dense(64, 1, uniform, softmax), mean_squared_error, SGD(lr=0.1, decay=1e-6, momentum=0.9, nesterov=True).
// @training the issue: "the loss and validation loss don't improve, and y-hat is always just all zeros. predict_proba gives all
//   ones"; fchollet on the same mistake elsewhere (keras#500): "Softmax on an array of size 1 is always 1, by definition".
// @data inline: the 8 rows, label = (x0 + x1 > 0.5).
// @settings Dense(64, tanh) → Dropout(0.5) → Dense(64, tanh) → Dropout(0.5) → Dense(1, softmax), kernels U(−0.05, 0.05) (Keras 0.x
//   'uniform'), MSE, SGD 0.1 with Nesterov momentum 0.9 (tfjs has no per-step decay; 1e-6 is negligible here), batch 16 and 20
//   epochs (the fit call's arguments are cut off in the stored issue text: the README example's nb_epoch=20, batch_size=16).
// @license issue text quoted under GitHub's terms; this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const rows = [[0.0, 0.1], [0.6, 0.8], [0.1, 0.2], [0.9, 0.8], [0.9, 0.7], [0.3, 0.0], [0.2, 0.2], [0.5, 0.9]];
const X = tf.tensor2d(rows);
const y = tf.tensor2d(rows.map(([a, b]) => [a + b > 0.5 ? 1 : 0]));
const uniform = () => tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05 });

const model = tf.sequential();
model.add(tf.layers.dense({ units: 64, inputShape: [2], activation: 'tanh', kernelInitializer: uniform() }));
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(tf.layers.dense({ units: 64, activation: 'tanh', kernelInitializer: uniform() }));
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(tf.layers.dense({ units: 1, activation: 'softmax', kernelInitializer: uniform() })); // FAULT
model.compile({ loss: 'meanSquaredError', optimizer: tf.train.momentum(0.1, 0.9, true) });
model.fit(X, y, { batchSize: 16, epochs: 20 });
