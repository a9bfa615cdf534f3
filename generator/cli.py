"""Command line: parses arguments and calls the pipeline; no logic of its own."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from generator.errors import format_problems
from generator.pipeline import check

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
    validate.set_defaults(run=_validate)

    build = commands.add_parser("build", help="kontrollera, generera sidor och bygg webbplatsen med MkDocs (strict)")
    _data_options(build)
    build.add_argument(
        "--out", type=Path, default=Path("site"), help="mapp för den byggda webbplatsen (standard: site)"
    )
    build.add_argument(
        "--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs-konfigurationen (standard: mkdocs.yml)"
    )
    build.set_defaults(run=_build)

    serve = commands.add_parser("serve", help="förhandsgranska webbplatsen; sidorna uppdateras när en YAML-fil sparas")
    serve.add_argument(
        "--config", type=Path, default=Path("mkdocs.yml"), help="MkDocs-konfigurationen (standard: mkdocs.yml)"
    )
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="adress och port (standard: 127.0.0.1:8000)")
    serve.set_defaults(run=_serve)
    return parser


def _data_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=Path("data"), help="datamappen (standard: data)")
    parser.add_argument(
        "--as-of",
        type=_date,
        default=dt.date.today(),
        help="datum som tidsfrister jämförs med, ÅÅÅÅ-MM-DD (standard: i dag)",
    )


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} är inget datum på formen ÅÅÅÅ-MM-DD") from None


def _validate(args: argparse.Namespace) -> int:
    checked = check(args.data, args.as_of)
    if checked.problems:
        print(format_problems(checked.problems), file=sys.stderr)
        return 1
    print(f"Inga problem: {checked.dataset.record_count} poster i {checked.files} filer kontrollerade.")
    return 0


def _build(args: argparse.Namespace) -> int:
    if _validate(args):
        return 1
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _show_mkdocs_warnings()
    out = args.out.resolve()
    if _not_a_site(out):
        print(f"{out} finns och är ingen byggd webbplats; välj en annan --out", file=sys.stderr)
        return 1
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=out.parent))
    try:
        config = load_config(str(args.config), site_dir=str(work / "site"), strict=True)
        plugin = config.plugins[PLUGIN].config
        plugin["data_dir"] = str(args.data.resolve())
        plugin["pages_dir"] = str(work / "pages")
        plugin["as_of"] = args.as_of.isoformat()
        build(config)
        _replace(out, work / "site")
    except MkDocsException as error:
        print(f"Bygget misslyckades: {error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"Webbplatsen är byggd i {out}. Förhandsgranska den med `python -m generator serve`.")
    return 0


def _not_a_site(out: Path) -> bool:
    """Guard against --out pointing at a folder the swap below would delete."""
    return out.is_file() or (out.is_dir() and any(out.iterdir()) and not (out / "index.html").is_file())


def _replace(out: Path, built: Path) -> None:
    """Swap the new site in only after it built, so a failed build leaves the old one."""
    old = out.with_name(out.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    built.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def _serve(args: argparse.Namespace) -> int:
    from mkdocs.commands.serve import serve

    _show_mkdocs_warnings(logging.INFO)
    serve(config_file=str(args.config), dev_addr=args.dev_addr, livereload=True)
    return 0


def _show_mkdocs_warnings(level: int = logging.WARNING) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(level)
