"""benchmarks/entity_rules_gain.py: the people-in-news-sentences count."""
from benchmarks import entity_rules_gain as gain


def test_people_sentences_place_each_name_where_the_spans_say():
    sentences = gain.people_sentences(["Keir Starmer", "Olaf Scholz"])
    assert len(sentences) == 2 * len(gain.TEMPLATES)
    for text, spans in sentences:
        assert spans and all(text[start:end] == name for start, end, name in spans)
    two = [spans for _, spans in sentences if len(spans) == 2]
    assert [name for _, _, name in two[0]] == ["Keir Starmer", "Olaf Scholz"]  # 0 + 7 wraps to 1


class Ent:
    def __init__(self, start, end, label):
        self.start_char, self.end_char, self.label_ = start, end, label


class FakeNLP:
    """Labels "Keir Starmer" PERSON, "Olaf Scholz" ORG."""

    def __call__(self, text):
        class Doc:
            ents = [Ent(text.index(name), text.index(name) + len(name), label)
                    for name, label in (("Keir Starmer", "PERSON"), ("Olaf Scholz", "ORG")) if name in text]
        return Doc()


def test_score_people_counts_exact_person_spans_only():
    sentences = gain.people_sentences(["Keir Starmer", "Olaf Scholz"])
    hits, total, missed = gain.score_people(FakeNLP(), sentences)
    assert total == 2 * len(gain.TEMPLATES) + 2  # the two-name template counts both
    assert hits == len(gain.TEMPLATES) + 1 and missed == {"Olaf Scholz": len(gain.TEMPLATES) + 1}


def test_the_people_list_is_read_without_comments():
    names = gain.people()
    assert "Keir Starmer" in names and not any(name.startswith("#") for name in names)
