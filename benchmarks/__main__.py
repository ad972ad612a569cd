"""`python -m benchmarks`: every benchmark in one run (see benchmarks/harness.py)."""
from benchmarks.harness import main

raise SystemExit(main())
