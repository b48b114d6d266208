#!/usr/bin/python3
"""The reference side of the PPML benchmark: pandas.read_csv + statsmodels GLM Poisson with the
exporter-year and importer-year fixed effects as DUMMY columns (all exporter-years, importer-years
less the first of each year, so the design has full rank). Rows in a fixed-effect level whose
flows are all zero are dropped first (repeatedly), as our separation check does, since GLM would
diverge on them. Prints JSON: n, iterations, coefficients of the slopes.

  /usr/bin/python3 bench/statsmodels_ppml.py out/bench/gravity_30.csv
"""
import json
import sys

import numpy as np
import pandas as pd
import statsmodels.api as sm

df = pd.read_csv(sys.argv[1])
df["ey"] = df["exporter"] + "^" + df["year"].astype(str)
df["iy"] = df["importer"] + "^" + df["year"].astype(str)
while True:
    keep = (df.groupby("ey")["trade"].transform("sum") > 0) & (df.groupby("iy")["trade"].transform("sum") > 0)
    if keep.all():
        break
    df = df[keep]
first = df.groupby("year")["iy"].transform("min")
ey = pd.get_dummies(df["ey"], dtype=float)
iy = pd.get_dummies(df["iy"], dtype=float)
iy = iy[[c for c in iy.columns if c not in set(first)]]
X = np.column_stack([np.log(df["dist"].to_numpy()), df["contig"].to_numpy(), df["rta"].to_numpy(), ey.to_numpy(), iy.to_numpy()])
res = sm.GLM(df["trade"].to_numpy(), X, family=sm.families.Poisson()).fit(tol=1e-10, maxiter=100)
print(json.dumps({
    "n": int(len(df)),
    "params": int(X.shape[1]),
    "coefficients": [{"term": t, "estimate": float(b)} for t, b in zip(["ln(dist)", "contig", "rta"], res.params[:3])],
}))
