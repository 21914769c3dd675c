"""The public API (django-ninja): OpenAPI at /api/docs, endpoints under /api/v1/.

Each app adds its router here, e.g. ``api.add_router("/v1/registry/", "ashyq.registry.api.router")``.
"""

from ninja import NinjaAPI

api = NinjaAPI(title="Ashyq API", version="1", urls_namespace="api")
api.add_router("/v1/registry/", "ashyq.registry.api.router")
api.add_router("/v1/meetings/", "ashyq.meetings.api.router")
api.add_router("/v1/feedback/", "ashyq.feedback.api.router")
api.add_router("/v1/score/", "ashyq.evaluation.api.router")
