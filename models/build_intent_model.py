#!/usr/bin/python3
"""Builds RecStream's intent models: hashed text features -> softmax regression -> ONNX.

Two models with the same tokeniser and architecture (see models/README.md for the spec):
  intent-synthetic  trained on the synthetic catalogue's category vocabulary
  intent-movielens  trained on MovieLens tags.csv free text and movie titles, labelled with
                    the movie's genres (read from --data, never committed)

Writes, for each model, <name>.onnx, <name>.labels.txt and <name>.json into the classpath
resources (udfs/src/main/resources/models/), and the shared test vectors into
udfs/src/test/resources/models/intent-test-vectors.json.

Run with Debian's interpreter: /usr/bin/python3 models/build_intent_model.py [--data DIR]
Needs only numpy and onnx (python3-numpy, python3-onnx); deterministic given the inputs.
"""
import argparse
import csv
import json
import math
import os
import re
import sys
import unicodedata

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

# ---------------------------------------------------------------- tokeniser (the spec)
# Keep in step with udfs/src/main/java/io/recstream/models/TextFeatures.java.
VOCABULARY_SIZE = 1 << 13
FNV_OFFSET = 0x811C9DC5
FNV_PRIME = 0x01000193
WORD_PREFIX = "w:"
TRIGRAM_PREFIX = "t:"
BOUNDARY_START = "^"
BOUNDARY_END = "$"
TOKENISER = {
    "lowercase": "full Unicode default case mapping (Python str.lower, Java toLowerCase(Locale.ROOT))",
    "words": "maximal runs of code points of general category L* or Nd",
    "features": "'w:'+word for every word; 't:'+trigram for every 3 code-point window of '^'+word+'$'",
    "hash": "FNV-1a 32-bit over the UTF-8 bytes of the feature string, unsigned, modulo V",
    "values": "counts per index, divided by the L2 norm of the count vector (double), then float32",
}


def fnv1a32(data: bytes) -> int:
    h = FNV_OFFSET
    for b in data:
        h ^= b
        h = (h * FNV_PRIME) & 0xFFFFFFFF
    return h


def is_word_char(ch: str) -> bool:
    category = unicodedata.category(ch)
    return category[0] == "L" or category == "Nd"


def words(text: str):
    out, current = [], []
    for ch in text.lower():
        if is_word_char(ch):
            current.append(ch)
        elif current:
            out.append("".join(current))
            current = []
    if current:
        out.append("".join(current))
    return out


def feature_strings(text: str):
    for word in words(text):
        yield WORD_PREFIX + word
        padded = BOUNDARY_START + word + BOUNDARY_END
        for i in range(len(padded) - 2):
            yield TRIGRAM_PREFIX + padded[i:i + 3]


def encode(text: str, dim: int = VOCABULARY_SIZE):
    """Sparse features of one text: (sorted indices, float32 values)."""
    counts = {}
    for feature in feature_strings(text):
        index = fnv1a32(feature.encode("utf-8")) % dim
        counts[index] = counts.get(index, 0) + 1
    indices = sorted(counts)
    norm = math.sqrt(sum(c * c for c in counts.values()))
    values = np.array([counts[i] / norm for i in indices], dtype=np.float32)
    return np.array(indices, dtype=np.int64), values


def dense(texts, dim=VOCABULARY_SIZE):
    x = np.zeros((len(texts), dim), dtype=np.float32)
    for row, text in enumerate(texts):
        indices, values = encode(text, dim)
        x[row, indices] = values
    return x


# ---------------------------------------------------------------- model
class Encoded:
    """A data set kept sparse; mini-batches are densified on demand."""

    def __init__(self, texts, targets, dim=VOCABULARY_SIZE):
        self.features = [encode(t, dim) for t in texts]
        self.targets = np.asarray(targets, dtype=np.float32)
        self.dim = dim

    def __len__(self):
        return len(self.features)

    def batch(self, rows):
        x = np.zeros((len(rows), self.dim), dtype=np.float32)
        for k, row in enumerate(rows):
            indices, values = self.features[row]
            x[k, indices] = values
        return x, self.targets[rows]


def softmax(logits):
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def train_softmax_regression(data: Encoded, classes: int, seed: int, epochs: int,
                             batch_size=256, lr=0.05, l2=1e-5):
    """Multinomial logistic regression with soft targets (cross-entropy), Adam, L2."""
    rng = np.random.default_rng(seed)
    w = np.zeros((data.dim, classes), dtype=np.float32)
    prior = data.targets.mean(axis=0) + 1e-6
    b = np.log(prior / prior.sum()).astype(np.float32)
    params = [w, b]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    beta1, beta2, eps, step = 0.9, 0.999, 1e-8, 0
    for epoch in range(epochs):
        order = rng.permutation(len(data))
        loss_sum = 0.0
        for start in range(0, len(order), batch_size):
            rows = order[start:start + batch_size]
            x, y = data.batch(rows)
            p = softmax(x @ w + b)
            loss_sum += float(-(y * np.log(p + 1e-12)).sum())
            g = (p - y) / len(rows)
            grads = [x.T @ g + l2 * w, g.sum(axis=0)]
            step += 1
            for k, (param, grad) in enumerate(zip(params, grads)):
                m[k] = beta1 * m[k] + (1 - beta1) * grad
                v[k] = beta2 * v[k] + (1 - beta2) * grad * grad
                m_hat = m[k] / (1 - beta1 ** step)
                v_hat = v[k] / (1 - beta2 ** step)
                param -= (lr * m_hat / (np.sqrt(v_hat) + eps)).astype(np.float32)
        print(f"  epoch {epoch + 1:2d}/{epochs} loss {loss_sum / len(data):.4f}", file=sys.stderr)
    return w, b


def predict(w, b, x):
    """The reference forward pass the ONNX graph must reproduce (float64 from float32)."""
    return softmax(x.astype(np.float64) @ w.astype(np.float64) + b.astype(np.float64))


def top_k_accuracy(w, b, data: Encoded, k: int):
    """Share of samples whose top-k predicted classes contain one of their true classes."""
    hits = 0
    for start in range(0, len(data), 1024):
        rows = np.arange(start, min(start + 1024, len(data)))
        x, y = data.batch(rows)
        top = np.argsort(-(x @ w + b), axis=1, kind="stable")[:, :k]
        hits += int((np.take_along_axis(y, top, axis=1) > 0).any(axis=1).sum())
    return hits / len(data)


def export_onnx(w, b, version, labels, path):
    """features [N, V] -> MatMul W [V, C] -> Add b [C] -> Softmax(axis 1) -> probabilities [N, C]."""
    graph = helper.make_graph(
        nodes=[
            helper.make_node("MatMul", ["features", "weights"], ["logits_raw"]),
            helper.make_node("Add", ["logits_raw", "bias"], ["logits"]),
            helper.make_node("Softmax", ["logits"], ["probabilities"], axis=1),
        ],
        name=version.replace("-", "_"),
        inputs=[helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", w.shape[0]])],
        outputs=[helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, ["batch", w.shape[1]])],
        initializer=[numpy_helper.from_array(w.astype(np.float32), "weights"),
                     numpy_helper.from_array(b.astype(np.float32), "bias")],
    )
    model = helper.make_model(graph, producer_name="recstream-build_intent_model",
                              opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8  # ONNX Runtime 1.21 reads IR <= 10; onnx 1.12 writes 8
    model.model_version = 1
    model.doc_string = f"RecStream intent model {version}: hashed text features -> class probabilities"
    helper.set_model_props(model, {"version": version, "labels": "\n".join(labels)})
    onnx.checker.check_model(model)
    onnx.save(model, path)


def write_model(out_dir, name, version, w, b, labels, metadata):
    os.makedirs(out_dir, exist_ok=True)
    export_onnx(w, b, version, labels, os.path.join(out_dir, name + ".onnx"))
    with open(os.path.join(out_dir, name + ".labels.txt"), "w", encoding="utf-8") as f:
        f.write("".join(label + "\n" for label in labels))
    meta = {
        "name": name,
        "version": version,
        "input": {"name": "features", "shape": ["batch", VOCABULARY_SIZE], "type": "float32"},
        "output": {"name": "probabilities", "shape": ["batch", len(labels)], "type": "float32"},
        "vocabulary_size": VOCABULARY_SIZE,
        "tokeniser": TOKENISER,
        "ngrams": {"words": 1, "char": 3, "boundary_markers": [BOUNDARY_START, BOUNDARY_END]},
        "classes": labels,
        **metadata,
    }
    with open(os.path.join(out_dir, name + ".json"), "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=2, ensure_ascii=False)
        f.write("\n")


def held_out(key: str) -> bool:
    """Deterministic 20 % split, independent of numpy and of row order."""
    return fnv1a32(key.encode("utf-8")) % 5 == 0


# ---------------------------------------------------------------- synthetic catalogue
def with_typo(text, rng):
    """The text with one character deleted from one of its words of 3+ characters."""
    query_words = text.split(" ")
    candidates = [i for i, word in enumerate(query_words) if len(word) >= 3]
    if not candidates:
        return text
    i = candidates[int(rng.integers(len(candidates)))]
    k = int(rng.integers(len(query_words[i])))
    query_words[i] = query_words[i][:k] + query_words[i][k + 1:]
    return " ".join(query_words)


def build_synthetic(categories_tsv, out_dir, seed=20240501, queries_per_category=3000):
    vocab = {}
    with open(categories_tsv, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            category, word_list = line.rstrip("\n").split("\t")
            vocab[category] = word_list.split()
    labels = list(vocab)
    rng = np.random.default_rng(seed)
    samples = {}  # canonical query (sorted words) -> (query text, class), de-duplicated
    for c, category in enumerate(labels):
        words_of = vocab[category]
        for _ in range(queries_per_category):
            n = int(rng.integers(1, 4))
            chosen = [words_of[i] for i in rng.choice(len(words_of), size=n, replace=False)]
            key = category + "|" + " ".join(sorted(chosen))
            samples.setdefault(key, (" ".join(chosen), c))
    keys = sorted(samples)
    train = [samples[k] for k in keys if not held_out(k)]
    test = [samples[k] for k in keys if held_out(k)]
    eye = np.eye(len(labels), dtype=np.float32)
    train_data = Encoded([t for t, _ in train], eye[[c for _, c in train]])
    test_data = Encoded([t for t, _ in test], eye[[c for _, c in test]])
    print(f"intent-synthetic: {len(train_data)} train, {len(test_data)} held-out queries", file=sys.stderr)
    w, b = train_softmax_regression(train_data, len(labels), seed, epochs=15)
    # the held-out word sets reuse known words, so also measure queries with one typo (one
    # character of one word deleted), which only the character trigrams can still recognise
    typo_rng = np.random.default_rng(seed + 1)
    typo_texts = [with_typo(t, typo_rng) for t, _ in test]
    typo_data = Encoded(typo_texts, test_data.targets)
    accuracy = {"top1": round(top_k_accuracy(w, b, test_data, 1), 4),
                "top3": round(top_k_accuracy(w, b, test_data, 3), 4),
                "samples": len(test_data),
                "with_one_typo": {"top1": round(top_k_accuracy(w, b, typo_data, 1), 4),
                                  "top3": round(top_k_accuracy(w, b, typo_data, 3), 4)}}
    print(f"intent-synthetic held-out: {accuracy}", file=sys.stderr)
    write_model(out_dir, "intent-synthetic", "intent-synthetic-v1", w, b, labels, {
        "training": {
            "data": "udfs/src/main/resources/synthetic/categories.tsv",
            "samples": f"{queries_per_category} random queries per category of 1-3 distinct words "
                       f"of its vocabulary (seed {seed}), de-duplicated as word sets",
            "split": "held out when FNV-1a32(category|sorted words) % 5 == 0; "
                     "with_one_typo: the same held-out queries with one character deleted",
            "train_samples": len(train_data),
            "model": "softmax regression, Adam lr 0.05, L2 1e-5, batch 256, 15 epochs",
        },
        "held_out_accuracy": accuracy,
    })
    return w, b, labels


# ---------------------------------------------------------------- MovieLens
# Chosen on an inner validation split (training movies with hash % 5 == 1): 3-10 epochs and
# L2 1e-5..1e-3 were within ~2 points of each other; 5 was best on tags top-1.
MOVIELENS_EPOCHS = 5


def build_movielens(data_dir, out_dir, seed=20240502):
    genres_of, titles = {}, {}
    with open(os.path.join(data_dir, "movies.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            genres = [g for g in row["genres"].split("|") if g != "(no genres listed)"]
            if genres:
                genres_of[row["movieId"]] = genres
                titles[row["movieId"]] = row["title"]
    labels = sorted({g for gs in genres_of.values() for g in gs})
    index = {g: i for i, g in enumerate(labels)}

    def target(movie):  # soft label: uniform over the movie's genres
        y = np.zeros(len(labels), dtype=np.float32)
        for g in genres_of[movie]:
            y[index[g]] = 1.0 / len(genres_of[movie])
        return y

    tags = []
    with open(os.path.join(data_dir, "tags.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["movieId"] in genres_of and row["tag"].strip():
                tags.append((row["tag"], row["movieId"]))
    title_samples = [(titles[m], m) for m in sorted(genres_of, key=int)]

    def split(samples, test):
        return [s for s in samples if held_out("movie:" + s[1]) == test]

    def encoded(samples):
        return Encoded([t for t, _ in samples], np.array([target(m) for _, m in samples]))

    train = encoded(split(tags, False) + split(title_samples, False))
    test_tags, test_titles = encoded(split(tags, True)), encoded(split(title_samples, True))
    print(f"intent-movielens: {len(train)} train samples, {len(test_tags)} held-out tags, "
          f"{len(test_titles)} held-out titles", file=sys.stderr)
    w, b = train_softmax_regression(train, len(labels), seed, epochs=MOVIELENS_EPOCHS)

    def report(data):
        return {"top1": round(top_k_accuracy(w, b, data, 1), 4),
                "top3": round(top_k_accuracy(w, b, data, 3), 4), "samples": len(data)}

    def prior_baseline(data):  # always answer the most frequent training genres
        log_prior = np.log(train.targets.mean(axis=0) + 1e-9).astype(np.float32)
        no_text = np.zeros_like(w)
        return {"top1": round(top_k_accuracy(no_text, log_prior, data, 1), 4),
                "top3": round(top_k_accuracy(no_text, log_prior, data, 3), 4)}

    accuracy = {"tags": report(test_tags), "titles": report(test_titles),
                "prior_baseline": {"tags": prior_baseline(test_tags),
                                   "titles": prior_baseline(test_titles)}}
    print(f"intent-movielens held-out: {accuracy}", file=sys.stderr)
    write_model(out_dir, "intent-movielens", "intent-movielens-v1", w, b, labels, {
        "training": {
            "data": "MovieLens ml-latest-small (GroupLens): tags.csv tag text and movies.csv titles",
            "labels": "the movie's genres as a soft target (uniform over its genres); "
                      "movies without genres dropped",
            "split": "by movie: held out when FNV-1a32('movie:'+movieId) % 5 == 0",
            "train_samples": len(train),
            "model": f"softmax regression, Adam lr 0.05, L2 1e-5, batch 256, {MOVIELENS_EPOCHS} epochs "
                     "(epochs chosen on an inner validation split of the training movies)",
            "hit": "a prediction is correct when the predicted genre is one of the movie's genres",
        },
        "held_out_accuracy": accuracy,
    })
    return w, b, labels


# ---------------------------------------------------------------- test vectors
TEST_TEXTS = [
    "wireless headphones",
    "paperback novel",
    "Wireless   HEADPHONES!!",
    "",
    "  ?! ",
    "a",
    "ab",
    "tv",
    "olive oil",
    "motor oil",
    "dark comedy",
    "sci-fi dystopia",
    "Toy Story (1995)",
    "Amélie (2001)",
    "Pokémon: The First Movie",
    "naïve café 123abc",
    "Straße",
    "ΣΊΣΥΦΟΣ",
    "İstanbul",
    "東京物語",
    "🎧 headphones 🎧",
    "𝐀𝐁𝐂 bold",
    "don't stop-me_now",
    "kids lego lego lego",
]


def write_test_vectors(path, models):
    cases = []
    for text in TEST_TEXTS:
        indices, values = encode(text)
        cases.append({"text": text, "indices": indices.tolist(),
                      "values": [float(v) for v in values]})
    x = dense(TEST_TEXTS)
    out = {
        "comment": "Written by models/build_intent_model.py; do not edit. Java must reproduce "
                   "indices/values exactly and the probabilities to 1e-5.",
        "vocabulary_size": VOCABULARY_SIZE,
        "cases": cases,
        "models": {
            name: {"resource": f"models/{name}.onnx", "labels": labels,
                   "probabilities": [[float(p) for p in row] for row in predict(w, b, x)]}
            for name, (w, b, labels) in models.items()
        },
    }
    os.makedirs(os.path.dirname(path), exist_ok=True)
    text = json.dumps(out, indent=1, ensure_ascii=False)
    # one list of numbers a line keeps the file short and its diffs readable
    text = re.sub(r"\[\s*([-+0-9.eE,\s]+?)\s*\]", lambda m: "[" + re.sub(r"\s+", " ", m.group(1)) + "]", text)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + "\n")


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.environ.get("MOVIELENS_DIR", "ml-latest-small"),
                        help="MovieLens ml-latest-small directory (default: $MOVIELENS_DIR, else ./ml-latest-small)")
    parser.add_argument("--out", default=os.path.join(repo, "udfs", "src", "main", "resources", "models"))
    parser.add_argument("--vectors", default=os.path.join(
        repo, "udfs", "src", "test", "resources", "models", "intent-test-vectors.json"))
    args = parser.parse_args()
    if not os.path.isfile(os.path.join(args.data, "tags.csv")):
        sys.exit(f"MovieLens data not found in {args.data} (tags.csv, movies.csv): download ml-latest-small.zip "
                 "from https://grouplens.org/datasets/movielens/, unzip it and pass --data DIR")
    synthetic = build_synthetic(
        os.path.join(repo, "udfs", "src", "main", "resources", "synthetic", "categories.tsv"), args.out)
    movielens = build_movielens(args.data, args.out)
    write_test_vectors(args.vectors, {"intent-synthetic": synthetic, "intent-movielens": movielens})
    print(f"wrote models to {args.out} and test vectors to {args.vectors}", file=sys.stderr)


if __name__ == "__main__":
    main()
