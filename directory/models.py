"""Directory sign-in: which directory group gives which role, the people who sign in through a directory, and the
record of every role a sign-in gave or took away."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from directory.roles import Grant, normalise_group
from indicators.models import Membership, Unit


class Source(models.TextChoices):
    LDAP = "ldap", _("LDAP / Active Directory")
    OIDC = "oidc", _("Single sign-on (OpenID Connect)")


class DirectoryGroupRoleQuerySet(models.QuerySet["DirectoryGroupRole"]):
    def grants(self) -> dict[str, Grant]:
        """Every mapping as {normalised group: grant} (one query, the unit's key read with it)."""
        return {row.group: row.grant for row in self.select_related("unit")}


class DirectoryGroupRole(models.Model):
    """A directory group (an LDAP group's DN, or a value of the OpenID Connect groups claim) and the role it
    gives; a reporter's mapping names the unit. Kept beside LDAP_GROUP_ROLES, and read before it."""

    group = models.CharField(
        _("directory group"),
        max_length=500,
        unique=True,
        help_text=_(
            "The LDAP group's DN (cn=kts-reviewers,ou=groups,dc=mic,dc=gov,dc=vn) or the OpenID Connect claim value."
        ),
    )
    role = models.CharField(_("role"), max_length=10, choices=Membership.Role.choices)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="directory_groups",
        help_text=_("For reporters: the unit they report for."),
    )
    history = HistoricalRecords()

    objects = DirectoryGroupRoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("directory group role")
        verbose_name_plural = _("directory group roles")
        ordering = ["group"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(role="reporter") & Q(unit__isnull=False)) | (~Q(role="reporter") & Q(unit__isnull=True)),
                name="directorygrouprole_unit_for_reporters_only",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} → {self.grant}"

    def save(self, *args, **kwargs) -> None:
        self.group = normalise_group(self.group)
        super().save(*args, **kwargs)

    @property
    def grant(self) -> Grant:
        return Grant(self.role, self.unit.slug if self.role == Membership.Role.REPORTER and self.unit else None)

    def clean(self) -> None:
        self.group = normalise_group(self.group or "")
        if self.role == Membership.Role.REPORTER and self.unit_id is None:
            raise ValidationError({"unit": _("A reporter's group names the unit they report for.")})
        if self.role != Membership.Role.REPORTER and self.unit_id is not None:
            raise ValidationError({"unit": _("Only a reporter's group names a unit.")})


class DirectoryAccount(models.Model):
    """A person who signs in through a directory: their password is the directory's (the tracker keeps none), and
    their role follows their groups at every sign-in unless an administrator gave it by hand
    (`role_from_directory` off: then the sign-in never changes it)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="directory_account"
    )
    source = models.CharField(_("source"), max_length=4, choices=Source.choices)
    identifier = models.CharField(
        _("directory identifier"), max_length=500, help_text=_("The LDAP DN or the OpenID Connect subject.")
    )
    groups = models.JSONField(_("groups at the last sign-in"), default=list, blank=True)
    role_from_directory = models.BooleanField(_("role from the directory"), default=False)
    signed_in_at = models.DateTimeField(_("last directory sign-in"), null=True, blank=True)

    class Meta:
        verbose_name = _("directory account")
        verbose_name_plural = _("directory accounts")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_source_display()})"


class RoleChange(models.Model):
    """A role a directory sign-in gave, changed or took away: who, when, through which directory, from which
    groups, the role before and after (blank: none)."""

    class Reason(models.TextChoices):
        GROUPS = "groups", _("the groups at sign-in")
        DISABLED = "disabled", _("disabled in the directory")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="directory_role_changes",
    )
    changed_at = models.DateTimeField(_("changed at"))
    source = models.CharField(_("source"), max_length=4, choices=Source.choices)
    groups = models.JSONField(_("groups"), default=list, blank=True)
    role_before = models.CharField(_("role before"), max_length=10, choices=Membership.Role.choices, blank=True)
    unit_before = models.ForeignKey(
        Unit, verbose_name=_("unit before"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    role_after = models.CharField(_("role after"), max_length=10, choices=Membership.Role.choices, blank=True)
    unit_after = models.ForeignKey(
        Unit, verbose_name=_("unit after"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)

    class Meta:
        verbose_name = _("role change from the directory")
        verbose_name_plural = _("role changes from the directory")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.user}: {self.role_before or '—'} → {self.role_after or '—'}"
