"""Where bundled resources and per-user data live, in a checkout and in a frozen app."""

from __future__ import annotations

import sys
from pathlib import Path

APP_NAME = "Claimdesk"


def resources_dir() -> Path:
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def samples_dir() -> Path:
    return resources_dir() / "samples"


def user_data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def sample_project_path() -> Path:
    return user_data_dir() / "Sample project.claimdesk"


def sample_claims_file() -> Path:
    return resources_dir() / "sample-claims.json"
