# Independent check (PyTorch) of "Correct Code" programs of the DeepLocalize benchmark whose label our profile
# disputes: each is trained with its own settings, and the loss (and what the model predicts) printed.
#   ~/.cache/gradient-lens-venv/bin/python bench/diagnosis/labelChecks.py xor|autoenc|regression [SEEDS] [EPOCHS]
# xor = so-34311586, autoenc = so-39217567, regression = so-33969059 (see each case's @relabel).
import sys, numpy as np, torch
torch.set_num_threads(1)

def dense(i, o, init):
    l = torch.nn.Linear(i, o)
    init(l.weight); torch.nn.init.zeros_(l.bias)
    return l

def train(model, X, y, loss_fn, opt, epochs, batch, shuffle=True, log=()):
    n = len(X); out = {}
    for e in range(epochs):
        idx = np.random.permutation(n) if shuffle else np.arange(n)
        tot = 0.0
        for s in range(0, n, batch):
            b = idx[s:s + batch]
            opt.zero_grad(); l = loss_fn(model(X[b]), y[b]); l.backward(); opt.step(); tot += l.item() * len(b)
        if e + 1 in log: out[e + 1] = tot / n
    return out

def xor(seed):  # so-34311586 Correct Code
    torch.manual_seed(seed); np.random.seed(seed)
    u = lambda w: torch.nn.init.uniform_(w, -0.05, 0.05)
    X = torch.tensor([[1., 1], [0, 0], [1, 0], [0, 1], [1, 1], [0, 0]]); y = torch.tensor([[0.], [0], [1], [1], [0], [0]])
    m = torch.nn.Sequential(dense(2, 2, u), torch.nn.Sigmoid(), dense(2, 3, u), torch.nn.Sigmoid(), dense(3, 1, u), torch.nn.Sigmoid())
    opt = torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9, nesterov=True)
    log = train(m, X, y, torch.nn.functional.mse_loss, opt, 10000, 4, log=(10, 100, 1000, 5000, 10000))
    return log, m(X).detach().numpy().ravel().round(2).tolist()

def autoenc(seed, epochs):  # so-39217567 Correct Code
    torch.manual_seed(seed); np.random.seed(seed)
    nrm = lambda w: torch.nn.init.normal_(w, 0, 0.05)
    X = torch.tensor([[float((i >> (7 - b)) & 1) for b in range(8)] for i in range(256)])
    m = torch.nn.Sequential(dense(8, 8, nrm), torch.nn.ReLU(), dense(8, 8, nrm), torch.nn.ReLU(), dense(8, 8, nrm), torch.nn.Sigmoid())
    opt = torch.optim.SGD(m.parameters(), lr=0.01)
    log = train(m, X, X, torch.nn.functional.binary_cross_entropy, opt, epochs, 1, log=tuple(sorted({1, 10, 50, 100, 200, epochs})))
    acc = ((m(X) > 0.5).float() == X).float().mean().item()
    return log, round(acc, 3)

def regression(seed):  # so-33969059 Correct Code (WS, XNO divided by their largest magnitude, as its `if 1:` branch)
    torch.manual_seed(seed); np.random.seed(seed)
    ws = np.array([2.0, 1.0, 0.5]) / 2.2; xno = 1.0
    X = np.random.rand(100000, 3) * 10000; y = X @ ws + xno
    Xt, yt = torch.tensor(X, dtype=torch.float32), torch.tensor(y[:, None], dtype=torch.float32)
    u = lambda w: torch.nn.init.uniform_(w, -0.05, 0.05)
    m = torch.nn.Sequential(dense(3, 3, u), torch.nn.Tanh(), torch.nn.Dropout(0.5), dense(3, 2, u), torch.nn.Tanh(), torch.nn.Dropout(0.5), dense(2, 1, u))
    opt = torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9, nesterov=True)
    log = train(m, Xt, yt, torch.nn.functional.mse_loss, opt, 20, 32, log=(1, 5, 20))
    m.eval(); mse = torch.nn.functional.mse_loss(m(Xt), yt).item()
    return log, {'mse': mse, 'var_y': float(y.var()), 'R2': 1 - mse / float(y.var())}

which = sys.argv[1]
for seed in range(int(sys.argv[2]) if len(sys.argv) > 2 else 3):
    if which == 'xor': print('xor', seed, *xor(seed), flush=True)
    if which == 'autoenc': print('autoenc', seed, *autoenc(seed, int(sys.argv[3]) if len(sys.argv) > 3 else 1000), flush=True)
    if which == 'regression': print('regression', seed, *regression(seed), flush=True)
