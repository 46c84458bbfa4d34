#!/usr/bin/python3
"""Builds RecStream's ranking model: 13 candidate features -> 1-hidden-layer MLP -> ONNX score.

Trains on a feature log (CSV, one row per (request, candidate) pair):
  label,cooccurrence,factor,popularity,trend,neighbour_recency,intent_match,
  channel_app,channel_web,channel_store,blend
where label 1 means the candidate was the user's next interaction. The job writes such a log
(`./recstream evaluate ... --log-features FILE`); pass it with --features FILE. Without it the
script generates a synthetic log by the documented rule in synthetic_log() so that the pipeline
works end to end.

Standardisation (training means and standard deviations) is folded into the first layer, so the
ONNX model takes raw features: the Java side passes the job's values unchanged.

Writes ranking-v1.onnx and ranking-v1.json into the classpath resources
(udfs/src/main/resources/models/) and test vectors (features and expected scores) into
udfs/src/test/resources/models/ranking-test-vectors.json.

Run with Debian's interpreter: /usr/bin/python3 models/build_ranking_model.py [--features FILE]
Needs only numpy and onnx (python3-numpy, python3-onnx); deterministic given its inputs.
"""
import argparse
import csv
import json
import os
import re
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

# Keep in step with udfs/src/main/java/io/recstream/recommend/RankingFeatures.java.
FEATURES = ["cooccurrence", "factor", "popularity", "trend", "neighbour_recency",
            "intent_match", "channel_app", "channel_web", "channel_store", "blend",
            "cooccurrence_share", "factor_gap", "last_item_cooccurrence"]
HEADER = ["label"] + FEATURES
NAME = "ranking-v1"
VERSION = "ranking-v1"
HIDDEN = 32
SEED = 20240601


# ---------------------------------------------------------------- synthetic feature log
SYNTHETIC_RULE = (
    "requests of 25 candidates; per request a channel (app 0.5, web 0.35, store 0.15) and with "
    "probability 0.3 a search intent; per candidate cooccurrence = 0 w.p. 0.5 else Exp(mean 0.4); "
    "factor ~ N(0, 0.5); popularity = -Exp(mean 1.5); trend ~ Beta(2, 5); neighbour_recency = 0 "
    "w.p. 0.6 else U(0, 1); intent_match = 0 without intent else Beta(1, 3); blend = cooccurrence "
    "+ factor + 0.2 * popularity (the fixed blend). Utility u = 1.5 cooccurrence + 0.5 factor "
    "+ 0.3 popularity + 1.0 trend + 2.0 neighbour_recency * (1 - 0.5 neighbour_recency) "
    "+ 2.5 intent_match + 0.6 popularity * channel_store. The next interaction is drawn from "
    "softmax(u) over the candidates plus an outside option of utility 2.5 (no candidate was next); "
    "label 1 for the drawn candidate, 0 for the rest.")


def synthetic_log(seed=SEED, requests=6000, candidates=25):
    """A feature log whose labels follow SYNTHETIC_RULE; (labels [N], features [N, 13]) as float64."""
    rng = np.random.default_rng(seed)
    n = requests * candidates
    channel = rng.choice(3, size=requests, p=[0.5, 0.35, 0.15])
    has_intent = rng.random(requests) < 0.3
    x = np.zeros((n, len(FEATURES)))
    x[:, 0] = np.where(rng.random(n) < 0.5, 0.0, rng.exponential(0.4, n))
    x[:, 1] = rng.normal(0.0, 0.5, n)
    x[:, 2] = -rng.exponential(1.5, n)
    x[:, 3] = rng.beta(2.0, 5.0, n)
    x[:, 4] = np.where(rng.random(n) < 0.6, 0.0, rng.random(n))
    x[:, 5] = np.where(np.repeat(has_intent, candidates), rng.beta(1.0, 3.0, n), 0.0)
    x[np.arange(n), 6 + np.repeat(channel, candidates)] = 1.0
    x[:, 9] = x[:, 0] + x[:, 1] + 0.2 * x[:, 2]
    utility = (1.5 * x[:, 0] + 0.5 * x[:, 1] + 0.3 * x[:, 2] + 1.0 * x[:, 3]
               + 2.0 * x[:, 4] * (1.0 - 0.5 * x[:, 4]) + 2.5 * x[:, 5] + 0.6 * x[:, 2] * x[:, 8])
    utility = utility.reshape(requests, candidates)
    outside = np.full((requests, 1), 2.5)
    logits = np.concatenate([utility, outside], axis=1)
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    chosen = (p.cumsum(axis=1) > rng.random((requests, 1))).argmax(axis=1)
    labels = np.zeros((requests, candidates + 1))
    labels[np.arange(requests), chosen] = 1.0
    return labels[:, :candidates].reshape(n), x


def read_log(path):
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = [h.strip() for h in next(reader)]
        # the job's features are append-only: a log of a later job starts with these and has more
        if header[:len(HEADER)] != HEADER:
            sys.exit(f"{path}: header must start with {','.join(HEADER)}, was {','.join(header)}")
        rows = np.array([[float(v) for v in row[:len(HEADER)]] for row in reader if row], dtype=np.float64)
    if len(rows) == 0:
        sys.exit(f"{path}: no rows")
    if not np.isfinite(rows).all():
        sys.exit(f"{path}: non-finite values")
    return rows[:, 0], rows[:, 1:]


def write_log(path, labels, x):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(",".join(HEADER) + "\n")
        for label, row in zip(labels, x):
            f.write(f"{int(label)}," + ",".join(f"{v:.6g}" for v in row) + "\n")


# ---------------------------------------------------------------- model
def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def train_mlp(x, y, seed, epochs=10, batch_size=512, lr=0.005, l2=1e-4):
    """13 -> 16 ReLU -> 1 sigmoid on standardised x, binary cross-entropy, Adam."""
    rng = np.random.default_rng(seed)
    d = x.shape[1]
    w1 = rng.normal(0.0, np.sqrt(2.0 / d), (d, HIDDEN))
    b1 = np.zeros(HIDDEN)
    w2 = rng.normal(0.0, np.sqrt(1.0 / HIDDEN), (HIDDEN, 1))
    base_rate = y.mean()
    b2 = np.array([np.log(base_rate / (1.0 - base_rate))])
    params = [w1, b1, w2, b2]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    beta1, beta2, eps, step = 0.9, 0.999, 1e-8, 0
    for epoch in range(epochs):
        order = rng.permutation(len(x))
        for start in range(0, len(order), batch_size):
            rows = order[start:start + batch_size]
            xb, yb = x[rows], y[rows, None]
            pre = xb @ w1 + b1
            h = np.maximum(pre, 0.0)
            p = sigmoid(h @ w2 + b2)
            g_out = (p - yb) / len(rows)
            g_h = (g_out @ w2.T) * (pre > 0)
            grads = [xb.T @ g_h + l2 * w1, g_h.sum(axis=0), h.T @ g_out + l2 * w2, g_out.sum(axis=0)]
            step += 1
            for k, (param, grad) in enumerate(zip(params, grads)):
                m[k] = beta1 * m[k] + (1 - beta1) * grad
                v[k] = beta2 * v[k] + (1 - beta2) * grad * grad
                param -= lr * (m[k] / (1 - beta1 ** step)) / (np.sqrt(v[k] / (1 - beta2 ** step)) + eps)
        if epoch % 5 == 4 or epoch == epochs - 1:
            print(f"  epoch {epoch + 1:2d}/{epochs} log-loss {log_loss(y, forward(x, w1, b1, w2, b2)):.4f}",
                  file=sys.stderr)
    return w1, b1, w2, b2


def forward(x, w1, b1, w2, b2):
    return sigmoid(np.maximum(x @ w1 + b1, 0.0) @ w2 + b2)[:, 0]


def fold_standardisation(mean, std, w1, b1):
    """relu(((x - mean) / std) @ w1 + b1) == relu(x @ (w1 / std) + (b1 - (mean / std) @ w1))."""
    return w1 / std[:, None], b1 - (mean / std) @ w1


def log_loss(y, p):
    p = np.clip(p, 1e-12, 1 - 1e-12)
    return float(-(y * np.log(p) + (1 - y) * np.log(1 - p)).mean())


def auc(y, score):
    """Area under the ROC curve (Mann-Whitney U), ties counted as half."""
    order = np.argsort(score, kind="stable")
    s, yy = score[order], y[order]
    ranks = np.empty(len(s))
    start = 0
    for end in range(1, len(s) + 1):  # average ranks over runs of tied scores
        if end == len(s) or s[end] != s[start]:
            ranks[start:end] = (start + end + 1) / 2.0
            start = end
    positives = yy.sum()
    negatives = len(yy) - positives
    return float((ranks[yy == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def reference_scores(params, x):
    """The forward pass the ONNX graph must reproduce: float32 weights, computed in float64."""
    w1, b1, w2, b2 = (p.astype(np.float32).astype(np.float64) for p in params)
    return forward(x.astype(np.float32).astype(np.float64), w1, b1, w2, b2)


def export_onnx(params, path):
    """features [N, 13] -> MatMul W1 -> Add b1 -> Relu -> MatMul W2 -> Add b2 -> Sigmoid -> score [N, 1]."""
    w1, b1, w2, b2 = (p.astype(np.float32) for p in params)
    graph = helper.make_graph(
        nodes=[
            helper.make_node("MatMul", ["features", "w1"], ["hidden_raw"]),
            helper.make_node("Add", ["hidden_raw", "b1"], ["hidden_pre"]),
            helper.make_node("Relu", ["hidden_pre"], ["hidden"]),
            helper.make_node("MatMul", ["hidden", "w2"], ["logit_raw"]),
            helper.make_node("Add", ["logit_raw", "b2"], ["logit"]),
            helper.make_node("Sigmoid", ["logit"], ["score"]),
        ],
        name=VERSION.replace("-", "_"),
        inputs=[helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", len(FEATURES)])],
        outputs=[helper.make_tensor_value_info("score", TensorProto.FLOAT, ["batch", 1])],
        initializer=[numpy_helper.from_array(w1, "w1"), numpy_helper.from_array(b1, "b1"),
                     numpy_helper.from_array(w2, "w2"), numpy_helper.from_array(b2, "b2")],
    )
    model = helper.make_model(graph, producer_name="recstream-build_ranking_model",
                              opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8  # ONNX Runtime 1.21 reads IR <= 10; onnx 1.12 writes 8
    model.model_version = 1
    model.doc_string = f"RecStream ranking model {VERSION}: raw candidate features -> P(next interaction)"
    helper.set_model_props(model, {"version": VERSION, "features": ",".join(FEATURES)})
    onnx.checker.check_model(model)
    onnx.save(model, path)


# ---------------------------------------------------------------- test vectors
def test_rows(x_held_out):
    """Held-out rows plus edge cases: all zeros, one-hot channels alone, large and negative values."""
    rows = [x_held_out[i] for i in range(0, min(len(x_held_out), 12 * 97), 97)][:12]
    zeros = np.zeros(len(FEATURES))
    rows.append(zeros)
    for c in range(3):
        one_hot = zeros.copy()
        one_hot[6 + c] = 1.0
        rows.append(one_hot)
    rows.append(np.array([5.0, 3.0, 0.0, 1.0, 1.0, 1.0, 1.0, 0.0, 0.0, 5.0, 1.0, 0.0, 0.5]))
    rows.append(np.array([0.0, -3.0, -12.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0, -5.4, 0.0, -2.0, 0.0]))
    rows.append(np.array([100.0, -100.0, -50.0, 10.0, 10.0, 10.0, 1.0, 1.0, 1.0, 1000.0, 1.0, -10.0, 1.0]))
    return np.array(rows).astype(np.float32)


def write_test_vectors(path, params, x):
    scores = reference_scores(params, x)
    out = {
        "comment": "Written by models/build_ranking_model.py; do not edit. Java must reproduce the "
                   "scores to 1e-5 from the raw features.",
        "resource": f"models/{NAME}.onnx",
        "version": VERSION,
        "features": FEATURES,
        "rows": [[float(v) for v in row] for row in x],
        "scores": [float(s) for s in scores],
    }
    os.makedirs(os.path.dirname(path), exist_ok=True)
    text = json.dumps(out, indent=1)
    text = re.sub(r"\[\s*([-+0-9.eE,\s]+?)\s*\]", lambda m: "[" + re.sub(r"\s+", " ", m.group(1)) + "]", text)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + "\n")


# ---------------------------------------------------------------- main
def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", help="feature log CSV written by the job (default: synthetic log)")
    parser.add_argument("--write-log", help="also write the (synthetic) training log to this CSV")
    parser.add_argument("--out", default=os.path.join(repo, "udfs", "src", "main", "resources", "models"))
    parser.add_argument("--vectors", default=os.path.join(
        repo, "udfs", "src", "test", "resources", "models", "ranking-test-vectors.json"))
    args = parser.parse_args()

    if args.features:
        y, x = read_log(args.features)
        data = {"source": os.path.basename(args.features), "kind": "feature log written by the job"}
    else:
        y, x = synthetic_log()
        data = {"source": "synthetic", "kind": "generated by synthetic_log()", "seed": SEED,
                "rule": SYNTHETIC_RULE}
    if args.write_log:
        write_log(args.write_log, y, x)
    if y.min() == y.max():
        sys.exit("the log needs both labels, 0 and 1")

    # 20 % held out, by a seeded permutation of the rows (deterministic for a given log)
    order = np.random.default_rng(SEED + 1).permutation(len(y))
    n_test = len(y) // 5
    test, train = order[:n_test], order[n_test:]
    mean = x[train].mean(axis=0)
    std = x[train].std(axis=0)
    std[std < 1e-6] = 1.0  # a constant column (e.g. a channel never seen) stays as it is
    print(f"{NAME}: {len(train)} training rows, {len(test)} held-out rows, "
          f"positive rate {y.mean():.4f}", file=sys.stderr)
    w1, b1, w2, b2 = train_mlp((x[train] - mean) / std, y[train], SEED)
    w1, b1 = fold_standardisation(mean, std, w1, b1)
    params = (w1, b1, w2, b2)

    p_test = reference_scores(params, x[test])
    base_rate = y[train].mean()
    held_out = {
        "rows": int(len(test)),
        "positives": int(y[test].sum()),
        "auc": round(auc(y[test], p_test), 4),
        "log_loss": round(log_loss(y[test], p_test), 4),
        "baselines": {
            "blend_auc": round(auc(y[test], x[test, 9]), 4),
            "base_rate_log_loss": round(log_loss(y[test], np.full(len(test), base_rate)), 4),
        },
    }
    print(f"{NAME} held-out: {held_out}", file=sys.stderr)

    os.makedirs(args.out, exist_ok=True)
    export_onnx(params, os.path.join(args.out, NAME + ".onnx"))
    meta = {
        "name": NAME,
        "version": VERSION,
        "input": {"name": "features", "shape": ["batch", len(FEATURES)], "type": "float32"},
        "output": {"name": "score", "shape": ["batch", 1], "type": "float32"},
        "features": FEATURES,
        "standardisation": {
            "note": "folded into the first layer: the model takes raw features",
            "means": [round(float(v), 6) for v in mean],
            "stds": [round(float(v), 6) for v in std],
        },
        "model": f"MLP {len(FEATURES)} -> {HIDDEN} ReLU -> 1 sigmoid, binary cross-entropy, "
                 "Adam lr 0.01, L2 1e-4, batch 512, 20 epochs",
        "training": {**data, "rows": int(len(y)), "train_rows": int(len(train)),
                     "positive_rate": round(float(y.mean()), 4),
                     "split": f"20 % held out by a seeded permutation of the rows (seed {SEED + 1})"},
        "held_out": held_out,
    }
    with open(os.path.join(args.out, NAME + ".json"), "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=2)
        f.write("\n")
    write_test_vectors(args.vectors, params, test_rows(x[test]))
    print(f"wrote {NAME} to {args.out} and test vectors to {args.vectors}", file=sys.stderr)


if __name__ == "__main__":
    main()
