"""Golden files: what hlmnotes writes for the records of tests/data/, kept as files a reviewer can read.

Each record (a CSV of tests/data/, or the demo meeting) is loaded into a fresh store of the 2017
meeting; from it come the drafts (Markdown, HTML, and of the Word file ``word/document.xml`` and
``word/comments.xml`` pretty-printed, then its other parts in one ``.package.txt``), what
``hlmnotes stats`` prints, and the proposals ``hlmnotes groups propose`` lists. The drafts' creation
time is the one volatile value: it is fixed through the model's ``created`` field.

``tests/test_golden.py`` compares each file with what the current code writes and shows a unified
diff; ``python -m tests.golden`` (``make golden``) rewrites them, so a change of wording is re-pinned on
purpose and reviewed as a diff in the commit that makes it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import io
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple
from xml.parsers import expat

from hlmnotes import Workspace

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DATA = ROOT / "tests" / "data"
PROGRAMME = ROOT / "data" / "hlm2017" / "programme.toml"
WHEN = dt.datetime(2017, 9, 28, 18, 30, tzinfo=dt.UTC)  # the drafts' creation time, as if made that evening
WORD_PARTS = ("word/document.xml", "word/comments.xml")


# -- the records --------------------------------------------------------------------------------------


def _import(name: str) -> Callable[[Path], None]:
    def load(store: Path) -> None:
        with Workspace.open(store) as ws:
            ws.import_interventions(DATA / name)

    return load


def _sixty_and_two_added(store: Path) -> None:
    """The 60 interventions, an untimed academia speaker and a panellist the programme does not list."""
    _import("interventions-60.csv")(store)
    added = (
        ("--panel", "2", "--category", "academia", "--delegation", "University A", "--questions", "2"),
        ("--panel", "1", "--category", "panellist", "--speaker", "Someone Else", "--delegation", "Nowhere"),
    )
    with contextlib.redirect_stderr(io.StringIO()):  # the panellist's warning: the record is kept all the same
        for args in added:
            _command(store, "add", *args)


def _demo(per_panel: int, seed: int = 2017, grouped: bool = False) -> Callable[[Path], None]:
    def load(store: Path) -> None:
        from hlmnotes.io.demo import demo_rows

        with Workspace.open(store) as ws:
            rows = demo_rows(ws.programme, per_panel=per_panel, seed=seed)
            ws.store.apply([ws.validate(row) for row in rows], [])
            if grouped:  # one accepted group, worded by the staff: the draft writes its points once
                first = ws.drafting.propose_groups(1)[0]
                ws.drafting.accept_group(1, first.points, text="Speakers agreed on this point.")

    return load


# name → how its store is filled; each is a folder of tests/golden/
RECORDS: dict[str, Callable[[Path], None]] = {
    "two-panels-2017": _import("two-panels-2017.csv"),
    "interventions-60": _import("interventions-60.csv"),
    "interventions-60-and-2-added": _sixty_and_two_added,
    "summary-raw-notes": _import("summary-raw-notes.csv"),
    "summary-panel1-hurried": _import("summary-panel1-hurried.csv"),
    "prose-as-typed": _import("prose-as-typed.csv"),
    "demo-60-grouped": _demo(60, grouped=True),
    "demo-500": _demo(500, seed=12),
    "empty": lambda store: None,
}


# -- what is pinned of each -----------------------------------------------------------------------------


class Draft(NamedTuple):
    """A draft of ``panels`` with the options of ``hlmnotes summary``; ``minutes``: the read-out version."""

    panels: str = "all"
    by: str = "question"
    attribution: str = "anonymous"
    minutes: float | None = None

    @property
    def stem(self) -> str:
        panels = "" if self.panels == "all" else f"panel-{self.panels}-"
        minutes = "" if self.minutes is None else f"-{self.minutes:g}-minutes"
        return f"{panels}{self.by}-{self.attribution}{minutes}"


class Proposals(NamedTuple):
    """``hlmnotes groups propose --panel PANEL --threshold THRESHOLD``."""

    panel: int
    threshold: float = 80.0

    @property
    def stem(self) -> str:
        return f"proposals-panel-{self.panel}-threshold-{self.threshold:g}"


class Stats(NamedTuple):
    """``hlmnotes stats``."""

    stem: str = "stats"


Output = Draft | Proposals | Stats
DRAFT_FILES = (".md", ".html", ".document.xml", ".comments.xml", ".package.txt")

EVERY_OPTION = (
    Draft(), Draft(attribution="named"), Draft(by="theme"), Draft(by="theme", attribution="named"), Draft(minutes=5),
)  # fmt: skip
PINNED: dict[str, tuple[Output, ...]] = {
    "two-panels-2017": (*EVERY_OPTION, Proposals(1), Proposals(2), Stats()),
    "interventions-60": (*EVERY_OPTION, Proposals(1), Proposals(2), Proposals(1, 50), Proposals(2, 50)),
    "interventions-60-and-2-added": (Stats(),),
    "summary-raw-notes": (Draft(), Draft(by="theme", attribution="named"), Draft(minutes=2), Proposals(1)),
    "summary-panel1-hurried": (
        Draft(panels="1"),
        Draft(panels="1", attribution="named"),
        Draft(panels="1", minutes=2),
        Proposals(1),
    ),
    "prose-as-typed": (Draft(), Draft(attribution="named")),
    "demo-60-grouped": (
        Draft(),
        Draft(by="theme", attribution="named"),
        Proposals(1),
        Proposals(2),
        Proposals(1, 50),
        Proposals(2, 50),
    ),
    "demo-500": (Stats(),),
    "empty": (Stats(),),
}


def files(record: str, output: Output) -> list[str]:
    """The golden files of ``output`` of ``record``, relative to tests/golden/."""
    suffixes = DRAFT_FILES if isinstance(output, Draft) else (".txt",)
    return [f"{record}/{output.stem}{suffix}" for suffix in suffixes]


def every_file() -> list[str]:
    return [name for record, outputs in PINNED.items() for output in outputs for name in files(record, output)]


def files_on_disk() -> list[Path]:
    """The files in tests/golden/'s record folders (its own code and Python's caches aside)."""
    return sorted(p for p in HERE.glob("*/*") if not p.parent.name.startswith("__"))


# -- writing them -----------------------------------------------------------------------------------------


@contextlib.contextmanager
def record_store(record: str) -> Iterator[Path]:
    """A store file of the 2017 meeting holding ``record``, removed afterwards."""
    with tempfile.TemporaryDirectory(prefix="hlmnotes-golden-") as folder:
        path = Path(folder) / "meeting.sqlite"
        Workspace.init(path, PROGRAMME).close()
        RECORDS[record](path)
        yield path


def _command(store: Path, *args: str) -> str:
    """What ``hlmnotes --store STORE ARGS…`` prints; a failing command is an error here."""
    from hlmnotes.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = main(["--store", str(store), *args])
    if status != 0:
        raise RuntimeError(f"hlmnotes {' '.join(args)} exited with {status}")
    return out.getvalue()


def render(store: Path, output: Output) -> list[str]:
    """The text of each of ``files(…, output)``, in that order, as the current code writes it."""
    if isinstance(output, Stats):
        return [_command(store, "stats")]
    if isinstance(output, Proposals):
        return [
            _command(store, "groups", "propose", "--panel", str(output.panel), "--threshold", f"{output.threshold:g}")
        ]
    from hlmnotes.summary import to_html, to_markdown
    from hlmnotes.summary.render.docx import docx_bytes

    with Workspace.open(store) as ws:
        built = ws.drafting.summary(output.panels, by=output.by, attribution=output.attribution, minutes=output.minutes)
    summary = dataclasses.replace(built, created=WHEN)
    with zipfile.ZipFile(io.BytesIO(docx_bytes(summary))) as docx:
        parts = {name: docx.read(name) for name in docx.namelist()}
    package = "".join(
        f"==> {name} <==\n{pretty_xml(data)}" for name, data in sorted(parts.items()) if name not in WORD_PARTS
    )
    return [to_markdown(summary), to_html(summary), *(pretty_xml(parts[name]) for name in WORD_PARTS), package]


def rendered(record: str) -> dict[str, str]:
    """Every golden file of ``record`` as the current code writes it."""
    texts = {}
    with record_store(record) as store:
        for output in PINNED[record]:
            texts.update(zip(files(record, output), render(store, output), strict=True))
    return texts


# -- XML a reviewer can read ----------------------------------------------------------------------------------


def _escape(text: str, quote: bool = False) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\n", "&#10;").replace("\r", "&#13;")  # one element, one line
    return text.replace('"', "&quot;") if quote else text


def pretty_xml(data: bytes) -> str:
    """``data`` reindented: one element a line, two spaces a level; an element holding only text on one line
    with it. Attributes keep their order and prefixes; only whitespace between elements is dropped, which
    WordprocessingML does not read (text is in ``w:t``, where it is kept as written)."""
    parser = expat.ParserCreate()  # no namespace processing: prefixes stay as written
    parser.ordered_attributes = True
    root: list = ["", [], []]  # name, attributes, children (elements and text)
    stack = [root]
    declaration: list[str] = []

    def xml_decl(version: str, encoding: str | None, standalone: int) -> None:
        extra = (f' encoding="{encoding}"' if encoding else "") + {1: ' standalone="yes"', 0: ' standalone="no"'}.get(
            standalone, ""
        )
        declaration.append(f'<?xml version="{version}"{extra}?>\n')

    def start(name: str, attributes: list[str]) -> None:
        element: list = [name, attributes, []]
        stack[-1][2].append(element)
        stack.append(element)

    def text(data: str) -> None:
        children = stack[-1][2]
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)

    parser.XmlDeclHandler = xml_decl
    parser.StartElementHandler = start
    parser.EndElementHandler = lambda name: stack.pop()
    parser.CharacterDataHandler = text
    parser.Parse(data, True)
    lines = declaration
    for child in root[2]:
        if not isinstance(child, str):
            _write(child, 0, lines)
    return "".join(lines)


def _write(element: list, depth: int, lines: list[str]) -> None:
    name, attributes, children = element
    indent = "  " * depth
    attrs = "".join(
        f' {attributes[i]}="{_escape(attributes[i + 1], quote=True)}"' for i in range(0, len(attributes), 2)
    )
    if not children:
        lines.append(f"{indent}<{name}{attrs}/>\n")
    elif all(isinstance(c, str) for c in children):
        lines.append(f"{indent}<{name}{attrs}>{_escape(''.join(children))}</{name}>\n")
    else:
        lines.append(f"{indent}<{name}{attrs}>\n")
        for child in children:
            if not isinstance(child, str):
                _write(child, depth + 1, lines)
            elif child.strip():  # text beside elements (not in WordprocessingML): kept, on a line of its own
                lines.append(f"{indent}  {_escape(child)}\n")
        lines.append(f"{indent}</{name}>\n")
