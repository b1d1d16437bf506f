#!/usr/bin/python
# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)


DOCUMENTATION = r'''
module: acmpca_policy
short_description: Manage the resource-based policy of an AWS Private CA
version_added: 0.1.0
description:
  - Attach, replace or remove the resource-based policy of an AWS Private Certificate
    Authority (ACM PCA), which decides which other accounts and organizations may read
    the CA and issue certificates from it.
  - O(policy) sets the whole policy. O(statements) and O(org_sharing) manage only some
    statements, by C(Sid), and keep every other statement on the CA.
  - The policy in force is compared with the requested one by meaning, following IAM's
    rules, not by text.
  - Every option is checked before any AWS call, and every problem found is reported at once.
author:
  - pki.acmpca maintainers (@pki-acmpca)
options:
  resource_arn:
    description:
      - ARN of the certificate authority, of the form
        C(arn:<partition>:acm-pca:<region>:<account>:certificate-authority/<id>).
    type: str
    required: true
    aliases: [arn, certificate_authority_arn]
  policy:
    description:
      - The whole policy the CA must have, as a dict or a JSON string (for example from
        C(lookup('file', 'policy.json'))).
      - At most 81,920 characters once serialized; only tab, LF, CR and U+0020 to U+00FF.
      - Ignored, with a warning, when O(state=absent).
      - Dropping statements AWS RAM wrote (C(Sid) ending in C(-external-principals)) warns.
      - Mutually exclusive with O(statements) and O(org_sharing).
    type: json
  statements:
    description:
      - Statements to put in place (O(state=present)) or take out (O(state=absent)) by their
        C(Sid), keeping every other statement on the CA. With O(state=absent) an item may hold
        only its C(Sid).
      - Every statement needs a C(Sid) of its own. Sids of AWS RAM (ending in
        C(-external-principals)) and of the P(pki.acmpca.org_sharing#role) role (starting with
        C(PkiAcmpcaOrgSharing)) are refused.
      - Mutually exclusive with O(policy) and O(org_sharing).
    type: list
    elements: dict
  org_sharing:
    description:
      - Put the statements of the P(pki.acmpca.org_sharing#role) role on this CA (or, with
        O(state=absent), take them off), keeping every other statement. The role runs this
        module with this option.
      - Mutually exclusive with O(policy) and O(statements).
    type: dict
    suboptions:
      organization_id:
        description: The AWS Organization to share with, C(o-) followed by 10 to 32 lowercase letters or digits.
        type: str
        required: true
      organizational_unit_paths:
        description:
          - Share with these organizational units only, each an OU path
            C(o-xxxxxxxxxx/r-xxxx/ou-xxxx-xxxxxxxx) (possibly deeper) in O(org_sharing.organization_id).
          - V(null) shares with the whole organization; an empty list is refused.
        type: list
        elements: str
      templates:
        description:
          - Templates members may issue with, by name (for example C(EndEntityCertificate/V1)
            or C(EndEntityServerAuthCertificate/V1)).
        type: list
        elements: str
        default: [EndEntityCertificate/V1]
      allow_issue:
        description: Also let members issue certificates (C(acm-pca:IssueCertificate)); V(false) shares read-only.
        type: bool
        default: true
      allow_revoke:
        description: Also let members revoke certificates (C(acm-pca:RevokeCertificate)).
        type: bool
        default: false
  state:
    description:
      - V(present) makes the CA's policy O(policy), or puts O(statements) or the O(org_sharing)
        statements in place.
      - V(absent) removes the whole policy, or only O(statements) or the O(org_sharing)
        statements; the policy is deleted when nothing remains.
      - Deleting the policy also removes the CA from every AWS RAM share that included it.
    type: str
    choices: [present, absent]
    default: present
  access_expectations:
    description:
      - Requests whose answer the CA's policy after the task must give, each checked with
        P(pki.acmpca.access_check#filter) against the policy in force after the task (the one
        written, or the one kept), whether or not the task writes, in check mode too. A task whose
        policy would break one fails, naming the request, the expectation and the deciding
        statement, and writes nothing.
      - The check is local and adds no AWS call.
      - C(expect=denied) for a principal of the CA's own account is refused (its identity-based
        policies can grant it access whatever the CA's policy says).
      - See docs/access.md ("Access expectations") for how each request is answered.
    type: list
    elements: dict
    suboptions:
      principal:
        description:
          - Who asks - an account ID, an account root ARN, an IAM role or user ARN, or a service
            principal such as C(acm.amazonaws.com).
        type: str
        required: true
      action:
        description: The action asked for, C(acm-pca:IssueCertificate) or C(IssueCertificate).
        type: str
        required: true
      template:
        description:
          - For C(acm-pca:IssueCertificate), the template by name (C(EndEntityCertificate/V1)) or
            ARN. Without it, C(acm-pca:TemplateArn) is absent from the request.
        type: str
      organization_id:
        description: The principal's AWS Organization (C(aws:PrincipalOrgID)).
        type: str
      organizational_unit_paths:
        description: The principal's OU paths (C(aws:PrincipalOrgPaths)).
        type: list
        elements: str
      source_account:
        description: The account a service principal acts for (C(aws:SourceAccount)).
        type: str
      source_arn:
        description: The resource a service principal acts for (C(aws:SourceArn)).
        type: str
      context:
        description: Any other condition keys of the request, with their values.
        type: dict
      expect:
        description: Whether the policy must let the request in (V(allowed)) or keep it out (V(denied)).
        type: str
        required: true
        choices: [allowed, denied]
  validate_policy:
    description:
      - Check the statements the task writes against the ACM PCA policy rules (allowed actions,
        C(Resource), templates, C("*") principals narrowed to an organization, C(Effect) exactly
        C(Allow), principals) before any AWS call, and report every violation at once. Statements
        already on the CA are not checked. X.509 certificate condition keys in a statement for
        other actions than C(acm-pca:IssueCertificate) get a warning (they never match there).
      - Turn this off only for a policy shape AWS accepts that these rules do not know.
    type: bool
    default: true
attributes:
  check_mode:
    details:
      - Check mode reads the current policy (and the CA's status, when it predicts a change) and never
        calls PutPolicy or DeletePolicy.
  diff_mode:
    support: full
    details: >-
      Diff mode shows the statements added, removed and changed, by C(Sid), and who gains or loses
      access, then the policy before and after.
extends_documentation_fragment:
  - pki.acmpca.connection
  - ansible.builtin.action_common_attributes
notes:
  - >-
    When AWS refuses the change because of the CA's status, the task fails and names that status.
    Check mode predicts it where AWS documents or reports the refusal (a C(DELETED) CA), and warns
    that AWS may refuse the change on a CA that is neither C(ACTIVE) nor C(DELETED).
  - >-
    The read-to-write window is one GetPolicy followed by one PutPolicy or DeletePolicy, with no
    other AWS call between them. PutPolicy takes no ETag or revision, so a change another party
    makes to the policy inside that window is lost; with O(statements) or O(org_sharing), every
    statement on the CA at the moment of the read that the task does not manage is kept (see
    docs/reliability.md).
  - >-
    What counts as the same policy, the policy rules, the AWS calls made and the IAM permissions
    they need are in docs/user_guide.md ("Managing one CA's policy", "IAM permissions"); retries,
    a missing CA and two runs at once in docs/reliability.md.
seealso:
  - module: pki.acmpca.acmpca_info
  - name: Using a resource based policy with AWS Private CA
    description: The policy structures AWS documents for sharing a private CA.
    link: https://docs.aws.amazon.com/privateca/latest/userguide/pca-rbp.html
'''

EXAMPLES = r'''
- name: Let one account read the CA and issue end-entity certificates from it
  pki.acmpca.acmpca_policy:
    resource_arn: "{{ ca_arn }}"
    policy:
      Version: "2012-10-17"
      Statement:
        - Sid: ReadForAccount
          Effect: Allow
          Principal: {AWS: "111122223333"}
          Action:
            - acm-pca:DescribeCertificateAuthority
            - acm-pca:GetCertificate
            - acm-pca:GetCertificateAuthorityCertificate
            - acm-pca:ListPermissions
            - acm-pca:ListTags
          Resource: "{{ ca_arn }}"
        - Sid: IssueForAccount
          Effect: Allow
          Principal: {AWS: "111122223333"}
          Action: acm-pca:IssueCertificate
          Resource: "{{ ca_arn }}"
          Condition:
            StringEquals:
              acm-pca:TemplateArn: arn:aws:acm-pca:::template/EndEntityCertificate/V1

- name: Apply a policy kept in a file beside the playbook, and show what changes
  pki.acmpca.acmpca_policy:
    resource_arn: arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789
    policy: "{{ lookup('ansible.builtin.file', 'files/ca-policy.json') }}"
  diff: true

- name: Let a partner account issue server certificates, keeping every other statement on the CA
  pki.acmpca.acmpca_policy:
    resource_arn: "{{ ca_arn }}"
    statements:
      - Sid: PartnerRead
        Effect: Allow
        Principal: {AWS: "444455556666"}
        Action: [acm-pca:DescribeCertificateAuthority, acm-pca:GetCertificate, acm-pca:GetCertificateAuthorityCertificate,
                 acm-pca:ListPermissions, acm-pca:ListTags]
        Resource: "{{ ca_arn }}"
      - Sid: PartnerIssue
        Effect: Allow
        Principal: {AWS: "444455556666"}
        Action: acm-pca:IssueCertificate
        Resource: "{{ ca_arn }}"
        Condition:
          StringEquals:
            acm-pca:TemplateArn: arn:aws:acm-pca:::template/EndEntityServerAuthCertificate/V1

- name: Take the partner's statements off again (the policy is deleted only if nothing else remains)
  pki.acmpca.acmpca_policy:
    resource_arn: "{{ ca_arn }}"
    state: absent
    statements:
      - Sid: PartnerRead
      - Sid: PartnerIssue

- name: Share the CA with two OUs of the organization, read and issue, keeping every other statement
  pki.acmpca.acmpca_policy:
    resource_arn: "{{ ca_arn }}"
    org_sharing:
      organization_id: o-a1b2c3d4e5
      organizational_unit_paths:
        - o-a1b2c3d4e5/r-ab12/ou-ab12-11111111
        - o-a1b2c3d4e5/r-ab12/ou-ab12-22222222
      templates: [EndEntityServerAuthCertificate/V1]
      allow_revoke: true

- name: Take the org_sharing statements off the CA again
  pki.acmpca.acmpca_policy:
    resource_arn: "{{ ca_arn }}"
    state: absent
    org_sharing:
      organization_id: o-a1b2c3d4e5

- name: Share with one OU, and refuse the write if the team's account could not issue afterwards
  pki.acmpca.acmpca_policy:
    resource_arn: "{{ ca_arn }}"
    org_sharing:
      organization_id: o-a1b2c3d4e5
      organizational_unit_paths: [o-a1b2c3d4e5/r-ab12/ou-ab12-11111111]
    access_expectations:
      - principal: "444455556666"
        action: acm-pca:IssueCertificate
        template: EndEntityCertificate/V1
        organization_id: o-a1b2c3d4e5
        organizational_unit_paths: [o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/]
        expect: allowed
      - principal: arn:aws:iam::777788889999:role/outsider
        action: acm-pca:IssueCertificate
        template: EndEntityCertificate/V1
        expect: denied

- name: Remove the CA's policy (AWS also drops the CA from RAM shares that included it)
  pki.acmpca.acmpca_policy:
    resource_arn: "{{ ca_arn }}"
    state: absent

- name: Share the CA with one account, from a policy templated beside the playbook
  pki.acmpca.acmpca_policy:
    resource_arn: "{{ ca_arn }}"
    policy: "{{ lookup('ansible.builtin.template', 'ca-policy.json.j2') }}"
'''

RETURN = r'''
resource_arn:
  description: ARN of the certificate authority.
  returned: success
  type: str
  sample: arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789
policy:
  description:
    - The policy after the task (in check mode, the one that would be), keys in their original
      case; V(null) for none. The stored text when AWS holds a policy that is not a JSON object.
  returned: success
  type: raw
  sample:
    Version: "2012-10-17"
    Statement:
      - Sid: IssueForAccount
        Effect: Allow
        Principal: {AWS: "111122223333"}
        Action: acm-pca:IssueCertificate
        Resource: arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789
        Condition:
          StringEquals:
            acm-pca:TemplateArn: arn:aws:acm-pca:::template/EndEntityCertificate/V1
previous_policy:
  description: The policy before the task, as RV(policy); V(null) for none.
  returned: success
  type: raw
  sample: null
statement_changes:
  description:
    - The statements added, removed and changed, compared by meaning; empty lists when nothing changes.
    - A statement is named by its C(Sid), or C(#<index>) in its own policy when it has none.
  returned: success
  type: dict
  contains:
    added:
      description: Statements the policy after the task has and the one before had not.
      type: list
      elements: str
    removed:
      description: Statements the policy before the task had and the one after has not.
      type: list
      elements: str
    changed:
      description: Statements on both sides that mean something else after the task.
      type: list
      elements: dict
      contains:
        sid:
          description: The statement's C(Sid).
          type: str
        elements:
          description: The policy elements that differ (C(Effect), C(Principal), C(Action), C(Resource), C(Condition), ...).
          type: list
          elements: str
  sample:
    added: [PartnerRead]
    removed: ["7f3e9a1c-2b4d-4e5f-8a9b-0c1d2e3f4a5b-external-principals", "#2"]
    changed: [{sid: PartnerIssue, elements: [Condition]}]
access_changes:
  description:
    - What the task does (in check mode, would do) to who may use the CA, worked out from the access
      findings of the policy before and after the task (the findings P(pki.acmpca.acmpca_info#module)
      returns with O(pki.acmpca.acmpca_info#module:include_access=true), so who reads as there).
      Empty lists when access does not change.
    - V(null) when the policy before the task is not a JSON object (who could use the CA is unknown).
    - Each item names who (C(principal_type), C(principal), and for a service principal the
      C(source_account) or C(source_organization) it acts for, else V(null)), the C(actions) (a
      wildcard stands for the ACM PCA actions it matches) and, for C(acm-pca:IssueCertificate),
      the C(templates) (template ARNs; C(*) for any template).
  returned: success
  type: dict
  contains:
    gained:
      description: What each principal may do after the task and could not before.
      type: list
      elements: dict
    lost:
      description: What each principal could do before the task and may not after.
      type: list
      elements: dict
    conditions_changed:
      description:
        - Grants a principal keeps, under other conditions (for example a source IP range or an
          X.509 certificate key), with C(conditions_before) and C(conditions_after), each a list of
          the conditions under which the grants hold (C({}) for none).
      type: list
      elements: dict
  sample:
    gained:
      - principal_type: organization_path
        principal: o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*
        source_account: null
        source_organization: null
        actions: [acm-pca:IssueCertificate]
        templates: [arn:aws:acm-pca:::template/EndEntityCertificate/V1]
    lost:
      - principal_type: organization
        principal: o-a1b2c3d4e5
        source_account: null
        source_organization: null
        actions: [acm-pca:IssueCertificate]
        templates: [arn:aws:acm-pca:::template/EndEntityCertificate/V1]
    conditions_changed: []
diff:
  description:
    - Two entries, in this order - the summary by C(Sid) followed by the access changes, then the policy before and after
      (the headers name the Sids AWS RAM wrote on each side).
  returned: in diff mode
  type: list
  elements: dict
  contains:
    prepared:
      description: The summary by C(Sid), one line per statement, then one line per principal whose access changes (first entry only).
      type: str
      sample: "statement PartnerIssue changed: Condition"
    before:
      description: The policy before the task (an empty dict for none).
      type: raw
    after:
      description: The policy after the task (an empty dict for none).
      type: dict
broken_expectations:
  description:
    - The O(access_expectations) the policy after the task would break, each the answer of
      P(pki.acmpca.access_check#filter) (C(decision), C(allowed), C(statements),
      C(missing_context), C(same_account)) with the C(request) and its C(expectation).
  returned: failure, when an access expectation would break
  type: list
  elements: dict
  sample:
    - decision: implicitly_denied
      allowed: false
      statements: []
      missing_context: []
      same_account: false
      expectation: allowed
      request:
        principal: "444455556666"
        action: acm-pca:IssueCertificate
        template: EndEntityCertificate/V1
        organizational_unit_paths: [o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/]
        resource: arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789
violations:
  description:
    - Why O(policy), O(statements) or O(org_sharing) was refused, one item per problem (a policy
      rule broken, a bad C(Sid), or the one reason it cannot be sent at all), or why
      O(access_expectations) was refused or broken, one item per expectation.
  returned: failure, when the policy or statements were refused
  type: list
  elements: str
  sample:
    - "statement 'PartnerAdmin' (Statement[0]): Action 'acm-pca:DeleteCertificateAuthority' is not allowed in an ACM PCA policy
      (allowed: acm-pca:DescribeCertificateAuthority, acm-pca:GetCertificate, acm-pca:GetCertificateAuthorityCertificate,
      acm-pca:ListPermissions, acm-pca:ListTags, acm-pca:IssueCertificate, acm-pca:RevokeCertificate)"
'''

from ansible_collections.pki.acmpca.plugins.module_utils._policy.access_changes import access_change_lines, access_changes
from ansible_collections.pki.acmpca.plugins.module_utils._policy.access_expectations import checked_expectations, require_expectations
from ansible_collections.pki.acmpca.plugins.module_utils._policy.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils._aws.certificate_authority import (
    delete_policy,
    predict_state_refusal,
    put_policy,
    read_policy,
    require_certificate_authority,
)
from ansible_collections.pki.acmpca.plugins.module_utils._aws.connection import (
    client_for_certificate_authority,
    connection_argument_spec,
    connection_mutually_exclusive,
    require_boto3,
)
from ansible_collections.pki.acmpca.plugins.module_utils._aws.errors import AcmPcaError
from ansible_collections.pki.acmpca.plugins.module_utils._policy.errors import InputError
from ansible_collections.pki.acmpca.plugins.module_utils.module_options import checked_module
from ansible_collections.pki.acmpca.plugins.module_utils._policy.org_sharing import DEFAULT_TEMPLATES, requested_org_sharing
from ansible_collections.pki.acmpca.plugins.module_utils._policy.pca_policy_rules import policy_warnings, validate_policy
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_document import parse_policy, serialize_policy
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_equivalence import policies_equivalent, statement_changes
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_statements import (
    dropped_ram_statement_sids,
    policy_with_statements,
    ram_statement_sids,
    requested_statements,
    statement_change_lines,
)

RAM_WARNING = ('%s the policy of %s, which holds statements AWS RAM wrote: %s. AWS also removes this CA from every '
               'AWS RAM resource share that included it, so the principals of those shares lose access to this CA. '
               'To keep them, remove only your own statements, by Sid, with the statements option.')
POLICY_IGNORED_WARNING = ('policy is ignored with state=absent: the whole policy of %s is removed. To remove only some '
                          'statements, name them by Sid in the statements option instead.')
RAM_STATEMENTS_WARNING = ('%s the statements AWS RAM wrote into the policy of %s: %s. The principals of those AWS RAM '
                          'resource shares lose access to this CA. To keep them, %s')
KEEP_RAM_STATEMENTS = 'use the statements option, which never touches them, or keep them in policy.'


def requested_policy(params, ca, warnings):
    """A function from the CA's current policy to the one the user asks for (None: no
    policy), after checking the user's input without any AWS call (adding to ``warnings``
    what the rules accept but never takes effect)."""
    if params['statements'] is not None:
        statements = requested_statements(params['statements'], params['state'], ca, params['validate_policy'])
        if params['validate_policy'] and params['state'] == 'present':
            warnings.extend(policy_warnings({'Statement': statements}))
        return lambda current: policy_with_statements(current, statements, params['state'], ca.arn)
    if params['org_sharing'] is not None:
        return requested_org_sharing(params['org_sharing'], params['state'], ca, params['validate_policy'])
    if params['state'] == 'absent':
        return lambda current: None
    document = parse_policy(params['policy'])
    if params['validate_policy']:
        validate_policy(document, ca)
        warnings.extend(policy_warnings(document))
    return lambda current: document


def ensure_policy(client, ca, policy_for, check_mode, warnings, expectations=()):
    arn = ca.arn
    current = read_policy(client, arn)
    desired = policy_for(current)
    unchanged = policies_equivalent(current, desired, ca.partition)
    # None: no policy, or no CA. A write tells which by its own answer; without one, ask.
    description = None
    if current is None and (unchanged or check_mode):
        description = require_certificate_authority(client, arn)
    in_force = current if unchanged else desired
    # Before any write: a task that would break an expectation changes nothing.
    require_expectations(in_force, expectations, arn)
    result = dict(changed=not unchanged, policy=in_force, previous_policy=current,
                  statement_changes=statement_changes(current, desired, ca.partition),
                  access_changes=access_changes(current, in_force, arn))
    if unchanged:
        return result
    if check_mode:
        # Only a predicted change needs the CA's status: would AWS take it?
        description = description or require_certificate_authority(client, arn)
        warnings.extend(predict_state_refusal(description, 'DeletePolicy' if desired is None else 'PutPolicy', 'policy'))
    elif desired is None:
        delete_policy(client, arn)
    else:
        put_policy(client, arn, serialize_policy(desired))
    return result


def ram_warnings(arn, result, check_mode):
    """What a change does to AWS RAM shares, only when the policy held statements RAM wrote:
    a deleted policy takes the CA out of the shares, and dropped RAM statements end their access."""
    dropped = dropped_ram_statement_sids(result['previous_policy'], result['policy']) if result['changed'] else []
    if not dropped:
        return []
    if result['policy'] is None:
        return [RAM_WARNING % ('Would delete' if check_mode else 'Deleted', arn, ', '.join(dropped))]
    return [RAM_STATEMENTS_WARNING % ('Would drop' if check_mode else 'Dropped', arn, ', '.join(dropped), KEEP_RAM_STATEMENTS)]


def policy_diff(arn, result):
    """The summary by Sid first (ansible-core shows a ``prepared`` text as it is, and the
    entries of a list in order), then before/after with the statements AWS RAM wrote named
    in the headers."""
    lines = statement_change_lines(result['statement_changes'])
    if not isinstance(result['previous_policy'], (dict, type(None))):
        lines.insert(0, 'the stored policy is not a JSON object: it is replaced whole')
    if not lines:
        lines = ['no statement changes' + (" (the policy's Version or Id changes)" if result['changed'] else '')]
    summary = 'statement changes on %s:\n%s' % (arn, ''.join('  %s\n' % line for line in lines))
    summary += 'access changes:\n%s' % ''.join('  %s\n' % line for line in access_change_lines(result['access_changes']))
    headers = {}
    for side, key in (('before', 'previous_policy'), ('after', 'policy')):
        sids = ram_statement_sids(result[key])
        headers[side] = '%s (%s%s)' % (arn, side, '; statements AWS RAM wrote: %s' % ', '.join(sids) if sids else '')
    return [dict(prepared=summary),
            dict(before=result['previous_policy'] or {}, after=result['policy'] or {},
                 before_header=headers['before'], after_header=headers['after'])]


def main():
    argument_spec = dict(
        resource_arn=dict(type='str', required=True, aliases=['arn', 'certificate_authority_arn']),
        policy=dict(type='json'),
        statements=dict(type='list', elements='dict'),
        org_sharing=dict(type='dict', options=dict(
            organization_id=dict(type='str', required=True),
            organizational_unit_paths=dict(type='list', elements='str'),
            templates=dict(type='list', elements='str', default=list(DEFAULT_TEMPLATES)),
            allow_issue=dict(type='bool', default=True),
            allow_revoke=dict(type='bool', default=False),
        )),
        state=dict(type='str', default='present', choices=['present', 'absent']),
        validate_policy=dict(type='bool', default=True),
        access_expectations=dict(type='list', elements='dict', options=dict(
            principal=dict(type='str', required=True),
            action=dict(type='str', required=True),
            template=dict(type='str'),
            organization_id=dict(type='str'),
            organizational_unit_paths=dict(type='list', elements='str'),
            source_account=dict(type='str'),
            source_arn=dict(type='str'),
            context=dict(type='dict'),
            expect=dict(type='str', required=True, choices=['allowed', 'denied']),
        )),
    )
    argument_spec.update(connection_argument_spec())
    module = checked_module(
        argument_spec=argument_spec,
        required_if=[('state', 'present', ['policy', 'statements', 'org_sharing'], True)],
        mutually_exclusive=[['policy', 'statements', 'org_sharing']] + connection_mutually_exclusive(),
        supports_check_mode=True,
    )
    require_boto3(module)
    arn = module.params['resource_arn']

    warnings = []
    try:
        ca = parse_certificate_authority_arn(arn)
        policy_for = requested_policy(module.params, ca, warnings)
        expectations = checked_expectations(module.params['access_expectations'], ca.arn)
        client = client_for_certificate_authority(module.params, ca, 'resource_arn')
        result = ensure_policy(client, ca, policy_for, module.check_mode, warnings, expectations)
    except InputError as error:
        error.fail(module, resource_arn=arn)
    except AcmPcaError as error:
        error.fail(module)

    if module.params['state'] == 'absent' and module.params['policy'] is not None:
        module.warn(POLICY_IGNORED_WARNING % arn)
    for warning in warnings + ram_warnings(arn, result, module.check_mode):
        module.warn(warning)
    if module._diff:
        result['diff'] = policy_diff(arn, result)
    module.exit_json(resource_arn=arn, **result)


if __name__ == '__main__':
    main()
