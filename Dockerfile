# Förderlotse Leine-Weser: the Telegram bot. Configuration comes from the environment
# (see README); drafts, the database and staff knowledge-base versions live on the volume.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    BOT_DATA_DIR=/data

RUN useradd --create-home --uid 10001 bot \
    && mkdir -p /data && chown bot:bot /data

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY knowledge ./knowledge
RUN pip install . && rm -rf /app/bot /app/knowledge

USER bot
WORKDIR /home/bot
VOLUME ["/data"]
# Only used with BOT_WEBHOOK_URL (behind a reverse proxy); long polling needs no port.
EXPOSE 8443

# Healthy while the bot takes updates: the poll loop (or, with a webhook, a keep-alive)
# writes /data/heartbeat; a bot that stopped polling turns unhealthy within 90 s.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "-m", "bot", "health"]

CMD ["python", "-m", "bot", "telegram"]
