"""`pmlint new` and `pmlint init`: files a new user starts from.

The skeleton is a string.Template (stdlib, `$name` fields) rather than a hand-built string:
its text stays readable Markdown and escaping is handled for us.
"""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from string import Template

from pmlint.config import STARTER_CONFIG


def slugify(title: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return slug[:60].rstrip("-") or "incident"


def postmortem_skeleton(title: str, date: dt.date) -> str:
    template = resources.files("pmlint").joinpath("templates/postmortem.md").read_text("utf-8")
    return Template(template).safe_substitute(title=title.replace('"', "'"), date=date.isoformat())


def default_skeleton_name(title: str, date: dt.date) -> str:
    return f"{date.isoformat()}-{slugify(title)}.md"


def starter_config() -> str:
    return STARTER_CONFIG
