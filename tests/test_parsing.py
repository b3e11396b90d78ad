"""Decoding and document parsing: the seed facts the issue names, and general rules on small texts."""

from __future__ import annotations

from datetime import date

import pytest

from flows.parsing import RejectedInput, Section, decode_bytes, headline_text, parse_document

from .conftest import SEEDS, shared_path


def seed(name_prefix: str) -> str:
    (path,) = SEEDS.glob(f"{name_prefix}_*.txt")
    return decode_bytes(path.read_bytes()).text


def test_seed_003_title_byline_and_comments():
    text = seed("003")
    doc = parse_document(text)
    assert doc.title == "Syria: Can Russia & US Broker a new Cease-Fire?"
    assert (doc.byline, doc.publication) == ("Juan Cole", "Informed Comment")
    comments = [s for s in doc.sections if s.kind == "comments"]
    assert len(comments) == 1
    assert text[comments[0].start :].startswith("18 Responses")
    assert comments[0].end == len(text)
    assert doc.published == date(2016, 9, 3)  # from the "… 0800 gmt 3 Sep 16" source line


def test_seed_001_dateline_without_headline():
    text = seed("001")
    doc = parse_document(text)
    assert doc.published == date(2016, 9, 17)
    assert doc.title is None
    body = next(s for s in doc.sections if s.kind == "body")
    assert text[body.start :].startswith("While Russia and the US")


def test_seed_002_boilerplate_starts_at_youve_read():
    text = seed("002")
    doc = parse_document(text)
    assert doc.title == "Despite military successes, Russia's main goal in Syria remains elusive"
    (boiler,) = [s for s in doc.sections if s.kind == "boilerplate"]
    assert text[boiler.start :].startswith("You've read")
    assert doc.section_at(boiler.start - 10) == "body"


def test_seed_000_no_headline_when_first_line_is_a_paragraph():
    assert parse_document(seed("000")).title is None


def test_sections_tile_the_text_without_overlap():
    for path in SEEDS.glob("*.txt"):
        text = decode_bytes(path.read_bytes()).text
        sections = sorted(parse_document(text).sections, key=lambda s: s.start)
        for before, after in zip(sections, sections[1:], strict=False):
            assert before.end <= after.start
        assert all(0 <= s.start < s.end <= len(text) for s in sections)


def test_headline_line_then_body():
    doc = parse_document("Short headline here.\n\nBody sentence one. Body two.\n")
    assert doc.title == "Short headline here"  # a one-sentence headline takes no full stop
    assert doc.sections[0] == Section("title", 0, len("Short headline here."))
    assert doc.section_at(25) == "body"


def test_crlf_kept_and_offsets_true():
    text = "Headline\r\n\r\nBy Jane Roe | (Daily Planet)\r\nBody text.\r\n"
    doc = parse_document(text)
    assert doc.title == "Headline"
    assert (doc.byline, doc.publication) == ("Jane Roe", "Daily Planet")
    body = next(s for s in doc.sections if s.kind == "body")
    assert "Body text." in text[body.start : body.end]


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty"), (b"  \n\t ", "empty"), (b"abc\x00def", "binary"), (b"\xff\xfe\x00\xd8", "undecodable")],
)
def test_bad_bytes_rejected_with_reason(data, reason):
    with pytest.raises(RejectedInput) as err:
        decode_bytes(data)
    assert err.value.reason == reason


def test_encodings_detected_and_recorded():
    assert decode_bytes("caf\u00e9 news".encode()).encoding == "utf-8"
    bom = decode_bytes("\ufeffHello".encode())
    assert bom.text == "\ufeffHello"  # BOM kept as a character: offsets match the file
    utf16 = decode_bytes("Putin said “yes”.".encode("utf-16"))
    assert (utf16.text, utf16.encoding) == ("Putin said “yes”.", "utf-16")
    latin = decode_bytes("Le président a déclaré que la réunion était très importante.".encode("cp1252"))
    assert "président" in latin.text
    assert latin.encoding != "utf-8"


def test_polnear_headlines_are_first_lines():
    folder = shared_path("corpus", "polnear", "dev", "text")
    files = sorted(folder.glob("*.txt"))[:40]
    for path in files:
        text = path.read_text(encoding="utf-8")
        doc = parse_document(text)
        title = next(s for s in doc.sections if s.kind == "title")
        assert title.start == 0 and text[title.end] in "\r\n", path.name  # the title section is the headline line
        assert doc.title == headline_text(text[: title.end]), path.name


def test_headline_and_deck_on_two_lines_are_one_title():
    text = "Lawmaker urges action; \nMember of panel says U.S. must act.\n\nThe body starts here.\n"
    doc = parse_document(text)
    assert doc.title == "Lawmaker urges action; Member of panel says U.S. must act"
    assert doc.section_at(text.index("Member")) == "title"
    assert doc.section_at(text.index("The body")) == "body"


@pytest.mark.parametrize(("line", "title"), [
    ("Obama says museum will tell of 'suffering.'", "Obama says museum will tell of 'suffering'"),
    ("Talks stall in the U.S.", "Talks stall in the U.S."),
    ("Virginian could make history. Again.", "Virginian could make history. Again."),
    ("Oops! Gunplay did not disrupt the convention.", "Oops! Gunplay did not disrupt the convention"),
])
def test_headline_full_stop(line, title):
    assert headline_text(line) == title
