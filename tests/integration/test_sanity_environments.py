# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tests/sanity/prime_venvs.py makes ansible-test's sanity environments with uv: they must be
the ones ansible-test would make itself (its place for them, the packages its pip commands
pin, without pip, which it takes out at the end), so that ansible-test then runs the test in
them and installs nothing.

`make test` reuses the environments of earlier runs (~/.ansible/test), so only a fresh HOME,
as here, takes this path."""

import json
import os
import pathlib
import subprocess
import sys

from pki_acmpca_emulator import harness

ROOT = pathlib.Path(__file__).resolve().parents[2]
UV = ROOT / ".venv-uv" / "bin" / "uv"
ANSIBLE_TEST = pathlib.Path(sys.executable).parent / "ansible-test"
PYTHON_VERSION = "%d.%d" % sys.version_info[:2]


def expected_packages(meta_install):
    """{name: version or None} that ansible-test's pip commands (meta.install.json) leave in the
    environment: each pinned requirement at its version, each uninstalled package absent."""
    expected = {}
    for action, options in json.loads(meta_install.read_text()):
        if action == "install":
            for _path, content in options["requirements"]:
                for line in content.splitlines():
                    if "==" in line and not line.startswith("#"):
                        name, version = line.split("==", 1)
                        expected[name.strip().lower().replace("_", "-")] = version.strip()
        elif action == "uninstall":
            expected.update(dict.fromkeys(options["packages"]))
    return expected


def installed(python):
    script = "import importlib.metadata as m, json; print(json.dumps({d.metadata['Name'].lower().replace('_', '-'): d.version for d in m.distributions()}))"
    return json.loads(subprocess.run([str(python), "-c", script], capture_output=True, text=True, check=True).stdout)


def test_environments_made_with_uv_are_those_ansible_test_makes_and_uses(tmp_path):
    assert UV.exists(), f"{UV} is made by `make venv`"
    stage = tmp_path / "ansible_collections" / "pki" / "acmpca"
    stage.mkdir(parents=True)
    harness.stage_collection(str(stage))
    home = tmp_path / "home"
    home.mkdir()
    # A fresh HOME, with the machine's uv cache so that nothing is downloaded twice.
    env = dict(os.environ, HOME=str(home), UV_CACHE_DIR=os.environ.get("UV_CACHE_DIR") or os.path.expanduser("~/.cache/uv"),
               PATH=f"{ANSIBLE_TEST.parent}{os.pathsep}{os.environ['PATH']}")
    sanity = ["--test", "pep8", "--python", PYTHON_VERSION, "--color", "no"]

    primed = subprocess.run([sys.executable, str(ROOT / "tests" / "sanity" / "prime_venvs.py"), str(UV), *sanity], cwd=stage, env=env,
                            capture_output=True, text=True, timeout=300, check=False)

    assert primed.returncode == 0, primed
    made = list((home / ".ansible" / "test" / "venv" / "sanity.pep8" / PYTHON_VERSION).glob("*/marker.txt"))
    assert len(made) == 1, primed
    expected = expected_packages(made[0].parent / "meta.install.json")
    assert "pycodestyle" in expected and "pip" in expected, expected
    packages = installed(made[0].parent / "bin" / "python")
    assert {name: packages.get(name) for name in expected} == expected

    ran = subprocess.run([str(ANSIBLE_TEST), "sanity", *sanity], cwd=stage, env=env, capture_output=True, text=True, timeout=300, check=False)

    assert ran.returncode == 0, ran
    assert 'Running sanity test "pep8"' in ran.stdout + ran.stderr, ran
    assert "Installing requirements" not in ran.stdout + ran.stderr, ran
