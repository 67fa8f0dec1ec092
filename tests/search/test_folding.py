"""The search's reading of Vietnamese text, without a database: diacritics and “đ” aside, whole words, the last
word of the query a word's start."""

from hypothesis import given
from hypothesis import strategies as st

from search.folding import MAX_TERMS, fold, matches, same_code, score, terms, words


def test_diacritics_and_d_fold_away():
    assert fold("Tỷ trọng KINH TẾ SỐ") == "ty trong kinh te so"
    assert fold("Đổi mới, điện tử") == "doi moi, dien tu"
    assert words("Cục Chuyển đổi số quốc gia (Cục CĐSQG)") == "cuc chuyen doi so quoc gia cuc cdsqg".split()
    assert words("Ủy ban Quốc gia về Chuyển đổi số") == words("uy ban quoc gia ve chuyen doi so")


def test_a_query_s_terms_are_its_folded_words_at_most_twelve():
    assert terms("  kinh tế   số! ") == ("kinh", "te", "so")
    assert terms("%%% —") == ()
    assert len(terms("một " * 40)) == MAX_TERMS


def test_every_word_but_the_last_is_whole_the_last_may_be_a_start():
    text = words("Tỷ trọng kinh tế số trên GDP")
    assert matches(text, terms("kinh te so"))
    assert matches(text, terms("kinh tế s"))  # still typing
    assert not matches(text, terms("kin te so"))  # a cut word in the middle is not a word
    assert not matches(text, terms("kinh te so hoa"))
    assert not matches(text, ())


def test_the_words_together_in_order_rank_above_the_same_words_apart():
    together = score(words("Tỷ trọng kinh tế số trên GDP"), terms("kinh te so"))
    apart = score(words("Số doanh nghiệp kinh doanh, tế bào"), terms("kinh te so"))
    assert together > apart > 0
    assert score(words("Tỷ trọng thương mại điện tử"), terms("kinh te so")) == 0


def test_a_code_or_a_number_is_named_whole_case_and_spaces_aside():
    assert same_code("A.II.14.1", "a.ii.14.1 ")
    assert same_code("1.1", "1.1") and not same_code("1.10", "1.1") and not same_code("1.1", "")


VIETNAMESE = st.text(
    alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyĐĂÂÊÔƠƯ 0123456789"
    "áàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
)


@given(VIETNAMESE)
def test_folding_is_idempotent_and_leaves_plain_letters(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert folded.isascii()
    # a text always matches itself, with or without its diacritics
    if terms(text):
        assert matches(words(text), terms(folded)) and matches(words(folded), terms(text))
