"""Who may do what: the one place where the workbench's access rules are written.

Read `RULES` as a table: for each role (row) and action (column), the rule that must hold
between the acting user and the case (or the organisation, person or user acted on):

- ``ANY``: always allowed;
- ``ORGANISATION`` (ORG): the case is assigned to the user, or belongs to the user's organisation;
- ``OWN``: the case is the client's own (the client's person record is the case's person);
- ``NEVER`` (NO): never allowed.

Every service function calls `authorise(user, action, case)` before it reads or writes
anything; a refusal raises `AccessDenied`, and the service records it in the audit log as
``denied:<action>``. Listing cases uses `visible_cases`, made from the same table.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Protocol

from sqlalchemy import ColumnElement, false, or_, true

from zairyu.workbench.models import Case, User


class Role(StrEnum):
    ADMIN = "admin"
    CASEWORKER = "caseworker"
    REVIEWER = "reviewer"
    CLIENT = "client"


class Action(StrEnum):
    ORGANISATION_MANAGE = "organisation.manage"
    USER_MANAGE = "user.manage"
    PERSON_CREATE = "person.create"
    CASE_OPEN = "case.open"
    CASE_READ = "case.read"
    CASE_ASSIGN = "case.assign"
    CASE_TRANSITION = "case.transition"
    FACT_READ = "fact.read"
    FACT_WRITE = "fact.write"
    DETERMINATION_READ = "determination.read"
    DETERMINATION_WRITE = "determination.write"  # screen a case and freeze the result
    DOCUMENT_READ = "document.read"
    DOCUMENT_WRITE = "document.write"
    DEADLINE_READ = "deadline.read"
    DEADLINE_WRITE = "deadline.write"
    NOTE_READ = "note.read"
    NOTE_WRITE = "note.write"


class Rule(StrEnum):
    ANY = "any"
    ORGANISATION = "organisation"
    OWN = "own"
    NEVER = "never"


ANY, ORG, OWN, NO = Rule.ANY, Rule.ORGANISATION, Rule.OWN, Rule.NEVER

# fmt: off
RULES: dict[Action, dict[Role, Rule]] = {
    #                                  admin            caseworker            reviewer            client
    Action.ORGANISATION_MANAGE:        {Role.ADMIN: ANY, Role.CASEWORKER: NO,  Role.REVIEWER: NO,  Role.CLIENT: NO },
    Action.USER_MANAGE:                {Role.ADMIN: ANY, Role.CASEWORKER: NO,  Role.REVIEWER: NO,  Role.CLIENT: NO },
    Action.PERSON_CREATE:              {Role.ADMIN: ANY, Role.CASEWORKER: ORG, Role.REVIEWER: NO,  Role.CLIENT: NO },
    Action.CASE_OPEN:                  {Role.ADMIN: ANY, Role.CASEWORKER: ORG, Role.REVIEWER: NO,  Role.CLIENT: NO },
    Action.CASE_READ:                  {Role.ADMIN: ANY, Role.CASEWORKER: ORG, Role.REVIEWER: ORG, Role.CLIENT: OWN},
    Action.CASE_ASSIGN:                {Role.ADMIN: ANY, Role.CASEWORKER: ORG, Role.REVIEWER: NO,  Role.CLIENT: NO },
    Action.CASE_TRANSITION:            {Role.ADMIN: ANY, Role.CASEWORKER: ORG, Role.REVIEWER: NO,  Role.CLIENT: NO },
    Action.FACT_READ:                  {Role.ADMIN: ANY, Role.CASEWORKER: ORG, Role.REVIEWER: ORG, Role.CLIENT: OWN},
    Action.FACT_WRITE:                 {Role.ADMIN: ANY, Role.CASEWORKER: ORG, Role.REVIEWER: NO,  Role.CLIENT: NO },
    Action.DETERMINATION_READ:         {Role.ADMIN: ANY, Role.CASEWORKER: ORG, Role.REVIEWER: ORG, Role.CLIENT: OWN},
    Action.DETERMINATION_WRITE:        {Role.ADMIN: ANY, Role.CASEWORKER: ORG, Role.REVIEWER: NO,  Role.CLIENT: NO },
    Action.DOCUMENT_READ:              {Role.ADMIN: ANY, Role.CASEWORKER: ORG, Role.REVIEWER: ORG, Role.CLIENT: OWN},
    Action.DOCUMENT_WRITE:             {Role.ADMIN: ANY, Role.CASEWORKER: ORG, Role.REVIEWER: NO,  Role.CLIENT: NO },
    Action.DEADLINE_READ:              {Role.ADMIN: ANY, Role.CASEWORKER: ORG, Role.REVIEWER: ORG, Role.CLIENT: OWN},
    Action.DEADLINE_WRITE:             {Role.ADMIN: ANY, Role.CASEWORKER: ORG, Role.REVIEWER: NO,  Role.CLIENT: NO },
    Action.NOTE_READ:                  {Role.ADMIN: ANY, Role.CASEWORKER: ORG, Role.REVIEWER: ORG, Role.CLIENT: NO },
    Action.NOTE_WRITE:                 {Role.ADMIN: ANY, Role.CASEWORKER: ORG, Role.REVIEWER: NO,  Role.CLIENT: NO },
}
# fmt: on


class Scope(Protocol):
    """What a rule looks at: a case, or a stand-in for an organisation or a person."""

    @property
    def organisation_id(self) -> str | None: ...

    @property
    def person_id(self) -> str | None: ...

    @property
    def assigned_user_id(self) -> str | None: ...


class OrganisationScope:
    """A scope that is only an organisation (a person made in it, a case about to be opened)."""

    def __init__(self, organisation_id: str | None, person_id: str | None = None) -> None:
        self.organisation_id = organisation_id
        self.person_id = person_id
        self.assigned_user_id: str | None = None


class AccessDenied(PermissionError):  # noqa: N818  (the name the API documents)
    def __init__(self, user: User, action: Action) -> None:
        super().__init__(f"user {user.id} ({user.role}) may not {action.value} here")
        self.user_id = user.id
        self.action = action


def allowed(user: User, action: Action, scope: Scope | None) -> bool:
    if not user.active:
        return False
    rule = RULES[action][Role(user.role)]
    if rule is Rule.ANY:
        return True
    if rule is Rule.NEVER or scope is None:
        return False
    if rule is Rule.ORGANISATION:
        return scope.assigned_user_id == user.id or (
            user.organisation_id is not None and scope.organisation_id == user.organisation_id
        )
    return user.person_id is not None and scope.person_id == user.person_id  # Rule.OWN


def authorise(user: User, action: Action, scope: Scope | None) -> None:
    """Returns when `user` may do `action` to `scope`; raises `AccessDenied` otherwise."""
    if not allowed(user, action, scope):
        raise AccessDenied(user, action)


def visible_cases(user: User) -> ColumnElement[bool]:
    """A WHERE clause selecting exactly the cases `user` may read (`Action.CASE_READ`)."""
    rule = RULES[Action.CASE_READ][Role(user.role)] if user.active else Rule.NEVER
    if rule is Rule.ANY:
        return true()
    if rule is Rule.ORGANISATION:
        clauses = [Case.assigned_user_id == user.id]
        if user.organisation_id is not None:
            clauses.append(Case.organisation_id == user.organisation_id)
        return or_(*clauses)
    if rule is Rule.OWN and user.person_id is not None:
        return Case.person_id == user.person_id
    return false()
