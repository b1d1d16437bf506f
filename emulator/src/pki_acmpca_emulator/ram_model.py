# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""RAM's resource shares, their associations and invitations, and how an association settles.

Sources: the AWS RAM API Reference (https://docs.aws.amazon.com/ram/latest/APIReference/:
ResourceShare, ResourceShareAssociation, ResourceShareInvitation, CreateResourceShare,
AssociateResourceShare, GetResourceShareAssociations, AcceptResourceShareInvitation,
EnableSharingWithAwsOrganization) and the AWS RAM User Guide
(https://docs.aws.amazon.com/ram/latest/userguide/): "Getting started with AWS RAM",
"Using shared AWS resources" (getting-started-shared.html), "Accepting and rejecting
resource share invitations" (working-with-shared-invitations.html):

* an association is ASSOCIATING, then ASSOCIATED (or FAILED with a statusMessage); taking it
  away is DISASSOCIATING, then DISASSOCIATED, and RAM keeps listing it;
* with sharing within AWS Organizations enabled, accounts, OUs and the organization of the
  owner's organization get the share without invitations, and so does the owner's own
  account; any other account (one outside the organization, or any account while sharing
  with the organization is not enabled) gets an invitation it accepts or rejects, and an
  invitation not accepted in time expires and its principal is disassociated (``external``
  is true for an account outside the owner's organization);
* an organization or OU can be a principal only once sharing with the organization is
  enabled (EnableSharingWithAwsOrganization, from the management account).

When an association settles is the emulator's choice, made so that tests need no sleeps
(see ``hold`` below): by default a change settles as soon as the call that made it has
answered (its answer still shows ASSOCIATING / DISASSOCIATING, as AWS's does).
"""

import re
import threading

from pki_acmpca_emulator import cross_account
from pki_acmpca_emulator.ram_common import RamError, invalid_parameter, new_id, not_permitted, now, partition_of, tag_list, unknown_resource

ACCOUNT_RE = re.compile(r"^\d{12}$")
ORGANIZATION_RE = re.compile(r"^arn:(aws[a-z-]*):organizations::(\d{12}):organization/(o-[a-z0-9]{10,32})$")
OU_RE = re.compile(r"^arn:(aws[a-z-]*):organizations::(\d{12}):ou/(o-[a-z0-9]{10,32})/(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32})$")
IAM_PRINCIPAL_RE = re.compile(r"^arn:aws[a-z-]*:iam::\d{12}:(role|user)/.+$")
SERVICE_PRINCIPAL_RE = re.compile(r"^[a-z0-9.-]+\.amazonaws\.com$")
RAM_SERVICE_PRINCIPAL = "ram.amazonaws.com"
IN_PROGRESS = ("ASSOCIATING", "DISASSOCIATING")
LIVE = ("ASSOCIATING", "ASSOCIATED")
# The error AWS answers when a principal is outside what the share may reach (reported by
# Terraform users: hashicorp/terraform-provider-aws issues 7769 and 12169).
OUTSIDE_ORGANIZATION_MESSAGE = ("The resource you are attempting to share can only be shared within your AWS Organization. "
                                "This error may also occur if you have not enabled sharing with your AWS organization, "
                                "or that onboarding process is still in progress.")

_lock = threading.RLock()
# Test hooks: how long a change stays in progress, and which entities' associations fail.
_hooks = {"hold": 0, "failures": {}}


def lock():
    """One lock for every RAM call: the HTTP server answers from several threads."""
    return _lock


def hold(reads=None):
    """Keep every association change made from now on in progress (ASSOCIATING / DISASSOCIATING).

    ``reads``: it settles after that many GetResourceShareAssociations answers have shown it;
    None: until ``release()``.  ``hold(0)`` is the default (settle at once)."""
    if reads is not None and (not isinstance(reads, int) or reads < 0):
        raise ValueError(f"reads must be a number >= 0 or None, not {reads!r}")
    _hooks["hold"] = reads


def fail(entity, message):
    """Association changes of ``entity`` (a CA ARN or a principal) settle FAILED with ``message``."""
    _hooks["failures"][str(entity)] = str(message)


def clear_hooks():
    _hooks["hold"] = 0
    _hooks["failures"].clear()


class Association:
    def __init__(self, share, kind, entity, external=False, needs_invitation=False):
        self.share = share
        self.kind = kind  # PRINCIPAL or RESOURCE
        self.entity = entity
        self.external = external
        self.needs_invitation = needs_invitation
        self.created = now()
        self.updated = self.created
        self.status = "ASSOCIATING"
        self.status_message = None
        self.target = "ASSOCIATED"
        self.reads_left = 0
        self.awaiting_invitation = False

    @property
    def in_progress(self):
        return self.status in IN_PROGRESS and not self.awaiting_invitation

    def begin(self, target):
        self.status = "ASSOCIATING" if target == "ASSOCIATED" else "DISASSOCIATING"
        self.status_message = None
        self.target = target
        self.awaiting_invitation = False
        self.reads_left = _hooks["hold"]
        self.updated = now()

    def describe(self):
        described = {
            "resourceShareArn": self.share.arn, "resourceShareName": self.share.name, "associatedEntity": self.entity,
            "associationType": self.kind, "status": self.status, "creationTime": self.created,
            "lastUpdatedTime": self.updated, "external": self.external,
        }
        if self.status_message:
            described["statusMessage"] = self.status_message
        return described


class Invitation:
    def __init__(self, share, receiver_account_id):
        self.share = share
        self.receiver = receiver_account_id
        self.arn = f"arn:{partition_of(share.region)}:ram:{share.region}:{share.owner}:resource-share-invitation/{new_id()}"
        self.timestamp = now()
        self.status = "PENDING"

    def describe(self):
        return {
            "resourceShareInvitationArn": self.arn, "resourceShareName": self.share.name, "resourceShareArn": self.share.arn,
            "senderAccountId": self.share.owner, "receiverAccountId": self.receiver, "invitationTimestamp": self.timestamp,
            "status": self.status,
        }


class Share:
    def __init__(self, owner, region, name, allow_external, tags):
        self.owner = owner
        self.region = region
        self.id = new_id()
        self.arn = f"arn:{partition_of(region)}:ram:{region}:{owner}:resource-share/{self.id}"
        self.name = name
        self.allow_external = allow_external
        self.tags = dict(tags)
        self.status = "ACTIVE"
        self.feature_set = "STANDARD"  # CREATED_FROM_POLICY: made by RAM from a policy, not modifiable
        self.created = now()
        self.updated = self.created
        self.permissions = {}   # resource type -> Permission
        self.associations = {}  # (kind, entity) -> Association
        self.invitations = {}   # receiver account -> Invitation

    def describe(self):
        return {
            "resourceShareArn": self.arn, "name": self.name, "owningAccountId": self.owner,
            "allowExternalPrincipals": self.allow_external, "status": self.status, "tags": tag_list(self.tags),
            "creationTime": self.created, "lastUpdatedTime": self.updated, "featureSet": self.feature_set,
        }

    def of_kind(self, kind, statuses=None):
        return [association for association in self.associations.values()
                if association.kind == kind and (statuses is None or association.status in statuses)]

    def ca_arns(self, statuses=("ASSOCIATED",)):
        return [association.entity for association in self.of_kind("RESOURCE", statuses)]

    def touch(self):
        self.updated = now()


# ---------------------------------------------------------------- organizations

def organization_backend(account_id, region):
    return cross_account.organization_backend_for(account_id, partition_of(region))


def sharing_enabled(organization):
    """Sharing with the organization is on: RAM's trusted access is enabled in AWS Organizations
    (what EnableSharingWithAwsOrganization does, RAM API Reference)."""
    return organization is not None and any(service.get("ServicePrincipal") == RAM_SERVICE_PRINCIPAL for service in organization.services)


def enable_sharing(account_id, region):
    """EnableSharingWithAwsOrganization: only the management account may (RAM API Reference)."""
    organization = organization_backend(account_id, region)
    if organization is None or organization.org.master_account_id != account_id:
        raise not_permitted("Unable to enable sharing with AWS Organizations. Received AccessDeniedException from AWSOrganizations "
                            "with the following error message: You don't have permissions to access this resource.")
    if not sharing_enabled(organization):
        organization.enable_aws_service_access(ServicePrincipal=RAM_SERVICE_PRINCIPAL)


def ou_path(organization, ou_id):
    return cross_account.organization_path(organization, ou_id)


# ---------------------------------------------------------------- principals

class PrincipalKind:
    ACCOUNT = "account"
    ORGANIZATION = "organization"
    OU = "ou"
    SERVICE = "service"


def classify_principal(share_owner, region, principal, allow_external):
    """(kind, external, needs invitation) of ``principal`` for a share of ``share_owner``; refusals raise.

    ASSUMPTION: an IAM role or user is refused for CA shares (RAM allows them only for some
    resource types, and AWS does not list CAs among them); ``arn:...:iam::<id>:root`` and bare
    ``o-`` / ``ou-`` IDs are malformed principals (RAM takes account IDs and Organizations ARNs).
    ASSUMPTION: a service principal (``*.amazonaws.com``) is taken as it is, with no invitation.
    """
    principal = str(principal)
    organization = organization_backend(share_owner, region)
    if ACCOUNT_RE.match(principal):
        if principal == share_owner:
            return PrincipalKind.ACCOUNT, False, False
        member = organization is not None and cross_account.organization_id_for(principal, partition_of(region)) == organization.org.id
        needs_invitation = not (member and sharing_enabled(organization))
        if needs_invitation and not allow_external:
            raise not_permitted(OUTSIDE_ORGANIZATION_MESSAGE)
        return PrincipalKind.ACCOUNT, not member, needs_invitation
    match = ORGANIZATION_RE.match(principal) or OU_RE.match(principal)
    if match:
        organization_id = match.group(3)
        if organization is None or organization.org.id != organization_id:
            raise unknown_resource(f"Organization {organization_id} could not be found.")
        if ORGANIZATION_RE.match(principal):
            kind = PrincipalKind.ORGANIZATION
        else:
            kind = PrincipalKind.OU
            if not any(ou.id == match.group(4) for ou in organization.ou):
                raise unknown_resource(f"OrganizationalUnit {match.group(4)} in unknown organization could not be found.")
        if not sharing_enabled(organization):
            raise not_permitted(OUTSIDE_ORGANIZATION_MESSAGE)
        return kind, False, False
    if IAM_PRINCIPAL_RE.match(principal):
        raise invalid_parameter(f"Principal {principal} is an IAM role or user: resource type acm-pca:CertificateAuthority "
                                "can be shared only with accounts, organizations and organizational units.")
    if SERVICE_PRINCIPAL_RE.match(principal):
        return PrincipalKind.SERVICE, False, False
    raise invalid_parameter(f"Principal ID {principal} is malformed. Verify the ID and try again.")


def principal_kind(principal):
    if ACCOUNT_RE.match(principal):
        return PrincipalKind.ACCOUNT
    if ORGANIZATION_RE.match(principal):
        return PrincipalKind.ORGANIZATION
    if OU_RE.match(principal):
        return PrincipalKind.OU
    return PrincipalKind.SERVICE


def share_reaches(share, account_id):
    """True when ``account_id`` (not the owner) has the share: an ASSOCIATED principal names it,
    its organization, or an OU above it.

    ASSUMPTION: a share shows under OTHER-ACCOUNTS only once its principal is ASSOCIATED (for
    an account with an invitation: once accepted)."""
    if account_id == share.owner or share.status != "ACTIVE":
        return False
    partition = partition_of(share.region)
    for association in share.of_kind("PRINCIPAL", ("ASSOCIATED",)):
        principal = association.entity
        kind = principal_kind(principal)
        if kind == PrincipalKind.ACCOUNT and principal == account_id:
            return True
        if kind == PrincipalKind.ORGANIZATION and cross_account.organization_id_for(account_id, partition) == principal.rsplit("/", 1)[1]:
            return True
        if kind == PrincipalKind.OU:
            organization = organization_backend(share.owner, share.region)
            if organization is None:
                continue
            prefix = ou_path(organization, principal.rsplit("/", 1)[1])
            if any(path.startswith(prefix) for path in cross_account.organization_paths_for(account_id, partition)):
                return True
    return False


# ---------------------------------------------------------------- settling

def settle(association):
    """End a change in progress: ASSOCIATED (or waiting for an invitation), FAILED, or DISASSOCIATED."""
    share = association.share
    association.updated = now()
    association.reads_left = 0
    if association.target == "DISASSOCIATED":
        association.status = "DISASSOCIATED"
        invitation = share.invitations.get(association.entity)
        # ASSUMPTION: an invitation not yet answered is withdrawn with its principal.
        if association.kind == "PRINCIPAL" and invitation is not None and invitation.status == "PENDING":
            del share.invitations[association.entity]
        return
    failure = _hooks["failures"].get(association.entity)
    if failure is not None:
        association.status = "FAILED"
        association.status_message = failure
        return
    if association.kind == "PRINCIPAL" and association.needs_invitation:
        # Each association of such a principal sends an invitation (a principal added again
        # after leaving is invited again).
        share.invitations[association.entity] = Invitation(share, association.entity)
        # ASSUMPTION: the principal's association stays ASSOCIATING until the invitation is accepted.
        association.awaiting_invitation = True
        return
    association.status = "ASSOCIATED"


def settle_due(shares):
    """Settle every change in progress whose reads are used up; return the shares that changed."""
    changed = []
    for share in shares:
        due = [association for association in share.associations.values() if association.in_progress and association.reads_left == 0]
        for association in due:
            settle(association)
        if due:
            changed.append(share)
    return changed


def count_read(associations):
    """One GetResourceShareAssociations answer showed these: a held change comes closer to settling."""
    shares = []
    for association in associations:
        if association.in_progress and isinstance(association.reads_left, int) and association.reads_left > 0:
            association.reads_left -= 1
            if association.share not in shares:
                shares.append(association.share)
    return settle_due(shares)


def release(stores):
    """Settle every change in progress now, and stop holding new ones."""
    _hooks["hold"] = 0
    shares = [share for store in stores for share in store.shares.values()]
    for share in shares:
        for association in share.associations.values():
            if association.in_progress:
                association.reads_left = 0
    return settle_due(shares)


def fail_now(stores, entity, message, resource_share_arn=None):
    """Make ``entity``'s live associations FAILED at once (those of one share when given)."""
    changed = []
    for store in stores:
        for share in store.shares.values():
            if resource_share_arn and share.arn != resource_share_arn:
                continue
            for association in share.associations.values():
                if association.entity == entity and association.status in LIVE:
                    association.status, association.status_message = "FAILED", str(message)
                    association.awaiting_invitation = False
                    association.reads_left = 0
                    association.updated = now()
                    if share not in changed:
                        changed.append(share)
    return changed


def check_not_changing(share):
    """ASSUMPTION: RAM refuses to change a share's associations or permission while one is in
    progress (users report it; AWS does not document it), and any change of a share that is not
    ACTIVE.  The error, InvalidStateTransitionException, is one the model declares for them."""
    busy = [association.entity for association in share.associations.values() if association.in_progress]
    if busy:
        raise RamError("InvalidStateTransitionException",
                       f"The resource share {share.arn} has associations in progress ({', '.join(sorted(busy))}); "
                       "try again once they are ASSOCIATED or DISASSOCIATED.")
    if share.status != "ACTIVE":
        raise RamError("InvalidStateTransitionException", f"The resource share {share.arn} is {share.status}.")
