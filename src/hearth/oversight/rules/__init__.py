"""The oversight rules of rules.md, one module per area. Importing this package registers them."""

from hearth.oversight.rules import care_planning, protection, risk, staffing, timeliness  # noqa: F401
