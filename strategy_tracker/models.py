from django.db import models


class DataVersion(models.Model):
    """One area's version (`strategy_tracker.versions`): raised by database triggers with every committed change of
    the area's tables, read by the caches that keep what is made from them. Never written by the app."""

    area = models.CharField(max_length=20, primary_key=True)
    version = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.area} {self.version}"
