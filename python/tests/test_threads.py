"""tag_many: same spans on any number of threads, the GIL released."""

import threading
import time

import gazetag

TEXTS = [
    f"Le {i} mai, l'aviation russe a bombardé Raqqa et Deir ez-Zor, selon l'OSDH. "
    f"قصف على حلب. Islamic State fighters withdrew from Mosul."
    for i in range(3000)
]


def test_threads_give_the_spans_of_one_thread_in_order(tagger):
    one = tagger.tag_many(TEXTS, threads=1)
    assert len(one) == len(TEXTS) and all(one)
    assert tagger.tag_many(TEXTS, threads=2) == one
    assert tagger.tag_many(iter(TEXTS), threads=None) == one
    assert one[7] == tagger.tag(TEXTS[7])


def test_tag_many_releases_the_gil(tagger):
    texts = TEXTS * 4
    ticks = []
    done = threading.Event()

    def count():
        while not done.is_set():
            ticks.append(time.perf_counter())

    t = threading.Thread(target=count)
    t.start()
    time.sleep(0.05)
    start = time.perf_counter()
    tagger.tag_many(texts, threads=1)
    end = time.perf_counter()
    done.set()
    t.join()
    during = [x for x in ticks if start + 0.01 < x < end - 0.01]
    # With the GIL held for the whole call, the counting thread could not
    # run at all between its start and its end.
    assert end - start > 0.05, "the call is too short to tell"
    assert len(during) > 100, (len(during), end - start)


def test_a_tagger_is_shared_by_python_threads(tagger):
    want = tagger.tag_many(TEXTS[:200], threads=1)
    results = [None] * 4

    def run(i):
        results[i] = tagger.tag_many(TEXTS[:200], threads=2)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == want for r in results)
