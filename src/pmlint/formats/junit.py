"""`--format junit`: JUnit XML (the Ant schema) for CI test-report views.

One `<testsuite>` per file and one `<testcase>` per rule that ran. A rule's findings at or
above `--fail-on` make its testcase a `<failure>` whose text lists them; findings below it
leave the testcase passing and are listed in the suite's `<system-out>`, so the report's
verdict agrees with the exit code. PM900 (a rule crashed) is an `<error>`, and so is a file
that could not be linted (one testcase named `lint`).
"""

from __future__ import annotations

import datetime as dt
import re
import socket
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from pmlint.diagnostics import Diagnostic
from pmlint.formats.common import RunInfo, describe, title
from pmlint.report import INTERNAL_ERROR, FileReport

# Characters XML 1.0 cannot carry at all (control characters a document may contain).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(reports: Sequence[FileReport], info: RunInfo) -> str:
    timestamp = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S")
    hostname = socket.gethostname() or "localhost"
    root = ET.Element("testsuites")
    for number, report in enumerate(reports):
        suite = ET.SubElement(
            root,
            "testsuite",
            name=report.path,
            package="pmlint",
            id=str(number),
            timestamp=timestamp,
            hostname=hostname,
            time="0",
        )
        ET.SubElement(suite, "properties")
        tests = failures = errors = 0
        below: list[Diagnostic] = []
        if report.error is not None:
            case = _case(suite, "lint", report.path)
            ET.SubElement(
                case, "error", message=report.error, type="unreadable"
            ).text = f"{report.path}: {report.error}"
            tests, errors = 1, 1
        else:
            by_rule: dict[str, list[Diagnostic]] = {rule.id: [] for rule in info.rules}
            names = {rule.id: f"{rule.id} {rule.name}" for rule in info.rules}
            for diagnostic in report.diagnostics:
                by_rule.setdefault(diagnostic.rule, []).append(diagnostic)
                names.setdefault(diagnostic.rule, title(diagnostic))
            for rule_id in sorted(by_rule):
                case = _case(suite, names[rule_id], report.path)
                tests += 1
                failing = [d for d in by_rule[rule_id] if d.severity >= info.fail_on]
                below += [d for d in by_rule[rule_id] if d.severity < info.fail_on]
                if not failing:
                    continue
                tag = "error" if rule_id == INTERNAL_ERROR else "failure"
                noun = "finding" if len(failing) == 1 else "findings"
                element = ET.SubElement(
                    case, tag, message=f"{len(failing)} {noun}: {failing[0].message}", type=rule_id
                )
                element.text = "\n".join(_line(d) for d in failing) + "\n"
                if tag == "error":
                    errors += 1
                else:
                    failures += 1
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        out = ET.SubElement(suite, "system-out")
        if below:
            out.text = (
                f"Below --fail-on {info.fail_on.label}:\n"
                + "\n".join(_line(d) for d in sorted(below, key=Diagnostic.sort_key))
                + "\n"
            )
        ET.SubElement(suite, "system-err")
    for element in root.iter():
        if element.text:
            element.text = _NOT_XML.sub("\ufffd", element.text)
        for key, value in list(element.attrib.items()):
            element.set(key, _NOT_XML.sub("\ufffd", value))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


def _case(suite: ET.Element, name: str, path: str) -> ET.Element:
    return ET.SubElement(suite, "testcase", name=name, classname=path, time="0")


def _line(d: Diagnostic) -> str:
    return f"{d.path}:{d.span.line}:{d.span.column}: {d.rule} [{d.severity.label}] {describe(d)}"
