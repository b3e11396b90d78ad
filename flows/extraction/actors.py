"""Actors: named people, organisations and countries, canonicalised within a document.

``extract_actors(doc, text)`` turns spaCy entities plus general rules into ``Actor`` records:

- people: "Mr. Putin", "Putin’s", "Russian President Vladimir Putin" are one actor "Vladimir Putin"
  (honorifics, titles and possessives stripped; a surname alone joins the full name seen in the
  document; spelling variants of a given name with the same surname and initial join too);
- countries: names, abbreviations ("U.S."), singular adjectives ("Russian"), "the Russians" and
  capitals used for their government ("Moscow says") are mentions of the country;
- organisations: "the Levada Center" = "Levada Center"; acronyms ("FSA" = "Free Syrian Army"),
  parenthesised aliases ("Daesh (ISIS, ISIL)"), shorter forms ("Aerospace Forces") and translated
  generic heads ("Nusra Front" = "Jabhat al-Nusra") join;
- groups ("Russians" as people, "rebels", "experts", "Alawites") are kind "group"; places that are
  not countries (cities, regions) are kind "other";
- roles and affiliations stated next to a name: "Russian Foreign Minister Sergei Lavrov" (role
  "Foreign Minister", affiliation "Russia"), "Alexei Mukhin, director of the Center for ..."
  (role "director", affiliation the centre).

Every mention is a [start, end) span into the original text (the Doc is over a same-length copy).
All rules are linear passes over entities and tokens, with small bounded look-arounds.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

from . import names as nm
from .model import Actor

_ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "PRODUCT", "WORK_OF_ART"})
_LOCATIVES = frozenset("in at near outside inside around across throughout via into".split())
_MEDIA_NOUNS = frozenset(
    "daily weekly newspaper paper magazine tabloid broadsheet broadcaster channel outlet agency website "
    "journal network station radio publication".split()
)
_NEWSPAPER_WORDS = frozenset("times post journal observer tribune herald gazette chronicle globe guardian "
                             "telegraph independent economist atlantic hill blaze register".split())
_PERSON_FOLLOWERS = frozenset("regime government administration family campaign presidency era".split())
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_PERSON_LABELS = frozenset({"PERSON", "HONORIFIC", "SURNAME"})
_REPORT_LEMMAS = frozenset({"report", "say", "write", "publish", "announce", "claim", "quote", "cite"})
_NAME_CONNECTORS = frozenset({"and", "&", "of"})
_TITLE_WORDS = frozenset(nm.words(" ".join(nm.TITLES))) - {"of", "the"}
_COMPANY_AFTER_COMMA = re.compile(r",\s*(?:Inc|Ltd|LLC|L\.?P|Co|Corp|S\.?A|N\.?A)\b")
_INSTITUTIONS = frozenset({"senate"})  # title words that alone name an organisation
# Last words of the names of places and buildings, which say or do nothing ("Bank of America Stadium").
_PLACE_HEADS = frozenset("stadium arena airport square avenue bridge park plaza mall".split())

_PRE_TITLE = re.compile(
    rf"(?:^|(?<=\s))(?:(?P<aff>(?:[A-Z][\w.&'’-]*\s+){{1,3}}?))??"
    rf"(?P<title>(?:{nm.TITLE_ALTERNATION})|(?:[a-z][\w-]*\s+){{0,2}}(?:{'|'.join(sorted(nm.ROLE_NOUNS))}))\s+$",
)
_POST_ROLE = re.compile(
    r",\s+(?:(?:a|an|the)\s+)?(?P<role>(?:[a-z][\w-]*\s+){0,3}(?:"
    + "|".join(sorted(nm.ROLE_NOUNS, key=len, reverse=True))
    + r"))(?=[\s,])(?:\s+(?:of|at|with|for|from|in)\s+(?P<rest>[^,.;:“”\"()]{0,120}))?"
)
_TRAILING_LOWER = re.compile(
    r"(?:\s+(?!(?:" + "|".join(sorted(nm.NAME_PARTICLES)) + r")\b)[a-z][\w’'-]*)+$"
)
# Where an entity the model ran over two things breaks: a colon, a sentence end ("Real Clear Politics. The
# Iowa Electronic Markets"), a possessive before a person's name ("National Review’s Ian Tuttle").
_INNER_BREAK_PERSON = re.compile(r"(?::|(?<=[a-z]{2})\.|['’]s)[ \t]+(?=[A-Z])")
# Lower-case words that say the name after them is a person's ("Concord resident Whit Symms").
_PEOPLE_NOUNS = frozenset("resident voter citizen student veteran worker retiree mother father widow neighbor "
                          "neighbour supporter volunteer".split())
_AGE_AFTER = re.compile(r",[ \t]+\d{1,3},")  # "Whit Symms, 61, a retired engineer"
_SENT_BREAK = re.compile(r"(?<=[a-z]{3})[.!?][\"”’)]*\s+")
_TITLE_END = re.compile(rf"(?:{nm.TITLE_ALTERNATION})$", re.IGNORECASE)
_TRIM_LEFT = re.compile(r"^(?:[\s\"“”'‘’(\[,;:&/-]|(?:the|The|THE|a|A|an|An)\s+)+")
_TRIM_RIGHT = re.compile(r"(?:[\s\"“”’'‘)\],;:&/.!?-]|['’‘ʼ]s|\s+(?:and|or|&))+$")  # "Obama‘s": a mistyped ‘ too
_HONORIFIC_PREFIX = re.compile(
    r"^(?:(?:" + "|".join(sorted(nm.HONORIFICS, key=len, reverse=True)) + r")\.?\s+)+", re.IGNORECASE
)


# --------------------------------------------------------------------------- the index


@dataclass
class ActorIndex:
    """The actors of one document and look-ups from text positions and names to them."""

    actors: list[Actor] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._signature: tuple | None = None

    # -- indexes (rebuilt when the actor list changes) --
    def _index(self) -> None:
        signature = (len(self.actors), sum(len(a.mentions) for a in self.actors), tuple(map(id, self.actors)))
        if signature == self._signature:
            return
        self._signature = signature
        spans = sorted((s, e, i) for i, a in enumerate(self.actors) for s, e in a.mentions)
        self._spans = spans
        self._span_starts = [s for s, _, _ in spans]
        self._max_len = max((e - s for s, e, _ in spans), default=0)
        people = [(s, i) for s, _, i in spans if self.actors[i].kind == "person"]
        self._person_starts = [s for s, _ in people]
        self._person_ids = [i for _, i in people]
        keys: dict[str, int] = {}
        surnames: dict[str, set[int]] = {}
        cores: dict[str, int] = {}
        for i, actor in enumerate(self.actors):
            for surface in [actor.name, *actor.aliases]:
                keys.setdefault(_lookup_key(surface), i)
                keys.setdefault(" ".join(nm.words(surface)), i)
            if actor.kind == "person":
                surnames.setdefault(nm.person_key(actor.name), set()).add(i)
            elif actor.kind == "organization":
                cores.setdefault(nm.org_core(actor.name), i)
        self._keys, self._surnames, self._cores = keys, surnames, cores

    def actor_at(self, start: int, end: int) -> Actor | None:
        """The actor with a mention overlapping [start, end) (the largest overlap wins), if any."""
        self._index()
        hi = bisect_left(self._span_starts, end)
        lo = bisect_left(self._span_starts, start - self._max_len)
        best, best_overlap = None, 0
        for s, e, i in self._spans[lo:hi]:
            overlap = min(e, end) - max(s, start)
            if overlap > best_overlap or (overlap == best_overlap == 0 and s < end and start < e):
                best, best_overlap = self.actors[i], overlap
        if best is None and start == end:  # a point: the mention containing it
            for s, e, i in self._spans[lo:hi]:
                if s <= start < e:
                    return self.actors[i]
        return best

    def resolve_name(self, text: str) -> Actor | None:
        """The actor this surface form names ("Mr. Putin", "Putin’s" -> Vladimir Putin; "Moscow" -> Russia)."""
        self._index()
        if not text or not text.strip():
            return None
        for key in (_lookup_key(text), " ".join(nm.words(text))):
            if key in self._keys:
                return self.actors[self._keys[key]]
        country = nm.country_of(text, capitals=True)
        if country:
            for actor in self.actors:
                if actor.kind == "country" and actor.name == country:
                    return actor
        candidates = self._surnames.get(nm.person_key(text), set())
        if len(candidates) == 1:
            return self.actors[next(iter(candidates))]
        if len(candidates) > 1:
            given = nm.given_name(text)
            same = [i for i in candidates if given and nm.given_name(self.actors[i].name)[:1] == given[:1]]
            if len(same) == 1:
                return self.actors[same[0]]
            if not given:  # a bare surname: the person the document introduced first (see _namesake)
                return min((self.actors[i] for i in candidates), key=lambda a: min(a.mentions, default=(0, 0)))
        if " " not in text.strip():  # a first name alone ("Ivanka") for the one person of that first name
            first = [a for a in self.actors if a.kind == "person" and nm.given_name(a.name) == nm.fold(text.strip())]
            if len(first) == 1:
                return first[0]
        core = nm.org_core(text)
        if core in self._cores:
            return self.actors[self._cores[core]]
        return None

    def last_person_before(self, offset: int) -> Actor | None:
        """The person mentioned last before this offset (for resolving 'he says')."""
        self._index()
        at = bisect_left(self._person_starts, offset) - 1
        return self.actors[self._person_ids[at]] if at >= 0 else None

    def actors_in(self, start: int, end: int) -> list[tuple[tuple[int, int], Actor]]:
        """Every mention overlapping [start, end) with its actor, in text order."""
        self._index()
        lo = bisect_left(self._span_starts, start - self._max_len)
        hi = bisect_right(self._span_starts, end - 1) if end > start else lo
        return [((s, e), self.actors[i]) for s, e, i in self._spans[lo:hi] if s < end and start < e]

    def of_kind(self, *kinds: str) -> list[Actor]:
        return [a for a in self.actors if a.kind in kinds]

    def persons(self) -> list[Actor]:
        return self.of_kind("person")

    def organizations(self) -> list[Actor]:
        return self.of_kind("organization")

    def countries(self) -> list[Actor]:
        return self.of_kind("country")

    def groups(self) -> list[Actor]:
        return self.of_kind("group")


def _lookup_key(surface: str) -> str:
    return " ".join(nm.words(nm.strip_honorifics(surface)))


# --------------------------------------------------------------------------- extraction


@dataclass
class _Mention:
    start: int
    end: int
    surface: str  # the name as written, trimmed
    kind: str  # person / organization / country / group / other
    label: str
    alias: str = ""  # the longer surface form ("Mr. Putin", "Russian President Vladimir Putin")
    country: str | None = None
    tentative: bool = False  # lower-case or otherwise doubtful: kept only if it joins a known actor
    titled: bool = False  # right after a title ("President Obama")


def extract_actors(doc, text: str) -> ActorIndex:
    """The document's actors with canonical names, aliases, roles, affiliations and mention spans."""
    ctx = _Context(doc, text)
    mentions = ctx.entity_mentions()
    mentions += ctx.token_mentions(mentions)
    mentions.sort(key=lambda m: (m.start, -m.end))
    actors = _Builder(ctx, mentions).build()
    actors = _couples_share_surname(doc, actors)
    actors.sort(key=lambda a: a.mentions[0][0] if a.mentions else 0)
    return ActorIndex(actors)


def _couples_share_surname(doc, actors: list[Actor]) -> list[Actor]:
    """"my parents, James and Olive Meehan": two people, James Meehan and Olive Meehan. The model
    tags the first given name alone and the surname with the second; a bare "James" becomes "James
    Meehan" and the "Olive Meehan" words are hers, not another Meehan's."""
    for couple in _couples(doc):
        for name, (start, end) in couple:
            holders = [a for a in actors if any(s < end and start < e for s, e in a.mentions)]
            mine = [a for a in holders if a.kind == "person" and set(nm.words(a.name)) <= set(nm.words(name))]
            actor = mine[0] if mine else None
            for other in holders:
                if other is not actor:  # the surname's words were read as another Meehan's
                    other.mentions = [(s, e) for s, e in other.mentions if not (s < end and start < e)]
                    kept = {doc.text[s:e] for s, e in other.mentions}
                    other.aliases = [a for a in other.aliases if a in kept]
            if actor is None:
                actor = Actor(name=name, kind="person")
                actors.append(actor)
            elif actor.name != name:
                actor.aliases.append(actor.name)
                actor.name = name
            actor.mentions = sorted({*actor.mentions, (start, end)} - {
                (s, e) for s, e in actor.mentions if s < end and start < e and (s, e) != (start, end)})
    return [a for a in actors if a.mentions]


def _couples(doc):
    """Each "G1 and G2 Surname" (two given names the gender table is sure of, one capitalised surname
    after them, no further name word) as ((G1 Surname, span of G1), (G2 Surname, span of G2 Surname))."""
    for i in range(len(doc) - 3):
        first, joiner, second, last = doc[i], doc[i + 1], doc[i + 2], doc[i + 3]
        if joiner.lower_ != "and" or not (first.is_title and second.is_title and last.is_title):
            continue
        if last.pos_ != "PROPN" or first.ent_type_ in ("GPE", "ORG", "NORP", "LOC"):
            continue  # "Jordan and Hillary Clinton": a country and a person
        after = doc[i + 4] if i + 4 < len(doc) else None
        if after is not None and after.is_title and after.pos_ == "PROPN":
            continue
        before = doc[i - 1] if i > 0 else None
        if before is not None and before.is_title and before.pos_ == "PROPN":
            continue  # "Donald Trump and Hillary Clinton": two full names, not a couple
        if not all(nm.first_name_gender(t.text, sure_only=True) for t in (first, second)):
            continue
        yield ((f"{first.text} {last.text}", (first.idx, first.idx + len(first.text))),
               (f"{second.text} {last.text}", (second.idx, last.idx + len(last.text))))


class _Context:
    """The Doc, the text and cheap per-document look-ups shared by the rules."""

    def __init__(self, doc, text: str) -> None:
        self.doc = doc
        self.text = text
        self._lower_words: set[str] | None = None
        self._people_in_body: set[str] | None = None

    # -- helpers --
    def lower_words(self) -> set[str]:
        """Words written in lower case somewhere in the document (built on first use)."""
        if self._lower_words is None:
            self._lower_words = {t.text for t in self.doc if t.is_lower and t.ent_type_ not in _NAME_LABELS}
        return self._lower_words

    def in_headline(self, start: int, end: int) -> bool:
        """Inside a short line written in title case (a headline)."""
        text = self.text
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        if line_end - line_start > 200:
            return False
        ws = [w for w in text[line_start:line_end].split() if w[:1].isalpha()]
        return len(ws) >= 3 and sum(w[0].isupper() for w in ws) >= 0.6 * len(ws)

    def common_word(self, surface: str) -> bool:
        """The surface is an ordinary word the document also writes in lower case ('Cease-Fire')."""
        low = self.lower_words()
        lowered = surface.lower()
        return lowered in low or lowered.replace("-", "") in low or all(
            part in low for part in lowered.split("-") if part
        ) and "-" in lowered

    # -- entity mentions --
    def entity_mentions(self) -> list[_Mention]:
        doc, text = self.doc, self.text
        out: list[_Mention] = []
        for ent in doc.ents:
            label = ent.label_
            if label not in _ENTITY_LABELS:
                continue
            before = doc[ent.start - 1] if ent.start > 0 else None
            after = doc[ent.end] if ent.end < len(doc) else None
            honorific = before is not None and nm.is_honorific(before.text)
            ent_start = ent.start_char
            if label in ("ORG", "PERSON") and len(ent) > 2:  # "the Kazan daily Vedomosti": the name follows the noun
                for tok in ent[:-1]:
                    if tok.is_lower and tok.lower_ in _MEDIA_NOUNS:
                        ent_start, before = tok.idx + len(tok.text), tok
            if label == "PERSON" and len(ent) > 1:  # "Injecting Clinton": a verb the model swept in
                k = 0
                while k < len(ent) - 1 and ent[k].lower_ not in nm.NAME_PARTICLES and (
                    ent[k].pos_ in ("VERB", "ADJ", "ADV", "AUX", "PRON", "DET")
                    or ent[k].tag_ == "VBG" or (len(ent[k]) >= 7 and ent[k].lower_.endswith("ing"))
                ):
                    k += 1
                if k:
                    ent_start, before = ent[k].idx, ent[k - 1]
            ent_end = ent.end_char
            if label in ("ORG", "PERSON"):  # "Perfect Enough: Carly Fiorina", "National Review’s Ian Tuttle"
                inner = [m.end() for m in _INNER_BREAK_PERSON.finditer(text, ent_start, ent_end)
                         if set(text[m.end():ent_end].lower().split()) - {"the", "a", "an"} and (
                             label == "PERSON" or not m.group().startswith(("'", "’"))
                             or nm.first_name_gender(text[m.end():ent_end].split()[0], sure_only=True))]
                if inner and inner[-1] < ent_end:
                    ent_start, before = inner[-1], None
            if label in ("ORG", "PERSON", "FAC", "PRODUCT", "WORK_OF_ART") and self._title_line(ent_start):
                ent_end = self._headline_name_end(ent, ent_start)  # "Donald Trump Invokes" -> "Donald Trump"
                if ent_end <= ent_start:
                    continue
                if label == "PERSON":
                    ent_start, ent_end = self._headline_surname(ent, ent_start, ent_end)
            if label == "PERSON" and len(ent) == 1 and not self._title_line(ent_start) and \
                    self._surname_left_out(ent, after):
                ent_end, after = after.idx + len(after.text), doc[ent.end + 1] if ent.end + 1 < len(doc) else None
            parts = _split_parts(text, ent_start, ent_end, label)
            for s, e in parts:
                part_label = label if len(parts) == 1 or label in ("NORP", "GPE") else "SPLIT_" + label
                m = self._classify(s, e, part_label, before, after, honorific)
                if m is not None:
                    out.append(m)
        return out

    def _headline_surname(self, ent, start: int, end: int) -> tuple[int, int]:
        """A title-case headline's "person" the body never writes, holding the surname of someone the body
        names in full, is that surname and the given names next to it: "Double Standard Clinton" ->
        "Clinton", "Clinton And Trump Face" -> "Trump" (with "Hillary Clinton", "Donald Trump" below)."""
        surface = self.text[start:end]
        if " " not in surface or surface in self._body_people():
            return start, end
        tokens = [t for t in ent if start <= t.idx and t.idx + len(t.text) <= end]
        surnames = {name.split()[-1] for name in self._body_people() if " " in name}
        for k, tok in enumerate(tokens):
            if tok.text in surnames:
                first = k
                while first > 0 and nm.first_name_gender(tokens[first - 1].text, sure_only=True):
                    first -= 1
                return tokens[first].idx, tok.idx + len(tok.text)
        return start, end

    def _body_people(self) -> set[str]:
        """The names the model tags PERSON outside headline lines (built on first use)."""
        if self._people_in_body is None:
            self._people_in_body = {e.text for e in self.doc.ents if e.label_ == "PERSON"
                                    and not self._title_line(e.start_char)}
        return self._people_in_body

    def _surname_left_out(self, ent, after) -> bool:
        """A lone given name the model tagged without the capitalised word after it: "Patty Judge (D)" gave
        "Patty" (the surname is also a title). The word joins when it is a proper noun in no entity, ends
        the name (no further proper noun) and the tagged word is a given name the gender table is sure of.
        Not on headline lines, where every word is capitalised ("Clinton Campaign Reportedly ...")."""
        if after is None or not after.is_title or after.pos_ != "PROPN" or after.ent_type_ or after.is_sent_start:
            return False
        following = after.doc[after.i + 1] if after.i + 1 < len(after.doc) else None
        if following is not None and (following.pos_ == "PROPN" and following.is_title or following.lower_ == "of"):
            return False  # a longer name, or a title phrase ("Clinton Chief of Staff Cheryl Mills")
        if after.whitespace_ == "" and following is not None and following.text in ("'s", "’s"):
            return False
        return nm.first_name_gender(ent.text, sure_only=True) is not None

    def _title_line(self, at: int) -> bool:
        """A headline: the document's first line, or a short line with every word capitalised."""
        start = self.text.rfind("\n", 0, at) + 1
        if not self.text[:start].strip():
            return self.in_headline(at, at)
        end = self.text.find("\n", at)
        ws = [w for w in self.text[start:end if end >= 0 else len(self.text)].split() if w[:1].isalpha()]
        return 3 <= len(ws) <= 16 and all(w[0].isupper() or w in ("a", "an", "the", "of", "and", "to") for w in ws)

    def _shouted_line(self, at: int) -> bool:
        """The line holding ``at`` is written in capitals ("HE'S BEEN CALLED OUT BY FELLOW DOCTORS")."""
        start = self.text.rfind("\n", 0, at) + 1
        end = self.text.find("\n", at)
        letters = [c for c in self.text[start:end if end >= 0 else len(self.text)] if c.isalpha()]
        return len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)

    def _headline_name_end(self, ent, start: int) -> int:
        """Where a name in a title-case headline stops: before the first word that is not a name's
        (a verb, adverb, preposition or pronoun, or a word the article writes in lower case), so
        "Wells Fargo Fails" is "Wells Fargo" and "Newly Released Document Reveals ..." no name."""
        end = start
        lower = self.lower_words()
        kept = 0
        for tok in ent:
            if tok.idx < start:
                continue
            low = tok.lower_
            nxt = tok.nbor(1).lower_ if tok.i + 1 < ent.end else ""
            if low not in _NAME_CONNECTORS and low not in nm.NAME_PARTICLES and (
                tok.pos_ in ("VERB", "AUX", "ADV", "ADP", "PRON", "PART", "SCONJ")
                or (low in lower and low not in nm.ORG_SUFFIXES and not nm.first_name_gender(low, sure_only=True))
                # "Hillary Clinton Slams Donald Trump": a word between two names is the headline's verb
                or (kept >= 2 and nm.first_name_gender(nxt, sure_only=True) and not nm.first_name_gender(low))
            ):
                break
            end = tok.idx + len(tok.text)
            kept += 1
        return end

    def _classify(self, s, e, label, before, after, honorific) -> _Mention | None:
        text = self.text
        split = label.startswith("SPLIT_")
        base = label[6:] if split else label
        s, e = _trim(text, s, e)
        if "\n" in text[s:e]:  # an entity run over a line break ("Fault\nTed Cruz"): the line it ends on
            s, e = _trim(text, s + text[s:e].rindex("\n") + 1, e)
        if e <= s:
            return None
        raw = text[s:e]
        # titles and honorifics inside the entity ("President Putin", "Mr Kerry")
        stripped = nm.strip_honorifics(raw) if label != "ORG" or _HONORIFIC_PREFIX.match(raw) else raw
        if stripped != raw and stripped:
            inner = raw.rfind(stripped)
            if inner > 0:
                title_text = raw[:inner]
                s += inner
                raw = stripped
                honorific = honorific or bool(_HONORIFIC_PREFIX.match(title_text)) or label == "PERSON"
        if not raw[:1].isalnum():
            return None
        if base in ("ORG", "PERSON"):  # "E.U. nations" -> "E.U."
            tail = _TRAILING_LOWER.search(raw)
            if tail and tail.start() > 0:
                raw = raw[: tail.start()]
                e = s + len(raw)
        bare_title = raw.lower() in _TITLE_WORDS and raw.lower() not in _INSTITUTIONS
        if bare_title or raw.lower().rstrip(".") in nm.HONORIFICS:
            return None  # a bare title ("President"); "the Senate" is an institution
        if raw.isupper() and self._shouted_line(s) and all(w in self.lower_words() for w in raw.lower().split()):
            return None  # a shouted ordinary word ("CALLED OUT BY FELLOW DOCTORS"), not an acronym
        possessive = text.startswith(("’s", "'s", "‘s"), e)
        prev_word = before.lower_ if before is not None else ""
        lower = raw.islower()
        words = nm.words(raw)
        if not words:
            return None
        if base in ("ORG", "PERSON", "PRODUCT", "WORK_OF_ART") and self._inside_title(s, e):
            return None  # "State" of "Secretary of State"
        if honorific and label != "NORP" and nm.country_of(raw) is None:
            return _Mention(s, e, raw, "person", "HONORIFIC", tentative=lower)
        if base == "ORG" and ", " in raw and "&" not in raw and not _COMPANY_AFTER_COMMA.search(raw):
            return None  # "Cleanliness, Godliness": a list of capitalised words, not one organisation's name
        if base in ("ORG", "PERSON", "PRODUCT", "LAW") and " ".join(words[words[0] == "the":]) in nm.NOT_ACTORS:
            return None  # a programme, law or index ("Obamacare", "Medicaid", "the Dow")
        if base == "PERSON" and len(words) == 1 and prev_word == "the" and raw.endswith("s") \
                and (after is None or after.pos_ not in ("NOUN", "PROPN")) and f"{raw[:-1]} " in text:
            return _Mention(s, e, raw, "group", label)  # "the Clintons": a family, not one person
        if base == "ORG" and len(words) > 1 and words[-1] in _PLACE_HEADS:
            return _Mention(s, e, raw, "other", label)  # "Bank of America Stadium": a place, not the bank
        group_word = " ".join(words) in nm.GROUP_WORDS
        if group_word:
            return _Mention(s, e, raw, "group", label)
        if nm.is_region(raw):
            return _Mention(s, e, raw, "other", label)
        if label in ("GPE", "NORP", "LOC", "ORG"):
            country = nm.country_of(raw)
            if label == "NORP" and country is None:
                country = nm.COUNTRY_PLURALS.get(" ".join(words))
                if country:  # "Russians": people, unless "the Russians" acting as the country
                    if prev_word == "the" and before is not None and before.idx + 4 == s:
                        return _Mention(s, e, raw, "country", label, alias="the " + raw, country=country)
                    return _Mention(s, e, raw, "group", label, country=country)
            if country is None and label == "GPE":
                capital = nm.CAPITALS.get(" ".join(words))
                if capital and (possessive or prev_word not in _LOCATIVES):
                    country = capital
            if country:
                return _Mention(s, e, raw, "country", label, country=country)
        if label in ("GPE", "LOC", "FAC"):
            return _Mention(s, e, raw, "other", label, tentative=lower)
        if label == "NORP":
            plural = words[-1].endswith("s") and len(words[-1]) > 3
            demonymish = re.search(r"(?:an|ese|ish|i|ic|ch|ite)$", words[-1]) is not None
            return _Mention(s, e, raw, "group" if plural or demonymish else "other", label)
        if self.in_headline(s, e) and self.common_word(raw):
            return None
        if split:  # one side of "Assad/Putin": a person or organisation, decided by the rest of the document
            return _Mention(s, e, raw, "person" if base == "PERSON" else "organization", label, tentative=True)
        if label == "PERSON" and len(words) == 1 and prev_word in ("on", "via") and not titled_before(before):
            return _Mention(s, e, raw, "organization", label)  # "on Twitter", "via Facebook": a platform
        if label == "PERSON" and len(words) == 1 and not possessive and self._after_locative(before):
            return _Mention(s, e, raw, "other", label)  # "in Homs": a place the model took for a person
        if label == "PERSON":
            if prev_word in _MEDIA_NOUNS or (words[-1] in nm.ORG_SUFFIXES or words[-1] == "house") and len(words) > 1:
                return _Mention(s, e, raw, "organization", label, tentative=lower)
            if raw.isupper() and len(raw) > 1 and " " not in raw:
                return _Mention(s, e, raw, "organization", label, tentative=lower)
            titled = before is not None and before.lower_.rstrip(".") in _TITLE_WORDS
            return _Mention(s, e, raw, "person", label, tentative=lower, titled=titled)
        if label == "ORG":
            if len(words) == 1 and raw.endswith("s") and self._listed_with_group(before, after):
                return _Mention(s, e, raw, "group", label)  # "Saudis and Qataris" with Qataris mis-tagged
            return _Mention(s, e, raw, "organization", label, tentative=lower)
        # PRODUCT / WORK_OF_ART: a person right after an honorific (above), or a publication that reports
        if after is not None and after.lemma_ in _REPORT_LEMMAS and nm.looks_like_name(raw):
            return _Mention(s, e, raw, "organization", "MEDIA")
        return None

    def _after_locative(self, before) -> bool:
        """Preceded by 'in'/'near'/..., directly or after another entity and a conjunction ('in A and B')."""
        if before is None:
            return False
        if before.lower_ in _LOCATIVES:
            return True
        if before.lower_ in ("and", "or", ",") and before.i > 0:
            prev = self.doc[before.i - 1]
            if prev.ent_type_ and prev.ent_type_ != "PERSON":
                first = prev.i  # walk back to the entity's first token
                while first > 0 and self.doc[first].ent_iob_ == "I":
                    first -= 1
                return first > 0 and self.doc[first - 1].lower_ in _LOCATIVES
        return False

    def _listed_with_group(self, before, after) -> bool:
        """Coordinated with a NORP entity: '<NORP> and X' or 'X and <NORP>'."""
        doc = self.doc
        if before is not None and before.lower_ in ("and", "or", ",") and before.i > 0:
            if doc[before.i - 1].ent_type_ == "NORP":
                return True
        if after is not None and after.lower_ in ("and", "or", ",") and after.i + 1 < len(doc):
            return doc[after.i + 1].ent_type_ == "NORP"
        return False

    def _inside_title(self, s: int, e: int) -> bool:
        window = self.text[max(0, s - 30):e]
        if not nm.may_end_in_title(window):
            return False
        match = _TITLE_END.search(window)
        return bool(match) and match.start() < len(window) - (e - s)

    # -- token rules --
    def token_mentions(self, found: list[_Mention]) -> list[_Mention]:
        """People after an honorific that NER missed; media named before a reporting verb
        ("Stars and Stripes reports"); known surnames NER missed."""
        doc, text = self.doc, self.text
        covered = set()
        for ent in doc.ents:
            covered.update(range(ent.start, ent.end))
        surnames = {nm.surname(m.surface) for m in found if m.kind == "person" and len(m.surface.split()) > 1}
        out: list[_Mention] = []
        n = len(doc)
        i = 0
        while i < n:
            tok = doc[i]
            if i in covered:
                i += 1
                continue
            if nm.is_honorific(tok.text) and tok.is_title and i + 1 < n and i + 1 not in covered:
                j = i + 1
                while j < n and j not in covered and doc[j].is_title and doc[j].pos_ == "PROPN":
                    j += 1
                if j > i + 1:
                    s, e = doc[i + 1].idx, doc[j - 1].idx + len(doc[j - 1].text)
                    s, e = _trim(text, s, e)
                    if e > s and text[s:e].lower() not in _TITLE_WORDS:  # not "Mr. President"
                        out.append(_Mention(s, e, text[s:e], "person", "HONORIFIC"))
                    i = j
                    continue
            if tok.lemma_ in _REPORT_LEMMAS and i > 1 and (i - 1) not in covered and doc[i - 1].is_title:
                j = i - 1
                while j > 0 and (j - 1) not in covered and (
                    doc[j - 1].is_title or doc[j - 1].lower_ in _NAME_CONNECTORS
                ):
                    j -= 1
                run = doc[j:i]
                if len(run) >= 3 and any(t.lower_ in _NAME_CONNECTORS for t in run) and run[0].is_title:
                    s, e = run[0].idx, run[-1].idx + len(run[-1].text)
                    out.append(_Mention(s, e, text[s:e], "organization", "MEDIA"))
            if (tok.is_upper and tok.is_alpha and 3 <= len(tok.text) <= 6 and i > 0 and doc[i - 1].lower_ == "the"
                    and nm.country_of(tok.text) is None):
                out.append(_Mention(tok.idx, tok.idx + len(tok.text), tok.text, "organization", "ACRONYM"))
            if surnames and tok.is_title and tok.pos_ == "PROPN" and tok.lower_ in surnames:
                s, e = _trim(text, tok.idx, tok.idx + len(tok.text))
                out.append(_Mention(s, e, text[s:e], "person", "SURNAME"))
            i += 1
        return out


def _split_parts(text: str, start: int, end: int, label: str) -> list[tuple[int, int]]:
    """'Assad/Putin' -> two parts; 'Russian-Syrian' and 'anti-Washington' (NORP/GPE) split on hyphens."""
    surface = text[start:end]
    seps = "/"
    if label in ("NORP", "GPE") and "-" in surface:
        seps = "/-"
    if not any(c in surface for c in seps):
        return [(start, end)]
    parts, s = [], start
    for k in range(start, end + 1):
        if k == end or text[k] in seps:
            if k > s:
                parts.append((s, k))
            s = k + 1
    if label in ("NORP", "GPE") and len(parts) > 1:
        parts = [(s, e) for s, e in parts if text[s:e].lower() not in {"anti", "pro", "non", "ex"}]
    return parts


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Shrink a span past edge punctuation, a leading article, a possessive and a trailing conjunction."""
    surface = text[s:e]
    left = _TRIM_LEFT.match(surface)
    if left:
        s += left.end()
    surface = text[s:e]
    right = _TRIM_RIGHT.search(surface)
    if right and right.start() > 0:
        keep = right.start()
        tail = surface[keep:]
        if tail.startswith(".") and nm._ends_with_abbreviation(surface[: keep + 1]):
            keep += 1  # "U.S." keeps its period
        e = s + keep
    return s, e


# --------------------------------------------------------------------------- clustering


class _Builder:
    def __init__(self, ctx: _Context, mentions: list[_Mention]) -> None:
        self.ctx = ctx
        self.mentions = _dedupe(mentions)

    def build(self) -> list[Actor]:
        surnames_tagged = {m.surface for m in self.mentions if m.label == "HONORIFIC" and " " not in m.surface}
        for m in self.mentions:  # "Anthony D. Weiner" tagged ORG: a person's name is a person
            if m.kind == "organization" and m.label == "ORG" and (
                    nm.looks_like_person_name(m.surface) or self._person_by_context(m, surnames_tagged)) \
                    and nm.words(m.surface)[-1] not in _NEWSPAPER_WORDS:  # "Des Moines Register" is a paper
                m.kind = "person"
        persons = [m for m in self.mentions if m.kind == "person"]
        person_actors, person_of_mention = self._people(persons)
        others = [m for m in self.mentions if id(m) not in person_of_mention and m.kind != "person"]
        actors = list(person_actors)
        actors += self._countries([m for m in others if m.kind == "country"])
        actors += self._groups([m for m in others if m.kind == "group"])
        actors += self._organisations([m for m in others if m.kind in ("organization", "other")])
        self._roles(person_actors, actors)
        actors = _merge_same_name(actors)
        for actor in actors:
            actor.mentions.sort()
            actor.aliases = [a for a in dict.fromkeys(actor.aliases) if a != actor.name]
        return [a for a in actors if a.mentions]

    def _person_by_context(self, m: _Mention, surnames_tagged: set[str]) -> bool:
        """An ORG-tagged two- or three-word name with no organisation word is a person when the model tags
        its last word with a title elsewhere ("Eswar Prasad" ... "Mr. Prasad said"), a word for a person
        comes before it ("Concord resident Whit Symms") or an age follows it ("Whit Symms, 61,")."""
        ws = m.surface.split()
        if not 2 <= len(ws) <= 3 or not all(w[:1].isupper() and w[1:].islower() for w in ws):
            return False
        if any(w in nm.ORG_SUFFIXES or w in nm.ORG_GENERIC for w in nm.words(m.surface)) or nm.country_of(m.surface):
            return False
        before = self.ctx.text[max(0, m.start - 30):m.start].split()
        described = bool(before) and (before[-1] in nm.ROLE_NOUNS or before[-1] in _PEOPLE_NOUNS)
        return ws[-1] in surnames_tagged or described or _AGE_AFTER.match(self.ctx.text, m.end) is not None

    # -- people --
    def _people(self, persons: list[_Mention]):
        clusters: list[dict] = []  # {"full": [names], "surname": str, "initial": str, "mentions": [...]}
        by_surname: dict[str, list[dict]] = {}
        singles: list[_Mention] = []
        for m in persons:
            core = [w for w in nm.person_words(m.surface) if w not in nm.NAME_PARTICLES]
            if len(core) < 2 or m.tentative:
                singles.append(m)
                continue
            surname, initial = nm.person_key(m.surface), core[0][:1]
            same = by_surname.get(surname, [])
            cluster = next((c for c in same if c["initial"] == initial), None) or next(
                (c for c in same if any(_suffix(core, x) or _suffix(x, core) for x in c["cores"])), None
            )
            if cluster is None:
                cluster = {"names": [], "cores": [], "surname": surname, "initial": initial, "given": core[0],
                           "mentions": []}
                clusters.append(cluster)
                by_surname.setdefault(surname, []).append(cluster)
            cluster["cores"].append(core)
            cluster["names"].append(m.surface)
            cluster["mentions"].append(m)
        # one-word names tagged PERSON in one place and ORG in another: the document's majority decides, a
        # PERSON tag counting twice (the small model tags surnames ORG far more often than organisations
        # PERSON); "taking on Trump", tagged PERSON but read as a platform ("on Twitter"), counts when the
        # document names it elsewhere too ("stocking up on Beehive" once: a brand)
        votes: dict[str, int] = {}
        tagged_person: set[str] = set()
        written = Counter(m.surface for m in self.mentions)
        for m in self.mentions:
            counted = m.kind == "person" or m.kind == "organization" and written[m.surface] > 1
            if m.label in _PERSON_LABELS and counted:
                key = nm.surname(m.surface)
                votes[key] = votes.get(key, 0) + (3 if m.label == "HONORIFIC" else 2)
                tagged_person.add(key)
            elif m.kind == "organization" and m.label == "ORG":
                key = nm.org_core(m.surface)
                votes[key] = votes.get(key, 0) - 1

        def is_person(key: str) -> bool:
            return key in by_surname or votes.get(key, 0) > 0 or (votes.get(key, 0) == 0 and key in tagged_person)

        # a one-word organisation/other mention equal to a person's surname is that person ("Lavrov’s" as ORG)
        extra = [m for m in self.mentions if m.kind in ("organization", "other") and m.label not in ("GPE", "ACRONYM")
                 and " " not in m.surface.strip() and is_person(nm.surname(m.surface))]
        # "Kasich" tagged a place beside "John Kasich": the surname of a person named in full, not a country
        extra += [m for m in self.mentions if m.kind == "other" and m.label == "GPE" and " " not in m.surface.strip()
                  and nm.country_of(m.surface) is None and not nm.is_region(m.surface)
                  and any(nm.first_name_gender(c["given"], sure_only=True)
                          for c in by_surname.get(nm.surname(m.surface), []))]
        # a longer one naming a person seen in full ("De Blasio" as ORG, "Vargas Llosa" as a work of art,
        # beside "Bill de Blasio", "Mario Vargas Llosa")
        for m in self.mentions:
            misread = m.label in ("ORG", "WORK_OF_ART", "PRODUCT", "FAC", "MEDIA")
            if m.kind not in ("organization", "other") or not misread or " " not in m.surface.strip():
                continue
            ws = nm.words(m.surface)
            if any(w in nm.ORG_SUFFIXES for w in ws):
                continue
            core = [w for w in ws if w not in nm.NAME_PARTICLES]
            for c in by_surname.get(nm.surname(m.surface), []):
                if any(_suffix(core, x) or _suffix(x, core) for x in c["cores"]):
                    m.kind = "person"
                    c["names"].append(m.surface)
                    c["cores"].append(core)
                    c["mentions"].append(m)
                    break
        by_given: dict[str, list[dict]] = {}
        for c in clusters:
            by_given.setdefault(c["given"], []).append(c)
        lone: dict[str, dict] = {}
        for m in sorted(singles + extra, key=lambda x: (x.tentative, x.start)):
            key = nm.person_key(m.surface)
            options = by_surname.get(key) or (by_given.get(key) if key not in by_surname else None) or []
            if not options and m.tentative and key in lone:
                options = [lone[key]]
            if len(options) > 1:
                options = [self._namesake(m, options)]
            if options:
                options[0]["mentions"].append(m)
                continue
            if m.tentative and not (m.label.startswith("SPLIT") and is_person(key)):
                if m.label.startswith("SPLIT"):
                    m.kind, m.tentative = "organization", False
                continue
            if not is_person(key):
                m.kind = "organization"  # "Nusra" tagged PERSON once and ORG elsewhere
                continue
            cluster = lone.get(key)
            if cluster is None:
                cluster = lone[key] = {"names": [m.surface], "mentions": [], "lone": True}
                clusters.append(cluster)
            cluster["mentions"].append(m)
        actors, owner = [], {}
        for c in clusters:
            if not c["mentions"]:
                continue
            only = c["mentions"][0]
            if len(c["mentions"]) == 1 and c.get("lone") and only.label == "PERSON" and not only.titled \
                    and self.ctx.common_word(only.surface):
                continue  # a one-off capitalised ordinary word ("Meh")
            names = c["names"]
            full = [n for n in names if len(n.split()) > 1 and _clean_name(n)] or names
            name = max(full, key=lambda n: (full.count(n), len(n.split()), -names.index(n)))
            name = max((n for n in full if _clean_name(n) and _fuller(n, name)), key=lambda n: (len(n.split()), len(n)),
                       default=name)
            actor = Actor(name=name, kind="person")
            for m in c["mentions"]:
                actor.mentions.append((m.start, m.end))
                actor.aliases.append(m.surface)
                if m.alias:
                    actor.aliases.append(m.alias)
                owner[id(m)] = actor
            actor._mention_objs = c["mentions"]  # type: ignore[attr-defined]
            actors.append(actor)
        return actors, owner

    def _namesake(self, m: _Mention, options: list[dict]) -> dict:
        """Which of several same-surname people a bare surname means.

        A gendered title before it ("Mrs. Clinton") picks the person of that gender; otherwise the
        surname alone means the person the document introduced first (the article's principal:
        "Ted Cruz ... his wife, Heidi Cruz ... Cruz said" is Ted), as news style reserves the bare
        surname for them and names the others in full or by first name.
        """
        pre = self.ctx.text[max(0, m.start - 16):m.start].split()
        gender = nm.gendered_word(pre[-1]) if pre else None
        if gender:
            fitting = [c for c in options if nm.first_name_gender(c.get("given", "")) == gender]
            if fitting:
                options = fitting
        introduced = [c for c in options if any(x.start < m.start for x in c["mentions"])] or options
        return min(introduced, key=lambda c: min(x.start for x in c["mentions"]))

    # -- countries and groups --
    def _countries(self, mentions: list[_Mention]) -> list[Actor]:
        by_name: dict[str, Actor] = {}
        for m in mentions:
            actor = by_name.setdefault(m.country, Actor(name=m.country, kind="country"))
            actor.mentions.append((m.start, m.end))
            actor.aliases.append(m.alias or m.surface)
        return list(by_name.values())

    def _groups(self, mentions: list[_Mention]) -> list[Actor]:
        by_key: dict[str, Actor] = {}
        for m in mentions:
            key = " ".join(nm.words(m.surface)).removesuffix("s")
            actor = by_key.setdefault(key, Actor(name=m.surface, kind="group", affiliation=m.country))
            actor.mentions.append((m.start, m.end))
            actor.aliases.append(m.surface)
        return list(by_key.values())

    # -- organisations and other named things --
    def _organisations(self, mentions: list[_Mention]) -> list[Actor]:
        parent: dict[str, str] = {}

        def find(k: str) -> str:
            while parent.get(k, k) != k:
                k = parent[k]
            return k

        def union(a: str, b: str) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[rb] = ra

        keyed: list[tuple[str, _Mention]] = []
        kinds: dict[str, set[str]] = {}
        for m in mentions:
            key = nm.org_core(m.surface) or " ".join(nm.words(m.surface))
            if not key:
                continue
            parent.setdefault(key, key)
            keyed.append((key, m))
            kinds.setdefault(key, set()).add(m.kind)
        orgs = {k for k, ks in kinds.items() if "organization" in ks}
        # parenthesised aliases: "Daesh (ISIS, ISIL)", "the Army of Syrian Conquest (Jabhat al-Nusra)"
        text = self.ctx.text
        for n, (key, m) in enumerate(keyed):
            tail = text[m.end:m.end + 3]
            if "(" not in tail or not tail.lstrip(" ’'s").startswith("("):
                continue
            close = text.find(")", m.end, m.end + 120)
            if close < 0:
                continue
            inside = []
            for key2, m2 in keyed[n + 1:]:
                if m2.start >= close:
                    break
                inside.append(key2)
            if key in orgs or any(k in orgs for k in inside):
                for key2 in inside:
                    union(key, key2)
        # acronyms and shorter forms of a longer organisation name
        longs = [k for k in orgs if " " in k]
        surfaces: dict[str, str] = {}
        for key, m in keyed:
            surfaces.setdefault(key, m.surface)
        acronyms: dict[str, list[str]] = {}
        for k in longs:
            acronyms.setdefault(nm.acronym(surfaces[k]).lower(), []).append(k)
        for k in orgs:
            if " " not in k and k in acronyms and len(acronyms[k]) == 1 and len(k) >= 2:
                union(acronyms[k][0], k)
        for a, b in ((a, b) for a in longs for b in longs if a < b):  # "NY Daily News" = "New York Daily News"
            if _abbreviated_prefix(a.split(), b.split()):
                union(a, b)
        for k in orgs:
            kw = k.split()
            holders = [
                other for other in longs
                if other != k and other.endswith(" " + k)
                and (len(kw) >= 2 or _country_prefix(other[: -len(k)].strip()))
            ]
            if len({find(h) for h in holders}) == 1:  # "Daily News": the one paper, however its city is written
                union(holders[0], k)
        # build
        groups: dict[str, list[_Mention]] = {}
        for key, m in keyed:
            groups.setdefault(find(key), []).append(m)
        actors = []
        for members in groups.values():
            solid = [m for m in members if not m.tentative]
            if not solid:
                continue
            is_org = any(m.kind == "organization" for m in solid)
            counts: dict[str, int] = {}
            for m in members:
                if m.kind == "organization" or not is_org:
                    counts[m.surface] = counts.get(m.surface, 0) + 1
            for short in list(counts):
                longer = [x for x in counts if x != short and x.endswith(" " + short)]
                if len(longer) == 1:
                    counts[longer[0]] += counts.pop(short)
            first = {s: i for i, s in reversed(list(enumerate(m.surface for m in members)))}
            name = max(counts, key=lambda s: (counts[s], len(s.split()) > 1, -first[s]))
            spelled = [s for s in counts if " " in s and nm.acronym(s) == name]
            if spelled:  # "DNC" written out once as "Democratic National Committee": the full name
                name = spelled[0]
            if any(text[max(0, m.start - 4):m.start] == "The " and (
                    _mid_sentence(text, m.start - 4) or nm.words(name)[-1:] in ([w] for w in _NEWSPAPER_WORDS))
                   for m in members):
                name = "The " + name  # "The New York Times", "The Charlotte Observer": the paper's own name
            actor = Actor(name=name, kind="organization" if is_org else "other")
            for m in members:
                actor.mentions.append((m.start, m.end))
                actor.aliases.append(m.surface)
            actors.append(actor)
        return actors

    # -- roles and affiliations --
    def _roles(self, people: list[Actor], actors: list[Actor]) -> None:
        text = self.ctx.text
        org_spans = sorted(
            (s, e, a.name) for a in actors if a.kind in ("organization", "country") for s, e in a.mentions
        )
        org_starts = [s for s, _, _ in org_spans]
        for actor in people:
            roles: list[str] = []
            for m in getattr(actor, "_mention_objs", []):
                pre = text[max(0, m.start - 80):m.start]
                pre = pre[pre.rfind("\n") + 1:]
                breaks = list(_SENT_BREAK.finditer(pre))
                if breaks:
                    pre = pre[breaks[-1].end():]
                match = _PRE_TITLE.search(pre)
                if match:
                    role = nm.title_role(match.group("title")) if match.group("title")[:1].isupper() \
                        else " ".join(match.group("title").split())
                    if role.lower() in nm.HONORIFICS:
                        role = ""
                    if role:
                        roles.append(role)
                    aff_text = (match.group("aff") or "").strip()
                    aff_at = m.start - len(pre) + (match.start("aff") if match.group("aff") else match.start("title"))
                    if aff_text:
                        aff = self._affiliation(aff_text, aff_at, org_spans, org_starts)
                        if aff:
                            actor.affiliation = actor.affiliation or aff
                            alias_from = aff_at
                        else:
                            alias_from = m.start - len(pre) + match.start("title")
                    else:
                        alias_from = aff_at
                    alias = " ".join(text[alias_from:m.end].split())
                    if alias != m.surface:
                        actor.aliases.append(alias)
                post = _POST_ROLE.match(text, m.end, min(len(text), m.end + 200))
                if post:
                    roles.append(" ".join(post.group("role").split()))
                    if post.group("rest"):
                        lo, hi = post.start("rest"), post.end("rest")
                        k = bisect_left(org_starts, lo)
                        while k < len(org_spans) and org_spans[k][0] < hi:
                            name = org_spans[k][2]
                            if nm.country_of(name) is None:
                                actor.affiliation = actor.affiliation or name
                                break
                            k += 1
            actor.roles = list(dict.fromkeys(r for r in roles if r))
            if hasattr(actor, "_mention_objs"):
                del actor._mention_objs  # type: ignore[attr-defined]

    @staticmethod
    def _affiliation(aff_text: str, at: int, org_spans, org_starts) -> str | None:
        country = nm.country_of(aff_text)
        if country:
            return country
        k = bisect_left(org_starts, at)
        if k < len(org_spans) and org_spans[k][0] < at + len(aff_text):
            return org_spans[k][2]
        return None


def _abbreviated_prefix(a: list[str], b: list[str]) -> bool:
    """Two names that end alike and differ only by one writing its first words as their initials:
    ["ny", "daily", "news"] and ["new", "york", "daily", "news"]."""
    common = 0
    while common < min(len(a), len(b)) and a[-1 - common] == b[-1 - common]:
        common += 1
    pa, pb = a[: len(a) - common], b[: len(b) - common]
    if not common or not pa or not pb:
        return False
    initials = lambda ws: "".join(w[0] for w in ws)  # noqa: E731
    return len(pa) == 1 and len(pb) >= 2 and pa[0] == initials(pb) or \
        len(pb) == 1 and len(pa) >= 2 and pb[0] == initials(pa)


def _country_prefix(prefix: str) -> bool:
    """"russian", "united states", "u s": a country before an institution's name ("U.S. Senate")."""
    return nm.demonym_country(prefix) is not None or nm.country_of(prefix) is not None \
        or nm.country_of(prefix.replace(" ", ".") + ".") is not None


def titled_before(before) -> bool:
    return before is not None and before.lower_.rstrip(".") in _TITLE_WORDS


def _clean_name(name: str) -> bool:
    """Written like a person's name: no line break, bracket or digit, at most five words."""
    return not re.search(r"[\n\[\]()0-9/:;]", name) and len(name.split()) <= 5


def _fuller(longer: str, name: str) -> bool:
    """``longer`` is a fuller form of the same person's name: the same surname, and the same first
    name, its formal form ("Ken" -> "Kenneth") or a first name added ("Wasserman Schultz" ->
    "Debbie Wasserman Schultz"), with middle names or initials between ("Vladimir V. Putin");
    never a word that is not a name's ("Crooked Hillary Clinton", "B. Hussein Obama")."""
    lw, nw = nm.person_words(longer), nm.person_words(name)
    if not nw or not lw or lw[-1] != nw[-1] or len(lw) < len(nw) or lw == nw:
        return False
    if len(lw) > len(nw) and lw[-len(nw):] == nw:  # a first name added before the whole name
        return len(lw) - len(nw) == 1 and nm.first_name_gender(lw[0], sure_only=True) is not None
    first_ok = lw[0] == nw[0] or lw[0] in nm.formal_names(nw[0]) or (lw[0].startswith(nw[0]) and len(nw[0]) >= 3)
    return first_ok and all(len(w) == 1 or w in nw or nm.first_name_gender(w) is not None for w in lw[1:-1])


def _merge_same_name(actors: list[Actor]) -> list[Actor]:
    """One actor per canonical name and kind (two clusters the rules built apart but named alike)."""
    out: dict[tuple[str, str], Actor] = {}
    for actor in actors:
        kept = out.setdefault((actor.name, actor.kind), actor)
        if kept is not actor:
            kept.mentions += actor.mentions
            kept.aliases += actor.aliases
            kept.roles += [r for r in actor.roles if r not in kept.roles]
            kept.affiliation = kept.affiliation or actor.affiliation
    return list(out.values())


def _mid_sentence(text: str, at: int) -> bool:
    """Whether ``at`` is inside a sentence (not its start, not a line's start)."""
    before = text[max(0, at - 3):at].rstrip(" ")
    return bool(before) and before[-1] not in ".!?\n\"“”:'‘’—"


def _suffix(short: list[str], long: list[str]) -> bool:
    """``short`` is a proper word suffix of ``long`` with at least two words ("hillary clinton")."""
    return 2 <= len(short) < len(long) and long[-len(short):] == short


def _dedupe(mentions: list[_Mention]) -> list[_Mention]:
    """Drop mentions overlapping an earlier, longer one (token rules never override entities)."""
    out: list[_Mention] = []
    last_end = -1
    for m in sorted(mentions, key=lambda x: (x.start, -(x.end - x.start))):
        if m.start < last_end:
            continue
        out.append(m)
        last_end = m.end
    return out
