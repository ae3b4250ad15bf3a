"""Benchmarks of the validator, the site build and the history reader (see bench/run.py).

Every script imports this package first. The commands it times run as an
author's do: with Python's bytecode cache, which a shell that sets
``PYTHONDONTWRITEBYTECODE`` (some containers and CI images do) would turn off,
so that every run compiled the package again and timed that instead.
"""

import os

os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
