# Training evidence, independent of our runtime (TensorFlow / Keras), for the held-out output-layer alarms and misses
# the rule pages discuss (docs/rules/saturated-output.md, nan-prone-loss.md, output-activation.md). Each program is
# trained on its own plan, on the digits its tfjs port reads (bench/diagnosis/cases/data.ts mnist(N)):
#   so-35078027-fixed  784 → 512 sigmoid → 10 sigmoid, no biases, N(0, 1) weights, BCE clipped at 1e-10 summed over the
#                      classes, SGD 0.5, batch 100, 1,000 epochs: loss, training accuracy, confident / confidently wrong
#   so-33641799-fixed  784 → 10 softmax from zeros, −Σ y·log ŷ over the batch of 205 (unclipped), SGD 0.005, 100 epochs:
#                      NaN or not, training accuracy, the largest logit gap (a softmax is exactly 0 at ~88–104)
#   so-44164749        Dense 5000 relu → 600 relu → 10, dropout 0.1, SGD 0.01 Nesterov 0.9, batch 2,000, 5 epochs:
#                      class accuracy of the "buggy" softmax + CE and the "fixed" sigmoid + BCE
#   so-44164749-long   the same pair on 10,000 digits for 6 epochs of 5 batches: 30 steps, the original's first epoch (60,000 / 2,000)
# The label checks of the relabelled held-out cases (their @relabel / @training lines), each on the tfjs port's data:
#   so-58609115-fixed  1 raw number (up to ~1e9) → 69 relu → 69 relu → 69 softmax, N(0, 0.05), Adam 1e-3, batch 50, 10 epochs; then standardised
#   so-48251943-fixed  2 → 4 relu → 1 tanh, MSE, SGD 0.01, batch 10, 500 epochs; beside it the same net with a linear output
#   so-45002504-fixed  9 unscaled features → 2 logits, truncated-normal std 1, mean softmax CE + 0.1·½Σw², SGD 0.01, batch 7
#                      shuffled, 1,000 epochs of 59 batches
#   so-31627380-fixed  10 unscaled titanic columns → 512 relu → dropout 0.5 → 2 sigmoid, BCE, Adam 1e-3, batch 4, 10 epochs;
#                      then standardised
#   dfm-046-xor-buggy  2 → 8 tanh → 1 sigmoid, BCE, SGD 0.1, batch 1, 1,000 epochs on XOR's four rows
# The healthy programs still alarmed, by the consequence of what their finding names (docs/rules/saturated-output.md):
#   so-35078027-glorot so-35078027-fixed's plan from Glorot-uniform weights: what the N(0, 1) init costs
#   so-31627380-end    so-31627380-fixed's plan, then its outputs' saturation and cross-entropy against the class prior
#   so-50306988        the buggy 2-unit softmax + CE for its 5 epochs and for 50; the fixed 1 sigmoid + BCE for its 50; the
#                      buggy pair on the fix's data and plan (which of the two changes the fix made trains it)
#   ~/.cache/gradient-lens-venv/bin/python bench/diagnosis/outputOracles.py CASE [SEEDS]
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

def so35078027(seeds, init='normal'):
    x, lab, y = digits(1000)
    log = lambda p: tf.math.log(tf.clip_by_value(p, 1e-10, 1.0))
    draw = (lambda shape: tf.random.normal(shape)) if init == 'normal' else (lambda shape: keras.initializers.GlorotUniform()(shape))
    for seed in seeds:
        tf.random.set_seed(seed)
        keras.utils.set_random_seed(seed)
        w1, w2 = tf.Variable(draw([784, 512])), tf.Variable(draw([512, 10]))
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
        print(f'seed {seed} ({init} weights): ' + ' | '.join(out), flush=True)

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

def so44164749(seeds, n=2000, checks=(5,)):
    """Trains epoch by epoch on n digits in batches of 2,000 and prints the class accuracy after each step count in checks."""
    x, lab, y = digits(n)
    for seed in seeds:
        for act, loss in [('softmax', 'categorical_crossentropy'), ('sigmoid', 'binary_crossentropy')]:
            keras.utils.set_random_seed(seed)
            m = keras.Sequential([keras.Input((784,)), keras.layers.Dense(5000, activation='relu'), keras.layers.Dropout(0.1),
                                  keras.layers.Dense(600, activation='relu'), keras.layers.Dropout(0.1), keras.layers.Dense(10, activation=act)])
            m.compile(loss=loss, optimizer=keras.optimizers.SGD(0.01, momentum=0.9, nesterov=True))
            accs, per_epoch = [], n // 2000
            for e in range(1, max(checks) // per_epoch + 1):
                m.fit(x, y, epochs=1, batch_size=2000, verbose=0, shuffle=True)
                if e * per_epoch in checks: accs.append(f'{e * per_epoch} steps {(m.predict(x, verbose=0).argmax(1) == lab).mean():.3f}')
            print(f'seed {seed} {act} + {loss}: class accuracy after ' + ', '.join(accs), flush=True)

def port_rows(js):
    """Rows as the tfjs port builds them (the same seeded shuffles and splits), from bench/diagnosis/cases/data.ts."""
    js = "const d=require('./bench/diagnosis/cases/data.ts');process.stdout.write(JSON.stringify(" + js + "))"
    return np.array(json.loads(subprocess.run(['node', '--import', 'tsx', '-e', js], cwd=ROOT, capture_output=True, check=True).stdout), np.float64)

def class_fit(seeds, x, lab, classes, build, loss, opt, batch, epochs, held=None):
    y = np.eye(classes, dtype=np.float32)[lab]
    print(f'majority class share {np.bincount(lab).max() / len(lab):.3f} of {len(lab)} training rows; largest input {np.abs(x).max():.4g}')
    for seed in seeds:
        keras.utils.set_random_seed(seed)
        m = build()
        m.compile(loss=loss, optimizer=opt())
        h = m.fit(x, y, batch_size=batch, epochs=epochs, verbose=0).history['loss']
        acc = (m.predict(x, verbose=0).argmax(1) == lab).mean()
        extra = f', held-out class accuracy {(m.predict(held[0], verbose=0).argmax(1) == held[1]).mean():.3f}' if held else ''
        print(f'seed {seed}: loss {h[0]:.3g} → {h[-1]:.3g} (min {min(h):.3g}), training class accuracy {acc:.3f}{extra}', flush=True)

def standardised(x, cut):
    mu, sd = x[:cut].mean(0), x[:cut].std(0) + 1e-12
    return ((x - mu) / sd).astype(np.float32)

def so58609115(seeds):
    rows = port_rows("d.shuffled(d.table('dl-58609115').rows, 58609115)")
    cut = int(len(rows) * 0.8)
    x, lab = rows[:, :1].astype(np.float32), rows[:, 1].astype(int)
    normal = lambda: keras.initializers.RandomNormal(0, 0.05)
    build = lambda: keras.Sequential([keras.Input((1,)), keras.layers.Dense(69, 'relu', kernel_initializer=normal()),
                                      keras.layers.Dense(69, 'relu', kernel_initializer=normal()), keras.layers.Dense(69, 'softmax', kernel_initializer=normal())])
    fit = lambda xs: class_fit(seeds, xs[:cut], lab[:cut], 69, build, 'categorical_crossentropy', lambda: keras.optimizers.Adam(1e-3), 50, 10, (xs[cut:], lab[cut:]))
    fit(x); print('the same, the number standardised (training mean and std):'); fit(standardised(x, cut))

def so31627380(seeds):
    rows = port_rows("d.table('dl-31627380').rows")
    cut = int(len(rows) * 0.8)
    x, lab = rows[:, :10].astype(np.float32), rows[:, 10].astype(int)
    build = lambda: keras.Sequential([keras.Input((10,)), keras.layers.Dense(512, 'relu'), keras.layers.Dropout(0.5), keras.layers.Dense(2, 'sigmoid')])
    fit = lambda xs: class_fit(seeds, xs[:cut], lab[:cut], 2, build, 'binary_crossentropy', lambda: keras.optimizers.Adam(1e-3), 4, 10, (xs[cut:], lab[cut:]))
    fit(x); print('the same, every column standardised (training mean and std):'); fit(standardised(x, cut))

def so31627380_end(seeds):
    """The program's plan on its raw columns, then the outputs at the end (inference mode) against the class prior."""
    rows = port_rows("d.table('dl-31627380').rows")
    cut = int(len(rows) * 0.8)
    x, lab = rows[:cut, :10].astype(np.float32), rows[:cut, 10].astype(int)
    y = np.eye(2, dtype=np.float32)[lab]
    prior = y.mean(0)
    bce = lambda p: float(-(y * np.log(np.clip(p, 1e-7, 1 - 1e-7)) + (1 - y) * np.log(np.clip(1 - p, 1e-7, 1 - 1e-7))).mean())
    print(f'class prior {prior.round(3)}: binary cross-entropy of predicting it for every row {bce(np.tile(prior, (len(y), 1))):.3f}')
    for seed in seeds:
        keras.utils.set_random_seed(seed)
        m = keras.Sequential([keras.Input((10,)), keras.layers.Dense(512, 'relu'), keras.layers.Dropout(0.5), keras.layers.Dense(2, 'sigmoid')])
        m.compile(loss='binary_crossentropy', optimizer=keras.optimizers.Adam(1e-3))
        saturated = lambda p: float(((p < 0.01) | (p > 0.99)).mean())
        wrong = lambda p: float((((p > 0.99) & (y < 0.5)) | ((p < 0.01) & (y >= 0.5))).any(1).mean())
        p0 = m.predict(x, verbose=0)
        m.fit(x, y, batch_size=4, epochs=10, verbose=0)
        p = m.predict(x, verbose=0)
        print(f'seed {seed}: outputs below 0.01 or above 0.99 {saturated(p0):.3f} at init → {saturated(p):.3f} after the plan; examples confidently '
              f'wrong {wrong(p0):.3f} → {wrong(p):.3f}; binary cross-entropy (inference) {bce(p0):.3g} → {bce(p):.3g}; class accuracy {(p.argmax(1) == lab).mean():.3f}', flush=True)

def so50306988(seeds):
    """The buggy two-unit softmax + CE on its 200 points for its 5 epochs and for the fix's 50; the fix's one sigmoid + BCE on its 400."""
    buggy = port_rows("(() => { const r = d.rng(50306988); const a = Array.from({length: 200}, () => r.uniform(0.2, 0.4)); "
                      "const b = Array.from({length: 200}, () => r.uniform(0.5, 0.7)); const o = []; "
                      "for (let i = 0; i < 200; i += 2) o.push([a[i], a[i + 1], 0], [b[i], b[i + 1], 1]); return o; })()")
    fixed = port_rows("(() => { const r = d.rng(50306988); const rows = [...Array.from({length: 200}, () => [r.uniform(0.2, 0.4), r.uniform(0.2, 0.4), 0]), "
                      "...Array.from({length: 200}, () => [r.uniform(0.5, 0.7), r.uniform(0.5, 0.7), 1])]; return d.shuffled(rows, 1); })()")
    for seed in seeds:
        for name, rows, out, loss, epochs in [('buggy, softmax(2) + CE, its 5 epochs', buggy, 2, 'categorical_crossentropy', 5),
                                              ('buggy, softmax(2) + CE, 50 epochs', buggy, 2, 'categorical_crossentropy', 50),
                                              ('fixed, sigmoid(1) + BCE, its 50 epochs', fixed, 1, 'binary_crossentropy', 50),
                                              ('softmax(2) + CE on the fix\'s 400 rows, 50 epochs', fixed, 2, 'categorical_crossentropy', 50)]:
            keras.utils.set_random_seed(seed)
            x, lab = rows[:, :2].astype(np.float32), rows[:, 2].astype(int)
            y = np.eye(2, dtype=np.float32)[lab] if out == 2 else lab[:, None].astype(np.float32)
            m = keras.Sequential([keras.Input((2,)), keras.layers.Dense(2, 'sigmoid'), keras.layers.Dense(out, 'softmax' if out == 2 else 'sigmoid')])
            m.compile(loss=loss, optimizer=keras.optimizers.Adam(1e-3))
            h = m.fit(x, y, batch_size=32, epochs=epochs, verbose=0).history['loss']
            p = m.predict(x, verbose=0)
            guess = p.argmax(1) if out == 2 else (p[:, 0] > 0.5).astype(int)
            print(f'seed {seed} {name}: loss {h[0]:.3f} → {h[-1]:.3f}, accuracy {(guess == lab).mean():.3f}', flush=True)

def so48251943(seeds):
    rows = port_rows("d.table('dl-48251943').rows")
    x, y = rows[:, 1:3].astype(np.float32), rows[:, :1].astype(np.float32)
    print(f'targets {y.min():.2f} to {y.max():.2f}; predicting their mean: MSE {y.var():.3f}; the best any output inside [-1, 1] can do: MSE {((y - y.clip(-1, 1)) ** 2).mean():.3f}')
    for seed in seeds:
        for out in ['tanh', 'linear']:
            keras.utils.set_random_seed(seed)
            m = keras.Sequential([keras.Input((2,)), keras.layers.Dense(4, 'relu'), keras.layers.Dense(1, out)])
            m.compile(loss='mse', optimizer=keras.optimizers.SGD(0.01))
            h = m.fit(x, y, batch_size=10, epochs=500, verbose=0).history['loss']
            print(f'seed {seed} {out} output: MSE {h[0]:.3g} → {h[-1]:.3g}, predictions {m.predict(x, verbose=0).min():.2f} to {m.predict(x, verbose=0).max():.2f}', flush=True)

def so45002504(seeds):
    rows = port_rows("d.table('so-45002504-heart').rows")
    x, lab = rows[:, :9].astype(np.float32), rows[:, 9].astype(int)
    y = np.eye(2, dtype=np.float32)[lab]  # [1 − chd, chd]
    print(f'majority class share {max(lab.mean(), 1 - lab.mean()):.3f}; ln 2 = {np.log(2):.3f}; largest feature {x.max():.4g}')
    for seed in seeds:
        for scaled in (False, True):
            so45002504_run(standardised(x, len(x)) if scaled else x, y, lab, seed, ' (features standardised)' if scaled else '')

def so45002504_run(x, y, lab, seed, what):
    tf.random.set_seed(seed)
    w, b = tf.Variable(tf.random.truncated_normal([9, 2])), tf.Variable(tf.zeros([1, 2]))
    opt = tf.keras.optimizers.SGD(0.01)
    @tf.function
    def step(xb, yb):
        with tf.GradientTape() as tape:
            l = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=yb, logits=xb @ w + b) + 0.1 * tf.nn.l2_loss(w))
        opt.apply_gradients(zip(tape.gradient(l, [w, b]), [w, b]))
        return l
    rs, out, means = np.random.RandomState(seed), [], []
    for e in range(1, 1001):
        idx = rs.randint(0, len(x), (59, 7))  # tf.train.shuffle_batch: random batches of 7, 59 a epoch as int(413 / 7)
        means.append(np.mean([float(step(x[i], y[i])) for i in idx]))
        if e in (1, 100, 500, 1000):
            z = (x @ w.numpy() + b.numpy())
            ce = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y, logits=z)).numpy()
            out.append(f'epoch {e}: mean batch loss {means[-1]:.3g}, full-data CE {ce:.3g}, accuracy {(z.argmax(1) == lab).mean():.3f}')
    print(f'seed {seed}{what}: ' + ' | '.join(out) + f' | epoch-mean loss over the last 100 epochs {min(means[-100:]):.3g} to {max(means[-100:]):.3g}', flush=True)

def dfm046(seeds):
    x, y = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], np.float32), np.array([[0], [1], [1], [0]], np.float32)
    for seed in seeds:
        keras.utils.set_random_seed(seed)
        m = keras.Sequential([keras.Input((2,)), keras.layers.Dense(8, 'tanh'), keras.layers.Dense(1, 'sigmoid')])
        m.compile(loss='binary_crossentropy', optimizer=keras.optimizers.SGD(0.1))
        first = m.evaluate(x, y, verbose=0)
        # 1,000 epochs of the four rows, each epoch in a fresh order as fit's shuffle, as one pass (Keras's per-epoch overhead)
        order = np.concatenate([np.random.RandomState(seed * 1000 + e).permutation(4) for e in range(1000)])
        m.fit(x[order], y[order], batch_size=1, epochs=1, shuffle=False, verbose=0)
        p = m.predict(x, verbose=0)[:, 0]
        print(f'seed {seed}: loss {first:.3g} → {m.evaluate(x, y, verbose=0):.3g}, accuracy {((p > 0.5) == (y[:, 0] > 0.5)).mean():.2f}, outputs {" ".join(f"{v:.3f}" for v in p)}', flush=True)

def so44164749_long(seeds):
    so44164749(seeds, 10000, (5, 30))

CHECKS = {'so-35078027-fixed': so35078027, 'so-35078027-glorot': lambda seeds: so35078027(seeds, 'glorot'),
          'so-31627380-end': so31627380_end, 'so-50306988': so50306988, 'so-33641799-fixed': lambda seeds: so33641799(), 'so-44164749': so44164749,
          'so-44164749-long': so44164749_long, 'so-58609115-fixed': so58609115, 'so-48251943-fixed': so48251943,
          'so-45002504-fixed': so45002504, 'so-31627380-fixed': so31627380, 'dfm-046-xor-buggy': dfm046}
which = sys.argv[1] if len(sys.argv) > 1 else ''
seeds = range(1, 1 + int(sys.argv[2])) if len(sys.argv) > 2 else range(1, 4)
if which not in CHECKS: sys.exit('usage: outputOracles.py ' + '|'.join(CHECKS) + ' [SEEDS]')
CHECKS[which](seeds)
