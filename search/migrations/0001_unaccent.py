"""PostgreSQL's `unaccent` extension, which the search reads each field through (“kinh te so” finds “kinh tế số”).
Made only on PostgreSQL: on SQLite the operation does nothing (Django's CreateExtension), and the search folds the
text in Python. A trusted extension: the database's owner may create it, no superuser needed."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    initial = True
    dependencies: list[tuple[str, str]] = []
    operations = [UnaccentExtension()]
