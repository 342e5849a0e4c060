#!/usr/bin/env python3
"""Writes the test data of circle-area (all cases are fixed, no randomness)."""
import math
import os

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = {
    "sample/1": "2",
    "secret/01": "0.5",
    "secret/02": "0.001",
    "secret/03": "9876.543210",
    "secret/04": "0",
    "secret/05": "3.5",
}

for name, r in CASES.items():
    path = os.path.join(HERE, "data", name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".in", "w") as f:
        f.write(r + "\n")
    with open(path + ".ans", "w") as f:
        f.write(repr(math.pi * float(r) * float(r)) + "\n")
