//! [`Subtype`]: what kind of place, organisation, actor or person an entry
//! is, as its gazetteer row says, with the subtypes that rules branch on
//! spelled out.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An entry's subtype. The subtypes that matching rules read are
/// variants; any other (`armed_group`, `media`, a user's own) is kept as
/// written in [`Subtype::Other`]. It reads and writes as the plain string
/// of the gazetteer row (`"governorate"`).
#[derive(
    Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize,
)]
#[serde(from = "String", into = "String")]
pub enum Subtype {
    /// A sovereign country (`country`).
    Country,
    /// A first-level subdivision: `governorate`.
    Governorate,
    /// A first-level subdivision: `province`.
    Province,
    /// A first-level subdivision: `region`.
    Region,
    /// A first-level subdivision: `state`.
    State,
    /// A second-level subdivision: `department`.
    Department,
    /// A second-level subdivision: `county`.
    County,
    /// A second-level subdivision: `district`.
    District,
    /// `city`.
    City,
    /// `town`.
    Town,
    /// `village`.
    Village,
    /// None given.
    #[default]
    None,
    /// Any other subtype, as written.
    Other(String),
}

impl Subtype {
    /// The subtype of a gazetteer row's `subtype` field (exactly as
    /// written: `Country` is another subtype than `country`).
    pub fn parse(s: &str) -> Subtype {
        match s {
            "country" => Subtype::Country,
            "governorate" => Subtype::Governorate,
            "province" => Subtype::Province,
            "region" => Subtype::Region,
            "state" => Subtype::State,
            "department" => Subtype::Department,
            "county" => Subtype::County,
            "district" => Subtype::District,
            "city" => Subtype::City,
            "town" => Subtype::Town,
            "village" => Subtype::Village,
            "" => Subtype::None,
            other => Subtype::Other(other.to_string()),
        }
    }

    /// The subtype as written in gazetteers and output.
    pub fn as_str(&self) -> &str {
        match self {
            Subtype::Country => "country",
            Subtype::Governorate => "governorate",
            Subtype::Province => "province",
            Subtype::Region => "region",
            Subtype::State => "state",
            Subtype::Department => "department",
            Subtype::County => "county",
            Subtype::District => "district",
            Subtype::City => "city",
            Subtype::Town => "town",
            Subtype::Village => "village",
            Subtype::None => "",
            Subtype::Other(s) => s,
        }
    }

    /// Whether none is given.
    pub fn is_empty(&self) -> bool {
        self.as_str().is_empty()
    }

    /// A country.
    pub fn is_country(&self) -> bool {
        *self == Subtype::Country
    }

    /// A first-level subdivision: governorate, province, region, state.
    pub fn is_admin1(&self) -> bool {
        matches!(
            self,
            Subtype::Governorate
                | Subtype::Province
                | Subtype::Region
                | Subtype::State
        )
    }

    /// A region in the sense of disambiguation (`du Québec` names one):
    /// a country, a first-level subdivision, a department or a county.
    /// Its unknown population counts as large.
    pub fn is_region(&self) -> bool {
        self.is_country()
            || self.is_admin1()
            || matches!(self, Subtype::Department | Subtype::County)
    }
}

impl From<String> for Subtype {
    fn from(s: String) -> Subtype {
        Subtype::parse(&s)
    }
}

impl From<Subtype> for String {
    fn from(s: Subtype) -> String {
        match s {
            Subtype::Other(s) => s,
            s => s.as_str().to_string(),
        }
    }
}

impl fmt::Display for Subtype {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Subtype;

    #[test]
    fn subtypes_round_trip_as_written() {
        for s in [
            "country",
            "governorate",
            "province",
            "region",
            "state",
            "department",
            "county",
            "district",
            "city",
            "town",
            "village",
            "",
            "armed_group",
            "Country",
        ] {
            let t = Subtype::parse(s);
            assert_eq!(t.as_str(), s);
            assert_eq!(String::from(t.clone()), s);
            let bytes = postcard::to_allocvec(&t).unwrap();
            assert_eq!(bytes, postcard::to_allocvec(&s.to_string()).unwrap());
            assert_eq!(postcard::from_bytes::<Subtype>(&bytes).unwrap(), t);
        }
        assert_eq!(
            Subtype::parse("Country"),
            Subtype::Other("Country".into())
        );
    }

    #[test]
    fn kinds_of_regions() {
        let table: &[(&str, bool, bool, bool)] = &[
            // (subtype, country, admin1, region)
            ("country", true, false, true),
            ("governorate", false, true, true),
            ("state", false, true, true),
            ("county", false, false, true),
            ("district", false, false, false),
            ("city", false, false, false),
            ("armed_group", false, false, false),
        ];
        for &(s, country, admin1, region) in table {
            let t = Subtype::parse(s);
            assert_eq!(
                (t.is_country(), t.is_admin1(), t.is_region()),
                (country, admin1, region),
                "{s}"
            );
        }
    }
}
