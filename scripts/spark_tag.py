#!/usr/bin/env python3
"""Tag a corpus with gazetag on Apache Spark.

Two modes (--mode):

  in-process  each executor's Python worker imports the gazetag wheel
              (python/ in this repository) and tags the Arrow batches of
              its partition with `mapInArrow` (gazetag.spark): no
              subprocess, no JSON. The executors need the wheel: see the
              README's "Python" section (a packed venv in spark.archives).
  subprocess  each partition is streamed through one `gazetag tag --input
              jsonl --format jsonl` process on its executor (`mapPartitions`
              driving a subprocess: documents go in on stdin, spans come out
              on stdout as they are tagged, so memory stays bounded whatever
              the partition size). The binary is shipped to the executors by
              Spark (`SparkContext.addFile`, or `spark-submit --files`): the
              fallback for clusters without the wheel.

The default, auto, is in-process when the driver can import gazetag. A
gazetteer file or folder, if one is given, is shipped to the executors by
Spark and found there with `SparkFiles.get`: no shared path is needed.

Writes, under --output:

  spans/type=PLACE/part-*.csv   one row per span (the columns of gazetag's
  spans/type=ACTOR/...          `--format jsonl`), partitioned by type
  summary/part-00000-*.csv      one row per entity across the corpus, as
                                `gazetag tag --format summary --by entity`

(or Parquet with --output-format parquet).

Local run (pyspark from scripts/requirements-spark.txt; in-process: the
wheel installed in the same environment, `pip install ./python`):

  python3 scripts/spark_tag.py corpus.jsonl --text-field text --id-field id \\
      --binary target/release/gazetag --master 'local[2]' --output out/

On a cluster (the binary must be built for the executors' OS and CPU):

  spark-submit --master yarn --files target/release/gazetag \\
      scripts/spark_tag.py hdfs:///corpus/*.jsonl --text-field text \\
      --id-field id --binary gazetag --output hdfs:///spans/
"""

import argparse
import collections
import importlib.util
import json
import os
import stat
import subprocess
import sys
import tempfile
import threading
import time

from pyspark import SparkFiles
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

# The fields of a span in gazetag's `--format jsonl`, in order.
SPAN_SCHEMA = T.StructType(
    [
        T.StructField("doc", T.StringType()),
        T.StructField("start", T.LongType()),
        T.StructField("end", T.LongType()),
        T.StructField("byte_start", T.LongType()),
        T.StructField("byte_end", T.LongType()),
        T.StructField("text", T.StringType()),
        T.StructField("type", T.StringType()),
        T.StructField("subtype", T.StringType()),
        T.StructField("canonical", T.StringType()),
        T.StructField("id", T.StringType()),
        T.StructField("country", T.StringType()),
        T.StructField("lat", T.DoubleType()),
        T.StructField("lon", T.DoubleType()),
        T.StructField("match", T.StringType()),
        T.StructField("candidates", T.LongType()),
        T.StructField("confidence", T.DoubleType()),
        T.StructField("source", T.StringType()),
    ]
)
SPAN_FIELDS = [f.name for f in SPAN_SCHEMA.fields]
# Internal: the document's position in the corpus (orders the summary).
ROW_SCHEMA = T.StructType(SPAN_SCHEMA.fields + [T.StructField("doc_index", T.LongType())])

SUMMARY_COLUMNS = [
    "id", "type", "subtype", "canonical", "country", "lat", "lon",
    "mentions", "documents", "first_doc", "surfaces",
]


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Tag a corpus with gazetag on Spark (one gazetag process per partition).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("inputs", nargs="+", help="corpus files, folders or globs (any path Spark reads)")
    p.add_argument("--input-format", choices=["auto", "jsonl", "csv", "parquet"], default="auto",
                   help="default: by the first input's extension (.jsonl/.json[.gz], .csv[.gz], .parquet)")
    p.add_argument("--text-field", "--text-column", default="text",
                   help="the field (JSON lines; a dotted path is allowed) or column holding the text")
    p.add_argument("--id-field", "--id-column", default=None,
                   help="the field or column naming each document (the `doc` column); "
                        "default: row:N, N the 1-based row number in the order Spark reads the inputs")
    p.add_argument("-o", "--output", required=True, help="output folder (replaced)")
    p.add_argument("--output-format", choices=["csv", "parquet"], default="csv")
    p.add_argument("--mode", choices=["auto", "in-process", "subprocess"], default="auto",
                   help="in-process: the gazetag wheel in the executors' Python workers "
                        "(mapInArrow); subprocess: one gazetag process per partition; "
                        "auto (default): in-process when the driver can import gazetag")
    p.add_argument("--binary", default="target/release/gazetag",
                   help="the gazetag binary: a local path or URL, shipped with "
                        "SparkContext.addFile, or the name of a file already shipped with "
                        "spark-submit --files")
    p.add_argument("-g", "--gazetteer", action="append", default=[],
                   help="gazetteer file or folder, shipped to the executors (repeatable)")
    p.add_argument("--with-default", action="store_true", help="with -g, also load the embedded set")
    p.add_argument("--types", default=None, help="keep only these types (PLACE,ORG,ACTOR,PERSON)")
    p.add_argument("--partitions", type=int, default=0,
                   help="partitions (one gazetag process or Python task each); default: the input's, "
                        "at least the default parallelism")
    p.add_argument("--threads", type=int, default=1,
                   help="gazetag threads per partition (default 1: one per Spark task slot)")
    p.add_argument("--batch-size", type=int, default=2000,
                   help="in-process: documents per Arrow batch "
                        "(spark.sql.execution.arrow.maxRecordsPerBatch)")
    p.add_argument("--master", default=None,
                   help="Spark master when run with plain python (e.g. 'local[2]'); "
                        "spark-submit's --master otherwise")
    return p.parse_args(argv)


def detect_format(path):
    name = path.lower()
    for suffix in (".gz", ".bz2", ".zst", ".snappy"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    if name.endswith((".jsonl", ".json", ".ndjson")):
        return "jsonl"
    if name.endswith(".csv"):
        return "csv"
    if name.endswith(".parquet") or os.path.isdir(path):
        return "parquet"
    sys.exit(f"spark_tag: cannot tell the format of {path}; give --input-format")


def read_corpus(spark, args):
    """A DataFrame of (id, text, doc_index), in corpus order."""
    fmt = args.input_format if args.input_format != "auto" else detect_format(args.inputs[0])
    text_f, id_f = args.text_field, args.id_field
    if fmt == "jsonl":
        if "." not in text_f and (id_f is None or "." not in id_f):
            # An explicit schema: no inference pass over the corpus, and an id
            # that is a JSON number is read as its text.
            fields = [T.StructField(text_f, T.StringType())]
            if id_f is not None and id_f != text_f:
                fields.append(T.StructField(id_f, T.StringType()))
            df = spark.read.schema(T.StructType(fields)).json(args.inputs)
        else:
            df = spark.read.json(args.inputs)
    elif fmt == "csv":
        df = spark.read.csv(args.inputs, header=True, multiLine=True, escape='"')
    else:
        df = spark.read.parquet(*args.inputs)

    def field(name):
        return F.col(".".join(f"`{part}`" for part in name.split(".")))

    text = field(text_f).cast("string").alias("text")
    if id_f is not None:
        return df.select(field(id_f).cast("string").alias("id"), text,
                         F.monotonically_increasing_id().alias("doc_index"))
    # No id: number the rows (one extra pass to count the partitions).
    rdd = df.select(text).rdd.zipWithIndex().map(lambda r: (f"row:{r[1] + 1}", r[0][0], r[1]))
    schema = T.StructType([
        T.StructField("id", T.StringType()),
        T.StructField("text", T.StringType()),
        T.StructField("doc_index", T.LongType()),
    ])
    return spark.createDataFrame(rdd, schema)


def ship(sc, path, recursive=False):
    """Ship a local file or folder to the executors; return its SparkFiles name.

    A URL (hdfs://, s3a://...) is shipped as it is; a local path that does
    not exist is taken as the name of a file that spark-submit --files
    already shipped."""
    name = os.path.basename(os.path.normpath(path))
    if "://" in path:
        sc.addFile(path, recursive=recursive)
    elif os.path.exists(path):
        shipped = sc.getConf().get("spark.files", "").split(",") + list(
            getattr(sc, "listFiles", [])  # Spark 3.4+
        )
        if not any(os.path.basename(f.rstrip("/")) == name for f in shipped if f):
            sc.addFile(os.path.abspath(path), recursive=recursive or os.path.isdir(path))
    return name


def make_tagger(binary_name, gazetteer_names, with_default, types, threads,
                docs_acc, spans_acc, skipped_acc):
    """The function run on each partition (on the executors)."""

    def tag_partition(rows):
        binary = SparkFiles.get(binary_name)
        if not os.access(binary, os.X_OK):
            os.chmod(binary, os.stat(binary).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        cmd = [binary, "tag", "--input", "jsonl", "--text-field", "text", "--id-field", "id",
               "--format", "jsonl", "--quiet", "--threads", str(threads)]
        for g in gazetteer_names:
            cmd += ["-g", SparkFiles.get(g)]
        if with_default:
            cmd.append("--with-default")
        if types:
            cmd += ["--types", types]

        errlog = tempfile.TemporaryFile()
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errlog)
        # (id, doc_index) of the documents sent, in order; the spans come
        # back in the same order, so the reader pops documents until the id
        # matches (this also holds when ids repeat).
        pending = collections.deque()
        failure = []

        def feed():
            n = skipped = 0
            try:
                for doc_id, text, doc_index in rows:
                    if text is None:
                        skipped += 1
                        continue
                    pending.append((doc_id, doc_index))
                    line = json.dumps({"id": doc_id, "text": text}, ensure_ascii=False)
                    proc.stdin.write(line.encode("utf-8") + b"\n")
                    n += 1
            except BrokenPipeError:
                pass  # gazetag died; its exit code and stderr say why
            except BaseException as e:  # noqa: BLE001 - re-raised by the reader
                failure.append(e)
            finally:
                try:
                    proc.stdin.close()
                except BrokenPipeError:
                    pass
                docs_acc.add(n)
                skipped_acc.add(skipped)

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        spans = 0
        current = None
        for line in proc.stdout:
            # Only the doc id is parsed here (the first field); Spark parses
            # the whole line.
            cut = line.find(b',"start":')
            doc = json.loads(line[:cut] + b"}" if cut > 0 else line)["doc"]
            while current is None or current[0] != doc:
                current = pending.popleft()
            spans += 1
            yield '%s,"doc_index":%d}' % (line.rstrip()[:-1].decode("utf-8"), current[1])
        rc = proc.wait()
        writer.join()
        spans_acc.add(spans)
        if failure:
            raise failure[0]
        if rc != 0:
            errlog.seek(0)
            err = errlog.read().decode("utf-8", "replace")
            raise RuntimeError(f"gazetag exited with {rc}: {' '.join(cmd)}\n{err}")

    return tag_partition


def tag_in_process(spark, corpus, args, gazetteer_names, docs_acc, spans_acc, skipped_acc):
    """The spans of the corpus (ROW_SCHEMA), tagged in the executors' Python
    workers by the gazetag wheel, batch by batch through Arrow."""
    from gazetag import spark as gzspark

    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", str(args.batch_size))
    options = {"gazetteers": gazetteer_names or None, "with_default": args.with_default,
               "types": args.types}
    threads = args.threads

    def count(documents, spans, without_text):
        docs_acc.add(documents - without_text)
        spans_acc.add(spans)
        skipped_acc.add(without_text)

    def tag(batches):
        return gzspark.tag_batches(batches, text="text", id="id", keep=["doc_index"],
                                   threads=threads, options=options, on_batch=count)

    return corpus.select("id", "text", "doc_index").mapInArrow(tag, ROW_SCHEMA)


def summarize(spans):
    """One row per entity, like `gazetag tag --format summary --by entity`:
    most mentioned first, ties in the order first seen; surfaces in the
    order first seen, joined by ' | '."""
    keys = ["id", "type", "subtype", "canonical", "country", "lat", "lon"]
    entities = spans.groupBy(*keys).agg(
        F.count(F.lit(1)).alias("mentions"),
        F.countDistinct("doc_index").alias("documents"),
        F.min(F.struct("doc_index", "start", "end", "doc")).alias("first"),
    )
    # Surfaces: per entity and surface first (few rows), then per entity.
    surfaces = (
        spans.groupBy(*keys, "text")
        .agg(F.min(F.struct("doc_index", "start", "end")).alias("seen"))
        .groupBy(*[F.col(k).alias(f"s_{k}") for k in keys])
        .agg(F.transform(F.sort_array(F.collect_list(F.struct("seen", "text"))),
                         lambda x: x["text"]).alias("surface_list"))
    )
    same = [entities[k].eqNullSafe(surfaces[f"s_{k}"]) for k in keys]
    return (
        entities.join(surfaces, same)
        .orderBy(F.desc("mentions"), F.col("first.doc_index"), F.col("first.start"),
                 F.col("first.end"), F.col("id"))
        .select(*keys, "mentions", "documents", F.col("first.doc").alias("first_doc"),
                F.concat_ws(" | ", "surface_list").alias("surfaces"))
    )


def write(df, path, fmt, partition_by=None):
    w = df.write.mode("overwrite")
    if partition_by:
        w = w.partitionBy(partition_by)
    if fmt == "parquet":
        w.parquet(path)
    else:
        # RFC 4180: quotes doubled, not backslash-escaped; white space kept.
        w.options(header=True, escape='"', ignoreLeadingWhiteSpace=False,
                  ignoreTrailingWhiteSpace=False, emptyValue="").csv(path)


def main(argv=None, spark=None):
    """Run on the command line's arguments (or argv); with a SparkSession,
    run in it and leave it running."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    own_session = spark is None
    if own_session:
        builder = SparkSession.builder.appName("gazetag")
        if args.master:
            builder = builder.master(args.master)
        spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")

    mode = args.mode
    if mode == "auto":
        mode = "in-process" if importlib.util.find_spec("gazetag") else "subprocess"
    gazetteer_names = [ship(sc, g) for g in args.gazetteer]

    corpus = read_corpus(spark, args)
    n = args.partitions or max(corpus.rdd.getNumPartitions(), sc.defaultParallelism)
    if n != corpus.rdd.getNumPartitions():
        corpus = corpus.repartition(n)

    docs_acc, spans_acc, skipped_acc = sc.accumulator(0), sc.accumulator(0), sc.accumulator(0)
    if mode == "in-process":
        spans = tag_in_process(spark, corpus, args, gazetteer_names,
                               docs_acc, spans_acc, skipped_acc).persist()
    else:
        tagger = make_tagger(ship(sc, args.binary), gazetteer_names, args.with_default,
                             args.types, args.threads, docs_acc, spans_acc, skipped_acc)
        lines = corpus.rdd.map(lambda r: (r[0], r[1], r[2])).mapPartitions(tagger)
        spans = spark.read.schema(ROW_SCHEMA).json(lines).persist()

    out = args.output.rstrip("/")
    t0 = time.time()
    write(
        spans.sortWithinPartitions("type", "doc_index", "start", "end").drop("doc_index"),
        f"{out}/spans", args.output_format, partition_by="type",
    )
    t1 = time.time()
    write(summarize(spans).coalesce(1), f"{out}/summary", args.output_format)
    t2 = time.time()
    spans.unpersist()
    print(
        f"spark_tag: done: {docs_acc.value} documents, {spans_acc.value} spans, "
        f"{skipped_acc.value} without text, {n} partitions, {mode}; spans tagged and written in "
        f"{t1 - t0:.1f} s, summary in {t2 - t1:.1f} s -> {out}/spans, {out}/summary",
        file=sys.stderr,
    )
    if own_session:
        spark.stop()


if __name__ == "__main__":
    main()
