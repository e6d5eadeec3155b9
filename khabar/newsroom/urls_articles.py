"""The article pages' routes, included under `articles/` in the newsroom's namespace."""

from django.urls import path

from khabar.newsroom import actions, articles, history

urlpatterns = [
    path("", articles.article_list, name="article_list"),
    path("new/", articles.article_new, name="article_new"),
    path("<int:pk>/", articles.article_editor, name="article_editor"),
    path("<int:pk>/submit/", actions.submit, name="article_submit"),
    path("<int:pk>/return/", actions.return_to_draft, name="article_return"),
    path("<int:pk>/publish/", actions.publish, name="article_publish"),
    path("<int:pk>/schedule/", actions.schedule, name="article_schedule"),
    path("<int:pk>/unpublish/", actions.unpublish, name="article_unpublish"),
    path("<int:pk>/take-down/", actions.take_down, name="article_take_down"),
    path("<int:pk>/delete/", actions.delete, name="article_delete"),
    path("<int:pk>/breaking/", actions.breaking_set, name="article_breaking_set"),
    path("<int:pk>/breaking/clear/", actions.breaking_clear, name="article_breaking_clear"),
    path("<int:pk>/update/publish/", actions.update_publish, name="article_update_publish"),
    path("<int:pk>/update/schedule/", actions.update_schedule, name="article_update_schedule"),
    path("<int:pk>/corrections/", actions.correction_add, name="article_correction_add"),
    path("<int:pk>/lock/", actions.lock_take_over, name="article_lock"),
    path("<int:pk>/unlock/", actions.unlock, name="article_unlock"),
    path("<int:pk>/previews/", actions.preview_create, name="article_preview_create"),
    path(
        "<int:pk>/previews/<int:link>/revoke/",
        actions.preview_revoke,
        name="article_preview_revoke",
    ),
    path("<int:pk>/revisions/", history.revision_list, name="article_revisions"),
    path("<int:pk>/revisions/diff/", history.revision_diff, name="article_diff"),
    path("<int:pk>/revisions/restore/", history.revision_restore, name="article_restore"),
]
