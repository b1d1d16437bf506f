# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The permissions a CA grants the ACM service principal (CreatePermission, ListPermissions,
DeletePermission): the checks AWS makes, done before any call, and the calls themselves.

A permission lets ACM issue and renew private certificates in the CA's own account; it is
keyed by principal and source account, and cannot be changed, only deleted and created
again. Every botocore failure leaves here as an AcmPcaError (see errors.py).
"""


from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.pki.acmpca.plugins.module_utils._aws.certificate_authority import (
    LIST_PAGE_SIZE,
    describe_certificate_authority,
    iso8601,
    missing_ca_error,
    state_refused_error,
)
from ansible_collections.pki.acmpca.plugins.module_utils._aws.errors import AcmPcaError, NotFoundError, aws_call
from ansible_collections.pki.acmpca.plugins.module_utils._policy.errors import InputError
from ansible_collections.pki.acmpca.plugins.module_utils._policy.iam import account_id_problem
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_document import parse_stored_policy

ACM_PRINCIPAL = 'acm.amazonaws.com'
# The API's ActionType enum, in the order AWS documents it; names are case-sensitive.
PERMISSION_ACTIONS = ('IssueCertificate', 'GetCertificate', 'ListPermissions')


def requested_permission(certificate_authority_arn, principal, source_account, actions):
    """The permission asked for, as ListPermissions would show it; InputError naming every
    problem at once. ``source_account`` None stands for the CA's own account, which AWS
    records as the caller's (only the CA's account may grant permissions on it)."""
    problems = []
    if principal != ACM_PRINCIPAL:
        problems.append(f'principal {principal!r} is not accepted: the only principal AWS accepts is {ACM_PRINCIPAL}')
    if source_account is not None:
        problems.append(account_id_problem('source_account', source_account))
    problems = [problem for problem in problems + _action_problems(actions) if problem]
    if problems:
        raise InputError('; '.join(problems))
    return {
        'CertificateAuthorityArn': certificate_authority_arn.arn,
        'Principal': principal,
        'SourceAccount': source_account or certificate_authority_arn.account,
        'Actions': [action for action in PERMISSION_ACTIONS if action in actions],
    }


def _action_problems(actions):
    if not actions:
        return [f"actions must name at least one of {', '.join(PERMISSION_ACTIONS)}"]
    problems = []
    by_lower_case = {action.lower(): action for action in PERMISSION_ACTIONS}
    for action in sorted(set(actions) - set(PERMISSION_ACTIONS)):
        spelled = by_lower_case.get(str(action).lower())
        hint = f' (action names are case-sensitive: {spelled})' if spelled else ''
        problems.append(f"action {action!r} is not a permission action: use {', '.join(PERMISSION_ACTIONS)}{hint}")
    repeated = sorted({action for action in actions if actions.count(action) > 1})
    if repeated:
        problems.append(f"actions names {', '.join(repeated)} more than once")
    return problems


def same_grant(current, requested):
    """Whether two permissions grant the same: AWS compares the actions as a set."""
    return current is not None and requested is not None and set(current.get('Actions') or []) == set(requested['Actions'])


def find_permission(permissions, principal, source_account):
    """The permission of ``principal`` for ``source_account`` among ``permissions`` (botocore's
    dicts), or None. A permission listed without a source account stands for the CA's account."""
    for permission in permissions:
        if permission.get('Principal') == principal and permission.get('SourceAccount', source_account) == source_account:
            return permission
    return None


def list_permissions(client, arn):
    """Every permission on the CA, all pages read."""
    paginator = client.get_paginator('list_permissions')
    pages = paginator.paginate(CertificateAuthorityArn=arn, PaginationConfig={'PageSize': LIST_PAGE_SIZE})
    with aws_call('ListPermissions', arn):
        return [permission for page in pages for permission in page.get('Permissions', [])]


def permissions_of_listed_ca(client, ca):
    """The permissions of a CA acmpca_info listed (a snake_case dict), as the modules return them."""
    return [permission_for_user(permission) for permission in list_permissions(client, ca['arn'])]


def read_permissions(client, arn):
    """list_permissions, for a task that manages this CA: a missing CA, or one in a state
    that refuses, is an error that says so."""
    try:
        return list_permissions(client, arn)
    except AcmPcaError as error:
        raise _explained(client, arn, 'ListPermissions', error)


def create_permission(client, requested, source_account_given):
    arn = requested['CertificateAuthorityArn']
    kwargs = dict(CertificateAuthorityArn=arn, Principal=requested['Principal'], Actions=list(requested['Actions']))
    if source_account_given:
        kwargs['SourceAccount'] = requested['SourceAccount']
    try:
        with aws_call('CreatePermission', arn):
            client.create_permission(**kwargs)
    except AcmPcaError as error:
        raise _explained(client, arn, 'CreatePermission', error)


def delete_permission(client, current):
    """Delete the permission ``current`` (as listed). ResourceNotFound on a CA that exists
    (someone deleted the permission meanwhile) is success: the permission is gone, as asked."""
    arn = current['CertificateAuthorityArn']
    kwargs = dict(CertificateAuthorityArn=arn, Principal=current['Principal'])
    if current.get('SourceAccount'):
        kwargs['SourceAccount'] = current['SourceAccount']
    try:
        with aws_call('DeletePermission', arn):
            client.delete_permission(**kwargs)
    except NotFoundError as error:
        if describe_certificate_authority(client, arn) is None:
            raise _explained(client, arn, 'DeletePermission', error)
    except AcmPcaError as error:
        raise _explained(client, arn, 'DeletePermission', error)


def _explained(client, arn, operation, error):
    """A missing CA, or a CA whose state refuses the call, said plainly (with its state);
    any other error as it is."""
    if isinstance(error, NotFoundError):
        return missing_ca_error(client, arn, error)
    if error.code != 'InvalidStateException':
        return error
    return state_refused_error(client, arn, operation, error, kind='permission')


def permission_for_user(permission):
    """A permission as the modules return it: snake_case keys, ``created_at`` in ISO 8601,
    ``policy`` parsed into a dict in its original key case (the text when it is not JSON)."""
    if permission is None:
        return None
    result = camel_dict_to_snake_dict(iso8601({key: value for key, value in permission.items() if key != 'Policy'}))
    result.setdefault('created_at', None)
    result['policy'] = parse_stored_policy(permission['Policy']) if permission.get('Policy') else None
    return result
