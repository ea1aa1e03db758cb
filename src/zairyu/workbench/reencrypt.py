"""Re-encrypting every sealed field under the keyring's current key, and counting the fields
under each key (for `zairyu keys rotate | reencrypt | status`).

A sealed field is, by convention, a binary column named ``*_enc`` in a table whose primary key is
``id``, sealed with ``field_context(table, column, id)``: so this finds every such field of the
workbench and the registry (and of any later model on the same `storage.Base`, once imported in
`sealed_columns`) without a list of columns to keep up to date.
"""

from __future__ import annotations

from collections import Counter

from sqlalchemy import LargeBinary, Table, func, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from zairyu.audit import append
from zairyu.keys import Reencryption
from zairyu.storage import Base
from zairyu.workbench.cipher import (
    DecryptionError,
    KeyringCipher,
    MissingKeyError,
    field_context,
    sealed_key_id,
)

BATCH = 500
OPERATOR = "operator"
SUFFIX = "_enc"
# The longest header sealed_key_id reads: format byte and key id.
_HEADER = 1 + 8


def sealed_columns() -> list[tuple[Table, str]]:
    """Every (table, column) holding sealed fields, in a stable order."""
    # Imported for their tables on Base.metadata: every model with sealed fields.
    import zairyu.registry.models
    import zairyu.workbench.models  # noqa: F401

    found: list[tuple[Table, str]] = []
    for table in sorted(Base.metadata.tables.values(), key=lambda t: t.name):
        if [c.name for c in table.primary_key.columns] != ["id"]:
            continue
        for column in table.columns:
            if column.name.endswith(SUFFIX) and isinstance(column.type, LargeBinary):
                found.append((table, column.name))
    return found


def field_key_usage(engine: Engine) -> Counter[str]:
    """Per key id, how many sealed fields are under it; reads only each blob's header."""
    usage: Counter[str] = Counter()
    with Session(engine) as session:
        for table, name in sealed_columns():
            column = table.c[name]
            header = func.substr(column, 1, _HEADER)
            rows = session.execute(select(header).where(column.is_not(None))).yield_per(1000)
            for (start,) in rows:
                usage[sealed_key_id(bytes(start))] += 1
    return usage


def reencrypt_fields(
    engine: Engine,
    cipher: KeyringCipher,
    audit_key: bytes,
    action: str = "keys.reencrypt",
    batch_size: int = BATCH,
) -> Reencryption:
    """Re-encrypts every sealed field not yet under the current key, `batch_size` rows per
    transaction; an interrupted run is finished by running it again. A field changed by the app
    while this ran is left for the next run (counted in `changed_meanwhile`), never overwritten
    with what was read before."""
    sessions = sessionmaker(engine)
    done = Reencryption(cipher.current_key_id)
    for table, name in sealed_columns():
        column, row_id = table.c[name], table.c["id"]
        after = ""
        while True:
            with sessions.begin() as session:
                rows = session.execute(
                    select(row_id, column)
                    .where(row_id > after, column.is_not(None))
                    .order_by(row_id)
                    .limit(batch_size)
                ).all()
                for identifier, stored in rows:
                    _reencrypt_one(session, cipher, table, name, identifier, bytes(stored), done)
            if not rows:
                break
            after = rows[-1][0]
    with sessions.begin() as session:
        append(
            session, audit_key, actor=OPERATOR, action=action, subject=f"fields:{done.rewrapped}"
        )
    return done


def _reencrypt_one(
    session: Session,
    cipher: KeyringCipher,
    table: Table,
    name: str,
    identifier: str,
    blob: bytes,
    done: Reencryption,
) -> None:
    if sealed_key_id(blob) == done.key_id:
        done.already_current += 1
        return
    context = field_context(table.name, name, identifier)
    try:
        plaintext = cipher.decrypt(blob, context)
    except MissingKeyError as error:
        done.missing[error.key_id] += 1
        return
    except DecryptionError:
        done.damaged += 1
        return
    column = table.c[name]
    result = session.execute(
        update(table)
        .where(table.c["id"] == identifier, column == blob)
        .values({name: cipher.encrypt(plaintext, context)})
    )
    if getattr(result, "rowcount", 0) == 1:
        done.rewrapped += 1
    else:
        done.changed_meanwhile += 1
