"""`zairyu verify` (offline, with a published key set) and `zairyu registry ...`, the officer's
commands for the partnership certificate registry.

`zairyu verify PAYLOAD --keys keys.json --name A --birth 1990-01-01 --name B --birth ...` needs
no database: it checks the signature against the key set file downloaded from
``/registry/keys.json`` and prints the verdict; its exit code is 0 only for a valid certificate.

The officer's commands work on the database the web app uses (``--data-dir``,
``--database-url``) and record the officer's name (``--officer``) in the audit log. Personal
data never goes on the command line of an officer's command: an application is read from a JSON
file (`zairyu registry apply --file`), whose holders are stored encrypted.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from rich.console import Console

from zairyu.engine.text import LANGS, Lang
from zairyu.i18n import translations

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from zairyu.workbench.cipher import FieldCipher

registry_app = typer.Typer(
    help="The partnership certificate registry: applications, certificates and signing keys."
)
keys_app = typer.Typer(help="The issuers' signing keys: rotate them, export the public key set.")
registry_app.add_typer(keys_app, name="keys")

DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Where the database and secret.key live (default: $ZAIRYU_DATA_DIR or"
        " ~/.local/share/zairyu)",
    ),
]
DatabaseUrl = Annotated[
    str | None,
    typer.Option(
        "--database-url", help="SQLAlchemy URL (default: $ZAIRYU_DATABASE_URL, else SQLite)"
    ),
]
Officer = Annotated[str, typer.Option("--officer", help="The officer's name, for the audit log")]
On = Annotated[
    str | None, typer.Option("--on", help="The day of the step, YYYY-MM-DD (default: today)")
]
LangOption = Annotated[str, typer.Option("--lang", help="ja or en")]

_errors = Console(stderr=True, soft_wrap=True, highlight=False)
_out = Console(soft_wrap=True, highlight=False)


def _fail(message: str, code: int = 2) -> NoReturn:
    _errors.print(f"error: {message}", markup=False)
    raise typer.Exit(code=code)


def _lang(value: str) -> Lang:
    if value not in LANGS:
        _fail(f"--lang: {value!r} is not ja or en")
    return value  # type: ignore[return-value,unused-ignore]


def _date(value: str | None, option: str) -> dt.date:
    if value is None:
        from zairyu.web.app import Settings

        return Settings().today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail(f"{option}: {value!r} is not a date YYYY-MM-DD")


# --- verify (offline) -------------------------------------------------------------------------


def verify_command(
    payload: Annotated[str, typer.Argument(help="The text of the certificate's QR code")],
    keys: Annotated[
        Path, typer.Option("--keys", help="The key set file downloaded from /registry/keys.json")
    ],
    name: Annotated[
        list[str], typer.Option("--name", help="A holder's name as printed (give it twice)")
    ],
    birth: Annotated[
        list[str], typer.Option("--birth", help="That holder's birth date, YYYY-MM-DD (twice)")
    ],
    status: Annotated[
        Path | None,
        typer.Option(
            "--status",
            help="The status list downloaded from /registry/status.json (returns, revocations)",
        ),
    ] = None,
    lang: LangOption = "ja",
) -> None:
    """Verify a partnership certificate offline against a published key set."""
    from zairyu.registry.keys import KeySet, KeySetError
    from zairyu.registry.payload import Holder, HolderError
    from zairyu.registry.status_list import StatusList, StatusListError
    from zairyu.registry.verify import describe, verify

    chosen = _lang(lang)
    if len(name) != 2 or len(birth) != 2:
        _fail("give --name and --birth twice each: once for each holder")
    births = [_date(b, "--birth") for b in birth]
    try:
        key_set = KeySet.from_json(json.loads(keys.read_text(encoding="utf-8")))
    except OSError as error:
        _fail(f"--keys: {keys} cannot be read: {error.strerror}")
    except (json.JSONDecodeError, UnicodeDecodeError):
        _fail(f"--keys: {keys} is not a JSON file")
    except KeySetError as error:
        _fail(f"--keys: {keys}: {error}")
    statuses: StatusList | None = None
    if status is not None:
        try:
            statuses = StatusList.from_json(json.loads(status.read_text(encoding="utf-8")))
        except OSError as error:
            _fail(f"--status: {status} cannot be read: {error.strerror}")
        except (json.JSONDecodeError, UnicodeDecodeError):
            _fail(f"--status: {status} is not a JSON file")
        except StatusListError as error:
            _fail(f"--status: {status}: {error}")
    holders = [Holder(n, b) for n, b in zip(name, births, strict=True)]
    try:
        result = verify(payload, holders, key_set, None if statuses is None else statuses.lookup)
    except HolderError as error:
        _fail(str(error))
    _out.print(describe(result, chosen), markup=False)
    raise typer.Exit(code=0 if result.valid else 1)


# --- the officer's commands -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Registry:
    session: Session
    cipher: FieldCipher
    audit_key: bytes


@contextmanager
def _registry(data_dir: Path | None, database_url: str | None) -> Iterator[_Registry]:
    """The web app's database and field cipher, in one transaction (rolled back on error)."""
    from sqlalchemy.orm import sessionmaker

    from zairyu.audit import audit_key
    from zairyu.keys import LiveKeyring, load_keyring
    from zairyu.storage import create_engine, migrate
    from zairyu.web.app import Settings
    from zairyu.web.crypto import load_or_create_secret
    from zairyu.workbench.cipher import KeyringCipher, legacy_field_cipher

    settings = Settings.from_environment()
    if data_dir is not None:
        settings.data_dir = data_dir
    if database_url is not None:
        settings.database_url = database_url
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    secret = load_or_create_secret(settings.data_dir / "secret.key")
    # The same cipher as the web app's (`create_app`), so that both read what the other wrote.
    cipher = KeyringCipher(
        LiveKeyring(load_keyring(settings.data_dir)), legacy_field_cipher(secret)
    )
    url = settings.database_url or f"sqlite:///{settings.data_dir / 'zairyu.sqlite3'}"
    engine = create_engine(url)
    try:
        migrate(engine)
        with sessionmaker(engine, expire_on_commit=False).begin() as session:
            yield _Registry(session, cipher, audit_key(secret))
    finally:
        engine.dispose()


@contextmanager
def _refusals() -> Iterator[None]:
    from zairyu.engine.case import CaseError
    from zairyu.registry.keys import SigningKeyError
    from zairyu.registry.service import RegistryError, RegistryNotFoundError

    try:
        yield
    except (RegistryError, RegistryNotFoundError, SigningKeyError, CaseError) as error:
        _fail(str(error))


def _actor(officer: str) -> str:
    if not officer.strip():
        _fail("--officer: the name is empty")
    return f"officer:{officer.strip()}"


@registry_app.command("register")
def register_command(
    code: Annotated[str, typer.Argument(help="The system's code in partnership_systems.csv")],
    officer: Officer,
    on: On = None,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Register an issuer (a municipality or prefecture) and make its first signing key."""
    from zairyu.registry import service

    day = _date(on, "--on")
    with _refusals(), _registry(data_dir, database_url) as r:
        service.register_issuer(r.session, r.cipher, r.audit_key, _actor(officer), code, day)
    _out.print(f"registered {code}")


def _application_file(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        _fail(f"--file: {path} cannot be read: {error.strerror}")
    except (json.JSONDecodeError, UnicodeDecodeError):
        _fail(f"--file: {path} is not a JSON file")
    if not isinstance(document, dict):
        _fail(f"--file: {path}: not a JSON object with holders and facts")
    return document


@registry_app.command("apply")
def apply_command(
    issuer: Annotated[str, typer.Option("--issuer", help="The issuer's code")],
    file: Annotated[
        Path,
        typer.Option(
            "--file",
            help='JSON: {"holders": [{"name": ..., "birth_date": ...}, {...}], "facts": {...}}',
        ),
    ],
    on: On = None,
    lang: LangOption = "ja",
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Record a couple's application (from a paper or e-mail form); prints its id."""
    from zairyu.registry import service
    from zairyu.registry.payload import Holder

    chosen = _lang(lang)
    document = _application_file(file)
    holders_json, facts = document.get("holders"), document.get("facts", {})
    if not isinstance(holders_json, list) or len(holders_json) != 2:
        _fail("--file: holders must be a list of the two partners")
    if not isinstance(facts, dict):
        _fail("--file: facts must be an object of fact names and values")
    holders: list[Holder] = []
    for position, item in enumerate(holders_json, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            _fail(f"--file: holder {position} needs a name and a birth_date")
        holders.append(Holder(item["name"], _date(str(item.get("birth_date")), "birth_date")))
    day = _date(on, "--on")
    with _refusals(), _registry(data_dir, database_url) as r:
        found = service.apply(
            r.session,
            r.cipher,
            r.audit_key,
            issuer=issuer,
            holders=(holders[0], holders[1]),
            facts=facts,
            applied_on=day,
            lang=chosen,
            actor="officer-entry",
        )
    _out.print(found.id)


@registry_app.command("review")
def review_command(
    application_id: Annotated[str, typer.Argument(help="The application's id")],
    on: On = None,
    lang: LangOption = "ja",
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Show the engine's evaluation of an application: outcome, each requirement, what is open."""
    from zairyu.registry import service

    chosen = _lang(lang)
    _ = translations(chosen).gettext
    with _refusals(), _registry(data_dir, database_url) as r:
        day = None if on is None else _date(on, "--on")
        result = service.review(r.session, r.cipher, application_id, day)
    marks = {True: "○", False: "×", None: "?"}
    outcomes = {
        "eligible": _("Eligible: the published requirements are met"),
        "discretionary": _("Discretionary: only a case-by-case assessment can decide"),
        "not_eligible": _("Not eligible for this pathway"),
        "undetermined": _("Undetermined: it depends on information not yet given"),
    }
    _out.print(
        _("Outcome on {date}: {outcome}").format(date=result.on, outcome=outcomes[result.outcome]),
        markup=False,
    )
    for requirement in result.requirements:
        _out.print(f"  {marks[requirement.value]} {requirement.text(chosen)}", markup=False)
    for question in result.questions:
        _out.print("  " + _("Still unknown: {fact}").format(fact=question), markup=False)
    for gap in result.data_gaps:
        _out.print("  " + _("Not in the reference data: {rule}").format(rule=gap(chosen)))


@registry_app.command("issue")
def issue_command(
    application_id: Annotated[str, typer.Argument(help="The application's id")],
    officer: Officer,
    oath_accepted: Annotated[
        bool,
        typer.Option("--oath-accepted", help="Both partners made the oath before the officer"),
    ] = False,
    confirm_undetermined: Annotated[
        bool,
        typer.Option(
            "--confirm-undetermined",
            help="Issue although the engine cannot decide (the officer checked what is open)",
        ),
    ] = False,
    on: On = None,
    pdf: Annotated[Path | None, typer.Option("--pdf", help="Write the certificate here")] = None,
    base_url: Annotated[
        str, typer.Option("--base-url", help="The site that verifies, printed on the PDF")
    ] = "https://zairyu.example",
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Accept the oath and issue the certificate; prints its id, number and payload."""
    from zairyu.registry import service
    from zairyu.registry.certificate_pdf import certificate_pdf

    if not oath_accepted:
        _fail("give --oath-accepted once both partners made the oath before you")
    day = _date(on, "--on")
    with _refusals(), _registry(data_dir, database_url) as r:
        actor = _actor(officer)
        service.accept_oath(r.session, r.audit_key, actor, application_id, day)
        issued = service.issue(
            r.session,
            r.cipher,
            r.audit_key,
            actor,
            application_id,
            day,
            confirm_undetermined=confirm_undetermined,
        )
        if pdf is not None:
            holders = service.holders_of(r.cipher, issued.certificate)
            pdf.write_bytes(certificate_pdf(issued.certificate, holders, base_url))
    row = issued.certificate
    _out.print(f"{row.id} {row.issuer_code} {row.number} {issued.payload}", markup=False)


@registry_app.command("return")
def return_command(
    certificate_id: Annotated[str, typer.Argument(help="The certificate's id")],
    reason: Annotated[str, typer.Option("--reason", help="dissolution or moving_away")],
    officer: Officer,
    on: On = None,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Record that the couple returned the certificate."""
    from zairyu.registry import service

    day = _date(on, "--on")
    with _refusals(), _registry(data_dir, database_url) as r:
        service.return_certificate(
            r.session, r.audit_key, _actor(officer), certificate_id, reason, day
        )
    _out.print(f"returned {certificate_id}")


@registry_app.command("revoke")
def revoke_command(
    certificate_id: Annotated[str, typer.Argument(help="The certificate's id")],
    reason: Annotated[
        str,
        typer.Option("--reason", help="false_declaration, issued_in_error or requirements_not_met"),
    ],
    officer: Officer,
    on: On = None,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Revoke a certificate."""
    from zairyu.registry import service

    day = _date(on, "--on")
    with _refusals(), _registry(data_dir, database_url) as r:
        service.revoke(r.session, r.audit_key, _actor(officer), certificate_id, reason, day)
    _out.print(f"revoked {certificate_id}")


@registry_app.command("transfer")
def transfer_command(
    certificate_id: Annotated[str, typer.Argument(help="The certificate's id")],
    to: Annotated[str, typer.Option("--to", help="The receiving issuer's code")],
    officer: Officer,
    confirm_undetermined: Annotated[
        bool, typer.Option("--confirm-undetermined", help="Issue although the engine cannot decide")
    ] = False,
    on: On = None,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Continue a certificate at the municipality the couple moved to (mutual recognition)."""
    from zairyu.registry import service

    day = _date(on, "--on")
    with _refusals(), _registry(data_dir, database_url) as r:
        issued, basis = service.transfer(
            r.session,
            r.cipher,
            r.audit_key,
            _actor(officer),
            certificate_id,
            to,
            day,
            confirm_undetermined=confirm_undetermined,
        )
    row = issued.certificate
    _out.print(
        f"{row.id} {row.issuer_code} {row.number} ({basis.basis}) {issued.payload}", markup=False
    )


@keys_app.command("rotate")
def rotate_command(
    code: Annotated[str, typer.Argument(help="The issuer's code")],
    officer: Officer,
    on: On = None,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Retire the issuer's current key and make a new one; old certificates stay valid."""
    from zairyu.registry import service

    day = _date(on, "--on")
    with _refusals(), _registry(data_dir, database_url) as r:
        key_id = service.rotate_key(r.session, r.cipher, r.audit_key, _actor(officer), code, day)
    _out.print(f"{code}: new key {key_id}")


@keys_app.command("export")
def export_command(
    out: Annotated[Path, typer.Option("--out", help="Where to write the key set (JSON)")],
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Write the published key set, as served at /registry/keys.json, for offline checks."""
    from zairyu.registry.keys import published

    with _registry(data_dir, database_url) as r:
        document = published(r.session).to_json()
    out.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    _out.print(f"wrote {out}")


@registry_app.command("export-status")
def export_status_command(
    out: Annotated[Path, typer.Option("--out", help="Where to write the status list (JSON)")],
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Write the status list, as served at /registry/status.json, for offline checks."""
    from zairyu.registry.status_list import published

    day = _date(None, "--on")
    with _registry(data_dir, database_url) as r:
        document = published(r.session, day).to_json()
    out.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    _out.print(f"wrote {out}")


@registry_app.command("pdf")
def pdf_command(
    certificate_id: Annotated[str, typer.Argument(help="The certificate's id")],
    out: Annotated[Path, typer.Option("--out", help="Where to write the PDF")],
    base_url: Annotated[
        str, typer.Option("--base-url", help="The site that verifies, printed on the PDF")
    ] = "https://zairyu.example",
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Print a certificate again (for example after a transfer)."""
    from zairyu.registry import service
    from zairyu.registry.certificate_pdf import certificate_pdf

    with _refusals(), _registry(data_dir, database_url) as r:
        row = service.certificate(r.session, certificate_id)
        out.write_bytes(certificate_pdf(row, service.holders_of(r.cipher, row), base_url))
    _out.print(f"wrote {out}")


def register(app: typer.Typer) -> None:
    """Adds `zairyu verify` and `zairyu registry ...` to the main command."""
    app.command("verify")(verify_command)
    app.add_typer(registry_app, name="registry")
