"""Speakers resolved: pronouns, descriptions and an author's "I" to the entity the text establishes.

Runs over a document's claims after they are found (``resolve_speakers``). Rules, chosen over a
coreference package for speed and because each decision is explainable (see README):

- "he"/"she"/"his"/"her": a person of that gender (first-name table, gendered titles, the document's
  own pronouns after the name) mentioned before it, preferring the current sentence, then the
  subjects of the sentences before, then the speaker of the quotation chain it continues; no such
  person, no name (a claim with no name is better than a wrong one);
- "they": the organisation alone the subject of the sentence (or the one before), else no name;
- "the senator", "the former president", "the Republican nominee": the latest person before it whose
  roles or titled forms hold that word; "the newspaper", "the paper": the latest news organisation;
  "the school", "the company": the organisation nearby whose name or subjecthood says so;
- "the poll": the pollster named last, by a claim or in the text;
- "I"/"we"/"my" outside quotation marks: the author: the signature after a reader's letter, the
  byline, or the author's closing bio line ("Charlotte Meehan is playwright-in-residence ...");
- a "name" that is only a title ("Senator", "Retired General"): resolved as a description, else none.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from ..parsing import ParsedDocument
from . import names as nm
from .actors import ActorIndex
from .model import Actor, Claim
from .nlp import token_starts

PRONOUN_GENDER = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female"}
FIRST_PERSON = frozenset({"i", "me", "my", "we", "us", "our"})
MEDIA_DESCRIPTIONS = frozenset({"newspaper", "paper", "magazine", "tabloid", "daily", "publication", "outlet"})
MEDIA_NAME_WORDS = frozenset(
    "post times journal news observer tribune herald gazette magazine daily press chronicle telegraph guardian "
    "globe review weekly reuters associated politico breitbart cnn msnbc fox abc nbc cbs".split()
)
_DESCRIPTION = re.compile(r"^(?:the|this|that)\s+(?P<body>(?:[\w.-]+\s+){0,4}?)(?P<head>[a-z][\w-]*)$", re.IGNORECASE)
_SIGNATURE = re.compile(r"^[ \t]*(?P<name>[A-Z][\w'’.-]+(?:[ \t]+[A-Z][\w'’.-]*){1,3})\.?[ \t]*$")
_BIO = re.compile(r"^[ \t]*(?P<name>[A-Z][\w'’.-]+(?:[ \t]+[A-Z][\w'’.-]*){1,3}),?[ \t]+(?:is|was|,)[ \t]")
# How far back (in sentences) a pronoun looks for the person it stands for.
PRONOUN_SENTENCES = 4


def resolve_speakers(doc, text: str, parsed: ParsedDocument, actors: ActorIndex, claims: list[Claim]) -> list[Claim]:
    """The claims with pronoun, description, first-person and title-only speakers resolved (or unnamed)."""
    if not claims:
        return claims
    r = _Resolver(doc, text, parsed, actors)
    out: list[Claim] = []
    for claim in claims:
        speaker = r.speaker_of(claim, out)
        out.append(claim if speaker == claim.speaker else replace(claim, speaker=speaker))
    return out


class _Resolver:
    def __init__(self, doc, text: str, parsed: ParsedDocument, actors: ActorIndex) -> None:
        self.doc, self.text, self.parsed, self.actors = doc, text, parsed, actors
        self.sents = list(doc.sents)
        self.sent_starts = [s.start_char for s in self.sents]
        self.token_starts = token_starts(doc)
        self.names = {a.name: a for a in actors.actors}
        self._gender: dict[int, str | None] = {}
        self._authors: list[tuple[int, str]] | None = None
        self._title_cache: dict[int, list[str]] = {}
        self._poll_mentions: list[tuple[int, str]] | None = None
        self._relatives: dict[str, str] | None = None
        self._before: list[Claim] = []
        self._described: dict[str, set[str]] = {}  # "the Vermont senator" resolved: Sanders is a senator
        self.relatives()  # "my mother" is then a mention of her for the pronouns that follow

    def token_at(self, at: int):
        """The token holding character ``at`` (the one starting last at or before it), or None."""
        i = bisect_right(self.token_starts, at) - 1
        return self.doc[i] if i >= 0 else None

    # -- dispatch --
    def speaker_of(self, claim: Claim, before: list[Claim]) -> str | None:
        self._before = before
        said = " ".join((claim.speaker_text or "").split())
        low = said.lower()
        at = claim.speaker_span[0] if claim.speaker_span else claim.span[0]
        if low in PRONOUN_GENDER:
            return self.pronoun(PRONOUN_GENDER[low], at, before)
        if low in FIRST_PERSON:
            return self.author(at)
        kin = _MY_KIN.match(low)
        if kin:
            return self.relatives().get(_KIN_GENDER[kin.group("kin")][0])
        if low == "they":
            return self.they(at)
        if low == "who" and claim.speaker is None:
            return self.relative(at)
        head = low.split()[-1] if low else ""
        span = claim.speaker_span or (at, at)
        if claim.speaker is None and claim.speaker_span:
            named = self.named_beside(head, span) or self.organisation_in_words(span)
            if named is not None:
                return named
        if head in POLL_WORDS:
            return self.pollster(said, span)
        average = _AVERAGE_OF_POLLS.match(self.text, span[1]) if head == "average" else None
        if average:  # "the RealClearPolitics average of polls": the words up to "polls" name the pollster
            return self.pollster(said, (span[0], average.end()))
        if claim.speaker and head in nm.ROLE_NOUNS | _TITLE_WORDS | AIDE_WORDS \
                and head not in {_ROLE_WORDS.get(w, w) for w in nm.words(claim.speaker)}:
            if self.parsed.section_at(at) == "title":  # "Former Clinton Pollster Says": the article's one pollster
                return self.description("the " + head, at)
            return None  # "Former Clinton Pollster", "Trump's adviser": someone else, described by a name
        if claim.speaker is None and said and nm.looks_like_name(said) and not _DESCRIPTION.match(said):
            named = self.actors.resolve_name(said)  # "Hannity said" with "Hannity" parsed as a noun
            if named is not None and named.kind in ("person", "organization", "country") and set(nm.words(said)) <= {
                    w for form in [named.name, *named.aliases] for w in nm.words(form)}:
                return named.name
        actor = self.names.get(claim.speaker or "")
        if actor is not None:
            return actor.name if actor.kind in ("person", "organization", "country") else None
        described = _DESCRIPTION.match(said)
        if described and described.group("head")[:1].isupper() and claim.speaker and nm.looks_like_name(said) \
                and self.parsed.section_at(at) != "title":
            # "The Blaze reported", "The Hill": a name with its article (an organisation), not a description
            squeezed = said.replace(" ", "").lower()  # "The Blaze" is "TheBlaze" written elsewhere
            named = self.names.get(claim.speaker) or self.actors.resolve_name(said) or next(
                (a for a in self.actors.actors if a.name.replace(" ", "").lower() == squeezed), None)
            return named.name if named is not None and named.kind != "person" else self.adopt(said, span)
        if described or _only_title(said):
            return self.description(said, at, span[1])
        if not claim.speaker or self.parsed.section_at(at) == "title" or _only_title(claim.speaker) \
                or not nm.looks_like_name(claim.speaker) or nm.words(claim.speaker)[-1] in _NOT_NAME_ENDS:
            return None  # a headline fragment, a poll, words that name nobody
        return self.adopt(claim.speaker, claim.speaker_span)  # a name the actor rules missed, as written

    def named_beside(self, head: str, span: tuple[int, int]) -> str | None:
        """The named source of a speaker the words around it name: "Clinton's opponent, Donald Trump,";
        "a study that appeared in the British Medical Journal", "the transcript, published by The
        Washington Post"; "In a statement ..., the Association of Flight Attendants called"."""
        apposed = self.apposed_person(span[1])
        if apposed is not None:
            return apposed
        if head not in DOCUMENT_NOUNS:
            return None
        produced = _PRODUCED_BY.match(self.text, span[1])
        if produced:
            actor = self.actors.actor_at(produced.start("name"), produced.end("name"))
            if actor is not None and actor.kind in ("organization", "person", "country"):
                return actor.name
        if re.search(r"\b[Ii]n\s+(?:a|an|the|its|his|her|their)?\s*(?:[\w-]+\s+)?$", self.text[span[0] - 30:span[0]]):
            return self.subject_of_sentence(span[0])  # "In a statement, the Kremlin said"
        return None

    def apposed_person(self, end: int) -> str | None:
        """The person named in apposition right after a description ending at ``end``: "the White House
        press secretary, Josh Earnest, said"; "The director of the European Centre, Ina Kirsch, told"."""
        apposed = _APPOSED_NAME.match(self.text, end) or _APPOSED_AFTER_OF.match(self.text, end)
        actor = self.actors.resolve_name(apposed.group("name")) if apposed else None
        return actor.name if actor is not None and actor.kind == "person" else None

    def organisation_in_words(self, span: tuple[int, int]) -> str | None:
        """The one organisation of the document whose name holds every descriptive word of the speaker's
        phrase: "A union representing flight attendants" and "Flight attendants' union" are the Association
        of Flight Attendants ("union" typed by "association"); "the top British medical journal" is the
        British Medical Journal, named before or after."""
        head = self.token_at(span[1] - 1)
        if head is None:
            return None
        while head.head.i != head.i and span[0] <= head.head.idx < span[1]:
            head = head.head
        if head.pos_ != "NOUN" or head.tag_ == "NNS":
            return None
        sent = head.sent
        phrase = []
        for t in head.subtree:  # the words in one run up to a comma: "A union representing flight attendants"
            if t.i > head.i and (t.is_punct or t.i != phrase[-1].i + 1) or len(phrase) == 10:
                break
            if sent.start <= t.i < sent.end:
                phrase.append(t)
        content = {_singular(t.lower_) for t in phrase if t.i != head.i and t.pos_ in ("NOUN", "PROPN", "ADJ")
                   and t.lower_ not in _NOT_DESCRIPTIVE}
        kinds = {head.lower_, *ORG_DESCRIPTIONS.get(head.lower_, ())}
        if not content:
            return None
        found = set()
        for actor in self.actors.of_kind("organization"):
            name_words = {_singular(w) for form in [actor.name, *actor.aliases] for w in nm.words(form)}
            if kinds & name_words and content <= name_words:
                found.add(actor.name)
        return found.pop() if len(found) == 1 else None

    def relative(self, at: int) -> str | None:
        """"who" for the person its clause describes: "Trump, who said" is Trump; "As someone who had to
        reject her parents ..., I tell myself" is the one the sentence is about: "I", the author."""
        who = self.token_at(at)
        if who is None:
            return None
        verb = who.head
        while verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
        if verb.dep_ != "relcl":
            return None
        antecedent = verb.head
        if antecedent.dep_ == "appos":  # "R. Gil Kerlikowske, the ... commissioner, who conceded"
            antecedent = antecedent.head
        named = self.actors.actor_at(antecedent.idx, antecedent.idx + len(antecedent.text))
        if named is not None:
            return named.name if named.kind == "person" else None
        if antecedent.dep_ != "pobj" or antecedent.head.lower_ != "as":
            return None
        as_word = antecedent.head
        line_start = self.text.rfind("\n", 0, as_word.idx) + 1
        opening = not self.text[max(line_start, as_word.sent.start_char):as_word.idx].strip()
        governor = as_word.sent.root if opening else as_word.head  # "As someone who ..., I": the sentence's "I"
        subjects = [c for c in governor.children if c.dep_ == "nsubj"]
        if len(subjects) != 1:
            return None
        subject = subjects[0]
        if subject.lower_ in ("i", "we"):
            return self.author(subject.idx)
        named = self.actors.actor_at(subject.idx, subject.idx + len(subject.text))
        return named.name if named is not None and named.kind == "person" else None

    def subject_of_sentence(self, at: int) -> str | None:
        """The named subject of the verb the phrase at ``at`` belongs to, if an actor."""
        verb = self.token_at(at)
        if verb is None:
            return None
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.idx > at]
        if len(subjects) != 1:
            return None
        subject = subjects[0]
        actor = self.actors.actor_at(subject.left_edge.idx, subject.idx + len(subject.text))
        return actor.name if actor is not None and actor.kind in ("organization", "person", "country") else None

    def adopt(self, name: str, span: tuple[int, int] | None) -> str | None:
        """Make a name the actor rules missed an actor of the document (a claim's speaker is an actor)."""
        at = self.text.find(name, *span) if span else -1
        if at < 0:
            return None
        actor = self.names.get(name) or self.actors.resolve_name(name)
        if actor is not None and actor.kind not in ("person", "organization", "country"):
            return None
        if actor is None:
            kind = "person" if " " not in name.strip() or nm.looks_like_person_name(name) else "organization"
            actor = self.names[name] = Actor(name=name, kind=kind)  # type: ignore[arg-type]
            self.actors.actors.append(actor)
        if (at, at + len(name)) not in actor.mentions:
            actor.mentions.append((at, at + len(name)))
            actor.mentions.sort()
            if name != actor.name and name not in actor.aliases:
                actor.aliases.append(name)
        return actor.name

    def pollster(self, said: str, span: tuple[int, int]) -> str | None:
        """"a new Washington Post-ABC News national poll" -> "Washington Post-ABC News"; "the poll" ->
        the pollster named last in the document; a poll nobody is named for -> none."""
        line_start = self.text.rfind("\n", 0, span[0]) + 1
        window = self.text[max(line_start, span[0] - 80):span[1]]
        named = ([None] + list(_POLL_NAME.finditer(window)))[-1]  # the poll named nearest the claim
        name = _LEADING_NOT_NAME.sub("", named.group("name")).strip() if named else ""
        if name and " " not in name and not name.isupper():
            before = window[: named.start("name")]
            at = max(line_start, span[0] - 80) + named.start("name") + window[named.start("name"):].find(name)
            i = bisect_right(self.token_starts, at) - 1
            entity = i >= 0 and self.doc[i].ent_type_ != ""
            if not entity and (not before.strip() or before.rstrip().endswith((".", "!", "?", ":", "\"", "“"))):
                name = ""  # "Opinion polls suggest ...": a capitalised first word, not a pollster
        if not name:  # "a poll released Sunday by Gallup", "an average of recent polls by RealClearPolitics"
            by = _POLL_BY.match(self.text, span[1])
            if by and " and " not in by.group("name"):
                name = _LEADING_NOT_NAME.sub("", by.group("name")).strip()
                span = (span[0], by.end())
        if name:
            actor = self.actors.resolve_name(name)
            self._last_pollster = actor.name if actor is not None and actor.kind == "organization" else name
            if actor is None or actor.kind != "organization":
                self._last_pollster = self.adopt_organization(name, span)
            self._last_pollster_at = span[0]
            return self._last_pollster
        before = self.text[max(line_start, span[0] - 30):span[0]]  # "the recent 50-" of "the recent 50-state poll"
        definite = said.lower().startswith(("the ", "this ")) or _DEFINITE_BEFORE.search(before)
        headline = self.parsed.section_at(span[0]) == "title" and said.lower() in ("poll", "survey", "new poll")
        if not (definite or headline):
            return None
        last = getattr(self, "_last_pollster", None)
        if headline or last is None:
            return self.pollster_in_text(span[0], headline)
        # a poll the text names after the last one a claim credited ("... The Post-SurveyMonkey poll ...")
        return self.pollster_in_text(span[0], False, after=self._last_pollster_at) or last

    def pollster_in_text(self, at: int, headline: bool, after: int = -1) -> str | None:
        """For "the poll" with no pollster named by an earlier claim: the organisation the text says ran a
        poll before ``at`` ("The Washington Post conducted a 50-state poll"); for a "Poll:" headline, the
        one pollster the opening paragraphs name."""
        if self._poll_mentions is None:
            found = [(m.start("name"), _LEADING_NOT_NAME.sub("", m.group("name")).strip())
                     for pattern in (_POLL_NAME, _RAN_POLL) for m in pattern.finditer(self.text)]
            self._poll_mentions = sorted((start, name) for start, name in found if name and "\n" not in name
                                         and ". " not in name and (any(c in name for c in " -/") or name.isupper()
                                                                   or self.actors.resolve_name(name) is not None))
        found = self._poll_mentions
        if headline:
            opening = {name for start, name in found if at < start < at + 1200}
            chosen = [(start, name) for start, name in found if name in opening][:1] if len(opening) == 1 else []
        else:
            chosen = [(start, name) for start, name in found if after < start < at][-1:]
        if not chosen:
            return None
        start, name = chosen[0]
        actor = self.actors.resolve_name(name)
        if actor is not None and actor.kind == "organization":
            return actor.name
        return self.adopt_organization(name, (start, start + len(name)))

    def adopt_organization(self, name: str, span: tuple[int, int]) -> str | None:
        at = self.text.rfind(name, max(0, span[0] - 80), span[1])
        if at < 0:
            return None
        actor = self.names.get(name)
        if actor is None:
            actor = self.names[name] = Actor(name=name, kind="organization")
            self.actors.actors.append(actor)
        if (at, at + len(name)) not in actor.mentions:
            actor.mentions.append((at, at + len(name)))
            actor.mentions.sort()
        return name

    # -- the writer's family --
    def relatives(self) -> dict[str, str]:
        """The writer's relatives the text names: "my father, James Meehan", "Olive, my mother", "my parents,
        James and Olive Meehan" (father and mother told apart by given name). Each "my mother" of the text
        becomes a mention of the person, for the pronouns after it."""
        if self._relatives is not None:
            return self._relatives
        found: dict[str, Actor] = {}
        for m in _KIN_NAMED.finditer(self.text):
            kin = m.group("kin").lower()
            if kin == "parents":
                people = [a for (s, _), a in self.actors.actors_in(m.end("kin"), m.end("kin") + 60)
                          if a.kind == "person" and s < self.text.find(".", m.end("kin"))][:2]
                for person in people:
                    gender = self.gender(person)
                    if gender and len({self.gender(p) for p in people}) == 2:
                        found.setdefault(_PARENT_OF_GENDER[gender], person)
                continue
            named = self.actors.actor_at(m.start("name"), m.end("name")) if m.group("name") else None
            if named is None and m.group("before"):
                named = self.actors.actor_at(m.start("before"), m.end("before"))
            if named is not None and named.kind == "person":
                found.setdefault(_KIN_GENDER[kin][0], named)
        self._relatives = {kin: a.name for kin, a in found.items()}
        if found:
            for m in _MY_KIN_ANYWHERE.finditer(self.text):
                actor = found.get(_KIN_GENDER[m.group("kin").lower()][0])
                if actor is not None and (m.start(), m.end()) not in actor.mentions:
                    actor.mentions.append((m.start(), m.end()))
                    actor.mentions.sort()
        return self._relatives

    # -- gender --
    def gender(self, actor: Actor) -> str | None:
        key = id(actor)
        if key not in self._gender:
            self._gender[key] = _actor_gender(actor, self.text)
        return self._gender[key]

    # -- pronouns --
    def pronoun(self, gender: str, at: int, before: list[Claim]) -> str | None:
        """The person a "he"/"she" at ``at`` stands for: same sentence, then subjects of earlier ones."""
        k = bisect_right(self.sent_starts, at) - 1
        if k < 0:
            return None
        people = [a for (s, _), a in self.actors.actors_in(self.sents[max(0, k - PRONOUN_SENTENCES)].start_char, at)
                  if a.kind == "person"]
        sure = any(self.gender(a) == gender for a in people)  # then a person of unknown gender is not it
        fits = lambda a: a.kind == "person" and self.gender(a) in ((gender,) if sure else (gender, None))  # noqa: E731
        sent = self.sents[k]
        here = [(s, a) for (s, _), a in self.actors.actors_in(sent.start_char, at) if fits(a)]
        if here:
            subjects = [a for s, a in here if self._is_subject(s)]
            return (subjects or [a for _, a in here])[0].name
        chain = self._chain_speaker(at, before)
        for j in range(k - 1, max(-1, k - 1 - PRONOUN_SENTENCES), -1):
            prev = self.sents[j]
            if "\n\n" in self.text[prev.end_char:at] and j < k - 2:
                break  # beyond the paragraph before
            found = [(s, a) for (s, _), a in self.actors.actors_in(prev.start_char, prev.end_char) if fits(a)]
            if not found:
                continue
            if chain is not None and any(a is chain for _, a in found):
                return chain.name
            subjects = [a for s, a in found if self._is_subject(s)]
            known = [a for a in subjects if self.gender(a) == gender] or subjects
            if known:
                return known[0].name
            if len({id(a) for _, a in found}) == 1:
                return found[0][1].name
            return None  # several people and none the subject: too unsure to name one
        return chain.name if chain is not None and fits(chain) else None

    def they(self, at: int) -> str | None:
        """"They" for an organisation: the organisation that is the subject of this sentence before the
        pronoun or of the one before ("Politifact did a fact-check ... On September 27 they published");
        a person or several candidates there, and "they" are people: no name."""
        k = bisect_right(self.sent_starts, at) - 1
        if k < 0:
            return None
        for j in (k, k - 1):
            if j < 0:
                break
            end = at if j == k else self.sents[j].end_char
            subjects = [a for (s, _), a in self.actors.actors_in(self.sents[j].start_char, end)
                        if self._names_the_subject(s) and self.parsed.section_at(s) != "title"]
            if subjects:
                kinds = {a.kind for a in subjects}
                names = {a.name for a in subjects}
                people_after = any(t.dep_ == "dobj" and t.tag_ in ("NNS", "NNPS") and t.idx < end
                                   for t in self.sents[j])  # "AP interviewed 20 crew members. They described"
                one = kinds == {"organization"} and len(names) == 1 and not people_after
                return subjects[0].name if one else None
        return None

    def _names_the_subject(self, start: int) -> bool:
        """The name at ``start`` is the whole subject: not a modifier ("the Hofstra University debate")
        nor one of several ("The Teamsters, the Firefighters and UNITE HERE")."""
        i = bisect_right(self.token_starts, start) - 1
        if i < 0:
            return False
        tok = self.doc[i]
        while tok.dep_ in ("compound", "flat") and tok.head.pos_ == "PROPN" and tok.head is not tok:
            tok = tok.head
        return tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "PROPN" and not any(
            c.dep_ == "conj" for c in tok.children)

    def _chain_speaker(self, at: int, before: list[Claim]) -> Actor | None:
        """The speaker of the claim just before ``at`` in the same or previous paragraph."""
        for c in reversed(before):
            if c.span[0] >= at or c.speaker is None:
                continue
            if self.text.count("\n\n", c.span[1], at) > 1:
                return None
            actor = self.names.get(c.speaker)
            return actor if actor is not None and actor.kind == "person" else None
        return None

    def _main_clause(self, start: int) -> bool:
        """The word at ``start`` belongs to its sentence's main clause (not "hours after Trump unleashed")."""
        tok = self.token_at(start)
        for _ in range(12 if tok is not None else 0):
            if tok.dep_ in ("advcl", "relcl", "ccomp", "acl", "xcomp", "pcomp", "csubj"):
                return False
            if tok.head.i == tok.i:
                return True
            tok = tok.head
        return False

    def _joined_to_subject(self, start: int) -> bool:
        """The name is a conjunct of a subject ("Amazon and Apple rose": Apple)."""
        tok = self.token_at(start)
        while tok is not None and tok.dep_ in ("compound", "flat"):
            tok = tok.head
        return tok is not None and tok.dep_ == "conj" and self._is_subject(tok.head.idx)

    def _is_subject(self, start: int) -> bool:
        tok = self.token_at(start)
        if tok is None:
            return False
        for _ in range(3):
            if tok.dep_ in ("nsubj", "nsubjpass"):
                return True
            if tok.dep_ not in ("compound", "flat", "appos", "poss") or tok.head is tok:
                return False
            if tok.dep_ == "poss":
                return False
            tok = tok.head
        return False

    # -- descriptions --
    def description(self, said: str, at: int, end: int | None = None) -> str | None:
        """The entity "the senator" / "the Republican nominee" / "the newspaper" stands for, if the text says."""
        words = nm.words(said)
        person_head = bool(words) and (words[-1] in nm.ROLE_NOUNS or words[-1] in _TITLE_WORDS)
        apposed = self.apposed_person(end) if end is not None and person_head else None
        if apposed is not None:
            return apposed
        match = _DESCRIPTION.match(said)
        if match:
            head = match.group("head").lower()
            body = {w.lower() for w in match.group("body").split()} - {"former", "top", "then"}
        elif _only_title(said):  # "Justice", "Retired General"
            head, body = nm.words(said)[-1], set()
        else:
            return None
        if head in GOVERNMENT_WORDS:  # "the Mexican government" -> Mexico; a bare "the government": nobody
            countries = {nm.demonym_country(w) or nm.country_of(w) for w in body} - {None}
            known = {a.name for a in self.actors.actors if a.kind == "country" and a.name in countries}
            return known.pop() if len(countries) == 1 and len(known) == 1 else None
        if head in MEDIA_DESCRIPTIONS:
            media = [a for (s, _), a in self.actors.actors_in(0, at) if a.kind == "organization"
                     and MEDIA_NAME_WORDS & set(nm.words(a.name))]
            return media[-1].name if media else None
        found = []
        person_role = head in nm.ROLE_NOUNS or head in _TITLE_WORDS
        headline = self.parsed.section_at(at) == "title"  # "Retired General Reveals ...": named further on
        for _span, a in self.actors.actors_in(0, len(self.text) if headline else at):
            if a.kind == "person" and person_role:
                described = {_ROLE_WORDS.get(w, w) for form in [*a.roles, *a.aliases, *self._titles(a)]
                             for w in nm.words(form)} | self._described.get(a.name, set())
                if head in described:
                    found.append(a)
            elif a.kind == "organization" and not person_role:
                # "the budget office" -> Congressional Budget Office: every word is in the name
                name_words = {w for form in [a.name, *a.aliases] for w in nm.words(form)}
                if head in name_words and body <= name_words:
                    found.append(a)
        if headline:
            return found[0].name if len({id(a) for a in found}) == 1 else None
        if not found and head in ORG_DESCRIPTIONS:
            return self.organisation_described(head, at)
        if not found and person_role and head not in GOVERNMENT_WORDS and said.lower().startswith("the ") \
                and not self._noun_modified(at, end or at + len(said)) and not self._names_someone(said) \
                and not (end is not None and _APPOSED_AFTER_OF.match(self.text, end)):
            # not "That candidate" (whoever it will be), "the senior Cruz adviser" (someone of Cruz's),
            # "The director of the European Centre, Ina Kirsch" (named right after)
            person = self.person_in_focus(at)
            if person is not None:
                self._described.setdefault(person, set()).add(head)
            return person
        return found[-1].name if found else None

    def _names_someone(self, said: str) -> bool:
        """A capitalised word of the description names a person of the document ("the Cruz adviser")."""
        return any(w[:1].isupper() and (a := self.actors.resolve_name(w)) is not None and a.kind == "person"
                   for w in said.split()[1:])

    def _noun_modified(self, start: int, end: int) -> bool:
        """A common noun modifies the role ("the band leader", "the state attorney general"): an office
        of its own that someone not yet named may hold, unlike "the New Jersey governor"."""
        first = self.token_at(start)
        if first is None:
            return False
        tokens = self.doc[first.i:min(len(self.doc), first.i + 8)]
        return any(t.dep_ == "compound" and t.pos_ == "NOUN" for t in tokens if t.idx < end)

    def person_in_focus(self, at: int) -> str | None:
        """For "the New Jersey governor" when no person is given that role: the person the text is about
        just then. The nearest sentence that names a person (this one before the description, else one
        of the two before it, at most two paragraphs back) decides: the one person who is the
        subject of its main clause, or a claim's speaker there; anyone else ("hours after Trump
        unleashed", "Christie and Rubio"): none."""
        k = bisect_right(self.sent_starts, at) - 1
        for j in range(k, max(-1, k - 3), -1):
            sent = self.sents[j]
            if j < k and self.text.count("\n\n", sent.start_char, at) > 2:
                return None
            end = at if j == k else sent.end_char
            people = [(s, a) for (s, _), a in self.actors.actors_in(sent.start_char, end)
                      if a.kind == "person" and self.parsed.section_at(s) != "title"]
            subjects = {a.name for s, a in people  # before the description in its own sentence: any clause's
                        if (j == k or self._main_clause(s)) and (self._is_subject(s) or self._joined_to_subject(s))}
            subjects |= {c.speaker for c in self._before if c.speaker in self.names and c.speaker_span
                         and sent.start_char <= c.speaker_span[0] < end and self.names[c.speaker].kind == "person"}
            if subjects or (people and j < k):  # the nearest sentence naming anyone decides
                return subjects.pop() if len(subjects) == 1 else None
        return None

    def organisation_described(self, head: str, at: int) -> str | None:
        """"The company", "the online retail giant", "the school": among the organisations of this sentence
        and the one before, the one whose name says what it is ("Baylor University" for "the school"),
        else the one that is a sentence's subject ("Alphabet, the parent company of Google, jumped");
        several: none."""
        k = bisect_right(self.sent_starts, at) - 1
        if k < 0:
            return None
        orgs = [(s, a) for (s, _), a in self.actors.actors_in(self.sents[max(0, k - 1)].start_char, at)
                if a.kind == "organization"]
        kinds = ORG_DESCRIPTIONS[head]
        typed = {a.name for _, a in orgs if kinds & {w for form in [a.name, *a.aliases] for w in nm.words(form)}}
        chosen = typed or {a.name for s, a in orgs if self._is_subject(s) or self._joined_to_subject(s)}
        return next(iter(chosen)) if len(chosen) == 1 else None

    def _titles(self, actor: Actor) -> list[str]:
        """The capitalised words right before each mention on its line ("Supreme Court Justice" before
        "Ruth Bader Ginsburg"), which the actor rules may not have kept as a role."""
        if id(actor) in self._title_cache:
            return self._title_cache[id(actor)]
        out = self._title_cache[id(actor)] = []
        for start, _ in actor.mentions:
            if self.parsed.section_at(start) == "title":
                continue  # a title-case headline: its capitalised words are not titles
            before = self.text[max(0, start - 40):start].rsplit("\n", 1)[-1]
            m = _TITLE_BEFORE.search(before)
            if m:
                out.append(m.group(0))
            role = _ROLE_BEFORE.search(before)  # "Morning Joe hosts Joe Scarborough and ...": a host
            if role and _singular(role.group("role")) in nm.ROLE_NOUNS:
                out.append(_singular(role.group("role")))
        return out

    # -- the author --
    def author(self, at: int) -> str | None:
        """Who "I" is outside quotation marks: the letter's signature after it, else the byline or bio."""
        if self._authors is None:
            self._authors = self._find_authors()
        after = [name for start, name in self._authors if start > at]
        if self._signatures and after:
            return after[0]
        return self._author

    def _find_authors(self) -> list[tuple[int, str]]:
        text = self.text
        signatures: list[tuple[int, str]] = []
        pos = 0
        for line in text.split("\n"):
            m = _SIGNATURE.match(line)
            if m and self._person_name(m.group("name")):
                signatures.append((pos, self._canonical(m.group("name"))))
            pos += len(line) + 1
        self._signatures = len(signatures) >= 2  # a page of letters, each signed
        self._author = None
        if self.parsed.byline and self._person_name(self.parsed.byline):
            self._author = self._canonical(self.parsed.byline)
        else:
            tail = text[max(0, len(text) - 1500):]
            for line in reversed(tail.split("\n")):
                m = _BIO.match(line)
                if m and self._person_name(m.group("name")):
                    self._author = self._canonical(m.group("name"))
                    break
        return signatures

    def _person_name(self, name: str) -> bool:
        ws = name.replace(".", " ").split()
        if not 2 <= len(ws) <= 4 or not all(w[:1].isupper() for w in ws):
            return False
        actor = self.actors.resolve_name(name)
        return (actor is not None and actor.kind == "person") or nm.first_name_gender(nm.fold(ws[0])) is not None

    def _canonical(self, name: str) -> str:
        actor = self.actors.resolve_name(name)
        return actor.name if actor is not None and actor.kind == "person" else nm.clean_surface(name)


_TITLE_WORDS = frozenset(nm.words(" ".join(nm.TITLES))) - {"of", "the"}
_ROLE_WORDS = {"sen": "senator", "gov": "governor", "rep": "representative", "gen": "general",
               "congressman": "representative", "congresswoman": "representative"}
_TITLE_BEFORE = re.compile(r"(?:[A-Z][\w.'’-]*\s+)+$")
_ROLE_BEFORE = re.compile(r"\b(?P<role>[a-z][\w-]+)[ \t]+$")
_APPOSED_NAME = re.compile(r",[ \t]+(?P<name>[A-Z][\w.'’-]+(?:[ \t]+[A-Z][\w.'’-]+){1,3}),")
# "The director of the European Centre, Ina Kirsch, told": the name after the role's "of" phrase.
_APPOSED_AFTER_OF = re.compile(r"[ \t]+(?:of|at|for)[ \t]+[^,.;:\n“”\"]{1,60}?,[ \t]+"
                               r"(?P<name>[A-Z][\w.'’-]+(?:[ \t]+[A-Z][\w.'’-]+){1,3}),")
# Descriptions of an organisation by what it is, with the name words that say so ("the school" ->
# "Baylor University"); an empty set: only the organisation a nearby sentence has as its subject.
_SCHOOL = frozenset({"university", "college", "school", "institute", "academy"})
ORG_DESCRIPTIONS: dict[str, frozenset[str]] = {
    "company": frozenset({"inc", "corp", "co", "company", "corporation", "group"}), "firm": frozenset(),
    "giant": frozenset(), "retailer": frozenset(), "corporation": frozenset({"corp", "corporation"}),
    "automaker": frozenset(), "bank": frozenset({"bank"}), "school": _SCHOOL, "university": _SCHOOL,
    "college": _SCHOOL, "union": frozenset({"union", "association", "federation"}),
    "service": frozenset(), "agency": frozenset({"agency"}), "network": frozenset({"network"}),
    "site": frozenset(), "website": frozenset(), "organization": frozenset(), "organisation": frozenset(),
    "group": frozenset(), "charity": frozenset({"foundation", "fund"}), "foundation": frozenset({"foundation"}),
}
# A family word, the relative it names (its plural and familiar forms folded in) and that one's gender.
_KIN_GENDER = {"father": ("father", "male"), "dad": ("father", "male"), "mother": ("mother", "female"),
               "mom": ("mother", "female"), "husband": ("husband", "male"), "wife": ("wife", "female"),
               "son": ("son", "male"), "daughter": ("daughter", "female"), "brother": ("brother", "male"),
               "sister": ("sister", "female"), "parents": ("parents", None)}
_PARENT_OF_GENDER = {"male": "father", "female": "mother"}
_KIN_WORDS = "|".join(_KIN_GENDER)
_MY_KIN = re.compile(rf"^(?:my|our)\s+(?:late\s+)?(?P<kin>{_KIN_WORDS})$")
_MY_KIN_ANYWHERE = re.compile(rf"\b[Mm]y\s+(?:late\s+)?(?P<kin>{_KIN_WORDS})\b")
_KIN_NAMED = re.compile(
    rf"(?:(?P<before>[A-Z][\w'’.-]+(?:[ \t]+[A-Z][\w'’.-]+){{0,3}}),[ \t]+)?\b[Mm]y[ \t]+(?:late[ \t]+)?"
    rf"(?P<kin>{_KIN_WORDS})\b(?:,?[ \t]+(?P<name>[A-Z][\w'’.-]+(?:[ \t]+[A-Z][\w'’.-]+){{0,3}}))?")
# What a named source writes or puts out, as the subject of a claim ("a report in the Des Moines Register").
DOCUMENT_NOUNS = frozenset({"study", "report", "transcript", "analysis", "article", "editorial", "investigation",
                            "review", "statement", "release", "memo", "letter", "filing", "document", "story"})
_PRODUCED_BY = re.compile(
    r"(?:[ \t]+of[ \t]+(?:the[ \t]+)?[a-z][\w-]*(?:[ \t]+[a-z][\w-]*)?)?"  # "the transcript of the debate"
    r"[ \t]*[,–—-]*[ \t]*(?:(?:that|which)[ \t]+)?(?:(?:was|were|has been|had been)[ \t]+)?(?:[a-z]+ly[ \t]+)?"
    r"(?:appeared|published|released|issued|conducted|commissioned|produced|posted|written|prepared)?[ \t]*"
    r"(?:in|by|from)[ \t]+"
    r"(?P<name>(?:[Tt]he[ \t]+)?[A-Z][\w.&'’-]*(?:[ \t]+(?:of[ \t]+|for[ \t]+|&[ \t]+)?[A-Z][\w.&'’-]*)*)"
    r"(?![\w'’-]|[ \t]+and[ \t]+(?:the[ \t]+)?[A-Z])")  # "by Harvard and the University of California": several
GOVERNMENT_WORDS = frozenset({"government", "regime"})
POLL_WORDS = frozenset({"poll", "polls", "survey", "surveys"})
AIDE_WORDS = frozenset({"aide", "aides", "boss", "pollster", "staffer", "surrogate", "supporter", "supporters", "ally",
                        "allies", "campaign", "team", "wife", "husband", "son", "daughter", "father", "mother"})
_CAP = r"(?:[A-Z][\w.&'’]*|[A-Z]{2,})"
_POLL_NAME = re.compile(
    rf"(?P<name>{_CAP}(?:(?:\s+|\s*[/-]\s*|\s+(?:and|of|&)\s+){_CAP})*)"
    r"(?:\s+(?:[a-z][\w-]*|\d[\w-]*)){0,3}\s+(?:[Pp]oll|[Ss]urvey)s?\b"
)
_NAME_RUN = rf"{_CAP}(?:(?:\s+|\s*[/-]\s*|\s+(?:and|of|&)\s+){_CAP})*"
_POLL_BY = re.compile(rf"(?:\s+(?:[a-z][\w-]*|[A-Z][a-z]+day|of|\d[\w-]*)){{0,5}}\s+by\s+(?P<name>{_NAME_RUN})")
_RAN_POLL = re.compile(
    rf"(?P<name>{_CAP}(?:(?:\s+|\s*[/-]\s*|\s+(?:of|&)\s+){_CAP})*)\s+(?:conducted|released|commissioned|published|ran)"
    r"\s+(?:a|an|its|the|their)\s+(?:[\w-]+\s+){0,3}(?:poll|survey)s?\b"
)
_DEFINITE_BEFORE = re.compile(r"\b(?:the|this)(?:\s+[a-z][\w-]*){0,2}\s+[\w-]*$", re.IGNORECASE)
_AVERAGE_OF_POLLS = re.compile(r"\s+of\s+(?:[\w-]+\s+){0,3}polls\b")
_LEADING_NOT_NAME = re.compile(
    r"^(?:(?:A|An|The|This|That|Its?|Their|His|Her|Recent|Latest|Several|Many|Some|Most|Other|Both|National|State|January|February|March|April|May|June|July|August|September"
    r"|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+|$))+"
)
_NOT_NAME_ENDS = frozenset({"poll", "polls", "survey", "surveys", "study", "report", "statement", "data"})
_ADJECTIVES_ANY = frozenset({"republican", "democratic", "libertarian", "presidential", "vice", "current", "new"})


_NOT_DESCRIPTIVE = frozenset({"top", "new", "big", "major", "leading", "prominent", "local", "former", "powerful",
                              "influential", "other", "own", "same", "largest", "biggest", "main"})


def _singular(word: str) -> str:
    """'attendants' -> 'attendant' (plural or possessive s dropped) for comparing words with a name's."""
    word = word.rstrip("'’")
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _only_title(name: str) -> bool:
    """'Senator', 'Retired General': words that are all titles or their modifiers, no name."""
    ws = nm.words(name)
    return bool(ws) and all(w in _TITLE_WORDS or w in nm.HONORIFICS or w in {"retired", "former"} for w in ws)


def _actor_gender(actor: Actor, text: str) -> str | None:
    """A person's gender from a gendered title before a mention, the first-name table, else the
    pronouns that follow the person's mentions in the same sentence (majority of at least two)."""
    for form in [actor.name, *actor.aliases]:
        first = form.split()[0] if form.split() else ""
        g = nm.gendered_word(first)
        if g:
            return g
    for start, _ in actor.mentions:
        pre = text[max(0, start - 16):start].split()
        if pre and nm.gendered_word(pre[-1]):
            return nm.gendered_word(pre[-1])
    given = nm.given_name(actor.name)
    g = nm.first_name_gender(given, sure_only=True) if given else None
    if g:
        return g
    votes = {"male": 0, "female": 0}
    for _, end in actor.mentions:
        window = text[end:end + 120].split(".")[0]
        for w in re.findall(r"[A-Za-z]+", window):
            if w[0].isupper() and w.lower() not in PRONOUN_GENDER:
                break  # another name comes first: the pronoun may be theirs
            if w in PRONOUN_GENDER:
                votes[PRONOUN_GENDER[w]] += 1
                break
    best = max(votes, key=votes.get)
    if votes[best] >= 2 and votes[best] > 2 * votes[min(votes, key=votes.get)]:
        return best
    return nm.first_name_gender(given) if given else None
