# Training evidence for the unscaled-input rule (docs/rules/unscaled-input.md), independent of our runtime (PyTorch):
# DeepLocalize SO 39525358's network (3 → 12 ReLU → 3 ReLU → 1 sigmoid, Adam 1e-3, binary cross-entropy) on the
# breast-cancer features it stands in for (mean radius, mean texture, mean area up to 2,501), trained under model
# variants; per seed the train/held-out accuracy and loss after EPOCHS, and how many of the first layer's 12 units
# are dead (0 on every training example) or always on (positive on every one) at the start and the end.
#   ~/.cache/gradient-lens-venv/bin/python bench/diagnosis/unscaledInput.py [VARIANT ...] [--batch N] [--epochs N] [--seeds N]
# variants: raw (the buggy program), small (raw, first kernel U(±0.05/700)), glorot (raw, Glorot-uniform kernels),
# bnfirst (raw, BatchNormalization before the first Dense), bnafter (raw, BatchNormalization after it), scaled (the fix).
# Needs bench/diagnosis/prepare.ts's breast-cancer.json.
import argparse, json, os, numpy as np, torch
torch.set_num_threads(1)
ap = argparse.ArgumentParser()
ap.add_argument('variants', nargs='*', default=['raw', 'small', 'glorot', 'bnfirst', 'bnafter', 'scaled'])
ap.add_argument('--batch', type=int, default=10); ap.add_argument('--epochs', type=int, default=30); ap.add_argument('--seeds', type=int, default=4)
args = ap.parse_args()
data = json.load(open(os.path.expanduser('~/.cache/gradient-lens-corpora/diagnosis/breast-cancer.json')))
rows = np.array(data['rows'], dtype=np.float64)
X, y = rows[:, [0, 1, 3]], rows[:, 30:31]

def dense(i, o, init):
    layer = torch.nn.Linear(i, o); init(layer.weight); torch.nn.init.zeros_(layer.bias); return layer

def model(variant):
    uni = lambda a: (lambda w: torch.nn.init.uniform_(w, -a, a))
    init = torch.nn.init.xavier_uniform_ if variant == 'glorot' else uni(0.05)
    first = dense(3, 12, uni(0.05 / 700) if variant == 'small' else init)
    head = [torch.nn.BatchNorm1d(3)] if variant == 'bnfirst' else []
    tail = [torch.nn.BatchNorm1d(12)] if variant == 'bnafter' else []
    return torch.nn.Sequential(*head, first, *tail, torch.nn.ReLU(), dense(12, 3, init), torch.nn.ReLU(), dense(3, 1, init), torch.nn.Sigmoid())

def run(variant, seed):
    idx = np.random.RandomState(seed).permutation(len(X)); cut = round(len(X) * 0.67)
    xt, yt, xv, yv = X[idx[:cut]], y[idx[:cut]], X[idx[cut:]], y[idx[cut:]]
    if variant == 'scaled': mu, sd = xt.mean(0), xt.std(0); xt, xv = (xt - mu) / sd, (xv - mu) / sd
    xt, yt, xv, yv = (torch.tensor(a, dtype=torch.float32) for a in (xt, yt, xv, yv))
    torch.manual_seed(seed); m = model(variant); relu = next(i for i, l in enumerate(m) if isinstance(l, torch.nn.ReLU))
    opt = torch.optim.Adam(m.parameters(), lr=1e-3, eps=1e-7); bce = torch.nn.BCELoss()
    def signs():  # training mode, as the profile measures (BatchNormalization uses the batch's statistics)
        with torch.no_grad():
            h = m[:relu + 1](xt)
            return int(((h > 0).sum(0) == 0).sum()), int(((h > 0).sum(0) == len(h)).sum())
    start = signs()
    for epoch in range(args.epochs):
        order = np.random.RandomState(seed * 1000 + epoch).permutation(len(xt))
        for s in range(0, len(xt), args.batch):
            b = order[s:s + args.batch]
            if len(b) < 2 and variant.startswith('bn'): continue
            opt.zero_grad(); bce(m(xt[b]), yt[b]).backward(); opt.step()
    end = signs(); m.eval()
    with torch.no_grad():
        acc = lambda xs, ys: ((m(xs) > 0.5).float() == ys).float().mean().item()
        return f'loss {bce(m(xt), yt).item():.3f} acc {acc(xt, yt):.2f}/{acc(xv, yv):.2f} first layer dead/on {start[0]}+{start[1]} → {end[0]}+{end[1]} of 12'

print(f'batch {args.batch}, {args.epochs} epochs; majority class {max(y.mean(), 1 - y.mean()):.3f}')
for variant in args.variants:
    for seed in range(args.seeds):
        print(f'{variant:8s} seed {seed}: {run(variant, seed)}')
