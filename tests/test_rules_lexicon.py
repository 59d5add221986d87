"""Partner names are matched in the spellings the press uses besides the listed one."""

from extractor.rules.lexicon import PARTNERS, spellings


def test_hyphens_and_spaces_are_interchangeable() -> None:
    assert spellings({"cam-pu-chia": "KH"})["cam pu chia"] == "KH"
    assert spellings({"ả rập xê út": "SA"})["ả-rập-xê-út"] == "SA"


def test_long_names_match_without_diacritics() -> None:
    assert PARTNERS["trung quoc"] == "CN"
    assert PARTNERS["han quoc"] == "KR"


def test_short_names_keep_their_diacritics() -> None:
    """Bare "my" or "y" would be ordinary words, not the US or Italy."""
    variants = spellings({"mỹ": "US", "ý": "IT"})
    assert set(variants) == {"mỹ", "ý"}
