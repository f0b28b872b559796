//! Every word list the matching rules use, each once.
//!
//! The rules (`resolve/`, `translit`, `disambiguate`) read their words
//! from here and hold none of their own, so that adding a title or a
//! preposition is a change to this file (or to the data files of
//! `data/`: ordinary words and first names, read by `common_words`).
//! Lists are grouped by what they say; each says which rule reads it.
//!
//! It knows nothing else: no function here looks at a text.

use foldhash::{HashMap, HashSet};
use std::sync::OnceLock;

// ---------------------------------------------------------------------------
// Romanized Arabic articles and particles
// ---------------------------------------------------------------------------

/// Romanized forms of the Arabic article, which a name may carry in lower
/// case (`al-Mayadin`, `el-Bab`, `ash-Shaddadi`): the name is still
/// capitalized (`resolve::case`).
pub const ROMANIZED_ARTICLES: &[&str] = &[
    "al", "el", "ad", "ar", "as", "at", "az", "an", "ash", "ez", "ed", "es",
    "en", "er",
];

/// Other short words of romanized Arabic names (besides
/// [`ROMANIZED_ARTICLES`]) that a transliterated surface may hold in lower
/// case or with fewer than three letters (`Deir ez-Zor`, `Abu Kamal`):
/// `resolve::keyed` skips both lists when it checks the words of a
/// surface.
pub const ROMANIZED_PARTICLES: &[&str] = &[
    "ath", "adh", "esh", "ech", "et", "ul", "il", "abu", "abou", "bou", "bu",
    "bin", "ibn", "ben", "wa",
];

/// Whether a lower-case word is a romanized article or name particle.
pub fn is_romanized_particle(word: &str) -> bool {
    ROMANIZED_ARTICLES.contains(&word) || ROMANIZED_PARTICLES.contains(&word)
}

/// The articles that transliteration keys drop before a name (`translit`),
/// in folded bytes: the plain article...
pub const KEY_ARTICLES: &[&[u8]] = &[b"al", b"el"];

/// ...and its assimilated forms before a sun letter (`ash-Sham`), whose
/// consonant must agree with the name's first.
pub const KEY_SUN_ARTICLES: &[&[u8]] = &[
    b"ad", b"az", b"ar", b"ash", b"ath", b"adh", b"ez", b"ed", b"er", b"esh",
    b"ech",
];

/// The spellings of `Abu`/`Albu` ("father of", "the family of") that
/// transliteration keys join to the next word (`Boukamal`, `Abou Kamal`).
pub const KEY_ABU: &[&[u8]] =
    &[b"abu", b"abou", b"abo", b"albu", b"albou", b"bou", b"bu"];

// ---------------------------------------------------------------------------
// Word boundaries
// ---------------------------------------------------------------------------

/// French words that elide before a vowel: before an apostrophe they are
/// a word boundary (`l’Irak`, `jusqu’à`) (`resolve::boundary`).
pub const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu",
    "quoiqu",
];

/// Arabic proclitics that may be glued to any name (`والرقة`, `بحلب`)
/// (`resolve::boundary`).
pub const ARABIC_PROCLITICS: &[&str] = &[
    "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك", "لل", "ولل",
    "فلل",
];

/// The Arabic proclitics that are themselves place prepositions
/// (`بالموصل`, "in Mosul") (`resolve::context`).
pub const ARABIC_PREPOSITION_CLITICS: &[&str] =
    &["ب", "ل", "لل", "وب", "ول", "فب", "فل", "ولل", "فلل"];

// ---------------------------------------------------------------------------
// Persons
// ---------------------------------------------------------------------------

/// Titles that announce a person (`M. Hamilton`) (`resolve::person`).
pub const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "M", "Mme", "Mlle", "Me", "Sir", "Lady", "Lord",
    "Sheikh", "Cheikh",
];

/// Words that the first-name list holds but that, before a place, are
/// function words or parts of place names (`Le Caire`, `San Remo`, `Tal
/// Abyad`) (`resolve::person`).
pub const NOT_FIRST_NAMES: &[&str] = &[
    "the", "le", "la", "les", "de", "du", "des", "un", "une", "and", "et",
    "of", "in", "on", "at", "to", "a", "san", "santa", "saint", "st", "el",
    "al", "abu", "abou", "ben", "bin", "tal", "tell", "tel", "ras", "ain",
    "deir", "bir", "kafr", "umm", "sidi", "bou", "bab", "jabal", "jebel",
    "wadi", "new", "old", "north", "south", "east", "west", "upper", "lower",
    "great", "little", "port", "fort", "mount", "lake", "cape", "cap", "mont",
    "val", "villa", "ville", "grand", "petit", "haut", "bas", "nord", "sud",
    "est", "ouest", "dar", "beit", "beth", "khan", "qasr", "hay", "hayy",
    "mar", "camp", "nahr", "sheikh", "cheikh", "imam", "sultan", "king",
    "queen",
];

/// Particles that continue a person's name (`Van der Berg`, `Ana de`)
/// (`resolve::person`).
pub const PERSON_NAME_PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "da", "del", "della", "di", "bin",
    "ibn", "ben",
];

// ---------------------------------------------------------------------------
// Places
// ---------------------------------------------------------------------------

/// Place prepositions (and nouns such as "town of", and verbs whose object
/// is a place) that, just before a name, say that it is a place
/// (`resolve::context`).
pub const PLACE_PREPOSITIONS: &[&str] = &[
    "à",
    "a",
    "au",
    "aux",
    "en",
    "de",
    "d",
    "du",
    "des",
    "dans",
    "vers",
    "près",
    "depuis",
    "jusqu",
    "in",
    "at",
    "near",
    "from",
    "to",
    "into",
    "outside",
    "around",
    "towards",
    "toward",
    "في",
    "من",
    "إلى",
    "الى",
    "قرب",
    "نحو",
    "عند",
    "حول",
    "داخل",
    "بلدة",
    "مدينة",
    "قرية",
    "ريف",
    "محافظة",
    "شرق",
    "غرب",
    "شمال",
    "جنوب",
    "شرقي",
    "غربي",
    "شمالي",
    "جنوبي",
    // Prepositions of movement and position in Arabic.
    "على",
    "عن",
    // Verbs whose object is a place in war news (`retook Tikrit`,
    // `ont repris Tikrit`).
    "retook",
    "recaptured",
    "captured",
    "seized",
    "stormed",
    "entered",
    "shelled",
    "bombed",
    "besieged",
    "liberated",
    "reached",
    "evacuated",
    "repris",
    "reprise",
    "pris",
    "prise",
    "bombardé",
    "bombardée",
    "assiégé",
    "assiégée",
    "libéré",
    "libérée",
    "atteint",
    "évacué",
    "évacuée",
];

/// French words before a name that announce a country or a region (`du
/// Québec`, `au Liban`, `le Kurdistan`, `l’Irak`) (`resolve::context`, for
/// disambiguation).
pub const REGION_ARTICLES_FR: &[&str] =
    &["du", "au", "aux", "le", "la", "l'", "l’"];

/// Arabic nouns of administrative areas that stay outside a place's span
/// even where a gazetteer alias holds them (`محافظة [نينوى]`, `قضاء
/// [الرطبة]`) (`resolve::Resolver::run`).
pub const ARABIC_AREA_NOUNS: &[&str] =
    &["محافظة", "قضاء", "ناحية", "صحراء", "بادية"];

/// French words before a name that announce a city (`à Québec`).
pub const CITY_PREPOSITIONS_FR: &[&str] = &["à"];

// ---------------------------------------------------------------------------
// Names found by their shape
// ---------------------------------------------------------------------------

/// The words of the shape rules (`resolve::shape`), read from
/// `data/shapes/{en,fr,ar}.txt`, the three languages together (a French
/// title in an English text still announces a person). Multi-word entries
/// are kept as their lower-case words.
#[derive(Debug, Default)]
pub struct ShapeWords {
    /// Titles and roles before a person's name (`Colonel`, `le général`,
    /// `العقيد`).
    pub person_titles: Phrases,
    /// Words that open a kunya (`Abu`, `أبو`).
    pub kunya: HashSet<String>,
    /// Words that open a byline (`By`, `Par`).
    pub byline: HashSet<String>,
    /// Head nouns before an organisation's name (`Ministry of`, `وزارة`).
    pub org_before: Phrases,
    /// Head nouns before an organisation's name that are ordinary words
    /// too (`هيئة`): the name after them must be no ordinary word.
    pub org_before_strict: Phrases,
    /// Head nouns right before a capitalized name (`Parti`, `Conseil`).
    pub org_before_name: HashSet<String>,
    /// Head nouns after an organisation's name (`Party`, `Council`).
    pub org_after: HashSet<String>,
    /// Lower-case words that may stand inside a name (`of`, `de`).
    pub connectors: HashSet<String>,
    /// Nouns of armed units after a number (`Division`, `brigade`).
    pub unit_nouns: HashSet<String>,
    /// Words that open an armed group's name (`Liwa`, `لواء`).
    pub group_prefixes: Phrases,
    /// Force or government nouns after a nationality (`forces`).
    pub force_after: Phrases,
    /// Force or government nouns before a nationality (`forces`, `القوات`).
    pub force_before: Phrases,
    /// Nationality adjectives and their country codes.
    pub demonyms: HashMap<String, String>,
    /// Place nouns before a place's name (`village of`, `قرية`).
    pub place_nouns: Phrases,
    /// Arabic ordinal words of units (`الرابعة`).
    pub unit_ordinals: Phrases,
    /// Words that are never part of a name found by shape.
    pub not_names: HashSet<String>,
    /// Head nouns that, with a definite article, are the short form of
    /// the one organisation or force of that head named before (`the
    /// Ministry`, `l'Observatoire`, `التحالف`). Lower case; Arabic heads
    /// without their article.
    pub short_heads: HashSet<String>,
    /// Definite articles before a short head (`the`, `la`, `l`).
    pub definite_articles: HashSet<String>,
    /// Every word (lower case) that starts a phrase or a cue of a rule,
    /// besides capitalized words and numbers: a word that is none of these
    /// starts no name, and the rules are not tried there.
    pub starts: HashSet<String>,
}

/// Phrases of one list, longest first, with the set of their first words
/// (most words of a text start none: one look-up says so).
#[derive(Debug, Default)]
pub struct Phrases {
    /// The phrases, as lower-case words, longest first.
    pub list: Vec<Vec<String>>,
    /// The first word of each.
    pub firsts: HashSet<String>,
    /// For each first word, the phrases that start with it, longest
    /// first (indices into `list`).
    pub by_first: HashMap<String, Vec<usize>>,
}

impl Phrases {
    fn push(&mut self, words: Vec<String>) {
        if let Some(first) = words.first() {
            self.firsts.insert(first.clone());
        }
        self.list.push(words);
    }

    /// Whether a phrase is this one word.
    pub fn has_word(&self, w: &str) -> bool {
        self.list.iter().any(|p| p.len() == 1 && p[0] == w)
    }
}

const SHAPE_FILES: [(&str, &str); 3] = [
    ("en", include_str!("../data/shapes/en.txt")),
    ("fr", include_str!("../data/shapes/fr.txt")),
    ("ar", include_str!("../data/shapes/ar.txt")),
];

/// The words of a phrase as the shape rules compare them: lower case,
/// split at spaces, hyphens and apostrophes, a final `.` dropped.
pub fn phrase_words(phrase: &str) -> Vec<String> {
    phrase
        .split([' ', '-', '\'', '’'])
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The shape words, parsed once.
pub fn shape_words() -> &'static ShapeWords {
    static WORDS: OnceLock<ShapeWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut w = ShapeWords::default();
        for (lang, text) in SHAPE_FILES {
            let mut section = "";
            for (n, line) in text.lines().enumerate() {
                let line = line.split('#').next().unwrap_or("").trim();
                if line.is_empty() {
                    continue;
                }
                if let Some(s) = line.strip_prefix('[') {
                    section = s.trim_end_matches(']');
                    continue;
                }
                let words = phrase_words(line);
                let one = words.concat();
                match section {
                    "person_titles" => w.person_titles.push(words),
                    "kunya" => drop(w.kunya.insert(one)),
                    "byline" => drop(w.byline.insert(one)),
                    "org_before" => w.org_before.push(words),
                    "org_before_strict" => w.org_before_strict.push(words),
                    "org_before_name" => drop(w.org_before_name.insert(one)),
                    "org_after" => drop(w.org_after.insert(one)),
                    "connectors" => drop(w.connectors.insert(one)),
                    "unit_nouns" => drop(w.unit_nouns.insert(one)),
                    "group_prefixes" => w.group_prefixes.push(words),
                    "force_nouns_after" => w.force_after.push(words),
                    "force_nouns_before" => w.force_before.push(words),
                    "place_nouns" => w.place_nouns.push(words),
                    "unit_ordinals" => w.unit_ordinals.push(words),
                    "not_names" => drop(w.not_names.insert(one)),
                    "short_heads" => {
                        let head = one.strip_prefix("ال").unwrap_or(&one);
                        w.short_heads.insert(head.to_string());
                    }
                    "definite_articles" => {
                        w.definite_articles.insert(one);
                    }
                    "demonyms" => {
                        let (adj, cc) =
                            line.split_once('=').unwrap_or_else(|| {
                                panic!(
                                    "data/shapes/{lang}.txt:{}: no `=`",
                                    n + 1
                                )
                            });
                        w.demonyms.insert(
                            phrase_words(adj.trim()).concat(),
                            cc.trim().to_string(),
                        );
                    }
                    other => panic!(
                        "data/shapes/{lang}.txt:{}: unknown section {other:?}",
                        n + 1
                    ),
                }
            }
        }
        // Longest phrases first, so that `Lt Gen` wins over `Lt`.
        for p in [
            &mut w.person_titles,
            &mut w.org_before,
            &mut w.org_before_strict,
            &mut w.group_prefixes,
            &mut w.force_after,
            &mut w.force_before,
            &mut w.place_nouns,
            &mut w.unit_ordinals,
        ] {
            p.list.sort_by_key(|p| std::cmp::Reverse(p.len()));
            p.list.dedup();
            for (k, phrase) in p.list.iter().enumerate() {
                p.by_first.entry(phrase[0].clone()).or_default().push(k);
            }
            w.starts.extend(p.firsts.iter().cloned());
        }
        let singles = [&w.kunya, &w.byline, &w.org_before_name];
        let starts: Vec<String> = singles
            .into_iter()
            .flatten()
            .chain(w.demonyms.keys())
            .cloned()
            .collect();
        w.starts.extend(starts);
        // Arabic has no capitals: a given name is where a person's name
        // may start.
        w.starts.extend(
            crate::common_words::arabic_first_names()
                .iter()
                .map(|n| n.to_string()),
        );
        w
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lists are looked up as written: every entry is trimmed, non-empty,
    /// lower case where the list is of lower-case words, and unique.
    #[test]
    fn lists_are_clean() {
        let lower: &[(&str, &[&str])] = &[
            ("ROMANIZED_ARTICLES", ROMANIZED_ARTICLES),
            ("ROMANIZED_PARTICLES", ROMANIZED_PARTICLES),
            ("ELISIONS", ELISIONS),
            ("NOT_FIRST_NAMES", NOT_FIRST_NAMES),
            ("PERSON_NAME_PARTICLES", PERSON_NAME_PARTICLES),
            ("PLACE_PREPOSITIONS", PLACE_PREPOSITIONS),
            ("REGION_ARTICLES_FR", REGION_ARTICLES_FR),
            ("ARABIC_PROCLITICS", ARABIC_PROCLITICS),
        ];
        for &(name, list) in lower {
            let mut seen = std::collections::HashSet::new();
            for w in list {
                assert!(!w.is_empty() && w.trim() == *w, "{name}: {w:?}");
                assert_eq!(w.to_lowercase(), *w, "{name}: {w:?}");
                assert!(seen.insert(w), "{name}: {w:?} twice");
            }
        }
        for w in ROMANIZED_PARTICLES {
            assert!(!ROMANIZED_ARTICLES.contains(w), "{w} in both lists");
        }
        for w in ARABIC_PREPOSITION_CLITICS {
            assert!(ARABIC_PROCLITICS.contains(w), "{w} is no proclitic");
        }
        assert!(TITLES.iter().all(|t| t
            .chars()
            .next()
            .unwrap()
            .is_uppercase()));
    }
}
