# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every task and play snippet of the docs runs against the emulator, as written.

The snippets are read from the fenced blocks of README.md, docs/*.md and the role's and
examples' READMEs (tests/support/doc_snippets.py: what counts as a snippet, and the
``<!-- snippet: ... -->`` markers), so a snippet cannot drift from what runs.

All snippets run in one ansible-playbook run, one play (or the snippet's own plays) each,
in the order of the docs. So that no snippet sees another's changes, each gets an AWS
account of its own: its plays get ``environment`` naming a shared credentials and config
file whose profiles hold AssumeRole credentials for that account: every profile the
snippet names (``profile: pki-admin``), else the ``default`` profile. The endpoint comes from
``AWS_ENDPOINT_URL`` (honoured by botocore 1.31 and later when ``endpoint_url`` is unset),
so a play's own ``module_defaults`` stay as written. Task snippets are wrapped in a
localhost play with ``module_defaults`` setting the region of the docs' examples,
eu-west-1. Each play also gets ``ignore_errors: true``, so that one broken snippet does
not hide the next; the test fails on any failed task all the same.
"""

import bisect
import os
import re
import sys

import pytest
import yaml

from pki_acmpca_emulator import pca
from tests.support import doc_snippets
from pki_acmpca_emulator.harness import ACTION_GROUP, REPO_ROOT, AnsibleRunner

REGION = "eu-west-1"
# The accounts of the snippets: outside every account the docs name.
ACCOUNT_BASE = 700000000000
ORGANIZATION_ID = "o-a1b2c3d4e5"
# What an external grant names: an account outside the docs' trust zone (o-a1b2c3d4e5, 111122223333).
OUTSIDER_ACCOUNT = "444455556666"
DELIBERATE_FAILURES = ("ansible.builtin.assert", "assert", "ansible.builtin.fail", "fail")
# The template `lookup('ansible.builtin.template', 'ca-policy.json.j2')` finds (setup active_ca).
CA_POLICY_TEMPLATE = """{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Account111122223333Issue",
      "Effect": "Allow",
      "Principal": {"AWS": "111122223333"},
      "Action": "acm-pca:IssueCertificate",
      "Resource": "{{ ca_arn }}",
      "Condition": {"StringEquals": {"acm-pca:TemplateArn": "arn:aws:acm-pca:::template/EndEntityCertificate/V1"}}
    }
  ]
}
"""


class _NoAliasDumper(yaml.SafeDumper):
    """Plays written out without anchors: each snippet is dumped on its own, and two
    ``&id001`` in one playbook are a YAML error."""

    def ignore_aliases(self, data):
        return True


def _dump(plays):
    return yaml.dump(plays, Dumper=_NoAliasDumper, sort_keys=False, default_flow_style=False, width=1000)


class _Context:
    """What one snippet runs with: its account, the plays' environment and variables, and
    plays to run before it (``prelude``)."""

    def __init__(self, account, environment):
        self.account = account
        self.environment = environment
        self.variables = {}
        self.prelude = []


def _active_ca(aws, context, common_name):
    client = pca.make_client(aws.moto_url, region=REGION, credentials=context.account.credentials)
    return pca.create_active_ca(client, common_name=common_name)


def _setup(name, aws, context, label):
    """Create setup ``name`` (doc_snippets.SETUPS) in the snippet's account."""
    if name == "active_ca":
        arn = _active_ca(aws, context, "snippet root")
        context.variables.update(ca_arn=arn, ca_arns=[arn])
    elif name == "external_grant":
        arn = _active_ca(aws, context, "snippet root")
        client = pca.make_client(aws.moto_url, region=REGION, credentials=context.account.credentials)
        pca.put_raw_policy(client, arn, pca.account_share_policy(arn, OUTSIDER_ACCOUNT))
        context.variables["ca_arn"] = arn
    elif name == "sharing_run":
        _active_ca(aws, context, "snippet root")
        host = "%s-account" % label
        context.prelude = [
            {"name": "setup sharing_run of %s: an account/region host" % label, "hosts": "localhost", "gather_facts": False,
             "ignore_errors": True,
             "tasks": [{"ansible.builtin.add_host": {"name": host, "groups": "pca_accounts", "ansible_connection": "local",
                                                     "ansible_python_interpreter": sys.executable}}]},
            {"name": "setup sharing_run of %s: the role shares its CA" % label, "hosts": host, "gather_facts": False,
             "ignore_errors": True, "environment": dict(context.environment),
             "module_defaults": {ACTION_GROUP: {"region": REGION}},
             "roles": [{"role": "pki.acmpca.org_sharing", "org_sharing_organization_id": ORGANIZATION_ID}]},
        ]
    elif name != "empty":
        raise AssertionError("no setup %r in the test (doc_snippets.SETUPS names it)" % name)


def _write_credentials(directory, credentials, profiles):
    """A credentials and a config file whose ``profiles`` use ``credentials``; without
    ``profiles``, the default profile. A snippet that names a profile gets no default
    profile, so a profile setting Ansible drops fails the snippet instead of passing
    with the default credentials."""
    os.makedirs(directory)
    credentials_path = os.path.join(directory, "credentials")
    config_path = os.path.join(directory, "config")
    with open(credentials_path, "w", encoding="utf-8") as handle:
        for profile in profiles or ["default"]:
            handle.write("[%s]\naws_access_key_id = %s\naws_secret_access_key = %s\naws_session_token = %s\n\n" % (
                profile, credentials["aws_access_key_id"], credentials["aws_secret_access_key"], credentials["aws_session_token"]))
    with open(config_path, "w", encoding="utf-8") as handle:
        for profile in profiles:
            handle.write("[profile %s]\n" % profile)
    return {"AWS_SHARED_CREDENTIALS_FILE": credentials_path, "AWS_CONFIG_FILE": config_path}


def _plays(snippet, context):
    """The snippet's plays with the context merged in (the snippet's own settings win)."""
    if snippet.kind == "tasks":
        plays = [{"name": "snippet %s" % snippet.where, "hosts": "localhost", "gather_facts": False,
                  "module_defaults": {ACTION_GROUP: {"region": REGION}}, "tasks": snippet.data}]
    else:
        plays = [dict(play) for play in snippet.data]
    for play in plays:
        play["environment"] = dict(context.environment, **(play.get("environment") or {}))
        if context.variables:
            play["vars"] = dict(context.variables, **(play.get("vars") or {}))
        play.setdefault("ignore_errors", True)
    return plays


def _message(entry):
    result = entry["result"]
    message = result.get("msg") or result.get("message") or result.get("exception") or ""
    return message if isinstance(message, str) else repr(message)


def _problems(snippet, prelude_entries, entries, run):
    """What is wrong with one snippet's run, as lines naming the snippet (empty: it passed)."""
    where = "%s (%s, setup=%s, expect=%s)" % (snippet.where, snippet.kind, snippet.setup, snippet.expect)
    problems = []
    for entry in prelude_entries:
        if entry["status"] in ("failed", "unreachable"):
            problems.append("%s: setup task %r (%s) %s: %s" % (where, entry["task"], entry["action"], entry["status"], _message(entry)))
    if not entries:
        problems.append("%s: ran no task (the playbook stopped before it, or its hosts matched nothing); rc=%s, stderr:\n%s"
                        % (where, run.rc, run.stderr[-3000:]))
        return problems
    failed = [entry for entry in entries if entry["status"] in ("failed", "unreachable")]
    for entry in entries:
        for deprecation in entry["result"].get("deprecations") or []:
            problems.append("%s: task %r: deprecation: %s" % (where, entry["task"], deprecation.get("msg", deprecation)))
    if snippet.expect == "ok":
        if failed:
            # The tasks after the first failure ran only because the test ignores errors: not the snippet's fault.
            first = failed[0]
            problems.append("%s: task %r (%s) %s: %s%s" % (
                where, first["task"], first["action"], first["status"], _message(first),
                " (and %d later task(s) of the snippet failed after it)" % (len(failed) - 1) if len(failed) > 1 else ""))
        return problems
    if not failed:
        problems.append("%s: expected a failure (expect=failed), but every task passed" % where)
        return problems
    first = failed[0]
    deliberate = first["action"] in DELIBERATE_FAILURES and (first["action"].endswith("fail") or first["result"].get("evaluated_to") is False)
    if not deliberate or not _message(first):
        problems.append("%s: expected a deliberate failure (an assert or fail task whose condition was false, with a message), got "
                        "task %r (%s): %s" % (where, first["task"], first["action"], _message(first) or first["result"]))
    for entry in failed[1:]:
        problems.append("%s: task %r (%s) failed after the expected failure: %s" % (where, entry["task"], entry["action"], _message(entry)))
    return problems


def test_every_yaml_block_of_the_docs_is_a_snippet_or_marked_skip():
    """No yaml block is left out silently: each is a play or a task list, or carries
    ``<!-- snippet: skip (reason) -->``; markers and YAML are well formed."""
    found, errors = doc_snippets.collect(REPO_ROOT)
    assert not errors, "\n".join(str(error) for error in errors)
    assert found


def test_docs_testing_md_describes_every_setup():
    with open(os.path.join(REPO_ROOT, "docs", "testing.md"), encoding="utf-8") as handle:
        text = handle.read()
    assert [name for name in doc_snippets.SETUPS if "| `%s` |" % name not in text] == []


@pytest.mark.compat
def test_every_doc_snippet_runs_against_the_emulator(aws, collection_root, tmp_path):
    found, errors = doc_snippets.collect(REPO_ROOT)
    assert not errors, "\n".join(str(error) for error in errors)
    runner = AnsibleRunner(collection_root, tmp_path, endpoint_url=aws.endpoint_url, region=REGION)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "ca-policy.json.j2").write_text(CA_POLICY_TEMPLATE, encoding="utf-8")

    sections = []
    owners = []  # per play of the playbook: (snippet index, True for a setup play)
    for index, snippet in enumerate(found):
        label = "snippet-%d" % (index + 1)
        account = aws.assume(str(ACCOUNT_BASE + index + 1))
        environment = _write_credentials(str(tmp_path / label), account.credentials, doc_snippets.profiles_named(snippet))
        context = _Context(account, environment)
        _setup(snippet.setup, aws, context, label)
        plays = _plays(snippet, context)
        owners.extend([(index, True)] * len(context.prelude) + [(index, False)] * len(plays))
        sections.append("# %s: %s, setup=%s, expect=%s, account %s\n%s" % (
            label, snippet.where, snippet.setup, snippet.expect, account.account_id, _dump(context.prelude + plays)))

    starts = []  # the line of the playbook each section starts on
    line = 2
    for section in sections:
        starts.append(line)
        line += section.count("\n") + 1
    run = runner.playbook("---\n" + "\n".join(sections), env={
        "AWS_ENDPOINT_URL": aws.endpoint_url,
        # Credentials come from each snippet's files (its plays' environment), never from here.
        "AWS_ACCESS_KEY_ID": None, "AWS_SECRET_ACCESS_KEY": None,
    })

    if not run.results and run.rc != 0:
        # Ansible refused the playbook: name the snippet its error points at.
        where = [found[bisect.bisect_right(starts, int(line)) - 1].where
                 for pair in re.findall(r"playbook-\d+\.yml(?::(\d+)|': line (\d+))", run.stderr) for line in pair if line]
        pytest.fail("ansible-playbook refused the playbook (rc=%s), at %s:\n%s\n\n%r" % (
            run.rc, " and ".join(where) or "a line it does not name", run.stderr[-3000:], run))
    prelude_entries = [[] for _unused in found]
    entries = [[] for _unused in found]
    for entry in run.results:
        index, is_setup = owners[entry["play_index"] - 1]
        (prelude_entries if is_setup else entries)[index].append(entry)
    problems = []
    for index, snippet in enumerate(found):
        problems.extend(_problems(snippet, prelude_entries[index], entries[index], run))
    # A deprecation is a snippet that stops working with a later ansible-core.
    problems.extend("ansible-playbook: %s" % line.strip() for line in (run.stdout + run.stderr).splitlines()
                    if "[DEPRECATION WARNING]" in line)
    if run.rc != 0 and not problems:
        problems.append("ansible-playbook failed (rc=%s):\n%s" % (run.rc, run.stderr[-3000:]))
    assert not problems, "%d problem(s) with the doc snippets:\n%s\n\n%r" % (len(problems), "\n".join(problems), run)


# The extraction and the verdicts, on made-up docs and results (no ansible-playbook run).

MADE_UP_DOC = """# Title

<!-- snippet: setup=active_ca -->
```yaml
- name: A play
  hosts: localhost
  tasks:
    - ansible.builtin.debug:
        msg: "{{ ca_arn }}"
```

  <!-- snippet: expect=failed -->
  ```yml
  - name: A task list, indented under a list item
    ansible.builtin.fail:
      msg: deliberate
  ```

<!-- snippet: skip (role variables) -->
```yaml
org_sharing_templates: [EndEntityCertificate/V1]
```

```shell
ansible localhost -m pki.acmpca.acmpca_info -a "region=eu-west-1 profile=pki-admin"   # a comment
ansible-playbook share.yml --check
```

```json
{"not": "run"}
```
"""


def _write_doc(tmp_path, text, name="README.md"):
    (tmp_path / name).write_text(text, encoding="utf-8")
    return str(tmp_path)


def test_snippets_are_read_with_their_markers_lines_and_kinds(tmp_path):
    root = _write_doc(tmp_path, MADE_UP_DOC)
    found, errors = doc_snippets.collect(root)
    assert errors == []
    assert [(snippet.where, snippet.kind, snippet.setup, snippet.expect) for snippet in found] == [
        ("README.md:4", "play", "active_ca", "ok"),
        ("README.md:13", "tasks", "empty", "failed"),
        ("README.md:25", "tasks", "empty", "ok"),
    ]
    assert found[1].data == [{"name": "A task list, indented under a list item", "ansible.builtin.fail": {"msg": "deliberate"}}]
    assert found[2].data == [{"name": 'ansible localhost -m pki.acmpca.acmpca_info -a "region=eu-west-1 profile=pki-admin"   # a comment',
                              "pki.acmpca.acmpca_info": "region=eu-west-1 profile=pki-admin"}]
    assert doc_snippets.profiles_named(found[2]) == ["pki-admin"]


@pytest.mark.parametrize("text, message", [
    ("```yaml\nmodule_defaults: {}\n```\n",
     "README.md:1: neither a play (a list of mappings with hosts) nor a task list"),
    ("```yaml\n- name: a task without a module\n  register: x\n```\n", "README.md:1: neither a play"),
    ("```yaml\n- hosts: localhost\n- name: a task\n  ansible.builtin.ping:\n```\n", "README.md:1: neither a play"),
    ("```yaml\n- name: [unclosed\n```\n", "README.md:1: the YAML does not parse"),
    ("<!-- snippet: skip (unused) -->\n```yaml\n- name: [unclosed\n```\n", "README.md:2: the YAML does not parse"),
    ("<!-- snippet: skip -->\n```yaml\na: 1\n```\n", "README.md:1: write a skip marker as"),
    ("<!-- snippet: skip () -->\n```yaml\na: 1\n```\n", "README.md:1: a skip marker needs a reason"),
    ("<!-- snippet: setup=nope -->\n```yaml\na: 1\n```\n", "README.md:1: unknown setup 'nope'"),
    ("<!-- snippet: expect=changed -->\n```yaml\na: 1\n```\n", "README.md:1: unknown expect=changed"),
    ("<!-- snippet: setup=empty setup=active_ca -->\n```yaml\na: 1\n```\n", "README.md:1: unknown or repeated marker setting"),
    ("<!-- snippet: skip (x) -->\n\n```yaml\na: 1\n```\n", "README.md:1: a snippet marker must be on the line right before a fence"),
    ("text\n<!-- snippet: skip (x) -->\n", "README.md:2: a snippet marker must be on the line right before a fence"),
    ("<!-- snippet: setup=active_ca\n-->\n```yaml\na: 1\n```\n", "README.md:1: a snippet marker is one line"),
    ("```yaml\n- hosts: localhost\n", "README.md:1: fenced block is never closed"),
    ("<!-- snippet: setup=active_ca -->\n```json\n{}\n```\n", "README.md:2: a json block is not run"),
    ("```bash\nansible localhost -m ping -e x=1\n```\n", "README.md:2: cannot run this ad-hoc line as a task"),
])
def test_a_block_the_test_cannot_run_is_an_error_naming_its_line(tmp_path, text, message):
    found, errors = doc_snippets.collect(_write_doc(tmp_path, text))
    assert [str(error)[:len(message)] for error in errors] == [message], (found, errors)


def _entry(task, action, status, **result):
    return {"task": task, "action": action, "status": status, "result": result}


@pytest.mark.parametrize("expect, entries, problems", [
    ("ok", [_entry("read", "pki.acmpca.acmpca_info", "ok")], []),
    ("ok", [_entry("read", "pki.acmpca.acmpca_info", "failed", msg="boom")],
     ["README.md:3 (tasks, setup=empty, expect=ok): task 'read' (pki.acmpca.acmpca_info) failed: boom"]),
    ("ok", [_entry("read", "pki.acmpca.acmpca_info", "failed", msg="boom"), _entry("show", "ansible.builtin.debug", "failed", msg="undefined")],
     ["README.md:3 (tasks, setup=empty, expect=ok): task 'read' (pki.acmpca.acmpca_info) failed: boom "
      "(and 1 later task(s) of the snippet failed after it)"]),
    ("ok", [], ["README.md:3 (tasks, setup=empty, expect=ok): ran no task"]),
    ("ok", [_entry("read", "pki.acmpca.acmpca_info", "ok", deprecations=[{"msg": "old"}])],
     ["README.md:3 (tasks, setup=empty, expect=ok): task 'read': deprecation: old"]),
    ("failed", [_entry("check", "ansible.builtin.assert", "failed", evaluated_to=False, msg="2 grants")], []),
    ("failed", [_entry("stop", "ansible.builtin.fail", "failed", msg="stop")], []),
    ("failed", [_entry("check", "ansible.builtin.assert", "ok")],
     ["README.md:3 (tasks, setup=empty, expect=failed): expected a failure (expect=failed), but every task passed"]),
    # ansible-core 2.19 on `fail_msg: "{{ a_list }}"`: the assert fails, but not on its condition.
    ("failed", [_entry("check", "ansible.builtin.assert", "failed", msg="argument 'fail_msg' is of type list")],
     ["README.md:3 (tasks, setup=empty, expect=failed): expected a deliberate failure (an assert or fail task whose condition "
      "was false, with a message), got task 'check' (ansible.builtin.assert): argument 'fail_msg' is of type list"]),
    ("failed", [_entry("read", "pki.acmpca.acmpca_info", "failed", msg="boom")],
     ["README.md:3 (tasks, setup=empty, expect=failed): expected a deliberate failure (an assert or fail task whose condition "
      "was false, with a message), got task 'read' (pki.acmpca.acmpca_info): boom"]),
])
def test_a_snippet_passes_only_as_its_marker_expects(expect, entries, problems):
    snippet = doc_snippets.Snippet("README.md:3", "tasks", [], "empty", expect, "")
    run = type("FakeRun", (), {"rc": 0, "stderr": ""})()
    assert [problem[:len(expected)] for problem, expected in zip(_problems(snippet, [], entries, run), problems)] == problems
    assert len(_problems(snippet, [], entries, run)) == len(problems)
