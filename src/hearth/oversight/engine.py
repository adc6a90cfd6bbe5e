"""The oversight rule engine: rules registered by code, run over homes as of a date, each
returning findings (rules.md). A rule is set-based: a fixed number of queries over every subject
in the homes audited, never a query per row.

A finding carries the rule's code, regulation, quality standard and severity, the home, the
subject, a message a manager can act on, the evidence records it rests on and a due date.
"""

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from hearth.core.collection import collector_paused
from hearth.homes.models import Home

HIGH, MEDIUM, LOW = "high", "medium", "low"
SEVERITY_ORDER = {HIGH: 0, MEDIUM: 1, LOW: 2}

# The nine quality standards (Regs 6-14, domain.md section 2), as findings name them.
QUALITY_AND_PURPOSE = "The quality and purpose of care standard (Regulation 6)"
CHILDRENS_VIEWS = "The children's views, wishes and feelings standard (Regulation 7)"
EDUCATION = "The education standard (Regulation 8)"
ENJOYMENT = "The enjoyment and achievement standard (Regulation 9)"
HEALTH = "The health and well-being standard (Regulation 10)"
POSITIVE_RELATIONSHIPS = "The positive relationships standard (Regulation 11)"
PROTECTION = "The protection of children standard (Regulation 12)"
LEADERSHIP = "The leadership and management standard (Regulation 13)"
CARE_PLANNING = "The care planning standard (Regulation 14)"
QUALITY_STANDARDS = (
    QUALITY_AND_PURPOSE,
    CHILDRENS_VIEWS,
    EDUCATION,
    ENJOYMENT,
    HEALTH,
    POSITIVE_RELATIONSHIPS,
    PROTECTION,
    LEADERSHIP,
    CARE_PLANNING,
)


@dataclass(frozen=True)
class Ref:
    """A record a finding is about or rests on: its kind, public id and a human label."""

    type: str
    id: str
    label: str
    url: str = ""  # the record's page, for the findings page; not part of the JSON

    def as_json(self) -> dict[str, str]:
        return {"type": self.type, "id": self.id, "label": self.label}


def ref(obj: Any, type_: str, label: str, *, url: str | None = None) -> Ref:
    """A reference to ``obj``, linked to its page (``oversight/links.py``) unless ``url`` is given."""
    from hearth.oversight.links import record_url

    return Ref(type=type_, id=str(obj.public_id), label=label, url=record_url(type_, obj) if url is None else url)


@dataclass(frozen=True)
class Finding:
    code: str
    regulation: str
    standard: str
    severity: str
    home: Home
    subject: Ref
    message: str
    evidence: tuple[Ref, ...]
    due: datetime.date
    # Its life, when read from the stored findings (not part of the JSON): when it was first
    # found, its name across audits, and who acknowledged it.
    first_seen: datetime.datetime | None = field(default=None, compare=False)
    key: str = field(default="", compare=False)
    acknowledged: str = field(default="", compare=False)

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "regulation": self.regulation,
            "standard": self.standard,
            "severity": self.severity,
            "home": home_json(self.home),
            "subject": self.subject.as_json(),
            "message": self.message,
            "evidence": [e.as_json() for e in self.evidence],
            "due": self.due.isoformat(),
        }


def home_json(home: Home) -> dict[str, str]:
    return {"id": str(home.public_id), "name": home.name, "urn": home.urn}


@dataclass
class AuditContext:
    """What a rule reads: the homes audited, the day "now" is, and the thresholds in force."""

    homes: Sequence[Home]
    as_of: datetime.date
    spec: "RuleSpec | None" = None
    shared: dict[str, Any] = field(default_factory=dict)  # facts several rules read, loaded once per audit
    codes: frozenset[str] = frozenset()  # the rules this audit runs (rules sharing a load skip parts none needs)

    def once(self, key: str, load: Callable[[], Any]) -> Any:
        """``load()`` the first time any rule of this audit asks for ``key``; the same value after."""
        if key not in self.shared:
            self.shared[key] = load()
        return self.shared[key]

    @property
    def home_ids(self) -> list[int]:
        return [h.pk for h in self.homes]

    def threshold(self, name: str) -> Any:
        """The rule's threshold, as configured in ``HEARTH_RULE_THRESHOLDS[code][name]`` or its default."""
        assert self.spec is not None
        configured = getattr(settings, "HEARTH_RULE_THRESHOLDS", {}).get(self.spec.code, {})
        return configured.get(name, self.spec.thresholds[name])

    def finding(
        self,
        *,
        home: Home,
        subject: Ref,
        message: str,
        evidence: Iterable[Ref] = (),
        severity: str | None = None,
    ) -> Finding:
        assert self.spec is not None
        level = severity or self.spec.severity
        return Finding(
            code=self.spec.code,
            regulation=self.spec.regulation,
            standard=self.spec.standard,
            severity=level,
            home=home,
            subject=subject,
            message=message,
            evidence=tuple(evidence),
            due=self.as_of + datetime.timedelta(days=due_days(level)),
        )


RuleFunc = Callable[[AuditContext], Iterable[Finding]]


@dataclass(frozen=True)
class RuleSpec:
    code: str
    regulation: str
    standard: str
    severity: str
    func: RuleFunc
    thresholds: dict[str, Any] = field(default_factory=dict)

    @property
    def description(self) -> str:
        return (self.func.__doc__ or "").strip().split("\n\n")[0]


REGISTRY: dict[str, RuleSpec] = {}


def rule(
    code: str, *, regulation: str, standard: str, severity: str, **thresholds: Any
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule under its stable code (rules.md). Thresholds are defaults a provider may override."""

    def register(func: RuleFunc) -> RuleFunc:
        if code in REGISTRY:
            raise ValueError(f"Rule {code} is registered twice.")
        REGISTRY[code] = RuleSpec(code, regulation, standard, severity, func, dict(thresholds))
        return func

    return register


# Rules whose finding at one home reads other homes' records: the background worker runs them
# over the whole provider (``oversight/tasks.py``), not with each home's own audit.
PROVIDER_COMPARISONS = ("risk.generic_strategy",)


def home_rule_codes() -> list[str]:
    """Every rule but the provider-wide comparisons: what a home's own audit runs."""
    from hearth.oversight import rules  # noqa: F401  (registers the rules)

    return sorted(c for c in REGISTRY if c not in PROVIDER_COMPARISONS)


def due_days(severity: str) -> int:
    """Days to put a finding right, by severity (``HEARTH_FINDING_DUE_DAYS``)."""
    defaults = {HIGH: 7, MEDIUM: 28, LOW: 56}
    return int(getattr(settings, "HEARTH_FINDING_DUE_DAYS", defaults).get(severity, defaults[severity]))


def finding_order(f: Finding) -> tuple[str, str, int, str, str, str, str]:
    """How an audit's findings are listed: by home, regulation, severity (highest first), code and
    subject; then by message and the subject's id, so that the order is the same however the
    findings were gathered (worked out now, or read from the stored findings)."""
    return (f.home.name, f.regulation, SEVERITY_ORDER[f.severity], f.code, f.subject.label, f.message, f.subject.id)


def run_audit(*, homes: Sequence[Home], as_of: datetime.date, codes: Iterable[str] | None = None) -> list[Finding]:
    """Every registered rule (or those named) over the homes, as of the date; findings sorted by
    home, regulation and severity."""
    from hearth.oversight import rules  # noqa: F401  (registers the rules)

    wanted = list(codes) if codes is not None else sorted(REGISTRY)
    unknown = [c for c in wanted if c not in REGISTRY]
    if unknown:
        raise KeyError(f"No rule with code {', '.join(unknown)}.")
    findings: list[Finding] = []
    shared: dict[str, Any] = {}
    running = frozenset(wanted)
    with collector_paused():  # a large audit builds millions of objects and keeps most to the end
        for code in wanted:
            spec = REGISTRY[code]
            findings.extend(spec.func(AuditContext(homes=homes, as_of=as_of, spec=spec, shared=shared, codes=running)))
        return sorted(findings, key=finding_order)


def audit_json(*, homes: Sequence[Home], as_of: datetime.date, findings: Sequence[Finding]) -> dict[str, Any]:
    """The documented, stable JSON of ``hearth audit --format json`` (docs/audit-format.md)."""
    return {
        "as_of": as_of.isoformat(),
        "homes": [home_json(h) for h in homes],
        "findings": [f.as_json() for f in findings],
    }
