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
# "X urged Congress to ...", "X vowed to ...". ("hop" is how the lemmatizer sometimes reads "hoping".)
INTENT = frozenset(
    """
    expect seem appear ask decline refuse seek urge call vow promise pledge hope hop decide threaten want
    agree propose tell report encourage order aim vote intend demand warn caution advise beg implore
    plan
    """.split()
)

# Verbs through which polls, studies and documents "speak": "a poll found that ...".
EVIDENCE = frozenset("show find suggest indicate reveal conclude estimate predict project confirm".split())

# Lemmas accepted as the cue of a direct quotation next to it ("“...,” he said").
QUOTE_CUES = SPEECH | frozenset("think believe hope hop fear feel know".split())

# Verbs whose noun-phrase object is what was said or judged: "X endorsed Y", "X criticized Y".
OBJECT = frozenset(
    """
    endorse announce cite express defend criticize oppose discuss mention praise reject question propose
    issue dismiss tout blast note highlight report blame explain mock reveal slam acknowledge recall
    declare condemn denounce echo list decry lament applaud hail welcome lambaste lambast ridicule rebuke
    deride disparage assail chastise castigate scold berate knock pan trash attack describe predict
    reiterate stress emphasize emphasise dispute contest deny tweet retweet support back criticise bemoan
    thank congratulate commend salute fault accuse
    show want prefer favor favour seek consider push challenge champion advocate
    offer voice share address invoke renew
    """.split()
)

# Verbs of taking a side whose object, even a bare name, is the position: "X endorsed Clinton".
STANCE = frozenset("endorse support back oppose favor favour prefer want".split())

# Verbs naming their object as something: "X called it a disaster" (dobj + oprd).
NAMING = frozenset("call name label dub brand deem term".split())

# Verb + preposition whose object is the content: "X accused Y of ...", "X talked about ...".
PREP_CUES: dict[str, frozenset[str]] = {
    "of": frozenset("accuse speak warn convince boast complain".split()),
    "for": frozenset(
        "call criticize blame push ask praise argue apologize advocate lobby press slam campaign fight vote".split()
    ),
    "about": frozenset(
        "talk ask speak complain warn worry write joke comment testify brag boast tweet muse fret".split()
    ),
    "as": frozenset(
        "see describe cast portray cite refer view characterize label depict paint dismiss denounce "
        "criticize brand hail tout regard".split()
    ),
    "to": frozenset("refer point object".split()),
    "on": frozenset("comment elaborate insist focus weigh".split()),
    "against": frozenset("warn argue rail caution campaign speak fight vote".split()),
    "with": frozenset("side agree disagree".split()),
    "from": frozenset("distance".split()),
    "at": frozenset("lash jab swipe".split()),
}

# Verbs reporting in the passive, with or without an agent: "X is expected to run", "X is seen as
# a uniter", "it was reported that ...", "X was said by aides to be furious".
PASSIVE = frozenset(
    """
    expect say believe think report know consider see view regard call name dub label brand deem term
    describe intend plan rumor rumour suppose allege predict estimate project portray characterize
    fear understand assume tout hail criticize criticise praise accuse blame quote cite ask press
    """.split()
)

# Verbs of seeming: the impression is the writer's, the subject is part of it ("X seems to know ...").
SEEM = frozenset("seem appear".split())

# Every lemma that may carry a clausal complement as reported content.
CLAUSE_CUES = SPEECH | BELIEF | EVIDENCE | frozenset({"hop"})

# Nouns that report speech through a preposition ("according to X").
ACCORDING = frozenset({"according"})

# Lemmas never taken as cues even when the parse offers a complement (too often non-reporting).
NOT_CUES = frozenset({"see", "hear", "figure", "reason", "answer", "sense", "imagine", "forget", "remember"})
# ... except with the preposition of a judgement: "X sees Y as a uniter".
NOT_CUES_UNLESS = frozenset({"as"})

# Subjects that are never a source of speech ("it says" in "it is said", expletives).
NON_SOURCES = frozenset({"it", "there", "this", "that", "what", "which"})

# Nouns reporting what someone said, believed or intends, with their content as a "that" clause,
# an infinitive or (NOUN_PREPS) a prepositional object: "the claim that ...", "his pledge to ...",
# "her criticism of ...", "Clinton's view is that ...".
NOUN_CUES = frozenset(
    """
    claim assertion belief view argument suggestion promise pledge vow warning fear hope notion idea
    allegation accusation charge statement insistence contention admission call demand criticism
    attack endorsement opposition proposal strategy position impression concern worry doubt
    assessment prediction expectation theory conclusion complaint denial acknowledgment
    acknowledgement announcement revelation report rumor rumour speculation suspicion sense feeling
    opinion skepticism scepticism appeal plea commitment intention goal desire
    wish reluctance determination message argument praise condemnation support assurance
    recommendation admission confession prediction forecast estimate finding verdict ruling
    point case remark comment answer response explanation reminder
    """.split()
)
NOUN_PREPS: dict[str, frozenset[str]] = {
    "of": frozenset("criticism endorsement support praise condemnation accusation allegation denial "
                    "acknowledgment acknowledgement skepticism scepticism opposition assessment".split()),
    "on": frozenset("attack position view criticism".split()),
    "against": frozenset("attack warning argument complaint charge allegation".split()),
    "for": frozenset("support call demand praise endorsement proposal".split()),
    "about": frozenset("claim warning concern worry fear complaint doubt".split()),
}

# Verbs whose "it"/"this" subject is no speaker: "it seems that ...", "this means that ...".
IMPERSONAL = frozenset("seem appear mean matter remain continue happen follow look sound feel add".split())

# Words that label a non-person line of a transcript ("Question: ...") or a note.
TRANSCRIPT_NON_SPEAKERS = frozenset(
    """
    question questions q answer moderator interviewer reporter reporters audience source sources note
    notes update editor photo video credit related read watch see also caption image file disclosure
    correction clarification via transcript subscribe advertisement tags share email follow
    """.split()
)
