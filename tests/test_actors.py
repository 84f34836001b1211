"""Actor resolution: offices by date, metonyms, demonyms, composition with sectors,
coreference, a user's override file, and the `actors` commands."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from newsevents.actors import load_knowledge_base
from newsevents.actors.phrase import code_phrase
from newsevents.api import code_text
from newsevents.errors import NewseventsError
from newsevents.nlp import parse_articles
from newsevents.records import Article


@pytest.mark.parametrize(
    ("text", "day", "code"),
    [
        ("Mike Pompeo", date(2017, 6, 1), "USASPY"),
        ("Mike Pompeo", date(2019, 4, 22), "USAGOV"),
        ("Mike Pompeo", date(2022, 1, 1), "USAELI"),
        ("the Taliban", date(2020, 1, 1), "AFGREB"),
        ("the Taliban", date(2022, 1, 1), "AFGGOV"),
        ("Qassem Soleimani", date(2019, 1, 1), "IRNMIL"),
        # defence ministers are GOVMIL (CAMEO 3.2.5) while in office, elites after
        ("Igor Sergeyev", date(2000, 5, 1), "RUSGOVMIL"),
        ("Anatoliy Hrytsenko", date(2006, 1, 1), "UKRGOVMIL"),
        ("Anatoliy Hrytsenko", date(2010, 1, 1), "UKROPP"),  # his status out of office
        ("Igor Sergeyev", date(2002, 5, 1), "RUSELI"),
        # an office of another state is that state's; an international office no state's
        ("Mikheil Saakashvili", date(2016, 1, 1), "UKRGOV"),
        ("Ban Ki-moon", date(2010, 1, 1), "IGOUNO"),
        # leaders of the 1980s, for older news; the Soviet Union is SUN
        ("Ronald Reagan", date(1987, 3, 1), "USAGOV"),
        ("Mikhail Gorbachev", date(1987, 3, 1), "SUNGOV"),
        ("Ayatollah Khomeini", date(1987, 3, 1), "IRNGOV"),
        # an office the text names beats the status out of office the base knows
        ("French Finance Minister Edouard Balladur", date(1987, 3, 1), "FRAGOV"),
        ("Finance Minister Edouard Balladur", date(1987, 3, 1), "FRAGOV"),
        ("President Reagan", date(1987, 3, 1), "USAGOV"),
        # a prime minister who also holds defence stays the head of government
        ("Ehud Barak", date(2000, 6, 1), "ISRGOV"),
        ("Ehud Barak", date(2010, 6, 1), "ISRGOVMIL"),
    ],
)
def test_offices_follow_the_article_date(coder, text: str, day: date, code: str) -> None:
    actor = coder.code_actor(text, day)
    assert actor.code == code
    assert actor.country == (None if code.startswith("IGO") else code[:3])


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("the Kremlin", "RUSGOV"),
        ("the Pentagon", "USAMIL"),
        ("Pyongyang", "PRK"),
        ("the hermit regime", "PRK"),
        ("the Islamic Republic", "IRN"),
        ("the South Koreans", "KOR"),
        ("Israelis", "ISR"),
        ("North Korean officials", "PRKGOV"),
        ("the Sudanese army", "SDNMIL"),
        ("US intelligence", "USASPY"),
        ("the DPRK Ministry of Foreign Affairs", "PRKGOV"),
        ("Iran's top military commander", "IRNMIL"),
        ("the IRGC", "IRNMIL"),
        ("the UN Security Council", "IGOUNO"),
    ],
)
def test_metonyms_demonyms_and_composition(coder, text: str, code: str) -> None:
    actor = coder.code_actor(text, date(2020, 1, 7))
    assert actor is not None and actor.code.startswith(code), (text, actor)


@pytest.mark.parametrize(
    "text",
    [
        "turkey sandwiches",
        "the weather",
        "chad and his friends",
        "an Iraq War veteran",  # a war's name
        "ancient Egyptians",  # a people of the past
        "the former Soviet Union",  # a region today, not the state it was
    ],
)
def test_common_words_are_no_one(coder, text: str) -> None:
    assert coder.code_actor(text) is None


def test_a_user_file_adds_and_overrides_actors(coder, tmp_path: Path) -> None:
    extra = tmp_path / "mine.jsonl"
    extra.write_text(
        json.dumps(
            {
                "entity": "org:acme-militia",
                "kind": "org",
                "name": "Acme Militia",
                "code": "SDNREB",
                "country": "SDN",
                "aliases": ["Acme Militia", "the Acme"],
            }
        )
        + "\n"
        + json.dumps(
            {
                "entity": "place:kremlin",
                "kind": "metonym",
                "name": "the Kremlin",
                "code": "RUSGOVXXX",
                "country": "RUS",
                "aliases": ["the Kremlin"],
            }
        )
        + "\n"
    )
    kb = load_knowledge_base(extra)
    assert _code_with(coder, kb, "the Acme").code == "SDNREB"
    assert _code_with(coder, kb, "the Kremlin").code == "RUSGOVXXX"
    assert coder.code_actor("the Kremlin").code == "RUSGOV"  # the bundled base is untouched


def _code_with(coder, kb, text: str):
    [parsed] = parse_articles([Article("a", "a", "a", text)], coder.nlp)
    return code_phrase(parsed, kb, None)


def test_a_broken_user_file_names_the_line(tmp_path: Path) -> None:
    extra = tmp_path / "mine.jsonl"
    extra.write_text('{"entity": "org:x", "name": "X"}\n{oops\n')
    with pytest.raises(NewseventsError, match=r"mine.jsonl: actor file line 2"):
        load_knowledge_base(extra)


def test_actors_commands_print_json_and_search() -> None:
    run = lambda *a: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "newsevents", "actors", *a],
        capture_output=True,
        text=True,
        input="the Kremlin\nsomething else\n",
        timeout=120,
    )
    coded = run("code", "-")
    assert coded.returncode == 0, coded.stderr
    first, second = coded.stdout.splitlines()
    assert json.loads(first)["code"] == "RUSGOV" and json.loads(second) is None
    found = run("search", "pompeo")
    assert "person:mike-pompeo" in found.stdout and "Secretary of State" in found.stdout


def test_the_country_file_is_what_its_generator_writes() -> None:
    script = Path(__file__).resolve().parent.parent / "tools" / "build_countries.py"
    result = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("text", "day", "code"),
    [
        # a backbench seat after leaving office is LEG
        ("Scott Morrison", date(2022, 10, 1), "AUSLEG"),
        ("Rishi Sunak", date(2024, 8, 1), "GBROPP"),
        # with no date a person's latest office, unless the title names another one
        ("Deputy Minister of Defense Colonel-General Andrei Kartapolov", None, "RUSGOVMIL"),
        # with no date a group's status now: a party out of government is in opposition
        ("Congress Party", None, "INDOPPPTY"),
        ("the Taliban", None, "AFGGOV"),
    ],
)
def test_offices_and_status_without_a_date(coder, text: str, day, code: str) -> None:
    assert coder.code_actor(text, day).code == code


@pytest.mark.parametrize(
    ("text", "code", "sector"),
    [
        # metonyms: a capital given as an actor is its government, a capital as a place not
        ("Beijing", "CHNGOV", "GOV"),
        ("TEHRAN", "IRNGOV", "GOV"),
        ("SECURITY COUNCIL", "IGOUNO", None),
        ("an amusement park in Kabul", "AFG", None),
        # state media are GOV then MED; public broadcasters stay MED
        ("KCNA", "PRKGOVMED", "GOV"),
        ("Somalia state news agency", "SOMGOVMED", "GOV"),
        ("the BBC", "GBRMED", "MED"),
        # demonym plurals and faiths
        ("Rakhine Buddhists", "MMRBUD", "BUD"),
        ("Muslim leaders in France", "FRAREL", "REL"),
        ("A prominent Jewish community leader", "REL", "REL"),
        # composition: "Y of X", counting heads, "former", titles, modifiers
        ("the President of the United States", "USAGOV", "GOV"),
        ("Several of the largest trade unions in Denmark", "DNKLAB", "LAB"),
        ("A team of heavily armed police", "COP", "COP"),
        ("chairman of the company's board", "BUS", "BUS"),
        ("a former CIA official", "USAELI", "ELI"),
        ("the former Iraqi officials", "IRQELI", "ELI"),
        ("the US former ambassador", "USAELI", "ELI"),
        ("Iraq's former defence minister", "IRQELI", "ELI"),
        ("retired vice president", "ELI", "ELI"),
        ("Governor Vadim Shumkov", "GOV", "GOV"),
        ("army accountant", "MIL", "MIL"),
        ("over two dozen men and women", "CVL", "CVL"),
        ("Ecuador's Ombudsman's Office", "ECUGOVHRI", "GOV"),
        # international bodies: composed with a sector noun, or their own role
        ("European Union legislators", "IGOEUREECLEG", "LEG"),
        ("International Court of Justice", "IGOUNOICJ", "JUD"),
        ("World Health Organization", "IGOUNOWHO", "HLH"),
        # cities the knowledge base does not list
        ("Shanghai police", "CHNCOP", "COP"),
        ("Oxford University", "GBREDU", "EDU"),
        ("Madras High Court", "INDJUD", "JUD"),
        # ... but a word that is also a city begins an institution's name: no country
        ("the Federal Police", "COP", "COP"),
        ("Green Party leaders", "PTY", "PTY"),
        ("Mariupol", "UKRCVL", "CVL"),
        ("Santa Marta Self Defense Forces", "COLUAF", "UAF"),
        # dissolved states, under their former ISO codes
        ("Soviet officials", "SUNGOV", "GOV"),
        ("East German troops", "DDRMIL", "MIL"),
        ("the Yugoslav army", "YUGMIL", "MIL"),
        # states and departments
        ("Goa's government", "INDGOV", "GOV"),
        ("the United States Department of Transportation", "USAGOV", "GOV"),
        ("the Russian space agency", "RUSGOV", "GOV"),
        # parties the knowledge base does not list: the word before says if they govern
        ("the ruling Mongolian People's Party", "MNGGOVPTY", "GOV"),
        ("the opposition Zambian Democratic Party", "ZMBOPPPTY", "OPP"),
        ("the Mongolian Green Party", "MNGPTY", "PTY"),
        # "President of the X" names the head of X: of a country, not of a Chadian league
        ("President of the Chadian Human Rights League", "TCDHRI", "HRI"),
        ("the Mayor of Kabul", "AFGGOV", "GOV"),
    ],
)
def test_sectors_metonyms_and_composition(coder, text: str, code: str, sector) -> None:
    actor = coder.code_actor(text, date(2020, 1, 7))
    assert actor is not None and (actor.code, actor.sector) == (code, sector), (text, actor)


def _coded_mentions(coder, text: str, day: date, *, article: bool = True):
    """(text, code) of each mention, sentence by sentence: through ``article_mentions``
    (with coreference), or ``find_mentions`` sentence by sentence."""
    from newsevents.actors.coref import article_mentions
    from newsevents.actors.resolve import find_mentions

    [parsed] = parse_articles([Article("a", "a", "a", text, published=day)], coder.nlp)
    if article:
        found = article_mentions(parsed.sentences, coder.kb, day)
    else:
        found = [find_mentions(s, coder.kb, day) for s in parsed.sentences]
    return [[(m.actor.text, m.actor.code) for m in sentence] for sentence in found]


def test_coreference_and_descriptions_in_running_text(coder) -> None:
    text = (
        "The hermit regime fired two missiles. The Islamic Republic condemned the test. "
        "Mike Pompeo flew to Seoul. He met Moon Jae-in. Pyongyang and Shanghai police said so."
    )
    codes = _coded_mentions(coder, text, date(2019, 4, 22))
    assert codes[0] == [("The hermit regime", "PRK")]
    assert codes[1] == [("The Islamic Republic", "IRN")]
    assert ("He", "USAGOV") in codes[3]  # the one person named in the sentence before
    # in running text a capital is its country, like the country's name
    assert codes[4] == [("Pyongyang", "PRK"), ("Shanghai police", "CHNCOP")]


def test_a_party_name_runs_on_from_its_country_word_only(coder) -> None:
    text = "Iranian Officials Meet Party Leaders. Mongolian People's Party members voted."
    codes = _coded_mentions(coder, text, date(2020, 1, 7), article=False)
    assert codes == [
        [("Iranian Officials", "IRNGOV")],  # a headline's capitals are no party name
        [("Mongolian People's Party", "MNGPTY")],
    ]


def test_a_name_part_inside_another_name_is_not_coreference(coder) -> None:
    text = (
        "Ricardo Rosselló announced his resignation. Ricardo Llerandi also resigned. "
        "President Kim Jong-un met officials. Later, President Kim criticised Seoul."
    )
    codes = _coded_mentions(coder, text, date(2019, 7, 25))
    assert codes[1] == []  # "Ricardo Llerandi" is someone else
    assert ("Kim", "PRKGOV") in codes[3]  # a title before the surname is no other name


def test_definite_descriptions_refer_back_to_the_one_actor_in_view(coder) -> None:
    text = (
        "NATO met in Brussels. The alliance condemned the strikes. "
        "Floods hit Pakistan. The country appealed for aid. "
        "Hezbollah and Hamas praised the attack. The group said more would follow. "
        "A group of men attacked the village."
    )
    codes = _coded_mentions(coder, text, date(2024, 1, 8))
    assert ("The alliance", "IGOWSTNAT") in codes[1]
    assert ("The country", "PAK") in codes[3]
    assert codes[5] == []  # two groups in view: "the group" is neither
    assert codes[6] == []  # "a group of men" is no one named before


def test_people_named_by_their_place_take_its_country(coder) -> None:
    text = (
        "Militants in Gaza fired rockets. Protesters in Hong Kong blocked roads. "
        "Troops in Syria withdrew. Migrants in Libya drowned."
    )
    codes = _coded_mentions(coder, text, date(2020, 9, 16), article=False)
    assert codes == [
        [("Militants in Gaza", "PSEUAF")],
        [("Protesters in Hong Kong", "HKGOPP")],
        [("Syria", "SYR")],  # troops are often from elsewhere
        [("Libya", "LBY")],
    ]


def test_a_user_file_adds_sector_nouns(coder, tmp_path: Path) -> None:
    extra = tmp_path / "mine.jsonl"
    extra.write_text(json.dumps({"sector": "REL", "nouns": ["chaplain", "chaplains"]}) + "\n")
    kb = load_knowledge_base(extra)
    assert _code_with(coder, kb, "Iranian chaplains").code == "IRNREL"
    assert coder.code_actor("Iranian chaplains").code == "IRN"  # the bundled base is untouched


@pytest.mark.parametrize(
    ("text", "day", "code", "country"),
    [
        ("António Guterres", date(2021, 8, 16), "IGOUNO", None),  # UN office: no country
        ("António Guterres", date(2000, 1, 1), "PRTGOV", "PRT"),
        ("Jüri Ratas", date(2025, 1, 1), "IGOEUREECLEG", "EST"),  # an MEP stays Estonian
        ("al-Qaeda", None, "IMGMOSALQ", None),  # lower-case article, capitalised name
        ("Iran's Supreme National Security Council", None, "IRNGOV", "IRN"),
        ("the Russian Security Council", None, "RUSGOV", "RUS"),
        ("the Security Council", None, "IGOUNO", None),
    ],
)
def test_international_offices_and_longer_names(coder, text, day, code, country) -> None:
    actor = coder.code_actor(text, day)
    assert (actor.code, actor.country) == (code, country)


def test_a_name_inside_a_longer_unknown_name_is_not_that_actor(coder) -> None:
    actor = coder.code_actor("the National Security Council", None)
    assert actor is None or not actor.code.startswith("IGO")


def test_people_roles_are_well_formed() -> None:
    """Every office has a code of the person's country (or an international body's), a
    start, and an end after its start; a head of government who also took a defence
    portfolio is not coded GOVMIL for it (overlapping roles: the later start wins)."""
    data = Path(__file__).resolve().parents[1] / "newsevents" / "actors" / "data"
    heads = ("prime minister", "president of", "chancellor", "premier")
    countries = {
        json.loads(line)["country"]
        for line in (data / "countries.jsonl").read_text(encoding="utf-8").splitlines()
    }
    for line in (data / "people.jsonl").read_text(encoding="utf-8").splitlines():
        person = json.loads(line)
        roles = person["roles"]
        for role in roles:
            code, start, end = role["code"], role["start"], role["end"]
            assert code[:3] in countries or code[:3] in ("IGO", "NGO", "IMG"), role
            assert len(code) % 3 == 0 and code.isupper(), role
            assert start and (end is None or start < end), (person["entity"], role)
        for head in (r for r in roles if r["title"].lower().startswith(heads)):
            for other in roles:
                inside = head["start"] < other["start"] < (head["end"] or "9999")
                assert not (inside and other["code"].endswith("GOVMIL")), person["entity"]


def test_office_coverage_finds_the_gaps_between_holders() -> None:
    import importlib.util

    script = Path(__file__).resolve().parent.parent / "tools" / "office_coverage.py"
    spec = importlib.util.spec_from_file_location("office_coverage", script)
    assert spec is not None and spec.loader is not None
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    roles = [
        {"start": "1999-01-01", "end": "2001-06-01"},
        {"start": "2001-06-20", "end": "2003-01-01"},  # 19 days after: no gap
        {"start": "2004-01-01", "end": None},  # a year after: a gap
    ]
    assert tool.gaps(roles, date(2000, 1, 1), date(2026, 12, 1)) == [
        (date(2003, 1, 1), date(2004, 1, 1))
    ]
    people = tool.read_people([])
    names = [name for name, _ in tool.holders(people, "USA", "state")]
    assert "Ronald Reagan" in names and "Mike Pompeo" not in names


def test_generic_actors_take_the_country_the_article_is_about(coder) -> None:
    text = (
        "Kenya's parliament passed the finance bill on Tuesday. "
        "Police fired tear gas at protesters outside parliament. "
        "The government said their anger was understandable. "
        "Thousands of people marched on Wednesday."
    )
    codes = _coded_mentions(coder, text, date(2024, 6, 25))
    assert ("Police", "KENCOP") in codes[1] and ("protesters", "KENOPP") in codes[1]
    assert ("The government", "KENGOV") in codes[2]
    assert ("people", "KENCVL") in codes[3]


def test_generic_actors_stay_uncoded_when_no_country_stands_out(coder) -> None:
    text = (
        "Russia and Ukraine exchanged prisoners. "
        "The government said the talks would go on. Its army withdrew."
    )
    codes = _coded_mentions(coder, text, date(2024, 6, 25))
    assert codes[1] == [] and codes[2] == []


def test_generic_actors_of_a_text_that_names_no_country_are_of_no_known_country(coder) -> None:
    """CAMEO's "---" root: the police and the protesters are coded by what they are, with
    no country, rather than dropped (and their event with them)."""
    codes = _coded_mentions(coder, "Police arrested 40 protesters on Sunday.", date(2024, 3, 3))
    assert codes == [[("Police", "---COP"), ("40 protesters", "---OPP")]]
    [event] = code_text("Police arrested 40 protesters on Sunday.", date(2024, 3, 3), coder=coder)
    assert (event.cameo[:2], event.source.code, event.target.code) == ("17", "---COP", "---OPP")
    assert event.source.country is None and event.source.sector == "COP"


def test_a_person_the_knowledge_base_lacks_is_coded_by_the_title_before_the_name(coder) -> None:
    codes = _coded_mentions(
        coder, "Governor Alan Marsh pardoned two activists on Friday.", date(2024, 3, 3)
    )
    assert ("Governor Alan Marsh", "---GOV") in codes[0]
    text = (
        "Kenya's parliament passed the finance bill. Kenyan lawmakers met on Monday. "
        "Interior Minister Tomas Mwangi ordered police to clear the square."
    )
    assert ("Interior Minister Tomas Mwangi", "KENGOV") in _coded_mentions(
        coder, text, date(2024, 3, 3)
    )[2]


def test_a_generic_group_is_of_the_country_named_in_it_not_the_articles(coder) -> None:
    text = (
        "An earthquake struck Nepal on Saturday. Nepal's government asked for help. "
        "Troops from the United States arrived in Nepal on Monday. "
        "Taliban militants were not involved. "
        "Nepal's leading human rights activist thanked the rescuers."
    )
    codes = _coded_mentions(coder, text, date(2015, 5, 1))
    assert ("Troops", "USAMIL") in codes[2]  # from the United States
    assert not any(code.startswith("NPL") for _, code in codes[3])  # the Taliban's own
    assert any(code == "NPLHRI" for _, code in codes[4])


def test_a_person_the_knowledge_base_lacks_is_known_by_surname_once_introduced(coder) -> None:
    """News names a person once in full, with a title or an apposition, and then by surname."""
    text = (
        "Bruno Keller, the foreign minister of Austria, met Chinese officials on Monday. "
        "Keller said the talks were useful. "
        "Later, Governor Alan Marsh pardoned two activists. Marsh said they had suffered enough. "
        "Anna Marsh, a teacher, and Paul Marsh, a farmer, were among them. Marsh left."
    )
    codes = _coded_mentions(coder, text, date(2023, 5, 1))
    assert ("Keller", "AUTGOV") in codes[1]
    assert ("Marsh", "---GOV") in codes[3]
    assert not any(text == "Marsh" for text, _ in codes[5])  # three Marshes now: none
