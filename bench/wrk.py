"""wrk, the load generator: runs and the parsing of its output."""

# Subprocesses here run wrk with argument lists, never a shell.
# ruff: noqa: S603

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from bench.database import BENCH_DIR

LUA_PAGES = Path(__file__).with_name("pages.lua")

# --- wrk -----------------------------------------------------------------------------------

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass
class WrkResult:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx_3xx: int = 0
    socket_errors: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # from bench/pages.lua
    output: str = ""


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if match is None:
        raise ValueError(f"not a wrk latency: {text!r}")
    number, unit = match.groups()
    return float(number) * _UNITS[unit]


def seconds(duration: str) -> float:
    """wrk's duration ("10s", "2m", "1h", or bare seconds) in seconds."""
    match = re.fullmatch(r"(\d+)([smh]?)", duration.strip())
    if match is None:
        raise SystemExit(f"BENCH_DURATION={duration!r} is not a wrk duration such as 10s or 1m")
    return int(match.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[match.group(2)]


def wrk_parse(output: str) -> WrkResult:
    def grab(pattern: str, default: str | None = None) -> str:
        match = re.search(pattern, output, re.MULTILINE)
        if match is None:
            if default is None:
                raise RuntimeError(f"unexpected wrk output:\n{output}")
            return default
        return match.group(1)

    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    counts = {}
    if match := re.search(r"^KHABAR (.*)$", output, re.MULTILINE):
        counts = {k: int(v) for k, v in (pair.split("=") for pair in match.group(1).split())}
    return WrkResult(
        requests_per_s=float(grab(r"^Requests/sec:\s+([\d.]+)")),
        p50_ms=_ms(grab(r"^\s+50%\s+(\S+)")),
        p99_ms=_ms(grab(r"^\s+99%\s+(\S+)")),
        requests=int(grab(r"^\s+(\d+) requests in")),
        non_2xx_3xx=int(grab(r"Non-2xx or 3xx responses: (\d+)", "0")),
        socket_errors=sum(int(n) for n in errors.groups()) if errors else 0,
        counts=counts,
        output=output,
    )


def wrk(
    port: int,
    path: str,
    *,
    connections: int,
    duration: str,
    script_args: list[str] | None = None,
) -> WrkResult:
    threads = min(2, connections)
    args = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}",
        "--latency",
        "--timeout",
        "10s",
    ]
    if script_args is not None:
        args += ["-s", str(LUA_PAGES)]
    args.append(f"http://127.0.0.1:{port}{path}")
    if script_args is not None:
        args += ["--", *script_args, str(threads)]
    done = subprocess.run(args, capture_output=True, text=True, check=True, timeout=900)
    return wrk_parse(done.stdout)


def write_lines(name: str, lines: list[str]) -> str:
    path = BENCH_DIR / name
    path.write_text("\n".join(lines) + "\n")
    return str(path)
