# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The test harness itself: moto_server, the fault proxy, the cross-account double and
the Ansible runner, proven with boto3 and ansible.builtin only."""

import concurrent.futures
import json
import subprocess
import sys
import time
import urllib.request

import botocore.retries.standard
import pytest
from botocore.exceptions import ClientError, ConnectionClosedError, EndpointConnectionError

from pki_acmpca_emulator import pca
from pki_acmpca_emulator.fault_proxy import FaultProxyClient


def _error_code(error):
    return error.response["Error"]["Code"]


def _list_arns(client, **kwargs):
    return [ca["Arn"] for ca in client.list_certificate_authorities(**kwargs)["CertificateAuthorities"]]


def _shared_arns(client):
    return _list_arns(client, ResourceOwner="OTHER_ACCOUNTS")


def _describe_error_code(client, arn):
    with pytest.raises(ClientError) as raised:
        client.describe_certificate_authority(CertificateAuthorityArn=arn)
    return _error_code(raised.value)


# moto_server and reset


def test_moto_server_answers_with_an_empty_account(aws):
    assert _list_arns(aws.client()) == []


def test_reset_forgets_cas_and_organization_membership(aws, moto_server):
    aws.create_active_ca()
    org_id, management_account_id = aws.create_organization()
    member = aws.member_account(management_account_id)
    assert pca.describe_organization_id(aws.moto_url, credentials=member.credentials) == org_id

    urllib.request.urlopen(urllib.request.Request(f"{moto_server}/moto-api/reset", data=b"", method="POST"), timeout=30).read()

    assert _list_arns(aws.client()) == []
    assert pca.describe_organization_id(aws.moto_url, account_id=member.account_id) is None
    assert pca.describe_organization_id(aws.moto_url) is None


def test_create_active_ca_gives_an_active_root_ca_with_its_tags(aws):
    arn = aws.create_active_ca(common_name="harness root", tags={"team": "pki"})
    client = aws.client()

    ca = client.describe_certificate_authority(CertificateAuthorityArn=arn)["CertificateAuthority"]
    assert ca["Status"] == "ACTIVE"
    assert ca["Type"] == "ROOT"
    assert ca["OwnerAccount"] == pca.DEFAULT_ACCOUNT_ID
    assert ca["NotBefore"] < ca["NotAfter"]
    assert ca["CertificateAuthorityConfiguration"]["Subject"] == {"CommonName": "harness root"}
    assert client.list_tags(CertificateAuthorityArn=arn)["Tags"] == [{"Key": "team", "Value": "pki"}]
    assert aws.read_policy(arn) is None


def test_pending_ca_is_pending_and_refuses_a_policy(aws):
    arn = aws.create_pending_ca()
    client = aws.client()
    assert client.describe_certificate_authority(CertificateAuthorityArn=arn)["CertificateAuthority"]["Status"] == "PENDING_CERTIFICATE"
    with pytest.raises(ClientError) as raised:
        pca.put_raw_policy(client, arn, pca.account_share_policy(arn, "111122223333"))
    assert _error_code(raised.value) == "InvalidStateException"


def test_policy_helpers_store_and_read_back_the_exact_text(aws):
    arn = aws.create_active_ca()
    text = json.dumps(pca.account_share_policy(arn, "111122223333"), indent=3)
    aws.put_policy(arn, text)
    assert aws.client().get_policy(ResourceArn=arn)["Policy"] == text
    assert aws.read_policy(arn) == json.loads(text)
    aws.delete_policy(arn)
    assert aws.read_policy(arn) is None


# fault proxy


@pytest.mark.parametrize("fault, code, http_status", [
    ("throttle", "ThrottlingException", 400),
    ("concurrent_modification", "ConcurrentModificationException", 400),
    ("access_denied", "AccessDeniedException", 400),
    ("500", "InternalFailure", 500),
    ("503", "ServiceUnavailable", 503),
])
def test_proxy_fault_reaches_botocore_as_the_aws_error(aws, fault, code, http_status):
    arn = aws.create_active_ca()
    aws.proxy.add_fault("GetPolicy", fault, times=1)
    client = aws.proxied_client(max_attempts=1)

    with pytest.raises(ClientError) as raised:
        client.get_policy(ResourceArn=arn)

    response = raised.value.response
    assert _error_code(raised.value) == code
    assert response["ResponseMetadata"]["HTTPStatusCode"] == http_status
    assert response["ResponseMetadata"]["RequestId"]
    assert response["Error"]["Message"]
    if fault == "access_denied":
        assert arn in response["Error"]["Message"]
    assert aws.proxy.log()[-1]["fault"] == fault


@pytest.fixture
def no_retry_delay(monkeypatch):
    """botocore's standard retries without their exponential backoff sleeps."""
    monkeypatch.setattr(botocore.retries.standard.ExponentialBackoff, "delay_amount", lambda self, context: 0)


def test_proxy_drop_is_a_connection_error_that_botocore_retries(aws, no_retry_delay):
    arn = aws.create_active_ca()
    aws.proxy.add_fault("DescribeCertificateAuthority", "drop", times=1)
    with pytest.raises((ConnectionClosedError, EndpointConnectionError)):
        aws.proxied_client(max_attempts=1).describe_certificate_authority(CertificateAuthorityArn=arn)

    aws.proxy.clear()
    aws.proxy.add_fault("DescribeCertificateAuthority", "drop", times=1)
    response = aws.proxied_client(max_attempts=3).describe_certificate_authority(CertificateAuthorityArn=arn)

    assert response["CertificateAuthority"]["Arn"] == arn
    assert response["ResponseMetadata"]["RetryAttempts"] == 1
    assert [(entry["fault"], entry["status"]) for entry in aws.proxy.log()] == [("drop", None), (None, 200)]


def test_proxy_fault_times_is_honored_and_null_means_forever(aws):
    client = aws.proxied_client(max_attempts=1)
    aws.proxy.add_fault("ListCertificateAuthorities", "throttle", times=2)
    for _attempt in range(2):
        with pytest.raises(ClientError) as raised:
            client.list_certificate_authorities()
        assert _error_code(raised.value) == "ThrottlingException"
    assert client.list_certificate_authorities()["CertificateAuthorities"] == []
    assert aws.proxy.faults() == []

    aws.proxy.add_fault("*", "503", times=None)
    for _attempt in range(3):
        with pytest.raises(ClientError):
            client.list_certificate_authorities()
    assert aws.proxy.faults()[0]["hits"] == 3
    aws.proxy.clear_faults()
    assert client.list_certificate_authorities()["CertificateAuthorities"] == []


def test_botocore_standard_retries_ride_out_a_throttle_burst(aws, no_retry_delay):
    aws.proxy.add_fault("ListCertificateAuthorities", "throttle", times=2)
    response = aws.proxied_client(max_attempts=3).list_certificate_authorities()
    assert response["ResponseMetadata"]["RetryAttempts"] == 2


def test_proxy_logs_every_request_in_order_and_faults_only_acm_pca(aws):
    arn = aws.create_active_ca()
    aws.proxy.add_fault("*", "throttle")
    pca_client = aws.proxied_client(max_attempts=1)
    sts = aws.proxied_client(service="sts", max_attempts=1)
    organizations = aws.proxied_client(service="organizations", max_attempts=1)

    assert sts.get_caller_identity()["Account"] == pca.DEFAULT_ACCOUNT_ID
    with pytest.raises(ClientError):
        organizations.describe_organization()
    with pytest.raises(ClientError):
        pca_client.get_policy(ResourceArn=arn)
    aws.proxy.clear_faults()
    pca_client.list_certificate_authorities()
    with pytest.raises(ClientError):
        pca_client.get_policy(ResourceArn=arn)

    log = aws.proxy.log()
    assert [(entry["service"], entry["operation"], entry["status"], entry["fault"]) for entry in log] == [
        ("sts", "GetCallerIdentity", 200, None),
        ("AWSOrganizationsV20161128", "DescribeOrganization", 400, None),
        ("ACMPrivateCA", "GetPolicy", 400, "throttle"),
        ("ACMPrivateCA", "ListCertificateAuthorities", 200, None),
        ("ACMPrivateCA", "GetPolicy", 400, None),
    ]
    assert [entry["seq"] for entry in log] == sorted(entry["seq"] for entry in log)
    assert log[2]["arn"] == arn
    assert aws.proxy.operations() == ["GetPolicy", "ListCertificateAuthorities", "GetPolicy"]
    aws.proxy.clear_log()
    assert aws.proxy.log() == []


def test_proxy_passes_moto_api_through_byte_for_byte(aws):
    aws.create_active_ca()
    with urllib.request.urlopen(f"{aws.moto_url}/moto-api/data.json", timeout=30) as direct:
        direct_body = direct.read()
    with urllib.request.urlopen(f"{aws.endpoint_url}/moto-api/data.json", timeout=30) as proxied:
        proxied_body = proxied.read()
        assert proxied.status == 200
    assert proxied_body == direct_body
    assert aws.proxy.log()[-1]["service"] == "moto-api"


def test_proxy_log_names_the_calling_account(aws):
    member = aws.outsider_account()
    aws.proxied_client(account_id="210987654321").list_certificate_authorities()
    aws.proxied_client(credentials=member.credentials).list_certificate_authorities()
    assert [entry["account_id"] for entry in aws.proxy.log()] == ["210987654321", member.account_id]


def test_proxy_fault_rule_can_target_one_account(aws):
    aws.proxy.add_fault("ListCertificateAuthorities", "access_denied", account_id="210987654321")
    aws.proxied_client(max_attempts=1).list_certificate_authorities()
    with pytest.raises(ClientError) as raised:
        aws.proxied_client(account_id="210987654321", max_attempts=1).list_certificate_authorities()
    assert _error_code(raised.value) == "AccessDeniedException"
    assert "210987654321" in raised.value.response["Error"]["Message"]


def test_proxy_delay_holds_a_request_and_a_barrier_holds_requests_until_all_meet(aws):
    arn = aws.create_active_ca()
    aws.proxy.add_fault("DescribeCertificateAuthority", "delay", times=1, seconds=0.3)
    aws.proxy.add_fault("DescribeCertificateAuthority", "barrier", times=4)
    client = aws.proxied_client(max_attempts=1)

    assert client.describe_certificate_authority(CertificateAuthorityArn=arn)["CertificateAuthority"]["Status"] == "ACTIVE"
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(lambda _index: client.describe_certificate_authority(CertificateAuthorityArn=arn)["CertificateAuthority"]["Status"], range(4)))

    assert statuses == ["ACTIVE"] * 4
    # The barrier let none through before all four were held: four in flight at once.
    assert aws.proxy.stats() == {"in_flight": 0, "max_in_flight": 4}
    log = aws.proxy.log()
    assert [(entry["fault"], entry["status"]) for entry in log] == [("delay", 200)] + [("barrier", 200)] * 4
    assert log[0]["finished"] - log[0]["started"] >= 0.3
    assert max(entry["started"] for entry in log[1:]) < min(entry["finished"] for entry in log[1:])
    aws.proxy.clear()
    assert aws.proxy.stats()["max_in_flight"] == 0


def test_proxy_barrier_needs_two_or_more_requests(aws):
    with pytest.raises(ValueError, match="times >= 2"):
        aws.proxy.add_fault("GetPolicy", "barrier", times=1)


def test_proxy_hook_runs_before_the_request_is_forwarded_and_a_fault_it_adds_applies_from_the_next(aws):
    first, second = aws.create_active_cas(2)
    client = aws.proxied_client(max_attempts=1)
    seen = []

    def other_writer(entry):
        seen.append((entry["operation"], entry["arn"]))
        aws.put_policy(second, pca.account_share_policy(second, "111122223333"))
        aws.proxy.add_fault("PutPolicy", "access_denied", times=1)

    aws.proxy.on_request("PutPolicy", other_writer, times=1)
    client.put_policy(ResourceArn=first, Policy=json.dumps(pca.account_share_policy(first, "111122223333")))
    with pytest.raises(ClientError, match="AccessDeniedException"):
        client.put_policy(ResourceArn=second, Policy=json.dumps(pca.account_share_policy(second, "444455556666")))
    client.put_policy(ResourceArn=second, Policy=json.dumps(pca.account_share_policy(second, "444455556666")))

    assert seen == [("PutPolicy", first)]
    assert [(entry["arn"], entry["hooked"], entry["fault"]) for entry in aws.proxy.log()] == [
        (first, True, None), (second, False, "access_denied"), (second, False, None)]
    assert aws.read_policy(second) == pca.account_share_policy(second, "444455556666")
    aws.proxy.on_request("*", lambda entry: 1 / 0)
    client.get_policy(ResourceArn=first)
    assert "ZeroDivisionError" in aws.proxy.log()[-1]["hook_error"]
    aws.proxy.clear_faults()
    client.get_policy(ResourceArn=first)
    assert aws.proxy.log()[-1]["hooked"] is False


def test_proxy_control_api_over_http(aws):
    control = FaultProxyClient(aws.endpoint_url)
    rule = control.add_fault("GetPolicy", "concurrent_modification", times=1)
    assert rule["operation"] == "GetPolicy" and rule["times"] == 1
    assert control.faults() == aws.proxy.faults()
    with pytest.raises(ClientError) as raised:
        aws.proxied_client(max_attempts=1).get_policy(ResourceArn="arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/x")
    assert _error_code(raised.value) == "ConcurrentModificationException"
    assert [entry["fault"] for entry in control.log()] == ["concurrent_modification"]
    control.clear()
    assert control.log() == [] and control.faults() == []


def test_proxy_runs_as_a_module(aws, tmp_path):
    port_file = tmp_path / "proxy-port"
    process = subprocess.Popen(  # pylint: disable=consider-using-with
        [sys.executable, "-m", "pki_acmpca_emulator.fault_proxy", "--upstream", aws.moto_url, "--port-file", str(port_file)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while not (port_file.exists() and port_file.read_text().strip()):
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        url = f"http://127.0.0.1:{port_file.read_text().strip()}"
        control = FaultProxyClient(url)
        control.add_fault("ListCertificateAuthorities", "500", times=1)
        client = pca.make_client(url, max_attempts=1)
        with pytest.raises(ClientError) as raised:
            client.list_certificate_authorities()
        assert _error_code(raised.value) == "InternalFailure"
        assert client.list_certificate_authorities()["CertificateAuthorities"] == []
        assert [entry["status"] for entry in control.log()] == [500, 200]
    finally:
        process.terminate()
        assert process.wait(timeout=10) == 0


# cross-account double


def test_org_shared_ca_is_seen_by_a_member_and_not_by_an_outsider(aws):
    org_id, management_account_id = aws.create_organization()
    member = aws.member_account(management_account_id)
    outsider = aws.outsider_account()
    arn = aws.create_active_ca(tags={"shared": "yes"})
    member_client = aws.client(credentials=member.credentials)
    outsider_client = aws.client(credentials=outsider.credentials)
    assert _shared_arns(member_client) == []

    aws.put_policy(arn, pca.org_share_policy(arn, org_id))

    assert pca.caller_account(aws.moto_url, credentials=member.credentials) == member.account_id
    assert _shared_arns(member_client) == [arn]
    assert _list_arns(member_client) == []
    assert _list_arns(member_client, ResourceOwner="SELF") == []
    described = member_client.describe_certificate_authority(CertificateAuthorityArn=arn)["CertificateAuthority"]
    assert described["OwnerAccount"] == management_account_id
    assert described["Status"] == "ACTIVE"
    assert member_client.list_tags(CertificateAuthorityArn=arn)["Tags"] == [{"Key": "shared", "Value": "yes"}]
    assert member_client.get_certificate_authority_certificate(CertificateAuthorityArn=arn)["Certificate"].startswith("-----BEGIN CERTIFICATE-----")
    with pytest.raises(ClientError) as raised:
        member_client.get_policy(ResourceArn=arn)
    assert _error_code(raised.value) == "ResourceNotFoundException"

    assert _shared_arns(outsider_client) == []
    assert _describe_error_code(outsider_client, arn) == "ResourceNotFoundException"

    aws.delete_policy(arn)
    assert _shared_arns(member_client) == []
    assert _describe_error_code(member_client, arn) == "ResourceNotFoundException"


def test_org_share_from_a_member_reaches_the_management_account(aws):
    org_id, management_account_id = aws.create_organization()
    member = aws.member_account(management_account_id)
    arn = aws.create_active_ca(account_id=member.account_id)
    aws.put_policy(arn, pca.org_share_policy(arn, org_id))
    assert _shared_arns(aws.client()) == [arn]
    assert _list_arns(aws.client(account_id=member.account_id)) == [arn]


@pytest.mark.parametrize("principal_form", ["bare", "root_arn", "root_arn_in_list"])
def test_account_shared_ca_is_seen_by_that_account_only(aws, principal_form):
    grantee = aws.outsider_account()
    other = aws.outsider_account()
    arn = aws.create_active_ca()
    principal = {
        "bare": grantee.account_id,
        "root_arn": f"arn:aws:iam::{grantee.account_id}:root",
        "root_arn_in_list": [f"arn:aws:iam::{other.account_id[::-1]}:root", f"arn:aws:iam::{grantee.account_id}:root"],
    }[principal_form]
    aws.put_policy(arn, pca.account_share_policy(arn, principal))

    grantee_client = aws.client(credentials=grantee.credentials)
    assert _shared_arns(grantee_client) == [arn]
    assert grantee_client.describe_certificate_authority(CertificateAuthorityArn=arn)["CertificateAuthority"]["Arn"] == arn
    assert _shared_arns(aws.client(credentials=other.credentials)) == []
    # The x-moto-account-id header reaches the same account as its AssumeRole credentials.
    assert _shared_arns(aws.client(account_id=grantee.account_id)) == [arn]


def test_wildcard_principal_shares_only_with_the_named_organization(aws):
    org_id, management_account_id = aws.create_organization()
    member = aws.member_account(management_account_id)
    arn = aws.create_active_ca(account_id="444455556666")
    member_client = aws.client(credentials=member.credentials)

    unconditional = {"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": pca.READ_ACTIONS, "Resource": arn}]}
    aws.put_policy(arn, unconditional)
    assert _shared_arns(member_client) == []

    aws.put_policy(arn, pca.org_share_policy(arn, "o-someoneelse1"))
    assert _shared_arns(member_client) == []

    deny_only = pca.org_share_policy(arn, org_id)
    for statement in deny_only["Statement"]:
        statement["Effect"] = "Deny"
    aws.put_policy(arn, deny_only)
    assert _shared_arns(member_client) == []

    with_aws_wildcard = pca.org_share_policy(arn, org_id)
    with_aws_wildcard["Statement"][0]["Principal"] = {"AWS": "*"}
    with_aws_wildcard["Statement"][1]["Principal"] = {"AWS": "*"}
    aws.put_policy(arn, with_aws_wildcard)
    assert _shared_arns(member_client) == [arn]


def test_other_accounts_listing_paginates(aws):
    grantee = aws.outsider_account()
    owners = ["444455556666", "777788889999"]
    shared = []
    for index in range(5):
        arn = aws.create_active_ca(common_name="shared %d" % index, account_id=owners[index % 2])
        aws.put_policy(arn, pca.account_share_policy(arn, grantee.account_id))
        shared.append(arn)
    aws.create_active_ca(common_name="not shared", account_id=owners[0])
    aws.create_active_ca(common_name="grantee's own", account_id=grantee.account_id)
    client = aws.client(credentials=grantee.credentials)

    pages = []
    kwargs = {"ResourceOwner": "OTHER_ACCOUNTS", "MaxResults": 2}
    while True:
        page = client.list_certificate_authorities(**kwargs)
        pages.append([ca["Arn"] for ca in page["CertificateAuthorities"]])
        if not page.get("NextToken"):
            break
        kwargs["NextToken"] = page["NextToken"]
    assert [len(page) for page in pages] == [2, 2, 1]
    assert sorted(arn for page in pages for arn in page) == sorted(shared)

    paginator = client.get_paginator("list_certificate_authorities")
    paginated = [ca["Arn"] for page in paginator.paginate(ResourceOwner="OTHER_ACCOUNTS", PaginationConfig={"PageSize": 3})
                 for ca in page["CertificateAuthorities"]]
    assert sorted(paginated) == sorted(shared)
    assert len(_list_arns(client, ResourceOwner="SELF")) == 1


# ansible runner


def test_ansible_fixture_runs_a_playbook_and_records_every_result(ansible, aws):
    tasks = [
        {"name": "say hello", "ansible.builtin.debug": {"msg": "hello from {{ inventory_hostname }}"}},
        {"name": "see the environment", "ansible.builtin.debug": {"msg": {
            "key": "{{ lookup('env', 'AWS_ACCESS_KEY_ID') }}",
            "region": "{{ lookup('env', 'AWS_DEFAULT_REGION') }}",
            "endpoint": "{{ lookup('env', 'AWS_ENDPOINT_URL') }}",
            "profile": "{{ lookup('env', 'AWS_PROFILE') }}",
            "extra": "{{ extra_value }}",
        }}},
        {"name": "report a change", "ansible.builtin.command": "true", "changed_when": True},
        {"name": "skip this", "ansible.builtin.debug": {"msg": "never"}, "when": False},
        {"name": "fail politely", "ansible.builtin.fail": {"msg": "expected failure"}, "ignore_errors": True},
    ]
    playbook = ansible.play(tasks)
    assert playbook["module_defaults"] == {"group/pki.acmpca.acmpca": {"endpoint_url": aws.endpoint_url, "region": "us-east-1"}}

    playbook["tasks"].append({"name": "add a host", "ansible.builtin.add_host": {
        "name": "second", "ansible_connection": "local", "ansible_python_interpreter": sys.executable}})
    # Two batches of one host: the play starts twice, and is still one play.
    serial_play = {"name": "in batches", "hosts": "localhost,second", "gather_facts": False, "serial": 1,
                   "tasks": [{"name": "batch", "ansible.builtin.debug": {"msg": "{{ inventory_hostname }}"}}]}

    run = ansible.playbook([playbook, serial_play], extra_vars={"extra_value": 42})

    assert run.rc == 0, run
    assert [(entry["task"], entry["status"], entry["play_index"]) for entry in run.results] == [
        ("say hello", "ok", 1), ("see the environment", "ok", 1), ("report a change", "changed", 1),
        ("skip this", "skipped", 1), ("fail politely", "failed", 1), ("add a host", "changed", 1),
        ("batch", "ok", 2), ("batch", "ok", 2),
    ], run
    assert [entry["play"] for entry in run.results[-2:]] == ["in batches", "in batches"]
    assert run.result("say hello")["msg"] == "hello from localhost"
    assert run.result("see the environment")["msg"] == {"key": "testing", "region": "us-east-1", "endpoint": "", "profile": "", "extra": 42}
    assert run.entry("fail politely")["ignore_errors"] is True
    assert run.result("fail politely")["msg"] == "expected failure"
    assert "say hello" in repr(run)


def test_ansible_fixture_runs_an_adhoc_module(ansible):
    run = ansible.adhoc("ansible.builtin.ping", {"data": "pong-harness"})
    assert run.rc == 0, run
    assert run.status() == "ok"
    assert run.result()["ping"] == "pong-harness"
