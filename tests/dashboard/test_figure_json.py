"""The charts' data reach plotly.js through `figure_json`, which must write exactly what Django's `json_script`
writes (it escapes the same three characters, faster): the page's script reads it, and nothing typed in a name or a
note can close the script element."""

from decimal import Decimal

from django.utils.html import json_script
from hypothesis import given
from hypothesis import strategies as st

from dashboard.templatetags.dashboard import figure_json

_LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.decimals(allow_nan=False, allow_infinity=False)
    | st.text()
    | st.sampled_from(["</script>", "<!--", "a & b", "Hà Nội > 14,26%", "\u2028"])
)
_JSON = st.recursive(
    _LEAVES,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5),
    max_leaves=30,
)


@given(value=_JSON, element_id=st.sampled_from(["overview-figure", "a<b", 'x"y']))
def test_it_writes_what_json_script_writes(value, element_id):
    assert figure_json(value, element_id) == json_script(value, element_id)


def test_a_name_that_closes_the_script_stays_inside_it():
    written = figure_json({"text": ["</script><script>alert(1)</script>", Decimal("14.26")]}, "f")
    assert written.count("</script>") == 1 and "\\u003C/script\\u003E" in written
