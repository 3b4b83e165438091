"""Front matter: the fields a file states about itself above its body.

Three forms reach the readers:

- YAML between ``---`` lines at the very top of a Markdown file (Jekyll, Hugo, Hexo), found
  by mdit-py-plugins' front-matter rule, or of a text file; TOML between ``+++`` lines (Hugo);
- the archive's own header, an HTML comment at the top (``<!--yml`` then ``category:`` and
  ``date:`` lines, ``-->``); in translated copies its keys are translated too
  (``日期：2024-07-01 18:18:17``, ``类别：未分类``), and now and then its closing ``-->`` was
  lost, so that the comment would run to the end of the file;
- an HTML page's ``<meta>`` tags (``article:published_time``, ``author``, ``keywords``).

Each becomes one block of kind ``front_matter`` whose text is the fields' source; what the
fields mean is read by :mod:`digestparse.metadata`.  A body is front matter only where it reads
as fields (:func:`read_fields`): a file that merely starts with a rule (``---``) or a comment
keeps those as the reader would otherwise read them.
"""

from __future__ import annotations

import json
import re

import yaml

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

# Front matter longer than this is no header but a document (and YAML of that size is slow).
MAX_FRONT_MATTER = 64_000
# Where front matter between fences must close, at the latest (in lines).
FRONT_MATTER_LINES = 200
# The fences of front matter: opening line -> the lines that may close it.
_FENCES = {"---": ("---", "..."), "+++": ("+++",)}

# One field on a line of its own: a short key, an ASCII or a full-width colon, the value.  An
# optional "> " in front: translation tools now and then quote a header's lines.
_FIELD_LINE = re.compile(r"^(?:>\s*)?([A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff .-]{0,30}?)\s*[:：]\s*(.*?)\s*$")
# A value's item on a line of its own, below its key ("tags:" then "- a").
_ITEM_LINE = re.compile(r"^\s*[-*]\s+(.*?)\s*$")


def _lenient_fields(body: str) -> dict[str, object] | None:
    """Fields read line by line, where the body is no valid YAML (``title: A: B``, ``日期：…``,
    an unclosed quote or bracket): ``key: value`` lines (or ``key：value``), ``- item`` lines
    below an empty key (``- name: A`` a mapping), and a flow list (``[a, b``, closed or not).
    Indented lines under a key are its nested value: a list item's fields, else left unread.
    None where a line is none of these.

    >>> _lenient_fields("title: Ten papers: a list\\ntags:\\n- nlp\\n- vision")
    {'title': 'Ten papers: a list', 'tags': ['nlp', 'vision']}
    >>> _lenient_fields("日期：2024-07-01 18:18:17\\n\\n类别：未分类")
    {'日期': '2024-07-01 18:18:17', '类别': '未分类'}
    >>> _lenient_fields("tags: [nlp, 'cv'\\nauthor:\\n  - name: A\\n    affiliation: MIT\\n  - B")
    {'tags': ['nlp', 'cv'], 'author': [{'name': 'A', 'affiliation': 'MIT'}, 'B']}
    >>> _lenient_fields("Some words of a paragraph.") is None
    True
    """
    fields: dict[str, object] = {}
    key = None
    for line in body.split("\n"):
        if not line.strip():
            continue
        value = fields.get(key) if key is not None else None
        item = _ITEM_LINE.match(line)
        if item and isinstance(value, list):
            inner = _FIELD_LINE.match(item.group(1))
            value.append({inner.group(1).strip(): inner.group(2)} if inner else item.group(1))
            continue
        if key is not None and line[0] in " \t":  # a nested value's line
            inner = _FIELD_LINE.match(line.strip())
            if inner and isinstance(value, list) and value and isinstance(value[-1], dict):
                value[-1][inner.group(1).strip()] = inner.group(2)
            continue
        field = _FIELD_LINE.match(line)
        if field is None:
            return None
        key, text = field.group(1).strip(), field.group(2)
        fields[key] = _flow_list(text) if text.startswith("[") else text if text else []
    return fields or None


def _flow_list(text: str) -> list[str]:
    """The items of a YAML flow list, closed or not: ``[a, "b"`` -> ``['a', 'b']``."""
    inner = text[1:].removesuffix("]")
    return [part.strip().strip("'\"") for part in inner.split(",") if part.strip().strip("'\"")]


class _TextLoader(yaml.SafeLoader):
    """YAML's safe loader that reads a plain scalar as the text it is, not as a number or a
    truth value (a title ``1.10`` had become ``1.1``, ``yes`` ``True``, ``12:30`` the sexagesimal
    ``750``, ``0x1F`` ``31``); dates, lists, mappings and empty values are read as YAML reads them."""


_TextLoader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_fields(body: str) -> dict[str, object] | None:
    """The fields of a front matter's body, or None where it reads as no fields.

    YAML first (dates come back as dates, lists as lists, other values as the text they are:
    :class:`_TextLoader`); where that fails
    or gives no mapping, plain ``key: value`` lines (:func:`_lenient_fields`), then TOML
    (``key = value``, Hugo's other syntax).  Keys are strings.

    >>> read_fields("category: 未分类\\n\\ndate: 2024-07-01 18:18:17\\n")
    {'category': '未分类', 'date': datetime.datetime(2024, 7, 1, 18, 18, 17)}
    >>> read_fields("title: \\"A: B\\"\\ntags: [ml, papers]")
    {'title': 'A: B', 'tags': ['ml', 'papers']}
    >>> read_fields("title: 1.10\\nauthor: [yes, 0x1F]\\nlength: 12:30")
    {'title': '1.10', 'author': ['yes', '0x1F'], 'length': '12:30'}
    >>> read_fields("Just a paragraph between two rules.") is None
    True
    >>> read_fields("- a list\\n- of items") is None
    True
    >>> read_fields('title = "A: B"\\ndate = 2020-05-01\\ntags = ["ml"]')
    {'title': 'A: B', 'date': datetime.date(2020, 5, 1), 'tags': ['ml']}
    """
    if not body.strip() or len(body) > MAX_FRONT_MATTER:
        return None
    try:
        loaded = yaml.load(body, Loader=_TextLoader)  # noqa: S506 - a safe loader
    except (yaml.YAMLError, ValueError, RecursionError):
        # ValueError: YAML dates out of range (date: 2024-13-45); RecursionError: nesting
        loaded = None
    if isinstance(loaded, dict) and loaded:
        return {str(key): value for key, value in loaded.items()}
    lenient = _lenient_fields(body)
    if lenient is not None or "=" not in body:
        return lenient
    try:
        loaded = tomllib.loads(body)
    except (tomllib.TOMLDecodeError, RecursionError):
        return None
    return loaded or None


TITLE_KEYS = ("title", "og:title", "dc.title", "标题", "题目")
"""The fields that state a document's title (compared case-blind, spaces at their edges aside)."""


def states_title(body: str) -> bool:
    """Do the fields of a front matter's body state a title?

    >>> states_title("title: Ten papers\\ndate: 2020-05-01"), states_title("date: 2020-05-01"), states_title("title:")
    (True, False, False)
    """
    fields = read_fields(body) or {}
    return any(key.strip().lower() in TITLE_KEYS and value not in (None, "", []) for key, value in fields.items())


def fenced_header(lines: list[str]) -> tuple[int, str] | None:
    """Front matter between fences at the top of a file: ``---`` lines (YAML) or ``+++`` lines
    (TOML); how many of ``lines`` it takes and the text of its fields, or None where the file
    has none (no closing fence within :data:`FRONT_MATTER_LINES`, or a body that reads as no
    fields: a rule, a paragraph, a rule).

    >>> fenced_header(["+++", 'title = "T"', "+++", "", "Body."])
    (3, 'title = "T"')
    >>> fenced_header(["---", "Some words.", "---"]) is None
    True
    """
    closing = _FENCES.get(lines[0].strip()) if lines else None
    if closing is None:
        return None
    for end in range(1, min(len(lines), FRONT_MATTER_LINES)):
        if lines[end].strip() in closing:
            body = "\n".join(lines[1:end])
            return (end + 1, body) if read_fields(body) is not None else None
    return None


# The archive's header comment: "<!--yml" (or "<!--") on its own line.
_HEADER_OPEN = re.compile(r"^\s*<!--(?:\s*ya?ml)?\s*$", re.IGNORECASE)


def comment_header(lines: list[str]) -> tuple[int, str] | None:
    """A header written as an HTML comment at the top of a Markdown file: how many of ``lines``
    it takes (its closing ``-->`` included) and the text of its fields; None where it is no such
    header.

    The header ends at ``-->``, at a second ``<!--`` (a damaged copy's closing), or before the
    first line that is no field: so an unclosed header does not take the article with it.

    >>> comment_header(["<!--yml", "", "category: 未分类", "", "date: 2024-07-01 18:18:17", "", "-->", "", "# T"])
    (7, '\\ncategory: 未分类\\n\\ndate: 2024-07-01 18:18:17\\n')
    >>> comment_header(["<!--yml", "日期：2024-07-01", "<!--", "", "# 标题", "正文"])
    (3, '日期：2024-07-01')
    >>> comment_header(["<!-- a note to self -->", "# T"]) is None
    True
    """
    if not lines or not _HEADER_OPEN.match(lines[0]):
        return None
    body: list[str] = []
    taken = len(lines)
    for index, line in enumerate(lines[1:], 1):
        stripped = line.strip()
        if stripped.startswith("-->") or _HEADER_OPEN.match(line):
            taken = index + 1
            break
        if stripped.endswith("-->"):
            body.append(stripped[:-3])
            taken = index + 1
            break
        if stripped and not (_FIELD_LINE.match(line) or _ITEM_LINE.match(line)):
            taken = index
            break
        body.append(line)
    text = "\n".join(body)
    return (taken, text) if read_fields(text) else None


def fields_text(fields: dict[str, object]) -> str:
    """Fields written as YAML that :func:`read_fields` reads back (each value in JSON form, which
    is YAML too): the text of a ``front_matter`` block made from other sources (an HTML page's
    ``<meta>`` tags).

    >>> fields = {"date": "2020-05-01", "keywords": ["a: b", "c"]}
    >>> read_fields(fields_text(fields)) == fields
    True
    """
    return "\n".join(f"{json.dumps(key, ensure_ascii=False)}: {json.dumps(value, ensure_ascii=False)}"
                     for key, value in fields.items())
