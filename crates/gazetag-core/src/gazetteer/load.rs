//! Reading and validating gazetteer CSV files.
//!
//! This module owns the file format described in `gazetteers/README.md`:
//! the header, the columns, entity files versus alias-extension files, and
//! every validation rule (duplicate ids, empty aliases, bad numbers, unknown
//! types). Every error names the file, the line and the field. It knows
//! nothing of matching.

use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use super::{Alias, EntityType, Entry, Flags, Gazetteer, Subtype};
use crate::countries::{country_code_of, is_country_code};
use crate::normalize::{normalize_key, Case};

/// Where a problem is and what it is.
#[derive(Debug, Clone, PartialEq)]
pub struct GazetteerError {
    /// The file, as named by the caller.
    pub path: String,
    /// The 1-based line, or 0 when the problem is with the whole file.
    pub line: u64,
    /// What is wrong.
    pub kind: GazetteerErrorKind,
}

/// What is wrong in a gazetteer.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum GazetteerErrorKind {
    /// The file cannot be read.
    #[error("cannot read: {0}")]
    Io(String),
    /// The file is not valid CSV (or not UTF-8).
    #[error("{0}")]
    Csv(String),
    /// The file has no header row.
    #[error("empty file: a header row is required")]
    Empty,
    /// A required column is missing from the header.
    #[error("missing column {0:?} in the header")]
    MissingColumn(&'static str),
    /// A required field is empty.
    #[error("{field} is empty")]
    EmptyField {
        /// The column.
        field: &'static str,
    },
    /// The type is not one of the four.
    #[error("type {0:?} is not PLACE, ORG, ACTOR or PERSON")]
    BadType(String),
    /// A number does not parse or is out of range.
    #[error("{field} {value:?} is not {expected}")]
    BadNumber {
        /// The column.
        field: &'static str,
        /// The cell.
        value: String,
        /// What was expected.
        expected: &'static str,
    },
    /// An unknown flag.
    #[error(
        "flag {0:?} is unknown (expected arabic, needs_context, needs_country, not_common or block)"
    )]
    BadFlag(String),
    /// An empty item in the alias list.
    #[error("aliases: empty alias for entity {0} (check for `||` or a trailing `|`)")]
    EmptyAlias(String),
    /// A name or alias that normalization reduces to nothing: it could
    /// never match.
    #[error(
        "{field}: {text:?} of entity {id} is empty once normalized (only punctuation, combining marks, invisible characters, harakat or tatweel): it could never match"
    )]
    NormalizesToNothing {
        /// The column.
        field: &'static str,
        /// The name or alias as written.
        text: String,
        /// The entity.
        id: String,
    },
    /// The same id twice.
    #[error("duplicate id {id:?} (first defined at {first})")]
    DuplicateId {
        /// The id.
        id: String,
        /// `path:line` of the first definition.
        first: String,
    },
    /// An alias-extension row names an id no entity file defines.
    #[error("id {0:?} is not defined by any entity file")]
    UnknownId(String),
}

impl fmt::Display for GazetteerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.path, self.line, self.kind)
        } else {
            write!(f, "{}: {}", self.path, self.kind)
        }
    }
}

impl std::error::Error for GazetteerError {}

/// Every problem found while loading, in file and line order.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadErrors(pub Vec<GazetteerError>);

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN: usize = 20;
        for (i, e) in self.0.iter().take(SHOWN).enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        if self.0.len() > SHOWN {
            write!(f, "\n... and {} more errors", self.0.len() - SHOWN)?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadErrors {}

/// Counts for one loaded file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FileStats {
    /// The file, as named by the caller.
    pub path: String,
    /// Entities per type, in the order of [`EntityType::ALL`].
    pub entities: [usize; 4],
    /// Aliases defined by the file (entity rows and extension rows).
    pub aliases: usize,
    /// Alias-extension rows.
    pub extensions: usize,
}

struct Extension {
    path: String,
    line: u64,
    id: String,
    name: Option<String>,
    aliases: Vec<Alias>,
    priority: Option<i32>,
    flags: Flags,
}

/// Loads gazetteer files into one [`Gazetteer`], collecting every error.
#[derive(Default)]
pub struct Loader {
    entries: Vec<Entry>,
    ids: HashMap<String, (usize, String)>,
    extensions: Vec<Extension>,
    errors: Vec<GazetteerError>,
    stats: Vec<FileStats>,
    warnings: Vec<String>,
    lints: Vec<String>,
}

impl Loader {
    /// An empty loader.
    pub fn new() -> Loader {
        Loader::default()
    }

    /// Adds a file, or every `*.csv` file of a folder (sorted by name).
    pub fn add_path(&mut self, path: &Path) {
        let shown = path.display().to_string();
        if path.is_dir() {
            match csv_files(path) {
                Ok(files) => {
                    if files.is_empty() {
                        self.error(
                            &shown,
                            0,
                            GazetteerErrorKind::Io(
                                "the folder holds no .csv file".into(),
                            ),
                        );
                    }
                    for f in files {
                        self.add_path(&f);
                    }
                }
                Err(e) => self.error(
                    &shown,
                    0,
                    GazetteerErrorKind::Io(e.to_string()),
                ),
            }
            return;
        }
        match fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => self.add_str(&shown, &text),
                Err(e) => {
                    let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                    let line =
                        1 + valid.iter().filter(|&&b| b == b'\n').count()
                            as u64;
                    self.error(
                        &shown,
                        line,
                        GazetteerErrorKind::Csv(
                            "invalid UTF-8 (save the file as UTF-8)".into(),
                        ),
                    );
                }
            },
            Err(e) => {
                self.error(&shown, 0, GazetteerErrorKind::Io(e.to_string()))
            }
        }
    }

    /// Adds the contents of one file named `path`.
    pub fn add_str(&mut self, path: &str, text: &str) {
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        // The csv crate takes a quote left open at the end of the file as
        // a field that runs to the end: every row after it would vanish.
        if let Some(line) = unterminated_quote(text) {
            self.stats.push(FileStats {
                path: path.to_string(),
                ..FileStats::default()
            });
            return self.error(
                path,
                line,
                GazetteerErrorKind::Csv(
                    "a quote opened here is never closed (the rest of the file would be one field)"
                        .into(),
                ),
            );
        }
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(sniff_delimiter(text))
            .flexible(false)
            .from_reader(text.as_bytes());
        let header = match reader.headers() {
            Ok(h) if h.iter().any(|f| !f.trim().is_empty()) => h.clone(),
            Ok(_) => return self.error(path, 1, GazetteerErrorKind::Empty),
            Err(e) => {
                return self.error(
                    path,
                    1,
                    GazetteerErrorKind::Csv(e.to_string()),
                )
            }
        };
        let cols = Columns::new(&header);
        for name in duplicate_columns(&header) {
            self.warnings.push(format!(
                "{path}:1: the header has column {name:?} more than once; \
                 the first is used"
            ));
        }
        let mut stats =
            FileStats { path: path.to_string(), ..FileStats::default() };
        let Some(id_col) = cols.id else {
            self.stats.push(stats);
            return self.error(
                path,
                1,
                GazetteerErrorKind::MissingColumn("id"),
            );
        };
        // A file without `type` but with `aliases` extends entities
        // defined elsewhere.
        let is_extension = cols.kind.is_none() && cols.aliases.is_some();
        if !is_extension {
            for (col, name) in [(cols.kind, "type"), (cols.name, "name")] {
                if col.is_none() {
                    self.stats.push(stats);
                    return self.error(
                        path,
                        1,
                        GazetteerErrorKind::MissingColumn(name),
                    );
                }
            }
        }
        let mut record = csv::StringRecord::new();
        let mut lines =
            LineCounter { text: text.as_bytes(), byte: 0, line: 1 };
        loop {
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    let line = lines.at(e.position().map_or(0, |p| p.byte()));
                    self.error(
                        path,
                        line,
                        GazetteerErrorKind::Csv(csv_message(&e)),
                    );
                    if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                        break;
                    }
                    continue;
                }
            }
            let line = lines.at(record.position().map_or(0, |p| p.byte()));
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            let row = Row { record: &record, cols: &cols };
            let id = row.get(Some(id_col)).to_string();
            self.lints.extend(row.lints(&format!("{path}:{line}"), &id));
            let result = if is_extension {
                row.extension(path, line, id).map(|ext| {
                    stats.aliases += ext.aliases.len();
                    stats.extensions += 1;
                    self.extensions.push(ext);
                })
            } else {
                row.entry(id).and_then(|entry| {
                    self.insert(path, line, entry, &mut stats)
                })
            };
            if let Err(kind) = result {
                self.error(path, line, kind);
            }
        }
        self.stats.push(stats);
    }

    fn insert(
        &mut self,
        path: &str,
        line: u64,
        entry: Entry,
        stats: &mut FileStats,
    ) -> Result<(), GazetteerErrorKind> {
        if let Some((_, first)) = self.ids.get(&entry.id) {
            return Err(GazetteerErrorKind::DuplicateId {
                id: entry.id,
                first: first.clone(),
            });
        }
        stats.entities[type_index(entry.kind)] += 1;
        stats.aliases += entry.aliases.len();
        self.ids.insert(
            entry.id.clone(),
            (self.entries.len(), format!("{path}:{line}")),
        );
        self.entries.push(entry);
        Ok(())
    }

    fn error(&mut self, path: &str, line: u64, kind: GazetteerErrorKind) {
        self.errors.push(GazetteerError {
            path: path.to_string(),
            line,
            kind,
        });
    }

    /// Things to tell the user that are no errors (a column named twice
    /// in a header), in file order.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Rows that load but look like mistakes, in file order: a country
    /// that is not an ISO 3166-1 alpha-2 code (`Syria` for `SY`), an alias
    /// holding `;` or `,` (aliases are separated by `|`). `gazetag
    /// gazetteer check` prints them.
    pub fn lints(&self) -> &[String] {
        &self.lints
    }

    /// Counts per file loaded so far.
    pub fn stats(&self) -> &[FileStats] {
        &self.stats
    }

    /// Applies the alias extensions and returns the gazetteer, or every
    /// error found.
    pub fn finish(mut self) -> Result<Gazetteer, LoadErrors> {
        for ext in std::mem::take(&mut self.extensions) {
            let Some(&(idx, _)) = self.ids.get(&ext.id) else {
                self.error(
                    &ext.path,
                    ext.line,
                    GazetteerErrorKind::UnknownId(ext.id),
                );
                continue;
            };
            let entry = &mut self.entries[idx];
            if let Some(name) = ext.name {
                entry.aliases.insert(0, Alias::parse(&name));
                entry.name = name;
            }
            if let Some(p) = ext.priority {
                entry.priority = p;
            }
            entry.flags.arabic |= ext.flags.arabic;
            entry.flags.needs_context |= ext.flags.needs_context;
            entry.flags.needs_country |= ext.flags.needs_country;
            entry.flags.not_common |= ext.flags.not_common;
            entry.flags.block |= ext.flags.block;
            entry.aliases.extend(ext.aliases);
            dedup_aliases(&mut entry.aliases);
        }
        if self.errors.is_empty() {
            Ok(Gazetteer::from_entries(self.entries))
        } else {
            Err(LoadErrors(self.errors))
        }
    }
}

/// An error when `alias` (of column `field`, entity `id`) normalizes to
/// nothing (`---`, a lone combining mark, U+200B, harakat or tatweel
/// alone): the matcher would have no pattern for it.
fn matchable(
    field: &'static str,
    alias: &Alias,
    id: &str,
) -> Result<(), GazetteerErrorKind> {
    if normalize_key(&alias.text, Case::Fold).is_empty() {
        return Err(GazetteerErrorKind::NormalizesToNothing {
            field,
            text: alias.text.clone(),
            id: id.to_string(),
        });
    }
    Ok(())
}

/// The 1-based line of a quote that opens a field and is never closed.
fn unterminated_quote(text: &str) -> Option<u64> {
    let bytes = text.as_bytes();
    let mut line = 1u64;
    let mut open_at = None;
    let mut field_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match open_at {
            None => match b {
                b'"' if field_start => {
                    open_at = Some(line);
                    field_start = false;
                }
                b',' | b';' | b'\t' => field_start = true,
                b'\n' => {
                    line += 1;
                    field_start = true;
                }
                b'\r' => field_start = true,
                _ => field_start = false,
            },
            Some(_) => match b {
                b'"' if bytes.get(i + 1) == Some(&b'"') => i += 1,
                b'"' => open_at = None,
                b'\n' => line += 1,
                _ => {}
            },
        }
        i += 1;
    }
    open_at
}

/// Turns increasing byte offsets into 1-based line numbers (the csv
/// crate's own line count is off with CRLF line ends).
struct LineCounter<'t> {
    text: &'t [u8],
    byte: usize,
    line: u64,
}

impl LineCounter<'_> {
    fn at(&mut self, byte: u64) -> u64 {
        let mut byte = (byte as usize).min(self.text.len());
        // With CRLF, a record's position can be the `\n` of the line
        // before: the record itself starts after the line end.
        while matches!(self.text.get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        if byte < self.byte {
            self.byte = 0;
            self.line = 1;
        }
        let newlines =
            self.text[self.byte..byte].iter().filter(|&&b| b == b'\n');
        self.line += newlines.count() as u64;
        self.byte = byte;
        self.line
    }
}

/// Every `*.csv` file under `dir`, sorted.
fn csv_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"))
            && path.is_file()
        {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Picks `;` or a tab when the header uses it and has no comma (files
/// saved by spreadsheets in some locales).
fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    if header.contains(',') {
        b','
    } else if header.contains(';') {
        b';'
    } else if header.contains('\t') {
        b'\t'
    } else {
        b','
    }
}

fn csv_message(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("row has {len} fields but the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => {
            "invalid UTF-8 (save the file as UTF-8)".into()
        }
        _ => e.to_string(),
    }
}

fn type_index(t: EntityType) -> usize {
    EntityType::ALL.iter().position(|&x| x == t).expect("ALL lists every type")
}

#[derive(Default)]
struct Columns {
    id: Option<usize>,
    kind: Option<usize>,
    subtype: Option<usize>,
    name: Option<usize>,
    aliases: Option<usize>,
    country: Option<usize>,
    admin1: Option<usize>,
    lat: Option<usize>,
    lon: Option<usize>,
    population: Option<usize>,
    priority: Option<usize>,
    flags: Option<usize>,
    source: Option<usize>,
}

impl Columns {
    fn new(header: &csv::StringRecord) -> Columns {
        let mut c = Columns::default();
        for (i, h) in header.iter().enumerate() {
            let slot = match h.trim().to_ascii_lowercase().as_str() {
                "id" => &mut c.id,
                "type" => &mut c.kind,
                "subtype" => &mut c.subtype,
                "name" => &mut c.name,
                "aliases" => &mut c.aliases,
                "country" => &mut c.country,
                "admin1" => &mut c.admin1,
                "lat" => &mut c.lat,
                "lon" => &mut c.lon,
                "population" => &mut c.population,
                "priority" => &mut c.priority,
                "flags" => &mut c.flags,
                "source" => &mut c.source,
                _ => continue,
            };
            slot.get_or_insert(i);
        }
        c
    }
}

/// The names (trimmed, case folded as columns are matched) that the
/// header has more than once, in order.
fn duplicate_columns(header: &csv::StringRecord) -> Vec<String> {
    let names: Vec<String> =
        header.iter().map(|h| h.trim().to_ascii_lowercase()).collect();
    let mut out = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if !name.is_empty()
            && !names[..i].contains(name)
            && names[i + 1..].contains(name)
        {
            out.push(name.clone());
        }
    }
    out
}

struct Row<'r> {
    record: &'r csv::StringRecord,
    cols: &'r Columns,
}

impl Row<'_> {
    fn get(&self, col: Option<usize>) -> &str {
        col.and_then(|i| self.record.get(i)).unwrap_or("").trim()
    }

    /// What looks wrong in a row that loads (see [`Loader::lints`]); `at`
    /// is `path:line`.
    fn lints(&self, at: &str, id: &str) -> Vec<String> {
        let mut out = Vec::new();
        let country = self.get(self.cols.country);
        if !country.is_empty()
            && !is_country_code(&country.to_ascii_uppercase())
        {
            let hint = match country_code_of(country) {
                Some(code) => format!(" (write {code})"),
                None => String::new(),
            };
            out.push(format!(
                "{at}: {id}: country {country:?} is not an ISO 3166-1 \
                 alpha-2 code{hint}"
            ));
        }
        let aliases = self.get(self.cols.aliases);
        for alias in aliases.split('|') {
            if let Some(sep) = alias.chars().find(|c| matches!(c, ';' | ',')) {
                out.push(format!(
                    "{at}: {id}: alias {:?} holds {sep:?}: aliases are \
                     separated by '|'",
                    alias.trim()
                ));
            }
        }
        out
    }

    fn entry(&self, id: String) -> Result<Entry, GazetteerErrorKind> {
        if id.is_empty() {
            return Err(GazetteerErrorKind::EmptyField { field: "id" });
        }
        let kind_cell = self.get(self.cols.kind);
        if kind_cell.is_empty() {
            return Err(GazetteerErrorKind::EmptyField { field: "type" });
        }
        let kind = kind_cell
            .parse()
            .map_err(|_| GazetteerErrorKind::BadType(kind_cell.to_string()))?;
        let name = self.get(self.cols.name).to_string();
        if name.is_empty() {
            return Err(GazetteerErrorKind::EmptyField { field: "name" });
        }
        matchable("name", &Alias::parse(&name), &id)?;
        let flags = self.flags()?;
        let mut aliases = vec![Alias::parse(&name)];
        aliases.extend(self.aliases(&id)?);
        if flags.needs_context {
            for a in &mut aliases {
                a.needs_context = true;
            }
        }
        dedup_aliases(&mut aliases);
        let lat = self.float("lat", self.cols.lat, 90.0)?;
        let lon = self.float("lon", self.cols.lon, 180.0)?;
        Ok(Entry {
            id,
            kind,
            subtype: Subtype::parse(self.get(self.cols.subtype)),
            name,
            aliases,
            country: self.get(self.cols.country).to_ascii_uppercase(),
            admin1: self.get(self.cols.admin1).to_string(),
            lat,
            lon,
            population: self.population()?,
            priority: self.priority()?.unwrap_or(0),
            flags,
            source: self.get(self.cols.source).to_string(),
        })
    }

    fn extension(
        &self,
        path: &str,
        line: u64,
        id: String,
    ) -> Result<Extension, GazetteerErrorKind> {
        if id.is_empty() {
            return Err(GazetteerErrorKind::EmptyField { field: "id" });
        }
        let name = Some(self.get(self.cols.name).to_string())
            .filter(|n| !n.is_empty());
        if let Some(name) = &name {
            matchable("name", &Alias::parse(name), &id)?;
        }
        Ok(Extension {
            path: path.to_string(),
            line,
            aliases: self.aliases(&id)?,
            id,
            name,
            priority: self.priority()?,
            flags: self.flags()?,
        })
    }

    fn aliases(&self, id: &str) -> Result<Vec<Alias>, GazetteerErrorKind> {
        let cell = self.get(self.cols.aliases);
        if cell.is_empty() {
            return Ok(Vec::new());
        }
        cell.split('|')
            .map(|raw| {
                let alias = Alias::parse(raw);
                if alias.text.is_empty() {
                    return Err(GazetteerErrorKind::EmptyAlias(
                        id.to_string(),
                    ));
                }
                matchable("aliases", &alias, id)?;
                Ok(alias)
            })
            .collect()
    }

    fn float(
        &self,
        field: &'static str,
        col: Option<usize>,
        limit: f64,
    ) -> Result<Option<f64>, GazetteerErrorKind> {
        let cell = self.get(col);
        if cell.is_empty() {
            return Ok(None);
        }
        let bad = |expected| GazetteerErrorKind::BadNumber {
            field,
            value: cell.to_string(),
            expected,
        };
        let v: f64 = cell.parse().map_err(|_| bad("a number"))?;
        if !v.is_finite() || v.abs() > limit {
            return Err(bad(if limit == 90.0 {
                "a latitude in [-90, 90]"
            } else {
                "a longitude in [-180, 180]"
            }));
        }
        Ok(Some(v))
    }

    fn population(&self) -> Result<Option<u64>, GazetteerErrorKind> {
        let cell = self.get(self.cols.population);
        if cell.is_empty() {
            return Ok(None);
        }
        cell.parse().map(Some).map_err(|_| GazetteerErrorKind::BadNumber {
            field: "population",
            value: cell.to_string(),
            expected: "a whole number",
        })
    }

    fn priority(&self) -> Result<Option<i32>, GazetteerErrorKind> {
        let cell = self.get(self.cols.priority);
        if cell.is_empty() {
            return Ok(None);
        }
        cell.parse().map(Some).map_err(|_| GazetteerErrorKind::BadNumber {
            field: "priority",
            value: cell.to_string(),
            expected: "a whole number",
        })
    }

    fn flags(&self) -> Result<Flags, GazetteerErrorKind> {
        let mut flags = Flags::default();
        for word in self.get(self.cols.flags).split([';', ' ', ',']) {
            match word.trim() {
                "" => {}
                "arabic" => flags.arabic = true,
                "needs_context" => flags.needs_context = true,
                "needs_country" => flags.needs_country = true,
                "not_common" => flags.not_common = true,
                "block" => flags.block = true,
                other => {
                    return Err(GazetteerErrorKind::BadFlag(other.to_string()))
                }
            }
        }
        Ok(flags)
    }
}

/// Removes aliases that repeat an earlier one (same text and rules).
fn dedup_aliases(aliases: &mut Vec<Alias>) {
    let mut seen = std::collections::HashSet::new();
    aliases.retain(|a| seen.insert((a.text.clone(), a.case, a.needs_context)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::CaseRule;

    const HEADER: &str = "id,type,subtype,name,aliases,country,admin1,lat,lon,population,priority,flags,source\n";

    fn load(files: &[(&str, &str)]) -> Result<Gazetteer, LoadErrors> {
        let mut l = Loader::new();
        for (p, t) in files {
            l.add_str(p, t);
        }
        l.finish()
    }

    fn err_lines(files: &[(&str, &str)]) -> Vec<String> {
        load(files).unwrap_err().0.iter().map(|e| e.to_string()).collect()
    }

    #[test]
    fn loads_an_entity_file() {
        let text = format!(
            "{HEADER}geonames:1,PLACE,city,Mayadin,Mayadine|Al Mayadin|الميادين,SY,Deir ez-Zor,35.02,40.45,44000,1,arabic,geonames\n\
             wikidata:Q2429253,ACTOR,armed_group,Islamic State,EI|ISIS|?IS,,,,,,,,curated\n"
        );
        let g = load(&[("places.csv", &text)]).unwrap();
        assert_eq!(g.len(), 2);
        let (_, e) = g.iter().next().unwrap();
        assert_eq!(e.name, "Mayadin");
        assert_eq!(e.aliases.len(), 4);
        assert_eq!(e.lat, Some(35.02));
        assert_eq!(e.population, Some(44000));
        assert_eq!(e.priority, 1);
        assert!(e.flags.arabic);
        let (_, is) = g.iter().nth(1).unwrap();
        assert_eq!(is.kind, EntityType::Actor);
        assert_eq!(is.aliases[1].case, CaseRule::Exact);
        assert!(is.aliases[3].needs_context);
        assert_eq!(is.lat, None);
    }

    #[test]
    fn minimal_columns_in_any_order() {
        let g = load(&[(
            "a.csv",
            "name,id,type,notes\nAleppo,x:1,place,whatever\n",
        )])
        .unwrap();
        assert_eq!(
            g.entry(crate::gazetteer::EntryId(0)).kind,
            EntityType::Place
        );
    }

    #[test]
    fn errors_name_file_line_and_field() {
        let table: &[(&str, &str, &str)] = &[
            ("bad lat", "x:1,PLACE,,A,,,,\"35,2\",1,,,,\n", "f.csv:2: lat \"35,2\" is not a number"),
            ("lat range", "x:1,PLACE,,A,,,,95,1,,,,\n", "f.csv:2: lat \"95\" is not a latitude in [-90, 90]"),
            ("bad lon", "x:1,PLACE,,A,,,,1,east,,,,\n", "f.csv:2: lon \"east\" is not a number"),
            ("bad type", "x:1,LOC,,A,,,,,,,,,\n", "f.csv:2: type \"LOC\" is not PLACE, ORG, ACTOR or PERSON"),
            ("empty name", "x:1,PLACE,,,,,,,,,,,\n", "f.csv:2: name is empty"),
            ("empty id", ",PLACE,,A,,,,,,,,,\n", "f.csv:2: id is empty"),
            ("empty alias", "x:1,PLACE,,A,B||C,,,,,,,,\n", "f.csv:2: aliases: empty alias for entity x:1 (check for `||` or a trailing `|`)"),
            ("dashes alias", "x:1,PLACE,,A,B|---,,,,,,,,\n", "f.csv:2: aliases: \"---\" of entity x:1 is empty once normalized (only punctuation, combining marks, invisible characters, harakat or tatweel): it could never match"),
            ("dashes name", "x:1,PLACE,,- -,,,,,,,,,\n", "f.csv:2: name: \"- -\" of entity x:1 is empty once normalized (only punctuation, combining marks, invisible characters, harakat or tatweel): it could never match"),
            ("bad population", "x:1,PLACE,,A,,,,,,many,,,\n", "f.csv:2: population \"many\" is not a whole number"),
            ("bad flag", "x:1,PLACE,,A,,,,,,,,latin,\n", "f.csv:2: flag \"latin\" is unknown (expected arabic, needs_context, needs_country, not_common or block)"),
            ("short row", "x:1,PLACE,,A\n", "f.csv:2: row has 4 fields but the header has 13"),
        ];
        for (name, row, want) in table {
            let got = err_lines(&[("f.csv", &format!("{HEADER}{row}"))]);
            assert_eq!(got, vec![want.to_string()], "case {name}");
        }
    }

    #[test]
    fn duplicate_ids_across_files() {
        let a = format!("{HEADER}x:1,PLACE,,A,,,,,,,,,\n");
        let b =
            format!("{HEADER}y:2,PLACE,,B,,,,,,,,,\nx:1,ORG,,C,,,,,,,,,\n");
        assert_eq!(
            err_lines(&[("a.csv", &a), ("b.csv", &b)]),
            vec!["b.csv:3: duplicate id \"x:1\" (first defined at a.csv:2)"]
        );
    }

    #[test]
    fn missing_columns_and_empty_files() {
        assert_eq!(
            err_lines(&[("e.csv", "")]),
            vec!["e.csv:1: empty file: a header row is required"]
        );
        assert_eq!(
            err_lines(&[("n.csv", "type,name\nPLACE,A\n")]),
            vec!["n.csv:1: missing column \"id\" in the header"]
        );
        assert_eq!(
            err_lines(&[("t.csv", "id,name\nx,A\n")]),
            vec!["t.csv:1: missing column \"type\" in the header"]
        );
    }

    #[test]
    fn extensions_add_aliases_and_rename() {
        let base = format!(
            "{HEADER}geonames:1,PLACE,city,Albu Kamal,,SY,,,,,,,geonames\n"
        );
        let ext = "id,aliases,name,source\ngeonames:1,Boukamal|Abou Kamal,Abu Kamal,curated\n";
        let g = load(&[("a.csv", &base), ("press.csv", ext)]).unwrap();
        let e = g.entry(crate::gazetteer::EntryId(0));
        assert_eq!(e.name, "Abu Kamal");
        let texts: Vec<&str> =
            e.aliases.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Abu Kamal", "Albu Kamal", "Boukamal", "Abou Kamal"]
        );
        assert_eq!(
            err_lines(&[
                ("a.csv", &base),
                ("p.csv", "id,aliases\ngeonames:9,X\n")
            ]),
            vec![
                "p.csv:2: id \"geonames:9\" is not defined by any entity file"
            ]
        );
    }

    #[test]
    fn spreadsheet_exports_load() {
        // BOM, `;` separators and CRLF line ends, as Excel writes them.
        let text = "\u{FEFF}id;type;name;aliases;lat\r\nx:1;PLACE;Raqqa;Rakka|الرقة;35,9\r\n";
        assert_eq!(
            err_lines(&[("xl.csv", text)]),
            vec!["xl.csv:2: lat \"35,9\" is not a number"]
        );
        let ok =
            "\u{FEFF}id;type;name;aliases\r\nx:1;PLACE;Raqqa;Rakka|الرقة\r\n";
        assert_eq!(load(&[("xl.csv", ok)]).unwrap().alias_count(), 3);
    }

    #[test]
    fn unterminated_quotes_are_errors() {
        let text = "id,type,name\nx:1,PLACE,\"Mossoul\nx:2,PLACE,Raqqa\n";
        assert_eq!(
            err_lines(&[("q.csv", text)]),
            vec!["q.csv:2: a quote opened here is never closed (the rest of the file would be one field)"]
        );
        let ok = "id,type,name,aliases\nx:1,PLACE,\"A, \"\"B\"\"\",\"c\nd\"\nx:2,PLACE,C,\n";
        assert_eq!(load(&[("q.csv", ok)]).unwrap().len(), 2);
    }

    #[test]
    fn a_column_named_twice_is_a_warning() {
        let mut loader = Loader::new();
        loader.add_str(
            "d.csv",
            "id,type,name,Name,aliases\nx:1,PLACE,Alep,Halab,\n",
        );
        assert_eq!(
            loader.warnings(),
            ["d.csv:1: the header has column \"name\" more than once; the first is used"]
        );
        let g = loader.finish().unwrap();
        assert_eq!(g.len(), 1);
    }

    /// Aliases that normalize to nothing are refused with file and line;
    /// a marker (`?`, `!`) in front changes nothing.
    #[test]
    fn aliases_that_normalize_to_nothing() {
        let table: &[(&str, &str)] = &[
            ("dashes", "---"),
            ("lone combining mark", "\u{301}"),
            ("zero-width space", "\u{200b}"),
            ("harakat and tatweel", "\u{64e}\u{640}\u{650}"),
            ("apostrophes", "’'"),
            ("with a marker", "?\u{200b}"),
        ];
        for &(name, alias) in table {
            let row = format!("x:1,PLACE,,Alep,Halab|{alias},,,,,,,,\n");
            let got = err_lines(&[("f.csv", &format!("{HEADER}{row}"))]);
            assert_eq!(got.len(), 1, "{name}: {got:?}");
            assert!(
                got[0].starts_with("f.csv:2: aliases: ")
                    && got[0].contains("is empty once normalized"),
                "{name}: {got:?}"
            );
        }
        let ext = "id,aliases\nx:1,Halab|\u{640}\n";
        let got = err_lines(&[
            ("f.csv", &format!("{HEADER}x:1,PLACE,,Alep,,,,,,,,,\n")),
            ("ext.csv", ext),
        ]);
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].starts_with("ext.csv:2: aliases: "), "{got:?}");
        // Letters with marks are fine.
        let row = "x:1,PLACE,,Alep,حَلَب|Ḥalab|'Ana,,,,,,,,\n";
        assert!(load(&[("f.csv", &format!("{HEADER}{row}"))]).is_ok());
    }

    #[test]
    fn lints_name_file_line_and_what_looks_wrong() {
        let mut loader = Loader::new();
        loader.add_str(
            "mine.csv",
            "id,type,name,aliases,country\n\
             a,PLACE,Aleppo,Alep;Halab,Syria\n\
             b,PLACE,Homs,Hims|Emesa,sy\n\
             c,ORG,Red Crescent,\"SARC, Croissant-Rouge\",XY\n",
        );
        loader.add_str("ext.csv", "id,aliases\nb,Homs;Hims\n");
        assert_eq!(
            loader.lints(),
            [
                "mine.csv:2: a: country \"Syria\" is not an ISO 3166-1 \
                 alpha-2 code (write SY)",
                "mine.csv:2: a: alias \"Alep;Halab\" holds ';': aliases \
                 are separated by '|'",
                "mine.csv:4: c: country \"XY\" is not an ISO 3166-1 alpha-2 \
                 code",
                "mine.csv:4: c: alias \"SARC, Croissant-Rouge\" holds ',': \
                 aliases are separated by '|'",
                "ext.csv:2: b: alias \"Homs;Hims\" holds ';': aliases are \
                 separated by '|'",
            ]
        );
        assert!(loader.finish().is_ok());
    }
}
