"""spaCy's attribute ruler with its one-token rules looked up rather than matched: same annotations, less time.

The packaged pipeline's ``attribute_ruler`` (tag map, morphology and lemma exceptions: 179 rules) runs a
``Matcher`` over every token, ~12% of the whole pipeline's time here. 171 of its 180 patterns test one token's
``LOWER``, ``TAG``, ``DEP`` or ``IS_SPACE`` for equality or (non-)membership, which a dictionary and a set test
answer; the other 9 (two-token patterns, regular expressions) stay with spaCy's ``Matcher``. The ruler's own
``set_annotations`` applies the matches in its order, so every token gets the attributes it got before
(tests/test_nlp.py compares both on every token of the seeds and of 100 PolNeAR articles).
"""

from __future__ import annotations

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.matcher import Matcher

# A match as ``AttributeRuler.match`` returns it: (rule index, rule key hash, start token, end token).
Match = tuple[int, int, int, int]
# The token attributes a looked-up pattern may test, in the order a rule is filed under one (the most selective
# first), as ``Doc.to_array`` gives them: string hashes, and 0/1 for the flag.
_COLUMNS = ("LOWER", "TAG", "DEP", "IS_SPACE")
_ATTRIBUTE_IDS = [LOWER, TAG, DEP, IS_SPACE]
# (column, wanted, values): the test "the token's value is in ``values``" must come out ``wanted``.
Condition = tuple[int, bool, frozenset[int]]


def _condition(key: str, value, strings) -> Condition | None:
    """One pattern test as a Condition; None for a test a lookup does not answer (REGEX, comparisons, ...)."""
    if key not in _COLUMNS:
        return None
    column = _COLUMNS.index(key)
    if key == "IS_SPACE":
        return (column, True, frozenset({int(value)})) if isinstance(value, bool) else None
    if isinstance(value, str):
        return column, True, frozenset({strings.add(value)})
    if isinstance(value, dict) and len(value) == 1:
        operator, items = next(iter(value.items()))
        if operator in ("IN", "NOT_IN") and isinstance(items, list) and all(isinstance(v, str) for v in items):
            return column, operator == "IN", frozenset(strings.add(v) for v in items)
    return None


class AttributeRuleLookup:
    """A drop-in ``match`` for an ``AttributeRuler``: ``ruler.match = AttributeRuleLookup(ruler)``."""

    def __init__(self, ruler) -> None:
        strings = ruler.vocab.strings
        self._strings = strings
        # Per column: the token's value there -> the rules filed under it, with their other conditions.
        self._filed: list[dict[int, list[tuple[int, int, list[Condition]]]]] = [{} for _ in _COLUMNS]
        self._matcher = Matcher(ruler.vocab)  # the patterns a lookup does not answer
        for index in range(len(ruler.attrs)):
            key = str(index)
            unfiled = [pattern for pattern in ruler.matcher.get(key)[1]
                       if not self._file(pattern, index, strings[key])]
            if unfiled:
                self._matcher.add(strings[key], unfiled)

    def _file(self, pattern: list[dict], index: int, key_hash: int) -> bool:
        """File a one-token pattern under the values its most selective wanted test accepts; False when the
        pattern has several tokens, a test the lookup does not answer, or no test a token's value must pass."""
        if len(pattern) != 1 or not pattern[0]:
            return False
        conditions = [_condition(key, value, self._strings) for key, value in pattern[0].items()]
        if any(condition is None for condition in conditions):
            return False
        wanted = sorted((c for c in conditions if c[1]), key=lambda c: c[0])
        if not wanted:
            return False
        column, _, values = anchor = wanted[0]
        others = [c for c in conditions if c is not anchor]
        for value in values:
            self._filed[column].setdefault(value, []).append((index, key_hash, others))
        return True

    def __call__(self, doc) -> list[Match]:
        """The matches ``AttributeRuler.match`` would return for ``doc``, in its order (by rule index)."""
        strings = self._strings
        found = {
            (int(strings[key]), key, start, end)
            for key, start, end in self._matcher(doc, allow_missing=True, as_spans=False)
        }
        lookups = [table.get for table in self._filed]
        for i, row in enumerate(doc.to_array(_ATTRIBUTE_IDS).tolist()):
            for value, lookup in zip(row, lookups, strict=True):
                rules = lookup(value)
                if rules:
                    for index, key, others in rules:
                        if not others or all((row[c] in values) == wanted for c, wanted, values in others):
                            found.add((index, key, i, i + 1))
        return sorted(found)
