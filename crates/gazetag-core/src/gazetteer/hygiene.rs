//! Hygiene warnings for gazetteers: aliases that would tag ordinary words.
//!
//! A loaded gazetteer can still hold aliases that are risky: an alias of
//! fewer than three letters that is not an upper-case acronym (`Al`,
//! `Do`), or an alias written in lower case that is an ordinary word of
//! English, French or Arabic and carries no `?` marker (it would match
//! that word anywhere, in any case). `gazetag gazetteer check` lists them.
//! Capitalized aliases that are words (`Nice`) are not reported: the
//! tagger only matches them capitalized, and at the start of a sentence
//! only with context.

use std::fmt;

use crate::common_words::{common_in, Langs};
use crate::gazetteer::{CaseRule, EntityType, Gazetteer};
use crate::normalize::{normalize_key, Case};

/// One risky alias.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// The entry's id.
    pub id: String,
    /// The alias as written.
    pub alias: String,
    /// What is risky about it.
    pub kind: WarningKind,
}

/// What is risky about an alias.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WarningKind {
    /// Fewer than three letters and not an upper-case acronym.
    Short,
    /// A lower-case ordinary word without the `?` marker.
    CommonWord,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            WarningKind::Short => {
                "is shorter than 3 letters and not an acronym"
            }
            WarningKind::CommonWord => {
                "is an ordinary word written in lower case without `?`"
            }
        };
        write!(f, "{}: alias {:?} {what}", self.id, self.alias)
    }
}

/// Every risky alias of `gazetteer`, in gazetteer order.
pub(crate) fn check(gazetteer: &Gazetteer) -> Vec<Warning> {
    let mut out = Vec::new();
    for (_, e) in gazetteer.iter() {
        if e.flags.block {
            continue;
        }
        for a in &e.aliases {
            let letters = a.text.chars().filter(|c| c.is_alphabetic()).count();
            let kind = if letters < 3 && a.case != CaseRule::Exact {
                Some(WarningKind::Short)
            } else if !a.needs_context
                && a.case == CaseRule::Insensitive
                && !a.text.chars().any(char::is_uppercase)
                && a.text.chars().any(char::is_lowercase)
                && e.kind != EntityType::Place
                && common_in(&normalize_key(&a.text, Case::Fold))
                    != Langs::NONE
            {
                Some(WarningKind::CommonWord)
            } else {
                None
            };
            if let Some(kind) = kind {
                out.push(Warning {
                    id: e.id.clone(),
                    alias: a.text.clone(),
                    kind,
                });
            }
        }
    }
    out
}

impl Gazetteer {
    /// The hygiene warnings of this gazetteer's aliases (see
    /// [`WarningKind`]), in gazetteer order.
    pub fn hygiene_warnings(&self) -> Vec<Warning> {
        check(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::load::Loader;

    #[test]
    fn reports_short_and_common_aliases() {
        let mut l = Loader::new();
        l.add_str(
            "t.csv",
            "id,type,name,aliases\n\
             a,ACTOR,Islamic State,EI|Do|?régime|régime|forces du régime|Daech\n\
             b,PLACE,Nice,Nice|nice\n",
        );
        let g = l.finish().unwrap();
        let w: Vec<(String, WarningKind)> =
            check(&g).into_iter().map(|w| (w.alias, w.kind)).collect();
        assert_eq!(
            w,
            [
                ("Do".to_string(), WarningKind::Short),
                ("régime".to_string(), WarningKind::CommonWord)
            ]
        );
    }
}
