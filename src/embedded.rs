//! The default gazetteers, compiled into the binary.
//!
//! `build.rs` embeds every `gazetteers/*.csv` file ([`FILES`]) and, with
//! the engine's own loader, matcher and index writer (the same code as
//! `gazetag gazetteer compile`), their compiled index ([`INDEX`],
//! transliteration keys on), so that start-up only reads the index and
//! builds no automaton. This module knows nothing else.

use gazetag_core::{BuildError, Gazetteer, Loader, Tagger, TaggerBuilder};

include!(concat!(env!("OUT_DIR"), "/embedded_gazetteers.rs"));

/// The compiled index of [`FILES`].
pub static INDEX: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/default.gzi"));

/// The fingerprint of [`FILES`], as recorded in [`INDEX`].
pub fn sources_fingerprint() -> u64 {
    gazetag_core::sources_fingerprint(
        FILES.iter().map(|(n, t)| (*n, t.as_bytes())),
    )
}

/// The embedded gazetteer (every file of `gazetteers/`), parsed from its
/// CSV files.
pub fn gazetteer() -> Gazetteer {
    let mut loader = Loader::new();
    for (name, text) in FILES {
        loader.add_str(name, text);
    }
    loader
        .finish()
        .expect("the embedded gazetteer is validated when the binary is built")
}

/// A tagger with `builder`'s options over the embedded gazetteer, read
/// from the index compiled into the binary: it builds nothing.
pub fn tagger(builder: &TaggerBuilder) -> Result<Tagger, BuildError> {
    // SAFETY: INDEX is written by build.rs with `compile_index` of the
    // engine this binary is linked with.
    match unsafe { builder.build_from_builtin_index(INDEX) } {
        Ok(tagger) => Ok(tagger),
        Err(_) => builder.build(gazetteer()),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn embedded_set_loads() {
        let g = super::gazetteer();
        assert!(!g.is_empty());
        let t = super::tagger(&gazetag_core::Tagger::builder()).unwrap();
        assert_eq!(t.gazetteer().len(), g.len());
    }
}
