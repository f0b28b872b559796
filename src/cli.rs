//! What the user typed: the clap-derive argument types.
//!
//! This module owns the command-line surface (subcommands, flags, help
//! text, exit codes listed in `--help`). It does no I/O and knows nothing
//! of gazetteers beyond their type names.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "\
Exit codes:
  0  success (also when no span was found)
  1  some inputs could not be read (the others were tagged)
  2  usage error, or a gazetteer could not be loaded";

const TAG_EXAMPLES: &str = "\
Examples:
  gazetag tag article.txt                    tag one file with the embedded gazetteers
  gazetag tag articles/ -o spans.csv         every .txt file under a folder
  cat article.txt | gazetag tag              read standard input
  gazetag tag article.txt --types PLACE,ACTOR --format jsonl
  gazetag tag -g my_places.csv --with-default article.txt

Exit codes:
  0  success (also when no span was found)
  1  some inputs could not be read (the others were tagged)
  2  usage error, or a gazetteer could not be loaded";

/// Tag places, organisations, armed actors and persons in news articles.
#[derive(Debug, Parser)]
#[command(name = "gazetag", version, about, after_help = EXIT_CODES)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Tag documents and write one row per span.
    #[command(after_help = TAG_EXAMPLES)]
    Tag(TagArgs),
    /// Work with gazetteer files.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
}

/// `gazetag tag`.
#[derive(Debug, clap::Args)]
pub struct TagArgs {
    /// Files or folders (every .txt file under them); `-` or nothing reads
    /// standard input.
    pub paths: Vec<PathBuf>,

    /// A gazetteer CSV file or a folder of them; replaces the embedded
    /// default set (repeatable).
    #[arg(short = 'g', long = "gazetteer", value_name = "PATH")]
    pub gazetteers: Vec<PathBuf>,

    /// With -g, also load the embedded default set.
    #[arg(long, requires = "gazetteers")]
    pub with_default: bool,

    /// Keep only these types (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "TYPES")]
    pub types: Vec<TypeArg>,

    /// Write to FILE instead of standard output (replaced atomically at
    /// the end of the run).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Csv)]
    pub format: FormatArg,

    /// Match romanized Arabic names through transliteration keys
    /// (`Boukamal` for `Albu Kamal`); the `match` column says `translit`.
    #[arg(long, value_enum, default_value_t = Switch::On)]
    pub translit: Switch,

    /// For a surface that names several entities, write one row per
    /// candidate (best first, each with its probability in `confidence`).
    #[arg(long)]
    pub all_candidates: bool,

    /// Add an `explain` column saying why each entity was chosen.
    #[arg(long)]
    pub explain: bool,
}

/// An on/off switch.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Switch {
    /// Enabled.
    On,
    /// Disabled.
    Off,
}

/// `gazetag gazetteer ...`.
#[derive(Debug, Subcommand)]
pub enum GazetteerCommand {
    /// Validate gazetteer files and print counts per file and per type.
    Check {
        /// Gazetteer files or folders; nothing checks the embedded set.
        paths: Vec<PathBuf>,
    },
}

/// An entity type on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "UPPER")]
pub enum TypeArg {
    /// Places.
    Place,
    /// Organisations.
    Org,
    /// Armed actors.
    Actor,
    /// Persons.
    Person,
}

/// An output format on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// RFC 4180 CSV with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// One JSON object per line.
    Jsonl,
}
