//! Turns parsed arguments into built objects and runs them.
//!
//! This is the only module that knows both clap's argument types and the
//! library: it loads the gazetteers, builds the tagger, expands the inputs,
//! opens the output (atomically for `-o`), runs the loop over documents and
//! counts failures. A document that cannot be read is reported and skipped;
//! the others are still tagged.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use gazetag::gazetteer::load::{FileStats, Loader};
use gazetag::gazetteer::{embedded, EntityType, Gazetteer};
use gazetag::input;
use gazetag::output::{Format, Row, RowOptions, RowWriter};
use gazetag::tagger::{Scratch, Tagged, Tagger};

use crate::cli::{
    Args, Command, FormatArg, GazetteerCommand, Switch, TagArgs, TypeArg,
};

/// How a run ended, when it ran.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was processed.
    Clean,
    /// Some inputs could not be read; the others were processed.
    SomeInputsFailed,
}

/// Runs the command.
pub fn run(args: Args) -> Result<Outcome> {
    match args.command {
        Command::Tag(tag_args) => tag(tag_args),
        Command::Gazetteer(GazetteerCommand::Check { paths }) => check(&paths),
    }
}

/// Whether the error comes from writing to a closed pipe.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn tag(args: TagArgs) -> Result<Outcome> {
    let gazetteer = load_gazetteer(&args.gazetteers, args.with_default)?;
    let mut builder = Tagger::builder();
    builder.translit(args.translit == Switch::On);
    if !args.types.is_empty() {
        let types: Vec<EntityType> =
            args.types.iter().map(|&t| entity_type(t)).collect();
        builder.types(&types);
    }
    let tagger = builder.build(gazetteer).context("building the tagger")?;
    let format = match args.format {
        FormatArg::Csv => Format::Csv,
        FormatArg::Tsv => Format::Tsv,
        FormatArg::Jsonl => Format::Jsonl,
    };
    let sources = input::expand(&args.paths);
    let options = RowOptions {
        all_candidates: args.all_candidates,
        explain: args.explain,
    };
    match &args.output {
        None => {
            let stdout = io::stdout().lock();
            let (outcome, _) =
                tag_all(&tagger, &sources, stdout, format, options)?;
            Ok(outcome)
        }
        Some(path) => {
            let tmp = temp_beside(path)?;
            let (outcome, tmp) =
                tag_all(&tagger, &sources, tmp, format, options)?;
            tmp.persist(path)
                .with_context(|| format!("writing {}", path.display()))?;
            Ok(outcome)
        }
    }
}

/// Tags every source into `w`; returns the outcome and the writer.
fn tag_all<W: Write>(
    tagger: &Tagger,
    sources: &[Result<input::Source, input::InputError>],
    w: W,
    format: Format,
    options: RowOptions,
) -> Result<(Outcome, W)> {
    let mut writer =
        RowWriter::new(w, format, options).context("writing the output")?;
    let mut scratch = Scratch::default();
    let mut tagged = Tagged::default();
    let mut outcome = Outcome::Clean;
    for source in sources {
        let read = match source {
            Ok(source) => input::read(source),
            Err(err) => Err(err.clone_message()),
        };
        let doc = match read {
            Ok(doc) => doc,
            Err(err) => {
                eprintln!("gazetag: {err}");
                outcome = Outcome::SomeInputsFailed;
                continue;
            }
        };
        tagger.tag_into(&doc.text, &mut scratch, &mut tagged);
        let rows = Row::for_document(
            &doc.id,
            &doc.text,
            &tagged,
            tagger.gazetteer(),
            options,
        );
        for row in &rows {
            writer.write(row).context("writing the output")?;
        }
    }
    let w = writer.into_inner().context("writing the output")?;
    Ok((outcome, w))
}

/// A temporary file in the folder of `path`, so that renaming it over
/// `path` is atomic.
fn temp_beside(path: &Path) -> Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    tempfile::Builder::new()
        .prefix(".gazetag-")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .with_context(|| {
            format!("creating a temporary file in {}", dir.display())
        })
}

fn load_gazetteer(paths: &[PathBuf], with_default: bool) -> Result<Gazetteer> {
    let mut loader = Loader::new();
    if paths.is_empty() || with_default {
        add_embedded(&mut loader);
    }
    for path in paths {
        loader.add_path(path);
    }
    loader.finish().context("loading gazetteers")
}

fn add_embedded(loader: &mut Loader) {
    for (name, text) in embedded::FILES {
        loader.add_str(name, text);
    }
}

fn check(paths: &[PathBuf]) -> Result<Outcome> {
    let mut loader = Loader::new();
    if paths.is_empty() {
        add_embedded(&mut loader);
    }
    for path in paths {
        loader.add_path(path);
    }
    let stats: Vec<FileStats> = loader.stats().to_vec();
    let result = loader.finish();
    let mut out = io::stdout().lock();
    print_stats(&mut out, &stats)?;
    match result {
        Ok(g) => {
            writeln!(
                out,
                "ok: {} entities, {} aliases",
                g.len(),
                g.alias_count()
            )?;
            Ok(Outcome::Clean)
        }
        Err(errors) => {
            let n = errors.0.len();
            Err(anyhow::Error::new(errors)
                .context(format!("{n} error(s) in the gazetteers")))
        }
    }
}

fn print_stats(out: &mut impl Write, stats: &[FileStats]) -> io::Result<()> {
    writeln!(out, "file\tPLACE\tORG\tACTOR\tPERSON\taliases\textensions")?;
    let mut total = FileStats { path: "total".into(), ..FileStats::default() };
    for s in stats {
        for i in 0..4 {
            total.entities[i] += s.entities[i];
        }
        total.aliases += s.aliases;
        total.extensions += s.extensions;
    }
    for s in stats.iter().chain(std::iter::once(&total)) {
        let [p, o, a, r] = s.entities;
        writeln!(
            out,
            "{}\t{p}\t{o}\t{a}\t{r}\t{}\t{}",
            s.path, s.aliases, s.extensions
        )?;
    }
    Ok(())
}

fn entity_type(t: TypeArg) -> EntityType {
    match t {
        TypeArg::Place => EntityType::Place,
        TypeArg::Org => EntityType::Org,
        TypeArg::Actor => EntityType::Actor,
        TypeArg::Person => EntityType::Person,
    }
}
