#!/usr/bin/env python3
"""Token-based output comparator, a small stand-in for the default output
validator of the ICPC/Kattis problem package format.

Usage: compare.py JUDGE_ANSWER TEAM_OUTPUT [validator flags...]

  e.g. compare.py data/secret/1.ans out.txt float_tolerance 1e-6

Both files are split into whitespace-separated tokens (the amount and kind of
whitespace never matters), then compared token by token:

* tokens are compared case-insensitively, unless the flag `case_sensitive` is
  given (as in the package format's default validator);
* with `float_tolerance E` (or `float_absolute_tolerance E` /
  `float_relative_tolerance E`), a judge token that is a real number (also
  inf, -inf, nan, in any case, and exponents such as 2E-1) is compared
  numerically: accepted if the absolute or the relative error is at most E.
  NaN matches NaN, an infinity only matches the same infinity;
* without a float tolerance, tokens must be equal as strings ("42" != "42.0").

Exit code 0: accepted. Exit code 1: wrong answer (reason on stdout).
Exit code 2: usage error.
"""
import math
import re
import sys

NUMBER = re.compile(
    r"[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf|infinity|nan)\Z",
    re.IGNORECASE,
)


def parse_float(token):
    if not NUMBER.match(token):
        return None
    return float(token)


def parse_flags(args):
    flags = {"case_sensitive": False, "abs": None, "rel": None}
    i = 0
    while i < len(args):
        name = args[i]
        if name == "case_sensitive":
            flags["case_sensitive"] = True
        elif name == "space_change_sensitive":
            pass  # not needed by any example problem: whitespace is ignored
        elif name in ("float_tolerance", "float_absolute_tolerance", "float_relative_tolerance"):
            i += 1
            value = float(args[i])
            if name in ("float_tolerance", "float_absolute_tolerance"):
                flags["abs"] = value
            if name in ("float_tolerance", "float_relative_tolerance"):
                flags["rel"] = value
        else:
            raise ValueError(f"unknown validator flag: {name}")
        i += 1
    return flags


def floats_match(judge, team, flags):
    if math.isnan(judge):
        return math.isnan(team)
    if math.isinf(judge) or math.isinf(team):
        return judge == team
    if math.isnan(team):
        return False
    diff = abs(judge - team)
    if flags["abs"] is not None and diff <= flags["abs"]:
        return True
    if flags["rel"] is not None and diff <= flags["rel"] * abs(judge):
        return True
    return False


def compare(judge_tokens, team_tokens, flags):
    """Returns None when accepted, else a short reason."""
    use_floats = flags["abs"] is not None or flags["rel"] is not None
    for i, (judge, team) in enumerate(zip(judge_tokens, team_tokens), start=1):
        if use_floats:
            judge_value = parse_float(judge)
            if judge_value is not None:
                team_value = parse_float(team)
                if team_value is None:
                    return f"token {i}: expected a number like {judge!r}, got {team!r}"
                if not floats_match(judge_value, team_value, flags):
                    return f"token {i}: {team!r} is too far from {judge!r}"
                continue
        same = judge == team if flags["case_sensitive"] else judge.lower() == team.lower()
        if not same:
            return f"token {i}: expected {judge!r}, got {team!r}"
    if len(team_tokens) < len(judge_tokens):
        return f"output too short: {len(team_tokens)} tokens, expected {len(judge_tokens)}"
    if len(team_tokens) > len(judge_tokens):
        return f"output too long: {len(team_tokens)} tokens, expected {len(judge_tokens)}"
    return None


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[3], file=sys.stderr)
        return 2
    try:
        flags = parse_flags(argv[3:])
    except (ValueError, IndexError) as e:
        print(f"bad flags: {e}", file=sys.stderr)
        return 2
    with open(argv[1], "rb") as f:
        judge_tokens = [t.decode("latin-1") for t in f.read().split()]
    with open(argv[2], "rb") as f:
        team_tokens = [t.decode("latin-1") for t in f.read().split()]
    reason = compare(judge_tokens, team_tokens, flags)
    if reason is None:
        return 0
    print(reason)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
