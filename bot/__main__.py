"""Command line: `python -m bot [chat | telegram | health | advise --jsonl | kb check|apply|...]`.

Without a command the bot decides: Telegram when a token is configured, else the terminal chat.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

from bot.settings import ConfigurationError, Settings, load_settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("chat", help="the sponsor dialog in the terminal")
    commands.add_parser("telegram", help="run the Telegram bot (long polling or webhook)")
    health = commands.add_parser(
        "health", help="exit 0 if the running bot took updates lately, else 1 (HEALTHCHECK)"
    )
    health.add_argument(
        "--max-age",
        type=float,
        default=None,
        metavar="SECONDS",
        help="how old the bot's last heartbeat may be (default: 90)",
    )
    advise = commands.add_parser("advise", help="advice for JSON Lines on stdin")
    advise.add_argument("--jsonl", action="store_true", required=True)
    advise.add_argument("--today", type=date.fromisoformat, help="fix the date (YYYY-MM-DD)")
    advise.add_argument("--lang", choices=("de", "en"), default="de")
    kb = commands.add_parser("kb", help="check or apply knowledge files")
    kb_commands = kb.add_subparsers(dest="kb_command", required=True)
    check = kb_commands.add_parser("check", help="validate a knowledge directory")
    check.add_argument("directory", nargs="?", type=Path)
    apply = kb_commands.add_parser("apply", help="replace one knowledge file of the live set")
    apply.add_argument("file", type=Path)
    apply.add_argument("--dry-run", action="store_true", help="show the changes, apply nothing")
    apply.add_argument(
        "--based-on",
        metavar="VERSION",
        help="the version the file was made on (confirms the changes shown for a file "
        "without a version line)",
    )
    apply.add_argument(
        "--as", dest="as_name", metavar="NAME", help="the knowledge file it replaces"
    )
    kb_commands.add_parser("history", help="the live version and who changed what when")
    kb_commands.add_parser("rollback", help="make the previous version live again")
    export = kb_commands.add_parser("export", help="write the live knowledge files to DIR")
    export.add_argument("directory", type=Path)
    for command in kb_commands.choices.values():
        command.add_argument("--lang", choices=("de", "en"), default="de")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
    except ConfigurationError as error:
        print(error, file=sys.stderr)
        return 2
    command = args.command or ("telegram" if settings.telegram_bot_token else "chat")
    if command == "advise":
        return _advise(args, settings)
    if command == "kb":
        return _kb(args, settings)
    if command == "health":
        return _health(args, settings)
    problem = _data_dir_problem(settings.data_dir)
    if problem is not None:  # the chats store every answer there
        print(f"BOT_DATA_DIR: {problem}", file=sys.stderr)
        return 1
    if command == "telegram" and settings.telegram_bot_token is None:
        print(
            "TELEGRAM_BOT_TOKEN is not set: put the token from @BotFather into the "
            "environment or .env",
            file=sys.stderr,
        )
        return 2
    # Both chats write the database and (Telegram) deliver the outbox: one at a time per
    # directory, for as long as this process runs. `kb` and `advise` go without: staff
    # change knowledge files while the bot runs (the store has its own lock), advise reads.
    from bot.storage.instance import AlreadyRunning, InstanceLock

    try:
        lock = InstanceLock.take(settings.data_dir)
    except AlreadyRunning as error:
        print(f"BOT_DATA_DIR: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"BOT_DATA_DIR: cannot lock {settings.data_dir}: {error}", file=sys.stderr)
        return 1
    with lock:
        return _chat(command, settings)


def _chat(command: str, settings: Settings) -> int:
    if command == "telegram":
        from bot.adapters.telegram.app import run as run_telegram

        return run_telegram(settings)
    from bot.adapters.terminal import run as run_terminal

    return run_terminal(settings)


def _data_dir_problem(data_dir: Path) -> str | None:
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return f"cannot create {data_dir}: {error.strerror or error}"
    if not os.access(data_dir, os.W_OK | os.X_OK):
        return f"cannot write to {data_dir}"
    return None


def _health(args: argparse.Namespace, settings: Settings) -> int:
    from bot.clock import SystemClock
    from bot.health import MAX_AGE, check

    max_age = MAX_AGE if args.max_age is None else args.max_age
    health = check(settings.data_dir, SystemClock(), max_age)
    print(health.message, file=sys.stdout if health.healthy else sys.stderr)
    return 0 if health.healthy else 1


def _advise(args: argparse.Namespace, settings: Settings) -> int:
    from bot.adapters import advise_cli
    from bot.advice.advise import Advisor
    from bot.clock import SystemClock
    from bot.kb.live import load_live

    advisor = Advisor(load_live(settings.data_dir))
    today = args.today or SystemClock().today()
    return advise_cli.run(advisor, sys.stdin, sys.stdout, today, args.lang)


def _kb(args: argparse.Namespace, settings: Settings) -> int:
    from bot.adapters import kb_cli
    from bot.advice.theme_groups import theme_check
    from bot.clock import SystemClock
    from bot.kb.shipped import shipped_knowledge_dir
    from bot.kb.store import KnowledgeStore

    if args.kb_command == "check":
        return kb_cli.check(args.directory or shipped_knowledge_dir(), sys.stdout, args.lang)
    store = KnowledgeStore(settings.data_dir, SystemClock(), check=theme_check())
    if args.kb_command == "apply":
        return kb_cli.apply(
            store,
            args.file,
            sys.stdout,
            args.lang,
            dry_run=args.dry_run,
            based_on=args.based_on,
            as_name=args.as_name,
        )
    if args.kb_command == "rollback":
        return kb_cli.rollback(store, sys.stdout, args.lang)
    if args.kb_command == "export":
        return kb_cli.export(store, args.directory, sys.stdout, args.lang)
    return kb_cli.history(store, sys.stdout, args.lang)


if __name__ == "__main__":
    sys.exit(main())
