//! gazetag finds the places, organisations, armed actors and persons of a
//! gazetteer in news text, with exact byte and character offsets.
//!
//! The engine is the `gazetag-core` crate, re-exported here; this crate
//! adds the default gazetteers compiled into the binary ([`embedded`]),
//! the inputs that turn paths into documents ([`input`]) and the writers
//! of every output format ([`output`]), and [`setup`], which builds a
//! tagger from the gazetteer options the command line and the Python
//! package share.
//!
//! ```
//! use gazetag::embedded;
//!
//! let tagger = embedded::tagger(&gazetag::Tagger::builder()).unwrap();
//! let text = "Raids near Deir ez-Zor, said the SOHR.";
//! for m in tagger.tag(text) {
//!     let entry = tagger.gazetteer().entry(m.entry);
//!     println!("{} {} {}", &text[m.span.start..m.span.end], entry.kind, entry.name);
//! }
//! ```
#![deny(missing_docs)]

pub use gazetag_core::*;

pub mod embedded;
pub mod escape;
pub mod input;
pub mod output;
pub mod setup;
