#!/usr/bin/env python3
"""Fails when a tracked file refers to anything outside the repository.

The repository must stand alone: a clone in an empty folder builds and passes its tests. This
check (part of the lint suite) refuses, in every file git tracks or would add:
  - a reference to the reference folder `shared` beside our work trees (a parent-relative path to
    it, or `'..', 'shared'` as path segments);
  - a relative path whose `../` steps climb above the repository root, counted from the deepest
    folder it can be relative to: the file's own folder, or a folder the file `cd`s into;
  - an absolute path into the work tree our machines keep the project in (`/work/`).
(User configuration such as `~/.edgerc` is the user's, not the repository's, and is allowed.)
Usage: scripts/check-standalone.py [ROOT]   (exit 1 and one line per finding when any is found)
"""
import re
import subprocess
import sys
from pathlib import Path

root = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
files = subprocess.run(
    ["git", "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    check=True, capture_output=True,
).stdout.decode().split("\0")

SHARED = re.compile(r"\.\./shared\b|['\"]\.\.['\"]\s*,\s*['\"]shared['\"]")
CLIMB = re.compile(r"(?:\.\./)+")
ABSOLUTE = re.compile(r"(?<![\w.:/])/work/")
CD = re.compile(r"\bcd\s+\"?([\w./-]+)")
SELF = "scripts/check-standalone.py"

findings = []
for name in files:
    if not name or name == SELF or name.endswith((".lock", "package-lock.json", ".png", ".tgz")):
        continue
    path = root / name
    try:
        text = path.read_text(encoding="utf-8")
    except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
        continue
    depth = len(Path(name).parts) - 1
    for target in CD.findall(text):
        parts = [p for p in target.split("/") if p not in ("", ".")]
        if ".." not in parts and not target.startswith("/"):
            depth = max(depth, len(parts))
    for number, line in enumerate(text.splitlines(), 1):
        problems = []
        if SHARED.search(line):
            problems.append("refers to the folder `shared` beside the repository, which no clone has")
        for run in CLIMB.findall(line):
            if run.count("../") > depth:
                problems.append(f"'{run}' climbs {run.count('../')} levels from a file {depth} deep")
                break
        if ABSOLUTE.search(line):
            problems.append("absolute path outside the repository")
        for problem in problems:
            findings.append(f"{name}:{number}: {problem}: {line.strip()[:120]}")

for finding in findings:
    print(finding)
if findings:
    print(f"check-standalone: {len(findings)} reference(s) outside the repository", file=sys.stderr)
    sys.exit(1)
