"""Every permission decision in Hearth. Views ask here; nothing else decides.

Deny by default: a user sees a home only through an active membership at it (or as the
responsible individual of its provider), and a child only through a placement at a home they
see. Anything outside that answers 404, so one home cannot even learn that another home's
child exists. ``access_*`` functions return the object or raise ``Http404``.

The decisions live in four modules, by what they guard: ``base`` (homes, providers and children:
who reaches what), ``people`` (sign-in, set-up, a child's details, a home's people), ``records``
(everything a home writes and reads), and ``conduct`` (complaints, allegations, measures of
control, notices and Annex A). Callers import this package: ``policies.can_write_records``.
"""

from hearth.access.policies.base import *  # noqa: F403
from hearth.access.policies.base import _active_memberships, _today  # noqa: F401
from hearth.access.policies.conduct import *  # noqa: F403
from hearth.access.policies.people import *  # noqa: F403
from hearth.access.policies.records import *  # noqa: F403
