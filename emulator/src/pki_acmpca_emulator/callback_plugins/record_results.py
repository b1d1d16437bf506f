# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)


DOCUMENTATION = r"""
name: record_results
type: aggregate
short_description: Append every task result to a JSON-lines file
description:
  - Test support for the pki.acmpca integration tests.
  - Appends one JSON object per task result to the file named by E(RECORD_RESULTS_FILE),
    with the keys C(host), C(task), C(action), C(status) (V(ok), V(changed), V(failed),
    V(skipped) or V(unreachable)), C(ignore_errors), C(result) (the whole result
    dictionary, diff, warnings and invocation included), C(play) (the play's name) and
    C(play_index) (1 for the first play of the run, 2 for the next, ...).
  - Loop items are not recorded one by one; the task's final result holds them under C(results).
requirements:
  - enable in configuration (C(ANSIBLE_CALLBACKS_ENABLED=record_results))
options:
  path:
    description: File that receives the JSON lines. Nothing is recorded when unset.
    type: path
    env:
      - name: RECORD_RESULTS_FILE
"""

import json

from ansible.module_utils.common.json import AnsibleJSONEncoder
from ansible.plugins.callback import CallbackBase


def _parts(result):
    """(task, host, result dict): ansible-core 2.19 public properties, else the older private ones."""
    if hasattr(result, "result") and hasattr(result, "task") and hasattr(result, "host"):
        return result.task, result.host, result.result
    return result._task, result._host, result._result  # pylint: disable=protected-access


class _ResultEncoder(AnsibleJSONEncoder):
    """Ansible's encoder, and ``str()`` for anything it does not know."""

    def default(self, o):
        try:
            return super().default(o)
        except TypeError:
            return str(o)


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "record_results"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._play_uuid = None
        self._play_name = None
        self._play_index = 0

    def v2_playbook_on_play_start(self, play):
        # A play with serial starts once per batch (each time as a copy with the same UUID): count it once.
        if play._uuid != self._play_uuid:  # pylint: disable=protected-access
            self._play_uuid = play._uuid  # pylint: disable=protected-access
            self._play_name = play.get_name()
            self._play_index += 1

    def _record(self, result, status, ignore_errors=False):
        path = self.get_option("path")
        if not path:
            return
        task, host, data = _parts(result)
        entry = {
            "host": host.get_name(),
            "task": task.get_name(),
            "action": task.action,
            "status": status,
            "ignore_errors": bool(ignore_errors),
            "result": data,
            "play": self._play_name,
            "play_index": self._play_index,
        }
        line = json.dumps(entry, cls=_ResultEncoder, sort_keys=True)
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(f"{line}\n")

    def v2_runner_on_ok(self, result):
        self._record(result, "changed" if _parts(result)[2].get("changed") else "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, "failed", ignore_errors=ignore_errors)

    def v2_runner_on_skipped(self, result):
        self._record(result, "skipped")

    def v2_runner_on_unreachable(self, result):
        self._record(result, "unreachable")
