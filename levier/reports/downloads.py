"""A member's results leaving Levier as a file: the attachment, and its
name (never its figures) in the organisation's audit trail, which its
admins read."""

from django.http import HttpResponse

from levier.audit import services as audit

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "xlsx": XLSX, "pdf": "application/pdf"}


def results_download(request, organisation, content: bytes, name: str) -> HttpResponse:
    """``content`` as the attachment ``name``, its type from the extension."""
    response = HttpResponse(content, content_type=CONTENT_TYPES[name.rsplit(".", 1)[1]])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    audit.record(
        audit.Action.RESULTS_EXPORTED,
        subject=request.user,
        organisation=organisation,
        detail=name,
        request=request,
    )
    return response
