# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Input the task cannot use: the one failure the pure policy logic raises.

Found before any AWS call (or in the policy the input makes with the CA's); a module
catches it once and calls ``error.fail(module, ...)``. AWS's failures are the other kind
(``_aws/errors.py``).
"""


class InputError(ValueError):
    """Input the task cannot use. ``violations``: every reason found, for input that is a
    policy or its statements (see policy_document.PolicyError); None otherwise. ``details``:
    further keys of the failed task's result."""

    def __init__(self, message, violations=None, details=None):
        super().__init__(message)
        self.violations = violations
        self.details = details or {}

    def fail(self, module, **details):
        details.update(self.details)
        if self.violations is not None:
            details['violations'] = self.violations
        module.fail_json(msg=str(self), **details)
