"""Word sets and patterns of the vagueness analysis (the lexicon's classes are data, in
`lexicon`; these are the grammar around them)."""

from __future__ import annotations

import re

from pmlint.nlp.itemshapes import TAKEN_ON, UNDER_WAY

_VERB_CLASSES = (
    "people", "tentative", "improve", "loose_inquiry", "inquiry", "assure", "avert"
)  # fmt: skip
# Parsed behind this prefix, an imperative fragment gets a verb for a root.
_PREFIX = "You should "
# First words after which the item has its own subject or opens with a clause.
_NOT_IMPERATIVE = frozenset(
    {
        "we", "i", "you", "they", "he", "she", "it", "our", "their", "this", "that", "these",
        "those", "there", "the", "a", "an", "all", "every", "each", "any", "some", "no", "if",
        "when", "whenever", "before", "after", "once", "while", "since", "until", "as", "for",
        "in", "on", "to", "with", "by", "during", "from", "instead", "also", "then", "so",
        "because", "where", "maybe", "perhaps", "ideally", "hopefully", "someone", "everyone",
    }
)  # fmt: skip
# Heads that carry another verb: "we need to improve", "try to reduce", "ask X to apply".
_CARRIERS = frozenset(
    {"need", "have", "want", "try", "strive", "attempt", "aim", "seek", "plan", "hope", "go",
     "ask", "request", "get", "start", "begin", "wish", "like", "intend", "mean"}
)  # fmt: skip
# Verbs that carry on work named after them ("continue to host ...", "keep running ...").
_CONTINUERS = frozenset({"continue", "keep"})
# Nouns of effort or attention that name no work of their own ("continue our efforts").
_EFFORT_NOUNS = frozenset(
    {"effort", "work", "focus", "attention", "push", "progress", "journey", "practice",
     "momentum", "commitment", "discussion", "conversation", "dialogue", "vigilance"}
)  # fmt: skip
_LIGHT_VERBS = frozenset(
    {"be", "have", "do", "get", "make", "go", "take", "let", "help", "cause", "happen", "occur",
     "lead", "result", "seem", "become", "exist", "mean", "want", "wish", "like"}
)  # fmt: skip
# A clause under an inquiry that asks about our wishes, not the system: "whether we want to".
_WISHES = frozenset({"want", "wish", "like", "prefer", "should", "could", "might", "would"})
_SUBJECTS = re.compile(
    r"^(?:(?:we|i|you|they|the\s+team|team|someone|everyone|somebody)\s+"
    r"|(?:[a-z][\w-]*\s+){1,3}?(?=(?:should|must|needs?\s+to|ha(?:ve|s)\s+to|ought\s+to)\s))?"
    r"(?:(?:should|must|need\s+to|needs\s+to|have\s+to|has\s+to|ought\s+to|will|shall|can|could"
    r"|would|might|may|want\s+to|plan\s+to|are\s+going\s+to|is\s+going\s+to|also|still|really"
    r"|actually|then|definitely|probably)\s+)*",
    re.I,
)
_NUMBER = re.compile(
    r"(?<![A-Za-z])\d|[<>≤≥]|=|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|twenty|thirty|fifty|hundred|thousand|million|twice|half|double|zero|every\s+\w+day"
    r"|daily|weekly|monthly|hourly|quarterly|percent|seconds?|minutes?|hours?|days?|weeks?"
    r"|ms|milliseconds?|p\d\d|[kmg]b|rps|qps|(?:at\s+(?:least|most)|exactly)\s+one)\b",
    re.I,
)
# Not before a lower-case word: "steps 1. and 2.", "e.g. the proxy" go on.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\sa-z])|:\s+(?=[A-Z])")
_ASIDE = re.compile(r"\s[-—–]\s")
_COMPARATIVE = re.compile(
    r"\b(?:more|less)\s+(?:\w+ly|\w+(?:ful|ive|able|ible|ous|al|ic|ent|ant|ure|ed))\b", re.I
)
# A letter, then word characters and `.`, `_`, `/`, `:` or `-` and one more (`api.v2`,
# `db_host`), or mixed case, capitals or digits. The first two alternatives take a word (or
# its part up to `_`) whole, from its start, and look for a letter in it: matching from each
# letter of a long word instead was quadratic. Same matches as `[A-Za-z]\w*[._/:-]\w`.
_IDENTIFIER = re.compile(
    r"(?<!\w)(?=\w*?[A-Za-z])(?=(\w*))\1[./:-]\w"
    r"|(?<![^\W_])(?=[^\W_]*?[A-Za-z])(?=([^\W_]*))\2_\w"
    r"|\w[A-Z]|[A-Z]{2,}|\w\d|\d\w"
)

# -- shapes that need no parse ----------------------------------------------------------------


# Classes of vague items that need no parse (see `_shape`).
_TEMPLATE = re.compile(
    r"\{\{[^{}]*\}\}|\{%[^%]*%\}|<(?:[a-z][a-z _-]{2,40})>|\blorem ipsum\b"
    r"|\b(?:description|details?|summary|text|action|item|content|explanation)\b[\w\s]{0,30}"
    r"\b(?:goes |go |comes? )?here\b|^(?:tbd|todo|n/?a|xxx+|\.\.\.|…|-+)$",
    re.I,
)
_STUDY = re.compile(
    r"^(?:(?:we|i|the team|everyone)\s+(?:should|must|need to|will|could)\s+)?"
    r"(?P<match>read\s+up\s+on|read\s+(?:more\s+)?about|study|learn(?:\s+more)?(?:\s+about)?"
    r"|get\s+(?:more\s+)?familiar\s+with|familiari[sz]e\s+\w+\s+with|brush\s+up\s+on"
    r"|educate\s+(?:ourselves|the\s+team|people|engineers)\s+(?:on|about)|deep[- ]dive\s+into"
    r"|gain\s+(?:a\s+)?(?:better\s+|deeper\s+)?understanding\s+of"
    r"|(?:better\s+)?understand"
    r"|read(?=\s[^.;]{0,120}?\bto\s+(?:better\s+)?(?:understand|learn)\b))\b",
    re.I,
)
# A result named after a study item makes it checkable: "Study X and write up ...".
# A document is a result only when the item makes it ("write an ADR"), not when it reads one
# ("Read RFC 2328 to understand ...").
_STUDY_RESULT = re.compile(
    r"\b(?:write(?:[- ]up)?|document|report|present|publish|propos(?:e|al)|summar(?:y|i[sz]e)"
    r"|decide|decision|recommend(?:ation)?|runbook|share"
    r"|(?:draft|produce|create|open|file|prepare)\s+(?:an?\s+|the\s+)?(?:rfc|adr|doc))\b",
    re.I,
)
# An inquiry's answer written down by a verb joined to it: "determine X and document it".
_RESULT_JOINED = re.compile(
    r"(?:\band|\bthen|,)\s+(?:then\s+)?(?:document|write\s+(?:up|down)|publish|report|present"
    r"|propose|share|summari[sz]e|record)\b",
    re.I,
)
_ASPIRATION = re.compile(
    r"^(?:the\s+|our\s+|all\s+|each\s+|every\s+)?[\w\s/-]{1,50}?\s+(?P<match>(?:should|must|"
    r"needs? to|has to|have to|ought to)\s+(?:be|become|feel|remain|stay|look|get)\s+"
    r"(?:more\s+|less\s+|very\s+|much\s+|a\s+lot\s+|really\s+|)"
    r"(?:easy|easier|simple|simpler|clear|clearer|intuitive|robust|resilient|reliable|stable"
    r"|better|faster|safer|obvious|understandable|readable|usable|user-friendly|discoverable"
    r"|accessible|maintainable|consistent|transparent|visible|straightforward|smooth|smoother"
    r"|friendly|efficient|secure|scalable|predictable))\b",
    re.I,
)
_CONTINUOUS = re.compile(
    r"^(?P<match>(?:ongoing|continuous|continued|constant|general|better|improved|increased"
    r"|greater|more|enhanced|stronger|tighter|closer|extended|expanded|broader|wider|deeper"
    r"|additional|extra|further|regular|frequent|faster|quicker|earlier|clearer|easier|simpler"
    r"|smoother|safer)\s+(?:[a-z][\w-]*\s+){0,2}?(?:\w+(?:tion|ment|ing|ance"
    r"|ence|ity|ness|ship)|reviews?|work|focus|attention|awareness|oversight|care)"
    r"|(?:fewer|less)\s+(?:[a-z][\w-]*\s+){0,2}?[a-z][\w-]*)\b",
    re.I,
)
# Not a commitment: a question, a hedged modal ("We could also use ...", "X could help"), a
# wish ("We'd like to ...", "I might redeploy ..."), after a time adverbial or none.
_HEDGED = re.compile(
    r"^(?:(?:in\s+the\s+(?:future|long\s+term)|eventually|later|going\s+forward|long[\s-]term"
    r"|someday|one\s+day)\s*,?\s+)?"
    r"(?P<match>(?:we|i|you|they|the\s+team|this|it|that)"
    r"(?:\s+(?:could|might|may)(?:\s+(?:also|perhaps|possibly))?(?:\s+be\s+able\s+to)?"
    r"|(?:['’]d|\s+would)(?:\s+(?:also|really|very\s+much))?\s+(?:(?:like|love|prefer)\s+to"
    r"|be\s+(?:happy|delighted|glad|keen|interested)\s+to)"
    r"|\s+(?:hope|wish)\s+to))\s+\w+"
    r"|(?P<help>\bcould\s+help\b)",
    re.I,
)
# A need or a duty someone only holds an opinion about: "I feel that in the future we
# should ...", "Alex thinks we really need ...", "we believe it could ...": the writer (or
# a named colleague) guesses at the need, as "I think we need" does. Not "you" ("if you
# feel that this affected you, ..."), and only with a need or a modal in what follows.
_OPINION = re.compile(
    r"(?:^|[,;:]\s*|\b(?:but|and|so)\s+)"
    r"(?P<match>(?:I|[Ww]e|[A-Z][a-z]+)\s+(?:(?:really|also|still|honestly|personally)\s+)?"
    r"(?:think|thinks|feel|feels|believe|believes|guess|suspect|suspects|reckon|reckons))"
    r"\s+(?:that\s+)?(?:[\w’',-]+\s+){1,6}?"
    r"(?:need|needs|should|must|could|might|ought|have\s+to|has\s+to)\b"
)
# An inquiry under way, reported rather than committed to (shared with the model).
_INQUIRING = UNDER_WAY
# Work promised only for the writer's spare time: "if I have some time this week", "when
# we get a chance", "if time allows".
_SPARE_TIME = re.compile(
    r"\b(?P<match>(?:if|when|whenever|once)\s+(?:i|we)\s+(?:have|get|find)\s+(?:some\s+|a\s+|the\s+)?"
    r"(?:spare\s+|free\s+)?(?:time|chance|moment|minute|bandwidth|cycles)"
    r"|(?:if|when)\s+time\s+(?:allows|permits))\b",
    re.I,
)
# A short label before a colon ("The fix: ...", "servers: ...", "Action item: ..."):
# the action is what follows it.
_LABEL = re.compile(r"^[\w/&'’-]{1,30}(?: [\w/&'’-]{1,30}){0,2} ?:\s+(?=\S+\s+\S+\s+\S)")
# The writer taking a task on (shared with the model).
_COMMITMENT = TAKEN_ON
# Work in progress with no end: "we are working on ...", "work is ongoing to ...".
_ONGOING = re.compile(
    r"\b(?P<match>(?:we\s+are|we're|we’re)\s+(?:also\s+|now\s+|still\s+)?working\s+(?:on|to)"
    r"|work\s+is\s+(?:also\s+|still\s+)?(?:ongoing|underway|in\s+progress))\b",
    re.I,
)

# -- words of the lexical reading -------------------------------------------------------------


_WORD = re.compile(r"[A-Za-z][\w'’.-]*[A-Za-z0-9]|[A-Za-z]|\d[\w.%-]*")
_PEOPLE_OBJECT = re.compile(
    r"\b(?:engineers?|developers?|people|everyone|everybody|team|teams|staff|operators?|on-?call"
    r"|users|us|them|folks|responders?|reviewers?|maintainers|admins?|sres?|humans?|members?)\b",
    re.I,
)
_PERSON = (
    r"(?:engineers?|developers?|people|everyone|everybody|staff|operators?|on-?call(?:\s+\w+)?"
    r"|responders?|reviewers?|maintainers?|admins?|sres?|humans?|folks|the\s+team|teams?)"
)
# "make sure engineers check ...": a person is the one who must act (not "gets emailed").
_ASSURE_PERSON = re.compile(
    rf"^(?:make\s+sure|ensure)\s+(?:that\s+)?(?:the\s+|all\s+|every\s+|each\s+)?{_PERSON}\s+"
    r"(?!(?:gets?|is|are|receives?|will\s+be|can\s+be|be|were|was)\b)\w",
    re.I,
)

# -- work reported as done that names no result ------------------------------------------------
# "Additional measures have been put in place", "Some improvements were made ...": a
# subject that is only an amount of unnamed work ("More observability ..." is `_CONTINUOUS`).
_UNNAMED_WORK = re.compile(
    r"^(?P<match>(?:some|several|various|further|additional|extra|more|many|a\s+few"
    r"|a\s+number\s+of)\s+(?:[a-z][\w-]*\s+){0,1}?(?:changes|improvements|measures"
    r"|safeguards|mitigations|enhancements|checks|steps|tweaks|adjustments))\b",
    re.I,
)
# ... then a verb saying it was made: "was added", "has been introduced", "is now in place".
_MADE = re.compile(
    r"^(?:[\w-]+\s+){0,6}?(?:(?:has|have)\s+been|was|were|(?:is|are)\s+now|(?:is|are))\s+"
    r"(?:also\s+|now\s+|already\s+)?(?:added|introduced|put\s+in\s+place|in\s+place|set\s+up"
    r"|implemented|deployed|enabled|built|rolled\s+out|made|applied|installed|configured"
    r"|created|shipped|released)\b",
    re.I,
)
# A group set up to look into something, with no result named: "A working group of
# engineers from storage and SRE reviewing the cluster layout", "Engineers from three
# teams conducting a broad review of ...". A finite verb before it makes it a report.
_GROUP_LOOKING = re.compile(
    r"^(?:an?\s+|the\s+)?(?:new\s+|dedicated\s+|cross-team\s+|joint\s+|small\s+)?"
    r"(?:working\s+group|task\s*force|strike\s+team|tiger\s+team|war\s+room|committee|group"
    r"|team|squad|engineers|people|members|staff|folks|representatives)\b"
    r"(?P<before>[^.;:]{0,160}?)\b(?P<match>reviewing|(?:conducting|doing|carrying\s+out"
    r"|performing)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:review|audit|investigation"
    r"|analysis|assessment)|looking\s+(?:into|at)|investigating|exploring|assessing|studying"
    r"|analy[sz]ing|examining|evaluating)\b",
    re.I,
)
_FINITE_WORD = re.compile(r"\b(?:will|shall|is|are|was|were|has|have|had|did|does)\b", re.I)
# A plan that waits on a condition and only promises a look: "If the new timeout does
# not help, the scheduler will be analysed", "Should X fail, we may revisit Y".
_CONDITIONAL_LOOK = re.compile(
    r"^(?:if|should|in\s+case|unless)\b[^,]{3,200},\s*(?:then\s+)?(?:[\w'’-]+\s+){0,8}?"
    r"(?P<match>(?:will|would|may|might|could|shall|can)\s+(?:then\s+|also\s+|further\s+)?"
    r"(?:be\s+)?(?:analy[sz]ed?|investigated?|considered?|examined?|looked\s+(?:at|into)"
    r"|look\s+(?:at|into)|evaluated?|revisited?|explored?|reviewed?|assessed?|studied|study"
    r"|re-?evaluated?|reconsidered?|reconsider|discussed|discuss))\b",
    re.I,
)
# A group set up whose purpose is only to look: "Form a working group to identify
# further steps", "Set up a task force to look into the stalls".
_GROUP_FORMED = re.compile(
    r"^(?P<match>(?:form|create|set\s+up|establish|start|assemble|put\s+together|spin\s+up"
    r"|convene)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:working\s+group|task\s*force"
    r"|committee|tiger\s+team|strike\s+team|war\s+room|guild|council))\b[^.;:]{0,80}?"
    r"\bto\s+(?:(?:further|better|jointly|collectively)\s+)?(?:identify|look\s+(?:into|at)"
    r"|investigate|review|explore|assess|study|analy[sz]e|examine|evaluate|find|discuss|consider"
    r"|think\s+about|improve|understand)\b",
    re.I,
)
# An activity with an intensity and only a check as its purpose, read on the words as the
# parser often takes the checked clause for the item's verb: "Rigorous failover testing to
# confirm the replicas promote cleanly", "Thorough audit of X to find the weak spots".
_ACTIVITY_PURPOSE = re.compile(
    r"^(?P<match>(?:thorough|comprehensive|extensive|exhaustive|rigorous|in-depth|holistic"
    r"|broad|broader|detailed|deep|deeper|full|complete|systematic|end-to-end|additional"
    r"|further|more|regular|continuous|ongoing|periodic|careful)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:testing|tests|review|reviews|audit|audits|analysis|assessment|evaluation"
    r"|investigation|exercises?|drills?|checks|validation|verification))\b"
    r"(?:\s+(?:of|on|for|across|around)\s+[^.;]{1,80}?)?"
    r"\s+to\s+(?:validate|verify|confirm|check|ensure|make\s+sure|find|identify|understand"
    r"|determine|see|prove|measure|assess|evaluate|catch|uncover|surface)\b",
    re.I,
)
