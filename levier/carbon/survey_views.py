"""The commuting survey: the organisation's page to send it and read it, and
the employees' public page to answer it.

The public page is a token view: the token in the link is the only key, so
the survey is looked up for nobody in particular (like an invitation), and
the page then reads nothing else of the organisation's. Answers keep no
name, no address, no account, and the page sets no cookie of its own.
"""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from levier.carbon import commuting
from levier.carbon.forms_survey import AnswerForm, WeeksForm
from levier.carbon.models import CommutingSurvey, Inventory
from levier.tenancy.scope import system
from levier.tenancy.views import org_view, token_view

# The organisation's side ---------------------------------------------------------


def _inventory(access, pk) -> Inventory:
    return get_object_or_404(Inventory, pk=pk, organisation=access.organisation)


def _survey_or_404(inventory) -> CommutingSurvey:
    return get_object_or_404(CommutingSurvey, inventory=inventory)


def _back(access, inventory):
    return redirect("carbon_survey", access.organisation.slug, inventory.pk)


def _refuse_locked(request, inventory) -> bool:
    if inventory.is_locked:
        messages.error(
            request,
            _("This inventory is locked: unlock it before changing its commuting survey."),
        )
        return True
    return False


def _manage_page(request, access, inventory, survey, weeks_form=None, status=200):
    context = {
        "access": access,
        "organisation": access.organisation,
        "inventory": inventory,
        "survey": survey,
    }
    if survey is not None:
        link = request.build_absolute_uri(reverse("carbon_survey_answer", args=[survey.token]))
        context.update(
            link=link,
            invitation_text=commuting.invitation_text(access.organisation, link),
            weeks_form=weeks_form or WeeksForm(instance=survey),
            report=commuting.report(survey, inventory),
            survey_lines=commuting.survey_lines(inventory),
        )
    return render(request, "carbon/survey/manage.html", context, status=status)


@org_view("contribute")
def survey_manage(request, access, pk):
    """Create the survey (POST), or see its link, its answers and what they say."""
    inventory = _inventory(access, pk)
    survey = CommutingSurvey.objects.filter(inventory=inventory).first()
    if request.method == "POST":
        if survey is None and not _refuse_locked(request, inventory):
            try:
                with transaction.atomic():
                    CommutingSurvey.objects.create(inventory=inventory, created_by=request.user)
            except IntegrityError:
                pass  # a colleague created it a moment ago: theirs is the survey
            else:
                messages.success(
                    request, _("The survey is ready: send its link to your colleagues.")
                )
        return _back(access, inventory)
    return _manage_page(request, access, inventory, survey)


@org_view("contribute")
@require_POST
def survey_weeks(request, access, pk):
    inventory = _inventory(access, pk)
    survey = _survey_or_404(inventory)
    if _refuse_locked(request, inventory):
        return _back(access, inventory)
    form = WeeksForm(request.POST, instance=survey)
    if form.is_valid():
        form.save()
        messages.success(request, _("Weeks worked in a year saved."))
        return _back(access, inventory)
    survey.refresh_from_db()
    return _manage_page(request, access, inventory, survey, weeks_form=form, status=400)


@org_view("contribute")
@require_POST
def survey_open(request, access, pk):
    """Open or close the survey to answers (``open`` is "1" or "0")."""
    inventory = _inventory(access, pk)
    survey = _survey_or_404(inventory)
    if _refuse_locked(request, inventory):
        return _back(access, inventory)
    is_open = request.POST.get("open") == "1"
    CommutingSurvey.objects.filter(pk=survey.pk).update(is_open=is_open)
    if is_open:
        messages.success(request, _("The survey is open: its link takes answers again."))
    else:
        messages.success(request, _("The survey is closed: its link takes no more answers."))
    return _back(access, inventory)


@org_view("contribute")
@require_POST
def survey_count(request, access, pk):
    """Replace the inventory's commuting lines from the survey by new ones."""
    inventory = _inventory(access, pk)
    survey = _survey_or_404(inventory)
    try:
        lines = commuting.count_answers(survey, request.user)
    except commuting.CannotCount as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _(
                "The answers are counted in the inventory: %(count)s commuting lines, "
                "which replace those the survey had written before."
            )
            % {"count": len(lines)},
        )
    return _back(access, inventory)


# The employees' side ------------------------------------------------------------


def _open_survey(token) -> CommutingSurvey:
    """The survey of a token, read for nobody (the token is the key) with the
    little the page shows: the organisation's name. Unknown: 404."""
    with system():
        survey = (
            CommutingSurvey.objects.select_related("inventory__organisation")
            .filter(token=token)
            .first()
        )
    if survey is None:
        raise Http404
    return survey


def _closed(request, survey, reason):
    return render(
        request,
        "carbon/survey/closed.html",
        {"organisation_name": survey.inventory.organisation.name, "reason": reason},
        status=410,
    )


@token_view
def survey_answer(request, token):
    survey = _open_survey(token)
    refusal = commuting.why_closed(survey)
    if refusal:
        return _closed(request, survey, refusal)
    form = AnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with system():
            refusal = commuting.add_answer(survey, form.cleaned_data)
        if refusal:
            return _closed(request, survey, refusal)
        return redirect("carbon_survey_thanks", token)
    return render(
        request,
        "carbon/survey/answer.html",
        {"organisation_name": survey.inventory.organisation.name, "form": form},
        status=400 if form.errors else 200,
    )


@token_view
def survey_thanks(request, token):
    survey = _open_survey(token)
    return render(
        request,
        "carbon/survey/thanks.html",
        {"organisation_name": survey.inventory.organisation.name},
    )
