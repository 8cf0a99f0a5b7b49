"""The ``edition`` command line as a whole: the overview and the error convention."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from edition.cli import COMMANDS, main


def test_the_overview_lists_every_command_with_its_own_help(capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert name in out
    assert "see 'edition" not in out


def test_bad_input_exits_non_zero_naming_file_and_line(tmp_path: Path) -> None:
    bib = tmp_path / "bad.bib"
    bib.write_text("@book{x,\n  title = {a}\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "edition.cli", "bib", str(bib)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.startswith(f"edition bib: error: {bib}:3:")
    assert result.stdout == ""
