"""The public API (django-ninja): OpenAPI at /api/docs, endpoints under /api/v1/.

Each app adds its router here. Services and selectors raise the domain's exceptions; this module turns
them into HTTP answers once for every router (STYLE "In Ashyq": InvalidTransition is 409, never 403):
400 an unreadable request body, 413 one over the size limit, 403 PermissionDenied, 404 a missing object,
409 InvalidTransition, 422 a service's ValidationError, a value the database cannot hold or a query parameter
the operation does not declare, each as ``{"detail": ...}``.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, RequestDataTooBig, ValidationError
from django.db import DataError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema

from ashyq.core.api_errors import document_errors
from ashyq.core.errors import InvalidTransition


class AshyqAPI(NinjaAPI):
    """django-ninja's API whose OpenAPI schema documents every operation's error answers (ashyq/core/api_errors.py)."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document_errors(schema)
        return schema


def _query_names(operation: Any) -> set[str]:
    """The query parameters an operation declares (its own, its filters' and its pagination's)."""
    names: set[str] = set()
    for model in operation.models:
        if getattr(model, "__ninja_param_source__", None) == "query":
            flattened = getattr(model, "__ninja_flatten_map__", None)
            names |= set(flattened) if flattened else {f.alias or n for n, f in model.model_fields.items()}
    return names


def refuse_unknown_query(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Every operation refuses a query parameter it does not declare with a 422 naming it, as the schema's
    checks do for a body's unknown field: ``?statuss=draft`` is a mistake to report, not a filter to drop."""
    known = _query_names(getattr(run, "__self__"))  # noqa: B009 (run is the Operation's bound method)

    @wraps(run)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        unknown = sorted(set(request.GET) - known)
        if unknown:
            detail = [
                {"type": "extra_forbidden", "loc": ["query", name], "msg": f"Unknown query parameter: {name}"}
                for name in unknown
            ]
            return api.create_response(request, {"detail": detail}, status=422)
        return run(request, *args, **kwargs)

    return checked


api = AshyqAPI(title="Ashyq API", version="1", urls_namespace="api")
api.add_decorator(refuse_unknown_query, mode="view")


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(error) or "Forbidden"}, status=403)


@api.exception_handler(ObjectDoesNotExist)
def not_found(request: HttpRequest, error: ObjectDoesNotExist) -> HttpResponse:
    return api.create_response(request, {"detail": "Not Found"}, status=404)


@api.exception_handler(InvalidTransition)
def invalid_transition(request: HttpRequest, error: InvalidTransition) -> HttpResponse:
    return api.create_response(request, {"detail": error.message}, status=409)


@api.exception_handler(ValidationError)
def invalid_input(request: HttpRequest, error: ValidationError) -> HttpResponse:
    detail = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(MultiPartParserError)
def unreadable_body(request: HttpRequest, error: MultiPartParserError) -> HttpResponse:
    return api.create_response(request, {"detail": f"The request body cannot be read: {error}"}, status=400)


@api.exception_handler(RequestDataTooBig)
def body_too_large(request: HttpRequest, error: RequestDataTooBig) -> HttpResponse:
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE: a JSON 413, not Django's HTML 400 (issue 15 item 6)."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0
    return api.create_response(
        request, {"detail": f"The request body is larger than {limit // (1024 * 1024)} MB."}, status=413
    )


@api.exception_handler(DataError)
@api.exception_handler(OverflowError)
def out_of_range(request: HttpRequest, error: Exception) -> HttpResponse:
    """A number past what the database holds (an id of 10^30): the request is wrong, not the server."""
    return api.create_response(request, {"detail": "A value in the request is out of range."}, status=422)


api.add_router("/v1/registry/", "ashyq.registry.api.router")
api.add_router("/v1/meetings/", "ashyq.meetings.api.router")
api.add_router("/v1/feedback/", "ashyq.feedback.api.router")
api.add_router("/v1/score/", "ashyq.evaluation.api.router")
api.add_router("/v1/campaigns/", "ashyq.evaluation.campaigns_api.router")
api.add_router("/v1/feedback-evaluations/", "ashyq.evaluation.feedback_api.router")
api.add_router("/v1/analysis/", "ashyq.analysis.api.router")
api.add_router("/v1/public/", "ashyq.portal.api.router")


@csrf_exempt  # like the API's own views: a POST to a wrong path is a 404, not the site's HTML CSRF page
def no_such_operation(request: HttpRequest) -> JsonResponse:
    """A path under /api/ that names no operation (``/api/v1/meetings/-1/``): the API's JSON 404, not a page."""
    return JsonResponse({"detail": "Not Found"}, status=404)
