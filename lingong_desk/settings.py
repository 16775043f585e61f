"""Settings of one installation, kept as JSON in the user's config folder."""

from __future__ import annotations

import json
import logging
import logging.handlers
from dataclasses import asdict, dataclass
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

from lingong_desk.domain.calendar import DEFAULT_ZONE, is_zone, set_market_zone

APP_NAME = "LingGongDesk"
LANGUAGES = ("zh_CN", "en")


@dataclass
class Settings:
    data_dir: str = ""
    server_url: str = ""
    language: str = "zh_CN"
    time_zone: str = DEFAULT_ZONE  # the market's zone: every time is shown on its clock

    @property
    def data_path(self) -> Path:
        return Path(self.data_dir) if self.data_dir else Path(user_data_dir(APP_NAME, False))

    @property
    def database_file(self) -> Path:
        return self.data_path / "desk.sqlite3"


def config_file() -> Path:
    return Path(user_config_dir(APP_NAME, False)) / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    path = path or config_file()
    try:
        raw = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError):
        logging.getLogger(__name__).exception("unreadable settings file %s; using defaults", path)
        return Settings()
    known = {k: str(v) for k, v in raw.items() if k in Settings.__dataclass_fields__}
    settings = Settings(**known)
    if settings.language not in LANGUAGES:
        settings.language = "zh_CN"
    if not is_zone(settings.time_zone):
        logging.getLogger(__name__).error(
            "unknown time zone %r in %s; using %s", settings.time_zone, path, DEFAULT_ZONE
        )
        settings.time_zone = DEFAULT_ZONE
    set_market_zone(settings.time_zone)  # days are counted and times shown on its clock
    return settings


def save_settings(settings: Settings, path: Path | None = None) -> None:
    path = path or config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(settings), ensure_ascii=False, indent=2), "utf-8")
    tmp.replace(path)


def setup_logging(data_dir: Path) -> Path:
    """Errors go to a rotating log file in the data folder, never swallowed."""
    data_dir.mkdir(parents=True, exist_ok=True)
    log_file = data_dir / "desk.log"
    handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if not isinstance(h, logging.FileHandler)]
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return log_file
