# Förderlotse Leine-Weser: the Telegram bot. Configuration comes from the environment
# (see README); drafts, the database and staff knowledge-base versions live on the volume.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    BOT_DATA_DIR=/data \
    XDG_CACHE_HOME=/opt/cache

RUN useradd --create-home --uid 10001 bot \
    && mkdir -p /data && chown bot:bot /data

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY knowledge ./knowledge
# The German nouns for compound splitting (bot/advice/lexicon.py) and simplemma's dictionaries
# as tries (bot/understanding/dictionaries.py) are cached in the image, so a container starts
# without loading simplemma's dictionaries.
RUN pip install . && rm -rf /app/bot /app/knowledge \
    && cd / && python -c "from bot.advice.lexicon import german_nouns; german_nouns(); \
from bot.understanding.dictionaries import load; load()" \
    && test -n "$(ls /opt/cache/foerderlotse)" \
    && test -n "$(ls /opt/cache/foerderlotse/simplemma-*/de.dic)"

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
