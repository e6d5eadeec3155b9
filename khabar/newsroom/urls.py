from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy

from khabar.newsroom import urls_articles, views

app_name = "newsroom"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("articles/", include(urls_articles.urlpatterns)),
    path(
        "login/",
        views.language_of_request(
            auth_views.LoginView.as_view(
                template_name="newsroom/login.html", redirect_authenticated_user=True
            )
        ),
        name="login",
    ),
    path(
        "logout/",
        auth_views.LogoutView.as_view(next_page=reverse_lazy("newsroom:login")),
        name="logout",
    ),
]
