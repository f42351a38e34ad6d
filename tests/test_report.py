"""`pmlint analyze --format html`: a self-contained report page, read as HTML and in Chromium."""

from __future__ import annotations

import csv
import html as html_module
import io
import json
import re
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import REPO, invoke, write
from tests.report_samples import SAMPLES, write_samples
from tests.test_analytics_repository import write_twenty

ARTIFACTS = REPO / "test-artifacts"
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
CHARTS = ("times", "spread", "severity", "months", "trends", "categories", "rules", "ownership")
# Attributes through which a page can make the browser fetch something.
FETCHING = {"src", "href", "xlink:href", "srcset", "action", "formaction", "data", "poster"}


class Page(HTMLParser):
    """Elements (tag, attributes) in document order, the visible text and the script bodies."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.texts: list[str] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._in: str | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))
        if tag in ("script", "style"):
            self._in = tag

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        {"script": self.scripts, "style": self.styles}.get(self._in or "", self.texts).append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.texts).split())

    def all(self, tag: str, **attrs: str) -> list[dict[str, str]]:
        return [
            a
            for t, a in self.elements
            if t == tag and all(a.get(k.replace("_", "-")) == v for k, v in attrs.items())
        ]

    def ids(self) -> set[str]:
        return {a["id"] for _, a in self.elements if "id" in a}

    def rows(self) -> list[str]:
        """Ids of the incident table's rows, in the order they appear."""
        return [
            a["id"] for t, a in self.elements if t == "tr" and a.get("id", "").startswith("row-")
        ]


def external_references(html: str) -> list[str]:
    """Everything in the page that could make a request: attributes and CSS that point out."""
    page = Page(html)
    found = [
        f"{tag} {name}={value!r}"
        for tag, attrs in page.elements
        for name, value in attrs.items()
        if name in FETCHING and not value.startswith(("#", "data:"))
    ]
    css = " ".join(page.styles) + " ".join(a.get("style", "") for _, a in page.elements)
    found += [f"css url({u})" for u in re.findall(r"url\(\s*['\"]?([^)'\"]*)", css)]
    found += [f"css {m}" for m in re.findall(r"@import[^;]*", css)]
    found += [f"script src={a['src']!r}" for a in page.all("script") if "src" in a]
    return [f for f in found if "url(#" not in f]


def render(*args: str) -> tuple[str, dict]:
    """The HTML report written with --output, and the JSON payload of the same documents."""
    folder = Path(args[-1]).parent if Path(args[-1]).is_file() else Path(args[-1])
    out = folder.parent / f"{folder.name}-report.html"
    result = invoke("analyze", "--format", "html", "--output", str(out), *args)
    assert result.exit_code == 0, result.output + result.stderr
    assert result.stdout == ""
    payload = invoke("analyze", "--format", "json", *args)
    return out.read_text(encoding="utf-8"), json.loads(payload.stdout)


def test_report_has_headline_charts_table_and_findings(tmp_path: Path) -> None:
    write_samples(tmp_path / "pm")
    html, payload = render(str(tmp_path / "pm"))
    page = Page(html)
    assert html.startswith("<!DOCTYPE html>")
    (csp,) = page.all("meta", http_equiv="Content-Security-Policy")
    assert csp["content"] == CSP
    assert external_references(html) == []
    # Headline strip: incidents, median and p90 times, ownership, passing share, score.
    aggregate = payload["aggregate"]
    assert "Incidents 5 postmortems analyzed" in page.text
    assert "Time to detect 2h22 TTD median; p90 5h40; 4 of 5 documents state it" in page.text
    assert "Time to resolve 3h38 TTR median; p90 6h15; 4 of 5 documents state it" in page.text
    assert aggregate["action_items"]["ownership_rate"] == 0.75
    assert "Action items with an owner 75% 6 of 8 items" in page.text
    assert aggregate["passing"] == 2
    assert "Passing the lint 40% 2 of 5 documents have no error or warning" in page.text
    assert "Quality score 90 median, of 100; lowest 42" in page.text
    # Four charts, each an inline pygal SVG with a fixed id; no script left inside them.
    for chart in CHARTS:
        assert {f"chart-{chart}", f"chart-pmlint-{chart}"} <= page.ids()
    assert len(page.all("svg")) == len(CHARTS)
    ids = [a["id"] for _, a in page.elements if "id" in a]
    assert len(ids) == len(set(ids))
    assert "pygal.config" not in html and "kozea.github.io" not in html
    assert "2024-01 2024-02 2024-03 2024-04 2024-05 2024-06" in page.text  # one bar a month
    assert "PM401 action-missing-owner" in page.text
    # The table: one row per document, each linking to a section that lists its findings.
    assert page.rows() == [f"row-doc-{i}" for i in range(1, len(SAMPLES) + 1)]
    links = {a["href"] for a in page.all("a") if a.get("href", "").startswith("#doc-")}
    assert links == {f"#doc-{i}" for i in range(1, len(SAMPLES) + 1)}
    assert {link[1:] for link in links} <= page.ids()
    sortable = [th for th in page.all("th") if "aria-sort" in th]
    assert len(sortable) == 11 and len(page.all("th", data_type="number")) == 8
    search = next(d for d in payload["documents"] if d["path"].endswith("search-lag.md"))
    blame = next(d for d in search["diagnostics"] if d["rule"] == "PM301")
    assert blame["line"] == 24
    section = html.split('id="doc-3"', 1)[1].split("</section>", 1)[0]
    assert "Search index lagging behind" in section
    assert f'<td class="nowrap">{blame["line"]}:{blame["column"]}</td>' in section
    assert "PM301 blame-language" in section and "The engineer forgot" in section
    # The inline script is the table sorter and nothing else.
    assert len(page.scripts) == 1 and "sortBy" in page.scripts[0]


def test_payload_gains_diagnostics_and_keeps_its_keys(tmp_path: Path) -> None:
    write_samples(tmp_path / "pm")
    _, payload = render(str(tmp_path / "pm"))
    for document in payload["documents"]:
        assert {"findings", "rules", "score", "action_items", "milestones"} <= set(document)
        assert sum(document["findings"].values()) == len(document["diagnostics"])
        keys = {
            "rule",
            "name",
            "category",
            "severity",
            "message",
            "line",
            "column",
            "end_line",
            "end_column",
            "suggestion",
        }
        for diagnostic in document["diagnostics"]:
            assert keys <= set(diagnostic) <= keys | {"fix", "related"}  # when it has them


def test_untrusted_text_is_escaped(tmp_path: Path) -> None:
    hostile = (
        '# <script>alert("title")</script> & <img src=x onerror=alert(1)>\n\n'
        "## Summary\n\nTODO <b>bold</b> <script>alert('body')</script>\n"
    )
    write(tmp_path / "pm" / '<i>"odd" name</i>.md', hostile)
    html, _ = render(str(tmp_path / "pm"))
    page = Page(html)
    assert len(page.all("script")) == 1  # only the sorter
    assert page.all("img") == [] and page.all("b") == [] and page.all("i") == []
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt; &amp; &lt;img" in html
    assert "&lt;i&gt;&#34;odd&#34; name&lt;/i&gt;.md" in html
    assert external_references(html) == []


def test_report_of_an_empty_folder_says_so(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    html, payload = render(str(tmp_path / "empty"))
    page = Page(html)
    assert payload["aggregate"]["documents"] == 0
    assert "No postmortems." in page.text
    assert "Nothing to measure" in page.text
    assert "No Markdown postmortems were found under the given paths" in page.text
    assert "Incidents 0 postmortems analyzed" in page.text
    assert page.all("svg") == [] and page.rows() == [] and page.all("script") == []
    assert external_references(html) == []


def test_report_without_times_says_what_is_missing(tmp_path: Path) -> None:
    # No front matter, no times; its only date is an action item's due date, which is not when
    # the incident happened.
    undated = SAMPLES["2024-06-19-billing-emails.md"].split("---\n", 2)[2]
    assert "due 2024-07-15" in undated
    write(tmp_path / "pm" / "a.md", undated)
    write(tmp_path / "pm" / "b.md", undated.replace("Billing emails", "Receipts"))
    html, payload = render(str(tmp_path / "pm"))
    page = Page(html)
    assert all(d["ttd_minutes"] is None and d["date"] is None for d in payload["documents"])
    text = page.text
    assert "Time to detect – no document states the impact start and this time" in text
    assert "Time to resolve – no document states the impact start and this time" in text
    assert "No document states an impact start together with a detection, mitigation or " in text
    assert text.count("No document states a date.") == 3  # per month, trends, ownership
    for line in (
        "2 of 2 documents state no impact start",
        "2 of 2 documents state no detection time",
        "2 of 2 documents state no resolution time",
        "2 of 2 documents state no date",
    ):
        assert line in text
    # findings per rule and the categories (all unknown) still have something to show
    assert len(page.all("svg")) == 2
    assert len(page.rows()) == 2


def test_report_is_the_same_for_the_same_documents(tmp_path: Path) -> None:
    write_samples(tmp_path / "pm")
    first, _ = render(str(tmp_path / "pm"))
    second, _ = render(str(tmp_path / "pm"))
    assert first == second


def test_quality_score_in_every_format(tmp_path: Path) -> None:
    write_samples(tmp_path / "pm")
    target = str(tmp_path / "pm" / "2024-03-21-search-lag.md")
    payload = json.loads(invoke("analyze", "--format", "json", target).stdout)
    score = payload["documents"][0]["score"]
    assert 0 < score < 100 and payload["aggregate"]["score"] == {"median": score, "min": score}
    text = invoke("analyze", target).stdout
    assert text.splitlines()[0].split()[-1] == "SCORE" and text.splitlines()[1].split()[-1] == str(
        score
    )
    assert f"Quality score: median {score}, lowest {score}" in text
    assert "Passing (no error or warning): 0 of 1 (0%)" in text
    markdown = invoke("analyze", "--format", "markdown", target).stdout
    assert markdown.splitlines()[0].endswith("| Score |")
    assert markdown.splitlines()[2].endswith(f"| {score} |")
    assert f"- Quality score: median {score}, lowest {score}" in markdown
    rows = list(csv.DictReader(io.StringIO(invoke("analyze", "--format", "csv", target).stdout)))
    assert rows[0]["score"] == str(score)
    html = invoke("analyze", "--format", "html", target).stdout
    band = "good" if score >= 80 else "fair" if score >= 50 else "poor"
    assert f'<span class="score {band}">{score}</span>' in html
    assert f"Quality score {score} median, of 100; lowest {score}" in Page(html).text


# In a real browser ----------------------------------------------------------------------------

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _browser() -> str:
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    pytest.skip(
        "no Chromium on PATH (looked for " + ", ".join(BROWSERS) + "): `make test` installs "
        "Debian's chromium with apt-get when it runs as root"
    )


def _chromium(browser: str, profile: Path, url: str, *args: str) -> subprocess.CompletedProcess:
    """Headless Chromium with a new profile; DNS answers nothing, so no request leaves the host
    (Chromium's own update and account checks included)."""
    profile.mkdir(parents=True, exist_ok=True)
    command = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--hide-scrollbars",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--user-data-dir={profile}",
        *args,
        url,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def page_requests(net_log: Path) -> list[str]:
    """URLs the page itself asked for: the requests in the file:// page's network partition.
    Chromium's own background requests (update checks, accounts) have another partition."""
    raw = net_log.read_text(encoding="utf-8", errors="replace").rstrip()
    try:
        log = json.loads(raw)
    except json.JSONDecodeError:  # a log cut short at exit: close the event list
        log = json.loads(raw.rstrip(",") + "]}")
    urls = []
    for event in log.get("events", []):
        params = event.get("params") or {}
        if "url" in params and "file://" in str(params.get("network_isolation_key", "")):
            urls.append(params["url"])
    return sorted(set(urls))


@pytest.mark.slow
def test_report_in_headless_chromium(tmp_path: Path) -> None:
    browser = _browser()
    # The request detector works: a page without CSP that loads an image is caught.
    control = write(
        tmp_path / "control.html",
        '<!DOCTYPE html><html><body><img src="http://example.invalid/x.png"></body></html>',
    )
    control_log = tmp_path / "control-net.json"
    _chromium(
        browser, tmp_path / "p0", control.as_uri(), f"--log-net-log={control_log}", "--dump-dom"
    )
    assert page_requests(control_log) == ["http://example.invalid/x.png"]

    write_samples(tmp_path / "pm")
    html, payload = render(str(tmp_path / "pm"))
    assert external_references(html) == []
    report = tmp_path / "pm-report.html"
    page = opened_in_chromium(browser, tmp_path / "p1", report)
    assert len([a for a in page.all("svg") if "pygal-chart" in a.get("class", "")]) == len(CHARTS)
    for chart in CHARTS:
        assert f"chart-{chart}" in page.ids()
    # The sorter ran in the browser: newest first, and the Date header says so.
    dates = sorted((d["date"], f"row-doc-{i}") for i, d in enumerate(payload["documents"], 1))
    assert page.rows() == [row for _, row in reversed(dates)]
    assert [th["aria-sort"] for th in page.all("th") if "aria-sort" in th] == ["descending"] + [
        "none"
    ] * 10
    assert "Incidents 5 postmortems analyzed" in page.text
    assert_nothing_clipped(browser, tmp_path / "p3", report)

    keep_screenshot(browser, tmp_path / "p2", report, "analyze-report")


def opened_in_chromium(browser: str, profile: Path, report: Path) -> Page:
    """The page as Chromium laid it out and ran its script (--dump-dom), after checking that
    it asked for nothing over the network and wrote nothing to the console (a CSP violation
    or a script error is a console message)."""
    net_log = profile.parent / f"{profile.name}-net.json"
    dom = _chromium(
        browser,
        profile,
        report.as_uri(),
        f"--log-net-log={net_log}",
        "--enable-logging=stderr",
        "--v=0",
        "--dump-dom",
    )
    assert page_requests(net_log) == []
    console = [line for line in dom.stderr.splitlines() if ":CONSOLE" in line]
    assert console == [], console  # no CSP violation, no script error
    return Page(dom.stdout)


def keep_screenshot(browser: str, profile: Path, report: Path, name: str) -> None:
    """A screenshot of the page's top and the page itself, kept in test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    screenshot = ARTIFACTS / f"{name}.png"
    screenshot.unlink(missing_ok=True)
    _chromium(
        browser, profile, report.as_uri(), f"--screenshot={screenshot}", "--window-size=1280,2000"
    )
    shutil.copy(report, ARTIFACTS / f"{name}.html")
    data = screenshot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (1280, 2000)
    assert len(data) > 50_000  # a page of charts and text, not a blank canvas


@pytest.mark.slow
def test_console_check_catches_a_script_error(tmp_path: Path) -> None:
    """The console check can fail: a page whose script throws, and one whose inline script
    its CSP forbids, each leave a console message."""
    browser = _browser()
    thrown = write(tmp_path / "thrown.html", "<!DOCTYPE html><script>notDefined();</script>")
    blocked = write(
        tmp_path / "blocked.html",
        '<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src '
        "'none'\"><script>document.title = 'ran';</script>",
    )
    for page in (thrown, blocked):
        with pytest.raises(AssertionError, match="CONSOLE"):
            opened_in_chromium(browser, tmp_path / page.stem, page)


# Nothing clipped: a checker measures the laid-out page (tests/clipcheck.js says what counts).

CLIPCHECK = Path(__file__).with_name("clipcheck.js")
# The screenshot's width, a small laptop's, and half a screen: charts sit two abreast, then one.
WIDTHS = (1280, 1024, 760)
# Eleven columns do not fit in 760px: the incident table scrolls in its own box, by design.
SCROLLS_BY_DESIGN = {(760, "scroll-x", "div#incident-table-scroll")}


def clipped(browser: str, profile: Path, page: Path) -> dict[int, list[dict]]:
    """Per window width, what the checker finds cut off or spilling in `page`. The page is
    loaded unchanged in iframes of a wrapper page, whose script reaches into them (file:// pages
    are one origin only with --allow-file-access-from-files) and writes its findings into the
    wrapper's DOM, which --dump-dom prints. The iframes have loaded before the wrapper's `load`."""
    frames = "".join(
        f'<iframe id="w{w}" src="{page.as_uri()}" style="width:{w}px;height:900px;border:0">'
        "</iframe>"
        for w in WIDTHS
    )
    wrapper = write(
        profile.parent / f"{profile.name}-clipcheck.html",
        f"""<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>{frames}
<pre id="clipped">not run</pre>
<script>{CLIPCHECK.read_text(encoding="utf-8")}</script>
<script>
window.addEventListener("load", function () {{
  var found = {{}};
  {list(WIDTHS)}.forEach(function (width) {{
    try {{ found[width] = clippedIn(document.getElementById("w" + width).contentDocument); }}
    catch (error) {{ found[width] = "checker failed: " + error; }}
  }});
  document.getElementById("clipped").textContent = JSON.stringify(found);
}});
</script></body></html>""",
    )
    dom = _chromium(
        browser, profile, wrapper.as_uri(), "--allow-file-access-from-files", "--dump-dom"
    )
    match = re.search(r'<pre id="clipped">(.*?)</pre>', dom.stdout, re.S)
    assert match, dom.stdout[-2000:]
    found = json.loads(html_module.unescape(match.group(1)))
    assert all(isinstance(v, list) for v in found.values()), found
    return {int(width): entries for width, entries in found.items()}


def assert_nothing_clipped(browser: str, profile: Path, page: Path) -> None:
    found = clipped(browser, profile, page)
    assert sorted(found) == sorted(WIDTHS)
    cut = {
        width: [e for e in entries if (width, e["kind"], e["what"]) not in SCROLLS_BY_DESIGN]
        for width, entries in found.items()
    }
    assert cut == {width: [] for width in WIDTHS}, json.dumps(cut, indent=1)


CLIPPED_CONTROL = """<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>
<figure style="width:400px">
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"
     style="width:100%;height:auto;display:block">
<defs><clipPath id="plot"><rect x="20" y="10" width="160" height="80"/></clipPath></defs>
<text x="10" y="20" font-size="12">fits</text>
<text id="off-right" x="120" y="50" font-size="12">an impact label running off the edge</text>
<text id="off-top" x="60" y="4" font-size="12">axis title</text>
<g clip-path="url(#plot)"><text id="in-clip" x="5" y="60" font-size="12">cut by the plot</text></g>
<text x="100" y="95" font-size="12" transform="rotate(-40 100 95)">tilted</text>
<text x="500" y="50" font-size="12" style="display:none">not drawn</text>
</svg>
</figure>
<div id="hidden-cell" style="width:60px;overflow:hidden;white-space:nowrap">a long label</div>
<table style="width:100%"><tr><td>a cell that fits</td></tr></table>
<div id="narrow" style="width:80px"><table><tr><td style="white-space:nowrap">wider than its
 block</td></tr></table></div>
</body></html>"""


@pytest.mark.slow
def test_clip_checker_finds_each_kind_of_cut(tmp_path: Path) -> None:
    """The checker can fail: in a control page with a label run off each edge, one cut by a
    clip path, a box that hides its text and a table wider than its block, it finds exactly
    those, at every width."""
    browser = _browser()
    control = write(tmp_path / "control.html", CLIPPED_CONTROL)
    found = clipped(browser, tmp_path / "p0", control)
    for entries in found.values():
        assert sorted((e["kind"], e["what"].split(" (")[0], e["text"]) for e in entries) == [
            ("hidden", "div#hidden-cell", "a long label"),
            ("spill", "div#narrow", "wider than its block"),
            ("svg", "svg clip-path text#in-clip", "cut by the plot"),
            ("svg", "svg text#off-right", "an impact label running off the edge"),
            ("svg", "svg text#off-top", "axis title"),
        ]
        assert all(e["by"] > 1 for e in entries)


@pytest.mark.slow
def test_twenty_document_report_in_headless_chromium(tmp_path: Path) -> None:
    """The issue's acceptance page: the twenty-postmortem repository of
    tests/test_analytics_repository.py, opened in Chromium: no request, no console message,
    every chart drawn (the severity scatter with a dot per document that states a severity
    and a duration), the table sorted by the page's script, nothing clipped at three window
    widths, and a screenshot kept in test-artifacts/."""
    browser = _browser()
    expected = write_twenty(tmp_path / "pm")
    html, payload = render(str(tmp_path / "pm"))
    assert external_references(html) == []
    report = tmp_path / "pm-report.html"
    page = opened_in_chromium(browser, tmp_path / "p1", report)
    assert len([a for a in page.all("svg") if "pygal-chart" in a.get("class", "")]) == len(CHARTS)
    stated = sum(1 for facts in expected.values() if facts["severity_level"] is not None)
    assert stated == 16
    assert f"{stated} of 20 documents give both." in page.text
    assert "No document gives" not in page.text  # no chart is empty
    dates = sorted((d["date"], f"row-doc-{i}") for i, d in enumerate(payload["documents"], 1))
    assert page.rows() == [row for _, row in reversed(dates)]
    assert_nothing_clipped(browser, tmp_path / "p3", report)
    keep_screenshot(browser, tmp_path / "p2", report, "analyze-report-twenty")


@pytest.mark.slow
def test_nothing_clipped_in_the_real_corpus_report(tmp_path: Path, shared: Path) -> None:
    """Sixty-five postmortems from public sources: long titles, paths and rule messages,
    eleven years of months."""
    report = tmp_path / "real-report.html"
    result = invoke(
        "analyze", "--format", "html", "--output", str(report), str(shared / "corpus" / "real")
    )
    assert result.exit_code == 0, result.output + result.stderr
    opened_in_chromium(_browser(), tmp_path / "p0", report)  # no request, no console message
    assert_nothing_clipped(_browser(), tmp_path / "p1", report)


def _timed(day: str, detect: str, resolve: str) -> str:
    return f"""---
date: {day}
---
# Incident of {day}

## Summary

The queue stopped.

## Timeline

All times UTC, {day}.

- 10:00 — impact begins.
- {detect} — the alert fires.
- {resolve} — the incident is resolved.
"""


def _three_months(folder: Path) -> tuple[str, dict]:
    """January: two incidents detected at once (median TTD 0); February: none; March: one."""
    write(folder / "a.md", _timed("2024-01-10", "10:00", "11:00"))
    write(folder / "b.md", _timed("2024-01-20", "10:00", "13:00"))
    write(folder / "c.md", _timed("2024-03-05", "10:30", "12:00"))
    return render(str(folder))


def test_trend_chart_shows_counts_zero_and_gaps(tmp_path: Path) -> None:
    html, _ = _three_months(tmp_path / "pm")
    figure = html.split('id="chart-trends"', 1)[1].split("</figure>", 1)[0]
    svg, rest = figure.split("</svg>", 1)
    # The count behind each point is printed text in the browser, not a tooltip's <desc>.
    labels = re.findall(r'<text[^>]*class="label"[^>]*>([^<]*)</text>', svg)
    assert sorted(labels) == ["0, n=2", "n=1", "n=1", "n=2"]
    # The bottom of the log axis, where a zero median is drawn, reads 0 (not 0.01).
    axis = re.findall(r'<text[^>]*class=""[^>]*>([^<]*)</text>', svg)
    assert "0" in axis and "0.01" not in axis
    # February has no incident: no line runs from January to March.
    assert re.findall(r'<path d="M[^"]*L[^"]*" class="line reactive', svg) == []
    # The same figures in a table under the chart, and the legend in the page.
    table = Page(rest).text
    assert "Month Incidents Median TTD (n) Median TTR (n)" in table
    assert "2024-01 2 0m (2) 2h00 (2)" in table
    assert "2024-03 1 30m (1) 2h00 (1)" in table
    assert "2024-02" not in table
    assert "TTD TTR" in table


def test_spread_chart_lists_its_figures(tmp_path: Path) -> None:
    html, payload = _three_months(tmp_path / "pm")
    figure = html.split('id="chart-spread"', 1)[1].split("</figure>", 1)[0]
    table = Page(figure.split("</svg>", 1)[1]).text
    assert "n Min Q1 Median Q3 Max" in table
    assert "TTD 3 0m 0m 0m 15m 30m" in table
    assert "TTR 3 1h00 1h30 2h00 2h30 3h00" in table
    assert payload["aggregate"]["distributions"]["ttd_minutes"]["q3"] == 15
