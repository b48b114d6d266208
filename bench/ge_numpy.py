#!/usr/bin/python3
"""The reference side of the GE benchmark: the same two-stage algorithm as lib/ge/equilibrium.ts
in numpy (ge_gravity's fixed-point sweeps while the largest relative market-clearing error falls
by 10% or more a sweep, down to 1e-12; then, if needed, Newton steps on the market-clearing
equations with the analytic Jacobian and numpy.linalg.solve, halving steps that do not reduce the
sum of squares). Additive deficits, world output as numeraire. Reads the CSV with the csv
module (as pandas is slower to start), solves REPEATS times, prints the median solve time and
every country's welfare as JSON (first, fastest and median of REPEATS solves, default 30).

  /usr/bin/python3 bench/ge_numpy.py out/bench/ge_world200.csv 4 5
"""
import csv
import json
import sys
import time

import numpy as np


def load(path):
    rows = list(csv.DictReader(open(path)))
    countries = sorted({r["exporter"] for r in rows})
    idx = {c: k for k, c in enumerate(countries)}
    n = len(countries)
    X = np.zeros((n, n))
    beta = np.zeros((n, n))
    for r in rows:
        i, j = idx[r["exporter"]], idx[r["importer"]]
        X[i, j] = float(r["trade"])
        beta[i, j] = float(r["partial"])
    return X, beta


def solve(X, beta, theta, tol=1e-12):
    n = X.shape[0]
    Y, E = X.sum(1), X.sum(0)
    D = E - Y
    A = X / E[None, :] * np.exp(beta)

    def state(w):
        wt = w ** -theta
        phi = A.T @ wt
        Ep = Y * w + D
        q = Ep / phi
        S = A @ q
        F = np.log(S / Y) - (1 + theta) * np.log(w)
        G = np.log((Y * w).sum() / Y.sum())
        err = max(np.abs(np.expm1(F)).max(), abs(G))
        return dict(w=w, wt=wt, phi=phi, Ep=Ep, q=q, S=S, F=F, G=G, err=err, merit=(F * F).sum() + G * G)

    w = np.ones(n)
    S = A @ E
    st = state(w)
    sweeps = 0
    errors = []
    while sweeps < 500 and st["err"] > tol:
        sweeps += 1
        w = (S / Y) ** (1 / (1 + theta))
        w *= Y.sum() / (Y * w).sum()
        st = state(w)
        S = st["S"]
        errors.append(st["err"])
        if sweeps >= 20 and st["err"] > tol:
            rate = (st["err"] / errors[sweeps - 11]) ** 0.1
            if rate >= 1 or (rate >= 0.9 and np.log(tol / st["err"]) / np.log(rate) > 200):
                break
    steps = 0
    while st["err"] > tol and steps < 200:
        steps += 1
        sigma = A * st["q"][None, :] / st["S"][:, None]
        share = A * st["wt"][:, None] / st["phi"][None, :]
        J = theta * sigma @ share.T + sigma * (Y * st["w"] / st["Ep"])[None, :] - (1 + theta) * np.eye(n)
        drop = int(np.argmax(Y * st["w"]))
        J[drop, :] = Y * st["w"] / (Y * st["w"]).sum()
        rhs = -st["F"].copy()
        rhs[drop] = -st["G"]
        d = np.linalg.solve(J, rhs)
        t = 1.0
        nxt = None
        while t > 1e-8:
            trial = state(st["w"] * np.exp(t * d))
            if trial["merit"] < st["merit"]:
                nxt = trial
                break
            t /= 2
        if nxt is None:
            break
        st = nxt
    P = st["phi"] ** (-1 / theta)
    return st, sweeps, steps, st["Ep"] / E / P


def main():
    path, theta = sys.argv[1], float(sys.argv[2])
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    X, beta = load(path)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        st, sweeps, steps, welfare = solve(X, beta, theta)
        times.append(time.perf_counter() - t0)
    first = times[0]
    times = sorted(times)
    print(json.dumps({"countries": X.shape[0], "first": first, "best": times[0],
                      "seconds": times[len(times) // 2], "sweeps": sweeps,
                      "newton": steps, "converged": bool(st["err"] <= 1e-12), "welfare": welfare.tolist()}))


main()
