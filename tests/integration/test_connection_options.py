# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The AWS connection options of both modules, through real ansible-playbook runs against
moto (through the fault proxy, whose log shows every AWS call, the calling account and
the access key that signed it).

Each option gets its own task with its own arguments and its own access key, so one run
proves them all: the proxy log and the forwarders' records tell the tasks apart. Both
modules build their client with the same code (module_utils/connection.py, unit-tested in
tests/unit/plugins/module_utils/test_connection.py), so each option is tried on one module
here, and the run uses both.

Where the proxy log cannot tell (request headers), a ``RecordingForwarder`` in this
process sits in front of the proxy and records every request's headers and body. The TLS
settings are proven against a second moto_server serving HTTPS with a throw-away
self-signed certificate (``moto_server -c CERT -k KEY``), as behind a TLS-inspecting proxy.
"""

import os
import socket
import ssl
import subprocess
import sys
import time
import urllib.request

import boto3
import pytest

from pki_acmpca_emulator import pca
from pki_acmpca_emulator.harness import MOTO_PYTHON_ENV, stop_process
from pki_acmpca_emulator.recording_forwarder import RecordingForwarder, self_signed_certificate

ACTION_GROUP = "group/pki.acmpca.acmpca"
POLICY_MODULE = "pki.acmpca.acmpca_policy"
INFO_MODULE = "pki.acmpca.acmpca_info"
USER_AGENT_PRODUCT = "pki.acmpca/0.1.0"
OTHER_REGION = "us-west-2"
# Environment for a run in which nothing but the play itself configures AWS.
NO_AWS_ENVIRONMENT = {"AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None, "AWS_DEFAULT_REGION": None}
# botocore retries a failed TLS handshake like any connection error: one attempt keeps this fast.
ONE_ATTEMPT = {"retries": {"total_max_attempts": 1}}
# Every task that signs with keys of moto's default account has an access key ID of its own.
TASK_KEYS = {
    "module_defaults": "AKIAPKICONNDEFAULTS1",
    "environment": "AKIAPKICONNENVIRON01",
    "aliases": "AKIAPKICONNALIASES01",
    "missing aws_ca_bundle": "AKIAPKICONNMISSING01",
    "no region": "AKIAPKICONNNOREGION1",
}


# ------------------------------------------------------------ forwarder


@pytest.fixture
def forwarder(aws):
    """``forwarder(certificate=None, rewrite=None)``: a started ``RecordingForwarder`` in front of the proxy."""
    started = []

    def start(certificate=None, rewrite=None):
        instance = RecordingForwarder(aws.endpoint_url, certificate=certificate, rewrite=rewrite)
        instance.start()
        started.append(instance)
        return instance

    yield start
    for instance in started:
        instance.stop()


# -------------------------------------------------------------- helpers


def play_with_defaults(ansible, tasks, **defaults):
    """A play whose module_defaults for the action group are exactly ``defaults`` (none when empty)."""
    play = ansible.play(tasks, module_defaults_endpoint=False)
    if defaults:
        play["module_defaults"] = {ACTION_GROUP: defaults}
    return play


def task(name, module, args, **options):
    entry = {"name": name, module: args}
    entry.update(options)
    return entry


def listed_arns(run, task_name):
    return sorted(ca["arn"] for ca in run.result(task_name)["certificate_authorities"])


def pca_log(aws):
    return [entry for entry in aws.proxy.log() if entry["service"] == "ACMPrivateCA"]


def client_in(aws, region, account_id=None):
    return pca.make_client(aws.moto_url, account_id=account_id, region=region)


def keys(task_name):
    """Task arguments signing as moto's default account with the task's own access key ID."""
    return {"access_key": TASK_KEYS[task_name], "secret_key": pca.DUMMY_SECRET_KEY}


def block(name, defaults, tasks):
    """A block whose module_defaults for the action group are exactly ``defaults``."""
    return {"name": name, "module_defaults": {ACTION_GROUP: defaults}, "block": tasks}


def signed_with(requests, access_key):
    """The operations of the forwarder ``requests`` signed with ``access_key``."""
    return [request["operation"] for request in requests
            if f"Credential={access_key}/" in request["headers"].get("authorization", "")]


def pca_entries(aws, access_key):
    """The (operation, fault) of every ACM PCA request the proxy saw signed with ``access_key``."""
    return [(entry["operation"], entry["fault"]) for entry in pca_log(aws) if entry["access_key"] == access_key]


def operations(aws, access_key):
    return [operation for operation, _fault in pca_entries(aws, access_key)]


@pytest.fixture
def tls_moto_server(tmp_path):
    """A second moto_server, serving HTTPS with a throw-away self-signed certificate:
    ``(url, certificate path)``. Started on a free port, stopped by PID."""
    certificate_path, key_path = self_signed_certificate(tmp_path)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    python = os.environ.get(MOTO_PYTHON_ENV) or sys.executable
    with open(str(tmp_path / "moto-tls.log"), "w", encoding="utf-8") as log:
        process = subprocess.Popen(  # pylint: disable=consider-using-with
            [os.path.join(os.path.dirname(python), "moto_server"), "-H", "127.0.0.1", "-p", str(port),
             "-c", certificate_path, "-k", key_path],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    url = "https://127.0.0.1:%d" % port
    trusted = ssl.create_default_context(cafile=certificate_path)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/moto-api/data.json", context=trusted, timeout=5):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"moto_server with TLS did not start; see {tmp_path / 'moto-tls.log'}")
                time.sleep(0.1)
        yield url, certificate_path
    finally:
        stop_process(process)


# ---------------------------------------------------------------- tests


def test_every_connection_option_and_source_reaches_boto3(aws, ansible, forwarder, tmp_path):
    """One run, one task (or a few) per option: module_defaults alone, the environment
    alone, region and endpoint aliases, explicit keys and session token with their aliases
    (and the user agent on every request), retries and unknown settings in aws_config, the
    a bundle that does not exist, and no region anywhere (the TLS settings are proven
    against a moto_server serving HTTPS, below). Nothing in the environment of the run configures AWS."""
    shared_arn = aws.create_active_ca()
    plain_arn = aws.create_active_ca()  # never gets a policy: state=absent on it changes nothing
    default_account_arns = sorted([shared_arn, plain_arn])
    west_arn = pca.create_active_ca(client_in(aws, OTHER_REGION))
    member = aws.assume(pca.random_account_id())
    member_arn = aws.create_active_ca(account_id=member.account_id)
    throttled = aws.assume(pca.random_account_id())
    throttled_arn = aws.create_active_ca(account_id=throttled.account_id)
    # The faults hit only the throttled account's calls, whatever the order of the tasks.
    aws.proxy.add_fault("ListCertificateAuthorities", "throttle", times=2, account_id=throttled.account_id)
    shared_policy = pca.account_share_policy(shared_arn, "111122223333")
    member_policy = pca.account_share_policy(member_arn, "111122223333")
    capture = forwarder()
    missing_bundle = str(tmp_path / "no-such-bundle.pem")
    member_keys = [
        dict(zip(names, (member.credentials["aws_access_key_id"], member.credentials["aws_secret_access_key"],
                         member.credentials["aws_session_token"])))
        for names in (("access_key", "secret_key", "session_token"),
                      ("aws_access_key_id", "aws_secret_access_key", "aws_session_token"),
                      ("aws_access_key", "aws_secret_key", "aws_session_token"))]
    tasks = [
        block("aws_config", dict(throttled.module_args, endpoint_url=aws.endpoint_url, region=aws.region), [
            task("one attempt", INFO_MODULE, {"aws_config": ONE_ATTEMPT}, ignore_errors=True),
            task("default retries", INFO_MODULE, {}),
            task("unknown setting", INFO_MODULE, {"aws_config": {"no_such_setting": 1}}, ignore_errors=True),
        ]),
        block("module_defaults", dict(keys("module_defaults"), endpoint_url=aws.endpoint_url, region=aws.region), [
            task("module_defaults alone", POLICY_MODULE, {"resource_arn": shared_arn, "policy": shared_policy}),
        ]),
        task("the environment alone", INFO_MODULE, {"include_policy": True}, environment={
            "AWS_ENDPOINT_URL": aws.endpoint_url, "AWS_DEFAULT_REGION": aws.region,
            "AWS_ACCESS_KEY_ID": TASK_KEYS["environment"], "AWS_SECRET_ACCESS_KEY": pca.DUMMY_SECRET_KEY}),
        task("aws_region and aws_endpoint_url, validate_certs false over http", INFO_MODULE,
             dict(keys("aliases"), aws_region=OTHER_REGION, aws_endpoint_url=aws.endpoint_url, validate_certs=False)),
        block("explicit keys", {"endpoint_url": capture.url, "region": aws.region}, [
            task("list with access_key", INFO_MODULE, member_keys[0]),
            task("list with aws_access_key_id", INFO_MODULE, member_keys[1]),
            task("share with aws_access_key", POLICY_MODULE, dict(member_keys[2], resource_arn=member_arn, policy=member_policy)),
        ]),
        block("missing bundle", {"endpoint_url": aws.endpoint_url, "region": aws.region}, [
            task("missing aws_ca_bundle", INFO_MODULE,
                 dict(keys("missing aws_ca_bundle"), aws_ca_bundle=missing_bundle, aws_config=ONE_ATTEMPT), ignore_errors=True),
        ]),
        block("no region", dict(keys("no region"), endpoint_url=aws.endpoint_url), [
            task("list without a region", INFO_MODULE, {}, ignore_errors=True),
            task("policy of a CA named by its ARN", POLICY_MODULE, {"resource_arn": plain_arn, "state": "absent"}),
        ]),
    ]

    run = ansible.playbook(play_with_defaults(ansible, tasks), env=NO_AWS_ENVIRONMENT)

    assert run.rc == 0, run

    # aws_config reaches botocore: one attempt gives up on the first throttle, the default
    # retries ride one out, and an unknown setting is named.
    assert run.status("one attempt") == "failed", run
    assert "ThrottlingException" in run.result("one attempt")["msg"]
    assert run.result("one attempt")["error"]["code"] == "ThrottlingException"
    assert run.status("default retries") == "ok", run
    assert listed_arns(run, "default retries") == [throttled_arn]
    assert run.status("unknown setting") == "failed", run
    unknown = run.result("unknown setting")["msg"]
    assert "aws_config" in unknown and "no_such_setting" in unknown, unknown
    assert [(entry["operation"], entry["fault"]) for entry in pca_log(aws) if entry["account_id"] == throttled.account_id] == [
        ("ListCertificateAuthorities", "throttle"), ("ListCertificateAuthorities", "throttle"), ("ListCertificateAuthorities", None)]

    # module_defaults alone configure a module (acmpca_policy) ...
    assert run.status("module_defaults alone") == "changed", run
    assert aws.read_policy(shared_arn) == shared_policy
    assert operations(aws, TASK_KEYS["module_defaults"]) == ["GetPolicy", "PutPolicy"]
    # ... and so does the environment alone (acmpca_info), which sees what the first wrote.
    listed = run.result("the environment alone")["certificate_authorities"]
    assert sorted((ca["arn"], ca["policy"]) for ca in listed if ca.get("policy")) == [(shared_arn, shared_policy)]
    assert sorted(ca["arn"] for ca in listed) == default_account_arns
    assert operations(aws, TASK_KEYS["environment"]) == ["ListCertificateAuthorities", "GetPolicy", "GetPolicy"]

    # aws_region and aws_endpoint_url choose where to call; validate_certs=false is harmless over http.
    assert listed_arns(run, "aws_region and aws_endpoint_url, validate_certs false over http") == [west_arn]
    assert operations(aws, TASK_KEYS["aliases"]) == ["ListCertificateAuthorities"]

    # Explicit keys and session token, under each of their names, act as their account;
    # every request of both modules names the collection and its version as user agent.
    for name in ("list with access_key", "list with aws_access_key_id"):
        assert listed_arns(run, name) == [member_arn], name
    assert run.status("share with aws_access_key") == "changed", run
    assert aws.read_policy(member_arn, account_id=member.account_id) == member_policy
    assert capture.operations() == ["ListCertificateAuthorities"] * 2 + ["GetPolicy", "PutPolicy"]
    assert [entry["account_id"] for entry in pca_log(aws) if entry["access_key"] == member.credentials["aws_access_key_id"]] == [member.account_id] * 4
    for request in capture.requests:
        assert f"Credential={member.credentials['aws_access_key_id']}/" in request["headers"]["authorization"]
        assert request["headers"]["x-amz-security-token"] == member.credentials["aws_session_token"]
        assert USER_AGENT_PRODUCT in request["headers"]["user-agent"].split(), request["headers"]["user-agent"]

    # A bundle that does not exist fails naming it, before any request.
    assert run.status("missing aws_ca_bundle") == "failed", run
    message = run.result("missing aws_ca_bundle")["msg"]
    assert "aws_ca_bundle" in message and missing_bundle in message, message
    assert operations(aws, TASK_KEYS["missing aws_ca_bundle"]) == []

    # No region anywhere fails naming it, while a CA's ARN supplies one.
    assert run.status("list without a region") == "failed", run
    message = run.result("list without a region")["msg"]
    assert "region" in message and "Traceback" not in message, message
    assert run.status("policy of a CA named by its ARN") == "ok", run
    assert operations(aws, TASK_KEYS["no region"]) == ["GetPolicy", "DescribeCertificateAuthority"]


def test_boto3s_own_ca_bundle_settings_reach_the_modules(ansible, tls_moto_server, tmp_path):
    """Behind a TLS-inspecting proxy the AWS CLI trusts AWS_CA_BUNDLE or the profile's
    ca_bundle; so must the modules, with aws_ca_bundle winning over both."""
    url, certificate_path = tls_moto_server
    client = boto3.client("acm-pca", endpoint_url=url, region_name=pca.DEFAULT_REGION, verify=certificate_path,
                          aws_access_key_id=pca.DUMMY_ACCESS_KEY, aws_secret_access_key=pca.DUMMY_SECRET_KEY)
    arn = pca.create_active_ca(client)
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    untrusted_bundle, _key = self_signed_certificate(other_dir)
    config_file = tmp_path / "aws-config"
    config_file.write_text("[profile behind-proxy]\nca_bundle = %s\naws_access_key_id = %s\naws_secret_access_key = %s\n"
                           % (certificate_path, pca.DUMMY_ACCESS_KEY, pca.DUMMY_SECRET_KEY))
    tasks = [
        task("no bundle anywhere", INFO_MODULE, {}, ignore_errors=True, environment={"AWS_MAX_ATTEMPTS": "1"}),
        task("AWS_CA_BUNDLE", INFO_MODULE, {}, environment={"AWS_CA_BUNDLE": certificate_path}),
        task("the profile's ca_bundle", INFO_MODULE, {"profile": "behind-proxy"}, environment={"AWS_CONFIG_FILE": str(config_file)}),
        task("aws_ca_bundle over AWS_CA_BUNDLE", POLICY_MODULE, {"resource_arn": arn, "state": "absent", "aws_ca_bundle": certificate_path},
             environment={"AWS_CA_BUNDLE": untrusted_bundle}),
        task("validate_certs false over AWS_CA_BUNDLE", INFO_MODULE, {"validate_certs": False},
             environment={"AWS_CA_BUNDLE": untrusted_bundle}),
    ]

    run = ansible.playbook(play_with_defaults(ansible, tasks, endpoint_url=url, region=pca.DEFAULT_REGION))

    assert run.rc == 0, run
    refused = run.result("no bundle anywhere")
    assert run.status("no bundle anywhere") == "failed", run
    assert refused["msg"].startswith(f"TLS verification failed calling ListCertificateAuthorities at {url}"), refused["msg"]
    assert refused["reason"] == "SSLError" and "error" not in refused
    assert refused["boto3_version"] and refused["botocore_version"]
    for name in ("AWS_CA_BUNDLE", "the profile's ca_bundle", "validate_certs false over AWS_CA_BUNDLE"):
        assert listed_arns(run, name) == [arn], name
    assert run.status("aws_ca_bundle over AWS_CA_BUNDLE") == "ok", run


@pytest.mark.compat
def test_profile_and_its_alias_use_the_named_profile_and_exclude_explicit_keys(aws, ansible, tmp_path):
    member = aws.assume(pca.random_account_id())
    member_arn = pca.create_active_ca(client_in(aws, OTHER_REGION, account_id=member.account_id))
    aws.create_active_ca(account_id=member.account_id)  # in us-east-1: not the profile's region
    config_file = tmp_path / "aws-config"
    credentials_file = tmp_path / "aws-credentials"
    config_file.write_text(f"[profile pki-test]\nregion = {OTHER_REGION}\n")
    credentials_file.write_text("[pki-test]\naws_access_key_id = %s\naws_secret_access_key = %s\naws_session_token = %s\n" % (
        member.credentials["aws_access_key_id"], member.credentials["aws_secret_access_key"], member.credentials["aws_session_token"]))
    # The profile option by its own name: an unknown profile is named in the failure (and the
    # TLS task of the test above uses a profile's keys and ca_bundle); its alias lists the CAs.
    tasks = [
        task("profile with access_key", INFO_MODULE, {"profile": "pki-test", "access_key": "AKIAEXAMPLE"}, ignore_errors=True),
        task("unknown profile", INFO_MODULE, {"profile": "no-such-profile"}, ignore_errors=True),
        task("aws_profile", INFO_MODULE, {"aws_profile": "pki-test"}),
    ]
    env = dict(NO_AWS_ENVIRONMENT, AWS_CONFIG_FILE=str(config_file), AWS_SHARED_CREDENTIALS_FILE=str(credentials_file))

    run = ansible.playbook(play_with_defaults(ansible, tasks, endpoint_url=aws.endpoint_url), env=env)

    assert run.rc == 0, run
    assert run.status("profile with access_key") == "failed", run
    assert "mutually exclusive" in run.result("profile with access_key")["msg"]
    assert run.status("unknown profile") == "failed", run
    assert "no-such-profile" in run.result("unknown profile")["msg"]
    assert "not found" in run.result("unknown profile")["msg"]
    assert listed_arns(run, "aws_profile") == [member_arn]
    assert [(entry["operation"], entry["account_id"]) for entry in pca_log(aws)] == [("ListCertificateAuthorities", member.account_id)]
