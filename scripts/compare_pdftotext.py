#!/usr/bin/env python3
"""Compares regfd's PDF text with poppler's `pdftotext -layout` (a test-time reference only,
never a runtime dependency). For every PDF given (or every PDF under a folder) it reports:
  words   - share of pdftotext's words (multiset) that regfd's text also has (recall), and the
            reverse (precision): low values mean regfd lost or invented text;
  rows    - lines of pdftotext with >= 2 numbers (table rows) whose words all appear, in order,
            on one regfd line: how often a table row stays one row in regfd.
Usage: scripts/compare_pdftotext.py [--regfd target/release/examples/extract_text] PATH...
"""
import collections, os, re, subprocess, sys

def words(t):
    return re.findall(r"[A-Za-z]+|\d[\d,.]*", t)

def main():
    args = sys.argv[1:]
    tool = "target/release/examples/extract_text"
    if args[:1] == ["--regfd"]:
        tool, args = args[1], args[2:]
    pdfs = []
    for a in args:
        if os.path.isdir(a):
            pdfs += sorted(os.path.join(a, f) for f in os.listdir(a) if f.lower().endswith(".pdf"))
        else:
            pdfs.append(a)
    tot = collections.Counter()
    print(f"{'file':58} {'recall':>7} {'prec':>7} {'rows kept':>10}")
    for p in pdfs:
        ref = subprocess.run(["pdftotext", "-layout", p, "-"], capture_output=True, text=True).stdout
        ours = subprocess.run([tool, p], capture_output=True, text=True).stdout
        a, b = collections.Counter(words(ref)), collections.Counter(words(ours))
        common = sum((a & b).values())
        recall = common / max(1, sum(a.values()))
        prec = common / max(1, sum(b.values()))
        our_lines = [words(l) for l in ours.splitlines()]
        rows = [words(l) for l in ref.splitlines() if len(re.findall(r"\d[\d,.]*", l)) >= 2 and re.search(r"[A-Za-z]{3}", l)]
        def kept(r):
            for ol in our_lines:
                it = iter(ol)
                if all(w in it for w in r):
                    return True
            return False
        k = sum(1 for r in rows if kept(r))
        tot["rows"] += len(rows); tot["kept"] += k
        tot["common"] += common; tot["ref"] += sum(a.values()); tot["ours"] += sum(b.values())
        print(f"{os.path.basename(p)[:58]:58} {recall:7.3f} {prec:7.3f} {k:>4}/{len(rows):<5}")
    print(f"{'ALL':58} {tot['common']/max(1,tot['ref']):7.3f} {tot['common']/max(1,tot['ours']):7.3f} {tot['kept']:>4}/{tot['rows']:<5}")

if __name__ == "__main__":
    main()
