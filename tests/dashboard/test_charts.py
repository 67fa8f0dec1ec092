"""The chart builders on plain data: no database. Trace counts, which points are provisional, target markers,
goal lines, the path and the projection; Vietnamese numbers."""

import dataclasses
from decimal import Decimal as D

from dashboard import charts
from dashboard.selectors import (
    ACCEPTED,
    Figure,
    IndicatorBar,
    IndicatorChartData,
    Overview,
    Segment,
    TargetMark,
    Timeliness,
    TimelinessCell,
    VerdictRow,
)
from indicators.progress import Flag, Projection, Verdict


def _data(**changes) -> IndicatorChartData:
    """1.1 as the documents give it: 11,91% (2021) … 18,3% (2024), provisional but 2022's official here."""
    values = {
        "code": "1.1",
        "name": "Tỷ trọng kinh tế số trên GDP",
        "measure_unit": "%",
        "decimals": 2,
        "flag": Flag.ON_TRACK,
        "figures": [
            Figure(D(2021), "2021", D("11.91"), True),
            Figure(D(2022), "2022", D("14.26"), False),
            Figure(D(2023), "2023", D("16.5"), True),
            Figure(D(2024), "2024", D("18.3"), True),
        ],
        "trend": [
            Figure(D(2021), "2021", D("11.91"), True),
            Figure(D(2022), "2022", D("14.26"), False),
            Figure(D(2023), "2023", D("16.5"), True),
            Figure(D(2024), "2024", D("18.3"), True),
        ],
        "targets": [
            TargetMark(2023, "plan", D("15.5"), "≥ 15,5%", "466/QĐ-BTTTT"),
            TargetMark(2024, "plan", D("17.5"), "≥ 17,5%", "466/QĐ-BTTTT"),
            TargetMark(2025, "goal", D("20"), "≥ 20%", "466/QĐ-BTTTT", Verdict.PENDING),
            TargetMark(2030, "goal", D("30"), "≥ 30%", "5473/BTTTT-KTS&XHS"),
        ],
        "text_targets": [],
        "path": Segment(D(2021), D("11.91"), D(2030), D(30)),
        "projections": [Segment(D(2024), D("18.3"), D(2030), D("30.66"), Projection.LINEAR)],
    }
    values.update(changes)
    return IndicatorChartData(**values)


def _role(figure, role):
    return [t for t in figure["data"] if t.get("meta", {}).get("role") == role]


def test_the_indicator_chart_draws_figures_targets_goals_path_and_projection():
    figure = charts.indicator_figure(_data())
    roles = [t["meta"]["role"] for t in figure["data"]]
    assert roles == ["trend", "official", "provisional", "plan", "goal", "path", "projection"]
    assert _role(figure, "official")[0]["x"] == [2022.0]
    assert _role(figure, "provisional")[0]["x"] == [2021.0, 2023.0, 2024.0]
    assert _role(figure, "provisional")[0]["marker"]["symbol"] == "circle-open"  # hollow: visibly different
    assert _role(figure, "official")[0]["marker"]["symbol"] == "circle"
    assert _role(figure, "plan")[0]["x"] == [2023, 2024] and _role(figure, "plan")[0]["y"] == [15.5, 17.5]
    goals = _role(figure, "goal")[0]
    assert goals["x"] == [2025, 2030] and goals["text"] == ["≥ 20%", "≥ 30%"]
    assert "chờ số liệu" in goals["customdata"][0]  # the 2025 goal's verdict
    assert _role(figure, "path")[0]["x"] == [2021.0, 2030.0] and _role(figure, "path")[0]["y"] == [11.91, 30.0]
    projection = _role(figure, "projection")[0]
    assert projection["x"] == [2024.0, 2030.0] and projection["y"] == [18.3, 30.66]
    assert projection["name"] == "Xu hướng (tuyến tính, năm gần đây có trọng số lớn hơn)"  # its method named
    assert "khoảng 30,66% vào năm 2030" in projection["hovertemplate"]
    assert figure["layout"]["separators"] == ",."


def test_a_quarterly_figure_stands_at_the_end_of_its_quarter_on_the_same_axis():
    quarter = Figure(D("2024.5"), "quý 2/2025", D("19.1"), True)
    figure = charts.indicator_figure(_data(figures=[*_data().figures, quarter]))
    assert _role(figure, "provisional")[0]["x"][-1] == 2024.5
    assert _role(figure, "provisional")[0]["customdata"][-1] == "quý 2/2025: 19,1% (số liệu tạm ước tính)"


def test_an_indicator_with_no_figure_and_no_numeric_target_still_gets_a_chart_that_says_so():
    figure = charts.indicator_figure(
        _data(figures=[], trend=[], targets=[], path=None, projections=[], text_targets=["2025: Theo Kế hoạch"])
    )
    assert figure["data"] == []
    notes = [a["text"] for a in figure["layout"]["annotations"]]
    assert notes == [
        "Chưa có số liệu.",
        "Chưa có chỉ tiêu định lượng: chưa có mốc để so sánh số liệu.",
        "Chỉ tiêu 2025: Theo Kế hoạch",
    ]


def test_a_single_figure_draws_no_trend_and_says_so():
    one = [Figure(D(2022), "2022", D(85), True)]
    figure = charts.indicator_figure(_data(figures=one, trend=one, projections=[]))
    assert [t["meta"]["role"] for t in figure["data"]] == ["trend", "provisional", "plan", "goal", "path"]
    assert figure["layout"]["annotations"][0]["text"] == "Mới có một số liệu: chưa vẽ được xu hướng."


def _bar(code, group, flag, progress=None):
    return IndicatorBar(
        code, f"Chỉ tiêu {code}", group, f"/indicators/{code}/", flag, str(flag), progress, "", "", "", ""
    )


def test_the_overview_has_one_bar_per_indicator_one_trace_per_group_and_flag_and_a_goal_line():
    bars = [
        _bar("1.1", "Kinh tế số", Flag.ON_TRACK, D("0.3532")),
        _bar("1.2", "Kinh tế số", Flag.INSUFFICIENT_DATA),
        _bar("1.3", "Kinh tế số", Flag.ON_TRACK, D("0.9")),
        _bar("2.1", "Xã hội số", Flag.FAR_AHEAD, D("2.5")),  # beyond the axis: drawn at its edge
        _bar("2.2", "Xã hội số", Flag.OFF_TRACK, D("-0.1")),
    ]
    figure = charts.overview_figure(Overview(None, bars, [], [], [], []))
    flagged = [t for t in figure["data"] if "flag" in t["meta"]]
    traces = [(t["yaxis"], t["meta"]["flag"], t["y"]) for t in flagged]
    assert traces == [
        ("y", "insufficient_data", ["1.2"]),  # most urgent flag first (FLAG_URGENCY)
        ("y", "on_track", ["1.1", "1.3"]),
        ("y2", "off_track", ["2.2"]),
        ("y2", "far_ahead", ["2.1"]),
    ]
    assert sum(len(t["x"]) for t in flagged) == 5
    assert flagged[1]["x"] == [35.32, 90.0] and flagged[1]["text"][0] == "35% · on_track"
    assert flagged[3]["x"] == [150.0] and flagged[3]["text"] == ["250% · far_ahead"]
    assert flagged[1]["customdata"][0][0] == "/indicators/1.1/"  # a click opens the indicator
    assert flagged[1]["marker"]["color"] == charts.FLAG_COLOURS[Flag.ON_TRACK]
    assert flagged[0]["x"] == [0.0] and flagged[0]["text"] == ["insufficient_data"]  # no bar: words
    assert any(s["type"] == "line" and s["x0"] == 100 for s in figure["layout"]["shapes"])  # the goal line


def test_the_overview_built_as_a_plain_dict_is_a_valid_plotly_figure_with_the_panels_stacked():
    """The overview is written as plotly's JSON without plotly's objects: plotly's own validation accepts every
    property of it (a misspelt or misplaced one raises), and the panels stand from the top, in proportion to
    their rows, 8% apart, each with its title on its top edge."""
    import plotly.graph_objects as go

    bars = [
        _bar("1.1", "Kinh tế số", Flag.ON_TRACK, D("0.3532")),
        _bar("2.1", "Xã hội số", Flag.OFF_TRACK, D("0.1")),
        _bar("2.2", "Xã hội số", Flag.INSUFFICIENT_DATA),
        _bar("2.3", "Xã hội số", Flag.AT_RISK, D("0.5")),
    ]
    for width in (None, 811):
        figure = charts.overview_figure(Overview(None, bars, [], [], [], []), width=width)
        go.Figure(data=figure["data"], layout=figure["layout"])  # raises on a property plotly does not know
    layout = figure["layout"]
    assert layout["yaxis"]["domain"] == [1.0 - 0.92 / 4, 1.0]
    assert layout["yaxis2"]["domain"] == [0.0, 1.0 - 0.92 / 4 - 0.08]
    assert layout["xaxis"]["matches"] == "x2" and "matches" not in layout["xaxis2"]
    assert [(a["text"], round(a["y"], 6)) for a in layout["annotations"][:2]] == [
        ("Kinh tế số", 1.0),
        ("Xã hội số", 0.69),
    ]
    assert layout["width"] == 811 and layout["template"]["layout"]  # plotly's default look, as before
    labels = layout["annotations"][2:]
    assert [(a["yref"], a["y"]) for a in labels] == [("y", 0), ("y2", 2), ("y2", 1), ("y2", 0)]
    assert figure["narrow"]["layout"]["annotations[2].text"].startswith("<b>1.1</b>")


def test_a_figure_is_built_once_for_the_same_inputs_and_again_when_they_or_the_language_change(monkeypatch):
    """The dashboard's figures are memoized by a digest of their inputs: the second page of the same data reads
    the figure built for the first, a changed bar builds a new one, and so does the other language."""
    from django.utils import translation

    bars = [_bar("1.1", "Kinh tế số", Flag.ON_TRACK, D("0.3532")), _bar("2.1", "Xã hội số", Flag.OFF_TRACK)]
    first = charts.overview_figure(Overview(None, bars, [], [], [], []), width=811)
    built = []
    rows = charts._subplot_rows
    monkeypatch.setattr(charts, "_subplot_rows", lambda *a, **k: built.append(1) or rows(*a, **k))
    assert charts.overview_figure(Overview(None, list(bars), [], [], [], []), width=811) == first and built == []
    moved = [bars[0], _bar("2.1", "Xã hội số", Flag.OFF_TRACK, D("0.1"))]
    assert charts.overview_figure(Overview(None, moved, [], [], [], []), width=811) != first and built == [1]
    with translation.override("en"):
        charts.overview_figure(Overview(None, bars, [], [], [], []), width=811)
    assert built == [1, 1]


def test_each_flag_and_verdict_has_its_own_colour_from_a_colour_blind_safe_palette():
    okabe_ito = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
    assert set(charts.FLAG_COLOURS) == set(Flag)
    action = [charts.FLAG_COLOURS[f] for f in (Flag.FAR_AHEAD, Flag.AT_RISK, Flag.ACCELERATE, Flag.OFF_TRACK)]
    assert len(set(action)) == 4 and set(action) <= okabe_ito
    assert len(set(charts.VERDICT_COLOURS.values())) == len(Verdict)


def test_the_verdicts_panel_stacks_the_past_goals_by_verdict():
    rows = [
        VerdictRow("1.1", "/indicators/1.1/", 2025, Verdict.PENDING, ""),
        VerdictRow("2.1", "/indicators/2.1/", 2025, Verdict.PENDING, ""),
        VerdictRow("1.6", "/indicators/1.6/", 2025, Verdict.MET, ""),
    ]
    figure = charts.verdicts_figure(rows)
    assert [(t["meta"]["verdict"], t["x"]) for t in figure["data"]] == [("met", [1]), ("pending", [2])]
    assert figure["data"][1]["customdata"] == ["1.1, 2.1"] and figure["data"][1]["y"] == ["Mục tiêu 2025"]


def test_the_timeliness_heatmap_colours_each_cell_by_its_state():
    cells = [[TimelinessCell("not_tracked", "a"), TimelinessCell(ACCEPTED, "b")], [TimelinessCell("missing", "c")] * 2]
    model = Timeliness(2026, [], ["Quý 3/2026", "Quý 4/2026"], [], cells)
    model.units = [
        type("U", (), {"short_name": "Cục Viễn thông", "name": ""})(),
        type("U", (), {"short_name": "Trung tâm NEAC", "name": ""})(),
    ]
    heatmap = charts.timeliness_figure(model)["data"][0]
    assert heatmap["type"] == "heatmap" and heatmap["y"] == ["Cục Viễn thông", "Trung tâm NEAC"]
    states = [state for state, _colour in charts.TIMELINESS_STATES]
    assert heatmap["z"] == [[states.index("not_tracked") + 0.5, states.index(ACCEPTED) + 0.5],
                            [states.index("missing") + 0.5] * 2]  # fmt: skip
    assert heatmap["text"] == [["a", "b"], ["c", "c"]]


# On a phone (a chart's box under charts.NARROW_WIDTH), charts.js applies each figure's "narrow" changes.


def test_every_dashboard_figure_says_how_it_reads_on_a_phone():
    bars = [_bar("1.1", "Kinh tế số", Flag.ON_TRACK, D("0.35")), _bar("2.1", "Xã hội số", Flag.FAR_AHEAD, D("2"))]
    rows = [VerdictRow("1.1", "/indicators/1.1/", 2025, Verdict.PENDING, "")]
    figures = {
        "overview": charts.overview_figure(Overview(None, bars, [], [], [], [])),
        "verdicts": charts.verdicts_figure(rows),
        "indicator": charts.indicator_figure(_data()),
    }
    for name, figure in figures.items():
        narrow = figure["narrow"]
        assert narrow["below"] == charts.NARROW_WIDTH == 560, name
        assert narrow["layout"]["font.size"] < figure["layout"]["font"]["size"], name
        # every axis title is wrapped into lines a phone holds, and the axes make room for their labels
        for path, text in narrow["layout"].items():
            if path.endswith(".title.text"):
                assert all(len(line) <= 30 for line in text.split("<br>")), (name, text)
    # a tick every five indicators, every other year: the labels that overprinted at 390 px
    assert (
        figures["verdicts"]["narrow"]["layout"]["xaxis.dtick"] == 5
        and figures["verdicts"]["layout"]["xaxis"]["dtick"] == 1
    )
    assert figures["indicator"]["narrow"]["layout"]["xaxis.dtick"] == 2
    title = figures["overview"]["narrow"]["layout"]
    long_title = next(text for path, text in title.items() if path.endswith(".title.text"))
    assert "<br>" in long_title  # "Share of the way from the baseline to the goal covered" ran off the phone
    assert figures["overview"]["narrow"]["traces"] == {"textfont.size": 10}


def test_a_heatmap_cell_s_words_are_wrapped_and_its_hover_keeps_them_whole():
    label = "Không theo dõi (trước quý bắt đầu theo dõi)"
    model = Timeliness(2026, [], ["Quý 1/2026"], [], [[TimelinessCell("not_tracked", label)]])
    model.units = [type("U", (), {"short_name": "Cục ATTT", "name": ""})()]
    heatmap = charts.timeliness_figure(model)["data"][0]
    assert heatmap["text"] == [[label]] and heatmap["texttemplate"] == "%{customdata}"
    lines = heatmap["customdata"][0][0].split("<br>")
    assert len(lines) > 1 and all(len(line) <= 18 for line in lines) and " ".join(lines) == label


def _row_labels(figure) -> dict[str, str]:
    """The rows' labels: the annotations standing on a panel's categories (not the panels' titles)."""
    return {note["text"].split("</b>")[0][3:]: note["text"] for note in figure["layout"]["annotations"]
            if note.get("yref", "paper").startswith("y")}  # fmt: skip


def test_every_row_of_the_overview_names_its_indicator_and_opens_it_with_or_without_a_bar():
    """A printed briefing cannot hover: each row says the code and the short name of its indicator; a click
    anywhere on a row opens the indicator, 1.2 (too little data, no bar) as 1.1."""
    long = "Tỷ lệ các cơ sở đào tạo đại học, cao đẳng, giáo dục nghề nghiệp hoàn thiện được mô hình quản trị số"
    bars = [
        _bar("1.1", "Kinh tế số", Flag.ON_TRACK, D("0.3532")),
        _bar("1.2", "Kinh tế số", Flag.INSUFFICIENT_DATA),
        IndicatorBar("2.10", long, "Xã hội số", "/indicators/2.10/", Flag.NO_GOAL_AHEAD, "x", None, "", "", "", ""),
    ]
    figure = charts.overview_figure(Overview(None, bars, [], [], [], []))
    labels = _row_labels(figure)
    assert labels["1.1"] == "<b>1.1</b> Chỉ tiêu 1.1" and labels["1.2"] == "<b>1.2</b> Chỉ tiêu 1.2"
    assert labels["2.10"] == "<b>2.10</b> Tỷ lệ các cơ sở đào tạo đại học, cao đẳng, giáo dục…"
    rows = [t for t in figure["data"] if t["meta"].get("role") == "row"]
    assert [(t["y"], [c[0] for c in t["customdata"]]) for t in rows] == [
        (["1.1", "1.2"], ["/indicators/1.1/", "/indicators/1.2/"]),
        (["2.10"], ["/indicators/2.10/"]),
    ]
    # the row's clear bar spans the whole width of the plot, so a click on the row's label or its empty part lands
    x_range = figure["layout"]["xaxis"]["range"]
    assert all(t["base"][0] == x_range[0] and t["x"][0] == x_range[1] - x_range[0] for t in rows)
    assert all(t["width"] == 1.0 and t["marker"]["color"] == "rgba(255,255,255,0)" for t in rows)
    # on a phone the names are shorter, on one line
    narrow = {k: v for k, v in figure["narrow"]["layout"].items() if k.endswith(".text") and "</b>" in v}
    assert "<b>2.10</b> Tỷ lệ các cơ sở đào tạo đại học…" in narrow.values()
    assert all(len(v.split("</b> ")[1]) <= charts.SHORT_NAME_NARROW for v in narrow.values())


def test_a_short_name_is_cut_at_a_word_and_says_so():
    assert charts.short_name("Tỷ trọng kinh tế số trên GDP") == "Tỷ trọng kinh tế số trên GDP"
    assert charts.short_name("Tỷ lệ dân số trưởng thành có chữ ký số hoặc chữ ký điện tử cá nhân", 30) == (
        "Tỷ lệ dân số trưởng thành có…"
    )
    named = dataclasses.replace(_bar("1.2.1", "g", Flag.ON_TRACK), name="A & <B>")
    assert charts.row_label(named) == "<b>1.2.1</b> A &amp; &lt;B&gt;"


def test_the_overview_axis_is_in_percent_from_0_to_100_unless_a_bar_runs_beyond():
    inside = [_bar("1.1", "Kinh tế số", Flag.ON_TRACK, D("0.3532")), _bar("1.2", "Kinh tế số", Flag.NO_GOAL_AHEAD)]
    axis = charts.overview_figure(Overview(None, inside, [], [], [], []))["layout"]["xaxis"]
    assert axis["tickvals"] == [0, 25, 50, 75, 100]
    assert axis["ticktext"] == ["0%", "25%", "50%", "75%", "100%"]
    assert axis["range"][0] == -4 and axis["range"][1] > 100  # room for the words of the longest bar
    beyond = [
        *inside,
        _bar("2.1", "Xã hội số", Flag.FAR_AHEAD, D("2.5")),
        _bar("2.2", "Xã hội số", Flag.OFF_TRACK, D("-0.1")),
    ]
    axis = charts.overview_figure(Overview(None, beyond, [], [], [], []))["layout"]["xaxis"]
    assert axis["tickvals"] == [0, 50, 100, 150] and axis["range"][0] == -29  # -10% drawn, ticked from 0
    assert charts.axis_range([0.0, 35.3]) == (0, 100) and charts.axis_range([-50.0, 150.0]) == (-50, 150)
    assert charts.axis_ticks(-50, 150) == [-50, 0, 50, 100, 150] and charts.axis_ticks(-25, 100)[0] == -25
