from claimstrack.figures import extract_figures, scan_numbers


def test_raised_decimal_point_reads_as_a_decimal_and_keeps_the_text_as_written():
    text = "GBD: 1·04 billion (95% UI 1·00–1·09) with migraine"
    first = extract_figures(text)[0]
    assert first.value == 1_040_000_000
    assert first.text == "1·04 billion" == text[first.span.start:first.span.end]
    assert all(m.text == text[m.span.start:m.span.end] for m in scan_numbers(text))


def test_a_middle_dot_between_words_is_left_alone():
    assert [f.value for f in extract_figures("Prices · 12% off")] == [12]
