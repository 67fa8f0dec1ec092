"""Strings of the libraries we use that people meet, whose own Vietnamese catalogue lacks them.

Django REST framework's Vietnamese catalogue has 20 of its messages, django-tables2 and django-filter ship none:
the project's catalogue translates the ones a person or a feed can see. gettext_noop keeps them in
`make messages`; nothing imports this module.
"""

from django.utils.translation import gettext_noop

DJANGO_REST_FRAMEWORK = (
    gettext_noop("A server error occurred."),
    gettext_noop("Authentication credentials were not provided."),
    gettext_noop("Incorrect authentication credentials."),
    gettext_noop("Invalid token."),
    gettext_noop("Invalid token header. No credentials provided."),
    gettext_noop("Invalid token header. Token string should not contain spaces."),
    gettext_noop("Invalid token header. Token string should not contain invalid characters."),
    gettext_noop("User inactive or deleted."),
    gettext_noop("Invalid input."),
    gettext_noop("Malformed request."),
    gettext_noop("Not found."),
    gettext_noop('Unsupported media type "{media_type}" in request.'),
    gettext_noop("Could not satisfy the request Accept header."),
    gettext_noop("Request was throttled."),
    gettext_noop("Invalid page."),
)

DJANGO = (
    # ProhibitNullCharactersValidator, which every CharField of a form or a serializer has (strategy_tracker.text)
    gettext_noop("Null characters are not allowed."),
)

DJANGO_TABLES2 = (
    gettext_noop("previous"),
    gettext_noop("next"),
)

DJANGO_FILTER = (
    gettext_noop("All"),
    gettext_noop("Yes"),
    gettext_noop("No"),
    gettext_noop("Unknown"),
)
