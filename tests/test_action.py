"""The GitHub Action (action.yml), its steps run here the way the Actions runner runs them.

What is exercised: action.yml parses; each step's `if:` and `${{ }}` expressions are
evaluated for the test's inputs (only the forms the action uses are understood, so a new
form fails here until this test learns it); each `run:` script runs as
`bash --noprofile --norc -eo pipefail` in a workspace folder, with GITHUB_ACTIONS, RUNNER_TEMP,
GITHUB_OUTPUT and GITHUB_PATH files like the runner's, and GITHUB_PATH honoured by later
steps. The lint step runs the installed pmlint on a small bad postmortem: annotations,
SARIF, exit codes and the `exit-code` output.

What is not: GitHub's own runner and expression engine, and the real `pip install` of the
install step. That step runs against a stand-in `python3` that records the pip command it
is given and links the installed pmlint into the "virtualenv", so its choice of package
and its PATH wiring are checked; the install itself (pmlint plus the model from the
package index) is what test_precommit.py does for real.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.conftest import GOOD_POSTMORTEM, REPO, write

ACTION_FILE = REPO / "action.yml"
PMLINT = Path(sys.executable).parent / "pmlint"
SELECT = "--select PM001,PM002,PM003,PM5,PM9"  # rules added later do not change the findings
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


@dataclass
class StepRun:
    name: str
    skipped: bool
    returncode: int = 0
    stdout: str = ""
    stderr: str = ""


def action() -> dict:
    return yaml.safe_load(ACTION_FILE.read_text(encoding="utf-8"))


def evaluate(expression: str, inputs: dict[str, str]) -> str:
    if expression.startswith("inputs."):
        return inputs[expression.removeprefix("inputs.")]
    if expression == "github.action_path":
        return str(REPO)
    raise AssertionError(f"expression this test does not know: {expression!r}")


def condition(expression: str, inputs: dict[str, str]) -> bool:
    match = re.fullmatch(r"inputs\.([\w-]+) == '([^']*)'", expression.strip())
    assert match, f"if: this test does not know: {expression!r}"
    return inputs[match.group(1)] == match.group(2)


def run_action(workspace: Path, extra_path: list[Path], **given: str) -> list[StepRun]:
    spec = action()
    inputs = {name: str(item.get("default", "")) for name, item in spec["inputs"].items()}
    unknown = set(given) - set(inputs)
    assert not unknown, unknown
    inputs.update(given)
    runner = workspace.parent / "runner"
    runner.mkdir(exist_ok=True)
    files = {name: runner / name for name in ("output", "path")}
    for file in files.values():
        file.touch()
    path = [str(p) for p in extra_path]
    # Without the test's own bin folder: pmlint is found only where a step or the test put it.
    base_path = [p for p in os.environ["PATH"].split(os.pathsep) if Path(p) != PMLINT.parent and p]
    results = []
    for number, step in enumerate(spec["runs"]["steps"]):
        name = step.get("name", str(number))
        if "if" in step and not condition(step["if"], inputs):
            results.append(StepRun(name, skipped=True))
            continue
        assert step["shell"] == "bash"
        added = [line for line in files["path"].read_text().splitlines() if line]
        env = {
            **os.environ,
            "PATH": os.pathsep.join([*reversed(added), *path, *base_path]),
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(workspace),
            "GITHUB_OUTPUT": str(files["output"]),
            "GITHUB_PATH": str(files["path"]),
            "RUNNER_TEMP": str(runner),
            "NO_COLOR": "1",
        }
        for key, value in (step.get("env") or {}).items():
            env[key] = EXPRESSION.sub(lambda m: evaluate(m.group(1), inputs), str(value))
        script = runner / f"step-{number}.sh"
        script.write_text(step["run"], encoding="utf-8")
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=workspace,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        results.append(StepRun(name, False, done.returncode, done.stdout, done.stderr))
        if done.returncode != 0:
            break
    return results


def outputs(workspace: Path) -> dict[str, str]:
    text = (workspace.parent / "runner" / "output").read_text()
    return dict(line.split("=", 1) for line in text.splitlines() if line)


# Written for this test: one finding with SELECT, PM003 on the TODO at line 5.
DRAFT = GOOD_POSTMORTEM


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    if not PMLINT.exists():
        pytest.skip(f"no pmlint console script next to {sys.executable}")
    root = tmp_path / "workspace"
    write(root / ".pmlint.yaml", "extends: core\n")
    write(root / "postmortems" / "2024-09-01-checkout.md", DRAFT)
    write(root / "notes" / "extra.md", DRAFT.replace(" TODO", ""))
    return root


def test_action_metadata() -> None:
    spec = action()
    assert spec["runs"]["using"] == "composite"
    assert set(spec["inputs"]) >= {"paths", "fail-on", "sarif-file", "version", "args"}
    for step in spec["runs"]["steps"]:
        assert step["shell"] == "bash"
        # Inputs reach scripts through env: only (no script injection through an input).
        assert "${{" not in step["run"], step["name"]


def test_lint_step_annotates_writes_sarif_and_fails(workspace: Path) -> None:
    steps = run_action(
        workspace,
        [PMLINT.parent],
        install="false",
        paths="postmortems\nnotes/extra.md",
        args=SELECT,
        **{"sarif-file": "pmlint.sarif"},
    )
    install, lint = steps
    assert install.skipped and not lint.skipped
    assert lint.returncode == 1, lint.stderr
    lines = lint.stdout.splitlines()
    assert lines[0] == (
        "::warning file=postmortems/2024-09-01-checkout.md,line=5,col=45,endLine=5,endColumn=48,"
        "title=PM003 placeholder-text::Placeholder left in the document: 'TODO'. "
        "Replace the marker with the missing content, or remove it."
    )
    assert lines[-1] == "Found 1 problem (1 warning) in 1 of 2 files."
    assert outputs(workspace) == {"exit-code": "1"}
    sarif = json.loads((workspace / "pmlint.sarif").read_text())
    [result] = sarif["runs"][0]["results"]
    assert result["ruleId"] == "PM003"
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "postmortems/2024-09-01-checkout.md"


def test_lint_step_passes_below_fail_on(workspace: Path) -> None:
    [_, lint] = run_action(
        workspace, [PMLINT.parent], install="false", args=SELECT, **{"fail-on": "error"}
    )
    assert lint.returncode == 0, lint.stderr
    assert lint.stdout.startswith("::warning file=postmortems/2024-09-01-checkout.md,")
    assert outputs(workspace) == {"exit-code": "0"}
    assert not (workspace / "pmlint.sarif").exists()  # no sarif-file: no SARIF


def test_lint_step_exit_code_2_for_a_missing_path(workspace: Path) -> None:
    [_, lint] = run_action(workspace, [PMLINT.parent], install="false", paths="nowhere.md")
    assert lint.returncode == 2
    assert "::error file=nowhere.md,title=pmlint::no such file or directory" in lint.stdout
    assert outputs(workspace) == {"exit-code": "2"}


def _stand_in_python(folder: Path, log: Path) -> Path:
    """A `python3` for the install step: `-m venv DIR` makes DIR/bin/python log its arguments
    and links the real pmlint as DIR/bin/pmlint."""
    folder.mkdir()
    script = folder / "python3"
    script.write_text(
        f"""#!/usr/bin/env bash
if [ "$1" = -m ] && [ "$2" = venv ]; then
  mkdir -p "$3/bin"
  printf '%s\\n' '#!/usr/bin/env bash' 'echo "$@" >> {log}' > "$3/bin/python"
  chmod +x "$3/bin/python"
  ln -s {PMLINT} "$3/bin/pmlint"
  exit 0
fi
exit 99
""",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return folder


@pytest.mark.parametrize(
    ("version", "package"),
    [("", f"{REPO}[model]"), ("0.1.0", "pmlint[model]==0.1.0")],
)
def test_install_step_chooses_the_package_and_puts_it_on_path(
    workspace: Path, tmp_path: Path, version: str, package: str
) -> None:
    log = tmp_path / "pip.log"
    shim = _stand_in_python(tmp_path / "shim", log)
    install, lint = run_action(workspace, [shim], version=version, args=SELECT)
    assert not install.skipped and install.returncode == 0, install.stderr
    assert log.read_text().split() == [
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        package,
    ]
    venv_bin = workspace.parent / "runner" / "pmlint-venv" / "bin"
    assert (workspace.parent / "runner" / "path").read_text().splitlines() == [str(venv_bin)]
    # The lint step found pmlint through GITHUB_PATH (the shim folder has none).
    assert lint.returncode == 1, lint.stderr
    assert lint.stdout.startswith("::warning file=postmortems/2024-09-01-checkout.md,")
