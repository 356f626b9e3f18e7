"""A centre's staff accounts: create an account and tie it to the centre in one admin form.

/admin/centers/<page_id>/staff/ (a "Staff accounts" button on the centre page's header and in
the page listing's "more" menu). Open to superusers, to users who manage accounts (Quản trị)
and to those who approve the centre (Phòng Giáo dục: they can publish it).
"""

import secrets

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.log_actions import log
from wagtail.models import Page

from centers.models import CenterPage
from cms.text import split_full_name
from cms.workflows import roles


def can_manage_staff(user, page):
    if not user.is_active:
        return False
    if user.is_superuser or user.has_perm("auth.add_user"):
        return True
    return page.permissions_for_user(user).can_publish()


class StaffAccountForm(forms.Form):
    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        help_text=_("As it should appear in the admin, e.g. 'Nguyễn Thị Lan'."),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("Approval notifications are sent to this address."),
    )
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        required=False,
        help_text=_("Letters, digits and @ . + - _ only. Leave empty to use the part of the e-mail before the @."),
    )

    def clean_full_name(self):
        name = " ".join(self.cleaned_data["full_name"].split())
        if not name:
            raise forms.ValidationError(_("Enter the person's full name."))
        return name

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this e-mail address already exists."))
        return email

    def clean(self):
        cleaned = super().clean()
        User = get_user_model()
        username = (cleaned.get("username") or "").strip()
        if not username and cleaned.get("email"):
            username = cleaned["email"].split("@", 1)[0]
        if not username:
            return cleaned
        field = User._meta.get_field(User.USERNAME_FIELD)
        try:
            for validator in field.validators:
                validator(username)
        except forms.ValidationError:
            self.add_error("username", _("A username may contain only letters, digits and @ . + - _"))
            return cleaned
        if User.objects.filter(**{f"{User.USERNAME_FIELD}__iexact": username}).exists():
            self.add_error("username", _("This username is already taken: choose another one."))
            return cleaned
        cleaned["username"] = username
        return cleaned


def _centre_and_section(request, page_id):
    page = get_object_or_404(Page, id=page_id).specific
    section = roles.staff_section_for(page)
    if section is None:
        raise PermissionDenied
    if not can_manage_staff(request.user, page):
        raise PermissionDenied
    return page, section


def staff_view(request, page_id):
    page, section = _centre_and_section(request, page_id)
    group = roles.staff_group(page, section) if request.method == "POST" else None
    created = None
    if request.method == "POST":
        form = StaffAccountForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            password = secrets.token_urlsafe(9)
            family, given = split_full_name(data["full_name"])
            with transaction.atomic():
                user = get_user_model().objects.create_user(
                    username=data["username"],
                    email=data["email"],
                    password=password,
                    first_name=family,
                    last_name=given,
                )
                user.groups.add(group)
                log(instance=user, action="wagtail.create", user=request.user)
            created = {"user": user, "password": password, "group": group}
            messages.success(
                request, _("Account '%(username)s' created for %(centre)s.") % {"username": user, "centre": page.title}
            )
            form = StaffAccountForm()
        else:
            messages.error(request, _("The account could not be created: please correct the errors below."))
    else:
        form = StaffAccountForm()
    group_name = section.staff_group_name(page)
    members = get_user_model().objects.filter(groups__name=group_name).order_by("username")
    return TemplateResponse(
        request,
        "centers/admin/staff.html",
        {
            "page": page,
            "form": form,
            "created": created,
            "group_name": group_name,
            "members": members,
            "page_title": _("Staff accounts"),
            "page_subtitle": page.get_admin_display_title(),
            "header_icon": "group",
        },
    )


@hooks.register("register_admin_urls")
def register_staff_urls():
    return [path("centers/<int:page_id>/staff/", staff_view, name="centers_staff")]


class StaffAccountsButton(PageMenuItem):
    label = _("Staff accounts")
    icon_name = "group"

    @property
    def url(self):
        return reverse("centers_staff", args=[self.page.id])


def _staff_button(page, user, priority):
    if page.specific_class is CenterPage and can_manage_staff(user, page):
        yield StaffAccountsButton(page=page, priority=priority)


@hooks.register("register_page_header_buttons")
def staff_header_button(page, user, view_name, next_url=None):
    yield from _staff_button(page, user, priority=68)


@hooks.register("register_page_listing_more_buttons")
def staff_listing_button(page, user, next_url=None):
    yield from _staff_button(page, user, priority=55)
