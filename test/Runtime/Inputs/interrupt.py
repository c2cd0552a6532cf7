#!/usr/bin/env python3
"""interrupt.py [--term] CMD...: runs CMD, sends it SIGINT (Ctrl-C; SIGTERM
with --term) as soon as training starts (genc's "training ..." line), and
reports its exit status and last error line."""
import signal
import subprocess
import sys

command, sig = sys.argv[1:], signal.SIGINT
if command[0] == '--term':
    command, sig = command[1:], signal.SIGTERM
process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
for line in process.stdout:
    if line.startswith("training "):
        process.send_signal(sig)
        break
out, err = process.communicate(timeout=600)
print('exit status', process.returncode)
print(err.strip().splitlines()[-1] if err.strip() else '(no error output)')
