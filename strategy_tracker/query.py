"""The API's query parameters read strictly: a value that is not one the schema allows answers 400 with a message
by parameter (`{"page_size": ["…"]}`), as a body's fields do, rather than being ignored (`?overdue=-35347` once
returned every task, `?page_size=abc` the first 50)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

TRUE, FALSE = ("true", "1"), ("false", "0")
WRITE_TRUE_OR_FALSE = _("Write %(name)s as true or false.")
WRITE_WHOLE_NUMBER = _("Write %(name)s as a whole number from %(minimum)d to %(maximum)d.")
WRITE_WHOLE_NUMBER_FROM = _("Write %(name)s as a whole number from %(minimum)d on.")
ONCE = _("Give %(name)s once.")
EMPTY = _("Give %(name)s a value, or leave it out.")


def refuse(name: str, message: str) -> ValidationError:
    return ValidationError({name: [message]})


def _problem(request: Request, name: str) -> str | None:
    """Why the parameter cannot be read (given twice, or empty), or None."""
    values = request.query_params.getlist(name)
    if len(values) > 1:
        return ONCE % {"name": name}
    if values and not values[0].strip():
        return EMPTY % {"name": name}
    return None


def _one(request: Request, name: str) -> str | None:
    """The parameter's value, None when it is not given; refused when given twice or empty."""
    problem = _problem(request, name)
    if problem is not None:
        raise refuse(name, problem)
    return request.query_params.get(name)


def text(request: Request, name: str) -> str | None:
    """A text parameter, stripped; None when absent."""
    raw = _one(request, name)
    return None if raw is None else raw.strip()


def flag(request: Request, name: str) -> bool:
    """A true/false parameter (`true`, `false`, `1`, `0`; absent: false)."""
    raw = _one(request, name)
    if raw is None:
        return False
    text = raw.strip().lower()
    if text in TRUE or text in FALSE:
        return text in TRUE
    raise refuse(name, WRITE_TRUE_OR_FALSE % {"name": name})


def whole_number(request: Request, name: str, *, minimum: int, maximum: int | None = None) -> int | None:
    """A whole number from `minimum` (up to `maximum`); None when absent."""
    raw = _one(request, name)
    if raw is None:
        return None
    text = raw.strip()
    if text.isascii() and text.isdigit():
        # Any whole number is one (a page past the last is the paginator's 404); past 18 digits it is read as
        # 10**18, which no limit reaches and which Python converts without its 4 300-digit guard.
        number = int(text) if len(text) <= 18 else 10**18
        if number >= minimum and (maximum is None or number <= maximum):
            return number
    if maximum is None:
        raise refuse(name, WRITE_WHOLE_NUMBER_FROM % {"name": name, "minimum": minimum})
    raise refuse(name, WRITE_WHOLE_NUMBER % {"name": name, "minimum": minimum, "maximum": maximum})


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter's backend for the API's lists, each filter given once and with a value, as the schema says:
    the page's form sends its empty fields, a client that sends `?status=` means something it did not say."""

    def get_filterset_kwargs(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        names = filterset_class.base_filters if filterset_class is not None else ()
        refused = {name: [problem] for name in names if (problem := _problem(request, name)) is not None}
        if refused:
            raise ValidationError(refused)
        return super().get_filterset_kwargs(request, queryset, view)


def _checked(value) -> bool:
    return str(value).strip().lower() in (*TRUE, "on")


class RawCheckboxInput(forms.CheckboxInput):
    """A checkbox whose value reaches its field as sent: CheckboxInput reads any text but "false" as ticked."""

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs, check_test=_checked)

    def value_from_datadict(self, data, files, name):
        return data.get(name)


class StrictBooleanField(forms.Field):
    """A filter's yes/no as a page's checkbox sends it (`on`) or as the API's schema writes it (`true`, `false`,
    `1`, `0`); empty or absent: no filter (None). Anything else is refused, not read as true."""

    widget = RawCheckboxInput
    default_error_messages = {"invalid": _("Write true or false.")}

    def to_python(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if _checked(text):
            return True
        if text in FALSE:
            return False
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")

    def validate(self, value) -> None:
        """None (no filter) is always allowed."""
