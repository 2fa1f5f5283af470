// @case flux798-conv-relu-adam
// @set heldout15
// @label buggy
// @bug dead-relu
// @fault one 64×64 ReLU convolution over a 100×100 input of U(0, 1) values, trained by ADAM at 0.01: Adam moves each of the 4,096
//   kernel weights by about the rate on the first step, all in the sign that lowers the two positive outputs, which shifts every
//   pre-activation by thousands of rate-sized steps summed over positive inputs — all four outputs turn negative, the ReLU passes
//   no gradient, and the loss never moves again. A fix edits the ReLU layer or the rate: both FAULT lines.
// @source FluxML/Flux.jl issue #798 "Flux is not training model" (2019-06-25, github.com/FluxML/Flux.jl/issues/798): η = 0.01;
//   model = Conv((64, 64), 1=>1, relu, stride=30); loss(x, y) = Flux.mse(model(x), y); dataset = [(rand(100,100,1,1),
//   rand(2,2,1,1))]; opt = ADAM(η); ten calls of Flux.train!(loss, params(model), dataset, opt). (An earlier set quoted Flux.jl
//   #1352, the guide's line fit; this thread is a different program.)
// @training the issue prints model(x) = [0.0 0.0; 1.46359 0.0] and loss 0.2001 before training, then loss 0.29602579662457984 after
//   every one of the ten steps: "Apparently the training procedure makes the parameters of the model null, and no further
//   training happens".
// @data one 100×100 input of U(0, 1) values and one 2×2 target of U(0, 1) values, drawn here with our seeded rng (the rand()
//   is unseeded).
// @settings Conv2D(1 filter, 64×64, stride 30, relu) with Flux's glorot_uniform kernel and zero bias (seeded here), MSE, Adam 0.01
//   (β 0.9, 0.999; ε 1e-8 as Flux's ADAM), one batch of one sample, 10 steps: the plan.
// @license the code is quoted under GitHub's terms for issue content; this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { rng } = require('./data.ts');

// dataset = [(rand(100,100,1,1), rand(2,2,1,1))]: one image and one 2×2 target (channels last here).
const draw = rng(798);
const x = tf.tensor4d(Array.from({ length: 100 * 100 }, () => draw.uniform()), [1, 100, 100, 1]);
const y = tf.tensor4d(Array.from({ length: 4 }, () => draw.uniform()), [1, 2, 2, 1]);

const model = tf.sequential();
model.add(tf.layers.conv2d({ inputShape: [100, 100, 1], filters: 1, kernelSize: 64, strides: 30, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 798 }), biasInitializer: 'zeros' })); // FAULT
const opt = tf.train.adam(0.01, 0.9, 0.999, 1e-8); // FAULT
model.compile({ optimizer: opt, loss: 'meanSquaredError' });
model.fit(x, y, { batchSize: 1, epochs: 10 });
