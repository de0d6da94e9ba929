"""Views of "Mijn Dorpsplein": thin wrappers around selectors and services."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import services
from accounts.errors import AccountsError
from accounts.forms import HouseholdMemberForm, ProfileForm
from accounts.models import User
from accounts.municipalities import municipality_for_request
from accounts.personal_data import personal_data_of
from accounts.sections import sections_for
from accounts.selectors import customer_category_of, get_own_household_member, household_members_of


class AuthenticatedRequest(HttpRequest):
    """A request behind @login_required: its user is a real account, never AnonymousUser."""

    user: User


@login_required
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "accounts/dashboard.html",
        {
            "links": sections_for(request.user),
            "household_members": household_members_of(request.user),
            "customer_category": customer_category_of(
                request.user, municipality=municipality_for_request(request)
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: AuthenticatedRequest) -> HttpResponse:
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_profile(
                user=request.user,
                first_name=data["first_name"],
                last_name=data["last_name"],
                phone=data["phone"],
                street=data["street"],
                postal_code=data["postal_code"],
                city=data["city"],
                preferred_language=data["preferred_language"],
            )
        except AccountsError as error:
            form.add_error(error.field, error.message)
        else:
            language = data["preferred_language"]
            translation.activate(language)
            messages.success(request, _("Uw gegevens zijn bewaard."))
            response = redirect("accounts:profile")
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            )
            return response
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "customer_category": customer_category_of(
                request.user, municipality=municipality_for_request(request)
            ),
        },
    )


@login_required
def household(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "accounts/household_list.html", {"members": household_members_of(request.user)})


def _household_form(request: AuthenticatedRequest, member=None) -> HttpResponse:
    form = HouseholdMemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if member is None:
                saved = services.add_household_member(user=request.user, **data)
                messages.success(request, _("%(name)s is toegevoegd aan uw gezin.") % {"name": saved})
            else:
                saved = services.update_household_member(user=request.user, member=member, **data)
                messages.success(request, _("De gegevens van %(name)s zijn bewaard.") % {"name": saved})
        except AccountsError as error:
            form.add_error(error.field, error.message)
        else:
            return redirect("accounts:household")
    return render(request, "accounts/household_form.html", {"form": form, "member": member})


@login_required
@require_http_methods(["GET", "POST"])
def household_add(request: AuthenticatedRequest) -> HttpResponse:
    return _household_form(request)


@login_required
@require_http_methods(["GET", "POST"])
def household_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    member = get_own_household_member(user=request.user, pk=pk)
    return _household_form(request, member)


@login_required
@require_http_methods(["GET", "POST"])
def household_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    member = get_own_household_member(user=request.user, pk=pk)
    if request.method == "POST":
        name = str(member)
        services.delete_household_member(user=request.user, member=member)
        messages.success(request, _("%(name)s is verwijderd uit uw gezin.") % {"name": name})
        return redirect("accounts:household")
    return render(request, "accounts/household_confirm_delete.html", {"member": member})


@login_required
@require_POST
def personal_data_export(request: AuthenticatedRequest) -> HttpResponse:
    """A JSON download of everything we store about the logged-in person."""
    payload = json.dumps(personal_data_of(request.user), indent=2, ensure_ascii=False, default=str)
    response = HttpResponse(payload, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens-dorpsplein.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def erasure_request(request: AuthenticatedRequest) -> HttpResponse:
    """A person asks to be forgotten; staff carry it out (see accounts.wagtail_hooks)."""
    if request.method == "POST":
        services.request_erasure(user=request.user, reason=request.POST.get("reason", "")[:2000])
        messages.success(
            request,
            _("We hebben uw verzoek ontvangen. Een medewerker wist uw gegevens en bevestigt dit per e-mail."),
        )
        return redirect("accounts:profile")
    pending = request.user.erasure_requests.filter(handled_at__isnull=True).first()
    return render(request, "accounts/erasure_request.html", {"pending": pending})
