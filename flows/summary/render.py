"""The daily report as Markdown and as one self-contained HTML page (inline CSS and SVG charts).

Pure functions of a DailySummary, in the order a reader wants: the lead (stories, poll moves, newcomers),
claims by actor, new actors, polls, reader comments, sources, then a status footer (counts, validation).
Every fact links to its document (publisher and date, an anchor in the Sources section) and to its quote
in the original file (a relative link with a text fragment, ``#:~:text=``; the offsets are its tooltip).
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from urllib.parse import quote

from .model import DailySummary, DocumentRef, NewActor, PollItem, PollRelease, QuoteGroup, Story
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


LEAD_STORIES = 5
LEAD_POLL_LINES = 3
LEAD_NEWCOMERS = 3
OPEN_ACTORS = 6  # actors whose claims show open; the rest are collapsed
OPEN_QUOTES = 2  # quotes shown per actor before "more"
OPEN_NEW_ACTORS = 8  # new actors shown before "more"
STORY_ACTORS = 3


def _kind_label(kind: str) -> str:
    return "quote" if kind == "direct" else "reported"


def _figure_text(poll: PollItem, with_change: bool = True) -> str:
    label = poll.option or MEASURE_LABELS.get(poll.measure_kind or "") or poll.measure or "unspecified"
    text = f"{label} {_number(poll.value, poll.unit)}"
    if with_change and poll.change is not None:
        text += f" ({poll.change:+g} vs {_number(poll.previous_value, poll.unit)})"
    return text


def poll_move_lines(summary: DailySummary, limit: int = LEAD_POLL_LINES) -> list[str]:
    """Plain-text lines for the lead: the largest poll moves, else the day's new releases of a named pollster
    (a figure whose pollster the article never names is in the Polls table, not in the lead)."""
    lines = [f"{_pollster_label(poll)}: {_figure_text(poll)}" for poll in summary.poll_moves[:limit]]
    for release in summary.poll_releases:
        if len(lines) >= limit:
            break
        if not release.moves and release.pollster:
            figures = ", ".join(_figure_text(poll, False) for poll in release.figures[:4])
            lines.append(f"{_pollster_label(release.figures[0])} (new): {figures}")
    return lines


def _pollster_label(poll: PollItem) -> str:
    name = poll.pollster or "unknown pollster"
    return f"{name} (average)" if poll.pollster_kind == "average" else name


def story_line(story: Story) -> str:
    """What a story is, after its headline: sources and main actors."""
    count = len(story.documents)
    articles = f"{count} articles" if count > 1 else ""
    if story.sources:
        parts = [", ".join(story.sources) + (f" ({articles})" if articles else "")]
    else:
        parts = [articles] if articles else []
    if story.actors:
        parts.append("with " + ", ".join(story.actors[:STORY_ACTORS]))
    return "; ".join(parts)


def newcomer_line(actor: NewActor) -> str:
    role = f" ({actor.role_text})" if actor.role_text else ""
    return f"{actor.name}{role}"


def also_in_text(group: QuoteGroup) -> str:
    """ "also in Valley Courier, Daily Ledger" (at most three sources named, then how many more)."""
    labels = [ref.source_label for ref in group.other_refs]
    if not labels:
        return ""
    more = f" and {len(labels) - 3} more" if len(labels) > 3 else ""
    return "also in " + "; ".join(labels[:3]) + more


def status_line(summary: DailySummary) -> str:
    """The counts, for the status footer."""
    return headline(summary)


# What a figure measures, in the words a reader expects (extraction's vocabulary, flows/extraction/polls.py).
MEASURE_LABELS = {"vote_head_to_head": "vote, head to head", "vote_multi_way": "vote, several candidates",
                  "vote": "vote", "favourability": "favourability", "approval": "approval",
                  "right_direction": "right direction / wrong track"}


def _release_label(release: PollRelease) -> str:
    """What the release measured (the vocabulary's label; the article's words for an issue or other
    question), among whom, when."""
    parts = []
    measures = list(dict.fromkeys(MEASURE_LABELS.get(p.measure_kind or "") or p.measure
                                  for p in release.figures if p.measure_kind in MEASURE_LABELS or p.measure))
    if measures:
        parts.append(", ".join(measures))
    if release.population:
        parts.append(f"among {release.population}")
    if release.when_text:
        parts.append(release.when_text)
    return "; ".join(parts)


# ---------------------------------------------------------------- Markdown


def empty_day_text(summary: DailySummary) -> str:
    return f"No new documents on {summary.day.isoformat()}."


def day_scope_text(summary: DailySummary) -> str:
    return (f"Documents published on {summary.day.isoformat()} ({summary.timezone}), or ingested then when their "
            "date is unknown.")


def _late_arrivals_markdown(summary: DailySummary) -> list[str]:
    if not summary.late_arrivals:
        return []
    out = ['## <a id="late-arrivals"></a>Late arrivals', "",
           "_Arrived today, published earlier: each is in its own day's summary._", ""]
    out += [f"- {md_escape(late.published_day.isoformat())}, **{md_escape(late.source)}**: "
            f"{md_escape(late.ref.title)} ({md_code(late.ref.source_path)})" for late in summary.late_arrivals]
    return [*out, ""]


def _late_arrivals_html(summary: DailySummary) -> list[str]:
    if not summary.late_arrivals:
        return []
    return ['<section id="late-arrivals"><h2>Late arrivals</h2><p class="meta">Arrived today, published earlier: '
            "each is in its own day's summary.</p><ul>",
            *[f"<li>{h(late.published_day.isoformat())}, <b>{h(late.source)}</b>: {h(late.ref.title)} "
              f"(<code>{h(late.ref.source_path)}</code>)</li>" for late in summary.late_arrivals],
            "</ul></section>"]


def render_markdown(summary: DailySummary, source_base: str | None = None) -> str:
    """The report as Markdown (GitHub flavour), mirroring the HTML: lead, claims by actor, new actors,
    polls, reader comments, sources, status."""
    day = summary.day.isoformat()
    out = [f"# Daily briefing: {day}", ""]
    if summary.is_empty:
        return "\n".join([*out, empty_day_text(summary), "", *_late_arrivals_markdown(summary),
                          f"_{md_escape(validation_line(summary))}_", ""])
    out += [f"_{md_escape(day_scope_text(summary))}_", ""]

    def source(ref: DocumentRef, quote_text: str | None = None) -> str:
        link = f"[{md_escape(ref.source_label)}](#{ref.anchor})"
        href = source_href(ref, source_base, quote_text)
        if href and quote_text is not None:
            link += f" [↗]({href} \"{_span(ref)}\")"
        return link

    out += ["**Contents:** [Lead](#lead) · [Claims by actor](#claims) · [New actors](#new-actors) · "
            "[Polls](#polls) · [Reader comments](#comments) · [Sources](#sources) · [Status](#status)", ""]

    out += ['## <a id="lead"></a>The lead', "", "**Top stories**", ""]
    for story in summary.stories[:LEAD_STORIES]:
        out.append(f"- **{md_escape(story.headline)}**: {md_escape(story_line(story))} ({source(story.lead_ref)})")
    if len(summary.stories) > LEAD_STORIES:
        rest = summary.stories[LEAD_STORIES:]
        out.append(f"- …and {len(rest)} more stories: "
                   + "; ".join(f"[{md_escape(s.headline)}](#{s.lead_ref.anchor})" for s in rest))
    out.append("")
    moves = poll_move_lines(summary)
    if moves:
        out += ["**Polls**", "", *[f"- {md_escape(line)}" for line in moves], ""]
    if summary.notable_actors:
        out += ["**New in the news**", ""]
        for actor in summary.notable_actors[:LEAD_NEWCOMERS]:
            out.append(f"- **{md_escape(newcomer_line(actor))}**: “{md_escape(actor.sentence)}” ({source(actor.ref)})")
        out.append("")

    out += ['## <a id="claims"></a>Claims by actor', ""]
    if not summary.actor_claims:
        out += ["No claims.", ""]
    for group in summary.actor_claims:
        role = f", {md_escape(group.role_text)}" if group.role_text else ""
        out += [f"### {md_escape(group.name)}{role} ({group.claim_count})", ""]
        for quote_group in group.quotes:
            claim = quote_group.claim
            also = f"; {md_escape(also_in_text(quote_group))}" if quote_group.also_in else ""
            said = f", as “{md_escape(claim.speaker_text)}”" if not group.named and claim.speaker_text else ""
            out.append(f"- “{md_escape(claim.text)}” ({_kind_label(claim.kind)}{said}; "
                       f"{source(claim.ref, claim.text)}{also})")
        out.append("")

    out += ['## <a id="new-actors"></a>New actors', ""]
    if not summary.notable_actors:
        out += ["No new actors with evidence (quoted, a stated role, or mentioned twice).", ""]
    for actor in summary.notable_actors:
        role = f", {md_escape(actor.role_text)}" if actor.role_text else ""
        quoted = "; quoted" if actor.quoted else ""
        out.append(f"- **{md_escape(actor.name)}** ({md_escape(actor.kind)}{role}; {actor.mentions} mentions{quoted}): "
                   f"“{md_escape(actor.sentence)}” ({source(actor.ref, actor.sentence)})")
    if summary.also_mentioned:
        out += ["", "Also mentioned: " + ", ".join(md_escape(a.name) for a in summary.also_mentioned) + "."]
    out.append("")

    out += ['## <a id="polls"></a>Polls', ""]
    if not summary.poll_releases:
        out += ["No poll figures.", ""]
    else:
        out += ["| Pollster | Poll | Figures | Source |", "| --- | --- | --- | --- |"]
        for release in summary.poll_releases:
            figures = "; ".join(md_escape(_figure_text(poll)) for poll in release.figures)
            out.append(f"| {md_escape(release.pollster or 'unknown')} | {md_escape(_release_label(release))} | "
                       f"{figures} | {source(release.ref)} |")
        out.append("")
        if summary.poll_history:
            out += [f"_Trend charts per series: `{day}.html`._", ""]

    out += ['## <a id="comments"></a>Reader comments', ""]
    if not summary.comment_claims:
        out += ["No claims in reader comments.", ""]
    for claim in summary.comment_claims:
        who = md_escape(claim.speaker_text or claim.speaker or "a commenter")
        out.append(f"- {who}: “{md_escape(claim.text)}” ({source(claim.ref, claim.text)})")
    out.append("")

    out += ['## <a id="sources"></a>Sources', ""]
    for ref in summary.documents():
        href = source_href(ref, source_base)
        original = f" ([original]({href}))" if href else ""
        dateline = f"{md_escape(ref.dateline)}; " if ref.dateline else ""
        out.append(f'- <a id="{ref.anchor}"></a>**{md_escape(ref.title)}**: {dateline}'
                   f"{md_code(ref.source_path)}, document `{ref.document_id[:12]}`{original}")
    out.append("")

    out += _late_arrivals_markdown(summary)
    out += ['## <a id="status"></a>Status', "", status_line(summary) + ".", "", md_escape(validation_line(summary)), ""]
    failed = summary.failed_checks
    if failed:
        out += ["| Suite | Expectation | Columns | Failed rows | Examples |", "| --- | --- | --- | ---: | --- |"]
        for check in failed:
            examples = check.error or "; ".join(
                ", ".join(f"{k}={v}" for k, v in example.items()) for example in check.examples[:3])
            out.append(f"| {md_escape(check.suite)} | {md_escape(check.expectation)} | {md_escape(check.columns)} | "
                       f"{check.unexpected_count} of {check.element_count} | {md_escape(examples)} |")
        out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------- HTML

_CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;margin:0 auto;
padding:0 1rem 2rem;color:#1d1d1f;line-height:1.5;font-size:16px;overflow-wrap:break-word}
h1{font-size:1.5rem;margin:.8rem 0 .2rem}h2{font-size:1.25rem;border-bottom:1px solid #ddd;padding-bottom:.2rem;
margin-top:1.6rem;scroll-margin-top:3rem}h3{font-size:1.05rem;margin:1rem 0 .2rem}
nav{position:sticky;top:0;background:#fff;border-bottom:1px solid #ddd;padding:.4rem 0;z-index:1;
white-space:nowrap;overflow-x:auto}nav a{margin-right:1rem;text-decoration:none;color:#0b5cad;font-size:.92rem}
.lead{background:#f6f8fa;border-radius:8px;padding:.6rem 1rem}.lead h3{margin-top:.6rem}
.lead ul{padding-left:1.1rem;margin:.2rem 0}
ul{padding-left:1.2rem}li{margin:.3rem 0}
.meta,.ref{color:#57606a;font-size:.86rem}.role{color:#57606a;font-weight:normal}
.quote{margin:.1rem 0}.also{background:#eef3fb;border-radius:4px;padding:0 .3rem;font-size:.8rem;color:#0b5cad}
details{margin:.4rem 0}summary{cursor:pointer;color:#0b5cad}
.scroll{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #ddd;padding:.35rem .5rem;vertical-align:top;text-align:left}th{background:#f4f4f6}
td.num{text-align:right;white-space:nowrap}
figure{margin:1rem 0}figure svg{max-width:100%;height:auto}figcaption{color:#666;font-size:.85rem}
footer{margin-top:2rem;border-top:1px solid #ddd;color:#57606a;font-size:.9rem}
.ok{color:#1a7f37}.bad{color:#b42318}code{font-size:.85em;overflow-wrap:anywhere}
"""

_SECTIONS = (("lead", "Lead"), ("claims", "Claims"), ("new-actors", "New actors"), ("polls", "Polls"),
             ("comments", "Comments"), ("coverage", "Coverage"), ("sources", "Sources"), ("status", "Status"))


def render_html(
    summary: DailySummary, charts: dict[str, str | None] | None = None, source_base: str | None = None
) -> str:
    """The report as one HTML page; ``charts`` maps ``polls`` / ``top_actors`` to inline SVG text."""
    charts = charts or {}
    day = summary.day.isoformat()

    def source(ref: DocumentRef, quote_text: str | None = None) -> str:
        link = f'<a href="#{ref.anchor}">{h(ref.source_label)}</a>'
        href = source_href(ref, source_base, quote_text)
        if href and quote_text is not None:
            link += f' <a href="{h(href)}" title="{h(_span(ref))} in {h(ref.source_path)}">quote ↗</a>'
        return f'<span class="ref">{link}</span>'

    parts = [f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Daily briefing {day}</title>'
             '<meta name="viewport" content="width=device-width,initial-scale=1">'
             f"<style>{_CSS}</style></head><body>",
             f"<h1>Daily briefing: {day}</h1>"]
    if summary.is_empty:
        parts += [f'<p class="lead">{h(empty_day_text(summary))}</p>', *_late_arrivals_html(summary),
                  f'<footer id="status"><p>{h(validation_line(summary))}</p></footer></body></html>']
        return "\n".join(parts)
    parts.append(f'<p class="meta">{h(day_scope_text(summary))}</p>')
    parts.append("<nav>" + "".join(f'<a href="#{anchor}">{label}</a>' for anchor, label in _SECTIONS) + "</nav>")

    parts.append('<section class="lead" id="lead"><h2>The lead</h2><h3>Top stories</h3><ul>')
    for story in summary.stories[:LEAD_STORIES]:
        parts.append(f"<li><strong>{h(story.headline)}</strong> <span class=\"meta\">{h(story_line(story))}</span> "
                     f"{source(story.lead_ref)}</li>")
    parts.append("</ul>")
    if len(summary.stories) > LEAD_STORIES:
        rest = summary.stories[LEAD_STORIES:]
        parts.append(f"<details><summary>{len(rest)} more stories</summary><ul>"
                     + "".join(f"<li>{h(s.headline)} <span class=\"meta\">{h(story_line(s))}</span> "
                               f"{source(s.lead_ref)}</li>" for s in rest) + "</ul></details>")
    moves = poll_move_lines(summary)
    if moves:
        parts.append("<h3>Polls</h3><ul>" + "".join(f"<li>{h(line)}</li>" for line in moves) + "</ul>")
    if summary.notable_actors:
        parts.append("<h3>New in the news</h3><ul>")
        for actor in summary.notable_actors[:LEAD_NEWCOMERS]:
            parts.append(f"<li><strong>{h(newcomer_line(actor))}</strong>: {h(actor.sentence)} "
                         f"{source(actor.ref)}</li>")
        parts.append("</ul>")
    parts.append("</section>")

    parts.append('<section id="claims"><h2>Claims by actor</h2>')
    if not summary.actor_claims:
        parts.append("<p>No claims.</p>")
    for i, group in enumerate(summary.actor_claims):
        if i == OPEN_ACTORS:
            rest = summary.actor_claims[OPEN_ACTORS:]
            parts.append(f"<details><summary>{len(rest)} more speakers "
                         f"({sum(g.claim_count for g in rest)} claims)</summary>")
        role = f' <span class="role">{h(group.role_text)}</span>' if group.role_text else ""
        parts.append(f'<h3>{h(group.name)}{role} <span class="meta">({group.claim_count})</span></h3><ul>')
        for j, quote_group in enumerate(group.quotes):
            if j == OPEN_QUOTES:
                parts.append(f"</ul><details><summary>{len(group.quotes) - OPEN_QUOTES} more from "
                             f"{h(group.name)}</summary><ul>")
            claim = quote_group.claim
            said = f", as “{h(claim.speaker_text)}”" if not group.named and claim.speaker_text else ""
            also = f' <span class="also">{h(also_in_text(quote_group))}</span>' if quote_group.also_in else ""
            parts.append(f'<li><span class="quote">“{h(claim.text)}”</span> <span class="meta">'
                         f"{_kind_label(claim.kind)}{said}</span> {source(claim.ref, claim.text)}{also}</li>")
        parts.append("</ul></details>" if len(group.quotes) > OPEN_QUOTES else "</ul>")
    if len(summary.actor_claims) > OPEN_ACTORS:
        parts.append("</details>")
    parts.append("</section>")

    parts.append('<section id="new-actors"><h2>New actors</h2>')
    if not summary.notable_actors:
        parts.append("<p>No new actors with evidence (quoted, a stated role, or mentioned twice).</p>")
    else:
        parts.append("<ul>")
        for i, actor in enumerate(summary.notable_actors):
            if i == OPEN_NEW_ACTORS:
                parts.append(f"</ul><details><summary>{len(summary.notable_actors) - OPEN_NEW_ACTORS} more new "
                             "actors</summary><ul>")
            role = f", {h(actor.role_text)}" if actor.role_text else ""
            quoted = "; quoted" if actor.quoted else ""
            parts.append(f"<li><strong>{h(actor.name)}</strong> <span class=\"meta\">({h(actor.kind)}{role}; "
                         f"{actor.mentions} mentions{quoted})</span><br>{h(actor.sentence)} "
                         f"{source(actor.ref, actor.sentence)}</li>")
        parts.append("</ul></details>" if len(summary.notable_actors) > OPEN_NEW_ACTORS else "</ul>")
    if summary.also_mentioned:
        parts.append(f"<details><summary>Also mentioned ({len(summary.also_mentioned)})</summary><p>"
                     + ", ".join(h(a.name) for a in summary.also_mentioned) + "</p></details>")
    parts.append("</section>")

    parts.append('<section id="polls"><h2>Polls</h2>')
    if not summary.poll_releases:
        parts.append("<p>No poll figures.</p>")
    else:
        parts.append('<div class="scroll"><table><tr><th>Pollster</th><th>Poll</th><th>Figures</th>'
                     "<th>Source</th></tr>")
        for release in summary.poll_releases:
            figures = "<br>".join(h(_figure_text(poll)) for poll in release.figures)
            parts.append(f"<tr><td>{h(release.pollster or 'unknown')}</td><td>{h(_release_label(release))}</td>"
                         f"<td>{figures}</td><td>{source(release.ref)}</td></tr>")
        parts.append("</table></div>")
    if charts.get("polls"):
        parts.append(f'<figure id="poll-chart">{charts["polls"]}<figcaption>Poll figures over time, per series '
                     "(dated by publication, else by ingestion).</figcaption></figure>")
    parts.append("</section>")

    parts.append('<section id="comments"><h2>Reader comments</h2>')
    if not summary.comment_claims:
        parts.append("<p>No claims in reader comments.</p>")
    else:
        parts.append(f"<details><summary>{len(summary.comment_claims)} claims in reader comments "
                     "(not the articles' reporting)</summary><ul>")
        for claim in summary.comment_claims:
            who = h(claim.speaker_text or claim.speaker or "a commenter")
            parts.append(f"<li>{who}: “{h(claim.text)}” {source(claim.ref, claim.text)}</li>")
        parts.append("</ul></details>")
    parts.append("</section>")

    parts.append('<section id="coverage"><h2>Coverage</h2>')
    if not summary.top_actors:
        parts.append("<p>No mentions.</p>")
    else:
        if charts.get("top_actors"):
            parts.append(f'<figure id="top-actors-chart">{charts["top_actors"]}<figcaption>Mentions on {day}, '
                         "with the daily average of the previous 7 days.</figcaption></figure>")
        parts.append("<details><summary>Most mentioned actors, against the previous 7 days (table)</summary>")
        parts.append('<div class="scroll"><table><tr><th>Actor</th><th>Mentions</th><th>Documents</th>'
                     "<th>Daily average, previous 7 days</th><th>Change</th></tr>")
        for actor in summary.top_actors:
            parts.append(f"<tr><td>{h(actor.name)}</td><td class=\"num\">{actor.mentions}</td>"
                         f"<td class=\"num\">{actor.documents}</td><td class=\"num\">{actor.previous_daily_average:g}"
                         f"</td><td class=\"num\">{actor.change:+g}</td></tr>")
        parts.append("</table></div></details>")
    parts.append("</section>")

    parts.append('<section id="sources"><h2>Sources</h2><ul>')
    for ref in summary.documents():
        href = source_href(ref, source_base)
        original = f' <a href="{h(href)}">original</a>' if href else ""
        dateline = f"{h(ref.dateline)} · " if ref.dateline else ""
        parts.append(f'<li id="{ref.anchor}"><strong>{h(ref.title)}</strong><br><span class="meta">'
                     f"{dateline}<code>{h(ref.source_path)}</code>{original}</span></li>")
    parts.append("</ul></section>")
    parts += _late_arrivals_html(summary)

    failed = summary.failed_checks
    parts.append(f'<footer id="status"><h2>Status</h2><p>{h(status_line(summary))}.</p>'
                 f'<p class="{"bad" if failed else "ok"}">{h(validation_line(summary))}</p>')
    if failed:
        parts.append('<div class="scroll"><table><tr><th>Suite</th><th>Expectation</th><th>Columns</th>'
                     "<th>Failed rows</th><th>Examples</th></tr>")
        for check in failed:
            examples = h(check.error) if check.error else "<br>".join(
                h(", ".join(f"{k}={v}" for k, v in example.items())) for example in check.examples[:3])
            parts.append(f"<tr><td>{h(check.suite)}</td><td>{h(check.expectation)}</td><td>{h(check.columns)}</td>"
                         f'<td class="num">{check.unexpected_count} of {check.element_count}</td>'
                         f"<td>{examples}</td></tr>")
        parts.append("</table></div>")
    parts.append("</footer></body></html>")
    return "\n".join(parts)
