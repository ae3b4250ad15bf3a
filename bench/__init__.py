"""Benchmarks of the validator, the site build and the history reader (see bench/run.py)."""
