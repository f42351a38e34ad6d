"""The result cache: hits, what invalidates an entry, and a cache that is broken or cannot be
written (a notice on stderr, the same results, never an error)."""

from __future__ import annotations

import dataclasses
import json
import os
import re
from pathlib import Path

import pytest
from click.testing import Result

from pmlint import cache, runner
from pmlint.config import load_config
from pmlint.formats import SOURCE_LINE_FORMATS
from pmlint.reading import SourceText, read_file
from tests.conftest import GOOD_POSTMORTEM as GOOD
from tests.conftest import invoke, write

# PM003 (the TODO) and PM502 (a missing image) in one document.
LINKED = GOOD.replace("TODO", "TODO ![graph](graphs/errors.png)")


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two postmortems under a config, the cache in its default place beside the config."""
    monkeypatch.delenv(cache.CACHE_DIR_ENV, raising=False)
    write(tmp_path / ".pmlint.yaml", "extends: core\n")
    write(tmp_path / "pm" / "good.md", GOOD)
    write(tmp_path / "pm" / "linked.md", LINKED)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(work: Path, *args: str) -> tuple[Result, dict, dict]:
    """`pmlint check pm --format json`: the result, its JSON and the run's counters."""
    stats = work / "stats.json"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PMLINT_STATS", str(stats))
        result = invoke("check", "pm", "--format", "json", *args)
    counters = json.loads(stats.read_text(encoding="utf-8"))
    return result, json.loads(result.stdout), counters


def entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.json"))


def test_unchanged_files_come_from_the_cache(work: Path) -> None:
    first, cold, stats = run(work)
    assert (stats["linted"], stats["cached"]) == (2, 0)
    assert first.exit_code == 1
    assert len(entries(work / ".pmlint_cache")) == 2
    assert (work / ".pmlint_cache" / ".gitignore").read_text(encoding="utf-8").endswith("*\n")

    second, warm, stats = run(work)
    assert (stats["linted"], stats["cached"]) == (0, 2)
    assert second.exit_code == first.exit_code
    assert warm == cold  # findings, summary and the `nlp` key alike
    assert second.stderr == first.stderr


def test_text_output_from_the_cache_keeps_the_excerpts(work: Path) -> None:
    cold = invoke("check", "pm")
    warm = invoke("check", "pm")
    assert "  5 | Checkout returned errors for forty minutes. TODO" in cold.stdout
    assert warm.stdout == cold.stdout


def test_a_changed_file_is_linted_again(work: Path) -> None:
    run(work)
    write(work / "pm" / "good.md", GOOD.replace("TODO", "Resolved."))
    _, payload, stats = run(work)
    assert (stats["linted"], stats["cached"]) == (1, 1)
    good = next(f for f in payload["files"] if f["path"].endswith("good.md"))
    assert good["diagnostics"] == []


def test_a_config_change_invalidates(work: Path) -> None:
    run(work)
    write(work / ".pmlint.yaml", "extends: core\nrules:\n  PM003: off\n")
    load_config.cache_clear()  # a new process would read it again
    _, payload, stats = run(work)
    assert (stats["linted"], stats["cached"]) == (2, 0)
    assert "PM003" not in {d["rule"] for f in payload["files"] for d in f["diagnostics"]}


def test_selection_is_part_of_the_key(work: Path) -> None:
    run(work)
    _, payload, stats = run(work, "--select", "PM502")
    assert stats["cached"] == 0
    assert {d["rule"] for f in payload["files"] for d in f["diagnostics"]} == {"PM502"}


def test_a_rule_pack_change_invalidates(work: Path) -> None:
    lexicon = work / "words.yaml"
    rule = "rules:\n  PM003:\n    options:\n      lexicon: words.yaml\n      ignorecase: true\n"
    write(lexicon, "tokens:\n  - pattern: forty minutes\n")
    write(work / ".pmlint.yaml", "extends: core\n" + rule)
    _, before, _ = run(work)
    write(lexicon, "tokens:\n  - pattern: twelve\n")  # the config file itself is unchanged
    load_config.cache_clear()
    _, after, stats = run(work)
    assert stats["cached"] == 0
    messages = [d["message"] for f in after["files"] for d in f["diagnostics"]]
    assert not any("forty minutes" in m for m in messages)
    assert before != after


def test_pmlint_and_model_versions_are_part_of_the_key(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(work)
    monkeypatch.setattr(cache, "code_stamp", lambda: "another pmlint")
    assert run(work)[2]["cached"] == 0
    assert run(work)[2]["cached"] == 2
    monkeypatch.setattr(cache, "model_identity", lambda requested: "en_core_web_sm==9.9")
    assert run(work)[2]["cached"] == 0


def test_a_linked_file_that_appears_invalidates(work: Path) -> None:
    _, before, _ = run(work)
    assert "PM502" in {d["rule"] for f in before["files"] for d in f["diagnostics"]}
    write(work / "pm" / "graphs" / "errors.png", "png")
    _, after, stats = run(work)
    assert (stats["linted"], stats["cached"]) == (1, 1)
    assert "PM502" not in {d["rule"] for f in after["files"] for d in f["diagnostics"]}


def test_a_corrupted_entry_is_ignored_with_a_notice(work: Path) -> None:
    first, cold, _ = run(work)
    found = entries(work / ".pmlint_cache")
    found[0].write_text("{not json", encoding="utf-8")
    found[1].write_text(json.dumps({"format": 1, "diagnostics": [["PM003"]]}), encoding="utf-8")
    second, warm, stats = run(work)
    assert warm == cold and second.exit_code == first.exit_code
    notices = [line for line in second.stderr.splitlines() if "cache" in line]
    assert len(notices) == 1 and "unreadable cache entries" in notices[0], second.stderr
    assert stats["linted"] == 2
    assert run(work)[2]["cached"] == 2  # rewritten


def test_an_unwritable_cache_folder_is_ignored_with_a_notice(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = invoke("check", "pm", "--format", "json", "--no-cache")
    blocker = work / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(blocker / "cache"))
    result = invoke("check", "pm", "--format", "json")
    assert result.stdout == cold.stdout and result.exit_code == cold.exit_code
    notices = [line for line in result.stderr.splitlines() if "cache" in line]
    assert len(notices) == 1 and notices[0].startswith("pmlint: cannot write the result cache")


def test_no_cache_neither_reads_nor_writes(work: Path) -> None:
    _, _, stats = run(work, "--no-cache")
    assert stats["linted"] == 2
    assert not (work / ".pmlint_cache").exists()
    run(work)
    assert run(work, "--no-cache")[2]["cached"] == 0


def test_cache_dir_from_the_config_and_the_environment(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(work / ".pmlint.yaml", "extends: core\ncache_dir: build/lint-cache\n")
    run(work)
    assert len(entries(work / "build" / "lint-cache")) == 2
    assert not (work / ".pmlint_cache").exists()
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(work / "elsewhere"))
    run(work)
    assert len(entries(work / "elsewhere")) == 2


def test_analyze_does_not_use_the_cache(work: Path) -> None:
    before = invoke("analyze", "pm", "--format", "json")
    run(work)
    run(work)
    after = invoke("analyze", "pm", "--format", "json")
    assert after.stdout == before.stdout
    assert json.loads(after.stdout)["documents"][0]["action_items"]["total"] == 1


def indexed_run(work: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[dict, Path]:
    """A first run with the index on for two files: its JSON and the index's path."""
    monkeypatch.setattr(cache, "INDEX_MIN_FILES", 2)
    _, cold, _ = run(work)
    return cold, work / ".pmlint_cache" / f"v{cache.FORMAT}" / "index.json"


def test_a_run_of_many_files_keeps_an_index_that_serves_the_next(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold, index = indexed_run(work, monkeypatch)
    assert len(json.loads(index.read_text(encoding="utf-8"))["entries"]) == 2
    for entry in entries(work / ".pmlint_cache"):
        if entry != index:
            entry.unlink()  # only the index can serve now
    _, warm, stats = run(work)
    assert (stats["linted"], stats["cached"]) == (0, 2)
    assert warm == cold
    modified = index.stat().st_mtime_ns
    run(work)
    assert index.stat().st_mtime_ns == modified  # nothing new: not written again


def test_a_damaged_index_is_a_copy_the_entries_replace(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold, index = indexed_run(work, monkeypatch)
    for damage in ("{not json", json.dumps({"format": cache.FORMAT, "entries": []})):
        index.write_text(damage, encoding="utf-8")
        second, warm, stats = run(work)
        assert (stats["linted"], stats["cached"]) == (0, 2)  # from the entries' files
        assert warm == cold and "cache" not in second.stderr
        assert len(json.loads(index.read_text(encoding="utf-8"))["entries"]) == 2  # rewritten


def test_a_damaged_entry_in_the_index_is_linted_again(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold, index = indexed_run(work, monkeypatch)
    data = json.loads(index.read_text(encoding="utf-8"))
    for entry in data["entries"].values():
        entry["diagnostics"] = [["PM003"]]
    index.write_text(json.dumps(data), encoding="utf-8")
    _, warm, stats = run(work)
    assert stats["linted"] == 2 and warm == cold


def test_the_index_writes_each_string_once_and_reads_them_back(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rule, name, category, message and suggestion go to the index's string table."""
    cold, index = indexed_run(work, monkeypatch)
    data = json.loads(index.read_text(encoding="utf-8"))
    strings = data["strings"]
    assert strings and len(strings) == len(set(strings))
    rows = [row for entry in data["entries"].values() for row in entry["diagnostics"]]
    assert rows and all(all(type(row[n]) is int for n in (0, 1, 2, 4)) for row in rows)
    # The same findings under another table (reversed) are served the same.
    last = len(strings) - 1
    for row in rows:
        for n in cache._TABLED:
            if type(row[n]) is int:
                row[n] = last - row[n]
    data["strings"] = strings[::-1]
    index.write_text(json.dumps(data), encoding="utf-8")
    for entry in entries(work / ".pmlint_cache"):
        if entry != index:
            entry.unlink()  # only the index can serve now
    _, warm, stats = run(work)
    assert (stats["linted"], stats["cached"]) == (0, 2) and warm == cold
    # A number outside the table is a damaged entry: its file is linted again.
    for row in rows:
        row[0] = len(strings) + 5
    index.write_text(json.dumps(data), encoding="utf-8")
    _, warm, stats = run(work)
    assert stats["linted"] == 2 and warm == cold


def test_a_run_of_few_files_writes_no_index(work: Path) -> None:
    run(work)
    run(work)
    assert not list((work / ".pmlint_cache").rglob("index.json"))


def test_an_index_drops_most_entries_its_run_did_not_serve(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stale entries (files since changed, an older pmlint's) are kept up to a share of
    the run's own: a warm run parses the whole index."""
    cold, index = indexed_run(work, monkeypatch)
    data = json.loads(index.read_text(encoding="utf-8"))
    served = dict(data["entries"])
    entry = next(iter(served.values()))
    data["entries"].update({f"{n:064x}": entry for n in range(40)})
    index.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(cache, "OTHERS_SHARE", 0.5)
    _, warm, stats = run(work)
    assert (stats["linted"], stats["cached"]) == (0, 2) and warm == cold
    kept = json.loads(index.read_text(encoding="utf-8"))["entries"]
    assert len(kept) == 3 and served.keys() <= kept.keys()


@pytest.fixture
def stamped(work: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The index on for two files, and every file's stamp trusted however recent (the
    files here were written a moment ago); returns the index's path."""
    monkeypatch.setattr(cache, "INDEX_MIN_FILES", 2)
    monkeypatch.setattr(cache, "RACY_NS", 0)
    return work / ".pmlint_cache" / f"v{cache.FORMAT}" / "index.json"


def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the runner reads from now on."""
    read: list[str] = []

    def counted(path: str, limit: int) -> SourceText:
        read.append(path)
        return read_file(path, limit)

    monkeypatch.setattr(runner, "read_file", counted)
    return read


def test_an_unchanged_file_is_served_by_its_stamp_unread(
    work: Path, stamped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, cold, _ = run(work)
    text = invoke("check", "pm")
    read = reads(monkeypatch)
    _, warm, stats = run(work)
    assert (stats["linted"], stats["cached"]) == (0, 2) and warm == cold
    assert read == []  # JSON prints no excerpt: neither read nor hashed
    assert invoke("check", "pm").stdout == text.stdout
    assert len(read) == 2  # the text format's excerpts need the source lines


def test_a_file_changed_just_before_the_run_keeps_no_stamp(
    work: Path, stamped: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "RACY_NS", 10**18)  # every file is too recent to trust
    run(work)
    run(work)
    assert json.loads(stamped.read_text(encoding="utf-8"))["stamps"] == {}
    read = reads(monkeypatch)
    assert run(work)[2]["cached"] == 2 and len(read) == 2  # hashed again


def same_size_same_mtime(path: Path, old: str, new: str) -> None:
    """Replace `old` with `new` (as long) in the file, putting its modification time back;
    its change time moves on (waiting out the clock's tick if the write fell in the same)."""
    assert len(old) == len(new)
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    while path.stat().st_ctime_ns == before.st_ctime_ns:
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_an_edit_that_keeps_size_and_mtime_is_linted_again(work: Path, stamped: Path) -> None:
    run(work)
    run(work)
    same_size_same_mtime(work / "pm" / "good.md", "TODO", "Done")
    _, payload, stats = run(work)
    assert (stats["linted"], stats["cached"]) == (1, 1)
    good = next(f for f in payload["files"] if f["path"].endswith("good.md"))
    assert "PM003" not in {d["rule"] for d in good["diagnostics"]}


@pytest.mark.parametrize("change", ["config", "rule pack", "pmlint", "selection"])
def test_stamps_do_not_outlive_the_settings(
    work: Path, stamped: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    """A stamp serves only under the settings it was recorded with (config, rule packs,
    pmlint's code, the selection: `settings_key`)."""
    run(work)
    assert run(work)[2]["cached"] == 2
    args: tuple[str, ...] = ()
    if change == "config":
        write(work / ".pmlint.yaml", "extends: core\nrules:\n  PM003: off\n")
        load_config.cache_clear()
    elif change == "rule pack":
        monkeypatch.setattr(cache, "pack_digest", lambda config: "other packs")
    elif change == "pmlint":
        monkeypatch.setattr(cache, "code_stamp", lambda: "another pmlint")
    else:
        args = ("--select", "PM502")
    _, payload, stats = run(work, *args)
    assert stats["cached"] == 0
    monkeypatch.setattr(cache, "RACY_NS", 10**18)  # the same findings when hashed again
    assert run(work, *args)[1] == payload


@pytest.mark.parametrize(
    "stamps",
    [[], {"x": 1}, {"x": {"y": 1}}, "stamps", None],
)
def test_damaged_stamps_are_ignored(
    work: Path, stamped: Path, stamps: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, cold, _ = run(work)
    data = json.loads(stamped.read_text(encoding="utf-8"))
    settings = next(iter(data["stamps"]))
    for broken in (stamps, {settings: {p: [1, 2] for p in data["stamps"][settings]}}):
        data["stamps"] = broken
        stamped.write_text(json.dumps(data), encoding="utf-8")
        read = reads(monkeypatch)
        second, warm, stats = run(work)
        assert (stats["linted"], stats["cached"]) == (0, 2) and warm == cold
        assert len(read) == 2 and "cache" not in second.stderr


@pytest.mark.parametrize("output", ["text", "json", "sarif", "gitlab", "junit", "github"])
def test_every_format_is_the_same_from_stamps(
    work: Path, stamped: Path, monkeypatch: pytest.MonkeyPatch, output: str
) -> None:
    """Served by their stamps, the files give every format's output as linting them does
    (SARIF's and GitLab's fingerprints hash the flagged source text: those formats read it)."""
    cold = invoke("check", "pm", "--format", output, "--no-cache")
    run(work)
    run(work)  # the stamps recorded
    read = reads(monkeypatch)
    warm = invoke("check", "pm", "--format", output)
    assert undated(warm.stdout) == undated(cold.stdout) and warm.exit_code == cold.exit_code
    assert len(read) == (2 if output in SOURCE_LINE_FORMATS else 0)


def undated(report: str) -> str:
    """A report without JUnit's timestamp (the time of the run, to the second)."""
    return re.sub(r'timestamp="[^"]*"', "", report)


def served(work: Path, written: bool) -> list:
    """The reports of `pm` from the cache, as `check --format json` asks for them
    (`written`) or as the other formats do."""
    options = runner.RunOptions(cache=True, source_lines=False, written_json=written)
    return list(runner.Runner(options).run(["pm"]))


def test_a_json_run_from_the_cache_writes_the_text_it_kept(work: Path) -> None:
    """The cache keeps each file's findings as `--format json` writes them: a warm JSON run
    writes that text and builds no finding, unless something reads them."""
    from pmlint.report import CachedReport

    cold = invoke("check", "pm", "--format", "json", "--no-cache")
    run(work)
    for name in entries(work / ".pmlint_cache"):
        assert isinstance(json.loads(name.read_text(encoding="utf-8"))["json"], str)
    warm = invoke("check", "pm", "--format", "json")
    assert warm.stdout == cold.stdout and warm.exit_code == cold.exit_code
    for fail_on in ("error", "info"):  # the exit code from the counts kept
        again = invoke("check", "pm", "--format", "json", "--fail-on", fail_on)
        built = invoke("check", "pm", "--format", "json", "--fail-on", fail_on, "--no-cache")
        assert again.exit_code == built.exit_code
    reports = served(work, written=True)
    assert all(type(r) is CachedReport and r.pending for r in reports)
    given = dataclasses.replace(reports[0], diagnostics=[])
    assert (given.diagnostics, given.pending, reports[0].pending) == ([], False, True)
    built = served(work, written=False)
    assert [r.diagnostics for r in reports] == [r.diagnostics for r in built]  # built now
    assert not any(r.pending for r in reports) and any(r.diagnostics for r in reports)
    # The kept text, written at another indentation or read back, is the findings'.
    from pmlint.formats import json_format

    for report in built:
        kept = json_format._Written(json_format.diagnostics_json(report.diagnostics))
        fresh = json_format._Diagnostics(report.diagnostics)
        assert kept.render("\n") == fresh.render("\n") and kept.plain() == fresh.plain()


def test_an_entry_without_the_json_text_is_decoded(work: Path) -> None:
    """An entry that keeps no text (or one whose text does not list its findings: damaged)
    is served by building its findings, or linted again."""
    from pmlint.report import CachedReport

    _, cold, _ = run(work)
    found = entries(work / ".pmlint_cache")
    for name in found:
        data = json.loads(name.read_text(encoding="utf-8"))
        del data["json"]
        name.write_text(json.dumps(data), encoding="utf-8")
    _, warm, stats = run(work)
    assert (stats["linted"], stats["cached"], warm) == (0, 2, cold)
    assert not any(isinstance(r, CachedReport) for r in served(work, written=True))
    for name in found:
        data = json.loads(name.read_text(encoding="utf-8"))
        data["json"] = "[]" if data["diagnostics"] else "[\n  {}\n]"
        name.write_text(json.dumps(data), encoding="utf-8")
    _, warm, stats = run(work)
    assert (stats["linted"], warm) == (2, cold)


def test_the_code_digest_is_kept_under_the_files_stat(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beside the regex cache, `code.json` keeps the digest of pmlint's code under its
    files' stat: the same digest without reading them; another stat reads them again; files
    changed just before the run keep nothing."""
    from pmlint import regexcache, version

    stamp = version.code_stamp.__wrapped__  # without the process's own memo
    plain = stamp()  # the regex cache not installed: no memo
    monkeypatch.setattr(regexcache, "installed", lambda: True)
    monkeypatch.setenv(regexcache.ENV, str(tmp_path / "one" / "regex.json"))
    monkeypatch.setattr(version, "_RACY_NS", 0)
    assert stamp() == plain and (tmp_path / "one" / version.MEMO_NAME).exists()
    read: list[str] = []
    real = version.add_file
    monkeypatch.setattr(version, "add_file", lambda d, p, r: (read.append(r), real(d, p, r)))
    assert stamp() == plain and read == []
    monkeypatch.setattr(version, "_stat_digest", lambda files: "another stat")
    assert stamp() == plain and read  # read again
    monkeypatch.undo()
    monkeypatch.setattr(regexcache, "installed", lambda: True)
    monkeypatch.setenv(regexcache.ENV, str(tmp_path / "two" / "regex.json"))
    monkeypatch.setattr(version, "_RACY_NS", 10**30)  # every file changed just now
    assert stamp() == plain and not (tmp_path / "two").exists()


def test_the_index_keeps_the_json_texts_apart(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The index's entries carry no JSON text: a file beside it does, read only for a JSON
    report; without it (or damaged), the findings are built from the index."""
    from pmlint.report import CachedReport

    cold, index = indexed_run(work, monkeypatch)
    texts = index.with_name(cache.TEXTS_NAME)
    assert all("json" not in e for e in json.loads(index.read_text("utf-8"))["entries"].values())
    assert len(json.loads(texts.read_text("utf-8"))["texts"]) == 2
    for entry in entries(work / ".pmlint_cache"):
        if entry not in (index, texts):
            entry.unlink()  # only the index and its texts can serve now
    assert all(type(r) is CachedReport and r.pending for r in served(work, written=True))
    _, warm, stats = run(work)
    assert (stats["linted"], warm) == (0, cold)
    texts.write_text("{not json", encoding="utf-8")
    assert not any(isinstance(r, CachedReport) for r in served(work, written=True))
    _, warm, stats = run(work)
    assert (stats["linted"], warm) == (0, cold)
