"""The daily report as Markdown and as one self-contained HTML page (inline CSS and SVG charts).

Pure functions of a DailySummary. Every fact links to its document (an anchor in the Sources section)
and to its quote in the original file (a relative link with a text fragment, ``#:~:text=``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from urllib.parse import quote

from .model import DailySummary, DocumentRef, PollItem
from .safe_text import article_text, md_code, without_direction_controls

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#])")


def md_escape(text: str | None) -> str:
    """Article text made inert in Markdown: no HTML, no emphasis, links or table breaks."""
    if not text:
        return ""
    text = " ".join(article_text(text).split())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def h(text: object) -> str:
    return html.escape(without_direction_controls(text), quote=True)


def _fragment_part(words: Sequence[str]) -> str:
    return quote(" ".join(words), safe="").replace("-", "%2D")


def text_fragment(quote_text: str) -> str:
    """A ``#:~:text=`` fragment that makes a browser scroll to and highlight ``quote_text``."""
    words = quote_text.split()
    if not words:
        return ""
    if len(words) <= 8:
        return "#:~:text=" + _fragment_part(words)
    return "#:~:text=" + _fragment_part(words[:4]) + "," + _fragment_part(words[-4:])


def source_href(ref: DocumentRef, source_base: str | None, quote_text: str | None = None) -> str | None:
    """Link to the original article file (relative to the report), at the quote when given."""
    if source_base is None or not ref.source_path:
        return None
    path = "/".join(quote(part) for part in f"{source_base.rstrip('/')}/{ref.source_path}".split("/"))
    return path + (text_fragment(quote_text) if quote_text else "")


def _span(ref: DocumentRef) -> str:
    if ref.start is None:
        return ""
    if ref.end is None:
        return f"char {ref.start}"
    return f"chars {ref.start}–{ref.end}"


def _number(value: float | None, unit: str = "percent") -> str:
    if value is None:
        return ""
    suffix = "%" if unit == "percent" else " pts"
    return f"{value:g}{suffix}"


def _change(poll: PollItem) -> str:
    if poll.change is None:
        return "first figure"
    return f"{poll.change:+g} pts"


def headline(summary: DailySummary) -> str:
    """One line: what the day brought."""
    sources = len(summary.sources)
    return (f"{summary.document_count} documents from {sources} source{'s' if sources != 1 else ''}; "
            f"{len(summary.new_actors)} new actors; {summary.claim_count} claims from {len(summary.claims)} speakers; "
            f"{len(summary.polls)} poll figures")


def validation_line(summary: DailySummary) -> str:
    if not summary.validation:
        return "Validation: no checks ran on this day's documents."
    failed = summary.failed_checks
    quarantined = summary.quarantined_rows
    rows = sum(quarantined.values())
    line = f"Validation: {len(summary.validation)} checks, {len(failed)} failed"
    if rows:
        line += "; quarantined (left out of this summary): " + ", ".join(f"{n} {t}" for t, n in quarantined.items())
    return line + "."


def _poll_label(poll: PollItem) -> str:
    parts = [poll.measure or "unspecified measure"]
    if poll.option:
        parts.append(f"option: {poll.option}")
    if poll.population:
        parts.append(f"among {poll.population}")
    if poll.when_text and poll.when_text.lower() not in "; ".join(parts).lower():
        parts.append(poll.when_text)
    return "; ".join(parts)


# ---------------------------------------------------------------- Markdown


def render_markdown(summary: DailySummary, source_base: str | None = None) -> str:
    """The report as Markdown (GitHub flavour): headings, lists, tables, links to documents and quotes."""
    out = [f"# Daily briefing: {summary.day.isoformat()}", "",
           f"_Documents ingested on {summary.day.isoformat()} ({md_escape(summary.timezone)})._", "",
           headline(summary) + ".", "", md_escape(validation_line(summary)), ""]

    def doc_link(ref: DocumentRef, quote_text: str | None = None) -> str:
        link = f"[{md_escape(ref.title)}](#{ref.anchor})"
        href = source_href(ref, source_base, quote_text)
        span = _span(ref)
        if href and span:
            link += f", [{span}]({href})"
        elif span:
            link += f", {span}"
        return link

    out += ["## Documents by source", ""]
    if not summary.sources:
        out += ["No documents were ingested on this day.", ""]
    for group in summary.sources:
        out.append(f"- **{md_escape(group.source)}** ({len(group.documents)}): "
                   + "; ".join(doc_link(ref) for ref in group.documents))
    out.append("")

    out += ["## Poll figures", ""]
    if not summary.polls:
        out += ["No poll figures.", ""]
    else:
        out += ["| Pollster | Measure | Value | Previous | Change | Source |",
                "| --- | --- | ---: | ---: | ---: | --- |"]
        for poll in summary.polls:
            previous = _number(poll.previous_value, poll.unit)
            if poll.previous_ref is not None:
                previous += f" ([{md_escape(poll.previous_ref.title)}](#{poll.previous_ref.anchor}))"
            out.append(f"| {md_escape(poll.pollster or 'unknown')} | {md_escape(_poll_label(poll))} | "
                       f"{_number(poll.value, poll.unit)} | {previous} | {_change(poll)} | {doc_link(poll.ref)} |")
        out.append("")
        if summary.poll_history:
            out += [f"_Charts of poll figures over time and of the top actors: `{summary.day.isoformat()}.html`._", ""]

    out += ["## Most mentioned actors", ""]
    if not summary.top_actors:
        out += ["No mentions.", ""]
    else:
        out += ["| Actor | Mentions | Documents | Daily average, previous 7 days | Change |",
                "| --- | ---: | ---: | ---: | ---: |"]
        for actor in summary.top_actors:
            out.append(f"| {md_escape(actor.name)} | {actor.mentions} | {actor.documents} | "
                       f"{actor.previous_daily_average:g} | {actor.change:+g} |")
        out.append("")

    out += ["## New actors", ""]
    if not summary.new_actors:
        out += ["No new actors.", ""]
    for actor in summary.new_actors:
        role = f", {md_escape(actor.role_text)}" if actor.role_text else ""
        out.append(f"- **{md_escape(actor.name)}** ({md_escape(actor.kind)}{role}; {actor.mentions} mentions): "
                   f"“{md_escape(actor.sentence)}” ({doc_link(actor.ref, actor.sentence)})")
    out.append("")

    out += ["## Claims by speaker", ""]
    if not summary.claims:
        out += ["No claims.", ""]
    for group in summary.claims:
        out += [f"### {md_escape(group.speaker)} ({len(group.claims)})", ""]
        for claim in group.claims:
            cue = f", {md_escape(claim.cue)}" if claim.cue else ""
            if not group.named and claim.speaker_text:
                cue += f", as “{md_escape(claim.speaker_text)}”"
            out.append(f"- “{md_escape(claim.text)}” ({claim.kind}{cue}; {doc_link(claim.ref, claim.text)})")
        out.append("")

    out += ["## Validation", ""]
    failed = summary.failed_checks
    if summary.validation and not failed:
        out += [f"All {len(summary.validation)} checks passed.", ""]
    elif not summary.validation:
        out += ["No checks ran on this day's documents.", ""]
    else:
        out += ["| Suite | Expectation | Columns | Failed rows | Examples |", "| --- | --- | --- | ---: | --- |"]
        for check in failed:
            examples = check.error or "; ".join(
                ", ".join(f"{k}={v}" for k, v in example.items()) for example in check.examples[:3])
            out.append(f"| {md_escape(check.suite)} | {md_escape(check.expectation)} | {md_escape(check.columns)} | "
                       f"{check.unexpected_count} of {check.element_count} | {md_escape(examples)} |")
        out.append("")

    out += ["## Sources", ""]
    for ref in summary.documents():
        href = source_href(ref, source_base)
        original = f" ([original]({href}))" if href else ""
        out.append(f'- <a id="{ref.anchor}"></a>**{md_escape(ref.title)}**: {md_code(ref.source_path)}, '
                   f"document `{ref.document_id[:12]}`{original}")
    out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------- HTML

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1100px;margin:2em auto;
padding:0 1em;color:#1d1d1f;line-height:1.45}
h1{font-size:1.7em;margin-bottom:.2em}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
h3{margin-bottom:.3em}.meta{color:#666}.lead{font-size:1.1em}
table{border-collapse:collapse;width:100%;font-size:.92em}th,td{border:1px solid #ddd;padding:.35em .5em;
vertical-align:top;text-align:left}th{background:#f4f4f6}td.num{text-align:right;white-space:nowrap}
blockquote{margin:.2em 0 .2em 1em;padding-left:.6em;border-left:3px solid #c8c8d0;color:#333}
.ref{font-size:.85em;color:#555}.ok{color:#1a7f37}.bad{color:#b42318}
figure{margin:1em 0}figure svg{max-width:100%;height:auto}figcaption{color:#666;font-size:.85em}
li{margin:.25em 0}code{font-size:.9em}
"""


def render_html(
    summary: DailySummary, charts: dict[str, str | None] | None = None, source_base: str | None = None
) -> str:
    """The report as one HTML page; ``charts`` maps ``polls`` / ``top_actors`` to inline SVG text."""
    charts = charts or {}
    day = summary.day.isoformat()

    def doc_link(ref: DocumentRef, quote_text: str | None = None) -> str:
        link = f'<a href="#{ref.anchor}">{h(ref.title)}</a>'
        span = _span(ref)
        href = source_href(ref, source_base, quote_text)
        if span and href:
            link += f', <a href="{h(href)}">{h(span)}</a>'
        elif span:
            link += f", {h(span)}"
        return f'<span class="ref">({link})</span>'

    parts = [f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Daily briefing {day}</title>'
             '<meta name="viewport" content="width=device-width,initial-scale=1">'
             f"<style>{_CSS}</style></head><body>",
             f"<h1>Daily briefing: {day}</h1>",
             f'<p class="meta">Documents ingested on {day} ({h(summary.timezone)}).</p>',
             f'<p class="lead">{h(headline(summary))}.</p>',
             f'<p class="{"bad" if summary.failed_checks else "ok"}">{h(validation_line(summary))}</p>']

    parts.append("<h2>Documents by source</h2>")
    if not summary.sources:
        parts.append("<p>No documents were ingested on this day.</p>")
    else:
        parts.append("<ul>")
        for group in summary.sources:
            docs = "; ".join(f'<a href="#{ref.anchor}">{h(ref.title)}</a>' for ref in group.documents)
            parts.append(f"<li><strong>{h(group.source)}</strong> ({len(group.documents)}): {docs}</li>")
        parts.append("</ul>")

    parts.append('<h2 id="polls">Poll figures</h2>')
    if not summary.polls:
        parts.append("<p>No poll figures.</p>")
    else:
        parts.append("<table><tr><th>Pollster</th><th>Measure</th><th>Value</th><th>Previous</th><th>Change</th>"
                     "<th>Source</th></tr>")
        for poll in summary.polls:
            previous = h(_number(poll.previous_value, poll.unit))
            if poll.previous_ref is not None:
                previous += f' <a class="ref" href="#{poll.previous_ref.anchor}">{h(poll.previous_ref.title)}</a>'
            parts.append(f"<tr><td>{h(poll.pollster or 'unknown')}</td><td>{h(_poll_label(poll))}</td>"
                         f'<td class="num">{h(_number(poll.value, poll.unit))}</td><td class="num">{previous}</td>'
                         f'<td class="num">{h(_change(poll))}</td><td>{doc_link(poll.ref)}</td></tr>')
        parts.append("</table>")
    if charts.get("polls"):
        parts.append(f'<figure id="poll-chart">{charts["polls"]}<figcaption>Poll figures over time, per pollster '
                     "and measure (dated by publication, else by ingestion).</figcaption></figure>")

    parts.append('<h2 id="top-actors">Most mentioned actors</h2>')
    if not summary.top_actors:
        parts.append("<p>No mentions.</p>")
    else:
        if charts.get("top_actors"):
            parts.append(f'<figure id="top-actors-chart">{charts["top_actors"]}<figcaption>Mentions on {day}, '
                         "with the daily average of the previous 7 days.</figcaption></figure>")
        parts.append("<table><tr><th>Actor</th><th>Mentions</th><th>Documents</th>"
                     "<th>Daily average, previous 7 days</th><th>Change</th></tr>")
        for actor in summary.top_actors:
            parts.append(f"<tr><td>{h(actor.name)}</td><td class=\"num\">{actor.mentions}</td>"
                         f"<td class=\"num\">{actor.documents}</td><td class=\"num\">{actor.previous_daily_average:g}"
                         f"</td><td class=\"num\">{actor.change:+g}</td></tr>")
        parts.append("</table>")

    parts.append('<h2 id="new-actors">New actors</h2>')
    if not summary.new_actors:
        parts.append("<p>No new actors.</p>")
    else:
        parts.append("<ul>")
        for actor in summary.new_actors:
            role = f", {h(actor.role_text)}" if actor.role_text else ""
            parts.append(f"<li><strong>{h(actor.name)}</strong> ({h(actor.kind)}{role}; {actor.mentions} mentions)"
                         f"<blockquote>{h(actor.sentence)} {doc_link(actor.ref, actor.sentence)}</blockquote></li>")
        parts.append("</ul>")

    parts.append('<h2 id="claims">Claims by speaker</h2>')
    if not summary.claims:
        parts.append("<p>No claims.</p>")
    for group in summary.claims:
        parts.append(f"<h3>{h(group.speaker)} <span class=\"meta\">({len(group.claims)})</span></h3><ul>")
        for claim in group.claims:
            cue = f", {h(claim.cue)}" if claim.cue else ""
            if not group.named and claim.speaker_text:
                cue += f", as “{h(claim.speaker_text)}”"
            parts.append(f"<li><blockquote>“{h(claim.text)}”</blockquote><span class=\"meta\">{h(claim.kind)}{cue}"
                         f"</span> {doc_link(claim.ref, claim.text)}</li>")
        parts.append("</ul>")

    parts.append('<h2 id="validation">Validation</h2>')
    failed = summary.failed_checks
    if not summary.validation:
        parts.append("<p>No checks ran on this day's documents.</p>")
    elif not failed:
        parts.append(f'<p class="ok">All {len(summary.validation)} checks passed.</p>')
    else:
        parts.append("<table><tr><th>Suite</th><th>Expectation</th><th>Columns</th><th>Failed rows</th>"
                     "<th>Examples</th></tr>")
        for check in failed:
            examples = h(check.error) if check.error else "<br>".join(
                h(", ".join(f"{k}={v}" for k, v in example.items())) for example in check.examples[:3])
            parts.append(f"<tr><td>{h(check.suite)}</td><td>{h(check.expectation)}</td><td>{h(check.columns)}</td>"
                         f'<td class="num">{check.unexpected_count} of {check.element_count}</td>'
                         f"<td>{examples}</td></tr>")
        parts.append("</table>")

    parts.append('<h2 id="sources">Sources</h2><ul>')
    for ref in summary.documents():
        href = source_href(ref, source_base)
        original = f' (<a href="{h(href)}">original</a>)' if href else ""
        parts.append(f'<li id="{ref.anchor}"><strong>{h(ref.title)}</strong>: <code>{h(ref.source_path)}</code>, '
                     f"document <code>{ref.document_id[:12]}</code>{original}</li>")
    parts.append("</ul></body></html>")
    return "\n".join(parts)
