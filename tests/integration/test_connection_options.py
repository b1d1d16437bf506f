# -*- coding: utf-8 -*-
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The AWS connection options of both modules, each through a real ansible-playbook run
against moto (through the fault proxy, whose log shows every AWS call and the calling
account).

Where the proxy log cannot tell (request headers, TLS), a ``RecordingForwarder`` in
this process sits in front of the proxy: it records every request's headers and body,
can rewrite ACM PCA request bodies, and can serve HTTPS with a throw-away certificate.
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

from tests.support import pca
from tests.support.harness import MOTO_PYTHON_ENV, stop_process
from tests.support.recording_forwarder import RecordingForwarder, self_signed_certificate

ACTION_GROUP = "group/pki.acmpca.acmpca"
POLICY_MODULE = "pki.acmpca.acmpca_policy"
INFO_MODULE = "pki.acmpca.acmpca_info"
USER_AGENT_PRODUCT = "pki.acmpca/0.1.0"
OTHER_REGION = "us-west-2"
# Environment for a run in which nothing but the play itself configures AWS.
NO_AWS_ENVIRONMENT = {"AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None, "AWS_DEFAULT_REGION": None}


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
                with urllib.request.urlopen(url + "/moto-api/data.json", context=trusted, timeout=5):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("moto_server with TLS did not start; see %s" % (tmp_path / "moto-tls.log"))
                time.sleep(0.1)
        yield url, certificate_path
    finally:
        stop_process(process)


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


def both_modules_tasks(arn):
    """Share ``arn`` with one account, then list the account's CAs with their policies."""
    return [
        task("share", POLICY_MODULE, {"resource_arn": arn, "policy": pca.account_share_policy(arn, "111122223333")}),
        task("list", INFO_MODULE, {"include_policy": True}),
    ]


def assert_both_modules_worked(aws, run, arn):
    assert run.rc == 0, run
    assert run.status("share") == "changed", run
    assert aws.read_policy(arn) == pca.account_share_policy(arn, "111122223333")
    listed = run.result("list")["certificate_authorities"]
    assert [(ca["arn"], ca["policy"]) for ca in listed] == [(arn, pca.account_share_policy(arn, "111122223333"))]
    assert [entry["operation"] for entry in pca_log(aws)] == [
        "GetPolicy", "DescribeCertificateAuthority", "PutPolicy", "ListCertificateAuthorities", "GetPolicy"]


# ---------------------------------------------------------------- tests


def test_module_defaults_alone_configure_both_modules(aws, ansible):
    arn = aws.create_active_ca()
    play = play_with_defaults(ansible, both_modules_tasks(arn), endpoint_url=aws.endpoint_url, region=aws.region,
                              access_key=pca.DUMMY_ACCESS_KEY, secret_key=pca.DUMMY_SECRET_KEY)

    run = ansible.playbook(play, env=NO_AWS_ENVIRONMENT)

    assert_both_modules_worked(aws, run, arn)


def test_environment_alone_configures_both_modules(aws, ansible):
    arn = aws.create_active_ca()
    play = play_with_defaults(ansible, both_modules_tasks(arn))
    assert "module_defaults" not in play

    run = ansible.playbook(play, env={"AWS_ENDPOINT_URL": aws.endpoint_url, "AWS_DEFAULT_REGION": aws.region})

    assert_both_modules_worked(aws, run, arn)


def test_region_and_endpoint_url_and_their_aliases_choose_where_to_call(aws, ansible):
    west_arn = pca.create_active_ca(client_in(aws, OTHER_REGION))
    east_arn = aws.create_active_ca()
    tasks = [
        task("region and endpoint_url", INFO_MODULE, {"region": OTHER_REGION, "endpoint_url": aws.endpoint_url}),
        task("aws_region and aws_endpoint_url", INFO_MODULE, {"aws_region": OTHER_REGION, "aws_endpoint_url": aws.endpoint_url}),
        task("the other region", INFO_MODULE, {"aws_region": aws.region, "aws_endpoint_url": aws.endpoint_url}),
    ]

    run = ansible.playbook(play_with_defaults(ansible, tasks), env={"AWS_DEFAULT_REGION": None})

    assert run.rc == 0, run
    assert listed_arns(run, "region and endpoint_url") == [west_arn]
    assert listed_arns(run, "aws_region and aws_endpoint_url") == [west_arn]
    assert listed_arns(run, "the other region") == [east_arn]
    assert [entry["operation"] for entry in pca_log(aws)] == ["ListCertificateAuthorities"] * 3


def test_explicit_keys_and_session_token_and_their_aliases_act_as_their_account(aws, ansible, forwarder):
    member = aws.assume(pca.random_account_id())
    credentials = member.credentials
    member_arn = aws.create_active_ca(account_id=member.account_id)
    aws.create_active_ca()  # the default account's, which the environment's keys would see
    capture = forwarder()
    policy = pca.account_share_policy(member_arn, "111122223333")
    tasks = []
    for names in (("access_key", "secret_key", "session_token"),
                  ("aws_access_key_id", "aws_secret_access_key", "aws_session_token"),
                  ("aws_access_key", "aws_secret_key", "aws_session_token")):
        keys = {names[0]: credentials["aws_access_key_id"], names[1]: credentials["aws_secret_access_key"],
                names[2]: credentials["aws_session_token"]}
        tasks.append(task("list with " + names[0], INFO_MODULE, keys))
    tasks.append(task("share with aws_access_key", POLICY_MODULE, dict(keys, resource_arn=member_arn, policy=policy)))

    run = ansible.playbook(play_with_defaults(ansible, tasks, endpoint_url=capture.url, region=aws.region))

    assert run.rc == 0, run
    for name in ("list with access_key", "list with aws_access_key_id", "list with aws_access_key"):
        assert listed_arns(run, name) == [member_arn], name
    assert run.status("share with aws_access_key") == "changed", run
    assert aws.read_policy(member_arn, account_id=member.account_id) == policy
    assert capture.operations() == ["ListCertificateAuthorities"] * 3 + ["GetPolicy", "DescribeCertificateAuthority", "PutPolicy"]
    assert [entry["account_id"] for entry in pca_log(aws)] == [member.account_id] * 6
    for request in capture.requests:
        assert "Credential=%s/" % credentials["aws_access_key_id"] in request["headers"]["authorization"]
        assert request["headers"]["x-amz-security-token"] == credentials["aws_session_token"]


@pytest.mark.compat
def test_profile_and_its_alias_use_the_named_profile_and_exclude_explicit_keys(aws, ansible, tmp_path):
    member = aws.assume(pca.random_account_id())
    member_arn = pca.create_active_ca(client_in(aws, OTHER_REGION, account_id=member.account_id))
    aws.create_active_ca(account_id=member.account_id)  # in us-east-1: not the profile's region
    config_file = tmp_path / "aws-config"
    credentials_file = tmp_path / "aws-credentials"
    config_file.write_text("[profile pki-test]\nregion = %s\n" % OTHER_REGION)
    credentials_file.write_text("[pki-test]\naws_access_key_id = %s\naws_secret_access_key = %s\naws_session_token = %s\n" % (
        member.credentials["aws_access_key_id"], member.credentials["aws_secret_access_key"], member.credentials["aws_session_token"]))
    tasks = [
        task("profile with access_key", INFO_MODULE, {"profile": "pki-test", "access_key": "AKIAEXAMPLE"}, ignore_errors=True),
        task("unknown profile", INFO_MODULE, {"profile": "no-such-profile"}, ignore_errors=True),
        task("profile", INFO_MODULE, {"profile": "pki-test"}),
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
    assert listed_arns(run, "profile") == [member_arn]
    assert listed_arns(run, "aws_profile") == [member_arn]
    assert [(entry["operation"], entry["account_id"]) for entry in pca_log(aws)] == [("ListCertificateAuthorities", member.account_id)] * 2


def test_user_agent_names_the_collection_and_its_version(aws, ansible, forwarder):
    arn = aws.create_active_ca()
    capture = forwarder()
    tasks = [
        task("list", INFO_MODULE, {"endpoint_url": capture.url}),
        task("remove the policy", POLICY_MODULE, {"endpoint_url": capture.url, "resource_arn": arn, "state": "absent"}),
    ]

    run = ansible.playbook(ansible.play(tasks))

    assert run.rc == 0, run
    assert capture.operations() == ["ListCertificateAuthorities", "GetPolicy", "DescribeCertificateAuthority"]
    for request in capture.requests:
        assert USER_AGENT_PRODUCT in request["headers"]["user-agent"].split(), request["headers"]["user-agent"]


def test_tls_endpoint_is_verified_unless_validate_certs_is_false_or_aws_ca_bundle_trusts_it(aws, ansible, forwarder, tmp_path):
    arn = aws.create_active_ca()
    certificate_path, key_path = self_signed_certificate(tmp_path)
    tls = forwarder(certificate=(certificate_path, key_path))
    # botocore retries a failed TLS handshake like any connection error: one attempt keeps this fast.
    one_attempt = {"retries": {"total_max_attempts": 1}}
    tasks = [
        task("verified by default", INFO_MODULE, {"endpoint_url": tls.url, "aws_config": one_attempt}, ignore_errors=True),
        task("validate_certs false", INFO_MODULE, {"endpoint_url": tls.url, "validate_certs": False}),
        task("aws_ca_bundle", INFO_MODULE, {"endpoint_url": tls.url, "aws_ca_bundle": certificate_path}),
        task("validate_certs false over http", INFO_MODULE, {"validate_certs": False}),
    ]

    run = ansible.playbook(ansible.play(tasks))

    assert run.rc == 0, run
    refused = run.result("verified by default")
    assert run.status("verified by default") == "failed", run
    assert "TLS verification failed" in refused["msg"] and tls.url in refused["msg"], refused["msg"]
    assert "CERTIFICATE_VERIFY_FAILED" in refused["msg"]
    # AWS never answered: botocore's exception is the reason, not an AWS error code.
    assert refused["reason"] == "SSLError" and "error" not in refused
    assert "Traceback" not in refused["msg"]
    for name in ("validate_certs false", "aws_ca_bundle", "validate_certs false over http"):
        assert listed_arns(run, name) == [arn], name
    # The refused handshake never reached the forwarder's request handler.
    assert tls.operations() == ["ListCertificateAuthorities", "ListCertificateAuthorities"]
    assert [entry["operation"] for entry in pca_log(aws)] == ["ListCertificateAuthorities"] * 3


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
    assert refused["msg"].startswith("TLS verification failed calling ListCertificateAuthorities at %s" % url), refused["msg"]
    assert refused["reason"] == "SSLError" and "error" not in refused
    assert refused["boto3_version"] and refused["botocore_version"]
    for name in ("AWS_CA_BUNDLE", "the profile's ca_bundle", "validate_certs false over AWS_CA_BUNDLE"):
        assert listed_arns(run, name) == [arn], name
    assert run.status("aws_ca_bundle over AWS_CA_BUNDLE") == "ok", run


def test_aws_ca_bundle_that_does_not_exist_fails_naming_the_path(ansible, forwarder, tmp_path):
    certificate_path, key_path = self_signed_certificate(tmp_path)
    tls = forwarder(certificate=(certificate_path, key_path))
    missing = str(tmp_path / "no-such-bundle.pem")
    tasks = [task("missing bundle", INFO_MODULE, {"endpoint_url": tls.url, "aws_ca_bundle": missing,
                                                  "aws_config": {"retries": {"total_max_attempts": 1}}}, ignore_errors=True)]

    run = ansible.playbook(ansible.play(tasks))

    assert run.status("missing bundle") == "failed", run
    message = run.result("missing bundle")["msg"]
    assert "aws_ca_bundle" in message and missing in message, message
    assert tls.operations() == []


def test_aws_config_reaches_botocore(aws, ansible):
    aws.create_active_ca()
    aws.proxy.add_fault("ListCertificateAuthorities", "throttle", times=2)
    tasks = [
        task("one attempt", INFO_MODULE, {"aws_config": {"retries": {"total_max_attempts": 1}}}, ignore_errors=True),
        task("default retries", INFO_MODULE, {}),
        task("unknown setting", INFO_MODULE, {"aws_config": {"no_such_setting": 1}}, ignore_errors=True),
    ]

    run = ansible.playbook(ansible.play(tasks))

    assert run.rc == 0, run
    assert run.status("one attempt") == "failed", run
    assert "ThrottlingException" in run.result("one attempt")["msg"]
    assert run.result("one attempt")["error"]["code"] == "ThrottlingException"
    assert run.status("default retries") == "ok", run
    assert len(run.result("default retries")["certificate_authorities"]) == 1
    assert run.status("unknown setting") == "failed", run
    unknown = run.result("unknown setting")["msg"]
    assert "aws_config" in unknown and "no_such_setting" in unknown, unknown
    assert [(entry["operation"], entry["fault"]) for entry in pca_log(aws)] == [
        ("ListCertificateAuthorities", "throttle"), ("ListCertificateAuthorities", "throttle"), ("ListCertificateAuthorities", None)]


def test_no_region_anywhere_fails_naming_region_while_a_ca_arn_supplies_one(aws, ansible):
    arn = aws.create_active_ca()
    tasks = [
        task("list without a region", INFO_MODULE, {}, ignore_errors=True),
        task("policy of a CA named by its ARN", POLICY_MODULE, {"resource_arn": arn, "state": "absent"}),
    ]

    run = ansible.playbook(play_with_defaults(ansible, tasks, endpoint_url=aws.endpoint_url), env={"AWS_DEFAULT_REGION": None})

    assert run.rc == 0, run
    assert run.status("list without a region") == "failed", run
    message = run.result("list without a region")["msg"]
    assert "region" in message and "Traceback" not in message, message
    assert run.status("policy of a CA named by its ARN") == "ok", run
    assert [entry["operation"] for entry in pca_log(aws)] == ["GetPolicy", "DescribeCertificateAuthority"]
