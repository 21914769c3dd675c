"""What the registry's services share: who may file for a body, the addressee, and attached files."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from ashyq.core.permissions import body_ids_for
from ashyq.orgs.models import Body, Role
from ashyq.registry.attachments import validate_attachments
from ashyq.registry.models import Attachment

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def require_officer_of(user: User, body: Body) -> None:
    """Only the body's own officers file and change its applications and requests (issue 6 "Rules")."""
    if body.pk not in body_ids_for(user, (Role.OFFICER,)):
        raise PermissionDenied(_("Only an officer of the applicant body may do this."))


def authorized_body() -> Body:
    """The addressee of every application: the body flagged as the authorized body."""
    try:
        return Body.objects.get(is_authorized_body=True)
    except Body.DoesNotExist:
        raise ValidationError(_("No state body is marked as the authorized body.")) from None


def attachments_add(*, uploads: list[UploadedFile], actor: User, **owner: Any) -> list[Attachment]:
    """Store checked files for one owner (``application=`` or ``request=``) through the storage API."""
    validate_attachments(uploads)
    saved = []
    for upload in uploads:
        attachment = Attachment(file=upload, original_name=(upload.name or "")[:200], size=upload.size or 0, **owner)
        attachment.uploaded_by = actor
        attachment.save()
        saved.append(attachment)
    return saved
