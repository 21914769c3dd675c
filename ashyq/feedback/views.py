"""Pages of the feedback app: thin views — a form, one service, render or redirect (ARCHITECTURE rule 4)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ashyq.core.errors import InvalidTransition
from ashyq.core.http import AuthedRequest
from ashyq.core.i18n import active_language
from ashyq.core.permissions import (
    body_ids_for,
    can_change_body_data,
    is_analyst,
    is_authorized_staff,
    require_body_access,
    scope_to_user_bodies,
)
from ashyq.feedback import documents, f_table, forms
from ashyq.feedback.models import (
    DIALOGUE_KINDS,
    Item,
    ItemKind,
    ItemStatus,
    NotAccessibleFinding,
    Recommendation,
    SourceKind,
)
from ashyq.feedback.periods import Period
from ashyq.feedback.projects import publication_schedule
from ashyq.feedback.selectors import (
    analyses_list,
    body_summary,
    dialogue_half_years,
    feedback_scores,
    feedback_version_for,
    import_detail,
    item_detail,
    items_list,
    projects_list,
    score_counts,
    source_detail,
    sources_list,
    topics_list,
)
from ashyq.feedback.services import findings, followups, imports, items, sources
from ashyq.orgs.models import Body, Role
from ashyq.reports.http import document_offer, document_response

PAGE_SIZE = 50
COUNT_CAP = 10_000


class CappedPaginator(Paginator[Item]):
    """Plain pagination whose count stops at ``COUNT_CAP`` + 1 rows, so a list of millions of items
    counts in milliseconds; the page then says "more than 10,000" and the user narrows the filters."""

    @cached_property
    def count(self) -> int:
        items: QuerySet[Item] = self.object_list  # type: ignore[assignment]
        return items.order_by().values("pk")[: COUNT_CAP + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP


def _bodies(request: AuthedRequest) -> QuerySet[Body]:
    """The bodies the reader may pick in a form or a filter."""
    return scope_to_user_bodies(
        Body.objects.filter(is_active=True, outside_feedback_scope=False), request.user, body_field="pk"
    )


def _changeable_bodies(request: AuthedRequest) -> QuerySet[Body]:
    """The bodies whose data the reader may change (``can_change_body_data``): a create form offers only these, and
    is not shown at all to a reader who may change none (a first head, the authorized body's head)."""
    bodies = Body.objects.filter(is_active=True, outside_feedback_scope=False)
    if is_analyst(request.user):
        return bodies
    return bodies.filter(pk__in=body_ids_for(request.user, (Role.OFFICER,)))


def _require_reader(request: AuthedRequest) -> None:
    if not (is_authorized_staff(request.user) or body_ids_for(request.user)):
        raise PermissionDenied


def _attempt(request: AuthedRequest, call: Callable[[], Any]) -> bool:
    """Run one service; a refused transition or invalid value becomes a message on the page."""
    try:
        call()
    except InvalidTransition as error:
        messages.error(request, error.message)
        return False
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    return True


# ------------------------------------------------------------------------------------------------ items


@login_required
def item_list(request: AuthedRequest) -> HttpResponse:
    """The items list: filters, pagination, export of what is filtered (issue 5 item 10)."""
    _require_reader(request)
    form = forms.ItemFilterForm(request.GET or None, bodies=_bodies(request))
    found = items_list(user=request.user, filters=form.filters())
    export = request.GET.get("export", "")
    if export in documents.EXPORT_FORMATS:
        filters = form.filters()
        return document_offer(
            request,
            kind=documents.ITEMS_EXPORT,
            params=documents.items_export_params(filters),
            file_format=export,
            language=active_language(),
            body=_export_body(request, filters.body_id),
        )
    page = CappedPaginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "feedback/item_list.html", {"form": form, "page": page, "cap": COUNT_CAP})


def _export_body(request: AuthedRequest, body_id: int | None) -> Body | None:
    """The body an export's job belongs to: the one filtered, or the reader's only body; none for several."""
    if body_id is not None:
        return Body.objects.get(pk=body_id)
    own = body_ids_for(request.user)
    return Body.objects.get(pk=own.pop()) if len(own) == 1 and not is_authorized_staff(request.user) else None


@login_required
def item_view(request: AuthedRequest, pk: int) -> HttpResponse:
    return _item_page(request, item_detail(user=request.user, pk=pk))


def _item_page(request: AuthedRequest, item: Item, bound: dict[str, Any] | None = None) -> HttpResponse:
    """The item with the transitions the reader may make; a form sent with errors comes back bound."""
    context = {
        "item": item,
        "may_change": can_change_body_data(request.user, item.body),
        "accept_form": forms.AcceptForm(initial={"reference": item.clause}),
        "reject_form": forms.RejectForm(initial={"reason": item.answer_text}),
        "answer_form": forms.AnswerForm(),
        "follow_up_form": forms.FollowUpForm(),
    }
    return render(request, "feedback/item_detail.html", {**context, **(bound or {})})


ITEM_ACTIONS: dict[str, tuple[type[Any] | None, Callable[..., Item]]] = {
    "accept": (
        forms.AcceptForm,
        lambda item, data, user: items.item_accept(item=item, reference=data["reference"], actor=user),
    ),
    "reject": (
        forms.RejectForm,
        lambda item, data, user: items.item_reject(item=item, reason=data["reason"], actor=user),
    ),
    "answer": (
        forms.AnswerForm,
        lambda item, data, user: items.item_answer(
            item=item, answer=data["answer"], answered_on=data["answered_on"], actor=user
        ),
    ),
    "reclassify": (None, lambda item, data, user: items.item_reclassify(item=item, actor=user)),
    "follow-up": (
        forms.FollowUpForm,
        lambda item, data, user: items.item_follow_up_mark(
            item=item, follow_up=data["follow_up"], note=data["note"], actor=user
        ),
    ),
}


@login_required
@require_POST
def item_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    """One transition of an item; a wrong one is refused with the service's message."""
    if action not in ITEM_ACTIONS:
        raise Http404
    item = item_detail(user=request.user, pk=pk)
    require_body_access(request.user, item.body)
    form_class, call = ITEM_ACTIONS[action]
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        return _item_page(request, item, {f"{action.replace('-', '_')}_form": form})
    if _attempt(request, lambda: call(item, form.cleaned_data if form else {}, request.user)):
        messages.success(request, _("Saved."))
    return redirect("feedback:item_detail", pk=item.pk)


# ---------------------------------------------------------------------------------------------- sources


@login_required
def source_list(request: AuthedRequest) -> HttpResponse:
    _require_reader(request)
    kind = request.GET.get("kind", "")
    kind = kind if kind in SourceKind.values else ""
    return _source_list_page(request, kind=kind)


def _source_list_page(request: AuthedRequest, *, kind: str = "", form: Any = None) -> HttpResponse:
    page = Paginator(sources_list(user=request.user, kind=kind), PAGE_SIZE).get_page(request.GET.get("page"))
    bodies = _changeable_bodies(request)
    if form is None and bodies.exists():
        form = forms.SourceForm(bodies=bodies)
    return render(
        request, "feedback/source_list.html", {"page": page, "form": form, "kind": kind, "kinds": SourceKind.choices}
    )


@login_required
@require_POST
def source_create(request: AuthedRequest) -> HttpResponse:
    _require_reader(request)
    form = forms.SourceForm(request.POST, bodies=_changeable_bodies(request))
    if not form.is_valid():
        return _source_list_page(request, form=form)
    created: list[Any] = []
    if _attempt(request, lambda: created.append(sources.source_create(actor=request.user, **form.cleaned_data))):
        return redirect("feedback:source_detail", pk=created[0].pk)
    return redirect("feedback:source_list")


@login_required
def source_view(request: AuthedRequest, pk: int) -> HttpResponse:
    return _source_page(request, source_detail(user=request.user, pk=pk))


def _source_page(request: AuthedRequest, source: Any, bound: dict[str, Any] | None = None) -> HttpResponse:
    """The source with the forms the reader may use; a form sent with errors comes back bound."""
    return render(
        request,
        "feedback/source_detail.html",
        {
            "source": source,
            "may_change": can_change_body_data(request.user, source.body),
            "notice_form": forms.NoticeForm(),
            "council_form": forms.CouncilForm(),
            "results_form": forms.ResultsForm(),
            "material_form": forms.MaterialForm(),
            "item_form": forms.ItemCreateForm(),
            "import_form": forms.ImportForm(),
            "imports": source.imports.all()[:10],
            "is_dialogue": source.kind in DIALOGUE_KINDS,
            "counts": [
                (ItemKind(row["kind"]).label, ItemStatus(row["status"]).label, row["n"])
                for row in source.items.order_by("kind", "status").values("kind", "status").annotate(n=Count("id"))
            ],
            **(bound or {}),
        },
    )


SOURCE_ACTIONS: dict[str, tuple[type[Any], Callable[..., Any]]] = {
    "notice": (forms.NoticeForm, lambda source, data, user: sources.notice_add(source=source, actor=user, **data)),
    "council": (
        forms.CouncilForm,
        lambda source, data, user: sources.source_council_record(source=source, actor=user, **data),
    ),
    "results": (
        forms.ResultsForm,
        lambda source, data, user: sources.source_results_record(source=source, actor=user, **data),
    ),
    "material": (
        forms.MaterialForm,
        lambda source, data, user: sources.material_add(body=source.body, source=source, actor=user, **data),
    ),
    "item": (forms.ItemCreateForm, lambda source, data, user: sources.item_create(source=source, actor=user, **data)),
}


@login_required
@require_POST
def source_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    if action not in SOURCE_ACTIONS:
        raise Http404
    source = source_detail(user=request.user, pk=pk)
    require_body_access(request.user, source.body)
    form_class, call = SOURCE_ACTIONS[action]
    form = form_class(request.POST)
    if not form.is_valid():
        return _source_page(request, source, {f"{action}_form": form})
    if _attempt(request, lambda: call(source, form.cleaned_data, request.user)):
        messages.success(request, _("Saved."))
    return redirect("feedback:source_detail", pk=source.pk)


@login_required
@require_POST
def import_create(request: AuthedRequest, pk: int) -> HttpResponse:
    """Upload a file; the import runs in the background and its page shows the progress."""
    source = source_detail(user=request.user, pk=pk)
    require_body_access(request.user, source.body)
    form = forms.ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _source_page(request, source, {"import_form": form})
    jobs: list[Any] = []
    data = form.cleaned_data
    if _attempt(
        request,
        lambda: jobs.append(
            imports.import_job_create(
                source=source,
                upload=data["file"],
                file_format=data["format"],
                encoding=data["encoding"],
                actor=request.user,
            )
        ),
    ):
        return redirect("feedback:import_detail", pk=jobs[0].pk)
    return redirect("feedback:source_detail", pk=source.pk)


@login_required
def import_view(request: AuthedRequest, pk: int) -> HttpResponse:
    """The import's progress; htmx polls the progress fragment until the import has finished."""
    job = import_detail(user=request.user, pk=pk)
    template = "feedback/import_progress.html" if request.htmx else "feedback/import_detail.html"  # type: ignore[attr-defined]
    may_start_again = job.can_start_again() and can_change_body_data(request.user, job.source.body)
    return render(request, template, {"job": job, "may_start_again": may_start_again})


@login_required
@require_POST
def import_start_again(request: AuthedRequest, pk: int) -> HttpResponse:
    """Queue again an import whose task worker died on its last attempt (ADR 0045)."""
    job = import_detail(user=request.user, pk=pk)
    if _attempt(request, lambda: imports.import_job_start_again(job=job, actor=request.user)):
        messages.success(request, _("The import was queued again."))
    return redirect("feedback:import_detail", pk=job.pk)


def import_template(request: HttpRequest, template: str, extension: str) -> HttpResponse:
    if template not in {"template", "npa_portal"} or extension not in documents.EXPORT_FORMATS:
        raise Http404
    content = documents.import_template(file_format=extension, template=template, language=active_language())
    return document_response(content, filename=f"feedback-{template}.{extension}")


@login_required
@require_http_methods(["GET", "POST"])
def source_report(request: AuthedRequest, pk: int, language: str, extension: str) -> HttpResponse:
    """The report on accepted and rejected remarks/proposals of a draft (000 §7, §11); a large one is made by the
    task worker (issue 11 item 7)."""
    if language not in {"kk", "ru"} or extension not in documents.REPORT_FORMATS:
        raise Http404
    source = source_detail(user=request.user, pk=pk)
    return document_offer(
        request,
        kind=documents.DRAFT_REPORT,
        params={"source": source.pk},
        file_format=extension,
        language=language,
        body=source.body,
    )


# ---------------------------------------------------------------------------------------------- summary


def _period(request: AuthedRequest) -> tuple[forms.PeriodForm, Period]:
    """The year (or quarter) asked for; the current year when none or an invalid one was asked."""
    form = forms.PeriodForm(request.GET or None)
    if form.is_valid():
        year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
        return form, Period.quarter(year, quarter) if quarter else Period.year(year)
    return forms.PeriodForm(), Period.year(timezone.localdate().year)


@login_required
def summary(request: AuthedRequest) -> HttpResponse:
    """000 §20 counts and F with its band per body and period, explained by the engine (000 §22–23)."""
    _require_reader(request)
    return _summary_page(request)


def _summary_page(request: AuthedRequest, finding_form: Any = None) -> HttpResponse:
    form, period = _period(request)
    rows, sort = f_table.sort_rows(
        f_table.f_rows(feedback_scores(user=request.user, period=period)), request.GET.get("sort", "")
    )
    export = request.GET.get("export", "")
    if export in documents.EXPORT_FORMATS:
        heading = _("Feedback indicator F") + f", {period}"
        return document_response(
            f_table.f_export(rows, file_format=export, heading=heading), filename=f"indicator-f.{export}"
        )
    bars, chart_height = f_table.distribution(rows, feedback_version_for(period))
    query = request.GET.copy()
    query.pop("sort", None)
    query.pop("export", None)
    return render(
        request,
        "feedback/summary.html",
        {
            "form": form,
            "period": period,
            "rows": rows,
            "sort": sort,
            "sorts": {key: (f"-{key}" if sort == key else key) for key in f_table.SORTS},
            "query": query.urlencode(),
            "bars": bars,
            "chart_height": chart_height,
            "chart": {"width": f_table.CHART_WIDTH, "label": f_table.CHART_LABEL, "bar": f_table.CHART_BAR_HEIGHT},
            "finding_form": finding_form or (forms.FindingForm() if is_analyst(request.user) else None),
        },
    )


@login_required
def body_summary_view(request: AuthedRequest, body_id: int) -> HttpResponse:
    """The information of 000 §20 p.1–4 for one body and period, with F explained by the engine."""
    body = get_object_or_404(_bodies(request), pk=body_id)
    form, period = _period(request)
    summary = body_summary(body_id=body.pk, period=period)
    score = score_counts(feedback_version_for(period), summary.counts, summary.finding is None)
    return render(
        request,
        "feedback/body_summary.html",
        {
            "body": body,
            "form": form,
            "period": period,
            "summary": summary,
            "score": score,
        },
    )


@login_required
@require_POST
def finding_set(request: AuthedRequest) -> HttpResponse:
    _form, period = _period(request)
    finding_form = forms.FindingForm(request.POST)
    if not finding_form.is_valid():
        return _summary_page(request, finding_form=finding_form)
    try:
        findings.finding_set(period=period, actor=request.user, **finding_form.cleaned_data)
        messages.success(request, _("Saved."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(f"{reverse('feedback:summary')}?{request.GET.urlencode()}")


@login_required
@require_POST
def finding_clear(request: AuthedRequest, pk: int) -> HttpResponse:
    """Withdraw a finding of 000 §23 (analysts only; the service checks)."""
    finding = get_object_or_404(NotAccessibleFinding.objects.select_related("body"), pk=pk)
    findings.finding_clear(finding=finding, actor=request.user)
    messages.success(request, _("Saved."))
    return redirect(f"{reverse('feedback:summary')}?{request.GET.urlencode()}")


# ------------------------------------------------------------------------------- analyses, topics, projects


@login_required
def analysis_list(request: AuthedRequest) -> HttpResponse:
    _require_reader(request)
    return _analysis_page(request)


def _analysis_page(
    request: AuthedRequest, bound: dict[str, Any] | None = None, bound_pk: int | None = None
) -> HttpResponse:
    """The analyses, each with only the steps its reader may take: officers draft and submit, the body's first head
    decides (000 §14–15); a form sent with errors comes back bound under its own analysis (``bound_pk``)."""
    first_head_of = body_ids_for(request.user, (Role.FIRST_HEAD,))
    analyses = list(analyses_list(user=request.user)[:40])
    for analysis in analyses:
        analysis.may_change = can_change_body_data(request.user, analysis.body)  # type: ignore[attr-defined]
        analysis.may_decide = analysis.body_id in first_head_of  # type: ignore[attr-defined]
        analysis.bound = (bound or {}) if analysis.pk == bound_pk else {}  # type: ignore[attr-defined]
    bodies = _changeable_bodies(request)
    create = (bound or {}).get("form") if bound_pk is None else None
    return render(
        request,
        "feedback/analysis_list.html",
        {
            "analyses": analyses,
            "form": create or (forms.AnalysisForm(bodies=bodies) if bodies.exists() else None),
            "recommendation_form": forms.RecommendationForm(),
            "decision_form": forms.DecisionForm(),
            "done_form": forms.DoneForm(),
        },
    )


@login_required
@require_POST
def analysis_create(request: AuthedRequest) -> HttpResponse:
    _require_reader(request)
    form = forms.AnalysisForm(request.POST, bodies=_changeable_bodies(request))
    if not form.is_valid():
        return _analysis_page(request, {"form": form})
    if _attempt(request, lambda: followups.analysis_create(actor=request.user, **form.cleaned_data)):
        messages.success(request, _("Saved."))
    return redirect("feedback:analysis_list")


ANALYSIS_ACTIONS: dict[str, tuple[type[Any] | None, Callable[..., Any]]] = {
    "recommend": (
        forms.RecommendationForm,
        lambda analysis, data, user: followups.recommendation_add(analysis=analysis, actor=user, **data),
    ),
    "submit": (None, lambda analysis, data, user: followups.analysis_submit(analysis=analysis, actor=user)),
    "decide": (
        forms.DecisionForm,
        lambda analysis, data, user: followups.analysis_decide(analysis=analysis, actor=user, **data),
    ),
}


@login_required
@require_POST
def analysis_action(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    if action not in ANALYSIS_ACTIONS:
        raise Http404
    analysis = get_object_or_404(analyses_list(user=request.user), pk=pk)
    form_class, call = ANALYSIS_ACTIONS[action]
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        name = {"recommend": "recommendation_form", "decide": "decision_form"}[action]
        return _analysis_page(request, {name: form}, bound_pk=analysis.pk)
    if _attempt(request, lambda: call(analysis, form.cleaned_data if form else {}, request.user)):
        messages.success(request, _("Saved."))
    return redirect("feedback:analysis_list")


@login_required
@require_POST
def recommendation_done(request: AuthedRequest, pk: int) -> HttpResponse:
    recommendation = get_object_or_404(
        Recommendation.objects.select_related("analysis__body").filter(analysis__in=analyses_list(user=request.user)),
        pk=pk,
    )
    require_body_access(request.user, recommendation.analysis.body)
    form = forms.DoneForm(request.POST)
    if not form.is_valid():
        return _analysis_page(
            request, {"done_form": form, "done_pk": recommendation.pk}, bound_pk=recommendation.analysis_id
        )
    if _attempt(
        request,
        lambda: followups.recommendation_complete(
            recommendation=recommendation, actor=request.user, **form.cleaned_data
        ),
    ):
        messages.success(request, _("Saved."))
    return redirect("feedback:analysis_list")


@login_required
def topic_list(request: AuthedRequest) -> HttpResponse:
    """Problem topics, the conferences and surveys on them, and the half-year check of 000 §18."""
    _require_reader(request)
    return _topic_page(request)


def _topic_page(request: AuthedRequest, topic_form: Any = None) -> HttpResponse:
    changeable = _changeable_bodies(request)
    form, period = _period(request)
    bodies = _bodies(request)
    checks = [(body, dialogue_half_years(body_id=body.pk, year=period.start.year)) for body in bodies[:20]]
    return render(
        request,
        "feedback/topic_list.html",
        {
            "topics": topics_list(user=request.user)[:100],
            "checks": checks,
            "form": form,
            "topic_form": topic_form or (forms.TopicForm(bodies=changeable) if changeable.exists() else None),
        },
    )


@login_required
@require_POST
def topic_create(request: AuthedRequest) -> HttpResponse:
    _require_reader(request)
    form = forms.TopicForm(request.POST, bodies=_changeable_bodies(request))
    if not form.is_valid():
        return _topic_page(request, topic_form=form)
    if _attempt(request, lambda: sources.topic_create(actor=request.user, **form.cleaned_data)):
        messages.success(request, _("Saved."))
    return redirect("feedback:topic_list")


@login_required
def project_list(request: AuthedRequest) -> HttpResponse:
    """Projects with their quarterly interim and annual final information; missing ones overdue (000 §16)."""
    _require_reader(request)
    return _project_page(request)


def _project_page(
    request: AuthedRequest, bound: dict[str, Any] | None = None, bound_pk: int | None = None
) -> HttpResponse:
    projects = list(projects_list(user=request.user)[:50])
    for project in projects:
        project.may_change = can_change_body_data(request.user, project.body)  # type: ignore[attr-defined]
        project.bound_form = (bound or {}).get("publication_form") if project.pk == bound_pk else None  # type: ignore[attr-defined]
    bodies = _changeable_bodies(request)
    return render(
        request,
        "feedback/project_list.html",
        {
            "rows": [(project, publication_schedule(project)) for project in projects],
            "form": (bound or {}).get("form") or (forms.ProjectForm(bodies=bodies) if bodies.exists() else None),
            "publication_form": forms.PublicationForm(),
        },
    )


@login_required
@require_POST
def project_create(request: AuthedRequest) -> HttpResponse:
    _require_reader(request)
    form = forms.ProjectForm(request.POST, bodies=_changeable_bodies(request))
    if not form.is_valid():
        return _project_page(request, {"form": form})
    if _attempt(request, lambda: followups.project_create(actor=request.user, **form.cleaned_data)):
        messages.success(request, _("Saved."))
    return redirect("feedback:project_list")


@login_required
@require_POST
def publication_add(request: AuthedRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(projects_list(user=request.user), pk=pk)
    require_body_access(request.user, project.body)
    form = forms.PublicationForm(request.POST)
    if not form.is_valid():
        return _project_page(request, {"publication_form": form}, bound_pk=project.pk)
    if _attempt(request, lambda: followups.publication_add(project=project, actor=request.user, **form.cleaned_data)):
        messages.success(request, _("Saved."))
    return redirect("feedback:project_list")
