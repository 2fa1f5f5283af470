// The training script of bench/lrRegret's task "spirals-mlp-rmsprop" (tasks.js): the LR finder sweeps this file as it would a user's.
const tf = require('@tensorflow/tfjs');
require('../tasks').trainingScript(tf, 'spirals-mlp-rmsprop');
