from __future__ import annotations

from django.contrib.auth.models import User
from django.test import Client

from khabar.articles.models import Article


def test_staff_can_browse_the_archive_but_not_edit_it_in_the_admin(
    client: Client, sample_article: Article
) -> None:
    client.force_login(User.objects.create_superuser("editor", "e@example.com", "x"))
    listing = client.get("/newsroom/admin/articles/article/")
    assert listing.status_code == 200
    assert str(sample_article.code) in listing.content.decode()
    assert client.get("/newsroom/admin/articles/article/add/").status_code == 403
    detail = client.get(f"/newsroom/admin/articles/article/{sample_article.pk}/change/")
    assert detail.status_code == 200
    assert "_save" not in detail.content.decode()  # no save button, only the log-out one
