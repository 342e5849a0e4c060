#!/usr/bin/env python3
"""Regenerates data/secret for reverse-words (deterministic: fixed seeds).

Run from anywhere: python3 generator.py
The sample (data/sample/1.*) is written by hand and not touched here.
"""
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
SECRET = os.path.join(HERE, "data", "secret")
PRINTABLE = [chr(c) for c in range(33, 127)]
LETTERS = "abcdefghijklmnopqrstuvwxyz"


def solve(lines):
    return "".join(" ".join(reversed(line.split())) + "\n" for line in lines)


def write(name, lines):
    os.makedirs(SECRET, exist_ok=True)
    text_in = f"{len(lines)}\n" + "".join(line + "\n" for line in lines)
    assert len(text_in.encode()) <= 100_000
    for line in lines:
        assert 1 <= len(line.split()) <= 100
    with open(os.path.join(SECRET, name + ".in"), "w", newline="\n") as f:
        f.write(text_in)
    with open(os.path.join(SECRET, name + ".ans"), "w", newline="\n") as f:
        f.write(solve(lines))


def word(rng, alphabet, lo, hi):
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(lo, hi)))


def line(rng, alphabet, max_words, messy):
    words = [word(rng, alphabet, 1, 8) for _ in range(rng.randint(1, max_words))]
    if not messy:
        return " ".join(words)
    gaps = [" " * rng.randint(1, 3) for _ in words]
    text = "".join(w + g for w, g in zip(words, gaps))[: -len(gaps[-1])]
    return " " * rng.choice([0, 0, 1, 4]) + text + " " * rng.choice([0, 0, 1, 2])


def main():
    # 01: one line, one word (nothing to reverse).
    write("01", ["palindromes?"])
    # 02: a handful of hand-picked lines: punctuation, digits, extra spaces.
    write("02", [
        "to be or not to be",
        "   leading spaces",
        "trailing spaces   ",
        "a  b   c    d",
        "!@# $%^ &*() 123 -42 3.14",
        "x",
    ])
    # 03: lines where every line has exactly two words (swap test).
    rng = random.Random(3)
    write("03", [word(rng, LETTERS, 1, 5) + " " + word(rng, LETTERS, 1, 5) for _ in range(50)])
    # 04: many random lines, random printable characters and messy spacing.
    rng = random.Random(4)
    write("04", [line(rng, PRINTABLE, 12, True) for _ in range(1000)])
    # 05: fewer but long lines (up to 100 words each), lowercase words.
    rng = random.Random(5)
    write("05", [line(rng, LETTERS, 100, rng.random() < 0.5) for _ in range(150)])


if __name__ == "__main__":
    main()
