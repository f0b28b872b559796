//! Ordinary words of each language, and the language of a document.
//!
//! This module owns the embedded common-word lists (see
//! `data/common_words/README.md`) and language detection (whatlang). The
//! matcher asks it which aliases are ordinary words, the tagger asks it
//! which language a document is in; the rule that uses both lives in
//! `resolve`. It knows nothing of entities beyond alias strings.

use foldhash::HashSet;
use std::borrow::Cow;
use std::sync::OnceLock;

use crate::normalize::{normalize_key, Case};

/// A set of languages, as bits.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Langs(pub u8);

impl Langs {
    /// English.
    pub const EN: Langs = Langs(1);
    /// French.
    pub const FR: Langs = Langs(2);
    /// Arabic.
    pub const AR: Langs = Langs(4);
    /// Every language with a list.
    pub const ALL: Langs = Langs(7);
    /// No language.
    pub const NONE: Langs = Langs(0);

    /// Whether the two sets share a language.
    pub fn intersects(self, other: Langs) -> bool {
        self.0 & other.0 != 0
    }
}

const LISTS: [(Langs, &str); 3] = [
    (Langs::EN, include_str!("../data/common_words/en.txt")),
    (Langs::FR, include_str!("../data/common_words/fr.txt")),
    (Langs::AR, include_str!("../data/common_words/ar.txt")),
];

/// Frequent English and French words that the dictionaries know only as
/// names (`Versailles`, `Obama`): no ordinary words.
const NAMES: &str = include_str!("../data/common_words/names.txt");

type Set = HashSet<Cow<'static, str>>;

/// The folded words of a list, one a line.
fn folded_set(text: &'static str) -> Set {
    text.lines()
        .filter(|w| !w.is_empty())
        .map(|w| {
            // Most words are plain lower-case ASCII, already normalized:
            // borrowed, not normalized again.
            if w.bytes().all(|b| b.is_ascii_lowercase()) {
                Cow::Borrowed(w)
            } else {
                Cow::Owned(normalize_key(w, Case::Fold))
            }
        })
        .collect()
}

/// The folded common words of every language, built once.
fn sets() -> &'static [(Langs, Set); 3] {
    static SETS: OnceLock<[(Langs, Set); 3]> = OnceLock::new();
    SETS.get_or_init(|| LISTS.map(|(lang, text)| (lang, folded_set(text))))
}

/// The languages in which a folded one-word alias is a common word.
pub fn common_in(folded: &str) -> Langs {
    if folded.contains(' ') {
        return Langs::NONE;
    }
    let mut langs = Langs::NONE;
    for (lang, set) in sets() {
        if set.contains(folded) {
            langs.0 |= lang.0;
        }
    }
    langs
}

/// Whether a folded one-word surface is a frequent word of the press: an
/// ordinary word of some language, or a frequent name (`Bayonne`,
/// `Obama`). Such a word is never read as a spelling of another name.
pub fn frequent_word(folded: &str) -> bool {
    static NAME_SET: OnceLock<Set> = OnceLock::new();
    common_in(folded) != Langs::NONE
        || NAME_SET.get_or_init(|| folded_set(NAMES)).contains(folded)
}

/// Whether a folded one-word name of a Syrian or Iraqi place is a word of
/// an English or French dictionary, however rare (`harem`, `murk`): see
/// `data/common_words/place_words.txt`.
pub fn dictionary_place_word(folded: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS
        .get_or_init(|| {
            word_set(include_str!("../data/common_words/place_words.txt"))
        })
        .contains(folded)
}

/// Whether an Arabic-script word is a given name (`هشام`, `كارين`): see
/// `data/first_names/arabic.txt`.
pub fn is_arabic_first_name(word: &str) -> bool {
    arabic_first_names().contains(word)
}

/// The given names written in Arabic script.
pub fn arabic_first_names() -> &'static HashSet<&'static str> {
    static NAMES: OnceLock<HashSet<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        word_set(include_str!("../data/first_names/arabic.txt"))
    })
}

/// The words of a list, one per line; empty lines and `#` comments
/// skipped.
fn word_set(text: &'static str) -> HashSet<&'static str> {
    text.lines().filter(|w| !w.is_empty() && !w.starts_with('#')).collect()
}

/// Whether `word` (as written, e.g. `Ana`) is a first name (see
/// `data/first_names/README.md`).
pub fn is_first_name(word: &str) -> bool {
    static NAMES: OnceLock<HashSet<&'static str>> = OnceLock::new();
    NAMES
        .get_or_init(|| {
            word_set(include_str!("../data/first_names/names.txt"))
        })
        .contains(word)
}

/// How many bytes of a document are looked at to detect its language.
const SAMPLE: usize = 768;

/// The language of a document among those with a list; every language
/// when detection is not reliable (short texts), none when the text is in
/// another language.
pub fn detect(text: &str) -> Langs {
    let mut end = text.len().min(SAMPLE);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // Scoring only the languages a news corpus of the region may hold
    // makes detection 1.6 times faster, with the same answers on the
    // benchmark corpus.
    static DETECTOR: OnceLock<whatlang::Detector> = OnceLock::new();
    let detector = DETECTOR.get_or_init(|| {
        use whatlang::Lang::*;
        whatlang::Detector::with_allowlist(vec![
            Eng, Fra, Ara, Spa, Deu, Ita, Por, Nld, Tur, Pes, Urd, Rus, Heb,
        ])
    });
    let Some(info) = detector.detect(&text[..end]) else { return Langs::ALL };
    if !info.is_reliable() {
        return Langs::ALL;
    }
    match info.lang() {
        whatlang::Lang::Eng => Langs::EN,
        whatlang::Lang::Fra => Langs::FR,
        whatlang::Lang::Ara => Langs::AR,
        _ => Langs::NONE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_words_by_language() {
        // French knows Nice only as the city.
        assert_eq!(common_in("nice"), Langs::EN);
        assert!(common_in("mobile").intersects(Langs::EN));
        assert!(!common_in("mayadine").intersects(Langs::ALL));
        assert!(!common_in("deir ezzor").intersects(Langs::ALL));
        assert!(common_in("regime").intersects(Langs::FR));
    }

    /// Ordinary words stay ordinary; names that are frequent in the press
    /// (`versailles`) are no ordinary words, but still frequent words.
    #[test]
    fn names_are_no_ordinary_words() {
        const EN_FR: Langs = Langs(Langs::EN.0 | Langs::FR.0);
        let words: &[(&str, Langs)] = &[
            ("nice", Langs::EN),
            ("mobile", EN_FR),
            ("reading", Langs::EN),
            ("bureau", EN_FR),
            ("faire", Langs::FR),
            // French words: `je calais` (caler), `lourdes` (lourd).
            ("calais", Langs::FR),
            ("lourdes", Langs::FR),
            // English capitalizes these words, which are no names.
            ("monday", Langs::EN),
            ("arab", Langs::EN),
            ("canadian", Langs::EN),
        ];
        for &(word, langs) in words {
            assert_eq!(common_in(word), langs, "{word}");
            assert!(frequent_word(word), "{word}");
        }
        let names: &[(&str, bool)] = &[
            ("versailles", true),
            ("biarritz", true),
            ("colmar", true),
            ("dunkerque", true),
            ("bayonne", true),
            ("malibu", true),
            ("obama", true),
            ("chamonix", false),
            ("mayadine", false),
        ];
        for &(name, frequent) in names {
            assert_eq!(common_in(name), Langs::NONE, "{name}");
            assert_eq!(frequent_word(name), frequent, "{name}");
        }
    }

    #[test]
    fn detects_the_three_languages() {
        let en = "The regime's forces took control of four districts of the town, the monitor said on Thursday.";
        let fr = "Les forces du régime ont pris le contrôle de quatre quartiers de la ville, a indiqué jeudi l'observatoire.";
        let ar = "سيطرت قوات النظام على أربعة أحياء في المدينة بحسب المرصد السوري لحقوق الإنسان يوم الخميس";
        assert_eq!(detect(en), Langs::EN);
        assert_eq!(detect(fr), Langs::FR);
        assert_eq!(detect(ar), Langs::AR);
        assert_eq!(detect(""), Langs::ALL);
    }

    #[test]
    fn first_names() {
        assert!(is_first_name("Ana") && is_first_name("Michael"));
        assert!(!is_first_name("Aleppo") && !is_first_name("ana"));
    }
}
