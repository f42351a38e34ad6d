"""`--changed-since REF`: the files a branch changed, for pull-request checks.

A file counts as changed when `git diff --name-only --diff-filter=ACMR` between the merge
base of REF and HEAD and the working tree lists it (added, copied, modified or renamed; a
deleted file has nothing to lint), or when it is untracked and not ignored (a new postmortem
not yet added is a change too). The merge base makes `--changed-since origin/main` mean
"what this branch changed", not also what main gained since the branch left it; for
`HEAD~1` it is HEAD~1 itself. The caller intersects these files with the paths given and
the include/exclude rules.
"""

from __future__ import annotations

import os
import subprocess


class GitError(Exception):
    """git is missing, this is not a repository, or the ref is unknown: a usage error."""


def _git(args: list[str], cwd: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8"
        )
    except FileNotFoundError:
        raise GitError("--changed-since needs git, which is not installed") from None
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["failed"])[-1]
        raise GitError(f"--changed-since: git {args[0]}: {reason}")
    return done.stdout


def changed_files(ref: str, cwd: str = ".") -> frozenset[str]:
    """Real paths of the files changed since `ref` (see the module doc)."""
    top = _git(["rev-parse", "--show-toplevel"], cwd).strip()
    try:
        commit = _git(["rev-parse", "--verify", "--end-of-options", f"{ref}^{{commit}}"], top)
    except GitError:
        raise GitError(f"--changed-since: {ref!r} is not a commit in this repository") from None
    try:
        base = _git(["merge-base", commit.strip(), "HEAD"], top).strip()
    except GitError:  # no common history (or no HEAD yet): compare with the ref itself
        base = commit.strip()
    names = _git(["diff", "--name-only", "--diff-filter=ACMR", "-z", base, "--"], top)
    names += _git(["ls-files", "--others", "--exclude-standard", "-z"], top)
    return frozenset(os.path.realpath(os.path.join(top, n)) for n in names.split("\0") if n)
