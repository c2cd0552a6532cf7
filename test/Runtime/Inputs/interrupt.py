#!/usr/bin/env python3
"""interrupt.py CMD...: runs CMD, sends it SIGINT (Ctrl-C) as soon as training
starts (genc's "training ..." line), and reports its exit status and last
error line."""
import signal
import subprocess
import sys

process = subprocess.Popen(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
for line in process.stdout:
    if line.startswith("training "):
        process.send_signal(signal.SIGINT)
        break
out, err = process.communicate(timeout=600)
print('exit status', process.returncode)
print(err.strip().splitlines()[-1] if err.strip() else '(no error output)')
