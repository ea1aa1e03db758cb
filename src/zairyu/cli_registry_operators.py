"""`zairyu registry operators ...`: which organisations of the workbench operate which issuers.

A caseworker acts in the registry (``/work/registry``) only for the issuers their organisation
operates; an administrator links them here or on ``/work/registry/operators``. The commands
work on the web app's database (``--data-dir``, ``--database-url``) and record ``--officer`` in
the audit log, as the other registry commands do. An organisation is named by its id or its
exact name (as on ``/work/admin/organisations``).

Bad input exits 2 with a message and changes nothing (the transaction is rolled back whole).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from zairyu.cli_common import fail, messages
from zairyu.cli_registry import DatabaseUrl, DataDir, Officer, _actor, _refusals, _registry

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

operators_app = typer.Typer(
    help="Which organisations operate which issuers: their caseworkers act for those issuers."
)

OrganisationOption = Annotated[
    str, typer.Option("--organisation", help="The organisation's id or exact name")
]
IssuerOption = Annotated[str, typer.Option("--issuer", help="The issuer's code")]

_out = Console(soft_wrap=True, highlight=False)


def _organisation_id(session: Session, given: str) -> str:
    """The id of the organisation named by id or exact name; exits 2 if none or several."""
    from sqlalchemy import select

    from zairyu.workbench.models import Organisation

    _ = messages()
    if session.get(Organisation, given) is not None:
        return given
    ids = session.scalars(select(Organisation.id).where(Organisation.name == given)).all()
    if not ids:
        fail(
            _("--organisation: no organisation has the id or name {value}").format(
                value=repr(given)
            )
        )
    if len(ids) > 1:
        fail(
            _("--organisation: {count} organisations are named {value}; give its id").format(
                count=len(ids), value=repr(given)
            )
        )
    return ids[0]


def _change_link(
    link: bool, organisation: str, issuer: str, officer: str, data_dir: Path | None,
    database_url: str | None,
) -> None:  # fmt: skip
    from zairyu.registry import service

    actor = _actor(officer)
    change = service.link_operator if link else service.unlink_operator
    with _refusals(), _registry(data_dir, database_url) as r:
        organisation_id = _organisation_id(r.session, organisation)
        change(r.session, r.audit_key, actor, organisation_id, issuer)
    _ = messages()
    done = (
        _("organisation {organisation} operates {issuer}")
        if link
        else _("organisation {organisation} no longer operates {issuer}")
    )
    _out.print(done.format(organisation=organisation_id, issuer=issuer), markup=False)


@operators_app.command("link")
def link_command(
    organisation: OrganisationOption,
    issuer: IssuerOption,
    officer: Officer,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Let the organisation's caseworkers act for the issuer."""
    _change_link(True, organisation, issuer, officer, data_dir, database_url)


@operators_app.command("unlink")
def unlink_command(
    organisation: OrganisationOption,
    issuer: IssuerOption,
    officer: Officer,
    data_dir: DataDir = None,
    database_url: DatabaseUrl = None,
) -> None:
    """Stop the organisation's caseworkers acting for the issuer."""
    _change_link(False, organisation, issuer, officer, data_dir, database_url)


@operators_app.command("list")
def list_command(data_dir: DataDir = None, database_url: DatabaseUrl = None) -> None:
    """Every issuer with the organisations that operate it (tab-separated)."""
    from zairyu.registry import service

    with _refusals(), _registry(data_dir, database_url) as r:
        links = service.operators(r.session, r.audit_key, "command-line")
    for link in links:
        # typer.echo, not Rich: Rich expands the tabs that make the list easy to cut.
        typer.echo(f"{link.issuer_code}\t{link.organisation_id}\t{link.organisation_name}")
