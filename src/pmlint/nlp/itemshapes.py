"""Two shapes of an action item's sentence that both PM403's rules and the trained
vagueness model read, defined once here so the two cannot drift apart.

- `TAKEN_ON`: the writer taking a task on ("I'll pick this up", "Ok, I'm going to start
  fixing the test failures"). In a thread about one problem, "this" and "the failures"
  name it: the rules do not call it generic, the model reads it as `MARK_TAKEN_ON`.
- `UNDER_WAY`: an inquiry reported as under way rather than committed to ("we are looking
  into another way to ...", "we're also investigating whether ..."). It names no result,
  whatever it is about: the rules call it an inquiry, the model reads `MARK_UNDER_WAY`.
"""

from __future__ import annotations

import re

TAKEN_ON = re.compile(
    r"^(?:(?:ok(?:ay)?|sure|yes|yep|right|great|thanks)\s?[,!.]?\s+)?"
    r"i(?:'ll|’ll| will| am going to|'m going to|’m going to| can| shall)\s+\w",
    re.I,
)
UNDER_WAY = re.compile(
    r"^(?:[\w,]{1,20}\s){0,3}?(?P<match>(?:we\s+are|we're|we’re|i\s+am|i'm|i’m"
    r"|the\s+team\s+is)\s+(?:(?:also|now|still|currently|actively)\s+){0,2}"
    r"(?:looking\s+(?:into|at)|investigating|exploring|evaluating|researching|considering"
    r"|assessing|thinking\s+about|discussing))\b",
    re.I,
)
