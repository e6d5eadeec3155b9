from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from khabar.newsroom import (
    api_keys,
    audit,
    blocklist,
    comments,
    editions,
    keywords,
    language,
    people,
    photos,
    sections,
    submissions,
    urls_articles,
    views,
)

app_name = "newsroom"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("articles/", include(urls_articles.urlpatterns)),
    path("language/", language.language_switch, name="language"),
    path(
        "login/",
        views.language_of_request(
            auth_views.LoginView.as_view(
                template_name="newsroom/login.html", redirect_authenticated_user=True
            )
        ),
        name="login",
    ),
    path("comments/", comments.comment_queue, name="comments"),
    path("comments/act", comments.comment_act, name="comments_act"),
    path("comments/<int:pk>/", comments.comment_detail, name="comment"),
    path(
        "articles/<int:pk>/close-comments",
        comments.article_comments_close,
        name="article_comments_close",
    ),
    path("blocklist/", blocklist.blocklist, name="blocklist"),
    path(
        "blocklist/<str:kind>/<int:pk>/remove/",
        blocklist.blocklist_remove,
        name="blocklist_remove",
    ),
    path(
        "logout/",
        auth_views.LogoutView.as_view(next_page=reverse_lazy("newsroom:login")),
        name="logout",
    ),
    path("people/", people.people_list, name="people"),
    path("people/new/", people.person_create, name="person_create"),
    path("people/<int:user_id>/", people.person_detail, name="person"),
    path("people/<int:user_id>/remove-role/", people.person_role_remove, name="person_role_remove"),
    path("people/<int:user_id>/deactivate/", people.person_deactivate, name="person_deactivate"),
    path("people/<int:user_id>/reactivate/", people.person_reactivate, name="person_reactivate"),
    path("audit/", audit.audit_log, name="audit"),
    path("submissions/", submissions.submission_inbox, name="submissions"),
    path("submissions/<int:pk>/", submissions.submission_detail, name="submission"),
    path("submissions/<int:pk>/status", submissions.submission_status, name="submission_status"),
    path("submissions/<int:pk>/draft", submissions.submission_draft, name="submission_draft"),
    path("submissions/files/<int:pk>", submissions.submission_file, name="submission_file"),
    path("photos/", photos.photo_library, name="photos"),
    path("photos/upload/", photos.photo_upload, name="photo_upload"),
    path("photos/pick/", photos.photo_pick, name="photo_pick"),
    path("photos/<int:pk>/", photos.photo_edit, name="photo"),
    path("photos/<int:pk>/original", photos.photo_original, name="photo_original"),
    path("articles/<int:pk>/photo", photos.article_photo, name="article_photo"),
    path("api-keys/", api_keys.api_key_list, name="api_keys"),
    path("api-keys/<int:key_id>/revoke/", api_keys.api_key_revoke, name="api_key_revoke"),
    path("sections/", sections.section_list, name="sections"),
    path("sections/<int:section_id>/", sections.section_edit, name="section"),
    path("sections/<int:section_id>/delete/", sections.section_remove, name="section_delete"),
    path("keywords/", keywords.keyword_list, name="keywords"),
    path("keywords/autocomplete", keywords.keyword_autocomplete, name="keyword_autocomplete"),
    path("keywords/<int:keyword_id>/", keywords.keyword_edit, name="keyword"),
    path("editions/", editions.edition_list, name="editions"),
    path("editions/<slug:code>/", editions.edition_edit, name="edition"),
]
