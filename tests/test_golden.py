"""What hlmnotes writes for the records of tests/data/ is what tests/golden/ holds, file by file.

A failure prints the unified diff from the golden file to what the code writes now. When the change is
deliberate, rewrite the files with ``make golden`` (or ``python -m tests.golden``) and say in the commit why
the diff is right: tests/golden/README.md.
"""

from __future__ import annotations

import difflib
import functools

import pytest

from .golden import HERE, PINNED, every_file, files_on_disk, pretty_xml, rendered

EVERY_FILE = every_file()


@functools.cache
def written(record: str) -> dict[str, str]:
    return rendered(record)


@pytest.mark.parametrize("name", EVERY_FILE)
def test_output_is_the_golden_file(name: str) -> None:
    path = HERE / name
    assert path.exists(), f"tests/golden/{name} is missing: write it with `make golden` (python -m tests.golden)"
    expected, actual = path.read_text(encoding="utf-8"), written(name.split("/")[0])[name]
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(keepends=True), actual.splitlines(keepends=True),
            f"tests/golden/{name}", f"{name} as written now",
        )  # fmt: skip
        pytest.fail(
            "".join(diff)
            + "\nIf the change is deliberate: make golden (python -m tests.golden), and say why in the commit",
            pytrace=False,
        )


def test_every_golden_file_is_compared() -> None:
    """A file left behind by a renamed option would otherwise pass for pinned output while nothing reads it."""
    on_disk = {p.relative_to(HERE).as_posix() for p in files_on_disk()}
    assert on_disk == set(EVERY_FILE), sorted(on_disk ^ set(EVERY_FILE))
    assert set(PINNED) == {p.name for p in HERE.iterdir() if p.is_dir() and not p.name.startswith("__")}


def test_pretty_xml_keeps_text_attributes_and_prefixes_as_written() -> None:
    data = (
        b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        b'<w:p xmlns:w="urn:w"><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve"> a &amp; &lt;b&gt; </w:t></w:r>'
        b'<w:r w:rsidR="00A1" w:z="&quot;q&quot;"><w:t>line\nbreak</w:t></w:r></w:p>'
    )
    assert pretty_xml(data) == (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:p xmlns:w="urn:w">\n'
        "  <w:r>\n"
        "    <w:rPr>\n"
        "      <w:b/>\n"
        "    </w:rPr>\n"
        '    <w:t xml:space="preserve"> a &amp; &lt;b&gt; </w:t>\n'
        "  </w:r>\n"
        '  <w:r w:rsidR="00A1" w:z="&quot;q&quot;">\n'
        "    <w:t>line&#10;break</w:t>\n"
        "  </w:r>\n"
        "</w:p>\n"
    )
