"""Examples of the exploration answers for the OpenAPI document, taken from the service's own
answers over the bundled sample (researcher0 … researcher4) after one scoring run."""

from __future__ import annotations

from typing import Any

Example = dict[str, Any]  # typed as pydantic's JsonDict accepts it

R0, R1 = "researcher0", "researcher1"
FABIND: Example = {"id": "sample:w4f81f5d8cc2a",
                   "title": "FABind: Fast and Accurate Protein-Ligand Binding", "year": 2024}
NAR: Example = {"id": "sample:w0389beb5b658",
                "title": "A Study of Non-autoregressive Model for Sequence Generation",
                "year": 2020}
MCBERT: Example = {"id": "sample:w2072b9c9b338",
                   "title": "MC-BERT: Efficient Language Pre-Training via a Meta Controller",
                   "year": 2020}
ARXIV: Example = {"id": "venue:arxiv", "name": "arXiv"}
LAB: Example = {"id": "I4210164937", "name": "Example Research Lab"}
CS: Example = {"id": "openalex:C41008148", "name": "Computer science"}
RUN_ID = "20251103T020001-6736a3"
SCORED_AT = "2025-11-03T02:00:14.675000Z"


def _signal(raw: dict[str, Any], normalised: float, weight: float,
            contribution: float) -> dict[str, Any]:
    """One signal of the trust breakdown."""
    return {"raw": raw, "normalised": normalised, "weight": weight,
            "contribution": contribution}


BREAKDOWN: Example = {
    "publication": _signal({"works": 65, "first_year": 2020, "last_year": 2024,
                            "reference_year": 2024}, 0.7761, 20.0, 15.0),
    "impact": _signal({"citations": None, "h_index": None,
                       "graph": {"citations": 0, "self_citations": 0,
                                 "collaborator_citations": 0, "h_index": 0,
                                 "h_index_without_self_citations": 0,
                                 "h_index_discounted": 0.0},
                       "weighed": {"citations": None, "h_index": None}}, 0.0, 15.0, 0.0),
    "network": _signal({"received_trust": 0.0}, 0.0, 25.0, 0.0),
    "topic_coherence": _signal({"coherence": 0.2652, "works_with_topics": 65, "topics": 23},
                               0.2535, 10.0, 3.0),
    "identity": _signal({"level": "L1"}, 0.25, 20.0, 5.0),
    "community": _signal({"followers": 0}, 0.0, 10.0, 0.0),
    "integrity": _signal({"reasons": [], "notices": {"retracted": [],
                                                     "expressions_of_concern": [],
                                                     "corrected": []},
                          "citation_stacking": None, "h_index_rests_on_self_citations": False,
                          "isolation_score": 0.0, "busiest_year_works": 27.0,
                          "mean_coauthors": 0.246, "works_per_active_year": 13.0},
                         0.0, -25.0, 0.0),
}

PROFILE: Example = {
    "id": R0, "name": R0, "orcid": "0000-0002-1825-0097", "openalex_id": "A5023888391",
    "claimed": False,
    "trust": {"score": 23, "band": "Emerging", "breakdown": BREAKDOWN,
              "scored_at": SCORED_AT, "version": "trust-v2"},
    "verification": {"level": "L1", "label": "Record-matched", "reasons": [
        "ORCID iD 0000-0002-1825-0097 on record", "65 work(s) on record",
        "Not claimed by its researcher"]},
    "counts": {"works": 65, "followers": 0, "topics": 25, "close_collaborators": 4},
    "institutions": [{**LAB, "country": "CN", "start_year": 2015, "end_year": None}],
    "top_topics": [{**CS, "works": 10},
                   {"id": "peergraph:15", "name": "drug / protein / molecular", "works": 7},
                   {"id": "arxiv:cs.LG", "name": "Machine Learning", "works": 4}],
}

WORKS_PAGE: Example = {
    "author_id": R0, "total": 65,
    "items": [{**FABIND, "type": "preprint", "doi": None, "cited_by_count": None,
               "venue": ARXIV, "authors": [{"id": R0, "name": R0}], "author_count": 1},
              {"id": "sample:wa25775660ab9", "title": "Quantized Training of Gradient "
               "Boosting Decision Trees", "year": 2023, "type": "preprint", "doi": None,
               "cited_by_count": None, "venue": ARXIV, "authors": [{"id": R0, "name": R0}],
               "author_count": 1}],
    "next_cursor": "WzIwMjMsInNhbXBsZTp3YTI1Nzc1NjYwYWI5Il0",
}

COLLABORATORS_PAGE: Example = {
    "author_id": R0, "total": 4, "close_total": 4,
    "items": [{"id": R1, "name": R1, "shared_works": 7, "last_year": 2020, "close": True},
              {"id": "researcher4", "name": "researcher4", "shared_works": 4,
               "last_year": 2020, "close": True},
              {"id": "researcher3", "name": "researcher3", "shared_works": 3,
               "last_year": 2023, "close": True}],
}


SUGGESTIONS_PAGE: Example = {
    "author_id": "researcher2", "note": None,
    "items": [{"id": "researcher1", "name": "researcher1", "claimed": False, "score": 0.61,
               "topic_similarity": 0.61, "proximity": 1.0, "path_length": 2,
               "shared_topics": ["Language understanding tasks", "Drug discovery"],
               "common_collaborators": [{"id": R0, "name": R0}],
               "reasons": ["2 shared topics: Language understanding tasks, Drug discovery.",
                           "1 collaborator in common: researcher0.",
                           "2 steps apart in the collaboration graph."]}],
}


def _node(node_id: str, kind: str, label: str, hop: int | None,
          **properties: Any) -> dict[str, Any]:
    """A node as the graph answers draw it."""
    return {"id": node_id, "type": kind, "label": label, "hop": hop, "properties": properties}


def _edge(source: str, kind: str, target: str, **properties: Any) -> dict[str, Any]:
    """An edge, its id `source|TYPE|target` as the graph answers make it."""
    return {"id": f"{source}|{kind}|{target}", "source": source, "target": target,
            "type": kind, "properties": properties}


def _author(author_id: str, hop: int | None, score: int, band: str) -> dict[str, Any]:
    """A scored author node of the sample."""
    return _node(author_id, "Author", author_id, hop, name=author_id, trust_score=score,
                 trust_band=band, verification_level="L1")


def _work(work: dict[str, Any], hop: int | None) -> dict[str, Any]:
    """A work node of the sample."""
    return _node(work["id"], "Work", work["title"], hop, title=work["title"],
                 year=work["year"], type="preprint")


NEIGHBOURHOOD: Example = {
    "center": R0, "depth": 1,
    "nodes": [_author(R0, 0, 23, "Emerging"),
              _node(LAB["id"], "Institution", LAB["name"], 1, name=LAB["name"],
                    country="CN", type="company"),
              _work(FABIND, 1)],
    "edges": [_edge(R0, "AFFILIATED_WITH", LAB["id"], start_year=2015),
              _edge(R0, "AUTHORED", FABIND["id"], position=0)],
    "truncated": True,
}

PATHS: Example = {
    "from": R0, "to": R1, "hops": 1,
    "paths": [[R0, NAR["id"], R1], [R0, MCBERT["id"], R1]],
    "nodes": [_author(R0, None, 23, "Emerging"), _work(NAR, None),
              _author(R1, None, 16, "New"), _work(MCBERT, None)],
    "edges": [_edge(author, "AUTHORED", work["id"], position=position)
              for work in (NAR, MCBERT) for position, author in enumerate((R0, R1))],
}

CONTEXT: Example = {
    "center": R0, "depth": 1,
    "nodes": [{**_author(R0, 0, 23, "Emerging"),
               "properties": {**_author(R0, 0, 23, "Emerging")["properties"],
                              "works_count": 65}},
              _author(R1, 1, 16, "New"), _author("researcher4", 1, 14, "New"),
              _node(CS["id"], "Topic", CS["name"], 1, name=CS["name"], source="openalex"),
              _node(LAB["id"], "Institution", LAB["name"], 1, name=LAB["name"]),
              _node(ARXIV["id"], "Venue", ARXIV["name"], 1, name=ARXIV["name"])],
    "edges": [_edge(R0, "COLLABORATES_WITH", R1, shared_works=7, last_year=2020),
              _edge(R0, "COLLABORATES_WITH", "researcher4", shared_works=4, last_year=2020),
              _edge(R1, "COLLABORATES_WITH", "researcher4", shared_works=2),
              _edge(R0, "WORKS_ON", CS["id"], works=10),
              _edge(R0, "AFFILIATED_WITH", LAB["id"], start_year=2015),
              _edge(R0, "PUBLISHES_IN", ARXIV["id"], works=65)],
    "totals": {"works": 65, "collaborators": 4, "topics": 25, "institutions": 1, "venues": 1},
    "truncated": True,
}

SHARED_WORKS: Example = {
    "center": R0, "depth": 1, "total": 7,
    "nodes": [_node(R0, "Author", R0, 0, name=R0, trust_score=23),
              _node(R1, "Author", R1, 1, name=R1, trust_score=16),
              _work(NAR, 1), _work(MCBERT, 1)],
    "edges": [_edge(author, "AUTHORED", work["id"])
              for work in (NAR, MCBERT) for author in (R0, R1)],
    "truncated": True,
}

WORK: Example = {
    **FABIND,
    "abstract": "Modeling the interaction between proteins and ligands and accurately "
                "predicting their binding structures is a critical yet challenging task in "
                "drug discovery. …",
    "type": "preprint", "doi": None, "arxiv_id": None, "openalex_id": None,
    "cited_by_count": None, "publication_date": None, "is_stub": False, "venue": ARXIV,
    "counts": {"authors": 1, "topics": 1, "references": 2, "cited_by": 0},
    "authors": [{"id": R0, "name": R0, "position": 0}],
    "topics": [{"id": "peergraph:15", "name": "drug / protein / molecular", "score": 0.7771}],
    "references": [{"id": "sample:we6c715ba80ee", "title": "Task-Level Curriculum Learning "
                    "for Non-Autoregressive Neural Machine Translation", "year": 2020},
                   {"id": "sample:wfacd285c7442", "title": "Modeling Lost Information in "
                    "Lossy Image Compression", "year": 2020}],
    "cited_by": [],
}

TOPIC: Example = {
    **CS, "source": "openalex", "counts": {"works": 10},
    "works": [{"id": "sample:w228165cf9940", "title": "Towards Deployment-Efficient "
               "Reinforcement Learning: Lower Bound and Optimality", "year": 2022,
               "score": 0.9}, {**NAR, "score": 0.9}],
    "authors": [{"id": R0, "name": R0, "works": 10}, {"id": R1, "name": R1, "works": 3}],
}

INSTITUTION: Example = {
    **LAB, "ror": "05h8cbd41", "country": "CN", "type": "company", "domains": None,
    "counts": {"authors": 2},
    "authors": [{"id": R0, "name": R0, "works": 65, "start_year": 2015, "end_year": None},
                {"id": R1, "name": R1, "works": 10, "start_year": None, "end_year": None}],
}

SEARCH: Example = {
    "query": "protein", "types": ["author", "work"],
    "items": [{"type": "work", "id": FABIND["id"], "label": FABIND["title"],
               "score": 3.692863941192627,
               "highlight": "FABind: Fast and Accurate <mark>Protein</mark>-Ligand Binding",
               "highlight_in": "label",
               "properties": {"type": "preprint", "year": 2024, "author_count": 1,
                              "authors": [{"id": R0, "name": R0}]}}],
    "total": 1, "total_is_lower_bound": False, "offset": 0, "limit": 20,
}

SCORE_HISTORY: Example = {
    "author_id": R0,
    "history": [{"run_id": RUN_ID, "value": 23, "band": "Emerging", "breakdown": BREAKDOWN,
                 "at": SCORED_AT, "version": "trust-v2", "verification_level": "L1"}],
}

SCORING_RUNS: Example = {
    "runs": [{"id": RUN_ID, "mode": "full", "status": "completed",
              "started": "2025-11-03T02:00:01.791000Z",
              "finished": "2025-11-03T02:00:16.611000Z", "authors_scored": 5,
              "version": "trust-v2", "error": None}],
}

RESCORE_STARTED: Example = {"full": False,
                   "detail": "Rescoring started; follow it at GET /api/v1/scoring/runs."}

POSSIBLE_DUPLICATES: Example = {
    "id": "A5000000001", "name": "C. Balázs", "name_key": "c balazs",
    "candidates": [{"id": "s2:5000000011", "name": "C. Balázs", "source": "s2ag", "orcid": None,
                    "evidence": {"shared_works": ["W5000000001"],
                                 "shared_coauthors": ["E. L. Berger", "P. M. Nadolsky"],
                                 "shared_topics": [], "topic_overlap": 0.0}}],
}

DUPLICATE_MERGED: Example = {"id": "A5000000001", "other": "s2:5000000011",
                             "decision": "merged"}
