//! Options that would do nothing: refused before the run, or noted where
//! they are harmless, so that no option is silently ignored (#16).
//!
//! This module owns the table of which output formats each option
//! applies to ([`RULES`]), the check that a CSV or JSON lines input has
//! its text column named, and the area of interest built from
//! `--countries` and `--bbox`. It reads arguments and the first line of
//! table inputs; it tags nothing.

use std::path::Path;

use anyhow::{anyhow, bail, Context, Result};

use gazetag::input::{self, Source};
use gazetag::{Area, BBox};

use super::report::{shown_path, Report};
use crate::cli::{FormatArg, InputArg, TagArgs};

/// What an option that the format ignores is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unused {
    /// A usage error: the user expects an effect that would not happen.
    Error,
    /// Harmless: a note on standard error, and the run goes on.
    Note,
}

/// An option and the formats it applies to.
struct Rule {
    option: &'static str,
    given: fn(&TagArgs) -> bool,
    formats: &'static [FormatArg],
    unused: Unused,
}

use FormatArg::{Csv, Geojson, Html, Jsonl, Summary, Tsv, Xlsx};

/// Which formats each option applies to; used with another format, it
/// is an error or a note. (New formats add themselves to the rows of the
/// options they carry.)
const RULES: &[Rule] = &[
    Rule {
        option: "--by",
        given: |a| a.by.is_some(),
        formats: &[Summary, Geojson],
        unused: Unused::Error,
    },
    Rule {
        option: "--context",
        given: |a| a.context.is_some(),
        formats: &[Csv, Tsv, Jsonl, Xlsx],
        unused: Unused::Error,
    },
    Rule {
        option: "--all-candidates",
        given: |a| a.all_candidates,
        formats: &[Csv, Tsv, Jsonl, Xlsx],
        unused: Unused::Error,
    },
    Rule {
        option: "--explain",
        given: |a| a.explain,
        formats: &[Csv, Tsv, Jsonl, Xlsx],
        unused: Unused::Error,
    },
    Rule {
        option: "--flag-outside",
        given: |a| a.flag_outside,
        formats: &[Csv, Tsv, Jsonl, Html],
        unused: Unused::Error,
    },
    Rule {
        option: "--keep-columns",
        given: |a| !a.keep_columns.is_empty(),
        formats: &[Csv, Tsv, Jsonl, Html, Xlsx, Geojson],
        unused: Unused::Note,
    },
    Rule {
        option: "--raw",
        given: |a| a.raw,
        formats: &[Csv, Tsv, Summary],
        unused: Unused::Note,
    },
    Rule {
        option: "--bom",
        given: |a| a.bom,
        formats: &[Csv, Tsv, Summary],
        unused: Unused::Note,
    },
];

/// The name of a format as typed.
fn format_name(format: FormatArg) -> String {
    format!("{format:?}").to_ascii_lowercase()
}

/// Refuses (or notes) the options that the chosen format ignores, an
/// area flag without an area, and table inputs whose text column is not
/// named.
pub(super) fn check(args: &TagArgs, report: &mut Report) -> Result<()> {
    for rule in RULES {
        if !(rule.given)(args) || rule.formats.contains(&args.format) {
            continue;
        }
        let with: Vec<String> =
            rule.formats.iter().map(|&f| format_name(f)).collect();
        let message = format!(
            "{} has no effect with --format {} (it applies to --format {})",
            rule.option,
            format_name(args.format),
            with.join(", ")
        );
        match rule.unused {
            Unused::Error => bail!("{message}"),
            Unused::Note => report.note(&message),
        }
    }
    if args.flag_outside && args.countries.is_none() && args.bbox.is_none() {
        bail!("--flag-outside needs --countries or --bbox");
    }
    if args.input == InputArg::Auto {
        for path in &args.paths {
            untold_table(path, args)?;
        }
    }
    Ok(())
}

/// A `.csv`, `.tsv` or `.jsonl` file given by name whose text column
/// (field) is not named would be tagged whole as one plain-text
/// document: an error that lists the header (the first record's keys).
fn untold_table(path: &Path, args: &TagArgs) -> Result<()> {
    if !path.is_file() {
        return Ok(());
    }
    let ext = input::extension(path).to_ascii_lowercase();
    let (what, flag, named) = match ext.as_str() {
        "csv" | "tsv" => ("table", "--text-column", &args.text_column),
        "jsonl" | "ndjson" => {
            ("JSON lines file", "--text-field", &args.text_field)
        }
        _ => return Ok(()),
    };
    if named.is_some() {
        return Ok(());
    }
    let head = first_line(path).unwrap_or_default();
    let fields = if flag == "--text-field" {
        match serde_json::from_str::<serde_json::Value>(&head) {
            Ok(serde_json::Value::Object(map)) => format!(
                "its first record's keys: {}",
                map.keys().cloned().collect::<Vec<_>>().join(", ")
            ),
            _ => format!("its first line: {}", clip(&head)),
        }
    } else {
        format!("its header: {}", clip(&head))
    };
    Err(anyhow!(
        "{} is a {what}: name the {} that holds the text with {flag} \
         ({fields}), or tag the file as plain text with --input text",
        shown_path(path),
        if flag == "--text-field" { "field" } else { "column" },
    ))
}

/// The first line of a file (gunzipped), without a byte order mark.
fn first_line(path: &Path) -> Result<String> {
    use std::io::BufRead;
    let mut stream = input::open(&Source::Path(path.to_path_buf()))
        .map_err(anyhow::Error::new)?;
    let mut line = Vec::new();
    std::io::Read::take(&mut stream, 64 * 1024)
        .read_until(b'\n', &mut line)
        .with_context(|| format!("reading {}", shown_path(path)))?;
    let line = String::from_utf8_lossy(&line);
    Ok(line.trim_start_matches('\u{feff}').trim_end().to_string())
}

/// At most 200 characters of a line, for a message.
fn clip(line: &str) -> String {
    match line.char_indices().nth(200) {
        Some((at, _)) => format!("{}...", &line[..at]),
        None => line.to_string(),
    }
}

/// The area of `--countries` and `--bbox`, if either is given.
pub(super) fn area(args: &TagArgs) -> Result<Option<Area>> {
    if args.countries.is_none() && args.bbox.is_none() {
        return Ok(None);
    }
    let mut area = Area::default();
    if let Some(spec) = &args.countries {
        area = area.with_countries(spec).context("--countries")?;
    }
    if let Some(spec) = &args.bbox {
        area = area.with_bbox(BBox::parse(spec).context("--bbox")?);
    }
    Ok(Some(area))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_names_a_real_option_and_some_format() {
        use clap::CommandFactory;
        let cmd = crate::cli::Args::command();
        let tag = cmd.find_subcommand("tag").expect("tag subcommand");
        for rule in RULES {
            let long = rule.option.trim_start_matches("--");
            assert!(
                tag.get_arguments().any(|a| a.get_long() == Some(long)),
                "{}",
                rule.option
            );
            assert!(!rule.formats.is_empty(), "{}", rule.option);
        }
    }
}
