# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`make sandbox` / `make sandbox-stop`: the emulator, left running for a user's own playbooks.

    python -m pki_acmpca_emulator.sandbox start --dir .sandbox --port 4599
    python -m pki_acmpca_emulator.sandbox stop --dir .sandbox

``start`` starts the server (server.py) on 127.0.0.1 at a fixed port, in a session of its
own so that it outlives the command; seeds an organization (the management account, a
member, an account outside it) and ACTIVE CAs; writes an AWS config file with one profile
per account, each with its credentials and the sandbox's endpoint; and prints the
``module_defaults`` and the shell exports that use it. The server's PID is kept in
``<dir>/server.pid``; ``stop`` ends that process (and only it) and waits until it is gone.

The profiles are named as in examples/ (``pki-prod``, ``pki-dev``), so the examples run
against the sandbox as written, the organization ID aside (moto picks it).
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time

from pki_acmpca_emulator import pca

DEFAULT_PORT = 4599
HOST = "127.0.0.1"
SERVER_MODULE = "pki_acmpca_emulator.server"
# Where the examples' inventories look for CAs: each gets ACTIVE CAs there.
REGIONS = ("us-east-1", "eu-west-1")
# (profile, role in the organization, CAs it owns: (region, common name))
ACCOUNTS = (
    ("pki-prod", "management account", (("us-east-1", "Sandbox Root CA"), ("us-east-1", "Sandbox Issuing CA"),
                                        ("eu-west-1", "Sandbox EU Issuing CA"))),
    ("pki-dev", "member account", (("eu-west-1", "Sandbox Dev CA"),)),
    ("outsider", "account outside the organization", ()),
)
STARTUP_TIMEOUT = 60
STOP_TIMEOUT = 10


def _paths(directory):
    return {name: os.path.join(directory, file_name) for name, file_name in (
        ("pid", "server.pid"), ("port", "server.port"), ("log", "server.log"), ("config", "aws_config"),
        ("credentials", "aws_credentials"), ("summary", "sandbox.json"))}


def running_pid(directory):
    """The PID of this sandbox's server when it runs, else None (a stale PID file is removed)."""
    path = _paths(directory)["pid"]
    try:
        with open(path, encoding="utf-8") as handle:
            pid = int(handle.read().strip())
    except (OSError, ValueError):
        return None
    if _is_our_server(pid):
        return pid
    os.remove(path)
    return None


def _is_our_server(pid):
    # A PID the system gave to another program since is never signalled.
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return SERVER_MODULE.encode() in handle.read()
    except OSError:
        return False


def _start_server(paths, port):
    for stale in (paths["port"],):
        if os.path.exists(stale):
            os.remove(stale)
    with open(paths["log"], "w", encoding="utf-8") as log:
        process = subprocess.Popen(  # pylint: disable=consider-using-with
            [sys.executable, "-m", SERVER_MODULE, "--host", HOST, "--port", str(port), "--port-file", paths["port"]],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while not os.path.exists(paths["port"]):
        if process.poll() is not None or time.monotonic() > deadline:
            _end(process.pid)
            with open(paths["log"], encoding="utf-8") as log:
                raise SystemExit(f"sandbox: the emulator did not start on {HOST}:{port} (is the port taken? SANDBOX_PORT=... "
                                 f"picks another):\n{log.read()[-2000:]}")
        time.sleep(0.1)
    with open(paths["pid"], "w", encoding="utf-8") as handle:
        handle.write(f"{process.pid}\n")
    return process.pid


def _seed(endpoint):
    """The organization, its accounts' credentials and their CAs; a summary dict."""
    organization_id, management = pca.create_organization(endpoint)
    member = pca.create_member_account(endpoint, management_account_id=management, name="pki-dev")
    outsider = pca.random_account_id()
    accounts = []
    for (profile, role, cas), account_id in zip(ACCOUNTS, (management, member, outsider)):
        if account_id == management:
            credentials = {"aws_access_key_id": pca.DUMMY_ACCESS_KEY, "aws_secret_access_key": pca.DUMMY_SECRET_KEY}
        else:
            credentials = pca.assume_role(endpoint, account_id, session_name="pki-acmpca-sandbox")
        arns = []
        for region, common_name in cas:
            client = pca.make_client(endpoint, account_id=account_id, region=region)
            arns.append(pca.create_active_ca(client, common_name=common_name))
        accounts.append({"profile": profile, "role": role, "account_id": account_id, "certificate_authority_arns": arns,
                         "credentials": {key: value for key, value in credentials.items() if key.startswith("aws_")}})
    return {"endpoint_url": endpoint, "organization_id": organization_id, "accounts": accounts}


def _write_aws_files(paths, summary):
    lines = []
    for account in summary["accounts"]:
        lines.append(f"[profile {account['profile']}]")
        lines.append(f"# {account['role']} {account['account_id']}")
        lines.append(f"region = {REGIONS[0]}")
        lines.append(f"endpoint_url = {summary['endpoint_url']}")
        lines.extend(f"{key} = {value}" for key, value in account["credentials"].items())
        lines.append("")
    with open(paths["config"], "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
    # An empty credentials file: a profile of the same name in ~/.aws/credentials never mixes in.
    with open(paths["credentials"], "w", encoding="utf-8") as handle:
        handle.write("")
    with open(paths["summary"], "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2)
    for path in (paths["config"], paths["summary"]):
        os.chmod(path, 0o600)


def exports(paths, summary):
    """The environment that points boto3 (the modules, the AWS CLI) at the sandbox."""
    return {
        "AWS_CONFIG_FILE": paths["config"],
        "AWS_SHARED_CREDENTIALS_FILE": paths["credentials"],
        "AWS_PROFILE": summary["accounts"][0]["profile"],
        "AWS_ENDPOINT_URL": summary["endpoint_url"],
        "AWS_REGION": REGIONS[0],
    }


def describe(paths, summary, pid):
    accounts = "\n".join(f"  {account['profile']:9} {account['account_id']}  {account['role']}"
                         + "".join(f"\n              ACTIVE CA {arn}" for arn in account["certificate_authority_arns"])
                         for account in summary["accounts"])
    shell = "\n".join(f"  export {key}={value}" for key, value in exports(paths, summary).items())
    return f"""pki.acmpca sandbox: the AWS emulator on {summary['endpoint_url']} (PID {pid}); stop it with `make sandbox-stop`.

Organization {summary['organization_id']}; one profile per account in {paths['config']}:
{accounts}

In a shell (ansible-playbook, ansible, the AWS CLI):
{shell}

In a play (with AWS_CONFIG_FILE exported as above, for the profile):
  module_defaults:
    group/pki.acmpca.acmpca:
      endpoint_url: {summary['endpoint_url']}
      profile: pki-prod
      region: {REGIONS[0]}

The examples run as written: cd examples/access && ansible-playbook find_external_access.yml -e trusted_organization_id={summary['organization_id']}
"""


def start(directory, port):
    os.makedirs(directory, exist_ok=True)
    paths = _paths(directory)
    pid = running_pid(directory)
    if pid is not None:
        with open(paths["summary"], encoding="utf-8") as handle:
            summary = json.load(handle)
        print(f"sandbox: already running, as started before\n\n{describe(paths, summary, pid)}")
        return 0
    pid = _start_server(paths, port)
    try:
        summary = _seed(f"http://{HOST}:{port}")
        _write_aws_files(paths, summary)
    except BaseException:
        stop(directory)
        raise
    print(describe(paths, summary, pid))
    return 0


def _end(pid):
    """SIGTERM, then SIGKILL after STOP_TIMEOUT; returns once the process is gone."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + STOP_TIMEOUT
        while time.monotonic() < deadline:
            if not _alive(pid):
                return
            time.sleep(0.1)


def _alive(pid):
    try:
        # A child of this process that has exited is reaped here, so it no longer counts as alive.
        if os.waitpid(pid, os.WNOHANG)[0] == pid:
            return False
    except ChildProcessError:
        pass
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as handle:
            return handle.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False


def stop(directory):
    paths = _paths(directory)
    pid = running_pid(directory)
    if pid is None:
        print(f"sandbox: not running (no live server PID in {paths['pid']})")
        return 0
    _end(pid)
    for name in ("pid", "port"):
        if os.path.exists(paths[name]):
            os.remove(paths[name])
    print(f"sandbox: stopped the emulator (PID {pid})")
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(description="the pki.acmpca sandbox: the AWS emulator, seeded, until stopped")
    parser.add_argument("action", choices=("start", "stop"))
    parser.add_argument("--dir", default=".sandbox", help="where the PID, the log and the AWS config file go")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    args = parser.parse_args(argv)
    directory = os.path.abspath(args.dir)
    return start(directory, args.port) if args.action == "start" else stop(directory)


if __name__ == "__main__":
    sys.exit(main())
