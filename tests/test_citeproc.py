"""The CSL processor: one pandoc process renders every run, exactly as ``pandoc --citeproc``."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

import pytest

from edition.apa import style_file
from edition.citeproc import (
    _PROCESSOR,
    Citation,
    _api_version,
    _cite,
    _render,
    pandoc_path,
    run_citeproc,
)
from edition.errors import EditionError

ITEMS = [
    {
        "id": "smith2020",
        "type": "book",
        "author": [{"family": "Smith", "given": "Ada"}, {"family": "Jones", "given": "Bo"}],
        "title": "A book",
        "publisher": "Press",
        "issued": {"date-parts": [[2020]]},
    },
    {
        "id": "smith2020b",
        "type": "article-journal",
        "author": [{"family": "Smith", "given": "Ada"}, {"family": "Jones", "given": "Bo"}],
        "title": "An article",
        "container-title": "Journal",
        "volume": "3",
        "page": "1-9",
        "issued": {"date-parts": [[2020]]},
    },
]


def _pandoc_itself(tmp_path: Path, citations: list[Citation]) -> dict:
    """What a fresh ``pandoc --citeproc`` gives for the same items and citations."""
    references = tmp_path / "references.json"
    references.write_text(json.dumps(ITEMS), encoding="utf-8")
    document = {
        "pandoc-api-version": _api_version(),
        "meta": {
            "nocite": {
                "t": "MetaInlines",
                "c": [_cite("*", "NormalCitation", "")],
            }
        },
        "blocks": [{"t": "Para", "c": [_cite(c.key, "AuthorInText", "")]} for c in citations],
    }
    arguments = ["-f", "json", "-t", "json", "--citeproc", f"--csl={style_file()}"]
    output = subprocess.run(
        [pandoc_path(), *arguments, f"--bibliography={references}"],
        input=json.dumps(document).encode(),
        capture_output=True,
        check=True,
    ).stdout
    return json.loads(output)


def test_runs_render_as_pandoc_citeproc_does(tmp_path: Path) -> None:
    citations = [Citation("smith2020", "narrative"), Citation("smith2020b", "narrative")]
    expected = _pandoc_itself(tmp_path, citations)
    cited = tuple(_render(block["c"][0]["c"][1]) for block in expected["blocks"][:2])
    references = next(b for b in expected["blocks"] if b["t"] == "Div")["c"][1]
    listed = tuple(
        (entry["c"][0][0].removeprefix("ref-"), _render(entry["c"][1][0]["c"]))
        for entry in references
    )
    for _ in range(2):  # the second run goes to the same process
        output = run_citeproc(ITEMS, style_file(), citations)
        assert output.citations == cited
        assert output.bibliography == listed
    assert [c.text for c in output.citations] == ["Smith & Jones (2020a)", "Smith & Jones (2020b)"]
    assert [key for key, _ in output.bibliography] == ["smith2020", "smith2020b"]


def test_a_broken_style_is_an_edition_error(tmp_path: Path) -> None:
    style = tmp_path / "broken.csl"
    style.write_text("<style", encoding="utf-8")
    with pytest.raises(EditionError, match="CSL processor"):
        run_citeproc(ITEMS, style)
    assert run_citeproc(ITEMS, style_file()).bibliography  # and the next run works


def test_a_processor_ended_between_runs_is_started_anew() -> None:
    run_citeproc(ITEMS, style_file())
    process = _PROCESSOR._process
    assert process is not None
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert run_citeproc(ITEMS, style_file()).bibliography
    assert _PROCESSOR._process is not process


def test_a_processor_that_stops_during_a_run_is_an_edition_error(monkeypatch) -> None:
    run_citeproc(ITEMS, style_file())
    process = _PROCESSOR._process
    assert process is not None
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    monkeypatch.setattr(_PROCESSOR, "_started", lambda: process)  # as if it stopped just now
    with pytest.raises(EditionError, match="CSL processor"):
        run_citeproc(ITEMS, style_file())
    monkeypatch.undo()
    assert run_citeproc(ITEMS, style_file()).bibliography


def test_a_ctrl_c_in_the_terminal_does_not_reach_the_processor() -> None:
    run_citeproc(ITEMS, style_file())
    process = _PROCESSOR._process
    assert process is not None
    assert os.getpgid(process.pid) != os.getpgid(0)
