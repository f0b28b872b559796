//! The tagging engine of gazetag: finds the places, organisations, armed
//! actors and persons of a gazetteer in news text, with exact byte and
//! character offsets.
//!
//! Data flows one way: a document's text is normalized ([`normalize`]) with
//! an offset map ([`offsets`]), searched by one automaton ([`matcher`]),
//! and the raw candidates are resolved into non-overlapping mentions on the
//! original text ([`resolve`]); [`disambiguate`] chooses among entries that
//! share a surface. [`Tagger`] is the facade.
#![deny(missing_docs)]

pub mod common_words;
pub mod disambiguate;
pub mod gazetteer;
pub mod index;
pub mod matcher;
pub mod normalize;
pub mod offsets;
pub mod resolve;
pub mod tagger;
pub mod translit;

pub use gazetteer::load::Loader;
pub use gazetteer::{EntityType, Entry, EntryId, Gazetteer};
pub use offsets::Span;
pub use resolve::Mention;
pub use tagger::{Tagger, TaggerBuilder};
