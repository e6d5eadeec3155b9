"""Benchmarks of the figures in DESIGN §10: `make bench` runs bench.run on bench.seed's archive."""
