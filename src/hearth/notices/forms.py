from django import forms

from hearth.core.forms import DateInput, GovukForm, Radios, long_text
from hearth.notices.models import HomeNotice


class NoticeForm(GovukForm):
    kind = forms.ChoiceField(
        label="What the notice is about",
        choices=[c for c in HomeNotice.Kind.choices if c[0] != HomeNotice.Kind.RETURN],
        widget=Radios,
    )
    event_on = forms.DateField(
        label="Day it starts or happens",
        help_text="The first day of the absence, or the day of the change",
        widget=DateInput(),
    )
    expected_until = forms.DateField(
        label="For an absence: when it is expected to end (optional)", widget=DateInput(), required=False
    )
    details = long_text(
        label="What the notice says",
        help_text="For an absence: its length and the reason. For a change: who, and from when.",
    )
    arrangements = long_text(
        label="For an absence: who runs the home meanwhile, their address and qualifications, and any plan to "
        "appoint another manager",
        required=False,
    )
    sent_on = forms.DateField(label="Day it was sent to Ofsted (if sent)", widget=DateInput(), required=False)
    sent_reference = forms.CharField(label="Ofsted's reference (optional)", max_length=100, required=False)


class SentForm(GovukForm):
    sent_on = forms.DateField(label="Day it was sent to Ofsted", widget=DateInput())
    sent_reference = forms.CharField(label="Ofsted's reference (optional)", max_length=100, required=False)


class ReturnForm(GovukForm):
    returned_on = forms.DateField(label="Day the manager came back to duty", widget=DateInput())
    details = long_text(label="Anything the notice should add (optional)", required=False)
