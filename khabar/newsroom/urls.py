from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from khabar.newsroom import comments, views

app_name = "newsroom"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
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
    path(
        "logout/",
        auth_views.LogoutView.as_view(next_page=reverse_lazy("newsroom:login")),
        name="logout",
    ),
]
