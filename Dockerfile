# The Peergraph API / rescoring image (Neo4j itself runs from the official image in compose).
FROM node:20-slim AS web
WORKDIR /web
COPY web/package.json web/package-lock.json web/fcose.entry.mjs ./
RUN npm ci && npm run build && npm prune --omit=dev

# the bulk import's transform (native/, Rust) as an abi3 wheel
FROM rust:1-slim-bookworm AS native
RUN apt-get update -qq && apt-get install -y -qq python3-pip python3-venv >/dev/null \
    && python3 -m venv /maturin && /maturin/bin/pip install --quiet "maturin>=1.7,<2"
COPY native /native
RUN /maturin/bin/maturin build --release --manifest-path /native/Cargo.toml -o /wheels

FROM python:3.11-slim
WORKDIR /app
COPY --from=native /wheels /wheels
COPY pyproject.toml README.md ./
COPY cli cli
COPY core core
COPY service service
COPY cypher cypher
COPY loaders loaders
COPY scoring scoring
COPY web/static web/static
COPY --from=web /web/node_modules web/node_modules
COPY --from=web /web/dist web/dist
# Editable, so the service finds web/ beside its code (PROJECT_ROOT = /app).
RUN pip install --no-cache-dir /wheels/*.whl -e . && useradd --create-home peergraph
USER peergraph
EXPOSE 8000
CMD ["peergraph", "serve", "--host", "0.0.0.0"]
