#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Checks pubtrack's layering from the #include lines of every *.h and *.cpp file git knows
(tracked, or new and not ignored, so build/ is skipped):

1. folder rules: a file in one top-level folder (its layer) may include "x/..." only from its own
   layer and the layers LAYERS lists under it (tests/, bench/, fuzz/ and scripts/ may include
   anything);
2. third-party headers stay home: <curl/...>, <SQLiteCpp/...>, <simdjson.h>, Poco XML and Poco
   Net only from the folders THIRD_PARTY names, so a library can be swapped in one folder;
3. no include cycles inside a folder, between modules: x.h and x.cpp are one module, and module
   M depends on module N when any file of M includes a file of N (so "a.h includes b.h, b.cpp
   includes a.h" is a cycle). Every strongly connected component of two or more modules is one
   problem, shown with one of its shortest cycles and the include lines that make it.

Why: the CMake targets already link in this order, but an #include that crosses a layer the
wrong way compiles as long as the headers happen to be found, and then the layers are only a
wish. Comments, strings and raw strings are skipped; #if blocks are not evaluated.

Usage: check_layers.py [ROOT] [--list-edges | --self-test]
ROOT defaults to this script's folder's parent. Prints one line per problem, sorted, then a
summary line (its "includes" count is every #include line read). --list-edges prints how many
quoted includes go from each folder to each other folder. Exit 0 when clean, 1 on problems (or a
failed self-test), 2 on a usage error (or when git cannot list ROOT's files)."""
import argparse
import os
import posixpath
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict, deque
from typing import NamedTuple

# Layer -> the other layers its files may include (a layer may always include itself).
# Each layer lists only layers listed before it, so the table has no cycle (--self-test checks).
LAYERS = {
    # Vocabulary types (dates, results, errors) everyone uses: depends on nothing of ours.
    "core": (),
    # The domain's rows, calendars and pure rules: the words store, collectors and reports share.
    "model": ("core",),
    # pubtrack.ini -> typed Settings, which may name domain types; no network, no database.
    "config": ("core", "model"),
    # The HTTP client (libcurl) and its retry policy: knows its settings, nothing of the domain.
    "net": ("core", "config"),
    # SQLite persistence of the model's rows: never fetches, parses or renders.
    "store": ("core", "model"),
    # Fetch and parse feeds and the WeChat API into model rows; the app hands them to the store.
    "collectors": ("core", "model", "config", "net"),
    # Figures read from the store, rendered as text and files: no fetching.
    "reports": ("core", "model", "config", "store"),
    # A read-only view over the store and the reports' phrasing: no collecting, no network client.
    "dashboard": ("core", "model", "config", "store", "reports"),
    # The command line: the one place that wires every layer together.
    "app": ("core", "model", "config", "net", "store", "collectors", "reports", "dashboard"),
    # The simulator of the remote APIs: shares only vocabulary with the client it plays against.
    "sim": ("core", "model"),
}
# Folders whose files may include anything (they test, measure or fuzz the layers).
EXEMPT = ("tests", "bench", "fuzz", "scripts")
KNOWN = tuple(LAYERS) + EXEMPT

# (library, <include> names: "dir/" is a prefix, anything else an exact name, folders allowed).
# tests/, bench/ and fuzz/ may include them all.
THIRD_PARTY = (
    ("curl", ("curl/",), ("net",)),
    ("SQLite", ("SQLiteCpp/", "sqlite3.h"), ("store",)),
    ("simdjson", ("simdjson.h", "simdjson/"), ("collectors",)),
    ("Poco XML", ("Poco/XML/", "Poco/SAX/", "Poco/DOM/"), ("collectors",)),
    ("Poco Net", ("Poco/Net/",), ("dashboard", "sim", "app")),
)

SOURCE_PATTERNS = ("*.h", "*.cpp")

# Comments, raw strings, strings and character literals, in one pass so that "//" in a string
# or a quote in a comment is read the way the compiler reads it.
_LEXEME = re.compile(
    r"""(?P<line>//[^\n]*)
      | (?P<block>/\*.*?\*/)
      | (?P<raw>(?:u8|[uUL])?R"(?P<delim>[^()\\\s"]{0,16})\(.*?\)(?P=delim)")
      | (?P<str>"(?:\\.|[^"\\\n])*")
      | (?P<chr>'(?:\\.|[^'\\\n])*')""",
    re.S | re.X)
_INCLUDE = re.compile(r'[ \t]*#[ \t]*include[ \t]*(?:"([^"\n]*)"|<([^>\n]*)>)')


class Include(NamedTuple):
    path: str        # the including file, relative to the root
    line: int        # 1-based
    target: str      # as written between the delimiters
    quoted: bool     # "..." rather than <...>
    resolved: str    # the repo file it names ("" when none: system, third-party or generated)


class Problem(NamedTuple):
    text: str
    files: tuple


# ---- Reading the tree ----------------------------------------------------------------------

def source_files(root):
    """Repo-relative paths of the *.h/*.cpp files git tracks or would add, that exist now."""
    out = subprocess.run(
        ["git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--",
         *SOURCE_PATTERNS],
        check=True, capture_output=True).stdout.decode("utf-8", "surrogateescape")
    paths = {p for p in out.split("\0") if p}
    return sorted(p for p in paths if os.path.isfile(os.path.join(root, p)))


def _blank(match):
    """Strings and characters as they are; a comment or raw string as its newlines only."""
    if match.group("str") or match.group("chr"):
        return match.group(0)
    newlines = match.group(0).count("\n")
    return "\n" * newlines if newlines else " "


def directives(text):
    """(line, target, quoted) for each #include in C++ source text."""
    code = _LEXEME.sub(_blank, text)
    found = []
    for number, line in enumerate(code.split("\n"), 1):
        if "include" in line:
            m = _INCLUDE.match(line)
            if m:
                quoted = m.group(1) is not None
                found.append((number, m.group(1) if quoted else m.group(2), quoted))
    return found


def resolve(path, target, files):
    """The repo file a quoted include names: the includer's folder first, then the root."""
    for base in (posixpath.dirname(path), ""):
        candidate = posixpath.normpath(posixpath.join(base, target))
        if candidate in files:
            return candidate
    return ""


def read_includes(root, paths):
    files = set(paths)
    includes = []
    for path in paths:
        with open(os.path.join(root, path), encoding="utf-8", errors="replace") as f:
            text = f.read()
        for line, target, quoted in directives(text):
            resolved = resolve(path, target, files) if quoted else ""
            includes.append(Include(path, line, target, quoted, resolved))
    return includes


def folder_of(path):
    return path.split("/", 1)[0]


def module_of(path):
    return posixpath.splitext(path)[0]


def target_folder(inc):
    """The known top-level folder a quoted include reaches, or "" (other forms are not ours)."""
    if not inc.quoted:
        return ""
    if inc.resolved:
        folder = folder_of(inc.resolved)
    elif inc.target.startswith("."):  # "./x.h", "../net/x.h": from the includer's folder
        folder = folder_of(posixpath.normpath(posixpath.join(posixpath.dirname(inc.path),
                                                             inc.target)))
    else:
        folder = folder_of(posixpath.normpath(inc.target))
    return folder if folder in KNOWN else ""


# ---- Rule 1: folder rules ------------------------------------------------------------------

def check_folders(includes):
    problems = []
    for inc in includes:
        layer, target = folder_of(inc.path), target_folder(inc)
        if layer not in LAYERS or not target or target == layer or target in LAYERS[layer]:
            continue
        problems.append(Problem(
            f'{inc.path}:{inc.line}: {layer} must not include {target} ("{inc.target}")',
            (inc.path,)))
    return problems


# ---- Rule 2: third-party headers stay home -------------------------------------------------

def library_of(target):
    for library, names, allowed in THIRD_PARTY:
        for name in names:
            if target == name or (name.endswith("/") and target.startswith(name)):
                return library, allowed
    return None, ()


def check_third_party(includes):
    problems = []
    for inc in includes:
        layer = folder_of(inc.path)
        if inc.quoted or layer in EXEMPT:
            continue
        library, allowed = library_of(inc.target)
        if library and layer not in allowed:
            problems.append(Problem(
                f"{inc.path}:{inc.line}: {layer} must not include {library} <{inc.target}> "
                f"(only {', '.join(allowed)})", (inc.path,)))
    return problems


# ---- Rule 3: no cycles between the modules of a folder -------------------------------------

def module_graph(includes):
    """module -> {module it depends on (same folder): the first include that says so}."""
    graph = defaultdict(dict)
    for inc in sorted(includes):
        if not inc.resolved or folder_of(inc.resolved) != folder_of(inc.path):
            continue
        src, dst = module_of(inc.path), module_of(inc.resolved)
        if src != dst:
            graph[src].setdefault(dst, inc)
            graph.setdefault(dst, {})
    return graph


def components(graph):
    """Strongly connected components (Tarjan's, iterative), each sorted, in a fixed order."""
    index, low, on_stack, stack, result = {}, {}, set(), [], []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    result.append(sorted(group))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return sorted(result)


def shortest_cycle(graph, group):
    """The shortest way from the group's first module back to itself, inside the group."""
    start, members = group[0], set(group)
    parent = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in sorted(graph[node]):
            if child == start:
                path = [node]
                while parent[path[-1]] is not None:
                    path.append(parent[path[-1]])
                return path[::-1] + [start]
            if child in members and child not in parent:
                parent[child] = node
                queue.append(child)
    raise AssertionError(f"no cycle through {start}")


def check_cycles(includes):
    graph = module_graph(includes)
    problems = []
    for group in components(graph):
        if len(group) < 2:
            continue
        cycle = shortest_cycle(graph, group)
        steps = [graph[a][b] for a, b in zip(cycle, cycle[1:])]
        text = (f"cycle in {folder_of(group[0])}: {' -> '.join(cycle)} ("
                + "; ".join(f'{s.path}:{s.line} includes "{s.target}"' for s in steps) + ")")
        if len(group) > len(cycle) - 1:
            text += f" [{len(group)} modules in the component: {', '.join(group)}]"
        problems.append(Problem(text, tuple(sorted({s.path for s in steps}))))
    return problems


# ---- Output --------------------------------------------------------------------------------

def check(root):
    """(problems, number of files, number of includes)."""
    paths = source_files(root)
    includes = read_includes(root, paths)
    problems = check_folders(includes) + check_third_party(includes) + check_cycles(includes)
    return sorted(problems), len(paths), len(includes)


def report(problems, n_files, n_includes):
    lines = [p.text for p in problems]
    if problems:
        files = {f for p in problems for f in p.files}
        lines.append(f"check_layers: {len(problems)} problem(s) in {len(files)} files")
    else:
        lines.append(f"check_layers: ok ({n_files} files, {n_includes} includes)")
    return lines


def edge_counts(root):
    """'a -> b  n' lines: how many quoted includes from folder a reach folder b (a != b)."""
    counts = defaultdict(int)
    for inc in read_includes(root, source_files(root)):
        src, dst = folder_of(inc.path), target_folder(inc)
        if dst and dst != src:
            counts[(src, dst)] += 1
    order = {name: i for i, name in enumerate(KNOWN)}
    key = lambda pair: tuple((order.get(f, len(order)), f) for f in pair)
    return [f"{a} -> {b}  {counts[(a, b)]}" for a, b in sorted(counts, key=key)]


# ---- Self-test -----------------------------------------------------------------------------

SELF_TEST_CLEAN = {
    "core/date.h": '#pragma once\n#include <string>\n',
    "core/date.cpp": '#include "core/date.h"\n#include "vendor/miniz.h"\n',  # not a layer
    "model/row.h": '#include "core/date.h"\n',
    "store/db.h": '#include <SQLiteCpp/Database.h>\n#include "model/row.h"\n',
    "store/db.cpp": '#include "store/db.h"\n#include "store/sql.h"\n#include <sqlite3.h>\n',
    "store/sql.h": '#include "core/date.h"\n',
    "store/sql.cpp": '#include "sql.h"\n',  # found next to the includer
    "net/client.h": '#pragma once\n#include "config/ini.h"\n',
    "net/client.cpp": '#include "net/client.h"\n#include <curl/curl.h>\n',
    "config/ini.h": '#include "model/row.h"\n',
    "collectors/feeds/json.cpp": '#include <simdjson.h>\n#include <Poco/SAX/Parser.h>\n',
    "dashboard/server.cpp": '#include <Poco/Net/HTTPServer.h>\n#include "reports/text.h"\n',
    "reports/text.h": '#include "store/db.h"\n',
    "app/main.cpp": 'const char* accept = "*/*";\n'
                    '#include "dashboard/server.h"\n#include <Poco/Net/Socket.h>\n'
                    '// #include "sim/fake.h"\n/*\n#include "sim/fake.h"\n */\n'
                    'const char* s = "#include \\"sim/fake.h\\"";\n'
                    'const char* r = R"(\n#include "sim/fake.h"\n)";\n',
    "tests/db_test.cpp": '#include "app/main.h"\n#include <curl/curl.h>\n#include <sqlite3.h>\n',
    "build/gen.cpp": '#include "app/main.h"\n',  # ignored by .gitignore
    ".gitignore": "/build/\n",
}
SELF_TEST_BROKEN = dict(SELF_TEST_CLEAN, **{
    "core/date.cpp": '#include "core/date.h"\n\n#include "store/db.h"\n',
    "dashboard/server.cpp": '#include <Poco/Net/HTTPServer.h>\n#include <Poco/DOM/Document.h>\n',
    "net/client.cpp": '#include "net/client.h"\n#include <Poco/Net/Socket.h>\n',
    "config/ini.cpp": '#include <curl/curl.h>\n#include "../net/client.h"\n',
    "reports/render_model.h": '#include "reports/writers.h"\n',
    "reports/writers.h": '#include <string>\n',
    "reports/writers.cpp": '#include "render_model.h"\n',  # found next to the includer
    "sim/a.h": '#include "sim/b.h"\n',
    "sim/b.h": '#include "sim/c.h"\n',
    "sim/c.h": '#include "sim/a.h"\n#include "sim/b.h"\n#include "sim/d.h"\n',
    "sim/d.h": '#include "sim/c.h"\n',  # in the component, not on the cycle shown
    "sim/a.cpp": '#include "sim/a.h"\n#include <simdjson.h>\n',
    "model/row.cpp": '#include "model/row.h"\n#include "../store/gone.h"\n',  # not there
    # Two modules that only use each other from their .cpp files are a ring too.
    "store/sql.cpp": '#include "sql.h"\n#include "store/db.h"\n',
})
SELF_TEST_EXPECTED = [  # sorted, as printed
    'config/ini.cpp:1: config must not include curl <curl/curl.h> (only net)',
    'config/ini.cpp:2: config must not include net ("../net/client.h")',
    'core/date.cpp:3: core must not include store ("store/db.h")',
    'cycle in reports: reports/render_model -> reports/writers -> reports/render_model '
    '(reports/render_model.h:1 includes "reports/writers.h"; '
    'reports/writers.cpp:1 includes "render_model.h")',
    'cycle in sim: sim/a -> sim/b -> sim/c -> sim/a (sim/a.h:1 includes "sim/b.h"; '
    'sim/b.h:1 includes "sim/c.h"; sim/c.h:1 includes "sim/a.h") '
    '[4 modules in the component: sim/a, sim/b, sim/c, sim/d]',
    'cycle in store: store/db -> store/sql -> store/db (store/db.cpp:2 includes "store/sql.h"; '
    'store/sql.cpp:2 includes "store/db.h")',
    'dashboard/server.cpp:2: dashboard must not include Poco XML <Poco/DOM/Document.h> '
    '(only collectors)',
    'model/row.cpp:2: model must not include store ("../store/gone.h")',
    'net/client.cpp:2: net must not include Poco Net <Poco/Net/Socket.h> '
    '(only dashboard, sim, app)',
    'sim/a.cpp:2: sim must not include simdjson <simdjson.h> (only collectors)',
    'check_layers: 10 problem(s) in 13 files',
]
# Files of the broken tree written after `git add`: new files are read too.
SELF_TEST_UNTRACKED = ("sim/a.cpp", "store/sql.cpp")


def layers_are_a_dag():
    seen, done = set(), set()

    def visit(layer):
        if layer in done:
            return True
        if layer in seen:
            return False
        seen.add(layer)
        ok = all(below in LAYERS and visit(below) for below in LAYERS[layer])
        done.add(layer)
        return ok
    return all(visit(layer) for layer in LAYERS)


def write_files(base, files):
    for path, text in files.items():
        full = os.path.join(base, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8") as f:
            f.write(text)


def make_tree(base, files, untracked=()):
    """A git work tree holding files, all added to the index except the untracked ones."""
    write_files(base, {p: t for p, t in files.items() if p not in untracked})
    subprocess.run(["git", "init", "-q", base], check=True, capture_output=True)
    subprocess.run(["git", "-C", base, "add", "-A"], check=True, capture_output=True)
    write_files(base, {p: files[p] for p in untracked})


def run_self(root):
    """Runs this script on a tree the way a user would: (exit status, stdout lines)."""
    done = subprocess.run([sys.executable, os.path.abspath(__file__), root],
                          capture_output=True, text=True)
    return done.returncode, done.stdout.splitlines()


def self_test():
    failures = []
    if not layers_are_a_dag():
        failures.append("LAYERS has a cycle")
    with tempfile.TemporaryDirectory(prefix="check_layers.") as tmp:
        clean, broken = os.path.join(tmp, "clean"), os.path.join(tmp, "broken")
        make_tree(clean, SELF_TEST_CLEAN)
        make_tree(broken, SELF_TEST_BROKEN, SELF_TEST_UNTRACKED)
        # build/gen.cpp is ignored; the includes in comments and strings of app/main.cpp are not
        # includes.
        cases = (("clean tree", clean, 0, ["check_layers: ok (15 files, 25 includes)"]),
                 ("broken tree", broken, 1, SELF_TEST_EXPECTED))
        for name, root, want_status, want_lines in cases:
            status, lines = run_self(root)
            if (status, lines) != (want_status, want_lines):
                failures.append(f"{name}: exit {status}, want {want_status}; got:\n  "
                                + "\n  ".join(lines) + "\nwant:\n  " + "\n  ".join(want_lines))
        os.remove(os.path.join(broken, "sim", "c.h"))  # in git's index, gone from the disk
        status, lines = run_self(broken)
        want = [line for line in SELF_TEST_EXPECTED[:-1] if not line.startswith("cycle in sim")]
        want.append("check_layers: 9 problem(s) in 10 files")
        if (status, lines) != (1, want):
            failures.append("with sim/c.h deleted: got:\n  " + "\n  ".join(lines))
        status, _ = run_self(os.path.join(tmp, "missing"))
        if status != 2:
            failures.append(f"a missing root: exit {status}, want 2")
    for failure in failures:
        print(f"self-test FAILED: {failure}")
    print(f"check_layers self-test: {'ok' if not failures else 'FAILED'}")
    return 1 if failures else 0


# ---- Main ----------------------------------------------------------------------------------

def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("root", nargs="?",
                        default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--list-edges", action="store_true",
                      help="print folder -> folder include counts and exit 0")
    mode.add_argument("--self-test", action="store_true",
                      help="check the checker on small fake trees")
    args = parser.parse_args(argv)
    if args.self_test:
        return self_test()
    if not os.path.isdir(args.root) or shutil.which("git") is None:
        print(f"check_layers: {args.root} is not a folder (or git is missing)", file=sys.stderr)
        return 2
    try:
        if args.list_edges:
            print("\n".join(edge_counts(args.root)))
            return 0
        problems, n_files, n_includes = check(args.root)
    except subprocess.CalledProcessError as e:
        print(f"check_layers: git ls-files failed in {args.root}: "
              f"{e.stderr.decode(errors='replace').strip()}", file=sys.stderr)
        return 2
    print("\n".join(report(problems, n_files, n_includes)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
