"""The patterns and the learned model together (events/combine.py), with a stand-in model
whose answers are fixed: what each side contributes and what is refused."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

import pytest

from newsevents.api import code_text
from newsevents.events.learned import Guess, Span

DAY = date(2024, 3, 4)


class StandInModel:
    """Answers like the learned model: triggers and roles found by their words."""

    def __init__(self, triggers: dict[str, tuple[str, float]], roles: dict[str, Guess]) -> None:
        self.trigger_words = triggers  # word -> (root, probability)
        self.role_answers = roles  # trigger word -> guess (spans given as words, see _locate)

    def triggers(self, texts: Sequence[str]) -> list[list[tuple[Span, str]]]:
        found = []
        for text in texts:
            spans = []
            for word, (root, probability) in self.trigger_words.items():
                if word in text:
                    start = text.index(word)
                    spans.append((Span(start, start + len(word), probability), root))
            found.append(spans)
        return found

    def roles(self, requests: Sequence[tuple[str, int, int]]) -> list[Guess]:
        answers = []
        for text, start, end in requests:
            guess = self.role_answers.get(text[start:end])
            if guess is None:
                answers.append(
                    Guess(Span(start, end, 1.0), "01", None, "asserted", 0.1, None, None)
                )
                continue
            answers.append(
                replace(
                    guess,
                    trigger=Span(start, end, 1.0),
                    source=_locate(text, guess.source),
                    target=_locate(text, guess.target),
                )
            )
        return answers


def _locate(text: str, span: Span | None) -> Span | None:
    """Stand-in spans carry their words as (start=-1, end=index into WORDS)."""
    if span is None:
        return None
    words = WORDS[span.end]
    start = text.index(words)
    return Span(start, start + len(words), span.probability)


WORDS = [
    "Uganda",
    "Russia",
    "the Norwegian frigate",
    "the moon",
    "Japanese police",
    "Tokyo",
    "the BBC",
    "Kenyan police",
    "Kenya's president",
    "Ugandan troops",
]


def role(root: str, source: int | None, target: int | None, p: float = 0.9) -> Guess:
    return Guess(
        trigger=Span(0, 0, 1.0),
        root=root,
        plover=None,
        modality="asserted",
        kind_probability=p,
        source=Span(-1, source, p) if source is not None else None,
        target=Span(-1, target, p) if target is not None else None,
    )


@pytest.fixture()
def with_stand_in(coder):
    def make(triggers, roles):
        return replace(coder, model=StandInModel(triggers, roles))

    return make


def test_a_pattern_event_takes_the_models_target(with_stand_in) -> None:
    coder = with_stand_in({}, {"recalled its envoy": role("16", None, 0)})
    [event] = code_text("Kenya recalled its envoy in Uganda.", date=DAY, coder=coder)
    assert (event.cameo, event.source.code, event.target and event.target.code) == (
        "161",
        "KEN",
        "UGA",
    )
    assert event.by == "both"


def test_a_co_subject_the_model_reads_as_target_makes_a_joint_act_short_of_force(
    with_stand_in,
) -> None:
    text = "Uganda and Russia failed to reach agreement on a trade deal."
    coder = with_stand_in({}, {"failed to reach": role("12", 0, 1)})
    pairs = {
        (e.source.code, e.target and e.target.code) for e in code_text(text, date=DAY, coder=coder)
    }
    assert pairs == {("UGA", "RUS"), ("RUS", "UGA")}
    # allies who strike together do not strike each other, whatever the model reads
    text = "Uganda and Russia launched air strikes overnight."
    coder = with_stand_in({}, {"launched air strikes": role("19", 0, 1)})
    events = code_text(text, date=DAY, coder=coder)
    assert {e.source.code for e in events} == {"UGA", "RUS"}
    assert all(e.target is None for e in events)


def test_a_participle_describing_a_noun_is_no_model_trigger(with_stand_in) -> None:
    coder = with_stand_in({"accused": ("11", 0.9)}, {"accused": role("11", 0, 1)})
    text = "Uganda will hand accused smugglers to Russia."
    assert [e for e in code_text(text, date=DAY, coder=coder) if e.by == "model"] == []
    # after the noun, and with no one named as doing it, it describes too
    coder = with_stand_in({"assigned": ("06", 0.9)}, {"assigned": role("06", 0, 1)})
    text = "Uganda sent home the engineers assigned to projects in Russia."
    assert [e for e in code_text(text, date=DAY, coder=coder) if e.by == "model"] == []
    coder = with_stand_in({"accused": ("11", 0.9)}, {"accused": role("11", 0, 1)})
    # the same trigger as the verb of the sentence is an event
    text = "Uganda accused Russia of smuggling."
    assert [e.cameo_root for e in code_text(text, date=DAY, coder=coder)] == ["11"]


def test_a_verb_of_thinking_or_describing_reports_no_model_event(with_stand_in) -> None:
    coder = with_stand_in({"characterized": ("11", 0.9)}, {"characterized": role("11", 0, 1)})
    text = "Uganda characterized its talks with Russia as routine."
    assert [e for e in code_text(text, date=DAY, coder=coder) if e.by == "model"] == []
    coder = with_stand_in({"criticized": ("11", 0.9)}, {"criticized": role("11", 0, 1)})
    text = "Uganda sharply criticized Russia over the talks."
    assert [e.cameo_root for e in code_text(text, date=DAY, coder=coder)] == ["11"]


def test_a_model_event_between_coordinated_subjects_goes_both_ways(with_stand_in) -> None:
    coder = with_stand_in({"conferred": ("04", 0.9)}, {"conferred": role("04", 0, 1)})
    events = code_text("Uganda and Russia conferred on Sunday.", date=DAY, coder=coder)
    assert {(e.source.code, e.target and e.target.code, e.by) for e in events} == {
        ("UGA", "RUS", "model"),
        ("RUS", "UGA", "model"),
    }


def test_the_model_adds_an_event_where_no_pattern_fires(with_stand_in) -> None:
    coder = with_stand_in({"shadowed": ("15", 0.9)}, {"shadowed": role("15", 1, 2)})
    text = "Russia shadowed the Norwegian frigate in the Barents Sea."
    [event] = code_text(text, date=DAY, coder=coder)
    assert (event.cameo, event.source.code, event.target.code, event.by) == (
        "150",
        "RUS",
        "NORMIL",
        "model",
    )
    assert event.modality == "asserted" and event.evidence.trigger == "shadowed"


def test_the_model_is_refused_below_its_thresholds_and_without_an_actor(with_stand_in) -> None:
    text = "Russia shadowed the Norwegian frigate in the Barents Sea."
    unsure = with_stand_in({"shadowed": ("15", 0.3)}, {"shadowed": role("15", 1, 2)})
    assert code_text(text, date=DAY, coder=unsure) == []
    no_actor = with_stand_in({"shadowed": ("15", 0.9)}, {"shadowed": role("15", None, 2)})
    assert code_text(text, date=DAY, coder=no_actor) == []
    # a target span that is no actor mention adds nothing to a pattern event
    moon = with_stand_in({}, {"recalled its envoy": role("16", None, 3)})
    [event] = code_text("Kenya recalled its envoy to the moon.", date=DAY, coder=moon)
    assert event.target is None and event.by == "both"


def test_untargeted_sets_what_a_model_event_with_no_target_needs(with_stand_in) -> None:
    text = "Russia shadowed the Norwegian frigate in the Barents Sea."
    alone = with_stand_in({"shadowed": ("15", 0.97)}, {"shadowed": role("15", 1, None)})
    [event] = code_text(text, date=DAY, coder=alone)  # 0.97 clears the default (0.95)
    assert (event.source.code, event.target, event.by) == ("RUS", None, "model")
    stricter = replace(alone, model_use=replace(alone.model_use, untargeted=0.99))
    assert code_text(text, date=DAY, coder=stricter) == []
    never = replace(alone, model_use=replace(alone.model_use, untargeted=None))
    assert code_text(text, date=DAY, coder=never) == []


def test_the_subject_of_a_passive_or_of_suffer_is_no_source(with_stand_in) -> None:
    # the model reads the passive subject as the doer: the parse says it is the patient
    passive = with_stand_in({"shadowed": ("15", 0.9)}, {"shadowed": role("15", 1, 2)})
    text = "Russia was shadowed by the Norwegian frigate in the Barents Sea."
    assert [e for e in code_text(text, date=DAY, coder=passive) if e.by == "model"] == []
    # the same roles on the active sentence are an event (the rule is about the voice)
    assert code_text(text.replace("was shadowed by", "shadowed"), date=DAY, coder=passive)
    suffered = with_stand_in({"suffered": ("18", 0.9)}, {"suffered": role("18", 0, 1)})
    text = "Uganda suffered heavy losses in fighting with Russia."
    assert [e for e in code_text(text, date=DAY, coder=suffered) if e.by == "model"] == []


def test_the_object_of_an_active_verb_is_no_source(with_stand_in) -> None:
    # the model reads the one told as the teller: the parse says it is the object
    told = with_stand_in({"told": ("11", 0.97)}, {"told": role("11", 6, 7)})
    text = "He told the BBC that Kenyan police had lied."
    assert [e for e in code_text(text, date=DAY, coder=told) if e.by == "model"] == []
    # as the subject, the same span is the source
    said = with_stand_in({"accused": ("11", 0.97)}, {"accused": role("11", 6, 7)})
    [event] = code_text("On Monday the BBC accused Kenyan police.", date=DAY, coder=said)
    assert event.source.code.endswith("MED")


def test_a_name_inside_a_laws_name_is_no_target_and_making_a_law_no_event(
    with_stand_in,
) -> None:
    studied = with_stand_in({"studied": ("05", 0.9)}, {"studied": role("05", 8, 0)})
    text = "Kenya's president studied the Uganda Border Act."
    assert code_text(text, date=DAY, coder=studied) == []
    [event] = code_text("Kenya's president studied Uganda.", date=DAY, coder=studied)
    assert event.target is not None and event.target.code == "UGA"
    signed = with_stand_in({"signed": ("05", 0.99)}, {"signed": role("05", 8, None, 0.99)})
    text = "Kenya's president signed the finance bill."
    assert [e for e in code_text(text, date=DAY, coder=signed) if e.by == "model"] == []
    # what the law does is not yet done: a target inside it does not make it an act
    budget = with_stand_in({"signed": ("05", 0.99)}, {"signed": role("05", 8, 0, 0.99)})
    text = "Kenya's president signed a budget that cuts aid to Uganda."
    assert [e for e in code_text(text, date=DAY, coder=budget) if e.by == "model"] == []


def test_saying_that_an_act_happened_is_no_act_towards_its_doer(with_stand_in) -> None:
    confirmed = with_stand_in({"confirmed": ("11", 0.97)}, {"confirmed": role("11", 8, 9)})
    text = "Kenya's president confirmed Ugandan troops had shelled the border town."
    events = code_text(text, date=DAY, coder=confirmed)
    assert [e for e in events if e.by == "model"] == []
    assert any(e.source.code == "UGAMIL" and e.cameo[:2] == "19" for e in events)
    # with no event in what was confirmed, the model's reading stands
    text = "Kenya's president confirmed Ugandan troops were liars."
    [event] = code_text(text, DAY, coder=confirmed)
    assert (event.by, event.target and event.target.code) == ("model", "UGAMIL")


def test_a_plain_speech_verb_is_no_event_of_the_models(with_stand_in) -> None:
    # "said", "told": what is said is the event; the patterns code accusing words
    said = with_stand_in({"said": ("11", 0.97)}, {"said": role("11", 8, 9)})
    text = "Kenya's president said Ugandan troops were liars."
    assert [e for e in code_text(text, date=DAY, coder=said) if e.by == "model"] == []


def test_a_place_of_the_sources_own_country_is_no_target(with_stand_in) -> None:
    text = "Japanese police combed a district of Tokyo."
    coder = with_stand_in({"combed": ("17", 0.97)}, {"combed": role("17", 4, 5)})
    [event] = code_text(text, date=DAY, coder=coder)
    assert (event.source.code, event.target, event.by) == ("JPNCOP", None, "model")
    # a foreign capital stays a target
    abroad = with_stand_in({"combed": ("17", 0.97)}, {"combed": role("17", 4, 0)})
    [event] = code_text("Japanese police combed Uganda.", date=DAY, coder=abroad)
    assert event.target is not None and event.target.code == "UGA"


# --- the shipped model -----------------------------------------------------------------------


def test_the_shipped_model_finds_triggers_and_roles_in_plain_news(shipped_coder) -> None:
    model = shipped_coder.model
    text = "Kenyan police fired tear gas at hundreds of opposition supporters in Nairobi."
    [spans] = model.triggers([text])
    first = min(spans, key=lambda item: item[0].start)[0]
    assert text[first.start : first.end].startswith("fired")
    [guess] = model.roles([(text, first.start, first.end)])
    assert guess.source is not None and text[guess.source.start : guess.source.end] == (
        "Kenyan police"
    )
    assert (
        guess.target is not None
        and "opposition supporters" in text[guess.target.start : guess.target.end]
    )
    assert guess.root == "17"


def test_the_shipped_coder_fills_a_target_the_patterns_miss(shipped_coder, coder) -> None:
    text = "Kenya recalled its ambassador over remarks about Somalia."
    [alone] = code_text(text, date=DAY, coder=coder)
    assert alone.target is None and alone.by == "pattern"
    [together] = code_text(text, date=DAY, coder=shipped_coder)
    assert (together.target and together.target.code, together.by) == ("SOM", "both")


def test_the_shipped_model_codes_a_sentence_the_same_in_any_batch(shipped_coder) -> None:
    # the activation scales are fixed at export: other sentences in the batch change nothing
    model = shipped_coder.model
    text = "Kenyan police fired tear gas at hundreds of opposition supporters in Nairobi."
    others = [
        "Fighting broke out again on Tuesday as both armies shelled the border towns and "
        "thousands of families fled north toward the capital.",
        "The minister said talks would resume next week.",
    ]
    [alone] = model.triggers([text])
    in_batch = model.triggers([*others, text])[-1]
    assert [(s.start, s.end, root) for s, root in alone] == [
        (s.start, s.end, root) for s, root in in_batch
    ]
    assert all(
        abs(a.probability - b.probability) < 1e-6
        for (a, _), (b, _) in zip(alone, in_batch, strict=True)
    )
