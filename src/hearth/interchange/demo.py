"""The demo homes (scenarios.md): bundles in ``demo/`` plus sign-in accounts for each role."""

import datetime
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.access.services import membership_grant
from hearth.children.models import Child
from hearth.children.services import case_record_consent_record
from hearth.homes.models import Home, Provider
from hearth.interchange.parsing import bundle_parse
from hearth.interchange.services import LoadReport, bundle_load
from hearth.staff.models import StaffMember

DEMO_DEVICE_NAME = "demo"


@dataclass(frozen=True)
class DemoSignIn:
    username: str
    role: str
    where: str
    needs_code: bool


def demo_dir() -> Path:
    return Path(settings.HEARTH_DEMO_DIR)


def demo_bundle_paths() -> list[Path]:
    return sorted(demo_dir().glob("*.bundle.json"))


def demo_accounts() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((demo_dir() / "accounts.json").read_text())
    return data


def demo_totp_key(username: str) -> str:
    """A fixed key per demo account so a newcomer can add it to an authenticator app once."""
    return hashlib.sha1(f"hearth-demo:{username}".encode()).hexdigest()  # noqa: S324 - demo only


def demo_present() -> bool:
    return Home.objects.filter(external_id="home-a").exists()


@transaction.atomic
def demo_load(*, load_day: datetime.date) -> tuple[list[tuple[Path, LoadReport]], list[DemoSignIn]]:
    """Load the demo bundles and create (or refresh) the demo accounts."""
    reports = [
        (path, bundle_load(actor=None, document=bundle_parse(path.read_text()), load_day=load_day))
        for path in demo_bundle_paths()
    ]
    return reports, demo_sign_ins_refresh(load_day=load_day)


@transaction.atomic
def demo_sign_ins_refresh(*, load_day: datetime.date) -> list[DemoSignIn]:
    """Create the demo accounts that are missing (their memberships and consents dated from
    ``load_day``), leaving the demo's records as they are: loading the bundles again on a later
    day would move their relative dates, which signed records refuse."""
    spec = demo_accounts()
    User = get_user_model()
    sign_ins = []
    for account in spec["accounts"]:
        first, last = account["name"]
        user, created = User.objects.get_or_create(
            username=account["username"],
            defaults={"first_name": first, "last_name": last, "email": f"{account['username']}@demo.example"},
        )
        if created:
            user.set_password(spec["password"])
            user.is_superuser = user.is_staff = bool(account.get("superuser"))
            user.save()
        home = Home.objects.get(external_id=account["home"]) if "home" in account else None
        provider = Provider.objects.get(external_id=account["provider"]) if "provider" in account else None
        if "role" in account and not user.memberships.exists():
            membership_grant(
                actor=None,
                user=user,
                role=account["role"],
                home=home,
                provider=provider,
                starts_on=load_day - datetime.timedelta(days=365),
            )
        if "staff" in account:
            StaffMember.objects.filter(external_id=account["staff"]).update(user=user)
        for child_id in account.get("consent_for", []):
            child = Child.objects.get(external_id=child_id)
            if home is not None and not child.case_record_consents.filter(home=home).exists():
                case_record_consent_record(
                    actor=None,
                    child=child,
                    home=home,
                    child_consented_on=load_day - datetime.timedelta(days=30),
                    placing_authority_consented_on=load_day - datetime.timedelta(days=28),
                    placing_authority_contact=child.social_worker_name,
                    today=load_day,
                )
        needs_code = bool(account.get("superuser")) or account.get("role") in {
            "registered_manager",
            "deputy_manager",
            "responsible_individual",
        }
        if needs_code and not TOTPDevice.objects.filter(user=user, name=DEMO_DEVICE_NAME).exists():
            TOTPDevice.objects.create(
                user=user, name=DEMO_DEVICE_NAME, key=demo_totp_key(user.username), confirmed=True
            )
        where = home.name if home else provider.name if provider else "administration"
        sign_ins.append(DemoSignIn(user.username, account.get("role", "administrator"), where, needs_code))
    return sign_ins
