"""Cloud providers' incident reports (issue 14): the shapes Google, Azure and AWS status pages
and write-ups use to tell an incident's window, each in text written for this repository (no
real report's words). Each case gives the start, mitigation, resolution and duration a careful
reader takes from it; a family of phrasing, not a single sentence, is what each case stands for.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pmlint.extract.timeline import Timeline
from tests.conftest import facts, invoke


def iso(value: Timeline, kind: str) -> str | None:
    moment = value.milestones[kind]
    if moment is None or moment.when is None or not moment.day_known:
        return None  # as analyze writes it: no day known, no milestone
    return moment.when.isoformat()


def minutes(value: Timeline) -> int | None:
    found = value.duration()
    return found[0] if found else None


# Each case: the report, then start, mitigated, resolved (ISO, None: not said) and duration.
Case = tuple[str, str | None, str | None, str | None, int | None]

GOOGLE: dict[str, Case] = {
    # The classic status text: "beginning at <weekday>, <ISO date time> US/Pacific" and
    # "resolved for all affected users as of <weekday>, <ISO date time>".
    "status_beginning_at_weekday": (
        "# Google BigQuery incident 21004\n\n"
        "We are investigating an issue with Google BigQuery beginning at Tuesday, 2021-03-16 "
        "07:45 US/Pacific. Queries in the US multi-region may fail.\n\n"
        "The issue with Google BigQuery has been resolved for all affected users as of "
        "Tuesday, 2021-03-16 09:10 US/Pacific.\n",
        "2021-03-16T07:45:00-07:00",
        "2021-03-16T09:10:00-07:00",
        "2021-03-16T09:10:00-07:00",
        85,
    ),
    "status_beginning_on_weekday": (
        "# Google Cloud Pub/Sub incident 20011\n\n"
        "We experienced an intermittent issue with Cloud Pub/Sub beginning on Thursday, "
        "2020-08-20 05:30 US/Pacific.\n\n"
        "The issue with Cloud Pub/Sub has been resolved for all affected projects as of "
        "Thursday, 2020-08-20 06:55 US/Pacific. We will publish an analysis of this incident "
        "once we have completed our internal investigation.\n",
        "2020-08-20T05:30:00-07:00",
        "2020-08-20T06:55:00-07:00",
        "2020-08-20T06:55:00-07:00",
        85,
    ),
    # ISSUE SUMMARY with "for a duration of", DETAILED DESCRIPTION OF IMPACT with the window.
    "issue_summary_and_detailed_impact": (
        "# Google Cloud SQL incident 22007\n\n## ISSUE SUMMARY\n\n"
        "On Friday 8 July 2022, Google Cloud SQL instances in europe-west2 were unreachable "
        "for a duration of 2 hours, 40 minutes. We sincerely apologize to our customers.\n\n"
        "## DETAILED DESCRIPTION OF IMPACT\n\n"
        "On Friday 8 July 2022 from 10:05 to 12:45 US/Pacific, new connections to Cloud SQL "
        "instances in europe-west2 failed.\n\n## ROOT CAUSE\n\n"
        "A change to the connection proxy fleet exhausted its file descriptors.\n",
        "2022-07-08T10:05:00-07:00",
        "2022-07-08T12:45:00-07:00",
        "2022-07-08T12:45:00-07:00",
        160,
    ),
    "issue_summary_hours_minutes_no_comma": (
        "# Google Compute Engine incident 19015\n\n## ISSUE SUMMARY\n\n"
        "On Wednesday 13 November 2019, Google Compute Engine experienced failures creating new "
        "persistent disks for a duration of 4 hours 5 minutes.\n\n"
        "## DETAILED DESCRIPTION OF IMPACT\n\n"
        "On Wednesday 13 November 2019 from 14:40 to 18:45 US/Pacific, requests to create "
        "persistent disks in us-west1 failed.\n",
        "2019-11-13T14:40:00-08:00",
        "2019-11-13T18:45:00-08:00",
        "2019-11-13T18:45:00-08:00",
        245,
    ),
    # The mini incident report: a declared zone, then "Incident Start/End" fields.
    "mini_report_fields": (
        "# Cloud Spanner elevated latency\n\n## Mini Incident Report\n\n"
        "We apologize for the inconvenience this service disruption may have caused.\n\n"
        "(All Times US/Pacific)\n\n**Incident Start:** 14 September 2022 10:12\n\n"
        "**Incident End:** 14 September 2022 11:58\n\n**Duration:** 1 hour, 46 minutes\n\n"
        "**Affected Services and Features:** Cloud Spanner\n\n"
        "**Description:** Cloud Spanner experienced elevated latency in us-east4.\n",
        "2022-09-14T10:12:00-07:00",
        "2022-09-14T11:58:00-07:00",
        "2022-09-14T11:58:00-07:00",
        106,
    ),
    "incident_began_and_ended_all_times": (
        "# Incident Report: Cloud Load Balancing\n\n## Summary\n\n"
        "Incident began at 2023-02-27 09:30 and ended at 2023-02-27 11:45 (all times are "
        "US/Pacific). External HTTP(S) load balancers returned 502 errors for a subset of "
        "requests.\n",
        "2023-02-27T09:30:00-08:00",
        "2023-02-27T11:45:00-08:00",
        "2023-02-27T11:45:00-08:00",
        135,
    ),
    "starting_at_then_mitigated_and_resolved": (
        "# Google Kubernetes Engine incident 21002\n\n## ISSUE SUMMARY\n\n"
        "Starting at 04:10 US/Pacific on Monday 11 January 2021, GKE cluster creation failed "
        "in us-central1. The issue was mitigated at 06:35 US/Pacific, and fully resolved at "
        "07:05 US/Pacific.\n",
        "2021-01-11T04:10:00-08:00",
        "2021-01-11T06:35:00-08:00",
        "2021-01-11T07:05:00-08:00",
        175,
    ),
    # A day with no time is not a start time: the stated duration is the duration.
    "day_only_summary_with_stated_duration": (
        "# Google Cloud incident 18031\n\n"
        "The issue with Google Cloud Networking has been resolved for all affected projects "
        "as of Thursday, 2018-07-19 18:00 US/Pacific.\n\n"
        "On Tuesday 17 July, 2018, customers of Google Cloud Load Balancing saw 502 errors "
        "for a duration of 40 minutes.\n",
        None,
        "2018-07-19T18:00:00-07:00",
        "2018-07-19T18:00:00-07:00",
        40,
    ),
    "old_summary_total_of_and_pacific_time": (
        "# Google Compute Engine Incident #16007\n\n## SUMMARY\n\n"
        "On Monday 11 April, 2016, Google Compute Engine instances in all regions lost "
        "external connectivity for a total of 18 minutes, from 19:09 to 19:27 Pacific Time. "
        "We apologize for this incident.\n",
        "2016-04-11T19:09:00-07:00",
        "2016-04-11T19:27:00-07:00",
        "2016-04-11T19:27:00-07:00",
        18,
    ),
    "customer_impact_iso_day_range": (
        "# Google Cloud Storage Incident Report\n\n## Summary\n\n"
        "On 2022-11-03, Google Cloud Storage returned elevated error rates for object uploads "
        "in us-east1.\n\n## Customer Impact\n\n"
        "On 2022-11-03 from 08:10 to 09:25 US/Pacific, uploads to buckets in us-east1 failed "
        "for about 8% of requests.\n",
        "2022-11-03T08:10:00-07:00",
        "2022-11-03T09:25:00-07:00",
        "2022-11-03T09:25:00-07:00",
        75,
    ),
    "starting_on_weekday_date_at_time": (
        "# Google Cloud Functions incident 19002\n\n## ISSUE SUMMARY\n\n"
        "Starting on Friday, 15 March 2019 at 18:05 US/Pacific, deployments of Cloud Functions "
        "failed in us-central1. The issue was resolved at 19:40 US/Pacific.\n",
        "2019-03-15T18:05:00-07:00",
        "2019-03-15T19:40:00-07:00",
        "2019-03-15T19:40:00-07:00",
        95,
    ),
    "between_dated_time_and_bare_time": (
        "# Google Cloud Dataflow incident\n\n## DETAILED DESCRIPTION OF IMPACT\n\n"
        "Between 2020-12-14 03:46 and 04:33 US/Pacific, Dataflow jobs in europe-west1 failed to "
        "start.\n",
        "2020-12-14T03:46:00-08:00",
        "2020-12-14T04:33:00-08:00",
        "2020-12-14T04:33:00-08:00",
        47,
    ),
    "from_to_then_iso_day": (
        "# Google Cloud Pub/Sub incident\n\n## DETAILED DESCRIPTION OF IMPACT\n\n"
        "From 06:40 to 07:55 US/Pacific on 2020-04-08, publish requests in us-east4 returned "
        "errors.\n",
        "2020-04-08T06:40:00-07:00",
        "2020-04-08T07:55:00-07:00",
        "2020-04-08T07:55:00-07:00",
        75,
    ),
    # A status page's updates, newest first: the resolution's "as of", not the note's time.
    "updates_newest_first": (
        "# Google BigQuery incident 21004\n\n## Updates\n\n"
        "**Tuesday, 2021-03-16 09:10 US/Pacific**\n\n"
        "The issue with Google BigQuery has been resolved for all affected users as of "
        "Tuesday, 2021-03-16 09:05 US/Pacific. We will conduct an internal investigation of "
        "this issue.\n\n**Tuesday, 2021-03-16 08:30 US/Pacific**\n\n"
        "Mitigation work is underway. We will provide an update by Tuesday, 2021-03-16 09:30 "
        "US/Pacific.\n\n**Tuesday, 2021-03-16 07:58 US/Pacific**\n\n"
        "We are investigating an issue with Google BigQuery beginning at Tuesday, 2021-03-16 "
        "07:45 US/Pacific. Queries in the US multi-region may fail.\n",
        "2021-03-16T07:45:00-07:00",
        "2021-03-16T09:05:00-07:00",
        "2021-03-16T09:05:00-07:00",
        80,
    ),
    # The incident report of recent years: Summary with a stated duration, the window in the
    # Detailed Description of Impact, detection in Remediation and Prevention.
    "incident_report_summary_and_impact_sections": (
        "# Incident Report: Cloud Run elevated errors\n\n## Summary\n\n"
        "On Wednesday, 8 March 2023, Cloud Run services in us-central1 returned elevated 5xx "
        "errors for a duration of 3 hours and 28 minutes.\n\n## Root Cause\n\n"
        "A rollout of a new load balancer configuration exhausted connection slots.\n\n"
        "## Remediation and Prevention\n\n"
        "Google engineers were alerted to the issue by automated monitoring on Wednesday, 8 "
        "March 2023 at 10:33 US/Pacific and immediately started an investigation.\n\n"
        "## Detailed Description of Impact\n\n"
        "On Wednesday, 8 March 2023, from 10:17 to 13:45 US/Pacific, Cloud Run services in "
        "us-central1 returned 5xx errors for about 4% of requests.\n",
        "2023-03-08T10:17:00-08:00",
        "2023-03-08T13:45:00-08:00",
        "2023-03-08T13:45:00-08:00",
        208,
    ),
    # A status feed's incident exported with its fields: begin and end.
    "status_feed_begin_and_end_fields": (
        "---\nbegin: 2021-05-20T16:10:00+00:00\nend: 2021-05-20T18:25:00+00:00\n---\n"
        "# Google Cloud Console incident\n\nThe Cloud Console failed to load for some users.\n",
        "2021-05-20T16:10:00+00:00",
        "2021-05-20T18:25:00+00:00",
        "2021-05-20T18:25:00+00:00",
        135,
    ),
    # The zone written once, on the first time: the later ones are in it too.
    "zone_on_the_first_time_only": (
        "# Google Cloud Networking incident\n\n## ISSUE SUMMARY\n\n"
        "Starting at 04:10 US/Pacific on Monday 11 January 2021, packet loss increased in "
        "us-central1. The issue was fully resolved at 07:05.\n",
        "2021-01-11T04:10:00-08:00",
        "2021-01-11T07:05:00-08:00",
        "2021-01-11T07:05:00-08:00",
        175,
    ),
    # An update log and no start in words: the first update is when the issue was opened.
    "update_log_newest_first_no_start_in_words": (
        "# Google Cloud Pub/Sub incident 20011\n\n## Updates\n\n"
        "**Thursday, 2020-08-20 06:55 US/Pacific**\n\n"
        "The issue with Cloud Pub/Sub has been resolved for all affected projects as of "
        "Thursday, 2020-08-20 06:50 US/Pacific.\n\n"
        "**Thursday, 2020-08-20 06:10 US/Pacific**\n\n"
        "We are investigating an issue with Cloud Pub/Sub. Publish requests in us-east1 may "
        "fail. We will provide more information by Thursday, 2020-08-20 07:00 US/Pacific.\n",
        "2020-08-20T06:10:00-07:00",
        "2020-08-20T06:50:00-07:00",
        "2020-08-20T06:50:00-07:00",
        40,
    ),
    "update_log_oldest_first_no_start_in_words": (
        "# Google Cloud Pub/Sub incident 20011\n\n## Updates\n\n"
        "**Thursday, 2020-08-20 06:10 US/Pacific**\n\n"
        "We are investigating an issue with Cloud Pub/Sub. We will provide more information by "
        "Thursday, 2020-08-20 07:00 US/Pacific.\n\n"
        "**Thursday, 2020-08-20 06:30 US/Pacific**\n\nMitigation work is underway.\n\n"
        "**Thursday, 2020-08-20 06:55 US/Pacific**\n\n"
        "The issue with Cloud Pub/Sub has been resolved for all affected projects as of "
        "Thursday, 2020-08-20 06:50 US/Pacific.\n",
        "2020-08-20T06:10:00-07:00",
        "2020-08-20T06:50:00-07:00",
        "2020-08-20T06:50:00-07:00",
        40,
    ),
}

AZURE: dict[str, Case] = {
    "between_times_and_one_day": (
        "# Azure Cosmos DB - East US\n\n"
        "**Summary of impact:** Between 20:19 UTC and 23:45 UTC on 01 Apr 2021, a subset of "
        "customers using Azure Cosmos DB in East US may have experienced connection failures."
        "\n\n**Root cause:** A node upgrade left some gateway nodes unhealthy.\n\n"
        "**Mitigation:** Engineers failed over the gateways, which mitigated the issue.\n",
        "2021-04-01T20:19:00+00:00",
        "2021-04-01T23:45:00+00:00",
        "2021-04-01T23:45:00+00:00",
        206,
    ),
    "between_approximately_across_midnight": (
        "# Azure Active Directory - Authentication errors\n\n"
        "**Summary of Impact:** Between approximately 22:30 UTC on 17 Feb 2021 and 03:15 UTC "
        "on 18 Feb 2021, customers may have experienced errors when signing in to Azure "
        "services.\n",
        "2021-02-17T22:30:00+00:00",
        "2021-02-18T03:15:00+00:00",
        "2021-02-18T03:15:00+00:00",
        285,
    ),
    "starting_until": (
        "# Azure Virtual Network - West US 2\n\n"
        "**Summary of Impact:** Starting at 13:32 UTC on 18 Aug 2020 until 02:00 UTC on 19 Aug "
        "2020, a subset of customers in West US 2 experienced packet loss.\n",
        "2020-08-18T13:32:00+00:00",
        "2020-08-19T02:00:00+00:00",
        "2020-08-19T02:00:00+00:00",
        748,
    ),
    "from_to_with_days": (
        "# Azure Monitor - Alerts delayed\n\n"
        "**Summary of Impact:** From 14:00 UTC on 09 Oct 2019 to 17:20 UTC on 09 Oct 2019, "
        "customers may have received delayed alerts.\n",
        "2019-10-09T14:00:00+00:00",
        "2019-10-09T17:20:00+00:00",
        "2019-10-09T17:20:00+00:00",
        200,
    ),
    "post_incident_review_sections": (
        "# Post Incident Review (PIR) - Azure Resource Manager - Failures\n\n"
        "**What happened?**\n\n"
        "Between 07:05 UTC and 09:45 UTC on 25 January 2023, customers experienced failures "
        "when managing resources.\n\n**What went wrong and why?**\n\n"
        "A code change introduced a defect.\n\n**How did we respond?**\n\n"
        "Automated monitoring detected the failures at 07:14 UTC. We rolled back the change, "
        "completing at 09:30 UTC, and by 09:45 UTC all regions had recovered.\n",
        "2023-01-25T07:05:00+00:00",
        "2023-01-25T09:30:00+00:00",
        "2023-01-25T09:45:00+00:00",
        160,
    ),
    "overnight_with_mitigation_section": (
        "# RCA - Azure SQL Database - Southeast Asia\n\n"
        "**Summary of Impact:** Between 23:05 UTC on 12 Sep 2022 and 00:40 UTC on 13 Sep 2022, "
        "customers in Southeast Asia may have experienced login failures to Azure SQL "
        "Database.\n\n**Root Cause:** A gateway certificate rotation did not complete on all "
        "nodes.\n\n**Mitigation:** Engineers completed the rotation manually at 00:35 UTC on "
        "13 Sep 2022, and login success rates recovered by 00:40 UTC.\n",
        "2022-09-12T23:05:00+00:00",
        "2022-09-13T00:35:00+00:00",
        "2022-09-13T00:40:00+00:00",
        95,
    ),
    "between_bare_times_zone_once": (
        "# Azure DevOps - Pipelines delays\n\n"
        "**Summary of Impact:** Between 13:30 and 16:40 UTC on 10 Nov 2022, customers using "
        "Azure Pipelines may have experienced delays in job starts.\n",
        "2022-11-10T13:30:00+00:00",
        "2022-11-10T16:40:00+00:00",
        "2022-11-10T16:40:00+00:00",
        190,
    ),
    "starting_approximately_restored_by": (
        "# RCA - Azure Storage - North Europe\n\n"
        "**Summary of Impact:** Starting at approximately 21:00 UTC on 20 Jan 2019, a subset of "
        "customers using Storage in North Europe experienced failures. Services were restored "
        "by 02:40 UTC on 21 Jan 2019.\n",
        "2019-01-20T21:00:00+00:00",
        "2019-01-21T02:40:00+00:00",
        "2019-01-21T02:40:00+00:00",
        340,
    ),
    "between_and_approximately_one_day": (
        "# Azure Kubernetes Service - Cluster operations failed\n\n"
        "**Summary of Impact:** Between 13:40 UTC and approximately 16:15 UTC on 06 Mar 2020, "
        "customers may have been unable to scale their clusters.\n",
        "2020-03-06T13:40:00+00:00",
        "2020-03-06T16:15:00+00:00",
        "2020-03-06T16:15:00+00:00",
        155,
    ),
    "from_to_month_first_no_comma": (
        "# Azure Front Door - Latency\n\n"
        "**Summary of Impact:** From 08:00 UTC to 11:52 UTC on Oct 12 2020, customers "
        "experienced increased latency.\n",
        "2020-10-12T08:00:00+00:00",
        "2020-10-12T11:52:00+00:00",
        "2020-10-12T11:52:00+00:00",
        232,
    ),
    "from_ordinal_day_to_approximately": (
        "# Azure Service Bus - West Europe\n\n"
        "**Summary of impact:** From 21:11 UTC on 3rd Mar 2021 to approximately 23:58 UTC on "
        "3rd Mar 2021, customers may have experienced intermittent errors.\n",
        "2021-03-03T21:11:00+00:00",
        "2021-03-03T23:58:00+00:00",
        "2021-03-03T23:58:00+00:00",
        167,
    ),
    "pir_with_how_did_we_respond_by_steps": (
        "# Post Incident Review (PIR) - Azure Networking - Connectivity issues\n\n"
        "## What happened?\n\n"
        "Between 07:05 UTC and 12:43 UTC on 25 January 2023, customers experienced issues with "
        "network connectivity, manifesting as latency and timeouts.\n\n"
        "## How did we respond?\n\n"
        "We detected the issue at 07:14 UTC via our monitoring. By 09:00 UTC, most network "
        "traffic had recovered, and by 12:43 UTC all affected regions had fully recovered.\n",
        "2023-01-25T07:05:00+00:00",
        "2023-01-25T09:00:00+00:00",
        "2023-01-25T12:43:00+00:00",
        338,
    ),
    # The preliminary review's notice: "within 3 days of incident mitigation" is when the
    # review comes out, not how long the incident lasted.
    "preliminary_review_deadline_is_no_duration": (
        "# Preliminary Post Incident Review - Azure Cosmos DB - West US 3\n\n"
        "This is our preliminary review, published within 3 days of incident mitigation; the "
        "final review follows within 14 days of incident resolution.\n\n"
        "## What happened?\n\n"
        "Between 13:20 UTC and 15:05 UTC on 9 May 2024, requests to Cosmos DB accounts in West "
        "US 3 timed out for a subset of customers.\n",
        "2024-05-09T13:20:00+00:00",
        "2024-05-09T15:05:00+00:00",
        "2024-05-09T15:05:00+00:00",
        105,
    ),
}

AWS: dict[str, Case] = {
    # A dateline gives the day; the narrative's first "At <time>," is where it starts.
    "dateline_then_at_and_by": (
        "# Summary of the Amazon Kinesis Event in the Northern Virginia (US-EAST-1) Region\n\n"
        "November 25th, 2020\n\n"
        "At 5:15 AM PST, we started adding capacity to the front-end fleet. At 9:39 AM PST, we "
        "were able to confirm a root cause. By 10:23 PM PST, Kinesis was fully recovered.\n",
        "2020-11-25T05:15:00-08:00",
        "2020-11-25T22:23:00-08:00",
        "2020-11-25T22:23:00-08:00",
        1028,
    ),
    # No year anywhere: no milestone can be dated, the minutes between the times still count.
    "no_year_times_in_prose": (
        "# Summary of the AWS Service Event in the Sydney Region\n\n"
        "We'd like to share more detail about the AWS service disruption which occurred this "
        "past weekend in the AWS Sydney Region. At 10:25 PM PDT on June 4th, our utility "
        "provider suffered a loss of power. Power was restored at 11:46 PM PDT.\n",
        None,
        None,
        None,
        81,
    ),
    # The date written after the last time belongs to it, not to the time before.
    "next_day_told_on_the_last_time": (
        "# Summary of the AWS Service Event in the Sydney Region (June 2016)\n\n"
        "At 10:25 PM PDT on June 4th, 2016, our utility provider suffered a loss of power. "
        "Power was restored at 11:46 PM PDT, and by 1:00 AM PDT on June 5th most instances had "
        "recovered.\n",
        "2016-06-04T22:25:00-07:00",
        "2016-06-04T23:46:00-07:00",
        "2016-06-05T01:00:00-07:00",
        155,
    ),
    "between_am_and_am_dated_in_lead": (
        "# Summary of the Amazon DynamoDB Service Disruption in the US-East Region\n\n"
        "We'd like to give you some additional information about the service disruption that "
        "occurred in the Northern Virginia (US-EAST-1) Region on September 20th, 2015.\n\n"
        "Between 2:19 AM and 7:10 AM PDT, customers experienced elevated error rates on "
        "DynamoDB API requests. By 7:10 AM PDT, error rates had returned to normal levels.\n",
        "2015-09-20T02:19:00-07:00",
        "2015-09-20T07:10:00-07:00",
        "2015-09-20T07:10:00-07:00",
        291,
    ),
    "beginning_at_then_recovered_by": (
        "# Summary of the Amazon S3 Service Disruption in the Northern Virginia (US-EAST-1) "
        "Region\n\n"
        "We'd like to give you some additional information about the service disruption that "
        "occurred in the Northern Virginia (US-EAST-1) Region on the morning of February 28th, "
        "2017.\n\n"
        "Beginning at 9:37 AM PST, a routine runbook step meant to take a few hosts "
        "offline took far more of them out than intended. The index subsystem "
        "was fully recovered by 1:18 PM PST, and the placement subsystem by 1:54 PM PST. At "
        "that point, S3 was operating normally.\n",
        "2017-02-28T09:37:00-08:00",
        "2017-02-28T13:18:00-08:00",
        "2017-02-28T13:54:00-08:00",
        257,
    ),
    "at_chain_with_backlog_drained": (
        "# Summary of the AWS Lambda Service Event\n\n"
        "We want to provide some more information about the event in the US-EAST-1 Region on "
        "June 13th, 2023.\n\n"
        "At 11:49 AM PDT, customers began to see increased error rates and latencies when "
        "invoking Lambda functions. At 12:12 PM PDT, our engineers were engaged and started "
        "investigating. At 1:48 PM PDT, we completed the mitigation, and error rates returned "
        "to normal. By 2:25 PM PDT, all backlogged invocations had been processed.\n",
        "2023-06-13T11:49:00-07:00",
        "2023-06-13T13:48:00-07:00",
        "2023-06-13T14:25:00-07:00",
        156,
    ),
    "at_first_step_in_jst": (
        "# Summary of the EC2 and EBS Service Event in the Tokyo (AP-NORTHEAST-1) Region\n\n"
        "August 23rd, 2019\n\n"
        "At 12:36 PM JST, a small percentage of EC2 servers in a single Availability Zone shut "
        "down because of overheating. By 3:21 PM JST, most instances were restored. At 6:30 PM "
        "JST, all of the remaining affected instances were recovered.\n",
        "2019-08-23T12:36:00+09:00",
        "2019-08-23T15:21:00+09:00",
        "2019-08-23T18:30:00+09:00",
        354,
    ),
    "no_year_range_across_midnight": (
        "# Summary of the Amazon SQS Service Event\n\n"
        "We want to share the details of the SQS service event in the Oregon (US-WEST-2) "
        "Region.\n\n"
        "Between 11:00 PM PDT on April 20th and 2:30 AM PDT on April 21st, customers "
        "experienced elevated latencies when sending and receiving messages.\n",
        None,
        None,
        None,
        210,
    ),
    "from_to_pm_on_dated_day": (
        "# Summary of the Amazon CloudFront Event\n\n"
        "From 4:30 PM to 7:45 PM PDT on October 3rd, 2022, a subset of CloudFront edge "
        "locations returned errors for some requests.\n",
        "2022-10-03T16:30:00-07:00",
        "2022-10-03T19:45:00-07:00",
        "2022-10-03T19:45:00-07:00",
        195,
    ),
    "event_began_at_when": (
        "# Summary of the Amazon EC2 API Event in the Ohio (US-EAST-2) Region\n\n"
        "March 9th, 2021\n\n"
        "The event began at 3:12 PM PST, when a routine update to the API fleet removed too "
        "many hosts from service. Customers saw increased API error rates. Engineers restored "
        "the removed hosts, and by 4:47 PM PST, API error rates had returned to normal levels."
        "\n",
        "2021-03-09T15:12:00-08:00",
        "2021-03-09T16:47:00-08:00",
        "2021-03-09T16:47:00-08:00",
        95,
    ),
    "around_then_by_steps": (
        "# Summary of the Amazon Route 53 Event\n\n"
        "January 14th, 2022\n\n"
        "Around 10:30 AM PST, DNS queries to a subset of Route 53 name servers began timing "
        "out. By 11:05 AM PST the affected servers had been removed from service, and by 11:20 "
        "AM PST all DNS queries were being answered normally.\n",
        "2022-01-14T10:30:00-08:00",
        "2022-01-14T11:05:00-08:00",
        "2022-01-14T11:20:00-08:00",
        50,
    ),
    "no_year_range_with_weekdays": (
        "# Summary of the Amazon EC2 Event in the Oregon Region\n\n"
        "Between 10:00 PM PDT on Friday, June 3rd and 4:13 AM PDT on Saturday, June 4th, a "
        "subset of instances in one Availability Zone lost network connectivity.\n",
        None,
        None,
        None,
        373,
    ),
    "at_approximately_then_rolled_back_and_resolved": (
        "# Summary of the Amazon ElastiCache Event\n\nDecember 2nd, 2021\n\n"
        "At approximately 9:12 AM PST, a configuration change caused some cache nodes to "
        "restart repeatedly. At 10:02 AM PST, we rolled back the change. At 10:41 AM PST the "
        "issue was fully resolved.\n",
        "2021-12-02T09:12:00-08:00",
        "2021-12-02T10:02:00-08:00",
        "2021-12-02T10:41:00-08:00",
        89,
    ),
    "days_apart_each_dated": (
        "# Summary of the Amazon EBS Event in the US East Region\n\n"
        "At 12:47 AM PDT on April 21st, 2011, a network change was performed as part of our "
        "normal scaling activities, and many EBS nodes lost their replicas. By 12:30 PM PDT on "
        "April 24th, all but a small fraction of the volumes had been recovered.\n",
        "2011-04-21T00:47:00-07:00",
        "2011-04-24T12:30:00-07:00",
        "2011-04-24T12:30:00-07:00",
        5023,
    ),
    "dateline_then_between_without_day": (
        "# Summary of the Amazon RDS Event\n\nMay 18th, 2022\n\n"
        "Between 4:00 PM and 6:10 PM PDT we experienced increased error rates for RDS API calls "
        "in the US-WEST-1 Region. The issue has been resolved and the service is operating "
        "normally.\n",
        "2022-05-18T16:00:00-07:00",
        "2022-05-18T18:10:00-07:00",
        "2022-05-18T18:10:00-07:00",
        130,
    ),
    "starting_at_then_fully_resolved": (
        "# Summary of the Amazon Redshift Event\n\nSeptember 1st, 2021\n\n"
        "Starting at 12:51 AM PDT, queries on a subset of clusters in US-EAST-1 failed. At 3:03 "
        "AM PDT the issue was fully resolved.\n",
        "2021-09-01T00:51:00-07:00",
        "2021-09-01T03:03:00-07:00",
        "2021-09-01T03:03:00-07:00",
        132,
    ),
    # A health dashboard's notes: the closing note restates the window; its own time is when
    # it was posted.
    "dashboard_notes_closing_note_states_window": (
        "# Increased Error Rates - Amazon S3 (N. Virginia)\n\n"
        "**10:31 PM PDT** We are investigating increased error rates for Amazon S3 requests in "
        "the US-EAST-1 Region.\n\n"
        "**11:05 PM PDT** We have identified the root cause and are working towards recovery."
        "\n\n**11:52 PM PDT** Between 10:02 PM and 11:40 PM PDT we experienced increased error "
        "rates for Amazon S3 requests in the US-EAST-1 Region. The issue has been resolved and "
        "the service is operating normally.\n",
        None,
        None,
        None,
        98,
    ),
    # The title's "(June 2016)" gives the year of "June 4th".
    "title_month_and_year": (
        "# Summary of the AWS Service Event in the Sydney Region (June 2016)\n\n"
        "At 10:25 PM PDT on June 4th, our utility provider suffered a loss of power. Power was "
        "restored at 11:46 PM PDT, and by 1:00 AM PDT on June 5th most instances had "
        "recovered.\n",
        "2016-06-04T22:25:00-07:00",
        "2016-06-04T23:46:00-07:00",
        "2016-06-05T01:00:00-07:00",
        155,
    ),
    "title_dated_time_with_weekday": (
        "# Summary of the October 22, 2012 AWS Service Event in the US-East Region\n\n"
        "At 10:00AM PDT Monday, a small number of Amazon EBS volumes in one Availability Zone "
        "began seeing degraded performance. By 4:15PM PDT, the vast majority of affected "
        "volumes had been restored.\n",
        "2012-10-22T10:00:00-07:00",
        "2012-10-22T16:15:00-07:00",
        "2012-10-22T16:15:00-07:00",
        375,
    ),
    "next_day_in_parentheses": (
        "# Summary of the December 24, 2012 Amazon ELB Service Event in the US-East Region\n\n"
        "At 12:24 PM PST, a maintenance process that was inadvertently run against the "
        "production ELB state data started deleting state. At 2:45 AM PST (on December 25th), "
        "the state data was fully restored and the load balancers were operating normally.\n",
        "2012-12-24T12:24:00-08:00",
        "2012-12-25T02:45:00-08:00",
        "2012-12-25T02:45:00-08:00",
        861,
    ),
    "zone_in_words_then_abbreviation": (
        "# Summary of the Amazon EC2 and Amazon RDS Service Disruption\n\nJune 29th, 2012\n\n"
        "At 7:24 PM Pacific Daylight Time (PDT), a large voltage spike was experienced by the "
        "electrical switching equipment in two facilities. At 8:04 PM PDT, power was restored "
        "to the facilities, and by 11:15 PM PDT the majority of affected instances had "
        "recovered.\n",
        "2012-06-29T19:24:00-07:00",
        "2012-06-29T20:04:00-07:00",
        "2012-06-29T23:15:00-07:00",
        231,
    ),
    "zone_on_the_first_time_only": (
        "# Summary of the Amazon Kinesis Event in the Northern Virginia (US-EAST-1) Region\n\n"
        "November 25th, 2020\n\n"
        "At 5:15 AM PST, we started adding capacity to the front-end fleet. At 9:39 AM, we "
        "were able to confirm a root cause. By 10:23 PM, Kinesis was fully recovered.\n",
        "2020-11-25T05:15:00-08:00",
        "2020-11-25T22:23:00-08:00",
        "2020-11-25T22:23:00-08:00",
        1028,
    ),
    # The event's window, then the periods of impact inside it: the event's span, counted
    # once, not the event plus each period again.
    "event_window_then_periods_inside_it": (
        "# Summary of the Amazon SQS Service Event in the Oregon (US-WEST-2) Region\n\n"
        "While the event started at 9:12 PM PDT on 3 April 2024 and ended at 6:40 AM PDT on 4 "
        "April 2024, there were two distinct periods of impact. First, between 9:12 PM and "
        "11:05 PM on 3 April, SQS returned elevated errors. Second, between 2:30 AM and 6:40 AM "
        "on 4 April, message delivery was delayed.\n",
        "2024-04-03T21:12:00-07:00",
        "2024-04-04T06:40:00-07:00",
        "2024-04-04T06:40:00-07:00",
        568,
    ),
    # The days written once with their year ("April 3 and 4, 2024"), then the event window,
    # then periods of impact that end before the event does: the event's end is the end.
    "days_written_once_and_event_outlasting_its_periods": (
        "# Summary of the Amazon ECS Service Event in the Ireland (EU-WEST-1) Region\n\n"
        "We want to share details of the disruption of April 3 and 4, 2024. While the event "
        "started at 10:05 PM PDT on April 3 and ended at 9:30 AM PDT on April 4, there were two "
        "distinct periods of impact. First, between 10:05 PM on April 3 and 1:15 AM on April 4, "
        "task launches failed. Second, between 3:40 AM and 7:55 AM on April 4, services could "
        "not scale.\n",
        "2024-04-03T22:05:00-07:00",
        "2024-04-04T09:30:00-07:00",
        "2024-04-04T09:30:00-07:00",
        685,
    ),
}

CASES = {
    **{f"google_{k}": v for k, v in GOOGLE.items()},
    **{f"azure_{k}": v for k, v in AZURE.items()},
    **{f"aws_{k}": v for k, v in AWS.items()},
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_cloud_report_window(name: str) -> None:
    text, start, mitigated, resolved, duration = CASES[name]
    value = facts(text)
    found = (iso(value, "start"), iso(value, "mitigated"), iso(value, "resolved"), minutes(value))
    assert found == (start, mitigated, resolved, duration)


def _analyzed(path: Path) -> dict:  # type: ignore[type-arg]
    result = invoke("analyze", "--format", "json", str(path))
    document: dict = json.loads(result.stdout)["documents"][0]  # type: ignore[type-arg]
    return document


def test_a_date_alone_is_not_a_start_time_in_analyze(tmp_path: Path) -> None:
    text = GOOGLE["day_only_summary_with_stated_duration"][0]
    path = tmp_path / "report.md"
    path.write_text(text, encoding="utf-8")
    document = _analyzed(path)
    assert document["milestones"]["start"] is None
    assert (document["duration_minutes"], document["duration_source"]) == (40, "stated-duration")


def test_times_with_no_year_give_a_duration_and_no_milestones(tmp_path: Path) -> None:
    """The JSON contract: a milestone is null when no date is known; the minutes between two
    times of the same story still count."""
    path = tmp_path / "report.md"
    path.write_text(AWS["no_year_times_in_prose"][0], encoding="utf-8")
    document = _analyzed(path)
    assert document["milestones"]["start"] is None
    assert document["milestones"]["resolved"] is None
    assert (document["duration_minutes"], document["duration_source"]) == (81, "milestones")


@pytest.mark.parametrize(
    ("sentence", "minutes"),
    [
        (
            "Cloud Networking experienced packet loss in asia-east1 for a period of 2 hours and "
            "12 minutes.",
            132,
        ),
        ("Cloud Storage experienced elevated error rates lasting 1 hour and 18 minutes.", 78),
        (
            "App Engine applications in us-central experienced elevated error rates for 47 "
            "minutes.",
            47,
        ),
        (
            "Compute Engine instances saw increased disk latency for a duration of 2 hours, 17 "
            "minutes.",
            137,
        ),
    ],
)
def test_an_issue_summary_states_how_long(sentence: str, minutes: int) -> None:
    """Google's ISSUE SUMMARY: "On <day>, <service> experienced <symptom> for <duration>"."""
    value = facts(f"# Incident\n\n## ISSUE SUMMARY\n\nOn Monday 3 August 2020, {sentence}\n")
    assert value.duration() == (minutes, "stated-duration")


def test_a_failure_s_own_length_is_not_the_incident_s() -> None:
    """ "Failures for 30 seconds at a time" tells each failure, not the incident: the window
    the summary states is the duration."""
    value = facts(
        "# Azure Storage - West Europe\n\n**Summary of Impact:** Between 09:50 and 14:30 UTC on "
        "12 Jan 2023, customers experienced intermittent failures for 30 seconds at a time.\n"
    )
    assert value.duration() == (280, "range")


def test_overlapping_windows_are_counted_once() -> None:
    """A status header's window and the report's own window that overlaps it: not their sum;
    and where each holds most of the other (one period told twice), the longer, here the
    report's own (09:40 to 10:50), not their union (session 52: the readers of such pages
    give the report's window, not the header's early start or late end); separate windows
    still add up."""
    value = facts(
        "# Incident affecting Cloud Memorystore\n\n"
        "Incident began at 2024-02-06 10:05 and ended at 2024-02-06 11:10 (all times are "
        "US/Pacific).\n\n## Summary\n\n"
        "Between 09:40 and 10:50 US/Pacific on Tuesday, 6 February 2024, Memorystore instances "
        "in us-east4 refused new connections.\n"
    )
    assert value.duration() == (70, "range")
    apart = facts(
        "# Storage - North Europe\n\n**Summary of Impact:** Between 03:12 and 04:01 UTC on "
        "2 Mar 2023, and again between 16:40 and 17:25 UTC on 2 Mar 2023, writes failed.\n"
    )
    assert apart.duration() == (94, "range")


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("the outage of October 19 and 20, 2025", ["2025-10-19", "2025-10-20"]),
        ("between 19 and 20 October 2025", ["2025-10-19", "2025-10-20"]),
        ("from Jan. 30 and 31, 2024 onwards", ["2024-01-30", "2024-01-31"]),
    ],
)
def test_two_days_joined_by_and_share_month_and_year(text: str, days: list[str]) -> None:
    """ "October 19 and 20, 2025": two dates written with one month and one year, so a later
    "October 19" knows its year."""
    from pmlint.extract.timestamps import find_stamps

    found = [s.date.isoformat() for s in find_stamps(text) if s.date is not None]
    assert found == days
