"""Versions of the knowledge base that staff apply, roll back and export.

Layout under `data_dir/knowledge/`:

- `versions/NNNN/`: one complete set of the knowledge files plus `meta.json` (parent, who,
  when, file, change). A version directory is written to a temporary directory, fsynced and
  renamed into place, and never changed afterwards. `0000` is a snapshot of the shipped
  knowledge base, taken at the first apply; until then version 0 is the shipped directory.
- `LIVE`: the number of the live version, replaced atomically (`os.replace`). Without it the
  shipped knowledge base is live.
- `history.jsonl`: one JSON object per switch (apply or rollback), appended after the switch.
- `pending/<token>.json`: uploads shown to their author and waiting for confirmation.

Every change names the version it was made on (`apply(change, based_on=…, author=…)`): an
upload (`FileUpload`) or a dialog's entry edits (`EntryEdits`). Made on an older version, it
is merged with the changes made since where they touch other entries (`merge.py`), and
refused, naming them, where they touch the same.

A crash before the switch leaves the old version live (the orphaned directory is never used and
its number is not reused). A corrupt `LIVE`, or one naming a missing or invalid version, falls
back to the newest valid version in the history, else the shipped set, with a logged warning.
Writers (the CLI and a running bot) serialise on a lock file.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import fcntl
import json
import logging
import os
import re
import secrets
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from bot.clock import Clock
from bot.kb.diff import Change, diff_kb, file_content
from bot.kb.knowledge import KnowledgeBase
from bot.kb.loader import KbError, KnowledgeError, parse_set
from bot.kb.merge import plan_merge
from bot.kb.models import KNOWLEDGE_FILES
from bot.kb.shipped import shipped_knowledge_dir
from bot.kb.stamp import strip_stamp, with_stamp
from bot.kb.theme_groups import ThemeGroupCheck
from bot.kb.units import ThreeWay, Unit, entry_label, key_fields, unit_of_entry, units
from bot.kb.yamlsafe import MAX_FILE_BYTES
from bot.texts.catalog import Escape, Language, Msg, verbatim

log = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = MAX_FILE_BYTES
"""Check a Telegram document's `file_size` against this before downloading it."""

ALLOWED_NAMES = tuple(KNOWLEDGE_FILES)
ADDED_LATER = frozenset({"faq.yaml", "organisation_kinds.yaml"})
"""Knowledge files added after versions were first stored: a stored version without one is
completed with the shipped file (instead of falling back to the shipped set as a whole)."""
_VERSION_DIR = re.compile(r"^[0-9]{4,}$")
_META = "meta.json"
_TOKEN = re.compile(r"[0-9a-f]{12}")
PENDING_DAYS = 7
"""An upload not confirmed within a week is dropped (the author sends it again)."""


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
class Author:
    """Who makes a change: an id (`telegram:12345`, `cli:anna`) and, where known, a name."""

    id: str
    name: str = ""

    @property
    def shown(self) -> str:
        return f"{self.name} ({self.id})" if self.name and self.name != self.id else self.id


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
    name: str = ""
    """The author's name, where known (`who` is the id)."""
    based_on: str | None = None
    """The version the author's change was made on, where it was not the live one (merged)."""

    @property
    def author(self) -> Author:
        return Author(self.who, self.name)

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "parent": self.parent,
            "who": self.who,
            "name": self.name,
            "when": self.when,
            "file": self.file,
            "based_on": self.based_on,
            "summary": self.change.counts(),
            "change": self.change.to_json(),
            "rollback": self.rollback,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> HistoryEntry:
        file = data.get("file")
        based_on = data.get("based_on")
        return cls(
            version=str(data["version"]),
            parent=str(data["parent"]),
            who=str(data["who"]),
            when=str(data["when"]),
            file=None if file is None else str(file),
            change=Change.from_json(data.get("change", [])),
            rollback=bool(data.get("rollback", False)),
            name=str(data.get("name") or ""),
            based_on=None if based_on is None else str(based_on),
        )


@dataclass(frozen=True)
class Live:
    """A version of the knowledge base: its label, the validated content and the raw files."""

    version: str
    kb: KnowledgeBase
    files: Mapping[str, bytes]


@dataclass(frozen=True)
class FileUpload:
    """A change that replaces one knowledge file (an upload, `kb apply`)."""

    name: str
    """The knowledge file (`projects.yaml`; `.yml` and capitals are the same file)."""
    content: bytes
    """As sent; a version line (`stamp.py`) in it is not stored."""


@dataclass(frozen=True)
class Edit:
    """One unit of a file set to a value (an entry's fields as in the file), or removed."""

    section: str
    """The top-level key (`projects`)."""
    key: str | None
    """The entry's id (None: the whole top-level key, as in rules.yaml)."""
    value: Mapping[str, Any] | list[Any] | None
    after: str | None = None
    """For a new entry: the id of the entry it goes after (None: at the end)."""


@dataclass(frozen=True)
class EntryEdits:
    """A change of single entries of one file, as a guided dialog makes it."""

    file: str
    edits: tuple[Edit, ...]


KbChange = FileUpload | EntryEdits


@dataclass(frozen=True)
class Conflict:
    """An entry (unit) the author changed that colleagues changed differently since."""

    section: str
    key: str | None
    label: str
    by: tuple[HistoryEntry, ...]
    """The versions since the author's base that changed it (may be empty if unknown)."""


@dataclass(frozen=True)
class Plan:
    """What a change would do: errors, a refusal, or a valid set and its change."""

    file: str
    """The knowledge file replaced (the name as given, if it is not one)."""
    base: str
    """The version the change is based on."""
    live: str = ""
    """The live version the plan was made against."""
    errors: tuple[KbError, ...] = ()
    refusal: Msg | None = None
    conflicts: tuple[Conflict, ...] = ()
    change: Change | None = None
    """What applying does to the live version."""
    kb: KnowledgeBase | None = None
    content: bytes | None = None
    """The file that would be stored (the author's, or the merged one)."""
    identical: bool = False
    """Nothing to apply: the live file has exactly this content already."""
    since: tuple[HistoryEntry, ...] = ()
    """Versions made after the base and merged with (empty when based on the live version)."""

    def __post_init__(self) -> None:
        if not self.live:
            object.__setattr__(self, "live", self.base)

    @property
    def ok(self) -> bool:
        return not self.errors and self.refusal is None and self.kb is not None

    @property
    def merged(self) -> bool:
        return self.base != self.live


@dataclass(frozen=True)
class Pending:
    """An upload shown to its author and waiting for their confirmation."""

    token: str
    file: str
    """The knowledge file it replaces."""
    sent_as: str
    """The file name it was sent with (`Projekte neu.yaml`)."""
    base: str
    """The version it is based on: its own version line, else the live version shown."""
    author: Author
    when: str
    content: bytes

    def to_json(self) -> dict[str, Any]:
        return {
            "token": self.token,
            "file": self.file,
            "sent_as": self.sent_as,
            "base": self.base,
            "who": self.author.id,
            "name": self.author.name,
            "when": self.when,
            "content": base64.b64encode(self.content).decode("ascii"),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Pending:
        return cls(
            token=str(data["token"]),
            file=str(data["file"]),
            sent_as=str(data["sent_as"]),
            base=str(data["base"]),
            author=Author(str(data["who"]), str(data.get("name") or "")),
            when=str(data["when"]),
            content=base64.b64decode(str(data["content"])),
        )


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
    def conflicts(self) -> tuple[Conflict, ...]:
        return self.plan.conflicts if self.plan else ()

    @property
    def ok(self) -> bool:
        refused = self.refusal is not None or (self.plan is not None and self.plan.refusal)
        return not refused and not self.errors

    @property
    def changed(self) -> bool:
        return self.entry is not None


def _parse(files: Mapping[str, bytes], version: str) -> KnowledgeBase:
    """Versions are immutable: `parse_set` keeps what it validated by content."""
    return parse_set(files, version)


def _edited(file: str, content: Mapping[str, Any], edits: tuple[Edit, ...]) -> dict[str, Any]:
    """A file's content with a dialog's edits applied."""
    result = {
        key: list(value) if isinstance(value, list) else value for key, value in content.items()
    }
    keys = key_fields(file, content)
    for edit in edits:
        if edit.key is None:
            if edit.value is None:
                result.pop(edit.section, None)
            else:
                result[edit.section] = edit.value
            continue
        field_ = keys.get(edit.section) or "id"
        entries: list[Any] = [e for e in result.get(edit.section) or [] if isinstance(e, Mapping)]
        index = next((i for i, e in enumerate(entries) if str(e.get(field_)) == edit.key), None)
        if index is not None:
            if edit.value is None:
                del entries[index]
            else:
                entries[index] = edit.value
        elif edit.value is not None:
            after = next(
                (i for i, e in enumerate(entries) if str(e.get(field_)) == edit.after), None
            )
            entries.insert(len(entries) if after is None else after + 1, edit.value)
        result[edit.section] = entries
    return result


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


_Stamp = tuple[int, int, int, int, int]
"""A file's device, inode, size, modification and change time (ns)."""
_SETTLE_NS = 2_000_000_000
"""A file's times have the file system's coarse resolution (a few ms on Linux): one changed
less than this long ago could change again with the same stamp, so it is read again."""


_ABSENT: _Stamp = (0, 0, 0, 0, 0)
"""No `LIVE` (nothing applied yet): the shipped knowledge base is live."""


def _stamp(path: Path) -> _Stamp | None:
    """Changes whenever `LIVE` is replaced (a new file: another inode or change time), appears
    or goes; None when it cannot be told (unreadable): then it is read every time."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return _ABSENT
    except OSError:
        return None
    return (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def _settled(stamp: _Stamp) -> bool:
    """Changed long enough ago that a later change must give another stamp (racy-git's rule:
    file times compared with the file system's own clock, the wall clock, not the bot's)."""
    return stamp == _ABSENT or time.time_ns() - max(stamp[3], stamp[4]) > _SETTLE_NS


class KnowledgeStore:
    def __init__(
        self,
        data_dir: Path,
        clock: Clock,
        shipped: Path | None = None,
        check: ThemeGroupCheck | None = None,
    ) -> None:
        """`check`: what staff's changes must pass beyond the files' own validation (themes
        naming only people their project serves, read as the advice reads them: given by
        the composition root, as this layer is below the advice)."""
        self.check = check
        self.root = data_dir / "knowledge"
        self.versions = self.root / "versions"
        self.pointer = self.root / "LIVE"
        self.history_file = self.root / "history.jsonl"
        self.clock = clock
        self.shipped = shipped or shipped_knowledge_dir()
        self._cached: tuple[str | None, Live] | None = None
        self._unchanged: _Stamp | None = None
        """`LIVE`'s stamp when it was last read, if old enough to be trusted (`_stamp`)."""

    # --- reading -------------------------------------------------------------------------

    def current(self) -> Live:
        """The live version; cheap when `LIVE` has not changed since the last call (a `stat`
        of it, read again only when its stamp changed or is too recent to tell)."""
        stamp = _stamp(self.pointer)
        cached = self._cached
        if cached is not None and stamp is not None and stamp == self._unchanged:
            return cached[1]
        pointer = self._read_pointer()
        self._unchanged = stamp if stamp is not None and _settled(stamp) else None
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
        kb = _parse(files, label(number))
        when = (self._meta(number) or {}).get("when") if number else None
        if isinstance(when, str):
            with contextlib.suppress(ValueError):
                kb = dataclasses.replace(kb, version_day=datetime.fromisoformat(when).date())
        return Live(label(number), kb, files)

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

    def plan(self, change: KbChange, based_on: str | None = None) -> Plan:
        """What `change`, made on version `based_on` (default: the live one), would do to the
        live version: the whole set validated, colleagues' changes since merged in or named as
        conflicts. Nothing is written."""
        return self._plan(self.current(), change, based_on)

    def _plan(self, live: Live, change: KbChange, based_on: str | None) -> Plan:
        base_label = based_on or live.version
        if isinstance(change, FileUpload):
            target = upload_name(change.name)
            errors = check_upload(change.name, len(change.content))
            if target is None or errors:
                return Plan(target or _shown(change.name), base_label, live.version, tuple(errors))
            stripped = strip_stamp(change.content)
            content: bytes | None = stripped
            if not stripped.strip():
                error = KbError(file=target, message=Msg("kb.upload.empty"))
                return Plan(target, base_label, live.version, (error,))
        else:
            target, content = change.file, None
            if target not in KNOWLEDGE_FILES:
                error = KbError(file=target, message=Msg("kb.error.unknown_file"))
                return Plan(target, base_label, live.version, (error,))
        if content is not None and content == live.files[target]:
            plan = Plan(target, base_label, live.version, kb=live.kb, content=content)
            return dataclasses.replace(plan, change=Change(), identical=True)
        base = self._base(live, base_label)
        if isinstance(base, Msg):
            return Plan(target, base_label, live.version, refusal=base)
        if base is live and content is not None:
            return self._validated(live, base_label, target, (content,), None)
        return self._merge(live, base, target, change, content)

    def _base(self, live: Live, label_: str) -> Live | Msg:
        if label_ == live.version:
            return live
        number = _number(label_)
        if number is None or (number != 0 and not (self.versions / _dir_name(number)).is_dir()):
            return Msg("kb.merge.unknown_base", {"base": label_, "version": live.version})
        try:
            return self._load(number)
        except (OSError, KnowledgeError) as error:
            log.warning("base version %s unusable: %s", label_, error)
            return Msg("kb.merge.unknown_base", {"base": label_, "version": live.version})

    def _merge(
        self, live: Live, base: Live, target: str, change: KbChange, content: bytes | None
    ) -> Plan:
        base_data = file_content(base.kb, target)
        if content is not None:
            try:
                mine_kb = _parse({**base.files, target: content}, "mine")
            except KnowledgeError as error:  # the author's own file, with its own lines
                return Plan(target, base.version, live.version, tuple(error.errors))
            mine_data = file_content(mine_kb, target)
        else:
            # A dialog's values are checked (and their display names resolved) as if written
            # into the file of the version the dialog started on.
            assert isinstance(change, EntryEdits)
            edited = _edited(target, base_data, change.edits)
            text = yaml.safe_dump(edited, allow_unicode=True, sort_keys=False)
            try:
                mine_kb = _parse({**base.files, target: text.encode("utf-8")}, "mine")
            except KnowledgeError as error:
                return Plan(target, base.version, live.version, tuple(error.errors))
            mine_data = file_content(mine_kb, target)
        merge = plan_merge(
            target, base_data, file_content(live.kb, target), mine_data, live.files[target], content
        )
        since = self._since(base.version) if base is not live else ()
        if merge.conflicts:
            conflicts = tuple(
                self._conflict(target, unit, merge.three_way, since) for unit in merge.conflicts
            )
            refusal = Msg("kb.merge.refused", {"base": base.version, "version": live.version})
            return Plan(
                target,
                base.version,
                live.version,
                refusal=refusal,
                conflicts=conflicts,
                since=since,
            )
        if not merge.three_way.to_apply():
            plan = Plan(target, base.version, live.version, kb=live.kb, since=since)
            return dataclasses.replace(plan, change=Change(), identical=True)
        candidates = merge.candidates
        if content is not None and live.files[target] == base.files[target]:
            candidates = (content, *candidates)  # nobody touched this file: keep it as sent
        return self._validated(live, base.version, target, candidates, merge.three_way, since)

    def _validated(
        self,
        live: Live,
        base: str,
        target: str,
        candidates: tuple[bytes, ...],
        three_way: ThreeWay | None,
        since: tuple[HistoryEntry, ...] = (),
    ) -> Plan:
        """The first candidate file that validates with the live set (and, for a merge,
        holds exactly the merged units)."""
        first_errors: tuple[KbError, ...] = ()
        for candidate in candidates:
            files = {**live.files, target: candidate}
            try:
                kb = _parse(files, "new")
            except KnowledgeError as error:
                first_errors = first_errors or tuple(error.errors)
                continue
            if three_way is not None:
                data = file_content(kb, target)
                if units(data, key_fields(target, data)) != three_way.merged():
                    log.warning("merged %s does not hold the merged entries", target)
                    continue
            refused = self.check.refusals((live.kb, live.files), (kb, files)) if self.check else []
            if refused:
                first_errors = first_errors or tuple(refused)
                continue
            change = diff_kb(target, live.kb, kb)
            return Plan(
                target, base, live.version, change=change, kb=kb, content=candidate, since=since
            )
        if first_errors:
            return Plan(target, base, live.version, first_errors, since=since)
        refusal = Msg("kb.merge.failed", {"base": base, "version": live.version})
        return Plan(target, base, live.version, refusal=refusal, since=since)

    def _since(self, base: str) -> tuple[HistoryEntry, ...]:
        """The history after `base` was last made live (everything, for the shipped set)."""
        entries = self.history()
        made = [i for i, entry in enumerate(entries) if entry.version == base]
        return tuple(entries[made[-1] + 1 :] if made else entries)

    def _conflict(
        self, file: str, unit: Unit, three_way: ThreeWay, since: tuple[HistoryEntry, ...]
    ) -> Conflict:
        value = three_way.live.get(unit, three_way.base.get(unit))
        label_ = entry_label(value, unit[1] or unit[0])
        by = tuple(
            entry
            for entry in since
            if any(
                unit_of_entry(s.file, s.section, e) == unit
                for s in entry.change.sections
                if s.file == file
                for e in (*s.added, *(c.entry for c in s.changed), *s.removed)
            )
        )
        return Conflict(unit[0], unit[1], label_, by)

    # --- writing -------------------------------------------------------------------------

    def apply(self, change: KbChange, *, based_on: str, author: Author) -> Applied:
        """Make `change`, made on version `based_on`, live: merged with colleagues' changes
        since where they touch other entries, refused (naming them) where they touch the
        same. On any error or refusal nothing changes."""
        plan = self.plan(change, based_on)  # without the lock: a refused change touches no disk
        if not plan.ok:
            return Applied(plan.live, plan.live, plan=plan)
        try:
            with self._lock():
                return self._apply(change, based_on, author)
        except OSError as error:
            return self._write_failed(error, plan)

    def _apply(self, change: KbChange, based_on: str, author: Author) -> Applied:
        live = self.current()
        plan = self._plan(live, change, based_on)  # again: another writer may have applied
        if not plan.ok or plan.identical:
            return Applied(live.version, live.version, plan=plan)
        assert plan.change is not None and plan.kb is not None and plan.content is not None
        files = {**live.files, plan.file: plan.content}
        merged_from = based_on if plan.merged else None
        number = self._new_version(live, files, author, plan.file, plan.change, merged_from)
        self._switch(number)
        # The day it went live: "Stand der Wissensbasis: v3 vom …" (#15); `_load` reads it
        # back from the version's metadata after a restart.
        applied = dataclasses.replace(
            plan.kb, version=label(number), version_day=self.clock.now().date()
        )
        new = Live(label(number), applied, files)
        entry = HistoryEntry(
            new.version,
            live.version,
            author.id,
            self._now(),
            plan.file,
            plan.change,
            name=author.name,
            based_on=merged_from,
        )
        self._record(entry)
        self._cached = (_dir_name(number), new)
        return Applied(new.version, live.version, plan=plan, entry=entry)

    # --- uploads waiting for their author's confirmation -----------------------------------

    def hold(self, upload: FileUpload, based_on: str, author: Author, sent_as: str) -> Pending:
        """Keep an upload until its author confirms the changes shown (or discards it)."""
        pending = Pending(
            token=secrets.token_hex(6),
            file=upload.name,
            sent_as=sent_as,
            base=based_on,
            author=author,
            when=self._now(),
            content=upload.content,
        )
        directory = self.root / "pending"
        with self._lock():
            directory.mkdir(parents=True, exist_ok=True)
            self._prune_pending(directory)
            text = json.dumps(pending.to_json(), ensure_ascii=False)
            handle, name = tempfile.mkstemp(prefix=".tmp-", dir=directory)
            with os.fdopen(handle, "wb") as out:
                out.write(text.encode("utf-8"))
                out.flush()
                os.fsync(out.fileno())
            os.replace(name, directory / f"{pending.token}.json")
        return pending

    def pending(self, token: str) -> Pending | None:
        if not _TOKEN.fullmatch(token):
            return None
        try:
            data = json.loads((self.root / "pending" / f"{token}.json").read_bytes())
            return Pending.from_json(data)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning("pending upload %s unreadable: %s", token, error)
            return None

    def confirm(self, token: str, author: Author) -> Applied:
        """Apply a held upload exactly as it was shown, on the version it was shown against."""
        pending = self.pending(token)
        if pending is None:
            version = self.live_version()
            return Applied(version, version, refusal=Msg("kb.pending.gone"))
        upload = FileUpload(pending.file, pending.content)
        applied = self.apply(upload, based_on=pending.base, author=author)
        if applied.refusal is None or applied.refusal.key != "kb.apply.write_failed":
            self.discard(token)  # applied or refused for good; a failed write may be retried
        return applied

    def discard(self, token: str) -> bool:
        if not _TOKEN.fullmatch(token):
            return False
        path = self.root / "pending" / f"{token}.json"
        existed = path.exists()
        path.unlink(missing_ok=True)
        return existed

    def _prune_pending(self, directory: Path) -> None:
        oldest = self.clock.now().timestamp() - PENDING_DAYS * 86400
        for path in directory.glob("*.json"):
            pending = self.pending(path.stem)
            if pending is None or datetime.fromisoformat(pending.when).timestamp() < oldest:
                path.unlink(missing_ok=True)

    # --- export ----------------------------------------------------------------------------

    def exported_files(self) -> tuple[str, dict[str, bytes]]:
        """The live version and its files, each starting with the version line (so an upload
        names the version it was made on)."""
        live = self.current()
        files = {name: with_stamp(content, live.version) for name, content in live.files.items()}
        return live.version, files

    def rollback(self, author: Author) -> Applied:
        """Make the version the live one was made from live again (recorded in the history)."""
        try:
            with self._lock():
                return self._rollback(author)
        except OSError as error:
            return self._write_failed(error, None)

    def _rollback(self, author: Author) -> Applied:
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
            target.version,
            live.version,
            author.id,
            self._now(),
            None,
            change,
            rollback=True,
            name=author.name,
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
        self,
        live: Live,
        files: Mapping[str, bytes],
        author: Author,
        file: str,
        change: Change,
        based_on: str | None,
    ) -> int:
        if not (self.versions / _dir_name(0)).is_dir() and live.version == label(0):
            self._snapshot_shipped(live.files)
        number = max([0, *self._numbers()]) + 1
        meta = {
            "version": label(number),
            "parent": live.version,
            "based_on": based_on,
            "who": author.id,
            "name": author.name,
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
            self._unchanged = None  # read again (its stamp would tell too)
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
