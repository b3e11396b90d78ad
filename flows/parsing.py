"""Turn an article file's bytes into text and a document record (title, byline, date, sections).

Pure functions: no files, no database. Character offsets always index the decoded text exactly as
stored (BOM character and CR/CRLF line ends kept), so every span stays true to the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

# --------------------------------------------------------------------------- decoding


class RejectedInput(ValueError):
    """A file that cannot be ingested; ``reason`` is a short stable code for the ingestion log."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),  # decoded as utf-8, so the BOM stays as U+FEFF and offsets match the file
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode_bytes(data: bytes) -> DecodedText:
    """Decode an article file: UTF-8 (BOM or not), UTF-16/32 with BOM, UTF-8 with a few invalid bytes
    (replaced by U+FFFD), else a detected legacy encoding (cp1252 for Western European text).

    Raises RejectedInput for empty, binary or undecodable content.
    """
    if not data.strip():
        raise RejectedInput("empty", "file is empty or whitespace only")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return DecodedText(data.decode(encoding), encoding)
            except UnicodeDecodeError as exc:
                raise RejectedInput("undecodable", f"{encoding} byte-order mark but invalid {encoding}: {exc}") from exc
    if b"\x00" in data:
        nul_at = data.index(b"\x00")
        raise RejectedInput("binary", f"binary content: NUL byte at offset {nul_at}")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return mostly_utf8
    return DecodedText(*_decode_legacy(data))


def _mostly_utf8(data: bytes) -> DecodedText | None:
    """UTF-8 with a few stray bytes (a truncated copy, one pasted legacy character): keep it UTF-8.

    When valid multi-byte UTF-8 sequences outnumber the invalid bytes, the file is UTF-8 and a legacy
    decoding would turn every correct non-ASCII character into mojibake ("café" -> "caf├й"). Each invalid
    byte becomes U+FFFD instead, and the encoding says how many were replaced.
    """
    text = data.decode("utf-8", errors="surrogateescape")
    invalid = sum(1 for ch in text if "\udc80" <= ch <= "\udcff")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and not "\udc80" <= ch <= "\udcff")
    if multibyte <= invalid:
        return None
    replaced = "".join("\ufffd" if "\udc80" <= ch <= "\udcff" else ch for ch in text)
    return DecodedText(replaced, f"utf-8 ({invalid} invalid byte{'s' if invalid != 1 else ''} replaced)")


# The detector finds the script well but not the code page among Latin ones: on Western text it often
# names cp1250, iso8859_14 or cp1257 ("très" -> "trčs", "«" -> "Ẃ"). So among its least messy candidates
# cp1252 (what Windows writes for English and Western European text, a superset of Latin-1's printable
# characters) wins, unless it puts symbols inside words: Polish in cp1252 reads "powiedzia³", so that
# keeps the detector's cp1250. Cyrillic, Greek and other scripts never have cp1252 among the candidates.
_SYMBOL_IN_WORD = re.compile(r"(?<=[^\W\d_])[\u0080-\u00bf\u00d7\u00f7](?=[^\W\d_])")


def _decode_legacy(data: bytes) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None or best.encoding is None:
        raise RejectedInput("undecodable", "not valid UTF-8 and no other text encoding fits")
    western = next((m for m in matches if m.encoding == "cp1252" and m.chaos <= best.chaos), None)
    if western is not None and not _SYMBOL_IN_WORD.search(str(western)):
        best = western
    text = str(best)
    if _looks_binary(text):
        raise RejectedInput("binary", f"decodes as {best.encoding} only to control characters: not text")
    return text, best.encoding


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return controls > max(8, len(text) // 100)


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class Section:
    """A character span of the text with what it is: title, dateline, byline, body, boilerplate, comments."""

    kind: str
    start: int
    end: int


@dataclass
class ParsedDocument:
    title: str | None
    byline: str | None
    publication: str | None
    published: date | None
    sections: list[Section] = field(default_factory=list)
    front_matter: dict[str, str] = field(default_factory=dict)  # "key: value" lines of a leading --- block

    def section_at(self, offset: int) -> str:
        """The kind of section that holds this offset ('body' if none does)."""
        for section in self.sections:
            if section.start <= offset < section.end:
                return section.kind
        return "body"


SECTION_KINDS = ("front_matter", "title", "dateline", "byline", "body", "boilerplate", "comments")

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*(?:\r\n|\r|\n)(?P<block>.*?)(?:\r\n|\r|\n)---[ \t]*(?:\r\n|\r|\n|\Z)",
                           re.DOTALL)
_FRONT_MATTER_LINE = re.compile(r"^[ \t]*(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")

_DATELINE = re.compile(r"[\ufeff\s]*date[ :]+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.IGNORECASE)
# Line starts and ends written out, not ^ and $: those know only "\n", and files with lone-CR line ends
# (old Mac exports) must keep their byline and sections.
_BOL = r"(?:\A|(?<=[\r\n]))"
_EOL = r"(?=\r\n|\r|\n|\Z)"
_BYLINE = re.compile(_BOL + r"[ \t]*By[ \t]+(?P<rest>[A-Z][^\r\n]{1,200})" + _EOL)
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_SOURCE_DATE = re.compile(
    _BOL + r"[ \t]*Source:[^\n]*?\b(\d{1,2})[ \t]+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
    r"[ \t]+(\d{4}|\d{2})\b",
    re.MULTILINE,
)
# Lines that open a block of site furniture running until the comments or the end of the file.
_BOILERPLATE_START = re.compile(
    _BOL + r"[ \t]*(?:You['’]ve read\b|Subscribe to continue|Related video:|Related Articles?:?" + _EOL + "|"
    r"Sign up for our newsletter|Share this article|Follow us on|Advertisement" + _EOL + "|"
    r"Already a subscriber\?|Support (?:our|independent) journalism)",
    re.MULTILINE | re.IGNORECASE,
)
_COMMENTS_START = re.compile(
    _BOL + r"[ \t]*(?:(?:\d+|No|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)[ \t]+"
    r"(?:Responses?|Comments?|Replies|Reply)(?:[ \t]+(?:to|on)\b[^\n]*)?|"
    r"\d+[ \t]+thoughts? on\b[^\n]*|Leave a (?:Reply|Comment)|Reader comments?|Comments)[ \t]*:?[ \t]*" + _EOL,
    re.MULTILINE | re.IGNORECASE,
)
_HEADLINE_MAX_CHARS = 250
_HEADLINE_MAX_WORDS = 30


def parse_document(text: str) -> ParsedDocument:
    """Find title, byline, publication, date and the section spans of an article's text."""
    doc = ParsedDocument(title=None, byline=None, publication=None, published=None)
    sections: list[Section] = []
    pos = 0

    front = _FRONT_MATTER.match(text[:5000])
    if front:
        doc.front_matter = _front_matter(front.group("block"))
        sections.append(Section("front_matter", 0, front.end()))
        pos = front.end()

    dateline = _DATELINE.match(text, pos)
    if dateline:
        doc.published = _safe_date(dateline.group(1))
        sections.append(Section("dateline", dateline.start(1) - len("date "), dateline.end()))
        pos = dateline.end()
    else:
        title = _headline(text[pos:])
        if title is not None:
            start, end = title[0] + pos, title[1] + pos
            doc.title = headline_text(text[start:end])
            sections.append(Section("title", start, end))
            pos = end

    byline = _BYLINE.search(text, pos, min(len(text), pos + 600))
    if byline and not text[pos : byline.start()].strip(" \t\r\n\ufeff"):
        doc.byline, doc.publication = _split_byline(byline.group("rest"))
        sections.append(Section("byline", byline.start(), byline.end()))
        pos = byline.end()

    if doc.published is None:
        source_date = _SOURCE_DATE.search(text)
        if source_date:
            doc.published = _source_line_date(*source_date.groups())

    comments = _COMMENTS_START.search(text, pos)
    comments_at = comments.start() if comments else len(text)
    boilerplate = _BOILERPLATE_START.search(text, pos, comments_at)
    body_end = boilerplate.start() if boilerplate else comments_at
    sections.append(Section("body", pos, body_end))
    if boilerplate:
        sections.append(Section("boilerplate", boilerplate.start(), comments_at))
    if comments:
        sections.append(Section("comments", comments.start(), len(text)))
    doc.sections = [s for s in sections if s.end > s.start]
    return doc


def _front_matter(block: str) -> dict[str, str]:
    """``key: value`` lines (YAML's simple form; quotes stripped); other lines are ignored."""
    out: dict[str, str] = {}
    for line in re.split(r"\r\n|\r|\n", block):
        match = _FRONT_MATTER_LINE.match(line)
        if match and match.group("value"):
            out[match.group("key").lower()] = match.group("value").strip("\"'")
    return out


def _headline(text: str) -> tuple[int, int] | None:
    """Span of the first line if it reads as a headline: short, and followed by a blank line or byline.

    A line ending in a semicolon runs on to the next one (a headline and its deck: "Title; \nSubtitle.").
    """
    match = re.match(r"[\ufeff\s]*([^\r\n]+;[ \t]*(?:\r\n|\r|\n)[^\r\n]+|[^\r\n]+)", text)
    if not match:
        return None
    line = match.group(1)
    rest = text[match.end(1) :]
    stands_alone = bool(re.match(r"[ \t]*(\r\n|\r|\n)[ \t]*(\r\n|\r|\n)", rest)) or bool(
        re.match(r"\s*By[ \t]", rest)
    )
    short = len(line.strip()) <= _HEADLINE_MAX_CHARS and len(line.split()) <= _HEADLINE_MAX_WORDS
    if stands_alone and short:
        return match.start(1), match.start(1) + len(line.rstrip())
    return None


def headline_text(line: str) -> str:
    """A headline as a title: whitespace collapsed, without the full stop some archives add to it, also
    inside a closing quote or bracket ("U.S.", an ellipsis and a headline of several sentences keep theirs)."""
    title = " ".join(line.split())
    if re.search(r"(?:\b[A-Z]\.){2}$|\.\.\.$", title):
        return title
    if re.search(r"[a-z]{3}\. [A-Z][^;]*\.$", title):  # the last of several sentences keeps its full stop
        return title
    return re.sub(r"\.(?=[\"'”’)]?$)", "", title, count=1)


def _split_byline(rest: str) -> tuple[str | None, str | None]:
    """'Juan Cole | (Informed Comment) | – –' -> ('Juan Cole', 'Informed Comment')."""
    parts = [p.strip(" \t\r()–—-") for p in rest.split("|")]
    parts = [p for p in parts if p]
    if not parts:
        return None, None
    author = parts[0]
    publication = parts[1] if len(parts) > 1 else None
    return author, publication


def _safe_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _source_line_date(day: str, month: str, year: str) -> date | None:
    full_year = int(year) + (2000 if len(year) == 2 else 0)
    try:
        return date(full_year, _MONTHS[month.lower()[:3]], int(day))
    except ValueError:
        return None
