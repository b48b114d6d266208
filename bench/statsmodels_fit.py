"""Reference side of the fit benchmark: pandas.read_csv + statsmodels OLS, coefficients as JSON.

usage: /usr/bin/python3 bench/statsmodels_fit.py FILE.csv   (columns y, x1..x8)
"""
import json
import sys

import pandas as pd
import statsmodels.api as sm

df = pd.read_csv(sys.argv[1])
xs = [c for c in df.columns if c != "y"]
res = sm.OLS(df["y"], sm.add_constant(df[xs])).fit()
names = ["(Intercept)"] + xs
print(json.dumps({
    "n": int(res.nobs),
    "coefficients": [
        {"term": t, "estimate": float(b), "stdError": float(s)}
        for t, b, s in zip(names, res.params.values, res.bse.values)
    ],
}))
