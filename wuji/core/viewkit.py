"""Small pieces every page uses: service errors onto forms, role gates, paging."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wuji.core.scoping import can_read_member_data

V = TypeVar("V", bound=Callable[..., HttpResponseBase])


def member_data_required(view: V) -> V:
    """Pages about orgs and people: officers, secretaries and inspectors only."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not can_read_member_data(request.user):
            raise PermissionDenied(_("您的角色不能查看党组织和党员数据"))
        return view(request, *args, **kwargs)

    return wrapper  # type: ignore[return-value]


def role_required(*roles: str) -> Callable[[V], V]:
    def decorator(view: V) -> V:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if getattr(request.user, "role", None) not in roles:
                raise PermissionDenied(_("您的角色不能访问该页面"))
            return view(request, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError beside the fields it names (or on top)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for item in errors:
                form.add_error(target, item.messages if hasattr(item, "messages") else str(item))
    else:
        for message in error.messages:
            form.add_error(None, message)


def service_form(
    request: HttpRequest,
    *,
    form: forms.BaseForm,
    action: Callable[[dict[str, Any]], Any],
    template: str,
    context: dict[str, Any],
    success_url: str | Callable[[Any], str],
    success_message: str,
) -> HttpResponse:
    """The GET/POST cycle of every form page: validate, call the service, show its refusal."""
    if request.method == "POST" and form.is_valid():
        try:
            result = action(form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success_message)
            return redirect(success_url(result) if callable(success_url) else success_url)
    return render(request, template, {**context, "form": form}, status=400 if form.errors else 200)


def paginate(request: HttpRequest, queryset: QuerySet[Any], per_page: int) -> tuple[Page, str]:
    """The page asked for, and the query string without `page` for the links."""
    paginator = Paginator(queryset, per_page)
    page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return page, params.urlencode()


class AttachmentRemovalField(forms.TypedMultipleChoiceField):
    """Tick boxes for a record's uploaded files, to take the wrong ones off it (the form drops the field when
    the record has none: `offer_removal`)."""

    def __init__(self, *, help_text: Any) -> None:
        super().__init__(
            label=gettext_lazy("删除已上传的附件"),
            coerce=int,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=help_text,
        )


def offer_removal(form: forms.BaseForm, existing: Any, name: str = "remove_attachments") -> None:
    """Offer the record's attachments (id, file name) in the form's removal field, or drop the field."""
    attachments = list(existing)
    if attachments:
        field = form.fields[name]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(a.pk, a.original_name) for a in attachments]
    else:
        del form.fields[name]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")
