"""The oversight rules of rules.md, one module per area. Importing this package registers them."""

from hearth.oversight.rules import (  # noqa: F401
    care_planning,
    childrens_views,
    conduct,
    education,
    family,
    health,
    medicines,
    monitoring,
    protection,
    records_law,
    relationships,
    risk,
    staffing,
    timeliness,
)
