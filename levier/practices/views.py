"""The good-practice library: browse, adopt, propose; animators review and import."""

import hashlib

from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from levier.accounts.models import Membership, OrgRole
from levier.api import webhooks
from levier.frameworks.services import latest_pack
from levier.lib.queries import SubqueryCount
from levier.membership.models import DirectoryEntry
from levier.plans import services as plans
from levier.plans.models import Action
from levier.plans.suggesting import GENERATION_KEY
from levier.practices import exchange, gains
from levier.practices.forms import ImportForm, PracticeFilterForm, PracticeForm, ReviewForm
from levier.practices.models import Adoption, Practice
from levier.practices.search import RankedSearch, matching
from levier.practices.services import filter_library, linkable_packs
from levier.tenancy.managers import taken
from levier.tenancy.views import member_view, network_view, public_view

PAGE_SIZE = 20
BROWSE_SECONDS = 600
LISTED_IMPORT_ERRORS = 100


def _language() -> str:
    return get_language() or "fr"


def _contributing_memberships(request):
    """The person's memberships where they may write (propose, adopt)."""
    if not request.user.is_authenticated:
        return []
    contributing = request.scope.org_ids_at_least(OrgRole.CONTRIBUTOR)
    return list(Membership.objects.of(request.user).filter(organisation_id__in=contributing))


# A few names are enough to start a conversation; the directory lists the rest.
ADOPTER_CONTACTS_SHOWN = 5


def get_practice(request, pk, *, edit=False) -> Practice:
    """A practice the person may see (the scope's "practice" rule: published
    ones of their networks and the shared library, public ones, drafts of
    their organisation and of the networks they animate), or edit: their
    organisation's drafts, or anything of a network they animate. Else 404.
    """
    practice = get_object_or_404(
        Practice.objects.select_related("author_organisation", "network"), pk=pk
    )
    if edit and not _can_edit(request, practice):
        raise Http404
    return practice


def _can_edit(request, practice) -> bool:
    if request.scope.animates(practice.network_id):
        return True
    authors = practice.author_organisation_id in request.scope.org_ids_at_least(
        OrgRole.CONTRIBUTOR
    )
    return authors and practice.status == Practice.Status.DRAFT


def _filtered(request, pack):
    """The filter form, the practices it allows, the search text and the sort."""
    form = PracticeFilterForm(request.GET or None, pack=pack, language=_language())
    practices = Practice.objects.published()
    if not form.is_valid():
        return form, practices, "", ""
    data = form.cleaned_data
    practices = filter_library(
        practices,
        pack=pack,
        pillar=data["pillar"],
        theme=data["theme"],
        size_band=data["size_band"],
        sector=data["sector"],
        effort=data["effort"],
        cost=data["cost"],
        question=data["question"],
    )
    return form, practices, data["q"], data["sort"]


CARD_FIELDS = [
    "id", "title", "title_en", "summary", "summary_en", "effort", "cost", "themes",
    "published_at", "author_named", "author_organisation__name",
]  # fmt: skip


def _cards(practices):
    """What a library card shows, the organisation's name with it (shown when
    it agreed to be named)."""
    return practices.select_related("author_organisation").only(*CARD_FIELDS)


def _with_adopters(practices):
    return _cards(practices).annotate(
        adopters=SubqueryCount(Adoption.objects.filter(practice=OuterRef("pk")))
    )


def _browse_page(ordered, page_number):
    """A page of the library in its order, its ids and the total kept in the cache
    until a practice or adoption changes (ADR 0027): ordering every practice by
    its adopters takes seconds in a federation of 10,000 members."""
    generation = cache.get(GENERATION_KEY) or 0
    scoped = f"{ordered.query}|{page_number}|{generation}"  # the scope is in the query
    key = "library:" + hashlib.sha256(scoped.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        rows = ordered.values_list("pk", "adopters")
        page = Paginator(rows, PAGE_SIZE).get_page(page_number)
        found = (page.paginator.count, page.number, list(page.object_list))
        cache.set(key, found, BROWSE_SECONDS)
    count, number, rows = found
    page = Paginator(range(count), PAGE_SIZE).get_page(number)
    # Their adopters come with the order: counting them again for twenty
    # practices reads every member organisation of the network.
    adopters = dict(rows)
    by_pk = _cards(Practice.objects.all()).in_bulk(list(adopters))
    for pk, practice in by_pk.items():
        practice.adopters = adopters[pk]
    page.object_list = [by_pk[pk] for pk, _count in rows if pk in by_pk]
    return page


def _with_gains(practices) -> None:
    """Each practice's measured gains in the person's networks (one query)."""
    found = gains.figures_for([p.pk for p in practices]) if practices else {}
    for practice in practices:
        practice.gain_figures = found.get(practice.pk, [])


@public_view
def practice_gains_method(request):
    return render(request, "practices/gains_method.html")


@public_view
def practice_list(request):
    pack = latest_pack()
    form, practices, query, sort = _filtered(request, pack)
    page_number = request.GET.get("page")
    if query and not sort:
        # Relevance: the engine ranks and returns only the page's twenty.
        page = Paginator(RankedSearch(practices, query), PAGE_SIZE).get_page(page_number)
        by_pk = {p.pk: p for p in _with_adopters(Practice.objects.filter(pk__in=page.object_list))}
        page.object_list = [by_pk[pk] for pk in page.object_list]
    else:
        practices = _with_adopters(matching(practices, query))
        ordering = ["-published_at", "title"] if sort == "newest" else ["-adopters", "title"]
        page = _browse_page(practices.order_by(*ordering), page_number)
    _with_gains(page.object_list)
    theme_titles = {t.code: t.title.get(_language()) for t in pack.themes} if pack else {}
    parameters = request.GET.copy()
    parameters.pop("page", None)
    return render(
        request,
        "practices/list.html",
        {
            "form": form,
            "page": page,
            "theme_titles": theme_titles,
            "query_string": parameters.urlencode(),
            "can_propose": bool(_contributing_memberships(request)),
        },
    )


@public_view
def practice_detail(request, pk):
    practice = get_practice(request, pk)
    pack = latest_pack()
    packs = linkable_packs(practice.network)
    links = []
    for link in practice.links.order_by("framework", "question_code"):
        linked_pack = packs.get(link.framework)
        try:
            question = linked_pack.question(link.question_code)
        except (KeyError, AttributeError):
            continue
        if question.level(link.level_code) is None:
            continue
        links.append(
            {
                "framework": linked_pack.title,
                "question": question,
                "level": question.level(link.level_code),
                "theme": linked_pack.theme(question.theme_code),
            }
        )
    memberships = _contributing_memberships(request)
    adopted = set(
        Adoption.objects.filter(
            practice=practice, organisation__in=[m.organisation_id for m in memberships]
        ).values_list("organisation_id", flat=True)
    )
    theme_titles = {t.code: t.title.get(_language()) for t in pack.themes} if pack else {}
    # The action each organisation already has for this practice, to link to
    # it rather than offer to add it twice.
    in_plan = dict(
        Action.objects.filter(
            practice=practice, organisation__in=[m.organisation_id for m in memberships]
        )
        .exclude(status=Action.Status.DROPPED)
        .values_list("organisation_id", "pk")
    )
    # People of adopting organisations who agreed to be listed in the
    # directory: whom to ask how it went (the directory's own rule keeps
    # them to the reader's networks).
    contacts = (
        DirectoryEntry.objects.filter(
            listed=True,
            membership__organisation__in=practice.adoptions.values("organisation"),
            membership__user__is_active=True,
            membership__user__closed_at=None,
        )
        .exclude(membership__user=request.user.pk)
        .select_related("membership__user", "membership__organisation")
        .order_by("membership__organisation__name", "membership__user__full_name", "pk")[
            :ADOPTER_CONTACTS_SHOWN
        ]
        if request.user.is_authenticated
        else []
    )
    return render(
        request,
        "practices/detail.html",
        {
            "practice": practice,
            "contacts": contacts,
            "links": links,
            "several_frameworks": len({link.framework for link in practice.links.all()}) > 1,
            "themes": [theme_titles.get(code, code) for code in practice.themes],
            "adopters": practice.adoptions.count(),
            "gain_figures": gains.figures_for([practice.pk]).get(practice.pk, []),
            "memberships": memberships,
            "adopted": adopted,
            "in_plan": in_plan,
            "can_edit": _can_edit(request, practice),
            "animates": request.scope.animates(practice.network_id),
            "review_form": ReviewForm(initial={"is_public": practice.is_public}),
        },
    )


@member_view
@require_POST
def practice_adopt(request, pk):
    practice = get_practice(request, pk)
    if practice.status != Practice.Status.PUBLISHED:
        raise Http404
    memberships = {m.organisation_id: m for m in _contributing_memberships(request)}
    try:
        organisation_id = int(request.POST.get("organisation", ""))
    except ValueError:
        raise Http404 from None
    if organisation_id not in memberships:
        raise Http404
    organisation = memberships[organisation_id].organisation
    if request.POST.get("undo"):
        Adoption.objects.filter(practice=practice, organisation=organisation).delete()
        messages.success(
            request,
            _("Noted: %(organisation)s no longer does it.") % {"organisation": organisation},
        )
    else:
        Adoption.objects.get_or_create(
            practice=practice, organisation=organisation, defaults={"declared_by": request.user}
        )
        messages.success(
            request,
            _("Noted: %(organisation)s does it too. Thank you for sharing.")
            % {"organisation": organisation},
        )
    return redirect("practice_detail", practice.pk)


@member_view
@require_POST
def practice_add_to_plan(request, pk):
    """Put a published practice into one of the person's organisations' plans."""
    practice = get_practice(request, pk)
    if practice.status != Practice.Status.PUBLISHED:
        raise Http404
    memberships = {m.organisation_id: m for m in _contributing_memberships(request)}
    organisation_id = request.POST.get("organisation", "")
    if not organisation_id.isdecimal() or int(organisation_id) not in memberships:
        raise Http404
    organisation = memberships[int(organisation_id)].organisation
    action, created = plans.add_practice(organisation, practice, request.user)
    if created:
        messages.success(
            request,
            _("“%(title)s” is in the plan of %(organisation)s, due on %(date)s.")
            % {
                "title": action.title,
                "organisation": organisation,
                "date": date_format(action.due_date, "SHORT_DATE_FORMAT"),
            },
        )
    else:
        messages.info(request, _("This practice is already in the plan: here is its action."))
    return redirect("action_detail", organisation.slug, action.pk)


@member_view
def practice_propose(request):
    memberships = _contributing_memberships(request)
    if not memberships:
        raise Http404
    organisation = memberships[0].organisation
    chosen = request.POST.get("organisation") or request.GET.get("organisation")
    for membership in memberships:
        if str(membership.organisation_id) == chosen:
            organisation = membership.organisation
    form = PracticeForm(
        request.POST or None,
        pack=latest_pack(),
        network=organisation.network,
        language=_language(),
    )
    if request.method == "POST" and form.is_valid():
        practice = form.save(commit=False)
        practice.network = organisation.network
        practice.author_organisation = organisation
        practice.created_by = request.user
        practice.code = _free_code(practice)
        practice.status = Practice.Status.DRAFT
        practice.save()
        form.save_links(practice)
        messages.success(
            request,
            _("Your practice is saved as a draft. Submit it for review when it is ready."),
        )
        return redirect("practice_detail", practice.pk)
    return render(
        request,
        "practices/form.html",
        {"form": form, "memberships": memberships, "organisation": organisation},
    )


def _free_code(practice) -> str:
    base = slugify(practice.title)[:70] or "pratique"
    code, n = base, 2
    while taken(Practice, network=practice.network, code=code):
        code, n = f"{base}-{n}", n + 1
    return code


@member_view
def practice_edit(request, pk):
    practice = get_practice(request, pk, edit=True)
    form = PracticeForm(
        request.POST or None,
        instance=practice,
        pack=latest_pack(),
        network=practice.network,
        language=_language(),
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        form.save_links(practice)
        messages.success(request, _("The practice is saved."))
        return redirect("practice_detail", practice.pk)
    return render(request, "practices/form.html", {"form": form, "practice": practice})


@member_view
@require_POST
def practice_submit(request, pk):
    practice = get_practice(request, pk, edit=True)
    if practice.status == Practice.Status.DRAFT:
        practice.status = Practice.Status.SUBMITTED
        practice.save(update_fields=["status", "updated_at", "search_document"])
        messages.success(
            request, _("Submitted: your network's animators will review it before publishing.")
        )
    return redirect("practice_detail", practice.pk)


@network_view("animate")
def network_practices(request, access):
    practices = (
        Practice.objects.filter(network=access.network)
        .select_related("author_organisation")
        .annotate(adopters=Count("adoptions"))
        .order_by("status", "-updated_at")
    )
    return render(
        request,
        "practices/network.html",
        {
            "network": access.network,
            "submitted": [p for p in practices if p.status == Practice.Status.SUBMITTED],
            "practices": practices,
            "import_form": ImportForm(),
        },
    )


@network_view("animate")
@require_POST
def practice_review(request, access, pk):
    practice = get_object_or_404(Practice, pk=pk, network=access.network)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        raise Http404
    comment = form.cleaned_data["comment"]
    newly_published = False
    if request.POST.get("decision") == "publish":
        newly_published = practice.status != Practice.Status.PUBLISHED
        practice.status = Practice.Status.PUBLISHED
        practice.published_at = practice.published_at or timezone.now()
        practice.is_public = form.cleaned_data["is_public"]
        practice.review_comment = comment
        messages.success(request, _("Published: the network's members see it now."))
    elif request.POST.get("decision") == "send_back":
        if not comment:
            messages.error(request, _("Say what to change: the comment is required."))
            return redirect("practice_detail", practice.pk)
        practice.status = Practice.Status.DRAFT
        practice.review_comment = comment
        messages.success(request, _("Sent back to its authors with your comment."))
    elif request.POST.get("decision") == "archive":
        practice.status = Practice.Status.ARCHIVED
        messages.success(request, _("Archived: it no longer appears in the library."))
    else:
        raise Http404
    practice.save()
    if newly_published:
        webhooks.fire(
            "practice.published",
            network=practice.network_id,
            payload=webhooks.practice_data(practice),
        )
    return redirect("practice_detail", practice.pk)


@network_view("animate")
def practice_import(request, access):
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            rows = exchange.validate(exchange.read_file(form.cleaned_data["file"]), access.network)
            created, updated = exchange.save(rows, access.network, request.user)
        except exchange.ImportRefused as refused:
            errors = refused.errors
        else:
            messages.success(
                request,
                _("Import done: %(created)s practices created, %(updated)s updated.")
                % {"created": created, "updated": updated},
            )
            return redirect("network_practices", access.network.slug)
    more = len(errors) - LISTED_IMPORT_ERRORS
    return render(
        request,
        "practices/import.html",
        {
            "form": form,
            "errors": errors,
            # A file of 10,000 bad lines has more problems than anyone reads.
            "listed_errors": errors[:LISTED_IMPORT_ERRORS],
            "more_errors": ngettext(
                "… and %(count)d more problem.", "… and %(count)d more problems.", more
            )
            % {"count": more}
            if more > 0
            else "",
            "network": access.network,
        },
        status=400 if errors else 200,
    )


@network_view("animate")
def practice_export(request, access, extension):
    rows = exchange.export_rows(Practice.objects.filter(network=access.network).order_by("code"))
    if extension == "xlsx":
        content = exchange.to_xlsx(rows)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content = exchange.to_csv(rows)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="levier-practices-{access.network.slug}.{extension}"'
    )
    return response
