#!/usr/bin/env python3
"""Independent gradient oracle: per-weight gradient L2 norms computed by Keras / TensorFlow (Python).

Reads one JSON document on stdin:
    {"model": "dense" | "cnn" | "lstm",
     "weights": [{"name": str, "shape": [int...], "values": [float...]}...],   # trainable weights, in order
     "xs": nested list, "ys": nested list}
and prints one JSON document on stdout:
    {"loss": float, "grads": [{"name": str, "norm": float}...],   # same order as the given weights
     "tensorflow": version, "keras": version}

The architectures mirror test/fixtures/oracle/{dense,cnn,lstm}.js exactly. Weights are matched by ORDER
(tfjs names carry per-process layer counters) and their shapes are checked. Defaults that differ between
the two libraries are set explicitly on both sides:
  - LSTM recurrent activation: tfjs defaults to 'hardSigmoid', Keras to 'sigmoid', and the two hard
    sigmoids differ (tfjs clip(0.2x+0.5), Keras 3 relu6(x+3)/6), so both use 'sigmoid'.
  - conv padding 'valid', channels_last; max pooling 2×2 stride 2 'valid'.
  - losses: categorical crossentropy on a softmax output (dense, cnn), mean squared error (lstm), both
    averaged over the batch as tfjs's compiled loss is.
Gradients come from tf.GradientTape with training=True, in float32 like tfjs.
"""
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402


def build(kind):
    if kind == "dense":
        model = keras.Sequential([
            keras.Input(shape=(6,)),
            layers.Dense(16, activation="relu"),
            layers.Dense(8, activation="tanh"),
            layers.Dense(3, activation="softmax"),
        ])
        return model, keras.losses.CategoricalCrossentropy(from_logits=False)
    if kind == "cnn":
        model = keras.Sequential([
            keras.Input(shape=(8, 8, 1)),
            layers.Conv2D(4, 3, strides=1, padding="valid", data_format="channels_last", activation="relu"),
            layers.MaxPooling2D(pool_size=2, strides=2, padding="valid", data_format="channels_last"),
            layers.Flatten(data_format="channels_last"),
            layers.Dense(3, activation="softmax"),
        ])
        return model, keras.losses.CategoricalCrossentropy(from_logits=False)
    if kind == "lstm":
        model = keras.Sequential([
            keras.Input(shape=(6, 3)),
            layers.LSTM(5, activation="tanh", recurrent_activation="sigmoid", return_sequences=False,
                        use_bias=True, unit_forget_bias=True),
            layers.Dense(1, activation=None),
        ])
        return model, keras.losses.MeanSquaredError()
    raise SystemExit(f"keras_grads.py: unknown model {kind!r} (expected dense, cnn or lstm)")


def main():
    doc = json.load(sys.stdin)
    model, loss_fn = build(doc["model"])
    given = doc["weights"]
    trainable = model.trainable_weights
    if len(given) != len(trainable):
        raise SystemExit(
            f"keras_grads.py: {len(given)} weights given, the Keras {doc['model']} model has {len(trainable)}: "
            + ", ".join(f"{w.path}{tuple(w.shape)}" for w in trainable))
    for spec, var in zip(given, trainable):
        shape = tuple(int(d) for d in spec["shape"])
        if shape != tuple(var.shape):
            raise SystemExit(
                f"keras_grads.py: weight {spec['name']} has shape {shape}, Keras expects {tuple(var.shape)} "
                f"({var.path})")
        values = np.asarray(spec["values"], dtype=np.float32)
        if values.size != int(np.prod(shape)):
            raise SystemExit(f"keras_grads.py: weight {spec['name']}: {values.size} values for shape {shape}")
        var.assign(values.reshape(shape))

    xs = tf.constant(np.asarray(doc["xs"], dtype=np.float32))
    ys = tf.constant(np.asarray(doc["ys"], dtype=np.float32))
    with tf.GradientTape() as tape:
        pred = model(xs, training=True)
        loss = loss_fn(ys, pred)
    grads = tape.gradient(loss, trainable)

    out = {
        "loss": float(loss.numpy()),
        "grads": [
            {"name": spec["name"], "norm": float(np.sqrt(np.sum(np.square(g.numpy().astype(np.float64)))))}
            for spec, g in zip(given, grads)
        ],
        "tensorflow": tf.__version__,
        "keras": keras.__version__,
    }
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
