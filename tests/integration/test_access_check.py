# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The pki.acmpca.access_check filter in a real ansible-playbook run: a CA's policy read back
with acmpca_info, asked who may do what in ``assert`` tasks (allowed, denied, missing
context, a list of requests, a JSON string), and a bad request failing the task with its
reason. The evaluation itself is specified by the unit tests
(tests/unit/plugins/module_utils/access_check)."""

from pki_acmpca_emulator import pca

INFO_MODULE = "pki.acmpca.acmpca_info"
ORG_ID = "o-exampleorg1"
OTHER_ORG_ID = "o-otherorg000"
MEMBER = "444455556666"
OU_PATH = f"{ORG_ID}/r-ab12/ou-ab12-abcdefgh/"
BAD_REQUEST_TASK = "A request for an action ACM PCA does not have fails with its reason"


def check(name, that, answer):
    return {"name": name, "ansible.builtin.assert": {"that": that, "fail_msg": "{{ answer | to_json }}"}, "vars": {"answer": answer}}


def test_the_filter_answers_who_may_use_a_ca_read_from_aws_and_refuses_a_bad_request(aws, ansible):
    [arn] = aws.create_active_cas(1)
    aws.put_policy(arn, {"Version": "2012-10-17", "Statement": [
        {"Sid": "OrgRead", "Effect": "Allow", "Principal": "*", "Action": pca.READ_ACTIONS, "Resource": arn,
         "Condition": {"StringEquals": {"aws:PrincipalOrgID": ORG_ID}}},
        {"Sid": "OuIssue", "Effect": "Allow", "Principal": "*", "Action": "acm-pca:IssueCertificate", "Resource": arn,
         "Condition": {"StringEquals": {"acm-pca:TemplateArn": pca.template_arn()},
                       "ForAnyValue:StringLike": {"aws:PrincipalOrgPaths": f"{OU_PATH}*"}}},
    ]})
    issue_in_ou = {"principal": f"arn:aws:iam::{MEMBER}:role/issuer", "action": "IssueCertificate",
                   "template": "EndEntityCertificate/V1", "organization_id": ORG_ID, "organizational_unit_paths": [OU_PATH]}
    guardrail = '{"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "acm-pca:Issue*", "Resource": "%s"}]}' % arn
    tasks = [
        {"name": "Read the CA's policy", INFO_MODULE: {"certificate_authority_arn": arn, "include_policy": True}, "register": "info"},
        {"name": "The policy in force", "ansible.builtin.set_fact": {"ca_policy": "{{ info.certificate_authorities[0].policy }}"}},
        check("A principal in the OU may issue with the template", [
            "answer.allowed", "answer.decision == 'allowed'", "answer.statements == ['OuIssue']",
            "answer.missing_context == []", "answer.same_account == false"],
            "{{ ca_policy | pki.acmpca.access_check(%s) }}" % issue_in_ou),
        check("A principal of another organization may not read", [
            "not answer.allowed", "answer.decision == 'implicitly_denied'", "answer.statements == []"],
            "{{ ca_policy | pki.acmpca.access_check({'principal': '%s', 'action': 'acm-pca:GetCertificate',"
            " 'organization_id': '%s'}) }}" % (MEMBER, OTHER_ORG_ID)),
        check("Without a template the key is missing from the request, and said to be", [
            "answer.decision == 'implicitly_denied'", "answer.missing_context == ['acm-pca:TemplateArn']"],
            "{{ ca_policy | pki.acmpca.access_check({'principal': '%s', 'action': 'IssueCertificate',"
            " 'organization_id': '%s', 'organizational_unit_paths': ['%s']}) }}" % (MEMBER, ORG_ID, OU_PATH)),
        check("The CA's own account is answered for the CA's side only", [
            "answer.decision == 'implicitly_denied'", "answer.same_account == true", "answer.missing_context == ['aws:PrincipalOrgID']"],
            "{{ ca_policy | pki.acmpca.access_check({'principal': '%s', 'action': 'ListTags'}) }}" % aws.default_account_id),
        check("A list of requests gets one answer each, in order", [
            "answer | map(attribute='decision') | list == ['allowed', 'allowed', 'implicitly_denied']"],
            "{{ ca_policy | to_json | pki.acmpca.access_check([%s, {'principal': '%s', 'action': 'GetCertificate', 'organization_id': '%s'},"
            " {'principal': 'acm.amazonaws.com', 'action': 'GetCertificate'}]) }}" % (issue_in_ou, MEMBER, ORG_ID)),
        check("An explicit Deny wins over the Allow", [
            "answer.decision == 'explicitly_denied'", "answer.statements == ['#0']"],
            "{{ guardrail | pki.acmpca.access_check(dict(%s, resource='%s')) }}" % (issue_in_ou, arn)),
        {"name": BAD_REQUEST_TASK, "block": [
            {"name": "Ask about an action ACM PCA does not have",
             "ansible.builtin.debug": {"msg": "{{ ca_policy | pki.acmpca.access_check({'principal': '%s', 'action': 'IssueCertificates'}) }}"
                                       % MEMBER}}],
         "rescue": [{"name": "Record the reason", "ansible.builtin.set_fact": {"refusal": "{{ ansible_failed_result.msg }}"}}]},
    ]
    run = ansible.playbook(ansible.play(tasks, play_vars={"guardrail": guardrail}))
    assert run.ok, run
    checks = [entry for entry in run.results if entry["action"] == "ansible.builtin.assert"]
    expected = [(task["name"], "ok") for task in tasks if "ansible.builtin.assert" in task]
    assert [(entry["task"], entry["status"]) for entry in checks] == expected
    assert len(checks) == 6
    [refusal] = [entry for entry in run.results if entry["task"] == "Record the reason"]
    message = refusal["result"]["ansible_facts"]["refusal"]
    assert "pki.acmpca.access_check: action 'IssueCertificates' is not an ACM PCA action (one of: " in message
    assert "Traceback" not in message
