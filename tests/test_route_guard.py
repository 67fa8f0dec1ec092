"""Every route of the URLconf is guarded, and this test proves it by walking the URLconf.

ROUTES is the role table: for every URL pattern, the method to call it with and what each person gets. A pattern
with no rule fails the suite (`test_every_route_has_a_rule`): whoever adds a route adds its rule here, and says
who may reach it. Statuses: LOGIN is a redirect to the login page (ADMIN_LOGIN to the admin's), 401 the API's
"who are you", 403 refused; anything else is what a permitted person gets for the example URL (200, 302 after a
post, 400 for an empty post, 404 for an example object that does not exist).

The people: anonymous; an account without a role (made with createsuperuser, say, before an administrator gives
it one); a reporter of Cục Viễn thông (cvt); a reporter of Trung tâm NEAC (neac, another unit); a reviewer of Vụ
KTS và XHS; a leader; an administrator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from plans.models import Task

pytestmark = pytest.mark.django_db

PEOPLE = ("anonymous", "no_role", "cvt", "neac", "reviewer", "leader", "admin")
LOGIN = "login"
ADMIN_LOGIN = "admin-login"


@dataclass(frozen=True)
class Rule:
    method: str
    url: str  # the example; {task} is a task of Cục Viễn thông (not of NEAC)
    expect: dict[str, int | str] = field(default_factory=dict)


def page(method="GET", url="", *, default: int | str = 200, **who) -> Rule:
    """A page: anonymous → login page; no role → 403; everyone else `default` unless named."""
    expect = {"anonymous": LOGIN, "no_role": 403} | dict.fromkeys(PEOPLE[2:], default) | who
    return Rule(method, url, expect)


def api(method="GET", url="", *, default: int | str = 200, **who) -> Rule:
    """An API route: anonymous → 401; no role → 403; everyone else `default` unless named."""
    expect = {"anonymous": 401, "no_role": 403} | dict.fromkeys(PEOPLE[2:], default) | who
    return Rule(method, url, expect)


def public(method="GET", url="", status: int | str = 200) -> Rule:
    return Rule(method, url, dict.fromkeys(PEOPLE, status))


SUBMISSION = "/submissions/cuc-vt/2026Q4/"
ROUTES: dict[str, Rule] = {
    # indicators
    "": page(url="/"),
    "indicators/<code:code>/": page(url="/indicators/2.5/"),
    # an indicator's figures by commune: whoever reads the indicator's page
    "indicators/<code:code>/communes/": page(url="/indicators/2.5/communes/"),
    # only a reviewer of Vụ KTS và XHS proposes a target change
    "indicators/<code:code>/proposals/new/": page(url="/indicators/2.5/proposals/new/", default=403, reviewer=200),
    # only leadership decides (the example proposal does not exist: 404 for the leader, refused for the rest)
    "proposals/<int:pk>/decide/": page("POST", "/proposals/999999/decide/", default=403, leader=404),
    # submissions: a reporter reads and edits her own unit's; reviewers, leaders and administrators read all
    "submissions/": page(url="/submissions/", cvt=302, neac=302),  # a reporter is sent to her unit's page
    "submissions/<slug:unit_slug>/": page(url="/submissions/cuc-vt/", neac=403),
    "submissions/<slug:unit_slug>/<period:period>/": page(url=SUBMISSION, neac=403),
    # reviewers and administrators return, accept, reopen (the example quarter has no submission yet: 404)
    "submissions/<slug:unit_slug>/<period:period>/return/": page(
        "POST", SUBMISSION + "return/", default=403, reviewer=404, admin=404
    ),
    "submissions/<slug:unit_slug>/<period:period>/accept/": page(
        "POST", SUBMISSION + "accept/", default=403, reviewer=404, admin=404
    ),
    "submissions/<slug:unit_slug>/<period:period>/reopen/": page(
        "POST", SUBMISSION + "reopen/", default=403, reviewer=404, admin=404
    ),
    # only a reviewer reminds a unit's reporters (the example quarter is still due for Cục Viễn thông: sent)
    "submissions/<slug:unit_slug>/<period:period>/remind/": page(
        "POST", SUBMISSION + "remind/", default=403, reviewer=302
    ),
    "submissions/<slug:unit_slug>/<period:period>/form.xlsx": page(url=SUBMISSION + "form.xlsx", neac=403),
    # the Excel upload: the unit's own reporters only
    "submissions/<slug:unit_slug>/<period:period>/import/": page(url=SUBMISSION + "import/", default=403, cvt=200),
    "submissions/<slug:unit_slug>/<period:period>/import/confirm/": page(
        "POST", SUBMISSION + "import/confirm/", default=403, cvt=302
    ),
    # notifications: each person reads and marks their own (another's, as one that does not exist: 404)
    "notifications/": page(url="/notifications/"),
    "notifications/<int:pk>/open/": page("POST", "/notifications/999999/open/", default=404),
    "notifications/<int:pk>/read/": page("POST", "/notifications/999999/read/", default=404),
    "notifications/read/": page("POST", "/notifications/read/", default=302),
    # search: every member searches; the results are links the person may open (tests/search)
    "search/": page(url="/search/?q=kinh+te+so"),
    "search/suggestions.json": page(url="/search/suggestions.json?q=kinh+te+so"),
    # action-plan tasks: every member reads; an implementing unit's reporter records progress
    "tasks/": page(url="/tasks/"),
    "tasks/mine/": page(url="/tasks/mine/", reviewer=302, leader=302, admin=302),
    "tasks/<int:pk>/": page(url="/tasks/{task}/"),
    "tasks/<int:pk>/progress/": page("POST", "/tasks/{task}/progress/", default=403, cvt=400),  # an empty form
    # accounts
    "accounts/login/": public(url="/accounts/login/"),
    "accounts/logout/": public("POST", "/accounts/logout/", LOGIN),  # back to the login page
    "accounts/password/": Rule("GET", "/accounts/password/", {"anonymous": LOGIN} | dict.fromkeys(PEOPLE[1:], 200)),
    "accounts/password/done/": Rule(
        "GET", "/accounts/password/done/", {"anonymous": LOGIN} | dict.fromkeys(PEOPLE[1:], 200)
    ),
    # the consolidated quarter: reviewers, leadership and administrators read it; reporters are refused; only a
    # reviewer consolidates (the example version does not exist: 404 for those who may read)
    "reports/": page(url="/reports/", default=302, cvt=403, neac=403),
    "reports/<period:period>/": page(url="/reports/2026Q4/", cvt=403, neac=403),
    # a year's table and files: the same people as a quarter's (the example year has begun)
    "reports/<int:year>/": page(url="/reports/2026/", cvt=403, neac=403),
    "reports/<int:year>/table.xlsx": page(url="/reports/2026/table.xlsx", cvt=403, neac=403),
    "reports/<int:year>/table.csv": page(url="/reports/2026/table.csv", cvt=403, neac=403),
    "reports/<int:year>/table.schema.json": page(url="/reports/2026/table.schema.json", cvt=403, neac=403),
    "reports/<period:period>/consolidate/": page("POST", "/reports/2026Q4/consolidate/", default=403, reviewer=302),
    "reports/<period:period>/report/": page(url="/reports/2026Q4/report/", cvt=403, neac=403),
    "reports/<period:period>/table.xlsx": page(url="/reports/2026Q4/table.xlsx", cvt=403, neac=403),
    "reports/<period:period>/table.csv": page(url="/reports/2026Q4/table.csv", cvt=403, neac=403),
    "reports/<period:period>/table.schema.json": page(url="/reports/2026Q4/table.schema.json", cvt=403, neac=403),
    "reports/<period:period>/report.docx": page(url="/reports/2026Q4/report.docx", cvt=403, neac=403),
    "reports/<period:period>/v<int:version>/report/": page(
        url="/reports/2026Q4/v9/report/", default=404, cvt=403, neac=403
    ),
    "reports/<period:period>/v<int:version>/table.xlsx": page(
        url="/reports/2026Q4/v9/table.xlsx", default=404, cvt=403, neac=403
    ),
    "reports/<period:period>/v<int:version>/table.csv": page(
        url="/reports/2026Q4/v9/table.csv", default=404, cvt=403, neac=403
    ),
    "reports/<period:period>/v<int:version>/table.schema.json": page(
        url="/reports/2026Q4/v9/table.schema.json", default=404, cvt=403, neac=403
    ),
    "reports/<period:period>/v<int:version>/report.docx": page(
        url="/reports/2026Q4/v9/report.docx", default=404, cvt=403, neac=403
    ),
    # the leadership dashboard: every person with a role reads it (a reporter's heatmap shows her unit only)
    "dashboard/": page(url="/dashboard/"),
    "dashboard/briefing/": page(url="/dashboard/briefing/"),
    # released figures: the public pages and open data need no login (nothing is published in the example: the
    # lists are empty, an indicator or a quarter with nothing published is 404)
    "public/": public(url="/public/"),
    "public/releases/": public(url="/public/releases/"),
    "public/data.csv": public(url="/public/data.csv"),
    "public/data.xlsx": public(url="/public/data.xlsx"),
    "public/datapackage.json": public(url="/public/datapackage.json"),
    "public/data.json": public(url="/public/data.json"),
    "public/data/<str:period>.csv": public(url="/public/data/2026Q4.csv", status=404),
    "public/data/<str:period>.xlsx": public(url="/public/data/2026Q4.xlsx", status=404),
    "public/indicators/<code:code>/": public(url="/public/indicators/1.1/", status=404),
    "public/indicators/<code:code>/data.csv": public(url="/public/indicators/1.1/data.csv", status=404),
    "public/indicators/<code:code>/data.xlsx": public(url="/public/indicators/1.1/data.xlsx", status=404),
    "public/indicators/<code:code>/metadata.json": public(url="/public/indicators/1.1/metadata.json", status=404),
    "public/plotly-<str:version>.min.js": public(url="/public/plotly-0.0.0.min.js", status=404),
    "public/language/<str:code>/": public(url="/public/language/en/", status=302),
    # the release workflow: a reviewer proposes, leadership approves or rejects, either withdraws; reporters never
    # the next period's target round: reviewers, leadership and administrators read it; reporters are refused
    "targets/next-period/": page(url="/targets/next-period/", cvt=403, neac=403),
    # (those who read rounds learn that the example does not exist before their right to act is checked)
    "targets/rounds/<int:pk>/": page(url="/targets/rounds/999999/", default=404, cvt=403, neac=403),
    "targets/rounds/<int:pk>/round.xlsx": page(url="/targets/rounds/999999/round.xlsx", default=404, cvt=403, neac=403),
    "targets/rounds/<int:pk>/round.docx": page(url="/targets/rounds/999999/round.docx", default=404, cvt=403, neac=403),
    "targets/rounds/<int:pk>/decide/": page("POST", "/targets/rounds/999999/decide/", default=404, cvt=403, neac=403),
    "targets/rounds/<int:pk>/items/<int:item_pk>/revise/": page(
        "POST", "/targets/rounds/999999/items/1/revise/", default=404, cvt=403, neac=403
    ),
    # figures of record from a published source: reviewers only (an empty upload: 400; no checked file: back)
    "targets/figures/": page(url="/targets/figures/", default=403, reviewer=200),
    "targets/figures/template.xlsx": page(url="/targets/figures/template.xlsx", default=403, reviewer=200),
    "targets/figures/upload/": page("POST", "/targets/figures/upload/", default=403, reviewer=400),
    "targets/figures/confirm/": page("POST", "/targets/figures/confirm/", default=403, reviewer=302),
    "releases/": page(url="/releases/", cvt=403, neac=403),
    "releases/new/": page(url="/releases/new/", default=403, reviewer=200),
    "releases/<int:pk>/": page(url="/releases/999999/", default=404, cvt=403, neac=403),
    # (those who read releases learn that the example does not exist before their right to act is checked)
    "releases/<int:pk>/approve/": page("POST", "/releases/999999/approve/", default=404, cvt=403, neac=403),
    "releases/<int:pk>/reject/": page("POST", "/releases/999999/reject/", default=404, cvt=403, neac=403),
    "releases/<int:pk>/withdraw/": page("POST", "/releases/999999/withdraw/", default=404, cvt=403, neac=403),
    "healthz": public(url="/healthz"),
    "favicon.ico": public(url="/favicon.ico"),
    "i18n/setlang/": public("POST", "/i18n/setlang/", 302),
    # API
    "api/v1/observations/": api("POST", "/api/v1/observations/", default=403, cvt=400, neac=400),
    "api/v1/submissions/<slug:unit_slug>/<str:period_code>/import/": api(
        "POST",
        "/api/v1/submissions/cuc-vt/2026Q4/import/",
        default=403,
        cvt=415,  # JSON is not a workbook
    ),
    "api/v1/submissions/<slug:unit_slug>/<str:period_code>/": api(url="/api/v1/submissions/cuc-vt/2026Q4/", neac=403),
    "api/v1/submissions/": api(url="/api/v1/submissions/?period=2026Q4"),
    "api/v1/^indicators/$": api(url="/api/v1/indicators/"),
    "api/v1/^indicators/(?P<code>[^/]+)/$": api(url="/api/v1/indicators/2.5/"),
    "api/v1/^tasks/$": api(url="/api/v1/tasks/"),
    "api/v1/^tasks/(?P<pk>[^/.]+)/$": api(url="/api/v1/tasks/{task}/"),
    "api/v1/provinces/": api(url="/api/v1/provinces/"),
    "provinces/": page(url="/provinces/"),
    "provinces/heatmap/": page(url="/provinces/heatmap/"),
    "api/v1/indicators/<str:code>/figures/": api(url="/api/v1/indicators/2.1/figures/?province=01"),
    "api/v1/schema/": api(url="/api/v1/schema/"),
    "api/v1/reports/<str:period_code>/": api(url="/api/v1/reports/2026Q4/", cvt=403, neac=403),
    "api/v1/target-rounds/": api(url="/api/v1/target-rounds/", cvt=403, neac=403),
    "api/v1/target-rounds/<int:pk>/": api(url="/api/v1/target-rounds/999999/", default=404, cvt=403, neac=403),
}

# The admin: every pattern under admin/ is refused to anonymous visitors (sent to the admin's login page),
# except the login page itself; the people with a role but no staff flag are refused its index and its lists.
ADMIN_PUBLIC = {"admin/login/": public(url="/admin/login/"), "admin/logout/": public("POST", "/admin/logout/", 302)}
ADMIN_EXAMPLES = {"object_id": "1", "app_label": "indicators", "content_type_id": "1", "url": "x/"}


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        else:
            assert isinstance(entry, URLPattern)
            yield prefix + str(entry.pattern)


def all_routes() -> list[str]:
    return list(_walk(get_resolver().url_patterns))


def test_every_route_has_a_rule():
    missing = [r for r in all_routes() if r not in ROUTES and not r.startswith("admin/")]
    assert not missing, (
        "Routes without a rule in tests/test_route_guard.py ROUTES (say who may reach them): " + ", ".join(missing)
    )
    stale = [r for r in ROUTES if r not in all_routes()]
    assert not stale, f"Rules for routes that no longer exist: {stale}"


def _people() -> dict[str, object]:
    nobody = get_user_model().objects.create_user("charlie", password="x")  # an account without a role
    return {"anonymous": None, "no_role": nobody} | {
        name: get_user_model().objects.get(username=name) for name in ("cvt", "neac", "reviewer", "leader", "admin")
    }


def _client(person) -> Client:
    """A fresh client per call: logging out (a route too) must not change the next call."""
    client = Client()
    if person is not None:
        client.force_login(person)
    return client


def _call(client: Client, method: str, url: str):
    if url.startswith("/api/") and method == "POST":
        return client.post(url, "{}", content_type="application/json")
    return client.generic(method, url)


def _outcome(response) -> int | str:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/admin/login/"):
            return ADMIN_LOGIN
        if location.startswith("/accounts/login/"):
            return LOGIN
    return response.status_code


def test_each_person_gets_exactly_what_the_role_table_allows():
    task = Task.objects.filter(units__slug="cuc-vt").exclude(units__slug="neac").order_by("pk").first()
    people = _people()
    wrong = []
    for rule in ROUTES.values():
        url = rule.url.format(task=task.pk)
        for person in PEOPLE:
            got = _outcome(_call(_client(people[person]), rule.method, url))
            if got != rule.expect[person]:
                wrong.append(f"{rule.method} {url} as {person}: expected {rule.expect[person]}, got {got}")
    assert not wrong, "\n".join(wrong)


def _admin_example(route: str) -> str:
    url = "/" + route
    url = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: ADMIN_EXAMPLES.get(m.group(1), "1"), url)
    url = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: ADMIN_EXAMPLES.get(m.group(1), "1"), url)
    return url.replace("^", "").replace("$", "")


def test_an_anonymous_visitor_is_refused_every_admin_route():
    routes = [r for r in all_routes() if r.startswith("admin/")]
    assert len(routes) > 50
    anonymous = Client()
    wrong = []
    for route in routes:
        if route in ADMIN_PUBLIC:
            rule = ADMIN_PUBLIC[route]
            got = _outcome(_call(anonymous, rule.method, rule.url))
            if got != rule.expect["anonymous"]:
                wrong.append(f"{route}: got {got}")
            continue
        url = _admin_example(route)
        got = _outcome(anonymous.get(url))
        if got != ADMIN_LOGIN:
            wrong.append(f"{url} ({route}): got {got}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("url", ["/admin/", "/admin/indicators/target/", "/admin/knox/authtoken/"])
def test_only_administrators_enter_the_admin(url):
    got = {name: _outcome(_client(person).get(url)) for name, person in _people().items()}
    assert got == dict.fromkeys(PEOPLE[:-1], ADMIN_LOGIN) | {"admin": 200}
