"""One body's Annex 8 conclusion from the campaign's stored facts (issue 14 item 7).

The engine scores the whole campaign as one group again (the exempt bodies' averages need every body), which
gives the same figures as the stored ones: the facts cannot change once scored except through a commission's
rescoring, which is stored the same way. The document is then laid out by :mod:`ashyq.evaluation.conclusion`.
"""

from __future__ import annotations

from ashyq.evaluation.conclusion import Conclusion, ConclusionDetails, DocumentLanguage, build_conclusion
from ashyq.evaluation.engine import BodyScore
from ashyq.evaluation.facts import gather
from ashyq.evaluation.models import Enrolment
from ashyq.evaluation.pinned import pinned_version
from ashyq.evaluation.services.scoring import score_gathered
from ashyq.methodology.versions import Names


def enrolment_score(enrolment: Enrolment) -> BodyScore:
    """The body's score as the engine computes it from the campaign's facts, the campaign as one group."""
    campaign = enrolment.campaign
    bodies = gather(campaign, campaign.enrolments.select_related("body"))
    scores = score_gathered(campaign, bodies)
    index = next(index for index, body in enumerate(bodies) if body.enrolment.pk == enrolment.pk)
    return scores[index]


def enrolment_conclusion(
    enrolment: Enrolment, language: DocumentLanguage, score: BodyScore | None = None
) -> Conclusion:
    """The body's conclusion in Kazakh or Russian: the head who approved it and the date of approval. ``score``,
    when the caller already has it (both languages of one body), saves scoring the campaign again."""
    head = enrolment.conclusion_approved_by
    details = ConclusionDetails(
        body_name=Names(kk=enrolment.body.name_kk, ru=enrolment.body.name_ru),
        period_start=enrolment.campaign.period_start,
        period_end=enrolment.campaign.period_end,
        head_name=(head.get_full_name() or head.get_username()) if head is not None else "",
        signed_on=enrolment.conclusion_approved_at.date() if enrolment.conclusion_approved_at else None,
        recommendations={"kk": enrolment.recommendations_kk, "ru": enrolment.recommendations_ru},
    )
    version = pinned_version(enrolment.campaign.methodology)
    return build_conclusion(version, score or enrolment_score(enrolment), details, language)
