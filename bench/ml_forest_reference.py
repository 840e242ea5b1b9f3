"""scikit-learn side of the forest benchmark (bench/ml-forest.mjs), run by Debian's /usr/bin/python3.

ml_forest_reference.py iforest|rf|rf-multi DATA_PREFIX: reads the same raw float32 rows our side reads,
times fit and scoring (wall and CPU) with n_jobs=1, writes the scores (rf-multi: predicted classes) as float64 and prints timings as JSON.
"""
import json
import sys
import time

import numpy as np
from sklearn.ensemble import IsolationForest, RandomForestClassifier


def main():
    task, prefix = sys.argv[1], sys.argv[2]
    with open(prefix + ".json") as f:
        meta = json.load(f)
    rows, cols, train_rows, seed = meta["rows"], meta["cols"], meta["trainRows"], meta["seed"]
    X = np.fromfile(prefix + ".f32", dtype=np.float32).reshape(rows, cols)
    # CPU time as well as wall time: other work on a shared machine inflates only the latter.
    cpu0 = time.process_time()
    if task == "iforest":
        model = IsolationForest(n_estimators=100, max_samples=256, random_state=seed, n_jobs=1)
        t0 = time.perf_counter()
        model.fit(X)
        t1 = time.perf_counter()
        scores = model.score_samples(X)
    elif task == "rf":
        y = np.fromfile(prefix + ".labels", dtype=np.uint8)
        model = RandomForestClassifier(n_estimators=100, n_jobs=1, random_state=seed)
        t0 = time.perf_counter()
        model.fit(X[:train_rows], y[:train_rows])
        t1 = time.perf_counter()
        scores = model.predict_proba(X[train_rows:])[:, 1]
    elif task == "rf-multi":
        y = np.fromfile(prefix + ".labels", dtype=np.uint8)
        model = RandomForestClassifier(n_estimators=100, n_jobs=1, random_state=seed)
        t0 = time.perf_counter()
        model.fit(X[:train_rows], y[:train_rows])
        t1 = time.perf_counter()
        scores = model.predict(X[train_rows:])
    else:
        raise SystemExit("unknown task " + task)
    t2 = time.perf_counter()
    cpu_seconds = time.process_time() - cpu0
    np.asarray(scores, dtype=np.float64).tofile(prefix + ".sklearn.f64")
    print(json.dumps({"fitSeconds": t1 - t0, "scoreSeconds": t2 - t1, "cpuSeconds": cpu_seconds}))


if __name__ == "__main__":
    main()
