# The BFF image (first version; compose.yaml builds it). The frontend is served by nginx, not by this image.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml requirements.lock ./
COPY backend ./backend
RUN pip install --no-cache-dir -c requirements.lock . && useradd --system coffer
USER coffer
EXPOSE 8080
CMD ["coffer", "serve", "--host", "0.0.0.0", "--port", "8080"]
