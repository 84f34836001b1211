"""The README's examples print what the README says they print."""

from __future__ import annotations

import json
import re
from datetime import date

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_code_example_output_is_real(shipped_coder) -> None:
    from newsevents.api import code_text

    example = r'echo "([^"]+)" \\\n\s+\| newsevents code --date (\S+) --doc-id (\S+)'
    command = re.search(example, README)
    assert command, "the README lost its `newsevents code` example"
    text, day, doc_id = command.groups()
    shown = json.loads(re.search(r"```json\n(\{.*?\})\n```", README, re.S).group(1))
    [event] = code_text(text, date=date.fromisoformat(day), doc_id=doc_id, coder=shipped_coder)
    assert event.to_dict() == shown


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
