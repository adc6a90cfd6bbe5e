from django import forms

from hearth.core.forms import GovukForm
from hearth.shift.models import HANDOVER_MAX_CHARS


class HandoverForm(GovukForm):
    text = forms.CharField(
        label="What the next shift needs to know",
        help_text=(
            "For each child: how they have been, anything agreed with them, anything to watch for. "
            "Then what is still to do: calls to return, appointments, visitors expected."
        ),
        max_length=HANDOVER_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
