"""Bad input: a clear one-line message, exit 2 when nothing usable was read, never a traceback;
a document read only in part gives a model that says what could not be read and where."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import QIAOKOU


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "yusuan", *args], capture_output=True, text=True)


def assert_clean_failure(result: subprocess.CompletedProcess[str], needle: str) -> None:
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert needle in result.stderr


@pytest.mark.parametrize("command", ["parse", "summary"])
def test_empty_file(tmp_path, command):
    p = tmp_path / "empty.md"
    p.write_bytes(b"")
    assert_clean_failure(run(command, str(p)), "empty file")


def test_whitespace_only_file(tmp_path):
    p = tmp_path / "blank.txt"
    p.write_text("\n\n   \n")
    assert_clean_failure(run("summary", str(p)), "empty file")


def test_binary_file(tmp_path):
    p = tmp_path / "x.bin"
    p.write_bytes(bytes(range(256)) * 10)
    assert_clean_failure(run("parse", str(p)), "binary")


def test_missing_file(tmp_path):
    assert_clean_failure(run("summary", str(tmp_path / "nope.md")), "not found")


def test_directory(tmp_path):
    assert_clean_failure(run("summary", str(tmp_path)), "directory")


def test_not_a_disclosure(tmp_path):
    p = tmp_path / "poem.txt"
    p.write_text("床前明月光\n疑是地上霜\n举头望明月\n低头思故乡\n", encoding="utf-8")
    assert_clean_failure(run("summary", str(p)), "no budget tables")


def test_plain_zip_is_not_a_document(tmp_path):
    import zipfile

    p = tmp_path / "fake.docx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("hello.txt", "hi")
    assert_clean_failure(run("parse", str(p)), "ZIP")


def test_unknown_profile():
    assert_clean_failure(run("summary", str(QIAOKOU), "--profile", "atlantis"), "unknown profile")


def test_truncated_document_gives_partial_model_with_problems(tmp_path):
    data = QIAOKOU.read_bytes()
    cut = len(data) * 45 // 100  # inside 表12
    while data[cut] & 0xC0 != 0x80:  # move into the middle of a multi-byte character
        cut += 1
    p = tmp_path / "cut.md"
    p.write_bytes(data[:cut])
    result = run("parse", str(p))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "reading problem" in result.stderr
    model = json.loads(result.stdout)
    codes = {p["code"] for p in model["problems"]}
    assert {"read.truncated", "read.incomplete"} <= codes
    incomplete = next(p for p in model["problems"] if p["code"] == "read.incomplete")
    assert "第三部分" in incomplete["message"] and incomplete["source"]["line"] > 100
    # What was read is kept: the tables before the cut are there.
    assert model["tables"]["expenditure"]["rows"][0]["values"]["total"]["value"] == "2840.98"


def test_gbk_encoded_text_is_read(tmp_path):
    p = tmp_path / "gbk.txt"
    p.write_bytes(QIAOKOU.read_text(encoding="utf-8").replace("硃", "硚").encode("gb18030"))
    result = run("summary", str(p), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["income_total"] == "28409800.00"
