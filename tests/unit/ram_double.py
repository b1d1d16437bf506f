# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""A small in-memory AWS RAM for the unit tests, answering boto3's ``ram`` client (and
AWS Organizations' DescribeOrganization) through botocore ``before-call`` handlers, since
moto's RAM refuses to share a CA and has no associations, invitations or PCA permissions.

botocore still validates every request against its service model before the handler
answers. Only what the modules' unit tests need is here; the project's emulator answers
the integration tests. Answers follow the RAM API reference; where RAM's behaviour is not
documented (an outside account's association stays ASSOCIATING until it accepts), this
double follows the collection's stated assumption.
"""


import datetime
import json
import uuid

from .helpers import ACCOUNT_ID, ORGANIZATION_ID, OTHER_ACCOUNT_ID, REGION, canned_error, canned_response

OUTSIDE_ACCOUNT_ID = '777788889999'
ORGANIZATION_ARN = f'arn:aws:organizations::{ACCOUNT_ID}:organization/{ORGANIZATION_ID}'
OU_ID = 'ou-ab12-11111111'
OU_ARN = f'arn:aws:organizations::{ACCOUNT_ID}:ou/{ORGANIZATION_ID}/{OU_ID}'
CA_TYPE = 'acm-pca:CertificateAuthority'


def managed_permission_arn(name):
    return f'arn:aws:ram::aws:permission/{name}'


def _template(actions, templates=None):
    statement = {'Effect': 'Allow', 'Action': actions}
    if templates is not None:
        statement['Condition'] = {'StringEquals': {'acm-pca:TemplateArn': templates}}
    return json.dumps(statement)


READS = ['acm-pca:DescribeCertificateAuthority', 'acm-pca:GetCertificate', 'acm-pca:GetCertificateAuthorityCertificate',
         'acm-pca:ListPermissions', 'acm-pca:ListTags']
# ASSUMPTION (for the tests only): the policy templates of these AWS managed permissions.
PERMISSIONS = {
    'AWSRAMDefaultPermissionCertificateAuthority': (CA_TYPE, _template(
        READS + ['acm-pca:IssueCertificate'], 'arn:aws:acm-pca:::template/EndEntityCertificate/V1')),
    'AWSRAMRevokeCertificateCertificateAuthority': (CA_TYPE, _template(READS + ['acm-pca:RevokeCertificate'])),
    'AWSRAMBlankEndEntityCertificateAPICSRPassthroughIssuanceCertificateAuthority': (CA_TYPE, _template(
        READS + ['acm-pca:IssueCertificate'], ['arn:aws:acm-pca:::template/BlankEndEntityCertificate_APICSRPassthrough/V1'])),
    'AWSRAMPermissionAnyTemplateCertificateAuthority': (CA_TYPE, _template(['acm-pca:*'])),
    'AWSRAMDefaultPermissionSubnet': ('ec2:Subnet', _template(['ec2:DescribeSubnets'])),
}


_METADATA = {'RequestId': 'double', 'HTTPStatusCode': 200, 'HTTPHeaders': {}, 'RetryAttempts': 0}


class Error(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


class RamDouble:
    """Shares, associations and invitations of every account, one region."""

    def __init__(self):
        self.caller = ACCOUNT_ID
        self.members = {ACCOUNT_ID, OTHER_ACCOUNT_ID}
        self.organization_sharing_enabled = True
        self.in_organization = True
        self.shares = {}
        self.associations = []
        self.invitations = []
        self.permission_versions = {}
        # Reads of associations for which a new association still shows ASSOCIATING.
        self.settle_after_reads = 0
        self.failures = {}
        self.page_size = 2
        self.writes = []
        self.operations = []
        # operation -> (error code, message): the answer of every call of that operation.
        self.refusals = {}

    # ------------------------------------------------------------ plumbing

    def install(self, on_new_clients):
        # before-call: botocore has validated the request against the service model; the
        # first handler to answer ends the call, so moto never sees it. (The tests' aws_calls
        # counter may not see it either: ``operations`` records every RAM call.)
        on_new_clients('before-call.ram', self._answer)
        on_new_clients('before-call.organizations.DescribeOrganization', self._describe_organization)
        return self

    def _answer(self, model, params, **kwargs):
        self.operations.append(model.name)
        if model.name in self.refusals:
            return canned_error(*self.refusals[model.name])
        body = params.get('body') or b'{}'
        arguments = json.loads(body.decode('utf-8') if isinstance(body, bytes) else body or '{}')
        # DeleteResourceShare and UntagResource take query parameters.
        arguments.update(params.get('query_string') or {})
        try:
            answer = getattr(self, model.name)(**arguments)
        except Error as error:
            return canned_error(error.code, str(error))
        if model.name[:3] not in ('Get', 'Lis'):
            self.writes.append(model.name)
        answer['ResponseMetadata'] = _METADATA
        return canned_response(200, b'{}'), answer

    def _describe_organization(self, model, **kwargs):
        self.operations.append(model.name)
        if model.name in self.refusals:
            return canned_error(*self.refusals[model.name])
        if not self.in_organization:
            return canned_error('AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.')
        return canned_response(200, b'{}'), {
            'Organization': {'Id': ORGANIZATION_ID, 'Arn': ORGANIZATION_ARN, 'MasterAccountId': ACCOUNT_ID},
            'ResponseMetadata': _METADATA}

    @staticmethod
    def _page(items, key, nextToken=None, page_size=None):
        start = int(nextToken or 0)
        end = start + page_size if page_size else len(items)
        answer = {key: items[start:end]}
        if end < len(items):
            answer['nextToken'] = str(end)
        return answer

    def _share(self, arn, owner=True):
        share = self.shares.get(arn)
        if share is None or (owner and share['owningAccountId'] != self.caller):
            raise Error('UnknownResourceException', f'ResourceShare {arn} could not be found.')
        return share

    def _external(self, principal):
        if principal.startswith('arn:aws:organizations::'):
            return False
        account = principal.split(':')[4] if principal.startswith('arn:') else principal
        return account not in self.members

    # ------------------------------------------------------------ shares

    def GetResourceShares(self, resourceOwner, name=None, resourceShareArns=None, nextToken=None, **kwargs):
        for arn in resourceShareArns or ():
            if arn not in self.shares:
                raise Error('UnknownResourceException', f'ResourceShare {arn} could not be found.')
        shares = [share for share in self.shares.values()
                  if (share['owningAccountId'] == self.caller if resourceOwner == 'SELF' else self._reaches_caller(share))
                  and (name is None or share['name'] == name)
                  and (resourceShareArns is None or share['resourceShareArn'] in resourceShareArns)]
        return self._page([dict(share) for share in shares], 'resourceShares', nextToken, self.page_size)

    def _reaches_caller(self, share):
        principals = {self.caller} | ({ORGANIZATION_ARN} if self.caller in self.members else set())
        return share['owningAccountId'] != self.caller and any(
            item['resourceShareArn'] == share['resourceShareArn'] and item['associationType'] == 'PRINCIPAL'
            and item['status'] == 'ASSOCIATED' and item['associatedEntity'] in principals for item in self.associations)

    def CreateResourceShare(self, name, resourceArns=(), principals=(), permissionArns=(), allowExternalPrincipals=True,
                            tags=(), clientToken=None, **kwargs):
        self._check_principals(principals, allowExternalPrincipals)
        arn = f'arn:aws:ram:{REGION}:{self.caller}:resource-share/{uuid.uuid4()}'
        self.shares[arn] = dict(resourceShareArn=arn, name=name, owningAccountId=self.caller, status='ACTIVE',
                                allowExternalPrincipals=allowExternalPrincipals, featureSet='STANDARD', tags=list(tags))
        self.permission_versions[arn] = (permissionArns or [managed_permission_arn('AWSRAMDefaultPermissionCertificateAuthority')])[0]
        self._associate(arn, resourceArns, principals)
        return {'resourceShare': dict(self.shares[arn])}

    def _check_principals(self, principals, allow_external):
        for principal in principals:
            if principal.startswith('arn:aws:organizations::') and not self.organization_sharing_enabled:
                raise Error('OperationNotPermittedException', 'The resource you are attempting to share can only be shared '
                            'within your AWS Organization. This error may also occur if you have not enabled sharing with '
                            'your AWS organization, or that onboarding process is still in progress.')
            if self._external(principal) and not allow_external:
                raise Error('OperationNotPermittedException', 'The resource you are attempting to share can only be shared '
                            'within your AWS Organization.')

    def _associate(self, arn, resources, principals):
        now = datetime.datetime.now(datetime.timezone.utc)
        for kind, entities in (('RESOURCE', resources), ('PRINCIPAL', principals)):
            for entity in entities:
                external = kind == 'PRINCIPAL' and self._external(entity)
                status = ('ASSOCIATING' if external or self.settle_after_reads
                          else 'FAILED' if entity in self.failures else 'ASSOCIATED')
                self.associations.append(dict(resourceShareArn=arn, associatedEntity=entity, associationType=kind,
                                              status=status, external=external, creationTime=now, lastUpdatedTime=now,
                                              reads_left=self.settle_after_reads))
                if external:
                    self.invitations.append(dict(
                        resourceShareInvitationArn=f'arn:aws:ram:{REGION}:{self.caller}:resource-share-invitation/{uuid.uuid4()}',
                        resourceShareName=self.shares[arn]['name'], resourceShareArn=arn, senderAccountId=self.caller,
                        receiverAccountId=entity, invitationTimestamp=now, status='PENDING'))

    def AssociateResourceShare(self, resourceShareArn, resourceArns=(), principals=(), **kwargs):
        share = self._share(resourceShareArn)
        self._refuse_in_progress(resourceShareArn)
        self._check_principals(principals, share['allowExternalPrincipals'])
        self._associate(resourceShareArn, resourceArns, principals)
        return {'resourceShareAssociations': []}

    def _refuse_in_progress(self, arn):
        if any(item['resourceShareArn'] == arn and item['status'] in ('ASSOCIATING', 'DISASSOCIATING') and not item['external']
               for item in self.associations):
            raise Error('InvalidStateTransitionException', 'An association is in progress.')

    def DisassociateResourceShare(self, resourceShareArn, resourceArns=(), principals=(), **kwargs):
        self._share(resourceShareArn)
        self._refuse_in_progress(resourceShareArn)
        for item in self.associations:
            if item['resourceShareArn'] == resourceShareArn and item['associatedEntity'] in list(resourceArns) + list(principals):
                item['status'] = 'DISASSOCIATED'
        return {'resourceShareAssociations': []}

    def GetResourceShareAssociations(self, associationType, resourceShareArns=None, nextToken=None, **kwargs):
        found = []
        for item in self.associations:
            share = self.shares[item['resourceShareArn']]
            if item['associationType'] != associationType or share['owningAccountId'] != self.caller:
                continue
            if resourceShareArns is not None and item['resourceShareArn'] not in resourceShareArns:
                continue
            if item['reads_left'] and not nextToken:
                item['reads_left'] -= 1
                if not item['reads_left'] and item['status'] == 'ASSOCIATING' and not item['external']:
                    item['status'] = 'FAILED' if item['associatedEntity'] in self.failures else 'ASSOCIATED'
            if item['status'] == 'FAILED':
                item['statusMessage'] = self.failures[item['associatedEntity']]
            found.append({key: value for key, value in item.items() if key != 'reads_left'})
        return self._page(found, 'resourceShareAssociations', nextToken, self.page_size)

    def UpdateResourceShare(self, resourceShareArn, allowExternalPrincipals=None, name=None, **kwargs):
        share = self._share(resourceShareArn)
        if allowExternalPrincipals is not None:
            share['allowExternalPrincipals'] = allowExternalPrincipals
        return {'resourceShare': dict(share)}

    def DeleteResourceShare(self, resourceShareArn, **kwargs):
        self._share(resourceShareArn)['status'] = 'DELETED'
        return {'returnValue': True}

    def TagResource(self, resourceShareArn, tags, **kwargs):
        share = self._share(resourceShareArn)
        kept = [tag for tag in share['tags'] if tag['key'] not in {new['key'] for new in tags}]
        share['tags'] = kept + list(tags)
        return {}

    def UntagResource(self, resourceShareArn, tagKeys, **kwargs):
        share = self._share(resourceShareArn)
        share['tags'] = [tag for tag in share['tags'] if tag['key'] not in tagKeys]
        return {}

    # ------------------------------------------------------------ permissions

    def _summary(self, name, version='1'):
        resource_type, template = PERMISSIONS[name]
        return dict(arn=managed_permission_arn(name), name=name, version=version, defaultVersion=version == '1',
                    resourceType=resource_type, permissionType='AWS_MANAGED', status='ATTACHABLE', permission=template)

    def ListPermissions(self, resourceType=None, nextToken=None, **kwargs):
        listed = [{key: value for key, value in self._summary(name).items() if key != 'permission'}
                  for name, (kind, _template) in sorted(PERMISSIONS.items())
                  if resourceType is None or kind.lower() == resourceType.lower()]
        return self._page(listed, 'permissions', nextToken, self.page_size)

    def GetPermission(self, permissionArn, permissionVersion=None, **kwargs):
        name = permissionArn.rsplit('/', 1)[-1]
        if name not in PERMISSIONS or not permissionArn.startswith('arn:aws:ram::aws:permission/'):
            raise Error('UnknownResourceException', f'Permission {permissionArn} could not be found.')
        return {'permission': self._summary(name, str(permissionVersion or 1))}

    def ListResourceSharePermissions(self, resourceShareArn, nextToken=None, **kwargs):
        self._share(resourceShareArn)
        arn = self.permission_versions[resourceShareArn]
        name = arn.rsplit('/', 1)[-1]
        summary = {key: value for key, value in self._summary(name).items() if key != 'permission'}
        return self._page([summary], 'permissions', nextToken)

    def AssociateResourceSharePermission(self, resourceShareArn, permissionArn, replace=False, **kwargs):
        self._share(resourceShareArn)
        self._refuse_in_progress(resourceShareArn)
        self.permission_versions[resourceShareArn] = permissionArn
        return {'returnValue': True}

    # ------------------------------------------------------------ invitations

    def GetResourceShareInvitations(self, resourceShareArns=None, nextToken=None, **kwargs):
        found = [dict(item) for item in self.invitations if item['receiverAccountId'] == self.caller
                 and (resourceShareArns is None or item['resourceShareArn'] in resourceShareArns)]
        return self._page(found, 'resourceShareInvitations', nextToken, self.page_size)

    def _invitation(self, arn):
        for item in self.invitations:
            if item['resourceShareInvitationArn'] == arn and item['receiverAccountId'] == self.caller:
                return item
        raise Error('ResourceShareInvitationArnNotFoundException', f'{arn} not found')

    def _answer_invitation(self, arn, status, association_status):
        invitation = self._invitation(arn)
        invitation['status'] = status
        for item in self.associations:
            if item['resourceShareArn'] == invitation['resourceShareArn'] and item['associatedEntity'] == self.caller:
                item['status'] = association_status
        return {'resourceShareInvitation': dict(invitation)}

    def AcceptResourceShareInvitation(self, resourceShareInvitationArn, **kwargs):
        return self._answer_invitation(resourceShareInvitationArn, 'ACCEPTED', 'ASSOCIATED')

    def RejectResourceShareInvitation(self, resourceShareInvitationArn, **kwargs):
        return self._answer_invitation(resourceShareInvitationArn, 'REJECTED', 'DISASSOCIATED')

    def ListPendingInvitationResources(self, resourceShareInvitationArn, nextToken=None, **kwargs):
        invitation = self._invitation(resourceShareInvitationArn)
        resources = [dict(arn=item['associatedEntity'], type=CA_TYPE if ':certificate-authority/' in item['associatedEntity'] else 'other',
                          resourceShareArn=item['resourceShareArn'], status='PENDING')
                     for item in self.associations if item['resourceShareArn'] == invitation['resourceShareArn']
                     and item['associationType'] == 'RESOURCE' and item['status'] == 'ASSOCIATED']
        return self._page(resources, 'resources', nextToken)
