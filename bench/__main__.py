"""`python -m bench [NAME …]`: every benchmark (or those named); see bench/run.py."""

from bench.run import main

raise SystemExit(main())
