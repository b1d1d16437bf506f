# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pytest fixtures for end-to-end runs against the emulator: import them into a conftest.py.

``collection_root`` (session)  built and installed collection; a path for ANSIBLE_COLLECTIONS_PATH
``moto_server`` (session)      URL of the emulator (moto with this package's additions) in a subprocess
``fault_proxy`` (session)      the in-process FaultProxy in front of it
``aws`` (function)             emulator reset, proxy cleared; an ``AwsTestEnv``
``ansible`` (function)         an ``AnsibleRunner`` (``.playbook``, ``.adhoc``, ``.play``)
``play`` (function)            ``ansible.play``: the standard localhost play header
"""

import fcntl
import os

import pytest

from pki_acmpca_emulator.fault_proxy import FaultProxy
from pki_acmpca_emulator.harness import AnsibleRunner, AwsTestEnv, build_and_install_collection, reset_moto, start_moto_server, stop_process

# Set to an existing collections path (one holding ansible_collections/pki/acmpca) to skip the build.
COLLECTIONS_PATH_ENV = "PKI_ACMPCA_COLLECTIONS_PATH"


@pytest.fixture(scope="session")
def collection_root(tmp_path_factory):
    """The collection built from the repo root and installed: a path for ANSIBLE_COLLECTIONS_PATH.

    Built once per test run: pytest-xdist workers share one build (the first builds it under
    a lock, the others wait and reuse it). With PKI_ACMPCA_COLLECTIONS_PATH set, that path is
    returned and nothing is built.
    """
    if os.environ.get(COLLECTIONS_PATH_ENV):
        return os.environ[COLLECTIONS_PATH_ENV]
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return build_and_install_collection(str(tmp_path_factory.mktemp("collection")))
    # Every worker's basetemp sits in one directory for the whole run.
    shared = tmp_path_factory.getbasetemp().parent / "collection"
    shared.mkdir(exist_ok=True)
    with open(str(shared / ".lock"), "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = shared / ".built"
        if not done.exists():
            build_and_install_collection(str(shared))
            done.write_text("built\n", encoding="utf-8")
    return str(shared / "collections")


@pytest.fixture(scope="session")
def moto_server(tmp_path_factory):
    """URL (``http://127.0.0.1:PORT``) of moto_server with the cross-account double, in a
    subprocess stopped by PID at the end of the session."""
    process, url = start_moto_server(str(tmp_path_factory.mktemp("moto")))
    try:
        yield url
    finally:
        stop_process(process)


@pytest.fixture(scope="session")
def fault_proxy(moto_server):
    """The session's FaultProxy in front of ``moto_server`` (the ``aws`` fixture clears it per test)."""
    proxy = FaultProxy(moto_server)
    proxy.start()
    yield proxy
    proxy.stop()


@pytest.fixture
def aws(moto_server, fault_proxy):
    """Fresh fake AWS for one test: moto reset, proxy rules and log cleared; an ``AwsTestEnv``."""
    reset_moto(moto_server)
    fault_proxy.clear()
    env = AwsTestEnv(moto_server, fault_proxy)
    yield env
    fault_proxy.clear_faults()


@pytest.fixture
def ansible(collection_root, aws, tmp_path):
    """An ``AnsibleRunner``: ``.playbook(...)``, ``.adhoc(...)`` and ``.play(tasks)``.

    Runs use the installed collection, the record_results callback, localhost only, the
    dummy ``testing`` keys of moto's default account and region us-east-1, and no AWS
    endpoint in the environment: ``.play()`` puts the proxy URL in module_defaults.
    """
    return AnsibleRunner(collection_root, tmp_path, endpoint_url=aws.endpoint_url, region=aws.region)


@pytest.fixture
def play(ansible):
    """``ansible.play``: build the standard localhost play around a list of tasks."""
    return ansible.play
