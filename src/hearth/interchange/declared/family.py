"""Family time and money (declared once: interchange/kinds.py)."""

from hearth.family import services as family
from hearth.family.models import Account, FamilyTime, FamilyTimePlan, MoneyEntry, Reconciliation
from hearth.interchange.kinds import BOOL, CHILD_AT_HOME, DATE, DATETIME, NUMBER, SHORT, TEXT, Field, Link, RecordKind

KINDS: tuple[RecordKind, ...] = (
    RecordKind(
        key="family_time_plans",
        label="family time plan",
        model=FamilyTimePlan,
        links=CHILD_AT_HOME,
        fields=(
            Field("with_whom", SHORT),
            Field("how_often", SHORT),
            Field("where", SHORT),
            Field("supervised", BOOL),
            Field("agreed_on", DATE),
            Field("agreed_with", SHORT),
            Field("ends_on", DATE, required=False),
            Field("recorded_by_name", SHORT),
        ),
        load=family.family_time_plan_record,
        home_lookup="home_id",
        description="The family time agreed in the care plan.",
    ),
    RecordKind(
        key="family_times",
        label="family time",
        model=FamilyTime,
        links=(Link("plan", "family_time_plans"),),
        fields=(
            Field("planned_for", DATETIME),
            Field("outcome", choices=tuple(FamilyTime.Outcome.values)),
            Field("reason", SHORT, required=False),
            Field("how_it_went", TEXT, required=False),
            Field("child_words", TEXT, required=False),
            Field("recorded_by_name", SHORT),
            Field("outcome_recorded_at", DATETIME, required=False),
        ),
        load=family.family_time_record,
        home_lookup="home_id",
        description="Each time with family against the plan.",
    ),
    RecordKind(
        key="money_entries",
        label="money entry",
        model=MoneyEntry,
        links=CHILD_AT_HOME,
        fields=(
            Field("account", choices=tuple(Account.values)),
            Field("on", DATE),
            Field("amount", NUMBER, description="Pounds: positive in, negative out"),
            Field("what", SHORT),
            Field("receipt_kept", BOOL),
            Field("recorded_by_name", SHORT),
        ),
        load=family.money_entry_record,
        home_lookup="home_id",
        description="The child's pocket money and savings ledgers.",
    ),
    RecordKind(
        key="money_counts",
        label="money count",
        model=Reconciliation,
        links=CHILD_AT_HOME,
        fields=(
            Field("account", choices=tuple(Account.values)),
            Field("on", DATE),
            Field("counted", NUMBER),
            Field("explanation", SHORT, required=False),
            Field("child_signed", BOOL),
            Field("child_comment", SHORT, required=False),
            Field("recorded_by_name", SHORT),
        ),
        load=family.reconciliation_record,
        home_lookup="home_id",
        description="Counts of the child's money against the ledger.",
    ),
)
