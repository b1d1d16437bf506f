# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Two ansible-playbook processes apply the same policy to the same CA at the same time:
both succeed and the CA ends with that policy, also when AWS answers
ConcurrentModificationException to some of their writes.  One pair of processes proves
both: they run at once, both write, the first two writes conflict, and both runs still
succeed (a run without conflicts takes the same path, minus the retries).

Each process signs with its own access key (moto maps both to the CA's account), so the
fault proxy's log tells the two apart.  A barrier on GetPolicy holds the first read of each
until both have arrived, so both are in flight at once however slow the machine is (a
fixed hold was not enough on a busy machine: one process could finish before the other
read), and the log shows it.
"""

import json
import os
import subprocess

import yaml

from pki_acmpca_emulator import pca
from pki_acmpca_emulator.harness import executable

POLICY_MODULE = "pki.acmpca.acmpca_policy"
PROCESS_KEYS = ("AKIAPKIACMPCAPROCESSA", "AKIAPKIACMPCAPROCESSB")


def run_at_once(ansible, tmp_path, arn, policy):
    """Start one ansible-playbook per access key at once, wait for all; [(rc, output, results)]."""
    processes = []
    for index, access_key in enumerate(PROCESS_KEYS):
        play = ansible.play([{"name": "apply", POLICY_MODULE: {"resource_arn": arn, "policy": policy,
                                                               "access_key": access_key, "secret_key": "process-%d" % index}}])
        playbook = tmp_path / ("concurrent-%d.yml" % index)
        results = tmp_path / ("concurrent-%d.results.jsonl" % index)
        output = tmp_path / ("concurrent-%d.out" % index)
        playbook.write_text(yaml.safe_dump([play], sort_keys=False), encoding="utf-8")
        with open(str(output), "w", encoding="utf-8") as handle:
            process = subprocess.Popen(  # pylint: disable=consider-using-with
                [executable("ansible-playbook"), "-i", ansible.inventory, str(playbook)],
                env=ansible.env(str(results)), cwd=str(tmp_path), stdout=handle, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        processes.append((process, output, results))
    outcomes = []
    for process, output, results in processes:
        rc = process.wait(timeout=300)
        recorded = []
        if os.path.exists(str(results)):
            recorded = [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines() if line.strip()]
        outcomes.append((rc, output.read_text(encoding="utf-8"), recorded))
    return outcomes


def requests_of(aws, access_key):
    return [entry for entry in aws.proxy.log() if entry["service"] == "ACMPrivateCA" and entry["access_key"] == access_key]


def assert_ran_at_once(aws):
    first, second = (requests_of(aws, access_key) for access_key in PROCESS_KEYS)
    assert first and second
    # Each process was talking to AWS while the other was.
    assert first[0]["started"] < second[-1]["finished"] and second[0]["started"] < first[-1]["finished"]
    assert aws.proxy.stats()["max_in_flight"] >= 2


def test_two_playbooks_apply_the_same_policy_to_the_same_ca_at_once_riding_out_concurrent_modification(aws, ansible, tmp_path):
    arn = aws.create_active_ca()
    policy = pca.account_share_policy(arn, "111122223333")
    aws.proxy.add_fault("GetPolicy", "barrier", times=len(PROCESS_KEYS))
    aws.proxy.add_fault("PutPolicy", "concurrent_modification", times=2)

    outcomes = run_at_once(ansible, tmp_path, arn, policy)

    for rc, output, results in outcomes:
        assert rc == 0, output
        [entry] = results
        assert entry["status"] in ("changed", "ok"), output
        assert entry["result"]["policy"] == policy
    assert_ran_at_once(aws)
    puts = [(entry["access_key"], entry["fault"]) for entry in aws.proxy.log() if entry["operation"] == "PutPolicy"]
    assert [fault for _key, fault in puts].count("concurrent_modification") == 2
    # Both processes read "no policy" while held, so both wrote, and each write got through in the end.
    for access_key in PROCESS_KEYS:
        assert (access_key, None) in puts, puts
    assert aws.read_policy(arn) == policy
