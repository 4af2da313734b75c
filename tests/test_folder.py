from pathlib import Path

import pytest
from conftest import BAD_INPUTS, GOOD_ARTICLE

from nlp.collect.folder import iter_files, read_file
from nlp.errors import InputError, UnsupportedInput
from nlp.records import Article


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_each_bad_input_gets_its_reason_and_file_name(tmp_path: Path, name: str) -> None:
    content, kind = BAD_INPUTS[name]
    path = tmp_path / name
    path.write_bytes(content)
    results = list(read_file(path))
    assert len(results) == 1
    err = results[0]
    assert isinstance(err, InputError)
    assert err.kind == kind
    assert str(err).startswith(f"{path}: ") and "\n" not in str(err)
    assert isinstance(err, UnsupportedInput) == (kind == "unsupported extension")


def test_size_cap(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(GOOD_ARTICLE * 100, encoding="utf-8")
    [err] = read_file(path, max_bytes=1000)
    assert isinstance(err, InputError)
    assert "file too large" in str(err) and "--max-bytes" in str(err)
    [ok] = read_file(path)
    assert isinstance(ok, Article)


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(GOOD_ARTICLE, encoding="utf-8")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)  # root reads past chmod 000
    [err] = read_file(path)
    assert isinstance(err, InputError)
    assert str(err) == f"{path}: cannot read (Permission denied)"


def test_jsonl_keeps_good_lines_around_a_bad_one(data_dir: Path) -> None:
    results = list(read_file(data_dir / "articles" / "copperline-notes.jsonl"))
    assert [type(r).__name__ for r in results] == ["Article", "InputError", "Article",
                                                   "InputError"]
    assert results[1].source.endswith("copperline-notes.jsonl:2")
    assert isinstance(results[2], Article) and results[2].source.endswith(":3")


def test_walk_reports_symlink_loops_and_skips_hidden(mixed_folder: Path) -> None:
    (mixed_folder / ".DS_Store").write_bytes(b"\x00\x01")
    found = list(iter_files([mixed_folder, mixed_folder / "missing.txt"]))
    errors = {Path(e.source).name: e.kind for e in found if isinstance(e, InputError)}
    assert errors == {"loop": "symlink loop", "self.txt": "symlink loop",
                      "missing.txt": "missing"}
    names = [p.name for p in found if isinstance(p, Path)]
    assert ".DS_Store" not in names and "good.txt" in names
    assert names == sorted(names)


def test_utf8_bom_text_file(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(GOOD_ARTICLE.encode("utf-8-sig"))
    [article] = read_file(path)
    assert isinstance(article, Article) and article.title == "Small caps extend their run"


def test_utf16_text_file(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes(GOOD_ARTICLE.encode("utf-16"))  # with BOM
    [article] = read_file(path)
    assert isinstance(article, Article) and "2,061.30" in article.text
