//! The default gazetteers, compiled into the binary.
//!
//! `build.rs` embeds every `gazetteers/*.csv` file ([`FILES`]) and, with
//! the same code as `gazetag gazetteer compile`, their compiled index
//! ([`INDEX`], transliteration keys on), so that start-up only reads the
//! index and builds no automaton. This module knows nothing else.

use crate::gazetteer::{Gazetteer, Loader};
use crate::index;

include!(concat!(env!("OUT_DIR"), "/embedded_gazetteers.rs"));

/// The compiled index of [`FILES`] (see [`crate::index`]).
pub static INDEX: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/default.gzi"));

/// The fingerprint of [`FILES`], as recorded in [`INDEX`].
pub fn sources_fingerprint() -> u64 {
    index::sources_fingerprint(FILES.iter().map(|(n, t)| (*n, t.as_bytes())))
}

impl Gazetteer {
    /// The gazetteer compiled into the binary (every file of
    /// `gazetteers/`), parsed from its CSV files.
    pub fn embedded() -> Gazetteer {
        let mut loader = Loader::new();
        for (name, text) in FILES {
            loader.add_str(name, text);
        }
        loader.finish().expect(
            "the embedded gazetteer is validated when the binary is built",
        )
    }
}
