import codecs

import pytest

from kg.errors import InputError
from kg.load import collect, decode, read

TEXT = "平湖市某某街道党工委培育“红色驿站”党建品牌。"


@pytest.mark.parametrize("data,encoding", [
    (TEXT.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
    (TEXT.encode("gbk"), "gb18030"),
    (TEXT.encode("gb18030"), "gb18030"),
    (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
])
def test_decode_detects_encoding(data, encoding):
    text, enc = decode(data, "a.txt")
    assert text.lstrip("\ufeff") == TEXT
    assert enc == encoding


@pytest.mark.parametrize("data,problem", [
    (b"", "empty file"),
    (b"  \n\t ", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
    (TEXT.encode("utf-8")[:-1] + b"\xff\xfe\xfa", "cannot decode"),
])
def test_decode_refuses_bad_input_naming_the_file(data, problem):
    with pytest.raises(InputError) as err:
        decode(data, "bad.txt")
    assert "bad.txt" in str(err.value) and problem in str(err.value)


def test_read_returns_sha256(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(TEXT.encode("gbk"))
    src = read(f)
    assert src.text == TEXT and src.encoding == "gb18030" and len(src.sha256) == 64


def test_collect_folders_and_missing_paths(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x", encoding="utf-8")
    files, errors = collect([tmp_path, tmp_path / "missing.txt"])
    assert [f.name for f in files] == ["a.txt", "b.txt"]
    assert len(errors) == 1 and "missing.txt" in str(errors[0])


def test_input_error_survives_pickling():
    import pickle

    err = pickle.loads(pickle.dumps(InputError("a.txt", "binary file", "give text")))
    assert str(err) == "a.txt: binary file (give text)" and err.path == "a.txt"


def test_collect_names_what_it_cannot_read(tmp_path):
    import os

    (tmp_path / "a.txt").write_text("长河市税务局党委", encoding="utf-8")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text("x", encoding="utf-8")
    locked.chmod(0)
    try:
        files, errors = collect([tmp_path])
    finally:
        locked.chmod(0o755)
    assert files[0] == tmp_path / "a.txt" and len(files) == (2 if os.geteuid() == 0 else 1)
    said = " ".join(str(e) for e in errors)
    assert "gone.txt" in said and "link to nothing" in said and "pipe.txt" in said
    if os.geteuid() != 0:  # root reads any folder
        assert "locked" in said


def test_outputs_written_inside_the_input_folder_are_not_read_back(tmp_path):
    from click.testing import CliRunner

    from kg.cli import main

    (tmp_path / "a.txt").write_text("长河市税务局党委以“税心向党”党建品牌为引领。", encoding="utf-8")
    for _ in range(2):
        res = CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(tmp_path / "out")])
        assert res.exit_code == 0, res.output
        assert res.output.startswith("1 documents")
    # --no-html removes the older page, which would no longer show this graph
    res = CliRunner().invoke(main, ["build", str(tmp_path), "-o", str(tmp_path / "out"), "--no-html"])
    assert res.exit_code == 0 and not (tmp_path / "out" / "graph.html").exists()


def test_an_unreadable_file_on_the_command_line_is_reported_and_the_rest_built(tmp_path):
    import os

    from click.testing import CliRunner

    from kg.cli import main

    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    (tmp_path / "a.txt").write_text("长河市税务局党委以“税心向党”党建品牌为引领。", encoding="utf-8")
    (tmp_path / "b.txt").write_text("x", encoding="utf-8")
    (tmp_path / "b.txt").chmod(0)
    res = CliRunner().invoke(main, ["build", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(tmp_path / "o")])
    assert res.exit_code == 1 and "b.txt" in res.output and (tmp_path / "o" / "graph.ttl").exists()
