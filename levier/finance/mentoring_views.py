"""Mentoring pairs a network's staff follow: an accelerator or a fund with a
member, an experienced member with a new one, and dated notes."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from levier.finance.mentoring_forms import MentoringEndForm, MentoringNoteForm, MentoringPairForm
from levier.finance.models import MentoringPair
from levier.tenancy.views import network_view


def _pair(access, pk) -> MentoringPair:
    return get_object_or_404(
        MentoringPair.objects.filter(network=access.network).select_related(
            "mentor_organisation", "mentor_funder", "mentee"
        ),
        pk=pk,
    )


@network_view("animate")
def pair_list(request, access):
    pairs = MentoringPair.objects.filter(network=access.network).select_related(
        "mentor_organisation", "mentor_funder", "mentee"
    )
    return render(
        request,
        "finance/mentoring_list.html",
        {"network": access.network, "pairs": pairs, "today": timezone.localdate()},
    )


def _pair_form(request, access, pair=None):
    form = MentoringPairForm(
        request.POST if request.method == "POST" else None,
        instance=pair,
        network=access.network,
        initial=None if pair else {"started_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        pair = form.save()
        messages.success(request, _("The mentoring pair is saved."))
        return redirect("mentoring_detail", access.network.slug, pair.pk)
    return render(
        request,
        "finance/mentoring_form.html",
        {"network": access.network, "form": form, "pair": pair},
        status=400 if form.errors else 200,
    )


@network_view("animate")
def pair_create(request, access):
    return _pair_form(request, access)


@network_view("animate")
def pair_edit(request, access, pk):
    return _pair_form(request, access, _pair(access, pk))


@network_view("animate")
def pair_detail(request, access, pk):
    pair = _pair(access, pk)
    form = MentoringNoteForm(
        request.POST if request.method == "POST" else None,
        initial={"on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        note = form.save(commit=False)
        note.pair = pair
        note.written_by = request.user
        note.save()
        messages.success(request, _("The note is added."))
        return redirect("mentoring_detail", access.network.slug, pair.pk)
    return render(
        request,
        "finance/mentoring_detail.html",
        {
            "network": access.network,
            "pair": pair,
            "notes": pair.notes.select_related("written_by"),
            "form": form,
            "end_form": MentoringEndForm(
                instance=pair, initial={"ended_on": pair.ended_on or timezone.localdate()}
            ),
        },
        status=400 if form.errors else 200,
    )


@network_view("animate")
@require_POST
def pair_end(request, access, pk):
    pair = _pair(access, pk)
    form = MentoringEndForm(request.POST, instance=pair)
    if form.is_valid():
        form.save()
        messages.success(request, _("The mentoring pair is ended."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("mentoring_detail", access.network.slug, pair.pk)


@network_view("animate")
@require_POST
def note_delete(request, access, pk, note_pk):
    pair = _pair(access, pk)
    get_object_or_404(pair.notes.all(), pk=note_pk).delete()
    messages.success(request, _("The note is deleted."))
    return redirect("mentoring_detail", access.network.slug, pair.pk)
