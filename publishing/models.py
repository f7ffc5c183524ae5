from django.db import models


class ContentImport(models.Model):
    """What ``import_content`` last wrote for one guide.

    The snapshot is the guide as exported right after that import: a field
    whose value in the database no longer matches it was edited since, in the
    admin, and an import does not overwrite it without ``--force``.
    """

    slug = models.SlugField(max_length=200, unique=True)
    source = models.CharField(max_length=300)
    fingerprint = models.CharField(max_length=64)
    snapshot = models.JSONField()
    imported_at = models.DateTimeField()

    class Meta:
        verbose_name = "content import"

    def __str__(self) -> str:
        return f"{self.slug} from {self.source}"
