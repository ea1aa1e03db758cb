"""The certificate payload: its binary layout round trip, strict decoding of every malformed
input (and Hypothesis fuzzing: nothing but `PayloadError` ever escapes), the holder hash, and
the strict readers of the published key set and status list."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import re

import pytest
import segno
from hypothesis import given, settings
from hypothesis import strategies as st

from zairyu.registry.keys import FORMAT, KeySet, KeySetError
from zairyu.registry.payload import (
    SIGNATURE_BYTES,
    Claims,
    Holder,
    HolderError,
    PayloadError,
    decode,
    encode,
    from_scan,
    holder_hash,
    normalise_name,
    qr_text,
    signed_bytes,
)
from zairyu.registry.status_list import FORMAT as STATUS_FORMAT
from zairyu.registry.status_list import StatusList, StatusListError

HANAKO = Holder("山田 花子", dt.date(1990, 3, 27))
ALEX = Holder("Alex Smith", dt.date(1988, 12, 1))
CLAIMS = Claims("fukuoka-city", "0a1b2c3d", 4321, dt.date(2025, 1, 10), bytes(range(32)))
SIGNATURE = bytes(range(100, 164))


def _b32(raw: bytes) -> str:
    return base64.b32encode(raw).decode().rstrip("=")


def test_a_payload_round_trips_and_fits_a_qr_code_alphanumerically() -> None:
    text = encode(signed_bytes(CLAIMS), SIGNATURE)
    payload = decode(text)
    assert payload.claims == CLAIMS
    assert payload.signature == SIGNATURE
    assert payload.signed == signed_bytes(CLAIMS)
    assert set(text) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
    assert len(text) < 200


def test_decoding_forgives_case_spaces_and_line_breaks() -> None:
    text = encode(signed_bytes(CLAIMS), SIGNATURE)
    grouped = "\n".join(" ".join(text[i : i + 4] for i in range(j, j + 48, 4)) for j in (0, 48))
    grouped += text[96:].lower()
    assert decode(grouped).claims == CLAIMS


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("   \n", "empty"),
        ("ABCD-EFGH", "'-' at position 5"),
        ("ABC1", "'1' at position 4"),
        ("ABC", "length (3 characters) is not possible"),
        (_b32(b"\x01"), "too short"),
        (_b32(b"\x02\x0cfukuoka-city"), "format version 2 is unknown"),
        (_b32(b"\x01\x00"), "issuer length 0"),
        (_b32(b"\x01\x29" + b"a" * 41), "issuer length 41"),
        (_b32(b"\x01\x03abc" + bytes(10)), "has 15 bytes"),
        (_b32(b"\x01\x03ABC" + bytes(4 + 6 + 32 + 64)), "not a code such as shibuya"),
        (_b32(b"\x01\x03\xff\xfe\xfd" + bytes(4 + 6 + 32 + 64)), "not ASCII"),
        (_b32(b"\x01\x03abc" + bytes(4 + 6 + 32 + 64)), "number is 0"),
    ],
)
def test_every_malformed_payload_is_refused_with_its_reason(text: str, message: str) -> None:
    with pytest.raises(PayloadError, match=re.escape(message)):
        decode(text)


def test_a_last_character_with_unused_bits_set_is_refused() -> None:
    claims = Claims("nakano", "0a1b2c3d", 1, dt.date(2025, 1, 10), bytes(32))
    text = encode(signed_bytes(claims), SIGNATURE)
    # The payload's bit length is not a multiple of 5: its last character has spare bits.
    assert (len(signed_bytes(claims)) + SIGNATURE_BYTES) * 8 % 5 != 0
    assert decode(text).claims == claims
    last = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".index(text[-1])
    altered = text[:-1] + "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"[last ^ 1]
    with pytest.raises(PayloadError, match="last character"):
        decode(altered)


def test_claims_the_layout_cannot_carry_are_refused_when_signing() -> None:
    for claims in (
        Claims("Shibuya", "0a1b2c3d", 1, dt.date(2025, 1, 1), bytes(32)),
        Claims("shibuya", "XYZ", 1, dt.date(2025, 1, 1), bytes(32)),
        Claims("shibuya", "0a1b2c3d", 0, dt.date(2025, 1, 1), bytes(32)),
        Claims("shibuya", "0a1b2c3d", 1, dt.date(1969, 12, 31), bytes(32)),
        Claims("shibuya", "0a1b2c3d", 1, dt.date(2025, 1, 1), bytes(31)),
    ):
        with pytest.raises(PayloadError):
            signed_bytes(claims)
    with pytest.raises(PayloadError, match="64 bytes"):
        encode(signed_bytes(CLAIMS), bytes(63))


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=300))
def test_decoding_any_text_raises_only_payload_error(text: str) -> None:
    with contextlib.suppress(PayloadError):
        decode(text)


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=200))
def test_decoding_any_bytes_as_base32_raises_only_payload_error(raw: bytes) -> None:
    try:
        payload = decode(_b32(raw))
    except PayloadError:
        return
    # What decodes is exactly what it says, and encodes back to the same text.
    assert encode(payload.signed, payload.signature) == _b32(raw)


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=1, max_size=160), st.integers(0, 159), st.integers(1, 255))
def test_flipping_any_byte_of_a_payload_changes_what_it_says_or_is_refused(
    raw: bytes, at: int, flip: int
) -> None:
    text = encode(signed_bytes(CLAIMS), SIGNATURE)
    original = base64.b32decode(text + "=" * (-len(text) % 8))
    position = at % len(original)
    altered = bytearray(original)
    altered[position] ^= flip
    try:
        payload = decode(_b32(bytes(altered)))
    except PayloadError:
        return
    assert (payload.claims, payload.signature) != (CLAIMS, SIGNATURE)


def test_names_are_normalised_for_width_case_and_spaces() -> None:
    assert normalise_name("山田　花子") == normalise_name("山田 花子") == normalise_name("山田花子")
    assert normalise_name("ＡＬＥＸ  Smith") == normalise_name("alex smith")
    assert normalise_name("ﾔﾏﾀﾞ") == normalise_name("ヤマダ")


def test_the_holder_hash_ignores_order_and_spacing_but_not_the_people() -> None:
    reference = holder_hash("fukuoka-city", 7, [HANAKO, ALEX])
    assert holder_hash("fukuoka-city", 7, [ALEX, HANAKO]) == reference
    typed = [Holder("山田　花子", HANAKO.birth_date), Holder(" alex  SMITH ", ALEX.birth_date)]
    assert holder_hash("fukuoka-city", 7, typed) == reference
    others = (
        [Holder("山田 花", HANAKO.birth_date), ALEX],
        [Holder(HANAKO.name, dt.date(1990, 3, 28)), ALEX],
    )
    for holders in others:
        assert holder_hash("fukuoka-city", 7, holders) != reference
    # Salted by certificate: the same couple hashes differently on another certificate.
    assert holder_hash("fukuoka-city", 8, [HANAKO, ALEX]) != reference
    assert holder_hash("kumamoto-city", 7, [HANAKO, ALEX]) != reference


def test_holders_must_be_two_named_people() -> None:
    with pytest.raises(HolderError, match="two holders, not 1"):
        holder_hash("shibuya", 1, [HANAKO])
    with pytest.raises(HolderError, match="holder 2: the name is empty"):
        holder_hash("shibuya", 1, [HANAKO, Holder(" \u3000", ALEX.birth_date)])


def test_the_qr_code_holds_the_verification_address_and_the_payload_comes_back_out() -> None:
    payload = encode(signed_bytes(CLAIMS), SIGNATURE)
    text = qr_text("https://registry.city.example/", payload)
    assert text == f"HTTPS://REGISTRY.CITY.EXAMPLE/V/{payload}"
    code = segno.make(text, error="m")
    assert code.mode == "alphanumeric"
    assert code.version in range(1, 11)
    # A code reader may give it back in any case; a pasted bare payload stays as it is.
    assert decode(from_scan(text.lower())).claims == CLAIMS
    assert from_scan(payload) == payload
    assert qr_text("https://host.example/sub", payload) == f"HTTPS://HOST.EXAMPLE/sub/V/{payload}"


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=20,
)
_KEY = {
    "key_id": "0a1b2c3d",
    "algorithm": "Ed25519",
    "public_key": base64.urlsafe_b64encode(bytes(32)).decode().rstrip("="),
    "valid_from": "2025-01-01",
    "valid_to": None,
}
_ISSUER = {"code": "shibuya", "name": {"ja": "渋谷区", "en": "Shibuya"}, "keys": [_KEY]}


@settings(max_examples=300, deadline=None)
@given(_JSON, st.sampled_from(["issuers", "code", "name", "keys", *_KEY]))
def test_reading_a_key_set_refuses_anything_malformed_with_its_own_error(
    junk: object, field: str
) -> None:
    assert KeySet.from_json({"format": FORMAT, "issuers": [_ISSUER]}).key("shibuya", "0a1b2c3d")
    for document in (
        junk,
        {"format": FORMAT, "issuers": junk},
        {"format": FORMAT, "issuers": [{**_ISSUER, field: junk}]},
        {"format": FORMAT, "issuers": [{**_ISSUER, "keys": [{**_KEY, field: junk}]}]},
    ):
        with contextlib.suppress(KeySetError):
            KeySet.from_json(document)


@settings(max_examples=300, deadline=None)
@given(_JSON, st.sampled_from(["as_of", "certificates", "issuer", "number", "status", "date"]))
def test_reading_a_status_list_refuses_anything_malformed_with_its_own_error(
    junk: object, field: str
) -> None:
    entry = {"issuer": "shibuya", "number": 3, "status": "revoked", "date": "2025-02-01"}
    good = {"format": STATUS_FORMAT, "as_of": "2025-03-01", "certificates": [entry]}
    assert StatusList.from_json(good).lookup("shibuya", 3) == ("revoked", dt.date(2025, 2, 1))
    assert StatusList.from_json(good).lookup("shibuya", 4) == ("issued", dt.date(2025, 3, 1))
    for document in (
        junk,
        {**good, field: junk},
        {**good, "certificates": [{**entry, field: junk}]},
    ):
        with contextlib.suppress(StatusListError):
            StatusList.from_json(document)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=250) | st.binary(max_size=160).map(_b32))
def test_verifying_any_text_gives_a_verdict_and_never_an_exception(text: str) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from zairyu.registry.keys import PublishedIssuer, PublishedKey
    from zairyu.registry.verify import VERDICTS, verify

    public = Ed25519PrivateKey.from_private_bytes(bytes(32)).public_key().public_bytes_raw()
    keys = KeySet(
        {"shibuya": PublishedIssuer("shibuya", "渋谷区", "Shibuya", (
            PublishedKey("0a1b2c3d", public, dt.date(2020, 1, 1), None),
        ))}
    )  # fmt: skip
    result = verify(text, [HANAKO, ALEX], keys, lambda issuer, number: None)
    assert result.verdict in VERDICTS
    assert result.verdict != "valid"
