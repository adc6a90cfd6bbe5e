from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q

from hearth.allegations.models import Allegation
from hearth.children.selectors import children_current
from hearth.core.dates import today
from hearth.core.forms import DateInput, DateTimeInput, GovukForm, Radios, long_text
from hearth.homes.models import Home
from hearth.records.forms import ChildChoiceField
from hearth.staff.models import StaffMember


class AllegationForm(GovukForm):
    staff_member: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=StaffMember.objects.none(), label="Member of staff concerned", empty_label="Choose someone"
    )
    received_at = forms.DateTimeField(label="When it was received", widget=DateTimeInput())
    made_by = forms.CharField(label="Who made it, or passed it on", max_length=200)
    child = ChildChoiceField(
        queryset=None, required=False, label="The child concerned (if any)", empty_label="No child"
    )
    allegation = long_text(label="What is alleged, in the words it was said")
    immediate_action = forms.ChoiceField(
        label="What was done at once", choices=Allegation.ImmediateAction.choices, widget=Radios
    )
    immediate_action_detail = long_text(label="More about what was done (optional)", required=False)
    lado_referred_at = forms.DateTimeField(
        label="Referred to the LADO at (if already done)", widget=DateTimeInput(), required=False
    )
    lado_name = forms.CharField(label="Designated officer (LADO)", max_length=200, required=False)
    lado_reference = forms.CharField(label="LADO reference", max_length=100, required=False)

    def __init__(self, *args: Any, home: Home, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff_member"].queryset = StaffMember.objects.filter(home=home).order_by(  # type: ignore[attr-defined]
            "last_name", "first_name"
        )
        self.fields["child"].queryset = children_current(home=home, as_of=today())  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("lado_referred_at") and not (data.get("lado_name") or "").strip():
            self.add_error("lado_name", "Say which designated officer (or LADO team) it went to.")
        return data


class LadoForm(GovukForm):
    referred_at = forms.DateTimeField(label="When it was referred", widget=DateTimeInput())
    lado_name = forms.CharField(label="Designated officer (LADO)", max_length=200)
    lado_reference = forms.CharField(label="Reference (optional)", max_length=100, required=False)
    lado_advice = long_text(label="What the LADO advised (optional)", required=False)


class MeetingForm(GovukForm):
    held_on = forms.DateField(label="Day it was held", widget=DateInput())
    attended_by = forms.CharField(label="Who attended", max_length=300)
    decisions = long_text(label="What was decided")


class OutcomeForm(GovukForm):
    outcome = forms.ChoiceField(label="Outcome", choices=Allegation.Outcome.choices, widget=Radios)
    outcome_on = forms.DateField(label="Day it was concluded", widget=DateInput())
    outcome_detail = long_text(label="How it was concluded, and what follows")
    dbs_referral = forms.ChoiceField(label="Referral to the DBS", choices=Allegation.DbsReferral.choices, widget=Radios)
    dbs_referred_on = forms.DateField(label="Day of the DBS referral (if made)", widget=DateInput(), required=False)


class ReaderForm(GovukForm):
    user: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(), label="Who may read it", empty_label="Choose someone"
    )
    why = forms.CharField(label="Why they need to", max_length=300)

    def __init__(self, *args: Any, home: Home, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        live = Q(memberships__ends_on__isnull=True) | Q(memberships__ends_on__gte=today())
        users = get_user_model().objects.filter(live, memberships__home=home).distinct()
        self.fields["user"].queryset = users.order_by("first_name", "last_name")  # type: ignore[attr-defined]
        self.fields["user"].label_from_instance = lambda u: u.get_full_name() or u.get_username()  # type: ignore[attr-defined]
