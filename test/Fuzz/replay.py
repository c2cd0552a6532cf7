#!/usr/bin/env python3
"""Runs `GENC check FILE` on every *.gen file of the given directories.

A .gen input may be valid (exit 0) or invalid (exit 1 with diagnostics);
anything else -- a crash, an assertion, another exit code, a hang -- is a
failure. Used by corpus-replay.test on the fuzz regression corpus.
"""
import glob
import os
import subprocess
import sys


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: replay.py GENC DIR...")
    genc, dirs = sys.argv[1], sys.argv[2:]
    files = sorted(f for d in dirs for f in glob.glob(os.path.join(d, "*.gen")))
    if not files:
        sys.exit("replay.py: no .gen files in " + " ".join(dirs))
    failures = 0
    for path in files:
        try:
            result = subprocess.run([genc, "check", path], stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, timeout=30)
        except subprocess.TimeoutExpired:
            print("TIMEOUT: %s" % path)
            failures += 1
            continue
        if result.returncode not in (0, 1):
            failures += 1
            print("FAILED (exit %d): %s" % (result.returncode, path))
            sys.stdout.write(result.stderr.decode("utf-8", "replace")[-4000:])
    print("replayed %d inputs, %d failures" % (len(files), failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
