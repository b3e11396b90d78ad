"""Pure name canonicalisation helpers: honorifics, titles, possessives, countries and their aliases.

Nothing here looks at a spaCy Doc; everything is a function of strings, so the same rules serve
within a document (grouping "Mr. Putin" with "Vladimir Putin") and across documents
(``canonical_key``: "Putin" tomorrow gets the key "Vladimir Putin" got today).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# --------------------------------------------------------------------------- lexicons

# Forms of address that precede a name and are never part of it (lowercase, without the period).
HONORIFICS = frozenset(
    "mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend fr father sister brother "
    "sheikh sheik shaikh mister madam mme mlle herr monsieur".split()
)

# Titles that may precede a name ("President Putin", "Lt. Gen. Sergei Rudskoi"), longest first when
# matched. Abbreviations keep their periods optional when matched; ROLE_DISPLAY gives the role label.
TITLES = (
    "Secretary of State", "Secretary of Defense", "Secretary of the Treasury", "Attorney General",
    "Vice President", "Prime Minister", "Deputy Prime Minister", "First Deputy Prime Minister",
    "Foreign Minister", "Defense Minister", "Defence Minister", "Interior Minister", "Finance Minister",
    "Deputy Foreign Minister", "Economy Minister", "Justice Minister", "Health Minister", "Minister",
    "Foreign Secretary", "Home Secretary", "Defense Secretary", "Defence Secretary", "Press Secretary",
    "Chief of Staff", "National Security Adviser", "National Security Advisor", "Supreme Leader",
    "Chief Justice", "Justice", "Judge", "Speaker", "House Speaker", "Majority Leader", "Minority Leader",
    "Senate Majority Leader", "Senate Minority Leader", "President-elect", "President", "Chancellor",
    "Senator", "Sen", "Representative", "Rep", "Congressman", "Congresswoman", "Governor", "Gov",
    "Lieutenant Governor", "Lt. Gov", "Mayor", "Ambassador", "Envoy", "Special Envoy", "Secretary",
    "Secretary-General", "Secretary General", "Commissioner", "Chairman", "Chairwoman", "Chair",
    "King", "Queen", "Prince", "Princess", "Crown Prince", "Emir", "Sultan", "Pope", "Ayatollah",
    "Patriarch", "Archbishop", "Bishop", "Rabbi", "Imam",
    "General", "Gen", "Lt. Gen", "Lt Gen", "Lieutenant General", "Maj. Gen", "Major General", "Brig. Gen",
    "Brigadier General", "Lt. Col", "Lieutenant Colonel", "Col", "Colonel", "Maj", "Major", "Capt",
    "Captain", "Lt", "Lieutenant", "Sgt", "Sergeant", "Adm", "Admiral", "Vice Adm", "Rear Adm",
    "Marshal", "Field Marshal", "Commander", "Cmdr", "Gen. Staff Chief",
)

# Abbreviated titles shown in full as roles; military ranks keep their abbreviation (as written).
ROLE_DISPLAY = {
    "sen": "Senator", "rep": "Representative", "gov": "Governor", "congressman": "Representative",
    "congresswoman": "Representative", "lt. gov": "Lieutenant Governor",
}

# Nouns that head a role phrase ("deputy director", "foreign affairs columnist").
ROLE_NOUNS = frozenset(
    "director columnist analyst professor editor spokesman spokeswoman spokesperson chairman chairwoman "
    "chair head chief president minister secretary adviser advisor expert fellow researcher official "
    "ambassador lawmaker senator member leader founder co-founder correspondent reporter journalist "
    "economist scientist strategist pollster commander manager officer executive ceo cfo candidate "
    "nominee governor mayor deputy lecturer author writer commentator historian lawyer attorney "
    "spokesmen representative envoy diplomat negotiator general colonel aide partner owner president-elect "
    "chancellor premier prosecutor judge justice sociologist political_scientist activist campaigner "
    "organizer organiser surrogate consultant operative blogger host anchor producer publisher "
    "coordinator administrator commissioner inspector investigator specialist scholar".split()
)

# Words that end an organisation's name ("Levada Center", "Pew Research Center").
ORG_SUFFIXES = frozenset(
    "center centre institute institution foundation university college academy school poll polls "
    "research ministry party council committee commission agency association corporation corp inc "
    "ltd llc company group bank fund court department office organization organisation union league "
    "society network times post journal daily news review herald tribune gazette press service "
    "services forces army navy force guard police assembly parliament congress senate duma "
    "administration authority board bureau trust alliance coalition federation movement front "
    "brigade brigades battalion regiment command staff media channel broadcasting radio television "
    "tv magazine monitor telegraph guardian observer examiner chronicle inquirer courier dispatch "
    "reuters cable project initiative fund".split()
)

# Generic heads (English and the Arabic words commonly left untranslated) ignored when comparing
# organisation names: "Nusra Front" ~ "Jabhat al-Nusra".
ORG_GENERIC = frozenset(
    "front jabhat movement harakat army jaish party hizb brigade brigades liwa the al el of".split()
)

# Arabic words that head the names of armed groups and parties ("Jabhat ...", "Jaish al-...").
ARABIC_ORG_HEADS = frozenset(
    "jabhat jaish harakat hayat hayyat hay'at ahrar ansar liwa jund kataib katibat tahrir hizb "
    "faylaq saraya".split()
)

# Name particles kept inside personal names ("Bashar al-Assad", "Charles de Gaulle").
NAME_PARTICLES = frozenset("al el bin ibn abu abd van von de da di del della der den le la du dos das ter".split())

# Regions and other places that are not countries (kind "other").
REGIONS = frozenset(
    "west east middle east near east far east gulf persian gulf levant balkans caucasus europe asia africa "
    "latin america south america north america central asia central america arctic "
    "mediterranean baltics baltic scandinavia sahel maghreb horn of africa southeast asia "
    "east asia south asia eastern europe western europe the west the east "
    "pacific atlantic".split(" ")
)
_REGIONS_MULTI = frozenset(
    {"middle east", "near east", "far east", "persian gulf", "latin america", "south america",
     "north america", "central asia", "central america", "horn of africa", "southeast asia",
     "east asia", "south asia", "eastern europe", "western europe", "the west", "the east", "west",
     "east", "gulf", "the gulf", "levant", "balkans", "caucasus", "europe", "asia", "africa", "arctic",
     "mediterranean", "baltics", "scandinavia", "sahel", "maghreb", "pacific", "atlantic", "the balkans"}
)

# Religious, ethnic and other collective groups that are people, never a named actor.
GROUP_WORDS = frozenset(
    "alawite alawites druze sunni sunnis shia shiite shiites shi'ite shi'ites kurd kurds christian christians "
    "muslim muslims jew jews arab arabs sikh sikhs hindu hindus buddhist buddhists catholic catholics "
    "protestant protestants evangelical evangelicals mormon mormons yazidi yazidis turkmen pashtun "
    "pashtuns tajik tajiks uzbek uzbeks hazara baloch copts coptic maronite maronites chechen chechens "
    "cossack cossacks tatar tatars roma latino latinos latina latinas hispanic hispanics "
    "democrats republicans liberals conservatives progressives libertarians independents "
    "millennials boomers salafi salafis jihadi jihadis takfiri takfiris islamist islamists".split()
)

# Names of programmes, laws, market indices and the like: capitalised, tagged ORG by the model, never
# an actor that says or does anything ("Obamacare", "Medicaid", "the Dow").
NOT_ACTORS = frozenset(
    "obamacare|medicaid|medicare|aca|tpp|nafta|dow|nasdaq|dow jones|dow jones industrial average|"
    "affordable care act|social security|patriot act|dodd frank|s p 500|standard poor s 500|"
    "trans pacific partnership|no child left behind".split("|")
)  # in the folded form of ``words`` (punctuation split)

# Common nouns for unnamed collective sources ("experts say"): kind "group".
GROUP_NOUNS = frozenset(
    "experts analysts officials rebels diplomats critics observers residents voters respondents "
    "insurgents militants fighters jihadists extremists terrorists protesters demonstrators "
    "lawmakers legislators senators scholars economists historians sources investigators "
    "activists supporters opponents commentators pundits strategists pollsters americans "
    "republicans democrats citizens civilians refugees soldiers troops authorities leaders "
    "skeptics sceptics".split()
)

# country: (adjectives / demonyms, other aliases). Plural demonyms are adjective + "s" unless listed.
_COUNTRY_TABLE = """
Afghanistan|Afghan|Afghans
Albania|Albanian
Algeria|Algerian
Angola|Angolan
Argentina|Argentine,Argentinian|Argentines,Argentinians
Armenia|Armenian
Australia|Australian|Aussies
Austria|Austrian
Azerbaijan|Azerbaijani,Azeri|Azerbaijanis,Azeris
Bahrain|Bahraini|Bahrainis
Bangladesh|Bangladeshi|Bangladeshis
Belarus|Belarusian,Belarussian
Belgium|Belgian
Bolivia|Bolivian
Bosnia and Herzegovina|Bosnian|Bosnians|Bosnia
Brazil|Brazilian
Bulgaria|Bulgarian
Burma|Burmese|Burmese|Myanmar
Cambodia|Cambodian
Cameroon|Cameroonian
Canada|Canadian
Chile|Chilean
China|Chinese|Chinese|PRC,People's Republic of China,Beijing*
Colombia|Colombian
Congo|Congolese|Congolese|DRC,Democratic Republic of the Congo
Costa Rica|Costa Rican
Croatia|Croatian,Croat|Croatians,Croats
Cuba|Cuban|Cubans|Havana*
Cyprus|Cypriot
Czech Republic|Czech|Czechs|Czechia
Denmark|Danish|Danes
Ecuador|Ecuadorian,Ecuadorean
Egypt|Egyptian|Egyptians|Cairo*
El Salvador|Salvadoran
Eritrea|Eritrean
Estonia|Estonian
Ethiopia|Ethiopian
Finland|Finnish|Finns
France|French|French|Paris*
Georgia|Georgian
Germany|German|Germans|Berlin*
Ghana|Ghanaian
Greece|Greek|Greeks|Athens*
Guatemala|Guatemalan
Haiti|Haitian
Honduras|Honduran
Hungary|Hungarian
Iceland|Icelandic|Icelanders
India|Indian|Indians|New Delhi*
Indonesia|Indonesian
Iran|Iranian|Iranians|Islamic Republic of Iran,Tehran*
Iraq|Iraqi|Iraqis|Baghdad*
Ireland|Irish|Irish|Dublin*
Israel|Israeli|Israelis|Jerusalem*
Italy|Italian|Italians|Rome*
Ivory Coast|Ivorian|Ivorians|Cote d'Ivoire
Jamaica|Jamaican
Japan|Japanese|Japanese|Tokyo*
Jordan|Jordanian|Jordanians|Amman*
Kazakhstan|Kazakh,Kazakhstani|Kazakhs
Kenya|Kenyan
Kosovo|Kosovar|Kosovars
Kuwait|Kuwaiti|Kuwaitis
Kyrgyzstan|Kyrgyz|Kyrgyz
Laos|Laotian
Latvia|Latvian
Lebanon|Lebanese|Lebanese|Beirut*
Libya|Libyan|Libyans|Tripoli*
Lithuania|Lithuanian
Luxembourg|Luxembourgish
Malaysia|Malaysian
Mali|Malian
Malta|Maltese|Maltese
Mexico|Mexican|Mexicans|Mexico City*
Moldova|Moldovan
Mongolia|Mongolian
Montenegro|Montenegrin
Morocco|Moroccan
Mozambique|Mozambican
Nepal|Nepalese,Nepali|Nepalese
Netherlands|Dutch|Dutch|Holland,The Netherlands,The Hague*
New Zealand|New Zealander|New Zealanders
Nicaragua|Nicaraguan
Niger|Nigerien
Nigeria|Nigerian
North Korea|North Korean|North Koreans|DPRK,Pyongyang*
Norway|Norwegian
Oman|Omani|Omanis
Pakistan|Pakistani|Pakistanis|Islamabad*
Palestine|Palestinian|Palestinians|Palestinian Territories
Panama|Panamanian
Paraguay|Paraguayan
Peru|Peruvian
Philippines|Philippine,Filipino|Filipinos|Manila*
Poland|Polish|Poles|Warsaw*
Portugal|Portuguese|Portuguese
Qatar|Qatari|Qataris|Doha*
Romania|Romanian
Russia|Russian|Russians|Russian Federation,Moscow*
Rwanda|Rwandan
Saudi Arabia|Saudi|Saudis|KSA,Kingdom of Saudi Arabia,Riyadh*
Senegal|Senegalese|Senegalese
Serbia|Serbian,Serb|Serbians,Serbs|Belgrade*
Singapore|Singaporean
Slovakia|Slovak,Slovakian|Slovaks
Slovenia|Slovenian,Slovene|Slovenians,Slovenes
Somalia|Somali|Somalis
South Africa|South African
South Korea|South Korean|South Koreans|Republic of Korea,Seoul*
South Sudan|South Sudanese|South Sudanese
Spain|Spanish|Spaniards|Madrid*
Sri Lanka|Sri Lankan
Sudan|Sudanese|Sudanese|Khartoum*
Sweden|Swedish|Swedes|Stockholm*
Switzerland|Swiss|Swiss|Bern*
Syria|Syrian|Syrians|Damascus*
Taiwan|Taiwanese|Taiwanese|Taipei*
Tajikistan|Tajikistani
Tanzania|Tanzanian
Thailand|Thai|Thais|Bangkok*
Tunisia|Tunisian
Turkey|Turkish|Turks|Ankara*
Turkmenistan|Turkmenistani
Uganda|Ugandan
Ukraine|Ukrainian|Ukrainians|Kiev*,Kyiv*
United Arab Emirates|Emirati|Emiratis|UAE
United Kingdom|British|British,Britons|UK,U.K.,Britain,Great Britain,England,London*
United States|American|the Americans|US,U.S.,USA,U.S.A.,America,United States of America,Washington*
Uruguay|Uruguayan
Uzbekistan|Uzbekistani
Venezuela|Venezuelan|Venezuelans|Caracas*
Vietnam|Vietnamese|Vietnamese|Viet Nam,Hanoi*
Yemen|Yemeni|Yemenis|Sanaa*
Zambia|Zambian
Zimbabwe|Zimbabwean
Vatican|Vatican||Holy See
"""


def _build_countries():
    names: dict[str, str] = {}  # lower alias -> country (names, abbreviations, singular adjectives)
    plurals: dict[str, str] = {}  # lower plural demonym -> country ("russians")
    capitals: dict[str, str] = {}  # lower capital -> country (metonymy for the government)
    adjectives: dict[str, str] = {}
    for line in _COUNTRY_TABLE.strip().splitlines():
        parts = (line.split("|") + ["", "", ""])[:4]
        country, adjs, plurs, extra = parts
        names[country.lower()] = country
        names["the " + country.lower()] = country
        for adj in filter(None, adjs.split(",")):
            adjectives[adj.lower()] = country
        plural_list = [p for p in plurs.split(",") if p] or [a + "s" for a in adjs.split(",") if a]
        for plural in plural_list:
            plural = plural.lower()
            if plural.startswith("the "):
                plural = plural[4:]
            if plural not in adjectives:
                plurals[plural] = country
        for alias in filter(None, extra.split(",")):
            if alias.endswith("*"):
                capitals[alias[:-1].lower()] = country
            else:
                names[alias.lower()] = country
    return names, adjectives, plurals, capitals


COUNTRY_NAMES, COUNTRY_ADJECTIVES, COUNTRY_PLURALS, CAPITALS = _build_countries()
COUNTRIES = frozenset(COUNTRY_NAMES.values())

# --------------------------------------------------------------------------- string helpers

_POSSESSIVE = re.compile(r"(?:['’‘ʼ`]s|(?<=s)['’‘ʼ`])$")  # a mistyped ‘ too: "Obama‘s"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'"})
_EDGE_JUNK = " \t\r\n,;:.!?&+/\\|-–—\"“”'’‘()[]{}*"
_EDITOR_BRACKETS = re.compile(r"[\[\]{}]")
_LEADING_DET = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_TRAILING_CONJ = re.compile(r"\s+(?:and|or|&)$", re.IGNORECASE)


def strip_possessive(name: str) -> str:
    """ "Putin’s" -> "Putin", "Jones'" -> "Jones" (straight or curly apostrophes)."""
    return _POSSESSIVE.sub("", name.rstrip()).rstrip()


@lru_cache(maxsize=65536)  # pure, and asked again and again for the same names
def clean_surface(name: str) -> str:
    """Trim edges, a leading article, a trailing conjunction and a possessive: 'the Gulf &' -> 'Gulf';
    an editor's brackets go: '[Chris] Christie' -> 'Chris Christie'."""
    name = " ".join(_EDITOR_BRACKETS.sub("", name).split())
    for _ in range(3):
        before = name
        name = name.strip(_EDGE_JUNK.replace(".", "")).strip()
        name = strip_possessive(name)
        name = _LEADING_DET.sub("", name)
        name = _TRAILING_CONJ.sub("", name)
        if name.endswith(".") and not _ends_with_abbreviation(name):
            name = name[:-1]
        if name == before:
            break
    return name


def _ends_with_abbreviation(name: str) -> bool:
    last = name.rsplit(" ", 1)[-1]
    return bool(re.fullmatch(r"(?:[A-Za-z]\.)+|[A-Z][a-z]{0,3}\.", last))


@lru_cache(maxsize=65536)  # pure, and asked again and again for the same names
def fold(text: str) -> str:
    """Lowercase ASCII fold: 'Sergéy’s' -> "sergey's"."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES)).encode("ascii", "ignore").decode()
    return text.lower()


def words(name: str) -> list[str]:
    """Folded words of a name, possessive dropped, punctuation split ('al-Assad' -> ['al', 'assad'])."""
    return re.sub(r"[^a-z0-9]+", " ", fold(strip_possessive(name))).split()


@lru_cache(maxsize=65536)  # pure, and asked again and again for the same names
def strip_honorifics(name: str) -> str:
    """Drop leading forms of address and titles: 'Russian President Vladimir Putin' keeps the adjective
    handling to callers; 'Mr. Putin' -> 'Putin', 'Lt. Gen. Sergei Rudskoi' -> 'Sergei Rudskoi'."""
    name = clean_surface(name)
    while True:
        match = TITLE_PREFIX.match(name)
        if not match or match.end() >= len(name):
            return name
        name = name[match.end():].lstrip()


def _title_alternation() -> str:
    forms = set()
    for title in TITLES:
        pattern = re.escape(title).replace(r"\.", r"\.?").replace(r"\ ", r"\s+")
        if len(title.rsplit(" ", 1)[-1]) <= 4:  # abbreviations: "Sen", "Lt. Gen" with or without a period
            pattern += r"\.?"
        forms.add(pattern)
    for honorific in HONORIFICS:
        forms.add(re.escape(honorific.capitalize()) + r"\.?")
    return "|".join(sorted(forms, key=len, reverse=True))


TITLE_ALTERNATION = _title_alternation()
# The last word of every title and honorific, lower case without full stops (TITLE_ALTERNATION makes each stop
# optional): a text can end in a title only where its last word ends with one of these.
_TITLE_LAST_WORDS = frozenset(t.split()[-1].replace(".", "").lower() for t in (*TITLES, *HONORIFICS))
_TITLE_LAST_WORD_LENGTHS = sorted({len(w) for w in _TITLE_LAST_WORDS})


def may_end_in_title(text: str) -> bool:
    """False only where ``text`` cannot end in a title (TITLE_ALTERNATION at its end): a quick test before that
    regex, which tries its 1,700 characters of alternatives at every position. Non-ASCII text: True (the regex's
    case folding is wider than ``str.lower``)."""
    words = text.split()
    if not words:
        return False
    last = words[-1].replace(".", "").lower()
    if not last.isascii():
        return True
    return any(last[-n:] in _TITLE_LAST_WORDS for n in _TITLE_LAST_WORD_LENGTHS if n <= len(last))


# One title or honorific at the start of a string, followed by whitespace.
TITLE_PREFIX = re.compile(rf"(?:{TITLE_ALTERNATION})(?=\s)\s*", re.IGNORECASE)


def title_role(title: str) -> str:
    """The role label for a matched title: 'Sen.' -> 'Senator', 'Lt. Gen.' -> 'Lt. Gen.', 'president' -> 'President'."""
    title = " ".join(title.split())
    key = title.lower().rstrip(".")
    if key in ROLE_DISPLAY:
        return ROLE_DISPLAY[key]
    if key in HONORIFICS:
        return ""
    if "." in title or len(key) <= 4:  # military abbreviations as written ("Lt. Gen.")
        shown = title if title.endswith(".") or len(key) > 4 else title + "."
        return shown[0].upper() + shown[1:]
    return " ".join(w if w in {"of", "the"} else w[:1].upper() + w[1:] for w in title.split())


def is_honorific(word: str) -> bool:
    return word.lower().rstrip(".") in HONORIFICS


# --------------------------------------------------------------------------- countries


def country_of(name: str, capitals: bool = False) -> str | None:
    """The country a name, abbreviation or singular adjective denotes ('U.S.' -> 'United States',
    'Russian' -> 'Russia'); with ``capitals``, a capital used for its government ('Moscow' -> 'Russia')."""
    raw = " ".join(fold(name).strip(_EDGE_JUNK).split())
    if raw.startswith("the ") and raw[4:] in COUNTRY_PLURALS:  # "the Russians", "the Americans"
        return COUNTRY_PLURALS[raw[4:]]
    key = " ".join(fold(clean_surface(name)).split())
    if key in COUNTRY_NAMES:
        return COUNTRY_NAMES[key]
    if key in COUNTRY_ADJECTIVES:
        return COUNTRY_ADJECTIVES[key]
    if capitals and key in CAPITALS:
        return CAPITALS[key]
    return None


def demonym_country(word: str) -> str | None:
    """Country of a singular adjective or plural demonym ('Syrian', 'Russians'), else None."""
    key = fold(word).strip()
    return COUNTRY_ADJECTIVES.get(key) or COUNTRY_PLURALS.get(key)


def is_region(name: str) -> bool:
    return " ".join(words(name)) in _REGIONS_MULTI


# --------------------------------------------------------------------------- keys


def person_words(name: str) -> list[str]:
    """Folded words of a personal name without titles, honorifics or generational suffixes."""
    ws = words(strip_honorifics(name))
    while ws and ws[-1] in {"jr", "sr", "ii", "iii", "iv"}:
        ws.pop()
    return ws


def surname(name: str) -> str:
    """Folded surname: the last word, particles dropped ('Bashar al-Assad' -> 'assad')."""
    ws = person_words(name)
    return ws[-1] if ws else ""


def given_name(name: str) -> str:
    """Folded first word of a personal name when it has more than one word, else ''."""
    ws = [w for w in person_words(name) if w not in NAME_PARTICLES]
    return ws[0] if len(ws) > 1 else ""


_OF_FORM = re.compile(r"^(ministry|department|office|secretariat) of (?:the )?(.+?)(?: affairs)?$")


def org_core(name: str) -> str:
    """Folded words of an organisation's name without generic heads: 'Nusra Front' -> 'nusra';
    'Ministry of Foreign Affairs' -> 'foreign ministry' (the 'X Ministry' form)."""
    folded = " ".join(words(clean_surface(name)))
    of_form = _OF_FORM.match(folded)
    if of_form:
        folded = f"{of_form.group(2)} {of_form.group(1)}"
    ws = [w for w in folded.split() if w not in ORG_GENERIC]
    return " ".join(ws)


def acronym(name: str) -> str:
    """Initials of the capitalised words: 'Free Syrian Army' -> 'FSA'."""
    return "".join(w[0] for w in re.split(r"[\s-]+", clean_surface(name)) if w[:1].isupper())


def canonical_key(name: str, kind: str | None = None) -> str:
    """A kind-qualified key for matching actors across documents.

    Countries resolve through aliases ('U.S.', 'the Americans', 'Russian'; capitals only when
    ``kind == 'country'``) to 'country:united states'. People key on the surname, so 'Putin',
    'Mr. Putin' and 'Russian President Vladimir Putin' all give 'person:putin' (two people sharing
    a surname share a key: callers wanting more should also compare ``given_name``).
    Organisations and others key on their folded words without articles or generic heads.
    """
    country = country_of(name, capitals=(kind == "country"))
    if country and kind in (None, "country"):
        return "country:" + " ".join(words(country))
    if kind == "person":
        return "person:" + surname(name)
    if kind == "organization":
        return "organization:" + (org_core(name) or " ".join(words(clean_surface(name))))
    if kind is None:
        return "name:" + " ".join(words(strip_honorifics(name)))
    return f"{kind}:" + " ".join(words(clean_surface(name)))


@lru_cache(maxsize=4096)
def looks_like_name(text: str) -> bool:
    """Capitalised like a proper name (every alphabetic word starts upper-case or is a particle)."""
    ws = [w for w in re.split(r"[\s/]+", text) if w and w[0].isalpha()]
    return bool(ws) and ws[0][0].isupper() and all(
        w[0].isupper() or w.split("-")[0].lower() in NAME_PARTICLES or w in _NAME_JOINERS for w in ws
    )


_NAME_JOINERS = frozenset({"and", "of", "the", "for", "on", "in", "de"})


# --------------------------------------------------------------------------- people: suffixes, gender

GENERATIONAL_SUFFIXES = ("jr", "sr", "ii", "iii", "iv")
# Words before or inside a name that tell a person's gender ("Mrs. Clinton", "Congresswoman Lee").
GENDERED_WORDS = {
    "mr": "male", "mister": "male", "sir": "male", "lord": "male", "king": "male", "prince": "male",
    "congressman": "male", "chairman": "male", "spokesman": "male", "father": "male", "brother": "male",
    "husband": "male", "son": "male", "herr": "male", "monsieur": "male", "widower": "male", "uncle": "male",
    "businessman": "male", "councilman": "male", "assemblyman": "male", "anchorman": "male",
    "mrs": "female", "ms": "female", "miss": "female", "madam": "female", "dame": "female", "lady": "female",
    "queen": "female", "princess": "female", "congresswoman": "female", "chairwoman": "female",
    "spokeswoman": "female", "mother": "female", "sister": "female", "wife": "female", "daughter": "female",
    "mme": "female", "mlle": "female", "widow": "female", "aunt": "female", "businesswoman": "female",
    "councilwoman": "female", "assemblywoman": "female", "actress": "female", "grandmother": "female",
}


def generational_suffix(name: str) -> str:
    """'Donald Trump Jr.' -> 'jr'; '' when the name has none (a Jr. is another person than his father)."""
    ws = words(name)
    return ws[-1] if len(ws) > 1 and ws[-1] in GENERATIONAL_SUFFIXES else ""


@lru_cache(maxsize=65536)  # pure, and asked again and again for the same names
def person_key(name: str) -> str:
    """Surname with its generational suffix: 'Donald Trump Jr.' -> 'trump jr', 'Mr. Trump' -> 'trump'."""
    suffix = generational_suffix(name)
    return f"{surname(name)} {suffix}" if suffix else surname(name)


@lru_cache(maxsize=1)
def _gender_detector():
    import gender_guesser.detector as detector  # data ships with the package; loaded once per process

    return detector.Detector(case_sensitive=False)


@lru_cache(maxsize=1)
def _nicknames():
    from nicknames import NickNamer  # a maintained, hand-curated table of English names and nicknames

    return NickNamer()


@lru_cache(maxsize=8192)
def formal_names(given: str) -> frozenset[str]:
    """The formal names a nickname stands for: 'doug' -> {'douglas'}, 'bernie' -> {'bernard', 'berney'}."""
    return frozenset(_nicknames().canonicals_of(given.lower()))


@lru_cache(maxsize=8192)
def first_name_gender(first: str, sure_only: bool = False) -> str | None:
    """'male' / 'female' for a given name the gender-guesser table is sure of, or whose formal names
    it is sure of and agree ('Bernie' -> Bernard); unless ``sure_only``, also a 'mostly' guess."""
    if len(first) < 2 or not first.isalpha():
        return None
    guess = _gender_detector().get_gender(first.capitalize())
    if guess in ("male", "female"):
        return guess
    formal = {_gender_detector().get_gender(f.capitalize()) for f in formal_names(first)} & {"male", "female"}
    if len(formal) == 1:
        return next(iter(formal))
    if sure_only:
        return None
    return {"mostly_male": "male", "mostly_female": "female"}.get(guess)


def gendered_word(word: str) -> str | None:
    """The gender a title or honorific carries ('Mrs.' -> 'female'), else None."""
    return GENDERED_WORDS.get(fold(word).rstrip("."))


_PERSON_NAME = re.compile(r"^[A-Z][a-z]+(?:\s+[A-Z]\.)?(?:\s+[A-Z][a-z'’-]+){1,2}(?:,?\s+(?:Jr|Sr)\.?)?$")


def looks_like_person_name(text: str) -> bool:
    """'Anthony D. Weiner', 'Hillary Clinton': a first name the gender table is sure of, an optional
    middle initial, one or two more capitalised words, none of them an organisation's word."""
    if not _PERSON_NAME.match(text.strip()):
        return False
    ws = words(text)
    if any(w in ORG_SUFFIXES or w in ORG_GENERIC for w in ws) or country_of(text) or demonym_country(ws[0]):
        return False
    return first_name_gender(ws[0], sure_only=True) is not None
