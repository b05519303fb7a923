"""Command line: ``python -m leerkring.composition < problem.json > solution.json``.

Exit codes: 0 solved, 2 invalid or infeasible problem (message on stderr naming
the offending ids), 1 unexpected internal error (message, no traceback).
"""

from __future__ import annotations

import json
import sys
from typing import TextIO

from . import STARTED_AT  # first: the budget counts from the package import
from .api import compose
from .problem import ProblemError, parse_problem

# Reserved for starting the interpreter and importing numpy (0.1-0.2 s here),
# so the whole process stays within the budget. A fixed amount, not a
# measurement, keeps the answer deterministic.
STARTUP_ALLOWANCE_S = 0.12


def main(stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout) -> int:
    """Read a problem from stdin, write the solution to stdout, return the exit code."""
    try:
        raw = json.load(stdin)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        print(f"error: the input is not valid JSON: {error}", file=sys.stderr)
        return 2
    try:
        problem = parse_problem(raw)
        solution = compose(
            problem, started_at=STARTED_AT, startup_allowance_s=STARTUP_ALLOWANCE_S
        )
    except ProblemError as error:
        print(f"error: {error.message}", file=sys.stderr)
        return 2
    except Exception as error:  # the contract promises no traceback
        print(f"internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    json.dump(solution.to_dict(), stdout)
    stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
