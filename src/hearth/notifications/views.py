"""A person's notifications, and how they want mail: pages about the signed-in person, not a home."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from hearth.access.decorators import signed_in_view
from hearth.notifications import selectors, services
from hearth.notifications.forms import MailChoiceForm


@signed_in_view
def notification_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        chosen = request.POST.get("notification", "")
        if chosen == "all":
            services.notifications_all_read(user=request.user)
        elif chosen.isdigit():
            services.notification_read(user=request.user, notification_id=int(chosen))
        return redirect("notifications:list")
    return render(
        request,
        "notifications/list.html",
        {"notifications": selectors.notifications_for(user=request.user)},
    )


@signed_in_view
def mail_settings(request: HttpRequest) -> HttpResponse:
    form = MailChoiceForm(
        request.POST if request.method == "POST" else None, initial={"mode": selectors.mail_mode(user=request.user)}
    )
    if request.method == "POST" and form.is_valid():
        services.mail_choice_set(user=request.user, mode=form.cleaned_data["mode"])
        messages.success(request, "Your email choice is saved.")
        return redirect("notifications:list")
    return render(request, "notifications/mail.html", {"form": form})
