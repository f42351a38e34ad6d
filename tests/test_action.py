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


# The `github` context of the event a test simulates (push by default).
PUSH = {
    "event_name": "push",
    "base_ref": "",
    "event.before": "0" * 40,
    "run_id": "1",
    "run_attempt": "1",
}


def evaluate(
    expression: str,
    inputs: dict[str, str],
    context: dict[str, str] | None = None,
    steps: dict[str, dict[str, str]] | None = None,
) -> str:
    context = PUSH if context is None else context
    if expression.startswith("inputs."):
        return inputs[expression.removeprefix("inputs.")]
    if expression == "github.action_path":
        return str(REPO)
    if expression.startswith("github.") and expression.removeprefix("github.") in context:
        return context[expression.removeprefix("github.")]
    if expression == "runner.os":
        return "Linux"
    match = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expression)
    if match:  # a step that did not run (or a cache miss) has no outputs: ''
        return (steps or {}).get(match.group(1), {}).get(match.group(2), "")
    raise AssertionError(f"expression this test does not know: {expression!r}")


def condition(
    expression: str,
    inputs: dict[str, str],
    context: dict[str, str] | None = None,
    steps: dict[str, dict[str, str]] | None = None,
) -> bool:
    """`A == 'x'`, `A != 'x'` and their `&&`: the forms the action uses."""
    verdicts = []
    for part in expression.split("&&"):
        match = re.fullmatch(r"([\w.-]+) (==|!=) '([^']*)'", part.strip())
        assert match, f"if: this test does not know: {expression!r}"
        value = evaluate(match.group(1), inputs, context, steps)
        verdicts.append((value == match.group(3)) == (match.group(2) == "=="))
    return all(verdicts)


def run_action(
    workspace: Path,
    extra_path: list[Path],
    context: dict[str, str] | None = None,
    **given: str,
) -> list[StepRun]:
    """Run the action's `run:` steps; `uses:` steps (the caches) are recorded, not run, and
    behave as a cache miss."""
    spec = action()
    inputs = {name: str(item.get("default", "")) for name, item in spec["inputs"].items()}
    unknown = set(given) - set(inputs)
    assert not unknown, unknown
    inputs.update(given)
    runner = workspace.parent / "runner"
    runner.mkdir(exist_ok=True)
    files = {name: runner / name for name in ("output", "path", "summary")}
    for file in files.values():
        file.touch()
    path = [str(p) for p in extra_path]
    # Without the test's own bin folder: pmlint is found only where a step or the test put it.
    base_path = [p for p in os.environ["PATH"].split(os.pathsep) if Path(p) != PMLINT.parent and p]
    results = []
    steps: dict[str, dict[str, str]] = {}
    for number, step in enumerate(spec["runs"]["steps"]):
        name = step.get("name", str(number))
        if "if" in step and not condition(step["if"], inputs, context, steps):
            results.append(StepRun(name, skipped=True))
            continue
        if "uses" in step:
            for value in (step.get("with") or {}).values():
                EXPRESSION.sub(lambda m: evaluate(m.group(1), inputs, context, steps), str(value))
            results.append(StepRun(name, skipped=False, stdout=f"uses {step['uses']}"))
            continue
        assert step["shell"] == "bash"
        before = files["output"].read_text()
        added = [line for line in files["path"].read_text().splitlines() if line]
        env = {
            **os.environ,
            "PATH": os.pathsep.join([*reversed(added), *path, *base_path]),
            "GITHUB_ACTIONS": "true",
            "GITHUB_WORKSPACE": str(workspace),
            "GITHUB_OUTPUT": str(files["output"]),
            "GITHUB_PATH": str(files["path"]),
            "GITHUB_STEP_SUMMARY": str(files["summary"]),
            "RUNNER_OS": "Linux",
            "RUNNER_TEMP": str(runner),
            "NO_COLOR": "1",
        }
        for key, value in (step.get("env") or {}).items():
            env[key] = EXPRESSION.sub(
                lambda m: evaluate(m.group(1), inputs, context, steps), str(value)
            )
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
        if "id" in step:
            written = files["output"].read_text()[len(before) :]
            steps[step["id"]] = dict(
                line.split("=", 1) for line in written.splitlines() if "=" in line
            )
        if done.returncode != 0:
            break
    return results


def ran(steps: list[StepRun], name: str) -> StepRun:
    [step] = [s for s in steps if s.name == name]
    return step


def outputs(workspace: Path) -> dict[str, str]:
    """The action's outputs (what the lint step wrote; `where` writes paths and keys)."""
    text = (workspace.parent / "runner" / "output").read_text()
    found = dict(line.split("=", 1) for line in text.splitlines() if line)
    return {key: value for key, value in found.items() if key == "exit-code"}


GIT_REQUIREMENT = "pmlint[model] @ git+https://example.invalid/OWNER/pmlint@v0.2.0"

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
    assert set(spec["inputs"]) >= {"changed-only", "summary", "cache"}
    for step in spec["runs"]["steps"]:
        if "uses" in step:
            assert step["uses"].startswith("actions/cache@"), step
            continue
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
    lint = ran(steps, "Lint postmortems")
    install = ran(steps, "Install pmlint with its language model")
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
    lint = ran(
        run_action(
            workspace, [PMLINT.parent], install="false", args=SELECT, **{"fail-on": "error"}
        ),
        "Lint postmortems",
    )
    assert lint.returncode == 0, lint.stderr
    assert lint.stdout.startswith("::warning file=postmortems/2024-09-01-checkout.md,")
    assert outputs(workspace) == {"exit-code": "0"}
    assert not (workspace / "pmlint.sarif").exists()  # no sarif-file: no SARIF


def test_lint_step_exit_code_2_for_a_missing_path(workspace: Path) -> None:
    steps = run_action(workspace, [PMLINT.parent], install="false", paths="nowhere.md")
    lint = ran(steps, "Lint postmortems")
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
if [ "$1" = --version ]; then echo "Python 3.12.4"; exit 0; fi
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
    [
        ("", f"{REPO}[model]"),
        (GIT_REQUIREMENT, GIT_REQUIREMENT),
    ],
)
def test_install_step_chooses_the_package_and_puts_it_on_path(
    workspace: Path, tmp_path: Path, version: str, package: str
) -> None:
    log = tmp_path / "pip.log"
    shim = _stand_in_python(tmp_path / "shim", log)
    steps = run_action(workspace, [shim], version=version, args=SELECT)
    install = ran(steps, "Install pmlint with its language model")
    lint = ran(steps, "Lint postmortems")
    assert not install.skipped and install.returncode == 0, install.stderr
    assert log.read_text().rstrip("\n").split(" ", 5) == [
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


# -- the job summary, events, and the example workflow ---------------------------------------


def test_lint_step_writes_a_job_summary(workspace: Path) -> None:
    steps = run_action(workspace, [PMLINT.parent], install="false", args=SELECT)
    assert ran(steps, "Lint postmortems").returncode == 1
    summary = (workspace.parent / "runner" / "summary").read_text()
    assert summary.startswith("## pmlint\n")
    assert "| File | Rule | Severity | Findings |" in summary
    assert "| postmortems/2024-09-01-checkout.md | PM003 placeholder-text | warning | 1 |" in (
        summary
    )
    off = run_action(workspace, [PMLINT.parent], install="false", args=SELECT, summary="false")
    assert ran(off, "Lint postmortems").returncode == 1
    assert (workspace.parent / "runner" / "summary").read_text() == summary  # nothing added


def _git(workspace: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args],
        cwd=workspace,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


@pytest.fixture
def history(workspace: Path) -> tuple[Path, str]:
    """The workspace as a git clone: a first commit, then one that adds a new postmortem."""
    _git(workspace, "init", "-q", "-b", "main")
    _git(workspace, "add", ".")
    _git(workspace, "commit", "-q", "-m", "first")
    first = _git(workspace, "rev-parse", "HEAD")
    write(workspace / "postmortems" / "2024-10-01-search.md", DRAFT)
    _git(workspace, "add", ".")
    _git(workspace, "commit", "-q", "-m", "second")
    return workspace, first


def _linted(lint: StepRun) -> list[str]:
    return sorted({line.split("file=")[1].split(",")[0] for line in lint.stdout.splitlines()
                   if line.startswith("::warning")})  # fmt: skip


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        ({"event_name": "push", "event.before": "FIRST"}, ["postmortems/2024-10-01-search.md"]),
        # a new branch: nothing before the push, so everything is linted (no origin/ base)
        ({"event_name": "push", "event.before": "0" * 40}, "all"),
        ({"event_name": "workflow_dispatch", "event.before": ""}, "all"),
        # a pull request whose base branch the clone does not have: everything, and a notice
        ({"event_name": "pull_request", "base_ref": "main", "event.before": ""}, "all"),
    ],
    ids=["push", "push-new-branch", "workflow_dispatch", "pull_request-shallow"],
)
def test_changed_only_follows_the_event(
    history: tuple[Path, str], event: dict[str, str], expected: object
) -> None:
    workspace, first = history
    context = {**PUSH, "base_ref": "", **event}
    context["event.before"] = context["event.before"].replace("FIRST", first)
    steps = run_action(
        workspace, [PMLINT.parent], context, install="false", args=SELECT,
        **{"changed-only": "true"},
    )  # fmt: skip
    lint = ran(steps, "Lint postmortems")
    assert lint.returncode == 1, lint.stdout + lint.stderr
    everything = ["postmortems/2024-09-01-checkout.md", "postmortems/2024-10-01-search.md"]
    assert _linted(lint) == (everything if expected == "all" else expected)
    if context["event_name"] == "pull_request":
        assert "::notice title=pmlint::origin/main is not in the clone" in lint.stdout


def test_changed_only_on_a_pull_request_lints_what_it_changed(
    history: tuple[Path, str], tmp_path: Path
) -> None:
    workspace, first = history
    # origin: a bare copy whose main is the first commit (the pull request's base)
    origin = tmp_path / "origin.git"
    _git(workspace, "clone", "-q", "--bare", str(workspace), str(origin))
    _git(workspace, "remote", "add", "origin", str(origin))
    _git(workspace, "--git-dir", str(origin), "update-ref", "refs/heads/main", first)
    context = {**PUSH, "event_name": "pull_request", "base_ref": "main", "event.before": ""}
    steps = run_action(
        workspace, [PMLINT.parent], context, install="false", args=SELECT,
        **{"changed-only": "true"},
    )  # fmt: skip
    lint = ran(steps, "Lint postmortems")
    assert lint.returncode == 1, lint.stdout + lint.stderr
    assert _linted(lint) == ["postmortems/2024-10-01-search.md"]


EXAMPLE_WORKFLOW = REPO / "examples" / "workflows" / "postmortems.yml"


def test_example_workflow_uses_only_the_actions_inputs() -> None:
    workflow = yaml.safe_load(EXAMPLE_WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1: on is True
    assert {"push", "pull_request", "workflow_dispatch"} <= set(triggers)
    [job] = workflow["jobs"].values()
    ours = [s for s in job["steps"] if re.fullmatch(r"[\w-]+/pmlint@\S+", s.get("uses", ""))]
    assert len(ours) == 1
    inputs = action()["inputs"]
    given = ours[0].get("with") or {}
    assert set(given) <= set(inputs), set(given) - set(inputs)
    for name, value in given.items():  # booleans the action compares with 'true'
        if inputs[name].get("default") in ("true", "false"):
            assert isinstance(value, bool), name
    assert not re.search(r"@v\d", ours[0]["uses"]), "no release tag exists to point at"
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # changed-only needs the base's history
    upload = next(s for s in job["steps"] if "upload-sarif" in s.get("uses", ""))
    assert upload["with"]["sarif_file"] == given["sarif-file"]
    assert workflow["permissions"]["security-events"] == "write"


def test_readme_shows_the_example_workflow() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert EXAMPLE_WORKFLOW.read_text(encoding="utf-8") in readme
