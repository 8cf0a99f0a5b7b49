"""The CI workflow is valid GitHub Actions, as actionlint reads it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
ACTIONLINT = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which(
    "actionlint"
)


def test_there_is_a_workflow_that_tests_builds_and_deploys() -> None:
    text = "\n".join(path.read_text(encoding="utf-8") for path in WORKFLOWS)
    assert "make test" in text and "make site" in text and "deploy-pages" in text
    # The site is built for the address it is deployed at.
    assert "SITE_URL: ${{ steps.pages.outputs.base_url }}/" in text


@pytest.mark.skipif(
    ACTIONLINT is None and not os.environ.get("CI"),
    reason="actionlint has wheels for x86_64 Linux only",
)
@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_passes_actionlint(workflow: Path) -> None:
    assert ACTIONLINT is not None, "actionlint is not installed"
    result = subprocess.run(
        [ACTIONLINT, "-no-color", str(workflow)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    if ACTIONLINT is None:
        pytest.skip("actionlint is not installed")
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.nonexistent_context_key }}\n",
        "utf-8",
    )
    result = subprocess.run([ACTIONLINT, str(broken)], capture_output=True, text=True, check=False)
    assert result.returncode != 0
