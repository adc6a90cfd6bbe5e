import datetime

import factory

from hearth.homes.tests.factories import HomeFactory
from hearth.staff.models import StaffMember


class StaffMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffMember

    home = factory.SubFactory(HomeFactory)
    first_name = factory.Sequence(lambda n: f"Staff{n}")
    last_name = "Member"
    role = StaffMember.Role.SUPPORT_WORKER
    start_date = datetime.date(2024, 1, 1)
