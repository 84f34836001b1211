"""Word lists and rule tables are data files, loaded through one loader that checks them
against the schema their module declares (newsevents/data_files.py, issue #17)."""

from __future__ import annotations

import ast
import importlib
import tomllib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import pytest

from newsevents.data_files import DataFileError, load_lists

PACKAGE = Path(__file__).resolve().parent.parent / "newsevents"
# The stages of the coder: their modules may hold no literal word list over ten items.
STAGES = ("actors", "clean", "events", "ingest", "nlp")
STAGE_MODULES = sorted(
    [*(path for stage in STAGES for path in (PACKAGE / stage).rglob("*.py")), PACKAGE / "export.py"]
)
MAX_LITERAL_STRINGS = 10
# Literal collections of more than ten strings that are names of a format's fields or of
# file types, not words the coder reads.
NOT_WORD_LISTS = {
    ("export.py", "GDELT_COLUMNS"): "column names of the GDELT 1.0 event file",
    ("export.py", "_GDELT_INTEGERS"): "GDELT 1.0 columns of type INTEGER",
    ("export.py", "_GDELT_NEEDS"): "event table columns the GDELT export reads",
    ("export.py", "_PLOVER_NEEDS"): "event table columns the PLOVER export reads",
    ("ingest/__init__.py", "SUPPORTED_SUFFIXES"): "file name suffixes the reader accepts",
}
# Word lists still to move, each with why it is not moved yet. Remove an entry with the move.
NOT_YET_MOVED: dict[tuple[str, str], str] = {}
SCHEMA = {"verbs": frozenset[str], "order": tuple[str, ...], "codes": Mapping[str, str]}
GOOD = 'verbs = ["say", "tell"]\norder = ["xcomp", "ccomp"]\n[codes]\n"04" = "036"\n'


def _package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, toml: str) -> str:
    """A throwaway package ``name`` with ``data/words.toml`` holding ``toml``."""
    folder = tmp_path / name
    (folder / "data").mkdir(parents=True)
    (folder / "__init__.py").write_text("")
    (folder / "data" / "words.toml").write_text(toml, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    return name


def test_a_good_file_loads_as_immutable_values(tmp_path, monkeypatch) -> None:
    package = _package(tmp_path, monkeypatch, "wordlists_good", GOOD)
    words = load_lists(package, "words.toml", SCHEMA)
    assert words["verbs"] == frozenset({"say", "tell"})
    assert words["order"] == ("xcomp", "ccomp")
    assert words["codes"] == {"04": "036"} and isinstance(words["codes"], MappingProxyType)
    assert isinstance(words, MappingProxyType)
    assert load_lists(package, "words.toml", SCHEMA) is words  # read once


@pytest.mark.parametrize(
    ("name", "toml", "message"),
    [
        (
            "wordlists_unknown",
            'nuons = ["plan"]\n' + GOOD,
            "wordlists_unknown/data/words.toml: unknown key 'nuons'",
        ),
        (
            "wordlists_missing",
            'verbs = ["say"]\n[codes]\n"04" = "036"\n',
            "wordlists_missing/data/words.toml: missing key 'order'",
        ),
        (
            "wordlists_type",
            GOOD.replace('["say", "tell"]', '"say tell"'),
            "wordlists_type/data/words.toml: key 'verbs': expected a list, got str",
        ),
        (
            "wordlists_item_type",
            GOOD.replace('"tell"]', "3]"),
            "wordlists_item_type/data/words.toml: key 'verbs': expected str, got int",
        ),
        (
            "wordlists_value_type",
            GOOD.replace('"04" = "036"', '"04" = ["036"]'),
            "wordlists_value_type/data/words.toml: key 'codes', '04': expected str, got a list",
        ),
        (
            "wordlists_twice",
            GOOD.replace('"tell"]', '"say"]'),
            "wordlists_twice/data/words.toml: key 'verbs': 'say' is listed twice",
        ),
        (
            "wordlists_syntax",
            "verbs = [say]\n",
            "wordlists_syntax/data/words.toml: cannot read",
        ),
    ],
)
def test_a_bad_file_fails_loudly_naming_file_and_key(
    tmp_path, monkeypatch, name: str, toml: str, message: str
) -> None:
    package = _package(tmp_path, monkeypatch, name, toml)
    with pytest.raises(DataFileError) as error:
        load_lists(package, "words.toml", SCHEMA)
    assert str(error.value).startswith(message)


def _shipped_files() -> list[Path]:
    return sorted(PACKAGE.glob("*/data/*.toml"))


def _owner(path: Path) -> str:
    """The module that reads a stage's data/NAME.toml: newsevents.STAGE.NAME, or the
    stage package itself when NAME is the stage's name (clean/data/clean.toml)."""
    stage, name = path.parent.parent.name, path.stem
    return f"newsevents.{stage}" if name == stage else f"newsevents.{stage}.{name}"


def test_the_shipped_data_files_are_found() -> None:
    names = {f"{path.parent.parent.name}/{path.name}" for path in _shipped_files()}
    assert {"events/modality.toml", "actors/resolve.toml", "clean/html.toml"} <= names


@pytest.mark.parametrize("path", _shipped_files(), ids=lambda path: path.stem)
def test_every_shipped_data_file_loads_in_its_module(path: Path) -> None:
    module = importlib.import_module(_owner(path))
    raw = tomllib.loads(path.read_text("utf-8"))
    assert set(module.WORDS) == set(raw)
    for key, value in module.WORDS.items():
        assert value, f"{path.name}: {key} is empty"


def _string_count(node: ast.AST) -> int:
    """How many strings a literal collection lists: its string elements, those of nested
    literal collections, the words of ``"a b c".split()``, and a dict's keys and values
    when all its values are literals (a table, not a record being built)."""
    if isinstance(node, ast.Constant):
        return int(isinstance(node.value, str))
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return sum(_string_count(item) for item in node.elts if _literal(item))
    if isinstance(node, ast.Dict) and all(_literal(value) for value in node.values):
        keys = [key for key in node.keys if key is not None]
        return sum(_string_count(item) for item in [*keys, *node.values])
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "split"
        and isinstance(node.func.value, ast.Constant)
        and isinstance(node.func.value.value, str)
    ):
        return len(node.func.value.value.split())
    return 0


def _literal(node: ast.AST | None) -> bool:
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.List | ast.Tuple | ast.Set):
        return all(_literal(item) for item in node.elts)
    return False


def _word_lists(source: str) -> list[tuple[str, int]]:
    """(the name a literal of more than ten strings is assigned to, or its line; its size)."""
    found = []
    for statement in ast.parse(source).body:
        targets = getattr(statement, "targets", None) or [getattr(statement, "target", None)]
        names = [t.id for t in targets if isinstance(t, ast.Name)]
        if "__all__" in names:
            continue
        flagged: set[int] = set()
        for node in ast.walk(statement):
            if id(node) in flagged:
                continue
            count = _string_count(node)
            if count > MAX_LITERAL_STRINGS:
                flagged.update(id(inner) for inner in ast.walk(node))
                found.append((names[0] if names else f"line {node.lineno}", count))
    return found


def test_no_stage_module_holds_a_literal_word_list_over_ten_items() -> None:
    """Issue #17's done-when: word lists and rule tables are data files."""
    found = []
    for path in STAGE_MODULES:
        relative = path.relative_to(PACKAGE).as_posix()
        for name, count in _word_lists(path.read_text("utf-8")):
            if (relative, name) not in NOT_WORD_LISTS | NOT_YET_MOVED:
                found.append(f"newsevents/{relative}: {name} ({count} strings)")
    assert not found, "move these to the stage's data/ folder (newsevents/data_files.py):\n" + (
        "\n".join(found)
    )


def test_the_exceptions_are_still_there() -> None:
    """An exception for a name that is gone or no longer large is dropped, not kept."""
    present = {
        (path.relative_to(PACKAGE).as_posix(), name)
        for path in STAGE_MODULES
        for name, _ in _word_lists(path.read_text("utf-8"))
    }
    assert set(NOT_WORD_LISTS) | set(NOT_YET_MOVED) <= present


def test_the_scan_sees_the_shapes_word_lists_come_in() -> None:
    source = (
        "A = frozenset('a b c d e f g h i j k'.split())\n"
        "B = {'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'}\n"
        "C = [('a', 'b'), ('c', 'd'), ('e', 'f'), ('g', 'h'), ('i', 'j'), ('k',)]\n"
        "D = {'a': 'b', 'c': 'd', 'e': 'f', 'g': 'h', 'i': 'j', 'k': 'l'}\n"
        "E = {'a': f(1), 'b': f(2), 'c': f(3), 'd': f(4), 'e': f(5), 'f': f(6)}\n"
        "F = ('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j')\n"
        "__all__ = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k']\n"
    )
    assert [name for name, _ in _word_lists(source)] == ["A", "B", "C", "D"]
