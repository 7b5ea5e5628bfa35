"""Use cases of accounts: passwords, creating (one at a time, per school, from a list) and
deactivating accounts (logging in and out: login_operations). Each public function is one
transaction ending in the commit."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import func, select, update

from webapp.accounts.access import (
    generate_password,
    hash_initial_password,
    hash_password,
    password_matches,
)
from webapp.audit import record
from webapp.database import write_transaction
from webapp.errors import OperationError
from webapp.extensions import db
from webapp.models import (
    AuthSession,
    District,
    Role,
    RubricRecord,
    School,
    User,
    utcnow,
)


def _revoke_sessions(user_id: int, keep: int | None = None) -> None:
    """End every open session of the user but ``keep``, in the current transaction."""
    statement = update(AuthSession).where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
    if keep is not None:
        statement = statement.where(AuthSession.id != keep)
    db.session.execute(statement.values(revoked_at=utcnow()))


def change_password(user: User, current: str, new: str) -> None:
    """The user changes their own password; their other sessions end."""
    keep = user.auth_session.id if user.auth_session else None
    with write_transaction():
        fresh = db.session.get(User, user.id)
        assert fresh is not None
        if not password_matches(fresh, current):
            raise OperationError("当前密码不正确")
        problem = password_problem_for(new, fresh.username, fresh)
        if problem:
            raise OperationError(problem)
        if password_matches(fresh, new):
            raise OperationError("新密码不能与当前密码相同")
        fresh.password_hash = hash_password(new)
        fresh.must_change_password = False
        _revoke_sessions(fresh.id, keep=keep)
        record("password_changed", fresh, entity="user", entity_id=fresh.id)


def password_problem_for(
    password: str,
    username: str,
    user: User | None,
    school_code: str | None = None,
    district_name: str | None = None,
    display_name: str = "",
) -> str:
    """Why ``password`` is refused for this account (webapp.passwords), with the account's own
    words — its names, its school's, its district's, the bureau's — as the context."""
    from webapp.accounts.passwords import password_problem

    context = [display_name, school_code or "", district_name or ""]
    school = district = None
    if user is not None:
        context.append(user.display_name)
        school, district = user.school, user.district
    elif school_code:
        school = db.session.execute(select(School).where(School.code == school_code)).scalar_one_or_none()
    if school is not None:
        context += [school.name, school.code, school.district.name if school.district else ""]
    if district is not None:
        context.append(district.name)
    context += db.session.execute(select(District.name)).scalars()  # the region's place names
    context += db.session.execute(select(RubricRecord.issuer).distinct()).scalars()  # 营口市教育局

    def taken(name: str) -> bool:
        return name != username.lower() and (
            db.session.execute(select(User.id).where(func.lower(User.username) == name)).first() is not None
        )

    return password_problem(
        password,
        username=username,
        context=context,
        taken=taken,
        min_length=int(current_app.config["PASSWORD_MIN_LENGTH"]),
    )


@dataclass(frozen=True)
class NewAccount:
    user_id: int
    username: str
    password: str


def create_user(
    username: str,
    role: Role,
    *,
    actor: User | None = None,
    password: str | None = None,
    school_code: str | None = None,
    district_name: str | None = None,
    display_name: str = "",
    must_change_password: bool | None = None,
) -> NewAccount:
    """Create an account. Without a password one is generated, to be changed at first login."""
    username = username.strip()
    if not username or len(username) > 80 or any(c.isspace() for c in username):
        raise OperationError("用户名不能为空、不能含空格，最多80个字符")
    generated = password is None
    password = password or generate_password()
    with write_transaction():
        problem = password_problem_for(password, username, None, school_code, district_name, display_name)
        if problem and not generated:
            raise OperationError(problem)
        if db.session.execute(select(User.id).where(func.lower(User.username) == username.lower())).first():
            raise OperationError(f"用户名“{username}”已被使用")
        school = district = None
        if role is Role.SCHOOL:
            school = db.session.execute(select(School).where(School.code == school_code)).scalar_one_or_none()
            if school is None:
                raise OperationError(f"没有学校代码为“{school_code}”的学校")
        if role is Role.DISTRICT:
            district = db.session.execute(select(District).where(District.name == district_name)).scalar_one_or_none()
            if district is None:
                raise OperationError(f"没有名为“{district_name}”的区县")
        user = _add_user(
            username,
            role,
            hash_password(password),
            school=school,
            district=district,
            display_name=display_name,
            must_change_password=generated if must_change_password is None else must_change_password,
        )
        db.session.flush()
        record(
            "user_created",
            actor,
            entity="user",
            entity_id=user.id,
            new={
                "username": username,
                "role": role.value,
                "school": school.code if school else None,
                "district": district.name if district else None,
            },
        )
    return NewAccount(user.id, username, password)


def _add_user(
    username: str,
    role: Role,
    password_hash: str,
    *,
    school: School | None,
    district: District | None,
    display_name: str,
    must_change_password: bool,
    email: str | None = None,
) -> User:
    """A new account in the current transaction (the caller checks the username is free)."""
    user = User(
        username=username,
        password_hash=password_hash,
        role=role.value,
        display_name=display_name or (school.name if school else username),
        school_id=school.id if school else None,
        district_id=district.id if district else None,
        must_change_password=must_change_password,
        email=email,
    )
    db.session.add(user)
    return user


def _new_password() -> tuple[str, str]:
    """A generated password and its hash."""
    password = generate_password()
    return password, hash_initial_password(password)


def _taken_usernames() -> set[str]:
    return {name.lower() for name in db.session.execute(select(User.username)).scalars()}


@dataclass(frozen=True)
class SchoolAccount:
    """A school account just generated: what the workbook handed out once shows."""

    code: str
    school: str
    district: str
    username: str
    password: str


@dataclass(frozen=True)
class SchoolAccounts:
    created: tuple[SchoolAccount, ...]
    skipped: int  # schools among those asked for that already had an account

    @property
    def message(self) -> str:
        text = f"已为{len(self.created)}所学校生成账号"
        return text + (f"，{self.skipped}所已有账号，已跳过。" if self.skipped else "。")


def _schools_without_account(school_ids: Sequence[int], lock: bool = False) -> tuple[list[School], int]:
    """The active schools among ``school_ids`` that have no school account yet, and how many of
    them already have one. ``lock``: the school rows are locked first (PostgreSQL), so that two
    runs at once give each school one account, the second finding the first's."""
    schools: list[School] = []
    for start in range(0, len(school_ids), 500):
        chunk = school_ids[start : start + 500]
        query = select(School).where(School.id.in_(chunk), School.active.is_(True)).order_by(School.id)
        schools += db.session.execute(query.with_for_update(of=School) if lock else query).scalars()
    having = set(
        db.session.execute(
            select(User.school_id).where(User.role == Role.SCHOOL, User.school_id.is_not(None))
        ).scalars()
    )
    without = [s for s in schools if s.id not in having]
    return sorted(without, key=lambda s: s.code), len(schools) - len(without)


def _username_for(code: str, taken: set[str]) -> str:
    """The school code, or the code with -2, -3… when another account already has that name."""
    candidate, n = code, 2
    while candidate.lower() in taken:
        candidate, n = f"{code}-{n}", n + 1
    taken.add(candidate.lower())
    return candidate


def create_school_accounts(school_ids: Iterable[int], actor: User | None, scope: str = "") -> SchoolAccounts:
    """A school account for every active school among these that has none: the username is the
    school code (with -2… if taken), the password random, to be changed at first login. The
    passwords are returned once and never stored; one audit event with the count and usernames.

    The passwords are hashed before the write transaction opens (hundreds of them take a few
    seconds), with the cheaper scrypt parameters for generated passwords
    (``access.hash_initial_password``)."""
    ids = sorted(set(school_ids))
    pending, _ = _schools_without_account(ids)
    prepared = [_new_password() for _ in pending]
    created: list[SchoolAccount] = []
    with write_transaction():
        schools, skipped = _schools_without_account(ids, lock=True)
        taken = _taken_usernames()
        for school in schools:
            password, hashed = prepared.pop() if prepared else _new_password()
            username = _username_for(school.code, taken)
            _add_user(
                username,
                Role.SCHOOL,
                hashed,
                school=school,
                district=None,
                display_name=school.name,
                must_change_password=True,
            )
            created.append(
                SchoolAccount(
                    school.code, school.name, school.district.name if school.district else "", username, password
                )
            )
        if created:
            record(
                "school_accounts_created",
                actor,
                entity="school_list",
                entity_id=scope[:80],
                new={
                    "scope": scope,
                    "count": len(created),
                    "skipped": skipped,
                    "usernames": [a.username for a in created],
                },
            )
    return SchoolAccounts(tuple(created), skipped)


@dataclass(frozen=True)
class AccountRow:
    """One account of an imported account list (Excel row number kept for messages)."""

    row: int
    username: str
    role: Role
    display_name: str = ""
    school_code: str | None = None
    district_name: str | None = None
    email: str | None = None  # where notices are mailed (optional)


def import_users(rows: Sequence[AccountRow], actor: User | None, source: str) -> list[NewAccount]:
    """Create every account of a checked list, all together or none (a username taken or a
    school gone since the list was checked refuses the whole list, naming the row). Each gets a
    random password, returned once, to be changed at first login; one audit event."""
    if not rows:
        raise OperationError("没有可导入的账号")
    prepared = [_new_password() for _ in rows]
    made: list[NewAccount] = []
    with write_transaction():
        taken = _taken_usernames()
        schools = {s.code: s for s in db.session.execute(select(School)).scalars()}
        districts = {d.name: d for d in db.session.execute(select(District)).scalars()}
        users: list[tuple[User, str]] = []
        for row, (password, hashed) in zip(rows, prepared, strict=True):
            if row.username.lower() in taken:
                raise OperationError(f"第{row.row}行：用户名“{row.username}”已被使用")
            taken.add(row.username.lower())
            school = schools.get(row.school_code or "") if row.role is Role.SCHOOL else None
            district = districts.get(row.district_name or "") if row.role is Role.DISTRICT else None
            if row.role is Role.SCHOOL and (school is None or not school.active):
                raise OperationError(f"第{row.row}行：没有学校代码为“{row.school_code}”的在用学校")
            if row.role is Role.DISTRICT and district is None:
                raise OperationError(f"第{row.row}行：没有名为“{row.district_name}”的区县")
            user = _add_user(
                row.username,
                row.role,
                hashed,
                school=school,
                district=district,
                display_name=row.display_name,
                must_change_password=True,
                email=row.email,
            )
            users.append((user, password))
        db.session.flush()
        made = [NewAccount(user.id, user.username, password) for user, password in users]
        record(
            "users_imported",
            actor,
            entity="user",
            entity_id=source[:80],
            new={"file": source, "count": len(made), "usernames": [a.username for a in made]},
        )
    return made


def reset_password(username: str, actor: User | None = None) -> NewAccount:
    """A new random password, to be changed at next login; every session of the user ends."""
    password = generate_password()
    with write_transaction():
        user = _user_by_name(username)
        user.password_hash = hash_password(password)
        user.must_change_password = True
        _revoke_sessions(user.id)
        record("password_reset", actor, entity="user", entity_id=user.id, school_id=user.school_id)
    return NewAccount(user.id, user.username, password)


def set_active(username: str, active: bool, actor: User | None = None) -> None:
    """Deactivate (ending every session at once) or reactivate an account."""
    with write_transaction():
        user = _user_by_name(username)
        if actor is not None and user.id == actor.id and not active:
            raise OperationError("不能停用自己的账号")
        old = user.active
        user.active = active
        if not active:
            _revoke_sessions(user.id)
        record(
            "user_deactivated" if not active else "user_activated",
            actor,
            entity="user",
            entity_id=user.id,
            old={"active": old},
            new={"active": active},
        )


def _user_by_name(username: str) -> User:
    user = db.session.execute(
        select(User).where(func.lower(User.username) == username.strip().lower())
    ).scalar_one_or_none()
    if user is None:
        raise OperationError(f"没有用户“{username}”")
    return user
