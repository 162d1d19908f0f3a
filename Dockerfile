# The Peergraph API / rescoring image (Neo4j itself runs from the official image in compose).
FROM node:20-slim AS web
WORKDIR /web
COPY web/package.json web/package-lock.json web/fcose.entry.mjs ./
RUN npm ci && npm run build && npm prune --omit=dev

FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY core core
COPY service service
COPY cypher cypher
COPY loaders loaders
COPY scoring scoring
COPY web/static web/static
COPY --from=web /web/node_modules web/node_modules
COPY --from=web /web/dist web/dist
# Editable, so the service finds web/ beside its code (PROJECT_ROOT = /app).
RUN pip install --no-cache-dir -e . && useradd --create-home peergraph
USER peergraph
EXPOSE 8000
CMD ["peergraph", "serve", "--host", "0.0.0.0"]
