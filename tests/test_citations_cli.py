"""``edition cite`` from the command line: JSON offsets into the file as it reads, and a table."""

from __future__ import annotations

import json

from edition.cli import main

BIB = """@book{klinenberg2018, author = {Klinenberg, Eric}, title = {Palaces for the people},
  publisher = {Crown}, year = {2018}}
"""
TEXT = "Line one.\r\nAs Klinenberg (2018) says (see Nobody, 2011;\nR FE > 2019).\n"


def write(tmp_path):
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "text.txt").write_bytes(TEXT.encode("utf-8"))
    return str(tmp_path / "text.txt"), str(tmp_path / "refs.bib")


def test_json_offsets_slice_the_file_as_it_reads(tmp_path, capsys):
    text, bib = write(tmp_path)
    assert main(["cite", text, "--bib", bib, "--json", "--allow-unresolved"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [(r["status"], r["keys"]) for r in records] == [
        ("resolved", ["klinenberg2018"]),
        ("unresolved", []),
        ("illegible", []),
    ]
    for r in records:
        assert TEXT[r["start"] : r["end"]] == r["text"]
    assert records[1]["prefix"] == "see"


def test_table_shows_line_column_status_text_and_keys(tmp_path, capsys):
    text, bib = write(tmp_path)
    assert main(["cite", text, "--bib", bib, "--allow-unresolved"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "2:4\tresolved\tKlinenberg (2018)\tklinenberg2018"
    assert lines[1].startswith("2:32\tunresolved\tNobody, 2011\tno entry for Nobody 2011")
    assert lines[2].startswith("3:1\tillegible\tR FE > 2019")
    assert lines[-1] == "3 citations: 1 illegible, 1 resolved, 1 unresolved"


def test_without_bib_detects_only(tmp_path, capsys):
    text, _ = write(tmp_path)
    assert main(["cite", text, "--json"]) == 0
    assert {r["status"] for r in json.loads(capsys.readouterr().out)} == {
        "unresolved",
        "illegible",
    }


def test_bad_bibliography_is_reported_with_file_and_line(tmp_path, capsys):
    text, bib = write(tmp_path)
    (tmp_path / "refs.bib").write_text(BIB + BIB, encoding="utf-8")
    assert main(["cite", text, "--bib", bib]) == 1
    assert "refs.bib:3" in capsys.readouterr().err


def test_an_unresolved_citation_fails_with_file_and_line(tmp_path, capsys):
    text, bib = write(tmp_path)
    assert main(["cite", text, "--bib", bib]) == 1
    err = capsys.readouterr().err.splitlines()
    (line,) = err
    assert line.startswith(f"error: {text}:2: unresolved citation 'Nobody, 2011': no entry for ")
    assert "add the work to the bibliography" in line


def test_an_ambiguous_citation_fails_too(tmp_path, capsys):
    (tmp_path / "refs.bib").write_text(
        BIB + BIB.replace("klinenberg2018,", "klinenberg2018b,").replace("people", "others"),
        encoding="utf-8",
    )
    (tmp_path / "text.txt").write_text("As (Klinenberg, 2018) says.\n", encoding="utf-8")
    args = ["cite", str(tmp_path / "text.txt"), "--bib", str(tmp_path / "refs.bib")]
    assert main(args) == 1
    assert "ambiguous citation 'Klinenberg, 2018'" in capsys.readouterr().err
    assert main([*args, "--allow-unresolved"]) == 0


def test_resolved_and_illegible_citations_pass(tmp_path, capsys):
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "text.txt").write_text("Klinenberg (2018) and (R FE > 2019).\n", encoding="utf-8")
    assert main(["cite", str(tmp_path / "text.txt"), "--bib", str(tmp_path / "refs.bib")]) == 0
    assert capsys.readouterr().err == ""


def test_a_probable_non_citation_warns_and_passes(tmp_path, capsys):
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "text.txt").write_text(
        "Klinenberg (2018) used the survey\n(GMEP, 1955–1969).\n", encoding="utf-8"
    )
    assert main(["cite", str(tmp_path / "text.txt"), "--bib", str(tmp_path / "refs.bib")]) == 0
    captured = capsys.readouterr()
    (warning,) = captured.err.splitlines()
    assert warning.startswith(f"warning: {tmp_path / 'text.txt'}:2: 'GMEP, 1955–1969' is probably")
    assert warning.endswith("record a decision for it in edition.yml")
    assert "probably not a citation" in captured.out.splitlines()[1]
