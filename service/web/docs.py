"""`/docs` (Swagger UI) and `/redoc`: the API's reference, from the npm packages this
service serves itself (web/package-lock.json pins them), under the pages' CSP."""

from __future__ import annotations

import secrets
from functools import lru_cache

from fastapi import APIRouter, Request
from fastapi.responses import Response

from service.web.pages import NODE_MODULES
from service.web.render import render

router = APIRouter(include_in_schema=False)

REDOC_BUNDLE = NODE_MODULES / "redoc" / "bundles" / "redoc.standalone.js"
# Redoc's footer fetches its maker's logo from a CDN: a foreign request (and, offline, a
# failed one). The bundle is served with that one URL emptied; the footer's img hides itself.
REDOC_LOGO_URL = b"https://cdn.redoc.ly/redoc/logo-mini.svg"
# The two <style> elements the bundle's style-loader adds before Redoc.init can pass the
# nonce on (perfect-scrollbar's rules, and an empty one), pinned with redoc 2.5.2 by the lock
# file; the browser test fails on any CSP violation, so a new version shows at once.
REDOC_STYLE_HASHES = ("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=' "
                      "'sha256-QMIg+bpjm3JdElJ388KYke01izlUW0UoNOeKjpMxdgc='")


@router.get("/docs")
def swagger_ui(request: Request) -> Response:
    """Try the API from the browser: Swagger UI over /openapi.json."""
    return render(request, "docs.html", {"viewer": "swagger"})


@router.get("/redoc")
def redoc(request: Request) -> Response:
    """Read the API as one document: Redoc over /openapi.json.

    Redoc's styled-components inject `<style>` elements; a fresh nonce per response admits
    those and nothing else (the pages' CSP has no 'unsafe-inline'). Its search index runs in
    a worker the bundle makes from a blob: URL."""
    nonce = secrets.token_urlsafe(16)
    return render(request, "docs.html", {"viewer": "redoc", "nonce": nonce},
                  csp={"style-src": f"'nonce-{nonce}' {REDOC_STYLE_HASHES}",
                       "worker-src": "'self' blob:"})


@router.get("/static/docs/redoc.standalone.js")
def redoc_bundle() -> Response:
    """Redoc's bundle from web/node_modules, its one CDN URL emptied (see REDOC_LOGO_URL)."""
    if not REDOC_BUNDLE.is_file():  # web/node_modules not installed: the page says so
        return Response(status_code=404)
    return Response(_redoc_bundle(), media_type="text/javascript",
                    headers={"Cache-Control": "public, max-age=3600"})


@lru_cache(maxsize=1)
def _redoc_bundle() -> bytes:
    """The bundle as served (read once per process: 1 MB, pinned by the lock file)."""
    return REDOC_BUNDLE.read_bytes().replace(REDOC_LOGO_URL, b"")
