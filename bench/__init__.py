"""Benchmarks, run with `python -m bench` (or `make bench`); never collected by pytest."""
