"""``lingong-city``: run the server and look after markets, desks and bundles.

The database is ``--database URL``, else ``$LINGONG_CITY_DATABASE``, else a
SQLite file in the user data folder ("LingGongCity"). Every command migrates
the database to the current schema first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
import uuid
from collections import Counter
from pathlib import Path

import platformdirs

from lingong_city import devices
from lingong_city.bundles import export_pull_bundle, import_push_bundle, read_bundle_file
from lingong_city.console import accounts
from lingong_city.db import Database, open_database
from lingong_city.figures import commands as figure_commands

APP_NAME = "LingGongCity"
ENV_DATABASE = "LINGONG_CITY_DATABASE"
ENV_KEY_FILE = "LINGONG_CITY_KEY_FILE"
ENV_CERT_FILE = "LINGONG_CITY_CERT_FILE"


def default_database_url() -> str:
    configured = os.environ.get(ENV_DATABASE)
    if configured:
        return configured
    folder = platformdirs.user_data_path(APP_NAME, appauthor=False)
    return f"sqlite:///{folder / 'city.sqlite3'}"


def default_key_file() -> Path | None:
    configured = os.environ.get(ENV_KEY_FILE)
    return Path(configured) if configured else None


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--database",
        default=None,
        help=f"database URL (postgresql+psycopg://... or sqlite:///...; default ${ENV_DATABASE} "
        "or a SQLite file in the user data folder)",
    )
    keyed = argparse.ArgumentParser(add_help=False)
    keyed.add_argument(
        "--key-file",
        type=Path,
        default=None,
        help=f"PEM file of the city signing key (default ${ENV_KEY_FILE}, else in the database)",
    )
    p = argparse.ArgumentParser(prog="lingong-city", description="LingGong City sync server")
    sub = p.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", parents=[common, keyed], help="run the HTTP server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8600)
    serve.add_argument("--log-level", default="info")
    serve.add_argument(
        "--workers", type=int, default=1, help="worker processes (e.g. the number of cores)"
    )
    serve.add_argument("--certfile", type=Path, default=None, help="TLS certificate (PEM)")
    serve.add_argument("--keyfile", type=Path, default=None, help="TLS private key (PEM)")
    serve.add_argument(
        "--header-timeout",
        type=float,
        default=10.0,
        help="seconds a connection has to send a whole request head (default 10)",
    )
    market = sub.add_parser("add-market", parents=[common], help="add or update a market")
    market.add_argument("code", help="2 to 6 capital letters, e.g. ZY")
    market.add_argument("name")
    market.add_argument("--region", default="", help="6-digit region code, e.g. 140226")
    market.add_argument("--phone", default="")
    market.add_argument("--address", default="")
    code = sub.add_parser("enroll-code", parents=[common], help="make a one-time enrollment code")
    code.add_argument("market")
    code.add_argument("--desk-number", type=int, default=None, help="1-9 (default: next free)")
    code.add_argument("--valid-hours", type=float, default=72.0)
    code.add_argument(
        "--certfile",
        type=Path,
        default=None,
        help=f"the server's TLS certificate (default ${ENV_CERT_FILE}): its fingerprint is "
        "printed beside the code, for the desk to pin",
    )
    imp = sub.add_parser("import-bundle", parents=[common], help="apply a desk's push bundle")
    imp.add_argument("file", type=Path)
    exp = sub.add_parser(
        "export-bundle", parents=[common, keyed], help="write a signed pull bundle for a desk"
    )
    exp.add_argument("device_id", type=uuid.UUID)
    exp.add_argument("out", type=Path)
    exp.add_argument(
        "--after", type=int, default=None, help="cursor (default: where the last bundle ended)"
    )
    sub.add_parser("conflicts", parents=[common], help="list open conflict items")
    sub.add_parser("devices", parents=[common], help="list enrolled desks")
    access = sub.add_parser(
        "person-access", parents=[common], help="which markets, desks and clerks see a person"
    )
    access.add_argument("id_number")
    user = sub.add_parser("add-user", parents=[common], help="add a staff account of the console")
    user.add_argument("name")
    user.add_argument("--role", choices=accounts.ROLES, default="viewer")
    user.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (else asked twice)",
    )
    figure_commands.add_parsers(sub, common)
    revoke = sub.add_parser("revoke-device", parents=[common], help="revoke a desk's credential")
    revoke.add_argument("device_id", type=uuid.UUID)
    revoke.add_argument("--reason", default="", help="told to the desk when it tries to sync")
    return p


def _serve(args: argparse.Namespace, url: str) -> int:
    import uvicorn

    from lingong_city import serving

    logging.basicConfig(
        level=args.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    if bool(args.certfile) != bool(args.keyfile):
        raise ValueError("TLS needs both --certfile and --keyfile")
    open_database(url).close()  # migrate once, before the workers start
    os.environ[serving.ENV_DATABASE] = url
    key_file = args.key_file or default_key_file()
    if key_file is not None:
        os.environ[serving.ENV_KEY_FILE] = str(key_file)
    os.environ[serving.ENV_HEADER_TIMEOUT] = str(args.header_timeout)
    if args.certfile:
        os.environ[serving.ENV_CERT_FILE] = str(args.certfile.resolve())
        print(f"certificate fingerprint (SHA-256): {serving.fingerprint(args.certfile)}")
    uvicorn.run(
        "lingong_city.serving:from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        http=serving.GuardedH11,
        ssl_certfile=str(args.certfile) if args.certfile else None,
        ssl_keyfile=str(args.keyfile) if args.keyfile else None,
        timeout_keep_alive=5,
        proxy_headers=False,
    )
    return 0


def _run(args: argparse.Namespace, db: Database) -> int:
    if args.command == "add-market":
        with db.writing() as s:
            created = devices.add_market(
                s, args.code, args.name, now(), args.region, args.phone, args.address
            )
        print(f"{'added' if created else 'updated'} market {args.code} {args.name}")
    elif args.command == "enroll-code":
        valid = dt.timedelta(hours=args.valid_hours)
        with db.writing() as s:
            code = devices.new_enrollment_code(s, args.market, now(), args.desk_number, valid)
        print(code)
        print(f"one-time code for a desk of {args.market}, valid {args.valid_hours:g} hours")
        certfile = args.certfile or (
            Path(os.environ[ENV_CERT_FILE]) if os.environ.get(ENV_CERT_FILE) else None
        )
        if certfile is not None:
            from lingong_city.serving import fingerprint

            print(f"certificate fingerprint (SHA-256): {fingerprint(certfile)}")
    elif args.command == "import-bundle":
        answer = import_push_bundle(db, read_bundle_file(args.file), now())
        counts = Counter(r.status for r in answer.results)
        print(
            f"{len(answer.results)} entries: {counts['applied']} applied, "
            f"{counts['merged']} merged, {counts['rejected']} rejected"
        )
        for r in answer.results:
            if r.status != "applied" and r.reason:
                print(f"  seq {r.seq}: {r.status}: {r.reason}")
    elif args.command == "export-bundle":
        key_file = args.key_file or default_key_file()
        done = export_pull_bundle(db, args.device_id, args.out, now(), args.after, key_file)
        print(
            f"wrote {args.out}: {done.changes} changes up to cursor {done.next}, "
            f"{done.results} push results, {done.size} bytes"
        )
    elif args.command == "conflicts":
        with db.reading() as s:
            items = devices.open_conflicts(s)
        for c in items:
            print(
                f"#{c.id} {c.created_at:%Y-%m-%d %H:%M} {c.entity} {c.row_id} {c.field}: "
                f"city {c.city_value!r}, from {c.market_code} {c.incoming_value!r}"
            )
        print(f"{len(items)} open conflict items")
    elif args.command == "devices":
        with db.reading() as s:
            for d in devices.devices(s):
                seen = f"{d.last_seen_at:%Y-%m-%d %H:%M}" if d.last_seen_at else "-"
                state = "revoked" if d.revoked else "active"
                print(f"{d.id} {d.market_code} desk {d.desk_number} {state} seen {seen} {d.name}")
    elif args.command == "person-access":
        with db.reading() as s:
            links = devices.person_access(s, args.id_number)
            lookups = devices.person_lookups(s, args.id_number)
        for link in links:
            print(
                f"{link.market_code} since {link.linked_at:%Y-%m-%d %H:%M} "
                f"desk {link.device_id or '-'} clerk {link.clerk_id or '-'}"
            )
        print(f"{len(links)} markets see this person")
        for looked in lookups:
            print(
                f"looked up in the console {looked.at:%Y-%m-%d %H:%M} by {looked.user_name} "
                f"from {looked.address or '-'}: {looked.reason}"
            )
    elif args.command == "add-user":
        password = _new_password(args.password_stdin)
        with db.writing() as s:
            user = accounts.add_user(s, args.name, args.role, password, now())
            accounts.audit(
                s,
                None,
                "user_add",
                {"name": user.name, "role": user.role},
                "command line",
                now(),
                user_name="lingong-city",
            )
        print(f"added {args.role} {user.name}")
    elif args.command in figure_commands.COMMANDS:
        return figure_commands.run(args, db, now())
    elif args.command == "revoke-device":
        with db.writing() as s:
            device = devices.revoke(s, args.device_id, now(), args.reason)
        print(f"revoked device {device.id} ({device.market_code} desk {device.desk_number})")
    return 0


def _new_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    import getpass

    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise ValueError("the two passwords differ")
    return first


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    url = args.database or default_database_url()
    try:
        if args.command == "serve":
            return _serve(args, url)
        db = open_database(url)
        try:
            return _run(args, db)
        finally:
            db.close()
    except (ValueError, OSError) as exc:  # BatchRefused is a ValueError too
        print(f"lingong-city: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
