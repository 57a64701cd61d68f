"""The Telegram adapter (python-telegram-bot).

PTB 22 warns on every `RetryAfter` unless durations are `timedelta`s; opt in before PTB reads
the switch, so back-off code deals with one type only.
"""

import os

os.environ.setdefault("PTB_TIMEDELTA", "true")
