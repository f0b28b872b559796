//! Integration tests of the `gazetag` binary and library: one test
//! binary, one module per area (as in ripgrep's `tests/`).
//!
//! Run one area with a filter on its module name, e.g.
//! `cargo test --test integration hostile`. The whole-corpus identity
//! check is ignored by default:
//! `cargo test --release --test integration corpus_identity -- --ignored`.

mod analyst;
mod architecture;
mod cache;
mod cli;
mod corpus_identity;
mod debug;
mod delimiter;
mod discover;
mod errors;
mod false_positives;
mod geojson;
mod golden;
mod hardening_io;
mod hardening_memory;
mod hardening_time;
mod hostile;
mod huge;
mod io;
mod probes;
mod properties;
mod rules_version;
mod tagging;
mod translit_probes;
mod util;
mod xlsx;
