"""`{% kept "name" made_from %}…{% endkept %}`: a part of a page rendered once per server for what it is made from,
in the active language, and read back after (the "pages" cache, through `strategy_tracker.kept`).

`made_from` must change whenever the part would: counters that every committed change of its data raises (such as
`indicators.stored.indicators_made_from`), or the data it shows as stored (`strategy_tracker.kept.rows_as_stored`),
the day, the request's parameters the part reads, and whatever of the person it shows. The view passes the part's
data as lazy objects (`SimpleLazyObject`), so that a kept part costs no query and no rendering. A part must hold
nothing that belongs to one person's session: one with a CSRF token is refused; a form inside it writes
`{% kept_csrf %}` instead of `{% csrf_token %}`, and the request's token is put in its place each time the part is
read. A view passes `strategy_tracker.kept.MADE_NOW` for a part made for one request alone (a form sent back with
its errors). As with the consolidated table's kept rows, a change made around the app and Django's ORM (SQL written
by hand, a restore while the servers run) can bring back counters seen before: stop the servers first.
"""

from __future__ import annotations

from django import template
from django.template.defaulttags import CsrfTokenNode
from django.utils.safestring import SafeString, mark_safe

from strategy_tracker.kept import MADE_NOW, AsStored, kept

register = template.Library()


class KeptPartError(template.TemplateSyntaxError):
    pass


# Where a kept part's form takes the request's CSRF token (`{% kept_csrf %}`); a comment, so that a part made from
# the template alone shows nothing.
CSRF_PLACE = "<!--kept:csrf-->"
# A CSRF token's field as Django renders it (text a person wrote is escaped, so it never reads so).
TOKEN_FIELD = 'name="csrfmiddlewaretoken"'


class KeptNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str, made_from: template.base.FilterExpression) -> None:
        self.nodelist = nodelist
        self.name = name
        self.made_from = made_from

    def render(self, context: template.Context) -> SafeString:
        def make() -> str:
            html = str(self.nodelist.render(context))
            if TOKEN_FIELD in html:
                raise KeptPartError(f"the kept part {self.name!r} holds a CSRF token, which belongs to one session")
            return html

        made_from = self.made_from.resolve(context)
        if made_from is None or made_from == "":
            raise KeptPartError(f"the kept part {self.name!r} is given nothing it is made from")
        if made_from is MADE_NOW:
            html = make()
        elif isinstance(made_from, AsStored):
            html = kept("pages", (self.name, made_from.value), make, still=made_from.unchanged)
        else:
            html = kept("pages", (self.name, made_from), make)
        if CSRF_PLACE in html:
            html = html.replace(CSRF_PLACE, CsrfTokenNode().render(context))
        return mark_safe(html)  # noqa: S308  # rendered by the template, and the token by Django's tag


@register.tag("kept")
def do_kept(parser: template.base.Parser, token: template.base.Token) -> KeptNode:
    bits = token.split_contents()
    if len(bits) != 3 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError('usage: {% kept "name" made_from %}…{% endkept %}')
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, bits[1][1:-1], parser.compile_filter(bits[2]))


@register.simple_tag
def kept_csrf() -> SafeString:
    """`{% csrf_token %}` inside a kept part: the request's token is put here when the part is read."""
    return mark_safe(CSRF_PLACE)  # noqa: S308  # a constant
