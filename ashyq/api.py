"""The public API (django-ninja): OpenAPI at /api/docs, endpoints under /api/v1/.

Each app adds its router here. Services and selectors raise the domain's exceptions; this module turns
them into HTTP answers once for every router (STYLE "In Ashyq": InvalidTransition is 409, never 403):
400 an unreadable request body, 403 PermissionDenied, 404 a missing object, 409 InvalidTransition,
422 a service's ValidationError or a value the database cannot hold, each as ``{"detail": ...}``.
"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import DataError
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI

from ashyq.core.errors import InvalidTransition

api = NinjaAPI(title="Ashyq API", version="1", urls_namespace="api")


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


@api.exception_handler(DataError)
@api.exception_handler(OverflowError)
def out_of_range(request: HttpRequest, error: Exception) -> HttpResponse:
    """A number past what the database holds (an id of 10^30): the request is wrong, not the server."""
    return api.create_response(request, {"detail": "A value in the request is out of range."}, status=422)


api.add_router("/v1/registry/", "ashyq.registry.api.router")
api.add_router("/v1/meetings/", "ashyq.meetings.api.router")
api.add_router("/v1/feedback/", "ashyq.feedback.api.router")
api.add_router("/v1/score/", "ashyq.evaluation.api.router")
api.add_router("/v1/public/", "ashyq.portal.api.router")
