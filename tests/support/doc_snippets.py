# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The task and play snippets of the collection's Markdown docs, as tests run them.

Every fenced ``yaml``/``yml`` block of the docs (``DOC_GLOBS``) is one of:

* a play, or several: a YAML list of mappings that all have ``hosts``;
* a task list: a YAML list of mappings that each have a module key, written as an FQCN
  (``pki.acmpca.acmpca_info``, ``ansible.builtin.assert``) or ``block``;
* anything else (a fragment of a play, role variables, an inventory, an output sample),
  which must be marked ``<!-- snippet: skip (reason) -->`` on the line before its fence.

In ``shell``/``bash``/``sh``/``console`` blocks, each ``ansible localhost -m MODULE -a "ARGS"``
line runs as a one-task snippet (the same module and argument string); other shell lines
are not run.

The marker comment on the line before a fence says how to run the block:

``<!-- snippet: skip (reason) -->``   not run (the reason is required); it must still parse
``<!-- snippet: setup=NAME -->``      the emulator state and variables of setup NAME (``SETUPS``)
``<!-- snippet: expect=failed -->``   the run must fail in an ``assert`` or ``fail`` task whose
                                      condition was false (a deliberate failure)

``setup=`` and ``expect=`` combine (``<!-- snippet: setup=external_grant expect=failed -->``).
A block without a marker runs with setup ``empty`` and must succeed.
"""

import glob
import os
import re
import shlex

import yaml

DOC_GLOBS = ("README.md", "docs/*.md", "roles/*/README.md", "examples/*/README.md")
YAML_LANGUAGES = ("yaml", "yml")
SHELL_LANGUAGES = ("shell", "bash", "sh", "console")
# name: what the test creates in the block's own account, and the variables the block gets.
SETUPS = {
    "empty": "nothing: an account without CAs",
    "active_ca": "one ACTIVE CA: ca_arn is its ARN, ca_arns a list of it; templates/ca-policy.json.j2 is a policy for it",
    "external_grant": "one ACTIVE CA whose policy lets account 444455556666 issue certificates; ca_arn",
    "sharing_run": "the org_sharing role has run (one ACTIVE CA) on a host of the group pca_accounts",
}
EXPECTATIONS = ("ok", "failed")

_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<language>[\w+-]*)[^`]*$")
_MARKER = re.compile(r"^\s*<!--\s*snippet:(?P<body>.*?)-->\s*$")
_MARKER_START = re.compile(r"^\s*<!--\s*snippet\b")
_ADHOC = re.compile(r"^\s*(?:\$\s+)?ansible\s+localhost\b")


class SnippetError(Exception):
    """A doc block the test cannot run as written, or a bad marker: ``where`` is file:line."""

    def __init__(self, where, message):
        super().__init__("%s: %s" % (where, message))
        self.where = where


class Block:
    """One fenced block: its file (relative to the repo root), the line of its opening
    fence (1-based), language, text (dedented to the fence) and marker."""

    def __init__(self, path, line, language, text, marker):
        self.path = path
        self.line = line
        self.language = language
        self.text = text
        self.marker = marker

    @property
    def where(self):
        return "%s:%d" % (self.path, self.line)


class Marker:
    def __init__(self, skip=None, setup="empty", expect="ok"):
        self.skip = skip
        self.setup = setup
        self.expect = expect


class Snippet:
    """A runnable block (or one ad-hoc line of a shell block): ``kind`` is ``play`` or
    ``tasks``, ``data`` the parsed plays or tasks."""

    def __init__(self, where, kind, data, setup, expect, text):
        self.where = where
        self.kind = kind
        self.data = data
        self.setup = setup
        self.expect = expect
        self.text = text

    def __repr__(self):
        return "Snippet(%s, %s, setup=%s, expect=%s)" % (self.where, self.kind, self.setup, self.expect)


def doc_files(root):
    """The Markdown files the snippets come from, relative to ``root``, sorted."""
    found = set()
    for pattern in DOC_GLOBS:
        found.update(os.path.relpath(path, root) for path in glob.glob(os.path.join(root, pattern)))
    return sorted(found)


def parse_marker(where, body):
    """The marker's settings from its body (the text between ``snippet:`` and ``-->``)."""
    body = body.strip()
    skip = re.match(r"^skip\s*\((?P<reason>.*)\)$", body, re.S)
    if skip:
        if not skip.group("reason").strip():
            raise SnippetError(where, "a skip marker needs a reason: <!-- snippet: skip (why it does not run) -->")
        return Marker(skip=skip.group("reason").strip())
    if body.startswith("skip"):
        raise SnippetError(where, "write a skip marker as <!-- snippet: skip (reason) -->, got %r" % body)
    settings = {}
    for token in body.split():
        key, sep, value = token.partition("=")
        if not sep or key not in ("setup", "expect") or key in settings:
            raise SnippetError(where, "unknown or repeated marker setting %r (expected skip (reason), setup=NAME, expect=failed)" % token)
        settings[key] = value
    if not settings:
        raise SnippetError(where, "empty snippet marker")
    marker = Marker(setup=settings.get("setup", "empty"), expect=settings.get("expect", "ok"))
    if marker.setup not in SETUPS:
        raise SnippetError(where, "unknown setup %r (known: %s)" % (marker.setup, ", ".join(sorted(SETUPS))))
    if marker.expect not in EXPECTATIONS:
        raise SnippetError(where, "unknown expect=%s (known: %s)" % (marker.expect, ", ".join(EXPECTATIONS)))
    return marker


def blocks(root, path):
    """Every fenced block of ``path`` (relative to ``root``) with its marker. A marker that
    is not on the line right before a fence is an error."""
    with open(os.path.join(root, path), encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    found = []
    pending = None  # (line number, Marker) of a marker waiting for its fence
    index = 0
    while index < len(lines):
        line = lines[index]
        number = index + 1
        opening = _FENCE.match(line)
        if opening:
            indent, fence = opening.group("indent"), opening.group("fence")
            body = []
            index += 1
            while index < len(lines) and not re.match(r"^[ \t]*%s%s*[ \t]*$" % (re.escape(fence), re.escape(fence[0])), lines[index]):
                body.append(lines[index][len(indent):] if lines[index].startswith(indent) else lines[index].lstrip())
                index += 1
            if index >= len(lines):
                raise SnippetError("%s:%d" % (path, number), "fenced block is never closed")
            marker = Marker()
            if pending is not None:
                if pending[0] != number - 1:
                    raise SnippetError("%s:%d" % (path, pending[0]), "a snippet marker must be on the line right before a fence")
                marker = pending[1]
                pending = None
            found.append(Block(path, number, opening.group("language").lower(), "\n".join(body) + "\n", marker))
        elif _MARKER_START.match(line):
            if pending is not None:
                raise SnippetError("%s:%d" % (path, pending[0]), "a snippet marker must be on the line right before a fence")
            match = _MARKER.match(line)
            if not match:
                raise SnippetError("%s:%d" % (path, number), "a snippet marker is one line: <!-- snippet: ... -->")
            pending = (number, parse_marker("%s:%d" % (path, number), match.group("body")))
        index += 1
    if pending is not None:
        raise SnippetError("%s:%d" % (path, pending[0]), "a snippet marker must be on the line right before a fence")
    return found


def _has_module_key(task):
    return any(isinstance(key, str) and ("." in key or key == "block") for key in task)


def classify(block):
    """``(kind, data)`` of a yaml block: ``("play", plays)``, ``("tasks", tasks)`` or
    ``(None, data)`` when it is neither. YAML that does not parse is an error."""
    try:
        data = yaml.safe_load(block.text)
    except yaml.YAMLError as exc:
        raise SnippetError(block.where, "the YAML does not parse: %s" % exc)
    if isinstance(data, list) and data and all(isinstance(item, dict) for item in data):
        if all("hosts" in item for item in data):
            return "play", data
        if all("hosts" not in item and _has_module_key(item) for item in data):
            return "tasks", data
    return None, data


def adhoc_task(where, line):
    """The task an ``ansible localhost [-i INVENTORY] -m MODULE [-a ARGS]`` line runs, as a task
    mapping (the inventory is the runner's own localhost)."""
    words = shlex.split(re.sub(r"^\s*\$\s+", "", line), comments=True)
    options = {}
    rest = words[2:]
    while rest:
        if rest[0] in ("-i", "-m", "-a") and len(rest) > 1 and rest[0] not in options:
            options[rest[0]] = rest[1]
            rest = rest[2:]
        else:
            raise SnippetError(where, "cannot run this ad-hoc line as a task (only -i INVENTORY, -m MODULE and -a ARGS are understood; "
                                      "mark the block <!-- snippet: skip (reason) --> otherwise): %s" % line.strip())
    if "-m" not in options:
        raise SnippetError(where, "ad-hoc line without -m MODULE: %s" % line.strip())
    return {"name": line.strip(), options["-m"]: options.get("-a")}


def snippets(root, path):
    """``(snippets, errors)`` of one doc file: the runnable snippets, and a ``SnippetError``
    for each yaml block that is neither runnable nor marked skip, and for any marker or
    YAML error (a marker error ends the file's reading)."""
    found = []
    errors = []
    try:
        file_blocks = blocks(root, path)
    except SnippetError as exc:
        return found, [exc]
    for block in file_blocks:
        try:
            found.extend(_block_snippets(path, block))
        except SnippetError as exc:
            errors.append(exc)
    return found, errors


def _block_snippets(path, block):
    if block.language in YAML_LANGUAGES:
        kind, data = classify(block)
        if block.marker.skip is not None:
            return []
        if kind is None:
            raise SnippetError(block.where, "neither a play (a list of mappings with hosts) nor a task list (a list of "
                                            "mappings with an FQCN module key): run it, or mark it "
                                            "<!-- snippet: skip (reason) --> on the line before the fence")
        return [Snippet(block.where, kind, data, block.marker.setup, block.marker.expect, block.text)]
    if block.language in SHELL_LANGUAGES:
        if block.marker.skip is not None:
            return []
        found = []
        for offset, line in enumerate(block.text.splitlines()):
            if _ADHOC.match(line):
                where = "%s:%d" % (path, block.line + 1 + offset)
                found.append(Snippet(where, "tasks", [adhoc_task(where, line)], block.marker.setup, block.marker.expect, line + "\n"))
        return found
    if block.marker.skip is None and (block.marker.setup != "empty" or block.marker.expect != "ok"):
        raise SnippetError(block.where, "a %s block is not run: its setup/expect marker has no effect" % (block.language or "plain"))
    return []


def collect(root):
    """``(snippets, errors)`` over every doc file (``doc_files``)."""
    found = []
    errors = []
    for path in doc_files(root):
        file_snippets, file_errors = snippets(root, path)
        found.extend(file_snippets)
        errors.extend(file_errors)
    return found, errors


def profiles_named(snippet):
    """The AWS profile names a snippet names literally (``profile: NAME``, ``profile=NAME``)."""
    return sorted(set(re.findall(r"\bprofile\s*[:=]\s*[\"']?([A-Za-z0-9_.@-]+)", snippet.text)))
