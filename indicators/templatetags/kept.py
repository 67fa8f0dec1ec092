"""`{% kept "name" made_from %}…{% endkept %}`: a part of a page rendered once per server for what it is made from,
in the active language, and read back after (the "pages" cache, through `strategy_tracker.kept`).

`made_from` must change whenever the part would: counters that every committed change of its data raises (such as
`indicators.stored.indicators_made_from`), the day, the request's parameters the part reads, and whatever of the
person it shows. The view passes the part's data as lazy objects (`SimpleLazyObject`), so that a kept part costs
no query and no rendering. A part must hold nothing that belongs to one person's session: one with a CSRF token is
refused. As with the consolidated table's kept rows, a change made around the app and Django's ORM (SQL written by
hand, a restore while the servers run) can bring back counters seen before: stop the servers first.
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from strategy_tracker.kept import kept

register = template.Library()


class KeptPartError(template.TemplateSyntaxError):
    pass


class KeptNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str, made_from: template.base.FilterExpression) -> None:
        self.nodelist = nodelist
        self.name = name
        self.made_from = made_from

    def render(self, context: template.Context) -> SafeString:
        def make() -> str:
            html = str(self.nodelist.render(context))
            if "csrfmiddlewaretoken" in html:
                raise KeptPartError(f"the kept part {self.name!r} holds a CSRF token, which belongs to one session")
            return html

        made_from = self.made_from.resolve(context)
        if made_from in (None, ""):
            raise KeptPartError(f"the kept part {self.name!r} is given nothing it is made from")
        return mark_safe(kept("pages", (self.name, made_from), make))  # noqa: S308  # rendered by the template


@register.tag("kept")
def do_kept(parser: template.base.Parser, token: template.base.Token) -> KeptNode:
    bits = token.split_contents()
    if len(bits) != 3 or bits[1][0] not in "\"'" or bits[1][-1] != bits[1][0]:
        raise template.TemplateSyntaxError('usage: {% kept "name" made_from %}…{% endkept %}')
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, bits[1][1:-1], parser.compile_filter(bits[2]))
