#!/usr/bin/env python3
"""The rules of DESIGN.md's architecture, checked on the sources.

  - core includes no SDL, SQLite or cairo, and no header of another folder;
    SDL is included only under ui/, SQLite only under store/, cairo only
    under export/;
  - ui/ and the command line (app/cli*.c) never include store/: they go
    through svc/;
  - the folders' include graph has no cycle and its arrows point the way
    core <- store <- svc <- (export, ui, cli) <- main;
  - no cycle between the files of ui/: file A needs file B when A names a
    function or object B defines (outside comments and strings).

What breaks a rule today is listed below as an allowance, by name: the
check passes with them and fails on any new one, and on an allowance that
is no longer needed (so the lists only shrink). Prints the folder-level
include graph.

Usage: check_layers.py SOURCE_DIR
"""
import os
import re
import sys

# --- what breaks a rule today ---------------------------------------------

# ui/ and the command line reading store/ headers: none (the domain types
# live in core/model.h, the use cases in svc/).
STORE_ALLOWED = set()

# Cycles between the files of ui/, each allowed by the one need that closes
# it (file, the file it needs): none (the start screens live in start.c,
# the room's start in app.c with a hook the console fills, the plan's
# formatting in plan.c, rectangles in rect.c).
UI_NEEDS_ALLOWED = set()

# --- the rules -------------------------------------------------------------

FOLDERS = ["core", "store", "program", "svc", "export", "camera", "ui", "cli", "main"]
# Which folders each folder may include (DESIGN.md's arrows). program/ is
# the client of a program's PostgreSQL (DESIGN.md's "publish"): a store
# beside store/, on core alone, which svc's publishing use case and the
# program's reports use. camera/ uses core/ for one thing: opening ZBar at
# first use (core/dynlib.h).
MAY_USE = {
    "core": set(),
    "store": {"core"},
    "program": {"core"},
    "svc": {"core", "store", "program"},
    "export": {"core", "store", "program", "svc"},
    "camera": {"core"},
    "ui": {"core", "store", "svc", "export", "camera"},
    "cli": {"core", "store", "program", "svc", "export", "ui"},
    "main": {"core", "svc", "ui", "cli"},
}
LIBRARY_HOME = {"SDL": "ui", "sqlite3": "store", "cairo": "export", "libpq": "program"}

INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)


def folder_of(rel):
    """app-relative path -> folder name"""
    if "/" in rel:
        return rel.split("/", 1)[0]
    return "main" if rel == "main.c" else "cli"


def sources(app):
    for root, _, files in os.walk(app):
        for f in sorted(files):
            if f.endswith((".c", ".h")):
                path = os.path.join(root, f)
                yield os.path.relpath(path, app), open(path, encoding="utf-8").read()


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    return re.sub(r'"(?:\\.|[^"\\\n])*"', '""', text)


# A definition at the start of a line: a function (its body's brace on a
# later line) or an object with an initializer; never static.
DEFINITION = re.compile(
    r"^(?!static\b|typedef\b|extern\b|return\b|#)[A-Za-z_][\w \t\*]*?\b(\w+)\s*(?:\([^;]*?\)\s*\{|(?:\[[^\]]*\])?\s*=)",
    re.M | re.S)


def find_cycles(graph):
    """Strongly connected components with more than one node (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(tuple(sorted(comp)))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(out)


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    app = os.path.join(sys.argv[1], "app")
    problems = []
    edges = {}  # (from folder, to folder) -> count
    store_seen = set()
    files = dict(sources(app))

    for rel, text in files.items():
        here = folder_of(rel)
        for kind, name in INCLUDE.findall(text):
            if kind == "<":
                for lib, home in LIBRARY_HOME.items():
                    if name.startswith(lib) and here != home:
                        problems.append(f"app/{rel} includes <{name}>, which only {home}/ may")
                continue
            if name == "cli.h":
                there = "cli"
            elif "/" in name and name.split("/", 1)[0] in FOLDERS:
                there = name.split("/", 1)[0]
            else:
                continue  # a system header in quotes, or a test's
            if there != here:
                edges[(here, there)] = edges.get((here, there), 0) + 1
                if there not in MAY_USE[here]:
                    problems.append(f"app/{rel} ({here}/) includes {name}: {here} may not use {there}")
            if there == "store" and here in ("ui", "cli"):
                key = (rel, name)
                store_seen.add(key)
                if key not in STORE_ALLOWED:
                    problems.append(f"app/{rel} includes {name}: {here} goes through svc/, "
                                    "never store/")
    for key in sorted(STORE_ALLOWED - store_seen):
        problems.append(f"the allowance {key[0]} -> {key[1]} is no longer needed: remove it "
                        "from tests/design/check_layers.py")

    graph = {}
    for (a, b) in edges:
        graph.setdefault(a, set()).add(b)
    for cycle in find_cycles(graph):
        problems.append("the folders " + ", ".join(cycle) + " include each other in a cycle")

    # Files of ui/: who needs whom, by the names they define and use.
    ui = {rel[3:]: strip_comments(text) for rel, text in files.items()
          if rel.startswith("ui/") and rel.endswith(".c")}
    defined = {}
    for f, text in ui.items():
        for name in DEFINITION.findall(text):
            defined.setdefault(name, f)
    needs = {f: set() for f in ui}
    for f, text in ui.items():
        for word in set(re.findall(r"\b[A-Za-z_]\w*\b", text)):
            g = defined.get(word)
            if g and g != f:
                needs[f].add(g)
    allowed_cycles = find_cycles(needs)
    for a, b in sorted(UI_NEEDS_ALLOWED):
        if b not in needs.get(a, ()):
            problems.append(f"the allowance {a} -> {b} is no longer needed: remove it from "
                            "tests/design/check_layers.py")
        needs.get(a, set()).discard(b)
    for cycle in find_cycles(needs):
        problems.append("the files of ui/ " + ", ".join(cycle) + " need each other in a cycle")

    print("folder-level include graph (from -> to: #include lines):")
    for a in FOLDERS:
        outs = [f"{b} ({edges[(a, b)]})" for b in FOLDERS if (a, b) in edges]
        if outs:
            print(f"  {a:7s} -> " + ", ".join(outs))
    print(f"allowed today: {len(STORE_ALLOWED)} store/ includes from ui/ and cli; "
          f"{len(UI_NEEDS_ALLOWED)} needs that close cycles in ui/ (" +
          ", ".join(f"{a} -> {b}" for a, b in sorted(UI_NEEDS_ALLOWED)) + "), "
          f"in {len(allowed_cycles)} cycle(s) of {sum(len(c) for c in allowed_cycles)} files")
    for p in problems:
        print("FAIL: " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
