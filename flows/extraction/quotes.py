"""Quotation marks to quoted spans: one linear scan, tolerant of unbalanced and mixed marks.

A quotation opens with “ „ « or a straight " and closes with ” » or a straight ". Two apostrophes
('') are a straight mark too (some archives type quotations ''like this''). A straight mark
closes when a quotation is open and opens otherwise; a curly close mark with nothing open that sits
before a word is read as a mistyped opening mark, else ignored. A quotation still open at the end of
its paragraph continues into the next paragraph when that one opens with a quote mark (the news
convention for quotes running over paragraphs); otherwise it ends with its paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = "“„«‟"
CLOSERS = "”»"
STRAIGHT = '"'
QUOTE_MARKS = OPENERS + CLOSERS + STRAIGHT
DOUBLE_APOSTROPHE = "''"

_PARAGRAPH = re.compile(r"[^\r\n]+")
_MARK = re.compile(r"''|[\"“”„«»‟]")


def is_quote_mark(s: str) -> bool:
    """Whether a token (or character) is a quotation mark, including the two-apostrophe mark."""
    return s == DOUBLE_APOSTROPHE or (len(s) == 1 and s in QUOTE_MARKS)


def mark_at(text: str, i: int) -> bool:
    """Whether a quotation mark starts at offset i."""
    return text[i] in QUOTE_MARKS or text.startswith(DOUBLE_APOSTROPHE, i)


@dataclass
class Quote:
    """A quotation: ``start``/``end`` bound the words inside the marks; ``open_at``/``close_at`` the marks."""

    start: int
    end: int
    open_at: int
    close_at: int | None  # None: no closing mark (ended with its paragraph)
    paragraph: int  # index of the paragraph the quotation opens in
    close_width: int = 1  # characters of the closing mark ('' has two)

    @property
    def outer_end(self) -> int:
        return self.close_at + self.close_width if self.close_at is not None else self.end


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines (paragraphs) of the text, stripped of surrounding blanks."""
    out = []
    for m in _PARAGRAPH.finditer(text):
        a, b = m.start(), m.end()
        while a < b and text[a] in " \t\ufeff":
            a += 1
        while b > a and text[b - 1] in " \t":
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def find_quotes(text: str, paras: list[tuple[int, int]] | None = None) -> list[Quote]:
    """Every quotation of the text in order of its opening mark."""
    if paras is None:
        paras = paragraphs(text)
    quotes: list[Quote] = []
    open_at: int | None = None
    open_w = 1  # width of the open quotation's opening mark
    open_para = 0
    for pi, (pa, pb) in enumerate(paras):
        if open_at is not None and not mark_at(text, pa):
            # the open quotation did not carry over into this paragraph: it ended with the last one
            s = open_at + open_w
            quotes.append(Quote(s, _trim_end(text, s, paras[pi - 1][1]), open_at, None, open_para))
            open_at = None
        continuing = open_at is not None
        for m in _MARK.finditer(text, pa, pb):
            i = m.start()
            w = m.end() - i
            ch = STRAIGHT if w == 2 else text[i]
            if continuing and i == pa:
                continuing = False  # the re-opening mark of a quotation running over paragraphs
                continue
            continuing = False
            if open_at is None:
                if ch in OPENERS or ch == STRAIGHT or (ch in CLOSERS and _before_word(text, i, pb)):
                    if w == 2 and not _before_word(text, i, pb, w):
                        continue  # '' not opening a word: a closing mark without its opening one
                    open_at, open_w, open_para = i, w, pi
                continue
            if ch in CLOSERS or ch == STRAIGHT:
                quotes.append(Quote(open_at + open_w, i, open_at, i, open_para, w))
                open_at = None
            elif ch in OPENERS:
                if not _before_word(text, i, pb) and i > open_at + 1 and not text[i - 1].isspace():
                    # an opening mark typed where the closing one belongs: 'here,“ said X'
                    quotes.append(Quote(open_at + open_w, i, open_at, i, open_para))
                    open_at = None
                # a second opening mark inside an open quotation: the first one was never closed
                elif open_para == pi and _before_word(text, i, pb):
                    s = open_at + open_w
                    quotes.append(Quote(s, _trim_end(text, s, i), open_at, None, open_para))
                    open_at, open_w, open_para = i, w, pi
    if open_at is not None:
        s = open_at + open_w
        quotes.append(Quote(s, _trim_end(text, s, paras[-1][1]), open_at, None, open_para))
    return [q for q in quotes if q.end > q.start]


def _before_word(text: str, i: int, limit: int, width: int = 1) -> bool:
    """The mark at i opens a word: preceded by a space or line start, followed by a word character."""
    before_ok = i == 0 or not text[i - 1].isalnum()
    j = i + width
    return before_ok and j < limit and (text[j].isalnum() or text[j] in "‘'….")


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
