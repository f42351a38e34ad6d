"""The trigger read from the sentences that tell a cause: the summary's before a Root cause
section's contributing factors, a sentence that points back at the one before, no cause in a
search for one, and class words that name what set it off rather than what was involved.
Every document here was written for this test."""

from __future__ import annotations

import pytest

from pmlint.config import load_config
from pmlint.engine import parse_document
from pmlint.extract.categories import UNKNOWN, incident_categories
from pmlint.extract.timeline import timeline
from pmlint.settings import Settings


def _trigger(text: str) -> str:
    config = load_config(None)
    doc = parse_document("doc.md", text, config.catalog)
    facts = timeline(doc, Settings(timezone=None, milestones=config.milestones))
    return incident_categories(doc, facts, config.categories)["trigger"].value


def _summary(*sentences: str, after: str = "") -> str:
    return "# Login outage\n\n## Summary\n\n" + " ".join(sentences) + "\n" + after


CASES = {
    # the summary tells the cause more directly than a list of contributing factors
    "summary before root-cause factors": (
        _summary(
            "The outage was caused by an expired signing certificate on the login service.",
            after="\n## Root cause\n\n- We rely on another team's data center for the hosts.\n",
        ),
        "expiry",
    ),
    # "This …" points back at the sentence before it
    "a sentence that points back": (
        _summary("The signing certificates expired.", "This in turn led to failed logins."),
        "expiry",
    ),
    # looking for a cause is not one
    "searching for a cause": (
        _summary(
            "Engineers began hunting for the root cause of the upgrade failures.",
            "The outage was caused by the session store running out of memory.",
        ),
        "capacity",
    ),
    # an HTML line break ends a sentence
    "a line break ends a sentence": (
        _summary(
            "The nightly release is published.<br>Errors begin, caused by the session store",
            "running out of memory.",
        ),
        "capacity",
    ),
    # a version's dots end no sentence
    "a version number inside a sentence": (
        _summary(
            "We published version 5.1.2 of the login service, which introduced a bug in the",
            "session check.",
        ),
        "deploy",
    ),
    # a short form's stop ends no sentence
    "a month's short form": (
        _summary("The release went to every node on Apr. 28 and caused the outage."),
        "deploy",
    ),
    # a time told in a paragraph: its own sentence, then the paragraph's cause sentences
    "a start told in prose": (
        _summary(
            "On the 3rd, at 01:00 UTC, our monitors fired and the team began investigating.",
            "Response times spiked across the cluster.",
            "We had just rolled out a change that clears the cache; this caused a stampede.",
        ),
        "deploy",
    ),
    # words of a link target are not the text's
    "a link target": (
        _summary(
            "The outage was caused by [a bad value](https://example.org/acme/pull/12/commits)",
            "in the settings file.",
        ),
        "config",
    ),
    # TLS or a certificate named is not an expiry
    "TLS named, no expiry": (
        _summary(
            "TLS was turned off on the internal proxy by a configuration change, which caused",
            "the outage.",
        ),
        "config",
    ),
    # a weakness is not an attack: what set it off is the release
    "a vulnerability is not an attack": (
        _summary(
            "The outage came from a vulnerability in the login form, introduced by the release",
            "of the new form last week.",
        ),
        "deploy",
    ),
    # traffic named is not load that grew
    "traffic named, not grown": (
        _summary(
            "Traffic for the login API was sent to the wrong backend because of a proxy",
            "configuration change.",
        ),
        "config",
    ),
    "traffic that grew": (
        _summary("The outage was caused by traffic that grew tenfold after a news article."),
        "capacity",
    ),
    # other ways of telling a cause
    "stemmed from": (
        _summary("Logins failed for an hour.", "The failures stemmed from a proxy setting."),
        "config",
    ),
    "a side effect": (
        _summary("Logins failed for an hour, a side effect of the memory exhaustion upstream."),
        "capacity",
    ),
    # the words after a remedy's tell the fix, not what broke
    "a fix shipped in a release": (
        _summary(
            "Logins failed for an hour.",
            "The bug in the session code was fixed and introduced via the 5.2 release.",
        ),
        UNKNOWN,
    ),
    "a remedy that made it worse, pointed back at": (
        _summary(
            "To solve the problem quickly, we upgraded the session database.",
            "This, in turn, caused every login to fail.",
        ),
        UNKNOWN,
    ),
    "a release meant to fix something": (
        _summary("A release meant to fix the avatar upload caused every login to fail."),
        "deploy",
    ),
    # a misconfiguration is configuration, and the hardware it was on does not outweigh it
    "a misconfiguration on a router": (
        _summary("A misconfiguration on the edge router caused the outage."),
        "config",
    ),
    # a device named is where it happened, its failure is what happened
    "a router named twice": (
        _summary(
            "A misconfiguration on the edge router caused the outage, leaving the router and",
            "everything behind the router unreachable.",
        ),
        "config",
    ),
    "a router that failed": (
        _summary("The outage was caused by a router failure in the second rack."),
        "hardware",
    ),
    # load that overwhelmed, pointed back at across a comma
    "overloaded, pointed back at": (
        _summary(
            "A class of two hundred students overloaded the nodes.",
            "This starved the login pods, in turn causing failures.",
        ),
        "capacity",
    ),
    # "broken" describing a thing tells no cause
    "broken as a description": (
        _summary("A new build was deployed to replace broken cached pages, and logins work again."),
        UNKNOWN,
    ),
    # after the detection the timeline tells the response: its causes are not the trigger
    "a cause in the response": (
        "# Checkout outage\n\n## Timeline\n\nAll times UTC.\n\n"
        "- 2031-04-05 08:00 checkout errors began\n"
        "- 2031-04-05 08:05 the on-call engineer was paged\n"
        "- 2031-04-05 08:30 the new settings were pushed by hand because CI was down due to the"
        " same outage\n",
        UNKNOWN,
    ),
    "no cause told": (_summary("Logins failed for an hour.", "We are sorry."), UNKNOWN),
    # a provider's outage told as a fact, with no word of cause
    "a provider's outage": (
        _summary("Our hosting provider had a network outage.", "Logins failed for an hour."),
        "dependency",
    ),
    # a surge that overwhelmed something, with no word of cause
    "a surge that overwhelmed the servers": (
        _summary("A surge of new sign-ups overwhelmed the login servers for an hour."),
        "capacity",
    ),
    # a failure guessed is not told
    "a failure guessed": (
        _summary("We thought our provider might have had an outage.", "Logins failed."),
        UNKNOWN,
    ),
    # a title that tells the cause, read after the summary's sentences
    "a title that tells the cause": (
        "# Upgrading the session store caused a login outage\n\n## Summary\n\n"
        "Logins failed for an hour.\n",
        "deploy",
    ),
    # a section titled as the problem, of no canonical name, is read like a Root cause
    "a section titled as the problem": (
        _summary(
            "Logins failed for an hour.",
            after="\n## Issue description\n\n- The login page hung.\n"
            "- Our identity vendor stopped accepting our callback address.\n",
        ),
        "dependency",
    ),
    # ... and what went wrong, there, too
    "what went wrong as the cause": (
        _summary(
            "Logins failed for an hour.",
            after="\n## What went wrong\n\nThe session store ran out of memory.\n",
        ),
        "capacity",
    ),
    # a denial there covers what follows it in its clause; "no longer" is no denial
    "a cause denied in a problem section": (
        _summary(
            "Logins failed for an hour.",
            after="\n## What happened\n\nIt took a while to prove it was not a"
            " misconfiguration on our side.\n",
        ),
        UNKNOWN,
    ),
    "no longer is a change": (
        _summary(
            "Logins failed for an hour.",
            after="\n## Issues found\n\nThe vendor no longer accepted our callback address.\n",
        ),
        "dependency",
    ),
    # a field in a follow-up section describes a future system, not this incident
    "a trigger field in the follow-ups": (
        _summary(
            "The outage was caused by an expired signing certificate.",
            after="\n## Prevention\n\n- Automated failover\n"
            "  - Trigger: two missed health checks\n",
        ),
        "expiry",
    ),
    # a word start reads every form of the verb: upgrading, merging, releasing
    "upgrading as a deploy": (
        _summary("Logins failed after merging a change that was caused by upgrading the store."),
        "deploy",
    ),
    # a root-cause section titled as a question
    "a root cause asked as a question": (
        _summary(
            "Logins failed for an hour.",
            after="\n## But how did this happen?\n\nOur signing certificate had expired.\n",
        ),
        "expiry",
    ),
    # a release whose doer is not the team is a dependency's; ours stays a deploy
    "others publish": (
        _summary("Logins failed because the maintainers of two plugins published broken builds."),
        "dependency",
    ),
    "an upstream library releases": (
        _summary("Logins broke after the token library released its 3.0 version."),
        "dependency",
    ),
    "we release": (
        _summary("Logins broke after we released version 3.0 of the login service."),
        "deploy",
    ),
    # where a bug came from, long before, is not what set this incident off
    "a latent bug from an old release": (
        _summary(
            "The bug was introduced in the spring release, months before.",
            "The outage was caused by an expired signing certificate that exposed it.",
        ),
        "expiry",
    ),
    "a release that caused it today": (
        _summary("The outage was caused by the release of the new login service this morning."),
        "deploy",
    ),
    # a vulnerability disclosed, with no outage, is a security event
    "a vulnerability disclosed": (
        _summary(
            "A researcher sent us a potential vulnerability report on the login service.",
            "No user was affected; the flaw was caused by a missing check.",
        ),
        "security",
    ),
    # a surge of traffic told as a story, without a word of cause, is capacity
    "a post that got popular": (
        _summary("A link to our app was posted to a news site and it got very popular."),
        "capacity",
    ),
    "we are full": (_summary("By the evening the cluster was full and logins queued."), "capacity"),
    "a popular post that is not the problem": (
        _summary("Our post got popular.", "The outage was caused by an expired certificate."),
        "expiry",
    ),
    # a cloud provider's zone that lost power is the provider's failure
    "a provider's zone": (
        _summary("The login hosts suffered a loss of power in one availability zone of our cloud."),
        "dependency",
    ),
    "an attack suffered": (
        _summary("The login service suffered a large DDoS attack."),
        "security",
    ),
    # a deployment as a thing that runs (a place, the tooling, a service that stops), not a
    # deploy: no class is told, and an unknown beats a guess
    "usage on a deployment": (
        _summary("The sessions failed because of heavy usage on the acme deployment."),
        UNKNOWN,
    ),
    "a bug in the deployment tooling": (
        _summary("The root cause is a bug in our deployment process for the session store."),
        UNKNOWN,
    ),
    "a deployment that stopped responding": (
        _summary("Logins failed because the main login deployment stopped responding."),
        UNKNOWN,
    ),
    "a deployment as an act": (
        _summary("Logins failed because of the deployment of version 4 of the session store."),
        "deploy",
    ),
    # "outage at" and a time names no provider
    "an outage at a time": (
        _summary("Support reported the outage at 12:16 and it was caused by the nightly job."),
        UNKNOWN,
    ),
    "an outage at a provider": (
        _summary("The logins failed due to an outage at our DNS host."),
        "dependency",
    ),
    # what is not told as a fact: a guess later disproved, a condition, a denial
    "a disproved guess": (
        _summary(
            "Our initial hypothesis was that a user submitted an exploit; testing confirmed the "
            "issue was triggered by a malformed request."
        ),
        UNKNOWN,
    ),
    "a condition": (
        _summary("The halt was caused by a safeguard that, even if exploited, stops the chain."),
        UNKNOWN,
    ),
    "in case of a condition": (
        _summary(
            "The guard halts the chain in case the bug was exploited.",
            after="\n## What went wrong\n\nThe guard halts the chain in case of an attack.\n",
        ),
        UNKNOWN,
    ),
    "a denial": (
        _summary("The leak was caused by a tooling bug; we do not consider it a breach of data."),
        UNKNOWN,
    ),
    # the first symptom is often the start: load seen in its entry tells no trigger, a cause
    # told in the summary does
    "a symptom at the start, a cause in the summary": (
        _summary(
            "Logins failed for two hours.",
            "A change to the session cache settings was the root cause.",
            after="\n## Timeline\n\n- 10:00 CPU on the login hosts spikes to 100%\n"
            "- 10:05 The on-call engineer is paged\n- 12:00 Errors stop\n",
        ),
        "config",
    ),
    "a symptom at the start and nothing else": (
        _summary(
            "Logins failed for two hours.",
            after="\n## Timeline\n\n- 10:00 Error rate spikes on the login service\n"
            "- 10:05 The on-call engineer is paged\n- 12:00 Errors stop\n",
        ),
        UNKNOWN,
    ),
    "load told as the cause at the start": (
        _summary(
            "Logins failed for two hours.",
            after="\n## Timeline\n\n- 10:00 Logins start failing due to the low disk space\n"
            "- 10:05 The on-call engineer is paged\n- 12:00 Errors stop\n",
        ),
        "capacity",
    ),
    # the deploy of the fix is not what set it off, at the start's sentence or in the Root
    # cause section
    "the fix deployed at the start's time": (
        _summary(
            "Checkout failed because of a bug in the payment form code.",
            "The fix was deployed at 15:10 and checkout recovered.",
        ),
        UNKNOWN,
    ),
    "the fix deployed in the root cause": (
        _summary(
            "Checkout failed for an hour.",
            after="\n## Root cause\n\nA null check was missing in the payment form. "
            "A fix was merged and deployed.\n",
        ),
        UNKNOWN,
    ),
    # load in the Impact section is what was seen
    "load in the impact": (
        "# Login outage\n\n## Impact\n\nCPU was saturated for two hours due to the retries.\n",
        UNKNOWN,
    ),
    # an act that should have happened and did not is told, not denied
    "a certificate not renewed": (
        _summary("Logins failed because the certificate of the login service was not renewed."),
        "expiry",
    ),
    # a failure told with what came just before it
    "failed after a deploy": (
        _summary("Checkout failed for 40 minutes after we deployed release 2.4 of the shop."),
        "deploy",
    ),
    "recovered after a rollback": (
        _summary("Checkout recovered after we rolled back the release of the shop."),
        UNKNOWN,
    ),
    # the summary's stated cause comes before the words of the start's entry
    "the summary's cause before the start's entry": (
        _summary(
            "The outage was caused by a change to the session cache configuration.",
            after="\n## Timeline\n\n- 10:00 Release 4.2 is deployed to production\n"
            "- 10:05 The on-call engineer is paged\n- 12:00 Errors stop\n",
        ),
        "config",
    ),
    # why it was found or fixed late is not why it broke
    "the delay's cause": (
        _summary(
            "Logins failed for nine hours.",
            "The slow incident response came from a pager set up wrongly.",
            "The signing certificates had expired because the renewal job was retired.",
        ),
        "expiry",
    ),
    "paged late": (
        _summary(
            "Logins failed for two hours.",
            "Our cloud provider had a network outage in one region.",
            "We were paged late because the alert threshold was set too high in the config.",
        ),
        "dependency",
    ),
    # a failure told as a fact, without a word of cause
    "a domain that expired": (
        _summary("Our domain expired on Friday and the login page was unreachable."),
        "expiry",
    ),
    "a token that expired": (
        _summary("The API token of the login sync expired, so every sync failed for a day."),
        "expiry",
    ),
    "an upstream that was unreachable": (
        _summary("Logins failed for three hours. The upstream identity service was unreachable."),
        "dependency",
    ),
    # a change pushed is one deployed
    "a change pushed": (
        _summary(
            "A change was pushed to tidy the login page which inadvertently caused every "
            "login to fail."
        ),
        "deploy",
    ),
    # power comes from a utility or the site's provider; a power supply is a device
    "a site's power outage": (
        _summary("The login site had an unexpected power outage, which caused the downtime."),
        "dependency",
    ),
    "a failed power supply": (
        _summary("A failed power supply in the login host caused the downtime."),
        "hardware",
    ),
    # a pod the node had no room for
    "a pod evicted": (
        _summary(
            "Logins failed for an hour.",
            after="\n## Timeline\n\n- 21:10 The session pod is evicted, due to a known "
            "issue, and logins fail\n- 21:30 Logins work again\n",
        ),
        "capacity",
    ),
    # "This triggered …" may point two sentences back, to the first cause of the chain
    "a chain told over three sentences": (
        _summary(
            "The signing certificate expired.",
            "It was renewed on every host but one.",
            "This triggered a chain reaction across the login service.",
        ),
        "expiry",
    ),
    # work to come announced in the start's entry is a remedy planned, not what set it off;
    # an expiry to come is the warning of the trigger
    "a plan announced at the start": (
        "# Storage notice\n\n## Timeline\n\n- 10:00 A scheduled storage migration will run on "
        "Friday to address the disk faults. We are looking into errors on the API.\n"
        "- 10:30 Errors stop\n",
        UNKNOWN,
    ),
    "an expiry to come at the start": (
        "# Login outage\n\n## Timeline\n\n- 09:00 A mail says the login certificate will "
        "expire at noon.\n- 12:00 Logins fail\n- 12:40 Logins work again\n",
        "expiry",
    ),
    # a Root cause section that lists evidence: load measured is what was seen, and a failure
    # denied in passing is none
    "load measured in the root cause": (
        "# Ledger node report\n\n## Summary\n\nThe ledger node missed blocks for two hours.\n\n"
        "## Root cause\n\n- Latency graphs showed sustained spikes of 9 seconds per block.\n"
        "- A health review confirmed no disk/memory/CPU problems on the host.\n",
        UNKNOWN,
    ),
    "memory that ran out in the root cause": (
        "# Ledger node report\n\n## Summary\n\nThe ledger node missed blocks for two hours.\n\n"
        "## Root cause\n\n- Graphs showed the node ran out of memory during the compaction.\n",
        "capacity",
    ),
    # a title that names the issue holds the follow-ups too: theirs tell no cause
    "a title that names the issue": (
        "# Ledger Node Issues\n\nThe ledger node missed blocks for two hours.\n\n"
        "## Next steps\n\n- Alert on block time spikes.\n",
        UNKNOWN,
    ),
    # DNS data is configuration
    "records of a DNS zone removed": (
        "# Name lookups failed\n\n## Timeline\n\n- 11:45 Every record in the old DNS zone is "
        "deleted\n- 12:10 Customers report failed lookups\n- 12:40 Lookups work again\n",
        "config",
    ),
    # a change others made to what is theirs is a dependency; ours to theirs stays a deploy
    "others' upgrade of their network": (
        _summary("The outage was caused by the campus team performing upgrades to their network."),
        "dependency",
    ),
    "our deploy to their cluster": (
        _summary("We deployed the new login page to their cluster, which caused the outage."),
        "deploy",
    ),
    # a sentence that announces the causes, then the list that names them: its first item
    "causes announced, then listed": (
        _summary(
            "Logins failed for a day. There were two causes for this:",
            after="\n- A setting of the session store was changed by hand\n"
            "- Traffic grew after a news article\n",
        ),
        "config",
    ),
    # an earlier incident told as background is not this one's trigger
    "history told as background": (
        _summary(
            "On May 3rd checkout failed for two hours.",
            after="\nWay back in 2029 the primary database failed due to a faulty disk.\n",
        ),
        UNKNOWN,
    ),
    "the same cause told of this incident": (
        _summary(
            "On May 3rd checkout failed for two hours.",
            after="\nThe primary database failed due to a faulty disk.\n",
        ),
        "hardware",
    ),
    # a version of ours named with what we changed in it, a link's text too
    "our version named with its change": (
        "# Blank page\n\n## Why did it happen?\n\nWith [v2.3.0](https://example.org/notes) we "
        "stored the session in a new format, which old browsers could not read.\n",
        "deploy",
    ),
    "another's version named": (
        "# Blank page\n\n## Why did it happen?\n\nThe browser in v2.3.0 stored the session in "
        "a new format, which our page could not read.\n",
        UNKNOWN,
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_trigger(name: str) -> None:
    text, expected = CASES[name]
    assert _trigger(text) == expected
