"""Scoring on hand-made gold and system outputs with known answers, the gold loaders (our
format, PLOVER GSR, PETRARCH XML, actor cases), the reports, the gate logic and the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

from newsevents.cli.eval_cmd import annotate_command, eval_command
from newsevents.evaluation import (
    DocumentGold,
    EvaluationError,
    SentenceGold,
    SystemDocument,
    detect_format,
    load_gold,
    report_errors,
    report_json,
    report_tables,
    score_actor_set,
    score_document_set,
    score_sentence_set,
    sector_matches,
)
from newsevents.evaluation.gate import (
    Baseline,
    GateMetrics,
    check_gate,
    floor_of,
    gate_metrics,
    hand_lowered,
    update_baseline,
)
from newsevents.evaluation.match import actor_matches, country_key, date_matches
from newsevents.evaluation.results import DocumentSetScore, LevelScore
from newsevents.evaluation.text import fuzzy_contains, locate, normalise_with_offsets

SAMPLES = Path(__file__).resolve().parent.parent / "newsevents" / "samples"

# --- a hand-made document and its gold -----------------------------------------------------

TEXT = (
    "The United States imposed new sanctions on Iran on April 8, 2019.\n\n"
    "Russia condemned the American move.\n\n"
    "China and Russia met in Beijing.\n\n"
    "North Korea appears to be preparing a missile test.\n\n"
    "If Iran attacks, Israel will retaliate.\n\n"
    "Trending on HotAir Videos\n\n"
    "Iran’s foreign minister met Qatar's emir."
)
GOLD_DOC = {
    "doc": "doc1",
    "doc_date": "2019-04-22",
    "text": TEXT,
    "events": [
        {
            "id": "g1",
            "required": True,
            "source": ["USA"],
            "target": ["IRN"],
            "root": ["16"],
            "plover": ["SANCTION"],
            "modality": "asserted",
            "date": "2019-04-08",
            "evidence": "The United States imposed new sanctions on Iran",
        },
        {
            "id": "g2",
            "required": True,
            "source": ["RUS"],
            "target": ["USA"],
            "root": ["11"],
            "plover": ["ACCUSE"],
            "modality": "asserted",
            "date": "2019-04",
            "evidence": "Russia condemned the American move.",
        },
        {
            "id": "g3",
            "required": False,
            "source": ["CHN"],
            "target": ["RUS"],
            "root": ["04"],
            "plover": ["CONSULT"],
            "modality": "asserted",
            "date": None,
            "evidence": "China and Russia met in Beijing",
        },
        {
            "id": "g4",
            "required": True,
            "source": ["PRK"],
            "target": ["*"],
            "root": ["15"],
            "plover": ["MOBILIZE"],
            "modality": "speculative",
            "date": None,
            "evidence": "North Korea appears to be preparing a missile test",
        },
    ],
    "must_not_assert": [
        {
            "source": ["ISR"],
            "target": ["IRN"],
            "root": ["18", "19"],
            "evidence": "Israel will retaliate",
            "why": "conditional",
        },
    ],
    "boilerplate": ["Trending on HotAir Videos", "Advertisement"],
}


def sentence_span(text: str, fragment: str) -> tuple[int, int, str]:
    """The paragraph of ``text`` holding ``fragment``: start, end, sentence text."""
    start = text.index(fragment)
    begin = text.rfind("\n", 0, start) + 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return begin, end, text[begin:end]


def event(
    fragment: str,
    source: str,
    target: str | None,
    cameo: str,
    plover: str | None,
    modality: str = "asserted",
    day: str | None = None,
    text: str = TEXT,
    doc_id: str = "doc1",
) -> dict[str, Any]:
    """A system event record on the sentence holding ``fragment``."""
    start, end, sentence = sentence_span(text, fragment)
    return {
        "doc_id": doc_id,
        "source": {"code": source, "country": source[:3], "text": source},
        "target": {"code": target, "country": target[:3], "text": target} if target else None,
        "cameo": cameo,
        "cameo_root": cameo[:2],
        "plover": plover,
        "modality": modality,
        "date": day,
        "evidence": {"text": sentence, "start": start, "end": end, "trigger": fragment},
        "confidence": 0.8,
    }


SYSTEM_EVENTS = [
    # s1 right at every level
    event("imposed new sanctions", "USAGOV", "IRN", "163", "SANCTION", day="2019-04-08"),
    # s2 reversed dyad of g2
    event("Russia condemned", "USA", "RUS", "111", "ACCUSE", day="2019-04-22"),
    # s3 matches the optional g3: neither rewarded nor penalised
    event("China and Russia met", "CHN", "RUS", "040", "CONSULT"),
    # s4 found, but asserted where the gold says speculative
    event("missile test", "PRK", None, "150", "MOBILIZE", modality="asserted"),
    # s5 asserts a must-not-assert statement
    event("Israel will retaliate", "ISRMIL", "IRN", "190", "ASSAULT"),
    # s6 the same statement, not asserted: neutral
    event("Israel will retaliate", "ISR", "IRNGOV", "190", "ASSAULT", modality="hypothetical"),
    # s7 coded from page furniture
    event("Trending on HotAir", "USA", None, "010", None),
]


def write_gold(tmp_path: Path, documents: list[dict[str, Any]], name: str = "gold.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"about": "test", "documents": documents}), encoding="utf-8")
    return path


def document_score(
    tmp_path: Path, events: list[dict[str, Any]], text: str | None = TEXT
) -> DocumentSetScore:
    gold = load_gold(write_gold(tmp_path, [GOLD_DOC]))
    assert isinstance(gold, DocumentGold)
    return score_document_set(gold, {"doc1": SystemDocument("doc1", tuple(events), text)})


def level(score: Any, name: str) -> LevelScore:
    return next(lv for lv in score.levels if lv.level == name)


# --- document scoring ----------------------------------------------------------------------


def test_document_counts_with_reversed_dyad_optional_and_must_not_assert(tmp_path: Path) -> None:
    score = document_score(tmp_path, SYSTEM_EVENTS)
    assert (score.required, score.optional, score.system_events) == (3, 1, 7)
    assert score.neutral_events == 2  # s3 (optional gold) and s6 (not asserted)
    assert score.reversed_dyads == 1
    assert (score.must_not_assert, score.asserted_must_not) == (1, 1)
    assert (score.boilerplate_lines, score.boilerplate_present, score.boilerplate_events) == (
        2,
        1,
        1,
    )


def test_event_found_needs_sentence_kind_and_source(tmp_path: Path) -> None:
    score = document_score(tmp_path, SYSTEM_EVENTS)
    found = level(score, "event")
    assert (found.gold_found, found.gold_total, found.system_right, found.system_total) == (
        2,
        3,
        2,
        5,
    )
    assert found.precision == pytest.approx(0.4)
    assert found.recall == pytest.approx(2 / 3)
    assert found.f1 == pytest.approx(2 * 0.4 * (2 / 3) / (0.4 + 2 / 3))
    kind = level(score, "kind")  # the reversed dyad is right at sentence + kind
    assert (kind.gold_found, kind.system_total) == (3, 5)
    assert (found.judged, found.correct) == (3, 2)  # source accuracy given sentence + kind


def test_full_event_needs_sentence_kind_source_and_target(tmp_path: Path) -> None:
    score = document_score(tmp_path, SYSTEM_EVENTS)
    assert score.levels[0].level == "full"  # the headline comes first
    full = level(score, "full")
    # g1 whole; g2 only reversed; g4 whole ('*' target accepts none). Right: s1, s4, s3 (the
    # optional g3) and s6 (a must-not-assert statement not asserted); all 7 events count.
    assert (full.gold_found, full.gold_total, full.system_right, full.system_total) == (2, 3, 4, 7)
    with_modality = level(score, "full_modality")  # s4 is asserted, the gold speculative
    assert (with_modality.gold_found, with_modality.system_right) == (1, 3)
    targets = level(score, "targets")  # g1 and g2 name a target; only g1's is found
    assert (targets.gold_found, targets.gold_total) == (1, 2)
    assert score.events_without_target == 2


def test_a_meeting_coded_the_other_way_round_is_whole(tmp_path: Path) -> None:
    document = {**GOLD_DOC, "events": [{**GOLD_DOC["events"][2], "required": True}]}
    gold = load_gold(write_gold(tmp_path, [document]))
    met = event("China and Russia met", "RUS", "CHN", "040", "CONSULT")
    condemned = event("Russia condemned", "USA", "RUS", "111", "ACCUSE")
    score = score_document_set(gold, {"doc1": SystemDocument("doc1", (met, condemned), TEXT)})
    assert (level(score, "full").gold_found, level(score, "full").system_right) == (1, 1)


def test_attribute_levels_are_judged_on_found_events(tmp_path: Path) -> None:
    score = document_score(tmp_path, SYSTEM_EVENTS)
    modality = level(score, "modality")
    assert (modality.gold_found, modality.judged, modality.correct) == (1, 2, 1)
    date_level = level(score, "date")  # g4 has no gold date: not judged, not held against
    assert (date_level.gold_found, date_level.judged, date_level.correct) == (2, 1, 1)
    target = level(score, "target")  # '*' accepts no target
    assert (target.gold_found, target.judged, target.correct) == (2, 2, 2)


def test_errors_list_misses_false_events_and_partials(tmp_path: Path) -> None:
    score = document_score(tmp_path, SYSTEM_EVENTS)
    kinds = sorted(e.kind for e in score.errors)
    assert kinds == ["boilerplate", "false", "must-not-assert", "partial", "reversed dyad"]
    reversed_dyad = next(e for e in score.errors if e.kind == "reversed dyad")
    assert reversed_dyad.gold_id == "g2"
    assert reversed_dyad.sentence == "Russia condemned the American move."
    partial = next(e for e in score.errors if e.kind == "partial")
    assert partial.gold_id == "g4" and "modality" in partial.detail
    lines = report_errors([score])
    assert any(line.startswith("[reversed dyad] doc1 g2") for line in lines)
    assert "    | Russia condemned the American move." in lines


def test_an_asserted_statement_counts_even_when_it_matches_a_gold_event(tmp_path: Path) -> None:
    document = {
        **GOLD_DOC,
        "must_not_assert": [
            {
                "source": ["USA"],
                "root": ["*"],
                "evidence": "imposed new sanctions on Iran",
                "why": "test",
            }
        ],
    }
    gold = load_gold(write_gold(tmp_path, [document]))
    right = event("imposed new sanctions", "USA", "IRN", "163", "SANCTION", day="2019-04-08")
    score = score_document_set(gold, {"doc1": SystemDocument("doc1", (right,), TEXT)})
    assert score.asserted_must_not == 1 and level(score, "event").gold_found == 1
    assert "must-not-assert" in {e.kind for e in score.errors}


def test_no_event_at_all_is_a_miss_with_its_sentence(tmp_path: Path) -> None:
    score = document_score(tmp_path, [])
    misses = [e for e in score.errors if e.kind == "miss"]
    assert [e.gold_id for e in misses] == ["g1", "g2", "g4"]
    assert misses[0].sentence == "The United States imposed new sanctions on Iran on April 8, 2019."
    assert level(score, "event").precision is None and level(score, "event").recall == 0


def test_wrong_kind_on_the_sentence_is_a_miss_and_a_false_event(tmp_path: Path) -> None:
    wrong = event("imposed new sanctions", "USA", "IRN", "042", "CONSULT", day="2019-04-08")
    score = document_score(tmp_path, [wrong])
    assert level(score, "event").gold_found == 0
    assert {e.kind for e in score.errors} == {"miss", "false"}
    assert any("wrong kind" in e.detail for e in score.errors if e.gold_id == "g1")


def test_plover_alone_can_make_the_kind_right(tmp_path: Path) -> None:
    other_root = event("imposed new sanctions", "USA", "IRN", "172", "SANCTION")
    score = document_score(tmp_path, [other_root])
    assert level(score, "event").gold_found == 1
    assert level(score, "root").correct == 0 and level(score, "plover").correct == 1


def test_matching_is_one_to_one(tmp_path: Path) -> None:
    twice = [event("imposed new sanctions", "USA", "IRN", "163", "SANCTION")] * 2
    score = document_score(tmp_path, twice)
    found = level(score, "event")
    assert (found.gold_found, found.system_right, found.system_total) == (1, 1, 2)


def test_two_gold_events_on_one_sentence_each_get_their_event(tmp_path: Path) -> None:
    text = "Both Russia and China have gone to the UN calling for sanctions relief."
    gold = {
        "doc": "d",
        "text": text,
        "events": [
            {
                "id": f"e{n}",
                "source": [code],
                "target": ["IGOUNO", "UNO"],
                "root": ["02"],
                "plover": ["REQUEST"],
                "evidence": "gone to the UN calling for sanctions relief",
            }
            for n, code in enumerate(["RUS", "CHN"])
        ],
    }
    loaded = load_gold(write_gold(tmp_path, [gold]))
    events = [
        event("Russia", code, "IGOUNOSEC", "0254", "REQUEST", text=text, doc_id="d")
        for code in ("CHNGOV", "RUS")
    ]
    score = score_document_set(loaded, {"d": SystemDocument("d", tuple(events), text)})
    assert level(score, "event").gold_found == 2 and level(score, "target").correct == 2


def test_without_clean_text_the_sentence_is_found_fuzzily(tmp_path: Path) -> None:
    score = document_score(tmp_path, SYSTEM_EVENTS, text=None)
    assert level(score, "event").gold_found == 2
    assert score.boilerplate_present is None and score.boilerplate_events == 1


def test_curly_quotes_and_spaces_do_not_hide_the_evidence() -> None:
    text = normalise_with_offsets(TEXT)
    [(start, end)] = locate("Iran's  foreign minister met Qatar’s emir", text)
    assert TEXT[start:end] == "Iran’s foreign minister met Qatar's emir"
    assert fuzzy_contains(
        "Iran's foreign minister met the emir",
        "Iran’s foreign minister met Qatar's emir on Sunday.",
    )
    assert not fuzzy_contains("Russia condemned the move", "China met Vietnam.")


def test_date_is_right_to_the_precision_the_gold_gives() -> None:
    assert date_matches("2019-04", "2019-04-22") and date_matches("2019-04", "2019-04")
    assert not date_matches("2019-04", "2019") and not date_matches("2019-04-22", "2019-04")
    assert date_matches("2018", "2018-11-03") and not date_matches("2018", None)
    assert not date_matches("2019-04-08", "2019-04-09")


def test_actors_match_at_country_level_or_by_igo_code() -> None:
    assert actor_matches(("USA",), {"code": "USAGOV", "country": "USA"})
    assert actor_matches(("IGOUNO",), {"code": "IGOUNOKID", "country": None})
    assert actor_matches(("UNO",), {"code": "IGOUNO", "country": None})
    assert actor_matches(("IGO",), {"code": "IGOAFRAU", "country": None})
    assert not actor_matches(("IGOUNO",), {"code": "IGOEUREEC", "country": None})
    assert actor_matches(("*",), None) and not actor_matches(("USA",), None)
    assert country_key("JAPGOV") == "JPN" and country_key("---") == "*"


# --- the gold loaders ----------------------------------------------------------------------


def test_our_format_reads_text_from_the_corpus_folder(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "doc1.txt").write_text(TEXT, encoding="utf-8")
    document = {k: v for k, v in GOLD_DOC.items() if k != "text"}
    path = tmp_path / "gold" / "g.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"corpus": "../corpus", "documents": [document]}), "utf-8")
    gold = load_gold(path)
    assert isinstance(gold, DocumentGold)
    assert gold.documents[0].text == TEXT and gold.documents[0].day == date(2019, 4, 22)
    assert [e.required for e in gold.documents[0].events] == [True, True, False, True]
    other = tmp_path / "elsewhere"
    other.mkdir()
    with pytest.raises(EvaluationError, match="no text for document 'doc1'"):
        load_gold(path, corpus=other)


def test_seed_gold_loads(shared: Path) -> None:
    gold = load_gold(shared / "gold" / "seeds_000_003.json")
    assert isinstance(gold, DocumentGold) and len(gold.documents) == 2
    assert sum(len(d.must_not_assert) for d in gold.documents) == 7


GSR = [
    {"id": "PLOVER-GSR01-DOCUMENT-0001", "event": "DOCUMENT", "eventText": "docs"},
    {
        "id": "GSR-1",
        "date": "2000-01-01",
        "event": "DEMAND",
        "text": "The US demanded that Iran stop.",
        "source": [{"actorText": "The US", "code": "USA"}],
        "target": [{"actorText": "Iran", "code": "IRN", "sector": "GOV"}],
    },
    {
        "id": "GSR-2",
        "date": "2000-01-01",
        "event": "FIGHT",
        "text": "Japanese troops fought China.",
        "source": [{"actorText": "Japanese troops", "code": "JAP", "sector": "MIL"}],
        "target": [{"actorText": "China", "code": "CHN"}],
    },
    {
        "id": "GSR-3",
        "date": "2000-01-01",
        "event": "AGREE",
        "text": "Jordan and Israel agreed.",
        "source": [{"actorText": "Jordan", "code": "JOR"}, {"actorText": "Israel", "code": "ISR"}],
        "target": "",
    },
]
ROOTS = {"REQUEST": ("10",), "ASSAULT": ("18", "19", "20"), "AGREE": ("03",)}


def gsr_event(record: str, source: str, target: str | None, cameo: str, plover: str) -> dict:
    text = next(r["text"] for r in GSR if r["id"] == record)
    return event(text[:10], source, target, cameo, plover, text=text, doc_id=record)


def test_plover_gsr_maps_old_names_and_skips_the_document_record(tmp_path: Path) -> None:
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(GSR), encoding="utf-8")
    gold = load_gold(path, plover_roots=ROOTS)
    assert isinstance(gold, SentenceGold) and gold.format == "plover-gsr"
    assert gold.skipped == 1 and len(gold.sentences) == 3
    first, second, third = (s.events[0] for s in gold.sentences)
    assert first.plover == ("REQUEST",) and first.roots == ("10",)
    assert second.plover == ("ASSAULT",) and second.source == ("JPN",)
    assert third.source == ("ISR", "JOR") and third.target == ("*",)
    assert gold.sentences[0].day == date(2000, 1, 1)


def test_plover_gsr_scores_per_sentence(tmp_path: Path) -> None:
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(GSR), encoding="utf-8")
    gold = load_gold(path, plover_roots=ROOTS)
    system = {
        "GSR-1": [
            gsr_event("GSR-1", "USAGOV", "IRN", "1041", "REQUEST"),
            gsr_event("GSR-1", "USA", "IRN", "010", None),
        ],
        "GSR-2": [gsr_event("GSR-2", "JPNMIL", "CHN", "190", "ASSAULT")],
    }
    score = score_sentence_set(gold, system)
    plover = level(score, "plover")
    assert (plover.gold_found, plover.gold_total, plover.system_right, plover.system_total) == (
        2,
        3,
        2,
        3,
    )
    assert level(score, "sentence").recall == pytest.approx(2 / 3)
    source = level(score, "source")
    assert (source.system_right, source.system_total) == (3, 3)
    assert [e.kind for e in score.errors] == ["false", "miss"]


def test_default_plover_roots_come_from_the_code_table() -> None:
    from newsevents.evaluation.gold import default_plover_roots

    roots = default_plover_roots()
    assert "19" in roots["ASSAULT"] and "16" in roots["SANCTION"]


PETRARCH_XML = """<Validation>
<Sentences>
<Sentence date="19950101" id="DEMO-01" category="DEMO">
<!-- [Simple coding] <EventCoding sourcecode="XXX" targetcode="YYY" eventcode="999"> -->
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064">
<Text>
Arnor is about to restore full diplomatic ties with Gondor & its allies.
</Text>
<Parse>(ROOT (S (NP (NNP Arnor)) (VP (VBZ is) < stray)))</Parse>
</Sentence>
<Sentence date = "19950102" id = "DEMO-02">
<EventCoding noevents = "True">
<Text>Nothing at all happened in Gondor.</Text>
<Sentence date="19950103" id='DEMO-03'>
<EventCoding sourcecode="USAGOV" targetcode="IGOUNO" eventcode="0234"/>
<EventCoding sourcecode='IRQ' targetcode='---' eventcode='190'>
<Text>US officials praised the UN &amp; Iraq attacked.</Text>
</Sentence>
<Sentence date="19950104" id="DEMO-04"><Skip/><Text>Skip this one.</Text></Sentence>
<Sentence date="19950105" id="DEMO-05"><Stop></Sentence>
<Sentence date="19950106" id="DEMO-06"><Text>After the stop.</Text></Sentence>
"""


def test_petrarch_xml_is_read_leniently(tmp_path: Path) -> None:
    path = tmp_path / "suite.xml"
    path.write_text(PETRARCH_XML, encoding="utf-8")
    assert detect_format(PETRARCH_XML) == "petrarch"
    gold = load_gold(path)
    assert isinstance(gold, SentenceGold) and gold.format == "petrarch"
    assert [s.record_id for s in gold.sentences] == ["DEMO-01", "DEMO-02", "DEMO-03"]
    assert gold.skipped == 1
    first, second, third = gold.sentences
    assert first.text == "Arnor is about to restore full diplomatic ties with Gondor & its allies."
    [coding] = first.events  # the commented-out coding is ignored
    assert (coding.source, coding.target, coding.roots, coding.codes) == (
        ("ARN",),
        ("GON",),
        ("06",),
        ("064",),
    )
    assert second.events == () and second.day == date(1995, 1, 2)
    assert third.text == "US officials praised the UN & Iraq attacked."
    assert [(e.source, e.target, e.roots) for e in third.events] == [
        (("USA",), ("IGOUNO",), ("02",)),
        (("IRQ",), ("*",), ("19",)),
    ]


def test_petrarch_scoring_counts_events_on_no_event_sentences(tmp_path: Path) -> None:
    path = tmp_path / "suite.xml"
    path.write_text(PETRARCH_XML, encoding="utf-8")
    gold = load_gold(path)
    texts = {s.record_id: s.text for s in gold.sentences}

    def on(record: str, *args: Any) -> dict[str, Any]:
        return event(texts[record][:8], *args, text=texts[record], doc_id=record)

    system = {
        "DEMO-01": [on("DEMO-01", "ARN", "GON", "064", "COOPERATE")],
        "DEMO-02": [on("DEMO-02", "GON", None, "010", None)],
        "DEMO-03": [on("DEMO-03", "USAGOV", "IGOUNO", "020", "SUPPORT")],
    }
    score = score_sentence_set(gold, system)
    assert score.events_on_no_event_sentences == 1 and score.no_event_sentences == 1
    root = level(score, "root")
    assert (root.gold_found, root.gold_total, root.system_right, root.system_total) == (2, 3, 2, 3)
    code = level(score, "code")
    assert (code.gold_found, code.system_right) == (1, 1)
    assert "plover" not in {lv.level for lv in score.levels}


ACTOR_CASES = [
    {"test": "t1", "text": "Great Britain", "query_date": None, "expected": {"country": "GBR"}},
    {"test": "t2", "text": "taxi drivers", "expected": {"country": "", "code_1": "CVL"}},
    {"test": "t3", "text": "actor", "expected": {}},
    {"test": "t4", "text": None, "expected": {"code_1": "COP"}},
    {
        "test": "t5",
        "text": "Boyko Borisov",
        "query_date": "12 April 2022",
        "expected": {"country": "BGR", "code_1": "GOV"},
    },
    {
        "test": "t6",
        "text": "John Waluke",
        "expected": {"country": ""},
        "expected_not": {"country": "GBR"},
    },
]


def test_actor_cases_score_country_sector_and_no_country(tmp_path: Path) -> None:
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(json.dumps(c) for c in ACTOR_CASES) + "\n", encoding="utf-8")
    gold = load_gold(path)
    assert (len(gold.cases), gold.skipped_empty, gold.skipped_no_text) == (4, 1, 1)
    assert gold.cases[2].day == date(2022, 4, 12)
    ids = [c.case_id for c in gold.cases]
    predictions = {
        ids[0]: {"code": "GBR", "country": "GBR", "sector": None},
        ids[1]: {"code": "CVL", "country": None, "sector": "CVL"},
        ids[2]: None,
        ids[3]: {"code": "GBR", "country": "GBR", "sector": None},
    }
    score = score_actor_set(gold, predictions)
    accuracy = {lv.level: (lv.correct, lv.judged) for lv in score.levels}
    assert accuracy == {"country": (1, 2), "sector": (1, 2), "no_country": (1, 2)}
    assert score.not_country_violations == 1


@pytest.mark.parametrize(
    ("expected", "actor", "right"),
    [
        ("JNK", None, True),  # "yesterday": no actor is the right answer
        ("JNK", {"code": "USA", "country": "USA", "sector": None}, False),
        ("UNK", None, True),  # "two men": an actor of unknown kind, which we do not code
        ("UNK", {"code": "SYR", "country": "SYR", "sector": None}, True),  # "Syrian island"
        ("UNK", {"code": "SYRGOV", "country": "SYR", "sector": "GOV"}, False),
        ("NGO", {"code": "NGORCR", "country": None, "sector": None}, True),  # Red Crescent
        ("NGO", {"code": "USABUS", "country": "USA", "sector": "BUS"}, False),
        ("GOV", {"code": "IGOUNO", "country": None, "sector": None}, False),
        ("GOV", {"code": "PRKGOV", "country": "PRK", "sector": "GOV"}, True),
        ("GOV", None, False),
    ],
)
def test_sector_is_read_in_the_cases_own_scheme(
    expected: str, actor: dict[str, Any] | None, right: bool
) -> None:
    assert sector_matches(expected, actor) is right


def test_unknown_and_malformed_gold_are_one_line_errors(tmp_path: Path) -> None:
    unknown = tmp_path / "x.json"
    unknown.write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(EvaluationError, match="not a gold file that eval knows"):
        load_gold(unknown)
    broken = tmp_path / "cases.jsonl"
    broken.write_text('{"text": "a", "expected": {"country": "USA"}}\n{oops\n', encoding="utf-8")
    with pytest.raises(EvaluationError, match="line 2"):
        load_gold(broken)


# --- reports -------------------------------------------------------------------------------


def test_table_and_json_show_the_same_numbers(tmp_path: Path) -> None:
    score = document_score(tmp_path, SYSTEM_EVENTS)
    data = json.loads(report_json([score]))
    found = data["gold_sets"][0]["levels"]["event"]
    assert (found["precision"], found["recall"], found["f1"]) == (0.4, 0.667, 0.5)
    console = Console(record=True, width=200)
    for renderable in report_tables([score]):
        console.print(renderable)
    table = console.export_text()
    assert "0.400 │ 0.667 │ 0.500" in table
    assert data["gold_sets"][0]["counts"]["reversed_dyads"] == 1


# --- the gate logic ------------------------------------------------------------------------


def test_floors_round_down_and_only_rise_without_a_reason() -> None:
    assert floor_of(0.5833) == 0.58 and floor_of(0.6) == 0.6
    baseline = Baseline(floors={"s:event.f1": 0.5}, ceilings={"s:boilerplate_events": 1.0})
    raised = update_baseline(
        baseline, GateMetrics({"s:event.f1": 0.617}, {"s:boilerplate_events": 0})
    )
    assert raised.floors == {"s:event.f1": 0.61} and raised.ceilings == {"s:boilerplate_events": 0}
    assert raised.history[-1]["change"] == "raise"
    with pytest.raises(EvaluationError, match="refusing to lower"):
        update_baseline(raised, GateMetrics({"s:event.f1": 0.55}, {"s:boilerplate_events": 0}))
    lowered = update_baseline(
        raised,
        GateMetrics({"s:event.f1": 0.55}, {"s:boilerplate_events": 0}),
        lower=True,
        reason="new stricter gold",
    )
    assert lowered.floors["s:event.f1"] == 0.55
    assert lowered.history[-1]["reason"] == "new stricter gold" and not hand_lowered(lowered)


def test_gate_fails_below_a_floor_and_spots_a_floor_lowered_by_hand() -> None:
    baseline = Baseline(
        floors={"s:event.f1": 0.5},
        ceilings={"s:boilerplate_events": 0.0},
        history=({"metrics": {"s:event.f1": [None, 0.6]}},),
    )
    failures = check_gate(baseline, GateMetrics({"s:event.f1": 0.45}, {"s:boilerplate_events": 2}))
    assert len(failures) == 2 and "below its floor" in failures[0]
    assert hand_lowered(baseline) == ["floor s:event.f1: 0.5 < 0.6 recorded"]
    assert check_gate(baseline, GateMetrics({"s:event.f1": 0.5}, {"s:boilerplate_events": 0})) == []


def test_gate_pins_the_whole_event_levels_named_by_gold_set(tmp_path: Path) -> None:
    metrics = gate_metrics([document_score(tmp_path, SYSTEM_EVENTS)])
    assert metrics.scores["gold:full.precision"] == pytest.approx(4 / 7)
    assert metrics.scores["gold:targets.recall"] == pytest.approx(0.5)
    assert "gold:event.precision" not in metrics.scores  # partial levels are diagnostics
    assert metrics.counts["gold:asserted_must_not_assert"] == 1


# --- the CLI -------------------------------------------------------------------------------


def cli() -> typer.Typer:
    app = typer.Typer()
    app.command("eval")(eval_command)
    app.command("annotate")(annotate_command)
    return app


def test_cli_scores_a_system_file_as_json(tmp_path: Path) -> None:
    gold = write_gold(tmp_path, [GOLD_DOC])
    system = tmp_path / "events.jsonl"
    system.write_text("".join(json.dumps(e) + "\n" for e in SYSTEM_EVENTS), encoding="utf-8")
    result = CliRunner().invoke(
        cli(), ["eval", str(gold), "--system", str(system), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["gold_sets"][0]["levels"]["event"]["recall"] == 0.667
    assert list(data["gold_sets"][0]["levels"])[0] == "full"


def test_cli_errors_come_from_the_tune_half_only(tmp_path: Path) -> None:
    """doc1 falls in the check half, doc2 in the tune half (a hash of the id)."""
    tune_doc = {**GOLD_DOC, "doc": "doc2"}
    gold = write_gold(tmp_path, [GOLD_DOC, tune_doc])
    system = tmp_path / "events.jsonl"
    lines = [{**e, "doc_id": doc} for doc in ("doc1", "doc2") for e in SYSTEM_EVENTS]
    system.write_text("".join(json.dumps(e) + "\n" for e in lines), encoding="utf-8")
    base = ["eval", str(gold), "--system", str(system), "--format", "json", "--errors"]
    listed = CliRunner().invoke(cli(), base)
    assert listed.exit_code == 0, listed.output
    records = {e["record"] for e in json.loads(listed.stdout)["gold_sets"][0]["errors"]}
    assert records == {"doc2"} and "tune half" in listed.stderr
    tune = CliRunner().invoke(cli(), [*base, "--split", "tune"])
    data = json.loads(tune.stdout)["gold_sets"][0]
    assert data["counts"]["documents"] == 1 and data["name"].endswith("[tune]")
    refused = CliRunner().invoke(cli(), [*base, "--split", "check"])
    assert refused.exit_code == 1 and "tune half" in refused.stderr
    assert "Traceback" not in refused.output


def test_cli_unknown_gold_is_one_line_and_exit_1(tmp_path: Path) -> None:
    unknown = tmp_path / "x.json"
    unknown.write_text("[1, 2]", encoding="utf-8")
    result = CliRunner().invoke(cli(), ["eval", str(unknown), "--system", str(unknown)])
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("error:") and len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.output


def test_cli_bad_format_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli(), ["eval", str(write_gold(tmp_path, [GOLD_DOC])), "--format", "xml"]
    )
    assert result.exit_code == 2


@pytest.mark.slow
def test_annotate_writes_a_skeleton_that_eval_reads(tmp_path: Path, shipped_coder: Any) -> None:
    corpus = tmp_path / "articles"
    corpus.mkdir()
    article = (SAMPLES / "2019-03-01-hanoi-summit.txt").read_text(encoding="utf-8")
    (corpus / "hanoi.txt").write_text(article, encoding="utf-8")
    output = tmp_path / "gold" / "hanoi.json"
    output.parent.mkdir()
    result = CliRunner().invoke(cli(), ["annotate", str(corpus), "-o", str(output)])
    assert result.exit_code == 0, result.output
    skeleton = json.loads(output.read_text(encoding="utf-8"))
    assert skeleton["corpus"] == "../articles"
    [document] = skeleton["documents"]
    assert document["doc"] == "hanoi" and document["events"]
    gold = load_gold(output)
    from newsevents.evaluation import evaluate

    [score] = evaluate([gold], shipped_coder)  # annotate codes as the package ships
    found = level(score, "event")
    assert found.recall == 1.0 and found.precision == 1.0
