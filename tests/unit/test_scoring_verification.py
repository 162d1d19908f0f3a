"""Verification levels L0-L3 follow the documented rules and say why."""

from scoring.verification import AuthorFacts, verify


def test_name_only_is_l0_even_with_works() -> None:
    result = verify(AuthorFacts("arxiv-name:ada lovelace", identity="name"), works=12)
    assert result.level == "L0" and result.label == "Unverified name"
    assert result.reasons[0].startswith("Name only")


def test_a_stable_record_with_a_work_is_l1() -> None:
    author = AuthorFacts("researcher0", identity="record", record_source="seed-profile")
    assert verify(author, works=65).level == "L1"
    assert verify(author, works=0).level == "L0"
    assert verify(AuthorFacts("A1", identity="strong", openalex_id="A1"), 1).label \
        == "Record-matched"


def test_claimed_needs_a_proven_identity_for_l2() -> None:
    claimed = AuthorFacts("A1", identity="strong", orcid="0000-0001", claimed=True)
    assert verify(claimed, 3).level == "L1"
    proven = AuthorFacts("A1", identity="strong", claimed=True, identity_verified=True)
    assert verify(proven, 3).level == "L2"


def test_l3_adds_a_confirmed_affiliation() -> None:
    author = AuthorFacts("A1", identity="strong", claimed=True, identity_verified=True,
                         affiliation_verified=True)
    result = verify(author, 3)
    assert result.level == "L3" and result.label == "Institution-verified"
    assert any("Affiliation confirmed" in reason for reason in result.reasons)
    # An affiliation without a proven identity is not enough.
    assert verify(AuthorFacts("A1", identity="strong", affiliation_verified=True), 3).level \
        == "L1"
