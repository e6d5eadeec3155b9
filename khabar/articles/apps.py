from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "khabar.articles"
    label = "articles"

    def ready(self) -> None:
        from khabar.articles import receivers
        from khabar.editions import events

        events.edition_display_changing.connect(receivers.edition_display_changing)
        events.section_display_changing.connect(receivers.section_display_changing)
