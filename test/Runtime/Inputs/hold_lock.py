#!/usr/bin/env python3
"""hold_lock.py LOCK CMD...: runs CMD while holding an exclusive flock on LOCK
(as a running genc train holds its --out folder's), and reports its exit
status and last error line."""
import fcntl
import subprocess
import sys

with open(sys.argv[1], 'w') as lock:
    fcntl.flock(lock, fcntl.LOCK_EX)
    result = subprocess.run(sys.argv[2:], capture_output=True, text=True, timeout=600)
print('exit status', result.returncode)
print(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else '(no error output)')
