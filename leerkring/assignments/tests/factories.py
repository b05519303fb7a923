import datetime

import factory
from factory.django import DjangoModelFactory

from leerkring.accounts.tests.factories import UserFactory
from leerkring.assignments.models import AssignmentReport, IntegrationAssignment
from leerkring.communities.models import Sharing
from leerkring.meetings.tests.factories import MeetingFactory


class IntegrationAssignmentFactory(DjangoModelFactory[IntegrationAssignment]):
    class Meta:
        model = IntegrationAssignment

    meeting = factory.SubFactory(MeetingFactory)
    period = factory.LazyAttribute(lambda o: o.meeting.period)
    due_meeting = None
    due_date = factory.LazyAttribute(
        lambda o: (
            o.due_meeting.date
            if o.due_meeting
            else o.meeting.date + datetime.timedelta(weeks=3)
        )
    )
    owner = factory.SubFactory(UserFactory)
    created_by = factory.LazyAttribute(lambda o: o.owner)
    what = factory.Faker("sentence", locale="nl_NL")
    practice_situation = factory.Faker("sentence", locale="nl_NL")
    serves_collective_goal = True
    sharing = Sharing.COACHES


class AssignmentReportFactory(DjangoModelFactory[AssignmentReport]):
    class Meta:
        model = AssignmentReport

    assignment = factory.SubFactory(IntegrationAssignmentFactory)
    author = factory.LazyAttribute(lambda o: o.assignment.owner)
    did = factory.Faker("sentence", locale="nl_NL")
    happened = factory.Faker("sentence", locale="nl_NL")
    learned = factory.Faker("sentence", locale="nl_NL")
    status = AssignmentReport.Status.DONE
    sharing = Sharing.COACHES
