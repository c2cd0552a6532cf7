#!/usr/bin/env python3
"""file_size_limit.py BYTES CMD... - run CMD with RLIMIT_FSIZE at BYTES.

A write past the limit fails with EFBIG, as one on a full disk fails with
ENOSPC: a stand-in for a full disk that needs no root and no mount. SIGXFSZ
keeps its default (kill) disposition, so the program must handle it itself.
Prints CMD's output, then "exit status N".
"""
import resource
import subprocess
import sys

limit = int(sys.argv[1])


def limit_file_size():
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


run = subprocess.run(sys.argv[2:], preexec_fn=limit_file_size, stdout=subprocess.PIPE,
                     stderr=subprocess.STDOUT)
sys.stdout.write(run.stdout.decode(errors="replace"))
print("exit status", run.returncode)
