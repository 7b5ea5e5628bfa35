"""Does a service answer? `python scripts/service_up.py postgres URL` / `redis URL`; exit 0 if yes.

Used by scripts/test-all to decide whether the PostgreSQL and Redis runs can happen here.
"""

from __future__ import annotations

import sys


def postgres(url: str) -> bool:
    import psycopg
    from sqlalchemy.engine import make_url

    parts = make_url(url)
    try:
        with psycopg.connect(
            host=parts.host or "127.0.0.1",
            port=parts.port or 5432,
            user=parts.username or "postgres",
            password=parts.password or None,
            dbname=parts.database or "postgres",
            connect_timeout=3,
        ) as connection:
            connection.execute("SELECT 1")
    except Exception as exc:  # any failure means: not usable here
        print(f"  ({type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''})")
        return False
    return True


def redis(url: str) -> bool:
    try:
        import redis as redis_client

        return bool(redis_client.Redis.from_url(url, socket_connect_timeout=3).ping())
    except Exception as exc:
        print(f"  ({type(exc).__name__}: {exc})")
        return False


if __name__ == "__main__":
    kind, url = sys.argv[1], sys.argv[2]
    sys.exit(0 if {"postgres": postgres, "redis": redis}[kind](url) else 1)
