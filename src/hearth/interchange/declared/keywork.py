"""Key work, the child's goals and achievements. (declared once: interchange/kinds.py)."""

from hearth.interchange.kinds import CHILD_AT_HOME, DATE, DATETIME, SHORT, TEXT, Field, Link, RecordKind
from hearth.keywork import services as keywork
from hearth.keywork.models import Achievement, Goal, GoalUpdate, KeyWorkSession

KINDS: tuple[RecordKind, ...] = (
    RecordKind(
        key="key_work_sessions",
        label="key-work session",
        model=KeyWorkSession,
        links=CHILD_AT_HOME,
        fields=(
            Field("topics", SHORT),
            Field("planned_for", DATE, required=False),
            Field("held_at", DATETIME, required=False),
            Field("what_was_done", TEXT, required=False),
            Field("child_words", TEXT, required=False, description="The child's own words"),
            Field("not_held_reason", SHORT, required=False),
            Field("worker_name", SHORT),
            Field("recorded_at", DATETIME, required=False),
        ),
        load=keywork.keywork_load,
        home_lookup="home_id",
        description="Key-work sessions, planned or held, with the child's own words.",
    ),
    RecordKind(
        key="goals",
        label="goal",
        model=Goal,
        links=CHILD_AT_HOME,
        fields=(
            Field("goal", SHORT),
            Field("child_words", TEXT, required=False),
            Field("set_on", DATE),
            Field("target_by", DATE, required=False),
            Field("recorded_by_name", SHORT),
        ),
        load=keywork.goal_set,
        home_lookup="home_id",
        description="The child's goals (their status follows from the progress recorded).",
    ),
    RecordKind(
        key="goal_progress",
        label="goal progress",
        model=GoalUpdate,
        links=(Link("goal", "goals"),),
        fields=(
            Field("on", DATE),
            Field("progress", choices=tuple(GoalUpdate.Progress.values)),
            Field("note", TEXT),
            Field("recorded_by_name", SHORT),
        ),
        load=keywork.goal_progress_record,
        home_lookup="goal__home_id",
        description="Progress towards a goal.",
    ),
    RecordKind(
        key="achievements",
        label="achievement",
        model=Achievement,
        links=CHILD_AT_HOME,
        fields=(
            Field("on", DATE),
            Field("area", choices=tuple(Achievement.Area.values)),
            Field("what", SHORT),
            Field("recorded_by_name", SHORT),
        ),
        load=keywork.achievement_record,
        home_lookup="home_id",
        description="What the child achieved.",
    ),
)
