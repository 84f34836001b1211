"""What users rely on from the event coder, on sentences written for these tests: who did
what to whom, modality, dates, and no event where the sentence does not support one."""

from __future__ import annotations

from datetime import date

import pytest

from newsevents.api import code_text
from newsevents.events.dates import resolve_date
from newsevents.events.syntax import Tree
from newsevents.nlp import doc_to_records
from newsevents.nlp.dateline import dateline_end
from newsevents.records import Token

DAY = date(2020, 1, 7)  # a Tuesday


def _events(coder, text: str) -> list[tuple[str, str | None, str, str]]:
    return [
        (
            e.source.country or e.source.code,
            e.target.country if e.target else None,
            e.cameo[:2],
            e.modality,
        )
        for e in code_text(text, date=DAY, coder=coder)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The United States imposed sanctions on Iran.", ("USA", "IRN", "16", "asserted")),
        ("Sanctions were imposed on Iran by the United States.", ("USA", "IRN", "16", "asserted")),
        ("The United States did not impose sanctions on Iran.", ("USA", "IRN", "16", "negated")),
        ("The United States may impose sanctions on Iran.", ("USA", "IRN", "16", "speculative")),
        # An announced act is the intention, threat or refusal it states (CAMEO 03/13/12).
        ("The United States will impose sanctions on Iran.", ("USA", "IRN", "13", "asserted")),
        ("The United States plans to impose sanctions on Iran.", ("USA", "IRN", "13", "asserted")),
        (
            "The United States is expected to impose sanctions on Iran.",
            ("USA", "IRN", "16", "future"),
        ),
        (
            "If Iran attacks, the United States would impose sanctions on Iran.",
            ("USA", "IRN", "16", "hypothetical"),
        ),
        (
            "The United States is believed to be sending weapons to Ukraine.",
            ("USA", "UKR", "07", "speculative"),
        ),
        ("Russia's invasion of Ukraine began in February.", ("RUS", "UKR", "19", "asserted")),
        ("Iran threatened to invade Syria.", ("IRN", "SYR", "13", "asserted")),
        ("The US-China talks resumed in Geneva.", ("USA", "CHN", "04", "asserted")),
    ],
)
def test_who_did_what_to_whom_and_modality(coder, text: str, expected: tuple) -> None:
    assert expected in _events(coder, text)


def test_coordinated_subjects_are_two_events(coder) -> None:
    found = _events(
        coder, "On Friday, both Russia and China issued statements condemning the strike."
    )
    assert ("RUS", None, "11", "asserted") in found and ("CHN", None, "11", "asserted") in found


def test_a_threat_is_asserted_but_its_content_is_not_coded_as_done(coder) -> None:
    found = _events(coder, "Iran threatened to invade Syria.")
    assert all(code != "19" or modality != "asserted" for _, _, code, modality in found)


def test_reported_speech_keeps_the_speaker_and_resolves_it(coder) -> None:
    [event] = code_text(
        "The US announced Monday that it is imposing new sanctions on Iraq.",
        date=DAY,
        coder=coder,
    )
    assert (event.source.country, event.cameo_root, event.date) == ("USA", "16", "2020-01-06")


def test_a_joint_act_goes_both_ways_and_a_shared_act_does_not(coder) -> None:
    assert sorted(_events(coder, "Serbia and Kosovo signed a trade deal.")) == [
        ("SRB", "XKX", "05", "asserted"),
        ("XKX", "SRB", "05", "asserted"),
    ]
    # both veto the resolution; neither vetoes the other
    assert all(
        t is None for _, t, _, _ in _events(coder, "Russia and China vetoed the resolution.")
    )


def test_each_other_makes_any_act_go_both_ways(coder) -> None:
    for text in (
        "Turkey and Syria accused each other of breaking the truce.",
        "India and China blamed one another for the clash.",
    ):
        pairs = {(s, t) for s, t, _, _ in _events(coder, text)}
        assert len(pairs) == 2 and all(t is not None and t != s for s, t in pairs), text


def test_joined_country_adjectives_each_name_an_actor(coder) -> None:
    """ "French and German officials": two governments, each the other's party in a meeting."""
    events = code_text("French and German officials met in Paris.", date=DAY, coder=coder)
    assert {(e.source.code, e.target and e.target.code) for e in events} == {
        ("FRAGOV", "DEUGOV"),
        ("DEUGOV", "FRAGOV"),
    }


def test_a_participle_describing_a_noun_reports_no_act(coder) -> None:
    """ "detained sailors", "accused criminals": who detained or accused them is not said,
    and the sentence is about something else (the model's side: test_combine.py)."""
    # the parse sometimes takes a sentence's verb for a modifier of its object; then the
    # noun is the root of the sentence and the verb is still read as the act
    tree = _tree(coder, "The British relinquished control of Hong Kong to China in 1997.")
    assert not tree.describes_noun(_word(tree, "relinquished"))
    assert _tree(coder, "Russia freed the detained sailors.").describes_noun(
        _word(_tree(coder, "Russia freed the detained sailors."), "detained")
    )


def _tree(coder, text: str) -> Tree:
    sentences, _ = doc_to_records(coder.nlp(text))
    return Tree.build(sentences[0])


def _word(tree: Tree, text: str) -> Token:
    return next(t for t in tree.sentence.tokens if t.text == text)


def test_a_march_against_someone_is_a_protest_and_a_parade_is_not(coder) -> None:
    """A bare count is people ("thousands marched"), of the country the sentence is in."""
    text = "In Tbilisi, thousands marched against the government."
    assert _events(coder, text) == [("GEO", "GEO", "14", "asserted")]
    text = "Soldiers marched through Moscow in the Victory Day parade."
    assert _events(coder, text) == []
    text = "The protest cost thousands of dollars in Minsk."
    assert _events(coder, text) == []


def test_an_actor_after_to_against_or_towards_is_the_target(coder) -> None:
    """Whatever slots a pattern names, an actor the act is addressed to is its target; an
    act named as the object keeps its own ("the sanctions against Russia" are not the
    veto's)."""
    assert _events(coder, "Egypt offered mediation to Sudan.") == [("EGY", "SDN", "03", "asserted")]
    text = "Chile expressed solidarity towards Bolivia."
    assert _events(coder, text) == [("CHL", "BOL", "01", "asserted")]
    text = "Hungary vetoed the sanctions against Russia."
    assert [t for _, t, _, _ in _events(coder, text)] == [None]


@pytest.mark.parametrize(
    ("text", "filed"),
    [
        (
            "NAIROBI, July 8 (Reuters) - Police fired tear gas at protesters.",
            "NAIROBI, July 8 (Reuters) - ",
        ),
        ("WASHINGTON (AP) — The US imposed sanctions on Iran.", "WASHINGTON (AP) — "),
        ("KABUL (Pajhwok): Police arrested a Taliban commander.", "KABUL (Pajhwok): "),
        ("UNITED NATIONS -- The Security Council met on Monday.", "UNITED NATIONS -- "),
        ("(Reuters) - Iran seized a tanker.", "(Reuters) - "),
        ("US - Iran talks resumed on Monday.", None),
        ("NATO said on Monday it would send more troops.", None),
    ],
)
def test_a_wire_dateline_is_found(text: str, filed: str | None) -> None:
    end = dateline_end(text)
    assert (text[:end] if end is not None else None) == filed


def test_a_dateline_gives_the_place_and_no_actor_or_event(coder) -> None:
    """The agency that filed the story is no actor, and the dateline's city is the country
    the story's generic actors belong to."""
    text = "NAIROBI, July 8 (Reuters) - Police fired tear gas at protesters on Monday."
    events = code_text(text, date=DAY, coder=coder)
    assert [(e.source.code, e.target and e.target.code, e.cameo_root) for e in events] == [
        ("KENCOP", "KENOPP", "17")
    ]
    assert events[0].evidence.text.startswith("Police fired")


def test_a_city_struck_is_its_countrys_and_a_city_never_acts(coder) -> None:
    assert _events(coder, "Russian forces shelled Kharkiv on Monday.") == [
        ("RUS", "UKR", "19", "asserted")
    ]
    assert _events(coder, "Mombasa imposed a curfew on Monday.") == []


def test_a_group_joined_to_a_named_one_shares_its_country(coder) -> None:
    """ "Israeli helicopters and tanks": the tanks are Israeli too, though the sentence's
    places (the town of Rafah) are Palestinian."""
    text = "Israeli helicopters and tanks shelled positions of Palestinian police near Rafah."
    assert {s for s, _, _, _ in _events(coder, text)} == {"ISR"}


def test_a_paragraph_break_ends_the_sentence_before_it(coder) -> None:
    """A closing quote at the end of a paragraph is not carried into the next sentence's
    evidence."""
    text = (
        'An editor said the movement was able to "really hammer home their message."\n\n'
        "The Kenyan government banned children from public gatherings."
    )
    [event] = code_text(text, date=DAY, coder=coder)
    assert event.evidence.text.startswith("The Kenyan government banned")
    assert text[event.evidence.start : event.evidence.end] == event.evidence.text


def test_an_untargeted_repeat_of_a_targeted_act_is_one_event(coder) -> None:
    """A later sentence that tells the same act without its target is the same event."""
    text = (
        "On Thursday French police shot two Kenyan smugglers in Lyon.\n\n"
        "Witnesses said one of the men was shot in the head by a police officer."
    )
    events = [e for e in code_text(text, date=DAY, coder=coder) if e.cameo_root == "19"]
    assert [(e.source.code, e.target and e.target.country) for e in events] == [("FRACOP", "KEN")]


def test_the_trigger_holds_the_preposition_of_its_object(coder) -> None:
    """ "On Monday, ... spoke on the phone": the pattern's 'on' is the one before 'phone'."""
    text = "On Monday, the German chancellor spoke on the phone with the Turkish president."
    [event] = code_text(text, date=DAY, coder=coder)
    assert event.evidence.trigger == "spoke on the phone"
    assert (event.source.code, event.target and event.target.code) == ("DEUGOV", "TURGOV")


def test_calling_something_a_name_is_no_act_named_by_the_object(coder) -> None:
    """ "called the strikes a slap in the face for the US" names the strikes: no labour
    strike called (143), no appeal for anything (020)."""
    text = "The Iranian leader called the strikes a slap in the face for the United States."
    assert [e.cameo_root for e in code_text(text, date=DAY, coder=coder)] == []
    assert _events(coder, "Unions called a general strike in France.")[0][2] == "14"
    # an adjective after the object is what the act did, not a name: "shot dead"
    text = "The Kenyan gunman was shot dead by French police."
    assert _events(coder, text) == [("FRA", "KEN", "19", "asserted")]


def test_a_standing_state_is_no_event(coder) -> None:
    """A sanction that is in place is described, not reported as done."""
    text = "Western sanctions on Belarus remain in force, and the EU embargo is still in place."
    assert code_text(text, date=DAY, coder=coder) == []
    [event] = code_text("The EU imposed an embargo on Belarus.", date=DAY, coder=coder)
    assert event.cameo_root == "16"


def test_an_act_that_is_the_subject_of_a_verb_is_the_event(coder) -> None:
    """ "Israeli shelling of Gaza killed four Palestinians": the shelling (194) is the event,
    one event, not a bare killing (190)."""
    [event] = code_text("Israeli shelling of Gaza killed four Palestinians.", date=DAY, coder=coder)
    assert (event.cameo, event.source.country, event.target.country) == ("194", "ISR", "PSE")
    assert event.evidence.trigger == "shelling"
    [event] = code_text("Russian troops killed five civilians in Kherson.", date=DAY, coder=coder)
    assert event.cameo == "190"


def test_the_owner_of_the_object_is_the_target(coder) -> None:
    """ "criticized Hungary's new media law": the act is aimed at whose law it is; an object
    of the source's own ("its envoy") gives no target."""
    [event] = code_text("The EU criticized Hungary's new media law.", date=DAY, coder=coder)
    assert (event.source.code[:3], event.target and event.target.code) == ("IGO", "HUN")
    events = code_text("Kenya recalled its envoy on Monday.", date=DAY, coder=coder)
    assert [e.target for e in events] == [None]


def test_no_event_without_a_source_actor(coder) -> None:
    assert code_text("Sanctions were imposed on Iran last year.", date=DAY, coder=coder) == []
    assert code_text("He condemned the attack on the embassy.", date=DAY, coder=coder) == []


def test_conditional_and_negated_events_are_never_asserted(coder) -> None:
    text = (
        "If North Korea condemns the United States, Russia will welcome it. "
        "North Korea has refrained from missile tests since the talks began."
    )
    assert all(e.modality != "asserted" for e in code_text(text, date=DAY, coder=coder))


def test_a_denial_is_asserted_and_what_is_denied_is_not(coder) -> None:
    found = _events(coder, "Iran denied that it attacked the tanker.")
    assert ("IRN", None, "01", "asserted") in found
    assert not any(code in ("18", "19") and modality == "asserted" for *_, code, modality in found)


def test_office_holders_are_coded_as_of_the_article_date(coder) -> None:
    [in_office] = code_text("Mike Pompeo criticized Iran.", date=date(2019, 4, 1), coder=coder)
    [former] = code_text("Mike Pompeo criticized Iran.", date=date(2022, 4, 1), coder=coder)
    assert (in_office.source.code, former.source.code) == ("USAGOV", "USAELI")


def test_evidence_offsets_point_into_the_clean_text(coder) -> None:
    text = "Headline here\n\nRussia condemned the attack. Iran attacked Iraq on Friday."
    events = code_text(text, date=DAY, coder=coder)
    body = "Russia condemned the attack. Iran attacked Iraq on Friday."
    assert events and all(
        body[e.evidence.start : e.evidence.end] == e.evidence.text for e in events
    )


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("on Friday", ("2020-01-03", "day")),
        ("Monday", ("2020-01-06", "day")),
        ("this month", ("2020-01", "month")),
        ("last month", ("2019-12", "month")),
        ("in November", ("2019-11", "month")),
        ("in 2018", ("2018", "year")),
        ("February 27, 2019", ("2019-02-27", "day")),
        ("Feb. 24", ("2019-02-24", "day")),
        ("yesterday", ("2020-01-06", "day")),
        ("last year", ("2019", "year")),
        ("the weekend", None),
    ],
)
def test_relative_dates_resolve_against_the_article_date(expression: str, expected) -> None:
    assert resolve_date(expression, DAY) == expected


@pytest.mark.parametrize(
    ("expression", "base"),
    [
        ("yesterday", date(1, 1, 1)),
        ("tomorrow", date(9999, 12, 31)),
        ("on Friday", date(1, 1, 1)),
        ("last month", date(1, 1, 1)),
        ("next Monday", date(9999, 12, 31)),
    ],
)
def test_dates_beyond_the_calendar_are_unresolved_not_errors(expression: str, base) -> None:
    assert resolve_date(expression, base) is None


def test_a_surname_after_the_full_name_is_the_same_person(coder) -> None:
    text = "Kim Jong Un met Xi Jinping in Beijing. Russia then sent aid to Kim."
    targets = {e.target.entity for e in code_text(text, date=DAY, coder=coder) if e.target}
    assert "person:kim-jong-un" in targets


def test_a_surname_alone_is_no_one(coder) -> None:
    assert all(
        e.target is None for e in code_text("Russia sent aid to Kim.", date=DAY, coder=coder)
    )


def test_a_paragraph_keeps_the_day_it_opened_with_but_not_the_next(coder) -> None:
    text = (
        "On Friday, Russia condemned the strike. China criticized the United States.\n\n"
        "Iran criticized Israel."
    )
    dates = {
        e.source.country: (e.date, e.date_precision) for e in code_text(text, date=DAY, coder=coder)
    }
    assert dates["RUS"] == dates["CHN"] == ("2020-01-03", "day")
    assert dates["IRN"] == ("2020-01-07", "document")


def test_evidence_sentences_carry_no_trailing_blank_lines(coder) -> None:
    events = code_text(
        "Russia condemned the strike.\n\nIran criticized Israel.", date=DAY, coder=coder
    )
    assert [e.evidence.text for e in events] == [
        "Russia condemned the strike.",
        "Iran criticized Israel.",
    ]


def test_he_is_the_one_person_just_named_and_no_one_when_two_are(coder) -> None:
    one = code_text(
        "Mike Pompeo arrived in Seoul. He met South Korean officials.", date=DAY, coder=coder
    )
    assert [(e.source.entity, e.target.code) for e in one] == [("person:mike-pompeo", "KORGOV")]
    two = code_text("Vladimir Putin met Xi Jinping. He criticized NATO.", date=DAY, coder=coder)
    assert all(e.cameo_root != "11" for e in two)


@pytest.mark.parametrize(
    ("text", "name", "country", "has_coordinates"),
    [
        ("Vladimir Putin met Xi Jinping in Moscow.", "Moscow", "RUS", True),
        ("Iran fired missiles at a U.S. base in Iraq.", "Iraq", "IRQ", True),  # its centroid
        (
            "The second U.S.-North Korea summit opened at a hotel in Hanoi, Vietnam.",
            "Hanoi",
            "VNM",
            True,
        ),
    ],
)
def test_the_place_of_the_clause_is_resolved(coder, text, name, country, has_coordinates) -> None:
    [event] = code_text(text, date=DAY, coder=coder)
    assert (event.location.name, event.location.country) == (name, country)
    assert (event.location.lat is not None) == has_coordinates


def test_no_place_is_guessed(coder) -> None:
    [event] = code_text("Russia condemned the attack on Ukraine.", date=DAY, coder=coder)
    assert event.location is None


def test_a_time_of_its_own_breaks_the_paragraph_date(coder) -> None:
    text = "On Friday, Russia condemned the strike. In the weeks since, China criticized Iran."
    dates = {e.source.country: e.date_precision for e in code_text(text, date=DAY, coder=coder)}
    assert dates == {"RUS": "day", "CHN": "document"}


# -- announced acts: the CAMEO future-tense rule (intent 03, threat 13, refusal 12) --------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Japan will give Vietnam a loan of 500 million dollars.",
            ("JPN", "VNM", "03", "asserted"),
        ),
        ("Serbia is ready to resume talks with Kosovo.", ("SRB", "XKX", "03", "asserted")),
        (
            "Hamas leaders said they would not release the Israeli hostages.",
            ("PSE", "ISR", "12", "asserted"),
        ),
        (
            "The EU said it would impose sanctions on Belarus unless the activist is freed.",
            ("IGOEUREEC", "BLR", "13", "asserted"),
        ),
    ],
)
def test_an_announced_act_is_an_intention_threat_or_refusal(coder, text, expected) -> None:
    assert expected in _events(coder, text)


@pytest.mark.parametrize(
    "text",
    [
        "Analysts expect that Russia will invade Ukraine.",
        "Russia is unlikely to send troops to Syria.",
        "If China invades Taiwan, Japan will help defend it.",
    ],
)
def test_predictions_hedges_and_conditions_are_not_announcements(coder, text) -> None:
    found = _events(coder, text)
    assert all(modality != "asserted" for *_, modality in found)


# -- requests: whom a demand asks, and what a speaker says another actor must do ----------


def test_a_that_clause_names_whom_a_demand_asks_and_is_no_event_of_its_own(coder) -> None:
    assert _events(coder, "Ukraine demanded that Hungary stop blocking EU aid.") == [
        ("UKR", "HUN", "10", "asserted")
    ]


def test_what_a_speaker_says_another_actor_must_do_is_a_demand(coder) -> None:
    found = _events(coder, "Germany said Iran must release the detained journalists.")
    assert found == [("DEU", "IRN", "10", "asserted")]
    assert all(code != "10" for _, _, code, _ in _events(coder, "Iran said it must defend itself."))


# -- who: actors inside the phrase that names the doer ------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Demonstrators in Caracas blocked roads on Monday.", ("VEN", None, "14", "asserted")),
        (
            "Thousands of Georgian protesters demonstrated outside parliament.",
            ("GEO", "GEO", "14", "asserted"),  # the parliament, in its context
        ),
        (
            "Ales Bialiatski, Belarus's best-known rights activist, began a hunger strike.",
            ("BLR", None, "14", "asserted"),
        ),
        (
            "Hamas leaders said they will release the Israeli hostages.",
            ("PSE", "ISR", "03", "asserted"),
        ),
    ],
)
def test_the_doer_is_found_through_quantities_places_appositives_and_they(
    coder, text, expected
) -> None:
    assert expected in _events(coder, text)


def test_a_person_modifying_an_act_is_not_its_target(coder) -> None:
    # The operation was done to Soleimani, not by him: no target. A country modifier is
    # the doer ("the U.S. strike") and stays the target of a condemnation.
    assert _events(coder, "North Korea condemned the Soleimani operation.") == [
        ("PRK", None, "11", "asserted")
    ]
    assert ("IRN", "USA", "11", "asserted") in _events(coder, "Iran condemned the U.S. strike.")


@pytest.mark.parametrize(
    ("text", "noun", "modality"),
    [
        (
            "He warned that any Taliban attack on US personnel would be met with force.",
            "attack",
            "hypothetical",
        ),
        ("The planned summit between Russia and China was postponed.", "summit", "future"),
        (
            "The alleged Russian attack on the Ukrainian embassy was condemned.",
            "attack",
            "speculative",
        ),
        ("The U.S. strike on the base angered Iran.", "strike", "asserted"),
    ],
)
def test_an_event_noun_takes_the_modality_its_modifiers_give(
    coder, text: str, noun: str, modality: str
) -> None:
    events = [e for e in code_text(text, date=DAY, coder=coder) if e.evidence.trigger == noun]
    assert events and {e.modality for e in events} == {modality}


def test_a_participle_on_a_noun_has_that_noun_as_its_subject(coder) -> None:
    bases = "Iran fired missiles at two Iraqi bases hosting US forces on Wednesday."
    coded = code_text(bases, date=DAY, coder=coder)
    assert all(e.source.country != "IRN" or e.cameo.startswith("19") for e in coded)
    statement = "On Friday, both Russia and China issued statements condemning the operation."
    sources = {e.source.code for e in code_text(statement, date=DAY, coder=coder)}
    assert sources == {"RUS", "CHN"}  # a statement speaks for whoever issued it


def test_it_sounds_like_is_a_hedge(coder) -> None:
    text = "It sounds like the US will be filing new lawsuits against Iran."
    [event] = code_text(text, date=DAY, coder=coder)
    assert (event.cameo, event.modality) == ("115", "speculative")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a capital as a compound says where, not who: no doer, no event
        ("Last week a Kabul car bombing killed five people.", []),
        # a possessive capital is its government
        ("Moscow's invasion of Ukraine began in 2022.", [("RUS", "UKR", "19", "asserted")]),
        # a bare past participle after a clause is said of its subject, which undergoes it
        (
            "An Australian man appeared in court in New Zealand, charged with murder.",
            [],
        ),
        # a verbal attack on a decision is criticism; an attack on positions is force
        ("Erdogan attacked the proclamation.", [("TUR", None, "11", "asserted")]),
        ("Israel attacked Hamas positions in Gaza.", [("ISR", "PSE", "19", "asserted")]),
        # an attack made of words, launched or named, is criticism
        (
            "Kenya's opposition leader launched a blistering attack on President William Ruto.",
            [("KEN", "KEN", "11", "asserted")],
        ),
        ("Russia launched a massive attack on Kyiv.", [("RUS", "UKR", "19", "asserted")]),
        (
            "Gunmen launched a stinging attack on an army post.",
            [("---UAF", None, "19", "asserted")],
        ),
    ],
)
def test_places_participles_and_verbal_attacks(coder, text, expected) -> None:
    assert _events(coder, text) == expected


def test_two_people_of_one_code_are_two_parties_but_one_actor_named_twice_is_one(coder) -> None:
    """Biden and Blinken are both USAGOV in 2023: the praise is aimed at Blinken. Egypt
    named twice is no target of its own act."""
    [praise] = code_text(
        "President Joe Biden praised Antony Blinken on Tuesday.", date(2023, 5, 2), coder=coder
    )
    assert (praise.source.text, praise.cameo[:2]) == ("Joe Biden", "05")
    assert praise.target is not None and praise.target.text == "Antony Blinken"
    assert praise.source.code == praise.target.code == "USAGOV"
    [extension] = code_text(
        "Egypt extended the state of emergency in Egypt's Sinai.", DAY, coder=coder
    )
    assert extension.source.code == "EGY" and extension.target is None


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Responding to Beijing, Taipei rejected the proposal.", "TWN", "CHN"),
        (
            "Reacting to Ankara's decision, Greece's foreign minister criticized the plan.",
            "GRCGOV",
            "TUR",
        ),
    ],
)
def test_an_act_that_answers_someone_is_aimed_at_them(coder, text, source, target) -> None:
    """The actor after respond/react/in response to, or whose thing that is, is the target
    when the act names none."""
    [event] = code_text(text, DAY, coder=coder)
    assert event.source.code == source
    assert event.target is not None and event.target.code == target


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        # the victim of what is answered is not whom the answer is aimed at
        ("In reaction to the death of Navalny, the EU imposed sanctions.", "imposed sanctions"),
        # a question is no one to answer
        ("In response to a question from reporters, Biden criticized the decision.", "criticized"),
        # help answering an attack is not help to the attacker
        ("In response to Russia's attack on Ukraine, Poland sent weapons.", "sent weapons"),
    ],
)
def test_an_answer_is_not_aimed_at_a_victim_a_questioner_or_an_aggressor(
    coder, text, trigger
) -> None:
    [event] = [e for e in code_text(text, DAY, coder=coder) if e.evidence.trigger == trigger]
    assert event.target is None


def test_help_answering_a_request_is_aimed_at_who_asked(coder) -> None:
    [event] = code_text("Responding to a request from Kyiv, Germany sent tanks.", DAY, coder=coder)
    assert (event.source.code, event.target and event.target.code) == ("DEU", "UKR")


@pytest.mark.parametrize(
    "text",
    [
        "Kenyan protesters called for a judge-led investigation into police conduct.",
        "Kenya's opposition demanded a UN-led inquiry into the shooting.",
    ],
)
def test_an_act_asked_for_is_no_event_of_its_own(coder, text) -> None:
    """The investigation is what is asked; only the request itself can be an event."""
    events = code_text(text, DAY, coder=coder)
    assert events and all(e.cameo[:2] in ("02", "10") for e in events)


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Islamic State fighters attacked an army camp in western Kabul.", "AFGMIL"),
        ("Jihadists attacked a military outpost in Burkina Faso.", "BFAMIL"),
        ("Militants attacked a police checkpoint in northern Mali.", "MLICOP"),
    ],
)
def test_an_attack_on_a_base_or_post_is_an_attack_on_its_force(coder, text, target) -> None:
    [attack] = [e for e in code_text(text, DAY, coder=coder) if e.cameo[:2] == "19"]
    assert attack.target is not None and attack.target.code == target


@pytest.mark.parametrize(
    "text",
    [
        "Hungary opened its borders to Serbian trucks.",  # opening a border is no refuge
        "The airline announced a cessation of flights to Israel.",  # no ceasefire
        "Officials denied misusing aid money.",  # a denial, not a refusal of aid
    ],
)
def test_borders_flights_and_denials_are_not_refuge_ceasefires_or_refusals(coder, text) -> None:
    codes = [e.cameo for e in code_text(text, DAY, coder=coder)]
    assert not any(c.startswith(("075", "087", "12")) for c in codes), codes
