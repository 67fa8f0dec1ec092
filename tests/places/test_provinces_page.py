"""/provinces/: each province's progress on each indicator provinces report, judged by the method against the
indicator's goals, as a heatmap and a table; a fixed number of queries; to every role and nobody else."""

from decimal import Decimal

import pytest

from indicators.explanations import flag_label
from indicators.models import Indicator, Observation
from indicators.progress import Flag
from places.models import Province

pytestmark = pytest.mark.django_db


def _figure(code: str, province: int, year: int, value: str) -> None:
    Observation.objects.create(
        indicator=Indicator.objects.get(code=code),
        year=year,
        value=Decimal(value),
        source="Sở KHCN",
        province=Province.objects.current().get(code=province),
    )


def _cells(html: str, province: str) -> list[str]:
    table = html.split('id="province-flags"', 1)[1].split("</table>", 1)[0]
    row = next(r for r in table.split("<tr>") if f'scope="row">{province}<' in r)
    return [cell.split("</td>")[0] for cell in row.split("<td>")[1:]]


def test_each_province_is_flagged_on_each_indicator_it_has_figures_for(client_for, leader):
    _figure("2.1", 1, 2023, "80")
    _figure("2.1", 1, 2024, "90")
    _figure("2.1", 1, 2025, "96")  # past the 2030 goal (95%) already
    _figure("1.2", 79, 2024, "12")
    html = client_for(leader).get("/provinces/").content.decode()
    head = html.split('id="province-flags"', 1)[1].split("</thead>", 1)[0]
    assert head.index(">1.2<") < head.index(">2.1<")
    assert _cells(html, "Thành phố Hà Nội")[0] == "—"
    assert (
        "flag-target_met" in _cells(html, "Thành phố Hà Nội")[1]
        or "flag-far_ahead" in _cells(html, "Thành phố Hà Nội")[1]
    )
    assert "flag-insufficient_data" in _cells(html, "Thành phố Hồ Chí Minh")[0]
    assert str(flag_label(Flag.INSUFFICIENT_DATA)) in _cells(html, "Thành phố Hồ Chí Minh")[0]  # in words too
    assert _cells(html, "Cao Bằng") == ["—", "—"]
    assert 'data-figure="province-heatmap-figure"' in html


def test_without_province_figures_the_page_says_so(client_for, leader):
    assert "Chưa có tỉnh, thành phố nào có số liệu." in client_for(leader).get("/provinces/").content.decode()


def test_the_page_costs_the_same_queries_whatever_the_figures(client_for, leader, django_assert_num_queries):
    _figure("2.1", 1, 2025, "90")
    client = client_for(leader)
    # 1 session, 2 the person with their membership, 3 the reference data's version (the part's key). Not kept for
    # it and the day: 4 the provinces, 5 their former provinces, 6 the indicators with a province's figure and their
    # keys. Their columns not kept: 7 those indicators, 8 their targets with their documents, 9 the provinces'
    # figures of those indicators (the nation's judgement is not read: a province's figure does not change it).
    with django_assert_num_queries(9):
        client.get("/provinces/")
    with django_assert_num_queries(3):
        client.get("/provinces/")
    for code in (4, 8, 79):
        _figure("1.2", code, 2024, "12")
        _figure("2.5", code, 2024, "70")
    with django_assert_num_queries(9):  # the columns of 1.2 and 2.5 made, 2.1's kept
        html = client.get("/provinces/").content.decode()
    assert "2.5" in html.split('id="province-flags"', 1)[1].split("</thead>", 1)[0]  # made again, not the kept part


@pytest.mark.parametrize("who", ["cvt_reporter", "reviewer", "leader", "admin_user"])
def test_every_role_reads_it(who, request, client_for):
    assert client_for(request.getfixturevalue(who)).get("/provinces/").status_code == 200


def test_nobody_signed_out_or_without_a_role(client, django_user_model):
    assert client.get("/provinces/").status_code == 302
    client.force_login(django_user_model.objects.create_user("no_role"))
    assert client.get("/provinces/").status_code == 403


def test_a_provinces_figure_changed_by_sql_makes_its_indicators_column_again_and_no_other(client_for, leader):
    """Each indicator's column is kept under its revision, which the database raises for a province's figure too."""
    from django.core.cache import caches

    _figure("2.1", 1, 2024, "90")
    _figure("1.2", 79, 2024, "12")
    client = client_for(leader)
    assert "flag-insufficient_data" in _cells(client.get("/provinces/").content.decode(), "Thành phố Hà Nội")[1]
    made = []
    parts = caches["indicators"]
    original = parts.set_many
    parts.set_many = lambda data, *a, **k: (made.extend(data), original(data, *a, **k))[1]
    try:
        _figure("2.1", 1, 2025, "96")  # past the 2030 goal (95%)
        html = client.get("/provinces/").content.decode()
    finally:
        del parts.set_many
    assert "flag-insufficient_data" not in _cells(html, "Thành phố Hà Nội")[1]
    assert len(made) == 1 and ":provinces:" in made[0]


def test_the_heatmap_written_as_plain_json_is_a_valid_plotly_figure_coloured_by_flag():
    """Written without plotly's objects: plotly's own validation accepts every property, and each cell's colour
    index and words follow its flag (no figure: the last, white, band)."""
    import plotly.graph_objects as go

    from places.breakdowns import HeatmapFlags
    from places.charts import heatmap_figure

    flags = HeatmapFlags(("9.1", "9.2"), ("Hà Nội", "Huế"), ((Flag.ON_TRACK, None), (Flag.OFF_TRACK, Flag.ON_TRACK)))
    figure = heatmap_figure(flags)
    go.Figure(data=figure["data"], layout=figure["layout"])  # raises on a property plotly does not know
    (cells,) = figure["data"]
    assert cells["z"][0][0] == cells["z"][1][1] != cells["z"][1][0]
    assert cells["z"][0][1] == cells["zmax"] - 0.5 and cells["text"][0][1] == "chưa có số liệu"
    assert cells["y"] == ["Hà Nội", "Huế"] and figure["layout"]["yaxis"]["autorange"] == "reversed"


def test_the_dashboard_loads_the_heatmap_after_its_own_parts_with_a_link_until_then(client_for, leader):
    html = client_for(leader).get("/dashboard/").content.decode()
    section = html.split('id="provinces"', 1)[1].split("</section>", 1)[0]
    assert 'data-part="/provinces/heatmap/"' in section
    assert 'href="/provinces/"' in section  # read without the script, or before the part is in
    assert "province-heatmap-figure" not in html  # the dashboard's own answer does not judge the provinces


def test_the_heatmap_part_holds_the_figure_and_a_link_to_its_table(client_for, leader):
    _figure("2.1", 1, 2024, "90")
    html = client_for(leader).get("/provinces/heatmap/").content.decode()
    assert 'data-figure="province-heatmap-figure"' in html and 'id="province-heatmap-figure"' in html
    assert 'href="/provinces/"' in html and "<html" not in html  # a part of a page, not a page
    assert "province-flags" not in html  # the table is the provinces' page's


def test_without_province_figures_the_part_says_so(client_for, leader):
    html = client_for(leader).get("/provinces/heatmap/").content.decode()
    assert "Chưa có tỉnh, thành phố nào có số liệu." in html and "province-heatmap" not in html


def test_the_part_costs_the_same_queries_whatever_the_figures_and_shows_a_new_one(
    client_for, leader, django_assert_num_queries
):
    _figure("2.1", 1, 2025, "90")
    client = client_for(leader)
    with django_assert_num_queries(9):  # as the provinces' page (above)
        client.get("/provinces/heatmap/")
    with django_assert_num_queries(3):
        client.get("/provinces/heatmap/")
    for code in (4, 8, 79):
        _figure("2.5", code, 2024, "70")
    with django_assert_num_queries(9):
        html = client.get("/provinces/heatmap/").content.decode()
    assert '"2.5"' in html.split('id="province-heatmap-figure"', 1)[1]  # the new column, not the kept part


def test_the_heatmap_legend_names_the_flags_it_holds_in_the_colours_order_and_the_white_cell_last():
    from dashboard.charts import FLAG_COLOURS
    from places.breakdowns import HeatmapFlags
    from places.charts import heatmap_legend

    flags = HeatmapFlags(("9.1", "9.2"), ("Hà Nội", "Huế"), ((Flag.OFF_TRACK, None), (Flag.ON_TRACK, Flag.OFF_TRACK)))
    legend = heatmap_legend(flags)
    expected = [f for f in FLAG_COLOURS if f in (Flag.ON_TRACK, Flag.OFF_TRACK)]
    assert [swatch for swatch, _words in legend] == [f.value for f in expected] + ["none"]
    assert legend[-1][1] == "chưa có số liệu" and legend[0][1] == str(flag_label(expected[0]))
    assert heatmap_legend(HeatmapFlags(("9.1",), ("Huế",), ((Flag.ON_TRACK,),))) == [
        (Flag.ON_TRACK.value, str(flag_label(Flag.ON_TRACK)))
    ]  # every province has a figure: no white cell to explain


def test_one_provinces_new_figure_judges_that_province_again_and_a_new_goal_every_province(
    client_for, leader, monkeypatch
):
    """A judgement is kept under a digest of the province's figures, the goals and the day: a province's new
    figure judges that province again, and no other of the indicator's; a changed goal judges all of them."""
    import places.breakdowns
    from indicators.models import Target

    for code, value in ((1, "80"), (79, "70"), (4, "60")):
        _figure("2.1", code, 2024, value)
    client = client_for(leader)
    client.get("/provinces/")
    judged = []
    method = places.breakdowns.assess
    monkeypatch.setattr(places.breakdowns, "assess", lambda **kw: (judged.append(kw["points"]), method(**kw))[1])

    _figure("2.1", 79, 2025, "96")  # past the 2030 goal (95%)
    html = client.get("/provinces/").content.decode()
    assert [[(p.year, p.value) for p in points] for points in judged] == [[(2024, 70), (2025, 96)]]
    assert (
        "flag-target_met" in _cells(html, "Thành phố Hồ Chí Minh")[0]
        or "flag-far_ahead" in _cells(html, "Thành phố Hồ Chí Minh")[0]
    )
    assert "flag-insufficient_data" in _cells(html, "Thành phố Hà Nội")[0]  # kept, and still right

    judged.clear()
    goal = Target.objects.filter(indicator__code="2.1", kind=Target.Kind.GOAL, value__isnull=False).latest("year")
    Target.objects.filter(pk=goal.pk).update(value=goal.value + 1)
    client.get("/provinces/")
    assert len(judged) == 3
