//! Ordinary words and sentence starts.
//!
//! A target whose alias is an ordinary word of the document's language
//! (`Nice`, `Mobile`, `Homs` in an Arabic recipe) matches only a
//! capitalized surface, and needs context where a capital says nothing:
//! at the start of a sentence, or before another capitalized word (`Chad
//! Medina`). In a script without case it always needs *strong* context:
//! the same entry named elsewhere, or a place preposition (`في حمص`).

use crate::common_words::Langs;
use crate::matcher::Target;
use crate::normalize::is_ignorable;
use crate::offsets::Span;

use super::Resolver;

/// What context a target needs at one place of the text.
#[derive(Clone, Copy, Debug)]
pub(super) struct Need {
    pub needs_context: bool,
    pub strong: bool,
}

impl Resolver<'_> {
    /// The common-word rule for target `t` at `span`: `None` when it may
    /// not match there, else the context it needs. Targets that are no
    /// ordinary word of the document's language keep their own flags.
    pub(super) fn common_word_rule(
        &self,
        t: &Target,
        span: Span,
        capital: bool,
    ) -> Option<Need> {
        let own =
            Need { needs_context: t.needs_context, strong: t.strong_context };
        if t.common == Langs::NONE || !t.common.intersects(self.doc_langs()) {
            return Some(own);
        }
        let first = self.surface(span).chars().find(|c| c.is_alphabetic());
        if first.is_some_and(|c| !c.is_uppercase() && !c.is_lowercase()) {
            // Arabic script: the matcher's place rule already decided.
            return Some(Need { needs_context: true, strong: own.strong });
        }
        if !capital {
            return None;
        }
        // At the start of a sentence, or before another capitalized word
        // (`Chad Medina`, `Nice Airport`), the word may be part of
        // something else: it needs context.
        Some(Need {
            needs_context: t.needs_context
                || sentence_initial(self.text, span.start)
                || capitalized_word_after(self.text, span.end),
            strong: t.strong_context,
        })
    }
}

/// Whether byte `start` begins a sentence, a line or the text (opening
/// quotes and brackets skipped).
pub(super) fn sentence_initial(text: &str, start: usize) -> bool {
    for c in text[..start].chars().rev() {
        match c {
            '\n' | '\r' => return true,
            '.' | '!' | '?' | '…' | ':' | ';' => return true,
            c if c.is_whitespace() || is_ignorable(c) => {}
            '«' | '"' | '“' | '‘' | '\'' | '(' | '[' | '—' | '–' | '-'
            | '•' | '*' | '>' => {}
            _ => return false,
        }
    }
    true
}

/// Whether a capitalized word follows byte `end` after one space.
fn capitalized_word_after(text: &str, end: usize) -> bool {
    text[end..].strip_prefix(' ').is_some_and(|rest| {
        rest.chars().next().is_some_and(char::is_uppercase)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_starts() {
        let table: &[(&str, &str, bool)] = &[
            ("Nice", "Nice", true),
            ("Hello. Nice", "Nice", true),
            ("« Nice", "Nice", true),
            ("line\nNice", "Nice", true),
            ("in Nice", "Nice", false),
            ("said: (Nice", "Nice", true),
            ("a, Nice", "Nice", false),
        ];
        for &(text, word, want) in table {
            let start = text.rfind(word).unwrap();
            assert_eq!(sentence_initial(text, start), want, "{text:?}");
        }
    }

    #[test]
    fn capitalized_words_after() {
        let table: &[(&str, bool)] = &[
            ("Nice Airport", true),
            ("Nice airport", false),
            ("Nice  Airport", false),
            ("Nice", false),
            ("Nice, Airport", false),
        ];
        for &(text, want) in table {
            assert_eq!(capitalized_word_after(text, 4), want, "{text:?}");
        }
    }
}
