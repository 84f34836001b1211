"""The package's layers: imports point one way (docs/architecture.md draws the same table).

    interface (cli, web)  ->  api  ->  pipeline (pipeline, scale, batches, coder)
        ->  stages (ingest, clean, nlp, actors, events, store, evaluation, analysis, export)
        ->  base (records, config, errors, data_files, the package's own __init__)

A *unit* is a top-level module or a subpackage of ``newsevents``. Every import of every
module is read with ``ast`` (those inside functions and under ``TYPE_CHECKING`` too), and
so is every data file a module loads from a package by name (``load_lists("newsevents.x",
...)``, ``resources.files("newsevents.x")``). The tests below check the package against
:data:`LAYERS` and :data:`STAGE_IMPORTS`; the tests at the end feed the same checks small
made-up import graphs, one for each coupling issue 17 removed, to show that they fail.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import newsevents

PACKAGE = "newsevents"
ROOT = Path(newsevents.__file__).parent

# The layers, top to bottom, with their units. A unit may import the units of every layer
# below its own, and units of its own layer (interface, pipeline, base: any that does not
# make a cycle; stages: only as STAGE_IMPORTS says).
LAYERS: tuple[tuple[str, frozenset[str]], ...] = (
    ("interface", frozenset({"cli", "web", "__main__"})),
    ("api", frozenset({"api"})),
    ("pipeline", frozenset({"pipeline", "recode", "scale", "batches", "coder", "watch"})),
    (
        "stages",
        frozenset(
            {"ingest", "clean", "nlp", "actors", "events", "store", "evaluation", "analysis"}
            | {"export"}
        ),
    ),
    ("base", frozenset({PACKAGE, "records", "config", "errors", "data_files"})),
)
# The stages each stage may import (besides the base). A stage never imports a later one.
STAGE_IMPORTS: Mapping[str, frozenset[str]] = {
    "ingest": frozenset(),
    "clean": frozenset(),
    "nlp": frozenset(),
    "actors": frozenset(),
    # nlp: pattern_examples parses the examples; clean: the month table dates share
    "events": frozenset({"nlp", "clean", "actors"}),
    "store": frozenset(),
    "evaluation": frozenset({"ingest", "clean", "actors", "events"}),
    "analysis": frozenset({"store"}),
    "export": frozenset({"actors", "events", "store"}),
}
# Tables more than one stage needs, and the one module that defines each: the others
# import it. (A second INTERNATIONAL_ROOTS in the scorer once disagreed with the resolver's.)
DEFINED_ONCE: Mapping[str, str] = {
    "INTERNATIONAL_ROOTS": "newsevents.actors.resolve",
    "Modality": "newsevents.records",
    "MODALITIES": "newsevents.records",
    "CLAUSAL_DEPS": "newsevents.events.syntax",
    "Errors": "newsevents.errors",
    "Coder": "newsevents.coder",
}
ABOVE_STAGES = ("interface", "api", "pipeline")


@dataclass(frozen=True)
class Import:
    """``importer`` (a module) uses ``imported`` (a module or package) at ``line``;
    ``names`` are the names it takes (``from X import a, b``); ``data`` when it is a data
    file read from the package by name."""

    importer: str
    imported: str
    names: tuple[str, ...] = ()
    line: int = 0
    data: bool = False


# -- reading the package ------------------------------------------------------------------


def module_files(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the package by its dotted name (a package by its own name)."""
    modules = {}
    for path in sorted(root.rglob("*.py")):
        parts = (PACKAGE, *path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


def package_imports(modules: Mapping[str, Path]) -> list[Import]:
    """The package's imports of itself, from every module (functions included)."""
    found = []
    for module, path in modules.items():
        is_package = path.name == "__init__.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            found.extend(_imports_of(node, module, is_package, modules))
    return found


def _imports_of(
    node: ast.AST, module: str, is_package: bool, modules: Mapping[str, Path]
) -> Iterator[Import]:
    if isinstance(node, ast.Import):
        for alias in node.names:
            if _ours(alias.name):
                yield Import(module, alias.name, (), node.lineno)
    elif isinstance(node, ast.ImportFrom):
        base = _absolute(node, module, is_package)
        if not _ours(base):
            return
        names = tuple(alias.name for alias in node.names)
        submodules = [f"{base}.{name}" for name in names if f"{base}.{name}" in modules]
        for target in submodules or [base]:  # "from pkg import module" uses the module
            yield Import(module, target, names, node.lineno)
    elif isinstance(node, ast.Call) and _loads_data(node):
        first = node.args[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            if _ours(first.value):
                yield Import(module, first.value, (), node.lineno, data=True)


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    parts = module.split(".") if is_package else module.split(".")[:-1]
    parts = parts[: len(parts) - (node.level - 1)]
    return ".".join([*parts, *([node.module] if node.module else [])])


def _loads_data(node: ast.Call) -> bool:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in ("load_lists", "files") and bool(node.args)


def _ours(name: str) -> bool:
    return name == PACKAGE or name.startswith(PACKAGE + ".")


def module_definitions(modules: Mapping[str, Path]) -> dict[str, set[str]]:
    """Each name assigned, or defined as a class or function, at a module's top level, with
    the modules that do so."""
    defined: dict[str, set[str]] = {}
    for module, path in modules.items():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            for name in _defined_names(node):
                defined.setdefault(name, set()).add(module)
    return defined


def _defined_names(node: ast.stmt) -> list[str]:
    if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
        return [node.name]
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, ast.AnnAssign | ast.AugAssign) and isinstance(node.target, ast.Name):
        return [node.target.id]
    return []


# -- the checks ---------------------------------------------------------------------------


def unit_of(module: str) -> str:
    """``newsevents.events.extract`` -> ``events``; the package itself -> ``newsevents``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else PACKAGE


def layer_of(unit: str) -> str | None:
    return next((name for name, units in LAYERS if unit in units), None)


def may_import(importer: str, imported: str) -> bool:
    """Whether unit ``importer`` may import unit ``imported`` (by LAYERS, STAGE_IMPORTS)."""
    if importer == imported:
        return True
    order = [name for name, _ in LAYERS]
    mine, theirs = layer_of(importer), layer_of(imported)
    if mine is None or theirs is None:
        return False
    if mine != theirs:
        return order.index(theirs) > order.index(mine)
    if mine == "stages":
        return imported in STAGE_IMPORTS.get(importer, frozenset())
    return True


def unplaced_units(modules: Iterable[str]) -> list[str]:
    return sorted({unit_of(m) for m in modules if layer_of(unit_of(m)) is None})


def layer_problems(imports: Iterable[Import]) -> list[str]:
    """Imports the layer table does not allow, stages reaching above first."""
    problems = []
    for found in imports:
        source, target = unit_of(found.importer), unit_of(found.imported)
        if may_import(source, target):
            continue
        what = "reads data of" if found.data else "imports"
        where = f"{found.importer} {what} {found.imported} (line {found.line})"
        if layer_of(source) == "stages" and layer_of(target) in ABOVE_STAGES:
            problems.append(f"{where}: stage {source!r} reaches above the stages")
        else:
            problems.append(f"{where}: {source!r} may not import {target!r}")
    return problems


def private_name_problems(imports: Iterable[Import]) -> list[str]:
    """Underscore names (not dunders) taken from another unit, or private modules."""
    problems = []
    for found in imports:
        if unit_of(found.importer) == unit_of(found.imported):
            continue
        parts = [*found.imported.split(".")[1:], *found.names]
        private = [p for p in parts if p.startswith("_") and not p.endswith("__")]
        if private:
            problems.append(
                f"{found.importer} takes {', '.join(private)} from {found.imported} "
                f"(line {found.line}): make it public where it is really shared"
            )
    return problems


def cycles(edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan), each sorted."""
    graph: dict[str, set[str]] = {}
    for source, target in edges:
        if source != target:
            graph.setdefault(source, set()).add(target)
            graph.setdefault(target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def unit_cycles(imports: Iterable[Import]) -> list[list[str]]:
    return cycles((unit_of(i.importer), unit_of(i.imported)) for i in imports)


def module_cycles(imports: Iterable[Import]) -> list[list[str]]:
    return cycles((i.importer, i.imported) for i in imports if not i.data)


def definition_problems(defined: Mapping[str, set[str]]) -> list[str]:
    """Names of DEFINED_ONCE that a module other than their home defines again."""
    return [
        f"{module} defines {name} again: import it from {home}"
        for name, home in sorted(DEFINED_ONCE.items())
        for module in sorted(defined.get(name, set()) - {home})
    ]


# -- the package --------------------------------------------------------------------------

MODULES = module_files()
IMPORTS = package_imports(MODULES)


def test_every_unit_has_a_place_in_the_layers() -> None:
    assert unplaced_units(MODULES) == [], "add the new unit to LAYERS (docs/architecture.md)"


def test_stage_table_names_the_stages() -> None:
    assert set(STAGE_IMPORTS) == dict(LAYERS)["stages"]


def test_no_import_cycles_between_units() -> None:
    assert unit_cycles(IMPORTS) == []


def test_no_import_cycles_between_modules() -> None:
    assert module_cycles(IMPORTS) == []


def test_imports_follow_the_layers() -> None:
    assert layer_problems(IMPORTS) == []


def test_no_private_names_across_units() -> None:
    assert private_name_problems(IMPORTS) == []


def test_shared_tables_are_defined_once() -> None:
    defined = module_definitions(MODULES)
    assert all(home in defined.get(name, set()) for name, home in DEFINED_ONCE.items())
    assert definition_problems(defined) == []


def documented_stage_imports(page: str) -> dict[str, frozenset[str]]:
    """The stage rows of docs/architecture.md's diagram: "events ──► nlp, actors", and the
    line of the stages that "import no other stage"."""
    table: dict[str, frozenset[str]] = {}
    for line in page.splitlines():
        found = re.match(r"^\s*(\w+) ─+► ([\w, ]+?)\s*$", line)
        if found and found.group(1) in STAGE_IMPORTS:
            table[found.group(1)] = frozenset(found.group(2).replace(",", " ").split())
        alone = re.match(r"^\s*stages\s+([\w ]+?)\s+\(import no other stage\)", line)
        if alone:
            table.update({stage: frozenset() for stage in alone.group(1).split()})
    return table


def test_the_architecture_page_draws_the_stage_table() -> None:
    page = (Path(__file__).parent.parent / "docs" / "architecture.md").read_text("utf-8")
    assert documented_stage_imports(page) == dict(STAGE_IMPORTS)


def test_the_reader_sees_imports_inside_functions_and_type_checking_blocks() -> None:
    pairs = {(i.importer, i.imported) for i in IMPORTS}
    assert ("newsevents.api", "newsevents.pipeline") in pairs  # inside ingest_paths
    assert ("newsevents.evaluation.gate", "newsevents.evaluation.run") in pairs  # both kinds


# -- the checks fail on the couplings issue 17 removed -------------------------------------


def test_the_ingest_cycle_is_caught() -> None:
    # api.ingest_paths ran pipeline.run_ingest, pipeline and scale took Coder from api, and
    # scale took Batch from pipeline while pipeline started scale.
    graph = [
        Import("newsevents.api", "newsevents.pipeline", ("run_ingest",), 105),
        Import("newsevents.pipeline", "newsevents.api", ("Coder",), 25),
        Import("newsevents.pipeline", "newsevents.scale", ("distributed_batches",), 127),
        Import("newsevents.scale", "newsevents.api", ("Coder",), 22),
        Import("newsevents.scale", "newsevents.pipeline", ("Batch",), 25),
    ]
    assert unit_cycles(graph) == [["api", "pipeline", "scale"]]
    assert module_cycles(graph) == [["newsevents.api", "newsevents.pipeline", "newsevents.scale"]]
    assert layer_problems(graph) == [
        "newsevents.pipeline imports newsevents.api (line 25): 'pipeline' may not import 'api'",
        "newsevents.scale imports newsevents.api (line 22): 'scale' may not import 'api'",
    ]


def test_a_stage_reaching_into_a_later_stage_is_caught() -> None:
    graph = [Import("newsevents.clean.dates", "newsevents.events.dates", ("MONTHS",), 10)]
    assert layer_problems(graph) == [
        "newsevents.clean.dates imports newsevents.events.dates (line 10): "
        "'clean' may not import 'events'"
    ]
    data = [Import("newsevents.clean.dates", "newsevents.events", (), 12, data=True)]
    assert layer_problems(data) == [
        "newsevents.clean.dates reads data of newsevents.events (line 12): "
        "'clean' may not import 'events'"
    ]


def test_a_stage_reaching_above_the_stages_is_caught() -> None:
    # evaluation typed its coder as newsevents.api.Coder (under TYPE_CHECKING)
    graph = [Import("newsevents.evaluation.run", "newsevents.api", ("Coder",), 33)]
    assert layer_problems(graph) == [
        "newsevents.evaluation.run imports newsevents.api (line 33): "
        "stage 'evaluation' reaches above the stages"
    ]


def test_private_names_of_another_stage_are_caught() -> None:
    graph = [
        Import("newsevents.events.extract", "newsevents.actors.resolve", ("_LOCAL_GROUPS",), 13),
        Import("newsevents.evaluation.score", "newsevents.actors.resolve", ("_ROOTS",), 24),
        Import("newsevents.events.build", "newsevents.events.extract", ("_private",), 3),
    ]
    assert private_name_problems(graph) == [
        "newsevents.events.extract takes _LOCAL_GROUPS from newsevents.actors.resolve "
        "(line 13): make it public where it is really shared",
        "newsevents.evaluation.score takes _ROOTS from newsevents.actors.resolve "
        "(line 24): make it public where it is really shared",
    ]  # within one stage a module may share its private names


def test_a_second_copy_of_a_shared_table_is_caught() -> None:
    defined = {
        "INTERNATIONAL_ROOTS": {"newsevents.actors.resolve", "newsevents.evaluation.match"},
        "Modality": {"newsevents.records", "newsevents.web.models"},
    }
    assert definition_problems(defined) == [
        "newsevents.evaluation.match defines INTERNATIONAL_ROOTS again: "
        "import it from newsevents.actors.resolve",
        "newsevents.web.models defines Modality again: import it from newsevents.records",
    ]


def test_a_cycle_inside_a_stage_is_caught() -> None:
    # gold loaded petrarch's files and petrarch took gold's records
    graph = [
        Import("newsevents.evaluation.gold", "newsevents.evaluation.petrarch", ("load",), 143),
        Import("newsevents.evaluation.petrarch", "newsevents.evaluation.gold", ("Gold",), 26),
    ]
    assert unit_cycles(graph) == []
    assert module_cycles(graph) == [
        ["newsevents.evaluation.gold", "newsevents.evaluation.petrarch"]
    ]


def test_a_new_unit_must_be_placed() -> None:
    assert unplaced_units(["newsevents.translate.deepl", "newsevents.events"]) == ["translate"]
    assert layer_problems([Import("newsevents.translate", "newsevents.records")]) == [
        "newsevents.translate imports newsevents.records (line 0): "
        "'translate' may not import 'records'"
    ]


def test_the_reader_follows_relative_imports_and_submodules(tmp_path: Path) -> None:
    package = tmp_path / PACKAGE
    (package / "events").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "events" / "__init__.py").write_text("from . import dates\n")
    (package / "events" / "dates.py").write_text(
        "def f():\n    from ..clean import dates as d\n    return d\n"
    )
    (package / "clean").mkdir()
    (package / "clean" / "__init__.py").write_text("")
    (package / "clean" / "dates.py").write_text("from newsevents.events.dates import f\n")
    found = {(i.importer, i.imported) for i in package_imports(module_files(package))}
    assert found == {
        ("newsevents.events", "newsevents.events.dates"),
        ("newsevents.events.dates", "newsevents.clean.dates"),
        ("newsevents.clean.dates", "newsevents.events.dates"),
    }
