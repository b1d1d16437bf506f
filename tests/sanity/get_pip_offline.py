"""Offline stand-in for the get-pip.py bootstrap script that ansible-test downloads.

ansible-test bootstraps pip into every sanity virtual environment by running
``~/.ansible/test/cache/get_pip_<version>.py`` (fetched from the internet when
missing).  tests/sanity/run.sh copies this file there, so nothing is downloaded
from outside the package registry:

* fast path: run.sh also puts the pip wheel of the wanted version next to this
  file (``pip download`` through the machine's pip configuration); pip then
  installs itself from that wheel, with no index at all;
* fallback: pip is bootstrapped from the interpreter's bundled ``ensurepip`` wheel
  in a child process (ensurepip wipes PIP_* variables and sets PIP_CONFIG_FILE to
  /dev/null in its own environment), and the requested packages (for example
  ``pip==24.2``) are installed with it through the machine's pip configuration.

Either way ``PIP_CONFIG_FILE`` is dropped from the environment, so the machine's
pip configuration (index, mirrors, constraints) applies.

Command line: the same as get-pip.py (pip install options and requirement
specifiers, plus ``--no-setuptools`` / ``--no-wheel``).
"""

# marker: pki.acmpca offline get-pip seed

from __future__ import annotations

import os
import re
import subprocess
import sys


def from_cached_wheel(args: list[str], env: dict[str, str]) -> bool:
    """Install pip from a wheel cached beside this script; False when there is none or it fails."""
    cache_dir = os.path.dirname(os.path.abspath(__file__))
    versions = [match.group(1) for match in (re.match(r'^pip==([\w.]+)$', arg) for arg in args) if match]
    if len(versions) != 1 or any(not arg.startswith('-') and not arg.startswith('pip==') for arg in args):
        return False
    wheel = os.path.join(cache_dir, f'pip-{versions[0]}-py3-none-any.whl')
    if not os.path.isfile(wheel):
        return False
    # pip runs from its own wheel, as get-pip.py does.
    command = [sys.executable, os.path.join(wheel, 'pip'), 'install', '--no-index', '--find-links', cache_dir] + args
    return subprocess.run(command, check=False, env=env).returncode == 0


def from_ensurepip(args: list[str], env: dict[str, str], no_setuptools: bool, no_wheel: bool) -> None:
    """Bootstrap pip from ensurepip, then install the requested packages with it."""
    subprocess.run([sys.executable, '-m', 'ensurepip', '--upgrade', '--default-pip'],
                   check=True, env=env, stdout=subprocess.DEVNULL)

    if args:
        subprocess.run([sys.executable, '-m', 'pip', 'install', '--upgrade'] + args, check=True, env=env)

    unwanted = [name for name, unwanted_flag in (('setuptools', no_setuptools), ('wheel', no_wheel)) if unwanted_flag]

    if unwanted:
        # Python 3.11's ensurepip also installs setuptools; get-pip.py would not have.
        subprocess.run([sys.executable, '-m', 'pip', 'uninstall', '--yes', '--quiet'] + unwanted,
                       check=False, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> int:
    """Entry point: the same command line as get-pip.py."""
    args = list(sys.argv[1:])
    no_setuptools = '--no-setuptools' in args
    no_wheel = '--no-wheel' in args
    args = [arg for arg in args if arg not in ('--no-setuptools', '--no-wheel')]

    env = dict(os.environ)
    env.pop('PIP_CONFIG_FILE', None)

    # The wheel path installs pip alone, so it serves only when get-pip.py would install nothing else.
    if not (no_setuptools and no_wheel and from_cached_wheel(args, env)):
        from_ensurepip(args, env, no_setuptools, no_wheel)

    return 0


if __name__ == '__main__':
    sys.exit(main())
