"""A benchmark's Django side, in its own process: `python -m bench.worker module:function JSON-KWARGS RESULT-PATH`.

The database is the one of DATABASE_URL (see `bench.databases.child_env`); the function's JSON-able result is
written to RESULT-PATH.
"""

import importlib
import json
import sys
from pathlib import Path

import django


def main(argv: list[str]) -> None:
    function, kwargs, result_path = argv
    django.setup()
    module_name, name = function.split(":")
    result = getattr(importlib.import_module(module_name), name)(**json.loads(kwargs))
    Path(result_path).write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
