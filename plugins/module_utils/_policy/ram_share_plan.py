# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""An AWS RAM resource share of CAs, without AWS: the principals a task names, in the form
RAM reports them; the CAs it names, checked; the changes from the share as it is to the
share as asked; and the certificate templates a RAM permission's policy template allows.
Pure: no boto3, no AnsibleModule."""


import fnmatch
import json
import re
from dataclasses import dataclass, field

from ansible_collections.pki.acmpca.plugins.module_utils._policy.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils._policy.conditions import TEMPLATE_ARN_KEY
from ansible_collections.pki.acmpca.plugins.module_utils._policy.errors import InputError
from ansible_collections.pki.acmpca.plugins.module_utils._policy.iam import (
    ACCOUNT,
    ACCOUNT_ID,
    ORGANIZATION_ID,
    PARTITION,
    ROOT_PRINCIPAL,
    as_list,
    condition_tests,
    is_key,
)
from ansible_collections.pki.acmpca.plugins.module_utils._policy.pca_policy_rules import ISSUE_ACTION

# RAM's resource type for a private CA (ListPermissions' resourceType; not case-sensitive).
CA_RESOURCE_TYPE = 'acm-pca:CertificateAuthority'
DEFAULT_PERMISSION = 'AWSRAMDefaultPermissionCertificateAuthority'
# RAM keeps deleted shares listed for a while (GetResourceShares, resourceShareStatus).
GONE_SHARE_STATUSES = ('DELETING', 'DELETED')
# RAM's featureSet for a share it made from a resource policy; the RAM user guide says such
# a share cannot be modified until it is promoted (PromoteResourceShareCreatedFromPolicy).
CREATED_FROM_POLICY = 'CREATED_FROM_POLICY'
# Association statuses (GetResourceShareAssociations): in progress, and in the share.
IN_PROGRESS = ('ASSOCIATING', 'DISASSOCIATING')
IN_SHARE = ('ASSOCIATED', 'ASSOCIATING')

_OU_ID = r'ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}'
_ORG_ID = r'o-[a-z0-9]{10,32}'
OU_ID = re.compile(rf'^{_OU_ID}\Z')
OU_ID_IN_TEXT = re.compile(_OU_ID)
ORGANIZATION_ARN = re.compile(rf'^arn:(?P<partition>{PARTITION}):organizations::(?P<account>{ACCOUNT}):organization/(?P<id>{_ORG_ID})\Z')
OU_ARN = re.compile(rf'^arn:(?P<partition>{PARTITION}):organizations::(?P<account>{ACCOUNT}):ou/(?P<organization_id>{_ORG_ID})/(?P<id>{_OU_ID})\Z')
IAM_PRINCIPAL_ARN = re.compile(rf'^arn:{PARTITION}:iam::{ACCOUNT}:(role|user)/.+\Z')
PERMISSION_ARN = re.compile(rf'^arn:{PARTITION}:ram:[a-z0-9-]*:(aws|{ACCOUNT}):permission/[\w.-]+\Z')
_PRINCIPAL_FORMS = ('a 12-digit account ID, an organization or organizational unit as its ARN or its o-... / ou-... ID, '
                    'or an IAM role or user ARN')


# ------------------------------------------------------------------ principals

def principal_problem(principal):
    """Why ``principal`` cannot be a share's principal, or None."""
    if not isinstance(principal, str) or not principal:
        return f'principal {principal!r} is not {_PRINCIPAL_FORMS}'
    for pattern in (ACCOUNT_ID, ORGANIZATION_ID, OU_ID, ORGANIZATION_ARN, OU_ARN, ROOT_PRINCIPAL, IAM_PRINCIPAL_ARN):
        if pattern.match(principal):
            return None
    return f'principal {principal!r} is not {_PRINCIPAL_FORMS}'


def check_principals(principals):
    """InputError naming every principal that cannot be used; None for None (not given)."""
    if principals is None:
        return
    problems = [problem for problem in map(principal_problem, principals) if problem]
    if problems:
        raise InputError('; '.join(problems))


def needs_organization(principals):
    """Whether an o-... or ou-... ID must be turned into an ARN through AWS Organizations."""
    return any(ORGANIZATION_ID.match(principal) or OU_ID.match(principal) for principal in principals or ())


def is_organization_principal(principal):
    return bool(ORGANIZATION_ARN.match(principal) or OU_ARN.match(principal)
                or ORGANIZATION_ID.match(principal) or OU_ID.match(principal))


def principal_as_ram_reports_it(principal, organization=None):
    """The principal as RAM lists it: an account as its ID (its root ARN too), an
    organization or OU as its ARN (an ID turned into one with ``organization``, the answer
    of DescribeOrganization), an IAM role or user as its ARN."""
    root = ROOT_PRINCIPAL.match(principal)
    if root:
        return root.group('account')
    if ORGANIZATION_ID.match(principal) or OU_ID.match(principal):
        return _organization_arn_of(principal, organization)
    return principal


def _organization_arn_of(identifier, organization):
    organization_arn = ORGANIZATION_ARN.match(organization['Arn'])
    if ORGANIZATION_ID.match(identifier):
        if identifier != organization['Id']:
            raise InputError('principal %s is not the organization of the account in use (%s): give that organization '
                             'as its ARN (arn:aws:organizations::<management account>:organization/%s)'
                             % (identifier, organization['Id'], identifier))
        return organization['Arn']
    # An OU's ARN names its organization and the organization's management account.
    return 'arn:%s:organizations::%s:ou/%s/%s' % (organization_arn.group('partition'), organization_arn.group('account'),
                                                  organization['Id'], identifier)


def principals_as_ram_reports_them(principals, organization=None):
    return [principal_as_ram_reports_it(principal, organization) for principal in principals]


# ---------------------------------------------------------- certificate authorities

def check_certificate_authority_arns(arns, region):
    """The CA ARNs parsed; InputError naming every ARN that is malformed or of another region."""
    problems, cas = [], []
    for arn in arns or ():
        try:
            ca = parse_certificate_authority_arn(arn, option='certificate_authority_arns')
        except InputError as error:
            problems.append(str(error))
            continue
        if ca.region != region:
            problems.append('certificate_authority_arns: %s is in region %s, but the share is in region %s (RAM shares '
                            'resources of their own region only)' % (arn, ca.region, region))
        cas.append(ca)
    if problems:
        raise InputError('; '.join(problems))
    return cas


def foreign_certificate_authorities(cas, account):
    """The ARNs of the CAs that ``account`` does not own (only an owner may share a CA)."""
    return sorted(ca.arn for ca in cas if ca.account != account)


# ----------------------------------------------------------------- permissions

def is_permission_arn(permission):
    return bool(PERMISSION_ARN.match(permission))


def is_ca_resource_type(resource_type):
    # RAM's resource types are not case-sensitive (ListPermissions' resourceType).
    return isinstance(resource_type, str) and resource_type.lower() == CA_RESOURCE_TYPE.lower()


def _template_statements(policy_template):
    """The statements of a permission's policy template: RAM's templates hold Effect,
    Action and Condition (CreatePermission, policyTemplate); a Statement list is read too."""
    try:
        document = json.loads(policy_template) if isinstance(policy_template, str) else policy_template
    except ValueError:
        return []
    if isinstance(document, dict) and 'Statement' in document:
        document = document['Statement']
    return [statement for statement in as_list(document) if isinstance(statement, dict)]


def _action_matches(pattern, action):
    # IAM matches actions case-insensitively, * and ? as wildcards.
    return isinstance(pattern, str) and fnmatch.fnmatchcase(action.lower(), pattern.lower())


def _grants_issue(statement):
    if statement.get('Effect') != 'Allow':
        return False
    if 'NotAction' in statement:
        return not any(_action_matches(pattern, ISSUE_ACTION) for pattern in as_list(statement['NotAction']))
    return any(_action_matches(pattern, ISSUE_ACTION) for pattern in as_list(statement.get('Action')))


def permission_templates(policy_template):
    """The template ARNs a permission lets members issue with: [] when it does not grant
    IssueCertificate, None when it does with no acm-pca:TemplateArn condition (any template)."""
    templates = set()
    for statement in filter(_grants_issue, _template_statements(policy_template)):
        values = [value for _operator, key, written in condition_tests(statement) if is_key(key, TEMPLATE_ARN_KEY)
                  for value in as_list(written)]
        if not values:
            return None
        templates.update(value for value in values if isinstance(value, str))
    return sorted(templates)


# ----------------------------------------------------------------- the plan

@dataclass
class ShareState:
    """What a share holds, as sets of what RAM reports."""

    certificate_authority_arns: frozenset = frozenset()
    principals: frozenset = frozenset()
    permission_arn: str = None
    allow_external_principals: bool = False
    tags: dict = field(default_factory=dict)


@dataclass
class Request:
    """What the task states; None: not stated (on an existing share, left as it is)."""

    certificate_authority_arns: frozenset = None
    principals: frozenset = None
    permission_arn: str = None
    allow_external_principals: bool = None
    tags: dict = None
    purge_certificate_authorities: bool = True
    purge_principals: bool = True
    purge_tags: bool = True


@dataclass
class SharePlan:
    """The changes to make. ``create``: a new share (its content is ``after``)."""

    before: ShareState
    after: ShareState
    create: bool = False
    associate_certificate_authorities: list = field(default_factory=list)
    disassociate_certificate_authorities: list = field(default_factory=list)
    associate_principals: list = field(default_factory=list)
    disassociate_principals: list = field(default_factory=list)
    replace_permission: bool = False
    update_allow_external_principals: bool = False
    tags_to_set: dict = field(default_factory=dict)
    tag_keys_to_remove: list = field(default_factory=list)

    @property
    def changes_associations(self):
        return bool(self.associate_certificate_authorities or self.disassociate_certificate_authorities
                    or self.associate_principals or self.disassociate_principals)

    @property
    def changed(self):
        return (self.create or self.changes_associations or self.replace_permission or self.update_allow_external_principals
                or bool(self.tags_to_set or self.tag_keys_to_remove))


def new_share(request, default_permission_arn):
    """The plan for a share that does not exist: defaults for what the task does not state."""
    after = ShareState(
        certificate_authority_arns=frozenset(request.certificate_authority_arns or ()),
        principals=frozenset(request.principals or ()),
        permission_arn=request.permission_arn or default_permission_arn,
        # Safer than the API's default (true): sharing outside the organization is asked for.
        allow_external_principals=bool(request.allow_external_principals),
        tags=dict(request.tags or {}),
    )
    return SharePlan(before=None, after=after, create=True)


def _merged(current, requested, purge):
    if requested is None:
        return current
    return frozenset(requested) if purge else current | frozenset(requested)


def plan_share_changes(current, request):
    """The plan from the share as it is (ShareState) to what ``request`` states."""
    tags = dict(current.tags)
    tags_to_set, tag_keys_to_remove = {}, []
    if request.tags is not None:
        tags_to_set = {key: value for key, value in request.tags.items() if current.tags.get(key) != value}
        if request.purge_tags:
            tag_keys_to_remove = sorted(key for key in current.tags if key not in request.tags)
        tags.update(tags_to_set)
        for key in tag_keys_to_remove:
            del tags[key]
    after = ShareState(
        certificate_authority_arns=_merged(current.certificate_authority_arns, request.certificate_authority_arns,
                                           request.purge_certificate_authorities),
        principals=_merged(current.principals, request.principals, request.purge_principals),
        permission_arn=request.permission_arn or current.permission_arn,
        allow_external_principals=(current.allow_external_principals if request.allow_external_principals is None
                                   else request.allow_external_principals),
        tags=tags,
    )
    return SharePlan(
        before=current,
        after=after,
        associate_certificate_authorities=sorted(after.certificate_authority_arns - current.certificate_authority_arns),
        disassociate_certificate_authorities=sorted(current.certificate_authority_arns - after.certificate_authority_arns),
        associate_principals=sorted(after.principals - current.principals),
        disassociate_principals=sorted(current.principals - after.principals),
        replace_permission=after.permission_arn != current.permission_arn,
        update_allow_external_principals=after.allow_external_principals != current.allow_external_principals,
        tags_to_set=tags_to_set,
        tag_keys_to_remove=tag_keys_to_remove,
    )


def external_principals_kept(plan, external_principals):
    """The principals outside the organization the share would keep while the plan turns
    allow_external_principals off (RAM would refuse the change)."""
    if plan.after.allow_external_principals:
        return []
    return sorted(set(external_principals) & plan.after.principals)


def share_diff(plan, name):
    """Diff mode's before and after: CAs, principals, permission, external flag and tags."""
    def shown(state):
        if state is None:
            return {}
        return dict(certificate_authority_arns=sorted(state.certificate_authority_arns), principals=sorted(state.principals),
                    permission_arn=state.permission_arn, allow_external_principals=state.allow_external_principals,
                    tags=dict(state.tags))
    return dict(before=shown(plan.before), after=shown(plan.after), before_header=f'resource share {name} (before)',
                after_header=f'resource share {name} (after)')
