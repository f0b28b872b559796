//! gazetag finds the places, organisations, armed actors and persons of a
//! gazetteer in news text, with exact byte and character offsets.
//!
//! Data flows one way: a document's text is normalized ([`normalize`]) with
//! an offset map ([`offsets`]), searched by one aho-corasick automaton
//! ([`matcher`]), and the raw candidates are resolved into non-overlapping
//! mentions on the original text ([`resolve`]). [`Tagger`] is the facade;
//! [`input`] turns paths into documents and [`output`] writes rows.
//!
//! ```
//! use gazetag::{Gazetteer, Tagger};
//!
//! let tagger = Tagger::new(Gazetteer::embedded()).unwrap();
//! let text = "Raids near Deir ez-Zor, said the SOHR.";
//! for m in tagger.tag(text) {
//!     let entry = tagger.gazetteer().entry(m.entry);
//!     println!("{} {} {}", &text[m.span.start..m.span.end], entry.kind, entry.name);
//! }
//! ```
#![deny(missing_docs)]

pub mod common_words;
pub mod disambiguate;
pub mod embedded;
pub mod gazetteer;
pub mod index;
pub mod input;
pub mod matcher;
pub mod normalize;
pub mod offsets;
pub mod output;
pub mod resolve;
pub mod tagger;
pub mod translit;

pub use gazetteer::{EntityType, Entry, EntryId, Gazetteer};
pub use offsets::Span;
pub use resolve::Mention;
pub use tagger::{Tagger, TaggerBuilder};
