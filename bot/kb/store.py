"""Versions of the knowledge base that staff apply, roll back and export.

Layout under `data_dir/knowledge/`:

- `versions/NNNN/`: one complete set of the knowledge files plus `meta.json` (parent, who,
  when, file, change). A version directory is written to a temporary directory, fsynced and
  renamed into place, and never changed afterwards. `0000` is a snapshot of the shipped
  knowledge base, taken at the first apply; until then version 0 is the shipped directory.
- `LIVE`: the number of the live version, replaced atomically (`os.replace`). Without it the
  shipped knowledge base is live.
- `history.jsonl`: one JSON object per switch (apply or rollback), appended after the switch.

A crash before the switch leaves the old version live (the orphaned directory is never used and
its number is not reused). A corrupt `LIVE`, or one naming a missing or invalid version, falls
back to the newest valid version in the history, else the shipped set, with a logged warning.
Writers (the CLI and a running bot) serialise on a lock file.
"""

from __future__ import annotations

import contextlib
import dataclasses
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.clock import Clock
from bot.kb.diff import Change, diff_kb
from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import KbError, KnowledgeError, parse_set
from bot.kb.models import KNOWLEDGE_FILES
from bot.kb.shipped import shipped_knowledge_dir
from bot.kb.yamlsafe import MAX_FILE_BYTES
from bot.texts.catalog import Escape, Language, Msg, verbatim

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = MAX_FILE_BYTES
"""Check a Telegram document's `file_size` against this before downloading it."""

ALLOWED_NAMES = tuple(KNOWLEDGE_FILES)
ADDED_LATER = frozenset({"faq.yaml"})
"""Knowledge files added after versions were first stored: a stored version without one is
completed with the shipped file (instead of falling back to the shipped set as a whole)."""
_VERSION_DIR = re.compile(r"^[0-9]{4,}$")
_META = "meta.json"


def label(number: int) -> str:
    """How staff see a version: `v3`."""
    return f"v{number}"


def _dir_name(number: int) -> str:
    return f"{number:04d}"


def _number(version: str) -> int | None:
    text = version.strip().removeprefix("v")
    return int(text) if text.isdigit() else None


def upload_name(name: str) -> str | None:
    """The knowledge file an uploaded name replaces (`Projects.yml` -> `projects.yaml`).

    Names with a path are refused: a Telegram document name never legitimately has one, and
    the CLI passes only the final component of the path it was given.
    """
    if not name or "/" in name or "\\" in name or "\x00" in name:
        return None
    stem, dot, suffix = name.strip().rpartition(".")
    if not dot or suffix.lower() not in {"yaml", "yml"}:
        return None
    candidate = f"{stem.lower()}.yaml"
    return candidate if candidate in KNOWLEDGE_FILES else None


def _shown(name: str) -> str:
    """A file name as it may be echoed back: printable, at most 80 characters."""
    text = "".join(c if c.isprintable() else "?" for c in name)
    return text if len(text) <= 80 else text[:79] + "…"


@dataclass(frozen=True)
class Size:
    """A file size in megabytes, written the way the language writes decimals."""

    size: int

    def localize(self, language: Language, escape: Escape = verbatim) -> str:
        text = f"{self.size / 1024 / 1024:.1f} MB"
        return escape(text.replace(".", ",") if language == "de" else text)


def check_upload(name: str, size: int) -> list[KbError]:
    """Problems with an upload's name and size, before its content is read."""
    errors: list[KbError] = []
    target = upload_name(name)
    if target is None:
        errors.append(
            KbError(
                file=_shown(name) or "?",
                message=Msg("kb.upload.unknown_name", {"allowed": ", ".join(ALLOWED_NAMES)}),
            )
        )
    if size > MAX_UPLOAD_BYTES:
        errors.append(
            KbError(
                file=target or _shown(name) or "?",
                message=Msg(
                    "kb.upload.too_large", {"size": Size(size), "limit": Size(MAX_UPLOAD_BYTES)}
                ),
            )
        )
    return errors


@dataclass(frozen=True)
class HistoryEntry:
    version: str
    """The version live after this entry (`v3`)."""
    parent: str
    """The version live before it."""
    who: str
    when: str
    """ISO 8601 timestamp from the injected clock."""
    file: str | None
    """The replaced file; None for a rollback."""
    change: Change
    rollback: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "parent": self.parent,
            "who": self.who,
            "when": self.when,
            "file": self.file,
            "summary": self.change.counts(),
            "change": self.change.to_json(),
            "rollback": self.rollback,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> HistoryEntry:
        file = data.get("file")
        return cls(
            version=str(data["version"]),
            parent=str(data["parent"]),
            who=str(data["who"]),
            when=str(data["when"]),
            file=None if file is None else str(file),
            change=Change.from_json(data.get("change", [])),
            rollback=bool(data.get("rollback", False)),
        )


@dataclass(frozen=True)
class Live:
    """The live knowledge base: its version, the validated content and the raw files."""

    version: str
    kb: KnowledgeBase
    files: Mapping[str, bytes]


@dataclass(frozen=True)
class Plan:
    """What replacing one file would do: either errors, or a valid set and its change."""

    file: str
    """The knowledge file replaced (the name as given, if it is not one)."""
    base: str
    """The live version the plan was made against."""
    errors: tuple[KbError, ...] = ()
    change: Change | None = None
    kb: KnowledgeBase | None = None
    identical: bool = False
    """The upload is byte for byte the live file: nothing to apply."""

    @property
    def ok(self) -> bool:
        return not self.errors and self.kb is not None


@dataclass(frozen=True)
class Applied:
    """The outcome of an apply or rollback."""

    version: str
    """The version live afterwards (unchanged when refused)."""
    previous: str
    """The version live before."""
    plan: Plan | None = None
    entry: HistoryEntry | None = None
    """The history entry recorded; None when nothing changed or the request was refused."""
    refusal: Msg | None = None

    @property
    def errors(self) -> tuple[KbError, ...]:
        return self.plan.errors if self.plan else ()

    @property
    def ok(self) -> bool:
        return self.refusal is None and not self.errors

    @property
    def changed(self) -> bool:
        return self.entry is not None


_PARSED: dict[str, KnowledgeBase] = {}
"""Validated sets by content hash: versions are immutable, and parsing takes a while."""
_PARSED_LOCK = threading.Lock()


def _parse(files: Mapping[str, bytes], version: str) -> KnowledgeBase:
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + hashlib.sha256(files[name]).digest())
    key = digest.hexdigest()
    with _PARSED_LOCK:
        kb = _PARSED.get(key)
    if kb is None:
        kb = parse_set(files, version)
        with _PARSED_LOCK:
            while len(_PARSED) >= 8:
                _PARSED.pop(next(iter(_PARSED)))
            _PARSED[key] = kb
    return kb if kb.version == version else dataclasses.replace(kb, version=version)


def _fsync_dir(path: Path) -> None:
    """Make a rename durable; best effort (some file systems refuse to sync directories)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_synced(path: Path, content: bytes) -> None:
    with path.open("wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())


class KnowledgeStore:
    def __init__(self, data_dir: Path, clock: Clock, shipped: Path | None = None) -> None:
        self.root = data_dir / "knowledge"
        self.versions = self.root / "versions"
        self.pointer = self.root / "LIVE"
        self.history_file = self.root / "history.jsonl"
        self.clock = clock
        self.shipped = shipped or shipped_knowledge_dir()
        self._cached: tuple[str | None, Live] | None = None

    # --- reading -------------------------------------------------------------------------

    def current(self) -> Live:
        """The live version; cheap when `LIVE` has not changed since the last call."""
        pointer = self._read_pointer()
        cached = self._cached
        if cached is not None and cached[0] == pointer:
            return cached[1]
        live = self._resolve(pointer)
        self._cached = (pointer, live)
        return live

    def live(self) -> KnowledgeBase:
        return self.current().kb

    def live_version(self) -> str:
        return self.current().version

    def live_files(self) -> dict[str, bytes]:
        return dict(self.current().files)

    def history(self) -> list[HistoryEntry]:
        """Every apply and rollback, oldest first; unreadable lines are skipped with a warning."""
        try:
            lines = self.history_file.read_bytes().splitlines()
        except FileNotFoundError:
            return []
        except OSError as error:
            log.warning("knowledge history %s unreadable: %s", self.history_file, error)
            return []
        entries: list[HistoryEntry] = []
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                if not isinstance(data, dict):
                    raise ValueError("not an object")
                entries.append(HistoryEntry.from_json(data))
            except (ValueError, KeyError, TypeError, AttributeError) as error:
                log.warning("%s line %d skipped: %s", self.history_file, number, error)
        return entries

    def made_live_by(self, version: str) -> HistoryEntry | None:
        """The newest history entry that made `version` live (for /kb_version)."""
        return next((e for e in reversed(self.history()) if e.version == version), None)

    def _read_pointer(self) -> str | None:
        try:
            return self.pointer.read_text(encoding="utf-8", errors="replace").strip()
        except FileNotFoundError:
            return None
        except OSError as error:
            log.warning("knowledge pointer %s unreadable: %s", self.pointer, error)
            return "?"

    def _files(self, number: int) -> dict[str, bytes]:
        directory = self.versions / _dir_name(number)
        if number == 0 and not directory.is_dir():
            directory = self.shipped
        files: dict[str, bytes] = {}
        for name in KNOWLEDGE_FILES:
            path = directory / name
            if name in ADDED_LATER and not path.exists():
                # A version written before the file existed: the shipped one completes it.
                path = self.shipped / name
            files[name] = path.read_bytes()
        return files

    def _load(self, number: int) -> Live:
        """A version, validated; raises KnowledgeError or OSError."""
        files = self._files(number)
        return Live(label(number), _parse(files, label(number)), files)

    def _resolve(self, pointer: str | None) -> Live:
        if pointer is None:
            entries = self.history()
            if not entries:  # nothing applied yet (or the first apply crashed before its switch)
                try:
                    return self._load(0)
                except (OSError, KnowledgeError) as error:
                    log.warning("knowledge version v0 unusable: %s", error)
                    return self._shipped_live()
            log.warning("%s is missing although versions were applied", self.pointer)
            return self._fallback(entries, exclude=None)
        number = int(pointer) if _VERSION_DIR.match(pointer) else None
        if number is None:
            log.warning("%s is corrupt (%r)", self.pointer, pointer[:40])
            return self._fallback(self.history(), exclude=None)
        try:
            return self._load(number)
        except (OSError, KnowledgeError) as error:
            log.warning("live knowledge version %s unusable: %s", label(number), error)
            return self._fallback(self.history(), exclude=number)

    def _fallback(self, entries: list[HistoryEntry], exclude: int | None) -> Live:
        """The newest valid version that was live according to the history, else shipped."""
        candidates: list[int] = []
        for entry in reversed(entries):
            number = _number(entry.version)
            if number is not None and number not in candidates:
                candidates.append(number)
        if not entries:  # no history either: the newest version directory that validates
            candidates = sorted(self._numbers(), reverse=True)
        for number in [*candidates, 0]:
            if number == exclude:
                continue
            try:
                live = self._load(number)
            except (OSError, KnowledgeError) as error:
                log.warning("knowledge version %s unusable: %s", label(number), error)
                continue
            log.warning("falling back to knowledge version %s", live.version)
            return live
        return self._shipped_live()

    def _shipped_live(self) -> Live:
        """The last resort: the knowledge base shipped with the package (never fails in use)."""
        log.warning("falling back to the shipped knowledge base")
        files = {name: (self.shipped / name).read_bytes() for name in KNOWLEDGE_FILES}
        return Live(label(0), _parse(files, label(0)), files)

    def _numbers(self) -> list[int]:
        try:
            return [
                int(path.name)
                for path in self.versions.iterdir()
                if _VERSION_DIR.match(path.name) and path.is_dir()
            ]
        except OSError:
            return []

    # --- planning ------------------------------------------------------------------------

    def plan(self, name: str, content: bytes) -> Plan:
        """Validate the whole set with `name` replaced by `content`; nothing is written."""
        return self._plan(self.current(), name, content)

    def _plan(self, live: Live, name: str, content: bytes) -> Plan:
        target = upload_name(name)
        errors = check_upload(name, len(content))
        if target is None or errors:
            return Plan(file=target or _shown(name), base=live.version, errors=tuple(errors))
        if not content.strip():
            error = KbError(file=target, message=Msg("kb.upload.empty"))
            return Plan(file=target, base=live.version, errors=(error,))
        if content == live.files[target]:
            change = Change()
            return Plan(target, live.version, change=change, kb=live.kb, identical=True)
        files = {**live.files, target: content}
        try:
            kb = _parse(files, "new")
        except KnowledgeError as error:
            return Plan(file=target, base=live.version, errors=tuple(error.errors))
        return Plan(target, live.version, change=diff_kb(target, live.kb, kb), kb=kb)

    # --- writing -------------------------------------------------------------------------

    def apply(self, name: str, content: bytes, who: str, base: str | None = None) -> Applied:
        """Validate and, if valid, make the set with `name` replaced the live version.

        `base`: refuse if the live version is no longer the one a dry run was shown for.
        On any error nothing changes.
        """
        plan = self.plan(name, content)  # without the lock: a refused upload touches no disk
        if not plan.ok:
            return Applied(plan.base, plan.base, plan=plan)
        try:
            with self._lock():
                return self._apply(name, content, who, base)
        except OSError as error:
            return self._write_failed(error, plan)

    def _apply(self, name: str, content: bytes, who: str, base: str | None) -> Applied:
        live = self.current()
        if base is not None and base != live.version:
            stale = Msg("kb.apply.stale", {"base": base, "version": live.version})
            return Applied(live.version, live.version, refusal=stale)
        plan = self._plan(live, name, content)  # again: another writer may have applied
        if not plan.ok or plan.identical:
            return Applied(live.version, live.version, plan=plan)
        assert plan.change is not None and plan.kb is not None
        files = {**live.files, plan.file: content}
        number = self._new_version(live, files, who, plan.file, plan.change)
        self._switch(number)
        new = Live(label(number), dataclasses.replace(plan.kb, version=label(number)), files)
        entry = HistoryEntry(new.version, live.version, who, self._now(), plan.file, plan.change)
        self._record(entry)
        self._cached = (_dir_name(number), new)
        return Applied(new.version, live.version, plan=plan, entry=entry)

    def rollback(self, who: str) -> Applied:
        """Make the version the live one was made from live again (recorded in the history)."""
        try:
            with self._lock():
                return self._rollback(who)
        except OSError as error:
            return self._write_failed(error, None)

    def _rollback(self, who: str) -> Applied:
        live = self.current()
        number = _number(live.version) or 0
        parent = self._parent(number)
        if parent is None:
            key = "kb.rollback.nothing" if number == 0 else "kb.rollback.unknown_parent"
            return Applied(live.version, live.version, refusal=Msg(key, {"version": live.version}))
        try:
            target = self._load(parent)
        except KnowledgeError as error:
            plan = Plan(file="", base=live.version, errors=tuple(error.errors))
            invalid = Msg("kb.rollback.invalid", {"version": label(parent)})
            return Applied(live.version, live.version, plan=plan, refusal=invalid)
        if parent == 0 and not (self.versions / _dir_name(0)).is_dir():
            self._snapshot_shipped(target.files)
        self._switch(parent)
        change = Change()
        for file in KNOWLEDGE_FILES:
            if live.files[file] != target.files[file]:
                change = Change(change.sections + diff_kb(file, live.kb, target.kb).sections)
        entry = HistoryEntry(
            target.version, live.version, who, self._now(), None, change, rollback=True
        )
        self._record(entry)
        self._cached = (_dir_name(parent), target)
        return Applied(target.version, live.version, entry=entry)

    def _write_failed(self, error: OSError, plan: Plan | None) -> Applied:
        """Nothing was switched (`_switch` is the last step that can fail)."""
        log.error("knowledge store %s not written: %s", self.root, error)
        version = plan.base if plan else self.live_version()
        detail = error.strerror or str(error)
        refusal = Msg("kb.apply.write_failed", {"detail": detail})
        return Applied(version, version, plan=plan, refusal=refusal)

    def _parent(self, number: int) -> int | None:
        if number == 0:
            return None
        meta = self._meta(number)
        parent = meta.get("parent") if meta else None
        if not isinstance(parent, str):
            made = next(
                (e for e in self.history() if e.version == label(number) and not e.rollback),
                None,
            )
            parent = made.parent if made else None
        return _number(parent) if parent is not None else None

    def _meta(self, number: int) -> dict[str, Any] | None:
        try:
            data = json.loads((self.versions / _dir_name(number) / _META).read_bytes())
        except (OSError, ValueError) as error:
            log.warning("metadata of knowledge version %s unreadable: %s", label(number), error)
            return None
        return data if isinstance(data, dict) else None

    def _now(self) -> str:
        moment: datetime = self.clock.now()
        return moment.isoformat(timespec="seconds")

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / ".lock").open("a+b") as handle:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    def _new_version(
        self, live: Live, files: Mapping[str, bytes], who: str, file: str, change: Change
    ) -> int:
        if not (self.versions / _dir_name(0)).is_dir() and live.version == label(0):
            self._snapshot_shipped(live.files)
        number = max([0, *self._numbers()]) + 1
        meta = {
            "version": label(number),
            "parent": live.version,
            "who": who,
            "when": self._now(),
            "file": file,
            "change": change.to_json(),
        }
        self._write_version(number, files, meta)
        return number

    def _snapshot_shipped(self, files: Mapping[str, bytes]) -> None:
        meta = {"version": label(0), "parent": None, "who": "shipped", "when": self._now()}
        self._write_version(0, files, meta)

    def _write_version(self, number: int, files: Mapping[str, bytes], meta: Any) -> None:
        self.versions.mkdir(parents=True, exist_ok=True)
        for stale in self.versions.glob(".tmp-*"):  # left by a crash; we hold the lock
            shutil.rmtree(stale, ignore_errors=True)
        for stale in self.root.glob(".LIVE-*"):
            stale.unlink(missing_ok=True)
        temporary = Path(tempfile.mkdtemp(prefix=".tmp-", dir=self.versions))
        try:
            for name in KNOWLEDGE_FILES:
                _write_synced(temporary / name, files[name])
            text = json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
            _write_synced(temporary / _META, text.encode("utf-8"))
            _fsync_dir(temporary)
            os.rename(temporary, self.versions / _dir_name(number))
        except BaseException:
            shutil.rmtree(temporary, ignore_errors=True)
            raise
        _fsync_dir(self.versions)

    def _switch(self, number: int) -> None:
        """Point `LIVE` at a version: write a temporary file, then `os.replace` it."""
        handle, name = tempfile.mkstemp(prefix=".LIVE-", dir=self.root)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(f"{_dir_name(number)}\n".encode())
                out.flush()
                os.fsync(out.fileno())
            os.replace(name, self.pointer)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(name)
            raise
        _fsync_dir(self.root)

    def _record(self, entry: HistoryEntry) -> None:
        """Append to the history; the switch has happened, so a failure here is only logged."""
        line = json.dumps(entry.to_json(), ensure_ascii=False) + "\n"
        try:
            with self.history_file.open("ab") as out:
                out.write(line.encode("utf-8"))
                out.flush()
                os.fsync(out.fileno())
        except OSError as error:
            log.error("knowledge history not written (%s): %s", error, line.strip())

    def shipped_changed(self) -> bool:
        """The package ships other knowledge than the snapshot staff's versions started from.

        After an upgrade the new shipped files are not live until staff apply them.
        """
        snapshot = self.versions / _dir_name(0)
        if not snapshot.is_dir():
            return False
        try:
            return any(
                (snapshot / name).read_bytes() != (self.shipped / name).read_bytes()
                for name in KNOWLEDGE_FILES
            )
        except OSError:
            return False
