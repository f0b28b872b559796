//! Turns parsed arguments into built objects and runs them.
//!
//! This is the only module that knows both clap's argument types and the
//! library: it loads the gazetteers, builds the tagger, expands the inputs,
//! opens the output (atomically for `-o`), runs the loop over documents and
//! counts failures. A document that cannot be read is reported and skipped;
//! the others are still tagged.

mod cache;
mod debug;
mod lookup;
mod report;
mod signals;
mod target;
mod usage;

use std::collections::HashSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use anyhow::{anyhow, Context, Result};
use rayon::prelude::*;

use gazetag::embedded;
use gazetag::input::{
    self, decode, Columns, Event, Filter, InputKind, ReadOptions, Reader,
};
use gazetag::output::{
    self, By, Doc, DocumentWriter, Format, OutputOptions, Record, RowOptions,
};
use gazetag::setup::{self, Gazetteers};
use gazetag::{EntityType, FileStats, Loader};
use gazetag::{Part, ScratchPool, Tagged, Tagger};

use crate::cli::{
    Args, ByArg, Command, DebugCommand, FormatArg, GazetteerCommand, InputArg,
    Switch, TagArgs, TypeArg,
};
pub use report::shown;
use report::shown_path;
use report::Report;
use target::{Checks, Target};

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
        Command::Tag(tag_args) => tag(*tag_args, false),
        Command::Discover(tag_args) => tag(*tag_args, true),
        Command::Gazetteer(GazetteerCommand::Check {
            paths,
            with_default,
        }) => check(&paths, with_default),
        Command::Gazetteer(GazetteerCommand::Lookup(lookup_args)) => {
            lookup::run(&lookup_args)
        }
        Command::Gazetteer(GazetteerCommand::Compile {
            paths,
            with_default,
            translit,
            output,
            force,
        }) => compile(&paths, with_default, translit, &output, force),
        Command::Debug(DebugCommand::Fold(fold_args)) => {
            debug::fold(&fold_args)?;
            Ok(Outcome::Clean)
        }
    }
}

/// Whether the error comes from writing to a closed pipe.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// `gazetag tag`, or `gazetag discover` when `discover` is set (names
/// found by shape, written as gazetteer rows).
fn tag(mut args: TagArgs, discover: bool) -> Result<Outcome> {
    if discover {
        args.shapes = Switch::On;
        if args.delimiter == Some(b'|') {
            // `|` separates aliases in a gazetteer row.
            anyhow::bail!(
                "discover writes gazetteer rows: --delimiter is , ; or tab"
            );
        }
    }
    output_args(&args)?;
    let mut report = Report::new(args.verbose, args.quiet);
    if args.stats.is_some() {
        report.keep_records();
    }
    if !discover {
        usage::check(&args, &mut report)?;
    }
    let mut builder = Tagger::builder();
    builder.translit(args.translit == Switch::On);
    builder.shapes(args.shapes == Switch::On);
    if let Some(area) = usage::area(&args)? {
        let outside = if args.flag_outside {
            gazetag::Outside::Keep
        } else {
            gazetag::Outside::Drop
        };
        builder.area(area, outside);
    }
    if !args.types.is_empty() {
        let types: Vec<EntityType> =
            args.types.iter().map(|&t| entity_type(t)).collect();
        builder.types(&types);
    }
    let source = if let Some(path) = &args.index {
        Gazetteers::Index(path.clone())
    } else if let Some(name) = &args.pack {
        Gazetteers::Pack(name.clone())
    } else {
        Gazetteers::Files {
            paths: args.gazetteers.clone(),
            with_default: args.with_default,
        }
    };
    let tagger = match &source {
        Gazetteers::Files { paths, with_default } if !paths.is_empty() => {
            if !with_default {
                report.closing_note(
                    "note: -g replaced the embedded gazetteers; add \
                     --with-default to keep them",
                );
            }
            let folder = cache::folder().filter(|_| !args.no_cache);
            cache::files_tagger(
                &builder,
                paths,
                *with_default,
                folder.as_deref(),
                &mut report,
            )?
        }
        _ => source.tagger(&builder, &mut |w| {
            eprintln!("gazetag: warning: {w}");
        })?,
    };
    let mut read_options = read_options(&args)?;
    let filter = Filter::new(args.glob.as_deref(), read_options.kind)
        .with_context(|| format!("--glob {:?}", args.glob.as_deref()))?
        .tables(
            !read_options.csv.text.is_empty(),
            !read_options.jsonl.text.is_empty(),
        );
    let listed = input::expand(&args.paths, &filter);
    let mut output_options = output_options(&args);
    if args.flag_outside {
        output_options.area = tagger.area().cloned();
    }
    if discover {
        output_options.format = Format::Discover;
    }
    // Huge plain-text documents are read, tagged and written piece by
    // piece when rows need no more of the text than a window holds.
    read_options.stream = output_options.format.streams()
        && output_options.context.is_none_or(|n| n <= MAX_STREAMED_CONTEXT);
    let threads = threads(args.threads, &mut report);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .context("starting the tagging threads")?;
    let run = Run {
        tagger: &tagger,
        pool: &pool,
        output: &output_options,
        emit_text: args.emit_text.as_deref(),
        batch: (threads * 8).max(16),
    };
    let mut inputs: Vec<PathBuf> = listed
        .iter()
        .filter_map(|l| match l {
            input::Listed::Source(input::Source::Path(p)) => Some(p.clone()),
            _ => None,
        })
        .collect();
    inputs.extend(args.gazetteers.iter().cloned());
    inputs.extend(args.index.iter().cloned());
    let checks = Checks { inputs: &inputs, force: args.force };
    let written: Vec<String> = args
        .output
        .iter()
        .chain(args.stats.iter())
        .map(|p| shown_path(p))
        .collect();
    if !written.is_empty() {
        signals::clean_up_on_signals(format!(
            "writing {}",
            written.join(" and ")
        ))?;
    }
    // Refused before the run, not after it.
    if let Some(path) = &args.stats {
        Target::check(path, checks)?;
        if let Some(output) = &args.output {
            let same = output == path
                || fs::canonicalize(output).is_ok_and(|o| {
                    fs::canonicalize(path).is_ok_and(|s| o == s)
                });
            // `/dev/null` may take both.
            let file = fs::metadata(path).map_or(true, |m| m.is_file());
            if same && file {
                anyhow::bail!(
                    "--stats {} is also the -o file; choose another",
                    shown_path(path)
                );
            }
        }
    }
    match &args.output {
        None => {
            let mut stdout = io::stdout().lock();
            run.run(listed, read_options, &mut stdout, &mut report)
                .context("writing to standard output")?;
        }
        Some(path) => {
            // Errors name FILE, never the hidden temporary file.
            let mut target = Target::open(path, checks)?;
            run.run(listed, read_options, target.writer(), &mut report)
                .with_context(|| format!("writing {}", shown_path(path)))?;
            target.commit(path)?;
        }
    }
    report.finish();
    // Freeing a world-size gazetteer entry by entry takes longer than
    // the process exit that frees it at once: leave it to the exit.
    std::mem::forget(tagger);
    if let Some(path) = &args.stats {
        let mut target = Target::open(path, checks)?;
        serde_json::to_writer_pretty(target.writer(), &report.stats())
            .with_context(|| format!("writing {}", shown_path(path)))?;
        target.commit(path)?;
    }
    Ok(if report.errors() > 0 {
        Outcome::SomeInputsFailed
    } else {
        Outcome::Clean
    })
}

/// Refuses output options of #16 that the chosen format would ignore,
/// and a workbook bound for a terminal.
fn output_args(args: &TagArgs) -> Result<()> {
    use std::io::IsTerminal;
    let format = args.format;
    if args.delimiter.is_some()
        && !matches!(format, FormatArg::Csv | FormatArg::Summary)
    {
        anyhow::bail!(
            "--delimiter applies to --format csv and summary (tsv is \
             tab-separated, xlsx has no delimiter)"
        );
    }
    if args.by == Some(ByArg::Mention) && format != FormatArg::Geojson {
        anyhow::bail!("--by mention applies to --format geojson");
    }
    if format == FormatArg::Xlsx
        && args.output.is_none()
        && io::stdout().is_terminal()
    {
        anyhow::bail!(
            "--format xlsx writes a binary workbook: give -o FILE.xlsx or \
             redirect standard output"
        );
    }
    Ok(())
}

fn read_options(args: &TagArgs) -> Result<ReadOptions> {
    let encoding = match &args.encoding {
        None => None,
        Some(label) => Some(decode::parse_label(label).ok_or_else(|| {
            anyhow!(
                "--encoding {label:?}: unknown encoding (try utf-8, \
                 utf-16le, utf-16be, windows-1252)"
            )
        })?),
    };
    let columns = |text: &Option<String>, id: &Option<String>| Columns {
        text: text.clone().unwrap_or_default(),
        id: id.clone(),
    };
    Ok(ReadOptions {
        kind: match args.input {
            InputArg::Auto => InputKind::Auto,
            InputArg::Text => InputKind::Text,
            InputArg::Html => InputKind::Html,
            InputArg::Csv => InputKind::Csv,
            InputArg::Jsonl => InputKind::Jsonl,
        },
        encoding,
        csv: columns(&args.text_column, &args.id_column),
        jsonl: columns(&args.text_field, &args.id_field),
        keep: args.keep_columns.clone(),
        delimiter: args.input_delimiter,
        stream: false,
    })
}

fn output_options(args: &TagArgs) -> OutputOptions {
    let format = match args.format {
        FormatArg::Csv => Format::Csv,
        FormatArg::Tsv => Format::Tsv,
        FormatArg::Jsonl => Format::Jsonl,
        FormatArg::Summary => Format::Summary,
        FormatArg::Geojson => Format::Geojson,
        FormatArg::Html => Format::Html,
        FormatArg::Xlsx => Format::Xlsx,
    };
    OutputOptions {
        format,
        rows: RowOptions {
            all_candidates: args.all_candidates,
            explain: args.explain,
        },
        context: args.context,
        keep: args.keep_columns.clone(),
        raw: args.raw,
        bom: args.bom,
        by_entity: args.by == Some(ByArg::Entity),
        delimiter: args.delimiter.unwrap_or(b','),
        geojson_by: match args.by {
            Some(ByArg::Document) => By::Document,
            Some(ByArg::Mention) => By::Mention,
            Some(ByArg::Entity) | None => By::Entity,
        },
        area: None,
    }
}

/// The most tagging threads per core: more only add memory and start-up
/// time (and enough of them exhaust the process's threads).
const THREADS_PER_CORE: usize = 4;

/// The number of tagging threads for `--threads N` (0: one per core),
/// capped at [`THREADS_PER_CORE`] per core with a note.
fn threads(asked: usize, report: &mut Report) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let cap = cores * THREADS_PER_CORE;
    match asked {
        0 => cores,
        n if n > cap => {
            report.note(&format!(
                "--threads {n}: using {cap} ({THREADS_PER_CORE} per core on \
                 {cores} cores)"
            ));
            cap
        }
        n => n,
    }
}

/// What a tagging run needs, built from the arguments.
struct Run<'a> {
    tagger: &'a Tagger,
    pool: &'a rayon::ThreadPool,
    output: &'a OutputOptions,
    emit_text: Option<&'a Path>,
    /// The most events tagged together.
    batch: usize,
}

impl Run<'_> {
    /// Reads the inputs on a thread of their own, tags them in batches
    /// on the pool, and writes each batch in input order, so that the
    /// output does not depend on the number of threads. Memory holds at
    /// most two batches of documents (the one being tagged, the one being
    /// read).
    fn run(
        &self,
        listed: Vec<input::Listed>,
        options: ReadOptions,
        out: &mut dyn Write,
        report: &mut Report,
    ) -> Result<()> {
        let (tx, rx) = mpsc::sync_channel::<Event>(self.batch);
        // Not joined on error: it may be blocked reading standard input.
        let reader = std::thread::spawn(move || {
            for event in Reader::new(listed, options) {
                if tx.send(event).is_err() {
                    break;
                }
            }
        });
        let gazetteer = self.tagger.gazetteer();
        let mut writer = output::writer(out, gazetteer, self.output)?;
        let mut emitted = Emitted::new(self.emit_text)?;
        // One scratch per busy thread, kept from batch to batch: buffers
        // grow once, not again for every batch.
        let pool = ScratchPool::default();
        // A document read piece by piece, met while a batch was filled.
        let mut begun = None;
        loop {
            let first = match begun.take() {
                Some(event) => event,
                None => match rx.recv() {
                    Ok(event) => event,
                    Err(_) => break,
                },
            };
            if let Event::Begin(doc) = first {
                self.stream(doc, &rx, &mut *writer, &mut emitted, report)?;
                continue;
            }
            let mut batch = vec![first];
            let mut bytes = event_bytes(&batch[0]);
            while batch.len() < self.batch && bytes < MAX_BATCH_BYTES {
                match rx.try_recv() {
                    Ok(event @ Event::Begin(_)) => {
                        begun = Some(event);
                        break;
                    }
                    Ok(event) => {
                        bytes += event_bytes(&event);
                        batch.push(event);
                    }
                    Err(_) => break,
                }
            }
            let tagged: Vec<Option<Tagged>> = self.pool.install(|| {
                batch
                    .par_iter()
                    .map(|event| match event {
                        Event::Document(doc) => pool.with(|scratch| {
                            let mut tagged = Tagged::default();
                            self.tagger.tag_into(
                                &doc.text,
                                scratch,
                                &mut tagged,
                            );
                            Some(tagged)
                        }),
                        _ => None,
                    })
                    .collect()
            });
            for (event, tagged) in batch.into_iter().zip(tagged) {
                match (event, tagged) {
                    (Event::Document(doc), Some(tagged)) => {
                        emitted.save(&doc)?;
                        let view = Doc {
                            id: &doc.id,
                            text: &doc.text,
                            columns: &doc.columns,
                        };
                        writer.write(view, &tagged)?;
                        writer.record(Record {
                            doc: &doc.id,
                            bytes: doc.text.len(),
                            decoding: &doc.decoding.to_string(),
                            spans: tagged.mentions.len(),
                            error: None,
                        })?;
                        report.document(tagged.mentions.len());
                        report.record_document(
                            &doc.id,
                            doc.text.len(),
                            &doc.decoding.to_string(),
                            tagged.mentions.len(),
                        );
                    }
                    (Event::Error(e), _) => {
                        writer.record(Record {
                            doc: &e.path,
                            bytes: 0,
                            decoding: "",
                            spans: 0,
                            error: Some(&e.kind.to_string()),
                        })?;
                        report.error(&e.to_string());
                    }
                    (Event::Note(n), _) => report.note(&n),
                    (Event::Info(i), _) => report.info(&i),
                    (Event::Document(_), None) => {
                        unreachable!("every document is tagged")
                    }
                    // Only after `Begin`, which `stream` reads up to its
                    // end.
                    (Event::Begin(_) | Event::Text(_) | Event::End, _) => {}
                }
            }
            writer.flush()?;
        }
        for note in writer.finish()? {
            report.note(&note);
        }
        drop(writer);
        reader.join().map_err(|_| anyhow!("the input reader panicked"))?;
        Ok(())
    }
}

impl Run<'_> {
    /// Tags and writes a document read piece by piece (its pieces and its
    /// end come next from `rx`): a group of chunks at a time is tagged on
    /// the pool, and its rows written, so that memory does not grow with
    /// the document. A read error half-way is reported; the rows of the
    /// chunks before it are already written.
    fn stream(
        &self,
        doc: input::Document,
        rx: &mpsc::Receiver<Event>,
        writer: &mut dyn DocumentWriter,
        emitted: &mut Emitted,
        report: &mut Report,
    ) -> Result<()> {
        let mut stream = self.tagger.stream().threads(self.pool);
        let mut text_file = emitted.create(&doc.id)?;
        let mut mentions = 0;
        let mut bytes = 0;
        let mut write = |part: Part<'_>| {
            mentions += part.tagged.mentions.len();
            let view =
                Doc { id: &doc.id, text: part.text, columns: &doc.columns };
            writer.write_part(view, part.at, part.tagged)
        };
        loop {
            match rx.recv() {
                Ok(Event::Text(piece)) => {
                    bytes += piece.len();
                    if let Some(file) = &mut text_file {
                        file.write(&piece)?;
                    }
                    stream.push(&piece, &mut write)?;
                }
                Ok(Event::End) => {
                    stream.finish(&mut write)?;
                    break;
                }
                Ok(Event::Error(e)) => {
                    report.error(&e.to_string());
                    return Ok(());
                }
                Ok(_) | Err(_) => {
                    return Err(anyhow!(
                        "{}: the input reader stopped half-way",
                        doc.id
                    ))
                }
            }
        }
        if let Some(file) = text_file {
            file.finish()?;
        }
        writer.flush()?;
        report.document(mentions);
        report.record_document(
            &doc.id,
            bytes,
            &doc.decoding.to_string(),
            mentions,
        );
        Ok(())
    }
}

/// Rows of a document read piece by piece have their `--context` from a
/// window that reaches 16 KiB around each chunk: at most this many
/// characters (4 bytes at most each) either side. Larger contexts read
/// whole documents.
const MAX_STREAMED_CONTEXT: usize = 2048;

/// A batch stops growing past this many bytes of text.
const MAX_BATCH_BYTES: usize = 32 << 20;

fn event_bytes(event: &Event) -> usize {
    match event {
        Event::Document(d) => d.text.len(),
        _ => 0,
    }
}

/// `--emit-text DIR`: the text of each document, saved under a name made
/// from its id (unique within the run).
struct Emitted<'a> {
    dir: Option<&'a Path>,
    used: HashSet<String>,
}

impl<'a> Emitted<'a> {
    fn new(dir: Option<&'a Path>) -> Result<Emitted<'a>> {
        if let Some(dir) = dir {
            fs::create_dir_all(dir).with_context(|| {
                format!("--emit-text: creating {}", shown_path(dir))
            })?;
        }
        Ok(Emitted { dir, used: HashSet::new() })
    }

    /// A file for the text of document `id`, written piece by piece.
    fn create(&mut self, id: &str) -> Result<Option<EmittedFile>> {
        let Some(dir) = self.dir else { return Ok(None) };
        let path = dir.join(emit_name(id, &mut self.used));
        let file = fs::File::create(&path).with_context(|| {
            format!("--emit-text: writing {}", path.display())
        })?;
        Ok(Some(EmittedFile { file: io::BufWriter::new(file), path }))
    }

    fn save(&mut self, doc: &input::Document) -> Result<()> {
        let Some(dir) = self.dir else { return Ok(()) };
        let name = emit_name(&doc.id, &mut self.used);
        let path = dir.join(name);
        fs::write(&path, &doc.text).with_context(|| {
            format!("--emit-text: writing {}", shown_path(&path))
        })
    }
}

/// The text of a document read piece by piece, being saved.
struct EmittedFile {
    file: io::BufWriter<fs::File>,
    path: PathBuf,
}

impl EmittedFile {
    fn write(&mut self, piece: &str) -> Result<()> {
        self.file.write_all(piece.as_bytes()).with_context(|| {
            format!("--emit-text: writing {}", self.path.display())
        })
    }

    fn finish(mut self) -> Result<()> {
        self.file.flush().with_context(|| {
            format!("--emit-text: writing {}", self.path.display())
        })
    }
}

/// A file name for the text of document `id`: its characters outside
/// `[A-Za-z0-9._-]` become `_`, `.txt` is added, and a counter keeps the
/// names of one run apart.
fn emit_name(id: &str, used: &mut HashSet<String>) -> String {
    let mut base: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    base = base.trim_start_matches(['.', '_']).to_string();
    if base.is_empty() {
        base = "stdin".to_string();
    }
    if let Some(stem) = base.strip_suffix(".txt") {
        base = stem.to_string();
    }
    let mut name = format!("{base}.txt");
    let mut n = 1;
    while !used.insert(name.clone()) {
        n += 1;
        name = format!("{base}-{n}.txt");
    }
    name
}

fn compile(
    paths: &[PathBuf],
    with_default: bool,
    translit: Switch,
    output: &Path,
    force: bool,
) -> Result<Outcome> {
    let started = std::time::Instant::now();
    // Refused before the work, not after it.
    Target::check(output, Checks { inputs: paths, force })?;
    signals::clean_up_on_signals(format!("writing {}", shown_path(output)))?;
    let gazetteer = if paths.is_empty() {
        embedded::gazetteer()
    } else {
        setup::load(paths, with_default, &mut |w| {
            eprintln!("gazetag: warning: {w}");
        })?
    };
    let sources = setup::user_sources(paths, with_default)?;
    let index =
        gazetag::compile_index(&gazetteer, translit == Switch::On, sources)
            .context("building the matcher")?;
    let bytes = index.bytes;
    let mut target = Target::open(output, Checks { inputs: paths, force })?;
    target
        .writer()
        .write_all(&bytes)
        .with_context(|| format!("writing {}", shown_path(output)))?;
    target.commit(output)?;
    eprintln!(
        "gazetag: compiled {} entities, {} patterns into {} ({:.1} MB) in {:.2} s",
        gazetteer.len(),
        index.patterns,
        shown_path(output),
        bytes.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(Outcome::Clean)
}

fn check(paths: &[PathBuf], with_default: bool) -> Result<Outcome> {
    let mut loader = Loader::new();
    if paths.is_empty() || with_default {
        setup::add_embedded(&mut loader);
    }
    // With the embedded set, only the user's rows are reviewed.
    let (embedded, embedded_lints) = if paths.is_empty() {
        (0, 0)
    } else {
        let entities =
            loader.stats().iter().map(|s| s.entities.iter().sum::<usize>());
        (entities.sum(), loader.lints().len())
    };
    for path in paths {
        loader.add_path(path);
    }
    let stats: Vec<FileStats> = loader.stats().to_vec();
    let mut header_warnings = loader.warnings().to_vec();
    header_warnings.extend(loader.lints()[embedded_lints..].iter().cloned());
    let result = loader.finish().map_err(setup::escaped);
    let mut out = io::stdout().lock();
    print_stats(&mut out, &stats)?;
    for w in &header_warnings {
        writeln!(out, "warning: {}", shown(w))?;
    }
    match result {
        Ok(g) => {
            let new: HashSet<&str> =
                g.iter().skip(embedded).map(|(_, e)| e.id.as_str()).collect();
            let mut warnings: Vec<String> = g
                .hygiene_warnings()
                .iter()
                .filter(|w| new.contains(w.id.as_str()))
                .map(|w| w.to_string())
                .collect();
            // New rows against the embedded set (and each other).
            if with_default {
                warnings.extend(
                    g.repeated_names(embedded)
                        .iter()
                        .map(|r| r.message(&g).to_string()),
                );
            }
            for w in warnings.iter().take(50) {
                writeln!(out, "warning: {w}")?;
            }
            if warnings.len() > 50 {
                writeln!(
                    out,
                    "warning: ... and {} more",
                    warnings.len() - 50
                )?;
            }
            writeln!(
                out,
                "ok: {} entities, {} aliases, {} warning(s)",
                g.len(),
                g.alias_count(),
                warnings.len() + header_warnings.len()
            )?;
            Ok(Outcome::Clean)
        }
        Err(errors) => {
            let n = errors.0.len();
            let unknown = errors.0.iter().any(|e| {
                matches!(e.kind, gazetag::GazetteerErrorKind::UnknownId(_))
            });
            let hint = if unknown && !with_default && !paths.is_empty() {
                " (alias-extension rows for ids of the embedded set need \
                 --with-default)"
            } else {
                ""
            };
            Err(anyhow::Error::new(errors)
                .context(format!("{n} error(s) in the gazetteers{hint}")))
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
            shown(&s.path),
            s.aliases,
            s.extensions
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
