"""Shared test helpers, loaded as a pytest plugin (`tests/support/plugin.py`).

Modelled on python-telegram-bot's `tests/auxil/`: scripted conversations as data
(`scripts`), a recorder that turns what the bot answered into stable plain text (`transcript`),
golden files (`golden`), and drivers that play a script on each transport (`drivers`).
"""
