"""Typed settings declared once over QSettings (Picard's pattern).

Two groups: ``Preferences`` are the user's choices (recent projects, zoom), ``WindowState``
is geometry and splitter/header layout, kept apart so resetting one never loses the
other. Both wrap a QSettings passed in, so tests use an isolated ini file.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10


class Setting:
    """One typed value stored under ``group/key`` with a default."""

    def __init__(self, key: str, default, kind: type):
        self.key, self.default, self.kind = key, default, kind

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, group, owner=None):
        if group is None:
            return self
        raw = group.qsettings.value(f"{group.prefix}/{self.key}")
        if raw is None:
            return self.default
        try:
            if self.kind is list:
                value = json.loads(raw)
                return value if isinstance(value, list) else self.default
            if self.kind is QByteArray:
                return raw if isinstance(raw, QByteArray) else QByteArray(raw)
            if self.kind is bool:
                return raw in (True, "true", "1", 1)
            return self.kind(raw)
        except (TypeError, ValueError):
            return self.default  # a hand-edited or foreign value: fall back, never crash

    def __set__(self, group, value):
        stored = json.dumps(value) if self.kind is list else value
        group.qsettings.setValue(f"{group.prefix}/{self.key}", stored)


class SettingsGroup:
    prefix = ""

    def __init__(self, qsettings: QSettings):
        self.qsettings = qsettings


class Preferences(SettingsGroup):
    prefix = "preferences"
    last_project = Setting("last_project", "", str)
    recent_projects = Setting("recent_projects", [], list)
    pdf_zoom = Setting("pdf_zoom", 0.0, float)  # 0: pages fit the reader's width (pdf_reader.FIT_WIDTH)
    text_zoom = Setting("text_zoom", 1.0, float)  # of the application font's size, in the text reader
    prefer_page_view = Setting("prefer_page_view", True, bool)
    suggest_on_import = Setting("suggest_on_import", True, bool)
    user_name = Setting("user_name", "", str)  # reviewer name; blank means "unnamed analyst", never the login
    user_name_asked = Setting("user_name_asked", False, bool)  # asked for on the first change, once

    def remember_project(self, path: Path) -> None:
        text = str(Path(path).resolve())
        self.last_project = text
        self.recent_projects = ([text] + [p for p in self.recent_projects if p != text])[:MAX_RECENT]

    def forget_project(self, path: str) -> None:
        self.recent_projects = [p for p in self.recent_projects if p != path]
        if self.last_project == path:
            self.last_project = ""


class WindowState(SettingsGroup):
    prefix = "window"
    geometry = Setting("geometry", QByteArray(), QByteArray)
    state = Setting("state", QByteArray(), QByteArray)
    main_splitter = Setting("main_splitter", QByteArray(), QByteArray)
    centre_splitter = Setting("centre_splitter", QByteArray(), QByteArray)
    # empty while the columns are the default layout (the quote then follows the table's width);
    # a new key, as layouts saved under "claims_header" kept the old widths with Status off-screen
    claims_header = Setting("claims_columns", QByteArray(), QByteArray)
    library_header = Setting("library_header", QByteArray(), QByteArray)


class Settings:
    def __init__(self, qsettings: QSettings):
        self.qsettings = qsettings
        self.preferences = Preferences(qsettings)
        self.window = WindowState(qsettings)

    @classmethod
    def for_user(cls) -> "Settings":
        return cls(QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "Claimdesk", "Claimdesk"))

    @classmethod
    def at(cls, path: Path) -> "Settings":
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def sync(self) -> None:
        self.qsettings.sync()
