"""The method's own session plan: Table 1 of *Community leren* and the agendas.

Everything a coach gets "from the method" lives here as data, so the table can
be read (and translated) in one place:

* ``THEMES`` — the eight rows of Table 1 (after Scharmer's Theory U): stage,
  professional theme, personal theme and personal question per session;
* ``PracticeMeaning`` — the meaning for the work practice that runs across all
  sessions (vision, people, education, organisation, society, sustainability);
* ``agenda_for`` — the agenda a session starts with, by its row: rows 1 and 2
  build trust and safety, rows 3–7 have check-in, look back, look forward,
  wrap-up and check-out, row 8 is the landing (harvest, evaluation, anchoring,
  the alumni question, celebration). Every agenda has an open space, and the
  durations add up to one part of the day (210 minutes).

Texts are translatable source strings (English), with the method's Dutch words as
their Dutch translations; a session stores the text in the language of the coach
who planned it, and can always show the method default in the viewer's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from leerkring.communities.variants import MAX_SESSIONS as MAX_SESSIONS
from leerkring.communities.variants import MIN_SESSIONS as MIN_SESSIONS

METHOD_SESSIONS = 8


@dataclass(frozen=True)
class Theme:
    """One row of Table 1."""

    step: int
    stage: str | Promise
    professional_theme: str | Promise
    personal_theme: str | Promise
    personal_question: str | Promise


# The Theory U stages keep their English names in the Dutch text too.
THEMES: tuple[Theme, ...] = (
    Theme(
        1,
        pgettext_lazy("Theory U", "Holding the space of listening"),
        _("Professional goal setting"),
        _("Curiosity"),
        _("What do you want to learn?"),
    ),
    Theme(
        2,
        pgettext_lazy("Theory U", "Observing"),
        _("From occasion to motive"),
        _("Key to learning"),
        _("Where do you stand now?"),
    ),
    Theme(
        3,
        pgettext_lazy("Theory U", "Sensing"),
        _("What could be different?"),
        _("Counterforce"),
        _("What works against you?"),
    ),
    Theme(
        4,
        pgettext_lazy("Theory U", "Presencing"),
        _("Really trying it out"),
        _("Direction"),
        _("What do you really want?"),
    ),
    Theme(
        5,
        pgettext_lazy("Theory U", "Crystallizing"),
        _("Choosing what really fits"),
        _("Talent"),
        _("What is your contribution?"),
    ),
    Theme(
        6,
        pgettext_lazy("Theory U", "Prototyping"),
        _("Standing up for the new"),
        _("Letting go"),
        _("What is no longer needed?"),
    ),
    Theme(
        7,
        pgettext_lazy("Theory U", "Performing"),
        _("Holding each other accountable"),
        _("Respect"),
        _("Making yourself vulnerable?"),
    ),
    Theme(
        8,
        pgettext_lazy("Theory U", "Secure & celebrate"),
        _("Anchoring in agreements and rules"),
        _("Plan"),
        _("What do you do differently now?"),
    ),
)
THEME_FIELDS = ("stage", "professional_theme", "personal_theme", "personal_question")


class PracticeMeaning(models.TextChoices):
    """The meaning for the work practice ("duiding t.a.v. werkpraktijk")."""

    VISION = "vision", _("Vision")
    PEOPLE = "people", _("People")
    EDUCATION = "education", _("Education")
    ORGANISATION = "organisation", _("Organisation")
    SOCIETY = "society", _("Society")
    SUSTAINABILITY = "sustainability", _("Sustainability (SDGs)")


ALL_PRACTICE_MEANINGS = [meaning.value for meaning in PracticeMeaning]


def theme_steps(count: int) -> list[int]:
    """Which row of Table 1 (1–8) each of ``count`` sessions gets.

    The rule: the first session always gets row 1 (holding the space of listening)
    and the last always row 8 (secure & celebrate), so the tension arc keeps its
    kickstart and its landing. The sessions in between are spread evenly over the
    rows: session ``k`` (0-based) gets row ``round(k * 7 / (count - 1)) + 1``,
    rounding halves up. With fewer than 8 sessions some middle rows are skipped
    (never two sessions on the same row); with more than 8 every row is used and
    some middle rows get a second session to deepen them. Rows never go back.
    """
    if not MIN_SESSIONS <= count <= MAX_SESSIONS:
        raise ValueError(f"A leergang has {MIN_SESSIONS}–{MAX_SESSIONS} sessions.")
    last = METHOD_SESSIONS - 1
    # Integer arithmetic for "round half up" of k * last / (count - 1).
    return [(2 * k * last + (count - 1)) // (2 * (count - 1)) + 1 for k in range(count)]


def theme_for_step(step: int) -> Theme:
    return THEMES[step - 1]


class ItemKind(models.TextChoices):
    CHECK_IN = "check_in", _("Check-in")
    LOOK_BACK = "look_back", _("Look back")
    LOOK_FORWARD = "look_forward", _("Look forward")
    OPEN_SPACE = "open_space", _("Open space")
    INTERVISION = "intervision", _("Peer consultation")
    BREAK = "break", _("Break")
    WRAP_UP = "wrap_up", _("Wrap-up")
    CHECK_OUT = "check_out", _("Check-out")
    CUSTOM = "custom", _("Other")


@dataclass(frozen=True)
class ItemPlan:
    kind: str
    title: str | Promise
    description: str | Promise
    minutes: int


ARRIVE = _("How do you arrive today? One word or one sentence each.")
ARRIVE_WITHOUT_DISCUSSION = _(
    "How do you arrive today? One word or one sentence each, no discussion."
)


def _check_in(minutes: int, question: str | Promise) -> ItemPlan:
    """Every session opens with a check-in."""
    return ItemPlan(ItemKind.CHECK_IN, _("Check-in"), question, minutes)


def _check_out(minutes: int) -> ItemPlan:
    """... and closes with a check-out."""
    return ItemPlan(
        ItemKind.CHECK_OUT,
        _("Check-out"),
        _("What do you take home from today?"),
        minutes,
    )


def _open_space(minutes: int) -> ItemPlan:
    """Every session has an open space the participants fill (seed §2.2.2)."""
    return ItemPlan(
        ItemKind.OPEN_SPACE,
        _("Open space"),
        _(
            "Filled by the participants: external inspiration, a role play, "
            "knowledge you want to gain."
        ),
        minutes,
    )


SESSION_ONE: tuple[ItemPlan, ...] = (
    _check_in(20, ARRIVE_WITHOUT_DISCUSSION),
    ItemPlan(
        ItemKind.CUSTOM,
        _("Getting to know each other, playfully"),
        _(
            "A playful round in pairs and as a group: who are you, where do you "
            "work, what makes you curious?"
        ),
        30,
    ),
    ItemPlan(
        ItemKind.CUSTOM,
        _("Qualities and pitfalls"),
        _(
            "Each participant names two qualities and the pitfall that comes with "
            "them; the others add what they already notice."
        ),
        40,
    ),
    ItemPlan(ItemKind.BREAK, _("Break"), "", 15),
    ItemPlan(
        ItemKind.CUSTOM,
        _("A first personal learning question"),
        _("What do you want to learn? Write a first version; it may change."),
        30,
    ),
    _open_space(20),
    ItemPlan(
        ItemKind.CUSTOM,
        _("Agreements: a first conversation"),
        _(
            "What do we need from each other: attendance, effort, confidentiality, "
            "how we treat each other."
        ),
        25,
    ),
    ItemPlan(
        ItemKind.WRAP_UP,
        _("Preparing session 2"),
        _("Ask a colleague what they see as your quality; bring a first ambition."),
        15,
    ),
    _check_out(15),
)

SESSION_TWO: tuple[ItemPlan, ...] = (
    _check_in(15, ARRIVE_WITHOUT_DISCUSSION),
    ItemPlan(
        ItemKind.LOOK_BACK,
        _("Looking back on session 1"),
        _("What stayed with you, and what did your colleague say about you?"),
        15,
    ),
    ItemPlan(
        ItemKind.CUSTOM,
        _("Qualities and pitfalls: the core quadrant"),
        _("Quality, pitfall, challenge and allergy, in threes."),
        30,
    ),
    ItemPlan(
        ItemKind.CUSTOM,
        _("Sharpening the personal learning question"),
        _("Where do you stand now? Sharpen your question with a critical friend."),
        25,
    ),
    ItemPlan(ItemKind.BREAK, _("Break"), "", 15),
    ItemPlan(
        ItemKind.CUSTOM,
        _("Collective ambition and concrete goal"),
        _(
            "A lasting change in our practice, thinking in opportunities — and the "
            "assignment: this is what we have to do, and this is the concrete result."
        ),
        40,
    ),
    _open_space(20),
    ItemPlan(
        ItemKind.CUSTOM,
        _("Agreements: settle and confirm"),
        _("Duration, meetings, goals, attendance and effort — everyone confirms."),
        20,
    ),
    ItemPlan(
        ItemKind.WRAP_UP,
        _("First integration assignments"),
        _("Each participant formulates an assignment to try out in their practice."),
        15,
    ),
    _check_out(15),
)


def three_part_agenda(theme: Theme) -> tuple[ItemPlan, ...]:
    """From session 3: check-in, look back, look forward, wrap-up, check-out."""
    return (
        _check_in(15, ARRIVE),
        ItemPlan(
            ItemKind.LOOK_BACK,
            _("Progress on the collective goal"),
            _("What happened since last time on our assignment and our goal?"),
            20,
        ),
        ItemPlan(
            ItemKind.LOOK_BACK,
            _("Successes and setbacks"),
            _("Related to each person's learning question."),
            25,
        ),
        ItemPlan(
            ItemKind.LOOK_BACK,
            _("Yield of the integration assignments"),
            _("What did you do, what happened, what did you learn?"),
            25,
        ),
        ItemPlan(ItemKind.BREAK, _("Break"), "", 15),
        ItemPlan(
            ItemKind.LOOK_FORWARD,
            theme.professional_theme,
            _("Exercise, theory or a participant's case on this session's theme."),
            40,
        ),
        _open_space(30),
        ItemPlan(
            ItemKind.LOOK_FORWARD,
            _("Reflection on the quality of our collaboration"),
            _("How do we work together as a collective? What do we keep, what not?"),
            15,
        ),
        ItemPlan(
            ItemKind.WRAP_UP,
            _("New assignments and experiments"),
            _("Each participant formulates what they will try before next time."),
            15,
        ),
        _check_out(10),
    )


def is_generic_open_space(title: str) -> bool:
    """Is ``title`` the method's own "Open space" title, in any site language?"""
    titles = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            titles.add(str(_("Open space")))
    return title in titles


# After the leergang (section 2.3 of the text): the community meets on its own to
# exchange experiences, hold an intervisie and develop new assignments ("opgaven").
SELF_RUN_AGENDA: tuple[ItemPlan, ...] = (
    _check_in(15, ARRIVE),
    ItemPlan(
        ItemKind.LOOK_BACK,
        _("Exchange of experiences"),
        _(
            "What did you try in your practice since last time, what happened and "
            "what did it teach you? Successes and setbacks."
        ),
        40,
    ),
    ItemPlan(ItemKind.BREAK, _("Break"), "", 15),
    ItemPlan(
        ItemKind.INTERVISION,
        _("Peer consultation on a case"),
        _(
            "A member brings a case from their practice. The chair guards the "
            "steps: the question, clarifying questions, analysis, advice, and what "
            "the case-bringer takes along."
        ),
        60,
    ),
    ItemPlan(
        ItemKind.LOOK_FORWARD,
        _("Reflection on our collaboration"),
        _(
            "Is everyone's position in the dialogue still equal? Does anyone get a "
            "special say without noticing?"
        ),
        15,
    ),
    ItemPlan(
        ItemKind.WRAP_UP,
        _("New assignments and challenges"),
        _("Each member formulates a new assignment or challenge for next time."),
        25,
    ),
    _check_out(15),
)


# Session 8, "Secure & celebrate" (seed §1.5 and §2.2.1): the landing. Both
# tracks are harvested, the goals are evaluated on the three aspects of §1.4,
# the community anchors what it keeps doing, the coaches ask the alumni question
# of §2.3 (meester-gezel-leerling), and the community celebrates.
LANDING: tuple[ItemPlan, ...] = (
    _check_in(15, ARRIVE),
    ItemPlan(
        ItemKind.LOOK_BACK,
        _("Harvest of the collective track"),
        _(
            "What did we achieve on our assignment and goal, and what has changed "
            "in our practice?"
        ),
        30,
    ),
    ItemPlan(
        ItemKind.LOOK_BACK,
        _("Harvest of the personal track"),
        _(
            "Each participant looks back on their learning question: where did you "
            "start, what do you do differently now?"
        ),
        30,
    ),
    ItemPlan(ItemKind.BREAK, _("Break"), "", 15),
    ItemPlan(
        ItemKind.LOOK_BACK,
        _("Evaluating our goals on three aspects"),
        _(
            "The collective goal, each person's professional and personal goal, "
            "and what we learned about both: can we be satisfied?"
        ),
        30,
    ),
    ItemPlan(
        ItemKind.LOOK_FORWARD,
        _("Anchoring: agreements for after the leergang"),
        _(
            "What do we keep doing, and how do we go on: on our own, in a new "
            "leergang or in a new composition?"
        ),
        30,
    ),
    ItemPlan(
        ItemKind.CUSTOM,
        _("The alumni question"),
        _(
            "Who would like to coach a new community, together with an "
            "experienced coach?"
        ),
        10,
    ),
    _open_space(15),
    ItemPlan(
        ItemKind.CUSTOM,
        _("Celebration"),
        _("We celebrate what we achieved together."),
        20,
    ),
    ItemPlan(
        ItemKind.CHECK_OUT,
        _("Check-out"),
        _("What do you take with you from this leergang?"),
        15,
    ),
)


_ROW_AGENDAS: dict[int, tuple[ItemPlan, ...]] = {
    1: SESSION_ONE,
    2: SESSION_TWO,
    METHOD_SESSIONS: LANDING,
}


def agenda_for(step: int | None, *, repeat: bool = False) -> tuple[ItemPlan, ...]:
    """The method's agenda for a session whose themes are row ``step``.

    The agenda follows the row, not the session's number: with four sessions the
    second carries row 3 and gets row 3's three-part agenda. Rows 1 and 2 build
    trust and safety, row 8 is the landing, rows 3–7 have three parts. A second
    session on the same row (``repeat``: more than eight sessions) deepens the
    row's theme with the three-part agenda. A meeting without a row (``None``: a
    self-run meeting after the leergang) gets the self-run agenda.
    """
    if step is None:
        return SELF_RUN_AGENDA
    if repeat:
        return three_part_agenda(theme_for_step(step))
    return _ROW_AGENDAS.get(step) or three_part_agenda(theme_for_step(step))


# The community's language (issue 17). The method's texts are translatable
# source strings; a community writes them in its own language, whoever plans.


def theme_text(step: int, field: str, language: str) -> str:
    """Row ``step``'s text for a theme ``field``, in ``language``."""
    with translation.override(language):
        return str(getattr(theme_for_step(step), field))


def agenda_texts(plans: tuple[ItemPlan, ...], language: str) -> list[tuple[str, str]]:
    """(title, description) of each item of a method agenda, in ``language``."""
    with translation.override(language):
        return [(str(plan.title), str(plan.description)) for plan in plans]
