# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Running a module's ``main()`` in-process on every supported ansible-core (2.17 and later).

ansible-core 2.19 has a public test helper for module arguments and marks controller code
through an internal flag; 2.17 has neither. These two helpers give the unit tests one
spelling for both (``make compat`` runs the unit tests on 2.17).
"""


import contextlib
import json
from unittest import mock

from ansible.module_utils import basic

try:
    from ansible.module_utils.testing import patch_module_args  # pylint: disable=unused-import
except ImportError:  # ansible-core < 2.19
    @contextlib.contextmanager
    def patch_module_args(args):
        """Give the next AnsibleModule ``args``, as ansible-core passes them to a module."""
        with mock.patch.object(basic, '_ANSIBLE_ARGS', json.dumps({'ANSIBLE_MODULE_ARGS': args}).encode('utf-8')):
            yield

try:
    from ansible.module_utils import _internal as _module_utils_internal
except ImportError:  # ansible-core < 2.19: nothing tells module code from controller code
    _module_utils_internal = None


def module_code_context():
    """Run as module code even after controller code (ansible.errors, say) was imported:
    on ansible-core 2.19 warnings would otherwise go to the controller's display."""
    if _module_utils_internal is None:
        return contextlib.nullcontext()
    return mock.patch.object(_module_utils_internal, 'is_controller', False)
