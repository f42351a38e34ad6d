"""Five short postmortems written for the HTML report's tests: five months, owned and unowned
action items, clean and faulty documents, one without any times."""

from __future__ import annotations

from pathlib import Path

SAMPLES = {
    "2024-01-16-login-certificate.md": """\
---
date: 2024-01-16
severity: SEV2
---
# Login failures after a certificate rotation

## Summary

Logins failed for part of the morning after the identity provider's signing certificate
was rotated while the login service still trusted only the old one.

## Impact

18% of login attempts (about 9,400 requests) failed for 85 minutes.

## Timeline

All times UTC, 2024-01-16.

| Time (UTC) | Event |
| --- | --- |
| 08:40 | The new signing certificate goes live; impact begins. |
| 08:52 | The login error-rate alert fires and pages the on-call engineer. |
| 09:30 | Workaround: the old certificate is trusted again as a second key; errors stop. |
| 10:05 | Both keys are trusted in every region; the incident is resolved. |

## Root cause

The login service loaded its trusted keys once at start-up, so a rotation needed a
restart that the rotation runbook did not mention.

## Resolution

Both certificates were trusted during the overlap, then the old one was retired.

## Action items

- Reload trusted keys without a restart (owner: @mira, AUTH-311, due 2024-02-15).
- Add the restart step to the rotation runbook (owner: @tomas, AUTH-312, due 2024-01-31).

## Lessons learned

A rotation rehearsal in staging would have shown the missing reload.
""",
    "2024-02-07-upload-queue.md": """\
---
date: 2024-02-07
severity: SEV3
---
# Image uploads stuck in the queue

## Summary

Uploaded images were not processed for two hours because the thumbnail workers could
not reach the object store.

## Impact

About 2,300 uploads waited for their thumbnails for up to two hours.

## Timeline

All times UTC, 2024-02-07.

- 13:10 — the object store credentials expire; uploads began failing to process.
- 14:25 — the queue-depth alert fires.
- 15:05 — new credentials are deployed and the workers restarted; the queue drains.
- 15:20 — the queue is empty; the incident is resolved.

## Root cause

The workers' credentials were issued by hand with a 90-day expiry and nobody was told.

## Resolution

New credentials were issued and the workers restarted.

## Action items

- Improve monitoring
- Issue worker credentials from the secret manager with automatic renewal (owner: @ines, MEDIA-88).
""",
    "2024-03-21-search-lag.md": """\
---
date: 2024-03-21
---
# Search index lagging behind

## Summary

New products did not show up in search for most of a day.

## Impact

Some users could not find new products.

## Timeline

All times UTC, 2024-03-21.

- 06:00 — the indexer stops consuming change events; the degradation begins.
- 11:40 — a merchant reports that a new product is missing from search.
- 12:15 — the indexer is restarted and catches up.

## Root cause

The engineer forgot to renew the indexer's queue subscription.

## Action items

- Look into the indexer
""",
    "2024-05-02-dns-errors.md": """\
---
date: 2024-05-02
severity: SEV1
---
# DNS resolution errors in eu-west

## Summary

Services in eu-west failed to resolve internal names overnight after a resolver
configuration change.

## Impact

31% of requests in eu-west failed for 5 hours and 5 minutes.

## Timeline

All times UTC.

- 2024-05-02 22:10: the resolver configuration change is applied; impact begins.
- 2024-05-03 01:40: the synthetic check alert fires and pages the on-call engineer.
- 2024-05-03 02:30: the change is rolled back and errors fall.
- 2024-05-03 03:15: error rates are back to normal; the incident is resolved.

## Root cause

The new configuration listed a forwarder that only answered from another region.

## Resolution

The previous configuration was restored.

## Action items

- Page on the DNS error rate, not only on the synthetic check (owner: @kofi, NET-902).
- Validate forwarders from every region before a change is applied
  (owner: @lena, NET-903, due 2024-06-01).

## Lessons learned

The synthetic check ran every 30 minutes and needed three failures to alert.
""",
    "2024-06-19-billing-emails.md": """\
---
date: 2024-06-19
severity: SEV3
---
# Billing emails sent twice

## Summary

Customers received their monthly invoice email twice after a mailer retry.

## Impact

About 41,000 customers received a duplicate invoice email.

## Timeline

- The mailer job retried after a timeout from the mail provider.
- Support noticed the duplicate emails from customer tickets.
- The job was paused and the retry logic was fixed.

## Root cause

The mailer retried whole batches instead of the messages that had failed.

## Resolution

The retry logic now resends only the failed messages.

## Action items

- Make batch retries idempotent with a per-message key (owner: @sam, BILL-120, due 2024-07-15).
""",
}


def write_samples(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in SAMPLES.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths
