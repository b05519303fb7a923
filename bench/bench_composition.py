"""Composition benchmark: ``.venv/bin/python bench/bench_composition.py [--quick]``.

Prints a readable report and writes bench/results/composition.json. See
docs/composition.md for what each figure means.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.composition.runner import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
