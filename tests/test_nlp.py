"""The pipeline we load annotates tokens exactly as the packaged one: the attribute ruler's rules looked up
(flows/extraction/attribute_lookup.py) give every token the tag, part of speech, morphology and lemma
spaCy's own ``Matcher`` gave it."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from flows.extraction.attribute_lookup import AttributeRuleLookup
from flows.extraction.nlp import MODEL_NAME

from .conftest import PROJECT_ROOT, shared_path

# Texts for the rules the lookup leaves to the Matcher, two-token patterns ("gonna", "ain't", "let's",
# "y'all", "there's") and regular expressions ("nothin'"), and for its own dependency tests ("it" as subject or
# object, "but" as adverb, auxiliaries) and spaces.
INVENTED = [
    "We're gonna win, and y'all ain't seen nothin' yet, she said.",
    "Let's go. C'mon, there's time; there are votes; it is what it is.",
    "But I told you: do it now.  He did,\n\nand we've had enough of it.",
    "They have been gotta-do people, had they not?   Ask him whether it's true.",
]


def _token_annotations(nlp, texts: list[str]) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_) for doc in nlp.pipe(texts) for t in doc]


@pytest.fixture(scope="module")
def pipelines():
    """The packaged pipeline, and the same with the lookup; no NER (it reads none of these attributes)."""
    packaged = spacy.load(MODEL_NAME, exclude=["ner"])
    looked_up = spacy.load(MODEL_NAME, exclude=["ner"])
    ruler = looked_up.get_pipe("attribute_ruler")
    ruler.match = AttributeRuleLookup(ruler)
    return packaged, looked_up


def test_lookup_leaves_only_multi_token_and_regex_patterns_to_the_matcher(pipelines):
    _, looked_up = pipelines
    lookup = looked_up.get_pipe("attribute_ruler").match
    left = [pattern for key in lookup._matcher._patterns for pattern in lookup._matcher.get(key)[1]]
    assert 0 < len(left) < 20
    for pattern in left:
        assert len(pattern) > 1 or "REGEX" in str(pattern), pattern


def test_invented_sentences_are_annotated_as_by_the_packaged_pipeline(pipelines):
    packaged, looked_up = pipelines
    expected = _token_annotations(packaged, INVENTED)
    assert _token_annotations(looked_up, INVENTED) == expected
    lemmas = {text: lemma for text, _, _, _, lemma in expected}
    assert lemmas["gon"] == "go" and lemmas["'s"] in ("us", "be")  # rules of the Matcher's share did apply


def test_seed_articles_are_annotated_as_by_the_packaged_pipeline(pipelines):
    packaged, looked_up = pipelines
    texts = [path.read_text(encoding="utf-8") for path in sorted((PROJECT_ROOT / "seeds").glob("*.txt"))]
    assert texts
    assert _token_annotations(looked_up, texts) == _token_annotations(packaged, texts)


def test_polnear_articles_are_annotated_as_by_the_packaged_pipeline(pipelines):
    packaged, looked_up = pipelines
    paths: list[Path] = sorted(shared_path("corpus", "polnear", "train", "text").glob("*.txt"))[:100]
    texts = [path.read_text(encoding="utf-8") for path in paths]
    expected = _token_annotations(packaged, texts)
    assert len(expected) > 50_000
    assert _token_annotations(looked_up, texts) == expected
