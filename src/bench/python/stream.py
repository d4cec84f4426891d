"""Streams the first rows of a data set to a bookkeeping API's POST /sample in seeded random chunks.

The naive client the project measures itself against: plain `requests`, one batch at a time.
Prints one JSON line: {"rows": N, "batches": B, "seconds": S, "metrics": {...}}, where S runs from
the first POST to the last answer (reading the data set is not timed).

    python3 stream.py --url http://127.0.0.1:5000 --data bank_expenses_obfuscated.csv.zip --limit 15000
"""
import argparse
import csv
import io
import json
import random
import time
import zipfile

import requests


def read_rows(path, limit):
    if path.endswith(".zip"):
        archive = zipfile.ZipFile(path)
        raw = archive.open(archive.namelist()[0])
    else:
        raw = open(path, "rb")
    with io.TextIOWrapper(raw, encoding="utf-8", newline="") as text:
        rows = []
        for row in csv.DictReader(text):
            rows.append(row)
            if len(rows) == limit:
                break
        return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:5000")
    parser.add_argument("--data", required=True)
    parser.add_argument("--limit", type=int, default=15000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--max-chunk", type=int, default=1000)
    args = parser.parse_args()

    rows = read_rows(args.data, args.limit)
    chunks = random.Random(args.seed)
    session = requests.Session()
    sent = batches = 0
    started = time.perf_counter()
    while sent < len(rows):
        chunk = rows[sent:sent + chunks.randint(1, args.max_chunk)]
        response = session.post(args.url + "/sample", json=chunk)
        response.raise_for_status()
        sent += len(chunk)
        batches += 1
    seconds = time.perf_counter() - started
    metrics = session.get(args.url + "/metrics/1000").json()
    print(json.dumps({"rows": sent, "batches": batches, "seconds": round(seconds, 3), "metrics": metrics}))


if __name__ == "__main__":
    main()
