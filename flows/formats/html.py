"""A saved news page: main text and comments with trafilatura, metadata from its tags and JSON-LD.

The stored text is built from the extraction (title, body paragraphs, the page's navigation, header,
footer and sidebars as boilerplate, comments), so every span indexes the stored text; the page itself
is not kept. Pure: no files.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..metadata import Candidate
from ..parsing import ParsedDocument, RejectedInput, Section, headline_text

_HTML_START = re.compile(r"\A[\ufeff\s]*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|body)\b",
                         re.IGNORECASE | re.DOTALL)


MIN_ARTICLE_WORDS = 12
_ARTICLE_TYPES = ("NewsArticle", "Article", "BlogPosting", "ReportageNewsArticle")  # schema.org types we read


@dataclass(frozen=True)
class FormattedArticle:
    """An article in a non-text format, as stored text with its parse and what its markup says."""

    text: str
    parsed: ParsedDocument
    candidate: Candidate


def looks_like_html(text: str) -> bool:
    """A page saved from a browser, whatever its file name says."""
    return bool(_HTML_START.match(text[:4096])) or "<html" in text[:2048].lower()


def html_article(page: str) -> FormattedArticle:
    """Stored text, sections and metadata of a saved page. Raises RejectedInput when it has no article text."""
    import trafilatura
    from lxml import html as lxml_html

    try:
        tree = lxml_html.document_fromstring(page)
    except Exception as exc:  # noqa: BLE001 - lxml raises several types on junk
        raise RejectedInput("no_article_text", f"HTML that cannot be parsed: {exc}") from exc
    extracted = trafilatura.bare_extraction(page, include_comments=True, with_metadata=True, favor_recall=True)
    body = (extracted.text or "").strip() if extracted is not None else ""
    if not body:
        raise RejectedInput("no_article_text", "HTML page with no article text (trafilatura found none)")
    markup = _markup_fields(tree)
    title = markup.get("title") or (extracted.title or None)
    title = headline_text(title) if title else None
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    if title and paragraphs and headline_text(paragraphs[0]) == title:
        paragraphs = paragraphs[1:]
    if sum(len(p.split()) for p in paragraphs) < MIN_ARTICLE_WORDS:
        raise RejectedInput("no_article_text", f"HTML page with no article text (under {MIN_ARTICLE_WORDS} words "
                            "besides the title: a menu, an ad or an empty template)")
    parts: list[tuple[str, str]] = []
    if title:
        parts.append(("title", title))
    if paragraphs:
        parts.append(("body", "\n\n".join(paragraphs)))
    furniture = _furniture(tree)
    if furniture:
        parts.append(("boilerplate", "\n".join(furniture)))
    comments = [line.strip() for line in (extracted.comments or "").splitlines() if line.strip()]
    if comments:
        parts.append(("comments", "\n\n".join(comments)))
    text, sections, pos = "", [], 0
    for kind, chunk in parts:
        if text:
            text += "\n\n"
            pos += 2
        sections.append(Section(kind, pos, pos + len(chunk)))
        text += chunk
        pos += len(chunk)
    fields: dict[str, object] = {
        "title": title,
        "authors": markup.get("authors") or extracted.author,
        "publisher": markup.get("publisher") or extracted.sitename,
        "published": markup.get("published") or extracted.date,
        "url": markup.get("url") or extracted.url,
        "section": markup.get("section") or (extracted.categories[0] if extracted.categories else None),
    }
    authors = fields["authors"]
    parsed = ParsedDocument(title=title, byline=", ".join(authors) if isinstance(authors, list) else authors,
                            publication=None, published=None, sections=sections)
    return FormattedArticle(text, parsed, Candidate("html", {k: v for k, v in fields.items() if v}))


# Site furniture kept apart from the article: navigation, page header and footer, sidebars, ads, related
# links; by element, or by a class or id word where a page uses plain divs.
_FURNITURE_TAGS = frozenset({"nav", "aside"})
_FURNITURE_WORDS = frozenset({"nav", "navbar", "navigation", "menu", "footer", "site-footer", "site-header",
                              "masthead", "sidebar", "widget-area", "related", "ad", "ads", "advert",
                              "advertisement", "top-ad", "promo", "newsletter", "share", "social"})


def _is_furniture(element) -> bool:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _FURNITURE_TAGS:
        return True
    if tag in ("header", "footer") and not any(a.tag == "article" for a in element.iterancestors()):
        return True
    words = set(f"{element.get('class', '')} {element.get('id', '')}".lower().split())
    return bool(words & _FURNITURE_WORDS)


def _furniture(tree) -> list[str]:
    """The text of the page's furniture, one line per outermost piece, in page order."""
    lines: list[str] = []
    for element in tree.iter():
        if not _is_furniture(element) or any(_is_furniture(a) for a in element.iterancestors()):
            continue
        line = " ".join(" ".join(element.itertext()).split())
        if line and line not in lines:
            lines.append(line)
    return lines


def _markup_fields(tree) -> dict[str, object]:
    """JSON-LD NewsArticle first, then meta tags, then ``<time datetime>``: the full date-time where given."""
    out: dict[str, object] = {}
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        for item in _ld_items(script.text_content()):
            if not str(item.get("@type", "")).endswith(_ARTICLE_TYPES):
                continue
            _put(out, "title", item.get("headline"))
            _put(out, "published", item.get("datePublished"))
            _put(out, "url", item.get("url"))
            _put(out, "section", item.get("articleSection"))
            publisher = item.get("publisher")
            _put(out, "publisher", publisher.get("name") if isinstance(publisher, dict) else publisher)
            authors = item.get("author")
            authors = authors if isinstance(authors, list) else [authors] if authors else []
            names = [a.get("name") if isinstance(a, dict) else a for a in authors]
            _put(out, "authors", [n for n in names if isinstance(n, str) and n.strip()])
    meta = {(m.get("property") or m.get("name") or m.get("itemprop") or "").lower(): m.get("content")
            for m in tree.xpath("//meta[@content]")}
    _put(out, "title", meta.get("og:title"))
    _put(out, "published", meta.get("article:published_time") or meta.get("datepublished")
         or meta.get("pubdate") or meta.get("date"))
    _put(out, "publisher", meta.get("og:site_name"))
    _put(out, "section", meta.get("article:section"))
    _put(out, "authors", meta.get("author") or meta.get("article:author"))
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    _put(out, "url", canonical[0] if canonical else meta.get("og:url"))
    times = tree.xpath("//article//time[@datetime]/@datetime") or tree.xpath("//time[@datetime]/@datetime")
    _put(out, "published", times[0] if times else None)
    return out


def _ld_items(raw: str) -> list[dict]:
    try:
        data = json.loads(raw)
    except ValueError:
        return []
    items = data if isinstance(data, list) else data.get("@graph", [data]) if isinstance(data, dict) else []
    return [i for i in items if isinstance(i, dict)]


def _put(out: dict[str, object], name: str, value: object) -> None:
    if name not in out and value not in (None, "", []):
        out[name] = value
