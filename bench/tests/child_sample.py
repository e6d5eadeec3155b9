"""A child for bench.children's tests: says a line, then hands back its arguments."""

import sys

from bench.children import result_print

print("working", flush=True)
result_print({"args": sys.argv[1:]})
sys.exit(3 if "fail" in sys.argv else 0)
