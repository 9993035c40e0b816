#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
# Peer: Debian's python3-feedparser, feedparser.parse(bytes) over every corpus file held in
# memory, warm (one untimed pass first, warnings silenced, as a long-running reader would see it);
# prints one JSON line: the best and the median pass's MB/s by wall time, the best by CPU time,
# items, files with >= 1 item, peak RSS.
# Usage: feedparser_peer.py CORPUS_DIR [passes=3]
import json
import os
import resource
import statistics
import sys
import time
import warnings

import feedparser

SKIP = {"expected.json", "MANIFEST.tsv", "README.md"}


def main():
    corpus = sys.argv[1]
    passes = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    names = sorted(n for n in os.listdir(corpus)
                   if n not in SKIP and os.path.isfile(os.path.join(corpus, n)))
    data = []
    for n in names:
        with open(os.path.join(corpus, n), "rb") as f:
            data.append(f.read())
    nbytes = sum(len(d) for d in data)
    warnings.simplefilter("ignore")  # feedparser warns on odd feeds; printing them is not parsing
    for d in data:  # warm: imports, regex caches and the allocator settle before timing
        feedparser.parse(d)
    best, best_cpu, total, items, with_items, bozo = 1e30, 1e30, 0.0, 0, 0, 0
    walls = []
    for _ in range(passes):
        items = with_items = bozo = 0
        t0 = time.perf_counter()
        c0 = time.process_time()
        for d in data:
            r = feedparser.parse(d)
            items += len(r.entries)
            with_items += 1 if r.entries else 0
            bozo += 1 if r.bozo else 0
        dt = time.perf_counter() - t0
        best_cpu = min(best_cpu, time.process_time() - c0)
        best = min(best, dt)
        walls.append(dt)
        total += dt
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    print(json.dumps({
        "peer": "python3-feedparser " + feedparser.__version__, "files": len(data),
        "parsed": len(data), "with_items": with_items, "items": items, "bytes": nbytes,
        "passes": passes, "best_s": round(best, 6), "mean_s": round(total / passes, 6),
        "best_cpu_s": round(best_cpu, 6), "mbps": round(nbytes / 1e6 / best, 2),
        "cpu_mbps": round(nbytes / 1e6 / best_cpu, 2),
        "mbps_mean": round(nbytes / 1e6 / (total / passes), 2),
        "median_s": round(statistics.median(walls), 6),
        "mbps_median": round(nbytes / 1e6 / statistics.median(walls), 2),
        "items_per_s": round(items / best), "peak_rss_mb": round(rss, 1), "bozo": bozo}))


if __name__ == "__main__":
    main()
