"""Normalisation of job titles in Russian, Kazakh and English.

A job ad's title carries much more than the occupation: counts, grades, shift patterns,
salaries, employers' names, gender pairs and words like "требуется". ``normalise`` strips
them; ``analyse`` turns what is left into comparable tokens (Russian lemmas from pymorphy3,
Kazakh stems from a suffix-stripping stemmer, English singulars), so that "требуются
электрогазосварщики 5 разряда, вахта 15/15" and "электрогазосварщик" meet.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MAX_TITLE_CHARS = 300

KAZAKH_LETTERS = frozenset("әғқңөұүһі")

# Kazakh titles and words written with letters Russian shares ("аспаз", "сатушы", "есепші").
KAZAKH_WORDS = frozenset(
    """
    аспаз аспазшы сатушы есепші малшы даяшы жинаушы тазалаушы сылақшы бояушы тракторшы
    балташы бағбан жылқышы қойшы сиыршы сауыншы мейірбике медбике мұғалім тәрбиеші кенші
    бойынша маман маманы басшы басшысы меңгеруші орынбасары орынбасар жұмысшы жұмысшысы
    көмекші көмекшісі бас аға кіші жүргізуші жүргізушісі тасымалдаушы кезекші бақылаушы
    тексеруші зертханашы аударма аудармашы заңгер хатшы тігінші шаштараз сантехник
    күзетші қарауыл құрылысшы пісіруші нан наубайшы қасапшы балықшы егінші диқан жүк
    тиеуші қоймашы әкімші кассирі сатушысы аспазы есепшісі инженері операторы машинисі
    дәнекерлеуші дәнекерші электрші монтаждаушы монтажшы жөндеуші жөндеушісі слесары
    механигі технигі дәрігері фельдшері провизоры фармацевті агрономы ветеринары
    әдіскер әдіскері педагог педагогы психологы логопеды тренері жаттықтырушы жаттықтырушысы
    курьері диспетчері бухгалтері менеджері экономисі кадр кадрлар іс жүргізу
    және мен пен бен үшін жұмыс жұмысқа керек қажет шақырамыз іздейміз
    """.split()
)

# Kazakh agentive and possessive endings that Russian words rarely end with.
_KAZAKH_SUFFIX = re.compile(r"(?:ушы|уші|шысы|шісі|тушы|туші|ылар|ілер|лары|лері|дары|дері|тары|тері)$")

# Kazakh typed on a Russian keyboard: ә → а, і → и, қ → к ... ("жургизуши" for "жүргізуші").
# Tokens of Kazakh words are folded this way, so both spellings meet in the index.
_KAZAKH_FOLD = str.maketrans("әғқңөұүһі", "агкноуухи")
# Russian spelling never writes "шы": a word ending in it is Kazakh; so is one ending in
# "ши"/"уши" that Russian does not know ("есепши", "тигинши").
_FOLDED_AGENTIVE = re.compile(r"(?:шы|шылар|шысы)$")
_FOLDED_MAYBE = re.compile(r"(?:ши|шилер|шиси|уши|ушы)$")


def fold_kazakh(word: str) -> str:
    """A Kazakh word as written without its own letters ("жүргізуші" → "жургизуши")."""
    return word.translate(_KAZAKH_FOLD)


FOLDED_KAZAKH_WORDS = frozenset(fold_kazakh(w) for w in KAZAKH_WORDS if len(w) >= 4)

# Words of the ad, not of the occupation.
NOISE_WORDS = frozenset(
    """
    and of the for in at with an to on from by
    требуется требуются требуются: требоваться срочно срочный вакансия вакансии нужен нужна нужны
    нужный ищем искать приглашаем приглашать приглашается набор открыт открыта открытый
    подработка подработку работа работу работы трудоустройство официальный официальное
    оформление полный полная неполный неполная день занятость постоянный постоянная постоянную
    временный временная временную сезонный сезонная опыт опыта без обучение обучением
    зарплата зп оклад доход тенге тг тыс тысяча kzt usd руб от до в на с со по для и или к
    г город район область обл мкр проживание питание бесплатно бесплатный предоставляться
    предоставляется соцпакет график графике гибкий сменный сменная смена смены посменно
    вахта вахтовый вахтовым метод методом вахте вахту ночной ночная дневной дневная
    разряд разряда разрядов разрядный категория кат
    караганда караганды карагандинский темиртау жезказган балхаш сатпаев шахтинск сарань
    абай приозерск каркаралинск астана алматы шымкент казахстан рк кз
    тоо ао ип оао зао ооо гкп кгп ргп нао ао жшс aқ мкк ккм
    срочна! hiring urgent urgently wanted vacancy vacancies job jobs position opening
    required needed m f d w h x mwd mfd fmd wmd full part time fulltime parttime remote
    hybrid temporary permanent contract freelance immediate start cum sdn bhd pte llc ltd
    male female month months year years based walk interview
    қажет керек жұмысқа жұмыс шақырамыз шақырады іздейміз талап етіледі бос орын орны
    жедел шұғыл тәжірибе тәжірибесіз жалақы айлық теңге ауысым ауысымдық вахталық вахталы
    тұрақты уақытша толық күн
    """.split()
)

# Seniority and level words: they change the grade of a post, not the occupation.
SENIORITY_WORDS = frozenset(
    """
    старший младший ведущий стажер стажёр стажировка практикант senior junior jr sr lead
    principal trainee intern internship graduate apprentice apprenticeship entry level
    experienced i ii iii iv v mid associate аға кіші жетекші
    """.split()
)
# "lead", "associate" and "principal" mean a different occupation often enough in English
# ("team lead" is a supervisor); they are kept as features and only dropped for matching
# the head noun.
_SENIORITY_DROPPED = frozenset(SENIORITY_WORDS - {"lead", "principal", "associate", "аға"})

ABBREVIATIONS = {
    # Russian
    "зам": "заместитель",
    "зав": "заведующий",
    "нач": "начальник",
    "гл": "главный",
    "ст": "старший",
    "мл": "младший",
    "пом": "помощник",
    "рук": "руководитель",
    "спец": "специалист",
    "бух": "бухгалтер",
    "вод": "водитель",
    "маш": "машинист",
    "эл": "электро",
    "инж": "инженер",
    "пр": "продавец",
    "отд": "отдел",
    "мед": "медицинский",
    "медсестра": "медицинская сестра",
    "медбрат": "медицинский брат",
    "эгс": "электрогазосварщик",
    "эгсв": "электрогазосварщик",
    "электрогазосв": "электрогазосварщик",
    "сварщ": "сварщик",
    "kip": "кип",
    "кипиа": "кип",
    "пто": "производственно технический отдел",
    "ит": "it",
    "айти": "it",
    "нк": "неразрушающий контроль",
    # English
    "sale": "sales",
    "mgr": "manager",
    "mngr": "manager",
    "eng": "engineer",
    "engr": "engineer",
    "dev": "developer",
    "devs": "developer",
    "asst": "assistant",
    "rep": "representative",
    "reps": "representative",
    "exec": "executive",
    "admin": "administrator",
    "hr": "human resources",
    "qa": "quality assurance",
    "pa": "personal assistant",
    "ceo": "chief executive officer",
    "cfo": "chief financial officer",
    "cto": "chief technology officer",
    "coo": "chief operating officer",
    "rn": "registered nurse",
    "hgv": "heavy goods vehicle",
    "lgv": "large goods vehicle",
    "cdl": "commercial driver",
    "tech": "technician",
    "techn": "technician",
    "sw": "software",
    "svc": "service",
    "ops": "operations",
    "acct": "accountant",
    "mktg": "marketing",
    "dept": "department",
    "coord": "coordinator",
    "supv": "supervisor",
    "cs": "customer service",
    "csr": "customer service representative",
    "bdm": "business development manager",
    "sdr": "sales development representative",
    "smm": "social media marketing",
    "seo": "search engine optimisation",
    "ui": "user interface",
    "ux": "user experience",
    "js": "javascript",
}

# Latin letters that ads type instead of Cyrillic look-alikes (and the other way round).
_LATIN_TO_CYRILLIC = str.maketrans("aceopxyk", "асеорхук")
_CYRILLIC_TO_LATIN = str.maketrans("асеорхукнвмт", "aceopxykhbmt")

_QUOTED = re.compile(r"[«\"“„][^»\"”“]{1,80}[»\"”“]")
_LEGAL_FORM_WITH_NAME = re.compile(
    r"\b(?:тоо|ао|ип|оао|зао|ооо|жшс|ақ|llp|llc|ltd|gmbh|inc|plc)\b\.?\s*(?:[«\"“][^»\"”]*[»\"”])?",
    re.IGNORECASE,
)
_GENDER_SUFFIX = re.compile(r"\(\s*-?[а-я]{1,5}\s*\)", re.IGNORECASE)
_GENDER_MARK = re.compile(
    r"\(\s*(?:m|f|w|d|h|x|м|ж)\s*(?:[/|,]\s*(?:m|f|w|d|h|x|м|ж)\s*)+\)|\b(?:m|f|w|d|h|м|ж)\s*/\s*(?:m|f|w|d|h|м|ж)(?:\s*/\s*(?:m|f|w|d|x))?\b",
    re.IGNORECASE,
)
_SALARY = re.compile(
    r"(?:з\s*/\s*п|зп|зарплата|оклад|доход|жалақы|salary|pay)?\s*(?:от|до|from|up to)?\s*"
    r"\d[\d\s.,]*\s*(?:000)?\s*(?:тыс\.?|тысяч|т\.р\.?|млн|k)?\s*(?:тенге|тг|₸|kzt|\$|usd|руб|€|eur|£)",
    re.IGNORECASE,
)
_SHIFT = re.compile(
    r"(?:вахт\w*|график\w*|смен\w*|ауысым\w*)?\s*\(?\b\d{1,2}\s*(?:/|на|x|х|-)\s*\d{1,2}\b\)?",
    re.IGNORECASE,
)
_GRADE = re.compile(
    r"\b\d(?:\s*[-–,]\s*\d)*\s*(?:-?(?:го|ого|й|ой|ші|шы|нші|ншы))?\s*(?:разряд\w*|разр\.?|р\.|кат\w*|санат\w*|grade|level)"
    r"|\b(?:разряд\w*|разр\.?|санат\w*)\s*\d(?:\s*[-–,]\s*\d)*"
    r"|\b[ivx]{1,4}\s*(?:разряд\w*|категор\w*)",
    re.IGNORECASE,
)
_CATEGORY = re.compile(
    r"\b(?:категори[ия]|кат\.?|санаты|санатты|class|category)\s*[«\"]?\s*"
    r"([abcdeавсде]{1,2}(?:\s*[,/]\s*[abcdeавсде]{1,2})*)\b",
    re.IGNORECASE,
)
# Kazakh puts the letter first: "В санаты", "B, C санатты".
_CATEGORY_KK = re.compile(
    r"\b([abcdeавсде]{1,2}(?:\s*[,/]\s*[abcdeавсде]{1,2})*)\s*[«\"]?\s*(?:санаты|санатты|санатымен|санатқа)\b",
    re.IGNORECASE,
)
_COUNT = re.compile(r"\b\d+\s*(?:чел\w*|человек\w*|шт\w*|адам|вакан\w*|места?|мест)\b", re.IGNORECASE)
_URL_EMAIL_PHONE = re.compile(r"\S+@\S+|https?://\S+|www\.\S+|\+?\d[\d\s()-]{6,}\d")
_NON_WORD = re.compile(r"[^0-9a-zа-яёәғқңөұүһі_]+")
_DIGITS = re.compile(r"\d+")
_TRAILING_DASH_PART = re.compile(r"\s[-–—|•·]\s.*$")
_TRAILING_LOCATION = re.compile(
    r"\s(?:в|во|на|г\.|in|at)\s+(?:г\.?\s*)?(?:караганд\w*|темиртау|жезказган\w*|балхаш\w*|сатпаев\w*|"
    r"шахтинск\w*|сарань|астан\w*|алмат\w*|london|dubai|city|город\w*).*$",
    re.IGNORECASE,
)


_CYRILLIC = re.compile(r"[а-яё]")
_LATIN = re.compile(r"[a-z]")
_ANY_DIGIT = re.compile(r"\d")
_ANY_QUOTE = re.compile(r"[«\"“„]")
_LEGAL_HINT = re.compile(r"\b(?:тоо|ао|ип|оао|зао|ооо|жшс|ақ|llp|llc|ltd|gmbh|inc|plc)\b")


def clean(title: str) -> str:
    """The title without what a job ad adds to it, lower-cased, ё as е, one space between words.

    Returns an empty string when nothing of an occupation is left.
    """
    text = unicodedata.normalize("NFC", str(title or ""))[:MAX_TITLE_CHARS]
    text = text.replace("ё", "е").replace("Ё", "Е")
    has_digit = _ANY_DIGIT.search(text) is not None
    if has_digit or "@" in text or "www" in text or "http" in text:
        text = _URL_EMAIL_PHONE.sub(" ", text)
    if _ANY_QUOTE.search(text):
        text = _QUOTED.sub(" ", text)
    text = text.lower()
    if _LEGAL_HINT.search(text):
        text = _LEGAL_FORM_WITH_NAME.sub(" ", text)
    if "/" in text or "(" in text:
        text = _GENDER_MARK.sub(" ", text)
    if "(" in text:
        text = _GENDER_SUFFIX.sub("", text)
    if has_digit:
        text = _SALARY.sub(" ", text)
    if has_digit or "разр" in text or "катег" in text:
        text = _GRADE.sub(" ", text)
    if "кат" in text or "санат" in text or "class" in text or "categ" in text:
        text = _CATEGORY.sub(lambda m: " кат_" + _category_code(m.group(1)) + " ", text)
        text = _CATEGORY_KK.sub(lambda m: " кат_" + _category_code(m.group(1)) + " ", text)
    if has_digit:
        text = _COUNT.sub(" ", text)
        text = _SHIFT.sub(" ", text)
    text = _TRAILING_LOCATION.sub(" ", text)
    tail = _TRAILING_DASH_PART.search(text)
    if tail and len(text[: tail.start()].strip()) >= 4:
        rest = _NON_WORD.sub(" ", tail.group(0)).split()
        head = [w for w in _NON_WORD.sub(" ", text[: tail.start()]).split() if w not in NOISE_WORDS and w not in _SENIORITY_DROPPED]
        if not head:
            # "Internship - Junior Developer", "ВАКАНСИЯ - сварщик": the title comes after the dash
            text = " ".join(rest)
        # "Sales assistant - London", "Повар | кафе Алем": the title comes first;
        # "Врач - терапевт" is one title written with spaces around its hyphen.
        elif len(rest) != 1 or _is_latin(rest[0]):
            text = text[: tail.start()]
    text = text.replace("&", " and ").replace("c++", "cpp").replace("c#", "csharp")
    text = text.replace(".net", " dotnet")
    text = _NON_WORD.sub(" ", text)
    text = _DIGITS.sub(" ", text)
    return " ".join(text.split())


def _category_code(letters: str) -> str:
    return "".join(sorted(set(letters.lower().translate(_CYRILLIC_TO_LATIN)) & set("abcde")))


@lru_cache(maxsize=200_000)
def is_kazakh_word(word: str) -> bool:
    """A word in Kazakh: Kazakh letters, a known Kazakh word, or a Kazakh ending."""
    if not word:
        return False
    if any(ch in KAZAKH_LETTERS for ch in word):
        return True
    if word in KAZAKH_WORDS:
        return True
    if _is_latin(word):
        return False
    if _KAZAKH_SUFFIX.search(word) or (len(word) >= 5 and _FOLDED_AGENTIVE.search(word)):
        return True
    if word in FOLDED_KAZAKH_WORDS or (len(word) >= 5 and _FOLDED_MAYBE.search(word)):
        return not _russian_knows(word)
    return False


def is_kazakh_token(tok: str) -> bool:
    """A token (folded, stemmed) of a Kazakh word."""
    return tok in FOLDED_KAZAKH_WORDS or bool(len(tok) >= 5 and (_FOLDED_AGENTIVE.search(tok) or _FOLDED_MAYBE.search(tok)))


def detect_language(title: str) -> str:
    """'kk', 'ru' or 'en' for a title (Kazakh wins when any word is Kazakh)."""
    return language_of(clean(title) or str(title or "").lower())


def language_of(text: str) -> str:
    """The language of a cleaned title."""
    words = text.split()
    if any(is_kazakh_word(w) for w in words):
        return "kk"
    cyr = len(_CYRILLIC.findall(text))
    lat = len(_LATIN.findall(text))
    if cyr == 0 and lat == 0:
        return "ru"
    return "ru" if cyr >= lat else "en"


def _is_latin(word: str) -> bool:
    return all("a" <= ch <= "z" or ch.isdigit() or ch == "_" for ch in word)


# --- Kazakh ---------------------------------------------------------------------------

# Longest first. Plural, possessive and case endings; the agentive -шы/-ші stays
# (it makes the occupation: сату "selling" → сатушы "seller").
_KK_SUFFIXES = sorted(
    """
    лары лері дары дері тары тері ларының лерінің дарының дерінің тарының терінің
    лери дери тери леринин деринин теринин ларынын дарынын тарынын
    лар лер дар дер тар тер
    ының інің ның нің дың дің тың тің ынын инин нын нин дын дин тын тин
    ына іне на не ға ге қа ке ине га ка
    ын ін н ин
    сы сі ы і си и
    да де та те нда нде
    дан ден тан тен нан нен
    мен бен пен
    """.split(),
    key=len,
    reverse=True,
)
_KK_AGENTIVE = ("шы", "ші", "ушы", "уші", "ши", "уши")
# Loanwords ending in -ст lose the т before a possessive: машинист → машинисі.
_KK_LOAN_ST = re.compile(r"(ист|ент|ант|лог)(?:і|ы|и)$")


@lru_cache(maxsize=200_000)
def kazakh_stem(word: str) -> str:
    """A Kazakh word without its inflexional endings ("жүргізушісі" → "жүргізуші")."""
    if len(word) <= 3:
        return word
    if word.endswith(("исі", "ысы", "иси")) and not word[:-3].endswith("ш"):
        return word[:-1] + "т"  # машинисі → машинист
    m = _KK_LOAN_ST.search(word)
    if m and word[: m.start()]:
        return word[: m.end(1)]
    for _ in range(3):
        for suffix in _KK_SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                stem = word[: -len(suffix)]
                # keep the agentive: сатушысы → сатушы, not сатуш
                if suffix in ("сы", "сі", "си") or not stem.endswith(("ш",)):
                    word = stem
                    break
                if stem.endswith("ш") and suffix in ("ы", "і", "и"):
                    continue
                word = stem
                break
        else:
            break
    return word


# --- English --------------------------------------------------------------------------

_EN_KEEP_S = frozenset(
    "sales news logistics physics economics analytics mathematics statistics electronics "
    "mechanics business glass gas bus class press boss process address access lens chess "
    "aerobics athletics robotics genetics ethics optics plus status campus canvas series "
    "species affairs arts customs goods means works services operations relations "
    "communications systems".split()
)


@lru_cache(maxsize=200_000)
def english_stem(word: str) -> str:
    """A singular of an English word, enough to match "engineers" to "engineer"."""
    if len(word) <= 3 or word in _EN_KEEP_S or word.endswith(("ss", "us", "is")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s"):
        return word[:-1]
    return word


# --- Russian --------------------------------------------------------------------------

_MORPH = None


def _morph():
    global _MORPH
    if _MORPH is None:
        import pymorphy3

        _MORPH = pymorphy3.MorphAnalyzer()
    return _MORPH


@lru_cache(maxsize=200_000)
def _russian_knows(word: str) -> bool:
    return _morph().word_is_known(word)


@lru_cache(maxsize=300_000)
def russian_lemma(word: str) -> str:
    """The dictionary form of a Russian word; adjectives and participles as masculine nominative."""
    if len(word) <= 2:
        return word
    scores: dict[str, float] = {}
    pos_of: dict[str, str] = {}
    for parse in _morph().parse(word):
        pos = parse.tag.POS
        if pos in ("PRTF", "PRTS"):
            inflected = parse.inflect({"masc", "sing", "nomn"})
            lemma = inflected.word if inflected else parse.normal_form
            pos = "ADJF"
        else:
            lemma = parse.normal_form
        scores[lemma] = scores.get(lemma, 0.0) + parse.score
        pos_of.setdefault(lemma, pos or "")
    if not scores:
        return word
    rank = {"NOUN": 2, "ADJF": 2}
    best = max(scores, key=lambda lemma: (round(scores[lemma], 2), rank.get(pos_of[lemma], 0)))
    return best.replace("ё", "е")


# --- tokens ---------------------------------------------------------------------------


def _expand(words: list[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        full = ABBREVIATIONS.get(word)
        if full:
            out.extend(full.split())
        else:
            out.append(word)
    return out


@lru_cache(maxsize=300_000)
def token(word: str, kazakh_title: bool = False) -> str:
    """One comparable token for one cleaned word, whatever its language. In a Kazakh title a
    word Russian does not know is taken as Kazakh ("мунай ондиру операторы")."""
    if word.startswith("кат_"):
        return word
    if _is_latin(word):
        return english_stem(word)
    if is_kazakh_word(word) or (kazakh_title and len(word) > 3 and not _russian_knows(word)):
        return fold_kazakh(kazakh_stem(word))
    if any("a" <= ch <= "z" for ch in word):  # mixed scripts: a typo of look-alike letters
        word = word.translate(_LATIN_TO_CYRILLIC)
    return russian_lemma(word)


def analyse(title: str) -> list[str]:
    """Comparable tokens of a title: noise, grades and seniority removed, words lemmatised."""
    return analyse_cleaned(clean(title))


def analyse_with_language(title: str) -> tuple[list[str], str]:
    """The tokens of a title and its language, cleaning it once."""
    cleaned = clean(title)
    return analyse_cleaned(cleaned), language_of(cleaned or str(title or "").lower())


def analyse_cleaned(cleaned: str) -> list[str]:
    words = _expand(cleaned.split())
    tokens = []
    kazakh = any(is_kazakh_word(w) for w in words)
    for word in words:
        if word in NOISE_WORDS or word in _SENIORITY_DROPPED:
            continue
        tok = token(word, kazakh)
        if tok in NOISE_WORDS or tok in _SENIORITY_DROPPED or len(tok) < 2 and tok not in ("c",):
            continue
        tokens.append(tok)
    return tokens


def head_of(tokens: list[str], language: str) -> str:
    """The word that names the occupation: the first noun in Russian and Kazakh titles
    ("слесарь по ремонту оборудования", "экскаватор машинисі" is the exception: Kazakh puts it
    last), the last word in English ones ("senior software engineer")."""
    if not tokens:
        return ""
    if language == "en":
        return tokens[-1]
    if language == "kk":
        return tokens[-1]
    for tok in tokens:
        if not tok.endswith(("ый", "ий", "ой", "ая", "яя")):
            return tok
    return tokens[0]
