"""Sign-in, the second factor (and the set-up codes that enrol it), and sign-out."""

import base64

import segno
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.access import policies, selectors, services
from hearth.access.decorators import home_view, public_view, signed_in_view
from hearth.access.forms import RecoveryCodeForm, SetUpCodeForm, SignInForm, TokenForm
from hearth.audit.models import SecurityEvent
from hearth.audit.services import security_event_record
from hearth.core.http import safe_next
from hearth.homes.models import Home


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
    if request.method == "POST" and "recovery_code" in request.POST:
        return _recovery_code_step(request)
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
    return render(
        request,
        "access/two_factor.html",
        {"form": form, "recovery_form": RecoveryCodeForm(), "next": _next_url(request)},
    )


def _recovery_code_step(request: HttpRequest) -> HttpResponse:
    """Signing in with a recovery code (the phone is lost): each works once; the person is told
    how many are left and to ask for their app to be reset."""
    form = RecoveryCodeForm(request.POST)
    if form.is_valid():
        device, throttled = services.recovery_code_use(user=request.user, code=form.cleaned_data["recovery_code"])
        if throttled:
            form.add_error("recovery_code", "Too many wrong codes in a row: wait a few seconds, then try again.")
            return render(
                request,
                "access/two_factor.html",
                {"form": TokenForm(), "recovery_form": form, "next": _next_url(request)},
            )
        if device is not None:
            otp_login(request, device)
            left = device.token_set.count()
            messages.warning(
                request,
                f"You signed in with a recovery code; {left} left. Ask your registered manager or responsible "
                "individual to reset your authenticator app.",
            )
            return redirect(_next_url(request))
        security_event_record(
            user=request.user,
            kind=SecurityEvent.Kind.SECOND_FACTOR_FAILED,
            path=request.path,
            ip=request.META.get("REMOTE_ADDR"),
        )
        form.add_error("recovery_code", "That recovery code is not right or has been used.")
    return render(
        request,
        "access/two_factor.html",
        {"form": TokenForm(), "recovery_form": form, "next": _next_url(request)},
    )


SET_UP_CODE_SESSION_KEY = "hearth_set_up"  # the accepted code's and the new device's ids
WRONG_SET_UP_CODES_ALLOWED = 5  # an hour


@signed_in_view
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app in two steps: the single-use set-up code the person was given
    (a password alone never enrols a second factor); then the key, as a QR code and as text,
    confirmed with one code from the app."""
    if TOTPDevice.objects.devices_for_user(request.user, confirmed=True).exists():
        return redirect("access:two_factor")
    held = request.session.get(SET_UP_CODE_SESSION_KEY) or {}
    enrolment = selectors.set_up_code_usable(user=request.user, enrolment_id=held.get("enrolment"))
    device = TOTPDevice.objects.filter(pk=held.get("device"), user=request.user, confirmed=False).first()
    if enrolment is None or device is None:  # no code yet, or the one accepted has lapsed since
        request.session.pop(SET_UP_CODE_SESSION_KEY, None)
        return _set_up_code_step(request, lapsed=bool(held))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not device.verify_token(form.cleaned_data["token"].strip()):
            form.add_error(
                "token", "That code is not right. Check the app shows Hearth and enter the code it shows now."
            )
        elif services.second_factor_enrol(user=request.user, enrolment=enrolment, device=device, path=request.path):
            request.session.pop(SET_UP_CODE_SESSION_KEY, None)
            otp_login(request, device)
            codes = services.recovery_codes_issue(user=request.user)
            return render(request, "access/recovery_codes.html", {"codes": codes, "next": _next_url(request)})
        else:
            request.session.pop(SET_UP_CODE_SESSION_KEY, None)
            return _set_up_code_step(request, lapsed=True)
    qr_svg = segno.make(device.config_url, error="m").svg_inline(scale=5, title="QR code for your authenticator app")
    key = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "access/two_factor_setup.html",
        {"form": form, "qr_svg": qr_svg, "key": key, "next": _next_url(request)},
    )


def _set_up_code_step(request: HttpRequest, *, lapsed: bool = False) -> HttpResponse:
    """The first step: the person types the set-up code they were given."""
    form = SetUpCodeForm(request.POST if request.method == "POST" and not lapsed else None)
    if not lapsed and request.method == "POST" and form.is_valid():
        if selectors.set_up_code_wrong_tries(user=request.user) >= WRONG_SET_UP_CODES_ALLOWED:
            form.add_error(
                "code", "Too many wrong set-up codes in the last hour. Try again in an hour, or ask for a new code."
            )
        else:
            enrolment = services.set_up_code_accept(
                user=request.user, code=form.cleaned_data["code"], path=request.path, ip=request.META.get("REMOTE_ADDR")
            )
            if enrolment is not None:
                device = services.second_factor_device_new(user=request.user)
                request.session[SET_UP_CODE_SESSION_KEY] = {"enrolment": enrolment.pk, "device": device.pk}
                return redirect(request.get_full_path())
            form.add_error(
                "code", "That set-up code is not right, has been used or has expired. Check it, or ask for a new one."
            )
    return render(request, "access/set_up_code.html", {"form": form, "lapsed": lapsed, "next": _next_url(request)})


@home_view(policies.can_issue_set_up_codes)
@require_GET
def set_up_codes(request: HttpRequest, home: Home) -> HttpResponse:
    """The managers at the home, whether each has set up their second factor, and a button to give
    one a set-up code."""
    statuses = selectors.second_factor_statuses(policies.set_up_code_recipients(request.user, home))
    return render(request, "access/set_up_codes.html", {"home": home, "statuses": statuses})


@home_view(policies.can_issue_set_up_codes)
@require_POST
def set_up_code_issue(request: HttpRequest, home: Home, membership_id: str) -> HttpResponse:
    """Issue a set-up code and show it, once. Every press issues a new code and withdraws the one
    before, so the code on the screen is always the one that works (a double click included)."""
    membership = policies.access_set_up_code_recipient(request.user, home, membership_id)
    try:
        issued = services.set_up_code_issue(actor=request.user, user=membership.user, home=home)
    except ValidationError as refused:
        statuses = selectors.second_factor_statuses(policies.set_up_code_recipients(request.user, home))
        context = {"home": home, "statuses": statuses, "refused": refused.messages}
        return render(request, "access/set_up_codes.html", context, status=400)
    return render(request, "access/set_up_code_issued.html", {"home": home, "membership": membership, "issued": issued})
