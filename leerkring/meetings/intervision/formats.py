"""Intervision formats ("intervisiemethoden"): each a sequence of steps with
their minutes, as method data (like :mod:`leerkring.meetings.method`).

The chair of a meeting chooses one; its steps fill the agenda's intervision item
(the item's minutes become the sum of the steps) and the room shows them one by
one with their own timer. Texts are translatable source strings (English) with
the method's Dutch as their translation.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Format(models.TextChoices):
    INCIDENT = "incident", _("Incident method")
    LEARNING_QUESTIONS = "learning_questions", _("Learning-question round")
    GOSSIP = "gossip", _("Gossip method")
    SOCRATIC = "socratic", _("Socratic dialogue")
    FREE = "free", _("Free format")


@dataclass(frozen=True)
class Step:
    title: str | Promise
    description: str | Promise
    minutes: int


@dataclass(frozen=True)
class FormatPlan:
    key: str
    summary: str | Promise
    steps: tuple[Step, ...]

    @property
    def minutes(self) -> int:
        return sum(step.minutes for step in self.steps)

    @property
    def label(self) -> str:
        return str(Format(self.key).label)


def _evaluate(minutes: int) -> Step:
    return Step(
        _("Looking back on the method"),
        _("How did the steps work for the case-bringer and for the group?"),
        minutes,
    )


FORMATS: dict[str, FormatPlan] = {
    Format.INCIDENT: FormatPlan(
        Format.INCIDENT,
        _(
            "A recent, concrete incident from the case-bringer's practice; the "
            "group first gathers facts, then each says what they would do."
        ),
        (
            Step(
                _("The incident"),
                _(
                    "The case-bringer tells briefly what happened and stops at the "
                    "moment a decision had to be made."
                ),
                5,
            ),
            Step(
                _("Questions for information"),
                _(
                    "Only factual questions: who, what, when, where. No advice, "
                    "no hidden suggestions."
                ),
                15,
            ),
            Step(
                _("The core question"),
                _(
                    "The case-bringer states the question the group will work on; "
                    "the chair writes it down."
                ),
                5,
            ),
            Step(
                _("What would you do?"),
                _(
                    "Each member in turn: what would I decide in this situation, "
                    "and why. The case-bringer listens and takes notes."
                ),
                20,
            ),
            Step(
                _("The case-bringer's answer"),
                _(
                    "What the case-bringer actually did, what struck them in the "
                    "advice and what they take along."
                ),
                10,
            ),
            _evaluate(5),
        ),
    ),
    Format.LEARNING_QUESTIONS: FormatPlan(
        Format.LEARNING_QUESTIONS,
        _(
            "A round along everyone's learning question; one question is deepened "
            "with the help of the group."
        ),
        (
            Step(
                _("Round of learning questions"),
                _(
                    "Each member: my learning question, and one experience with it "
                    "since last time."
                ),
                20,
            ),
            Step(
                _("Choosing a question"),
                _("Together choose the question that most needs the group today."),
                5,
            ),
            Step(
                _("Questions to understand"),
                _("Open questions that help its owner look further; no advice yet."),
                10,
            ),
            Step(
                _("Suggestions"),
                _("Each member offers one suggestion or experience, briefly."),
                10,
            ),
            Step(
                _("What everyone takes along"),
                _("The owner of the question first, then each member in one sentence."),
                5,
            ),
        ),
    ),
    Format.GOSSIP: FormatPlan(
        Format.GOSSIP,
        _(
            "The case-bringer listens with their back to the group while the others "
            "discuss the case as if they were not there."
        ),
        (
            Step(
                _("The case and the question"),
                _("The case-bringer presents the situation and their question."),
                5,
            ),
            Step(
                _("Clarifying questions"),
                _("The group asks what it needs to understand the situation."),
                10,
            ),
            Step(
                _("Gossip"),
                _(
                    "The case-bringer turns around and only listens. The others "
                    "talk about the case and the case-bringer freely: hypotheses, "
                    "patterns, ideas."
                ),
                15,
            ),
            Step(
                _("What struck the case-bringer"),
                _(
                    "The case-bringer turns back and says what hit home and what "
                    "did not; the group listens."
                ),
                5,
            ),
            Step(
                _("Next steps"),
                _("Together: what could the case-bringer try now?"),
                10,
            ),
            _evaluate(5),
        ),
    ),
    Format.SOCRATIC: FormatPlan(
        Format.SOCRATIC,
        _(
            "A shared search for the answer to a general question, through one "
            "member's concrete experience; slow, precise, in search of agreement."
        ),
        (
            Step(
                _("The question"),
                _(
                    "Agree on a general question, for example: when is feedback "
                    "helpful?"
                ),
                5,
            ),
            Step(
                _("Choosing an example"),
                _(
                    "Members offer a concrete, lived experience; the group chooses "
                    "one whose owner is willing to be questioned."
                ),
                10,
            ),
            Step(
                _("The example in detail"),
                _(
                    "Its owner tells it; the group asks until everyone can picture "
                    "the moment that matters."
                ),
                15,
            ),
            Step(
                _("The core statement"),
                _(
                    "What in the example answers the question? Formulate one "
                    "statement that everyone can stand behind."
                ),
                20,
            ),
            Step(
                _("Testing the statement"),
                _(
                    "Check the statement against other members' experiences and "
                    "sharpen it until it holds."
                ),
                15,
            ),
            Step(
                _("Meta-dialogue"),
                _("How did we talk together? Did everyone have equal room?"),
                10,
            ),
        ),
    ),
    Format.FREE: FormatPlan(
        Format.FREE,
        _("An open conversation about the case, guarded by the chair."),
        (
            Step(
                _("The case and the question"),
                _("The case-bringer presents the situation and their question."),
                5,
            ),
            Step(
                _("Conversation"),
                _("The group explores the case in the way that suits it today."),
                40,
            ),
            Step(
                _("What the case-bringer takes along"),
                _("The case-bringer says what they will do with it."),
                10,
            ),
            _evaluate(5),
        ),
    ),
}


def plan_for(key: str) -> FormatPlan:
    return FORMATS[key]
