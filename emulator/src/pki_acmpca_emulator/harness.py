# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every end-to-end run needs, shared by the integration tests, the demo and the
benchmark: build and install the collection, run moto_server in a subprocess, and run
the real ansible-playbook / ansible executables against it.

``AwsTestEnv`` is the fake AWS of one test (moto behind the fault proxy); ``AnsibleRunner``
runs playbooks and ad-hoc commands and returns a ``Run`` holding every task's result.
"""

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request

import yaml

from pki_acmpca_emulator import pca

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
# The collection this checkout holds: the emulator package sits in <collection root>/emulator/src/.
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(PACKAGE_DIR)))
CALLBACK_PLUGINS_DIR = os.path.join(PACKAGE_DIR, "callback_plugins")
ACTION_GROUP = "group/pki.acmpca.acmpca"
REGION = pca.DEFAULT_REGION
# moto needs a recent botocore: a venv pinned to older boto3 (the compat stage) names the Python that runs moto here.
MOTO_PYTHON_ENV = "PKI_ACMPCA_MOTO_PYTHON"


def executable(name):
    """``name`` from the same virtualenv as this Python, else from PATH."""
    candidate = os.path.join(os.path.dirname(sys.executable), name)
    if os.path.exists(candidate):
        return candidate
    found = shutil.which(name)
    if found is None:
        raise RuntimeError(f"cannot find the {name} executable next to {sys.executable} or on PATH")
    return found


def run_checked(command, env=None, cwd=None, timeout=300):
    completed = subprocess.run(command, env=env, cwd=cwd, timeout=timeout, check=False,
                               capture_output=True, text=True)
    if completed.returncode != 0:
        raise RuntimeError("%s failed (rc=%d)\nstdout:\n%s\nstderr:\n%s" % (
            " ".join(command), completed.returncode, completed.stdout, completed.stderr))
    return completed


def hermetic_env(base_dir, extra=None):
    """os.environ without AWS_* / ANSIBLE_* leakage, plus settings every run needs."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("AWS_", "ANSIBLE_", "BOTO_"))}
    empty_config = os.path.join(base_dir, "ansible.cfg")
    if not os.path.exists(empty_config):
        with open(empty_config, "w", encoding="utf-8") as handle:
            handle.write("# intentionally empty: tests are configured through the environment\n")
    env.update({
        "ANSIBLE_CONFIG": empty_config,
        "ANSIBLE_LOCAL_TEMP": os.path.join(base_dir, "ansible-local-tmp"),
        "ANSIBLE_REMOTE_TEMP": os.path.join(base_dir, "ansible-remote-tmp"),
        "ANSIBLE_NOCOLOR": "1",
        "ANSIBLE_FORCE_COLOR": "0",
        "ANSIBLE_HOST_KEY_CHECKING": "False",
        "ANSIBLE_LOCALHOST_WARNING": "False",
        "ANSIBLE_INVENTORY_UNPARSED_WARNING": "False",
        "ANSIBLE_RETRY_FILES_ENABLED": "False",
        "ANSIBLE_COLLECTIONS_SCAN_SYS_PATH": "False",
        "AWS_CONFIG_FILE": os.path.join(base_dir, "nonexistent-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": os.path.join(base_dir, "nonexistent-aws-credentials"),
        # Without this, a test of "no credentials" waits for the EC2 metadata service.
        "AWS_EC2_METADATA_DISABLED": "true",
    })
    for key, value in (extra or {}).items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = str(value)
    return env


def build_and_install_collection(base_dir):
    """Build the collection from the repo root with ansible-galaxy and install it under
    ``base_dir``; return the collections path (it holds ``ansible_collections/pki/acmpca``)."""
    build_dir = os.path.join(base_dir, "build")
    collections_path = os.path.join(base_dir, "collections")
    os.makedirs(build_dir, exist_ok=True)
    env = hermetic_env(base_dir, {"ANSIBLE_COLLECTIONS_PATH": collections_path})
    galaxy = executable("ansible-galaxy")
    run_checked([galaxy, "collection", "build", "--force", "--output-path", build_dir, REPO_ROOT], env=env, cwd=base_dir)
    tarballs = sorted(name for name in os.listdir(build_dir) if name.startswith("pki-acmpca-") and name.endswith(".tar.gz"))
    if len(tarballs) != 1:
        raise RuntimeError(f"expected one collection tarball in {build_dir}, found {tarballs!r}")
    run_checked([galaxy, "collection", "install", "--offline", "--no-deps", "--force", "-p", collections_path,
                 os.path.join(build_dir, tarballs[0])], env=env, cwd=base_dir)
    return collections_path


def stage_collection(destination):
    """Copy the files git would ship (tracked, and untracked but not ignored) to
    ``destination``, a ``.../ansible_collections/pki/acmpca`` path as ansible-test wants it,
    and make it a git repository: ansible-test lists a collection's files through git."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO_ROOT,
                            check=True, capture_output=True).stdout.decode("utf-8").split("\0")
    for relative in filter(None, listed):
        source = os.path.join(REPO_ROOT, relative)
        if not os.path.lexists(source):
            continue
        target = os.path.join(destination, relative)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copy2(source, target, follow_symlinks=False)
    subprocess.run(["git", "init", "-q", "."], cwd=destination, check=True)
    subprocess.run(["git", "add", "-A", "."], cwd=destination, check=True)


def _wait_for_port_file(process, port_file, log_path, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            with open(log_path, encoding="utf-8", errors="replace") as handle:
                raise RuntimeError(f"the emulator server exited with rc={process.returncode}:\n{handle.read()}")
        if os.path.exists(port_file):
            with open(port_file, encoding="utf-8") as handle:
                content = handle.read().strip()
            if content:
                return int(content)
        time.sleep(0.05)
    raise RuntimeError(f"the emulator server did not report its port within {timeout}s (log: {log_path})")


def reset_moto(moto_url):
    """POST /moto-api/reset: every account's state is gone (organizations included)."""
    request = urllib.request.Request(f"{moto_url}/moto-api/reset", data=b"", method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()


def stop_process(process, timeout=10):
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)


def start_moto_server(base_dir):
    """Start moto_server with the cross-account double on a free port of 127.0.0.1.

    Returns ``(process, url)``; stop it with ``stop_process(process)`` (it also exits on
    its own when this process dies). Its log is ``moto.log`` in ``base_dir``.
    """
    port_file = os.path.join(base_dir, "moto.port")
    log_path = os.path.join(base_dir, "moto.log")
    python = os.environ.get(MOTO_PYTHON_ENV) or sys.executable
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(  # pylint: disable=consider-using-with
            [python, "-m", "pki_acmpca_emulator.server", "--host", "127.0.0.1", "--port", "0", "--port-file", port_file, "--parent-pid", str(os.getpid())],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=base_dir,
        )
    try:
        url = "http://127.0.0.1:%d" % _wait_for_port_file(process, port_file, log_path)
        reset_moto(url)
    except Exception:
        stop_process(process)
        raise
    return process, url


class Account:
    """An AWS account in moto, with AssumeRole credentials for it."""

    def __init__(self, account_id, credentials):
        self.account_id = account_id
        self.credentials = credentials

    @property
    def env(self):
        """Environment for an Ansible run (or any boto3 program) acting as this account."""
        return pca.credentials_env(self.credentials)

    @property
    def module_args(self):
        """The connection options of the pki.acmpca modules acting as this account."""
        return {
            "access_key": self.credentials["aws_access_key_id"],
            "secret_key": self.credentials["aws_secret_access_key"],
            "session_token": self.credentials["aws_session_token"],
        }

    def __repr__(self):
        return f"Account({self.account_id})"


class AwsTestEnv:
    """What a test needs from the fake AWS.

    ``endpoint_url`` is the fault proxy: give it to the code under test.  The helpers
    below talk to moto directly, so setup and read-backs never show up in ``proxy.log()``.
    """

    def __init__(self, moto_url, proxy, region=REGION):
        self.moto_url = moto_url
        self.proxy = proxy
        self.endpoint_url = proxy.url
        self.region = region
        self.default_account_id = pca.DEFAULT_ACCOUNT_ID
        self._clients = {}

    def client(self, account_id=None, service="acm-pca", credentials=None):
        """A boto3 client straight to moto (not through the proxy), as ``account_id`` if given."""
        key = (account_id, service, tuple(sorted((credentials or {}).items())))
        if key not in self._clients:
            self._clients[key] = pca.make_client(self.moto_url, account_id=account_id, region=self.region, service=service, credentials=credentials)
        return self._clients[key]

    def proxied_client(self, account_id=None, service="acm-pca", credentials=None, max_attempts=None):
        """A boto3 client through the fault proxy (its requests are logged and can fail)."""
        return pca.make_client(self.endpoint_url, account_id=account_id, region=self.region, service=service,
                               credentials=credentials, max_attempts=max_attempts)

    def create_active_ca(self, common_name="pki-acmpca test root", tags=None, account_id=None):
        return pca.create_active_ca(self.client(account_id), common_name=common_name, tags=tags)

    def create_active_cas(self, count, common_name="pki-acmpca test root", account_id=None):
        client = self.client(account_id)
        return [pca.create_active_ca(client, common_name="%s %d" % (common_name, index)) for index in range(count)]

    def create_pending_ca(self, common_name="pki-acmpca test root", tags=None, account_id=None):
        return pca.create_pending_ca(self.client(account_id), common_name=common_name, tags=tags)

    def read_policy(self, arn, account_id=None):
        """The CA's policy as a dict, None when it has none (read as the owner by default)."""
        return pca.read_policy(self.client(account_id or _owner_of(arn)), arn)

    def put_policy(self, arn, policy, account_id=None):
        """PutPolicy as the CA's owner; ``policy`` is a dict or the exact text to store."""
        pca.put_raw_policy(self.client(account_id or _owner_of(arn)), arn, policy)

    def delete_policy(self, arn, account_id=None):
        self.client(account_id or _owner_of(arn)).delete_policy(ResourceArn=arn)

    def create_organization(self, account_id=None):
        """CreateOrganization as ``account_id`` (default account); returns (org_id, management_account_id)."""
        return pca.create_organization(self.moto_url, account_id=account_id)

    def assume(self, account_id, role_name=pca.DEFAULT_ROLE_NAME):
        """An ``Account`` with AssumeRole credentials for ``account_id`` (known to the proxy log)."""
        credentials = pca.assume_role(self.moto_url, account_id, role_name=role_name, region=self.region)
        self.proxy.register_access_key(credentials["aws_access_key_id"], str(account_id))
        return Account(str(account_id), credentials)

    def member_account(self, management_account_id=None, name=None):
        """CreateAccount in the organization, then AssumeRole into it: an ``Account``."""
        account_id = pca.create_member_account(self.moto_url, management_account_id=management_account_id, name=name)
        return self.assume(account_id)

    def outsider_account(self):
        """An ``Account`` (AssumeRole credentials) that belongs to no organization."""
        return self.assume(pca.random_account_id())

    def enable_ram_sharing(self, management_account_id=None):
        """RAM's EnableSharingWithAwsOrganization as the management account (straight to moto)."""
        self.client(management_account_id, service="ram").enable_sharing_with_aws_organization()

    def ram_hook(self, hook, **document):
        """POST one of the RAM test hooks (ram.py): ``hold``, ``release``, ``fail``, ``expire-invitation``, ``share-from-policy``."""
        request = urllib.request.Request(f"{self.moto_url}/moto-api/pki-acmpca/ram/{hook}", data=json.dumps(document).encode("utf-8"),
                                         method="POST", headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read().decode("utf-8"))

    def ram_hold(self, reads=None):
        """RAM association changes from now on stay in progress for ``reads`` GetResourceShareAssociations
        answers (None: until ``ram_release()``)."""
        return self.ram_hook("hold", reads=reads)

    def ram_release(self):
        return self.ram_hook("release")

    def ram_fail(self, entity, message, resource_share_arn=None):
        """``entity``'s RAM associations (a CA ARN or a principal) become, and later ones settle, FAILED with ``message``."""
        return self.ram_hook("fail", entity=entity, message=message, resourceShareArn=resource_share_arn)

    def ram_expire_invitation(self, invitation_arn):
        return self.ram_hook("expire-invitation", invitationArn=invitation_arn, region=self.region)

    def ram_share_from_policy(self, certificate_authority_arn, name=None):
        """The CREATED_FROM_POLICY share RAM makes from the CA's policy (its ``resourceShare`` description)."""
        return self.ram_hook("share-from-policy", certificateAuthorityArn=certificate_authority_arn, name=name)


def _owner_of(arn):
    parts = arn.split(":")
    return parts[4] if len(parts) > 5 else None


class Run:
    """The outcome of one ansible-playbook / ansible invocation."""

    def __init__(self, command, rc, stdout, stderr, results, playbook=None, duration=None):
        self.command = command
        self.rc = rc
        self.stdout = stdout
        self.stderr = stderr
        self.results = results
        self.playbook = playbook
        self.duration = duration

    def results_for(self, task_name):
        return [entry for entry in self.results if entry["task"] == task_name]

    def entry(self, task_name=None):
        """The one recorded entry (host, task, action, status, result) of ``task_name``."""
        entries = self.results if task_name is None else self.results_for(task_name)
        if len(entries) != 1:
            raise AssertionError(f"expected exactly one result for task {task_name!r}, found {len(entries)}\n{self!r}")
        return entries[0]

    def result(self, task_name=None):
        """The result dict of the one result of ``task_name`` (of the only task when None)."""
        return self.entry(task_name)["result"]

    def status(self, task_name=None):
        """ok, changed, failed, skipped or unreachable."""
        return self.entry(task_name)["status"]

    @property
    def ok(self):
        return self.rc == 0

    def __repr__(self):
        lines = [f"<Run rc={self.rc} in {self.duration or 0.0:.1f}s: {' '.join(self.command)}>"]
        for entry in self.results:
            result = entry["result"]
            summary = result.get("msg") if entry["status"] in ("failed", "unreachable") else None
            lines.append("  [%s] %s (%s)%s" % (entry["status"], entry["task"], entry["action"], " msg=%r" % summary if summary else ""))
        if self.playbook:
            lines.append(f"--- playbook ---\n{self.playbook.rstrip()}")
        lines.append(f"--- stdout (last 4000 chars) ---\n{self.stdout[-4000:].rstrip()}")
        if self.stderr.strip():
            lines.append(f"--- stderr (last 4000 chars) ---\n{self.stderr[-4000:].rstrip()}")
        return "\n".join(lines)


class AnsibleRunner:
    """Runs the real ansible-playbook / ansible executables on localhost."""

    def __init__(self, collections_path, base_dir, endpoint_url=None, region=REGION):
        self.collections_path = collections_path
        self.base_dir = str(base_dir)
        self.endpoint_url = endpoint_url
        self.region = region
        self._count = 0
        self.inventory = os.path.join(self.base_dir, "inventory.ini")
        with open(self.inventory, "w", encoding="utf-8") as handle:
            handle.write(f"localhost ansible_connection=local ansible_python_interpreter={sys.executable}\n")

    def env(self, results_file, extra=None):
        settings = {
            "ANSIBLE_COLLECTIONS_PATH": self.collections_path,
            "ANSIBLE_CALLBACK_PLUGINS": CALLBACK_PLUGINS_DIR,
            "ANSIBLE_CALLBACKS_ENABLED": "record_results",
            "ANSIBLE_LOAD_CALLBACK_PLUGINS": "True",
            "RECORD_RESULTS_FILE": results_file,
            "AWS_ACCESS_KEY_ID": pca.DUMMY_ACCESS_KEY,
            "AWS_SECRET_ACCESS_KEY": pca.DUMMY_SECRET_KEY,
            "AWS_DEFAULT_REGION": self.region,
        }
        settings.update(extra or {})
        return hermetic_env(self.base_dir, settings)

    def play(self, tasks, module_defaults_endpoint=True, name="pki.acmpca test", play_vars=None):
        """One play on localhost without facts; with ``module_defaults`` for the collection's
        action group pointing at the fault proxy (``endpoint_url``) and us-east-1."""
        play = {"name": name, "hosts": "localhost", "gather_facts": False}
        if module_defaults_endpoint:
            play["module_defaults"] = {ACTION_GROUP: {"endpoint_url": self.endpoint_url, "region": self.region}}
        if play_vars:
            play["vars"] = play_vars
        play["tasks"] = list(tasks)
        return play

    def _next_paths(self, kind):
        self._count += 1
        stem = os.path.join(self.base_dir, "%s-%d" % (kind, self._count))
        return f"{stem}.yml", f"{stem}.results.jsonl"

    def _execute(self, command, results_file, env, timeout, playbook=None):
        started = time.monotonic()
        completed = subprocess.run(command, env=self.env(results_file, env), cwd=self.base_dir, timeout=timeout, check=False,
                                   capture_output=True, stdin=subprocess.DEVNULL, text=True)
        results = []
        if os.path.exists(results_file):
            with open(results_file, encoding="utf-8") as handle:
                results = [json.loads(line) for line in handle if line.strip()]
        return Run(command, completed.returncode, completed.stdout, completed.stderr, results, playbook=playbook,
                   duration=time.monotonic() - started)

    def playbook(self, plays, check=False, diff=False, extra_vars=None, env=None, verbosity=0, timeout=300):
        """Run a playbook (YAML text, one play dict, or a list of plays); return a ``Run``.

        ``env`` adds variables to the run's environment (None as a value removes one).
        """
        if isinstance(plays, dict):
            plays = [plays]
        text = plays if isinstance(plays, str) else yaml.safe_dump(plays, sort_keys=False, default_flow_style=False)
        playbook_path, results_file = self._next_paths("playbook")
        with open(playbook_path, "w", encoding="utf-8") as handle:
            handle.write(text)
        command = [executable("ansible-playbook"), "-i", self.inventory]
        command += self._common_options(check, diff, extra_vars, verbosity)
        command.append(playbook_path)
        return self._execute(command, results_file, env, timeout, playbook=text)

    def adhoc(self, module, args=None, check=False, diff=False, extra_vars=None, env=None, verbosity=0, timeout=300):
        """Run ``ansible localhost -m module -a args`` (args: dict, sent as JSON, or a k=v string)."""
        _unused, results_file = self._next_paths("adhoc")
        command = [executable("ansible"), "localhost", "-i", self.inventory, "-m", module]
        if args:
            command += ["-a", json.dumps(args) if isinstance(args, dict) else args]
        command += self._common_options(check, diff, extra_vars, verbosity)
        return self._execute(command, results_file, env, timeout)

    def _common_options(self, check, diff, extra_vars, verbosity):
        options = []
        if check:
            options.append("--check")
        if diff:
            options.append("--diff")
        if extra_vars:
            self._count += 1
            extra_vars_path = os.path.join(self.base_dir, "extra-vars-%d.json" % self._count)
            with open(extra_vars_path, "w", encoding="utf-8") as handle:
                json.dump(extra_vars, handle)
            options += ["-e", f"@{extra_vars_path}"]
        if verbosity:
            options.append(f"-{'v' * int(verbosity)}")
        return options
