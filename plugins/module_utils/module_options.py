# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""The AnsibleModule every module of the collection makes, through ``checked_module``.

ansible-core reports only its first failed check of the options, and it checks
``required``, ``required_if`` and the other constraints before unsupported options: a
misspelled ``polcy:`` is reported as "policy is missing". Here an option the module does
not know is named first, with the option it most likely stands for.
"""


import difflib

from ansible.module_utils import basic


def _known_names(argument_spec):
    names = set()
    for name, option in argument_spec.items():
        names.add(name)
        names.update(option.get('aliases') or ())
    return names


def unknown_options(argument_spec, names):
    """The option ``names`` that ``argument_spec`` knows by no name, sorted."""
    known = _known_names(argument_spec)
    return sorted(name for name in names if name not in known)


def unknown_options_message(argument_spec, unknown):
    known = sorted(_known_names(argument_spec))

    def named(name):
        closest = difflib.get_close_matches(name, known)
        return '%s (did you mean %s?)' % (name, closest[0]) if closest else name
    plural = 's' if len(unknown) > 1 else ''
    return 'Unsupported option%s: %s. Options are: %s' % (plural, ', '.join(named(name) for name in unknown), ', '.join(sorted(argument_spec)))


def checked_module(argument_spec, **kwargs):
    """``AnsibleModule(argument_spec, **kwargs)``, once every option the task gives is one the
    module knows; otherwise the task fails naming the unknown ones before any other check."""
    # The options the task gives (ansible-core's own _ansible_* keys aside); validate-modules
    # reads the argument spec with no parameters at all.
    given = [name for name in basic._load_params() or {} if not name.startswith('_ansible_')]
    unknown = unknown_options(argument_spec, given)
    if unknown:
        # Only the options given, none required and every value masked, so that no other check
        # speaks first and no value shows (an unknown option may be a misspelled secret).
        lenient = {name: dict(no_log=True) for name in given}
        basic.AnsibleModule(argument_spec=lenient, supports_check_mode=True).fail_json(msg=unknown_options_message(argument_spec, unknown))
    return basic.AnsibleModule(argument_spec=argument_spec, **kwargs)
