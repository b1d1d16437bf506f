# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Make ansible-test's sanity virtual environments with uv instead of pip.

ansible-test makes one virtual environment per sanity test under ~/.ansible/test/venv, each
named by a hash of the pip commands it needs, and fills it with pip: first pip itself (from
its get-pip bootstrap), then the test's pinned requirement files. On an empty HOME that is
about 30 s of CPU time, most of a fresh clone's sanity stage.

This runs ansible-test's own ``sanity --prime-venvs`` in this process with one change: the
function that runs pip inside a new environment carries out the same commands with uv: pip at
the version ansible-test asks for, ansible-test's own requirement and constraint files, and
pip taken out again at the end, as ansible-test does. ansible-test chooses, names and marks the environments as always, so
the ``ansible-test sanity`` that follows finds them ready and installs nothing.

Not done with uv: ansible-test's "pre-build" step, which builds an sdist (PyYAML) into a
wheel under extra constraints first; uv installs the registry's wheels. Where uv fails, that
command and the ones after it are left to ansible-test's pip.

Usage, from the staged collection root: python prime_venvs.py UV [ansible-test sanity options]
"""

import os
import subprocess
import sys
import tempfile

# pylint: disable=import-error  # ansible-test is installed in the venv that runs this script
from ansible_test._internal import main as ansible_test_main
from ansible_test._internal.commands import sanity
from ansible_test._internal.python_requirements import PipBootstrap, PipInstall, PipUninstall, PipVersion

ANSIBLE_TEST_PIP = sanity.run_pip


def uv_pip(uv, action, python, arguments, cwd=None):
    """``uv pip install`` (or ``uninstall``) in ``python``'s environment; True when it succeeded."""
    command = [uv, 'pip', action, '--quiet', '--python', python] + arguments
    return subprocess.run(command, cwd=cwd, check=False).returncode == 0


def install_with_uv(uv, python, command):
    """One of ansible-test's pip commands done with uv; False when uv cannot do it."""
    if isinstance(command, PipVersion):
        return True
    if isinstance(command, PipBootstrap):
        # The packages are ansible-test's pins of pip (and setuptools where it wants it).
        return uv_pip(uv, 'install', python, list(command.packages))
    if isinstance(command, PipInstall):
        with tempfile.TemporaryDirectory(prefix='pki-acmpca-sanity-') as workdir:
            arguments = list(command.packages)
            # Each file at its own relative path, as ansible-test writes them for pip.
            for option, files in (('-r', command.requirements), ('-c', command.constraints)):
                for relative_path, content in files:
                    path = os.path.join(workdir, relative_path)
                    os.makedirs(os.path.dirname(path), exist_ok=True)
                    with open(path, 'w', encoding='utf-8') as handle:
                        handle.write(content)
                    arguments += [option, relative_path]
            return uv_pip(uv, 'install', python, arguments, cwd=workdir)
    if isinstance(command, PipUninstall):
        # ansible-test takes pip out of a sanity environment once it is filled.
        return uv_pip(uv, 'uninstall', python, list(command.packages)) or command.ignore_errors
    return False


def run_pip_with_uv(uv):
    def run_pip(args, python, commands, connection):
        for index, command in enumerate(commands):
            if not install_with_uv(uv, python.path, command):
                # In order: this command and the ones after it, with ansible-test's pip.
                ANSIBLE_TEST_PIP(args, python, commands[index:], connection)
                return
    return run_pip


def main(argv):
    uv, options = argv[0], argv[1:]
    sanity.run_pip = run_pip_with_uv(uv)
    # ansible-test reads its arguments as sys.argv, its own name first.
    ansible_test_main(['ansible-test', 'sanity', '--prime-venvs'] + options)
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
