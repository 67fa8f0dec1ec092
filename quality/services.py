"""Writes of the data-quality app."""

from __future__ import annotations

from django.db import transaction

from quality.defaults import DEFAULT_RULES
from quality.models import Rule


@transaction.atomic
def rules_seed(*, rule_model=Rule) -> int:
    """Create the default rule of each kind that has none (an administrator's edits and switched-off rules stay).
    Returns how many were created. `rule_model` is the historical model in a data migration."""
    present = set(rule_model.objects.values_list("kind", flat=True))
    missing = [rule_model(**rule) for rule in DEFAULT_RULES if rule["kind"] not in present]
    for rule in missing:
        rule.save()
    return len(missing)
