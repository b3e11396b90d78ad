"""The watched folder: find article files, skip what is not ready, read and check what is.

File-system I/O, and routing by content: a page saved from a browser goes the HTML path whatever its
name, plain text stays text, other formats are rejected with a reason. Decoding and parsing are in
``parsing``, the formats in ``formats/``, metadata resolution in ``metadata``.
"""

from __future__ import annotations

import errno
import fnmatch
import hashlib
import os
import stat
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .formats.html import html_article, looks_like_html
from .formats.jsonl import feed_items, is_feed_name, stored_text
from .metadata import (
    Candidate,
    DocumentMetadata,
    MetadataError,
    MetadataRules,
    filename_candidate,
    mapped_fields,
    resolve_metadata,
    sidecar_candidate,
    text_candidate,
)
from .parsing import DecodedText, ParsedDocument, RejectedInput, decode_bytes, parse_document

SIDECAR_SUFFIX = ".json"
# Formats we do not read, known by their first bytes (binary files without NUL bytes pass the text check).
_MAGIC = ((b"%PDF-", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
          (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"), (b"\xff\xd8\xff", "a JPEG image"),
          (b"{\\rtf", "an RTF document"), (b"\x1f\x8b", "a gzip archive"))
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
    metadata: DocumentMetadata = field(default_factory=DocumentMetadata)
    format: str = "text"
    stored_text: str | None = None  # the text built from another format (HTML); None: the decoded text
    item: int | None = None  # line of a JSON Lines feed
    file_sha256: str | None = None  # hash of the whole feed file (sha256 is the item's)

    @property
    def text(self) -> str:
        return self.decoded.text if self.stored_text is None else self.stored_text

    @property
    def source_path(self) -> str:
        """The path, with ``#L<line>`` for an item of a feed."""
        return self.entry.path if self.item is None else f"{self.entry.path}#L{self.item}"


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
        stems = {n.rsplit(".", 1)[0] for n in filenames if not n.lower().endswith(SIDECAR_SUFFIX)}
        for name in sorted(filenames) + [d for d in dirnames if _looks_like_file_name(d)]:
            if is_ignored_name(name) or is_sidecar_name(name, stems):
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


def is_sidecar_name(name: str, article_stems: set[str]) -> bool:
    """``NAME.json`` beside an article ``NAME.*`` holds that article's metadata: not an article itself."""
    return name.lower().endswith(SIDECAR_SUFFIX) and name[: -len(SIDECAR_SUFFIX)] in article_stems


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


@dataclass(frozen=True)
class FileRead:
    """The articles of one file (one, or a feed's items) and the feed lines that are none."""

    articles: list[ArticleFile]
    problems: list[FileProblem]


def read_file(folder: Path, entry: FileEntry, max_bytes: int, rules: MetadataRules | None = None,
              now: datetime | None = None) -> FileRead:
    """Read one file: a JSON Lines feed gives one article per line, anything else goes to ``read_article``.

    Raises RejectedInput when nothing in the file is readable.
    """
    if not is_feed_name(entry.path):
        return FileRead([read_article(folder, entry, max_bytes, rules, now)], [])
    data = _read_bytes(folder, entry, max_bytes)
    decoded = decode_bytes(data)
    items, bad_lines = feed_items(decoded.text)
    if not items:
        why = "; ".join(p.message for p in bad_lines[:3]) or "no lines"
        raise RejectedInput("no_article_text", f"JSON Lines feed with no article: {why}")
    rules = rules or MetadataRules()
    file_sha = hashlib.sha256(data).hexdigest()
    articles, bad_items = [], []
    for item in items:
        if looks_like_html(item.text):
            page = html_article(item.text)
            fmt, parsed, text, candidates = "html", page.parsed, page.text, [item.candidate, page.candidate]
        else:
            title = item.candidate.fields.get("title")
            text = stored_text(title if isinstance(title, str) else None, item.text)
            fmt, parsed, candidates = "feed", parse_document(text), [item.candidate]
        try:
            _check_length(text)
        except RejectedInput as exc:
            bad_items.append(FileProblem(f"{entry.path}#L{item.line}", exc.reason, exc.message))
            continue
        candidates.append(text_candidate(parsed.title, parsed.byline, parsed.publication, parsed.published))
        candidates.append(filename_candidate(entry.path, rules.filename_pattern))
        metadata = resolve_metadata(candidates, rules, now)
        articles.append(ArticleFile(entry, hashlib.sha256(item.raw.encode("utf-8")).hexdigest(), decoded, parsed,
                                    metadata, fmt, text, item.line, file_sha))
    problems = [FileProblem(f"{entry.path}#L{p.line}", "bad_feed_item", p.message) for p in bad_lines]
    return FileRead(articles, problems + bad_items)


def _check_length(text: str) -> None:
    """Reject a text longer than a document may be (MAX_TEXT_CHARS, spaCy's own limit)."""
    if len(text) > MAX_TEXT_CHARS:
        raise RejectedInput("too_long", f"{len(text):,} characters, over the limit of {MAX_TEXT_CHARS:,} "
                                        "characters a document may have")


def read_article(folder: Path, entry: FileEntry, max_bytes: int, rules: MetadataRules | None = None,
                 now: datetime | None = None) -> ArticleFile:
    """Read, hash, decode and parse one file, with its metadata (sidecar, markup, text, file name).

    Raises RejectedInput with a specific reason.
    """
    data = _read_bytes(folder, entry, max_bytes)
    if entry.path.lower().endswith(SIDECAR_SUFFIX):
        raise RejectedInput("unsupported_format", "a JSON file that is no article's sidecar (NAME.json beside "
                            "NAME.txt or NAME.html): not an article")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise RejectedInput("unsupported_format", f"{what}, not an article: save it as text or HTML")
    decoded = decode_bytes(data)
    candidates: list[Candidate] = []
    warnings: list[str] = []
    if looks_like_html(decoded.text):
        page = html_article(decoded.text)
        fmt, parsed, stored = "html", page.parsed, page.text
        candidates.append(page.candidate)
    else:
        fmt, parsed, stored = "text", parse_document(decoded.text), None
    _check_length(stored if stored is not None else decoded.text)
    if parsed.front_matter:
        candidates.append(Candidate("front_matter", mapped_fields(parsed.front_matter)))
    candidates.append(text_candidate(parsed.title, parsed.byline, parsed.publication, parsed.published))
    rules = rules or MetadataRules()
    candidates.append(filename_candidate(entry.path, rules.filename_pattern))
    sidecar = _read_sidecar(folder, entry.path)
    if sidecar is not None:
        try:
            candidates.append(sidecar_candidate(sidecar))
        except MetadataError as exc:
            warnings.append(f"sidecar: {exc}; its fields fall back to other sources")
    metadata = resolve_metadata(candidates, rules, now)
    metadata.warnings[:0] = warnings
    return ArticleFile(entry, hashlib.sha256(data).hexdigest(), decoded, parsed, metadata, fmt, stored)


def _read_sidecar(folder: Path, path: str) -> bytes | None:
    """The bytes of ``NAME.json`` beside the article, if there is one."""
    stem = path.rsplit(".", 1)[0] if "." in Path(path).name else path
    sidecar = folder / (stem + SIDECAR_SUFFIX)
    try:
        return sidecar.read_bytes() if sidecar.is_file() else None
    except OSError:
        return None


def _read_bytes(folder: Path, entry: FileEntry, max_bytes: int) -> bytes:
    """The file's bytes, checked against the size limit and a writer still at work."""
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
    return data
