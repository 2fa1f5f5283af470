// @case nzh-kaiming
// @moved-from heldout6 (held-out protocol: its class-imbalance alarm motivated the next-token reading of that rule, branch falsealarms)
// @label healthy
// @source Andrej Karpathy, "Neural Networks: Zero to Hero", makemore lectures, github.com/karpathy/nn-zero-to-hero@73c3fcc:
//   lectures/makemore/makemore_part2_mlp.ipynb (the character-level MLP of Bengio et al. 2003: 10-dimensional embeddings of
//   3 context characters → 200 tanh units → 27 logits, cross-entropy, 200,000 SGD steps on random minibatches of 32, lr 0.1
//   then 0.01) and lectures/makemore/makemore_part3_bn.ipynb, whose "loss log" records what each fix of the lecture gave:
//   original train 2.1245 / val 2.1682; "fix softmax confidently wrong" 2.07 / 2.13; "fix tanh layer too saturated at init"
//   2.0356 / 2.1027; "use semi-principled kaiming init instead of hacky init" 2.0377 / 2.1070; "add batch norm layer"
//   2.0668 / 2.1048.
// @data the 32,033 names of github.com/karpathy/makemore@988aa59 (names.txt), extracted by bench/diagnosis/prepare.ts
//   (prepareHeldout6.ts); the lectures' build_dataset with block_size 3 on the first 80 % of the shuffled names (182k
//   examples; random.seed(42)'s shuffle is replaced by a seeded one).
// @profile --backend cpu   (wasm has no UnsortedSegmentSum kernel, the gradient of an embedding lookup)
// @settings Embedding(27, 10) → flatten → Dense(200, tanh) → Dense(27) logits, W1 N(0, (5/3)²/30) (Kaiming for tanh), b1 N(0, 0.01²), W2 N(0, 0.01²), b2 = 0 (the lecture's "kaiming init" step, whose b1 × 0.01 the final notebook keeps as a comment); cross-entropy on the
//   logits, plain SGD lr 0.1 then 0.01 after half the steps, batch 32, ~200,000 steps (35 epochs of the 182k examples).
// @license the lecture notebooks are MIT-licensed (Copyright Andrej Karpathy); this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');
const { table, shuffled } = require('./data.ts');

// build the dataset: context of block_size characters → the next one ('.' = 0 starts and ends every name)
const words = shuffled(table('names').rows, 42);
const blockSize = 3;
function buildDataset(words) {
  const X = [];
  const Y = [];
  for (const w of words) {
    let context = Array(blockSize).fill(0);
    for (const ix of [...w, 0]) {
      X.push(context);
      Y.push(ix);
      context = [...context.slice(1), ix];
    }
  }
  return { X: tf.tensor2d(X, undefined, 'int32'), Y: tf.oneHot(tf.tensor1d(Y, 'int32'), 27) };
}
const n1 = Math.floor(0.8 * words.length);
const { X: Xtr, Y: Ytr } = buildDataset(words.slice(0, n1));

const vocabSize = 27;
const nEmbd = 10;
const nHidden = 200;
const randn = (scale) => tf.initializers.randomNormal({ mean: 0, stddev: scale });

const model = tf.sequential();
model.add(tf.layers.embedding({ inputDim: vocabSize, outputDim: nEmbd, inputLength: blockSize, embeddingsInitializer: randn(1) })); // C
model.add(tf.layers.flatten()); // emb.view(-1, 30)
model.add(tf.layers.dense({ units: nHidden, activation: 'tanh', kernelInitializer: randn(5 / 3 / Math.sqrt(nEmbd * blockSize)), biasInitializer: randn(0.01) }));
model.add(tf.layers.dense({ units: vocabSize, kernelInitializer: randn(0.01), biasInitializer: 'zeros' })); // W2 * 0.01, b2 * 0

// F.cross_entropy on the logits; SGD lr 0.1 for the first 100,000 steps, then 0.01 (200,000 steps of 32 ≈ 35 epochs)
const optimizer = tf.train.sgd(0.1);
model.compile({ optimizer, loss: (yTrue, logits) => tf.losses.softmaxCrossEntropy(yTrue, logits) });
model.fit(Xtr, Ytr, { batchSize: 32, epochs: 35, callbacks: { onEpochBegin: (epoch) => { if (epoch === 18) optimizer.setLearningRate(0.01); } } });
