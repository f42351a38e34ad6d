"""Which moments are the incident's milestones, and how each was found.

Sources, most trusted first: front matter; a labelled field ("Detected: 10:15 UTC"); an explicit
marker in a timeline entry ("<START OF OUTAGE>", "(mitigated)", "incident resolved"); a range the
summary or impact states ("from 02:05 to 03:40 UTC"); then the timeline read as a story:

- the start is the first entry that shows a symptom (errors, down, failing) — or the change that
  caused it, when that change comes shortly before — and not lead-up hours or days earlier;
- detection is the first entry from the start on that says someone or something noticed;
- mitigation is the first entry after that in which the impact stopped (back online, restored,
  rollback completed), not an attempt at a fix (a failover that hangs, "started the rollback"),
  nor another organisation's word about its own side (a provider's status page saying fixed);
- resolution is the first entry that closes the incident (resolved, all clear, operational).

Where one of mitigation and resolution is found and the other is not, the other is *inferred*
from it: impact has stopped by the time the incident is resolved. The word classes are data,
in the pack's milestones.yaml.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pmlint.literals import may_match, needed_when_worth

MILESTONES = ("start", "detected", "escalated", "mitigated", "resolved")
# How a milestone was found (the JSON's `milestone_sources[kind].how`).
HOW_FRONT_MATTER, HOW_FIELD, HOW_RANGE, HOW_TIMELINE = "front-matter", "field", "range", "timeline"
HOW_PROSE, HOW_INFERRED = "prose", "inferred"

# Lead-up: entries more than this long before the first symptom or detection are background.
_LEAD_UP = dt.timedelta(hours=12)
# Resolution: the last closing entry of the run that follows mitigation, each within this of
# the one before (a fix verified, then all accounts repaired), not a tail days later.
_CLOSING_RUN = dt.timedelta(hours=12)
# A change this close before the first symptom is taken as the start ("deploy", then errors).
_TRIGGER_WINDOW = dt.timedelta(hours=3)
_DAY = dt.timedelta(days=1)
# A change the text calls unintended ("accidental execution", "unexpectedly triggers the
# pipeline", "inadvertently overwrote") is what set the incident off.
_UNINTENDED = re.compile(
    r"\b(?:accident(?:al(?:ly)?)?\b|inadvertent(?:ly)?\b|unintend(?:ed(?:ly)?)?\b"
    r"|unintentional(?:ly)?\b|unexpected(?:ly)?\b|mistaken(?:ly)?\b|by mistake\b"
    r"|erroneous(?:ly)?\b|wrongly\b)",
    re.IGNORECASE,
)
# A remedy carried out after the incident was known: "rollback performed", "pipeline run
# completed", "the fix is deployed". Impact stops when the remedy lands, even when the entry
# does not say so in words ("service operational" a minute later is the resolution).
_REMEDY_DONE = re.compile(
    r"\b(?:complete[ds]?|finish(?:ed|es)|done|deployed|applied|performed|in place"
    r"|rolled (?:out|back)|succeed(?:ed|s)|successful(?:ly)?)\b",
    re.IGNORECASE,
)
# A fix that lands: "fix deployed on production", "5.1.2 is published, fixing 5.1.1", "the
# patched version was released". After the impact stopped, it is what closes the incident.
_FIX_LANDED = re.compile(
    r"\b(?:(?:hot)?fix(?:es)?|patch(?:ed|es)?)\b[\w ,.'-]{0,40}?\b(?:deployed|released|published"
    r"|shipped|rolled out|live|in production|applied|implemented)\b"
    r"|\b(?:deployed|released|published|shipped|rolled out|is out|implemented|applied)\b"
    r"[\w ,.'-]{0,40}?"
    r"\b(?:fix(?:ing|es)?|patch(?:ing|es)?|hotfix)\b"
    # "issued a patched version on March 3rd", "the latest version (1.2.3) was released ...
    # with the bug removed"
    r"|\b(?:issued|released|published|shipped|deployed)\s+(?:a\s+|the\s+)?(?:new|fixed|patched)"
    r"\s+(?:version|release|build)\b"
    r"|\b(?:new|latest|fixed|patched|final|corrected|hotfix)\s+(?:version|release|build)\b"
    r"[^;\n]{0,40}?"
    r"\b(?:was|is|were|got)\s+(?:issued|released|published|shipped|deployed)\b",
    re.IGNORECASE,
)
# Every `_FIX_LANDED` shape holds one of these: text without any is refused cheaply.
_FIX_WORDS = ("fix", "patch", "version", "release", "build")
# How long before the entry that says things work again a remedy may have landed.
_REMEDY_WINDOW = dt.timedelta(minutes=30)
# Words that turn an outcome into an attempt or a failure: "started the rollback",
# "the failover hangs", "still down", "not restored".
# (Starting to work is working: "images started working once again", "began to come back
# online", "started serving traffic" tell the outcome, not an attempt at it; and starting to
# look for the cause, "support engineers begin investigation into the bug", attempts nothing.
# Nor does a thing that was started, told with where or how it runs: "runners started in
# another zone", "the new pods started successfully", "the service started up again".)
_WORKS = (
    r"(?!(?:to )?(?:work(?:s|ed|ing)?\b(?!\s+(?:on|towards?|to|through|with|around)\b)"
    r"|(?:come|came|respond|serv|load|function|succeed|flow|process|pass|recover|resolv|run|drain|shrink"
    r"|investigat|analy)\w*"
    r"|(?:in|within|successfully|fine|normally|correctly|properly|cleanly|again|up|back|ok"
    r"|okay)\b(?!\s+(?:to|the|a|an|our|their|its)\b)"
    # a doing that comes back: "the chain starts moving again" (`recovered_again` tells a
    # symptom's "started failing again" from it)
    r"|[a-z]+ing\s+again\b))"
)
_ATTEMPT = re.compile(
    rf"\b(?:start(?:s|ed|ing)? {_WORKS}(?:to |the |a )?|begin(?:s|ning)? {_WORKS}(?:to |the )?"
    rf"|began {_WORKS}(?:to |the )?"
    # a negation, contracted too ("wasn't correct": the group's leading \b is before its word)
    # ("propos" is "proposed a fix", not "Proposal #44", a thing's name)
    r"|attempt|trying|tried|try to|decid|plan|propos(?!als?\b)|initiat|prepar|not |\w*n't "
    r"|no longer"
    # a belief or a test, not an outcome seen: "believes that the PR fixed it", "deletes one
    # pod to see if it comes back"
    # (an appearance too: "deployed and looked to be working")
    r"|believ|\bthinks?\b|\bhop(?:e|es|ed|ing|eful\w*)\b|to see (?:if|whether)\b"
    r"|\b(?:looked|seemed|appeared) to (?:be )?(?:work|fix|help|resolv)"
    r"|to (?:check|test|verify) (?:if|whether)\b"
    # "restored for some users", "some investigating" (not "moves some to a new node", nor
    # a while: "monitoring for some time")
    r"|still |hang|stuck|fail(?:s|ed|ing)? to|partial(?:ly)?|some (?!to\b|time\b|while\b)"
    # "returns online for a brief moment": the impact came back
    r"|\bbrief(?:ly)?\b|momentar|for a (?:short |few )?(?:moment|second|minute)s?\b"
    # the remedy did not work: "restarted the pods; errors persist", "no effect"
    # ("errors persist", not "the persistence layer" or "a persistent queue")
    r"|persist(?!en(?:ce|t))|no effect|did not help|didn't help|no improvement|unchanged"
    # or goes on: "rolled back, but connection failures continued", "replica restarted, lag
    # continues to grow" (not a recovery going on: "error rates continued to decline")
    r"|\b(?:errors?|failures?|timeouts?|latenc(?:y|ies)|crash(?:es)?|delays?|lag|5xx|outages?"
    r"|impact|symptoms?|problems?|issues?|attacks?)\s+(?:\w+\s+)?continu(?:e|es|ed|ing)\b"
    r"(?!\s+to\s+(?:declin|drop|fall|fell|decreas|improv|recover|subsid|eas|normali|go\s+down"
    r"|return\s+to\s+normal))"
    # the symptom told past the remedy: "reports errors even after rolling back", "the
    # node kept crashing despite the restart"
    r"|\beven after\b|\bdespite\b"
    # the remedy's effect still awaited: "a new release was issued; the team awaited the
    # validators' upgrade", "waiting for the nodes to restart"
    r"|\bawait(?:s|ed|ing)?\b|\bwait(?:s|ed|ing)?\s+(?:for|on|until)\b"
    # (not the close put off: "waiting until the top of the hour before we consider the
    # incident closed" tells a recovery and defers only the closing)
    r"(?![^.;]*\bbefore\s+(?:we\s+)?(?:consider|clos|declar|mark|resolv))"
    # a remedy asked of others is not done yet: "instructs operators to revert", "asks the
    # tenants to restart their nodes"
    r"|\b(?:tell|ask|instruct|urg|remind|advis)(?:s|es|ed|d)?\s+(?:[\w@.-]+\s+){1,3}?to\s"
    # a remedy still being carried out: "a fix is being implemented", "the change is being
    # rolled back" (not a state: "traffic is being served from the standby")
    r"|\b(?:is|are|currently)\s+being\s+(?:\w+\s+)?(?:implement|deploy|roll|appl|prepar|test"
    r"|investigat|work|develop|restor|rebuil|migrat|rerun|replay|restart|reboot|provision|revert"
    r"|releas|push|instal|upgrad"
    # the fix itself: "the error has been identified and is being fixed"
    r"|fix|address|repair|correct|remediat|mitigat|resolv)[a-z]*\b"
    # "are working towards recovery", "working on a fix"
    r"|working (?:on|towards?) (?:a |the |full )?(?:fix|recover|mitigat|resol|restor|workaround))",
    re.IGNORECASE,
)

# Work going on beside a remedy that was done: "deploys a revert while preparing a fix",
# "restarted the workers whilst investigating the cause". The plan is not the remedy, so its
# words do not make the remedy an attempt (its own clause, up to the sentence's end).
_ALONGSIDE = re.compile(
    r"\b(?:while|whilst)\s+(?:(?:we|they|the\s+team)\s+(?:are|were|was)\s+)?(?:prepar|plan"
    r"|develop|investigat|writ|work(?:ing)?\s+on|look(?:ing)?\s+into|diagnos)\w*\b[^.;!?\n]*",
    re.IGNORECASE,
)

# Words that read as recovery but tell something else: "got back to the author" (a reply),
# "back to the drawing board".
_NOT_RECOVERY = re.compile(
    r"\b(?:get|gets|got|getting|gotten|went|goes|go|going|reach(?:ed|es)?|wr(?:ote|ites?)|came"
    r"|comes?|report(?:ed|s)?|circl(?:ed|es?))\s+back\s+to\b(?!\s+(?:normal|work|life|health"
    r"|service|baseline|green|full|expected|previous|usual|regular|operation))",
    re.IGNORECASE,
)
# Service doing its job again: "uploads work again", "the record started to get propagated
# again", "builds pass again", "the broker accepts writes again", "resolution works for
# everyone again" (a verb, its object or whom it serves). A symptom "again" ("failed again",
# "uploads were failing again") is not in the list, nor between the verb and "again".
_AGAIN = re.compile(
    r"\b(?:work|run|serv|respond|load|launch|build|sync|publish|upload|download|connect|resolv"
    r"|propagat|process|flow|accept|avail|reach|boot|pass|function|deliver|stream|send|receiv"
    r"|succeed|creat|produc|mint|confirm|finaliz|index|render"
    # "searches return results again" (and not "the errors returned again")
    r"|return(?:s|ed|ing)?\s+(?:results?|data|responses?|content|pages?|valid|correct|expected"
    r"|200)"
    r"|healthy|online|up(?!dat|grad|set)|green|normal|fine|stable)\w*\s+"
    r"(?:(?!(?:fail|error|down|brok|break|stuck|crash|stop|slow|tim|hang|hung|not|never|no|lag"
    r"|stall|delay|degrad|spik)"
    r"(?:[a-z]*)\s)[a-z]+\s+){0,3}again\b"
    # any doing told in the progressive with "again", unless it is a symptom or an attempt:
    # "most nodes are signing again", "the workers were consuming again" (not "failing
    # again", "restarting again", "investigating again")
    # (or begun so: "the chain starts moving again", "payments began clearing again")
    r"|\b(?:is|are|was|were|starts|started|begins|began)\s+(?:now\s+)?"
    r"(?!(?:fail|error|crash|hang|stall|drop|flap|restart"
    r"|reboot|break|leak|throw|spik|reject|refus|panic|lag|los|miss|tim|go|stuck|investigat|look"
    r"|try|attempt|seeing|experienc|return|report|alert|pag|retry|climb|ris|grow|fall)\w*\s)"
    r"[a-z]+ing\s+again\b",
    re.IGNORECASE,
)
# A service described in a healthy state, however the sentence is built: "running normally",
# "behaving as expected", "the cluster stabilized", "latency was healthy", "error rates at
# baseline", "failed over to the standby", "the site has been up since". Each alternative
# opens with a fixed word, and the gaps are single bounded blanks: linear.
_HEALTHY_PARTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("normal", "correct", "properly", "usual", "expected", "intended"),
        r"\b(?:operat|function|work|run|perform|serv|process|respond|behav|load|flow|deliver)\w*"
        r"\s+(?:normally|correctly|properly|as (?:normal|usual|expected|intended))\b",
    ),
    (("stabili",), r"\bstabili[sz](?:ed|es)\b"),
    # the service itself recovering, told in the present as timelines tell: "services
    # recover", "the site slowly recovers" (not "a plan to recover")
    (
        ("recover",),
        r"\b(?:services?|systems?|sites?|apis?|everything|traffic|nodes?|clusters?|pods?"
        r"|builds?|requests?|the network|the chain)\s+(?:(?:fully|slowly|quickly|all|then)\s+)?"
        r"recover(?:s|ed)?\b",
    ),
    # the offending thing taken away: "removed the faulty node", "deleted the malicious
    # image", "revoked the leaked token", "blocked the attacker's addresses"
    (
        ("malicious", "compromised", "leaked", "stolen", "offending", "faulty", "attacker"),
        r"\b(?:removed|removes|deleted|deletes|revoked|revokes|blocked|blocks|disabled|disables"
        r"|took down|takes down|banned|bans|quarantined|isolated|drained|evicted)\s+"
        r"(?:[\w'-]+\s+){0,3}?(?:malicious|compromised|leaked|stolen|offending|faulty"
        r"|attacker'?s?)\b",
    ),
    # a remedy told with its particle apart: "rolled the failover back", "switched traffic
    # back", "brought the site back"
    (
        ("back",),
        r"\b(?:rolled|rolls|reverted|switched|switches|moved|moves|brought|brings|put|puts"
        r"|turned|turns)\s+(?:[\w-]+\s+){1,3}?back\b(?!\s+(?:and\s+forth|to\s+the\s+drawing))",
    ),
    (
        ("healthy", "stable", "nominal", "correct", "function", "working"),
        r"\b(?:is|are|was|were|became|become|been|remained|looked|looks|seemed)\s+"
        r"(?:(?:now|again|fully|all|once again)\s+)?(?:healthy|stable|nominal|correct|functional"
        r"|functioning|working)\b(?!\s+(?:on|with|to|towards?|through)\b)",
    ),
    # the symptom stopped: "errors dropped to zero", "the issue disappeared", "there were no
    # more errors", "stopping the errors", "the backlog had been processed", "packet loss
    # stops", "the attack traffic subsided", "the crash loop stopped"
    (
        ("disappear", "vanish", "ceas", "clear", "subside", "stop", "dropped to", "fell to"),
        r"\b(?:errors?|failures?|timeouts?|crashe?s?|alerts?|issue|problem|symptoms?|5xx|5\d\ds"
        r"|(?:packet )?loss|outage|disruption|attack(?: traffic)?|flood(?:ing)?|storm"
        r"|crash ?loops?|restarts|retries|rejections|drops)"
        r"\s+(?:(?:had|have|has)\s+)?(?:disappear(?:ed|s)?|vanish(?:ed|es)?|cease[sd]?"
        r"|clear(?:ed|s)?|subside[sd]?|stopped|stops?(?!\s+(?:the|a|an|all|our|any|new)\b)"
        r"|dropped to (?:zero|0|normal|baseline)|fell to (?:zero|0|normal|baseline))\b",
    ),
    # the symptom itself stopped: "requests stopped failing", "pods ceased crashing"
    (
        ("stopped", "ceased"),
        r"\b(?:stopped|ceased)\s+(?:failing|erroring|timing\s+out|crashing|dropping|flapping"
        r"|restarting|returning\s+errors|throwing)\b",
    ),
    (
        ("no more", "no new", "no further"),
        r"\bno (?:more|new|further) (?:errors?|failures?|timeouts?|crashes|alerts?|issues)\b",
    ),
    # "error rate at zero", "5xx back to 0%", "delay back under 1 minute"
    (
        ("zero", "to 0", "at 0"),
        r"\b(?:errors?|error rates?|failures?|failure rates?|5xx|timeouts?)\s+(?:(?:is|was|back"
        r"|returns?|returned|returning|drops?|dropped|falls?|fell|goes|went|gets?|got)\s+){0,2}"
        r"(?:at|to)\s+(?:zero|0)\b",
    ),
    (("back",), r"\bback\s+(?:under|below|within)\b"),
    # "latency normal", "error rate back to normal", "graphs look healthy", "the issue is gone"
    (
        ("normal", "nominal", "healthy", "stable", "green"),
        r"\b(?:latency|latencies|error rates?|traffic|throughput|load|response times?"
        r"|success rates?|metrics|graphs|dashboards?)\s+(?:(?:is|are|was|were|looks?|looked|back"
        r"|now)\s+)*(?:normal|nominal|healthy|stable|green)\b",
    ),
    (
        ("gone",),
        r"\b(?:issue|problem|errors?|symptoms?)\s+(?:is|are|was|were|had|has|have)\s+"
        r"(?:been\s+)?gone\b",
    ),
    # "stopped the errors", "ending the customer impact"
    (
        ("stopp", "ended", "ending", "eliminat"),
        r"\b(?:stopp(?:ed|ing)|end(?:ed|ing)|eliminat(?:ed|ing))\s+(?:the\s+)?"
        r"(?:(?!in\b|with\b|up\b|on\b|by\b|as\b)[a-z]+\s+)?"
        r"(?:errors?|failures?|crashe?s?|timeouts?|outage|impact)\b",
    ),
    (
        ("processed", "clear", "drained", "empty", "caught up"),
        r"\b(?:backlog|queue)\s+(?:(?:had|has|was)\s+)?(?:(?:been|fully)\s+)*(?:processed"
        r"|cleared|drained|empty|caught up)\b",
    ),
    (
        ("baseline", "pre-incident", "normal", "expected", "usual", "healthy"),
        r"\b(?:at|to|near|within)\s+(?:(?:the|their|its|our)\s+)?(?:baseline|pre-incident levels?"
        r"|(?:normal|expected|usual|healthy) (?:levels?|values?|rates?))\b",
    ),
    (
        ("fail",),
        r"\bfailed\s+over\s+to\b|\bfail-?over\s+(?:(?:is|was|has)\s+)?(?:complete|completed"
        r"|finished|succeeded|done)\b",
    ),
    (
        ("since",),
        r"\b(?:has|have|had)\s+been\s+(?:up|stable|healthy|working|running|available"
        r"|operational|normal)\s+(?:ever\s+)?since\b",
    ),
    (
        ("service", "health", "full capacity"),
        r"\b(?:returned|restored|back)\s+to\s+(?:service|health|full capacity)\b",
    ),
    # a remedy told as done: "the rollback was completed", "the failover is complete", "the
    # fix was in place"
    (
        ("complete", "finished", "done", "successful", "in place"),
        r"\b(?:rollback|roll-back|revert|failover|fail-over|restart|reboot|redeploy(?:ment)?"
        r"|hotfix|fix|patch|workaround)\s+(?:(?:was|is|had been|has been)\s+)?(?:complete"
        r"|completed|finished|done|successful|in place)\b",
    ),
    # "the site came back", "the service is back up": not "the errors came back"
    (
        ("back",),
        r"(?<!error )(?<!errors )(?<!issue )(?<!problem )(?<!alerts )(?<!outage )"
        r"\b(?:came|comes|come|is|are|was|were)\s+back(?:\s+(?:up|online|again))?\b"
        r"(?!\s+to\b)",
    ),
)
# Each part is read only where one of its words is in the text: one large alternation cost
# every timeline entry a scan of every alternative at every position.
_HEALTHY = tuple((cues, re.compile(pattern, re.IGNORECASE)) for cues, pattern in _HEALTHY_PARTS)
# More healthy states, each read only where a cheap cue shows it may be there (the states
# above are read for every entry; these would cost every entry a scan each).
_HEALTHY_CUED = (
    # what users do succeeds: "14:11 launches succeed", "requests complete", "pages load"
    # (what users do, not a change: "the deploy succeeded" is as often what broke it)
    (
        ("succeed", "pass", "work", "load", "complete", "through"),
        re.compile(
            r"\b(?:launch|request|upload|download|login|log-in|sign-in|sync|payment|transaction"
            r"|checkout|quer(?:y|ie)|page|api call|call|connection|health ?check|probe|write|read"
            r"|push|pull)(?:e?s)?"
            r"\s+(?:now\s+)?(?:succeed(?:s|ed)?|pass(?:es|ed)?|work(?:s|ed)?|load(?:s|ed)?"
            r"|complete(?:s|d)?|go(?:es)? through|went through)\b(?!\s+(?:slowly|intermittently))",
            re.IGNORECASE,
        ),
    ),
    # "users can log in again", "customers were able to use the API again"
    (
        ("again",),
        re.compile(
            r"\b(?:can|(?:is|are|was|were)\s+able\s+to)\s+(?:now\s+)?(?!not\b|no\b|never\b)"
            r"[a-z]+(?:\s+[a-z]+){0,2}\s+again\b",
            re.IGNORECASE,
        ),
    ),
    # "site reachable", "the API is up", "service available": a service named in a healthy
    # state (not "errors are up", "load is up"); "dddice returns online"
    (
        ("reachab", "accessib", "availab", "online", " up"),
        re.compile(
            r"\b(?:site|website|service|api|app|application|page|cluster|server|database|db"
            r"|dashboard|portal|endpoint|platform|network|node|hub|registry|mirror|domain)s?\s+"
            r"(?:(?:is|are|was|were|became|becomes|now|again|fully)\s+)*"
            r"(?:reachable|accessible|available|up|online)\b(?!\s+(?:to|for)\b)"
            r"|\b(?:returns?|returned|returning)\s+(?:back\s+)?online\b",
            re.IGNORECASE,
        ),
    ),
    # what users waited for arrives: "export delivered", "the delayed emails were all
    # delivered" (a thing delivered, told at the clause's end;
    # not delivered twice, late or to the wrong place)
    (
        ("deliver",),
        re.compile(
            r"\b(?!(?:we|they|it|vendor|team|who|which|that)\b)[a-z]{3,}\s+"
            r"(?:(?:were|was|are|is|now|finally|all|successfully|been|have|has|got|get)\s+){0,3}"
            r"delivered(?:\s+(?:again|successfully|normally|as\s+expected))?"
            r"(?=\s*(?:$|[.;,)!]|\band\b))",
            re.IGNORECASE,
        ),
    ),
    # traffic moved to a healthy place: "all traffic is being served from the standby
    # region", "requests routed to the backup cluster", "users redirected to the mirror"
    (
        ("served", "routed", "redirected", "shifted", "moved", "failed over"),
        re.compile(
            r"\b(?:traffic|requests|users|customers|queries|clients|reads|writes)\s+"
            r"(?:(?:is|are|was|were|now|all|being|been|has|have|successfully)\s+)*"
            r"(?:served|routed|re-?routed|redirected|shifted|moved|failed\s+over)\s+(?:from|to"
            r"|through|via|by|onto)\s+(?:the\s+|a\s+|an\s+)?(?:[a-z-]+\s+)?(?:standby|backup"
            r"|secondary|healthy|other|another|fallback|replica|mirror|old|previous|spare)\b",
            re.IGNORECASE,
        ),
    ),
    # the harm stopped: "paused the mailer, which stopped any further duplicates", "this
    # prevented further data loss", "no further errors were seen"
    (
        ("further", "more ", "no new"),
        re.compile(
            r"\b(?:stopp(?:ed|ing)|stops|prevent(?:ed|ing|s)?|halt(?:ed|ing|s)?|block(?:ed|ing|s)?"
            r"|end(?:ed|ing|s)?)\s+(?:any\s+|all\s+)?(?:further|more)\s+"
            r"(?!work\b|investigat|deploy|releas|chang|merg|rollout|updat|upgrad|action)"
            r"[a-z]+|\bno\s+(?:further|more|new)\s+[a-z]+(?:\s+[a-z]+)?\s+(?:were|was|have|has"
            r"|had)\s+(?:been\s+)?(?:seen|observed|reported|logged|recorded|sent|received"
            r"|detected|occurred)\b",
            re.IGNORECASE,
        ),
    ),
    # "the queue is draining", "the backlog started shrinking": the impact easing away
    (
        ("drain", "shrink", "decreas", "processed"),
        re.compile(
            r"\b(?:backlogs?|queues?|queue\s+depth|lag)\s+(?:(?:is|was|were|are|started|starts"
            r"|began|begins|now|steadily|slowly|being)\s+)*(?:to\s+)?(?:drain(?:ing|s|ed)?"
            r"|shrink(?:ing|s)?|decreas(?:ing|es|ed)|processed)\b",
            re.IGNORECASE,
        ),
    ),
    # "last observed database error": the symptom ended
    (
        ("last ",),
        re.compile(
            r"\blast\s+(?:observed\s+|reported\s+|seen\s+)?(?:[a-z]+\s+)?(?:errors?|failures?"
            r"|timeouts?|crash(?:es)?)\b",
            re.IGNORECASE,
        ),
    ),
)
_ALL_HEALTHY = (*_HEALTHY, *_HEALTHY_CUED)
# The author says the incident is over: "the incident is over", "closing the incident",
# "we marked the incident as resolved". An explicit mark, as the pack's markers are.
_CLOSING = re.compile(
    r"\b(?:incident|outage|issue|impact|problem|disruption|degradation)\s+"
    r"(?:is|was|has been|had been|were|are)\s+(?:(?:now|officially|fully|finally)\s+)?"
    r"(?:over|closed|resolved|ended|finished)\b"
    r"|\b(?:clos|end|resolv)(?:e|ed|es|ing)\s+(?:the|this|our)\s+(?:incident|outage)\b"
    r"|\b(?:declared|considered)\s+(?:as\s+)?(?:over|closed|ended)\b"
    r"|\bmark(?:ed|ing|s)?\s+(?:the\s+incident\s+|it\s+|this\s+)?as\s+resolved\b",
    re.IGNORECASE,
)
# "was not healthy", "never stabilized", "isn't over": a negation just before the state.
# Told as what is to come ("once it is reassigned it will work again", "should
# resolve itself within the hour" is not: "should now be" is said of the present) is no
# state either.
_NEGATED = re.compile(
    r"\b(?:not|never|no longer|yet|will|would|going to|expected to)\s+(?:\w+\s+)?$"
    r"|n't\s+(?:\w+\s+)?$|'ll\s+(?:\w+\s+)?$"
)
_NEGATION_WINDOW = 24


def _stated(pattern: re.Pattern[str], text: str) -> bool:
    """Does the text state the pattern's state, not negated ("was not healthy")? A text
    without any word the pattern needs is not searched (`pmlint.literals`)."""
    if not may_match(needed_when_worth(pattern.pattern, pattern.flags), text):
        return False
    for match in pattern.finditer(text):
        before = text[max(0, match.start() - _NEGATION_WINDOW) : match.start()].lower()
        if _NEGATED.search(before) is None:
            return True
    return False


# The timeline asks both of the same entry or sentence several times (its kinds, then its
# outcome, then the story's end): a third of the asks repeat one, over the whole text.
@lru_cache(maxsize=1024)
def closed(text: str) -> bool:
    """Does the text say the incident is over ("closing the incident", "the outage is
    over")? The author's own mark of the resolution."""
    return _stated(_CLOSING, text)


# A report that nothing is wrong is not a detection: "smoke tests show nothing wrong, and
# this is posted in the chat", "the job reports success".
_ALL_FINE = re.compile(
    r"\b(?:all (?:fine|good|green|ok|okay|healthy|clear|passed)|(?:looks?|looked|seems?|seemed)"
    r" (?:fine|good|ok|okay|healthy|normal)|(?:tests?|checks?) (?:pass(?:ed|es)?|succeed(?:ed|s)?"
    r"|green)|report(?:s|ed)? success|no (?:errors?|issues?|problems?) (?:were |was )?(?:found|seen"
    r"|reported|observed)"
    # a report that something went well: "the team reports the dry run on staging passes",
    # "QA reported that the migration test succeeded" (up to eight words between)
    r"|report(?:s|ed)?\s+(?:that\s+)?(?:[\w.'-]+\s+){0,8}?(?:pass(?:es|ed)?|succeed(?:s|ed)?"
    r"|(?:is|was|were|are)\s+successful|went\s+well))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Entry:
    """A timeline entry as the classifier sees it: its text, its time, whether it has one."""

    text: str
    when: dt.datetime
    has_time: bool
    index: int  # position among the entries, so that callers map a choice back
    marked: bool = False  # set apart by the author (in bold among plain entries)


@dataclass(frozen=True, slots=True)
class WordClasses:
    """The pack's word classes, each compiled to one pattern (None when empty)."""

    # Markers and events as tries (`phrases_trie`): `has` asks a yes or no, 27,000 times in
    # a cold run of the bench's real text, in half the time of a plain alternation.
    markers: Mapping[str, re.Pattern[str] | None]
    events: Mapping[str, re.Pattern[str] | None]
    triggers: re.Pattern[str] | None
    # The detection events as the plain alternation, for `finditer` (whose matches' ends a
    # trie may not keep).
    detected: re.Pattern[str] | None

    def has(self, kind: str, text: str, part: str = "events") -> bool:
        pattern = (self.markers if part == "markers" else self.events).get(kind)
        if pattern is not None and pattern.search(text.lower()) is not None:
            return True
        return kind == "resolved" and part == "markers" and closed(text)

    def trigger(self, text: str) -> bool:
        return self.triggers is not None and self.triggers.search(text.lower()) is not None


def word_classes(words: Mapping[str, Mapping[str, Sequence[str]]]) -> WordClasses:
    """The classes of a pack, compiled once per pack rather than once per document."""
    key = tuple(
        (kind, part, tuple(values))
        for kind, parts in sorted(words.items())
        for part, values in sorted(parts.items())
    )
    return _word_classes(key)


@lru_cache(maxsize=16)
def _word_classes(key: tuple[tuple[str, str, tuple[str, ...]], ...]) -> WordClasses:
    words: dict[str, dict[str, tuple[str, ...]]] = {}
    for kind, part, values in key:
        words.setdefault(kind, {})[part] = values

    def compiled(values: Sequence[str]) -> re.Pattern[str] | None:
        if not values:
            return None
        ordered = sorted(values, key=len, reverse=True)
        return re.compile(rf"(?<![a-z])(?:{'|'.join(phrase_pattern(v) for v in ordered)})")

    def trie(values: Sequence[str]) -> re.Pattern[str] | None:
        return re.compile(phrases_trie(values)) if values else None

    return WordClasses(
        {kind: trie(w.get("markers", ())) for kind, w in words.items()},
        {kind: trie(w.get("events", ())) for kind, w in words.items()},
        compiled(words.get("start", {}).get("triggers", ())),
        compiled(words.get("detected", {}).get("events", ())),
    )


def phrase_pattern(phrase: str) -> str:
    """A phrase whose every word may take an ending: "return to normal" also reads "returns
    to normal" and "returned to normal"; the last word is a word start, as a single word is."""
    words = [re.escape(word) for word in phrase.lower().split()]
    return _WORD_GAP.join(words)


_WORD_GAP = r"[\w'-]*\s+"  # the rest of a word (an ending), then the space before the next
_GAP = object()  # a trie's key for `_WORD_GAP`, beside its characters
_Trie = dict[object, "_Trie"]


def phrases_trie(phrases: Sequence[str]) -> str:
    """A pattern matching what `(?<![a-z])(?:P1|P2|...)` of their `phrase_pattern`s matches
    (in lower-case text), written as a trie: "fail", "failed" and "fail over" make
    `fail(?:ed|` + the gap + `over)?`. Python's regex engine tries an alternation branch by
    branch at every position of the text, and the pack's word classes are dozens of
    phrases (twice as fast on the bench's real text). The same strings match, from the
    same positions; where several match from one position, which one (its end) may
    differ, so this is for a search's yes or no, not for `finditer`."""
    root: _Trie = {}
    for phrase in phrases:
        node = root
        for index, word in enumerate(phrase.lower().split()):
            if index:
                node = node.setdefault(_GAP, {})
            for char in word:
                node = node.setdefault(char, {})
        node[None] = {}  # a phrase ends here
    return r"(?<![a-z])(?:" + _trie_text(root) + ")"


def _trie_text(node: _Trie) -> str:
    branches = [
        (_WORD_GAP if atom is _GAP else re.escape(str(atom))) + _trie_text(child)
        for atom, child in node.items()
        if atom is not None
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if None in node:  # a phrase ends here: what follows is optional
        return "(?:" + body + ")?"
    return body


def _comparable(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        return value
    return value.astimezone(dt.timezone.utc).replace(tzinfo=None)


# Someone working at something: "is working on", "are working closely with"; and the purpose
# it works to ("are working to mitigate", "are working with our upstream provider to
# mitigate"): the verb it aims at is not done.
_EFFORT = re.compile(
    r"\b(?:is|are|was|were|been|be|keep|continue|continues|continuing)\s+(?:\w+ly\s+)?working"
    r"(?:\s+(?:hard|closely|diligently|actively))?\s+(?:to\s+(?:\w+ly\s+)?\w+"
    r"|with\b(?:[^.;!?\n]{0,60}?\bto\s+(?:\w+ly\s+)?\w+)?|on|through|towards?|around)\b",
    re.IGNORECASE,
)


# A success at learning, not the service's: "the team successfully identified the root cause",
# "successfully reproduced the crash locally".
_LEARNED = re.compile(
    r"\bsuccessfully\s+(?:identif|reproduc|replicat|diagnos|locat|determin|isolat|trac"
    r"|pinpoint|found|find|narrow)\w*",
    re.IGNORECASE,
)


def plain_quotes(text: str) -> str:
    """The text with its typographic apostrophe written plain ("haven’t" as "haven't"), the
    one the word classes and negations are written with (a copied web page types it)."""
    return text.replace("\u2019", "'") if "\u2019" in text else text


def without_efforts(text: str) -> str:
    """The text without someone working at something ("our team is working on a fix",
    "engineers are working to restore it"): an effort, not that the thing is working; nor a
    success at finding something out ("successfully identified the cause")."""
    lower = text.lower()
    if "working" in lower:
        text = _EFFORT.sub(" ", text)
    return _LEARNED.sub(" ", text) if "successfully" in lower else text


# What is to happen once something is the case: "Once the API has recovered, tenants will
# be notified", "we will reply when the queue is restored". Neither half tells an event
# (a time clause in the present, a main clause in the future).
_UNTIL_THEN = r"\b(?:once|when|as soon as|after|until)\s+(?:[\w-]+\s+){0,5}?(?:is|are|has|have)\b"
_TO_COME = re.compile(
    rf"{_UNTIL_THEN}[^.!?;\n]{{0,120}}?(?:\bwill\b|'ll\b)"
    rf"|(?:\bwill\b|'ll\b)[^.!?;\n]{{0,120}}?{_UNTIL_THEN}[^.!?;\n]{{0,80}}",
    re.IGNORECASE,
)


# A belief, not an outcome seen: "we believed we had caught up", "we thought the fix had
# worked", "assuming the queue was drained".
_BELIEF = re.compile(
    r"\b(?:believ(?:e|ed|es|ing)|thought|assum(?:e|ed|es|ing)|hop(?:e|ed|es|ing))\b",
    re.IGNORECASE,
)


def believed(text: str) -> bool:
    """Does the text tell what someone believed ("we believed we had caught up") rather
    than what was seen?"""
    return _BELIEF.search(text) is not None


def without_plans(text: str) -> str:
    """The text without what is to happen once something is the case ("once the API has
    recovered, tenants will be notified"): the recovery is awaited, not told."""
    lower = text.lower()
    if "will" not in lower and "'ll" not in lower:
        return text  # no future tense: nothing to strip (this runs for every entry)
    return _TO_COME.sub(" ", text) if _TO_COME.search(text) is not None else text


# Another organisation's word about its own side: "the vendor marks the fault fixed on their
# status page", "the bank says payments look fine on their side", "Acme Cloud declared its
# incident over". The upstream recovered (or says it did); the document's own
# service may not have, so it is no mitigation or resolution of the document's incident.
_THEIR_SIDE = re.compile(
    r"\b(?:on|at|from)\s+their\s+(?:end|side)\b|\btheir\s+(?:own\s+)?status\s*page\b",
    re.IGNORECASE,
)
# Users telling how the document's own service works for them ("a customer confirms logins
# work on their end") tell its recovery, not another organisation's.
_USERS_SIDE = re.compile(
    r"\b(?:customers?|users?|clients?|tenants?|merchants?|subscribers?|players?|members?"
    r"|developers?|reporters?)\b",
    re.IGNORECASE,
)
# A named other party (a capitalised name, not "We", "I", "The team", "Engineering", nor an
# incident tool acting for the team: "Statuspage", "PagerDuty", a bot) declaring or marking
# the incident over.
_OTHERS_DECLARE = re.compile(
    r"(?<![\w.&-])(?!(?:We|I|Our|The|This|It|Team|Engineering|Ops|Operations|Support|SRE|Staff"
    r"|On-?call"
    r"|Incident|Everyone|Status\w*|PagerDuty|Opsgenie|\w*[Bb]ot)\b)"
    r"[A-Z][\w.&-]*\s+(?:has\s+|had\s+|then\s+|later\s+)?"
    r"(?:declared|declares|marked|marks|announced|announces)\s+(?:the\s+|that\s+the\s+|its\s+)?"
    r"(?:outage|incident|issue|problem|event)s?\s+(?:as\s+|was\s+|is\s+|had\s+been\s+)?"
    r"(?:resolved|over|fixed|mitigated|closed|ended)\b"
)


def told_by_others(text: str) -> bool:
    """Is the recovery in the text another organisation's word about its own side ("marked
    fixed on their status page", "looks fine on their side", "Acme Cloud declared its incident
    over")?"""
    lower = text.lower()
    if "their" in lower and _THEIR_SIDE.search(text) and not _USERS_SIDE.search(text):
        return True
    return any(w in lower for w in ("declare", "mark", "announce")) and bool(
        _OTHERS_DECLARE.search(text)
    )


# Where a sentence's clauses part: a stop, "but", "while", "whereas", ", and we" / ", and our".
# (A blank run is tried from its first blank only, so a long run of blanks stays linear.)
_CLAUSE_BREAK = re.compile(
    r"(?<=[.;!?])\s+|,?(?<!\s)\s+(?:but|while|whereas)\s+|,?(?<!\s)\s+and\s+(?=(?:we|our)\b)",
    re.IGNORECASE,
)


def without_others(text: str) -> str:
    """The text without its clauses that tell another organisation's word about its own side
    ("the provider says it is fixed on their side, and our queues drain again": the second
    clause stays)."""
    return " ".join(part for part in _CLAUSE_BREAK.split(text) if not told_by_others(part))


# A sentence about what the trouble spared: "Edge caching and other services are unaffected and
# operate as expected", "EU servers were not impacted and work normally": no recovery.
_UNAFFECTED = re.compile(
    r"\b(?:unaffected|unimpacted|not\s+(?:been\s+)?(?:affected|impacted))\b", re.IGNORECASE
)
_SENTENCE_ENDS = ".;!?\n"


def _without_spared(text: str) -> str:
    """The text less its sentences about what the trouble spared (each found by its word,
    then cut at the sentence's ends: one pass, not a scan from every place)."""
    kept: list[str] = []
    at = 0
    for match in _UNAFFECTED.finditer(text):
        if match.start() < at:
            continue
        begin = max(text.rfind(c, at, match.start()) for c in _SENTENCE_ENDS) + 1
        ends = [i for c in _SENTENCE_ENDS if (i := text.find(c, match.end())) >= 0]
        end = min(ends) if ends else len(text)
        kept.append(text[at : max(begin, at)])
        kept.append(" ")
        at = end
    kept.append(text[at:])
    return "".join(kept)


def _outcome(kind: str, entry: Entry, classes: WordClasses) -> bool:
    """Did the impact stop (mitigated) or the incident end (resolved) in this entry?"""
    own = without_others(entry.text) if told_by_others(entry.text) else entry.text
    if classes.has(kind, own, "markers"):
        return True
    text = _NOT_RECOVERY.sub(" ", own) if "back" in own else own
    if "affected" in text or "impacted" in text:
        text = _without_spared(text)
    text = without_plans(without_efforts(text))
    if not (classes.has(kind, text) or (kind == "mitigated" and recovered_again(text))):
        return False
    if "whil" in text:
        text = _ALONGSIDE.sub(" ", text)
    return _ATTEMPT.search(text) is None


def closes_incident(entry: Entry, classes: WordClasses) -> bool:
    """Does a timeline entry close the incident: the author's mark or its words ("fully
    operational again", "incident resolved"), or a fix that landed ("the permanent fix
    was deployed")?"""
    return _outcome("resolved", entry, classes) or fix_landed(entry.text)


def attempted(text: str) -> bool:
    """Does the text tell an attempt or a failure ("started the rollback", "still down")
    rather than an outcome?"""
    return _ATTEMPT.search(text) is not None


@lru_cache(maxsize=1024)
def recovered_again(text: str) -> bool:
    """Does the text say something works again ("uploads work again") or is in a healthy
    state ("running normally", "stabilized", "at baseline")? An impact stopping. Words in
    quotation marks are someone else's ('a report that "the website is accessible"')."""
    if '"' in text or "“" in text:
        text = _QUOTED.sub(" ", text)
    lower = text.lower()
    if "again" in lower and _AGAIN.search(text) is not None:
        return True
    for cues, pattern in _ALL_HEALTHY:
        for cue in cues:  # plain loops: this runs for every entry of every timeline
            if cue in lower:
                if _stated(pattern, text):
                    return True
                break
    return False


_QUOTED = re.compile(r'"[^"\n]{0,300}"|“[^”\n]{0,300}”')


def _detection(entry: Entry, classes: WordClasses) -> bool:
    """Did someone or something learn of the incident in this entry? Not when what they
    learned is that all is well, nor when a machine "reports" its own symptom."""
    return tells_detection(entry.text, classes)


def tells_detection(text: str, classes: WordClasses) -> bool:
    """Does this text tell that someone or something learned of the incident (`_detection`'s
    reading of an entry, for any sentence)? Not a detection word denied ("we had no alerts
    until Tuesday"), nor one that tells all is well or a machine's own report."""
    text = without_machine_reports(text)
    if not classes.has("detected", text) or _ALL_FINE.search(text) is not None:
        return False
    pattern = classes.detected
    if pattern is None:
        return True
    lower = text.lower()
    # "without doing too much investigation", "nobody noticed": a detection word denied;
    # "Alarm does not fire", "the alert never triggered": denied after it
    return any(
        _DENIED.search(lower, max(0, m.start() - _NEGATION_WINDOW), m.start()) is None
        and _DENIED_AFTER.match(lower, _WORD_REST.match(lower, m.end()).end()) is None  # type: ignore[union-attr]
        for m in pattern.finditer(lower)
    )


_DENIED = re.compile(r"\b(?:not|never|no|nobody|without)\s+(?:\w+\s+){0,3}$|n't\s+(?:\w+\s+)?$")
# A detection word whose own verb is denied right after it: "Alarm does not fire", "the page
# never went out", "alerts didn't trigger" (the rest of its word first). What a verb of
# learning learned may be a denial: "realized it was not synced" stays.
# (Entry text is blank-normalised: one space; no leading \w* or \s+ keeps a search linear.)
_DENIED_AFTER = re.compile(r" (?:(?:does|did|do) ?(?:not\b|n't)|never\b)")
_WORD_REST = re.compile(r"\w*")


# A machine that "reports" or "logs" its own state tells a symptom, not that anyone learned of
# it: "cache nodes report disk pressure", "the kubelet reported OOM kills", "pods logged
# connection refused warnings".
_MACHINE_REPORT = re.compile(
    # a thing's own check, told with "it": "repopulates the table when it notices it is empty"
    r"\bit\s+(?:notices|noticed|detects|detected)\b[^.;\n]{0,60}|"
    r"\b(?:nodes?|pods?|servers?|hosts?|containers?|instances?|kubelets?|daemons?|processe?s?"
    r"|workers?|replicas?|shards?|disks?|volumes?|databases?|db|clusters?|brokers?|probes?"
    r"|health ?checks?|load ?balancers?|lbs?|vms?|machines?|jobs?|services?|apis?)"
    r"\s+(?:\w+\s+)?(?:report(?:s|ed|ing)?|log(?:s|ged|ging)?|emit(?:s|ted|ting)?|throw(?:s|ing)?"
    r"|threw)\b[^.;\n]{0,60}|"
    # a platform that heals itself: "the container orchestration platform detected the crash
    # and launched a replacement", "Kubernetes noticed the issue and recovered itself": its
    # own mechanism at work, not anyone learning of the incident
    r"\b(?:kubernetes|k8s|orchestrat\w*(?:\s+(?:platform|layer|system))?|scheduler|supervisor"
    r"|watchdog|systemd|autoscaler|auto-?healing|self-?healing)\s+"
    # (not the people named after it: "the scheduler team noticed")
    r"(?:(?!team|engineers?|owners?|on-?call|admins?|group|squad)\w+\s+)?"
    r"(?:detect(?:s|ed)|notic(?:es|ed)|caught|catches)\b[^.;\n]{0,60}",
    re.IGNORECASE,
)


# A report that is a document or a system, not word of a problem: "the reporting database",
# "the weekly report", "report generation", a status page's "Incident Report for ...".
_REPORT_THING = re.compile(
    r"\breporting\s+(?:database|db|service|pipeline|job|system|cluster|api|tool|dashboards?"
    r"|servers?|stack|layer|tables?|quer(?:y|ies)|workers?|replicas?)\b"
    r"|\b(?:weekly|daily|monthly|nightly|quarterly|annual|usage|billing|financial|sales"
    r"|analytics|scheduled)\s+reports?\b|\breports?\s+generat\w*"
    # a status page's own header, copied with its post: "Incident Report for ExampleCloud";
    # a report's own heading run into its first section ("Incident Report\nSummary\nOn 12
    # August ...", the same with an HTML page's tags masked to blanks)
    r"|\bincident\s+report\s+for\b"
    r"|\bincident\s+report\b(?=\s+(?:summary|overview|background|description)\b|[ \t]*(?:\n|$))",
    re.IGNORECASE,
)


# What customers may have gone through, as a provider's impact statement tells it, is the
# impact, not word of it: "customers using the service may have observed connectivity
# errors", "Impacted customers may have experienced error notifications" (the verb and the
# few words after it).
_CUSTOMERS_MAY_HAVE = re.compile(
    r"\b(?:users?|customers?|clients?|tenants?|subscribers?)\b(?:\s+[\w-]+){0,10}?\s+"
    r"(?:may|might|would|could)\s+(?:also\s+)?have\s+(?:observed|noticed|experienced|seen"
    r"|encountered|received)\b(?:\s+[\w-]+){0,3}",
    re.IGNORECASE,
)


# What users went through is the impact, not word of it: "users see 502s", "customers saw
# errors at checkout" (a user who reports or complains tells someone: that stays).
_USERS_SEE = re.compile(
    r"\b(?:users?|customers?|clients?|visitors?|merchants?|players?|people)\s+(?:\w+\s+)?"
    r"(?:saw|see|sees|seeing)\b",
    re.IGNORECASE,
)


# What customers got is the impact too, not word of it: "customers ... may have received
# error notifications", "any alerts you received today" (a status post's "you"); and an alert
# that was false is the symptom of an alerting service, not a detection: "Potential False
# Alerts from 16:16 UTC". (Who received word is otherwise us: "we received an alert" stays.)
_USERS_GOT = re.compile(
    r"\b(?:users?|customers?|clients?|visitors?|merchants?|players?|people|you)\b"
    # (not a clause of its own, nor the users telling us: "a user reports not receiving")
    r"(?:\s+(?!(?:we|our|and|but|then|so|report\w*|complain\w*|tell\w*|told|sa(?:y|ys|id)"
    r"|contact\w*|wr(?:ite|ites|ote))\b)[\w-]+){0,10}?\s+"
    r"(?:received?|receiving|got|get|gets|getting)\s+(?:[\w-]+\s+){0,3}"
    r"(?:errors?|alerts?|alarms?|notifications?|e-?mails?|messages?|warnings?|pages?)\b"
    r"|\b(?:alerts?|alarms?|notifications?|e-?mails?|messages?|pages?)\s+(?:that\s+)?you\s+"
    r"(?:may\s+|might\s+)?(?:have\s+)?(?:received|got|saw|seen)\b"
    r"|\b(?:false|spurious|erroneous|duplicate)\s+(?:alerts?|alarms?|pages?|notifications?)\b"
    # mail that did not arrive is a mail service's symptom: "I did not receive any email to
    # my domains" (not "we did not receive the alert email": a detection denied)
    r"|\b(?:not|n't|never)\s+(?:[\w-]+\s+){0,2}?(?:receiv\w*|get|got|getting)\s+"
    r"(?:(?:any|our|my|new|incoming)\s+)?(?:e-?mails?|mails?|messages?)\b",
    re.IGNORECASE,
)


# A detection that did not happen: "a bug that was not noticed in code review", "the health
# check was not able to detect this mode of failure", "monitoring failed to catch it".
_MISSED = re.compile(
    r"\b(?:not|never|n't|unable\s+to|fail(?:ed|s)?\s+to|without)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:detect|notic|catch|caught|discover|alert|flag|trigger)\w*"
    # none came: "we had no related alerts until Tuesday", "no reports since the fix"
    # ("no statistics were reported": a gap in a machine's figures)
    r"|\bno\s+(?:[\w-]+\s+){0,2}?(?:alert|alarm|page|report|notification|complaint|ticket)\w*",
    re.IGNORECASE,
)


# The paging service's name, as its own reports and its customers' name it ("a change was
# deployed to PagerDuty web services"): no page by itself (its alert, its page still are).
_PAGER_SERVICE = re.compile(r"\bpagerduty(?:'s)?\b", re.IGNORECASE)


# An investigation that goes on tells that the incident was known before: "We are continuing
# to investigate this issue", "The investigation continues", "still investigating" (a status
# update's follow-up, not when anyone learned of it).
_STILL_INVESTIGATING = re.compile(
    r"\b(?:continu\w*|keep(?:s|ing)?|still)\s+(?:to\s+)?(?:investigat|look(?:ing)?\s+into)\w*"
    r"|\binvestigations?\s+(?:(?:is|are)\s+)?(?:continu|ongoing|still\b|goes\s+on)\w*",
    re.IGNORECASE,
)


# What a notice asks its readers to do, should they be hit: "If you continue to experience
# problems, please open a Support ticket", "feel free to contact support" (no one reported
# anything: it is an invitation).
_ASKED_OF_READERS = re.compile(
    r"\bif\s+you\s+(?:\w+\s+){0,3}?(?:experienc|see|notic|encounter|have|are|were|still)\w*"
    r"[^.!?\n]{0,120}"
    r"|\b(?:please|feel\s+free\s+to|(?:do\s+not|don't)\s+hesitate\s+to)\s+[^.!?\n]{0,120}",
    re.IGNORECASE,
)


# The team asking a provider for help: "I opened a ticket with the host's support at 20:30",
# "we have contacted the payment provider's support", "I had emailed the vendor's support".
# Sent by those who already knew: no one learned of the incident from it.
_OUR_REQUEST = re.compile(
    r"\b(?:i|we)\s+(?:\w+\s+){0,2}?(?:opened|filed|raised|submitted|created|sent)\s+"
    r"(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:ticket|case|request)\s+(?:to|with)\b[^.;\n]{0,60}"
    r"|\b(?:i|we)\s+(?:\w+\s+){0,2}?(?:contacted|e-?mailed|wrote\s+to|reached\s+out\s+to"
    r"|called|messaged)\s+(?:[\w'-]+\s+){0,3}?support\b[^.;\n]{0,60}",
    re.IGNORECASE,
)


# Alerting switched on or off is a setting, not an alert: "we re-enabled our alerting
# process", "alerts were paused for the maintenance", "disabled the paging integration".
_ALERTING_SWITCHED = re.compile(
    r"\b(?:re-?enabl|enabl|disabl|paus|unpaus|suppress|snooz|turn(?:ed|s|ing)?\s+(?:off|on)"
    r"|switch(?:ed|es|ing)?\s+(?:off|on))\w*\s+(?:the\s+|our\s+|all\s+|its\s+|their\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:alert|alarm|pag(?:e|ing)|notification)\w*"
    r"|\b(?:alert|alarm|paging|notification)\w*\s+(?:was|were|is|are|had\s+been|have\s+been)\s+"
    r"(?:re-?enabl|enabl|disabl|paus|unpaus|suppress|snooz|turned\s+(?:off|on)"
    r"|switched\s+(?:off|on))\w*"
    # told without its verb ("with alerting paused"), but not "alerts enabled us to act"
    r"|\b(?:alert|alarm|paging|notification)\w*\s+(?:disabled|paused|suppressed|snoozed)\b",
    re.IGNORECASE,
)


# News of the cause is not news of the incident: "our administrators were able to identify the
# issue to be an update to the controller", "we identified the root cause as hitting scale
# limits", "the root cause has been identified" (the incident was known before it; setting out
# "to identify the cause" is the investigation, which may be the detection).
_CAUSE_FOUND = re.compile(
    r"\bidentified\s+(?:the\s+|a\s+)?(?:likely\s+|probable\s+)?(?:root\s+)?cause\b"
    r"|\bidentif\w*\s+the\s+(?:issue|problem)\s+(?:to\s+be|as)\b"
    r"|\b(?:root\s+)?cause\s+(?:of\s+[\w\s]{1,30}?\s+)?(?:was|has\s+been|had\s+been|is|were)\s+"
    r"(?:now\s+)?identified\b",
    re.IGNORECASE,
)


def asks_for_help(text: str) -> bool:
    """Does the text tell the team asking a provider's support for help (`_OUR_REQUEST`)? That
    is neither someone learning of the incident nor a step of the recovery."""
    return _OUR_REQUEST.search(text) is not None


def without_machine_reports(text: str) -> str:
    """The text with the symptoms machines report, what users see, reports that are
    documents or systems, detections that did not happen, an investigation that goes on and
    what a notice asks its readers to do, taken out, for the detection's words."""
    if "nvestigat" in text or "ooking into" in text:
        text = _STILL_INVESTIGATING.sub(" ", text)
    lower = text.lower()
    if "if you" in lower or "please" in lower or "free to" in lower or "hesitate" in lower:
        text = _ASKED_OF_READERS.sub(" ", text)
    if (
        "not" in text
        or "n't" in text
        or "fail" in text
        or "unable" in text
        or "without" in text
        or "no " in text.lower()
    ):
        text = _MISSED.sub(" ", text)
    if "support" in text.lower() or "ticket" in text.lower() or " case " in text.lower():
        text = _OUR_REQUEST.sub(" ", text)
    if "abl" in text or "aus" in text or "turn" in text or "switch" in text or "ppress" in text:
        text = _ALERTING_SWITCHED.sub(" ", text)
    if "dentif" in text:
        text = _CAUSE_FOUND.sub(" ", text)
    if "agerduty" in text.lower():
        text = _PAGER_SERVICE.sub(" ", text)
    lower = text.lower()
    if " s" in lower and ("saw" in lower or "see" in lower):
        text = _USERS_SEE.sub(" ", text)
    if "you" in lower or "ceiv" in lower or "got" in lower or " get" in lower or "alse" in lower:
        text = _USERS_GOT.sub(" ", text)
        lower = text.lower()
    if " have " in lower:
        text = _CUSTOMERS_MAY_HAVE.sub(" ", text)
        lower = text.lower()
    if (
        "report" not in lower
        and " log" not in lower
        and "emit" not in lower
        and "thr" not in lower
        and "it " not in lower
        and "detect" not in lower
        and "notic" not in lower
        and "caught" not in lower
        and "catches" not in lower
    ):
        return text
    return _REPORT_THING.sub(" ", _MACHINE_REPORT.sub(" ", text))


def classify_entries(entries: Sequence[Entry], classes: WordClasses) -> dict[str, Entry]:
    """The milestones a timeline's entries show, by the rules in the module docstring."""
    ordered = sorted(entries, key=lambda e: (_comparable(e.when), e.index))
    if not ordered:
        return {}
    found: dict[str, Entry] = {}
    for kind in MILESTONES:  # explicit markers win: the author said which entry it is
        marked = [e for e in ordered if classes.has(kind, e.text, "markers")]
        if marked:
            found[kind] = _close_announced(marked[-1], ordered) if kind == "resolved" else marked[0]

    if "start" not in found:
        start = _start(ordered, classes)
        if start is not None:
            found["start"] = start
    start_at = _comparable(found["start"].when) if "start" in found else None
    after_start = [e for e in ordered if start_at is None or _comparable(e.when) >= start_at]

    if "detected" not in found:
        detected = next((e for e in after_start if _detection(e, classes)), None)
        if detected is not None:
            found["detected"] = _heeded_later(detected, after_start, classes)
    if "escalated" not in found:
        escalated = next((e for e in after_start if classes.has("escalated", e.text)), None)
        if escalated is not None:
            found["escalated"] = escalated
    if "mitigated" not in found:
        # Impact stops after someone knew of it: an earlier "successfully applied" is the
        # change that caused it, not its mitigation.
        detected_at = _comparable(found["detected"].when) if "detected" in found else None
        after_detection = [
            e for e in after_start if detected_at is None or _comparable(e.when) >= detected_at
        ]
        candidates = [
            e
            for e in after_detection
            if _outcome("mitigated", e, classes)
            or (detected_at is not None and e is not found["detected"] and fix_landed(e.text))
        ]
        mitigated = _lasting(candidates, after_detection)
        if mitigated is not None:
            mitigated = _series_end(mitigated, candidates)
        if mitigated is not None and detected_at is not None:
            mitigated = _remedy_before(mitigated, after_detection, found)
        if mitigated is None and detected_at is not None:
            # Nothing recovered after someone noticed: it recovered by itself before ("the
            # cluster self-heals, back to normal", found hours later in the graphs).
            mitigated = next(
                (
                    e
                    for e in after_start
                    if e is not found.get("start")
                    and _comparable(e.when) < detected_at
                    and _outcome("mitigated", e, classes)
                    and not classes.trigger(e.text)
                ),
                None,
            )
        if mitigated is not None:
            found["mitigated"] = mitigated
    if "resolved" not in found:
        floor = found.get("mitigated")
        tail = [
            e
            for e in after_start
            if floor is None or _comparable(e.when) >= _comparable(floor.when)
        ]
        resolved = None
        for entry in tail:
            landed = floor is not None and entry is not floor and fix_landed(entry.text)
            if not (_outcome("resolved", entry, classes) or landed):
                continue
            last = resolved or floor
            late = (
                last is not None and _comparable(entry.when) - _comparable(last.when) > _CLOSING_RUN
            )
            if late and not entry.marked and not _came_back(tail, last, entry):
                break  # a tail, unless the author set it apart, or the impact came back
            # in between ("08:40 logins work again", "23:00 login errors returning", "01:30 ...
            # errors stopped": the story goes on to the last recovery)
            resolved = entry
        if resolved is None and floor is not None:
            resolved = _last_confirmation(tail, floor, classes)
        elif resolved is floor and floor is not None and not _CONFIRMS.search(floor.text):
            # only the mitigation's own words close it ("14:31 rollback finished"): the
            # confirmations that follow it closely ("14:33 error rate back to baseline") end it.
            # A mitigation that is itself the confirmation ("the fix is confirmed complete",
            # "verified that all jobs run") needs none after it: what follows is word of it
            # passed on ("the mailing list is told it is fixed").
            resolved = _last_confirmation(tail, floor, classes, _CONFIRMED_SOON) or resolved
        if resolved is not None:
            found["resolved"] = _close_announced(resolved, tail)
    _start_before_the_rest(ordered, found, classes)
    return found


# An update that puts the close off: "we're waiting until the top of the hour before we
# consider the incident closed", "monitoring this for some time before closing the incident".
_CLOSE_DEFERRED = re.compile(
    r"\bbefore\s+(?:we\s+)?(?:consider(?:ing)?\s+(?:the\s+|this\s+)?(?:incident|issue|outage|it"
    r"|this)\s+(?:as\s+|to\s+be\s+)?(?:closed|resolved|over)"
    r"|(?:clos|resolv|declar|mark)(?:e|es|ing)\s+(?:the\s+|this\s+)?(?:incident|issue|outage|it"
    r"|this)\b)",
    re.IGNORECASE,
)


def _close_announced(resolved: Entry, tail: Sequence[Entry]) -> Entry:
    """An update that says the close is still to come ("waiting an hour before we consider
    the incident closed") is not the close: the next update, within the closing run, is (a
    status log's last post, whatever it says); the update itself when none follows."""
    if _CLOSE_DEFERRED.search(resolved.text) is None:
        return resolved
    at = _comparable(resolved.when)
    later = [e for e in tail if at < _comparable(e.when) <= at + _CLOSING_RUN]
    if not later or any(_RECURRENCE.search(e.text) for e in later):
        return resolved
    return min(later, key=lambda e: (_comparable(e.when), e.index))


# A person heeding word that had come in: "Ines notices the help-desk mail", "@bram sees and
# acknowledges the message", "@Orla logs on and sees the chat alerts", "Piet
# acknowledged that there is an issue". A person is a handle, a name, "we", the on-call or a
# team; the verb is one of learning, not of checking ("the NOC confirms" a fault it was told),
# and what is learned is word or a problem (not "acknowledges that they would like to ...").
_HEEDED = re.compile(
    r"(?:@[\w.-]+|\b[A-Z][a-z]+|\b(?:we|I|on-?call(?:\s+engineers?)?|engineers?|team|staff"
    r"|maintainers?|admins?|sysadmins?|someone|developers?|operators?))\s+(?:[\w-]+\s+){0,3}?"
    r"(?:notic(?:es|ed)|sees|saw|acknowledg(?:es|ed)|spott(?:s|ed)|spots)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:(?:e-?)?mails?|messages?|reports?|alerts?|pages?|notifications?|tickets?|issues?"
    r"|problems?|outage|errors?|incident|breakage|failures?)\b"
)
# Word a person sent by name ("@cal-smith reached out to @joshblack ... reporting"): a person
# knew already.
_HANDLE_TELLS = re.compile(
    r"(?:^|[\s:|*(-])@[\w.-]+\s+(?:\w+\s+){0,2}?(?:report|reach|told|tell|flag|rais|open|post"
    r"|ping|mention|notic|sa(?:y|id)|ask)",
)
# How long word may sit unseen (a mail overnight) and its heeding still be the detection.
_UNSEEN_REACH = dt.timedelta(days=1)


def _heeded_later(detected: Entry, story: Sequence[Entry], classes: WordClasses) -> Entry:
    """The detection is when a person learned: word that came in (a mail to a support
    address, an alert e-mailed, a vendor's status post) and that a person is told to notice
    or acknowledge later, before anything recovered, was detected then."""
    if _HEEDED.search(detected.text) is not None or _HANDLE_TELLS.search(detected.text):
        return detected
    at = _comparable(detected.when)
    for entry in story:
        when = _comparable(entry.when)
        if when <= at:
            continue
        if when - at > _UNSEEN_REACH or _outcome("mitigated", entry, classes):
            break
        if _HEEDED.search(entry.text) is not None and _detection(entry, classes):
            return entry
    return detected


# An outcome told of the first of several ("First transaction is mined and succeeds"), and
# the rest of the series told after it ("Second transaction is mined", "the remaining nodes").
_FIRST_OF = re.compile(r"\bfirst\s+(?!(?:fix|workaround|attempt|step|mitigation)\b)[a-z]", re.I)
_REST_OF = re.compile(
    r"\b(?:second|third|fourth|next|last|final|remaining|rest\s+of|other)\b", re.IGNORECASE
)


def _series_end(mitigated: Entry, candidates: Sequence[Entry]) -> Entry:
    """The last outcome of a series whose first is `mitigated`: the impact stopped when the
    last of those hurt recovered, not the first."""
    if _FIRST_OF.search(mitigated.text) is None:
        return mitigated
    end = mitigated
    for entry in candidates:
        if _comparable(entry.when) > _comparable(end.when) and _REST_OF.search(entry.text):
            end = entry
    return end


# The impact came back after it had stopped: "OOM errors started reoccurring", "message
# posted that the outage was not over", "the site went down again".
_RECURRENCE = re.compile(
    r"\b(?:re-?occur\w*|recur(?:s|red|ring|rence)?\b|resurfac\w*|reappear\w*"
    r"|(?:not|n't)\s+(?:yet\s+)?over\b"
    r"|(?:went|goes|is|was|were|are)\s+down\s+again\b"
    r"|(?:fail\w*|error\w*|crash\w*|broke|broken|unreachable|unavailable)\s+again\b"
    # "login errors returning for EU users", "the timeouts came back": the symptom returns
    r"|\b(?:errors?|failures?|timeouts?|crash(?:es|ing)?|outage|symptoms?|5xx|issue|problem)\s+"
    r"(?:\w+\s+)?(?:return(?:s|ed|ing)?|came\s+back|comes?\s+back|coming\s+back)\b"
    r"(?!\s+(?:to\s+(?:normal|zero|0|baseline|expected)|down|under|below))"
    r"|again\s+(?:fail\w*|down|unreachable|unavailable|broken|crash\w*)"
    # "issue happened again", "the errors started again", "deliveries lag again": the
    # problem named as the subject, or a symptom of slowness (not "to prevent this from
    # happening again", a wish, nor "the service started again", a recovery)
    r"|\b(?:issue|problem|outage|incident|errors?|failures?|timeouts?|disruption|degradation)\s+"
    r"(?:\w+\s+)?(?:happen\w*|occur\w*|start\w*|began|begins?|spik\w*)\s+again\b"
    r"|\b(?:lag\w*|slow\w*|stall\w*|spik\w*|degrad\w*|tim(?:ed|es|ing)\s+out)\s+again\b"
    # "error rates increased again", "latency rose again": the symptom climbing once more
    # (not "throughput increased again", a recovery)
    r"|\b(?:errors?|error\s+rates?|failures?|failure\s+rates?|latenc(?:y|ies)|timeouts?)\s+"
    r"(?:\w+\s+)?(?:increas\w*|rose|rising|climb\w*|jump\w*|grew|grow\w*)\s+again\b"
    # or had never stopped: "the revert did not help", "restarts not having the intended
    # effect", "hubs remain inaccessible" (a root cause left unsolved is another matter)
    r"|(?:did\s+not|didn't|does\s+not|doesn't|failed\s+to)\s+(?:\w+\s+)?(?:solve|help|fix|resolve"
    r"|work|restore|mitigate|improve)\b(?!\s+(?:\w+\s+){0,2}(?:root|underlying|permanent))"
    r"|not\s+having\s+the\s+(?:intended|desired)\s+effect|\bno\s+(?:visible\s+)?(?:effect|improvement)"
    r"|(?:remain|remains|remained|still)\s+(?:\w+\s+)?(?:inaccessible|down|unavailable|unreachable"
    r"|broken|offline|failing|degraded)\b)",
    re.IGNORECASE,
)


# How long after a recovery the impact coming back still makes it no mitigation: the same
# incident's second round ("23:00 login errors returning"), not a new incident days later.
_RECURRENCE_REACH = dt.timedelta(days=2)


def came_back(text: str) -> bool:
    """Does the text say the impact came back ("starting at 18:40 error rates increased
    again")?"""
    return _RECURRENCE.search(text) is not None


def _came_back(entries: Sequence[Entry], before: Entry | None, after: Entry) -> bool:
    """Does an entry between `before` and `after` say the impact came back?"""
    if before is None:
        return False
    low, high = _comparable(before.when), _comparable(after.when)
    return any(
        low < _comparable(e.when) < high and _RECURRENCE.search(e.text) is not None for e in entries
    )


def _lasting(candidates: Sequence[Entry], story: Sequence[Entry]) -> Entry | None:
    """The first outcome after which the impact did not come back: one followed within the
    closing run by an entry that says it recurred ("22:23 service restored", "22:29 OOM
    errors started reoccurring") gives way to the next outcome (the first, if all recur)."""
    if not candidates:
        return None
    order = {id(e): i for i, e in enumerate(story)}
    recurrences = [e for e in story if _RECURRENCE.search(e.text)]
    for entry in candidates:
        at, when = order.get(id(entry), -1), _comparable(entry.when)
        if not any(
            order[id(r)] > at and _comparable(r.when) - when <= _RECURRENCE_REACH
            for r in recurrences
        ):
            return entry
    return candidates[0]


def fix_landed(text: str, attempts: bool = True) -> bool:
    """Does the text say a fix landed (deployed, released, published), not just that one was
    planned or started (`attempts`: refuse a text that also tells an attempt, as an entry
    does; a sentence of prose may tell both, "issued a new version and began rolling it
    out")?"""
    lower = text.lower()
    if not any(word in lower for word in _FIX_WORDS) or _FIX_LANDED.search(text) is None:
        return False
    return not attempts or _ATTEMPT.search(text) is None


# An entry that checks the outcome itself: "resolution is confirmed complete", "verified that
# the builds pass".
_CONFIRMS = re.compile(r"\b(?:confirm(?:s|ed|ing)?|verif(?:y|ies|ied|ying))\b", re.IGNORECASE)
# How soon after a mitigation that closes itself in words its confirmations still end it.
_CONFIRMED_SOON = dt.timedelta(hours=1)


def _last_confirmation(
    tail: Sequence[Entry], floor: Entry, classes: WordClasses, run: dt.timedelta = _CLOSING_RUN
) -> Entry | None:
    """With no entry that closes the incident, the last entry after the mitigation that says
    things work ("14:05 rolled back", "14:10 submissions succeed again"): the confirmation
    ends it, as "service operational" a minute after "rollback performed" does. Each within
    `run` (the closing run) of the one before; None when no entry after the mitigation says so."""
    last = floor
    for entry in tail:
        if entry is floor or _comparable(entry.when) <= _comparable(floor.when):
            continue
        if not _outcome("mitigated", entry, classes):
            continue
        if _comparable(entry.when) - _comparable(last.when) > run:
            break
        last = entry
    return None if last is floor else last


def _remedy_before(outcome: Entry, entries: Sequence[Entry], found: Mapping[str, Entry]) -> Entry:
    """The remedy that brought the outcome: "rollback performed" at 09:48, then "service
    operational" at 09:49 — the impact stopped when the rollback landed. A remedy comes after
    the incident was known: the change that started it ("16:55 deployed", detected at 16:55)
    is not one."""
    at = _comparable(outcome.when)
    known = [_comparable(found[k].when) for k in ("start", "detected") if k in found]
    floor = max(known) if known else None
    for entry in entries:
        when = _comparable(entry.when)
        if when >= at or entry in found.values() or at - when > _REMEDY_WINDOW:
            continue
        if floor is not None and when <= floor:
            continue
        if _REMEDY_DONE.search(entry.text) and _ATTEMPT.search(entry.text) is None:
            if _came_back(entries, entry, outcome):
                continue  # "09:31 nodes restarted", "09:44 the problem happened again": it
                # did not bring the outcome
            return entry
    return outcome


def _start_before_the_rest(
    ordered: Sequence[Entry], found: dict[str, Entry], classes: WordClasses
) -> None:
    """A start read from wording that comes after another milestone ("17:00 reverted", then
    errors reported at 19:20) is not the start: the story began with the entries just before
    the earliest milestone."""
    start = found.get("start")
    if start is None or classes.has("start", start.text, "markers"):
        return
    others = [e for k, e in found.items() if k != "start"]
    if not others:
        return
    earliest = min(others, key=lambda e: _comparable(e.when))
    if _comparable(earliest.when) >= _comparable(start.when):
        return
    floor = _comparable(earliest.when) - _LEAD_UP
    before = [e for e in ordered if floor <= _comparable(e.when) <= _comparable(earliest.when)]
    found["start"] = before[0] if before else earliest


def _says_recovered(entry: Entry, classes: WordClasses) -> bool:
    """A change whose entry says things work again ("deployments are up and running again")
    is a step of the recovery, not what broke them."""
    return _outcome("mitigated", entry, classes) or _outcome("resolved", entry, classes)


# A change that did not happen: "first deploy fails with a permissions error", "the pipeline
# failed, so the change did not take effect". The change words in it name what failed, not a
# change that was made: it set nothing off.
_FAILED_CHANGE = re.compile(
    r"\b(?:deploy(?:ment)?s?|releases?|rollouts?|upgrades?|migrations?|pipelines?|changes?"
    r"|updates?|builds?|jobs?|runs?)\s+(?:\w+\s+)?(?:fail(?:s|ed|ing)?|errored|aborted"
    r"|did not|didn't|does not|doesn't|was not|wasn't|never)\b"
    r"|\b(?:did not|didn't|does not|doesn't|failed to|never)\s+(?:take|took|takes)\s+effect\b"
    # a change asked of others, not yet made: "tells operators to apply the upgrade", "asks
    # tenants to roll out the new config" (the change is theirs, later, untimed)
    r"|\b(?:tell|ask|instruct|urg|remind|advis)(?:s|es|ed|d)?\s+(?:[\w@.-]+\s+){1,3}?to\s+"
    r"(?:[^.;\n]|\.(?=\w)){0,200}",  # to the clause's end ("v1.2.3" holds no end)
    re.IGNORECASE,
)


def _made_change(entry: Entry, classes: WordClasses) -> bool:
    """Does the entry tell a change that was made (a trigger), not one that failed?"""
    if not classes.trigger(entry.text):
        return False
    return classes.trigger(_FAILED_CHANGE.sub(" ", entry.text))


def _start(ordered: Sequence[Entry], classes: WordClasses) -> Entry | None:
    # a report that all is well is no symptom ("previously failing tests now pass")
    symptoms = [
        e for e in ordered if classes.has("start", e.text) and _ALL_FINE.search(e.text) is None
    ]
    detections = [e for e in ordered if _detection(e, classes)]
    anchors = symptoms[:1] + detections[:1]
    unintended = [
        e
        for e in ordered
        if _UNINTENDED.search(e.text)
        and not _says_recovered(e, classes)
        and _FAILED_CHANGE.search(e.text) is None
    ]
    if not anchors:
        if unintended:
            return unintended[0]  # nothing else says when it broke: the accident did
        return ordered[0]  # nothing says what happened when: the story starts at its start
    anchor = min(anchors, key=lambda e: (_comparable(e.when), e.index))
    # Entries with a day and no time ("Jun 11: a release is published") are a day apart, not
    # minutes: the windows widen to a day.
    day_only = not anchor.has_time
    lead_up = max(_LEAD_UP, _DAY) if day_only else _LEAD_UP
    window = max(_TRIGGER_WINDOW, _DAY) if day_only else _TRIGGER_WINDOW
    floor = _comparable(anchor.when) - lead_up
    # Up to the anchor as told: entries of the same day written after it come after it.
    told = ordered[: ordered.index(anchor) + 1]
    recent = [e for e in told if floor <= _comparable(e.when)]
    # The change that caused the first symptom, when it comes shortly before it.
    triggers = [
        e
        for e in recent
        if _made_change(e, classes)
        and not _says_recovered(e, classes)
        and _comparable(anchor.when) - _comparable(e.when) <= window
    ]
    if anchor in triggers:
        return anchor
    accidents = [
        e
        for e in unintended
        if _comparable(anchor.when) - _comparable(e.when) <= window and e in told
    ]
    if accidents:
        return accidents[0]
    if triggers:
        return triggers[-1]  # the closest change before the first symptom
    if symptoms and anchor is symptoms[0]:
        return anchor
    if _FIRST_OF.search(anchor.text) is not None:
        return anchor  # "the first customer reports errors": the first sign is the start
    return recent[0] if recent else anchor  # what the entries just before it describe
