"""Word lists and rule tables are data files, loaded through one loader that checks them
against the schema their module declares (newsevents/data_files.py, issue #17)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import pytest

from newsevents.data_files import DataFileError, load_lists

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
