"""Pages of the efficiency evaluation portal (thin views, ARCHITECTURE rule 4). Public pages need no log-in;
the officer's pages (publishing a report, announcing and moderating a conference) do."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import http_date, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ashyq.core.errors import InvalidTransition
from ashyq.core.forms import add_service_errors
from ashyq.core.http import AuthedRequest
from ashyq.core.permissions import body_ids_for, is_analyst
from ashyq.evaluation.models import Enrolment
from ashyq.orgs.models import Body, Role
from ashyq.portal import deadlines, drafts, opendata, ratings, selectors
from ashyq.portal.forms import (
    SEARCH_MAX_LENGTH,
    AnswerForm,
    ConferenceForm,
    DraftSearchForm,
    PublishForm,
    QuestionForm,
    RegisterFilterForm,
    RejectForm,
    ReportUploadForm,
)
from ashyq.portal.models import Question
from ashyq.portal.services.conferences import (
    TooManyQuestions,
    conference_announce,
    question_answer,
    question_ask,
    question_publish,
    question_reject,
    suggested_public_text,
)
from ashyq.portal.services.reports import plan_report_publish
from ashyq.reports.http import CONTENT_TYPES

CONFERENCE_PAGE_SIZE = 20


def _found(fetch: Callable[[], Any]) -> Any:
    try:
        return fetch()
    except ObjectDoesNotExist:
        raise Http404 from None


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/index.html")


# --- reports on strategic plans and development programmes (003 §4–7) ---


def report_register(request: HttpRequest) -> HttpResponse:
    form = RegisterFilterForm(request.GET or None)
    filters = form.filters(default_year=deadlines.today().year - 1)
    rows = selectors.report_register(**filters)
    can_publish = selectors.reporting_bodies_for(request.user).exists() if request.user.is_authenticated else False
    context = {
        "form": form,
        "year": filters["year"],
        "rows": rows,
        "due_dates": [
            {"level": level, "due_on": deadlines.level_due(level, filters["year"])} for level in deadlines.LEVELS
        ],
        "overdue": [row for row in rows if row.state == selectors.ReportState.OVERDUE],
        "can_publish": can_publish,
    }
    return render(request, "portal/report_register.html", context)


def report_download(request: HttpRequest, pk: int) -> FileResponse:
    report = _found(lambda: selectors.public_report(pk=pk))
    name = f"{report.body.name_ru} {report.year}.pdf"
    return FileResponse(report.file.open("rb"), as_attachment=True, filename=name, content_type="application/pdf")


@login_required
def report_publish(request: AuthedRequest) -> HttpResponse:
    bodies = selectors.reporting_bodies_for(request.user)
    if not bodies.exists():
        raise PermissionDenied(_("Only an officer of a state body may publish its report."))
    initial = {"year": deadlines.today().year - 1, "body": bodies.first()}
    form = ReportUploadForm(request.POST or None, request.FILES or None, bodies=bodies, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = plan_report_publish(
                body=data["body"],
                year=data["year"],
                upload=data["file"],
                no_restricted_information=data["no_restricted_information"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The report has been published."))
            return redirect(f"{reverse('portal:report_register')}?year={report.year}")
    return render(request, "portal/report_publish.html", {"form": form})


# --- internet conferences (003 §8) ---


def conference_list(request: HttpRequest) -> HttpResponse:
    archived = request.GET.get("archive") == "1"
    conferences = selectors.public_conferences(archived=archived)
    page = Paginator(conferences, CONFERENCE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/conference_list.html", {"page": page, "archived": archived})


def client_address(request: HttpRequest) -> str:
    """The client's network address: the connection's, or behind ``ASHYQ_PROXY_HOPS`` proxies the address the
    outermost trusted proxy saw (X-Forwarded-For read from the right, so a client cannot choose its own)."""
    hops: int = settings.ASHYQ_PROXY_HOPS
    header = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
    forwarded = [part.strip() for part in header.split(",") if part.strip()]
    if hops and len(forwarded) >= hops:
        return forwarded[-hops]
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def conference_detail(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _found(lambda: selectors.public_conference(pk=pk))
    form = QuestionForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            question_ask(conference=conference, address=client_address(request), **form.cleaned_data)
        except TooManyQuestions:
            form.add_error(None, _("You have sent many questions in the last hour. Please try again later."))
            status = 429
        except InvalidTransition as error:
            form.add_error(None, error.message)
            status = 409
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Thank you. Your question will be published after moderation, and the answer will appear here."),
            )
            return redirect("portal:conference", pk=conference.pk)
    return render(request, "portal/conference_detail.html", {"conference": conference, "form": form}, status=status)


def _officer_bodies(user: Any) -> Any:
    bodies = Body.objects.filter(is_active=True)
    if not is_analyst(user):
        bodies = bodies.filter(pk__in=body_ids_for(user, (Role.OFFICER,)))
    return bodies.order_by("name_ru")


@login_required
def conference_manage_list(request: AuthedRequest) -> HttpResponse:
    bodies = _officer_bodies(request.user)
    if not bodies.exists():
        raise PermissionDenied(_("Only an officer of a state body may hold internet conferences."))
    form = ConferenceForm(request.POST or None, bodies=bodies, initial={"body": bodies.first()})
    if request.method == "POST" and form.is_valid():
        try:
            conference = conference_announce(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The conference has been announced."))
            return redirect("portal:conference_manage", pk=conference.pk)
    conferences = selectors.conferences_for_user(user=request.user)
    return render(request, "portal/conference_manage_list.html", {"form": form, "conferences": conferences})


@login_required
def conference_manage(request: AuthedRequest, pk: int) -> HttpResponse:
    conference = _found(lambda: selectors.conference_for_user(user=request.user, pk=pk))
    return _moderation_page(request, conference, forms={})


def _moderation_page(request: AuthedRequest, conference: Any, forms: dict[int, Any], status: int = 200) -> HttpResponse:
    questions = []
    for question in conference.questions.all().order_by("created_at", "id"):
        bound = forms.get(question.pk, {})
        entry = {"question": question}
        if question.status == Question.Status.SUBMITTED:
            entry["publish"] = bound.get("publish") or PublishForm(
                initial={"public_text": suggested_public_text(question)}, prefix=f"q{question.pk}"
            )
            entry["reject"] = bound.get("reject") or RejectForm(prefix=f"q{question.pk}")
        elif question.status == Question.Status.PUBLISHED:
            entry["answer"] = bound.get("answer") or AnswerForm(prefix=f"q{question.pk}")
        questions.append(entry)
    can_change = is_analyst(request.user) or conference.source.body_id in body_ids_for(request.user, (Role.OFFICER,))
    context = {"conference": conference, "questions": questions, "can_change": can_change}
    return render(request, "portal/conference_manage.html", context, status=status)


_ACTIONS: dict[str, tuple[type[forms.Form], Callable[[Question, dict[str, Any], Any], Question]]] = {
    "publish": (PublishForm, lambda q, data, user: question_publish(question=q, actor=user, **data)),
    "reject": (RejectForm, lambda q, data, user: question_reject(question=q, actor=user, **data)),
    "answer": (AnswerForm, lambda q, data, user: question_answer(question=q, actor=user, **data)),
}
_DONE = {
    "publish": gettext_lazy("The question has been published."),
    "reject": gettext_lazy("The question will not be published."),
    "answer": gettext_lazy("The answer has been published."),
}


@login_required
@require_POST
def question_act(request: AuthedRequest, pk: int, action: str) -> HttpResponse:
    question = _found(lambda: selectors.question_for_user(user=request.user, pk=pk))
    form_class, act = _ACTIONS[action]
    form = form_class(request.POST, prefix=f"q{question.pk}")
    status = 200
    if form.is_valid():
        try:
            act(question, form.cleaned_data, request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        except InvalidTransition as error:
            form.add_error(None, error.message)
            status = 409
        else:
            messages.success(request, _DONE[action])
            return redirect("portal:conference_manage", pk=question.conference_id)
    conference = selectors.conference_for_user(user=request.user, pk=question.conference_id)
    return _moderation_page(request, conference, forms={question.pk: {action: form}}, status=status)


# --- drafts and their outcomes (000 §5–7, §10–11, §16) ---

DRAFT_PAGE_SIZE = 20


def draft_list(request: HttpRequest) -> HttpResponse:
    form = DraftSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    state = request.GET.get("state", "")
    page = Paginator(drafts.public_drafts(search=query, state=state), DRAFT_PAGE_SIZE).get_page(request.GET.get("page"))
    today = deadlines.today()
    rows = [(source, str(drafts.DiscussionState.LABELS[drafts.discussion_state(source, today)])) for source in page]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "state": state,
        "states": drafts.DiscussionState.LABELS.items(),
        "query": query,
        "remarks": drafts.find_remarks(text=query),
        "min_search": drafts.MIN_SEARCH_LENGTH,
    }
    return render(request, "portal/draft_list.html", context)


def draft_detail(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = _found(lambda: drafts.draft_outcome(pk=pk))
    return render(request, "portal/draft_detail.html", {"outcome": outcome, "source": outcome.source})


def project_results(request: HttpRequest) -> HttpResponse:
    projects = Paginator(drafts.public_projects(), DRAFT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/project_results.html", {"page": projects})


# --- the public openness ratings (issue 13 item 1) ---

RATING_COLUMNS = (
    ("place", gettext_lazy("Place")),
    ("body", gettext_lazy("State body")),
    ("final", gettext_lazy("final score with penalty")),
    ("total", gettext_lazy("total by criteria")),
    ("penalty", gettext_lazy("penalty deduction")),
    ("f", gettext_lazy("Feedback indicator F, %")),
)


def _year(request: HttpRequest, years: list[int]) -> int | None:
    """The asked year if it has published results, else the latest one."""
    asked = request.GET.get("year", "")
    if asked.isdigit() and int(asked) in years:
        return int(asked)
    return years[0] if years else None


def rating_list(request: HttpRequest) -> HttpResponse:
    years = ratings.published_years()
    year = _year(request, years)
    search = request.GET.get("q", "")[:SEARCH_MAX_LENGTH].strip()
    result = ratings.ratings(year=year, search=search, sort=request.GET.get("sort", "")) if year else None
    current = result.sort if result else ratings.DEFAULT_SORT
    query = {"year": year or "", **({"q": search} if search else {})}
    columns = [
        {
            "key": key,
            "label": label,
            "href": "?" + urlencode({**query, "sort": ratings.next_sort(key, current)}),
            "aria_sort": ("descending" if current.startswith("-") else "ascending")
            if current.lstrip("-") == key
            else "",
        }
        for key, label in RATING_COLUMNS
    ]
    groups = (
        [(kind, Enrolment.Kind(kind).label, result.groups.get(kind, [])) for kind in ratings.KINDS] if result else []
    )
    context = {
        "years": years,
        "year": year,
        "search": search,
        "search_max": SEARCH_MAX_LENGTH,
        "columns": columns,
        "groups": groups,
    }
    return render(request, "portal/rating_list.html", context)


def rating_body(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    page = _found(lambda: ratings.body_year(body_id=pk, year=year))
    return render(request, "portal/rating_body.html", {"page": page, "chart": ratings.CHART})


def rating_body_csv(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    """The body's published results of every year (the ``openness-results`` dataset's rows of one body)."""
    body = _found(lambda: Body.objects.get(pk=pk))
    dataset = opendata.RESULTS.of_body(body.pk)
    response = StreamingHttpResponse(opendata.csv_chunks(dataset), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="openness-results-{body.pk}.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


def rating_compare(request: HttpRequest) -> HttpResponse:
    years = ratings.published_years()
    year = _year(request, years)
    bodies = ratings.year_bodies(year) if year else []
    picked = [int(value) if value.isdigit() else 0 for value in (request.GET.get("a", ""), request.GET.get("b", ""))]
    left, right = ratings.enrolments_of(bodies, *picked)
    rows = ratings.compare(year=year, left=left, right=right) if year and left and right else []
    context = {"years": years, "year": year, "bodies": bodies, "left": left, "right": right, "rows": rows}
    return render(request, "portal/rating_compare.html", context)


# --- open data (issue 13 item 5) ---


def dataset_list(request: HttpRequest) -> HttpResponse:
    datasets = [(dataset, dataset.last_modified()) for dataset in opendata.DATASETS]
    context = {"datasets": datasets, "licence": settings.ASHYQ_OPEN_DATA_LICENCE}
    return render(request, "portal/dataset_list.html", context)


def _stamped(response: HttpResponse | StreamingHttpResponse, dataset: opendata.Dataset) -> HttpResponse:
    modified = dataset.last_modified()
    if modified is not None:
        response["Last-Modified"] = http_date(modified.timestamp())
    response["Access-Control-Allow-Origin"] = "*"
    return response  # type: ignore[return-value]


def dataset_file(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    dataset = opendata.BY_NAME.get(name)
    if dataset is None:
        raise Http404
    if fmt == "csv":
        response: HttpResponse | StreamingHttpResponse = StreamingHttpResponse(
            opendata.csv_chunks(dataset), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    elif fmt == "json":
        response = StreamingHttpResponse(opendata.json_chunks(dataset), content_type="application/json")
    else:
        response = FileResponse(opendata.xlsx_file(dataset), as_attachment=True, filename=f"{name}.xlsx")
        response["Content-Type"] = CONTENT_TYPES["xlsx"]
    return _stamped(response, dataset)


def datapackage(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(opendata.descriptor(), json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Access-Control-Allow-Origin"] = "*"
    return response
