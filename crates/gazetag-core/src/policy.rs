//! Matching policy decided once per alias, when the matcher is built:
//! which case a surface needs, which context, whether the alias is an
//! ordinary word. The matcher stores the answers in its targets (and so in
//! compiled indexes); the resolver's stages read them.
//!
//! It knows nothing of text: it looks at gazetteer rows only.

use crate::common_words::{self, Langs};
use crate::gazetteer::{
    is_acronym, Alias, CaseRule, EntityType, Entry, Subtype,
};
use crate::normalize::starts_with_capital;
use crate::normalize::{normalize_key, Case};

/// The rules of one alias of one entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TargetRules {
    /// The alias must match with its own case (acronyms).
    pub exact_case: bool,
    /// The alias needs context in the document.
    pub needs_context: bool,
    /// Only strong context will do (see `PlaceContext::Strong`).
    pub strong_context: bool,
    /// The alias is written capitalized: so must the surface be.
    pub capitalized: bool,
    /// The languages in which the alias is an ordinary word.
    pub common: Langs,
}

/// The rules of `alias` (folded: `folded`) of `entry`; `shared` says
/// that another place has one of the entry's names.
pub(crate) fn target_rules(
    entry: &Entry,
    alias: &Alias,
    folded: &str,
    shared: bool,
) -> TargetRules {
    let exact_case = alias.case == CaseRule::Exact;
    // A country whose name is written `!` (exact case) in its row is a
    // word too (`!Turkey`, `!Chad`, `!Jordan`).
    let word_country = entry.subtype.is_country()
        && entry.aliases.iter().any(|a| {
            a.case == CaseRule::Exact
                && normalize_key(&a.text, Case::Fold) == folded
        });
    let common = if (common_rule_applies(entry) || word_country)
        && !is_acronym(&alias.text)
    {
        common_words::common_in(folded)
    } else {
        Langs::NONE
    };
    let place = place_context(entry, &alias.text, folded, shared);
    TargetRules {
        exact_case,
        needs_context: alias.needs_context || place != PlaceContext::None,
        strong_context: place == PlaceContext::Strong,
        capitalized: !exact_case && starts_with_capital(&alias.text),
        common,
    }
}

/// Whether the common-word rule applies to an entry: places other than
/// countries, subdivisions and cities of a million or more, unless their
/// row says `not_common`. Actors, organisations and persons are curated
/// by hand (ambiguous aliases carry `?`).
fn common_rule_applies(entry: &Entry) -> bool {
    // Countries, first-level subdivisions and districts are exempt.
    let exempt = entry.subtype.is_country()
        || entry.subtype.is_admin1()
        || entry.subtype == Subtype::District;
    entry.kind == EntityType::Place
        && !entry.flags.not_common
        && !exempt
        && entry.population.unwrap_or(0) < 1_000_000
}

/// How much context a one-word place name needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PlaceContext {
    None,
    /// Another mention of the same country, of the same entry, or a place
    /// preposition before it.
    Normal,
    /// The same entry elsewhere, or a place preposition before it.
    Strong,
}

/// Population under which a one-word place name needs context: small
/// places share their names with words, first names and other places
/// (`Harem`, `Ana`, `Hero`), and an article that really names one almost
/// always names its country or another place of it too.
const SMALL_PLACE: u64 = 50_000;

/// The context rule of one-word place names.
///
/// - Latin script: a place of fewer than [`SMALL_PLACE`] people (or of
///   unknown population) needs normal context when its name is risky: a
///   place outside Syria and Iraq (the world pack's villages), or a name
///   that is an ordinary word, a frequent name or a first name, or is
///   shorter than five letters (`Hit`, `Ana`, `Tal`), or a place that
///   shares a name with another (`Sinjar` of Iraq and of Syria). `Hajin`,
///   `Saraqeb` or `Kafranbel` need none.
/// - Arabic script (no capitals to tell names from words): a frequent
///   Arabic word needs strong context, unless it names a large Syrian or
///   Iraqi place or a governorate (normal context then); any other place
///   outside Syria and Iraq, or small, needs normal context.
///
/// Countries, and rows flagged `not_common`, need none.
fn place_context(
    entry: &Entry,
    alias: &str,
    folded: &str,
    shared: bool,
) -> PlaceContext {
    // A name of several words needs context only when every word is an
    // ordinary word (`La Nouvelle`).
    let words_only = folded.contains(' ')
        && folded.is_ascii()
        && folded
            .split(' ')
            .all(|w| common_words::common_in(w) != Langs::NONE);
    if entry.kind != EntityType::Place
        || entry.flags.not_common
        || entry.flags.block
        || entry.subtype.is_country()
        || (folded.contains(' ') && !words_only)
    {
        return PlaceContext::None;
    }
    let arabic =
        folded.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c));
    let population = entry.population.unwrap_or(0);
    let admin = entry.subtype.is_admin1();
    if arabic {
        let home = matches!(entry.country.as_str(), "SY" | "IQ");
        let big_home = home && (population >= 100_000 || admin);
        let word = common_words::common_in(folded).intersects(Langs::AR);
        return match (big_home, word) {
            (true, true) => PlaceContext::Normal,
            (true, false) => PlaceContext::None,
            (false, true) => PlaceContext::Strong,
            (false, false) => PlaceContext::Normal,
        };
    }
    let home = matches!(entry.country.as_str(), "SY" | "IQ")
        && !entry.flags.needs_country;
    if admin
        || population >= SMALL_PLACE
        || (home && !shared && !risky_name(alias, folded))
    {
        PlaceContext::None
    } else {
        PlaceContext::Normal
    }
}

/// Whether a one-word Latin name may well be something else than the
/// place: short, an ordinary word or a frequent name of the press, a word
/// of a dictionary (`Harem`), or a first name.
fn risky_name(alias: &str, folded: &str) -> bool {
    folded.chars().filter(|c| c.is_alphabetic()).count() < 5
        || common_words::frequent_word(folded)
        || common_words::dictionary_place_word(folded)
        || common_words::is_first_name(alias)
}
