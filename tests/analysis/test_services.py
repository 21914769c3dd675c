"""The analysis of a body's quarter (issue 12 items 1, 3–6; 000 §14–15, §17): run in the worker, stored,
re-run, its topics named (the §17 list), merged and split, and the quarterly analysis prefilled."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from ashyq.analysis import services
from ashyq.analysis.models import QuarterRun, TopicCluster
from ashyq.core.errors import InvalidTransition
from ashyq.core.models import AuditEvent
from ashyq.feedback.models import Item, QuarterlyAnalysis, Topic
from ashyq.feedback.services.followups import analysis_submit, recommendation_add
from ashyq.feedback.services.imports import import_job_create
from ashyq.feedback.services.sources import item_create
from tests.feedback.factories import ALMATY, ItemFactory

from .conftest import CAMPAIGN_TEXT, IIN

pytestmark = pytest.mark.django_db


def _run(officer, body, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        run = services.run_request(body=body, year=2026, quarter_number=3, actor=officer)
    run.refresh_from_db()
    return run


def test_the_quarter_is_analysed_in_the_worker_and_its_figures_stored(
    officer_a, body_a, quarter_texts, django_capture_on_commit_callbacks
):
    # given body A's third quarter (a campaign of 12 copies, 9 other texts) and 3 items in the second
    # when the officer asks for the analysis and the worker runs it
    run = _run(officer_a, body_a, django_capture_on_commit_callbacks)
    # then every text is counted, the copies are one group and a campaign, and the previous quarter is there
    assert run.status == QuarterRun.Status.DONE
    assert (run.total, run.processed, run.percent) == (21, 21, 100)
    results = run.results
    assert (results["total"], results["unique"], results["in_groups"]) == (21, 10, 12)
    assert (results["campaigns"], results["campaign_texts"]) == (1, 12)
    assert results["with_personal_data"] == 5  # the IIN/phone appeal and the four copies signed with a phone
    assert results["channels"] == {"appeals_social": 21}
    assert results["previous"]["total"] == 3
    assert results["previous"]["languages"] == {"ru": 3}  # detected too, so the trend compares like with like
    group = run.groups.get()
    assert (group.size, group.is_campaign, group.burst_count) == (12, True, 12)
    assert group.representative == CAMPAIGN_TEXT  # the wording most copies used
    # and each item's language is stored for the list's filter
    assert (
        dict(Item.objects.filter(body=body_a, received_at__month__gte=7).values_list("text", "language"))[
            "Су жоқ үш күн болды, когда это закончится, сколько можно ждать?"
        ]
        == "mixed"
    )
    assert results["languages"] == {"ru": 16, "kk": 4, "mixed": 1}
    events = AuditEvent.objects.filter(target_type="analysis.quarterrun", target_id=str(run.pk)).order_by("pk")
    assert list(events.values_list("event_type", "actor_id")) == [
        ("analysis.run.requested", officer_a.pk),
        ("analysis.run.completed", None),
    ]


def test_personal_data_never_reaches_the_stored_texts(
    officer_a, body_a, quarter_texts, django_capture_on_commit_callbacks
):
    run = _run(officer_a, body_a, django_capture_on_commit_callbacks)
    stored = [g.representative for g in run.groups.all()] + [e for t in run.topics.all() for e in t.examples]
    assert stored
    assert not any(IIN in text or "123 45 67" in text or "87015550" in text for text in stored)


def test_an_officer_of_another_body_may_not_run_it(officer_b, body_a, quarter_texts):
    with pytest.raises(PermissionDenied):
        services.run_request(body=body_a, year=2026, quarter_number=3, actor=officer_b)
    assert not QuarterRun.objects.exists()


def test_new_items_make_the_run_stale_and_a_rerun_counts_them(
    officer_a, body_a, quarter_texts, django_capture_on_commit_callbacks
):
    # given a finished analysis
    run = _run(officer_a, body_a, django_capture_on_commit_callbacks)
    assert not services.run_is_stale(run)
    # when an item arrives in the quarter
    ItemFactory(
        source=quarter_texts["appeals"],
        text="Новое обращение о воде",
        received_at=datetime.datetime(2026, 9, 20, 9, tzinfo=ALMATY),
    )
    # then the run says so, and running it again counts the new item
    assert services.run_is_stale(run)
    run = _run(officer_a, body_a, django_capture_on_commit_callbacks)
    assert (run.status, run.results["total"]) == (QuarterRun.Status.DONE, 22)
    assert not services.run_is_stale(run)


def test_a_queued_run_is_not_queued_twice(officer_a, body_a, quarter_texts):
    first = services.run_request(body=body_a, year=2026, quarter_number=3, actor=officer_a)
    second = services.run_request(body=body_a, year=2026, quarter_number=3, actor=officer_a)
    assert first.pk == second.pk and second.status == QuarterRun.Status.QUEUED
    assert AuditEvent.objects.filter(event_type="analysis.run.requested").count() == 1


def test_naming_a_topic_adds_it_to_the_problem_topics_of_000_17(
    officer_a, body_a, quarter_texts, django_capture_on_commit_callbacks
):
    # given a finished analysis with found topics
    run = _run(officer_a, body_a, django_capture_on_commit_callbacks)
    cluster = run.topics.first()
    # when the officer names one
    services.cluster_name(cluster=cluster, title_kk="Ауыз су", title_ru="Питьевая вода", actor=officer_a)
    # then it is a problem topic of the body, which conferences and surveys can take
    topic = Topic.objects.get(body=body_a)
    assert (topic.title_kk, topic.title_ru) == ("Ауыз су", "Питьевая вода")
    assert "2026" in topic.raised_in
    assert TopicCluster.objects.get(pk=cluster.pk).topic == topic
    assert AuditEvent.objects.filter(event_type="feedback.topic.created", target_id=str(topic.pk)).exists()
    # and renaming keeps one topic
    services.cluster_name(cluster=cluster, title_kk="Су", title_ru="Вода", actor=officer_a)
    assert Topic.objects.get(body=body_a).title_ru == "Вода"


def test_an_officer_of_another_body_may_not_name_a_topic(
    officer_a, officer_b, body_a, quarter_texts, django_capture_on_commit_callbacks
):
    run = _run(officer_a, body_a, django_capture_on_commit_callbacks)
    with pytest.raises(PermissionDenied):
        services.cluster_name(cluster=run.topics.first(), title_kk="x", title_ru="x", actor=officer_b)
    assert not Topic.objects.exists()


def test_splitting_separates_a_topics_texts_and_merging_joins_them_again(
    officer_a, body_a, quarter_texts, django_capture_on_commit_callbacks
):
    # given an analysis whose few texts make one topic
    run = _run(officer_a, body_a, django_capture_on_commit_callbacks)
    whole = run.topics.get()
    # when the officer splits it
    first, second = services.cluster_split(cluster=whole, actor=officer_a)
    # then two topics share its texts, and the split one is gone
    assert first.size + second.size == whole.size
    assert sorted(first.item_ids + second.item_ids) == sorted(whole.item_ids)
    assert not TopicCluster.objects.filter(pk=whole.pk).exists()
    # when the officer merges them back
    merged = services.cluster_merge(cluster=second, into=first, actor=officer_a)
    # then the first holds every text, the second is merged away and cannot be merged again
    assert merged.size == whole.size
    assert TopicCluster.objects.get(pk=second.pk).merged_into_id == first.pk
    with pytest.raises(InvalidTransition):
        services.cluster_merge(cluster=second, into=first, actor=officer_a)
    assert AuditEvent.objects.filter(event_type__in=["analysis.topic.split", "analysis.topic.merged"]).count() == 2


def test_the_quarterly_analysis_is_prefilled_from_the_run_and_follows_feedbacks_workflow(
    officer_a, body_a, quarter_texts, django_capture_on_commit_callbacks
):
    # given a finished analysis
    run = _run(officer_a, body_a, django_capture_on_commit_callbacks)
    # when the officer saves the (edited) findings
    analysis = services.quarterly_analysis_prefill(run=run, findings="Edited findings", actor=officer_a)
    # then the quarter's analysis of 000 §14 exists with the counts of appeals and social-media comments
    assert (analysis.year, analysis.quarter, analysis.findings) == (2026, 3, "Edited findings")
    assert (analysis.appeals_count, analysis.social_comments_count) == (8, 13)
    # and saving again replaces the text while it is a draft
    services.quarterly_analysis_prefill(run=run, findings="Second version", actor=officer_a)
    assert QuarterlyAnalysis.objects.get().findings == "Second version"
    assert AuditEvent.objects.filter(event_type="feedback.analysis.prefilled").count() == 1
    # but not after it was submitted to the first head
    recommendation_add(analysis=analysis, kind="correction", text="Сквер", unit="ЖКХ", actor=officer_a)
    analysis_submit(analysis=analysis, actor=officer_a)
    with pytest.raises(InvalidTransition):
        services.quarterly_analysis_prefill(run=run, findings="Too late", actor=officer_a)


def test_an_import_of_new_items_runs_the_quarters_analysis_again(
    officer_a, body_a, quarter_texts, django_capture_on_commit_callbacks, settings
):
    # given a finished analysis of 2026 Q3
    settings.MEDIA_ROOT = settings.VAR_DIR / "test-media"
    run = _run(officer_a, body_a, django_capture_on_commit_callbacks)
    # when a file of two new appeals of that quarter is imported
    content = (
        "external_id,kind,text,received_at\n"
        "N-1,comment,Просим отремонтировать дорогу в селе Жанатурмыс,2026-09-21 10:00\n"
        "N-2,comment,Жолды жөндеуді сұраймыз,2026-09-22 11:00\n"
    ).encode()
    with django_capture_on_commit_callbacks(execute=True):
        import_job_create(
            source=quarter_texts["appeals"],
            upload=SimpleUploadedFile("new.csv", content),
            file_format="template",
            encoding="auto",
            actor=officer_a,
        )
    # then the analysis ran again and counts them
    run.refresh_from_db()
    assert (run.status, run.results["total"]) == (QuarterRun.Status.DONE, 23)
    assert AuditEvent.objects.filter(event_type="analysis.run.requested", actor=None).count() == 1


def test_an_item_entered_by_hand_runs_the_quarters_analysis_again(
    officer_a, body_a, quarter_texts, django_capture_on_commit_callbacks
):
    # given a finished analysis of 2026 Q3
    run = _run(officer_a, body_a, django_capture_on_commit_callbacks)
    # when the officer enters one more appeal of that quarter by hand
    with django_capture_on_commit_callbacks(execute=True):
        item_create(
            source=quarter_texts["appeals"],
            kind="comment",
            text="Жолды жөндеуді сұраймыз",
            received_at=datetime.datetime(2026, 9, 22, 11, 0, tzinfo=ALMATY),
            actor=officer_a,
        )
    # then the analysis ran again and counts it; an item of another quarter leaves it alone
    run.refresh_from_db()
    assert (run.status, run.results["total"]) == (QuarterRun.Status.DONE, 22)
    with django_capture_on_commit_callbacks(execute=True):
        item_create(
            source=quarter_texts["appeals"],
            kind="comment",
            text="Жолды жөндеуді сұраймыз",
            received_at=datetime.datetime(2026, 10, 2, 11, 0, tzinfo=ALMATY),
            actor=officer_a,
        )
    assert AuditEvent.objects.filter(event_type="analysis.run.requested", actor=None).count() == 1


def test_the_prefilled_findings_give_totals_trend_campaigns_and_problems(
    officer_a, body_a, quarter_texts, django_capture_on_commit_callbacks
):
    from ashyq.analysis.documents import findings_text

    run = _run(officer_a, body_a, django_capture_on_commit_callbacks)
    text = findings_text(run)
    assert text.startswith(
        "In quarter 3 of 2026 the body received 21 appeals, comments and questions (10 different texts); "
        "in the previous quarter, 3."
    )
    assert "1 mass campaign of near-identical texts:" in text
    assert f"«{CAMPAIGN_TEXT}»: 12 texts" in text
    assert "The most frequent problems:\n1. " in text
    assert IIN not in text
