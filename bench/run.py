"""`make bench`: run every bench_*.py module's main() in turn; each prints its own ratios."""

from __future__ import annotations

import importlib
import platform
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    sys.path.insert(0, str(HERE))
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
        f"{__import__('os').cpu_count()} cores"
    )
    only = sys.argv[1:]
    for module in sorted(HERE.glob("bench_*.py")):
        if only and module.stem not in only:
            continue
        print(f"\n== {module.stem} ==", flush=True)
        importlib.import_module(module.stem).main()


if __name__ == "__main__":
    main()
