"""``newsevents eval`` and ``newsevents annotate``: score the coder on gold files, and write
a gold skeleton from the coder's output for a person to correct."""

from __future__ import annotations

import json
import sys
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from newsevents.cli.options import DateOption, NoModelOption, parse_date_option
from newsevents.errors import NewseventsError

if TYPE_CHECKING:
    from newsevents.api import Coder
    from newsevents.evaluation.gold import GoldSet
    from newsevents.evaluation.results import SetScore
    from newsevents.records import Article, RawDocument

err = Console(stderr=True, highlight=False, soft_wrap=True)
FORMATS = ("table", "json")
PIPE_WIDTH = 120


def eval_command(
    gold: Annotated[
        list[Path],
        typer.Argument(
            metavar="GOLD",
            help="Gold files: our document gold (JSON with 'documents'), PLOVER GSR records "
            "(JSON), PETRARCH validation XML, or actor cases (JSONL). The format is told by "
            "the content.",
        ),
    ],
    fmt: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
    errors: Annotated[
        bool,
        typer.Option(
            "--errors",
            help="Also list every miss, false event and partial match with its sentence.",
        ),
    ] = False,
    corpus: Annotated[
        Path | None,
        typer.Option(
            "--corpus",
            metavar="DIR",
            help="Folder holding DOC.txt for each document of our gold format (instead of the "
            "gold file's 'corpus').",
        ),
    ] = None,
    system: Annotated[
        Path | None,
        typer.Option(
            "--system",
            metavar="FILE",
            help="Score these event records (JSON lines, as 'newsevents code' prints them; "
            "doc_id = gold document or record id) instead of running the coder.",
        ),
    ] = None,
    split: Annotated[
        str,
        typer.Option(
            "--split",
            metavar="HALF",
            help="tune, check or all: score one half of each gold set (fixed by a hash of each "
            "document's or sentence's id) or the whole. Read errors on tune only; --errors "
            "is refused on check and lists the tune half's errors on all.",
        ),
    ] = "all",
    no_model: Annotated[bool, NoModelOption] = False,
) -> None:
    r"""Score the coder on gold files. The first row of each table is the whole event
    (right sentence, kind, source and target, or rightly none), then the partial levels
    (event found, source and target country, CAMEO root, PLOVER type, modality, date),
    target recall, events without a target, must-not-assert and page-furniture counts;
    span sets give source and target span P/R/F1; actor cases, resolution accuracy.
    See EVALUATION.md.

    Examples:

        newsevents eval ../shared/gold/wikinews_2019_dev_a.json --split check

        newsevents eval ../shared/gold/plv_train.jsonl --split tune --errors
    """
    from newsevents.errors import EvaluationError
    from newsevents.evaluation import evaluate, load_gold, load_system_events
    from newsevents.evaluation.split import SPLITS, split_gold

    if fmt not in FORMATS:
        raise typer.BadParameter("use table or json", param_hint="--format")
    if split not in SPLITS:
        raise typer.BadParameter("use tune, check or all", param_hint="--split")
    try:
        if errors and split == "check":
            raise EvaluationError("E108")
        golds = [split_gold(load_gold(path, corpus), split) for path in gold]  # type: ignore[arg-type]
        events = load_system_events(system) if system is not None else None
        scores = evaluate(golds, _load_coder(not no_model) if events is None else None, events)
    except NewseventsError as exc:
        err.print(f"error: {exc.message}", markup=False)
        raise typer.Exit(1) from None
    if errors and split == "all":
        scores = tuple(
            tune_errors_only(score, gold) for score, gold in zip(scores, golds, strict=True)
        )
        err.print("note: --errors lists the tune half's errors only", markup=False)
    _print_scores(scores, fmt, errors)


def tune_errors_only(score: SetScore, gold: GoldSet) -> SetScore:
    """The score with its error list cut to the records of the tune half."""
    from dataclasses import replace

    from newsevents.evaluation.split import half_of, record_keys

    key = record_keys(gold)
    kept = tuple(e for e in score.errors if half_of(key(e.record)) == "tune")
    return replace(score, errors=kept)


def _load_coder(use_model: bool = True) -> Coder:
    from newsevents.api import Coder
    from newsevents.config import Settings

    return Coder.load(Settings(use_model=use_model))


def _print_scores(scores: tuple[SetScore, ...], fmt: str, with_errors: bool) -> None:
    from newsevents.evaluation import report_errors, report_json, report_tables

    if fmt == "json":
        print(report_json(scores, with_errors=with_errors))
        return
    console = Console(highlight=False, width=None if sys.stdout.isatty() else PIPE_WIDTH)
    for renderable in report_tables(scores):
        console.print(renderable)
    if with_errors:
        for line in report_errors(scores):
            print(line)


def annotate_command(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE",
            help="Article files or folders (any format 'ingest' reads); - reads standard input.",
        ),
    ],
    date: Annotated[str | None, DateOption] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the skeleton here instead of standard output (its 'corpus' folder is "
            "then relative to this file).",
        ),
    ] = None,
) -> None:
    r"""Code articles and write a gold skeleton in our format (as seeds_000_003.json) from
    the coder's output: one gold event per coded event, the cleaner's removed lines as
    boilerplate. Correct it by hand, then score with 'newsevents eval'. Documents kept as
    DOC.txt in one folder are named through 'corpus'; others carry their text.

    Example:

        newsevents annotate articles/ --date 2024-01-12 -o gold/articles.json
    """
    from newsevents.api import Coder
    from newsevents.config import Settings
    from newsevents.evaluation.annotate import gold_skeleton

    day = parse_date_option(date)
    articles, raws, failed = _read_and_clean(paths, day)
    coder = Coder.load(Settings(default_date=day))
    output_dir = output.parent if output is not None else Path.cwd()
    skeleton = gold_skeleton(coder.code_articles(articles), raws, output_dir)
    text = json.dumps(skeleton, ensure_ascii=False, indent=1) + "\n"
    if output is not None:
        try:
            output.write_text(text, encoding="utf-8")
        except OSError as exc:
            err.print(f"error: cannot write {output}: {exc.strerror or exc}", markup=False)
            raise typer.Exit(1) from None
        err.print(f"wrote {len(skeleton['documents'])} documents to {output}", markup=False)
    else:
        sys.stdout.write(text)
    if failed:
        raise typer.Exit(1)


def _read_and_clean(
    paths: list[str], day: Date | None
) -> tuple[list[Article], dict[str, RawDocument], bool]:
    """Articles to code, what was read for each doc id, and whether any input failed."""
    from newsevents.clean import clean_document
    from newsevents.ingest import read_inputs
    from newsevents.records import ReadError, Rejection

    articles: list[Article] = []
    raws: dict[str, RawDocument] = {}
    failed = False
    for item in read_inputs(paths):
        if isinstance(item, ReadError):
            err.print(f"error: {item.message}", markup=False)
            failed = True
        elif item.doc_id in raws:
            err.print(f"skipped: {item.origin}: doc id {item.doc_id} already read", markup=False)
        elif isinstance(result := clean_document(item, day), Rejection):
            err.print(f"rejected: {result.origin}: {result.reason}", markup=False)
        else:
            raws[item.doc_id] = item
            articles.append(result)
    return articles, raws, failed
