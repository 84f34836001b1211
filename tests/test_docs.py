"""The README's examples print what the README says they print."""

from __future__ import annotations

import json
import re
from datetime import date

from conftest import ROOT

from newsevents import __version__

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_code_example_output_is_real(shipped_coder) -> None:
    from newsevents.api import code_text

    example = r'echo "([^"]+)" \\\n\s+\| newsevents code --date (\S+) --doc-id (\S+)'
    command = re.search(example, README)
    assert command, "the README lost its `newsevents code` example"
    text, day, doc_id = command.groups()
    shown = json.loads(re.search(r"```json\n(\{.*?\})\n```", README, re.S).group(1))
    [event] = code_text(text, date=date.fromisoformat(day), doc_id=doc_id, coder=shipped_coder)
    record = event.to_dict()
    # the coder version's hash changes with every change to the patterns or the model:
    # the README shows one, of the right form; the rest of the record is exact
    version, shown_version = record.pop("coder_version"), shown.pop("coder_version")
    assert version.split("+")[0] == shown_version.split("+")[0] == __version__
    assert len(version.split("+")[1]) == len(shown_version.split("+")[1]) == 12
    assert record == shown


def test_readme_modality_examples_are_real(shipped_coder) -> None:
    from newsevents.api import code_text

    found = re.findall(r'"(The United States [^"]+\.)" gives `"modality": "(\w+)"`', README)
    assert len(found) == 2
    for sentence, modality in found:
        [event] = code_text(sentence, coder=shipped_coder)
        assert event.modality == modality, sentence


def test_every_command_is_in_the_readme() -> None:
    from newsevents.cli.main import app

    for command in app.registered_commands:
        name = command.name or command.callback.__name__  # type: ignore[union-attr]
        assert f"newsevents {name}" in README, name
