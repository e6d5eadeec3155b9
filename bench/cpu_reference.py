"""How fast this machine runs Django's Python: the reference for figures given in CPU time.

A figure in milliseconds of CPU (the uncached page's 3 ms) holds on a busy machine but not
from one machine to another: the machines here differ by two times in single-core speed
(nginx's requests/s and the same page's CPU moved together from one day's machine to the
next). This is pyperformance's `django_template` workload — Django's template engine
rendering a 150 × 150 table — timed in CPU, the best of a few runs, in the bench's own
process before the servers start; figures are printed beside it as multiples of it, which
compare across machines.
"""

from __future__ import annotations

import time

ROWS = 150
RUNS = 7
TEMPLATE = (
    "<table>{% for row in table %}<tr>{% for col in row %}{{ col|escape }}{% endfor %}</tr>"
    "{% endfor %}</table>"
)


def django_template_ms(runs: int = RUNS) -> float:
    """The CPU milliseconds of one render, the best of `runs`."""
    from django.template import Context, Engine

    template = Engine().from_string(TEMPLATE)
    context = Context({"table": [range(ROWS)] * ROWS})
    template.render(context)  # the first render compiles what it caches
    best = float("inf")
    for _ in range(runs):
        started = time.process_time()
        template.render(context)
        best = min(best, time.process_time() - started)
    return 1000 * best
