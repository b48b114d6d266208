#!/usr/bin/python3
"""The plain-numpy reference of the PPML benchmark: Poisson pseudo-maximum likelihood with
high-dimensional fixed effects by the exact method, iterative proportional fitting (IPF) of the
fixed effects given beta, then a Newton step on beta, repeated.

Given beta, the fixed effects that maximise the Poisson likelihood solve, for every level l of
every dimension, sum_l y = sum_l mu (mu = exp(x b + the effects)); IPF reaches them by scaling
each dimension's levels in turn (alpha_l += ln(sum_l y / sum_l mu)). At that point the gradient of
the profile likelihood is X'(y - mu) and its Hessian -X~' W X~, X~ = X demeaned on the fixed
effects with weights mu (alternating projections). Newton steps on beta (halved while the
deviance rises) until the relative deviance change is below 1e-10, then X~ at the final mu to
1e-13 for the standard errors (HC0, and the clustered sandwich without small-sample factor).
Rows are dropped first as our fit drops them: levels whose trade is all zero and singletons,
repeatedly (no separation check by the regressors: the synthetic panels have none).

Prints JSON: n, dropped, Newton steps, IPF and projection sweeps, deviance, coefficients with
HC0 and clustered (no small-sample factor) SEs, and the seconds spent reading and fitting.

  /usr/bin/python3 bench/ppml_ipf_newton.py FILE.csv [Y X1,X2,.. FE1,FE2,.. CLUSTER]
  /usr/bin/python3 bench/ppml_ipf_newton.py out/bench/ppml_800k.csv trade \
      "ln(dist),contig,rta" "exporter^year,importer^year" "exporter^importer"
"""
import json
import sys
import time

import numpy as np
import pandas as pd

t0 = time.perf_counter()
path = sys.argv[1]
ycol = sys.argv[2] if len(sys.argv) > 2 else "trade"
xterms = (sys.argv[3] if len(sys.argv) > 3 else "ln(dist),contig,rta").split(",")
fes = [f.split("^") for f in (sys.argv[4] if len(sys.argv) > 4 else "exporter^year,importer^year").split(",")]
cluster = (sys.argv[5] if len(sys.argv) > 5 else "exporter^importer").split("^")
raw = lambda t: t[3:-1] if t.startswith("ln(") else t
cols = sorted({ycol, *map(raw, xterms), *(c for f in fes for c in f), *cluster})
df = pd.read_csv(path, usecols=cols)
t_read = time.perf_counter() - t0


def codes_of(parts):
    """Dense integer codes of a (possibly interacted) factor."""
    if len(parts) == 1:
        return pd.factorize(df[parts[0]])[0]
    return df.groupby(parts, sort=False).ngroup().to_numpy()


y = df[ycol].to_numpy(float)
X = [np.log(df[raw(t)].to_numpy(float)) if t.startswith("ln(") else df[raw(t)].to_numpy(float)
     for t in xterms]
C = [codes_of(f) for f in fes]
G = codes_of(cluster)
del df

# drop all-zero levels and singletons until neither is left
n0 = len(y)
while True:
    keep = np.ones(len(y), bool)
    for c in C:
        L = c.max() + 1
        keep &= (np.bincount(c, y, L) > 0)[c] & (np.bincount(c, None, L) > 1)[c]
    if keep.all():
        break
    y, X, G = y[keep], [x[keep] for x in X], G[keep]
    C = [np.unique(c[keep], return_inverse=True)[1] for c in C]
L = [c.max() + 1 for c in C]
sy = [np.bincount(c, y, l) for c, l in zip(C, L)]
n = len(y)


def ipf(xb, alpha, tol):
    """Fixed effects given beta: scale each dimension to its trade totals; returns mu, sweeps."""
    mu = np.exp(xb + sum(a[c] for a, c in zip(alpha, C)))
    for sweep in range(1, 100001):
        worst = 0.0
        for d, c in enumerate(C):
            delta = np.log(sy[d] / np.bincount(c, mu, L[d]))
            alpha[d] += delta
            mu *= np.exp(delta)[c]
            worst = max(worst, np.abs(delta).max())
        if worst < tol:
            return np.exp(xb + sum(a[c] for a, c in zip(alpha, C))), sweep
    raise SystemExit("IPF did not converge")


def demean(V, w, tol):
    """Columns of V (a list) demeaned on the fixed effects with weights w by alternating
    projections, until no level mean of a sweep exceeds tol x the column's largest |value|."""
    V = [v.copy() for v in V]
    inv = [1 / np.bincount(c, w, l) for c, l in zip(C, L)]
    scale = [np.abs(v).max() for v in V]
    for sweep in range(1, 100001):
        worst = 0.0
        for d, c in enumerate(C):
            for j, v in enumerate(V):
                m = np.bincount(c, w * v, L[d]) * inv[d]
                v -= np.take(m, c)
                worst = max(worst, np.abs(m).max() / scale[j])
        if len(C) == 1 or worst < tol:
            return V, sweep
    raise SystemExit("projections did not converge")


def deviance(mu):
    pos = y > 0
    return 2 * (np.sum(y[pos] * np.log(y[pos] / mu[pos])) - np.sum(y - mu))


k = len(X)
xb = lambda b: sum(bj * x for bj, x in zip(b, X))
beta = np.zeros(k)
alpha = [np.zeros(l) for l in L]
mu, sweeps = ipf(xb(beta), alpha, 1e-12)
dev = deviance(mu)
proj = 0
Xt = X  # warm start: X~ differs from X by a fixed-effect component whatever the weights
for step in range(1, 101):
    Xt, s = demean(Xt, mu, 1e-8)
    proj += s
    grad = np.array([x @ (y - mu) for x in X])
    H = np.array([[a @ (b * mu) for b in Xt] for a in Xt])
    delta = np.linalg.solve(H, grad)
    t = 1.0
    while True:
        a_try = [a.copy() for a in alpha]
        mu_try, s = ipf(xb(beta + t * delta), a_try, 1e-12)
        sweeps += s
        dev_try = deviance(mu_try)
        if dev_try <= dev * (1 + 1e-12) or t < 1e-4:
            break
        t /= 2
    beta, alpha, mu = beta + t * delta, a_try, mu_try
    change = abs(dev - dev_try) / max(dev_try, 0.1)
    dev = dev_try
    if change < 1e-10:
        break
Xt, s = demean(Xt, mu, 1e-13)
proj += s
H = np.array([[a @ (b * mu) for b in Xt] for a in Xt])
Hinv = np.linalg.inv(H)
u = np.column_stack(Xt) * (y - mu)[:, None]
hc0 = Hinv @ (u.T @ u) @ Hinv
g_codes = np.unique(G, return_inverse=True)[1]
ng = g_codes.max() + 1
su = np.column_stack([np.bincount(g_codes, u[:, j], ng) for j in range(k)])
cr0 = Hinv @ (su.T @ su) @ Hinv
t_fit = time.perf_counter() - t0 - t_read
print(json.dumps({
    "n": int(n),
    "dropped": int(n0 - n),
    "newtonSteps": step,
    "ipfSweeps": int(sweeps),
    "projectionSweeps": int(proj),
    "deviance": float(dev),
    "coefficients": [{"term": t, "estimate": float(b), "hc0": float(np.sqrt(hc0[j, j])),
                      "cluster0": float(np.sqrt(cr0[j, j]))} for j, (t, b) in enumerate(zip(xterms, beta))],
    "seconds": {"read": t_read, "fit": t_fit},
}))
