"""Claims: direct quotes and reported speech with their speakers.

Four rule families, each one linear pass over the document:

1. Q&A transcripts: "Sergey Lavrov: The question is ..." makes the answer paragraph(s) claims of
   the labelled speaker; "Question: ..." paragraphs are claims of an unnamed interviewer.
2. Direct quotes (quotes.py finds the quotation marks): the speaker is the subject of a cue verb
   right after the quote ("“...,” Putin said", "..., says Alexei Mukhin, director of ...") or right
   before it ("X said: “...”", "according to X, “...”", "X: “...”"). A quotation with no cue of its
   own continues the attributed quotation before it in the same paragraph ("“A,” he said. “B.”"),
   or one that ended the previous paragraph. Quotes of one or two words are scare quotes.
3. Reported speech and beliefs from the dependency parse: a cue verb (cues.py) with its content:
   a clausal complement ("X says that ...", "..., he said", "X believes ...", "X told Y that ..."),
   an infinitive ("X vowed to ...", "X urged Y to ..."), an object ("X endorsed Y", "X called it
   a disaster") or a prepositional object ("X accused Y of ...", "X talked about ..."); its subject
   (or the subject it shares through "adding that ...", "by calling ...") as the source; and
   "according to X, ...". A headline "X: words" reports X's words. Cues inside quotations are the
   quoted speaker's own words and give no claim; contents already claimed by a quote are cut out.
   Further constructions, each a small function: passive reports ("X is expected to ...", "it was
   reported that ...", "Asked about X, ..."), "X seems to ...", reporting nouns ("the claim that ...",
   "her pledge to ...", "criticism of ..."), "in a poll, X leads", "X made it clear that ...", a cue in
   a relative clause whose object is the noun it modifies ("the plan the governor endorsed"), and
   title-case headlines whose verb the parse misses ("X Endorses Y"). A report nested inside another
   claim's content is part of it, unless it ends that content after a clause boundary (", insisting
   that ..."), where the outer claim is cut.
4. Speakers: a named source is the canonical actor (``actors.actor_at`` / ``resolve_name``) or the
   name as written; "he"/"she"/"who" resolve to the last person / the antecedent; an unnamed source
   ("experts", "a Russian lawmaker") keeps speaker None and its words in ``speaker_text``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..parsing import ParsedDocument
from .actors import ActorIndex
from .cues import (
    CLAUSE_CUES,
    IMPERSONAL,
    INTENT,
    NAMING,
    NON_SOURCES,
    NOT_CUES,
    NOT_CUES_UNLESS,
    NOUN_CUES,
    NOUN_PREPS,
    OBJECT,
    PASSIVE,
    PREP_CUES,
    QUOTE_CUES,
    SEEM,
    STANCE,
    TRANSCRIPT_NON_SPEAKERS,
)
from .model import Claim
from .nlp import analysed_text, token_starts
from .quotes import Quote, find_quotes, is_quote_mark, mark_at, paragraphs
from .speakers import resolve_speakers

# A quotation needs this many words to be a claim on its own (fewer: a scare quote).
MIN_QUOTE_WORDS = 3
# How far (in tokens) a cue may sit from the quotation it introduces or follows.
TAIL_WINDOW = 12
HEAD_WINDOW = 14

_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
_RELATIVE = frozenset({"who", "whom"})
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "WORK_OF_ART"})
_NP_PRUNE = frozenset({"appos", "relcl", "acl", "prep", "punct", "cc", "conj", "parataxis", "advcl", "ccomp"})
_LABEL = re.compile(r"([A-Z][\w.’'\-]*(?:[ \t]+[A-Z][\w.’'\-]*){0,3})[ \t]*:[ \t]+(?=\S)")
_WORD = re.compile(r"[^\W_]+(?:[’'\-][^\W_]+)*")
_TRIM = " \t\r\n,;:—–-"
_COMPLEMENTS = frozenset({"ccomp", "xcomp", "dobj", "oprd"})


@dataclass
class _Source:
    speaker: str | None
    span: tuple[int, int] | None
    text: str | None


def _split_lines(ent) -> list:
    """An entity split where the parse ran it over a line break (a headline glued to the first line)."""
    if "\n" not in ent.text:
        return [ent]
    parts, start = [], ent.start
    for t in ent:
        if "\n" in t.text or t.is_space:
            if t.i > start:
                parts.append(ent.doc[start : t.i])
            start = t.i + 1
    if start < ent.end:
        parts.append(ent.doc[start : ent.end])
    for p in parts:
        p.label_ = ent.label_
    return parts


class _Doc:
    """The parse plus offset look-ups shared by the rule families."""

    def __init__(self, doc, text: str, parsed: ParsedDocument, actors: ActorIndex) -> None:
        self.doc = doc
        self.text = text
        self.atext = analysed_text(doc, text)
        self.parsed = parsed
        self.actors = actors
        self.starts = token_starts(doc)
        self.paras = paragraphs(self.atext)
        self.para_starts = [a for a, _ in self.paras]
        self.ent_of: dict[int, object] = {}
        for ent in doc.ents:
            if ent.label_ in _NAME_LABELS:
                for part in _split_lines(ent):
                    for t in part:
                        self.ent_of[t.i] = part

    def token_at(self, offset: int) -> int:
        """Index of the token holding or following this character offset."""
        i = bisect_right(self.starts, offset) - 1
        if i < 0:
            return 0
        tok = self.doc[i]
        if offset >= tok.idx + len(tok.text) and i + 1 < len(self.doc):
            return i + 1
        return i

    def para_of(self, offset: int) -> int:
        return max(0, bisect_right(self.para_starts, offset) - 1)

    def section(self, offset: int) -> str:
        return "comments" if self.parsed.section_at(offset) == "comments" else "body"

    def claim(self, source: _Source, cue: str | None, kind: str, start: int, end: int) -> Claim | None:
        start, end = _trim(self.text, start, end)
        if end - start < 2:
            return None
        return Claim(
            speaker=source.speaker,
            speaker_span=source.span,
            speaker_text=source.text,
            cue=cue,
            kind=kind,  # type: ignore[arg-type]
            text=self.text[start:end],
            span=(start, end),
            section=self.section(start),  # type: ignore[arg-type]
        )


def extract_claims(doc, text: str, parsed: ParsedDocument, actors: ActorIndex) -> list[Claim]:
    """Direct quotes, transcript answers and reported speech of one document, in text order."""
    if len(doc) == 0:
        return []
    d = _Doc(doc, text, parsed, actors)
    claims: list[Claim] = []
    taken: list[tuple[int, int]] = []  # content spans already claimed, in no particular order
    used_cues: set[int] = set()

    transcript = _transcript_claims(d)
    if not any(c.span[0] < d.paras[0][1] for c in transcript):
        headline = _headline_claim(d)
        if headline is not None:
            transcript.append(headline)
    claims.extend(transcript)
    taken.extend(c.span for c in transcript)

    quote_claims, quote_regions = _quote_claims(d, used_cues, _Spans(taken))
    quote_claims = [c for c in quote_claims if not _a_quoted_title(text, c)]
    claims.extend(quote_claims)
    taken.extend(c.span for c in quote_claims)
    claims.extend(_clause_claims(d, used_cues, _Spans(taken), _Spans(quote_regions)))
    if not any(c.span[0] < d.paras[0][1] for c in claims):
        headline = _title_headline_claim(d)
        if headline is not None:
            claims.append(headline)
    claims.sort(key=lambda c: c.span)
    return resolve_speakers(doc, text, parsed, actors, _drop_nested(text, _dedupe(claims)))


_TITLE_SMALL_WORDS = frozenset("a an the of and or to in on at for with by from".split())
_BEFORE_A_TITLE = re.compile(
    r"\b(?:of|on|in|to|from|show|program|programme|film|book|song|album|titled|called)[ \t]*[\"“‘']?$", re.IGNORECASE)


def _a_quoted_title(text: str, claim: Claim) -> bool:
    """A show, book or song title in quotation marks, not speech: 'On Tuesday's episode of "The Steve Harvey
    Morning Show," the former secretary of state said ...': every word capitalised, after "of"/"on"."""
    words = re.findall(r"[A-Za-z][\w'’-]*", claim.text)
    if not words or len(words) > 12 or claim.kind != "direct":
        return False
    if not all(w[0].isupper() or w.lower() in _TITLE_SMALL_WORDS for w in words) or not words[0][0].isupper():
        return False
    return _BEFORE_A_TITLE.search(text, max(0, claim.span[0] - 30), claim.span[0]) is not None


# --------------------------------------------------------------------------- spans


class _Spans:
    """A set of character spans with an overlap test (sorted starts + running max of ends)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [a for a, _ in self.spans]

    def covered(self, start: int, end: int, share: float = 0.5) -> bool:
        """Whether spans overlapping [start, end) cover at least ``share`` of it."""
        if not self.spans or end <= start:
            return False
        hi = bisect_left(self.starts, end)
        covered = 0
        # spans are few per document; walk back only while they can still overlap
        for a, b in reversed(self.spans[:hi]):
            if b > start:
                covered += min(b, end) - max(a, start)
            if a < start - 20000:
                break
        return covered >= share * (end - start)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        hi = bisect_left(self.starts, end)
        out = []
        for a, b in reversed(self.spans[:hi]):
            if b > start:
                out.append((a, b))
            if a < start - 20000:
                break
        return sorted(out)

    def remainder(self, start: int, end: int) -> list[tuple[int, int]]:
        """The parts of [start, end) that no span overlaps."""
        out, pos = [], start
        for a, b in self.overlapping(start, end):
            if a > pos:
                out.append((pos, a))
            pos = max(pos, b)
        if pos < end:
            out.append((pos, end))
        return out

    def contains(self, offset: int) -> bool:
        hi = bisect_right(self.starts, offset)
        for a, b in reversed(self.spans[max(0, hi - 8) : hi]):
            if a <= offset < b:
                return True
        return False


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return start, end


_BOUNDARY = re.compile(r",\s|;\s|\s[—–]\s|\sand\s|\sbut\s")


def _drop_nested(text: str, claims: list[Claim]) -> list[Claim]:
    """Resolve indirect claims lying inside another claim's content (claims sorted by span).

    A nested report that ends the outer content after a clause boundary ("X said A, insisting
    that B", "X announced A and vowed to B") is a claim of its own: the outer one is cut before
    it. Any other nested report ("X said Y believes B") is part of the outer claim and dropped.
    """
    out: list[Claim] = []
    outer: Claim | None = None  # the kept indirect claim reaching furthest
    for c in claims:
        if c.kind != "indirect":
            out.append(c)
            continue
        if outer is not None and c.span[1] <= outer.span[1]:
            cut = None
            if c.span[1] >= outer.span[1] - 2 and c.span[0] > outer.span[0]:
                for m in _BOUNDARY.finditer(text, outer.span[0], c.span[0]):
                    cut = m.start()
                if cut is not None and len(_WORD.findall(text, cut, c.span[0])) > 4:
                    cut = None  # the boundary is not right before the nested cue
            # "X endorses Trump, who says B": the relative clause is another speaker's, however short the rest
            least = 1 if (c.speaker_text or "").lower() in ("who", "whom") else 3
            if cut is None or len(_WORD.findall(text, outer.span[0], cut)) < least:
                continue
            start, end = _trim(text, outer.span[0], cut)
            outer.span, outer.text = (start, end), text[start:end]
        out.append(c)
        if outer is None or c.span[1] > outer.span[1]:
            outer = c
    return out


def _dedupe(claims: list[Claim]) -> list[Claim]:
    out: list[Claim] = []
    for c in claims:
        if out and out[-1].span == c.span:
            continue
        out.append(c)
    return out


# --------------------------------------------------------------------------- speakers


def _np_tokens(tok) -> list:
    """The noun phrase of a subject without appositions, relative clauses and attachments."""
    keep = [tok]
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ in _NP_PRUNE:
                continue
            keep.append(c)
            stack.append(c)
    keep.sort(key=lambda t: t.i)
    # keep the contiguous run around the head only
    lo = hi = keep.index(tok)
    while lo > 0 and keep[lo - 1].i == keep[lo].i - 1 and "\n" not in keep[lo - 1].text_with_ws:
        lo -= 1
    while hi + 1 < len(keep) and keep[hi + 1].i == keep[hi].i + 1 and "\n" not in keep[hi].text_with_ws:
        hi += 1
    return keep[lo : hi + 1]


def _source_of_token(d: _Doc, tok, depth: int = 0) -> _Source:
    """The speaker a subject token names: canonical actor, the name as written, or unnamed."""
    low = tok.lower_
    if low in _PERSON_PRONOUNS:
        actor = d.actors.last_person_before(tok.idx)
        return _Source(actor.name if actor else None, (tok.idx, tok.idx + len(tok)), tok.text)
    if low in _RELATIVE and depth == 0:
        head = tok.head.head if tok.head.dep_ == "relcl" else None
        if head is not None and head.dep_ == "appos" and head.pos_ == "NOUN" and head.head.pos_ == "PROPN":
            head = head.head  # "said R. Gil Kerlikowske, the ... commissioner, who conceded": the person named
        resolved = _source_of_token(d, head, depth + 1) if head is not None else _Source(None, None, None)
        return _Source(resolved.speaker, (tok.idx, tok.idx + len(tok)), tok.text)
    words = _np_tokens(tok)
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    span_text = d.text[start:end]
    if tok.pos_ == "PRON":
        return _Source(None, (start, end), span_text)
    ent = d.ent_of.get(tok.i)
    if ent is not None:
        start, end = min(start, ent.start_char), max(end, ent.end_char)
        return _Source(_name_of(d, ent.start_char, ent.end_char, ent.text), (start, end), d.text[start:end])
    if tok.pos_ == "PROPN":
        names = [t for t in words if t.pos_ == "PROPN"]
        a, b = names[0].idx, names[-1].idx + len(names[-1])
        return _Source(_name_of(d, a, b, d.text[a:b]), (start, end), span_text)
    return _Source(None, (start, end), span_text)


def _ent_source(d: _Doc, ent) -> _Source:
    a, b = ent.start_char, ent.end_char
    return _Source(_name_of(d, a, b, d.text[a:b]), (a, b), d.text[a:b])


def _name_of(d: _Doc, start: int, end: int, name: str) -> str:
    actor = d.actors.actor_at(start, end)
    if actor is None:
        actor = d.actors.resolve_name(name)
    if actor is not None:
        return actor.name
    return re.sub(r"[’']s$", "", name).strip()


def _nsubj(v):
    """The verb's subject nearest to it within its paragraph (the parse may run over a blank line)."""
    best = None
    for c in v.children:
        if c.dep_ == "nsubj":
            lo, hi = (c.i, v.i) if c.i < v.i else (v.i, c.i)
            if any("\n" in t.text for t in v.doc[lo:hi]):
                continue
            if best is None or abs(c.i - v.i) < abs(best.i - v.i):
                best = c
    return best


def _subject(v):
    """The subject of a cue verb, looking through "adding that", "and said", relative clauses."""
    subj = _nsubj(v)
    if subj is not None:
        return subj
    if v.dep_ == "acl" and v.head.pos_ in ("NOUN", "PROPN") and v.head.i < v.i:
        return v.head  # "a report saying ...", "voters saying ..."
    head = v
    for _ in range(3):
        if head.dep_ == "pcomp" and head.head.dep_ == "prep" and head.head.head.pos_ in ("VERB", "AUX"):
            head = head.head  # "by calling ...", "in discussing ..."
        if head.dep_ in ("conj", "advcl", "xcomp", "prep", "acomp") and head.head is not head:
            head = head.head
            # "X said ..., adding that": skip the reported clause the participle hangs on
            if head.dep_ == "ccomp" and _is_cue_verb(head.head, CLAUSE_CUES):
                head = head.head
            # "X was quick to add", "X was forced into ... and said": a passive or copular subject too
            subj = _nsubj(head) or next((c for c in head.children if c.dep_ == "nsubjpass" and c.i < head.i), None)
            if subj is not None:
                return subj
        else:
            break
    if v.dep_ == "relcl" and v.head.pos_ in ("PROPN", "NOUN"):
        return v.head
    return None


def _adjacent_subject(v):
    """The noun right before the verb in its paragraph ("Senator X says" parsed across a headline)."""
    j = v.i - 1
    while j >= 0 and v.doc[j].pos_ in ("ADV", "AUX", "PART") and "\n" not in v.doc[j].text:
        j -= 1
    if j > 0 and v.doc[j].text == "," and v.doc[j - 1].pos_ == "PROPN":
        j -= 1  # "her adviser, Jake Sullivan, said:"
    if j < 0:
        return None
    t = v.doc[j]
    if t.pos_ in ("PROPN", "NOUN", "PRON", "NUM") and t.dep_ in ("compound", "nsubj", "conj", "appos", "pobj", "dobj"):
        return t if t.pos_ != "PRON" or t.lower_ in _PERSON_PRONOUNS | {"i", "we", "they"} else None
    return None


def _orphan_subject(d: _Doc, v):
    """The noun opening the verb's paragraph when the parse hung it on the paragraph before.

    The small model often glues a paragraph's first words to the previous sentence ("Humphrey,
    for example, said ..." with "Humphrey" the object of a verb in the paragraph before), leaving
    the cue verb without a subject: take the first noun of the paragraph whose head lies outside it.
    """
    para_start = d.paras[d.para_of(v.idx)][0]
    first = d.token_at(para_start)
    if v.i - first > 30:
        return None
    for t in v.doc[first : v.i]:
        if t.text in ".!?;:" or is_quote_mark(t.text):
            return None
        if t.head.idx < para_start and t.pos_ in ("PROPN", "NOUN", "PRON"):
            return t
        if t.pos_ in ("VERB", "AUX") and t.head.idx >= para_start and t.head.i != v.i:
            return None
    return None


def _source_of_verb(d: _Doc, v, inverted: bool = False) -> _Source | None:
    """The source of a cue verb; ``inverted`` allows "“...,” said a spokesman" without a parsed subject."""
    subj = _subject(v)
    if subj is None and v.dep_ == "ROOT":
        subj = _adjacent_subject(v)
    if subj is None and v.dep_ == "ROOT":
        subj = _orphan_subject(d, v)
    if subj is None and v.tag_ == "VBG" and v.sent.root is not v:
        subj = _nsubj(v.sent.root)  # "..., writing “...”" misparsed
    if subj is None and inverted:
        # "..., said a spokesman" parsed without a subject: the first noun right after the verb
        for t in v.doc[v.i + 1 : min(len(v.doc), v.i + 6)]:
            if t.pos_ in ("PROPN", "NOUN") and t.dep_ in ("dobj", "attr", "npadvmod", "appos", "compound", "nsubj"):
                head = t
                while head.dep_ == "compound" and head.head.i > head.i:
                    head = head.head
                return _source_of_token(d, head)
            if t.is_punct:
                break
    if subj is None:
        return None
    wisher = _first_person_wish(v, subj)
    if wisher is not None:
        return _Source(None, (wisher.idx, wisher.idx + len(wisher)), wisher.text)
    if not inverted and _object_misparsed(subj, v):
        words = _np_tokens(subj)
        start, end = words[0].idx, words[-1].idx + len(words[-1])
        return _Source(None, (start, end), d.text[start:end])
    if subj.lower_ in NON_SOURCES:
        if subj.lower_ in ("which", "that") and v.dep_ == "relcl" and v.head.pos_ in ("NOUN", "PROPN"):
            return _source_of_token(d, v.head)  # "a poll that shows ...", "a report which found ..."
        if subj.lower_ not in ("it", "this") or v.lemma_.lower() in IMPERSONAL or _expletive(v):
            return None
        # "it" / "this" standing for a document, a poll or an organisation: "it assumes that ..."
        return _Source(_last_organization(d, subj.idx), (subj.idx, subj.idx + len(subj)), subj.text)
    return _source_of_token(d, subj)


_WISH = frozenset({"hope", "wish", "pray", "dream", "imagine"})


def _first_person_wish(v, subj):
    """The "I" whose wish the cue only imagines: "I hope in 2017 America says, ..." is the writer's
    hope, not America's words (parsed either way round: the wish governing the cue, or hung on it)."""
    wishes = [v.head] if v.dep_ in ("ccomp", "parataxis") and v.head.lemma_.lower() in _WISH else []
    wishes += [c for c in v.children if c.dep_ == "ccomp" and c.i < subj.i and c.lemma_.lower() in _WISH]
    for w in wishes:
        for c in w.children:
            lo, hi = sorted((c.i, subj.i))
            if c.dep_ == "nsubj" and c.lower_ in ("i", "we") and not any(is_quote_mark(t.text) for t in v.doc[lo:hi]):
                return c  # the writer's own words, not a quotation's "we" ("“We may hope ...,” he says")
    return None


def _object_misparsed(subj, v) -> bool:
    """A "subject" that is another verb's object: "5 percent prefer Gary Johnson and 1 percent support
    ..." parsed with "Gary Johnson and 1 percent" as the subject of "support": nobody is named."""
    words = _np_tokens(subj)
    before = subj.doc[words[0].i - 1] if words[0].i > 0 else None
    if before is None or before.i == v.i or before.pos_ != "VERB" or before.dep_ == "aux":
        return False
    return not any(c.dep_ in ("dobj", "ccomp", "xcomp", "attr") for c in before.children)


def _last_organization(d: _Doc, offset: int) -> str | None:
    """The organisation mentioned last before ``offset`` in its paragraph or the one before ("it said")."""
    pi = d.para_of(offset)
    start = d.paras[max(0, pi - 1)][0]
    orgs = [a for _, a in d.actors.actors_in(start, offset) if a.kind == "organization"]
    return orgs[-1].name if orgs else None


def _expletive(v) -> bool:
    """Whether the verb's "it" is a dummy subject ("it is said that ...", "it seems to me ...")."""
    return any(c.dep_ in ("expl", "nsubjpass", "auxpass") for c in v.children) or v.lemma_.lower() in ("be",)


def _according_source(d: _Doc, tok) -> _Source | None:
    """The source of "according to X"."""
    for c in tok.children:
        if c.lower_ == "to":
            for p in c.children:
                if p.dep_ == "pobj":
                    return _source_of_token(d, p)
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        for p in nxt.children:
            if p.dep_ == "pobj":
                return _source_of_token(d, p)
    return None


def _is_cue_verb(t, lexicon) -> bool:
    return t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in lexicon and t.dep_ != "aux"


# --------------------------------------------------------------------------- transcripts


def _transcript_claims(d: _Doc) -> list[Claim]:
    """Q&A transcripts: labelled answer paragraphs (and their unlabelled follow-ups) are claims."""
    labelled: list[tuple[int, str, int, int]] = []  # paragraph index, label, label start, body start
    for pi, (a, b) in enumerate(d.paras):
        m = _LABEL.match(d.atext, a, b)
        if m and m.end() < b:
            labelled.append((pi, m.group(1), m.start(1), m.end()))
    # a tally ("Clinton: 1,769.") is not speech: answers have words
    labelled = [x for x in labelled if len(_WORD.findall(d.atext, x[3], d.paras[x[0]][1])) >= 3]
    if not labelled:
        return []
    kinds: dict[int, str] = {}
    # one-word capitalised labels on several paragraphs are a broadcast transcript's speakers
    caps = sum(1 for _, label, _, _ in labelled if label.isupper() and " " not in label)
    for pi, label, la, _ in labelled:
        kinds[pi] = _label_kind(d, label, la, caps)
    names = [pi for pi, k in kinds.items() if k == "name"]
    questions = [pi for pi, k in kinds.items() if k == "question"]
    long_answers = [pi for pi in names if len(_WORD.findall(d.atext, *d.paras[pi])) >= 8]
    is_transcript = bool(names) and (bool(questions) or len(long_answers) >= 2)
    claims: list[Claim] = []
    by_para = {pi: (label, la, body) for pi, label, la, body in labelled}
    current: _Source | None = None
    followers = 0
    for pi, (a, b) in enumerate(d.paras):
        if pi in by_para:
            label, la, body = by_para[pi]
            current = None
            if kinds[pi] == "name":
                span = (la, la + len(label))
                source = _Source(_name_of(d, span[0], span[1], label), span, label)
                c = d.claim(source, ":", "direct", body, b)
                if c:
                    claims.append(c)
                current = source if is_transcript else None
                followers = 0
            elif kinds[pi] == "question":
                # the interviewer's question: words said, by nobody the article names
                c = d.claim(_Source(None, (la, la + len(label)), label), ":", "direct", body, b)
                if c:
                    claims.append(c)
            else:
                current = None
            continue
        if current is not None and followers < 12:
            if mark_at(d.atext, a) or not d.atext[a].isalpha() or len(_WORD.findall(d.atext, a, b)) < 4:
                current = None
                continue
            c = d.claim(current, ":", "direct", a, b)
            if c:
                claims.append(c)
            followers += 1
    return claims


_HEADLINE_LABEL = re.compile(
    r"(?:[A-Z][A-Z ]+[ \t]*[–—-][ \t]*)?(?P<label>[^:\n]{2,60}?)[ \t]*:[ \t]+(?P<body>[^\s].{8,})"
)


def _headline_claim(d: _Doc) -> Claim | None:
    """A headline in "X: words" form ("Clinton to voters: ...") reports X's words."""
    a, b = d.paras[0]
    m = _HEADLINE_LABEL.match(d.atext, a, b)
    if not m:
        return None
    label = m.group("label")
    words = label.split()
    lowered = [w.lower().strip("’'s") for w in words]
    if len(words) > 6 or d.atext[b - 1] == "?" or lowered[0] in ("the", "a", "an", "editor", "editors"):
        return None
    if any(w in TRANSCRIPT_NON_SPEAKERS for w in lowered):
        return None
    la, lb = m.start("label"), m.end("label")
    source = None
    for t in d.doc[d.token_at(la) : d.token_at(lb - 1) + 1]:
        ent = d.ent_of.get(t.i)
        if ent is not None and ent.label_ in ("PERSON", "ORG", "NORP"):
            source = _ent_source(d, ent)
            break
    if source is None:
        if not label[:1].isupper() or len(label.split()) > 3:
            return None
        source = _Source(None, (la, lb), d.text[la:lb])
    return d.claim(source, ":", "indirect", m.start("body"), b)


_HEADLINE_WORD = re.compile(r"[^\W\d_][\w’'\-]*")
_HEADLINE_SKIP = frozenset(
    "may might not have has had will would should could can finally also actually again now still is are was "
    "were be been to just even".split()
)
_HEADLINE_CUES = CLAUSE_CUES | OBJECT | INTENT | NAMING | frozenset().union(*PREP_CUES.values())


def _headline_lemma(word: str) -> str | None:
    """The cue lemma of an inflected headline verb ("Endorses", "Praised", "Slams", "Denies"), if any."""
    w = word.lower()
    cands: tuple[str, ...] = ()
    if w.endswith("ies") or w.endswith("ied"):
        cands = (w[:-3] + "y",)
    elif w.endswith("es"):
        cands = (w[:-1], w[:-2])
    elif w.endswith("s") and not w.endswith("ss"):
        cands = (w[:-1],)
    elif w.endswith("ed"):
        cands = (w[:-1], w[:-2], w[:-3] if w[-3:-2] == w[-4:-3] else "")
    for cand in (*cands, w):
        if cand and cand in _HEADLINE_CUES and cand not in NOT_CUES:
            return cand
    return None


def _title_headline_claim(d: _Doc) -> Claim | None:
    """A headline "X Endorses Y" / "X slams Y": the parse of a title-cased headline misses its verb,
    so the first cue word (by its inflection) after a name splits it into source and content."""
    a, b = d.paras[0]
    words = list(_HEADLINE_WORD.finditer(d.atext, a, b))
    if len(words) < 3:
        return None
    for k, m in enumerate(words[1:-1], start=1):
        if _headline_lemma(m.group()) is None:
            continue
        src = [w for w in words[:k] if w.start() > max(d.atext.rfind(":", a, m.start()), a - 1)]
        while src and src[-1].group().lower() in _HEADLINE_SKIP:
            src.pop()
        if not src or not src[0].group()[:1].isupper() or len(src) > 6:
            return None
        sa, sb = src[0].start(), src[-1].end()
        end = b
        stop = re.search(r"[.:;?!]\s|[.?!]$", d.atext[m.end() : b])
        if stop:
            end = m.end() + stop.start()
        if len(_WORD.findall(d.atext, m.end(), end)) < 1:
            return None
        people = [act for _, act in d.actors.actors_in(sa, sb) if act.kind in ("person", "organization")]
        name = people[-1].name if people else None
        return d.claim(_Source(name, (sa, sb), d.text[sa:sb]), m.group(), "indirect", m.end(), end)
    return None


def _label_kind(d: _Doc, label: str, start: int, count: int = 1) -> str:
    """'question' for Question/Q labels, 'name' for a speaker's name, else 'other'.

    A one-word capitalised label is a dateline ("WASHINGTON:") unless ``count`` such labels
    head paragraphs, as speakers do in a broadcast transcript ("TAPPER: ...").
    """
    low = label.lower().rstrip(".")
    if low in ("question", "q", "questions"):
        return "question"
    words = label.split()
    if low in TRANSCRIPT_NON_SPEAKERS or words[0].lower() in TRANSCRIPT_NON_SPEAKERS:
        return "other"
    if label.isupper() and len(words) == 1 and len(label) > 3:
        return "name" if count >= 2 else "other"  # datelines such as "WASHINGTON:"
    ti = d.token_at(start)
    ent = d.ent_of.get(ti)
    if ent is not None and ent.label_ == "PERSON":
        return "name"
    if d.actors.resolve_name(label) is not None and d.actors.resolve_name(label).kind == "person":
        return "name"
    return "other"


# --------------------------------------------------------------------------- direct quotes


@dataclass
class _Attribution:
    source: _Source | None
    cue: str | None
    cue_i: int | None
    side: str  # "tail" (cue after the quote) or "head" (cue before it)
    start: int | None = None  # content start when the cue's clause reaches before the quote


def _quote_claims(d: _Doc, used_cues: set[int], taken: _Spans) -> tuple[list[Claim], list[tuple[int, int]]]:
    quotes = find_quotes(d.atext, d.paras)
    claims: list[Claim] = []
    regions: list[tuple[int, int]] = []
    last: tuple[Claim, Quote, _Attribution] | None = None  # last attributed quotation claim
    for q in quotes:
        words = len(_WORD.findall(d.atext, q.start, q.end))
        if words < MIN_QUOTE_WORDS or taken.covered(q.start, q.end):
            continue
        regions.append((q.start, q.end))
        att = _attribute_quote(d, q)
        if att is not None and att.cue_i is not None and att.cue_i in used_cues and last is not None:
            # "“A,” he said, “B.”": the second part of the quotation the cue already carries
            if last[2].cue_i == att.cue_i:
                _extend(d, last[0], q.end)
                continue
        if att is None:
            if last is not None and _continues(d, last, q):
                if d.para_of(q.open_at) == last[1].paragraph or d.para_of(last[0].span[1]) == d.para_of(q.open_at):
                    _extend(d, last[0], q.end)
                    continue
                att = last[2]
            else:
                continue
        source = att.source or _Source(None, None, None)
        start = att.start if att.start is not None else q.start
        kind = "direct" if att.start is None else "indirect"
        c = d.claim(source, att.cue, kind, start, q.end)
        if c is None:
            continue
        claims.append(c)
        if att.cue_i is not None:
            used_cues.add(att.cue_i)
        last = (c, q, att)
    return claims, regions


def _extend(d: _Doc, claim: Claim, end: int) -> None:
    start, end = _trim(d.text, claim.span[0], end)
    claim.span = (start, end)
    claim.text = d.text[start:end]


def _continues(d: _Doc, last: tuple[Claim, Quote, _Attribution], q: Quote) -> bool:
    """An unattributed quotation carries on the last one: same paragraph, or opens the next one."""
    claim, prev, _ = last
    qp = d.para_of(q.open_at)
    pp = d.para_of(claim.span[1])
    if qp == pp:
        return True
    if qp == pp + 1 and q.open_at == d.paras[qp][0]:
        # the previous paragraph ended with that quotation and its attribution
        tail = d.atext[prev.outer_end : d.paras[pp][1]]
        return len(tail) < 200
    return False


def _attribute_quote(d: _Doc, q: Quote) -> _Attribution | None:
    last_char = d.atext[q.end - 1] if q.end > q.start else ""
    tail = _tail_cue(d, q, strict=last_char == ".")
    if tail is not None and last_char in ",?!—–-…":
        return tail
    head = _head_cue(d, q)
    if head is not None:
        return head
    return tail


def _tail_cue(d: _Doc, q: Quote, strict: bool) -> _Attribution | None:
    """The cue right after a closed quotation: "“...,” Putin said", "“...,” says X, director of Y"."""
    if q.close_at is None:
        return None
    doc = d.doc
    para_end = d.paras[d.para_of(q.close_at)][1]
    first = i = d.token_at(q.outer_end)
    stop = min(len(doc), i + TAIL_WINDOW)
    while i < stop:
        t = doc[i]
        if t.idx >= para_end or is_quote_mark(t.text):
            return None
        if t.lower_ == "according":
            src = _according_source(d, t)
            if src is not None:
                return _Attribution(src, "according to", t.i, "tail")
        if _is_cue_verb(t, QUOTE_CUES):
            if strict and any(c.dep_ in ("ccomp", "xcomp") and c.i > t.i for c in t.children):
                return None  # a new sentence with its own reported content
            src = _source_of_verb(d, t, inverted=True)
            if src is not None:
                return _Attribution(src, t.text, t.i, "tail", _clause_start(d, t, q))
            return None
        if t.text in ".!?;" and i > first:
            return None
        i += 1
    return None


def _clause_start(d: _Doc, t, q: Quote) -> int | None:
    """Where the reported clause starts when a quotation is only its end ("Y further “...,” X said")."""
    doc = d.doc
    if t.dep_ == "parataxis":
        lo = t.head.left_edge.i
    else:
        before = [c.left_edge.i for c in t.children if c.dep_ == "ccomp" and c.i < t.i]
        if not before:
            return None
        lo = min(before)
    para_start = d.paras[d.para_of(q.open_at)][0]
    lo = max(lo, d.token_at(para_start))  # the parse may hang the clause on the paragraph before
    if doc[lo].idx >= q.open_at:
        return None
    lead = doc[lo : d.token_at(q.open_at)]
    if not any(w.is_alpha for w in lead) or any(w.text in ".!?" or is_quote_mark(w.text) for w in lead):
        return None
    return doc[lo].idx


def _head_cue(d: _Doc, q: Quote) -> _Attribution | None:
    """The cue right before a quotation: "X said: “...”", "according to X, “...”", "X: “...”".

    A quotation opening its paragraph may be introduced by the paragraph before it when that one
    ends with a colon ("Reporter Jane Doe says:").
    """
    pi = d.para_of(q.open_at)
    j = d.token_at(q.open_at) - 1
    found = _head_cue_in(d, j, j + 1, d.paras[pi][0], relaxed=False)
    if found is None and pi > 0 and q.open_at == d.paras[pi][0]:
        pa, pb = d.paras[pi - 1]
        if d.atext[pb - 1] == ":":
            last = d.token_at(pb - 1)
            found = _head_cue_in(d, last, last + 1, pa, relaxed=True)
            if found is None:
                found = _intro_name(d, pa, pb)
    return found


def _intro_name(d: _Doc, start: int, end: int) -> _Attribution | None:
    """A short introducing paragraph ("Here is Clinton in 1992:"): its first person or organisation."""
    a, b = d.token_at(start), d.token_at(end - 1)
    if b - a > 25:
        return None
    for label in ("PERSON", "ORG"):
        for t in d.doc[a:b]:
            ent = d.ent_of.get(t.i)
            if ent is not None and ent.label_ == label:
                return _Attribution(_ent_source(d, ent), ":", None, "head")
    return None


def _head_cue_in(d: _Doc, j: int, first_quote_tok: int, para_start: int, relaxed: bool) -> _Attribution | None:
    doc = d.doc
    if j < 0:
        return None
    stop = max(-1, j - (HEAD_WINDOW * 2 if relaxed else HEAD_WINDOW))
    # "X: “...”": a name right before a colon
    if doc[j].text == ":" and j > 0:
        prev = doc[j - 1]
        if prev.pos_ == "PROPN" and d.ent_of.get(prev.i) is not None:
            return _Attribution(_ent_source(d, d.ent_of[prev.i]), ":", None, "head")
    gap = 0
    while j > stop:
        t = doc[j]
        if t.idx < para_start or is_quote_mark(t.text):
            return None
        if t.text in ".!?" and gap > 0:
            return None
        if t.lower_ == "according":
            src = _according_source(d, t)
            if src is not None:
                return _Attribution(src, "according to", t.i, "head")
        if _is_cue_verb(t, _ANY_CUE):
            between = doc[t.i + 1 : first_quote_tok]
            introduces = t.lemma_.lower() in QUOTE_CUES or (between and between[-1].text == ":")
            partial = any(c.i > t.i and c.i < first_quote_tok for c in t.children if c.dep_ in _COMPLEMENTS)
            if not (introduces or partial):
                gap += 1
                j -= 1
                continue
            src = _source_of_verb(d, t)
            if src is None:
                return None
            if between and between[-1].pos_ == "ADP" and between[-1].lower_ not in ("that", "like"):
                return None  # "said on “Meet the Press”": a title, not the words said
            start = None
            comp = [c for c in t.children if c.dep_ in _COMPLEMENTS and c.i > t.i]
            if comp and not relaxed:
                left = min(c.left_edge.i for c in comp)
                lead = doc[left:first_quote_tok]
                if left < first_quote_tok and any(not w.is_punct and w.lower_ != "that" for w in lead):
                    start = doc[left].idx  # a partial quote inside reported speech
            if start is None and not relaxed and len(between) > 8 and not any(w.text in ":," for w in between[-2:]):
                return None
            return _Attribution(src, t.text, t.i, "head", start)
        gap += 1
        j -= 1
    return None


# --------------------------------------------------------------------------- reported speech


_ALL_PREP_CUES = frozenset().union(*PREP_CUES.values())
_ANY_CUE = CLAUSE_CUES | INTENT | OBJECT | NAMING | _ALL_PREP_CUES


def _clause_claims(d: _Doc, used_cues: set[int], blocked: _Spans, quoted: _Spans) -> list[Claim]:
    """Reported speech from the parse; ``blocked`` holds claimed contents, ``quoted`` every quotation."""
    claims: list[Claim] = []
    doc = d.doc
    for t in doc:
        if t.i in used_cues:
            continue
        if t.lower_ == "according":
            c = None if quoted.contains(t.idx) else _according_claim(d, t, blocked)
            if c is not None:
                claims.append(c)
            continue
        if t.lower_ == "in" and t.dep_ == "prep" and not quoted.contains(t.idx):
            c = _in_poll_claim(d, t, blocked)
            if c is not None:
                claims.append(c)
            continue
        if t.pos_ == "NOUN" and t.lemma_.lower() in NOUN_CUES:
            if not (quoted.contains(t.idx) or blocked.contains(t.idx)):
                c = _noun_claim(d, t, blocked)
                if c is not None:
                    claims.append(c)
            continue
        if t.pos_ not in ("VERB", "AUX") or t.dep_ == "aux":
            continue
        if any(c.dep_ == "prt" and c.lower_ in PHRASAL_NOT_CUES for c in t.children):
            continue  # "pushed through by Obama" (enacted), "backed down": not a saying
        lemma = t.lemma_.lower()
        if lemma == "make" and not (quoted.contains(t.idx) or blocked.contains(t.idx)):
            c = _make_clear_claim(d, t, blocked)
            if c is not None:
                claims.append(c)
                used_cues.add(t.i)
            continue
        if lemma in SEEM:
            if not (quoted.contains(t.idx) or blocked.contains(t.idx)):
                c = _seem_claim(d, t, blocked)
                if c is not None:
                    claims.append(c)
                    used_cues.add(t.i)
            continue
        if lemma in PASSIVE and (
            any(c.dep_ == "auxpass" for c in t.children) or (t.tag_ == "VBN" and t.dep_ == "advcl")
        ):
            if not (quoted.contains(t.idx) or blocked.contains(t.idx)):
                c = _passive_claim(d, t, blocked)
                if c is not None:
                    claims.append(c)
                    used_cues.add(t.i)
            continue
        if lemma not in _ANY_CUE:
            continue
        only_prep = lemma in NOT_CUES
        if only_prep and not any(c.dep_ == "prep" and c.lower_ in NOT_CUES_UNLESS for c in t.children):
            continue
        if quoted.contains(t.idx) or blocked.contains(t.idx):
            continue  # a cue inside a quotation belongs to the quoted speaker's words
        span = _content_span(t, lemma, only_prep)
        if span is None:
            rel = _relative_object_claim(d, t, lemma, blocked)
            if rel is not None:
                claims.append(rel)
                used_cues.add(t.i)
            continue
        start, end = _clip(d, t.idx, *span)
        min_words = 1 if lemma in STANCE else 2
        free = [p for p in blocked.remainder(start, end) if len(_WORD.findall(d.atext, *p)) >= min_words]
        if not free:
            continue
        # around a quotation already claimed: keep the free stretch nearest the cue
        start, end = min(free, key=lambda p: 0 if p[0] <= t.idx < p[1] else min(abs(p[0] - t.idx), abs(p[1] - t.idx)))
        source = _source_of_verb(d, t)
        if source is None:
            continue
        c = d.claim(source, _cue_text(t), "indirect", start, end)
        if c is not None:
            claims.append(c)
            used_cues.add(t.i)
    return claims


def _relative_object_claim(d: _Doc, t, lemma: str, blocked: _Spans) -> Claim | None:
    """A cue verb whose object is the noun its clause modifies: "the deal Trump opposed", "things he
    has said about Latinos", "a measure strongly opposed by unions": that noun phrase is the content."""
    head = t.head
    if t.dep_ not in ("relcl", "acl") or head.pos_ not in ("NOUN", "PROPN") or head.i > t.i:
        return None
    if lemma not in OBJECT and lemma not in STANCE and lemma != "say":
        return None
    if any(c.dep_ in ("dobj", "ccomp", "xcomp") and c.tag_ not in ("WDT", "WP") for c in t.children):
        return None
    passive = t.tag_ == "VBN" and t.dep_ == "acl"
    agent = next((c for c in t.children if c.dep_ == "agent"), None)
    if passive and agent is None:
        return None
    doc = d.doc
    lo, hi = head.left_edge.i, max(head.right_edge.i, t.right_edge.i)
    lo = max(lo, d.token_at(d.paras[d.para_of(t.idx)][0]), t.sent.start)
    if hi - lo + 1 < 2:
        return None
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi])
    if blocked.covered(start, end, 0.5):
        return None
    if passive:
        obj = next((p for p in agent.children if p.dep_ == "pobj"), None)
        source = _source_of_token(d, obj) if obj is not None else None
    else:
        subj = _nsubj(t)
        source = _source_of_token(d, subj) if subj is not None and subj.lower_ not in NON_SOURCES else None
    if source is None:
        return None
    return d.claim(source, _cue_text(t), "indirect", start, end)


# Particles that turn a cue verb into something else: "push through" (enact), "back down", "call off".
PHRASAL_NOT_CUES = frozenset({"through", "down", "off"})


def _passive_claim(d: _Doc, t, blocked: _Spans) -> Claim | None:
    """A cue verb in the passive: "X is expected to run", "X is seen as ...", "it was reported that ...",
    "Asked about the plan, ...".

    The content is the passive subject with the complement ("X ... to run"), or the complement
    alone after an expletive "it"; the source is the "by" agent when there is one, else unnamed.
    """
    doc = t.doc
    comps = [c for c in t.children if c.i > t.i and (
        c.dep_ in ("xcomp", "oprd", "ccomp") or (c.dep_ == "prep" and c.lower_ in ("as", "for", "about", "on"))
        or (c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "as" for m in c.children)))]
    if not comps:
        return None
    hi = max(c.right_edge.i for c in comps)
    lo = min(c.left_edge.i if c.dep_ != "prep" else c.i + 1 for c in comps)
    subj = next((c for c in t.children if c.dep_ == "nsubjpass" and c.i < t.i), None)
    if subj is not None and subj.lower_ not in NON_SOURCES:
        lo = subj.left_edge.i
    if hi - lo + 1 < 3:
        return None
    start, end = _clip(d, t.idx, doc[lo].idx, doc[hi].idx + len(doc[hi]))
    if blocked.covered(start, end, 0.5):
        return None
    source = _Source(None, None, None)
    for c in t.children:
        if c.dep_ == "agent":
            obj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if obj is not None:
                source = _source_of_token(d, obj)
    return d.claim(source, _cue_text(t), "indirect", start, end)


def _noun_claim(d: _Doc, t, blocked: _Spans) -> Claim | None:
    """A reporting noun with its content: "the claim that ...", "his pledge to ...", "her criticism of ...",
    "Clinton's view is that ...". The source is the possessor ("his", "Trump's") or a "by"/"from" phrase.
    """
    doc = t.doc
    lemma = t.lemma_.lower()
    if t.dep_ == "dobj" and t.head.lemma_.lower() in OBJECT:
        return None  # "rejected the claim that ...": the verb's content already holds it
    lo = hi = None
    for c in t.children:
        if c.i < t.i:
            continue
        if c.dep_ in ("acl", "ccomp", "appos", "relcl") and any(
            m.dep_ == "mark" and m.lower_ == "that" and m.i == c.left_edge.i for m in c.children
        ):
            lo, hi = c.left_edge.i, c.right_edge.i  # "the claim that ..."
        elif c.dep_ == "acl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            lo, hi = c.left_edge.i, c.right_edge.i  # "his pledge to ..."
        elif c.dep_ == "prep" and lemma in NOUN_PREPS.get(c.lower_, ()) and c.right_edge.i > c.i:
            lo, hi = c.i + 1, c.right_edge.i  # "her criticism of ..."
        if lo is not None:
            break
    if lo is None and t.dep_ == "nsubj" and t.head.lemma_ == "be":
        comp = [c for c in t.head.children if c.i > t.head.i and c.dep_ in ("attr", "ccomp", "xcomp", "acomp")]
        if comp and any(m.lower_ in ("that", "to") for m in doc[comp[0].left_edge.i : comp[0].left_edge.i + 2]):
            lo, hi = comp[0].left_edge.i, comp[-1].right_edge.i  # "his view is that ..."
    if lo is None or hi - lo + 1 < 2:
        return None
    start, end = _clip(d, t.idx, doc[lo].idx, doc[hi].idx + len(doc[hi]))
    if blocked.covered(start, end, 0.5):
        return None
    source = _Source(None, None, None)
    for c in t.children:
        if c.dep_ == "poss":
            source = _source_of_token(d, c)
        elif c.dep_ == "prep" and c.lower_ in ("by", "from") and c.i < lo:
            obj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if obj is not None:
                source = _source_of_token(d, obj)
    if source.text is None and t.dep_ == "dobj" and t.head.pos_ == "VERB":
        # "X made the claim that ...", "X voiced concern that ...": the verb's subject
        source = _source_of_verb(d, t.head) or source
    if source.text is None and t.i > 0 and doc[t.i - 1].pos_ == "PROPN" and doc[t.i - 1].head.i == t.i:
        source = _source_of_token(d, doc[t.i - 1])  # "Trump claims that ..." read as a noun phrase
    if source.text is None and not t.lower_.startswith(("idea", "notion")):
        return None  # "the claim that ...": somebody's claim, named elsewhere; "the idea that": nobody's
    return d.claim(source, t.text, "indirect", start, end)


def _make_clear_claim(d: _Doc, t, blocked: _Spans) -> Claim | None:
    """"X made (it) clear that ...": the "that" clause hanging on "made" or on "clear"."""
    clear = next(
        (c for c in t.children if c.lower_ in ("clear", "plain") and c.dep_ in ("oprd", "ccomp", "acomp")), None
    )
    if clear is None:
        return None
    clause = next((c for c in (*t.children, *clear.children) if c.i > clear.i and c.dep_ in ("ccomp", "advcl")
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)
    if clause is None:
        return None
    doc = d.doc
    last = doc[clause.right_edge.i]
    start, end = _clip(d, t.idx, doc[clause.left_edge.i].idx, last.idx + len(last))
    if blocked.covered(start, end, 0.5):
        return None
    source = _source_of_verb(d, t)
    if source is None:
        return None
    return d.claim(source, f"{t.text} {clear.text}", "indirect", start, end)


def _seem_claim(d: _Doc, t, blocked: _Spans) -> Claim | None:
    """"X seems to ...", "X appeared upset": the subject with its complement; the source is the
    subject, or "to Y" when it says whose impression it is ("it seems to me that ...")."""
    doc = t.doc
    comps = [c for c in t.children if c.i > t.i and c.dep_ in ("xcomp", "acomp", "attr", "ccomp", "oprd")]
    if not comps:
        return None
    subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < t.i), None)
    lo = subj.left_edge.i if subj is not None and subj.lower_ not in NON_SOURCES else min(
        c.left_edge.i for c in comps)
    hi = max(c.right_edge.i for c in comps)
    if hi - lo + 1 < 3:
        return None
    start, end = _clip(d, t.idx, doc[lo].idx, doc[hi].idx + len(doc[hi]))
    if blocked.covered(start, end, 0.5):
        return None
    source = _Source(None, None, None)
    if subj is not None and subj.lower_ not in NON_SOURCES:
        source = _source_of_token(d, subj)  # whose words or manner gave the impression
    for c in t.children:
        if c.dep_ == "prep" and c.lower_ == "to":
            obj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if obj is not None:
                source = _source_of_token(d, obj)
    return d.claim(source, t.text, "indirect", start, end)


def _cue_text(t) -> str:
    parts = [t]
    for c in t.children:
        if c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ in PREP_CUES and t.lemma_.lower() in PREP_CUES[c.lower_]):
            parts.append(c)
    parts.sort(key=lambda x: x.i)
    return " ".join(p.text for p in parts)


def _content_span(t, lemma: str, only_prep: bool = False) -> tuple[int, int] | None:
    """The reported content of a cue verb: its complement clause, infinitive, object or prepositional object.

    ``only_prep``: a verb that reports only with its preposition ("sees Y as ..."), not with a clause.
    A side-taking verb (cues.STANCE) keeps a one-word object ("endorsed Clinton").
    """
    doc = t.doc
    comps = []  # (first token index, last token index)
    obj = None
    takes_object = False  # an infinitive, naming or prepositional content includes the object before it
    for c in t.children:
        dep = c.dep_
        if only_prep and dep != "dobj" and not (dep == "prep" and c.lower_ in NOT_CUES_UNLESS):
            continue
        if dep == "ccomp" and lemma in CLAUSE_CUES:
            comps.append((c.left_edge.i, c.right_edge.i))
        elif dep == "xcomp" and lemma in INTENT and c.i > t.i:
            comps.append((c.left_edge.i, c.right_edge.i))
            takes_object = True
        elif dep == "dobj" and c.i > t.i and c.tag_ not in ("WDT", "WP"):
            obj = c
            if lemma in OBJECT:
                comps.append((c.left_edge.i, c.right_edge.i))
        elif dep == "oprd" and lemma in NAMING and c.i > t.i:
            comps.append((c.left_edge.i, c.right_edge.i))
            takes_object = True
        elif dep == "prep" and c.i > t.i and lemma in OBJECT and c.lower_ in ("for", "as", "over"):
            if c.right_edge.i > c.i:
                comps.append((c.i + 1, c.right_edge.i))  # "decried the GOP for ...", "praised X as ..."
                takes_object = True
        elif dep in ("prep", "mark") and c.i > t.i and lemma in PREP_CUES.get(c.lower_, ()):
            if c.right_edge.i > c.i:
                comps.append((c.i + 1, c.right_edge.i))
                takes_object = True
        elif dep == "advcl" and lemma == "call" and c.i > t.i and any(
            w.lower_ in ("for", "on") for w in doc[t.i + 1 : c.i]
        ):
            comps.append((c.left_edge.i, c.right_edge.i))
    if not comps and t.dep_ == "parataxis" and lemma in CLAUSE_CUES and _nsubj(t) is not None:
        head = t.head
        return _span_of(doc, head.left_edge.i, head.right_edge.i)
    if not comps:
        return None
    lo = min(a for a, _ in comps)
    hi = max(b for _, b in comps)
    if lo > t.i and obj is not None and t.i < obj.i < lo and takes_object:
        # "urged Congress to act", "called it a disaster", "accused him of lying": the object belongs in
        lo = obj.left_edge.i
    if doc[lo].lower_ in ("for", "on") and lemma == "call":
        lo += 1
    if hi - lo + 1 < 2 and not (lemma in STANCE and doc[lo].pos_ in ("PROPN", "PRON", "NOUN")):
        return None
    return _span_of(doc, lo, hi)


def _clip(d: _Doc, at: int, start: int, end: int) -> tuple[int, int]:
    """Clip a content span to the paragraph of its cue."""
    a, b = d.paras[d.para_of(at)]
    return max(start, a), min(end, b)


def _span_of(doc, lo: int, hi: int, skip=None) -> tuple[int, int] | None:
    if hi < lo:
        return None
    return doc[lo].idx, doc[hi].idx + len(doc[hi])


_POLL_NOUNS = frozenset("poll polls survey surveys study studies".split())


def _in_poll_claim(d: _Doc, t, blocked: _Spans) -> Claim | None:
    """"In a Register poll, Cruz had a lead" / "Trump leads in the latest polls": a poll's finding."""
    obj = next((c for c in t.children if c.dep_ == "pobj"), None)
    if obj is None or obj.lower_ not in _POLL_NOUNS or t.head.pos_ not in ("VERB", "AUX"):
        return None
    doc = d.doc
    head = t.head
    sent = t.sent
    para_lo = d.token_at(d.paras[d.para_of(t.idx)][0])
    lo, hi = max(head.left_edge.i, sent.start, para_lo), min(head.right_edge.i, sent.end - 1)
    if t.left_edge.i <= lo:
        lo = t.right_edge.i + 1
    elif t.right_edge.i >= hi:
        hi = t.left_edge.i - 1
    else:
        hi = t.left_edge.i - 1  # "X leads in polls despite ...": the finding before the phrase
    while lo <= hi and doc[lo].is_punct:
        lo += 1
    if hi - lo + 1 < 2:
        return None
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi])
    if blocked.covered(start, end, 0.5):
        return None
    words = _np_tokens(obj)
    sa, sb = min(w.idx for w in words), max(w.idx + len(w) for w in words)
    return d.claim(_Source(None, (sa, sb), d.text[sa:sb]), "in", "indirect", start, end)


def _according_claim(d: _Doc, t, blocked: _Spans) -> Claim | None:
    """"According to X, ..." / "..., according to X": the clause the phrase attaches to."""
    doc = d.doc
    if t.i + 1 >= len(doc) or doc[t.i + 1].lower_ != "to":
        return None
    source = _according_source(d, t)
    if source is None:
        return None
    head = t.head
    while head.dep_ not in ("ROOT", "ccomp", "conj") and head.head is not head and head.pos_ not in ("VERB", "AUX"):
        head = head.head
    phrase_lo, phrase_hi = t.left_edge.i, t.right_edge.i
    lo, hi = head.left_edge.i, head.right_edge.i
    sent = t.sent
    lo, hi = max(lo, sent.start), min(hi, sent.end - 1)
    if phrase_lo <= lo:
        lo = phrase_hi + 1
    elif phrase_hi >= hi:
        hi = phrase_lo - 1
    if hi - lo + 1 < 3:
        return None
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi])
    if blocked.covered(start, end, 0.5) or blocked.contains(t.idx):
        return None
    return d.claim(source, "according to", "indirect", start, end)
