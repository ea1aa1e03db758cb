"""Command line: `zairyu screen`, `zairyu serve`, `zairyu audit`, `zairyu facts`, `zairyu codes`.

Bad input (a missing or malformed file, an unknown fact, a wrong type, an impossible date, an
unknown code, contradictory facts) exits with status 2 and a message naming the fact and value.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from rich.console import Console
from rich.table import Table

from zairyu.cli_admin import admin_app
from zairyu.cli_backup import backup_command, restore_command
from zairyu.cli_batch import batch_command
from zairyu.cli_common import Language, cli_language, messages, value_error_message
from zairyu.cli_common import fail as _fail
from zairyu.cli_keys import keys_app
from zairyu.cli_registry import register as register_registry
from zairyu.cli_simulate import simulate_command
from zairyu.cli_stats import stats_command
from zairyu.engine.case import CaseError, parse_case
from zairyu.engine.facts import FactValueError, MaybeValue, parse_iso_date
from zairyu.engine.screen import screen as run_screen
from zairyu.i18n import translations
from zairyu.law.facts import COUNTRIES, STATUSES
from zairyu.law.pathways import CONSTRAINTS, FACTS, PATHWAYS
from zairyu.render import render
from zairyu.report import ScreeningOut, screening_out

app = typer.Typer(
    help="zairyu (在留): screen Japan's residence-status pathways with cited, dated rules.",
    no_args_is_help=True,
    add_completion=False,
)


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


class CodeKind(StrEnum):
    countries = "countries"
    statuses = "statuses"


class InputError(Exception):
    """Input the user must fix; printed without a traceback, exit status 2."""


class _CaseLoader(yaml.SafeLoader):
    """YAML without implicit timestamps: dates stay text, so an impossible date gets our message.
    A key given twice is an error, not a silent overwrite."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"{key} is given twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_CaseLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _flatten(raw: Mapping[Any, Any], prefix: str = "") -> dict[str, object]:
    flat: dict[str, object] = {}
    for key, value in raw.items():
        name = f"{prefix}{key}"
        nested = (
            _flatten(value, f"{name}.")
            if isinstance(value, Mapping) and name not in FACTS
            else {name: value}
        )
        for fact in nested:
            if fact in flat:
                raise InputError(f"{fact}: given twice (once flat, once nested)")
        flat.update(nested)
    return flat


def load_case_file(path: Path, lang: Language | None = None) -> dict[str, object]:
    _ = messages(lang)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(_("{path}: no such file").format(path=path)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(
            _("{path}: cannot be read: {error}").format(path=path, error=error)
        ) from None
    try:
        raw = yaml.load(text, Loader=_CaseLoader)  # a SafeLoader subclass
    except yaml.YAMLError as error:
        raise InputError(
            _("{path}: not valid YAML: {error}").format(path=path, error=error)
        ) from None
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise InputError(
            _("{path}: a case file is a mapping of fact names to values").format(path=path)
        )
    try:
        return _flatten(raw)
    except InputError as error:
        raise InputError(f"{path}: {error}") from None


def parse_as_of(value: str | None, lang: Language | None = None) -> dt.date:
    if value is None:
        return dt.date.today()
    try:
        return parse_iso_date(value, "--as-of")
    except FactValueError as error:
        raise InputError(value_error_message(error, lang)) from None


def read_case(path: Path, as_of: dt.date, lang: Language | None = None) -> dict[str, MaybeValue]:
    try:
        return parse_case(load_case_file(path, lang), FACTS, CONSTRAINTS, as_of)
    except CaseError as error:
        _ = messages(lang)
        raise InputError(
            _("{path}: the case has errors:").format(path=path)
            + "\n"
            + "\n".join(f"  - {p}" for p in error.problems)
        ) from None


@app.command()
def screen(
    case_file: Annotated[Path, typer.Argument(help="YAML file: a mapping of fact names to values")],
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Apply the law of this date, YYYY-MM-DD (default: today)"),
    ] = None,
    lang: Annotated[
        Language | None,
        typer.Option(
            "--lang",
            help="Language of the result (default: $ZAIRYU_LANG, else the locale, else en)",
        ),
    ] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="text for people, json for programs")
    ] = OutputFormat.text,
) -> None:
    """Screen a case against every pathway and explain the result."""
    try:
        day = parse_as_of(as_of, lang)
        case = read_case(case_file, day, lang)
    except InputError as error:
        _fail(error, lang=lang)
        return
    result = screening_out(run_screen(PATHWAYS, case, day), cli_language(lang))
    if output is OutputFormat.json:
        sys.stdout.write(result.model_dump_json(indent=2) + "\n")
    else:
        render(result, Console(width=110))


@app.command()
def schema() -> None:
    """Print the JSON Schema of `zairyu screen --format json` (kept in docs/screening.schema.json)."""
    sys.stdout.write(
        json.dumps(ScreeningOut.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
    )


@app.command()
def facts(lang: Annotated[Language | None, typer.Option("--lang")] = None) -> None:
    """List every fact a case can give, with its type and question."""
    chosen = cli_language(lang)
    _ = translations(chosen).gettext
    table = Table(_("Fact"), _("Type"), _("Question"), show_lines=False)
    for fact in FACTS:
        kind = fact.type.value + (f" ({', '.join(fact.choice_values)})" if fact.choices else "")
        table.add_row(fact.name, kind, fact.question(chosen))
    Console(width=140).print(table)


@app.command()
def codes(
    kind: Annotated[CodeKind, typer.Argument(help="countries or statuses")],
    lang: Annotated[Language | None, typer.Option("--lang")] = None,
) -> None:
    """List the accepted country or status-of-residence codes."""
    chosen = cli_language(lang)
    _ = translations(chosen).gettext
    code_set = COUNTRIES if kind is CodeKind.countries else STATUSES
    table = Table(_("Code"), _("Name"))
    for code, name in sorted(code_set.names.items()):
        table.add_row(code, name(chosen))
    Console(width=120).print(table)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            help="Where the SQLite database and the secret key live"
            " (default: $ZAIRYU_DATA_DIR or ~/.local/share/zairyu)",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Evaluate as of this date instead of today (demos, training)"),
    ] = None,
    workers: Annotated[
        int,
        typer.Option(
            min=1, max=64, help="Worker processes (one per core serves the most requests)"
        ),
    ] = 1,
    public_url: Annotated[
        str | None,
        typer.Option(
            "--public-url",
            help="The address people reach this service at, printed on certificates"
            " (default: $ZAIRYU_PUBLIC_URL; never taken from a request)",
        ),
    ] = None,
) -> None:
    """Start the web interview and the JSON API, and print the address to open."""
    import os

    import uvicorn

    from zairyu.web.app import Settings, serving_app
    from zairyu.web.public_url import parse_public_url

    try:
        settings = Settings.from_environment()
        if as_of is not None:
            settings.as_of = parse_as_of(as_of)
        if public_url is not None:
            settings.public_url = parse_public_url(public_url, "--public-url")
    except (InputError, FactValueError) as error:
        _fail(InputError(str(error)))
        return
    if data_dir is not None:
        settings.data_dir = data_dir
    # Made here even with workers: the secret, the key file and the schema are created once,
    # before worker processes could race to create them.
    web = serving_app(settings)
    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    Console().print(f"zairyu is running at [bold]http://{shown}:{port}/[/bold] (Ctrl+C stops it)")
    if workers == 1:
        uvicorn.run(web, host=host, port=port, log_level="warning", access_log=False)
        return
    web.state.store.engine.dispose()
    os.environ["ZAIRYU_DATA_DIR"] = str(settings.data_dir)
    if settings.as_of is not None:
        os.environ["ZAIRYU_AS_OF"] = settings.as_of.isoformat()
    if settings.public_url is not None:
        os.environ["ZAIRYU_PUBLIC_URL"] = settings.public_url
    uvicorn.run(
        "zairyu.web.app:serving_app",
        factory=True,
        workers=workers,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
    )


audit_app = typer.Typer(help="The hash-chained audit log: check it, or print its head to keep.")
app.add_typer(audit_app, name="audit")
app.add_typer(keys_app, name="keys")
app.add_typer(admin_app, name="admin")
app.command("backup")(backup_command)
app.command("restore")(restore_command)
app.command("batch")(batch_command)
app.command("simulate")(simulate_command)
app.command("stats")(stats_command)
register_registry(app)

DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Where the database and the secret key live (default: $ZAIRYU_DATA_DIR or"
        " ~/.local/share/zairyu)",
    ),
]
DatabaseUrl = Annotated[
    str | None,
    typer.Option(
        "--database-url", help="SQLAlchemy URL (default: $ZAIRYU_DATABASE_URL, else SQLite)"
    ),
]


def _audit_database(data_dir: Path | None, database_url: str | None) -> tuple[str, bytes]:
    from zairyu.web.app import Settings

    settings = Settings.from_environment()
    if data_dir is not None:
        settings.data_dir = data_dir
    _ = messages()
    key_file = settings.data_dir / "secret.key"
    if not key_file.is_file():
        raise InputError(
            _("{path}: no secret key here; is this zairyu's data directory?").format(path=key_file)
        )
    url = (
        database_url or settings.database_url or f"sqlite:///{settings.data_dir / 'zairyu.sqlite3'}"
    )
    return url, key_file.read_bytes()


@audit_app.command("verify")
def audit_verify(
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
    head: Annotated[
        str | None,
        typer.Option(
            "--head",
            help="A head printed earlier by `zairyu audit head` (SEQ:MAC), to detect"
            " entries cut off the end",
        ),
    ] = None,
) -> None:
    """Check that no audit entry was changed, reordered or deleted; exit 1 if one was."""
    from sqlalchemy.orm import Session

    from zairyu.audit import Head, audit_key, verify
    from zairyu.audit import head as current_head
    from zairyu.storage import create_engine, migrate

    _ = messages()
    try:
        url, secret = _audit_database(data_dir, database_url)
        anchor = None
        if head is not None:
            seq, _colon, mac = head.partition(":")
            if not seq.isdigit() or len(mac) != 64:
                raise InputError(
                    _("--head {value}: expected SEQ:MAC as `zairyu audit head` prints").format(
                        value=repr(head)
                    )
                )
            anchor = Head(int(seq), mac)
    except InputError as error:
        _fail(error)
        return
    engine = create_engine(url)
    migrate(engine)
    with Session(engine) as session:
        breaks = verify(session, audit_key(secret), anchor)
        latest = current_head(session)
    engine.dispose()
    if breaks:
        for found in breaks:
            sys.stderr.write(
                _("audit entry {seq}: {reason}").format(seq=found.seq, reason=found.reason) + "\n"
            )
        sys.stderr.write(
            _("the audit log is NOT intact: {count} problem(s)").format(count=len(breaks)) + "\n"
        )
        raise typer.Exit(1)
    sys.stdout.write(
        _("the audit log is intact: {count} entries, head {head}").format(
            count=latest.seq, head=f"{latest.seq}:{latest.mac}"
        )
        + "\n"
    )


@audit_app.command("head")
def audit_head(data_dir: DataDir = None, database_url: DatabaseUrl = None) -> None:
    """Print the newest entry's number and MAC (SEQ:MAC): keep it elsewhere, give it to
    `zairyu audit verify --head` later."""
    from sqlalchemy.orm import Session

    from zairyu.audit import head as current_head
    from zairyu.storage import create_engine, migrate

    try:
        url, _secret = _audit_database(data_dir, database_url)
    except InputError as error:
        _fail(error)
        return
    engine = create_engine(url)
    migrate(engine)
    with Session(engine) as session:
        latest = current_head(session)
    engine.dispose()
    sys.stdout.write(f"{latest.seq}:{latest.mac}\n")


if __name__ == "__main__":  # pragma: no cover
    app()
