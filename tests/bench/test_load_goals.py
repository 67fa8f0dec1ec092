"""The load test's verdict on its goals (bench/load.py): no error, no lost write, a p95 under 100 ms at a person's
pace. The load itself runs on PostgreSQL (tests/test_load.py)."""

from bench import load


def _report(*, errors=0, lost=0, paced_ms=40, saturated_ms=180):
    stats = load.Stats()
    stats.latencies["read"] = [paced_ms / 1000] * 20
    paced = load._summary(stats, elapsed=1.0)
    stats.latencies["read"] = [saturated_ms / 1000] * 20
    return {"errors": errors, "lost_writes": lost, "paced": paced, "saturated": load._summary(stats, elapsed=1.0)}


def test_each_phase_says_whether_its_p95_is_under_the_goal():
    report = _report(paced_ms=40, saturated_ms=180)
    assert report["paced"]["p95_under_100_ms"] and not report["saturated"]["p95_under_100_ms"]


def test_the_goals_are_met_with_no_error_no_lost_write_and_a_paced_p95_under_100_ms():
    goal = "p95_under_100_ms_at_a_persons_pace"
    assert load.goals(_report()) == {"no_error": True, "no_lost_write": True, goal: True}
    assert load.goals(_report(errors=1))["no_error"] is False
    assert load.goals(_report(lost=2))["no_lost_write"] is False
    assert load.goals(_report(paced_ms=100))[goal] is False
    # People who never pause wait in the queue: their p95 is reported, not one of the goals.
    assert all(load.goals(_report(saturated_ms=500)).values())
