"""The cue lexicon: verbs (by lemma) that introduce what somebody said, reported, believed or intended.

Hand-written word lists. A cue verb only yields a claim together with its content (a clausal
complement in the parse, or a quotation next to it) and a source (its subject).
"""

from __future__ import annotations

# Verbs of saying and reporting: "X said (that) ...", "“...,” X added".
SPEECH = frozenset(
    """
    say tell add write ask note report announce suggest tweet describe argue explain declare
    acknowledge claim urge recall conclude respond reply agree propose state warn promise insist
    reveal predict pledge vow admit deny confirm indicate assert estimate concede mention reiterate
    complain contend maintain stress emphasize emphasise observe testify allege charge comment remark
    inform assure caution counter boast joke quip muse proclaim demand threaten signal hint imply
    post blog continue repeat recount lament grumble scoff retort snap shout yell exclaim whisper
    mutter sigh laugh cry plead beg advise tout brag fret worry speculate theorize posit point
    underscore highlight affirm reaffirm swear guarantee forecast project calculate figure read
    predict confide disclose divulge explain counsel interject interrupt protest object question
    wonder answer reason
    """.split()
)

# Verbs of belief, knowledge and feeling: PolNeAR annotates "X believes ...", "X fears ...".
BELIEF = frozenset(
    """
    think believe hope fear expect know feel doubt suspect assume guess realize realise understand
    reckon consider recognize recognise imagine suppose worry trust sense bet learn remember forget
    agree decide find see hear wish prefer envision envisage foresee anticipate insist
    """.split()
)

# Verbs of intention and demand whose content can be an infinitive: "X wants to ...",
# "X urged Congress to ...", "X vowed to ...".
INTENT = frozenset(
    """
    want plan hope promise vow pledge threaten intend refuse decide agree offer seek urge ask call
    expect demand order propose encourage push press vote aim wish prefer need
    """.split()
)

# Verbs through which polls, studies and documents "speak": "a poll found that ...".
EVIDENCE = frozenset("show find suggest indicate reveal conclude estimate predict project confirm".split())

# Lemmas accepted as the cue of a direct quotation next to it ("“...,” he said").
QUOTE_CUES = SPEECH | frozenset("think believe hope fear feel know".split())

# Every lemma that may carry a clausal complement as reported content.
CLAUSE_CUES = SPEECH | BELIEF | EVIDENCE

# Nouns that report speech through a preposition ("according to X").
ACCORDING = frozenset({"according"})

# Lemmas never taken as cues even when the parse offers a complement (too often non-reporting).
NOT_CUES = frozenset({"see", "hear", "find", "point", "figure", "read", "continue", "question", "learn"})

# Subjects that are never a source of speech ("it says" in "it is said", expletives).
NON_SOURCES = frozenset({"it", "there", "this", "that", "what", "which"})

# Words that label a non-person line of a transcript ("Question: ...") or a note.
TRANSCRIPT_NON_SPEAKERS = frozenset(
    """
    question questions q answer moderator interviewer reporter reporters audience source sources note
    notes update editor photo video credit related read watch see also caption image file disclosure
    correction clarification via transcript subscribe advertisement tags share email follow
    """.split()
)
