// @case so-31627380-fixed
// @set heldout
// @label buggy
// @bug unscaled-input
// @source-label healthy
// @relabel the benchmark files this program as "Correct Code", but run in TensorFlow.js (the platform this tool profiles) on
//   its own plan it never leaves the trivial predictor: train.ts (wasm, 10 epochs, three runs) accuracy 0.629 / 0.644 / 0.644
//   where always answering "died" scores 0.610, cross-entropy 5.5–5.8 at the end against 0.669 for predicting the class
//   prior, 98–99 % of the outputs below 0.01 or above 0.99 and 37–41 % of the rows confidently wrong (the @training lines
//   below). Keras recovers from the same start only because its binary cross-entropy reads the sigmoid's logits; tfjs clips
//   at 1e-7 and passes no gradient beyond the clip. The cause is the unscaled label-encoded columns (Name/Ticket codes up
//   to ~1300; standardised, Keras reaches 0.83–0.84): FAULT on the data line and the first layer it feeds, as
//   so-58609115-fixed. Decided by the coordinator on quiet's measurements (2026-12-06).
// @fault the label-encoded columns (codes up to ~1300) fed unscaled into Dense(512): the sigmoid outputs saturate at
//   step 0 and, under tfjs's clipped cross-entropy, stay saturated through the plan.
// @source DeepLocalize benchmark (Wardat, Le & Rajan, ICSE'21): github.com/Wardat-ISU/DeepLocalize@297bc34,
//   "Benchmark/StackOverflow/31627380/Correct Code/31627380.py"; Stack Overflow question 31627380.
// @data the program's own Kaggle titanic train.csv (891 passengers), read from the DeepLocalize repository by prepare.ts
//   with its preprocessing: Age/Fare NaN → the column mean, the 8 categorical columns (Pclass, Name, Sex, SibSp, Parch,
//   Ticket, Cabin, Embarked) label-encoded over train + test; unscaled as there (Name codes up to ~1300); one-hot
//   Survived; the first 80 % for training as its validation_split 0.2.
// @settings Dense(512) → relu → Dropout 0.5 → Dense(2) → sigmoid, binary cross-entropy, Adam (Keras default lr 1e-3),
//   batch 4, 10 epochs.
// @training train.ts (wasm, its 10 epochs): loss 5.74 → 5.60 (min 5.18), accuracy 0.629 where always predicting
//   "died" scores 0.610: with Name/Ticket codes up to ~1300 unscaled the fix does not learn beyond the majority class (the
//   buggy program: 6.32 → 5.70, accuracy 0.643). The benchmark's own figures (loss 0.83, accuracy 0.63) agree; the
//   label stays the source's.
// @training Keras (bench/diagnosis/outputOracles.py so-31627380-fixed, its settings, seeds 1–3): loss 15.7–18.7 → 0.82–0.85
//   (the benchmark's 0.83), class accuracy 0.708 / 0.639 / 0.674 on the training 80 % (always "died": 0.610) and 0.743 / 0.637
//   / 0.687 on the other 20 %; the same plan with every column standardised: 0.837 / 0.836 / 0.831 (0.849 / 0.872 / 0.866);
//   train.ts again 6.29 → 5.50, accuracy 0.644. The unscaled codes cost it 13–20 points, but it is not at the trivial
//   predictor in every run: not the unambiguous failure a relabel needs, so the source's label stays (2026-12-06).
// @training its outputs at the end of its plan (tfjs wasm: train.ts --outputs and 3 seeded runs; Keras: outputOracles.py
//   so-31627380-end, seeds 1–3): in tfjs 98–99 % of the outputs still below 0.01 or above 0.99 and 37–41 % of the examples confidently wrong
//   (cross-entropy 5.6–5.8 in inference mode against 0.669 for predicting the class prior to every row); in Keras 2–4 % and
//   ~1 % (0.61–0.69), because Keras's binary cross-entropy reads the sigmoid's logits while tfjs's clips at 1e-7 and passes no
//   gradient beyond it (docs/rules/saturated-output.md). The tfjs program keeps the saturation the warning names (relabel
//   candidate, reported to the coordinator by quiet, 2026-12-06).
// @license the repository carries no licence file: this is our TensorFlow.js translation, the original is not copied.
const tf = require('@tensorflow/tfjs');
const { table, oneHot } = require('./data.ts');

const rows = table('dl-31627380').rows;
const train = rows.slice(0, Math.floor(rows.length * 0.8));
const X = tf.tensor2d(train.map((r) => r.slice(0, 10))); // FAULT
const Y = tf.tensor2d(oneHot(train.map((r) => r[10]), 2));

const model = tf.sequential();
model.add(tf.layers.dense({ units: 512, inputDim: 10 })); // FAULT
model.add(tf.layers.activation({ activation: 'relu' }));
model.add(tf.layers.dropout({ rate: 0.5 }));
model.add(tf.layers.dense({ units: 2, inputDim: 512 }));
model.add(tf.layers.activation({ activation: 'sigmoid' }));
model.compile({ loss: 'binaryCrossentropy', optimizer: tf.train.adam(1e-3), metrics: ['accuracy'] });
model.fit(X, Y, { epochs: 10, batchSize: 4 });
