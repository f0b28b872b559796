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
  2  usage error, a gazetteer could not be loaded, or the output may
     not be written (it is an input, a folder, or read-only without --force)
Interrupted by SIGHUP, SIGINT or SIGTERM, gazetag removes the temporary
file of -o, leaves the file it would replace as it was, and exits with
code 129, 130 or 143.";

const DISCOVER_EXAMPLES: &str = "\
Examples:
  gazetag discover articles/ -o found.csv     names found by shape, as gazetteer rows
  gazetag tag articles/ -g kept.csv --with-default
                                             tag again with the rows kept after review

The rows have the gazetteer columns (id, type, subtype, name, aliases,
country, source) and, for the review, mentions, documents and a context
snippet. Every option of `gazetag tag` applies (-g, --types, --input...);
names are always found by shape here.";

const LOOKUP_EXAMPLES: &str = "\
Examples:
  gazetag gazetteer lookup Tripoli Boukamal 'Hayat Tahrir al-Sham'
  gazetag gazetteer lookup HTS --format csv
  gazetag gazetteer lookup Raqqa -g my_places.csv --with-default
  gazetag gazetteer lookup Qusayr --pack world

Each name is folded as documents are (case, diacritics, apostrophes,
Arabic letter variants) and keyed for transliteration; the entities
whose aliases it matches are listed with the alias and how it matched
(exact, folded, translit). Rules that need the sentence (context, case
at the start of a sentence) are not applied.";

const TAG_EXAMPLES: &str = "\
Examples:
  gazetag tag article.txt                    tag one file with the embedded gazetteers
  gazetag tag articles/ -o spans.csv         every .txt/.html file under a folder
  gazetag tag saved/ --glob '*.html' --emit-text text/
  cat article.txt | gazetag tag              read standard input
  gazetag tag export.csv --input csv --text-column body --id-column url --keep-columns date
  gazetag tag news.jsonl.gz --input jsonl --text-field text --format jsonl
  gazetag tag article.txt --types PLACE,ACTOR --format jsonl --context 40
  gazetag tag articles/ --format summary --by entity
  gazetag tag articles/ --format geojson -o places.geojson
  gazetag tag article.txt --format html -o review.html
  gazetag tag articles/ --format xlsx -o spans.xlsx    a workbook: spans, entities, documents
  gazetag tag articles/ --delimiter ';' --bom -o spans.csv   CSV for a French-locale Excel
  gazetag tag export.csv --text-column body --keep-columns date --format geojson --by document
  gazetag tag -g my_places.csv --with-default article.txt
  gazetag tag articles/ --countries @syria-iraq
  gazetag tag articles/ --countries SY,IQ --flag-outside --format html -o review.html
  gazetag tag articles/ --bbox 35.5,32,42.5,37.5 --format geojson

Exit codes:
  0  success (also when no span was found)
  1  some inputs could not be read (the others were tagged)
  2  usage error, a gazetteer could not be loaded, or the output may
     not be written (it is an input, a folder, or read-only without --force)
Interrupted by SIGHUP, SIGINT or SIGTERM, gazetag removes the temporary
file of -o, leaves the file it would replace as it was, and exits with
code 129, 130 or 143.";

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
    Tag(Box<TagArgs>),
    /// Work with gazetteer files.
    #[command(subcommand)]
    Gazetteer(GazetteerCommand),
    /// Find the names no gazetteer lists (by their shape) in a corpus and
    /// write them as gazetteer rows to review, most mentioned first.
    #[command(after_help = DISCOVER_EXAMPLES)]
    Discover(Box<TagArgs>),
    /// Tools for the project's own scripts (not a stable interface).
    #[command(subcommand, hide = true)]
    Debug(DebugCommand),
}

/// `gazetag tag`.
#[derive(Debug, clap::Args)]
pub struct TagArgs {
    /// Files or folders (the .txt and .html files under them, or those
    /// --glob selects); `-` or nothing reads standard input. Gzipped
    /// files are read as they are.
    pub paths: Vec<PathBuf>,

    /// A gazetteer CSV file or a folder of them; replaces the embedded
    /// default set (repeatable).
    #[arg(short = 'g', long = "gazetteer", value_name = "PATH")]
    pub gazetteers: Vec<PathBuf>,

    /// With -g, also load the embedded default set.
    #[arg(long, requires = "gazetteers")]
    pub with_default: bool,

    /// With -g, load the files as they are on every run instead of from
    /// the compiled index kept in the cache folder
    /// ($XDG_CACHE_HOME/gazetag).
    #[arg(long, requires = "gazetteers")]
    pub no_cache: bool,

    /// Use a compiled gazetteer index (written by `gazetag gazetteer
    /// compile`) instead of the embedded set.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["gazetteers", "pack"])]
    pub index: Option<PathBuf>,

    /// Use a gazetteer pack: the index NAME.gzi found in $GAZETAG_PACKS,
    /// in `packs/` beside the binary, or in `./packs` (`world`: every
    /// GeoNames place, built by scripts/build_world_pack.sh).
    #[arg(long, value_name = "NAME", conflicts_with = "gazetteers")]
    pub pack: Option<String>,

    /// Keep only these types (comma-separated, any case).
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "TYPES",
        ignore_case = true
    )]
    pub types: Vec<TypeArg>,

    /// Keep the places of these countries: ISO 3166-1 alpha-2 codes (any
    /// case) and named sets (@levant, @syria-iraq, @mena, @gulf,
    /// @maghreb, @sahel), comma-separated. An ambiguous name takes its
    /// candidate in these countries (`Tripoli` is Lebanon's for LB);
    /// places outside are left out (see --flag-outside); places without a
    /// country, and every other type, are kept.
    #[arg(long, value_name = "CODES", help_heading = "Area of interest")]
    pub countries: Option<String>,

    /// Keep the places whose coordinates lie in this box (west, south,
    /// east, north, in decimal degrees), as --countries does; places
    /// without coordinates are judged by --countries alone.
    #[arg(
        long,
        value_name = "LON1,LAT1,LON2,LAT2",
        allow_hyphen_values = true,
        help_heading = "Area of interest"
    )]
    pub bbox: Option<String>,

    /// Keep the places outside --countries or --bbox, flagged: an
    /// `outside` column (true/false) in CSV, TSV and JSON lines, a mark
    /// on the review page (--format html).
    #[arg(long, help_heading = "Area of interest")]
    pub flag_outside: bool,

    /// What the inputs are; `auto` goes by extension (.html/.htm are
    /// HTML, .csv and .jsonl tables when their text column is named,
    /// anything else text, or a table when --text-column or --text-field
    /// is given). A .csv, .tsv or .jsonl file named without its text
    /// column is an error (`--input text` tags it as text).
    #[arg(long, value_enum, default_value_t = InputArg::Auto, help_heading = "Input")]
    pub input: InputArg,

    /// Which files of a folder to read (`*.html`, `2024/**/*.txt`);
    /// hidden files and folders are skipped.
    #[arg(long, value_name = "GLOB", help_heading = "Input")]
    pub glob: Option<String>,

    /// Decode every input with this encoding (`utf-8`, `utf-16le`,
    /// `windows-1252`...). By default: UTF-16 with a byte order mark,
    /// else UTF-8, else Windows-1252 with a note. `utf-8` makes bytes
    /// that are not UTF-8 an error.
    #[arg(long, value_name = "ENCODING", help_heading = "Input")]
    pub encoding: Option<String>,

    /// The CSV column that holds the article text (implies CSV input for
    /// .csv files, and for standard input and other files unless
    /// --text-field is given too).
    #[arg(
        long,
        value_name = "NAME",
        help_heading = "Input",
        required_if_eq("input", "csv")
    )]
    pub text_column: Option<String>,

    /// The CSV column whose value names each row's document (default:
    /// `file:row`).
    #[arg(long, value_name = "NAME", help_heading = "Input")]
    pub id_column: Option<String>,

    /// The delimiter of CSV inputs: `,` `;` `tab` or `|` (default: the
    /// one of `,` `;` and tab the header line holds most of; -v says
    /// which).
    #[arg(
        long,
        value_name = "CHAR",
        help_heading = "Input",
        value_parser = parse_delimiter,
        requires = "text_column"
    )]
    pub input_delimiter: Option<u8>,

    /// The JSON field that holds the article text (a key or a dotted
    /// path); implies JSON lines input for .jsonl files, and for
    /// standard input and other files unless --text-column is given too
    /// (then a table starting with `{` is JSON lines).
    #[arg(
        long,
        value_name = "NAME",
        help_heading = "Input",
        required_if_eq("input", "jsonl")
    )]
    pub text_field: Option<String>,

    /// The JSON field whose value names each line's document (default:
    /// `file:line`).
    #[arg(long, value_name = "NAME", help_heading = "Input")]
    pub id_field: Option<String>,

    /// Columns (CSV) or fields (JSON lines) of the input to carry into
    /// every output row (comma-separated).
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "NAMES",
        help_heading = "Input"
    )]
    pub keep_columns: Vec<String>,

    /// Save the text that was tagged (the extracted text of HTML pages,
    /// the decoded text of other inputs) to DIR, one file per document,
    /// so that offsets can be checked.
    #[arg(long, value_name = "DIR", help_heading = "Input")]
    pub emit_text: Option<PathBuf>,

    /// Write to FILE instead of standard output (replaced atomically at
    /// the end of the run; a symbolic link's target is replaced, a device
    /// or FIFO written into).
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE",
        help_heading = "Output"
    )]
    pub output: Option<PathBuf>,

    /// Replace a read-only output file (`-o`, `--stats`). An output that
    /// is one of the inputs is refused all the same.
    #[arg(long, help_heading = "Output")]
    pub force: bool,

    /// Output format.
    #[arg(long, value_enum, default_value_t = FormatArg::Csv, help_heading = "Output")]
    pub format: FormatArg,

    /// With --format summary: one row per document and entity (the
    /// default), or per entity across documents. With --format geojson:
    /// one feature per entity (the default), per document and entity
    /// (with the kept columns, a `date` for QGIS's time slider), or per
    /// mention.
    #[arg(long, value_enum, help_heading = "Output")]
    pub by: Option<ByArg>,

    /// Add a `context` column: N characters either side of the span,
    /// white space collapsed.
    #[arg(long, value_name = "N", help_heading = "Output")]
    pub context: Option<usize>,

    /// In CSV and TSV, write cells that start with = + - @ as they are
    /// (by default they get a leading ' so that spreadsheets do not run
    /// them as formulas).
    #[arg(long, help_heading = "Output")]
    pub raw: bool,

    /// Start CSV and TSV output with a UTF-8 byte order mark (for
    /// Excel).
    #[arg(long, help_heading = "Output")]
    pub bom: bool,

    /// The delimiter of CSV output and summaries: `,` (the default), `;`
    /// (for spreadsheets of locales whose decimal mark is a comma), `tab`
    /// or `|`; cells are quoted as RFC 4180 requires for it.
    #[arg(
        long,
        value_name = "CHAR",
        help_heading = "Output",
        value_parser = parse_delimiter
    )]
    pub delimiter: Option<u8>,

    /// Match romanized Arabic names through transliteration keys
    /// (`Boukamal` for `Albu Kamal`); the `match` column says `translit`.
    #[arg(long, value_enum, default_value_t = Switch::On)]
    pub translit: Switch,

    /// Also find names that no gazetteer lists by their shape (a title
    /// before a name, `Ministry of ...`, `17th Division`, `the village of
    /// ...`) and their short forms; the `match` column says `shape` or
    /// `short`, `source` the rule.
    #[arg(long, value_enum, default_value_t = Switch::On)]
    pub shapes: Switch,

    /// For a surface that names several entities, write one row per
    /// candidate (best first, each with its probability in `confidence`).
    #[arg(long)]
    pub all_candidates: bool,

    /// Add an `explain` column saying why each entity was chosen.
    #[arg(long)]
    pub explain: bool,

    /// Tag with N threads (default: one per core; at most 4 per core);
    /// the output is the same whatever N is.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 0,
        hide_default_value = true
    )]
    pub threads: usize,

    /// Also say how each input was decoded.
    #[arg(short, long)]
    pub verbose: bool,

    /// Do not print the closing line (documents, spans, errors, time).
    #[arg(short, long)]
    pub quiet: bool,

    /// Write a JSON account of the run to FILE: per input its bytes,
    /// decoding and spans, or its error; totals that add up.
    #[arg(long, value_name = "FILE")]
    pub stats: Option<PathBuf>,
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
    /// Validate gazetteer files and print counts per file and per type;
    /// warn about rows that look wrong (a country that is not an ISO
    /// code, an alias holding `;` or `,`, a new row that repeats the name
    /// of an existing entity).
    Check {
        /// Gazetteer files or folders; nothing checks the embedded set.
        paths: Vec<PathBuf>,
        /// Load the embedded set first, as `tag -g FILE --with-default`
        /// does: alias-extension rows may name its ids, and new rows are
        /// compared with its names.
        #[arg(long, requires = "paths")]
        with_default: bool,
    },
    /// Print the entities a name or spelling would match, as the tagger
    /// matches a surface (folded, or by its transliteration key), with
    /// their id, type, country, aliases and source; exit code 1 when no
    /// name matches anything.
    #[command(after_help = LOOKUP_EXAMPLES)]
    Lookup(LookupArgs),
    /// Compile gazetteers into an index that loads without building
    /// anything (use it with `tag --index FILE` or as a pack).
    Compile {
        /// Gazetteer files or folders; nothing compiles the embedded set.
        paths: Vec<PathBuf>,
        /// Also include the embedded default set.
        #[arg(long)]
        with_default: bool,
        /// Build transliteration keys (must match `tag --translit`, or the
        /// automaton is rebuilt at load time).
        #[arg(long, value_enum, default_value_t = Switch::On)]
        translit: Switch,
        /// Where to write the index.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
        /// Replace a read-only output file.
        #[arg(long)]
        force: bool,
    },
}

/// `gazetag gazetteer lookup`.
#[derive(Debug, clap::Args)]
pub struct LookupArgs {
    /// Names or spellings to look up.
    #[arg(required = true, value_name = "NAME")]
    pub names: Vec<String>,

    /// A gazetteer CSV file or a folder of them, instead of the embedded
    /// set (repeatable).
    #[arg(short = 'g', long = "gazetteer", value_name = "PATH")]
    pub gazetteers: Vec<PathBuf>,

    /// With -g, also load the embedded default set.
    #[arg(long, requires = "gazetteers")]
    pub with_default: bool,

    /// Look up in a gazetteer pack (see `gazetag tag --pack`).
    #[arg(long, value_name = "NAME", conflicts_with = "gazetteers")]
    pub pack: Option<String>,

    /// Output format: a table to read, or one row per name and entity.
    #[arg(long, value_enum, default_value_t = LookupFormat::Table)]
    pub format: LookupFormat,
}

/// The output of `gazetteer lookup`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LookupFormat {
    /// One block per name, for reading.
    Table,
    /// CSV with a header row, one row per name and entity.
    Csv,
    /// One JSON object per name and entity.
    Jsonl,
}

/// `gazetag debug ...`: hidden tools that expose the engine to the
/// project's scripts.
#[derive(Debug, Subcommand)]
pub enum DebugCommand {
    /// Fold every line of standard input as the matcher folds aliases
    /// and write one line per input line (an empty line for an empty
    /// one).
    Fold(FoldArgs),
}

/// `gazetag debug fold`.
#[derive(Debug, clap::Args)]
pub struct FoldArgs {
    /// Fold letter case (what matching uses) or keep it (what aliases
    /// that must match with their case are compared with).
    #[arg(long, value_enum, default_value_t = CaseArg::Fold)]
    pub case: CaseArg,

    /// Write the transliteration key of the folded line instead (with
    /// its word markers, the bytes 0x02 and 0x03); keys are made from
    /// case-folded text only.
    #[arg(long, conflicts_with = "case")]
    pub key: bool,
}

/// Letter case in `debug fold`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CaseArg {
    /// Fold case.
    Fold,
    /// Keep case.
    Keep,
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
    /// RFC 4180 CSV with a header row, one row per span.
    Csv,
    /// Tab-separated values with a header row, one row per span.
    Tsv,
    /// One JSON object per span and line.
    Jsonl,
    /// CSV, one row per document and entity (see --by).
    Summary,
    /// A GeoJSON FeatureCollection of the places with coordinates.
    Geojson,
    /// A self-contained HTML page to review the spans.
    Html,
    /// An Excel workbook: the spans, the entities and the documents, one
    /// sheet each (with -o; never written to a terminal).
    Xlsx,
}

/// An input kind on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputArg {
    /// By extension.
    Auto,
    /// Plain text.
    Text,
    /// HTML pages.
    Html,
    /// A CSV table, one article per row (needs --text-column).
    Csv,
    /// JSON lines, one article per line (needs --text-field).
    Jsonl,
}

/// What a summary row is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    /// One row per document and entity.
    Document,
    /// One row per entity across documents.
    Entity,
    /// One GeoJSON feature per mention.
    Mention,
}

/// A delimiter on the command line: `,` `;` `|`, or a tab written `tab`,
/// `\t` or as the character itself.
pub fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "," => Ok(b','),
        ";" => Ok(b';'),
        "|" => Ok(b'|'),
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ => Err(format!(
            "{s:?} is not a delimiter gazetag writes or reads (use , ; tab \
             or |)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_delimiter;

    #[test]
    fn delimiters_are_the_usual_four() {
        for (arg, byte) in [
            (",", b','),
            (";", b';'),
            ("|", b'|'),
            ("tab", b'\t'),
            ("\\t", b'\t'),
            ("\t", b'\t'),
        ] {
            assert_eq!(parse_delimiter(arg), Ok(byte), "{arg:?}");
        }
        for bad in ["", ":", ";;", "TAB", " "] {
            assert!(parse_delimiter(bad).is_err(), "{bad:?}");
        }
    }
}
