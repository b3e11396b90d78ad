"""The watched folder: find article files, skip what is not ready, read and check what is.

File-system I/O only; decoding and parsing are in ``parsing``.
"""

from __future__ import annotations

import errno
import fnmatch
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .parsing import DecodedText, ParsedDocument, RejectedInput, decode_bytes, parse_document

# The longest text accepted, in characters (spaCy's own ``nlp.max_length``): a longer one is rejected when
# read, as 'too_long' beside 'too_large' (BRIEFING_MAX_FILE_BYTES), and never reaches extraction. Within it,
# extraction takes at most ~65 s of CPU and ~520 MB (texts over 30,000 characters are parsed in pieces).
MAX_TEXT_CHARS = 1_000_000

# Names of files still being written or not meant for us: never read, never logged.
IGNORED_NAME_PATTERNS = (".*", "~*", "*~", "*.part", "*.partial", "*.tmp", "*.crdownload", "*.swp")


@dataclass(frozen=True)
class FileEntry:
    """A candidate file in the watched folder as the file system reports it."""

    path: str  # relative to the watched folder, '/'-separated
    size_bytes: int
    mtime_ns: int


@dataclass(frozen=True)
class FileProblem:
    """Something in the folder that is not an article file we can read."""

    path: str
    reason: str
    message: str


@dataclass(frozen=True)
class ArticleFile:
    """A file read, hashed, decoded and parsed: ready for extraction and loading."""

    entry: FileEntry
    sha256: str
    decoded: DecodedText
    parsed: ParsedDocument

    @property
    def text(self) -> str:
        return self.decoded.text


def is_ignored_name(name: str) -> bool:
    """Temporary, partial or hidden file names that the watcher and the scan leave alone."""
    return any(fnmatch.fnmatch(name, pattern) for pattern in IGNORED_NAME_PATTERNS)


def printable_name(name: str) -> str:
    """A file name fit for one log line: bytes that are not UTF-8 as \\xNN, control characters (newline,
    tab, direction controls) as \\n, \\u202e..., so a name can neither forge a line nor reverse text."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(ch if ch.isprintable() or ch == " " else ch.encode("unicode_escape").decode("ascii")
                   for ch in text)


def _has_undecodable_bytes(name: str) -> bool:
    """True when the file system gave bytes that are not UTF-8 (Python keeps them as lone surrogates)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def scan_folder(folder: Path) -> tuple[list[FileEntry], list[FileProblem]]:
    """Every candidate file under ``folder`` (recursively, sorted), and the entries that cannot be one.

    Symlinks are not followed out of the folder (nor round a loop); directories and special files are
    reported, and so are subdirectories that cannot be listed and names whose bytes are not UTF-8.
    """
    try:
        root = folder.resolve()
    except (OSError, RuntimeError) as exc:  # the folder itself a symlink loop
        raise FileNotFoundError(f"watched folder cannot be resolved: {folder}: {exc}") from exc
    entries: list[FileEntry] = []
    problems: list[FileProblem] = []
    if not root.is_dir():
        raise FileNotFoundError(f"watched folder does not exist or is not a directory: {folder}")

    def unlistable(exc: OSError) -> None:  # os.walk would skip a directory it cannot list without a word
        where = Path(exc.filename or root)
        rel = where.relative_to(root).as_posix() if where.is_relative_to(root) else str(where)
        problems.append(FileProblem(rel, "unreadable", f"cannot list directory: {exc.strerror or exc}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unlistable, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not is_ignored_name(d))
        for name in sorted(filenames) + [d for d in dirnames if _looks_like_file_name(d)]:
            if is_ignored_name(name):
                continue
            full = Path(dirpath) / name
            rel = full.relative_to(root).as_posix()
            if _has_undecodable_bytes(rel):  # such a name cannot be stored, printed or logged as it is
                problems.append(FileProblem(printable_name(rel), "undecodable_name",
                                            "the file name's bytes are not UTF-8: rename the file"))
                continue
            entry_or_problem = _inspect(full, rel, root)
            (entries if isinstance(entry_or_problem, FileEntry) else problems).append(entry_or_problem)
    return entries, problems


def _looks_like_file_name(name: str) -> bool:
    """A directory named like an article file ('x.txt') is worth telling the user about."""
    return name.lower().endswith((".txt", ".text", ".md"))


def _inspect(full: Path, rel: str, root: Path) -> FileEntry | FileProblem:
    try:
        info = full.lstat()
        if stat.S_ISLNK(info.st_mode):
            target = full.resolve()
            if not target.is_relative_to(root):
                return FileProblem(rel, "symlink_outside", f"symlink points outside the watched folder: {target}")
            info = target.stat()
        if stat.S_ISDIR(info.st_mode):
            return FileProblem(rel, "not_a_file", "a directory, not a file")
        if not stat.S_ISREG(info.st_mode):
            return FileProblem(rel, "not_a_file", "not a regular file")
    except RuntimeError:  # Path.resolve on a symlink loop (Python 3.11)
        return FileProblem(rel, "symlink_loop", "symlink loop: the link never reaches a file")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return FileProblem(rel, "symlink_loop", "symlink loop: the link never reaches a file")
        return FileProblem(rel, "unreadable", f"cannot stat: {exc.strerror or exc}")
    return FileEntry(rel, info.st_size, info.st_mtime_ns)


def _changed_since(path: Path, entry: FileEntry, bytes_read: int) -> bool:
    """True when the file's size or mtime moved since the scan: a writer is still at work."""
    try:
        now = path.stat()
    except OSError:
        return True
    return bytes_read != entry.size_bytes or now.st_size != entry.size_bytes or now.st_mtime_ns != entry.mtime_ns


def read_article(folder: Path, entry: FileEntry, max_bytes: int) -> ArticleFile:
    """Read, hash, decode and parse one file. Raises RejectedInput with a specific reason."""
    if entry.size_bytes > max_bytes:
        raise RejectedInput("too_large", f"{entry.size_bytes} bytes, over the limit of {max_bytes} bytes")
    try:
        data = (folder / entry.path).read_bytes()
    except PermissionError as exc:
        raise RejectedInput("unreadable", f"permission denied: {exc.strerror}") from exc
    except FileNotFoundError as exc:
        raise RejectedInput("vanished", "file disappeared before it could be read") from exc
    except OSError as exc:
        raise RejectedInput("unreadable", f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise RejectedInput("too_large", f"{len(data)} bytes, over the limit of {max_bytes} bytes")
    if _changed_since(folder / entry.path, entry, len(data)):
        raise RejectedInput("still_writing", "file changed while being read; it will be read again next run")
    decoded = decode_bytes(data)
    if len(decoded.text) > MAX_TEXT_CHARS:
        raise RejectedInput("too_long", f"{len(decoded.text):,} characters, over the limit of {MAX_TEXT_CHARS:,} "
                                        "characters a document may have")
    return ArticleFile(entry, hashlib.sha256(data).hexdigest(), decoded, parse_document(decoded.text))
