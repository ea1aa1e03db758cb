"""The case workbench: organisations, users and roles, persons, cases with a status workflow,
facts with provenance, frozen determinations, documents, deadlines and notes.

Who may do what is decided in one place, `access.py`; every sensitive value is encrypted by a
`cipher.FieldCipher` bound to its table, column and row; every read or write of a case is in the
audit log (`zairyu.audit`), in the same transaction. `service.py` holds the operations.
"""
