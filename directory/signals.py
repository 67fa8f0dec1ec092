"""A membership saved by anything but a directory sign-in (the admin, a shell, a command) is a role given by hand:
the person's next sign-in keeps it, whatever their groups say."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from indicators.models import Membership

FROM_DIRECTORY = "_from_directory"  # set on the instance by directory.services before it saves


@receiver(post_save, sender=Membership, dispatch_uid="directory-role-given-by-hand")
def _given_by_hand(sender, instance: Membership, raw: bool = False, **kwargs) -> None:
    if getattr(instance, FROM_DIRECTORY, False):
        return
    from directory.models import DirectoryAccount

    DirectoryAccount.objects.filter(user_id=instance.user_id, role_from_directory=True).update(
        role_from_directory=False
    )
