"""Request helpers shared by views."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from hearth.core.forms import apply_service_errors
from hearth.core.services import ConcurrentEditError


def safe_next(request: HttpRequest, default: str) -> str:
    """The ``next`` address the form came from, if it is on this site; else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def form_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    save: Callable[[dict[str, Any]], Any],
    success: str | Callable[[Any], str],
    then: str | Callable[[Any], str],
    title: str,
    home: Any,
    back_url: str,
    submit: str = "Save",
    intro: str = "",
    caption: str = "",
    template: str = "core/form_page.html",
    extra: dict[str, Any] | None = None,
) -> HttpResponse:
    """One page, one record: show the form; on a valid POST call ``save`` (a service) and go on.

    A service's ValidationError lands on the form beside the field it names, with everything the
    person typed kept, and nothing saved (the service owns the transaction). So does a stale edit:
    if someone else changed the record since the form was opened, nothing is overwritten.
    """
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except ConcurrentEditError as exc:
            form.add_error(None, str(exc))  # what this person typed stays on the form
        else:
            messages.success(request, success(result) if callable(success) else success)
            return redirect(then(result) if callable(then) else then)
    context = {
        "home": home,
        "form": form,
        "title": title,
        "submit": submit,
        "back_url": back_url,
        "intro": intro,
        "caption": caption,
        **(extra or {}),
    }
    return render(request, template, context)
