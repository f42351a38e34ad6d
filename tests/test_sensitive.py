"""PM601–PM603: what is found, what is not, and that no output pmlint writes (any format, the
cache, the baseline) repeats a detected secret or address in clear."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pmlint.diagnostics import Diagnostic, Severity, Span, masked_lines
from pmlint.extract.sensitive import (
    PERSONAL_HINT,
    PERSONAL_HINTS,
    candidate_lines,
    find_personal_data,
    find_secrets,
    luhn,
)
from tests.conftest import REPO, write

# Made up for this test: each has its vendor's shape and no meaning.
AWS_KEY = "AKIAZ3MSJV4WWNKWW5FG"
GITHUB_TOKEN = "ghp_Vq7Ld2Np9Xs4Kc8Tz1Hm6Rb3Wf5Gy0Ja2Ue7"
EMAIL = "jane.doe@acme-mail.io"
CARD = "4539 1488 0343 6467"
PLANTED = (AWS_KEY, GITHUB_TOKEN, EMAIL, CARD)

DOCUMENT = f"""\
# Leaked credentials

## Summary

The deploy log printed `AWS_ACCESS_KEY_ID={AWS_KEY}` for 40 minutes.

## Timeline

| Time | Log line |
| --- | --- |
| 10:02 UTC | `Authorization: token {GITHUB_TOKEN}` |

## Impact

One customer ({EMAIL}) saw their card {CARD} in an error page.
"""


@pytest.fixture()
def leaky(tmp_path: Path) -> Path:
    return write(tmp_path / "pm" / "2024-05-01-leak.md", DOCUMENT)


@pytest.mark.slow
@pytest.mark.parametrize("output", ["text", "json", "sarif", "github", "junit", "gitlab"])
def test_no_output_format_repeats_a_secret(leaky: Path, output: str, tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pmlint",
            "check",
            str(leaky),
            "--format",
            output,
            "--select",
            "PM6",
            "--nlp-model",
            "blank",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "PM601" in result.stdout and "PM602" in result.stdout
    for secret in PLANTED:
        assert secret not in result.stdout and secret not in result.stderr, (output, secret)


@pytest.mark.slow
def test_the_cache_and_the_baseline_hold_no_secret(leaky: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    baseline = tmp_path / "baseline.json"
    command = [
        sys.executable,
        "-m",
        "pmlint",
        "check",
        str(leaky),
        "--select",
        "PM6",
        "--nlp-model",
        "blank",
        "--baseline",
        str(baseline),
    ]
    env = {"PMLINT_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"}
    first = subprocess.run(
        [*command, "--write-baseline"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    assert first.returncode == 0, first.stderr
    again = subprocess.run(
        [*command, "--format", "text"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    assert again.returncode == 0  # every finding is in the baseline
    written = [p for p in [baseline, *cache.rglob("*")] if p.is_file()]
    assert baseline in written and len(written) > 1  # the cache was written too
    for path in written:
        content = path.read_text(encoding="utf-8", errors="replace")
        for secret in PLANTED:
            assert secret not in content, (path.name, secret)


def test_the_text_excerpt_masks_the_span_only() -> None:
    line = f"key={AWS_KEY} here"
    start = line.index(AWS_KEY) + 1
    diagnostic = Diagnostic(
        "x.md",
        "PM601",
        "secret-in-document",
        "sensitive",
        Severity.ERROR,
        "m",
        Span(1, start, 1, start + len(AWS_KEY)),
    )
    assert masked_lines([line], [diagnostic]) == ["key=" + "*" * len(AWS_KEY) + " here"]
    other = Diagnostic(
        "x.md", "PM301", "blame", "language", Severity.WARNING, "m", Span(1, 1, 1, 4)
    )
    assert masked_lines([line], [other]) == [line]


@pytest.mark.parametrize(
    "trap",
    [
        "fixed in https://example.com/commit/e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        'reverted "f346f834cb453f1c415f7f74bfe7e08e890b26f3" from the release branch',
        "request 123e4567-e89b-12d3-a456-426614174000 failed in v1.12.13+hotfix.6",
        "the AWS documentation's key AKIAIOSFODNN7EXAMPLE is a sample",
        "the password was rotated after the incident",
    ],
)
def test_secret_traps_stay_quiet(trap: str) -> None:
    assert list(find_secrets([trap])) == []


@pytest.mark.parametrize(
    "trap",
    [
        "listens on 127.0.0.1 and 10.0.4.17 and 192.0.2.10 and 2001:db8::1",
        "write to security@acme-mail.io or ops@example.com",
        "postgresql@14-main.service failed at 12:30:45 on 2024-06-04",
        "block 1960666 at https://social.example.net/status/1695483187936555397",
        "version 1.2.3.4 and the processor's test card 4111 1111 1111 1111",
    ],
)
def test_personal_data_traps_stay_quiet(trap: str) -> None:
    assert find_personal_data(trap) == []


def test_the_split_hints_find_the_lines_of_the_single_pattern() -> None:
    """PERSONAL_HINTS is PERSONAL_HINT written for speed: the same lines, on written cases
    (every alternative, at a line's start and end, beside longer runs) and random ones."""
    import random

    written = [
        "mail ops-lead@corp-mail.io today",
        "@alone and x@y without a dot",
        "v1.20.3 and 1.2 only",
        "abc::1 and ::1 and g1::2",
        "12345::9 (five hex, no) and fe80:0:12:",
        "12ab:34cd:ef:01",
        "call 5551 2345 or 55512345 or 555-12345",
        "+4 and +x and (555) and (55)",
        "deadbeef:1:2:",
        "é@x.y and ٣٣٣٣٣٣٣٣",
    ]
    rnd = random.Random(17)
    alphabet = "aAfF09g::@@..+( )-_é٣"
    drawn = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 14))) for _ in range(20000)]
    for lines in (written, drawn, ["\n".join(drawn[i : i + 3]) for i in range(0, 300, 3)]):
        lines = "\n".join(lines).split("\n")
        assert candidate_lines(lines, PERSONAL_HINTS) == candidate_lines(lines, (PERSONAL_HINT,))


def test_luhn() -> None:
    assert luhn("4539148803436467")
    assert not luhn("4539148803436468")


def test_the_real_corpus_raises_no_secret(shared: Path) -> None:
    """The 65 real postmortems hold commit hashes, ids and log lines, and no credential."""
    real = shared / "corpus" / "real"
    lines_of = {p.name: p.read_text(encoding="utf-8").split("\n") for p in real.glob("*.md")}
    found = {name: list(find_secrets(lines)) for name, lines in lines_of.items()}
    assert {name: hits for name, hits in found.items() if hits} == {}


def test_rules_are_documented() -> None:
    for rule in ("PM601", "PM602", "PM603"):
        text = (REPO / "rules" / "core" / f"{rule}.yaml").read_text(encoding="utf-8")
        assert "bad:" in text and "good:" in text and "why:" in text
