"""The actor knowledge base: packaged data, lookups, user files and sizes."""
from __future__ import annotations

import pytest

from tidings.ontology import kb as kbmod
from tidings.ontology.kb import KnowledgeBaseError, case_ok, get_kb, kb_sizes, load_kb, norm


def _kinds(kb, text):
    return {(e.kind, e.country, e.sector) for _, e in kb.lookup(text.split())}


def test_countries_aliases_demonyms_and_capitals():
    kb = get_kb()
    assert ("country", "USA", None) in _kinds(kb, "America")
    assert ("country", "USA", None) in _kinds(kb, "U.S.")
    assert ("demonym", "IRN", None) in _kinds(kb, "Iranian")
    assert ("demonym", "IRQ", None) in _kinds(kb, "Iraqis")
    assert ("capital", "IRN", "GOV") in _kinds(kb, "Tehran")
    assert kb.country_name("GBR") == "United Kingdom"


def test_metonyms_igos_and_groups():
    kb = get_kb()
    assert ("organization", "USA", "MIL") in _kinds(kb, "Pentagon")
    assert ("organization", "RUS", "GOV") in _kinds(kb, "Kremlin")
    assert ("organization", "GBR", "GOV") in _kinds(kb, "Downing Street")
    assert ("organization", "IGO", "IGO") in _kinds(kb, "Security Council")
    assert ("group", None, "REB") in _kinds(kb, "Daesh")
    assert ("group", "YEM", "REB") in _kinds(kb, "Ansar Allah")
    # Curly and straight apostrophes, accents: the same key.
    assert kb.lookup(["Asa’ib", "Ahl", "al", "-", "Haq"])[0][1].name == "Asa'ib Ahl al-Haq"
    assert ("organization", "FRA", "GOV") in _kinds(kb, "Elysee")


def test_roles_and_their_plurals():
    kb = get_kb()
    assert kb.role(["ministers"]).sector == "GOV"
    assert kb.role(["militias"]).sector == "REB"
    assert kb.role(["gunmen"]).sector == "UAF"
    assert kb.role(["resistance", "groups"]).sector == "REB"
    assert kb.role(["warplanes"]).sector == "MIL"
    assert kb.role(["weather"]) is None


def test_case_rules_keep_pronouns_and_words_out():
    assert case_ok("US", ["US"]) and case_ok("US", ["U.S."])
    assert not case_ok("US", ["us"])
    assert not case_ok("WHO", ["Who"])
    assert case_ok("al-Shabaab", ["Al", "-", "Shabaab"])
    assert norm("Élysée") == "elysee"


def test_user_file_adds_actors_and_overrides(tmp_path, monkeypatch):
    path = tmp_path / "my_actors.tsv"
    path.write_text(
        "# our newsroom's additions\n"
        "name\tkind\tcountry\tsector\taliases\ttitle\n"
        "Northern Valley Front\tgroup\tSDN\tREB\tNVF\t\n"
        "Amina Diallo\tperson\tMLI\tGOV\t\tforeign minister\n"
        "Pentagon\torganization\tUSA\tGOV\t\t\n"
        "Persia\tcountry\tIRN\t\t\t\n"
        "harbour master\trole\t\tGOV\t\t\n", encoding="utf-8")
    kb = load_kb([path])
    assert ("group", "SDN", "REB") in _kinds(kb, "NVF")
    assert kb.person("Amina Diallo").title == "foreign minister"
    assert _kinds(kb, "Pentagon") == {("organization", "USA", "GOV")}
    assert ("country", "IRN", None) in _kinds(kb, "Persia")
    assert kb.role(["harbour", "masters"]).sector == "GOV"
    monkeypatch.setenv("TIDINGS_KB", str(path))
    assert get_kb().person("Amina Diallo") is not None
    monkeypatch.delenv("TIDINGS_KB")
    assert get_kb().person("Amina Diallo") is None


def test_bad_user_file_names_file_and_line(tmp_path):
    path = tmp_path / "broken.tsv"
    path.write_text("name\tkind\tcountry\tsector\taliases\ttitle\n"
                    "Somebody\tspaceship\tUSA\t\t\t\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as info:
        load_kb([path])
    assert "broken.tsv" in str(info.value) and "line 2" in str(info.value)
    with pytest.raises(KnowledgeBaseError, match="not found"):
        load_kb([tmp_path / "missing.tsv"])


def test_kb_is_built_once_per_process():
    assert get_kb() is get_kb()
    before = kbmod._cached.cache_info().hits
    get_kb()
    assert kbmod._cached.cache_info().hits == before + 1


def test_kb_sizes():
    sizes = kb_sizes()
    assert sizes["countries"] >= 180
    assert sizes["capitals"] >= 100
    assert sizes["roles"] >= 100
    assert sizes["igos"] >= 20
    assert sizes["groups"] >= 20
    assert all(isinstance(v, int) for v in sizes.values())


def test_person_near_finds_titled_surnames_and_misspellings():
    kb = get_kb()
    assert kb.person_near("Reagan").name == "Ronald Reagan"
    assert kb.person_near("Francois Mitterand").country == "FRA"
    bush = kb.person_near("Bush")  # two listed presidents: the country is still known
    assert (bush.country, bush.sector) == ("USA", "GOV")
    assert kb.person_near("Smithson") is None
    assert kb.person_near("Francois Mittxxand") is None  # two edits away
    assert kb.person_near("Tayyip Erdogan").name == "Recep Tayyip Erdogan"  # last words
    assert kb.person("Moon Jae-in").country == "KOR"  # hyphens tokenized as listed


def test_knowledge_base_cache_round_trip(tmp_path, monkeypatch):
    """The built knowledge base is kept between processes and gives the same answers;
    a corrupt cache file is rebuilt, and a changed user file is a different cache."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("TIDINGS_NO_CACHE", raising=False)
    user = tmp_path / "mine.tsv"
    user.write_text("name\tkind\tcountry\tsector\taliases\ttitle\n"
                    "Zorbania Herders Union\torganization\tKEN\tLAB\t\t\n", encoding="utf-8")
    kbmod._cached.cache_clear()
    try:
        first = kbmod.get_kb([user])
        files = list((tmp_path / "tidings").glob("kb-*.pickle"))
        assert len(files) == 1
        kbmod._cached.cache_clear()
        again = kbmod.get_kb([user])
        assert again is not first
        assert again.lookup(["Zorbania", "Herders", "Union"])[0][1].country == "KEN"
        files[0].write_bytes(b"not a pickle")
        kbmod._cached.cache_clear()
        assert kbmod.get_kb([user]).lookup(["Zorbania", "Herders", "Union"])
        user.write_text(user.read_text(encoding="utf-8").replace("KEN", "UGA"),
                        encoding="utf-8")
        kbmod._cached.cache_clear()
        assert kbmod.get_kb([user]).lookup(["Zorbania", "Herders", "Union"])[0][1].country \
            == "UGA"
    finally:
        kbmod._cached.cache_clear()
