"""Reference side of the PCA benchmark: pandas.read_csv + scikit-learn PCA on standardized columns
(correlation-matrix PCA, as `deno task cli pca` does by default); eigenvalues as JSON.

usage: /usr/bin/python3 bench/sklearn_pca.py FILE.csv
"""
import json
import sys

import pandas as pd
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler

df = pd.read_csv(sys.argv[1])
z = StandardScaler().fit_transform(df.values)
p = PCA(svd_solver="full").fit(z)
n = z.shape[0]
# StandardScaler divides by the n-denominator sd; rescale to the n-1 correlation eigenvalues.
eig = p.explained_variance_ * (n - 1) / n
print(json.dumps({"n": n, "eigenvalues": [float(e) for e in eig]}))
