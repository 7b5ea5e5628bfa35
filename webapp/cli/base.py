"""What every command module of the CLI shares: JSON output, reading rubrics and JSON files."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from checklist.loader import RubricError, load_rubric
from checklist.seeds import SeedLibrary


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def seeds_at(seeds_dir: str | None) -> SeedLibrary | None:
    if seeds_dir:
        return SeedLibrary(Path(seeds_dir))
    return None  # the loader finds seeds/ next to each rubric


def load_or_exit(path: str, seeds: SeedLibrary | None = None) -> Any:
    try:
        return load_rubric(path, seeds)
    except RubricError as exc:
        click.echo(f"评估细则有误，无法使用：{path}", err=True)
        for problem in exc.problems:
            click.echo(f"  {problem}", err=True)
        sys.exit(1)


def read_json(path: str, what: str) -> Any:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        click.echo(f"{what}文件不存在：{path}", err=True)
    except json.JSONDecodeError as exc:
        click.echo(f"{what}文件不是有效的 JSON（第{exc.lineno}行第{exc.colno}列）：{path}", err=True)
    except UnicodeDecodeError:
        click.echo(f"{what}文件不是 UTF-8 编码：{path}", err=True)
    sys.exit(2)
