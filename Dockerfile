# The Peergraph API / rescoring image (Neo4j itself runs from the official image in compose).
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY service service
COPY cypher cypher
COPY loaders loaders
COPY scoring scoring
RUN pip install --no-cache-dir . && useradd --create-home peergraph
USER peergraph
EXPOSE 8000
CMD ["peergraph", "serve", "--host", "0.0.0.0"]
