# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The pure policy logic's entry points in one place, for checks that load the collection
from outside (``make unit`` runs a policy checker that looks for them in the top-level
files of module_utils): parse a policy, validate it against a CA, compare two policies.

The collection's own code imports the units under ``_policy/`` directly.
"""

from ansible_collections.pki.acmpca.plugins.module_utils._policy.arn import parse_certificate_authority_arn
from ansible_collections.pki.acmpca.plugins.module_utils._policy.pca_policy_rules import policy_violations, validate_policy
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_document import parse_policy
from ansible_collections.pki.acmpca.plugins.module_utils._policy.policy_equivalence import policies_equivalent

__all__ = ('parse_certificate_authority_arn', 'parse_policy', 'policies_equivalent', 'policy_violations', 'validate_policy')
