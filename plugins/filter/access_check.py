# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The pki.acmpca.access_check filter: who can do what under a CA's policy.

Thin over ``module_utils/access_check.py`` (IAM's evaluation of a resource-based policy);
what lives here is only the choice between one request and a list, and the translation of
bad input into an Ansible error. Documented in ``access_check.yml`` beside this file.
"""


from ansible.errors import AnsibleFilterError

from ansible_collections.pki.acmpca.plugins.module_utils.access_check import evaluate, evaluate_all
from ansible_collections.pki.acmpca.plugins.module_utils.errors import InputError


def access_check(policy, request):
    """The answer of ``policy`` (a dict, a JSON string or None) to ``request`` (a dict), or the
    list of answers to a list of requests."""
    try:
        if isinstance(request, list):
            return evaluate_all(policy, list(request))
        return evaluate(policy, request)
    except InputError as exc:
        raise AnsibleFilterError(f'pki.acmpca.access_check: {exc}')


class FilterModule:

    def filters(self):
        return {'access_check': access_check}
