"""requirements.lock is complete and consistent, so `pip install --no-deps -r
requirements.lock` (what the Makefile runs) needs no resolving and no registry state.

Complete: every requirement of tidings (with its dev extra) and, transitively, of every
locked package - extras included, markers evaluated for this machine - names a locked
package. Consistent: each locked version satisfies every specifier that asks for it.
"""
from __future__ import annotations

import re
import tomllib
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
LOCK = ROOT / "requirements.lock"
_PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==(\S+)((?:\s+--hash=sha256:[0-9a-f]{64})+)\s*$")


def _locked() -> dict[str, str]:
    pins = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        match = _PIN.match(line)
        assert match, f"requirements.lock: not an exact, hashed pin: {line[:80]}"
        pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def _project_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    reqs = [Requirement(r) for r in project["dependencies"]]
    for extra in project.get("optional-dependencies", {}).values():
        reqs += [Requirement(r) for r in extra]
    return reqs


def _requires(name: str, extras: frozenset[str]) -> list[Requirement]:
    """The requirements of installed package `name` that apply here with `extras`."""
    out = []
    for text in distribution(name).requires or []:
        req = Requirement(text)
        if req.marker is None or any(req.marker.evaluate({"extra": e}) for e in extras | {""}):
            out.append(req)
    return out


def test_every_pin_is_exact_and_hashed():
    assert len(_locked()) > 50


def test_lock_is_complete_and_consistent():
    pins = _locked()
    problems = []
    seen: set[tuple[str, frozenset[str]]] = set()
    todo = [("tidings", req) for req in _project_requirements()]
    while todo:
        parent, req = todo.pop()
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        name = canonicalize_name(req.name)
        if name not in pins:
            problems.append(f"{parent} needs {req}, which is not in the lock")
            continue
        if not req.specifier.contains(pins[name], prereleases=True):
            problems.append(f"{parent} needs {req}; the lock pins {pins[name]}")
        key = (name, frozenset(req.extras))
        if key in seen:
            continue
        seen.add(key)
        try:
            todo += [(name, sub) for sub in _requires(name, frozenset(req.extras))]
        except PackageNotFoundError:
            problems.append(f"{name} is locked but not installed here")
    assert not problems, "\n".join(problems)


def test_installed_versions_are_the_locked_ones():
    """The tests ran against exactly what a fresh machine installs."""
    differ = []
    for name, version in _locked().items():
        try:
            installed = distribution(name).version
        except PackageNotFoundError:
            differ.append(f"{name} {version} is locked but not installed")
            continue
        if canonicalize_name(installed) != canonicalize_name(version):
            differ.append(f"{name}: locked {version}, installed {installed}")
    assert not differ, "\n".join(differ)


def test_makefile_installs_the_lock_without_resolving():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "pip install -q --no-deps -r requirements.lock" in makefile
    assert "pip check" in makefile
