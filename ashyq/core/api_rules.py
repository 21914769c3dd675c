"""The API operations whose schema-valid requests may still be refused (422) for a rule the OpenAPI schema
cannot state (docs/api.md, issue 15 item 6). The schema tests and ``bench/api_fuzz.py`` leave schemathesis's
``positive_data_acceptance`` check out for these operations only; every other check stays on for them."""

from __future__ import annotations

STATE_RULES = frozenset(
    {
        # the shape of the JSON object is the methodology's, per indicator and version (docs/methodology.md,
        # docs/examples/*.schema.json), and the engine also refuses numbers that disagree (answered > received)
        "POST /api/v1/score/feedback",
        "POST /api/v1/score/openness",
        "PUT /api/v1/campaigns/bodies/{pk}/values/{indicator}/{language}/",
        # the indicator and language must be ones the body reports under the campaign's pinned methodology version
        "PUT /api/v1/campaigns/bodies/{pk}/verifications/{indicator}/{language}/",
        "POST /api/v1/campaigns/bodies/{pk}/requests/",
        # a progress report's quarter must come after the action plan was published: a rule on stored data
        "POST /api/v1/meetings/{pk}/progress/",
        # the schema lists every marking a person may declare; a document marked secret or "restricted
        # distribution" is then refused with a message naming ``marking`` (002 §16)
        "POST /api/v1/campaigns/requests/{pk}/documents/",
    }
)


def schemathesis_operations_config() -> str:
    """The ``[[operations]]`` tables of a ``schemathesis.toml`` that leave the check out for these operations."""
    return "".join(
        f'\n[[operations]]\ninclude-name = "{name}"\nchecks.positive_data_acceptance.enabled = false\n'
        for name in sorted(STATE_RULES)
    )
