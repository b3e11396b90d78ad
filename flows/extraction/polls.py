"""Poll figures: survey results with value, unit, pollster, population, measure, option and time.

How it works, cheapest step first:

1. ``numbers.find_figures`` runs one precompiled regex over the (masked) text; documents without a
   percentage or point figure stop there.
2. Each figure is judged from its surroundings: hard exclusions (margins of error, odds, tax
   rates, election results, census and economic statistics, questions) and then poll evidence:
   a poll cue in its sentence (poll, survey, respondents, a pollster), an opinion frame right
   after it ("52 percent support", "N percent of voters said"), a lead frame ("ahead by 3
   points"), or a poll passage it continues (a cue or an accepted figure in the sentences just
   before).
3. The pollster is the organisation named for the poll: in the figure's sentence, else carried
   over from the last poll reference before it. A new unnamed poll ("exit polls", "a new
   survey") interrupts the carry-over.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..parsing import ParsedDocument
from .actors import ActorIndex
from .model import PollFigure
from .nlp import analysed_text, doc_text
from .numbers import Figure, find_figures
from .poll_options import OptionFinder, areas, assign_options, contests, sentence_bounds
from .poll_time import is_historical, resolve_when
from .pollsters import default_registry

# --------------------------------------------------------------------------- lexicons and cues

# Well-known pollsters and poll averages (a general lexicon, matched case-sensitively).
_KNOWN_POLLSTERS = [
    r"Gallup", r"Pew Research Center", r"Pew", r"Quinnipiac(?: University)?", r"Rasmussen(?: Reports)?",
    r"Morning Consult", r"Reuters/Ipsos", r"Ipsos(?: MORI)?", r"(?:Economist/)?YouGov", r"Marist(?: College)?",
    r"Monmouth(?: University)?", r"Public Policy Polling", r"SurveyUSA", r"SurveyMonkey",
    r"Emerson College", r"Suffolk University", r"Zogby", r"Harris Interactive", r"Harris Poll",
    r"CNN/ORC", r"ORC International", r"AP-GfK", r"GfK", r"Selzer(?: & Co\.?)?", r"Mason-Dixon",
    r"Franklin & Marshall", r"Siena College", r"Rutgers-Eagleton", r"PRRI", r"Kaiser Family Foundation",
    r"Levada(?: Center| Centre)?", r"VTsIOM", r"Public Opinion Foundation", r"FOM",
    r"RealClearPolitics", r"Real Clear Politics", r"RCP", r"FiveThirtyEight", r"538",
    r"HuffPost Pollster", r"HuffPollster", r"Pollster\.com", r"Latino Decisions", r"TargetSmart",
    r"IBD/TIPP", r"Investor's Business Daily", r"UPI/CVoter", r"Roper Center", r"Ipsos Public Affairs",
    r"ComRes", r"ICM", r"Survation", r"Opinium", r"Populus", r"Angus Reid", r"Ifop", r"Forsa",
    r"Infratest dimap", r"Datafolha", r"Ibope", r"Razumkov Centre", r"Lowy Institute",
    r"Chicago Council on Global Affairs", r"Edison Research", r"Winthrop(?: University)?",
    r"Elon University", r"High Point University", r"Muhlenberg College", r"Fairleigh Dickinson",
]
_KNOWN_RE = re.compile(r"(?<![\w/-])(?:" + "|".join(_KNOWN_POLLSTERS) + r")(?![\w/-])")

# A capitalised name: words starting upper-case (or digits), joined by spaces, '/', '-', '&'.
_CAP_WORD = r"(?:[A-Z][\w.'’]*|\d+)"
_CAP_RUN = rf"[A-Z][\w.'’]*(?:(?:[ ]|/|-|[ ]&[ ]|[ ](?:of|for|and)[ ])(?:{_CAP_WORD}))*"
_POLL_NOUN = r"(?i:poll|polls|survey|surveys|average|averages|tracking)"
_POLL_MODIFIERS = (
    r"(?i:(?:national|new|latest|recent|daily|weekly|monthly|opinion|online|telephone|phone|tracking|"
    r"exit|state|statewide|nationwide|public|annual|post-debate|pre-debate|joint|battleground|"
    r"Daybreak|of|polls|polling|voters|likely|registered)\s+){0,4}"
)
# "Quinnipiac University poll", "Washington Post-ABC News national poll", "POLITICO's ... average"
_NAME_BEFORE_POLL = re.compile(rf"(?P<name>{_CAP_RUN})\s+{_POLL_MODIFIERS}{_POLL_NOUN}\b")
# "a survey released this week by the independent Levada Center", "poll conducted for NBC"
_NAME_AFTER_POLL = re.compile(
    rf"\b(?:poll|polls|survey|surveys|polling)\b"
    rf"(?:[ \t]+(?!(?:shows?|showed|showing|shown|found|finds|gives?|gave|puts?|has|had|is|was|ahead|leads?|"
    rf"led|up|down)\b)[\w'’-]+){{0,6}}?,?[ \t]+(?:by|from|for)[ \t]+"
    rf"(?:the\s+)?(?:(?:independent|nonpartisan|non-partisan|respected|state-run|state-owned|"
    rf"Kremlin-funded|Moscow-based|polling\s+(?:firm|company|group|agency)|pollster)\s+)*(?P<name>{_CAP_RUN})"
)
# "according to the Roper Center for Public Opinion Research", "Levada Center found"
_ORG_SUFFIX = re.compile(
    r"\b(?:Center|Centre|Institute|University|College|Poll|Polling|Research|Associates|Strategies|"
    r"Foundation|Pollster|Insights|Analytics|Group)\b"
)
_NAME_WITH_SUFFIX = re.compile(rf"(?P<name>{_CAP_RUN})")

_NOT_NAMES = {
    "A", "An", "The", "This", "That", "These", "Those", "New", "Latest", "Recent", "In", "On", "Our",
    "Its", "Their", "His", "Her", "Another", "One", "Other", "Some", "Most", "Many", "Several", "Two",
    "Polling", "Poll", "Polls", "Survey", "National", "State", "Exit", "Opinion", "When", "And", "But",
    "If", "As", "Yesterday", "Today", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "According", "Among", "Still", "Only", "Just", "Also", "Even", "Each", "Every",
    "Democratic", "Republican", "GOP", "Democrats", "Republicans", "Clinton", "Trump", "Obama",
    "Election", "Day", "Senate", "House", "White", "Census", "American", "Community", "Internal",
}
_NOT_NAMES |= {
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
}
_LEADING_JUNK = re.compile(
    r"^(?:(?:(?:early|mid|late)-?\s?)?(?:January|February|March|April|May|June|July|August|September|"
    r"October|November|December)(?:['’]s)?\s+|(?:a|an|the)\s+|(?:A|An|The|This|That|These|Those|New(?!\s+(?:York|Jersey|Hampshire|Mexico|Zealand|Orleans|England|Haven))|Latest|Recent|In|On|Our|Another|Yesterday|Today|"
    r"According|Among|Meanwhile|But|And|When|While|Still|Both|Also|Even|Where|Yet|So|Then|After|Before|"
    r"Since|Last|Earlier|Later|Separately|However|Polling|Polls)\s+)+"
)
# Organisations whose "surveys" are administrative statistics, not opinion polls.
_ADMIN_SURVEY = re.compile(
    r"\b(?:Census|Community Survey|Labor Force|Current Population|Bureau|Department|Ministry|"
    r"Statistics|Statistical|Federal Reserve|Office|Agency|IMF|OECD|World Bank|Rosstat)\b"
)

_POLL_WORD_RE = re.compile(
    r"\b(?:poll|polls|polled|polling|survey|surveys|surveyed|respondents|pollsters?|"
    r"questioned|interviewed|(?:were|was|when|being)\s+asked|Asked\s+(?:whether|if|about|which|who|what|how))\b",
    re.IGNORECASE,
)
_NOT_POLL_CUE = re.compile(
    r"(?:\bto\s+the\s+polls|\bat\s+the\s+polls|\bpolls\s+(?:close|closed|open|opened|closing)|"
    r"\bpolling\s+(?:station|place|booth|location|threshold|criteria)s?|\bpolling\s+stations?)",
    re.IGNORECASE,
)
# Words showing that a sentence's numbers are the results of asking people.
_OPINION_VERBS = (
    r"(?:say|says|said|saying|think|thinks|thought|believe|believes|believed|agree|agreed|agrees|"
    r"disagree|disagreed|disagrees|feel|feels|felt|fear|feared|fears|want|wants|wanted|support|"
    r"supports|supported|oppose|opposes|opposed|favor|favors|favored|favour|favours|back|backs|"
    r"backed|prefer|prefers|preferred|approve|approves|approved|disapprove|disapproves|disapproved|"
    r"expect|expects|expected|plan|plans|planned|view|views|viewed|see|sees|saw|trust|trusts|"
    r"trusted|worry|worries|worried|indicated|answered|responded|chose|choose|choosing|pick|picked|"
    r"picks|rate|rated|gave|give|consider|considered|considers|regard|regarded|identify|identified|"
    r"describe|described|would|will\s+vote|are\s+(?:likely|unlikely|undecided|unsure|satisfied|"
    r"dissatisfied|confident|concerned|optimistic|pessimistic|happy|unhappy|unsure)|were\s+"
    r"(?:undecided|unsure|satisfied|dissatisfied|confident|concerned|optimistic|pessimistic)|"
    r"remain|remained|remains|hope|hoped|hopes|like|liked|dislike|disliked|blame|blamed|blames|"
    r"named|cited|called|wish|wished|oppose|intend|intended|know|knew|doubt|doubted|"
    r"don['’]t|didn['’]t|do\s+not|did\s+not|had\s+(?:a\s+)?(?:favorable|unfavorable|positive|"
    r"negative)|have\s+(?:a\s+)?(?:favorable|unfavorable|positive|negative))"
)
_PEOPLE = (
    r"(?:voters?|Americans|adults|respondents|people|those\s+(?:polled|surveyed|asked|questioned|"
    r"responding)|Republicans|Democrats|independents|Russians|Britons|Germans|French|Ukrainians|"
    r"Syrians|Israelis|Palestinians|Europeans|citizens|residents|women|men|Latinos|Hispanics|"
    r"whites|blacks|African[- ]Americans|millennials|evangelicals|Catholics|Muslims|Christians|"
    r"supporters|members|likely|registered|parents|students|young|older|seniors|participants|"
    r"the\s+public|the\s+country|the\s+nation|the\s+electorate|the\s+sample|[A-Z][a-z]+ans(?!\s+[a-z]+s\b))"
)
# What follows a share when it reports answers: "52 percent support", "46 percent would choose",
# "48 percent of Russian respondents said", "40 percent of Russians believed".
_OPINION_AFTER = re.compile(
    rf"^(?:\s*(?:,\s*)?(?:of\s+(?:all\s+|the\s+|those\s+)?(?:[\w'’-]+\s+){{0,4}}?{_PEOPLE}\b[^.;:!?]{{0,60}}?)?"
    rf"(?:\s+(?:now|still|also|already|actually|currently|either|strongly|somewhat|only|mostly|"
    rf"generally|overall|nationally|who|that|in\s+\w+|last\s+\w+|this\s+\w+|a\s+year\s+ago|"
    rf"say\s+they|said\s+they))*\s+{_OPINION_VERBS}\b)",
    re.IGNORECASE,
)
_SHARE_OF_PEOPLE = re.compile(
    rf"^\s*of\s+(?:all\s+|the\s+|those\s+)?(?:[\w'’-]+\s+){{0,3}}?{_PEOPLE}\b", re.IGNORECASE
)
_LEAD_BEFORE = re.compile(
    r"\b(?:lead|leads|leading|led|ahead|advantage|edge|margin|gap|deficit|trail|trails|trailing|"
    r"trailed|behind|beats|beat|tops|topped|edges|edged|up|down|rose|risen|fell|fallen|dropped|"
    r"gained|gains|lost|slipped|climbed|jumped|increased|decreased|improved|narrowed|widened|"
    r"shrunk|shrank|grew|bump|bounce|swing|swung|surged|dipped|declined|showing\s+\w+|shows\s+\w+)"
    r"\b[^.;!?]{0,45}$"
    r"|\b(?:by|within)\s+(?:(?:about|just|only|nearly|almost|roughly|more|less|than|some|over|under|a|an)\s+)*$",
    re.IGNORECASE,
)
_LEAD_AFTER = re.compile(
    r"^\s*(?:lead|advantage|edge|margin|gap|deficit|swing|bump|bounce|drop|jump|gain|increase|dip|slide|"
    r"rise|fall|spread|difference|deficit|shift|decline|lower|higher|ahead|behind|up|down|over|since|"
    r"among|in\s+the\s+(?:poll|survey|average))\b",
    re.IGNORECASE,
)

# Never poll figures (checked on a window around the number).
_EXCLUDE_BEFORE = re.compile(
    r"(?:margins?\s+of\s+(?:sampling\s+)?error|sampling\s+error|plus\s+or\s+minus|\+/-|±|\+-|"
    r"\bchances?\b|\bodds\b|probability|likelihood|\bforecasts?\b|\bpredict\w*|\bprojects?\b|"
    r"\bprojected|\bthreshold|\bqualify|\bneeds?\s+(?:at\s+least\s+|about\s+|roughly\s+)?$|\b(?:hit|reach|get\s+to|close\s+in\s+on|qualify\s+with)\s+(?:at\s+least\s+|about\s+)?$|\bneeded\b|\bturnout\b|"
    r"\btax\b|\btaxes\b|\brates?\b|\btariffs?\b|\bsurcharge|\bsurtax|\bstake\b|\breturns?\b|"
    r"\binterest\b|\binflation\b|\bunemployment\b|\bGDP\b|\bgross\s+domestic|\beconom\w+|\bgrowth\b|"
    r"\bgrow\b|\bgrew\b|\bexpand\w*|\boutput\b|\bwages?\b|\bsalar\w+|\bincomes?\b|\bprices?\b|"
    r"\bcosts?\b|\bbudget\b|\brevenues?\b|\bprofits?\b|\bsales\b|\bshares?\s+(?:price|fell|rose)|"
    r"\bstocks?\b|\bemissions?\b|\bcensus\b|\bpopulations?\b|\bworkforces?\b|\bdiscount|\binvestors?\b|"
    r"\b(?:top|bottom|lower|upper|richest|poorest|wealthiest|highest|lowest)\s+$|\bthe\s+top\s+|"
    r"\bturn\s*out\b|\bmark\b|\$\s?\d|\bbattery|\bcapacity|\bdeductions?\b|\bbrackets?\b|\bshooting|\bscored?\b)"
    r"[^.;!?]{0,30}$",
    re.IGNORECASE,
)
_EXCLUDE_AFTER = re.compile(
    r"^(?:[^.;!?]|\.(?=\d)){0,30}?(?:\bchance\b|\bodds\b|\bprobability\b|\bmargin\s+of\s+error\b|\berror\s+margin\b|"
    r"\brates?\b|\btax\b|\btaxes\b|\btariffs?\b|\bsurcharge|\bsurtax|\bstake\b|\breturn\b|\bdiscount\b|"
    r"\binterest\b|\binflation\b|\bunemploy\w+|\bGDP\b|\bgross\s+domestic|\bof\s+(?:the\s+)?(?:world|"
    r"state|country|nation|city|global|U\.S\.)['’]?s?\s+(?:population|inmates|economy|output|GDP|"
    r"budget|exports|imports|jobs|workforce|residents)|\bpopulations?\b|\bworkforces?\b|\bthreshold\b|\bmark\b|\bcutoff\b|"
    r"\bturnout\b|\bof\s+(?:the\s+|all\s+|its\s+|their\s+)?(?:money|funds|budget|revenue|sales|"
    r"giving|donations|contributions|contributors|donors|taxes|income|shares|stock|emissions|"
    r"imports|exports|jobs|seats|delegates|precincts|ballots|tweets|Twitter|conversation|"
    r"mentions|viewers|audience|households|homes|children|inmates|prisoners|refugees|workers|"
    r"employees|staff|companies|firms|cases|deaths|patients|students|schools|land|territory|"
    r"oil|gas|energy|coal|electricity|power|market|GDP)\b|"
    r"\bbelow\b|\babove\s+(?:\d|the|its|their)|\bcut\b|\bincrease\s+in\b|\bgrowth\b|\bgrow\b|"
    r"\breduction|\bshare\s+of\s+(?:the\s+)?(?:market|economy)|\bannual\b|\bpremium|\bdividend|"
    r"\byield\b|\bcapacity\b|\befficien\w+|\bof\s+the\s+(?:popular\s+)?votes?\b|\bof\s+votes\b|"
    r"\bvotes?\s+cast\b|\bof\s+(?:the\s+)?(?:black|white|Latino|Hispanic|Asian|African[- ]American|"
    r"Jewish|Catholic|evangelical|women['’]s|youth|female|male|union)\s+vote\b)",
    re.IGNORECASE,
)
# A figure set against an election's result: "the 95 percent Obama received in 2008".
_ELECTION_RESULT = re.compile(
    r"\b(?:received|won|win|wins|winning|got|get|gets|getting|garnered|took|take|carried|captured|"
    r"secured|earned)\b[^.;!?]{0,40}?(?:\bin\s+(?:19|20)\d\d\b|\belection\b|\bprimary\b|\bcaucus|"
    r"\bvotes?\b|\bballots?\b|\breelection|\bre-election)"
    r"|\b(?:in|during)\s+the\s+(?:\d{4}\s+)?(?:general\s+)?(?:election|primary|primaries|caucus(?:es)?|"
    r"runoff|referendum)\b|\b(?:won|lost|carried|took)\s+(?:the\s+)?(?:state|county|district|seat)\b",
    re.IGNORECASE,
)
_NOT_POLLSTER_LABELS = frozenset({"GPE", "LOC", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT"})
# "14 percent of the Latino vote" is a poll figure only where a poll is named in the sentence.
_VOTE_SHARE = re.compile(
    r"^[^.;!?]{0,30}?(?:\bof\s+the\s+(?:popular\s+)?votes?\b|\bof\s+votes\b|\bof\s+(?:the\s+)?(?:black|white|"
    r"Latino|Hispanic|Asian|African[- ]American|Jewish|Catholic|evangelical|women['’]s|youth|female|male|union)"
    r"\s+vote\b)",
    re.IGNORECASE,
)
# "She lost by 13 points", "Cruz won, 27.6 percent to ...": results, unless a poll is named.
_WON_BEFORE = re.compile(
    r"(?:\b(?:won|wins|win|winning|lost|loses|lose|losing|defeated|decided|carried|captured|swept|trounced|"
    r"beaten)\b[^.;!?,]{0,40}\bby|\b(?:won|lost|defeated|carried|captured|swept|trounced)\b"
    r"(?:\s+[\w'’]+){0,4}?(?:\s+with|,)?)"
    r"\s+(?:(?:about|nearly|almost|more|less|than|roughly|just|only|some|over|a|an)\s+)*$",
    re.IGNORECASE,
)
_PAIR_GAP = re.compile(r"\s*(?:to|-|–|—|versus|vs\.?)\s*(?:[A-Z][\w.]*['’]s\s+)?$")
_RESULT_AFTER = re.compile(r"^(?:[^.;!?]|\.(?=\d)){0,80}\bprecincts\s+reporting\b", re.IGNORECASE)
_EXIT_POLL = re.compile(r"\bexit\s+polls?\b", re.IGNORECASE)


@dataclass
class _Sentence:
    start: int
    end: int
    para: int


@dataclass
class _Mention:
    """A reference to a poll: a named pollster (name set) or a new unnamed poll (name None)."""

    start: int
    end: int
    name: str | None


# --------------------------------------------------------------------------- entry point


def extract_polls(doc, text: str, parsed: ParsedDocument, actors: ActorIndex) -> list[PollFigure]:
    """Every poll figure of one document, in text order."""
    atext = analysed_text(doc, text)
    figures = [f for f in find_figures(atext) if parsed.section_at(f.start) != "comments"]
    if not figures:
        return []
    sentences = _sentences(doc, atext)
    starts = [s.start for s in sentences]
    mentions = _poll_mentions(doc, atext)
    cue_sents = _cue_sentences(atext, sentences, mentions)

    out: list[PollFigure] = []
    kept: list[Figure] = []
    accepted_sents: set[int] = set()
    last_ok: tuple[int, str, int] | None = None
    prev: tuple[Figure, bool] | None = None
    for fig in figures:
        si = max(0, bisect_right(starts, fig.start) - 1)
        sent = sentences[si]
        if prev is not None and prev[0].end <= fig.start and _PAIR_GAP.match(atext[prev[0].end : fig.start]):
            ok = prev[1]  # "46 percent to 42 percent": the second share goes with the first
        else:
            ok = _is_poll_figure(fig, atext, sent, si, sentences, cue_sents, accepted_sents, last_ok)
        prev = (fig, ok)
        if not ok:
            continue
        accepted_sents.add(si)
        last_ok = (fig.end, fig.unit, si)
        pollster = _pollster_for(fig, sent, si, sentences, mentions, atext)
        kept.append(fig)
        out.append(
            PollFigure(
                value=fig.value,
                unit=fig.unit,  # type: ignore[arg-type]
                pollster=pollster,
                population=_population(fig, atext, sent),
                measure=_measure(fig, atext, sent),
                option=None,
                when=_when(fig, sent, doc),
                span=(fig.start, fig.end),
            )
        )
    if out:
        finder = OptionFinder(doc, atext, actors, [(m.start, m.end) for m in mentions if m.name])
        options = assign_options(kept, finder)
        races, places = contests(kept, options, finder), areas(kept, finder)
        releases = _release_metadata(atext, mentions)
        registry = default_registry()
        for k, (poll, fig, option) in enumerate(zip(out, kept, options, strict=True)):
            poll.option, poll.contest, poll.area = option, races[k], places[k]
            poll.pollster_text = poll.pollster
            found = registry.canonical(poll.pollster)
            if found is not None:
                poll.pollster, poll.pollster_kind = found.name, found.kind
                named_average = rf"{re.escape(poll.pollster_text or '')}\S*\s+(?:[\w'’]+\s+){{0,3}}average"
                if found.kind == "poll" and re.search(named_average, atext):
                    poll.pollster_kind = "average"  # "POLITICO's Battleground States average"
            if poll.when and poll.when not in _between_neighbours(atext, kept, k):
                poll.when = None  # "52 percent now, compared with 55 percent a year ago": not 52's time
            when = resolve_when(poll.when, parsed.published)
            if when is not None:
                poll.when_start, poll.when_end = when[0].isoformat(), when[1].isoformat()
            before, after = _figure_window(atext, kept, k)
            poll.historical = _historical(before, after, parsed.published, when) or is_historical(
                poll.when or "", parsed.published, None)
            poll.measure = _measure_words(atext, kept, k) or poll.measure
            ages = _AGES.search(_between_neighbours(atext, kept, k))
            if ages and ages.group(0) not in (poll.population or ""):
                poll.population = f"{poll.population or ''} {ages.group(0)}".strip()  # a subgroup is another series
            poll.measure_kind = _measure_kind(fig, atext, kept, options, k, races[k])
            poll.sample_size, poll.margin_of_error = releases.get(poll.pollster_text or "", (None, None))
        _link_stated_previous(out, kept, atext)
    return out


# --------------------------------------------------------------------------- structure


def _sentences(doc, atext: str) -> list[_Sentence]:
    """Sentences (from spaCy when there is a Doc), each with its paragraph number."""
    bounds: list[tuple[int, int]] = []
    if doc is not None:
        try:
            bounds = [(s.start_char, s.end_char) for s in doc.sents]
        except ValueError:  # no sentence boundaries set
            bounds = []
    if not bounds:
        bounds = [(m.start(), m.end()) for m in re.finditer(r"[^.!?\n]+(?:[.!?]+|$)", atext)]
    # spaCy may join a headline or several lines: split sentences at line breaks.
    split: list[tuple[int, int]] = []
    for a, b in bounds:
        cut = a
        for m in re.finditer(r"\n", atext[a:b]):
            nl = a + m.start()
            if atext[cut:nl].strip():
                split.append((cut, nl))
            cut = nl + 1
        if atext[cut:b].strip():
            split.append((cut, b))
    out: list[_Sentence] = []
    para = 0
    prev_end = 0
    for a, b in split:
        if "\n" in atext[prev_end:a]:
            para += 1
        out.append(_Sentence(a, b, para))
        prev_end = b
    return out or [_Sentence(0, len(atext), 0)]


def _clean_name(raw: str, start: int, spans: list[tuple[int, int]], last: bool = False) -> tuple[int, str] | None:
    """A pollster name out of a capitalised run found at ``start``: (offset, name), or None.

    ``spans`` are the places, dates and numbers spaCy found: a name that is only a place
    ("Iowa polls") is no pollster, and a place tacked on at the end is cut ("Marist Ohio poll").
    """
    origin = start
    cuts = list(re.finditer(r"(?<=[a-z]{2})\.\s+", raw))
    if cuts and last:  # "... the Midwest. CNN exit poll": the name next to the poll
        start += cuts[-1].end()
        raw = raw[cuts[-1].end() :]
    elif cuts:
        raw = raw[: cuts[0].start()]
    cut = re.search(r"\s+(?:and|&)\s+(?:the|a)\b", raw)
    if cut:
        raw = raw[: cut.start()]
    raw = raw.rstrip(" .-/&")
    lead = _LEADING_JUNK.match(raw)
    offset = lead.end() if lead else 0
    name = re.split(r"['’]s\b", raw[offset:])[0].strip(" -/&")
    name = re.sub(r"\s+(?:of|for|and)$", "", name)
    if not name or name in _NOT_NAMES or len(name) < 2 or not re.search(r"[A-Za-z]", name):
        return None
    if re.search(r"\b(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|Gen)\.", name):
        return None
    if all(w in _NOT_NAMES for w in re.split(r"[ /-]", name) if w):
        return None
    if _ADMIN_SURVEY.search(name):
        return None
    a, b = start + offset, start + offset + len(name)
    for s, e in spans:
        if s <= a and b <= e:
            return None  # a place or a date, not a pollster
        if a < s < b <= e and not re.search(r"\b(?:of|for|at|in)\s*$", name[: s - a]):
            name = name[: s - a].rstrip(" -/&,")
            b = a + len(name)
    if not name or name in _NOT_NAMES:
        return None
    return a - origin, name


def _poll_mentions(doc, atext: str) -> list[_Mention]:
    """Named pollsters and new unnamed polls, in text order."""
    named: list[_Mention] = []
    for m in _KNOWN_RE.finditer(atext):
        named.append(_Mention(m.start(), m.end(), m.group(0)))
    ents = list(doc.ents) if doc is not None else []
    persons = [(e.start_char, e.end_char) for e in ents if e.label_ == "PERSON"]
    places = [(e.start_char, e.end_char) for e in ents if e.label_ in _NOT_POLLSTER_LABELS]
    for pattern in (_NAME_BEFORE_POLL, _NAME_AFTER_POLL):
        for m in pattern.finditer(atext):
            if _NOT_POLL_CUE.search(atext[max(0, m.start() - 14) : m.end()]):
                continue
            if pattern is _NAME_AFTER_POLL and any(a < m.end("name") and m.start("name") < b for a, b in persons):
                continue
            found = _clean_name(m.group("name"), m.start("name"), places, last=pattern is _NAME_BEFORE_POLL)
            if found:
                offset, name = found
                named.append(_Mention(m.start("name") + offset, m.start("name") + offset + len(name), name))
    if doc is not None:
        for ent in ents:
            if ent.label_ == "ORG" and _ORG_SUFFIX.search(ent.text) and _near_poll_word(atext, ent):
                found = _clean_name(ent.text, ent.start_char, places)
                if found:
                    offset, name = found
                    named.append(_Mention(ent.start_char + offset, ent.start_char + offset + len(name), name))
    # One name per place: keep the longest of overlapping mentions.
    named.sort(key=lambda n: (n.start, -(n.end - n.start)))
    merged: list[_Mention] = []
    for n in named:
        if merged and n.start < merged[-1].end:
            if n.end - n.start > merged[-1].end - merged[-1].start:
                merged[-1] = n
            continue
        merged.append(n)
    # Every later mention of an established pollster name counts as a mention too.
    names = {n.name for n in merged if n.name}
    extra: list[_Mention] = []
    for name in names:
        for m in re.finditer(rf"(?<![\w/-]){re.escape(name)}(?![\w/-])", atext):
            if not any(n.start < m.end() and m.start() < n.end for n in merged):
                extra.append(_Mention(m.start(), m.end(), name))
    merged.extend(extra)
    # New polls nobody is named for: "exit polls", "a new poll", "polls show".
    for m in re.finditer(r"\b(?:poll|polls|survey|surveys|polling\s+averages?)\b", atext, re.IGNORECASE):
        if _NOT_POLL_CUE.search(atext[max(0, m.start() - 14) : m.end() + 10]):
            continue
        if any(n.name and n.end <= m.start() and m.start() - n.end <= 60 and _same_phrase(atext, n.end, m.start())
               for n in merged):
            continue
        if any(n.name and n.start >= m.end() and n.start - m.end() <= 70 and
               re.search(r"\b(?:by|from|for)\b", atext[m.end() : n.start]) and
               not re.search(r"[.;!?]", atext[m.end() : n.start]) for n in merged):
            continue
        before = atext[max(0, m.start() - 40) : m.start()]
        if _EXIT_POLL.match(atext, max(0, m.start() - 5)) or re.search(r"\bexit\s+$", before, re.IGNORECASE):
            merged.append(_Mention(m.start(), m.end(), None))
            continue
        definite = re.search(
            r"\b(?:the|this|that|these|those|its|their|his|her|our|same|latest|previous|last|"
            r"earlier|Monday's|weekend's|week's|month's)\s+(?:[\w'’-]+\s+){0,3}$",
            before,
            re.IGNORECASE,
        )
        if definite:
            continue
        if re.match(r"\s+(?:[\w'’-]+\s+){0,4}?(?:by|from|for)\s+(?:the|its|this|that)\s+(?:organi[sz]ation|institute|"
                    r"group|firm|center|centre|university|college|pollster|company|network|newspaper|paper|"
                    r"same\s+\w+)\b", atext[m.end() : m.end() + 80]):
            continue  # "a survey by the organization": the pollster named before
        merged.append(_Mention(m.start(), m.end(), None))
    merged.sort(key=lambda n: n.start)
    return merged


def _same_phrase(atext: str, a: int, b: int) -> bool:
    gap = atext[a:b]
    return not re.search(r"[.;!?,]|\b(?:and|but|while|whereas|than)\b", gap) and len(gap.split()) <= 5


def _near_poll_word(atext: str, ent) -> bool:
    window = atext[max(0, ent.start_char - 80) : ent.end_char + 80]
    return bool(_POLL_WORD_RE.search(window)) and not _NOT_POLL_CUE.search(window)


def _cue_sentences(atext: str, sentences: list[_Sentence], mentions: list[_Mention]) -> set[int]:
    """Indexes of sentences that speak of a poll or survey or name a pollster."""
    cues: set[int] = set()
    starts = [s.start for s in sentences]
    for m in _POLL_WORD_RE.finditer(atext):
        if _NOT_POLL_CUE.search(atext[max(0, m.start() - 14) : m.end() + 12]):
            continue
        if _ADMIN_SURVEY.search(atext[max(0, m.start() - 30) : m.end() + 30]):
            continue  # the Census Bureau's "American Community Survey" is not an opinion poll
        if m.group(0).lower().startswith("pollster") and re.match(r"\s+[A-Z]", atext[m.end() : m.end() + 2]):
            continue  # "pollster Pat Caddell" names a person
        cues.add(bisect_right(starts, m.start()) - 1)
    for n in mentions:
        if n.name:
            cues.add(bisect_right(starts, n.start) - 1)
    return cues


# --------------------------------------------------------------------------- judging a figure


def _is_poll_figure(
    fig: Figure,
    atext: str,
    sent: _Sentence,
    si: int,
    sentences: list[_Sentence],
    cue_sents: set[int],
    accepted: set[int],
    last_ok: tuple[int, str, int] | None,
) -> bool:
    before = atext[max(sent.start, fig.start - 70) : fig.start]
    after = atext[fig.end : min(sent.end, fig.end + 90)]
    if fig.form == "range":
        after = atext[fig.end : min(sent.end, fig.end + 120)]
    clause_after = re.split(
        r"(?<!\d)\.|\.(?!\d)|[;!?]|,\s+(?:while|but|and|compared|according|though|whereas)\b", after
    )[0]
    sentence_text = atext[sent.start : sent.end]

    # Questions are not results ("Why aren't I 50 points ahead?"; "90 percent of what?").
    rest = atext[fig.end : sent.end]
    stop = re.search(r"[.!?]", rest)
    if stop and stop.group(0) == "?":
        return False
    if _EXCLUDE_BEFORE.search(before[-45:]):
        if not _OPINION_AFTER.match(after):
            return False
    supported = bool(re.match(r"^\s*(?:support|approval|backing)\b", after, re.IGNORECASE))
    in_cue = si in cue_sents
    if _EXCLUDE_AFTER.match(after) and not supported:
        if not (in_cue and _VOTE_SHARE.match(after)):
            return False
    if fig.value == 100 and not re.match(r"^\s*of\b", after):
        return False  # "supports him 100 percent"
    if not in_cue and _WON_BEFORE.search(before) and (
        not supported or re.search(r"\b(?:primar|caucus|election|contest)", before, re.IGNORECASE)
    ):
        return False  # "she lost by 13 points": a result, not a poll
    if _RESULT_AFTER.match(atext[fig.end : sent.end]):
        return False
    window = atext[max(sent.start, fig.start - 60) : min(sent.end, fig.end + 60)]
    opinion = bool(_OPINION_AFTER.match(after))
    if _ELECTION_RESULT.search(clause_after) and not supported and not opinion:
        return False
    if re.search(r"\b(?:forecast|projection|simulation|model|betting|bookmakers?|prediction\s+market)s?\b",
                 window, re.IGNORECASE):
        return False

    support = fig.unit == "percent" and _supportish(before, after)
    share_of_people = bool(_SHARE_OF_PEOPLE.match(after))
    lead = fig.unit == "points" and bool(_LEAD_BEFORE.search(before) or _LEAD_AFTER.match(after))
    # A list continuing an accepted figure: "ahead 3 points, HuffPollster 4.3 points".
    if last_ok is not None and last_ok[2] == si and last_ok[1] == fig.unit and fig.start - last_ok[0] <= 160:
        between = atext[last_ok[0] : fig.start]
        if not re.search(r"[;!?]|\b(?:margin|error|sample|compared|than|population)\b", between, re.IGNORECASE):
            return True
    if fig.unit == "points" and not lead and not re.search(r"percentage", atext[fig.start : fig.end]):
        return False
    pair = bool(re.match(r"^\s*(?:to|-|–|versus|vs\.?)\s*(?:[A-Z]\w+['’]s\s+)?\d", after)) or bool(
        re.search(r"\d(?:\s?%|\s?percent|\s?per\s?cent)\s*(?:to|-|–|versus|vs\.?)\s*(?:[A-Z]\w+['’]s\s+)?$",
                  before, re.IGNORECASE)
    )

    passage = in_cue or any(
        (j in cue_sents or j in accepted) and _same_passage(sentences, j, si, atext)
        for j in range(max(0, si - 4), si)
    )
    if fig.form == "answer":
        # A read-out answer ("Forty-three, yes"): a poll or a question shortly before.
        return passage or any(j in cue_sents for j in range(max(0, si - 10), si)) or bool(
            re.search(r"\bquestion\b", atext[max(0, fig.start - 600) : fig.start], re.IGNORECASE)
        )
    if fig.form == "ratio":
        people = bool(re.match(rf"^\s+(?:(?:[\w'’-]+\s+){{0,2}}{_PEOPLE}\s+(?:(?:\w+ly|now|still|also|who)\s+)?)?"
                               rf"{_OPINION_VERBS}\b",
                               after, re.IGNORECASE))
        return (opinion or people) and passage
    if in_cue:
        return opinion or support or share_of_people or lead or pair or _cue_near(atext, sent, fig) or (
            fig.unit == "points"
        )
    if passage:
        return opinion or support or lead or pair or share_of_people
    # No poll in sight: only unmistakable frames ("85 percent support among black voters").
    strong_support = bool(
        re.match(r"^\s*(?:support|approval|backing)\b", after, re.IGNORECASE)
        or re.search(r"\bsupport\s+(?:from|among|of)\s+[^.;!?]{0,40}\bvoters\b[^.;!?]*$", before, re.IGNORECASE)
        or re.search(r"\bapproval\s+ratings?\b[^.;!?]{0,30}$", before, re.IGNORECASE)
    )
    strong_opinion = opinion and bool(re.match(rf"^\s*of\s+(?:the\s+)?(?:\w+\s+){{0,3}}?{_PEOPLE}\b",
                                                after, re.IGNORECASE)) and bool(
        re.search(r"\b(?:voters|respondents|Americans|adults)\b", after[:60], re.IGNORECASE)
    )
    strong_lead = lead and bool(re.search(r"\b(?:voters|race|nationally|contest|head-to-head)\b",
                                          sentence_text, re.IGNORECASE))
    return strong_support or strong_opinion or strong_lead


def _supportish(before: str, after: str) -> bool:
    """The words before a share make it a candidate's or answer's level of support."""
    tail = before[-60:]
    return bool(
        re.search(r"\b(?:support|backing|approval|favou?rab\w*|ratings?|ahead|leads?|leading|led|trails?|"
                  r"trailing|beats?|tops|edges|edged|choose|chose|back|backed|prefer\w*|favou?r\w*|"
                  r"sits\s+at|stands?\s+at|stood\s+at|polls?\s+at|polling\s+at|received|got|gets|with|"
                  r"tied)\b", tail, re.IGNORECASE)
        or re.match(r"^\s*(?:support|approval|backing)\b", after, re.IGNORECASE)
        or re.search(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?\s+(?:at\s+|with\s+)?$", tail)
    )


def _cue_near(atext: str, sent: _Sentence, fig: Figure) -> bool:
    """A poll word in the figure's own clause (not just somewhere in a long sentence)."""
    lo = max(sent.start, fig.start - 120)
    hi = min(sent.end, fig.end + 120)
    return bool(_POLL_WORD_RE.search(atext[lo:hi]))


def _same_passage(sentences: list[_Sentence], j: int, si: int, atext: str) -> bool:
    """Sentence j still frames sentence si: same paragraph, or close enough (short paragraphs)."""
    if sentences[j].para == sentences[si].para:
        return True
    return sentences[si].start - sentences[j].end <= 700 and sentences[si].para - sentences[j].para <= 2


# --------------------------------------------------------------------------- attributes


def _pollster_for(
    fig: Figure, sent: _Sentence, si: int, sentences: list[_Sentence], mentions: list[_Mention], atext: str
) -> str | None:
    inside = [m for m in mentions if sent.start <= m.start < sent.end]
    named_before = [m for m in inside if m.name and m.start < fig.start]
    if named_before:
        return named_before[-1].name
    named_after = [m for m in inside if m.name and m.start >= fig.end]
    if named_after:
        return named_after[0].name
    if inside:  # only unnamed new polls in this sentence
        return None
    earlier = [m for m in mentions if m.start < sent.start]
    if not earlier:
        return None
    last = earlier[-1]
    if last.name is None:
        return None
    # "Morning Consult and Rasmussen had similar numbers: 43, yes ..." -> the first one named.
    prev = [m for m in earlier[:-1] if m.name and m.name != last.name and m.end <= last.start]
    if prev and re.fullmatch(r"\s*(?:and|,|&)\s*", atext[prev[-1].end : last.start]):
        later_same = [m for m in mentions if m.name == last.name and m.start > last.end]
        if later_same:
            return prev[-1].name
    return last.name


_POPULATION_OF = re.compile(
    rf"^\s*of\s+(?P<pop>(?:all\s+|the\s+|those\s+)?(?:[\w'’-]+\s+){{0,3}}?{_PEOPLE})\b", re.IGNORECASE
)
_POPULATION_AMONG = re.compile(
    r"\b(?:among|of)\s+(?P<pop>(?:all\s+)?(?:likely|registered|black|white|Hispanic|Latino|young|older|"
    r"college-educated|independent|Republican|Democratic|female|male|undecided|American|Russian)?\s*"
    r"(?:[A-Z][\w-]*\s+)?(?:voters|Americans|adults|respondents|Republicans|Democrats|independents|"
    r"women|men|Russians|citizens|residents|Latinos|Hispanics|millennials)"
    r"(?:\s+in\s+[A-Z]\w+)?)",
    re.IGNORECASE,
)


def _population(fig: Figure, atext: str, sent: _Sentence) -> str | None:
    m = _POPULATION_OF.match(atext[fig.end : sent.end])
    if m:
        return re.sub(r"^(?:all|the|those)\s+", "", m.group("pop")).strip()
    m = None
    for m2 in _POPULATION_AMONG.finditer(atext, sent.start, sent.end):
        m = m2
        if m2.start() > fig.end:
            break
    return m.group("pop").strip() if m else None


def _measure(fig: Figure, atext: str, sent: _Sentence) -> str | None:
    after = atext[fig.end : sent.end]
    pop = _POPULATION_OF.match(after)
    if pop:
        after = after[pop.end() :]
    words = re.split(r"[,.;:!?\"“”()]|\b(?:while|whereas|compared|according|but)\b", after)[0].split()
    if fig.unit == "points":
        before = atext[max(sent.start, fig.start - 60) : fig.start]
        lead = re.search(r"\b(lead|ahead|advantage|edge|margin|gap|behind|trail\w*|rose|fell|gained|lost)\b",
                         before + " " + " ".join(words[:4]), re.IGNORECASE)
        return lead.group(1).lower() if lead else "lead"
    text = " ".join(words[:8]).strip()
    if not text:
        before = atext[max(sent.start, fig.start - 60) : fig.start]
        m = re.search(r"\b(support|approval(?:\s+rating)?|favou?rab\w+|leads?|leading)\b", before, re.IGNORECASE)
        return m.group(1).lower() if m else None
    return text


_WHEN_WORDS = re.compile(
    r"\b(?:(?:this|last|next)\s+(?:week|month|year|spring|summer|fall|autumn|winter)|a\s+(?:year|month|week)\s+ago|"
    r"yesterday|today|now|(?:in|since|as\s+of|on)\s+(?:early\s+|mid-|late\s+)?(?:January|February|March|April|May|"
    r"June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday)\b(?:['’]s\s+\w+)?|(?:early|mid-|late)\s+(?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)|in\s+(?:19|20)\d\d)\b",
    re.IGNORECASE,
)


def _when(fig: Figure, sent: _Sentence, doc) -> str | None:
    best, best_d = None, 10**9
    if doc is not None:
        for ent in doc.ents:
            if ent.label_ == "DATE" and sent.start <= ent.start_char < sent.end and _TIME_WORDS.search(ent.text):
                d = min(abs(ent.start_char - fig.end), abs(fig.start - ent.end_char))
                if d < best_d:
                    best, best_d = ent.text, d
    if best is None:
        text = doc_text(doc) if doc is not None else ""
        for m in _WHEN_WORDS.finditer(text, sent.start, sent.end):
            d = min(abs(m.start() - fig.end), abs(fig.start - m.end()))
            if d < best_d:
                best, best_d = m.group(0), d
    return best


# A DATE entity that names a time ("Friday", "last week", "in 1998"), not an age or a duration.
_TIME_WORDS = re.compile(
    r"\b(?:(?:19|20)\d\d|January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|"
    r"now|ago|(?:this|last|past|previous|next)\s+\w+|weekend|spring|summer|fall|autumn|winter)\b",
    re.IGNORECASE,
)
_PRESENT = re.compile(r"^\s*(?:,\s*)?(?:now|today|currently|this\s+(?:week|month))\b", re.IGNORECASE)

# Measures, normalised: what a figure measures, in a small vocabulary (the words as written stay in `measure`).
MEASURE_KINDS = ("vote_head_to_head", "vote_multi_way", "vote", "favourability", "approval", "right_direction",
                 "issue", "other")
_APPROVAL = re.compile(r"\b(?:approv\w*|disapprov\w*|job\s+performance)\b", re.IGNORECASE)
_FAVOURABILITY = re.compile(r"\b(?:favou?rab\w*|unfavou?rab\w*|(?:positive|negative)\s+(?:view|opinion|impression)s?|"
                            r"view\s+of|opinion\s+of|impression\s+of|see\s+\w+\s+(?:negatively|positively)|"
                            r"\w+\s+(?:unfavorably|favorably|negatively|positively))\b", re.IGNORECASE)
_DIRECTION = re.compile(r"\b(?:right\s+direction|wrong\s+track|on\s+the\s+wrong\s+(?:track|path))\b", re.IGNORECASE)
_VOTE = re.compile(r"\b(?:vote|voting|support|supported|back|backing|choose|chose|prefer\w*|lead\w*|led|ahead|"
                   r"trail\w*|behind|beat\w*|tops|race|contest|match-?up|head-to-head|ballot|nominee|"
                   r"received|receives|gets|at|with|followed|tied|edge|advantage|margin)\b", re.IGNORECASE)
_MULTI = re.compile(r"\b(?:three|four|five|multi)-(?:way|candidate)|\bfield\b|\bprimary\b|\bcaucus", re.IGNORECASE)
_EXPECTATION = re.compile(
    r"\b(?:expects?|expected|predicts?|predicted)\b[^.;]{0,60}\bwin\b|\b(?:won|win|winning)\s+(?:the\s+)?(?:\w+['’]s\s+)?"
    r"(?:\w+\s+)?debate\b",
    re.IGNORECASE,
)
_TWO_WAY = re.compile(r"\b(?:two-way|head-to-head|one-on-one|match-?ups?|general\s+election)\b", re.IGNORECASE)


def _figure_window(atext: str, figures: list[Figure], k: int) -> tuple[str, str]:
    """The words that belong to figure k: back to the previous figure or clause start, on to the next or clause end."""
    fig = figures[k]
    lo, hi = sentence_bounds(atext, fig.start)
    if k > 0 and figures[k - 1].end > lo:
        lo = figures[k - 1].end
    if k + 1 < len(figures) and figures[k + 1].start < hi:
        hi = figures[k + 1].start
    before = atext[max(lo, fig.start - 120) : fig.start]
    before = re.split(r"[;:]|,\s+(?:while|but|whereas)\b", before)[-1]
    after = re.split(r"[;:,]", atext[fig.end : min(hi, fig.end + 120)])[0]
    return before, after


def _between_neighbours(atext: str, figures: list[Figure], k: int) -> str:
    """The sentence around figure k, cut at the figures before and after it."""
    lo, hi = sentence_bounds(atext, figures[k].start)
    if k > 0 and figures[k - 1].end > lo:
        lo = figures[k - 1].end
    if k + 1 < len(figures) and figures[k + 1].start < hi:
        hi = figures[k + 1].start
    return atext[lo:hi]


def _historical(before: str, after: str, published, when) -> bool:
    """About an earlier time than the article's poll: "in 1998", "in the last poll", "a year ago"."""
    if _PRESENT.match(after):
        return False
    return is_historical(after, published, when) or is_historical(before, published, None) or (
        when is not None and published is not None and (published - when[1]).days > 21
    )


def _measure_kind(
    fig: Figure, atext: str, figures: list[Figure], options: list[str | None], k: int, contest: str | None
) -> str:
    """The figure's measure in the small vocabulary of MEASURE_KINDS."""
    lo, hi = sentence_bounds(atext, fig.start)
    sentence = atext[lo:hi]
    near = atext[max(lo, fig.start - 100) : min(hi, fig.end + 100)]
    if _DIRECTION.search(near):
        return "right_direction"
    if _EXPECTATION.search(sentence):
        return "other"  # "expect Clinton to win Monday's debate" is no vote intention
    if _APPROVAL.search(near):
        return "approval"
    if _FAVOURABILITY.search(near):
        return "favourability"
    option = options[k]
    if option in ("yes", "no", "not sure", "don't know", "undecided") or option is None:
        return "issue" if option is not None or re.search(r"\b(?:say|said|think|believe|agree|support|oppose|favor|"
                                                           r"want|should)\w*\b", near, re.IGNORECASE) else "other"
    if not _VOTE.search(near) and fig.unit == "percent":
        return "other"
    # How many candidates the race sets against each other: two is a head-to-head.
    together = len(contest.split(" | ")) if contest else 0
    if _TWO_WAY.search(sentence) or (fig.unit == "points" and together <= 2):
        return "vote_head_to_head"
    if _MULTI.search(sentence) or together >= 3:
        return "vote_multi_way"
    if together == 2:
        return "vote_head_to_head"
    return "vote"


_MOE = re.compile(
    r"margin\s+of\s+(?:sampling\s+)?error\s+(?:of|is|was|at)?\s*(?:\+/-|±|plus\s+or\s+minus\s+)?\s*"
    r"(\d{1,2}(?:\.\d)?)\s*(?:percentage\s+points?|points?|percent|%)",
    re.IGNORECASE,
)
_SAMPLE = re.compile(
    r"\b(?:sample\s+of|survey(?:ed)?\s+of|poll(?:ed)?\s+of|interviews?\s+(?:with|of)|surveying)\s+"
    r"(?:a\s+random\s+sample\s+of\s+|more\s+than\s+|nearly\s+|about\s+)?(\d{1,3}(?:,\d{3})+|\d{3,5})\b"
    r"|\b(\d{1,3}(?:,\d{3})+|\d{3,5})\s+(?:likely\s+|registered\s+)?(?:voters|adults|respondents|Americans|people)\s+"
    r"(?:were\s+)?(?:surveyed|polled|interviewed|questioned|nationwide)",
    re.IGNORECASE,
)


def _release_metadata(atext: str, mentions: list[_Mention]) -> dict[str, tuple[int | None, float | None]]:
    """Sample size and margin of error of each named poll, by the pollster named last before them."""
    out: dict[str, tuple[int | None, float | None]] = {}
    named = [m for m in mentions if m.name]
    if not named:
        return out

    def owner(at: int) -> str | None:
        before = [m for m in named if m.start < at]
        return before[-1].name if before else named[0].name

    for m in _SAMPLE.finditer(atext):
        name = owner(m.start())
        if name and out.get(name, (None, None))[0] is None:
            size = int((m.group(1) or m.group(2)).replace(",", ""))
            out[name] = (size, out.get(name, (None, None))[1])
    for m in _MOE.finditer(atext):
        name = owner(m.start())
        if name and out.get(name, (None, None))[1] is None:
            out[name] = (out.get(name, (None, None))[0], float(m.group(1)))
    return out


_COMPARED_WITH = re.compile(
    r"^[^.;!?]{0,80}?(?:\bcompared\s+(?:with|to)|\bup\s+from|\bdown\s+from|\bfrom|\bthan|\bversus)\s+"
    r"(?:(?:about|nearly|roughly|just|only)\s+)?$",
    re.IGNORECASE,
)


def _link_stated_previous(polls: list[PollFigure], figures: list[Figure], atext: str) -> None:
    """ "52 percent support it now, compared with 55 percent a year ago": the earlier figure is the same
    series (same measure, option, population) as the one it is set against."""
    for k in range(1, len(polls)):
        cur, prev = polls[k], polls[k - 1]
        if not cur.historical or prev.historical or cur.unit != prev.unit or cur.pollster != prev.pollster:
            continue
        if _COMPARED_WITH.match(atext[figures[k - 1].end : figures[k].start]):
            cur.measure, cur.measure_kind = prev.measure, prev.measure_kind
            cur.contest, cur.area = cur.contest or prev.contest, cur.area or prev.area
            cur.option = cur.option or prev.option
            cur.population = cur.population or prev.population


_AGES = re.compile(
    r"\b(?:ages?|aged)\s+\d{2}\s*(?:to|-|–|and)\s*\d{2}\b|\b(?:under|over)\s+(?:age\s+)?\d{2}\b|\b\d{2}\s+and\s+(?:older|over|up)\b",
    re.IGNORECASE,
)
_TITLE_DOTS = re.compile(r"\b(Mr|Mrs|Ms|Dr|Sen|Gov|Rep|Gen|St|Sept|Jan|Feb|Aug|Oct|Nov|Dec|[A-Z])\.")
_MEASURE_STOP = re.compile(
    r"[,.;:!?\"“”()]|\s--\s|\s[—–]\s|\b(?:and|while|whereas|but|compared|according|although|though)\b", re.IGNORECASE
)


def _measure_words(atext: str, figures: list[Figure], k: int) -> str | None:
    """What a figure measures, in the article's words: the clause after it ("would choose Clinton", "said
    the debate changed their minds"), else, for a pair or lead, the words before it ("Clinton leads Trump by")."""
    fig = figures[k]
    lo, hi = sentence_bounds(atext, fig.start)
    paired_after = k + 1 < len(figures) and _PAIR_GAP.match(atext[fig.end : figures[k + 1].start]) is not None
    paired_before = k > 0 and _PAIR_GAP.match(atext[figures[k - 1].end : fig.start]) is not None
    if k + 1 < len(figures) and figures[k + 1].start < hi:
        hi = figures[k + 1].start
    after = _TITLE_DOTS.sub(r"\1", atext[fig.end : hi])
    pop = _POPULATION_OF.match(after)
    if pop:
        after = after[pop.end() :]
    words = [] if paired_after or fig.unit == "points" else _MEASURE_STOP.split(after)[0].split()[:8]
    if words:
        return " ".join(words)
    first = figures[k - 1] if paired_before else fig
    start = max(lo, figures[k - 2].end if paired_before and k >= 2 else lo, first.start - 80)
    if not paired_before and k > 0 and figures[k - 1].end > start:
        start = figures[k - 1].end
    before = _TITLE_DOTS.sub(r"\1", atext[start : first.start])
    before_words = re.split(r"[,;:!?\"“”()]|\.\s", before)[-1].split()[-6:]
    return " ".join(before_words) or None
