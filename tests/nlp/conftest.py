import pytest
import spacy

from timeline.nlp.ruler import add_entity_rules


@pytest.fixture(scope="session")
def rules_nlp():
    """Blank English + the entity rules only: tests the rules without the statistical model."""
    return add_entity_rules(spacy.blank("en"))
