//! New rows that repeat an existing entity: a row whose name is already
//! a name or alias of an earlier entity of the same type (for places: of
//! the same country, and both subdivisions or both not, since a province
//! and its capital may share a name) makes a second candidate for the
//! same surface, chosen at about even odds, where an alias-extension row
//! would have added spellings to the existing one.
//!
//! `gazetag gazetteer check` lists them for the rows of the user's files.
//! It knows nothing of matching: names are compared folded, as the
//! matcher compares them.

use std::collections::HashMap;
use std::fmt;

use crate::gazetteer::{EntityType, EntryId, Gazetteer};
use crate::normalize::{normalize_key, Case};

/// A new entity whose name an earlier entity already has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repeat {
    /// The new entity.
    pub entry: EntryId,
    /// The earlier entity that has the name.
    pub existing: EntryId,
}

/// A [`Repeat`] as a line for the user.
pub struct RepeatMessage<'a> {
    repeat: &'a Repeat,
    gazetteer: &'a Gazetteer,
}

impl Repeat {
    /// The message for the user (`gazetteer` is the one it was found in).
    pub fn message<'a>(
        &'a self,
        gazetteer: &'a Gazetteer,
    ) -> RepeatMessage<'a> {
        RepeatMessage { repeat: self, gazetteer }
    }
}

impl fmt::Display for RepeatMessage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let new = self.gazetteer.entry(self.repeat.entry);
        let old = self.gazetteer.entry(self.repeat.existing);
        write!(
            f,
            "{}: name {:?} is already a name of {} {} ({}{}{}): both would be \
             candidates for it; to add spellings to {}, write an \
             alias-extension row instead (a file with the header `id,aliases` \
             and the row `{},<aliases>`)",
            new.id,
            new.name,
            old.kind,
            old.id,
            old.name,
            if old.country.is_empty() { "" } else { ", " },
            old.country,
            old.id,
            old.id
        )
    }
}

impl Gazetteer {
    /// The entities from the `from`-th on whose name is a name or alias of
    /// an earlier entity of the same type (places: of the same country,
    /// and both subdivisions or both not),
    /// in gazetteer order. With the embedded set loaded first, `from` is
    /// its size, so that only the user's rows are reviewed.
    pub fn repeated_names(&self, from: usize) -> Vec<Repeat> {
        let mut seen: HashMap<(EntityType, &str, bool, String), EntryId> =
            HashMap::new();
        let mut out = Vec::new();
        for (id, e) in self.iter() {
            let country = if e.kind == EntityType::Place {
                e.country.as_str()
            } else {
                ""
            };
            let region = e.subtype.is_region();
            if id.index() >= from && !e.flags.block {
                let name = normalize_key(&e.name, Case::Fold);
                let key = (e.kind, country, region, name);
                if let Some(&existing) = seen.get(&key) {
                    out.push(Repeat { entry: id, existing });
                }
            }
            for a in &e.aliases {
                let alias = normalize_key(&a.text, Case::Fold);
                let key = (e.kind, country, region, alias);
                seen.entry(key).or_insert(id);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::Loader;

    #[test]
    fn new_rows_that_repeat_a_name_of_the_same_type() {
        let mut loader = Loader::new();
        loader.add_str(
            "base.csv",
            "id,type,name,aliases,country\n\
             hts,ACTOR,Hayat Tahrir al-Sham,HTS|Hay'at Tahrir al-Cham,SY\n\
             tl,PLACE,Tripoli,Trablous,LB\n",
        );
        loader.add_str(
            "mine.csv",
            "id,type,subtype,name,aliases,country\n\
             my:hts,ACTOR,,Hayat Tahrir al Sham,,\n\
             my:hts2,ACTOR,,HAY'AT TAHRIR AL-CHAM,,\n\
             my:org,ORG,,Hayat Tahrir al-Sham,,\n\
             my:ly,PLACE,city,Tripoli,,LY\n\
             my:lb,PLACE,city,Trablous,,LB\n\
             my:gov,PLACE,governorate,Tripoli,,LB\n",
        );
        let g = loader.finish().unwrap();
        let ids = |from| -> Vec<(String, String)> {
            g.repeated_names(from)
                .iter()
                .map(|r| {
                    (
                        g.entry(r.entry).id.clone(),
                        g.entry(r.existing).id.clone(),
                    )
                })
                .collect()
        };
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(
            ids(2),
            [
                pair("my:hts", "hts"),
                pair("my:hts2", "hts"),
                pair("my:lb", "tl")
            ]
        );
        let r = &g.repeated_names(2)[0];
        let msg = r.message(&g).to_string();
        assert!(
            msg.starts_with("my:hts: name \"Hayat Tahrir al Sham\""),
            "{msg}"
        );
        assert!(msg.contains("`hts,<aliases>`"), "{msg}");
    }
}
