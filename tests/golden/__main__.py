"""``python -m tests.golden`` (``make golden``): rewrite tests/golden/ from the current code.

Run it from the project's root when a change of wording is deliberate, then read ``git diff tests/golden``
and say in the commit why the diff is right. Files no longer pinned are removed. ``--record NAME`` rewrites
one record's folder only.
"""

from __future__ import annotations

import argparse
import sys

from . import HERE, PINNED, every_file, files_on_disk, rendered


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.golden", description=__doc__.splitlines()[0])
    parser.add_argument("--record", action="append", choices=sorted(PINNED), help="only this record (repeatable)")
    args = parser.parse_args(argv)
    changed = 0
    for record in args.record or PINNED:
        for name, text in rendered(record).items():
            path = HERE / name
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8", newline="\n")
                changed += 1
                print(f"wrote tests/golden/{name}")
    pinned = set(every_file())
    for path in files_on_disk():
        name = path.relative_to(HERE).as_posix()
        if name not in pinned and (not args.record or name.split("/")[0] in args.record):
            path.unlink()
            changed += 1
            print(f"removed tests/golden/{name}")
    print(f"{changed} golden files changed" if changed else "golden files unchanged")
    return 0


if __name__ == "__main__":
    sys.exit(main())
