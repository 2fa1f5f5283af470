// The training script of bench/lrRegret's task "digits-mlp-adam" (tasks.js): the LR finder sweeps this file as it would a user's.
const tf = require('@tensorflow/tfjs');
require('../tasks').trainingScript(tf, 'digits-mlp-adam');
