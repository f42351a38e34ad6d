"""What a postmortem must not publish: credentials and keys, and personal data.

Credentials are found by Yelp's detect-secrets plugins (AWS, GitHub, GitLab, Slack, Stripe,
JWT, private keys, basic-auth URLs, keyword assignments, high-entropy quoted strings …): each
knows its vendor's key format and its false positives better than a hand-written list. They
run only on lines a cheap test finds a candidate in (a long token, a keyword, a URL with a
password, a key header). Personal data is found by shape and then checked: an address is
public (`ipaddress`), a card number passes Luhn's check, an e-mail's domain is not a
documentation one. Pure text: the checks and the engine decide what to report and mask.
"""

from __future__ import annotations

import bisect
import ipaddress
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True, slots=True)
class Hit:
    """A sensitive value in one line: its kind, and its columns (0-based, end exclusive)."""

    kind: str
    start: int
    end: int


# A line worth giving to the detectors: a long token-like run, a key word, credentials in a
# URL, a PEM header.
# Searched in the lower-cased text: a case-sensitive pattern scans several times faster.
# The key words, whole, are `\b(?:passw(?:or)?d|pwd|secret|token|api[_-]?key|credentials?
# |private[_ ]key|bearer|authorization)\b`: written from their first letter, with the word
# boundary before it asked after it (no word character before that letter), so that re
# skips to the letters they open with (the same matches; 1.8 times faster on real text).
_KEYWORD = re.compile(
    r"p(?<!\wp)(?:assw(?:or)?d|wd|rivate[_ ]key)\b|s(?<!\ws)ecret\b|t(?<!\wt)oken\b"
    r"|a(?<!\wa)(?:pi[_-]?key|uthorization)\b|c(?<!\wc)redentials?\b|b(?<!\wb)earer\b|-----begin"
)
_URL_CREDENTIALS = re.compile(r"://[^\s/@:]{1,100}:[^\s/@]{1,200}@")
_LONG_RUN = re.compile(r"(?<![A-Za-z0-9+/=_\-])[A-Za-z0-9+/=_\-]{16,}")
_DIGIT, _LETTER = re.compile(r"\d"), re.compile(r"[A-Za-z]")
_SPACE = re.compile(r"\s")  # what str.isspace() is (both ask Py_UNICODE_ISSPACE)


def candidate_lines(
    lines: Sequence[str], hint: Sequence[re.Pattern[str]] | None = None
) -> list[int]:
    """The indexes of the lines worth a closer look, found in one scan of the whole text:
    with `hint`, the lines one of its patterns matches; else the lines with a key word,
    credentials in a URL, a PEM header, or a long run of letters and digits that is not part
    of a URL."""
    text = "\n".join(lines)
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    found: set[int] = set()
    if hint is not None:
        for pattern in hint:
            found.update(bisect.bisect_right(starts, m.start()) - 1 for m in pattern.finditer(text))
        return sorted(found)
    lowered = text.lower()
    keywords = (
        _KEYWORD.finditer(lowered)
        if len(lowered) == len(text)  # offsets still line up (no "İ" that lowers to two)
        else re.finditer(_KEYWORD.pattern, text, re.IGNORECASE)
    )
    for match in keywords:
        found.add(bisect.bisect_right(starts, match.start()) - 1)
    for match in _URL_CREDENTIALS.finditer(text) if "@" in text else ():
        found.add(bisect.bisect_right(starts, match.start()) - 1)
    for match in _LONG_RUN.finditer(text):
        token = match.group(0)
        if not (_DIGIT.search(token) and _LETTER.search(token)):
            continue
        index = bisect.bisect_right(starts, match.start()) - 1
        if index in found:
            continue
        before = text[max(starts[index], match.start() - 300) : match.start()]
        url = before.rfind("://")
        if url >= 0 and _SPACE.search(before, url) is None:
            continue  # a URL's path or query: ids and hashes, not keys
        found.add(index)
    return sorted(found)


# Any line that may hold personal data has one of these: the rest are not looked at.
PERSONAL_HINT = re.compile(
    r"\w@[\w-]+\.|\d\.\d{1,3}\.\d|(?<![0-9A-Fa-f])(?:[0-9A-Fa-f]{1,4}::|(?:[0-9A-Fa-f]{1,4}:){3})"
    r"|\d{4}[ -]?\d{4}|\+\d|\(\d{3}\)"
)
# The same lines, found five times faster: re skips to a match's first character only
# when every alternative starts with a literal one, so the alternatives above are written
# from their '@', '.', ':', '+' or '(' (what comes before is asked by a look-behind), and
# the run of digits, which has no such character, is searched apart. No match spans a
# line, so the lines are those of PERSONAL_HINT (tests/test_sensitive.py compares them).
_HEX = "[0-9A-Fa-f]"
_AFTER_HEX_RUN = "|".join(f"(?<=(?<!{_HEX}){_HEX}{{{n}}}:)" for n in (1, 2, 3, 4))
PERSONAL_HINTS = (
    re.compile(
        rf"@(?<=\w@)[\w-]+\.|\.(?<=\d\.)\d{{1,3}}\.\d"
        rf"|:(?:{_AFTER_HEX_RUN})(?::|{_HEX}{{1,4}}:{_HEX}{{1,4}}:)|\+\d|\(\d{{3}}\)"
    ),
    re.compile(r"\d{4}[ -]?\d{4}"),
)
# Vendor documentation's sample keys ("AKIAIOSFODNN7EXAMPLE") are not leaks.
_EXAMPLE = re.compile(r"example|sample|dummy|placeholder|redacted|xxxx|\*{4}", re.IGNORECASE)
_DIGEST = re.compile(r"[0-9a-fA-F]{32}|[0-9a-fA-F]{40}|[0-9a-fA-F]{64}")
_TOKEN_TAIL = re.compile(r"[A-Za-z0-9_\-+/=.]*")  # trailing dots are cut in Python
_IP_PUBLIC_PLUGIN = "IPPublicDetector"  # addresses are personal data here, with their own rule


@lru_cache(maxsize=1)
def _plugins() -> tuple[Any, ...]:
    """Every detect-secrets plugin but the IP one, each made once (importing them costs
    ~0.3 s, so it happens only when a line needs them)."""
    import importlib
    import inspect
    import pkgutil

    import detect_secrets.plugins as package
    from detect_secrets.plugins.base import BasePlugin

    found: list[Any] = []
    for module_info in pkgutil.iter_modules(package.__path__):
        if module_info.name == "base":
            continue
        module = importlib.import_module(f"detect_secrets.plugins.{module_info.name}")
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, BasePlugin)
                and cls.__module__ == module.__name__
                and not inspect.isabstract(cls)
                and cls.__name__ != _IP_PUBLIC_PLUGIN
            ):
                try:
                    found.append(cls())
                except TypeError:  # a plugin that needs settings we do not give it
                    continue
    return tuple(sorted(found, key=lambda plugin: type(plugin).__name__))


def find_secrets(lines: Sequence[str], filename: str = "document.md") -> Iterator[tuple[int, Hit]]:
    """(line index, hit) for every credential the detectors find, once per place."""
    for index in candidate_lines(lines):
        line = lines[index]
        if len(line) > 4000:
            continue
        seen: set[tuple[int, int]] = set()
        for plugin in _plugins():
            try:
                secrets = plugin.analyze_line(filename=filename, line=line, line_number=index + 1)
            except Exception:  # a plugin's own bug loses that plugin's answer on this line
                continue
            for secret in secrets:
                value = secret.secret_value or ""
                start = line.find(value) if value else -1
                if start < 0:
                    continue
                # Some plugins give a prefix ("ghp") or drop a part (a JWT's signature): the
                # secret is the whole token that starts there.
                tail = _TOKEN_TAIL.match(line, start + len(value))
                end = tail.end() if tail else start + len(value)
                while end > start + len(value) and line[end - 1] == ".":
                    end -= 1  # a sentence's full stop, not the token's
                token = line[start:end]
                if len(token) < 6 or _EXAMPLE.search(token) or _EXAMPLE.search(line):
                    continue
                if _DIGEST.fullmatch(token):
                    continue  # a commit or content hash (SHA-1, SHA-256, MD5): not a key
                if any(s < end and start < e for s, e in seen):
                    continue
                seen.add((start, end))
                yield index, Hit(str(secret.type), start, end)


_EMAIL = re.compile(
    r"(?<![\w.+-])[\w.+-]+@(?P<domain>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})\b"
)
_IPV4 = re.compile(r"(?<![\w.:])(?:\d{1,3}\.){3}\d{1,3}(?!\w|\.\d|:\d)")
_IPV6 = re.compile(r"(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:])")
_CARD = re.compile(r"(?<![\w.-])(?:\d{4}[ -]){3}\d{1,7}(?![\w-])|(?<![\w.-])\d{15,16}(?![\w.-])")
_VERSION_BEFORE = re.compile(r"(?:\b(?:version|release|build|tag|ver)\s+v?|\bv)$", re.IGNORECASE)
# A scheme starts at the start of its run, so a long run without "://" is scanned once.
_URL = re.compile(r"(?<![\w+.-])[A-Za-z][\w+.-]*://\S*|(?<![\w.])www\.\S*")
_PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,4}){1,4}"
    r"|\(\d{3}\)\s?\d{3}[ .-]\d{4})(?![\w])"
)
# Mailboxes of a role, not a person (RFC 2142 and common practice).
ROLE_MAILBOXES = frozenset(
    (
        "help",
        "support",
        "security",
        "info",
        "abuse",
        "admin",
        "administrator",
        "noreply",
        "no-reply",
        "contact",
        "ops",
        "team",
        "press",
        "conduct",
        "hello",
        "sales",
        "billing",
        "privacy",
        "postmaster",
        "webmaster",
        "hostmaster",
        "root",
        "status",
        "incident",
        "incidents",
        "oncall",
        "on-call",
        "devops",
        "sre",
        "infra",
        "infrastructure",
        "legal",
        "dpo",
    )
)
# Suffixes that make "name@host.suffix" a systemd unit or a file, not an address.
_NOT_A_DOMAIN = frozenset(
    (
        "service",
        "socket",
        "target",
        "mount",
        "timer",
        "slice",
        "scope",
        "device",
        "path",
        "swap",
        "log",
        "txt",
        "json",
        "yaml",
        "yml",
        "md",
        "py",
        "sh",
        "conf",
        "cfg",
        "ini",
        "lock",
        "pid",
    )
)
# RFC 2606 names and the documentation domains vendors use in examples.
DOCUMENTATION_DOMAINS = ("example.com", "example.org", "example.net", "example", "test", "invalid")


def luhn(digits: str) -> bool:
    total, parity = 0, len(digits) % 2
    for position, char in enumerate(digits):
        value = int(char)
        if position % 2 == parity:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _allowed_domain(domain: str, allowed: Iterable[str]) -> bool:
    domain = domain.lower()
    return any(domain == a or domain.endswith("." + a) for a in (*DOCUMENTATION_DOMAINS, *allowed))


def _public_address(text: str, private_too: bool) -> bool:
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return False
    if address.is_loopback or address.is_unspecified or address.is_multicast:
        return False
    if _documentation(address):
        return False
    return private_too or address.is_global


_DOCS_NETWORKS = tuple(
    ipaddress.ip_network(n)
    for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32")
)


def _documentation(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    return any(address.version == n.version and address in n for n in _DOCS_NETWORKS)


def find_personal_data(
    line: str,
    kinds: Sequence[str] = ("email", "phone", "ip", "card"),
    allowed_domains: Sequence[str] = (),
    private_addresses: bool = False,
) -> list[Hit]:
    """E-mail addresses, phone numbers, IP addresses and payment card numbers in a line."""
    hits: list[Hit] = []
    if "email" in kinds and "@" in line:
        for match in _EMAIL.finditer(line):
            local = match.group(0).split("@", 1)[0].lower()
            tld = match["domain"].rsplit(".", 1)[-1].lower()
            if local in ROLE_MAILBOXES or tld in _NOT_A_DOMAIN:
                continue  # help@, security@: a team's address; unit@host.service: no address
            if not _allowed_domain(match["domain"], allowed_domains):
                hits.append(Hit("e-mail address", match.start(), match.end()))
    if "ip" in kinds:
        for pattern in (_IPV4, _IPV6) if ("." in line or ":" in line) else ():
            for match in pattern.finditer(line):
                if pattern is _IPV6 and not re.search(r"\d", match.group(0)):
                    continue
                if _VERSION_BEFORE.search(line, 0, match.start()):
                    continue  # "version 1.2.3.4", "v2.0.0.1": a release, not an address
                if _public_address(match.group(0), private_addresses):
                    hits.append(Hit("IP address", match.start(), match.end()))
    urls = [(m.start(), m.end()) for m in _URL.finditer(line)] if "/" in line else []
    if "card" in kinds:
        for match in _CARD.finditer(line):
            if any(s <= match.start() < e for s, e in urls):
                continue  # an id in a link (a status, a message, a query's timestamp)
            digits = re.sub(r"\D", "", match.group(0))
            if 13 <= len(digits) <= 19 and luhn(digits) and len(set(digits)) > 2:
                hits.append(Hit("payment card number", match.start(), match.end()))
    if "phone" in kinds and ("+" in line or "(" in line):
        for match in _PHONE.finditer(line):
            digits = re.sub(r"\D", "", match.group(0))
            if 8 <= len(digits) <= 15:
                hits.append(Hit("phone number", match.start(), match.end()))
    hits.sort(key=lambda h: h.start)
    kept: list[Hit] = []
    for hit in hits:  # one finding per place: a card number is not also a phone number
        if not kept or hit.start >= kept[-1].end:
            kept.append(hit)
    return kept
