// @case tt1614-xor-seed7
// @set tuned
// @moved-from heldout13 (held-out protocol: developed on by the plan-start dead-ReLU rule, core/planStartRule.ts, branch localmin)
// @label buggy
// @bug dead-relu
// @fault TinyTorch's "XOR Solved" milestone with its layers' weights drawn from the module-level generator at its import
//   seed, default_rng(7): the 2→4 ReLU hidden layer starts in a dead-ReLU saddle and the milestone stalls at 75%. The fix
//   (pull request #1618) re-seeds that generator to 1986 before the model is built, i.e. it changes both layers' initial
//   weights: the FAULT lines are the two Dense layers that carry them.
// @source harvard-edge/cs249r_book issue #1614 ("Milestone 3 does not get past 75% test accuracy over xor problem",
//   github.com/harvard-edge/cs249r_book/issues/1614) and pull request #1618 (github.com/harvard-edge/cs249r_book/pull/1618):
//   "With its module-load default (seed=7), the 4-unit hidden layer initializes into a dead-ReLU saddle point: training stalls
//   at exactly 75% accuracy (one of the four XOR cases pinned at p≈0.5) regardless of how long it runs." The program:
//   github.com/harvard-edge/cs249r_book@0acd0cf, tinytorch/milestones/02_1969_xor/02_xor_solved.py (generate_xor_data,
//   XORNetwork(hidden_size=4): Linear(2, 4) → ReLU → Linear(4, 1) → Sigmoid, BinaryCrossEntropyLoss, SGD lr 0.5, 500 full-batch
//   epochs) without the fix's re-seed; the layers: github.com/harvard-edge/cs249r_book@0280583, tinytorch/src/03_layers/03_layers.py
//   (rng = np.random.default_rng(7); weights rng.standard_normal((in, out)) · sqrt(1 / in), biases 0).
// @training the issue: "Milestone 3 does not get past 75% test accuracy"; the maintainer traced it to the seed-7 initialisation
//   ("the 75% failure mode") and fixed it by re-seeding (tt1618-xor-seed1986: loss 0.0053, 100% in 500 epochs).
// @data the milestone's 100 rows, inline: 25 around each XOR corner with N(0, 0.1²) noise, shuffled, from the script's own
//   default_rng(7) (bench/diagnosis/heldout13Inits.py rebuilds them and the weights below with numpy).
// @settings Dense(4, relu) → Dense(1, sigmoid), kernels the seed-7 draws of the layers' generator (inline, 6 decimals), zero
//   biases, binary cross-entropy, SGD 0.5, one batch of 100, 500 epochs. The port's initialisation was checked against the
//   source's arithmetic with numpy before any profile run (heldout13Inits.py's rows and weights, 500 steps: 75%, loss 0.349).
// @license the repository's tinytorch code is published for students to run and modify; this is our TensorFlow.js translation.
const tf = require('@tensorflow/tfjs');

const rows = [
  [-0.122506,0.007614], [1.029168,0.996621], [-0.05793,0.98038], [-0.018878,1.068291], [0.997656,1.007144],
  [0.000123,0.029875], [-0.129089,1.034668], [1.109859,-0.054289], [-0.002925,0.06953], [1.096645,0.985929],
  [0.089876,1.114522], [1.083118,1.092138], [0.962473,0.970008], [1.016405,0.224476], [0.035259,0.987923],
  [1.003529,-0.105448], [1.070246,0.051991], [0.012727,0.881281], [0.943977,1.000796], [0.085938,0.011935],
  [1.096592,0.001332], [1.063008,0.969813], [0.861803,1.094953], [0.994881,-0.07933], [1.124915,0.144171],
  [-0.132353,0.920536], [0.125701,1.06894], [-0.126745,0.027126], [0.007452,1.057669], [1.025984,-0.085796],
  [-0.033987,1.105213], [0.889174,0.87839], [1.097207,0.019275], [0.988139,-0.199775], [-0.045467,-0.099165],
  [0.862143,0.919315], [-0.027414,-0.089059], [-0.003252,0.088439], [0.984013,-0.097515], [0.015675,-0.018693],
  [0.135882,-0.154714], [-0.184174,-0.023509], [-0.046317,0.990271], [0.076226,0.880071], [1.02054,0.049301],
  [-0.190122,-0.128954], [0.896632,-0.007918], [0.894591,1.033733], [-0.019728,0.888593], [0.787143,0.084661],
  [0.924769,1.045478], [0.82539,0.075674], [0.886859,0.036284], [-0.049221,-0.062047], [-0.001152,0.955642],
  [0.116613,1.065309], [-0.134421,-0.045762], [-0.00485,0.011331], [1.133553,0.94929], [0.937393,-0.127773],
  [0.916828,-0.062394], [-0.251676,-0.053869], [1.165406,0.932877], [-0.064147,0.200042], [-0.05836,-0.01117],
  [0.969552,-0.089993], [-0.002414,1.066838], [0.10609,-0.080753], [-0.16882,0.796467], [1.008931,-0.059103],
  [-0.006652,1.066725], [0.823898,1.073493], [0.91545,0.077899], [0.020314,0.953669], [0.048984,0.035689], [0.93056,0.967331],
  [1.054188,1.078144], [0.954438,1.151497], [1.03826,0.943643], [-0.097852,-0.080884], [0.982359,-0.020593],
  [-0.042802,0.969632], [0.984856,1.002222], [0.011046,0.006378], [-0.153014,-0.047775], [0.979148,0.936795],
  [0.955885,0.949204], [1.140727,0.854598], [0.99342,-0.027392], [0.94607,0.98571], [-0.00054,1.058338], [-0.02502,1.152353],
  [0.06469,0.800758], [-0.032721,0.963142], [1.125707,-0.015409], [0.143852,0.932434], [0.006014,0.134022],
  [1.013095,-0.153683], [0.010541,-0.093047], [1.117651,1.068051]
];
const targets = [
  0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1, 1, 1, 1, 0, 0, 1, 0, 0, 1, 1, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0,
  1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0,
  0, 0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 0, 1, 0, 0
];
const xs = tf.tensor2d(rows);
const ys = tf.tensor2d(targets.map((t) => [t]));

// The layers module's generator at its import seed, 7: the first Linear draws its (2, 4) kernel, the second its (4, 1).
const model = tf.sequential();
model.add(tf.layers.dense({ units: 4, activation: 'relu', inputShape: [2], weights: [tf.tensor2d([[0.00087, 0.211245, -0.193845, -0.629744], [-0.321501, -0.7012, 0.042528, 0.947675]]), tf.zeros([4])] })); // FAULT
model.add(tf.layers.dense({ units: 1, activation: 'sigmoid', weights: [tf.tensor2d([[-0.246103], [-0.310237], [0.244921], [0.178444]]), tf.zeros([1])] })); // FAULT
model.compile({ optimizer: tf.train.sgd(0.5), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
model.fit(xs, ys, { batchSize: 100, epochs: 500, shuffle: false });
