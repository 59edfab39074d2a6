"""Files a person names on the command line or in a notebook, read within limits: one way, one wording.

A path may name anything: ``/dev/zero`` (endless), a pipe (it blocks), a folder, a link to any of
them, or a regular file of gigabytes. Each is refused before it is read, in one line naming the
file and what to do: links are followed, then only a regular file is read, and no more of it than
its kind ever needs (``PROGRAMME_BYTES`` for a programme, ``CODEBOOK_BYTES`` for a codebook, a Word
file's limits in ``io.wordfile``). TOML is read here too, so the programme, the codebook and the
regional groups report a malformed or too deeply nested file in the same words.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from pathlib import Path
from typing import IO, Any

from ..errors import HlmnotesError, ProgrammeError

MB = 2**20
PROGRAMME_BYTES = 1 * MB  # the 2017 programme is 14 KB; a meeting of many days a few times that
CODEBOOK_BYTES = 1 * MB  # the themes of a meeting: 13 KB for 2017
TOML_DEPTH = 16  # arrays and inline tables nested in one another; the programme's format needs 3

KINDS = {
    stat.S_IFDIR: "a folder", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
    stat.S_IFIFO: "a pipe", stat.S_IFSOCK: "a socket",
}  # fmt: skip


def kind(mode: int) -> str:
    """What a file of ``mode`` is, in a person's words ("a pipe"); "a regular file" for one."""
    return "a regular file" if stat.S_ISREG(mode) else KINDS.get(stat.S_IFMT(mode), "not a regular file")


def open_regular(path: str | Path, what: str, limit: int) -> IO[bytes]:
    """``path`` opened for reading, once it is known to be a regular file of at most ``limit`` bytes.

    Links are followed. A folder, device, pipe or socket is refused before it is opened (opening a
    device may act on it), and again on the opened file, in case it was swapped in between.
    """
    path = Path(path)
    try:
        _refuse(path, os.stat(path), what, limit)
        # O_NONBLOCK: a pipe swapped in after the check opens at once (and is refused) instead of waiting.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise HlmnotesError(f"{path}: no such file; check the path to the {what}") from None
    except OSError as exc:
        raise HlmnotesError(f"{path}: cannot read the {what} ({exc.strerror or exc}); check the path") from None
    file = os.fdopen(fd, "rb")
    try:
        _refuse(path, os.fstat(fd), what, limit)
    except BaseException:
        file.close()
        raise
    return file


def _refuse(path: Path, info: os.stat_result, what: str, limit: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise HlmnotesError(f"{path}: is {kind(info.st_mode)}, not a regular file; name the {what} file itself")
    if info.st_size > limit:
        raise HlmnotesError(
            f"{path}: {info.st_size / MB:,.1f} MB, more than the {_size(limit)} a {what} may be; is it the right file?"
        )


def _size(limit: int) -> str:
    return f"{limit // MB:,} MB" if limit >= MB else f"{limit // 1024:,} KB"


def read_bytes(path: str | Path, what: str, limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them (see ``open_regular``)."""
    with open_regular(path, what, limit) as file:
        data = file.read(limit + 1)
    if len(data) > limit:  # it grew after it was measured
        raise HlmnotesError(f"{path}: more than the {_size(limit)} a {what} may be; is it the right file?")
    return data


def read_text(path: str | Path, what: str, limit: int) -> str:
    """The UTF-8 text (BOM or not) of a hand-edited data file, or a ``ProgrammeError`` that says how to fix it."""
    try:
        raw = read_bytes(path, what, limit)
    except HlmnotesError as exc:
        raise ProgrammeError(str(exc)) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ProgrammeError(
            f"{path}: line {line} is not UTF-8 (byte {raw[exc.start]:#04x}); save it as UTF-8"
        ) from None


# Strings, comments and the brackets that nest: enough of TOML's syntax to measure nesting before
# the parser (which recurses once a level) is given the text.
_TOKENS = re.compile(
    r'"""(?:[^\\]|\\.)*?"""|\'\'\'.*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[\]{}]', re.DOTALL
)


def parse_toml(text: str, source: str) -> dict[str, Any]:
    """The TOML ``text`` of the file ``source`` as a dict, or a ``ProgrammeError`` in one wording for every
    file: where the syntax breaks, or how deep it nests."""
    depth = deepest = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > TOML_DEPTH:
                    line = text.count("\n", 0, match.start()) + 1
                    raise ProgrammeError(
                        f"{source}: line {line}: brackets nested more than {TOML_DEPTH} deep, more than a"
                        " programme, codebook or list of groups ever needs; see data/README.md for the format"
                    )
        elif token in "]}":
            depth = max(depth - 1, 0)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProgrammeError(f"{source}: not valid TOML: {exc}; fix the line it names") from None
    except RecursionError:  # nesting the scan above did not see (it is not TOML's parser)
        raise ProgrammeError(f"{source}: nested too deeply to read; see data/README.md for the format") from None


def read_toml(path: str | Path, what: str, limit: int) -> tuple[str, dict[str, Any]]:
    """The text of the TOML file ``path`` and what it holds (``parse_toml``), read as ``read_text`` reads."""
    text = read_text(path, what, limit)
    return text, parse_toml(text, str(path))
