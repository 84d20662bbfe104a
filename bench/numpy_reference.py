#!/usr/bin/env python3
"""The same workloads as `make bench`, in numpy (double precision), for a ratio measured in the
same minute on the same machine. Prints lines in the bench format with the prefix 'numpy'.

    python3 bench/numpy_reference.py            # all three
    python3 bench/numpy_reference.py W1 gemm    # some

W1: 784-10-10, ReLU/softmax, full-batch gradient descent on 41,000 MNIST images, one iteration.
W2: 784-1000-10, Adam, batches of 1,024, one epoch of 60,000.
gemm: 2048 x 2048 x 2048 double matrix product.
"""
import gzip
import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data", "mnist")


def idx(name):
    with gzip.open(os.path.join(DATA, name), "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load():
    x = idx("train-images-idx3-ubyte.gz").reshape(60000, 784).astype(np.float64) / 255.0
    y = idx("train-labels-idx1-ubyte.gz").astype(np.int64)
    return x, y


def softmax(z):
    e = np.exp(z - z.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def median(ts):
    ts = sorted(ts)
    return ts[len(ts) // 2]


def w1(x, y):
    X = np.ascontiguousarray(x[:41000].T)  # 784 x m, as the tutorials write it
    Y = np.zeros((10, 41000))
    Y[y[:41000], np.arange(41000)] = 1
    rng = np.random.default_rng(1)
    W1, b1 = rng.random((10, 784)) - 0.5, rng.random((10, 1)) - 0.5
    W2, b2 = rng.random((10, 10)) - 0.5, rng.random((10, 1)) - 0.5
    m = X.shape[1]
    ts = []
    for _ in range(12):
        t = time.perf_counter()
        Z1 = W1 @ X + b1
        A1 = np.maximum(Z1, 0)
        Z2 = W2 @ A1 + b2
        A2 = softmax(Z2)
        dZ2 = A2 - Y
        dW2 = dZ2 @ A1.T / m
        db2 = dZ2.sum(axis=1, keepdims=True) / m
        dZ1 = (W2.T @ dZ2) * (Z1 > 0)
        dW1 = dZ1 @ X.T / m
        db1 = dZ1.sum(axis=1, keepdims=True) / m
        W1 -= 0.1 * dW1; b1 -= 0.1 * db1; W2 -= 0.1 * dW2; b2 -= 0.1 * db2
        ts.append(time.perf_counter() - t)
    print(f"numpy W1 {median(ts[2:]) * 1000:.1f} ms/iteration")


def w2(x, y):
    rng = np.random.default_rng(1)
    r1, r2 = np.sqrt(6 / (784 + 1000)), np.sqrt(6 / (1000 + 10))
    P = [rng.uniform(-r1, r1, (784, 1000)), np.zeros(1000), rng.uniform(-r2, r2, (1000, 10)), np.zeros(10)]
    M = [np.zeros_like(p) for p in P]
    V = [np.zeros_like(p) for p in P]
    lr, b1, b2, eps, t = 0.001, 0.9, 0.999, 1e-8, 0
    Yall = np.eye(10)[y]
    start = time.perf_counter()
    perm = rng.permutation(60000)
    for s in range(0, 60000, 1024):
        idxs = perm[s:s + 1024]
        X, Y = x[idxs], Yall[idxs]
        m = X.shape[0]
        Z1 = X @ P[0] + P[1]
        A1 = np.maximum(Z1, 0)
        Z2 = A1 @ P[2] + P[3]
        e = np.exp(Z2 - Z2.max(axis=1, keepdims=True))
        A2 = e / e.sum(axis=1, keepdims=True)
        dZ2 = (A2 - Y) / m
        G = [None] * 4
        G[2] = A1.T @ dZ2
        G[3] = dZ2.sum(axis=0)
        dZ1 = (dZ2 @ P[2].T) * (Z1 > 0)
        G[0] = X.T @ dZ1
        G[1] = dZ1.sum(axis=0)
        t += 1
        for i in range(4):
            M[i] = b1 * M[i] + (1 - b1) * G[i]
            V[i] = b2 * V[i] + (1 - b2) * G[i] ** 2
            P[i] -= lr * (M[i] / (1 - b1 ** t)) / (np.sqrt(V[i] / (1 - b2 ** t)) + eps)
    print(f"numpy W2 {time.perf_counter() - start:.2f} s/epoch")


def gemm():
    rng = np.random.default_rng(1)
    n = 2048
    a, b = rng.random((n, n)), rng.random((n, n))
    a @ b
    ts = []
    for _ in range(5):
        t = time.perf_counter()
        a @ b
        ts.append(time.perf_counter() - t)
    print(f"numpy gemm {2 * n ** 3 / median(ts) / 1e9:.1f} GFLOPS")


if __name__ == "__main__":
    which = sys.argv[1:] or ["W1", "W2", "gemm"]
    x = y = None
    if "W1" in which or "W2" in which:
        x, y = load()
    for w in which:
        {"W1": lambda: w1(x, y), "W2": lambda: w2(x, y), "gemm": gemm}[w]()
