//! The default gazetteer files, compiled into the binary by `build.rs`.
//!
//! Owns nothing but the list of `(file name, contents)` pairs.

include!(concat!(env!("OUT_DIR"), "/embedded_gazetteers.rs"));
