//! The tagging engine of gazetag: finds the places, organisations, armed
//! actors and persons of a gazetteer in news text, with exact byte and
//! character offsets.
//!
//! A [`Gazetteer`] is read from CSV files by a [`Loader`]; a [`Tagger`]
//! (built by a [`TaggerBuilder`]) finds its entries in text and returns
//! [`Mention`]s: an entry, a [`Span`] of the original text, how the surface
//! matched ([`MatchRule`]) and, when a surface names several entries
//! (`Tripoli`), the [`Choice`]s it was chosen among.
//!
//! ```
//! use gazetag_core::{Loader, Tagger};
//!
//! let mut loader = Loader::new();
//! loader.add_str(
//!     "mine.csv",
//!     "id,type,subtype,name,aliases,country,population,flags\n\
//!      aleppo,PLACE,city,Aleppo,Alep|حلب,SY,2000000,arabic\n\
//!      sohr,ORG,ngo,Syrian Observatory for Human Rights,SOHR|OSDH,SY,,\n",
//! );
//! let gazetteer = loader.finish().expect("valid rows");
//! let tagger = Tagger::builder().translit(true).build(gazetteer).unwrap();
//! let text = "Raids near Alep, said the SOHR.";
//! let found: Vec<(&str, &str)> = tagger
//!     .tag(text)
//!     .iter()
//!     .map(|m| {
//!         let entry = tagger.gazetteer().entry(m.entry);
//!         (&text[m.span.start..m.span.end], entry.name.as_str())
//!     })
//!     .collect();
//! assert_eq!(
//!     found,
//!     [("Alep", "Aleppo"), ("SOHR", "Syrian Observatory for Human Rights")]
//! );
//! ```
//!
//! Data flows one way: the text is normalized with an offset map, searched
//! by one automaton over the gazetteer's aliases (or their
//! transliteration keys), the candidates go through the resolver's stages
//! (boundaries, case, common words, persons, context, selection), and
//! disambiguation chooses among the entries that share a surface.
//! `CONTRIBUTING.md` maps each step to its file.
#![deny(missing_docs)]

mod area;
mod common_words;
mod countries;
mod disambiguate;
mod fixed;
mod gazetteer;
mod index;
mod lexicon;
mod lookup;
mod matcher;
mod mention;
mod normalize;
mod offsets;
mod policy;
mod resolve;
mod stream;
mod tagger;
mod translit;

pub use area::{Area, AreaError, BBox, Outside};
pub use common_words::Langs;
pub use countries::{
    country_code_of, country_name, country_sets, is_country_code,
};
pub use gazetteer::hygiene::{Warning, WarningKind};
pub use gazetteer::load::{
    FileStats, GazetteerError, GazetteerErrorKind, LoadErrors, Loader,
};
pub use gazetteer::review::{Repeat, RepeatMessage};
pub use gazetteer::{
    Alias, CaseRule, EntityType, Entry, EntryId, Flags, Gazetteer, Subtype,
    UnknownType,
};
pub use index::{
    compile as compile_index, sources_fingerprint, CompiledIndex, IndexError,
    RULES_VERSION,
};
pub use lookup::{Hit, Lookup};
pub use matcher::BuildError;
pub use mention::{Choice, Cue, MatchRule, Mention, Relation, Tagged};
pub use offsets::{CharIndex, Span};
pub use stream::{Offset, Part, TagStream};
pub use tagger::{
    Chunking, Pool, Scratch, ScratchPool, Tagger, TaggerBuilder,
};

/// The engine's inner steps, for benchmarks, fuzz targets and the
/// scripts' folding: not a stable API.
#[doc(hidden)]
pub mod internals {
    pub use crate::common_words::{common_in, detect, is_first_name};
    pub use crate::matcher::{Candidate, Matcher, SearchSpace};
    pub use crate::normalize::{
        normalize, normalize_into, normalize_key, Case, Normalized,
    };
    pub use crate::translit::{key, key_into, Keyed};
}
