"""Sign-in, the second factor, and sign-out."""

import base64

import segno
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.access import policies
from hearth.access.decorators import public_view, signed_in_view
from hearth.access.forms import SignInForm, TokenForm
from hearth.audit.models import SecurityEvent
from hearth.audit.services import security_event_record
from hearth.core.http import safe_next


def _next_url(request: HttpRequest) -> str:
    return safe_next(request, "/")


@public_view
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = authenticate(request, username=form.cleaned_data["username"], password=form.cleaned_data["password"])
        if user is None:
            form.add_error(
                None, "The username or password is not right. After 5 wrong tries the account is locked for 30 minutes."
            )
        else:
            login(request, user)
            if policies.requires_second_factor(user):
                return redirect(f"/accounts/two-factor/?next={_next_url(request)}")
            return redirect(_next_url(request))
    return render(request, "access/sign_in.html", {"form": form, "next": _next_url(request)})


@public_view
@require_http_methods(["GET", "POST"])
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        logout(request)
        return redirect("access:sign_in")
    return render(request, "access/sign_out.html")


@signed_in_view
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Ask for the TOTP code; a user without a confirmed device is sent to set one up."""
    devices = TOTPDevice.objects.devices_for_user(request.user, confirmed=True)
    if not devices.exists():
        return redirect(f"/accounts/two-factor/set-up/?next={_next_url(request)}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"].strip()
        throttled = [d for d in devices if not d.verify_is_allowed()[0]]
        device = next((d for d in devices if d.verify_token(token)), None)
        if device is None and throttled:
            form.add_error(
                "token", "Too many wrong codes in a row: wait a few seconds, then enter the code your app shows."
            )
        elif device is None:
            security_event_record(
                user=request.user,
                kind=SecurityEvent.Kind.SECOND_FACTOR_FAILED,
                path=request.path,
                ip=request.META.get("REMOTE_ADDR"),
            )
            form.add_error("token", "That code is not right or has expired. Enter the code your app shows now.")
        else:
            otp_login(request, device)
            return redirect(_next_url(request))
    return render(request, "access/two_factor.html", {"form": form, "next": _next_url(request)})


@signed_in_view
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: show the key as a QR code and as text, confirm with one code."""
    if TOTPDevice.objects.devices_for_user(request.user, confirmed=True).exists():
        return redirect("access:two_factor")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="Authenticator app", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", "That code is not right. Check the app shows Hearth and enter the code it shows now.")
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=5, title="QR code for your authenticator app")
    key = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "access/two_factor_setup.html",
        {"form": form, "qr_svg": qr_svg, "key": key, "next": _next_url(request)},
    )
