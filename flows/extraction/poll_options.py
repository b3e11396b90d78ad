"""The option of each poll figure: the candidate or answer a share belongs to, the leader of a lead.

Pure functions over the analysed text. Constructions, most specific first:

- pairs: "Clinton leads Trump by 46 percent to 42 percent" (46 Clinton, 42 Trump); "44 percent to
  Trump's 34 percent" (34 Trump, 44 the person named before);
- answers: "Forty-three, yes", "12 percent were not sure", "19 percent would pick neither";
- a lead or change in points belongs to the leader: "Clinton led Trump by 5 points", "Trump trails
  Clinton by 5 points" (Clinton), "her ahead 3 points" (the pronoun resolved), "that lead was 7
  points" and "HuffPollster 4.3 points" (carried from the lead just before);
- a share followed by its option: "46 percent would choose Clinton", "73 percent said the same of Trump";
- a share after its subject: "Clinton was supported by 42 percent", "Gary Johnson 3 percent".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .actors import ActorIndex
from .numbers import Figure

_PRONOUNS = re.compile(r"\b(?:she|he|her|him)\b", re.IGNORECASE)
_ANSWERS = (
    (re.compile(r"\b(?:not\s+sure|unsure)\b", re.IGNORECASE), "not sure"),
    (re.compile(r"\bundecided\b", re.IGNORECASE), "undecided"),
    (re.compile(r"\b(?:don['’]t|do\s+not|didn['’]t)\s+know\b|\bno\s+opinion\b", re.IGNORECASE), "don't know"),
    (re.compile(r"\bneither\b|\bnot\s+(?:pick|choose|vote\s+for|support|back)\s+either\b", re.IGNORECASE), "neither"),
    (
        re.compile(
            r"\bsomeone\s+else\b|\bthird[- ]party\s+candidate\b|\b(?:another|other)\s+candidates?\b", re.IGNORECASE
        ),
        "someone else",
    ),
)
# A name that describes the people answering, not the option: "of Trump supporters", "Clinton voters".
_AS_POPULATION_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:supporters|voters|backers|fans|loyalists|camp|base)\b", re.IGNORECASE
)
# Between two names: the first is the subject of a race ("Clinton leads Trump", "Trump trails Clinton").
_LEAD_VERB = re.compile(
    r"\b(?:leads?|leading|led|beats?|beating|tops|topped|topping|edges?|edged|ahead\s+of|outpaces?|outpolls?)\b",
    re.IGNORECASE,
)
_TRAIL_VERB = re.compile(r"\b(?:trails?|trailing|trailed|behind|lags?|lagging|lagged)\b", re.IGNORECASE)
_FOLLOW_VERB = re.compile(r"\b(?:follows?|followed|following)\b", re.IGNORECASE)
# A name set against the subject: "less support than Johnson", "ahead of Trump", "versus Clinton".
_COMPARED = re.compile(r"\b(?:than|over|against|versus|vs\.?)\s+(?:[\w.]+\s+){0,2}$", re.IGNORECASE)
# A possessive that is not the figure's owner: "because of Trump's views" (but "Obama's 34 percent support").
_OWNER_NOUN = re.compile(
    r"^['’]s?\s+(?:[\w-]+\s+){0,2}?(?:support|approval|ratings?|favou?rab\w*|numbers|lead|advantage|share|"
    r"standing|backing|margin|edge|\d)",
    re.IGNORECASE,
)
_OVER = re.compile(r"^\s*(?:[\w'’-]+\s+){0,6}?(?:over|against|ahead\s+of|on|than)\s+$", re.IGNORECASE)
# A full stop that ends a sentence, not "Mr." or "U.S." (nor, with _NOT_DECIMAL, "4.5"). The look-behinds
# follow the stop, so they run only where there is one (ahead of it they ran at every character: half
# of poll extraction's time).
_FULL_STOP = (
    r"\.(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bSen\.)(?<!\bSens\.)(?<!\bGov\.)"
    r"(?<!\bRep\.)(?<!\bGen\.)(?<!\bSept\.)(?<!\bJan\.)(?<!\bFeb\.)(?<!\bAug\.)(?<!\bOct\.)(?<!\bNov\.)"
    r"(?<!\bDec\.)(?<!\bJr\.)(?<!\bvs\.)(?<!\b[A-Z]\.)"
)
_NOT_DECIMAL = r"(?<!\d\.)(?!\d)"
_CLAUSE_CUT = re.compile(
    r"[;:!?]|\s--\s|\s[—–]\s|"
    + _FULL_STOP
    + _NOT_DECIMAL
    + r"|,?\s+(?:while|whereas|but|compared\s+(?:with|to)|although|though)\b",
    re.IGNORECASE,
)
_AFTER_CUT = re.compile(
    r"[;:!?,]|\s--\s|\s[—–]\s|"
    + _FULL_STOP
    + _NOT_DECIMAL
    + r"|\b(?:while|whereas|but|compared|according|although|though)\b|"
    r"\band\s+(?:\d|[a-z]+\s+(?:percent|in\s+10))",
    re.IGNORECASE,
)
_DESCRIPTION = re.compile(
    r"\b(?:the\s+)?(?P<party>Democratic|Republican|GOP|Libertarian|Green(?:\s+Party)?)\s+"
    r"(?:presidential\s+|party\s+)?(?:nominee|candidate|front-?runner|standard-bearer)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Candidate:
    """A person named (or referred to) in the text, under the canonical name when known."""

    start: int
    end: int
    name: str | None  # None: a pronoun or description not yet resolved
    surface: str


class OptionFinder:
    """Option look-ups over one document: persons, pronouns and descriptions of candidates."""

    def __init__(self, doc, atext: str, actors: ActorIndex, not_persons: list[tuple[int, int]]) -> None:
        self.doc = doc
        self.not_persons = not_persons
        self.atext = atext
        self.actors = actors
        self.persons = _person_mentions(doc, atext, actors, not_persons)
        self._starts = [c.start for c in self.persons]
        self.descriptions = _described_persons(atext, self.persons)

    # -- mentions --
    def in_range(self, lo: int, hi: int) -> list[Candidate]:
        """Persons, pronouns and candidate descriptions in [lo, hi), in text order, each resolved."""
        out = [c for c in self.persons[bisect_left(self._starts, lo) :] if c.start < hi]
        out = [c for c in out if c.end <= hi]
        covered = [(c.start, c.end) for c in out]
        for m in _PRONOUNS.finditer(self.atext, lo, hi):
            if any(a <= m.start() < b for a, b in covered):
                continue
            # "She leads Trump": not the person the pronoun is set against; "Sanders would beat him": not the subject.
            obj = m.group(0).lower() == "him" or (
                m.group(0).lower() == "her"
                and re.match(r"\s*(?:[,.;:]|by\b|in\b|at\b|among\b|with\b|\d)", self.atext[m.end() : m.end() + 8])
            )
            name = self.resolve_pronoun(
                m.start(), exclude={c.name for c in out if obj or c.start > m.start()}, subject=not obj
            )
            if name:
                out.append(Candidate(m.start(), m.end(), name, m.group(0)))
        for m in _DESCRIPTION.finditer(self.atext, lo, hi):
            if any(a <= m.start() < b for a, b in covered):
                continue
            name = self.descriptions.get(_party_key(m.group("party")))
            if name:
                out.append(Candidate(m.start(), m.end(), name, m.group(0)))
        out.sort(key=lambda c: c.start)
        return out

    def subject_of(self, fig: Figure) -> str | None:
        """The proper-noun subject of the verb a share depends on ("By contrast, Trump has just 5 percent")."""
        if self.doc is None:
            return None
        span = self.doc.char_span(fig.start, fig.end, alignment_mode="expand")
        if span is None:
            return None
        tok = span.root
        for _ in range(4):
            if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
                break
            tok = tok.head
        subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "PROPN"]
        if not subj:
            return None
        words = [t for t in subj[0].subtree if t.pos_ == "PROPN"]
        if any(t.ent_type_ in ("NORP", "GPE", "LOC", "DATE") for t in words):
            return None
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        if any(a < end and start < b for a, b in self.not_persons):
            return None
        surface = self.atext[start:end]
        actor = self.actors.resolve_name(surface)
        if actor is not None:
            return actor.name
        return surface if surface[:1].isupper() else None

    def resolve_pronoun(self, at: int, exclude: set[str | None], subject: bool = True) -> str | None:
        """The person a pronoun at ``at`` refers to, other than ``exclude``: for a subject pronoun the first one
        (the subject) named in its sentence before it, else in the nearest sentence before that names one; for
        an object pronoun ("would beat him") the last one named there."""
        hi = at
        while hi > 0 and at - hi <= 1500:
            lo, _ = sentence_bounds(self.atext, hi - 1)
            named = [
                c
                for c in self.persons[bisect_left(self._starts, lo) :]
                if c.start < hi and c.name and c.name not in exclude
            ]
            if named:
                return named[0].name if subject else named[-1].name
            hi = lo
        return None


def _person_mentions(doc, atext: str, actors: ActorIndex, not_persons: list[tuple[int, int]]) -> list[Candidate]:
    """Every mention of a person (actors first, spaCy PERSON entities not covered by them)."""
    seen: list[Candidate] = []
    for actor in actors.persons():
        for s, e in actor.mentions:
            seen.append(Candidate(s, e, actor.name, atext[s:e]))
    if doc is not None:
        covered = sorted((c.start, c.end) for c in seen)
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            if any(a < ent.end_char and ent.start_char < b for a, b in covered):
                continue
            surface = re.sub(r"['’]s$", "", ent.text).strip()
            actor = actors.resolve_name(surface)
            name = actor.name if actor is not None and actor.kind == "person" else surface
            seen.append(Candidate(ent.start_char, ent.start_char + len(surface), name, surface))
    # A known person's surname written again where neither the actors nor spaCy marked it.
    owners: dict[str, set[str | None]] = {}
    for c in seen:
        if c.surface[:1].isupper() and " " in c.surface:
            owners.setdefault(c.surface.split()[-1], set()).add(c.name)
    surnames = {w: next(iter(names)) for w, names in owners.items() if len(names) == 1}  # "Clinton": Bill or Hillary?
    if surnames:
        covered = [(c.start, c.end) for c in seen]
        for m in re.finditer(r"\b(" + "|".join(map(re.escape, surnames)) + r")\b", atext):
            if not any(a <= m.start() < b for a, b in covered):
                seen.append(Candidate(m.start(), m.end(), surnames[m.group(1)], m.group(1)))
    return sorted(
        (c for c in seen if not any(a < c.end and c.start < b for a, b in not_persons)), key=lambda c: c.start
    )


def _party_key(party: str) -> str:
    word = party.split()[0].lower()
    return "republican" if word == "gop" else word


def _described_persons(atext: str, persons: list[Candidate]) -> dict[str, str]:
    """Party of each nominee as the text says it: "Democratic nominee Hillary Clinton", "Trump, the GOP nominee"."""
    out: dict[str, str] = {}
    for m in _DESCRIPTION.finditer(atext):
        after = [c for c in persons if 0 <= c.start - m.end() <= 3]
        before = [c for c in persons if 0 <= m.start() - c.end <= 3 and atext[c.end : m.start()].strip() == ","]
        hit = after or before
        if hit and hit[0].name:
            out.setdefault(_party_key(m.group("party")), hit[0].name)
    return out


# --------------------------------------------------------------------------- assigning options


_SENTENCE_END = re.compile(r"(?:" + _FULL_STOP + r"|[!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n")


def sentence_bounds(atext: str, at: int) -> tuple[int, int]:
    """The sentence around offset ``at``, cut by punctuation and line breaks (spaCy's splits can fall
    inside "46 percent would choose Clinton and 44 percent would back Trump")."""
    lo = 0
    for m in _SENTENCE_END.finditer(atext, max(0, at - 1500), at):
        lo = m.end()
    nxt = _SENTENCE_END.search(atext, at)
    return lo, (nxt.start() + 1 if nxt else len(atext))


def assign_options(figures: list[Figure], finder: OptionFinder) -> list[str | None]:
    """The option of each accepted figure, in text order."""
    atext = finder.atext
    sentences = [sentence_bounds(atext, f.start) for f in figures]
    options: list[str | None] = [None] * len(figures)
    done = [False] * len(figures)
    i = 0
    while i < len(figures):
        j = i
        while j + 1 < len(figures) and _paired(atext, figures[j], figures[j + 1]):
            j += 1
        if j > i:
            for k, opt in enumerate(_pair_options(figures[i : j + 1], sentences[i], finder)):
                if opt is not None:
                    options[i + k], done[i + k] = opt, True
        i = j + 1
    for k, fig in enumerate(figures):
        if done[k]:
            continue
        lo, hi = sentences[k]
        if fig.form == "answer":
            m = re.match(r",\s*(yes|no|not sure|don['’]t know|undecided)", atext[fig.end : fig.end + 20], re.IGNORECASE)
            options[k] = m.group(1).lower() if m else None
        elif fig.unit == "points":
            options[k] = _leader(fig, lo, hi, finder)
            if options[k] is None:
                options[k] = _carried_lead(k, figures, sentences, options)
        else:
            nxt = figures[k + 1].start if k + 1 < len(figures) and figures[k + 1].start < hi else hi
            options[k] = _share_option(fig, lo, nxt, finder, figures)
            if (
                options[k] is None
                and k > 0
                and _FROM_TO.search(atext[max(lo, figures[k - 1].end) : fig.start])
                and re.search(r"\bfrom\s+(?:about\s+|nearly\s+|roughly\s+)?$", atext[lo : figures[k - 1].start])
            ):
                options[k] = options[k - 1]  # "declined from 58 percent in the last poll to 55 percent now"
            if options[k] is None:
                options[k] = finder.subject_of(fig)
            if (
                options[k] is None
                and k > 0
                and options[k - 1]
                and sentences[k - 1] == sentences[k]
                and figures[k - 1].unit == fig.unit
                and not re.search(r"\b(?:of|among)\b", atext[fig.end : fig.end + 5])
            ):
                # "19 percent support in South Dakota, 17 percent in Kansas": the list goes on
                options[k] = options[k - 1]
    return options


_FROM_TO = re.compile(r"^[^,;.]{0,60}\bto\s+(?:about\s+|nearly\s+|roughly\s+|just\s+)?$")


def _paired(atext: str, a: Figure, b: Figure) -> bool:
    """'46 percent to 42 percent', '46-42', '44 percent to Trump's 34 percent'."""
    if a.unit != b.unit or a.end > b.start:
        return False
    gap = atext[a.end : b.start]
    return bool(re.fullmatch(r"\s*(?:to|-|–|—|versus|vs\.?)\s*(?:[A-Z][\w.]*(?:\s[A-Z][\w.]*)?['’]s\s+)?", gap))


def _clause_start(atext: str, lo: int, at: int) -> int:
    cut = lo
    for m in _CLAUSE_CUT.finditer(atext, lo, at):
        cut = m.end()
    return cut


def _pair_options(pair: list[Figure], sent: tuple[int, int], finder: OptionFinder) -> list[str | None]:
    """Options of figures written as a pair or run ("46 percent to 42 percent")."""
    atext = finder.atext
    lo, _ = sent
    out: list[str | None] = [None] * len(pair)
    # "to Trump's 34 percent": the name between belongs to the next figure.
    between_names: set[str] = set()
    for k in range(1, len(pair)):
        named = finder.in_range(pair[k - 1].end, pair[k].start)
        if named:
            out[k] = named[-1].name
            between_names.add(named[-1].name)
    start = _clause_start(atext, lo, pair[0].start)
    before = _distinct([c for c in finder.in_range(start, pair[0].start) if not _is_population(atext, c)])
    if len(before) < 2:  # the subject sits before a clause cut ("Clinton's advantage is the same: She leads ...")
        wider = _distinct([c for c in finder.in_range(lo, pair[0].start) if not _is_population(atext, c)])
        if len(wider) > len(before) and not before:
            before = wider[-1:]
    after = finder.in_range(pair[-1].end, min(len(atext), pair[-1].end + 40))
    if (
        after
        and out[-1] is None
        and re.fullmatch(
            r"\s*(?:,\s*)?(?:over|against|versus|vs\.?)\s+(?:[\w.]+\s+){0,2}", atext[pair[-1].end : after[0].start]
        )
    ):
        out[-1] = after[0].name  # "a lead of 48 percent to 41 percent over Mr. Sanders"
        between_names.add(after[0].name)
    free = [k for k in range(len(pair)) if out[k] is None]
    names = [c.name for c in before if c.name not in between_names]
    if not free or not names:
        return out
    if len(names) >= len(free):
        for k, name in zip(free, names[-len(free) :], strict=True):
            out[k] = name
    else:  # "Clinton leads 46 percent to 42 percent": only the first is known
        out[free[0]] = names[-1]
    return out


def _distinct(cands: list[Candidate]) -> list[Candidate]:
    out: list[Candidate] = []
    for c in cands:
        if c.name is None:
            continue
        if out and out[-1].name == c.name:
            continue
        out.append(c)
    return out


def _is_population(atext: str, c: Candidate) -> bool:
    """'Trump supporters', 'Clinton's backers': the name describes who answered."""
    return bool(_AS_POPULATION_AFTER.match(atext[c.end : c.end + 30]))


def _leader(fig: Figure, lo: int, hi: int, finder: OptionFinder) -> str | None:
    """Who leads by this many points (or whose figure changed by them)."""
    atext = finder.atext
    start = _clause_start(atext, lo, fig.start)
    before = [c for c in finder.in_range(start, fig.start) if not _is_population(atext, c)]
    if not before:
        before = [c for c in finder.in_range(lo, fig.start) if not _is_population(atext, c)][-1:]
    after_text = atext[fig.end : hi]
    after_cut = _AFTER_CUT.search(after_text)
    after_hi = fig.end + (after_cut.start() if after_cut else len(after_text))
    after = finder.in_range(fig.end, after_hi)
    beaten = {c.name for c in after if _OVER.match(atext[fig.end : c.start])}
    if re.search(r"\bwithin\s+(?:(?:about|just|only|roughly)\s+)?$", atext[max(lo, fig.start - 20) : fig.start]):
        # "Rubio pulled within 5 points of Trump": the one named after 'of' leads
        ahead = [c for c in after if re.fullmatch(r"\s*of\s+(?:the\s+)?(?:[\w-]+\s+){0,2}", atext[fig.end : c.start])]
        return ahead[0].name if ahead else None
    # "advantage of 83 points over Trump": the name after 'over' is the one behind.
    for k in range(len(before) - 1, 0, -1):
        gap = atext[before[k - 1].end : before[k].start]
        if _TRAIL_VERB.search(gap) and before[k - 1].name != before[k].name:
            return before[k].name  # "Trump trails Clinton by 5 points"
    if before and _TRAIL_VERB.search(atext[before[-1].end : fig.start]):
        return None  # "Trump is behind by 5 points": the leader is not named
    subjects = [c for c in before if c.name not in beaten]
    if subjects:
        # "Clinton led Trump by 5 points": the subject, the first name of the race.
        for k in range(len(subjects) - 1):
            if _LEAD_VERB.search(atext[subjects[k].end : subjects[k + 1].start]):
                return subjects[k].name
        return subjects[-1].name
    if not before:
        # "a 10-point lead for Clinton", "ahead by 3 points for Clinton"
        for c in after:
            if c.name not in beaten and re.match(r"^\s*(?:[\w'’-]+\s+){0,3}?(?:for|by)\s+$", atext[fig.end : c.start]):
                return c.name
    return None


def _carried_lead(
    k: int, figures: list[Figure], sentences: list[tuple[int, int]], options: list[str | None]
) -> str | None:
    """'that lead was 7 points', 'HuffPollster 4.3 points': the leader of the lead just before."""
    for j in range(k - 1, -1, -1):
        if figures[j].unit != "points":
            continue
        if sentences[k][0] - sentences[j][1] > 400:
            return None
        return options[j]
    return None


# "... and Green Party candidate Jill Stein 3 percent": a name right before the next figure is its subject.
_SUBJECT_OF_NEXT = re.compile(
    r"^,?\s*(?:(?!and\b|or\b|to\b|than\b|versus\b)[a-z]+\s+){0,3}(?:(?:about|just|only|nearly|roughly|almost)\s+)?$"
)


# Between a name and its share: "Johnson at or above 10 percent", "Clinton with 46 percent", "Trump has 40 percent".
_HOLDS = re.compile(
    r"^(?:['’]s?)?,?\s+(?:(?:is|was|now|still|currently|stands|stood|sits|sat|remains|comes\s+in)\s+)*"
    r"(?:at|with|has|had|gets|got|received|receives|drew|draws|polls|polled|polling|garnered|earned|took|takes)\s+"
    r"(?:(?:or|above|below|just|only|about|around|nearly|almost|roughly|some|a|solid|mere)\s+)*$",
    re.IGNORECASE,
)
# A name that is the object of a race verb ("Cruz follows Trump with 16 percent"): the share is the subject's.
_OBJECT_OF_RACE = re.compile(
    r"\b(?:follows?|followed|trails?|trailing|trailed|behind|leads?|leading|led|beats?|tops|ahead\s+of|over|than|"
    r"against|versus|vs\.?)\s+(?:[\w.]+\s+){0,2}$",
    re.IGNORECASE,
)
_OPTION_VERB_NAME = re.compile(
    r"\b(?:support|supports|supported|back|backs|backed|choose|chose|prefer|prefers|preferred|favor|favors|"
    r"favored|pick|picks|picked|vote\s+for|for)\s+(?:the\s+)?(?:[A-Z][\w.]*(?:\s[A-Z][\w.]*)*['’]s\s+|"
    r"(?!(?:in|at|among|from|of|across|on|with|by|to)\s)[a-z]+\s+){0,3}"
    r"(?P<name>[A-Z][a-z]+(?:\s[A-Z][a-z]+)+)\b"
)


def _share_option(fig: Figure, lo: int, hi: int, finder: OptionFinder, figures: list[Figure]) -> str | None:
    """The candidate or answer a share belongs to."""
    atext = finder.atext
    after_text = atext[fig.end : hi]
    cut = _AFTER_CUT.search(after_text)
    clause_after = after_text[: cut.start()] if cut else after_text
    after_hi = fig.end + len(clause_after)
    after = [c for c in finder.in_range(fig.end, after_hi) if not _is_population(atext, c)]
    if after_hi == hi < len(atext):
        next_subjects = {c.name for c in after if _SUBJECT_OF_NEXT.match(atext[c.end : hi])}
        after = [c for c in after if c.name not in next_subjects]
    if not after:
        # "1 percent support the Green Party's Jill Stein": a name the tagger missed, after an option verb.
        m = _OPTION_VERB_NAME.search(clause_after)
        if m:
            after = [Candidate(fig.end + m.start("name"), fig.end + m.end("name"), m.group("name"), m.group("name"))]
    after = [
        c
        for c in after
        if not re.search(r"\b(?:to|than|over|against|versus|vs\.?)\s+$", atext[fig.end : c.start])
        and not re.match(r"^\s*of\s+(?:the\s+)?$", atext[fig.end : c.start])
        and not re.match(r"^\s*(?:,\s*)?(?:and|or|with)\b", atext[fig.end : c.start])
    ]
    for pattern, answer in _ANSWERS:
        hit = pattern.search(clause_after)
        if hit and not any(c.start < fig.end + hit.start() for c in after):
            return answer
    strong = [
        c
        for c in finder.in_range(max(lo, fig.start - 60), fig.start)
        if _HOLDS.match(atext[c.end : fig.start]) and not _OBJECT_OF_RACE.search(atext[max(lo, c.start - 30) : c.start])
    ]
    if strong:
        return strong[-1].name  # "Johnson at 10 percent", "Trump, with 40 percent"
    if after and after[0].start - fig.end <= 90:
        return after[0].name
    # The subject before: "Clinton was supported by 42 percent", "Libertarian Gary Johnson 3 percent".
    prev_figs = [f for f in figures if lo <= f.end <= fig.start]
    start = max([_clause_start(atext, lo, fig.start)] + [f.end for f in prev_figs[-1:]])
    before = _subjects_before(finder, start, fig.start)
    if not before and not prev_figs:
        before = _subjects_before(finder, lo, fig.start)
    if not before:
        return None
    for k in range(len(before) - 1):
        gap = atext[before[k].end : before[k + 1].start]
        if (
            (_LEAD_VERB.search(gap) or _TRAIL_VERB.search(gap) or _FOLLOW_VERB.search(gap))
            and before[k].name != before[k + 1].name
            and not re.search(r"\b(?:who|which)\b", gap)
        ):
            return before[k].name  # "Clinton leads Trump with 46 percent", "Cruz follows Trump with 16 percent"
    return before[-1].name


def _subjects_before(finder: OptionFinder, lo: int, hi: int) -> list[Candidate]:
    """Names before a share that can own it: not a population, not set against another, not a stray possessive."""
    atext = finder.atext
    out = []
    for c in finder.in_range(lo, hi):
        if _is_population(atext, c):
            continue
        if _COMPARED.search(atext[max(lo, c.start - 40) : c.start]) and not re.match(
            r",?\s+who\b", atext[c.end : c.end + 8]
        ):
            continue
        if re.match(r"['’]", atext[c.end : c.end + 1]) and not _OWNER_NOUN.match(atext[c.end : hi + 2]):
            continue
        out.append(c)
    return out


# --------------------------------------------------------------------------- contests and areas

_ANSWER_OPTIONS = frozenset({"yes", "no", "not sure", "don't know", "undecided", "neither", "someone else"})


def contests(figures: list[Figure], options: list[str | None], finder: OptionFinder) -> list[str | None]:
    """The candidates each figure's race sets against each other ("Donald Trump | Hillary Clinton"), or None
    when fewer than two are known: a share or lead is comparable only within the same race."""
    atext = finder.atext
    sentences = [sentence_bounds(atext, f.start) for f in figures]
    out: list[str | None] = []
    for k, fig in enumerate(figures):
        lo, hi = sentences[k]
        names = {o for f, o, s in zip(figures, options, sentences, strict=True) if s == (lo, hi) and o}
        if fig.unit == "points":  # "Clinton led Trump by 5 points": the names of the sentence
            names |= {c.name for c in finder.in_range(lo, hi) if c.name and not _is_population(atext, c)}
        names -= _ANSWER_OPTIONS
        if len(names) >= 2:
            out.append(" | ".join(sorted(names)))
        elif (
            fig.unit == "points"
            and k > 0
            and out[k - 1]
            and options[k] == options[k - 1]
            and sentences[k][0] - sentences[k - 1][1] <= 400
        ):
            out.append(out[k - 1])  # "that lead was 7 points": the race of the lead before
        else:
            out.append(None)
    return out


_NATIONAL = re.compile(r"\b(?:national(?:ly)?|nationwide|across\s+the\s+country)\b", re.IGNORECASE)


def areas(figures: list[Figure], finder: OptionFinder) -> list[str | None]:
    """Where each figure was measured: a place named in its sentence ("in Florida"), "national", or None."""
    atext = finder.atext
    places = []
    if finder.doc is not None:
        places = [
            (e.start_char, e.end_char, e.text)
            for e in finder.doc.ents
            if e.label_ == "GPE" and not any(a < e.end_char and e.start_char < b for a, b in finder.not_persons)
        ]
    out: list[str | None] = []
    for fig in figures:
        lo, hi = sentence_bounds(atext, fig.start)
        near = [
            (min(abs(s - fig.end), abs(fig.start - e)), text)
            for s, e, text in places
            if lo <= s < hi
            and min(abs(s - fig.end), abs(fig.start - e)) <= 80
            and re.search(r"\b(?:in|across|of|among)\s+(?:the\s+)?$", atext[max(lo, s - 30) : s])
        ]
        if near:
            out.append(min(near)[1])
        elif _NATIONAL.search(atext, lo, hi):
            out.append("national")
        else:
            out.append(None)
    return out
