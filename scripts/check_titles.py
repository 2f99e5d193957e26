#!/usr/bin/env python3
"""Checks that every area for priority action and for improvement in the pending timelines is
the report's text word for word (letters and digits, in order and contiguous), and that each
`responsible` is the report's left-hand column. Areas for priority action are printed in a
two-column table (responsible body | area), so the columns are split at a fixed position.

    python3 scripts/check_titles.py
"""
import json
import os
import re
import sys

SOURCES = "/work/shared/sources/area-send-2023"
HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "testdata")
# case: (report file, column where the area's text starts in the priority-action table)
CASES = {
    "bury": ("bury_07-may-2024.txt", 33),
    "nottinghamshire": ("nottinghamshire_16-may-2023.txt", 35),
    "oxfordshire": ("oxfordshire_15-september-2023.txt", 36),
    "cornwall": ("cornwall_05-may-2023.txt", None),
    "trafford": ("trafford_22-december-2023.txt", None),
}
RUNNING = re.compile(r"\s*(Area SEND inspection report|Inspection report)")


def norm(s):
    return re.sub(r"[^a-z0-9]", "", s.lower())


def main():
    bad = 0
    for case, (name, col) in CASES.items():
        with open(os.path.join(SOURCES, name), encoding="utf-8") as f:
            lines = f.read().split("\n")
        # Without the running titles ("Inspection report: …" and its second line, "12 to 16
        # February 2024   8") and bare page numbers.
        body = [
            l
            for l in lines
            if not RUNNING.match(l)
            and not re.match(r"^\s*\d+\s*$", l)
            and not re.match(r"^\d+ (to|January) .*\d\s*$", l.strip())
        ]
        whole = norm("\n".join(body))
        left = right = ""
        if col is not None:
            start = max(i for i, l in enumerate(body) if l.strip() == "Areas for priority action")
            end = min(i for i, l in enumerate(body) if l.strip() == "Areas for improvement" and i > start)
            table = body[start + 2:end]
            left = norm("".join(l[:col] for l in table))
            right = norm("".join(l[col:] for l in table))
        with open(os.path.join(HERE, f"{case}.json"), encoding="utf-8") as f:
            timeline = json.load(f)
        for e in timeline["events"]:
            for item in e.get("priority_actions", []):
                ok = norm(item["title"]) in right and norm(item["responsible"]) in left
                bad += not ok
                print(f"{case} {item['id']}: {'ok' if ok else 'NOT FOUND'}")
            for item in e.get("improvements", []):
                ok = norm(item["title"]) in whole
                bad += not ok
                print(f"{case} {item['id']}: {'ok' if ok else 'NOT FOUND'}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
