from claimstrack.documents import citations_by_sentence, parse_document


def test_citation_keys_are_grouped_by_the_sentence_they_back():
    doc = parse_document("Over 90% agree [@a]. Some 40% do not [@b; @c].\n\nNo citation here.\n", "p.md", "md")
    grouped = citations_by_sentence(doc)
    starts = sorted(grouped)
    assert [grouped[s] for s in starts] == [["a"], ["b", "c"]]
    assert doc.text[starts[1]:].startswith("Some 40%")
