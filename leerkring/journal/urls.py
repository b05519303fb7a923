from django.urls import path

from . import views

app_name = "journal"
urlpatterns = [
    path(
        "communities/<int:community_id>/reflections/",
        views.journal_list,
        name="journal-list",
    ),
    path(
        "communities/<int:community_id>/reflections/new/",
        views.reflection_create,
        name="reflection-create",
    ),
    path(
        "communities/<int:community_id>/reflections/new/draft/",
        views.draft_save_new,
        name="draft-save-new",
    ),
    path(
        "communities/<int:community_id>/reflections/export.md",
        views.export_markdown,
        name="export-markdown",
    ),
    path(
        "communities/<int:community_id>/reflections/export.pdf",
        views.export_pdf,
        name="export-pdf",
    ),
    path(
        "reflections/<int:reflection_id>/",
        views.reflection_detail,
        name="reflection-detail",
    ),
    path(
        "reflections/<int:reflection_id>/mirror/",
        views.reflection_mirror,
        name="reflection-mirror",
    ),
    path(
        "reflections/<int:reflection_id>/edit/",
        views.reflection_edit,
        name="reflection-edit",
    ),
    path(
        "reflections/<int:reflection_id>/draft/",
        views.draft_save,
        name="draft-save",
    ),
    path(
        "reflections/<int:reflection_id>/visibility/",
        views.reflection_visibility,
        name="reflection-visibility",
    ),
    path(
        "reflections/<int:reflection_id>/reassess/",
        views.reflection_reassess,
        name="reflection-reassess",
    ),
    path(
        "reflections/<int:reflection_id>/delete/",
        views.reflection_delete,
        name="reflection-delete",
    ),
    path(
        "reflections/<int:reflection_id>/feedback/",
        views.feedback_save,
        name="feedback-save",
    ),
    path(
        "reflections/<int:reflection_id>/comments/",
        views.comment_add,
        name="comment-add",
    ),
    path("drafts/<int:draft_id>/discard/", views.draft_discard, name="draft-discard"),
    path("reflections/settings/", views.journal_settings, name="settings"),
]
