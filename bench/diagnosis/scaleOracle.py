# Training evidence for the scaling probe (docs/rules/unscaled-input.md), independent of our runtime (Keras on TensorFlow):
# benchmark programs that feed raw features, trained on their own plan (architecture, Keras-default Glorot-uniform kernels
# and zero biases, Adam 1e-3, batch size, epochs, fit's per-epoch shuffling) with the features as given and standardised
# (the training rows' mean and standard deviation), several seeds each: the training loss after 20 steps and at the end,
# the training accuracy, and the accuracy on rows the program does not train on (a seeded 80/20 split; the programs
# themselves hold none out). Does standardising change what the program's plan reaches?
#   ~/.cache/gradient-lens-venv/bin/python bench/diagnosis/scaleOracle.py [CASE ...] [--seeds N] [--epochs N]
# cases: fd-kerasma-fixed (Pima diabetes, 8 → 12 → 8 → 16 → 24 → 8 ReLU → 1 sigmoid, batch 10, 150 epochs);
#        so-50481178 (make_multilabel_classification's 4 count features, 4 → 10 → 20 → 30 → 40 → 50 ReLU → 1 sigmoid,
#        batch 10, 50 epochs; its buggy and fixed twins train the same function).
# Needs bench/diagnosis/prepare.ts's fd-pima.json and multilabel-4x1.json.
import argparse, json, os
os.environ.setdefault('TF_CPP_MIN_LOG_LEVEL', '3')
import numpy as np, keras, tensorflow as tf
tf.config.threading.set_intra_op_parallelism_threads(1); tf.config.threading.set_inter_op_parallelism_threads(1)
CASES = {
    'fd-kerasma-fixed': dict(data='fd-pima', features=8, widths=[12, 8, 16, 24, 8], batch=10, epochs=150),
    'so-50481178': dict(data='multilabel-4x1', features=4, widths=[10, 20, 30, 40, 50], batch=10, epochs=50),
}
ap = argparse.ArgumentParser()
ap.add_argument('cases', nargs='*', default=list(CASES))
ap.add_argument('--seeds', type=int, default=5); ap.add_argument('--epochs', type=int, default=0)
args = ap.parse_args()

class At20(keras.callbacks.Callback):
    """The training rows' loss after the first 20 steps (the profile's horizon)."""
    def __init__(self, x, y): super().__init__(); self.x, self.y, self.steps, self.loss = x, y, 0, None
    def on_train_batch_end(self, batch, logs=None):
        self.steps += 1  # once per 20 steps: fit runs them as one call (steps_per_execution, for speed)
        if self.steps == 1: self.loss = float(keras.losses.binary_crossentropy(self.y, self.model(self.x, training=False)).numpy().mean())

def run(case, scaled, seed):
    c = CASES[case]
    rows = np.array(json.load(open(os.path.expanduser(f"~/.cache/gradient-lens-corpora/diagnosis/{c['data']}.json")))['rows'], dtype=np.float32)
    idx = np.random.RandomState(seed).permutation(len(rows)); cut = int(0.8 * len(rows))
    x, y = rows[:, :c['features']], rows[:, c['features']:c['features'] + 1]
    xt, yt, xv, yv = x[idx[:cut]], y[idx[:cut]], x[idx[cut:]], y[idx[cut:]]
    if scaled:
        mu, sd = xt.mean(0), xt.std(0); sd[sd == 0] = 1; xt, xv = (xt - mu) / sd, (xv - mu) / sd
    keras.utils.set_random_seed(seed)
    m = keras.Sequential([keras.Input((c['features'],))] + [keras.layers.Dense(w, activation='relu') for w in c['widths']] + [keras.layers.Dense(1, activation='sigmoid')])
    m.compile(optimizer=keras.optimizers.Adam(1e-3), loss='binary_crossentropy', metrics=['accuracy'], steps_per_execution=20)
    first = m.evaluate(xt, yt, verbose=0)[0]
    at20 = At20(xt, yt)
    m.fit(xt, yt, batch_size=c['batch'], epochs=args.epochs or c['epochs'], shuffle=True, verbose=0, callbacks=[at20])
    loss, acc = m.evaluate(xt, yt, verbose=0); _, val_acc = m.evaluate(xv, yv, verbose=0)
    h = np.asarray(m.layers[0](xt))
    return dict(first=first, at20=at20.loss, loss=loss, acc=acc, val_acc=val_acc, prior=float(max(yt.mean(), 1 - yt.mean())),
                dead=float((h <= 0).all(0).mean()), on=float((h > 0).all(0).mean()))

for case in args.cases:
    for scaled in (False, True):
        rs = [run(case, scaled, s) for s in range(args.seeds)]
        f = lambda k: ' '.join(f"{r[k]:.3f}" for r in rs)
        print(f"{case} {'standardised' if scaled else 'as given'}: loss {f('first')} → after 20 steps {f('at20')} → end {f('loss')}")
        print(f"  train acc {f('acc')}; held-out acc {f('val_acc')} (majority class {rs[0]['prior']:.3f}); mean held-out {np.mean([r['val_acc'] for r in rs]):.3f}")
        print(f"  first layer at the end, dead / always on (all training rows): {' '.join('%.2f/%.2f' % (r['dead'], r['on']) for r in rs)}", flush=True)
