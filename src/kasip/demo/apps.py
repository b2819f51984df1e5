from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "kasip.demo"
    label = "demo"
    verbose_name = "Demo"
