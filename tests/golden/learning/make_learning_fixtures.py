#!/usr/bin/python3
"""Golden fixtures for SemgKit.Learning from scikit-learn.

Run from anywhere with the system interpreter (python3-sklearn):
    /usr/bin/python3 tests/golden/learning/make_learning_fixtures.py
Writes lda.json, standardizer.json, metrics.json, roc.json, svm.json, qda.json, knn.json,
naive_bayes.json and forest.json beside this script.
All inputs are float32 values (stored as exact doubles) so that C# float rows and sklearn's
float64 computation see identical numbers.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis, QuadraticDiscriminantAnalysis
from sklearn.ensemble import RandomForestClassifier
from sklearn.naive_bayes import GaussianNB
from sklearn.neighbors import KNeighborsClassifier
from sklearn.svm import SVC
from sklearn.metrics import (accuracy_score, balanced_accuracy_score, cohen_kappa_score,
                             confusion_matrix, f1_score, precision_recall_fscore_support,
                             precision_score, recall_score, roc_auc_score, roc_curve, auc)
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))


def f32(a):
    return np.asarray(a, dtype=np.float32).astype(np.float64)


def lst(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]


def make_dataset(seed, counts, n_features, separation, const_col=None):
    rng = np.random.default_rng(seed)
    k = len(counts)
    mixing = rng.normal(size=(n_features, n_features)) / np.sqrt(n_features) + np.eye(n_features)
    centers = rng.normal(scale=separation, size=(k, n_features))
    xs, ys = [], []
    for c, n in enumerate(counts):
        z = rng.normal(size=(n, n_features)) @ mixing + centers[c]
        xs.append(z)
        ys.append(np.full(n, c))
    x = np.vstack(xs)
    y = np.concatenate(ys)
    perm = rng.permutation(len(y))
    x, y = x[perm], y[perm]
    x = x * rng.uniform(0.5, 20.0, size=n_features) + rng.uniform(-5, 5, size=n_features)
    if const_col is not None:
        x[:, const_col] = 3.0
    return f32(x), y.astype(np.int64)


def lda_cases():
    datasets = {
        "blobs4": make_dataset(1, [60, 90, 70, 80], 12, 1.0),
        "constcol": make_dataset(2, [50, 80, 70], 8, 1.5, const_col=5),
        "binary": make_dataset(3, [70, 80], 6, 0.8),
    }
    cases = []
    data = {}
    for name, (x, y) in datasets.items():
        # test rows: jittered training rows, so that probabilities are informative (not all 0/1)
        rng = np.random.default_rng(100)
        t = f32(x[:25] + rng.normal(scale=0.5, size=(25, x.shape[1])) * x.std(axis=0))
        data[name] = {"rowCount": int(x.shape[0]), "featureCount": int(x.shape[1]), "x": lst(x),
                      "y": [int(v) for v in y], "testRowCount": int(t.shape[0]), "test": lst(t)}
        variants = [("none", None, None), ("fixed0.3", 0.3, None), ("auto", "auto", None)]
        if name == "blobs4":
            variants.append(("none-priors", None, [0.1, 0.2, 0.3, 0.4]))
            variants.append(("auto-priors", "auto", [0.4, 0.3, 0.2, 0.1]))
        for vname, shrink, priors in variants:
            lda = LinearDiscriminantAnalysis(solver="lsqr", shrinkage=shrink, priors=priors)
            lda.fit(x, y)
            cases.append({
                "name": f"{name}/{vname}",
                "dataset": name,
                "classCount": int(len(lda.classes_)),
                "shrinkage": None if shrink is None else (shrink if isinstance(shrink, str) else float(shrink)),
                "priorsOption": priors,
                "coef": lst(lda.coef_),
                "coefRows": int(lda.coef_.shape[0]),
                "intercept": lst(lda.intercept_),
                "means": lst(lda.means_),
                "priors": lst(lda.priors_),
                "predictions": [int(v) for v in lda.predict(t)],
                "probabilities": lst(lda.predict_proba(t)),
            })
    return {"datasets": data, "cases": cases}


def standardizer_cases():
    out = []
    for name, (x, _) in {"blobs4": make_dataset(1, [60, 90, 70, 80], 12, 1.0),
                         "constcol": make_dataset(2, [50, 80, 70], 8, 1.5, const_col=5)}.items():
        x = x[:40]
        sc = StandardScaler().fit(x)
        out.append({
            "name": name,
            "rowCount": int(x.shape[0]),
            "featureCount": int(x.shape[1]),
            "x": lst(x),
            "means": lst(sc.mean_),
            "scales": lst(sc.scale_),
            "transformed": lst(sc.transform(x)),
        })
    return out


def metrics_case(name, truth, pred, k):
    labels = list(range(k))
    p, r, f, s = precision_recall_fscore_support(truth, pred, labels=labels, zero_division=0)
    cm = confusion_matrix(truth, pred, labels=labels)
    spec = []
    n = cm.sum()
    for c in labels:
        tp = cm[c, c]
        fp = cm[:, c].sum() - tp
        fn = cm[c, :].sum() - tp
        tn = n - tp - fp - fn
        spec.append(tn / (tn + fp) if tn + fp > 0 else 0.0)
    return {
        "name": name,
        "classCount": k,
        "truth": [int(v) for v in truth],
        "predicted": [int(v) for v in pred],
        "accuracy": float(accuracy_score(truth, pred)),
        "balancedAccuracy": float(balanced_accuracy_score(truth, pred)),
        "macroPrecision": float(precision_score(truth, pred, average="macro", zero_division=0)),
        "macroRecall": float(recall_score(truth, pred, average="macro", zero_division=0)),
        "macroF1": float(f1_score(truth, pred, average="macro", zero_division=0)),
        "weightedPrecision": float(precision_score(truth, pred, average="weighted", zero_division=0)),
        "weightedRecall": float(recall_score(truth, pred, average="weighted", zero_division=0)),
        "weightedF1": float(f1_score(truth, pred, average="weighted", zero_division=0)),
        "kappa": float(cohen_kappa_score(truth, pred)),
        "precision": lst(p),
        "recall": lst(r),
        "f1": lst(f),
        "support": [int(v) for v in s],
        "specificity": lst(spec),
        "confusion": [int(v) for v in cm.ravel()],
    }


def metrics_cases():
    rng = np.random.default_rng(7)
    out = []
    k = 5
    truth = rng.integers(0, k, 200)
    pred = np.where(rng.random(200) < 0.7, truth, rng.integers(0, k, 200))
    out.append(metrics_case("noisy5", truth, pred, k))
    # class 4 never predicted (its precision is 0/0 -> 0)
    pred2 = np.where(pred == 4, 0, pred)
    out.append(metrics_case("never-predicted", truth, pred2, k))
    # class 3 absent from truth but predicted; class 5 absent everywhere (K = 6)
    truth3 = np.where(truth == 3, 1, truth)
    out.append(metrics_case("absent-classes", truth3, pred, 6))
    truth4 = rng.integers(0, 3, 97)
    pred4 = np.where(rng.random(97) < 0.4, truth4, rng.integers(0, 3, 97))
    out.append(metrics_case("weak3", truth4, pred4, 3))
    return out


def roc_cases():
    out = []
    for seed, n, k in [(11, 150, 4), (12, 90, 3)]:
        rng = np.random.default_rng(seed)
        truth = rng.integers(0, k, n)
        # logits from a small discrete set so that many scores tie
        logits = np.round(rng.normal(size=(n, k)) * 2) / 2
        logits[np.arange(n), truth] += rng.choice([0.0, 0.5, 1.0, 1.5], size=n)
        e = np.exp(logits - logits.max(axis=1, keepdims=True))
        scores = f32(e / e.sum(axis=1, keepdims=True))
        curves = []
        for c in range(k):
            fpr, tpr, thr = roc_curve(truth == c, scores[:, c], drop_intermediate=True)
            curves.append({"fpr": lst(fpr), "tpr": lst(tpr), "thresholds": lst(thr),
                           "auc": float(auc(fpr, tpr))})
        out.append({
            "name": f"ovr{k}-seed{seed}",
            "classCount": k,
            "rowCount": n,
            "scores": lst(scores),
            "truth": [int(v) for v in truth],
            "curves": curves,
            "macroAuc": float(roc_auc_score(truth, scores, multi_class="ovr", average="macro")),
        })
    return out


def clusters(seed, n, d, k, sep):
    """Gaussian clusters as /work/shared/peers/bench_sklearn.py (centres N(0, sep²I), unit noise)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(0.0, sep, size=(k, d))
    y = rng.integers(0, k, size=n)
    x = centres[y] + rng.normal(0.0, 1.0, size=(n, d))
    return f32(x), y.astype(np.int64)


def split_dataset(x, y, n_train):
    return {"rowCount": int(n_train), "featureCount": int(x.shape[1]), "x": lst(x[:n_train]),
            "y": [int(v) for v in y[:n_train]], "testRowCount": int(len(y) - n_train), "test": lst(x[n_train:]),
            "testY": [int(v) for v in y[n_train:]]}


def svm_cases():
    sets = {
        "c4": clusters(21, 400 + 100, 8, 4, 1.0),
        "c2": clusters(22, 240 + 60, 5, 2, 0.8),
        "c3wide": clusters(23, 300 + 80, 16, 3, 0.7),
    }
    n_train = {"c4": 400, "c2": 240, "c3wide": 300}
    data, cases = {}, []
    for name, (x, y) in sets.items():
        data[name] = split_dataset(x, y, n_train[name])
        xt, yt, xs = x[:n_train[name]], y[:n_train[name]], x[n_train[name]:]
        for kernel in ["linear", "rbf"]:
            for c in [1.0, 10.0]:
                m = SVC(kernel=kernel, C=c, gamma="scale").fit(xt, yt)
                dec = m.decision_function(xs) if len(m.classes_) == 2 else SVC(kernel=kernel, C=c, gamma="scale", decision_function_shape="ovo").fit(xt, yt).decision_function(xs)
                cases.append({"name": f"{name}/{kernel}/C{c:g}", "dataset": name, "kernel": kernel, "c": c,
                              "gamma": float(m._gamma), "classCount": int(len(m.classes_)),
                              "nSupport": [int(v) for v in m.n_support_],
                              "decision": lst(dec), "predictions": [int(v) for v in m.predict(xs)]})
    # Calibrated probabilities (LIBSVM's internal 5-fold CV: sklearn's random_state shuffle differs from ours).
    x, y = sets["c4"]
    m = SVC(kernel="rbf", C=1.0, gamma="scale", probability=True, random_state=0).fit(x[:400], y[:400])
    cases.append({"name": "c4/rbf/C1/probability", "dataset": "c4", "kernel": "rbf", "c": 1.0, "gamma": float(m._gamma),
                  "classCount": 4, "probability": True, "probabilities": lst(m.predict_proba(x[400:])),
                  "predictions": [int(v) for v in m.predict(x[400:])]})
    # Class weights: C_k = C·w_k.
    m = SVC(kernel="rbf", C=1.0, gamma="scale", class_weight={0: 3.0, 1: 0.5, 2: 1.0, 3: 2.0},
            decision_function_shape="ovo").fit(x[:400], y[:400])
    cases.append({"name": "c4/rbf/C1/weighted", "dataset": "c4", "kernel": "rbf", "c": 1.0, "gamma": float(m._gamma),
                  "classCount": 4, "classWeights": [3.0, 0.5, 1.0, 2.0], "nSupport": [int(v) for v in m.n_support_],
                  "decision": lst(m.decision_function(x[400:])), "predictions": [int(v) for v in m.predict(x[400:])]})
    return {"datasets": data, "cases": cases}


def qda_cases():
    sets = {"blobs4": make_dataset(1, [60, 90, 70, 80], 12, 1.0), "binary": make_dataset(3, [70, 80], 6, 0.8)}
    data, cases = {}, []
    for name, (x, y) in sets.items():
        rng = np.random.default_rng(100)
        t = f32(x[:25] + rng.normal(scale=0.5, size=(25, x.shape[1])) * x.std(axis=0))
        data[name] = {"rowCount": int(x.shape[0]), "featureCount": int(x.shape[1]), "x": lst(x),
                      "y": [int(v) for v in y], "testRowCount": int(t.shape[0]), "test": lst(t)}
        for reg in [0.0, 0.1]:
            m = QuadraticDiscriminantAnalysis(reg_param=reg).fit(x, y)
            cases.append({"name": f"{name}/reg{reg:g}", "dataset": name, "regParam": reg, "classCount": int(len(m.classes_)),
                          "decision": lst(m._decision_function(t)), "probabilities": lst(m.predict_proba(t)),
                          "predictions": [int(v) for v in m.predict(t)]})
    return {"datasets": data, "cases": cases}


def knn_cases():
    x, y = clusters(31, 300 + 80, 6, 4, 1.0)
    x = np.vstack([x, x[:20]])  # duplicate rows (zero distances for distance weights)
    y = np.concatenate([y, y[:20]])
    # test rows: 80 fresh rows plus 10 exact training rows
    train_idx = np.r_[0:300, 380:400]
    xt, yt = x[train_idx], y[train_idx]
    xs = np.vstack([x[300:380], x[:10]])
    data = {"c4dup": {"rowCount": int(len(yt)), "featureCount": 6, "x": lst(xt), "y": [int(v) for v in yt],
                      "testRowCount": int(len(xs)), "test": lst(xs)}}
    cases = []
    for k in [1, 5, 12]:
        for weights in ["uniform", "distance"]:
            m = KNeighborsClassifier(n_neighbors=k, weights=weights, algorithm="brute").fit(xt, yt)
            cases.append({"name": f"c4dup/k{k}/{weights}", "dataset": "c4dup", "k": k, "weights": weights,
                          "classCount": 4, "probabilities": lst(m.predict_proba(xs)),
                          "predictions": [int(v) for v in m.predict(xs)]})
    return {"datasets": data, "cases": cases}


def naive_bayes_cases():
    sets = {"blobs4": make_dataset(1, [60, 90, 70, 80], 12, 1.0),
            "constcol": make_dataset(2, [50, 80, 70], 8, 1.5, const_col=5)}
    data, cases = {}, []
    for name, (x, y) in sets.items():
        rng = np.random.default_rng(100)
        t = f32(x[:25] + rng.normal(scale=0.5, size=(25, x.shape[1])) * x.std(axis=0))
        data[name] = {"rowCount": int(x.shape[0]), "featureCount": int(x.shape[1]), "x": lst(x),
                      "y": [int(v) for v in y], "testRowCount": int(t.shape[0]), "test": lst(t)}
        m = GaussianNB().fit(x, y)
        cases.append({"name": name, "dataset": name, "classCount": int(len(m.classes_)),
                      "theta": lst(m.theta_), "var": lst(m.var_), "priors": lst(m.class_prior_),
                      "jointLogLikelihood": lst(m._joint_log_likelihood(t)),
                      "probabilities": lst(m.predict_proba(t)), "predictions": [int(v) for v in m.predict(t)]})
    return {"datasets": data, "cases": cases}


def forest_cases():
    x, y = clusters(41, 600 + 400, 10, 3, 0.9)
    data = {"c3": split_dataset(x, y, 600)}
    cases = []
    for depth in [None, 6]:
        accs = []
        for seed in range(5):
            m = RandomForestClassifier(n_estimators=100, max_depth=depth, random_state=seed).fit(x[:600], y[:600])
            accs.append(float((m.predict(x[600:]) == y[600:]).mean()))
        cases.append({"name": f"c3/depth{depth}", "dataset": "c3", "maxDepth": depth, "classCount": 3,
                      "sklearnAccuracy": float(np.mean(accs))})
    return {"datasets": data, "cases": cases}


def write(name, payload):
    if not isinstance(payload, dict):
        payload = {"cases": payload}
    payload = {"generator": "make_learning_fixtures.py", "sklearn": sklearn.__version__,
               "numpy": np.__version__, **payload}
    with open(os.path.join(HERE, name), "w") as fh:
        json.dump(payload, fh, separators=(",", ":"))
        fh.write("\n")


if __name__ == "__main__":
    write("lda.json", lda_cases())
    write("standardizer.json", standardizer_cases())
    write("metrics.json", metrics_cases())
    write("roc.json", roc_cases())
    write("svm.json", svm_cases())
    write("qda.json", qda_cases())
    write("knn.json", knn_cases())
    write("naive_bayes.json", naive_bayes_cases())
    write("forest.json", forest_cases())
    print("wrote fixtures to", HERE)
