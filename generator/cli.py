"""Command line: parses arguments and calls the pipeline; no logic of its own."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from generator import diff, outfolder, processes, scaffold
from generator.dataset import DataSet
from generator.drafts import format_to_fill, left_out_words
from generator.errors import format_problems, github_annotation
from generator.kinds import FOLLOWUPS, PROVIDERS, REQUIREMENTS, Kind
from generator.pipeline import Checked, check
from generator.schema import stale_schemas, write_schemas

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from generator.mkdocs_plugin import PortalPlugin

PLUGIN = "kvalitetsportalen"


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    return int(args.run(args))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator", description="Kvalitetsportalen: kontrollera data och bygg webbplatsen."
    )
    commands = parser.add_subparsers(required=True, metavar="KOMMANDO")

    validate = commands.add_parser("validate", help="kontrollera hela datamappen och skriv ut alla problem")
    _data_options(validate)
    validate.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="text (standard) eller github: anteckningar på raderna i en pull request",
    )
    validate.set_defaults(run=_validate)

    new = commands.add_parser("new", help="skriv en ny post med alla fält och kommentarer om vad som ska stå var")
    kinds = new.add_subparsers(required=True, metavar="SLAG")
    followup = kinds.add_parser("followup", help="uppföljning av kvalitetskrav för en utförare")
    followup.add_argument("--provider", required=True, help="utförarens id")
    resultfollowup = kinds.add_parser("resultfollowup", help="resultatuppföljning av ett tidigare beslut")
    resultfollowup.add_argument("--follows", required=True, help="id för beslutet som följs upp")
    for decision in (followup, resultfollowup):
        decision.add_argument(
            "--id",
            help="beslutets id (standard: utförarens id och datumet, resp. beslutets id, -resultat- och datumet)",
        )
        decision.add_argument("--date", type=_date, default=dt.date.today(), help="beslutets datum (standard: i dag)")
    provider = kinds.add_parser("provider", help="ny utförare")
    requirement = kinds.add_parser("requirement", help="nytt kvalitetskrav")
    for record in (provider, requirement):
        record.add_argument("id", help="postens id, t.ex. omsorg-ab")
    for kind, run in (
        (followup, _new_followup),
        (resultfollowup, _new_result),
        (provider, _new_provider),
        (requirement, _new_requirement),
    ):
        kind.add_argument("--data", type=Path, default=Path("data"), help="datamappen (standard: data)")
        kind.set_defaults(run=run)

    compare = commands.add_parser("diff", help="vad en ändring publicerar: jämför två datamappar eller git-revisioner")
    compare.add_argument("old", help="mapp eller git-revision före, t.ex. origin/main")
    compare.add_argument("new", nargs="?", default="data", help="mapp eller git-revision efter (standard: data)")
    compare.add_argument("--as-of", type=_date, default=dt.date.today(), help="datum som tidsfrister jämförs med")
    compare.set_defaults(run=_diff)

    archive = commands.add_parser(
        "import", help="läs arkiverade beslut (PDF eller text) och skriv ett utkast per beslut att granska"
    )
    archive.add_argument("sources", nargs="+", type=Path, metavar="SÖKVÄG", help="PDF, .txt eller mapp med sådana")
    archive.add_argument(
        "--provider", help="utförarens id, om besluten inte namnger utföraren (t.ex. en resultatuppföljning)"
    )
    archive.add_argument("--data", type=Path, default=Path("data"), help="datamappen (standard: data)")
    archive.set_defaults(run=_import)

    schema = commands.add_parser("schema", help="skriv JSON Schema för posterna till schemas/ (från modellerna)")
    schema.add_argument("--out", type=Path, default=Path("schemas"), help="mappen (standard: schemas)")
    schema.add_argument("--check", action="store_true", help="skriv inget; avsluta med 1 om schemas/ är inaktuell")
    schema.set_defaults(run=_schema)

    build = commands.add_parser("build", help="kontrollera, generera sidor och bygg webbplatsen med MkDocs (strict)")
    _data_options(build)
    build.add_argument(
        "--out", type=Path, default=Path("site"), help="mapp för den byggda webbplatsen (standard: site)"
    )
    build.add_argument(
        "--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs-konfigurationen (standard: mkdocs.yml)"
    )
    build.add_argument("--site-url", help="webbplatsens publicerade adress, t.ex. https://exempel.se/kvalitet/")
    build.add_argument(
        "--allow-empty", action="store_true", help="bygg även om datamappen saknar poster (standard: stoppa)"
    )
    build.set_defaults(run=_build, format="text")

    serve = commands.add_parser("serve", help="förhandsgranska webbplatsen; sidorna uppdateras när en YAML-fil sparas")
    serve.add_argument(
        "--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs-konfigurationen (standard: mkdocs.yml)"
    )
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="adress och port (standard: 127.0.0.1:8000)")
    serve.add_argument(
        "--full",
        action="store_true",
        help="bygg om alla sidor vid varje ändring (standard: bara de sidor vars text ändrades)",
    )
    serve.set_defaults(run=_serve)
    return parser


def _import(args: argparse.Namespace) -> int:
    """Exit 1 when a file could not be imported, so that a script sees it; the others are written.
    The importer (and pypdf) load only for this command, as MkDocs loads only for build and serve."""
    from generator.importing.batch import import_paths

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its English warnings; the reason is said in Swedish
    missing = [str(path) for path in args.sources if not path.exists()]
    if missing:
        print(f"finns inte: {', '.join(missing)}", file=sys.stderr)
        return 2
    results = import_paths(args.sources, args.data, args.provider)
    return 1 if any(result.failed for result in results) else 0


def _data_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=Path("data"), help="datamappen (standard: data)")
    parser.add_argument(
        "--as-of",
        type=_date,
        help="visa läget den dagen, ÅÅÅÅ-MM-DD: beslut daterade efter den lämnas utanför och tidsfrister"
        " jämförs med den (standard: i dag, och ett beslut daterat efter i dag är ett fel)",
    )


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} är inget datum på formen ÅÅÅÅ-MM-DD") from None


def _validate(args: argparse.Namespace) -> int:
    as_of = args.as_of or dt.date.today()
    return 1 if _said(check(args.data, as_of, history=args.as_of is not None), args) is None else 0


def _said(checked: Checked, args: argparse.Namespace) -> int | None:
    """Say what the check found: the number of records shown, or None after printing every problem.
    The drafts' lines still to fill come after the problems; they are no problem themselves."""
    as_of = args.as_of or dt.date.today()
    if args.format == "github":
        annotations = [github_annotation(problem) for problem in checked.problems]
        annotations += [github_annotation(entry, level="notice") for entry in checked.to_fill]
        if annotations:
            print("\n".join(annotations))
    elif checked.problems:
        print(format_problems(checked.problems), file=sys.stderr)
    if not checked.problems:
        print(f"Inga problem: {checked.records + len(checked.drafts)} poster i {checked.files} filer kontrollerade.")
    if args.format != "github" and checked.to_fill:
        print(format_to_fill(checked.to_fill))
    if checked.problems:
        return None
    if checked.left_out:
        dated = "daterat" if len(checked.left_out) == 1 else "daterade"
        print(
            f"{len(checked.left_out)} beslut {dated} efter {as_of.isoformat()} lämnades utanför:"
            f" webbplatsen visar läget den dagen, {checked.shown} poster."
        )
    if checked.drafts:
        print(f"{left_out_words(checked.drafts)}.")
    return checked.shown


def _new_followup(args: argparse.Namespace) -> int:
    record_id = args.id or f"{args.provider}-{args.date.isoformat()}"
    return _new(
        args, FOLLOWUPS, record_id, lambda data: scaffold.followup_text(data, args.provider, record_id, args.date)
    )


def _new_result(args: argparse.Namespace) -> int:
    record_id = args.id or f"{args.follows}-resultat-{args.date.isoformat()}"
    return _new(
        args,
        FOLLOWUPS,
        record_id,
        lambda data: scaffold.result_followup_text(data, args.follows, record_id, args.date),
    )


def _new_provider(args: argparse.Namespace) -> int:
    return _new(args, PROVIDERS, args.id, lambda _: scaffold.provider_text(args.id))


def _new_requirement(args: argparse.Namespace) -> int:
    return _new(args, REQUIREMENTS, args.id, lambda _: scaffold.requirement_text(args.id))


def _new(args: argparse.Namespace, kind: Kind, record_id: str, text: Callable[[DataSet], str]) -> int:
    try:
        target = scaffold.write_new(args.data, kind.folder, record_id, text(check(args.data, dt.date.today()).dataset))
    except scaffold.Refused as refusal:
        print(f"Skrev ingenting: {refusal}", file=sys.stderr)
        return 1
    print(f"Skrev {target}. Fyll i de tomma fälten; `python -m generator validate` visar vilka rader som återstår.")
    return 0


def _diff(args: argparse.Namespace) -> int:
    try:
        with diff.tree_at(args.old, upgraded=True) as old_dir, diff.tree_at(args.new) as new_dir:
            old, new = check(old_dir, args.as_of), check(new_dir, args.as_of)
            changes = diff.compare(old.dataset, new.dataset, args.as_of, old.drafts, new.drafts)
            unexplained = diff.unexplained_changes(old.dataset, new.dataset, new.drafts)
    except ValueError as error:
        print(str(error), file=sys.stderr)
        return 2
    if new.problems:
        print(format_problems(new.problems), file=sys.stderr)
        return 1
    print(diff.report(changes))
    if unexplained:
        print(diff.unexplained_report(unexplained))
        print(f"Granskningen stoppar: {len(unexplained)} problem med publicerade beslut, se ovan.", file=sys.stderr)
        return 1
    return 0


def _schema(args: argparse.Namespace) -> int:
    if args.check:
        stale = stale_schemas(args.out)
        if stale:
            print(
                f"Inaktuella scheman i {args.out}: {', '.join(stale)}. Kör `python -m generator schema`.",
                file=sys.stderr,
            )
            return 1
        print(f"Schemana i {args.out} stämmer med modellerna.")
        return 0
    written = write_schemas(args.out)
    print(f"Skrev {', '.join(written)}." if written else f"Schemana i {args.out} var redan aktuella.")
    return 0


def _build(args: argparse.Namespace) -> int:
    """A build told to stop (SIGTERM, Ctrl-C) stops what it started, removes what it wrote and
    says so, instead of leaving Pagefind running and its temporary folder behind."""
    out = args.out.resolve()
    try:
        with processes.stopped_by_signals():
            return _build_into(out, args)
    except processes.Stopped as stop:
        print(f"Bygget avbröts ({stop}): inget av det nya bygget finns kvar och {out} är som förut.", file=sys.stderr)
        return 128 + stop.signum


def _build_into(out: Path, args: argparse.Namespace) -> int:
    """Build the site beside out and swap it in; every refusal and failure a message, with out as
    it was. The tree is checked once, by the plugin as MkDocs starts the build (the command line
    hands it settings only, _mkdocs_config); what it found is said here, when the build is over."""
    from mkdocs.exceptions import BuildError, MkDocsException

    try:
        refused = outfolder.refusal(out)
        if refused:
            print(refused, file=sys.stderr)
            return 1
        with outfolder.work_folder(out) as work:
            config = _mkdocs_config(args, work)
            try:
                _run_mkdocs(config)
            except MkDocsException as error:
                checked = _plugin(config).checked
                if checked is not None and checked.problems:
                    _said(checked, args)
                    return 1
                cause = error.__context__ if isinstance(error.__context__, BuildError) else error
                print(f"Bygget misslyckades: {cause}", file=sys.stderr)
                return 1
            checked = _plugin(config).checked
            assert checked is not None, "a build that ran has checked the tree"
            records = _said(checked, args)
            if records is None:
                return 1
            if records == 0 and not args.allow_empty:
                print(
                    f"Bygget stoppades: {args.data} innehåller inga poster, och en tom webbplats skulle ersätta den"
                    " publicerade. Ange rätt datamapp med --data, eller --allow-empty om webbplatsen ska vara tom.",
                    file=sys.stderr,
                )
                return 1
            outfolder.replace(out, work / "site", work)
    except outfolder.OldSiteMoved as error:
        print(
            f"Bygget misslyckades: {out}: {error.strerror}. Den gamla webbplatsen ligger i {error.filename};"
            " flytta tillbaka den.",
            file=sys.stderr,
        )
        return 1
    except OSError as error:
        print(_not_written(out, error), file=sys.stderr)
        return 1
    print(f"Webbplatsen är byggd i {out}. Förhandsgranska den med `python -m generator serve`.")
    return 0


def _not_written(out: Path, error: OSError) -> str:
    """An operating system's refusal (read-only, busy, full) as the message of a failed build."""
    where = error.filename or out
    reason = error.strerror or str(error)
    return (
        f"Bygget misslyckades: {where}: {reason}. Webbplatsen i {out} är som förut. Kontrollera att"
        " mappen och mappen den ligger i går att skriva i och att inget annat program använder dem."
    )


def _mkdocs_config(args: argparse.Namespace, work: Path) -> MkDocsConfig:
    """MkDocs' configuration for a one-off strict build into work, with the portal's plugin set
    to read args.data and started as a build."""
    from mkdocs.config import load_config

    _show_mkdocs_warnings()
    overrides = {"site_url": args.site_url} if args.site_url else {}
    config = load_config(str(args.config), site_dir=str(work / "site"), strict=True, **overrides)
    plugin = _plugin(config)
    plugin.config["data_dir"] = str(args.data.resolve())
    plugin.config["pages_dir"] = str(work / "pages")
    plugin.config["as_of"] = args.as_of.isoformat() if args.as_of else None  # a date: the site as it stood then
    # As `mkdocs build` does: MkDocs keeps a plugin with on_startup alive between builds in one
    # process, so the plugin must hear that this one is a build, not a preview.
    config.plugins.on_startup(command="build", dirty=False)
    return config


def _plugin(config: MkDocsConfig) -> PortalPlugin:
    from generator.mkdocs_plugin import PortalPlugin

    plugin = config.plugins[PLUGIN]
    assert isinstance(plugin, PortalPlugin), "mkdocs.yml names the portal's plugin"
    return plugin


def _run_mkdocs(config: MkDocsConfig) -> None:
    from mkdocs.commands.build import build

    try:
        build(config)
    finally:
        config.plugins.on_shutdown()  # also when stopped: the plugin lets go of what the build held


def _serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import MkDocsException

    _show_mkdocs_warnings(logging.INFO)
    # The writer leaves unchanged pages untouched, so a dirty rebuild redoes exactly the pages a change
    # affects. MkDocs warns about every dirty build, so the preview is not strict; `build` is.
    build_type = None if args.full else "dirty"
    try:
        with processes.sigterm_as_ctrl_c():
            serve(config_file=str(args.config), dev_addr=args.dev_addr, build_type=build_type, strict=args.full)
    except MkDocsException as error:
        print(f"Förhandsgranskningen stoppade: {error}", file=sys.stderr)
        return 1
    return 0


def _show_mkdocs_warnings(level: int = logging.WARNING) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    # The preview rebuilds dirty on purpose (see _serve); MkDocs would warn about it on every save.
    handler.addFilter(lambda record: "'dirty' build" not in record.getMessage())
    handler.addFilter(_not_said_twice)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(level)


def _not_said_twice(record: logging.LogRecord) -> bool:
    """False for MkDocs' log of the build error it is handling (a plugin's, such as the data's
    problems): it then stops the build, and the command line says that error itself, once."""
    from mkdocs.exceptions import BuildError

    handling = sys.exc_info()[1]
    return not (isinstance(handling, BuildError) and record.getMessage() == str(handling))
