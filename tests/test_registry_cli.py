"""`zairyu registry ...` (the officer's commands, on a SQLite data directory), `zairyu verify`
offline against an exported key set, the printed certificate, and the agreements table."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from zairyu.cli import app
from zairyu.data.csvfile import ReferenceDataError
from zairyu.registry.network import COLUMNS, agreements, load_agreements

from .registry_cases import ELIGIBLE_FACTS

runner = CliRunner()
FIRST = ("Ximena Okonkwo-Tanabe", "1991-07-04")
SECOND = ("佐久間　蒼", "1989-02-14")
APPLICATION = {
    "holders": [
        {"name": FIRST[0], "birth_date": FIRST[1]},
        {"name": SECOND[0], "birth_date": SECOND[1]},
    ],
    "facts": {k: v for k, v in ELIGIBLE_FACTS.items() if k != "partnership.sexual_minority"},
}


def _run(*arguments: str) -> tuple[int, str]:
    result = runner.invoke(app, list(arguments))
    return result.exit_code, result.output


def _officer(data: Path, *arguments: str) -> str:
    code, output = _run("registry", *arguments, "--data-dir", str(data))
    assert code == 0, output
    return output.strip()


def _verify(
    payload: str, keys: Path, *extra: str, names: tuple[str, str] = (FIRST[0], SECOND[0])
) -> tuple[int, str]:
    return _run(
        "verify", payload, "--keys", str(keys),
        "--name", names[0], "--birth", FIRST[1], "--name", names[1], "--birth", SECOND[1],
        *extra,
    )  # fmt: skip


@pytest.fixture
def issued(tmp_path: Path) -> tuple[Path, str, str]:
    """A data directory with one certificate of fukuoka-city: (directory, id, payload)."""
    data = tmp_path / "data"
    on = ("--on", "2025-01-06")
    _officer(data, "register", "fukuoka-city", "--officer", "tanaka", *on)
    _officer(data, "register", "kumamoto-city", "--officer", "tanaka", *on)
    form = tmp_path / "application.json"
    form.write_text(json.dumps(APPLICATION, ensure_ascii=False), encoding="utf-8")
    application = _officer(data, "apply", "--issuer", "fukuoka-city", "--file", str(form), *on)
    review = _officer(data, "review", application, "--officer", "tanaka", "--lang", "en")
    assert review.startswith("Outcome on 2025-01-06: Eligible")
    assert "○" in review
    line = _officer(
        data, "issue", application, "--officer", "tanaka", "--oath-accepted", *on,
        "--pdf", str(tmp_path / "certificate.pdf"), "--base-url", "https://registry.example",
    )  # fmt: skip
    certificate, issuer, number, payload = line.split()
    assert (issuer, number) == ("fukuoka-city", "1")
    return data, certificate, payload


def test_offline_verification_against_an_exported_key_set(
    issued: tuple[Path, str, str], tmp_path: Path
) -> None:
    data, _, payload = issued
    keys = tmp_path / "keys.json"
    _officer(data, "keys", "export", "--out", str(keys))
    code, output = _verify(payload, keys, "--lang", "en")
    assert code == 0
    assert "Genuine: issued by Fukuoka City" in output
    assert "not checked (offline)" in output
    code, output = _verify(payload, keys, "--lang", "ja")
    assert code == 0
    assert "真正：福岡市" in output
    code, output = _verify(payload, keys, "--lang", "en", names=(FIRST[0], "佐久間 葵"))
    assert code == 1
    assert "Does not match" in output
    code, output = _verify(payload[:-4] + "AAAA", keys, "--lang", "en")
    assert code == 1
    assert "Does not match" in output or "Not a certificate payload" in output


def test_a_rotated_key_set_still_verifies_the_old_certificate_offline(
    issued: tuple[Path, str, str], tmp_path: Path
) -> None:
    data, _, payload = issued
    rotated = _officer(
        data, "keys", "rotate", "fukuoka-city", "--officer", "sato", "--on", "2025-06-01"
    )
    assert rotated.startswith("fukuoka-city: new key ")
    keys = tmp_path / "keys.json"
    _officer(data, "keys", "export", "--out", str(keys))
    published = json.loads(keys.read_text(encoding="utf-8"))
    fukuoka = next(i for i in published["issuers"] if i["code"] == "fukuoka-city")
    assert [k["valid_to"] for k in fukuoka["keys"]] == ["2025-06-01", None]
    assert _verify(payload, keys)[0] == 0


def test_verify_names_what_is_wrong_with_its_input(
    issued: tuple[Path, str, str], tmp_path: Path
) -> None:
    _, _, payload = issued
    missing = tmp_path / "missing.json"
    code, output = _verify(payload, missing)
    assert code == 2
    assert "cannot be read" in output
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    code, output = _verify(payload, bad)
    assert code == 2
    assert "not a zairyu key set" in output
    code, output = _run(
        "verify", payload, "--keys", str(bad), "--name", "A", "--birth", "1990-01-01"
    )
    assert code == 2
    assert "twice" in output
    code, output = _run(
        "verify", payload, "--keys", str(bad), "--name", "A", "--birth", "1990-13-01",
        "--name", "B", "--birth", "1990-01-01",
    )  # fmt: skip
    assert code == 2
    assert "'1990-13-01' is not a date" in output


def test_the_officer_returns_revokes_and_transfers(
    issued: tuple[Path, str, str], tmp_path: Path
) -> None:
    data, certificate, _ = issued
    code, output = _run(
        "registry", "return", certificate, "--reason", "divorce", "--officer", "tanaka",
        "--data-dir", str(data),
    )  # fmt: skip
    assert code == 2
    assert "not one of dissolution, moving_away" in output
    line = _officer(
        data, "transfer", certificate, "--to", "kumamoto-city", "--officer", "tanaka",
        "--on", "2025-03-01",
    )  # fmt: skip
    new_id, issuer, number, basis, new_payload = line.split()
    assert (issuer, number, basis) == ("kumamoto-city", "1", "(network)")
    keys = tmp_path / "keys.json"
    _officer(data, "keys", "export", "--out", str(keys))
    assert _verify(new_payload, keys)[0] == 0
    _officer(data, "revoke", new_id, "--reason", "issued_in_error", "--officer", "tanaka")
    code, output = _run(
        "registry", "transfer", new_id, "--to", "fukuoka-city", "--officer", "tanaka",
        "--data-dir", str(data),
    )  # fmt: skip
    assert code == 2
    assert "revoked" in output


def test_issue_needs_the_oath(issued: tuple[Path, str, str], tmp_path: Path) -> None:
    data, _, _ = issued
    code, output = _run("registry", "issue", "0" * 32, "--officer", "x", "--data-dir", str(data))
    assert code == 2
    assert "--oath-accepted" in output
    code, output = _run(
        "registry", "issue", "0" * 32, "--officer", "x", "--oath-accepted", "--data-dir", str(data)
    )
    assert code == 2
    assert "no application" in output


def test_the_printed_certificate_is_bilingual_with_its_code_and_how_to_verify(
    issued: tuple[Path, str, str], tmp_path: Path
) -> None:
    _, _, payload = issued
    pdf = (tmp_path / "certificate.pdf").read_bytes()
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for expected in (
        "パートナーシップ証明書", "Partnership certificate", "福岡市", "Fukuoka City",
        "第1号", "2025年1月6日", "6 January 2025", FIRST[0], "佐久間", "1991年7月4日",
        "https://registry.example/verify", payload[:4], "法律上の効果はありません",
    ):  # fmt: skip
        assert expected in text, expected
    assert len(reader.pages[0].images) == 1  # the QR code
    # The metadata names no holder.
    assert "Ximena" not in repr(reader.metadata)


def test_the_agreements_table_loads_and_names_a_bad_row(tmp_path: Path) -> None:
    loaded = {(a.first, a.second) for a in agreements()}
    assert {
        ("fukuoka-city", "kumamoto-city"),
        ("ibaraki-pref", "tokyo-metro"),
        ("gunma-pref", "tokyo-metro"),
        ("chiba-city", "yokohama"),
    } <= loaded
    assert len(loaded) == len(list(agreements()))  # no agreement recorded twice
    header = ",".join(COLUMNS)
    url = "https://www.city.kumamoto.jp/x"
    for row, message in (
        (f"kumamoto-city,fukuoka-city,2019-10-30,official,{url},", "alphabetical order"),
        (f"fukuoka-city,atlantis,2019-10-30,official,{url},", "not a code"),
        (f"fukuoka-city,kumamoto-city,2010-01-01,official,{url},", "before one of the two"),
        ("fukuoka-city,kumamoto-city,2019-10-30,official,not a url,", "not a URL"),
    ):
        path = tmp_path / "agreements.csv"
        path.write_text(f"{header}\n{row}\n", encoding="utf-8")
        with pytest.raises(ReferenceDataError, match=message) as error:
            load_agreements(path)
        assert "agreements.csv:2" in str(error.value)


def test_offline_with_a_status_list_a_revoked_certificate_is_not_valid(
    issued: tuple[Path, str, str], tmp_path: Path
) -> None:
    data, certificate, payload = issued
    keys, status = tmp_path / "keys.json", tmp_path / "status.json"
    _officer(data, "keys", "export", "--out", str(keys))
    _officer(data, "export-status", "--out", str(status))
    assert _verify(payload, keys, "--status", str(status), "--lang", "en") == (
        0,
        "Valid: issued by Fukuoka City (Fukuoka) on 6 January 2025, and in force.\n",
    )
    _officer(
        data, "revoke", certificate, "--reason", "false_declaration", "--officer", "tanaka",
        "--on", "2025-02-01",
    )  # fmt: skip
    _officer(data, "export-status", "--out", str(status))
    listed = json.loads(status.read_text(encoding="utf-8"))["certificates"]
    assert listed == [
        {"issuer": "fukuoka-city", "number": 1, "status": "revoked", "date": "2025-02-01"}
    ]
    code, output = _verify(payload, keys, "--status", str(status), "--lang", "en")
    assert code == 1
    assert (
        "Revoked: issued by Fukuoka City (Fukuoka) on 6 January 2025; revoked on 1 February"
        in output
    )
    # Without the list, offline verification cannot know, and says so.
    code, output = _verify(payload, keys, "--lang", "en")
    assert code == 0
    assert "not checked (offline)" in output
    status.write_text(json.dumps({**json.loads(status.read_text()), "certificates": [
        {"issuer": "fukuoka-city", "number": 0, "status": "revoked", "date": "2025-02-01"}
    ]}), encoding="utf-8")  # fmt: skip
    code, output = _verify(payload, keys, "--status", str(status))
    assert code == 2
    assert "certificates[0].number: not a certificate number" in output


def test_a_certificate_is_printed_again(issued: tuple[Path, str, str], tmp_path: Path) -> None:
    data, certificate, payload = issued
    out = tmp_path / "again.pdf"
    _officer(
        data, "pdf", certificate, "--out", str(out), "--officer", "tanaka",
        "--base-url", "https://city.example/",
    )  # fmt: skip
    text = PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text()
    assert "https://city.example/verify" in text
    assert payload[-4:] in text
    code, output = _run(
        "registry", "pdf", "f" * 32, "--out", str(out), "--officer", "tanaka",
        "--base-url", "https://city.example", "--data-dir", str(data),
    )  # fmt: skip
    assert code == 2
    assert "no certificate" in output


def test_a_field_key_rotation_reencrypts_the_registry_so_the_old_key_can_go(
    issued: tuple[Path, str, str], tmp_path: Path
) -> None:
    from zairyu.keys import key_file

    data, certificate, _ = issued
    # In a process of its own, as an operator runs it: nothing of the registry imported before.
    rotation = subprocess.run(
        [sys.executable, "-m", "zairyu.cli", "keys", "rotate", "--data-dir", str(data)],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert rotation.returncode == 0, rotation.stderr
    lines = key_file(data).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    # Once every sealed field is under the new key, the old one is removed from the key file.
    key_file(data).write_text(lines[0] + "\n", encoding="utf-8")
    out = tmp_path / "after-rotation.pdf"
    _officer(
        data, "pdf", certificate, "--out", str(out), "--officer", "tanaka",
        "--base-url", "https://city.example",
    )  # fmt: skip
    assert FIRST[0] in PdfReader(io.BytesIO(out.read_bytes())).pages[0].extract_text()


def test_a_certificate_is_printed_only_with_a_real_public_address(
    issued: tuple[Path, str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No placeholder address goes on paper: without --base-url or ZAIRYU_PUBLIC_URL the PDF
    is refused and nothing is written; a bad address is refused naming the option; the
    environment's address is the default."""
    data, certificate, _ = issued
    monkeypatch.delenv("ZAIRYU_PUBLIC_URL", raising=False)
    out = tmp_path / "again.pdf"
    base = ("registry", "pdf", certificate, "--out", str(out), "--officer", "tanaka")
    code, output = _run(*base, "--data-dir", str(data))
    assert code == 2
    assert "ZAIRYU_PUBLIC_URL" in output
    assert not out.exists()
    code, output = _run(*base, "--base-url", "ftp://city.example", "--data-dir", str(data))
    assert code == 2
    assert "--base-url" in output
    assert not out.exists()
    monkeypatch.setenv("ZAIRYU_PUBLIC_URL", "https://Partnership.City.example/")
    code, output = _run(*base, "--data-dir", str(data))
    assert code == 0, output
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert "https://partnership.city.example/verify" in text


def test_issuing_with_a_pdf_but_no_address_issues_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ZAIRYU_PUBLIC_URL", raising=False)
    data = tmp_path / "data"
    on = ("--on", "2025-01-06")
    _officer(data, "register", "fukuoka-city", "--officer", "tanaka", *on)
    form = tmp_path / "application.json"
    form.write_text(json.dumps(APPLICATION, ensure_ascii=False), encoding="utf-8")
    application = _officer(data, "apply", "--issuer", "fukuoka-city", "--file", str(form), *on)
    pdf = tmp_path / "certificate.pdf"
    code, output = _run(
        "registry", "issue", application, "--officer", "tanaka", "--oath-accepted", *on,
        "--pdf", str(pdf), "--data-dir", str(data),
    )  # fmt: skip
    assert code == 2
    assert "ZAIRYU_PUBLIC_URL" in output
    assert not pdf.exists()
    # Nothing was issued: the same application is issued once the address is given.
    line = _officer(
        data, "issue", application, "--officer", "tanaka", "--oath-accepted", *on,
        "--pdf", str(pdf), "--base-url", "https://registry.example",
    )  # fmt: skip
    assert line.split()[1:3] == ["fukuoka-city", "1"]
