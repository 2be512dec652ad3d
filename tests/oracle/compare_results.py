#!/usr/bin/python3
"""Compare two branchscore result CSVs (summary or detail).

Usage: compare_results.py A.csv B.csv

Same header and same rows in the same order are required.  String cells must be equal; cells that
both parse as numbers are equal when |a - b| <= 1e-9 * max(1, |a|, |b|); empty equals only empty.
Every difference is printed (row key, column, both values); the exit status is 1 if there is any.
"""

import csv
import math
import sys

TOL = 1e-9


def load(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def num(s):
    try:
        x = float(s)
    except ValueError:
        return None
    return None if math.isnan(x) else x


def same(a, b):
    if a == b:
        return True
    x, y = num(a), num(b)
    if x is None or y is None:
        return False
    if math.isinf(x) or math.isinf(y):
        return x == y
    return abs(x - y) <= TOL * max(1.0, abs(x), abs(y))


def main(argv):
    if len(argv) != 3:
        print("usage: compare_results.py A.csv B.csv", file=sys.stderr)
        return 2
    a, b = load(argv[1]), load(argv[2])
    diffs = 0

    def report(msg):
        nonlocal diffs
        diffs += 1
        print(msg)

    if not a or not b:
        report("empty file: %s" % (argv[1] if not a else argv[2]))
        return 1
    ha, hb = a[0], b[0]
    if ha != hb:
        report("header differs: %s | %s" % (",".join(ha), ",".join(hb)))
        return 1
    detail = "indicator" in ha
    kcols = [ha.index("branch_id")] + ([ha.index("indicator")] if detail else [])
    if len(a) != len(b):
        report("row count differs: %d vs %d" % (len(a) - 1, len(b) - 1))
    for i in range(1, min(len(a), len(b))):
        ra, rb = a[i], b[i]
        key = "/".join(ra[k] if k < len(ra) else "?" for k in kcols)
        keyb = "/".join(rb[k] if k < len(rb) else "?" for k in kcols)
        if key != keyb:
            report("row %d: key differs: %s vs %s" % (i, key, keyb))
            continue
        if len(ra) != len(rb):
            report("row %d (%s): field count differs: %d vs %d" % (i, key, len(ra), len(rb)))
            continue
        for c, (x, y) in enumerate(zip(ra, rb)):
            if not same(x, y):
                report("row %d (%s) column %s: %r vs %r" % (i, key, ha[c], x, y))
    if diffs:
        print("%d difference(s) between %s and %s" % (diffs, argv[1], argv[2]))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
