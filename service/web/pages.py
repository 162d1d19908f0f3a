"""The web explorer's pages: `/` (search, most trusted), `/authors/{id}` (the profile page),
`/explore` (the interactive graph), sign-in and sign-out; and the static files they use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path as FilePath
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, FastAPI, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from core.errors import PeergraphError, Unauthorized
from core.settings import PROJECT_ROOT
from service import id_path  # noqa: F401  (registers the {…:anyid} path type)
from service.auth import authenticate
from service.deps import AccountsDep, GraphDep, SettingsDep
from service.repository import authors
from service.repository import search as search_repo
from service.web import actions, views
from service.web.session import (
    WebSession,
    check_csrf,
    load_session,
    save_session,
    sign_in,
    signed_in_caller,
)
from service.web.session import csrf_token as csrf_of
from service.web.session import sign_out as end_session

TEMPLATES = Jinja2Templates(directory=FilePath(__file__).resolve().parent / "templates")
STATIC_DIR = PROJECT_ROOT / "web" / "static"
CYTOSCAPE_DIST = PROJECT_ROOT / "web" / "node_modules" / "cytoscape" / "dist"
NODE_TYPES = [("Author", "Authors"), ("Work", "Works"), ("Topic", "Topics"),
              ("Institution", "Institutions"), ("Venue", "Venues")]
# Only this site: no CDN, no fonts, no analytics; scripts and styles from files only. The
# hash admits the one fixed rule Cytoscape.js injects (`.__________cytoscape_container
# { position: relative; }`), which app.css also sets, so a changed rule only costs a warning.
CYTOSCAPE_STYLE_HASH = "'sha256-pgvDUBa4IjFA2yuSJ2cqcyxmNYJMborsd0ORcRv9vw8='"
CSP = ("default-src 'self'; script-src 'self'; "
       f"style-src 'self' {CYTOSCAPE_STYLE_HASH}; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
       "form-action 'self'; frame-ancestors 'none'")

router = APIRouter(tags=["web pages"], include_in_schema=False,
                   default_response_class=HTMLResponse)


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    """A page with the session's CSRF token and the signed-in user; sets the cookie."""
    session = load_session(request)
    response = TEMPLATES.TemplateResponse(request, name,
                                          {"csrf": csrf_of(request, session), **context},
                                          status_code=status)
    save_session(request, response, session)
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store"  # pages show the visitor's own state
    return response


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


def _caller_context(request: Request) -> dict[str, Any]:
    """Who is signed in, for the header."""
    return {"caller": signed_in_caller(request)}


@router.get("/")
def home(request: Request, graph: GraphDep, store: AccountsDep,
         q: Annotated[str | None, Query(max_length=500)] = None) -> Response:
    """Search box and results, the most trusted and the most recently scored authors."""
    who = _caller_context(request)

    def build() -> dict[str, Any]:
        results, error = [], None
        if q and q.strip():
            try:
                results = search_repo.search(graph, q.strip(),
                                             list(search_repo.SEARCH_TYPES), 20).items
            except PeergraphError as exc:  # an unparsable query is the visitor's to fix
                error = exc.detail
        return {"q": q, "results": results, "search_error": error,
                "lists": views.home_lists(graph),
                "mine": views.my_lists(graph, store, who["caller"])}

    return page(request, "home.html", build, who)


@router.get("/authors/{author_id:anyid}")
def profile(request: Request, author_id: Annotated[str, Path(max_length=512)],
            graph: GraphDep, settings: SettingsDep, store: AccountsDep,
            works_after: Annotated[str | None, Query(max_length=512)] = None,
            works_from: Annotated[int, Query(ge=0, le=1_000_000)] = 0) -> Response:
    """The profile page laid out as the seed: snapshot, actions, graph, published work."""
    who = _caller_context(request)

    def build() -> dict[str, Any]:
        p = authors.get_profile(graph, author_id)
        works, abstracts = views.works_page(graph, p.id, works_after)
        history = views.history_of(graph, p.id)
        return {"p": p, "works": works, "abstracts": abstracts,
                "works_from": works_from if works_after else 0,
                "close": views.close_collaborators(graph, p.id),
                "signals": views.signal_rows(p), "history": history,
                "history_points": views.history_points(history),
                "viewer": views.viewer_of(graph, store, who["caller"], p.id)}

    return page(request, "profile.html", build, who)


@router.get("/explore")
def explore(request: Request,
            focus: Annotated[str | None, Query(max_length=512)] = None) -> Response:
    """The interactive explorer around `focus` (any node's id); the browser loads the graph."""
    who = _caller_context(request)
    return page(request, "explore.html",
                lambda: {"focus": focus or "", "node_types": NODE_TYPES}, who)


def _safe_next(target: str | None) -> str:
    """A local path to go back to after signing in; anything else becomes `/`."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return "/"
    parts = urlsplit(target)
    return "/" if parts.scheme or parts.netloc or "\\" in target else target


@router.get("/signin")
def signin_form(request: Request,
                next: Annotated[str | None, Query(max_length=1000)] = None) -> Response:
    """The sign-in form: paste an API token."""
    who = _caller_context(request)
    return render(request, "signin.html", {**who, "next": _safe_next(next), "error": None})


@router.post("/signin")
def signin(request: Request, store: AccountsDep,
           token: Annotated[str, Form(max_length=200)],
           csrf_token: Annotated[str, Form(max_length=100)],
           next: Annotated[str, Form(max_length=1000)] = "/") -> Response:
    """Check the token and keep it in the session; back to the page the visitor came from."""
    session = load_session(request)
    check_csrf(request, session, csrf_token)
    try:
        caller = authenticate(store, token.strip())
    except Unauthorized as exc:
        return render(request, "signin.html", {"caller": None, "next": _safe_next(next),
                                               "error": exc.detail}, 401)
    sign_in(request, session, caller)
    return _redirect(request, session, _safe_next(next))


@router.post("/signout")
def signout(request: Request, csrf_token: Annotated[str, Form(max_length=100)]) -> Response:
    """End the session (a replayed cookie is then refused); back to the start page."""
    session = load_session(request)
    check_csrf(request, session, csrf_token)
    end_session(request, session)
    return _redirect(request, session, "/")


def _redirect(request: Request, session: WebSession, to: str) -> Response:
    """A 303 to a local page, carrying the updated session cookie."""
    response = RedirectResponse(to, status_code=303)
    save_session(request, response, session)
    return response


def install(app: FastAPI) -> None:
    """Add the pages, their writes and their static files (ours, and the npm graph library)."""
    app.include_router(router)
    app.include_router(actions.router)
    # The npm package's own dist folder (`npm ci --prefix web`), never a CDN copy.
    app.mount("/static/vendor/cytoscape", StaticFiles(directory=CYTOSCAPE_DIST, check_dir=False),
              name="cytoscape")
    app.mount("/static", StaticFiles(directory=STATIC_DIR, check_dir=False), name="static")
