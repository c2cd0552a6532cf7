"""same_test_loss.py A B: whether two `genc eval` outputs report the same
test losses (to float rounding); prints "same test loss" or the two lines."""
import re
import sys

losses = [re.findall(r"^test (\S+): (\S+) per example", open(f).read(), re.M) for f in sys.argv[1:3]]
a, b = losses
ok = a and len(a) == len(b) and all(
    sa == sb and abs(float(va) - float(vb)) <= 2e-4 * max(1.0, abs(float(va)))
    for (sa, va), (sb, vb) in zip(a, b))
print("same test loss" if ok else "DIFFERENT: %s vs %s" % (a, b))
sys.exit(0 if ok else 1)
