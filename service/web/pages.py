"""The web explorer's pages: `/` (search, most trusted), `/authors/{id}` (the profile page),
`/works/{id}` (a work in the graph), `/explore` (the interactive graph); the routers of
sign-in (web/signin.py, with ORCID: web/orcid_signin.py), the account pages (web/account.py,
web/overview.py) and the invitations page (web/inbox.py); and the static files they use."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, FastAPI, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from core.errors import PeergraphError
from core.settings import PROJECT_ROOT
from service import id_path  # noqa: F401  (registers the {…:anyid} path type)
from service.deps import AccountsDep, GraphDep, SettingsDep
from service.identity.rescore import rescore_pending
from service.repository import authors, entities
from service.repository import search as search_repo
from service.web import account, actions, inbox, orcid_signin, overview, signin, views
from service.web.render import caller_context, render
from service.web.session import signed_in_caller

STATIC_DIR = PROJECT_ROOT / "web" / "static"
NODE_MODULES = PROJECT_ROOT / "web" / "node_modules"
WEB_BUILD = PROJECT_ROOT / "web" / "dist"  # `npm run --prefix web build`: the fcose bundle
# npm packages the pages load, each from its own folder (pinned by web/package-lock.json):
# URL name -> folder inside web/node_modules. Only these are served, never the whole tree.
VENDOR_DIRS = {
    "cytoscape": "cytoscape/dist",
    "katex": "katex/dist",
    "swagger-ui": "swagger-ui-dist",
    "redoc": "redoc/bundles",
}
RESULTS_PER_PAGE = 20
NODE_TYPES = [("Author", "Authors"), ("Work", "Works"), ("Topic", "Topics"),
              ("Institution", "Institutions"), ("Venue", "Venues")]

# The explorer's first view, per screen: how many of each neighbour its context holds. The
# page preloads that context (one link per media query) and explorer.js asks for the same URL.
PHONE_MEDIA = "(max-width: 900px)"  # app.css's phone breakpoint
WIDE_MEDIA = f"not all and {PHONE_MEDIA}"
FIRST_VIEW = {"wide": {"collaborators": 12, "topics": 6, "institutions": 4, "venues": 3},
              "phone": {"collaborators": 8, "topics": 4, "institutions": 2, "venues": 2}}

router = APIRouter(tags=["web pages"], include_in_schema=False,
                   default_response_class=HTMLResponse)


def page(request: Request, name: str, build: Callable[[], dict[str, Any]],
         caller_context: dict[str, Any]) -> Response:
    """Render a page from what `build` reads (its failures become error pages: error_page)."""
    return render(request, name, {**caller_context, **build()})


def error_page(request: Request, status: int, title: str, detail: str) -> Response:
    """The error page the app's error handlers answer a page's failure with."""
    try:
        caller = signed_in_caller(request)
    except Exception:  # the header's sign-in state must not hide the error itself
        caller = None
    return render(request, "error.html", {"caller": caller, "title": title, "detail": detail},
                  status)


@router.get("/")
def home(request: Request, graph: GraphDep, store: AccountsDep,
         q: Annotated[str | None, Query(max_length=500)] = None,
         page_number: Annotated[int, Query(alias="page", ge=1, le=500)] = 1) -> Response:
    """Search box and results (pages of RESULTS_PER_PAGE), the most trusted and the most
    recently scored authors."""
    who = caller_context(request)

    def build() -> dict[str, Any]:
        results, error = None, None
        if q and q.strip():
            offset = min((page_number - 1) * RESULTS_PER_PAGE, search_repo.MAX_COUNTED)
            try:
                results = search_repo.search(graph, q.strip(), list(search_repo.SEARCH_TYPES),
                                             RESULTS_PER_PAGE, offset)
            except PeergraphError as exc:  # an unparsable query is the visitor's to fix
                error = exc.detail
        return {"q": q, "results": results, "search_error": error, "page": page_number,
                "per_page": RESULTS_PER_PAGE,
                "lists": views.home_lists(graph),
                "mine": views.my_lists(graph, store, who["caller"])}

    return page(request, "home.html", build, who)


@router.get("/authors/{author_id:anyid}")
def profile(request: Request, author_id: Annotated[str, Path(max_length=512)],
            graph: GraphDep, settings: SettingsDep, store: AccountsDep,
            works_page: Annotated[int, Query(ge=1, le=100_000)] = 1) -> Response:
    """The profile page laid out as the seed: snapshot, actions, graph, published work."""
    who = caller_context(request)

    def build() -> dict[str, Any]:
        p = authors.get_profile(graph, author_id, top_topics=views.TOPICS_LISTED)
        works, abstracts = views.works_page(graph, p.id, works_page)
        history = views.history_of(graph, p.id)
        viewer = views.viewer_of(graph, store, who["caller"], p.id)
        return {"p": p, "works": works, "abstracts": abstracts,
                "works_page": works_page, "works_from": (works_page - 1) * views.WORKS_PER_PAGE,
                "works_pages": max(1, -(-works.total // views.WORKS_PER_PAGE)),
                "close": views.close_collaborators(graph, p.id),
                "suggested": views.suggestions_of(graph, p.id),
                "signals": views.signal_rows(p), "score_notes": views.score_notes(graph, p),
                "history": history,
                "history_points": views.history_points(history),
                "viewer": viewer, "invite_reasons": views.invite_reasons(viewer, p.name or p.id),
                "rescoring": rescore_pending(request, p.id)}

    return page(request, "profile.html", build, who)


@router.get("/works/{work_id:anyid}")
def work_page(request: Request, work_id: Annotated[str, Path(max_length=512)],
              graph: GraphDep) -> Response:
    """A work: title, authors, venue, year, abstract, topics, references and citing works."""
    who = caller_context(request)
    return page(request, "work.html", lambda: {"w": entities.get_work(graph, work_id)}, who)


@router.get("/explore")
def explore(request: Request,
            focus: Annotated[str | None, Query(max_length=512)] = None) -> Response:
    """The interactive explorer around `focus` (any node's id); the browser loads the graph."""
    who = caller_context(request)
    return page(request, "explore.html", lambda: {
        "focus": focus or "", "node_types": NODE_TYPES, "phone_media": PHONE_MEDIA,
        "sizes": {screen: urlencode(sizes) for screen, sizes in FIRST_VIEW.items()},
        "first_view": first_view_urls(focus) if focus else []}, who)


def first_view_urls(focus: str) -> list[tuple[str, str]]:
    """(media query, URL) of the focus's context for each screen, as explorer.js asks."""
    path = f"/api/v1/authors/{quote(focus, safe='')}/context"
    return [(WIDE_MEDIA, f"{path}?{urlencode(FIRST_VIEW['wide'])}"),
            (PHONE_MEDIA, f"{path}?{urlencode(FIRST_VIEW['phone'])}")]


def install(app: FastAPI) -> None:
    """Add the pages, their writes and their static files (ours, and the npm graph library)."""
    app.include_router(router)
    app.include_router(signin.router)
    app.include_router(orcid_signin.router)
    app.include_router(account.router)
    app.include_router(overview.router)
    app.include_router(inbox.router)
    app.include_router(actions.router)
    # The npm packages' own folders (`npm ci --prefix web`), never a CDN copy.
    for name, folder in VENDOR_DIRS.items():
        files = StaticFiles(directory=NODE_MODULES / folder, check_dir=False)
        app.mount(f"/static/vendor/{name}", files, name=f"vendor-{name}")
    app.mount("/static/build", StaticFiles(directory=WEB_BUILD, check_dir=False), name="build")
    app.mount("/static", StaticFiles(directory=STATIC_DIR, check_dir=False), name="static")
