"""From command-line paths to file reports: discovery, per-file config, reading, linting.

`Runner.run` (what `pmlint check` uses) reads each file once, takes what the result cache
holds (`pmlint.cache`), and lints the rest in this process or, with more than one job, in
worker processes that each load the spaCy pipeline once. Reports come back in the order of
the files whatever the jobs, so the output is the same as a serial run's.
"""

from __future__ import annotations

import gc
import json
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from typing import Any, BinaryIO

from pmlint.config import Config, ConfigError, find_config_file, load_config
from pmlint.discover import walk
from pmlint.engine import Linter, Selection, fewer_collections
from pmlint.packs import Rule
from pmlint.reading import SourceText, UnreadableFile, decode, read_file
from pmlint.report import FileReport

FILES_PER_WORKER = 8  # --jobs by default: one worker per CPU, and per this many files to lint
BATCH_FILES = 24  # files linted together: the texts they parse go through spaCy in one batch
BATCH_ENV = "PMLINT_BATCH_FILES"  # another batch size, to measure what batching brings
STATS_ENV = "PMLINT_STATS"  # a path: `pmlint check` writes its counters there as JSON
_NO_CONFIG = object()


class SelectionError(Exception):
    """`--select`/`--ignore` names something no rule answers to (a usage error, exit 2)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(slots=True)
class RunOptions:
    config_path: str | None = None  # --config: one config for every file, no discovery
    selection: Selection = field(default_factory=Selection)
    nlp_model: str | None = None
    only: frozenset[str] | None = None  # --changed-since: real paths of the files to keep
    jobs: int | None = None  # worker processes; None: by CPUs and files to lint
    cache: bool = False  # the result cache (`check` only: `analyze` needs the documents)
    # Reports carry their source lines (excerpts, baselines); without them, a cached
    # result whose file is unchanged (`pmlint.cache.file_stamp`) is served unread.
    source_lines: bool = True
    # The report goes out as `--format json` and nothing else reads its findings: a cached
    # result is served as the text that format writes (`pmlint.report.CachedReport`).
    written_json: bool = False


class Runner:
    def __init__(self, options: RunOptions) -> None:
        self.options = options
        self._linters: dict[tuple[str | None, tuple[int, ...]], Linter] = {}
        self.notes: list[str] = []  # one-line messages for stderr (empty folders and the like)
        self._config_files: dict[str, Any] = {}  # real folder -> its config file (or None)
        self._real_folders: dict[str, str] = {}  # folder as named -> its real path
        self._caches: dict[str, Any] = {}  # cache folder -> pmlint.cache.ResultCache
        self._config_caches: dict[int, tuple[Config, Any]] = {}  # id(config) -> its cache
        self._many_files = False  # this run's caches keep an index (pmlint.cache)
        self._settings: dict[int, str] = {}  # id(linter) -> its cache settings key
        self._nlp: dict[str, Any] | None = None  # the pipeline of a cached or worker result
        self.stats: dict[str, int] = {"files": 0, "cached": 0, "linted": 0, "jobs": 1}
        self._parse_stats: dict[str, int] = {}  # counted by worker processes
        # `check`'s progress bar: start(total) once the files are known, then advance(n)
        # as results come in (from the cache, this process or the workers), then finish().
        self.progress: Any = None

    def config_for(self, path: str) -> Config:
        if self.options.config_path is not None:
            return load_config(os.path.abspath(self.options.config_path))
        # The same search for every file of a folder: done once per folder.
        folder = self._real_folder(path)
        found = self._config_files.get(folder, _NO_CONFIG)
        if found is _NO_CONFIG:
            found = self._config_files[folder] = find_config_file(folder)
        return load_config(found)

    def _real_folder(self, path: str) -> str:
        """`os.path.dirname(os.path.realpath(path))`, resolving each folder once: where the
        file itself is no symbolic link, its real folder is its folder's real path (a warm
        run of 1,000 files spent a tenth of its time resolving the same folder)."""
        if os.path.islink(path):
            return os.path.dirname(os.path.realpath(path))
        folder = os.path.dirname(path)
        real = self._real_folders.get(folder)
        if real is None:
            real = self._real_folders[folder] = os.path.realpath(folder)
        return real

    def linter_for(self, path: str) -> Linter:
        config = self.config_for(path).for_file(path)  # with the `overrides:` that match it
        key = (config.path, config.variant)
        linter = self._linters.get(key)
        if linter is None:
            linter = Linter(config, self.options.selection, self.options.nlp_model)
            self._linters[key] = linter
        return linter

    def linters(self) -> list[Linter]:
        return list(self._linters.values())

    def nlp_info(self) -> dict[str, Any] | None:
        """The spaCy pipeline behind this run's findings: loaded here, by a worker, or by the
        run that cached them; None when no language rule ran."""
        if self._nlp is not None:
            return dict(self._nlp)
        for linter in self._linters.values():
            if linter.loaded_pipeline is not None:
                return _pipeline_info(linter)
        return None

    def rules(self) -> tuple[Rule, ...]:
        """The rules that ran on any file, sorted by id (the first config's copy of each)."""
        table: dict[str, Rule] = {}
        for linter in self._linters.values():
            for rule in linter.rules:
                table.setdefault(rule.id, rule)
        return tuple(sorted(table.values(), key=lambda r: r.id))

    def check_selection(self, files: Sequence[str] = ()) -> None:
        """Raise SelectionError when a selector matches no rule of any config that applies
        to `files` (or, with none, to the current folder): a typo must not select nothing."""
        from pmlint.docs import unknown_selectors

        selection = self.options.selection
        selectors = [("--select", s) for s in selection.select]
        selectors += [("--ignore", s) for s in selection.ignore]
        if not selectors:
            return
        rules: dict[str, Rule] = {}
        anchors = list(files) or [os.path.join(os.getcwd(), "_")]
        for path in dict.fromkeys(os.path.dirname(os.path.abspath(f)) or "." for f in anchors):
            try:
                config = self.config_for(os.path.join(path, "_"))
            except ConfigError:
                continue  # that file's report says why; its rules are unknown
            for rule in config.rules.values():
                rules.setdefault(rule.id, rule)
        if not rules:
            return
        problems = unknown_selectors(selectors, rules.values())
        if problems:
            raise SelectionError(problems)

    def expand(self, paths: Sequence[str]) -> tuple[list[str], list[FileReport], list[str]]:
        """Files to lint, reports for paths that do not exist, notes for empty folders."""
        files: list[str] = []
        missing: list[FileReport] = []
        notes: list[str] = []
        for path in paths:
            if os.path.isdir(path):
                try:
                    config = self.config_for(os.path.join(path, "_"))
                except ConfigError as exc:
                    missing.append(FileReport(path, error=str(exc)))
                    continue
                found = list(
                    walk(
                        path,
                        config.include,
                        config.exclude,
                        config.include_dir or config.base_dir,
                        config.exclude_dir or config.base_dir,
                    )
                )
                if not found:
                    notes.append(
                        f"{path}: no Markdown files found (include: {', '.join(config.include)})"
                    )
                files.extend(os.path.normpath(f) for f in found)
            elif os.path.exists(path) or os.path.islink(path):
                files.append(path)
            else:
                missing.append(FileReport(path, error="no such file or directory"))
        return list(dict.fromkeys(files)), missing, notes

    def lint_file(self, path: str) -> FileReport:
        source = self._read(path)
        if isinstance(source, FileReport):
            return source
        return self.linter_for(path).lint(path, source)

    def _read(self, path: str) -> SourceText | FileReport:
        """The file's text under its config's size limit, or the report of why not."""
        try:
            return read_file(path, self.linter_for(path).config.max_file_size)
        except (ConfigError, UnreadableFile) as exc:
            return FileReport(path, error=str(exc))

    def lint_stdin(self, data: bytes | BinaryIO, filename: str | None) -> FileReport:
        """`data`: the bytes, or a stream read up to `max_file_size` (plus one byte to know
        it is over), so a huge pipe is refused without being held in memory."""
        display = filename or "<stdin>"
        anchor = filename or os.path.join(os.getcwd(), "stdin.md")
        try:
            self.check_selection([anchor])
            linter = self.linter_for(anchor)
            limit = linter.config.max_file_size
            if not isinstance(data, bytes):
                data = data.read(limit + 1)
            if len(data) > limit:
                raise UnreadableFile(
                    f"input is over the limit of {limit:,} bytes (max_file_size); not linted"
                )
            source: SourceText = decode(data)
        except ConfigError as exc:
            return FileReport(display, error=str(exc))
        except UnreadableFile as exc:
            return FileReport(display, error=str(exc))
        directory = os.path.dirname(os.path.abspath(anchor))
        return linter.lint(display, source, directory)

    def run(self, paths: Sequence[str]) -> Iterator[FileReport]:
        files, missing, self.notes = self.expand(paths)
        only = self.options.only
        if only is not None:
            files = [f for f in files if os.path.realpath(f) in only]
        self.check_selection(files)
        yield from missing
        self.stats["files"] = len(files)
        if self.progress is not None:
            self.progress.start(len(files))
        try:
            if not self.options.cache and self._jobs(len(files)) <= 1:
                # Read a batch at a time, not every file first: results stream, memory stays
                # flat.
                self.stats["linted"] = len(files)
                size = _batch_files()
                with _once_for_batches(len(files), size):
                    for start in range(0, len(files), size):
                        batch = list(self._read_and_lint(files[start : start + size]))
                        self._advance(len(batch))
                        yield from batch
                return
            yield from self._run_batch(files)
        finally:
            if self.progress is not None:
                self.progress.finish()

    def _advance(self, count: int) -> None:
        if self.progress is not None and count:
            self.progress.advance(count)

    def _read_and_lint(self, files: list[str]) -> Iterator[FileReport]:
        reports: list[FileReport | None] = [None] * len(files)
        work: list[tuple[int, str, SourceText]] = []
        for index, path in enumerate(files):
            source = self._read(path)
            if isinstance(source, FileReport):
                reports[index] = source
            else:
                work.append((index, path, source))
        results = self._lint_together([(path, source) for _, path, source in work])
        for (index, _, _), (report, _) in zip(work, results, strict=True):
            reports[index] = report
        for found in reports:
            assert found is not None
            yield found

    def _jobs(self, count: int) -> int:
        """Worker processes for `count` files to lint (1: lint in this process)."""
        if self.options.jobs is not None:
            return max(1, min(self.options.jobs, count))
        return max(1, min(_cpus(), count // FILES_PER_WORKER))

    def _run_batch(self, files: list[str]) -> Iterator[FileReport]:
        """Results from the cache first; the rest linted here or by workers, in order."""
        from pmlint.cache import INDEX_MIN_FILES

        self._many_files = len(files) >= INDEX_MIN_FILES
        reports: list[FileReport | None] = [None] * len(files)
        todo: list[tuple[int, str, SourceText, str | None, Any]] = []
        # Python's cycle collector off while cached results are decoded, and what they
        # left alive frozen (out of its passes) for the rest of this: they hold no cycles,
        # and each pass their allocations triggered walked every object alive, the cache
        # index's lists included (about a tenth of a warm run's CPU). Not where the caller
        # turned it off or froze objects of its own (unfreezing would free those too).
        pause = gc.isenabled() and gc.get_freeze_count() == 0
        if pause:
            gc.disable()
        try:
            self._serve_cached(files, reports, todo)
        finally:
            if pause:
                gc.freeze()
                gc.enable()
        try:
            self._lint_and_keep(reports, todo)
        finally:
            if pause:
                gc.unfreeze()
        for found in reports:
            assert found is not None
            yield found

    def _lint_and_keep(
        self,
        reports: list[FileReport | None],
        todo: list[tuple[int, str, SourceText, str | None, Any]],
    ) -> None:
        """Lint the files `todo` lists into `reports`, and keep their results in the cache."""
        jobs = self._jobs(len(todo))
        self.stats["linted"], self.stats["jobs"] = len(todo), jobs
        work = [(path, source) for _, path, source, _, _ in todo]
        results = self._lint_batches(work) if jobs <= 1 else self._lint_in_workers(work, jobs)
        for (index, path, _, key, stamp), (report, nlp) in zip(todo, results, strict=True):
            reports[index] = report
            self._advance(1)
            if nlp is not None and self._nlp is None:
                self._nlp = nlp
            if key is not None:
                from pmlint.formats.json_format import diagnostics_json

                linter = self.linter_for(path)
                cache = self._cache_for(linter.config)
                cache.put(key, report, nlp, diagnostics_json(report.diagnostics))
                cache.remember(self._settings[id(linter)], os.path.abspath(path), stamp, key)
        for cache in self._caches.values():
            cache.save_index()
            self.notes.extend(cache.notes())

    def _serve_cached(
        self,
        files: list[str],
        reports: list[FileReport | None],
        todo: list[tuple[int, str, SourceText, str | None, Any]],
    ) -> None:
        """Fill `reports` with what the cache serves and what cannot be read; the files
        to lint go to `todo` with their cache keys and stamps."""
        for index, path in enumerate(files):
            stamp = None
            if self.options.cache and self._many_files:
                found, stamp = self._stamped(path)
                if found is not None:
                    reports[index] = found
                    continue
            source = self._read(path)
            if isinstance(source, FileReport):
                reports[index] = source
                continue
            linter = self.linter_for(path)
            key = None
            if self.options.cache:
                cache, key = self._cache_key(linter, path, source)
                written = self.options.written_json
                hit = cache.get(key, path, written) if cache is not None else None
                if hit is not None:
                    settings = self._settings[id(linter)]
                    cache.remember(settings, os.path.abspath(path), stamp, key)
                    text = source.text if self.options.source_lines else None
                    reports[index] = self._served(hit, path, text)
                    continue
            todo.append((index, path, source, key, stamp))

    def _stamped(self, path: str) -> tuple[FileReport | None, Any]:
        """The cached report of a file whose stamp the cache's index holds under this
        run's settings, unread (read only for its source lines), or None; and the stamp,
        taken before the file is read (`pmlint.cache.file_stamp`)."""
        from pmlint.cache import file_stamp

        try:
            linter = self.linter_for(path)
        except ConfigError:
            return None, None  # `_read` reports it
        cache, settings = self._cache_for(linter.config), self._settings_for(linter)
        stamp = file_stamp(path, cache.started_ns)
        absolute = os.path.abspath(path)
        key = cache.stamped_key(settings, absolute, stamp)
        hit = cache.get(key, path, self.options.written_json) if key is not None else None
        if hit is None:
            return None, stamp
        text = None
        if self.options.source_lines:
            source = self._read(path)
            if isinstance(source, FileReport):
                return None, stamp
            text = source.text
        cache.remember(settings, absolute, stamp, key)
        return self._served(hit, path, text), stamp

    def _served(self, hit: Any, path: str, text: str | None) -> FileReport:
        """A cache hit's report, counted."""
        if hit.nlp is not None and self._nlp is None:
            self._nlp = hit.nlp
        self.stats["cached"] += 1
        self._advance(1)
        return hit.report(path, text)

    def _lint_batches(
        self, work: list[tuple[str, SourceText]]
    ) -> Iterator[tuple[FileReport, dict | None]]:
        size = _batch_files()
        with _once_for_batches(len(work), size):
            for start in range(0, len(work), size):
                yield from self._lint_together(work[start : start + size])

    def _lint_together(
        self, work: list[tuple[str, SourceText]]
    ) -> list[tuple[FileReport, dict | None]]:
        """Lint files as one batch (`Linter.lint_many`: their NLP parsed together), each
        under its own config's linter; the results in the files' order."""
        groups: dict[int, tuple[Linter, list[int]]] = {}
        for index, (path, _) in enumerate(work):
            linter = self.linter_for(path)
            groups.setdefault(id(linter), (linter, []))[1].append(index)
        results: list[tuple[FileReport, dict | None]] = [None] * len(work)  # type: ignore[list-item]
        for linter, indexes in groups.values():
            for index, report in zip(
                indexes, linter.lint_many([work[i] for i in indexes]), strict=True
            ):
                report.document = None  # only `analyze` (lint_file) needs it: free it now
                results[index] = (report, _pipeline_info(linter))
        return results

    def _lint_in_workers(
        self, work: list[tuple[str, SourceText]], jobs: int
    ) -> Iterator[tuple[FileReport, dict | None]]:
        """Lint in `jobs` processes; each loads the pipeline once and lints many files.

        Where worker processes cannot be started or die, the files they did not lint are
        linted here (with a note): the run's results do not depend on them.
        """
        options = replace(self.options, jobs=1, cache=False, only=None)
        if self._preload(work):
            # The workers' collector then leaves the pipeline's objects alone (and does not
            # write to their pages, which fork shares): 0.07 s of CPU per worker.
            gc.freeze()
            try:
                yield from self._lint_in_pool(work, jobs, options)
            finally:
                gc.unfreeze()
        else:
            yield from self._lint_in_pool(work, jobs, options)

    def _lint_in_pool(
        self, work: list[tuple[str, SourceText]], jobs: int, options: RunOptions
    ) -> Iterator[tuple[FileReport, dict | None]]:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        batches = _worker_batches(work, jobs, _batch_files())
        done = 0
        pool = None
        try:
            context = multiprocessing.get_context(_start_method())
            pool = ProcessPoolExecutor(
                jobs, mp_context=context, initializer=_start_worker, initargs=(options,)
            )
            for results, stats in pool.map(_lint_in_worker, batches):
                for name, value in stats.items():
                    self._parse_stats[name] = self._parse_stats.get(name, 0) + value
                done += len(results)
                yield from results
            pool.shutdown(wait=True)
        except BaseException as exc:
            # Interrupted (or the consumer gone): never wait for the rest of the work, as
            # `with ProcessPoolExecutor` would; the workers hold nothing worth finishing.
            if pool is not None:
                _stop_pool(pool)
            if not isinstance(exc, BrokenProcessPool | OSError):
                raise
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            self.notes.append(f"worker processes failed ({reason}); linting in one process")
            self.stats["jobs"] = 1
            yield from self._lint_batches(work[done:])

    def _preload(self, work: list[tuple[str, SourceText]]) -> bool:
        """Load the spaCy pipeline here, before the workers are forked, so that they share
        it instead of each importing spaCy and loading the model (0.75 s of CPU each).

        Only where workers are forked and this run is the first to import spaCy (not in a
        process that had loaded it: a test session, an embedding program), and only if the
        process is still one thread after loading (`_start_method` checks it): a worker
        forked from threads could inherit a lock held by one of them. A model that cannot
        be loaded is left to the workers, which report it on each file as before.
        """
        global _PRELOADED
        if "spacy" in sys.modules or _start_method() != "fork":
            return False
        from pmlint.nlp import ModelError

        linters = {id(linter): linter for linter in map(self.linter_for, (p for p, _ in work))}
        try:
            for linter in linters.values():
                linter.pipeline()
        except ModelError:
            return False
        _PRELOADED = "spacy" in sys.modules
        return _PRELOADED

    def _cache_for(self, config: Config) -> Any:
        found = self._config_caches.get(id(config))
        if found is not None and found[0] is config:
            return found[1]  # the folder found once per config, not once per file
        from pmlint.cache import ResultCache, cache_dir_for

        directory = cache_dir_for(config)
        cache = self._caches.get(directory)
        if cache is None:
            cache = self._caches[directory] = ResultCache(directory, index=self._many_files)
        self._config_caches[id(config)] = (config, cache)
        return cache

    def _settings_for(self, linter: Linter) -> str:
        """The cache settings key of `linter` (`pmlint.cache.settings_key`), once per run."""
        from pmlint.cache import settings_key

        settings = self._settings.get(id(linter))
        if settings is None:
            rule_ids = [rule.id for rule in linter.rules]
            settings = settings_key(linter.config, rule_ids, linter.nlp_model)
            self._settings[id(linter)] = settings
        return settings

    def _cache_key(self, linter: Linter, path: str, source: SourceText) -> tuple[Any, str]:
        cache = self._cache_for(linter.config)
        return cache, cache.key(self._settings_for(linter), path, source)

    def parse_stats(self) -> dict[str, int]:
        """Sentences the cascade saw and parsed, here and in the workers."""
        from pmlint.nlp import parse_stats

        total = dict(parse_stats())
        for name, value in self._parse_stats.items():
            total[name] = total.get(name, 0) + value
        return total

    def write_stats(self) -> None:
        """With PMLINT_STATS=PATH: this run's counters as JSON (for the benchmark)."""
        target = os.environ.get(STATS_ENV)
        if not target:
            return
        payload = {**self.stats, **self.parse_stats()}
        try:
            with open(target, "w", encoding="utf-8") as handle:
                json.dump(payload, handle, indent=1, sort_keys=True)
        except OSError as exc:
            self.notes.append(f"{target}: cannot write stats: {exc.strerror}")


def _worker_batches(work: list[Any], jobs: int, most: int) -> list[list[Any]]:
    """The work in batches for `jobs` workers, each taken by the first worker free: as big
    as `most` (spaCy parses a batch's texts together), then smaller towards the end, each
    half of what is left per worker (at least 4 files), so that no worker is left with a
    whole batch to lint while the others wait (a batch of 24 files is a second of work)."""
    batches = []
    start = 0
    least = max(1, min(most, 4, -(-len(work) // (jobs * 4))))  # a few files: several each
    while start < len(work):
        left = len(work) - start
        size = max(least, min(most, -(-left // (jobs * 2))))
        batches.append(work[start : start + size])
        start += size
    return batches


def _once_for_batches(count: int, size: int) -> AbstractContextManager[None]:
    """The collector's thresholds raised once for all the batches of `count` files, not
    for each (`Linter.lint_many`); for a single batch, as that does it (after building
    the checks: importing them under raised thresholds cost a one-file lint 0.02 s)."""
    return fewer_collections() if count > size else nullcontext()


def _batch_files() -> int:
    """Files linted together (`PMLINT_BATCH_FILES` for benchmarks; 1: each on its own)."""
    value = os.environ.get(BATCH_ENV, "")
    return int(value) if value.isdigit() and int(value) > 0 else BATCH_FILES


def _cpus() -> int:
    """The CPUs this process may run on (a container's share, not the host's count)."""
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13
    if counter is not None:
        return counter() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _pipeline_info(linter: Linter) -> dict[str, Any] | None:
    pipeline = linter.loaded_pipeline
    if pipeline is None:
        return None
    return {"model": pipeline.name, "version": pipeline.version, "reduced": pipeline.reduced}


def _start_method() -> str:
    """fork where it is safe and cheap (Linux, before spaCy was imported here, or after this
    run loaded it itself in a process that is still one thread); else spawn.

    Forked workers start with pmlint already imported, and with the pipeline the run
    loaded for them (`Runner._preload`): no thread, no state but a fresh pipeline's. A
    process that had loaded spaCy before (a test session, an embedding program) spawns
    fresh interpreters instead.
    """
    import multiprocessing

    if (
        not sys.platform.startswith("linux")
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return "spawn"
    if "spacy" not in sys.modules or (_PRELOADED and _one_thread()):
        return "fork"
    return "spawn"


# True once `Runner._preload` has imported spaCy and loaded the pipeline in this process.
_PRELOADED = False


def _one_thread() -> bool:
    """This process runs one thread, native ones included (Linux: /proc/self/task)."""
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def _stop_pool(pool: Any) -> None:
    """Cancel what is queued and kill the workers now (they lint; they hold no state)."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        if process.is_alive():
            process.kill()
    for process in processes:
        process.join(timeout=5)


_WORKER: Runner | None = None


def _start_worker(options: RunOptions) -> None:
    """A worker leaves interrupts to the main process: Ctrl-C reaches the whole process
    group, and the main process stops the workers itself (fork copied its handlers)."""
    global _WORKER
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER = Runner(options)


def _lint_in_worker(
    work: list[tuple[str, SourceText]],
) -> tuple[list[tuple[FileReport, dict[str, Any] | None]], dict[str, int]]:
    from pmlint import regexcache
    from pmlint.nlp import parse_stats

    assert _WORKER is not None, "worker not started"
    before = parse_stats()
    results = _WORKER._lint_together(work)
    after = parse_stats()
    regexcache.save()  # the patterns this worker compiled (nothing when there are none)
    return results, {k: after[k] - before.get(k, 0) for k in after}
