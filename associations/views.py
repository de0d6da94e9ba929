"""Public directory, "my associations" and member management: thin views over selectors/services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.municipalities import require_municipality
from associations import selectors, services
from associations.errors import AssociationError
from associations.forms import AssociationForm, DirectoryFilterForm, InviteForm, RoleForm
from associations.models import Association, Invitation

PAGE_SIZE = 20


def directory(request: HttpRequest) -> HttpResponse:
    form = DirectoryFilterForm(request.GET or None)
    category, query = "", ""
    if form.is_valid():
        category, query = form.cleaned_data["category"], form.cleaned_data["q"]
    page = Paginator(selectors.public_associations(
            municipality=require_municipality(request), category=category, query=query
        ), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return render(
        request,
        "associations/directory.html",
        {"form": form, "page": page, "querystring": querystring.urlencode()},
    )


def detail(request: HttpRequest, slug: str) -> HttpResponse:
    association = get_object_or_404(Association, slug=slug, municipality=require_municipality(request))
    membership = selectors.membership_of(request.user, association)
    if not association.public and membership is None:
        raise Http404
    return render(request, "associations/detail.html", {"association": association, "membership": membership})


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    return render(request, "associations/mine.html", {"memberships": selectors.memberships_of(request.user)})


def _association_kwargs(form: AssociationForm) -> dict:
    return {name: form.cleaned_data[name] for name in AssociationForm.Meta.fields}


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    form = AssociationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            association = services.create_association(
                created_by=request.user,
                municipality=require_municipality(request),
                **_association_kwargs(form),
            )
        except AssociationError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("%(name)s is geregistreerd. U bent er beheerder van.") % {"name": association.name},
            )
            return redirect("associations:members", slug=association.slug)
    return render(request, "associations/association_form.html", {"form": form, "association": None})


def _association_for_member(request: HttpRequest, slug: str) -> Association:
    """Someone outside the association gets a 404: its member list is not theirs to know about."""
    association = get_object_or_404(Association, slug=slug)
    if not selectors.is_member(request.user, association):
        raise Http404
    return association


def _association_for_admin(request: HttpRequest, slug: str) -> Association:
    association = _association_for_member(request, slug)
    if not selectors.is_association_admin(request.user, association):
        raise PermissionDenied
    return association


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    association = _association_for_admin(request, slug)
    form = AssociationForm(request.POST or None, instance=association)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_association(
                association=association, updated_by=request.user, **_association_kwargs(form)
            )
        except AssociationError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("De gegevens van de vereniging zijn bewaard."))
            return redirect("associations:members", slug=association.slug)
    association.refresh_from_db()
    return render(request, "associations/association_form.html", {"form": form, "association": association})


def _members_page(request, association, *, invite_form=None, role_errors=None, status=200) -> HttpResponse:
    is_admin = selectors.is_association_admin(request.user, association)
    memberships = selectors.members_of(association=association, viewer=request.user)
    return render(
        request,
        "associations/members.html",
        {
            "association": association,
            "memberships": memberships,
            "is_admin": is_admin,
            "invite_form": invite_form or InviteForm(),
            "role_form": RoleForm(),
            "role_errors": role_errors or {},
            "invitations": selectors.open_invitations_of(association) if is_admin else [],
        },
        status=status,
    )


@login_required
def members(request: HttpRequest, slug: str) -> HttpResponse:
    return _members_page(request, _association_for_member(request, slug))


@login_required
@require_POST
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    association = _association_for_admin(request, slug)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            services.invite_member(
                association=association,
                invited_by=request.user,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except AssociationError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request, _("Uitnodiging verstuurd naar %(email)s.") % {"email": form.cleaned_data["email"]}
            )
            return redirect("associations:members", slug=association.slug)
    return _members_page(request, association, invite_form=form, status=400)


@login_required
@require_POST
def change_role(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    association = _association_for_admin(request, slug)
    form = RoleForm(request.POST)
    if not form.is_valid():
        return _members_page(
            request, association, role_errors={membership_id: _("Kies een rol.")}, status=400
        )
    try:
        services.change_role(
            association=association,
            changed_by=request.user,
            membership_id=membership_id,
            role=form.cleaned_data["role"],
        )
    except AssociationError as error:
        return _members_page(request, association, role_errors={membership_id: error.message}, status=400)
    messages.success(request, _("De rol is aangepast."))
    return redirect("associations:members", slug=association.slug)


@login_required
@require_POST
def remove_member(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    association = _association_for_admin(request, slug)
    try:
        services.remove_member(association=association, removed_by=request.user, membership_id=membership_id)
    except AssociationError as error:
        return _members_page(request, association, role_errors={membership_id: error.message}, status=400)
    messages.success(request, _("Het lid is verwijderd."))
    if not selectors.is_member(request.user, association):
        return redirect("associations:mine")
    return redirect("associations:members", slug=association.slug)


@login_required
@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = get_object_or_404(Invitation.objects.select_related("association"), token=token)
    error = None
    if request.method == "POST":
        try:
            services.accept_invitation(token=token, user=request.user)
        except AssociationError as exc:
            error = exc.message
        else:
            messages.success(
                request, _("U bent nu lid van %(name)s.") % {"name": invitation.association.name}
            )
            return redirect("associations:members", slug=invitation.association.slug)
    return render(
        request,
        "associations/accept_invitation.html",
        {"invitation": invitation, "error": error},
        status=400 if error else 200,
    )
