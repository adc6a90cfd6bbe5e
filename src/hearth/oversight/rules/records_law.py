"""Records law (rules.md "Notices and records law"): a request to see one's records answered in
time (UK GDPR Articles 12(3) and 15), and records past their keeping time awaiting the responsible
individual's decision (Regulations 36 and 37). One or two queries over every home audited."""

from collections.abc import Iterator

from django.db.models import Q

from hearth.dataprotection.models import SubjectAccessRequest
from hearth.dataprotection.selectors import records_due
from hearth.oversight.engine import HIGH, LEADERSHIP, LOW, AuditContext, Finding, Ref, ref, rule
from hearth.oversight.links import reverse


def _request_ref(r: SubjectAccessRequest) -> Ref:
    url = reverse("dataprotection:requests", kwargs={"home_id": r.home.public_id})
    return ref(r, "subject_access_request", f"Request from {r.requester_name}, {r.received_on:%-d %B %Y}", url=url)


@rule("records.subject_access_overdue", regulation="36", standard=LEADERSHIP, severity=HIGH)
def subject_access_overdue(ctx: AuditContext) -> Iterator[Finding]:
    """A subject access request has no answer within one month of receipt, or by the extended date
    of a complex one (UK GDPR Article 12(3); Reg 36: the home's records). One query."""
    late = SubjectAccessRequest.objects.filter(
        Q(extended_to__isnull=True, due_on__lt=ctx.as_of) | Q(extended_to__lt=ctx.as_of),
        Q(responded_on__isnull=True) | Q(responded_on__gt=ctx.as_of),
        home_id__in=ctx.home_ids,
    ).select_related("home")
    for r in late:
        yield ctx.finding(
            home=r.home,
            subject=_request_ref(r),
            message=f"The request from {r.requester_name} to see their records, received on "
            f"{r.received_on:%-d %B %Y}, has not been answered: it was due by {r.answer_by:%-d %B %Y}.",
            evidence=[_request_ref(r)],
        )


@rule("records.retention_due", regulation="36 and 37", standard=LEADERSHIP, severity=LOW)
def retention_due(ctx: AuditContext) -> Iterator[Finding]:
    """Records have passed their keeping time (a child's case record at 75; a staff file 15 years
    after they left) and await the responsible individual's decision (Regs 36(3) and 37). Two queries."""
    for due in records_due(home_ids=ctx.home_ids, as_of=ctx.as_of):
        url = reverse("dataprotection:records_due", kwargs={"home_id": due.home.public_id})
        subject = ref(due.record, "child" if due.kind == "child" else "staff_member", due.label, url=url)
        yield ctx.finding(
            home=due.home,
            subject=subject,
            message=f"{due.label} was to be kept until {due.due_on:%-d %B %Y}: the responsible individual "
            "should decide whether to keep it longer, destroy it or anonymise it.",
            evidence=[subject],
        )
