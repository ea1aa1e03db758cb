"""`zairyu verify` (offline, with a published key set) and `zairyu registry ...`, the officer's
commands for the partnership certificate registry.

`zairyu verify PAYLOAD --keys keys.json --name A --birth 1990-01-01 --name B --birth ...` needs
no database: it checks the signature against the key set file downloaded from
``/registry/keys.json`` and prints the verdict; its exit code is 0 only for a valid certificate.

The officer's commands work on the database the web app uses (``--data-dir``,
``--database-url``) and record the officer's name (``--officer``) in the audit log, also for
the commands that only show a couple's data (``review``, ``pdf``). Personal data never goes on
the command line of an officer's command: an application is read from a JSON file
(`zairyu registry apply --file`), whose holders are stored encrypted.

Bad input exits 2 with a message and writes nothing: options are checked before the database is
opened; only ``register`` may start a new data directory (the others refuse one without
``secret.key``, which is what a mistyped ``--data-dir`` looks like); a refusal inside the
transaction (or a file that cannot be written) rolls it back whole.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from zairyu.cli_common import fail, messages
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
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="ja or en: the language of the result (default: ja) and of the messages (default:"
        " $ZAIRYU_LANG, else the locale, else en)",
    ),
]

_out = Console(soft_wrap=True, highlight=False)


def _lang(value: str | None) -> Lang:
    """The language of the result: Japanese unless `--lang` says otherwise, as the registry's
    documents are Japanese first. The messages' language is `cli_language`'s choice."""
    if value is None:
        return "ja"
    if value not in LANGS:
        _ = messages()
        fail(_("--lang: {value} is not ja or en").format(value=repr(value)))
    return value  # type: ignore[return-value,unused-ignore]


PublicUrl = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        envvar="ZAIRYU_PUBLIC_URL",
        help="The site where people check certificates, printed on the PDF and in its QR code"
        " (default: $ZAIRYU_PUBLIC_URL)",
    ),
]


def _public_url(value: str | None) -> str:
    """The checked address to print on a certificate. There is no default: a placeholder on
    paper that people scan for years would send them nowhere, or to whoever owns it."""
    from zairyu.engine.facts import FactValueError
    from zairyu.web.public_url import parse_public_url

    _ = messages()
    try:
        parsed = parse_public_url(value, "--base-url")
    except FactValueError as error:
        fail(str(error))
    if parsed is None:
        fail(
            _(
                "give --base-url or set ZAIRYU_PUBLIC_URL: the address where people check"
                " certificates, printed on the PDF and in its QR code"
            )
        )
    return parsed


def _date(value: str | None, option: str, lang: str | None = None) -> dt.date:
    if value is None:
        from zairyu.web.app import Settings

        return Settings().today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _ = messages(lang)
        fail(
            _("{option}: {value} is not a date YYYY-MM-DD").format(
                option=option, value=repr(value)
            ),
            lang=lang,
        )


# --- verify (offline) -------------------------------------------------------------------------


def verify_command(
    payload: Annotated[str, typer.Argument(help="The text of the certificate's QR code")],
    keys: Annotated[
        Path, typer.Option("--keys", help="The key set file downloaded from /registry/keys.json")
    ],
    name: Annotated[
        list[str] | None,
        typer.Option("--name", help="A holder's name as printed (give it twice)"),
    ] = None,
    birth: Annotated[
        list[str] | None,
        typer.Option("--birth", help="That holder's birth date, YYYY-MM-DD (twice)"),
    ] = None,
    holders_file: Annotated[
        Path | None,
        typer.Option(
            "--holders",
            help="Instead of --name and --birth, which other users of the machine can see in"
            " its process list: a JSON file (or - for standard input) of"
            ' [{"name": ..., "birth_date": ...}, {...}]',
        ),
    ] = None,
    status: Annotated[
        Path | None,
        typer.Option(
            "--status",
            help="The status list downloaded from /registry/status.json (returns, revocations)",
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Verify a partnership certificate offline against a published key set."""
    from zairyu.registry.keys import KeySet, KeySetError
    from zairyu.registry.payload import Holder, HolderError
    from zairyu.registry.status_list import StatusList, StatusListError
    from zairyu.registry.verify import describe, verify

    chosen = _lang(lang)
    _ = messages(lang)
    if holders_file is not None:
        if name or birth:
            fail(
                _("give the holders either with --holders or with --name and --birth, not both"),
                lang=lang,
            )
        pairs = _holders_file(holders_file, lang)
    else:
        if name is None or birth is None or len(name) != 2 or len(birth) != 2:
            fail(
                _("give --name and --birth twice each: once for each holder (or --holders)"),
                lang=lang,
            )
        pairs = list(zip(name, [_date(b, "--birth", lang) for b in birth], strict=True))
    try:
        key_set = KeySet.from_json(json.loads(keys.read_text(encoding="utf-8")))
    except OSError as error:
        fail(_cannot_read("--keys", keys, error, lang), lang=lang)
    except (json.JSONDecodeError, UnicodeDecodeError):
        fail(_("{option}: {path} is not a JSON file").format(option="--keys", path=keys), lang=lang)
    except KeySetError as error:
        fail(f"--keys: {keys}: {error}", lang=lang)
    statuses: StatusList | None = None
    if status is not None:
        try:
            statuses = StatusList.from_json(json.loads(status.read_text(encoding="utf-8")))
        except OSError as error:
            fail(_cannot_read("--status", status, error, lang), lang=lang)
        except (json.JSONDecodeError, UnicodeDecodeError):
            fail(
                _("{option}: {path} is not a JSON file").format(option="--status", path=status),
                lang=lang,
            )
        except StatusListError as error:
            fail(f"--status: {status}: {error}", lang=lang)
    holders = [Holder(n, b) for n, b in pairs]
    try:
        result = verify(payload, holders, key_set, None if statuses is None else statuses.lookup)
    except HolderError as error:
        fail(str(error), lang=lang)
    _out.print(describe(result, chosen), markup=False)
    raise typer.Exit(code=0 if result.valid else 1)


def _cannot_read(option: str, path: Path, error: OSError, lang: str | None = None) -> str:
    _ = messages(lang)
    return _("{option}: {path} cannot be read: {reason}").format(
        option=option, path=path, reason=error.strerror
    )


def _holders_file(path: Path, lang: str | None = None) -> list[tuple[str, dt.date]]:
    """The two holders of `zairyu verify --holders` (a file, or - for standard input)."""
    import sys

    _ = messages(lang)
    try:
        text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
        document = json.loads(text)
    except OSError as error:
        fail(_cannot_read("--holders", path, error, lang), lang=lang)
    except (json.JSONDecodeError, UnicodeDecodeError):
        fail(_("--holders: {path} is not JSON").format(path=path), lang=lang)
    if not isinstance(document, list) or len(document) != 2:
        fail(
            _("--holders: give a list of the two holders, {example}").format(
                example='[{"name": ..., "birth_date": ...}, ...]'
            ),
            lang=lang,
        )
    pairs: list[tuple[str, dt.date]] = []
    for position, item in enumerate(document, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            fail(
                _("{option}: holder {position} needs a name and a birth_date").format(
                    option="--holders", position=position
                ),
                lang=lang,
            )
        birth = item.get("birth_date")
        pairs.append(
            (item["name"], _date(birth if isinstance(birth, str) else "", "birth_date", lang))
        )
    return pairs


# --- the officer's commands -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Registry:
    session: Session
    cipher: FieldCipher
    audit_key: bytes


@contextmanager
def _registry(
    data_dir: Path | None, database_url: str | None, *, create: bool = False
) -> Iterator[_Registry]:
    """The web app's database and field cipher, in one transaction (rolled back on error).
    Without `create`, a data directory without ``secret.key`` is refused, not made."""
    from sqlalchemy.orm import sessionmaker

    from zairyu.audit import audit_key
    from zairyu.keys import KeyringError, LiveKeyring, load_keyring
    from zairyu.storage import create_engine, migrate
    from zairyu.web.app import Settings
    from zairyu.web.crypto import load_or_create_secret
    from zairyu.workbench.cipher import KeyringCipher, legacy_field_cipher

    settings = Settings.from_environment()
    if data_dir is not None:
        settings.data_dir = data_dir
    if database_url is not None:
        settings.database_url = database_url
    secret_file = settings.data_dir / "secret.key"
    _ = messages()
    if not create and not secret_file.exists():
        fail(
            _(
                "--data-dir: {path} holds no zairyu data ({file} is missing); give the directory"
                " the server uses"
            ).format(path=settings.data_dir, file=secret_file.name)
        )
    try:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        secret = load_or_create_secret(secret_file)
        keyring = load_keyring(settings.data_dir)
    except (OSError, ValueError, KeyringError) as error:
        fail(f"--data-dir: {settings.data_dir}: {error}")
    # The same cipher as the web app's (`create_app`), so that both read what the other wrote.
    cipher = KeyringCipher(LiveKeyring(keyring), legacy_field_cipher(secret))
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
        fail(str(error))


MAX_OFFICER = 60  # characters: the audit log's actor column holds 80, with "officer:"


def _actor(officer: str) -> str:
    """The audit log's actor for `--officer`; checked before anything is opened."""
    from zairyu.registry.payload import has_control_character

    _ = messages()
    name = officer.strip()
    if not name:
        fail(_("--officer: the name is empty"))
    if len(name) > MAX_OFFICER or has_control_character(name):
        fail(
            _("--officer: give a name of at most {maximum} characters on one line").format(
                maximum=MAX_OFFICER
            )
        )
    return f"officer:{name}"


def _reason(reason: str, allowed: tuple[str, ...]) -> str:
    if reason not in allowed:
        _ = messages()
        fail(
            _("--reason: {value} is not one of {allowed}").format(
                value=repr(reason), allowed=", ".join(allowed)
            )
        )
    return reason


def _write(path: Path, data: bytes | str, option: str) -> None:
    """Writes `path`, or exits 2 naming `option` (inside a transaction: rolled back)."""
    try:
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    except OSError as error:
        _ = messages()
        fail(
            _("{option}: {path} cannot be written: {reason}").format(
                option=option, path=path, reason=error.strerror
            )
        )


def _wrote(path: Path) -> None:
    _ = messages()
    _out.print(_("wrote {path}").format(path=path), markup=False)


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
    actor = _actor(officer)
    with _refusals(), _registry(data_dir, database_url, create=True) as r:
        service.register_issuer(r.session, r.cipher, r.audit_key, actor, code, day)
    _ = messages()
    _out.print(_("registered {code}").format(code=code), markup=False)


def _application_file(path: Path, lang: str | None = None) -> dict[str, Any]:
    _ = messages(lang)
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        fail(_cannot_read("--file", path, error, lang), lang=lang)
    except (json.JSONDecodeError, UnicodeDecodeError):
        fail(_("{option}: {path} is not a JSON file").format(option="--file", path=path), lang=lang)
    if not isinstance(document, dict):
        fail(
            _("--file: {path}: not a JSON object with holders and facts").format(path=path),
            lang=lang,
        )
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
    lang: LangOption = None,
    officer: Annotated[
        str | None,
        typer.Option("--officer", help="The officer entering it, for the audit log"),
    ] = None,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Record a couple's application (from a paper or e-mail form); prints its id."""
    from zairyu.registry import service
    from zairyu.registry.payload import Holder

    chosen = _lang(lang)
    _ = messages(lang)
    actor = "officer-entry" if officer is None else _actor(officer)
    document = _application_file(file, lang)
    holders_json, facts = document.get("holders"), document.get("facts", {})
    if not isinstance(holders_json, list) or len(holders_json) != 2:
        fail(_("--file: holders must be a list of the two partners"), lang=lang)
    if not isinstance(facts, dict):
        fail(_("--file: facts must be an object of fact names and values"), lang=lang)
    holders: list[Holder] = []
    for position, item in enumerate(holders_json, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            fail(
                _("{option}: holder {position} needs a name and a birth_date").format(
                    option="--file", position=position
                ),
                lang=lang,
            )
        holders.append(Holder(item["name"], _date(str(item.get("birth_date")), "birth_date", lang)))
    day = _date(on, "--on", lang)
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
            actor=actor,
        )
    _out.print(found.id)


@registry_app.command("review")
def review_command(
    application_id: Annotated[str, typer.Argument(help="The application's id")],
    officer: Officer,
    on: On = None,
    lang: LangOption = None,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Show the engine's evaluation of an application: outcome, each requirement, what is open."""
    from zairyu.registry import service

    chosen = _lang(lang)
    _ = translations(chosen).gettext
    actor = _actor(officer)
    day = None if on is None else _date(on, "--on", lang)
    with _refusals(), _registry(data_dir, database_url) as r:
        result = service.review(r.session, r.cipher, application_id, day)
        service.record_access(
            r.session, r.audit_key, actor, "application_review", application_id=application_id
        )
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
    base_url: PublicUrl = None,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Accept the oath and issue the certificate; prints its id, number and payload."""
    from zairyu.registry import service
    from zairyu.registry.certificate_pdf import certificate_pdf

    if not oath_accepted:
        _ = messages()
        fail(_("give --oath-accepted once both partners made the oath before you"))
    day = _date(on, "--on")
    actor = _actor(officer)
    # Checked before anything is issued: a certificate that cannot be printed is not issued.
    address = _public_url(base_url) if pdf is not None else ""
    with _refusals(), _registry(data_dir, database_url) as r:
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
            # Written inside the transaction: a file that cannot be written issues nothing.
            holders = service.holders_of(r.cipher, issued.certificate)
            _write(pdf, certificate_pdf(issued.certificate, holders, address), "--pdf")
    row = issued.certificate
    _out.print(f"{row.id} {row.issuer_code} {row.number} {issued.payload}", markup=False)


_CertificateStep = Callable[[_Registry, str, dt.date, str], str]


def _certificate_step(
    step: _CertificateStep,
    officer: str,
    on: str | None,
    data_dir: Path | None,
    database_url: str | None,
    *,
    reason: tuple[str, tuple[str, ...]] | None = None,
) -> None:
    """The body of `return`, `revoke` and `transfer`: the options checked (the day, the
    officer, the reason if the step takes one) before the database is opened, then `step`
    (given the registry, the audit actor, the day and the reason, or "" without one) in one
    transaction, its line printed; a refusal exits 2 and rolls back."""
    day = _date(on, "--on")
    actor = _actor(officer)
    checked = "" if reason is None else _reason(*reason)
    with _refusals(), _registry(data_dir, database_url) as r:
        line = step(r, actor, day, checked)
    _out.print(line, markup=False)


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

    def step(r: _Registry, actor: str, day: dt.date, checked: str) -> str:
        service.return_certificate(r.session, r.audit_key, actor, certificate_id, checked, day)
        return f"returned {certificate_id}"

    _certificate_step(
        step, officer, on, data_dir, database_url, reason=(reason, service.RETURN_REASONS)
    )


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

    def step(r: _Registry, actor: str, day: dt.date, checked: str) -> str:
        service.revoke(r.session, r.audit_key, actor, certificate_id, checked, day)
        return f"revoked {certificate_id}"

    _certificate_step(
        step, officer, on, data_dir, database_url, reason=(reason, service.REVOKE_REASONS)
    )


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

    def step(r: _Registry, actor: str, day: dt.date, _no_reason: str) -> str:
        issued, basis = service.transfer(
            r.session,
            r.cipher,
            r.audit_key,
            actor,
            certificate_id,
            to,
            day,
            confirm_undetermined=confirm_undetermined,
        )
        row = issued.certificate
        return f"{row.id} {row.issuer_code} {row.number} ({basis.basis}) {issued.payload}"

    _certificate_step(step, officer, on, data_dir, database_url)


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
    actor = _actor(officer)
    with _refusals(), _registry(data_dir, database_url) as r:
        key_id = service.rotate_key(r.session, r.cipher, r.audit_key, actor, code, day)
    _ = messages()
    _out.print(_("{code}: new key {key}").format(code=code, key=key_id), markup=False)


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
    _write(out, json.dumps(document, ensure_ascii=False, indent=2) + "\n", "--out")
    _wrote(out)


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
    _write(out, json.dumps(document, ensure_ascii=False, indent=2) + "\n", "--out")
    _wrote(out)


@registry_app.command("pdf")
def pdf_command(
    certificate_id: Annotated[str, typer.Argument(help="The certificate's id")],
    out: Annotated[Path, typer.Option("--out", help="Where to write the PDF")],
    officer: Officer,
    base_url: PublicUrl = None,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Print a certificate again (for example after a transfer)."""
    from zairyu.registry import service
    from zairyu.registry.certificate_pdf import certificate_pdf

    actor = _actor(officer)
    address = _public_url(base_url)
    with _refusals(), _registry(data_dir, database_url) as r:
        row = service.certificate(r.session, certificate_id)
        service.record_access(
            r.session, r.audit_key, actor, "certificate_print", certificate_id=row.id
        )
        _write(out, certificate_pdf(row, service.holders_of(r.cipher, row), address), "--out")
    _wrote(out)


def register(app: typer.Typer) -> None:
    """Adds `zairyu verify` and `zairyu registry ...` to the main command."""
    from zairyu.cli_registry_operators import operators_app  # it imports this module's helpers

    app.command("verify")(verify_command)
    registry_app.add_typer(operators_app, name="operators")
    app.add_typer(registry_app, name="registry")
