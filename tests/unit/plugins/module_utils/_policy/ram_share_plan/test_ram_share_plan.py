# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""ram_share_plan: principals, CA checks, the plan of changes and a permission's templates, without AWS."""


import json

import pytest

from ansible_collections.pki.acmpca.plugins.module_utils._policy.errors import InputError
from ansible_collections.pki.acmpca.plugins.module_utils._policy.ram_share_plan import (
    Request,
    ShareState,
    check_certificate_authority_arns,
    check_principals,
    external_principals_kept,
    foreign_certificate_authorities,
    is_ca_resource_type,
    is_organization_principal,
    is_permission_arn,
    needs_organization,
    new_share,
    permission_templates,
    plan_share_changes,
    principal_as_ram_reports_it,
    share_diff,
)

ORG = {'Id': 'o-a1b2c3d4e5', 'Arn': 'arn:aws:organizations::111122223333:organization/o-a1b2c3d4e5', 'MasterAccountId': '111122223333'}
ORG_ARN = ORG['Arn']
OU = 'ou-ab12-11111111'
OU_ARN = f'arn:aws:organizations::111122223333:ou/o-a1b2c3d4e5/{OU}'
CA = 'arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/0a1b2c3d-4e5f-6789-abcd-ef0123456789'
TEMPLATE = 'arn:aws:acm-pca:::template/EndEntityCertificate/V1'


class TestPrincipals:

    @pytest.mark.parametrize('principal', ['111122223333', 'o-a1b2c3d4e5', OU, ORG_ARN, OU_ARN,
                                           'arn:aws:iam::111122223333:root', 'arn:aws:iam::111122223333:role/issuer',
                                           'arn:aws-cn:iam::111122223333:user/u'])
    def test_the_documented_forms_are_accepted(self, principal):
        check_principals([principal])

    def test_every_bad_principal_is_named_at_once(self):
        with pytest.raises(InputError) as error:
            check_principals(['1111', '111122223333', 7])
        forms = ('a 12-digit account ID, an organization or organizational unit as its ARN or its o-... / ou-... ID, '
                 'or an IAM role or user ARN')
        assert str(error.value) == f"principal '1111' is not {forms}; principal 7 is not {forms}"
        for bad in ('o-UPPER', 'arn:aws:s3:::bucket', ''):
            with pytest.raises(InputError, match='is not a 12-digit'):
                check_principals([bad])

    def test_none_is_not_given(self):
        check_principals(None)

    @pytest.mark.parametrize('principal, is_organization', [
        ('o-a1b2c3d4e5', True), (OU, True), (ORG_ARN, True), (OU_ARN, True), ('111122223333', False),
        ('arn:aws:iam::111122223333:role/r', False)])
    def test_organization_principals(self, principal, is_organization):
        assert is_organization_principal(principal) is is_organization

    def test_ids_need_the_organization_arns_do_not(self):
        assert needs_organization(['111122223333', OU]) and needs_organization(['o-a1b2c3d4e5'])
        assert not needs_organization([ORG_ARN, OU_ARN, '111122223333']) and not needs_organization(None)

    @pytest.mark.parametrize('given, reported', [
        ('o-a1b2c3d4e5', ORG_ARN), (OU, OU_ARN), (ORG_ARN, ORG_ARN), ('arn:aws:iam::444455556666:root', '444455556666'),
        ('444455556666', '444455556666'), ('arn:aws:iam::444455556666:role/r', 'arn:aws:iam::444455556666:role/r'),
    ])
    def test_principals_as_ram_reports_them(self, given, reported):
        assert principal_as_ram_reports_it(given, ORG) == reported

    def test_another_organization_id_is_refused(self):
        with pytest.raises(InputError, match='o-zzzzzzzzzz is not the organization of the account in use'):
            principal_as_ram_reports_it('o-zzzzzzzzzz', ORG)


class TestCertificateAuthorities:

    def test_malformed_and_foreign_region_arns_are_all_named(self):
        other_region = CA.replace('eu-west-1', 'us-east-1')
        with pytest.raises(InputError) as error:
            check_certificate_authority_arns(['not-an-arn', other_region], 'eu-west-1')
        assert str(error.value) == (
            "certificate_authority_arns 'not-an-arn' is not an ACM PCA certificate authority ARN: it is not of the form "
            "arn:<partition>:acm-pca:<region>:<12-digit account>:certificate-authority/<id>; "
            f"certificate_authority_arns: {other_region} is in region us-east-1, but the share is in region eu-west-1 "
            "(RAM shares resources of their own region only)")

    def test_good_arns_parse_and_foreign_accounts_are_found(self):
        other = CA.replace('111122223333', '444455556666')
        cas = check_certificate_authority_arns([CA, other], 'eu-west-1')
        assert foreign_certificate_authorities(cas, '111122223333') == [other]
        assert check_certificate_authority_arns(None, 'eu-west-1') == []


class TestPermissions:

    def test_permission_arns_and_resource_types(self):
        assert is_permission_arn('arn:aws:ram::aws:permission/AWSRAMDefaultPermissionCertificateAuthority')
        assert is_permission_arn('arn:aws:ram:eu-west-1:111122223333:permission/Mine')
        assert not is_permission_arn('AWSRAMDefaultPermissionCertificateAuthority')
        assert is_ca_resource_type('acm-pca:certificateauthority') and not is_ca_resource_type('ec2:Subnet')
        assert not is_ca_resource_type(None)

    @pytest.mark.parametrize('template, templates', [
        ({'Effect': 'Allow', 'Action': ['acm-pca:GetCertificate']}, []),
        ({'Effect': 'Allow', 'Action': 'acm-pca:IssueCertificate'}, None),
        ({'Effect': 'Allow', 'Action': 'acm-pca:Issue*', 'Condition': {'StringEquals': {'ACM-PCA:TemplateArn': TEMPLATE}}}, [TEMPLATE]),
        ({'Effect': 'Allow', 'Action': '*'}, None),
        ({'Effect': 'Allow', 'NotAction': 'acm-pca:RevokeCertificate'}, None),
        ({'Effect': 'Allow', 'NotAction': 'acm-pca:IssueCertificate'}, []),
        ({'Effect': 'Deny', 'Action': 'acm-pca:IssueCertificate'}, []),
        ({'Statement': [{'Effect': 'Allow', 'Action': 'acm-pca:IssueCertificate',
                         'Condition': {'StringLike': {'acm-pca:TemplateArn': [TEMPLATE, 'b']}}},
                        {'Effect': 'Allow', 'Action': 'acm-pca:IssueCertificate',
                         'Condition': {'StringEquals': {'acm-pca:TemplateArn': 'a'}}}]}, ['a', TEMPLATE, 'b']),
        ([{'Effect': 'Allow', 'Action': 'acm-pca:IssueCertificate', 'Condition': {'StringEquals': {'acm-pca:TemplateArn': 'a'}}},
          {'Effect': 'Allow', 'Action': 'acm-pca:IssueCertificate'}], None),
    ])
    def test_templates_a_policy_template_allows(self, template, templates):
        assert permission_templates(json.dumps(template)) == templates

    def test_a_template_that_is_not_json_allows_nothing(self):
        assert permission_templates('{') == []

    def test_a_template_already_parsed_is_read_as_it_is(self):
        assert permission_templates({'Effect': 'Allow', 'Action': 'acm-pca:IssueCertificate'}) is None

    def test_a_statement_without_effect_or_action_grants_nothing(self):
        assert permission_templates(json.dumps([{'Action': 'acm-pca:IssueCertificate'}, {'Effect': 'Allow'}])) == []


class TestPlan:

    CURRENT = ShareState(frozenset([CA]), frozenset(['111122223333']), 'arn:p1', False, {'a': '1'})

    def test_nothing_stated_changes_nothing(self):
        plan = plan_share_changes(self.CURRENT, Request())
        assert not plan.changed and plan.after == self.CURRENT

    def test_the_same_state_stated_changes_nothing(self):
        plan = plan_share_changes(self.CURRENT, Request(frozenset([CA]), frozenset(['111122223333']), 'arn:p1', False, {'a': '1'}))
        assert not plan.changed

    def test_purge_replaces_the_set_and_no_purge_adds(self):
        purged = plan_share_changes(self.CURRENT, Request(principals=frozenset([ORG_ARN])))
        assert purged.associate_principals == [ORG_ARN] and purged.disassociate_principals == ['111122223333']
        assert purged.changes_associations and purged.changed
        added = plan_share_changes(self.CURRENT, Request(principals=frozenset([ORG_ARN]), purge_principals=False,
                                                         certificate_authority_arns=frozenset(['x']), purge_certificate_authorities=False))
        assert added.disassociate_principals == [] and added.after.principals == {ORG_ARN, '111122223333'}
        assert added.associate_certificate_authorities == ['x'] and added.disassociate_certificate_authorities == []

    def test_purging_certificate_authorities_is_the_default(self):
        plan = plan_share_changes(self.CURRENT, Request(certificate_authority_arns=frozenset(['x'])))
        assert plan.disassociate_certificate_authorities == [CA] and plan.associate_certificate_authorities == ['x']
        assert plan.after.certificate_authority_arns == {'x'} and not plan.replace_permission

    def test_permission_external_flag_and_tags(self):
        plan = plan_share_changes(self.CURRENT, Request(permission_arn='arn:p2', allow_external_principals=True, tags={'b': '2'}))
        assert plan.replace_permission and plan.update_allow_external_principals
        assert plan.tags_to_set == {'b': '2'} and plan.tag_keys_to_remove == ['a'] and plan.after.tags == {'b': '2'}
        kept = plan_share_changes(self.CURRENT, Request(tags={'a': '2'}, purge_tags=False))
        assert kept.tags_to_set == {'a': '2'} and kept.tag_keys_to_remove == [] and not kept.changes_associations

    def test_a_new_share_takes_the_defaults(self):
        plan = new_share(Request(principals=frozenset(['1'])), 'arn:default')
        assert plan.create and plan.changed and plan.before is None
        assert plan.after == ShareState(frozenset(), frozenset(['1']), 'arn:default', False, {})
        assert new_share(Request(permission_arn='arn:p', allow_external_principals=True), 'arn:d').after.permission_arn == 'arn:p'

    def test_outside_principals_kept_while_external_sharing_is_turned_off(self):
        current = ShareState(frozenset(), frozenset(['777788889999', '111122223333']), 'arn:p', True, {})
        plan = plan_share_changes(current, Request(allow_external_principals=False))
        assert external_principals_kept(plan, ['777788889999']) == ['777788889999']
        plan = plan_share_changes(current, Request(allow_external_principals=False, principals=frozenset(['111122223333'])))
        assert external_principals_kept(plan, ['777788889999']) == []
        assert external_principals_kept(plan_share_changes(current, Request()), ['777788889999']) == []

    def test_the_diff_shows_both_sides(self):
        plan = plan_share_changes(self.CURRENT, Request(principals=frozenset([ORG_ARN]), allow_external_principals=True))
        side = dict(certificate_authority_arns=[CA], permission_arn='arn:p1', tags={'a': '1'})
        assert share_diff(plan, 'cas') == dict(
            before=dict(side, principals=['111122223333'], allow_external_principals=False),
            after=dict(side, principals=[ORG_ARN], allow_external_principals=True),
            before_header='resource share cas (before)', after_header='resource share cas (after)')
        assert share_diff(new_share(Request(), 'arn:d'), 'new')['before'] == {}
