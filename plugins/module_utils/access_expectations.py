# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

# Note that this module util is **PRIVATE** to the collection. It can have breaking changes at any time.
# Do not use this from other collections or standalone plugins/modules!

"""Access expectations: requests whose answer a CA's policy must keep, checked before a write.

A typo in an OU path or an account ID is otherwise applied, and found (if ever) by the next
audit. ``acmpca_policy access_expectations`` (and the org_sharing role) name requests that must
stay allowed or denied; each is answered by the access check (``access_check.evaluate``) against
the policy in force after the task, before anything is written. Pure: no AWS call.
"""

from ansible_collections.pki.acmpca.plugins.module_utils.access_check import evaluate
from ansible_collections.pki.acmpca.plugins.module_utils.errors import InputError

EXPECTATIONS = ('allowed', 'denied')
REQUEST_FIELDS = ('principal', 'action', 'template', 'organization_id', 'organizational_unit_paths', 'source_account',
                  'source_arn', 'context')
OPTION = 'access_expectations'
SAME_ACCOUNT_DENIED = ("expect: denied for %s, a principal of the CA's own account, cannot be checked: its identity-based "
                       "policies can grant it access whatever the CA's policy says; name a principal of another account")


def _request(item, resource_arn):
    request = {field: item[field] for field in REQUEST_FIELDS if item.get(field) is not None}
    request['resource'] = resource_arn
    return request


def checked_expectations(expectations, resource_arn, option=OPTION):
    """``[(label, request, expect)]`` of ``expectations`` (dicts with the request keys of
    ``pki.acmpca.access_check`` and ``expect``) for the CA ``resource_arn``, every problem
    refused at once before any AWS call: a request the access check cannot read, an ``expect``
    other than allowed or denied, and ``expect: denied`` for a principal of the CA's account."""
    checked, violations = [], []
    for index, item in enumerate(expectations or []):
        label = '%s[%d]' % (option, index)
        if not isinstance(item, dict):
            violations.append('%s: must be a dict with a request and expect, not %r' % (label, item))
            continue
        expect = item.get('expect')
        unknown = sorted(set(item) - set(REQUEST_FIELDS) - {'expect'})
        if expect not in EXPECTATIONS:
            violations.append('%s: expect must be allowed or denied, not %r' % (label, expect))
        if unknown:
            violations.append('%s: unknown keys %s (a request takes %s, and expect)' % (label, ', '.join(unknown), ', '.join(REQUEST_FIELDS)))
        if expect not in EXPECTATIONS or unknown:
            continue
        request = _request(item, resource_arn)
        try:
            # Against no policy: reads the request (and where its principal is) without any AWS call.
            answer = evaluate(None, request)
        except ValueError as error:
            violations.append('%s: %s' % (label, error))
            continue
        if expect == 'denied' and answer['same_account']:
            violations.append('%s: %s' % (label, SAME_ACCOUNT_DENIED % request.get('principal')))
            continue
        checked.append((label, request, expect))
    if violations:
        raise InputError('%s refused: %s' % (option, '; '.join(violations)), violations=violations)
    return checked


def describe_request(request):
    """A request as a reviewer reads it: who, what, and the context it gives."""
    words = ['%s %s' % (request['principal'], request['action'])]
    words.extend('%s %s' % (field, request[field]) for field in REQUEST_FIELDS[2:] if field in request)
    return ', '.join(words)


def _deciding(answer):
    if answer['statements']:
        return 'statement %s' % ', '.join(answer['statements'])
    return 'no statement allows it'


def _broken(label, request, expect, answer):
    verdict = {'allowed': 'allows it', 'implicitly_denied': 'denies it implicitly', 'explicitly_denied': 'denies it explicitly'}
    text = '%s (%s): expected %s, but the policy after this task %s (%s)' % (
        label, describe_request(request), expect, verdict[answer['decision']], _deciding(answer))
    if answer['missing_context']:
        text += '; the request does not give %s, which the policy tests' % ', '.join(answer['missing_context'])
    return text


def broken_expectations(policy, checked):
    """``(messages, answers)`` of the expectations of ``checked`` (see ``checked_expectations``)
    that ``policy`` breaks: one message naming the request, the expectation and the deciding
    statements, and one answer (the access check's, with ``expectation`` and ``request``) each."""
    messages, answers = [], []
    for label, request, expect in checked:
        answer = evaluate(policy, request)
        if answer['allowed'] != (expect == 'allowed'):
            messages.append(_broken(label, request, expect, answer))
            answers.append(dict(answer, expectation=expect, request=request))
    return messages, answers


def require_expectations(policy, checked, resource_arn):
    """Raise an InputError naming every expectation that ``policy`` (the policy of the CA
    ``resource_arn`` after the task) breaks; nothing is to be written then."""
    messages, answers = broken_expectations(policy, checked)
    if messages:
        raise InputError('the policy after this task breaks %d access expectation%s of %s, so nothing is written: %s'
                         % (len(messages), '' if len(messages) == 1 else 's', resource_arn, '; '.join(messages)),
                         violations=messages, details={'broken_expectations': answers})
