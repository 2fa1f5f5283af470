"""PyTorch Lightning's LR range test on the MLP of test/fixtures/runner/lr/mnist-mlp.js, as a peer for ours.

Reads the digits the Node side exported (DATA/xs.f32: N*784 float32 little-endian in [0, 1]; DATA/labels.u8:
N class indices), builds the same network (784 -> HIDDEN relu -> 10, tfjs's default glorotNormal kernels, zero biases,
softmax + tfjs's clipped cross-entropy, Adam with eps 1e-8 = the fixture's tf.train.adam(lr, 0.9, 0.999, 1e-8)) and runs
`Tuner(trainer).lr_find(model, loader, min_lr, max_lr, num_training=STEPS)` with Lightning's defaults
otherwise (exponential mode, early_stop_threshold 4, EMA beta 0.98, suggestion(skip_begin=10, skip_end=1)).
With --repeats K it runs K sweeps, each with fresh weights and batch order from seed + k.

What Lightning 2.6 computes (pytorch_lightning/tuner/lr_finder.py):
- lrs[i]: the LR of batch i; losses[i]: avg_i / (1 - beta^(global_step + 1)) with avg_i the EMA of the batch
  losses. global_step is already i + 1 there (the optimizer stepped), so the bias correction uses one power
  too many: losses[0] is about half the first batch loss and the early curve rises artificially (factor
  (1 - beta^(i+1)) / (1 - beta^(i+2)): 0.505 at i = 0, 0.92 at i = 10, 0.99 at i = 60). `unbiased` undoes it.
- stops when losses[i] > 4 * (lowest so far) after step 1;
- suggestion(): drop the first 10 and the last point, keep finite losses, argmin of
  torch.gradient(losses, spacing=[lrs]): the steepest descent per unit of LR, not per decade (since 2.5.3,
  Lightning PR #21055). Dividing by the LR favours the smallest LRs, so on a noisy plateau the suggestion
  lands where the loss has barely started to fall (Lightning issue #21141, open).
- `suggestionPerDecade`: the same with spacing log10(lr), i.e. Lightning <= 2.5.2 (unit spacing, which for
  an exponential sweep is proportional) and the open fix PR #21171.

Prints ONE JSON line on stdout: {"suggestion"/"suggestionPerDecade": medians over repeats, "runs": [{seed,
suggestion, suggestionPerDecade, lrs, losses, unbiased, steps, lrFindSeconds, cpuSeconds}], "importSeconds",
"versions", "threads"}.
"""

import argparse
import json
import math
import os
import statistics
import sys
import tempfile
import time

t_start = time.perf_counter()
os.environ.setdefault("PYTHONWARNINGS", "ignore")
import logging  # noqa: E402
import warnings  # noqa: E402

warnings.filterwarnings("ignore")

import numpy as np  # noqa: E402
import torch  # noqa: E402
import pytorch_lightning as pl  # noqa: E402
from pytorch_lightning.tuner import Tuner  # noqa: E402

import_seconds = time.perf_counter() - t_start
logging.getLogger("pytorch_lightning").setLevel(logging.ERROR)
logging.getLogger("lightning.pytorch").setLevel(logging.ERROR)

INPUTS = 784
CLASSES = 10
TFJS_EPSILON = 1e-7  # tfjs-layers' epsilon(), which its losses clip probabilities with


class Mlp(pl.LightningModule):
    def __init__(self, hidden: int, lr: float):
        super().__init__()
        self.lr = lr  # lr_find's update_attr (default True) needs an `lr` attribute
        self.net = torch.nn.Sequential(
            torch.nn.Linear(INPUTS, hidden), torch.nn.ReLU(), torch.nn.Linear(hidden, CLASSES)
        )
        # tfjs dense defaults (torch's differ): zero bias and a glorotNormal kernel, i.e. a normal of std
        # sqrt(2 / (fan_in + fan_out)) truncated at 2 std and NOT rescaled afterwards (Keras divides by
        # 0.8796; tfjs does not), so its actual spread is 0.88x the Glorot std. xavier_uniform_ here once
        # gave 14 % larger weights than the tfjs side: a higher, noisier starting loss.
        for layer in self.net:
            if isinstance(layer, torch.nn.Linear):
                fan_out, fan_in = layer.weight.shape
                std = math.sqrt(2.0 / (fan_in + fan_out))
                torch.nn.init.trunc_normal_(layer.weight, mean=0.0, std=std, a=-2 * std, b=2 * std)
                torch.nn.init.zeros_(layer.bias)

    def training_step(self, batch, _batch_idx):
        xs, labels = batch
        # tfjs's categoricalCrossentropy on the softmax output, not cross_entropy on logits: tfjs clips the
        # probabilities to [1e-7, 1 - 1e-7] first, so a sample the net is sure it has wrong stops adding loss
        # or gradient. Equal while no probability reaches the clip; at LRs above ~0.1, where the net gets
        # confidently wrong, the logit form keeps descending to ~0.3 decade higher LRs.
        probs = torch.softmax(self.net(xs), dim=-1).clamp(TFJS_EPSILON, 1 - TFJS_EPSILON)
        return -torch.log(probs.gather(1, labels.unsqueeze(1))).mean()

    def configure_optimizers(self):
        return torch.optim.Adam(self.parameters(), lr=self.lr, betas=(0.9, 0.999), eps=1e-8)


def load(data_dir: str):
    xs = np.fromfile(os.path.join(data_dir, "xs.f32"), dtype="<f4")
    labels = np.fromfile(os.path.join(data_dir, "labels.u8"), dtype=np.uint8)
    if xs.size != labels.size * INPUTS:
        sys.exit(f"error: {data_dir}: xs.f32 holds {xs.size} floats, expected {labels.size} x {INPUTS}")
    return torch.from_numpy(xs.reshape(labels.size, INPUTS).copy()), torch.from_numpy(labels.astype(np.int64))


def steepest_per_decade(lrs: list, losses: list, skip_begin: int = 10, skip_end: int = 1):
    """Lightning's suggestion() with the gradient taken against log10(lr) (see the module docstring)."""
    kept_losses = torch.tensor(losses[skip_begin:-skip_end])
    kept_lrs = torch.tensor(lrs[skip_begin:-skip_end])
    finite = torch.isfinite(kept_losses)
    kept_losses, kept_lrs = kept_losses[finite], kept_lrs[finite]
    if len(kept_losses) < 2:
        return None
    gradients = torch.gradient(kept_losses, spacing=[torch.log10(kept_lrs)])[0]
    return kept_lrs[torch.argmin(gradients)].item()


def median_or_none(values: list):
    finite = [v for v in values if v is not None]
    return statistics.median(finite) if finite else None


def sweep(xs, labels, args, seed: int, root: str):
    pl.seed_everything(seed, workers=False, verbose=False)
    model = Mlp(args.hidden, args.min_lr)
    generator = torch.Generator().manual_seed(seed)
    loader = torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(xs, labels), batch_size=args.batch, shuffle=True, generator=generator
    )
    trainer = pl.Trainer(
        accelerator="cpu",
        devices=1,
        logger=False,
        enable_checkpointing=False,
        enable_progress_bar=False,
        enable_model_summary=False,
        default_root_dir=root,  # lr_find writes (and removes) its restore checkpoint here
    )
    started = time.perf_counter()
    cpu_started = time.process_time()
    finder = Tuner(trainer).lr_find(
        model, train_dataloaders=loader, min_lr=args.min_lr, max_lr=args.max_lr, num_training=args.steps
    )
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    lrs, losses = finder.results["lr"], finder.results["loss"]
    beta = 0.98  # _LRCallback's default
    return {
        "seed": seed,
        "suggestion": finder.suggestion(),
        "suggestionPerDecade": steepest_per_decade(lrs, losses),
        "lrs": lrs,
        "losses": losses,
        "unbiased": [loss * (1 - beta ** (i + 2)) / (1 - beta ** (i + 1)) for i, loss in enumerate(losses)],
        "steps": len(losses),
        "lrFindSeconds": seconds,
        "cpuSeconds": cpu_seconds,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", help="folder with xs.f32 and labels.u8")
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--min-lr", type=float, default=1e-7)
    parser.add_argument("--max-lr", type=float, default=10.0)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    xs, labels = load(args.data)
    with tempfile.TemporaryDirectory(prefix="lightning-lr-") as root:
        runs = [sweep(xs, labels, args, args.seed + k, root) for k in range(args.repeats)]
    print(
        json.dumps(
            {
                "suggestion": median_or_none([r["suggestion"] for r in runs]),
                "suggestionPerDecade": median_or_none([r["suggestionPerDecade"] for r in runs]),
                "runs": runs,
                "examples": int(labels.numel()),
                "importSeconds": import_seconds,
                "threads": torch.get_num_threads(),
                "versions": {
                    "python": sys.version.split()[0],
                    "torch": torch.__version__,
                    "pytorch_lightning": pl.__version__,
                },
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
