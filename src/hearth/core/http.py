"""Request helpers shared by views."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from hearth.core.conflicts import conflict_message, merge_conflict, versioned
from hearth.core.forms import VoidForm, apply_service_errors
from hearth.core.services import ConcurrentEditError
from hearth.core.submissions import submit_once
from hearth.core.uploads import TOO_LARGE_FLAG, size_in_words


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
    creates: bool,
    submit: str = "Save",
    intro: str = "",
    caption: str = "",
    template: str = "core/form_page.html",
    extra: dict[str, Any] | None = None,
    version_of: Any = None,
    warning: Callable[[Any], str | None] | None = None,
) -> HttpResponse:
    """One page, one record: show the form; on a valid POST call ``save`` (a service) and go on.

    A service's ValidationError lands on the form beside the field it names, with everything the
    person typed kept, and nothing saved (the service owns the transaction). So does a stale edit:
    if someone else changed the record since the form was opened, nothing is overwritten. The form
    is saved once however often it is sent (``creates``: it makes a new record; core/submissions.py).
    An edit form names the record it edits (``version_of``): it carries the version it was opened
    at (``expected_version`` in the data ``save`` gets), and if someone else saved first, the form
    comes back with their changes merged in and what was typed kept (core/conflicts.py).
    ``warning``: for a saved record that still needs someone to act (a possible concern), the
    message shown instead of ``success``, as a warning, never under a green "Success" banner.
    """
    if version_of is not None:
        versioned(form, version_of)
    if request.method == "POST" and getattr(request, TOO_LARGE_FLAG, False):
        form.is_valid()
        form.add_error(
            None,
            f"What you sent is larger than {size_in_words(settings.HEARTH_MAX_UPLOAD_BYTES)}, so none of it "
            "was saved. Choose a smaller file.",
        )
    elif request.method == "POST" and form.is_valid():
        said: list[tuple[bool, str]] = []

        def run() -> Any:
            result = save(form.cleaned_data)
            caution = warning(result) if warning else None
            said.append((True, caution) if caution else (False, success(result) if callable(success) else success))
            return result

        try:
            outcome = submit_once(
                request, save=run, then=lambda result: then(result) if callable(then) else then, creates=creates
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
        except ConcurrentEditError as exc:
            if version_of is not None:
                form.add_error(None, conflict_message(exc, merge_conflict(form, exc)))
            else:
                form.add_error(None, str(exc))  # what this person typed stays on the form
        else:
            if outcome.repeated:
                messages.info(request, already_saved(outcome.saved_at))
            elif said[0][0]:
                messages.warning(request, said[0][1])
            else:
                messages.success(request, said[0][1])
            return redirect(outcome.url)
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


def act_and_return(
    request: HttpRequest, *, act: Callable[[], Any], done: str, then: str, refused_level: int = messages.ERROR
) -> HttpResponse:
    """A button's one action (acknowledge, sign out, withdraw): run the service ``act``; say
    ``done``, or the service's refusal in its own words (at ``refused_level``); go back to ``then``
    (or the ``next`` the form names, if on this site)."""
    try:
        act()
    except ValidationError as exc:
        messages.add_message(request, refused_level, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect(safe_next(request, then))


def already_saved(saved_at: Any) -> str:
    """What a person sees when a form they sent again had already been saved."""
    when = timezone.localtime(saved_at)
    return f"This was already saved at {when:%H:%M} on {when:%-d %B %Y}, so nothing new was saved. Here it is."


VOID_INTRO = (
    "Void a record only when it was saved twice by mistake. It is never deleted: it stays in its "
    "history with your name, the time and your reason, marked void, and is left out of the review "
    "queue, the counts, the charts and the checks. To correct a record, add an addendum instead."
)


def void_page(
    request: HttpRequest, *, home: Any, what: str, void: Callable[[str], Any], record_url: str
) -> HttpResponse:
    """The registered manager's page to void a record saved twice (``void``: its service, given the
    reason); back to the record, which then says it is void."""
    return form_page(
        request,
        VoidForm(request.POST or None),
        save=lambda data: void(data["comment"]),
        success=f"The {what} is void. It stays in its history and is left out of the queue, the counts and the checks.",
        then=record_url,
        creates=False,
        title=f"Void this {what}",
        submit="Void it",
        home=home,
        back_url=record_url,
        intro=VOID_INTRO,
    )
