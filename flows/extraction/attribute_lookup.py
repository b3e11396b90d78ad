"""spaCy's attribute ruler with its one-token rules looked up rather than matched: same annotations, less time.

The packaged pipeline's ``attribute_ruler`` (tag map, morphology and lemma exceptions: 179 rules) runs a
``Matcher`` over every token, ~12% of the whole pipeline's time here. 157 of its 180 patterns test one
token's ``TAG`` and/or ``LOWER`` for equality or membership, which a dictionary answers; the rest (two-token
patterns, regular expressions, ``DEP`` and ``IS_SPACE`` tests) stay with spaCy's ``Matcher``. The ruler's own
``set_annotations`` applies the matches in its order, so every token gets the attributes it got before
(tests/test_nlp.py compares both on every token of the seeds and of 100 PolNeAR articles).
"""

from __future__ import annotations

from spacy.attrs import LOWER, TAG
from spacy.matcher import Matcher

# A match as ``AttributeRuler.match`` returns it: (rule index, rule key hash, start token, end token).
Match = tuple[int, int, int, int]
_LOOKED_UP_KEYS = frozenset({"TAG", "LOWER"})


def _accepted_values(value) -> list[str] | None:
    """The strings a pattern value accepts when it is an equality or an ``IN`` list of strings; else None."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(v, str) for v in value["IN"]):
        return list(value["IN"])
    return None


class AttributeRuleLookup:
    """A drop-in ``match`` for an ``AttributeRuler``: ``ruler.match = AttributeRuleLookup(ruler)``."""

    def __init__(self, ruler) -> None:
        strings = ruler.vocab.strings
        self._strings = strings
        self._by_tag: dict[int, list[tuple[int, int]]] = {}
        self._by_lower: dict[int, list[tuple[int, int]]] = {}
        self._by_lower_and_tag: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self._matcher = Matcher(ruler.vocab)  # the patterns a lookup cannot answer
        for index in range(len(ruler.attrs)):
            key = str(index)
            rule = (index, strings[key])
            unindexed = [pattern for pattern in ruler.matcher.get(key)[1] if not self._index(pattern, rule)]
            if unindexed:
                self._matcher.add(strings[key], unindexed)

    def _index(self, pattern: list[dict], rule: tuple[int, int]) -> bool:
        """File a one-token TAG/LOWER pattern under the values it accepts; False for any other pattern."""
        if len(pattern) != 1 or not pattern[0] or not set(pattern[0]) <= _LOOKED_UP_KEYS:
            return False
        accepted = {key: _accepted_values(value) for key, value in pattern[0].items()}
        if any(values is None for values in accepted.values()):
            return False
        add = self._strings.add
        tags = [add(tag) for tag in accepted.get("TAG", ())]
        lowers = [add(word) for word in accepted.get("LOWER", ())]
        if tags and lowers:
            for lower in lowers:
                for tag in tags:
                    self._by_lower_and_tag.setdefault((lower, tag), []).append(rule)
        else:
            table, values = (self._by_tag, tags) if tags else (self._by_lower, lowers)
            for value in values:
                table.setdefault(value, []).append(rule)
        return True

    def __call__(self, doc) -> list[Match]:
        """The matches ``AttributeRuler.match`` would return for ``doc``, in its order (by rule index)."""
        strings = self._strings
        found = {(int(strings[key]), key, start, end)
                 for key, start, end in self._matcher(doc, allow_missing=True, as_spans=False)}
        by_tag, by_lower, by_both = self._by_tag, self._by_lower, self._by_lower_and_tag
        for i, (lower, tag) in enumerate(doc.to_array([LOWER, TAG]).tolist()):
            for rules in (by_tag.get(tag), by_lower.get(lower), by_both.get((lower, tag))):
                if rules:
                    found.update((index, key, i, i + 1) for index, key in rules)
        return sorted(found)
