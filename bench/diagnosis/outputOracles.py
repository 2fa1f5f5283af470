# Training evidence, independent of our runtime (TensorFlow / Keras), for the held-out output-layer alarms and misses
# the rule pages discuss (docs/rules/saturated-output.md, nan-prone-loss.md, output-activation.md). Each program is
# trained on its own plan, on the digits its tfjs port reads (bench/diagnosis/cases/data.ts mnist(N)):
#   so-35078027-fixed  784 → 512 sigmoid → 10 sigmoid, no biases, N(0, 1) weights, BCE clipped at 1e-10 summed over the
#                      classes, SGD 0.5, batch 100, 1,000 epochs: loss, training accuracy, confident / confidently wrong
#   so-33641799-fixed  784 → 10 softmax from zeros, −Σ y·log ŷ over the batch of 205 (unclipped), SGD 0.005, 100 epochs:
#                      NaN or not, training accuracy, the largest logit gap (a softmax is exactly 0 at ~88–104)
#   so-44164749        Dense 5000 relu → 600 relu → 10, dropout 0.1, SGD 0.01 Nesterov 0.9, batch 2,000, 5 epochs:
#                      class accuracy of the "buggy" softmax + CE and the "fixed" sigmoid + BCE
#   ~/.cache/gradient-lens-venv/bin/python bench/diagnosis/outputOracles.py so-35078027-fixed|so-33641799-fixed|so-44164749 [SEEDS]
import json, os, subprocess, sys
import numpy as np
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
import tensorflow as tf
import keras

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')

def digits(n):
    js = "const {mnist}=require('./bench/diagnosis/cases/data.ts');process.stdout.write(JSON.stringify(mnist(%d)))" % n
    d = json.loads(subprocess.run(['node', '--import', 'tsx', '-e', js], cwd=ROOT, capture_output=True, check=True).stdout)
    labels = np.array(d['labels'])
    return np.array(d['pixels'], np.float32), labels, np.eye(10, dtype=np.float32)[labels]

def so35078027(seeds):
    x, lab, y = digits(1000)
    log = lambda p: tf.math.log(tf.clip_by_value(p, 1e-10, 1.0))
    for seed in seeds:
        tf.random.set_seed(seed)
        w1, w2 = tf.Variable(tf.random.normal([784, 512])), tf.Variable(tf.random.normal([512, 10]))
        opt = tf.keras.optimizers.SGD(0.5)
        def loss_of(xb, yb):
            p = tf.sigmoid(tf.matmul(tf.sigmoid(tf.matmul(xb, w1)), w2))
            return tf.reduce_mean(tf.reduce_sum(-yb * log(p) - (1 - yb) * log(1 - p), 1)), p
        @tf.function
        def step(xb, yb):
            with tf.GradientTape() as tape:
                l, _ = loss_of(xb, yb)
            opt.apply_gradients(zip(tape.gradient(l, [w1, w2]), [w1, w2]))
        out = []
        for e in range(1, 1001):
            for b in range(10):
                step(x[b * 100:(b + 1) * 100], y[b * 100:(b + 1) * 100])
            if e in (1, 20, 100, 300, 1000):
                l, p = loss_of(x, y)
                p = p.numpy()
                wrong = (((p > 0.99) & (y < 0.5)) | ((p < 0.01) & (y >= 0.5))).any(1).mean()
                out.append(f'epoch {e}: loss {float(l):.3g}, accuracy {(p.argmax(1) == lab).mean():.3f}, examples confidently wrong {wrong:.3f}')
        print(f'seed {seed}: ' + ' | '.join(out), flush=True)

def so33641799():
    x, lab, y = digits(2050)
    w, b = tf.Variable(tf.zeros([784, 10])), tf.Variable(tf.zeros([10]))
    opt = tf.keras.optimizers.SGD(0.005)
    @tf.function
    def step(xb, yb):
        with tf.GradientTape() as tape:
            l = -tf.reduce_sum(yb * tf.math.log(tf.nn.softmax(tf.matmul(xb, w) + b)))
        opt.apply_gradients(zip(tape.gradient(l, [w, b]), [w, b]))
        return l
    for e in range(1, 101):
        losses = [float(step(x[i * 205:(i + 1) * 205], y[i * 205:(i + 1) * 205])) for i in range(10)]
        if e in (1, 10, 20, 50, 100):
            z = (tf.matmul(x, w) + b).numpy()
            print(f'epoch {e}: summed loss (last batch) {losses[-1]:.3g}, NaN {bool(np.isnan(losses).any())}, accuracy '
                  f'{(z.argmax(1) == lab).mean():.3f}, largest logit gap {(z.max(1, keepdims=True) - z).max():.1f}', flush=True)

def so44164749(seeds):
    x, lab, y = digits(2000)
    for seed in seeds:
        for act, loss in [('softmax', 'categorical_crossentropy'), ('sigmoid', 'binary_crossentropy')]:
            keras.utils.set_random_seed(seed)
            m = keras.Sequential([keras.Input((784,)), keras.layers.Dense(5000, activation='relu'), keras.layers.Dropout(0.1),
                                  keras.layers.Dense(600, activation='relu'), keras.layers.Dropout(0.1), keras.layers.Dense(10, activation=act)])
            m.compile(loss=loss, optimizer=keras.optimizers.SGD(0.01, momentum=0.9, nesterov=True))
            m.fit(x, y, epochs=5, batch_size=2000, verbose=0)
            print(f'seed {seed} {act} + {loss}: class accuracy after 5 epochs {(m.predict(x, verbose=0).argmax(1) == lab).mean():.3f}', flush=True)

which = sys.argv[1] if len(sys.argv) > 1 else ''
seeds = range(1, 1 + int(sys.argv[2])) if len(sys.argv) > 2 else range(1, 4)
if which == 'so-35078027-fixed': so35078027(seeds)
elif which == 'so-33641799-fixed': so33641799()
elif which == 'so-44164749': so44164749(seeds)
else: sys.exit('usage: outputOracles.py so-35078027-fixed|so-33641799-fixed|so-44164749 [SEEDS]')
