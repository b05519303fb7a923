"""Who reaches which journal URL (DESIGN.md §5): an entry and its mirror are
read by no one but the author, the coaches it is shared with (the mirror only if
the author allows) and the community it is shared with — via page, htmx partial,
export and API alike. Programme leads and superusers never read entries."""

from django.urls import reverse

from leerkring.core.tests.matrix import (
    ANON,
    APPRENTICE,
    COACH,
    LOGIN,
    PARTICIPANT,
    Row,
    World,
    allow,
    everyone,
    posts,
)
from leerkring.journal.models import Visibility
from leerkring.journal.tests.factories import (
    AssessmentFactory,
    CoachFeedbackFactory,
    CommentFactory,
    DraftFactory,
    ReflectionFactory,
)

MEMBERS = (PARTICIPANT, COACH, APPRENTICE)


def extend(world: World) -> None:
    author = world.users[PARTICIPANT]
    entries = {}
    for visibility in Visibility.values:
        entry = ReflectionFactory(
            author=author,
            community=world.community,
            meeting=world.meeting,
            visibility=visibility,
            title=f"Entry {visibility}",
        )
        AssessmentFactory(reflection=entry)
        entries[visibility] = entry
    CoachFeedbackFactory(
        reflection=entries[Visibility.COACHES], coach=world.users[COACH]
    )
    CommentFactory(reflection=entries[Visibility.COMMUNITY], author=world.users[COACH])
    world.extra["journal_entries"] = entries
    world.extra["journal_draft"] = DraftFactory(user=author, community=world.community)


def entry(world: World, visibility: str) -> int:
    return int(world.journal_entries[visibility].pk)


def journal_url(name: str) -> Row:
    return Row(
        f"journal:{name}",
        lambda w: reverse(f"journal:{name}", args=[w.community.pk]),
        allow(*MEMBERS),
    )


ROWS = [
    journal_url("journal-list"),
    Row(
        "journal:journal-list",
        lambda w: reverse("journal:journal-list", args=[w.community.pk]),
        allow(*MEMBERS),
        htmx=True,
    ),
    journal_url("reflection-create"),
    journal_url("export-markdown"),
    journal_url("export-pdf"),
    Row(
        "journal:draft-save-new",
        lambda w: reverse("journal:draft-save-new", args=[w.community.pk]),
        {**allow(*MEMBERS), ANON: 200},  # anonymous: "you were logged out"
        method="post",
        data=lambda w: {"title": "Nieuw", "body": "Tekst"},
        htmx=True,
    ),
    Row(
        "journal:draft-save-new",
        lambda w: reverse("journal:draft-save-new", args=[w.community.pk]),
        allow(*MEMBERS),
        method="post",
        data=lambda w: {"title": "Nieuw", "body": "Tekst"},
    ),
    Row(
        "journal:settings",
        lambda w: reverse("journal:settings"),
        {**everyone(200), ANON: LOGIN},
    ),
    Row(
        "journal:draft-discard",
        lambda w: reverse("journal:draft-discard", args=[w.journal_draft.pk]),
        allow(PARTICIPANT, ok=302),
        method="post",
    ),
]

# The entry page, per visibility.
READERS = {
    Visibility.PRIVATE: (PARTICIPANT,),
    Visibility.COACHES: (PARTICIPANT, COACH, APPRENTICE),
    Visibility.COMMUNITY: (PARTICIPANT, COACH, APPRENTICE),
}
for _visibility, _readers in READERS.items():
    ROWS += [
        Row(
            "journal:reflection-detail",
            lambda w, v=_visibility: reverse(
                "journal:reflection-detail", args=[entry(w, v)]
            ),
            allow(*_readers),
        ),
        # The mirror: the author only (this author does not share it with coaches).
        Row(
            "journal:reflection-mirror",
            lambda w, v=_visibility: reverse(
                "journal:reflection-mirror", args=[entry(w, v)]
            ),
            allow(PARTICIPANT),
            htmx=True,
        ),
        Row(
            "journal:reflection-edit",
            lambda w, v=_visibility: reverse(
                "journal:reflection-edit", args=[entry(w, v)]
            ),
            allow(PARTICIPANT),
        ),
        Row(
            "journal:draft-save",
            lambda w, v=_visibility: reverse("journal:draft-save", args=[entry(w, v)]),
            {**allow(PARTICIPANT), ANON: 200},  # anonymous: "you were logged out"
            method="post",
            data=lambda w: {"title": "Anders", "body": "Nieuwe tekst"},
            htmx=True,
        ),
        Row(
            "journal:reflection-visibility",
            lambda w, v=_visibility: reverse(
                "journal:reflection-visibility", args=[entry(w, v)]
            ),
            allow(PARTICIPANT, ok=302),
            method="post",
            data=lambda w: {"visibility": Visibility.PRIVATE},
        ),
        Row(
            "journal:reflection-reassess",
            lambda w, v=_visibility: reverse(
                "journal:reflection-reassess", args=[entry(w, v)]
            ),
            allow(PARTICIPANT, ok=302),
            method="post",
        ),
        Row(
            "journal:reflection-delete",
            lambda w, v=_visibility: reverse(
                "journal:reflection-delete", args=[entry(w, v)]
            ),
            allow(PARTICIPANT),
        ),
        Row(
            "journal:feedback-save",
            lambda w, v=_visibility: reverse(
                "journal:feedback-save", args=[entry(w, v)]
            ),
            allow(*(r for r in _readers if r != PARTICIPANT), ok=302),
            method="post",
            data=lambda w: {"body": "Mooi gezien.", "version": 1},
        ),
        Row(
            "journal:comment-add",
            lambda w, v=_visibility: reverse("journal:comment-add", args=[entry(w, v)]),
            allow(*(MEMBERS if _visibility == Visibility.COMMUNITY else ()), ok=302),
            method="post",
            data=lambda w: {"body": "Herkenbaar."},
        ),
        Row(
            "api:reflection-detail",
            lambda w, v=_visibility: reverse(
                "api:reflection-detail", args=[entry(w, v)]
            ),
            {**allow(*_readers), ANON: 401},
        ),
        Row(
            "api:reflection-assessment",
            lambda w, v=_visibility: reverse(
                "api:reflection-assessment", args=[entry(w, v)]
            ),
            {**allow(PARTICIPANT), ANON: 401},
        ),
    ]

ROWS.append(
    Row(
        "api:reflection-list",
        lambda w: reverse("api:reflection-list"),
        {**everyone(200), ANON: 401},
    )
)

# Each form's POST path: the same people, refused alike (an empty form is shown
# again with its errors).
ROWS += posts(
    ROWS, "journal:reflection-create", "journal:reflection-edit", "journal:settings"
)
ROWS += posts(ROWS, "journal:reflection-delete", ok=302)  # the author confirms
