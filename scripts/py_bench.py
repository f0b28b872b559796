#!/usr/bin/env python3
"""Timings of the gazetag wheel for scripts/scale_bench.sh (rows of the
README's "Scaling out" table). Needs the wheel installed in this Python.

  py_bench.py tag-many CORPUS.jsonl REPEAT
      Tagger.tag_many on 1 and 2 threads over the corpus texts (read
      beforehand), best of REPEAT; prints "threads seconds spans" lines.

  py_bench.py spark CORPUS.jsonl WORKERS REPEAT OUT
      Spark local[WORKERS], in-process (the wheel in the Python workers,
      mapInArrow): the session start (JVM) is timed apart, then, best of
      REPEAT in the same session, (a) tag and write the spans as Parquet
      (gazetag.spark.tag_dataframe) and (b) scripts/spark_tag.py's whole
      stage (spans by type, sorted, and the entity summary). Prints
      "jvm|tag|stage seconds" lines.
"""

import json
import os
import sys
import time


def tag_many(corpus, repeat):
    import gazetag

    texts = [json.loads(line)["text"] for line in open(corpus, encoding="utf-8")]
    tagger = gazetag.Tagger()
    tagger.tag_many(texts[:100], threads=2)  # the pool starts
    for threads in (1, 2):
        best, spans = None, 0
        for _ in range(repeat):
            t = time.perf_counter()
            out = tagger.tag_many(texts, threads=threads)
            t = time.perf_counter() - t
            spans = sum(map(len, out))
            del out
            best = t if best is None else min(best, t)
        print(f"{threads} {best:.3f} {spans}", flush=True)


def spark(corpus, workers, repeat, out):
    t = time.perf_counter()
    from pyspark.sql import SparkSession
    from pyspark.sql import types as T

    session = (
        SparkSession.builder.master(f"local[{workers}]").appName("gazetag-bench")
        .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "2000")
        # One input split per worker: no shuffle before the tagging.
        .config("spark.sql.files.maxPartitionBytes", str(os.path.getsize(corpus) // workers + 1))
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    session.range(1).count()
    print(f"jvm {time.perf_counter() - t:.3f}", flush=True)

    from gazetag.spark import tag_dataframe

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import spark_tag

    schema = T.StructType([T.StructField("id", T.StringType()), T.StructField("text", T.StringType())])
    best = None
    for _ in range(repeat):
        t = time.perf_counter()
        df = session.read.schema(schema).json(corpus)
        tag_dataframe(df, text="text", id="id").write.mode("overwrite").parquet(f"{out}/tag")
        t = time.perf_counter() - t
        best = t if best is None else min(best, t)
    print(f"tag {best:.3f}", flush=True)
    best = None
    for _ in range(repeat):
        t = time.perf_counter()
        spark_tag.main([corpus, "--text-field", "text", "--id-field", "id", "--mode", "in-process",
                        "--partitions", str(workers), "--output-format", "parquet",
                        "-o", f"{out}/stage"], session)
        t = time.perf_counter() - t
        best = t if best is None else min(best, t)
    print(f"stage {best:.3f}", flush=True)
    session.stop()


if __name__ == "__main__":
    if sys.argv[1] == "tag-many":
        tag_many(sys.argv[2], int(sys.argv[3]))
    elif sys.argv[1] == "spark":
        spark(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    else:
        sys.exit(__doc__)
