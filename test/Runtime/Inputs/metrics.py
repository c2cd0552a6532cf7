#!/usr/bin/env python3
"""metrics.py FILE COLUMN falls|rises: compares a metrics.csv column's last
row with its first and prints the verdict with both values."""
import csv
import sys

rows = list(csv.DictReader(open(sys.argv[1])))
column, want = sys.argv[2], sys.argv[3]
first, last = float(rows[0][column]), float(rows[-1][column])
ok = last < first if want == 'falls' else last > first
print('%s %s: %.4f -> %.4f' % (column, want if ok else 'does NOT ' + want[:-1], first, last))
sys.exit(0 if ok else 1)
