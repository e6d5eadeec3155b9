from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "khabar.articles"
    label = "articles"

    def ready(self) -> None:
        from khabar.articles import receivers
        from khabar.editions import events
        from khabar.photos import events as photo_events

        events.edition_display_changing.connect(receivers.edition_display_changing)
        events.section_display_changing.connect(receivers.section_display_changing)
        photo_events.photo_changed.connect(receivers.photo_changed)
