# Training outcome by an initializer's variance gain, with PyTorch as the oracle (docs/lint/large-initializer.md).
# A layer's gain is fan_in * E[w^2] * c (c = 1/2 under ReLU, He et al. 2015; 1 otherwise, LeCun / Glorot & Bengio
# 2010); R is its product over the network. Every layer of a width-64 MLP gets the same gain R^(1/(layers)); the
# data: 512 standardised 13-feature rows, 3 classes from a random tanh teacher; 600 SGD/Adam steps of batch 32,
# 2 seeds. Prints, per R, the initial loss (ln 3 = 1.1 is the matched start), the final loss and accuracy.
#
#   ~/.cache/gradient-lens-venv/bin/python bench/initializerGain.py [--acts relu,tanh] [--depths 1,3] [--gains 1,10,...]
import argparse
import math

import torch

torch.manual_seed(0)
N, D, C = 512, 13, 3
X = torch.randn(N, D)
teacher = torch.nn.Sequential(torch.nn.Linear(D, 32), torch.nn.Tanh(), torch.nn.Linear(32, C))
with torch.no_grad():
    Y = teacher(X).argmax(1)


def run(depth, width, act, r_total, opt, lr, steps=600, seed=0):
    torch.manual_seed(seed)
    layers, fan = [], D
    c = 0.5 if act == 'relu' else 1.0
    g = r_total ** (1.0 / (depth + 1))
    for _ in range(depth):
        lin = torch.nn.Linear(fan, width)
        torch.nn.init.normal_(lin.weight, 0, math.sqrt(g / (fan * c)))
        torch.nn.init.zeros_(lin.bias)
        layers += [lin, {'relu': torch.nn.ReLU, 'tanh': torch.nn.Tanh, 'sigmoid': torch.nn.Sigmoid}[act]()]
        fan = width
    out = torch.nn.Linear(fan, C)
    torch.nn.init.normal_(out.weight, 0, math.sqrt(g / fan))
    torch.nn.init.zeros_(out.bias)
    net = torch.nn.Sequential(*layers, out)
    o = torch.optim.SGD(net.parameters(), lr=lr) if opt == 'sgd' else torch.optim.Adam(net.parameters(), lr=lr)
    loss = torch.nn.CrossEntropyLoss()
    with torch.no_grad():
        l0 = loss(net(X), Y).item()
    for _ in range(steps):
        idx = torch.randint(0, N, (32,))
        o.zero_grad()
        l = loss(net(X[idx]), Y[idx])
        l.backward()
        o.step()
    with torch.no_grad():
        logits = net(X)
        return l0, loss(logits, Y).item(), (logits.argmax(1) == Y).float().mean().item()


ap = argparse.ArgumentParser()
ap.add_argument('--acts', default='relu,tanh')
ap.add_argument('--depths', default='1,3')
ap.add_argument('--gains', default='1,10,30,100,300,1000,1e4')
a = ap.parse_args()
for act in a.acts.split(','):
    for depth in map(int, a.depths.split(',')):
        for opt, lr in [('sgd', 0.01), ('adam', 1e-3)]:
            row = []
            for r_total in map(float, a.gains.split(',')):
                res = [run(depth, 64, act, r_total, opt, lr, seed=s) for s in range(2)]
                l0 = res[0][0]
                row.append(f"R={r_total:g}: L0 {l0:.1f} L {sum(x[1] for x in res) / 2:.2f} acc {sum(x[2] for x in res) / 2:.2f}")
            print(act, 'hidden', depth, opt, lr, ' | '.join(row), flush=True)
