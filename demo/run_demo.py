# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`make demo`: share private CAs with an AWS Organization, on a local AWS emulator.

The story: an organization with a CA-owner account, two members and an outsider; the
owner has a few ACTIVE CAs; the pki.acmpca.org_sharing role shares them; the members see
them, the outsider does not; ACM is granted the permissions it needs to renew the
certificates one CA issues in its own account; one CA is then shared through AWS RAM, and
a member sees it. Everything runs on moto_server on 127.0.0.1 (a free port),
which is stopped at the end whatever happens.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

from pki_acmpca_emulator import harness, pca

REPO_ROOT = harness.REPO_ROOT

PLAYBOOKS = os.path.join(REPO_ROOT, 'demo', 'playbooks')
LOCALHOST_INVENTORY = os.path.join(REPO_ROOT, 'examples', 'localhost.yml')
BIN = os.path.dirname(sys.executable)


def say(text=''):
    print(text, flush=True)


def run(command, env, shown_command):
    """Run an Ansible command and show its output, as a user at a terminal would see it."""
    say(f'   $ {shown_command}')
    completed = subprocess.run(command, env=env, check=False, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    for line in completed.stdout.rstrip().splitlines():
        say(f'   | {line}')
    if completed.returncode != 0:
        raise RuntimeError('%s failed (rc=%d)' % (os.path.basename(command[0]), completed.returncode))
    return completed.stdout


def ansible_env(workdir, collections):
    return harness.hermetic_env(workdir, {
        'ANSIBLE_COLLECTIONS_PATH': collections,
        'ANSIBLE_PYTHON_INTERPRETER': sys.executable,
        'AWS_ACCESS_KEY_ID': pca.DUMMY_ACCESS_KEY,
        'AWS_SECRET_ACCESS_KEY': pca.DUMMY_SECRET_KEY,
    })


def playbook(env, name, workdir, shown_vars=None, **extra_vars):
    """Run demo/playbooks/<name>.yml, showing its output; return what it saved in ``demo_output``.

    ``shown_vars`` go on the command line, so the command shown says what the run does (the
    state, say); the others go in a file (``-e @file``): the viewers' credentials are never on
    a command line. The inventory makes localhost a host of its own (no "No inventory was
    parsed" warning), as the docs' commands do.
    """
    output_file = os.path.join(workdir, f"{name}.json")
    extra_vars['demo_output'] = output_file
    vars_file = os.path.join(workdir, f"{name}.vars.json")
    with open(vars_file, 'w', encoding='utf-8') as handle:
        json.dump(extra_vars, handle)
    os.chmod(vars_file, 0o600)
    path = os.path.join(PLAYBOOKS, f"{name}.yml")
    on_command_line = [f'{key}={value}' for key, value in (shown_vars or {}).items()]
    options = ['-i', LOCALHOST_INVENTORY] + [item for pair in on_command_line for item in ('-e', pair)]
    shown = ' '.join(['ansible-playbook', '-i', os.path.relpath(LOCALHOST_INVENTORY, REPO_ROOT), os.path.relpath(path, REPO_ROOT)]
                     + [f'-e {pair}' for pair in on_command_line] + [f'-e @{name}.vars.json'])
    run([os.path.join(BIN, 'ansible-playbook'), path] + options + ['-e', f"@{vars_file}"], env, shown)
    with open(output_file, encoding='utf-8') as handle:
        return json.load(handle)


def share(env, workdir, endpoint, organization_id, state='present'):
    result = playbook(env, 'share_with_organization', workdir, shown_vars={'demo_state': state}, demo_endpoint_url=endpoint,
                      demo_organization_id=organization_id)
    return len(result['changed_certificate_authority_arns'])


def views(env, workdir, endpoint, viewers):
    """What each viewer (name -> account ID) sees shared with it, in one playbook run."""
    entries = []
    for name, account_id in viewers:
        credentials = pca.assume_role(endpoint, account_id)
        entries.append({'name': name, 'access_key': credentials['aws_access_key_id'],
                        'secret_key': credentials['aws_secret_access_key'], 'session_token': credentials['aws_session_token']})
    return playbook(env, 'shared_with_me', workdir, demo_endpoint_url=endpoint, demo_viewers=entries)


def show_view(label, cas):
    say(f"    {label} sees {len(cas)} shared CA{'' if len(cas) == 1 else 's'}")
    for ca in cas:
        subject = ca['certificate_authority_configuration']['subject'].get('common_name', '?')
        say(f"      - {subject:28} {ca['status']}  owner {ca['owner_account']}  {ca['arn'].split('/')[-1]}")


def main():
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix='pki-acmpca-demo-') as workdir:
        say('pki.acmpca demo: share private CAs with a whole AWS Organization (local AWS emulator)')
        say()
        moto, endpoint = harness.start_moto_server(workdir)
        try:
            say(f'1. moto_server is listening on {endpoint}')
            collections = harness.build_and_install_collection(workdir)
            say('2. pki.acmpca built and installed with ansible-galaxy')

            organization_id, owner = pca.create_organization(endpoint)
            members = [pca.create_member_account(endpoint, name='member-%d' % number) for number in (1, 2)]
            outsider = pca.random_account_id()
            say(f"3. organization {organization_id}: CA owner {owner} (management account), members {' and '.join(members)}, outsider {outsider}")

            client = pca.make_client(endpoint)
            arns = [pca.create_active_ca(client, common_name=name) for name in ('Payments Root CA', 'Internal Services CA', 'IoT Devices CA')]
            pca.create_pending_ca(client, common_name='Lab CA (not yet ACTIVE)')
            say('4. the CA owner has 3 ACTIVE CAs and 1 CA still PENDING_CERTIFICATE')

            env = ansible_env(workdir, collections)
            say('5. role pki.acmpca.org_sharing (state present), first run:')
            say('   => %d CA policies changed' % share(env, workdir, endpoint, organization_id))
            say('   second run, the same:')
            say('   => %d changed (converged: every policy read once, none written)' % share(env, workdir, endpoint, organization_id))

            viewers = [(f'member {member}', member) for member in members] + [(f'outsider {outsider}', outsider)]
            say('6. what each account sees shared with it (acmpca_info resource_owner=OTHER_ACCOUNTS):')
            for name, cas in sorted(views(env, workdir, endpoint, viewers).items()):
                show_view(name, cas)

            say('7. role pki.acmpca.org_sharing with state absent (org_sharing_state=absent):')
            say('   => %d CA policies changed' % share(env, workdir, endpoint, organization_id, state='absent'))
            for name, cas in sorted(views(env, workdir, endpoint, viewers[:1]).items()):
                show_view(name, cas)

            say('8. pki.acmpca.acmpca_permission on Payments Root CA (grant ACM what it needs to renew certificates):')
            renewal = playbook(env, 'acm_renewal_permission', workdir, demo_endpoint_url=endpoint, demo_certificate_authority_arn=arns[0])
            say(f"   => changed={renewal['granted']}, then changed={renewal['granted_again']} (converged)")
            for permission in renewal['permissions']:
                say(f"    permission: {permission['principal']} may {', '.join(permission['actions'])} for account {permission['source_account']}")
            for finding in renewal['access']:
                say(f"    access finding: {finding['principal_type']} {finding['principal']} via {finding['shared_via']}, can issue: {finding['can_issue']}")

            # RAM's sharing with AWS Organizations, enabled once from the management account.
            pca.make_client(endpoint, service='ram').enable_sharing_with_aws_organization()
            ram = playbook(env, 'share_through_ram', workdir, demo_endpoint_url=endpoint, demo_organization_id=organization_id,
                           demo_certificate_authority_arn=arns[2])
            resource_share = ram['resource_share']
            say(f"9. pki.acmpca.acmpca_ram_share shares IoT Devices CA through AWS RAM: changed={ram['changed']}, then "
                f"changed={ram['changed_again']} (converged)")
            say(f"    share {resource_share['name']}: permission {resource_share['permission']['name']}, members may issue with {resource_share['templates']}")
            for name, cas in sorted(views(env, workdir, endpoint, viewers[:1]).items()):
                show_view(name, cas)
        finally:
            harness.stop_process(moto)
        say()
        say(f'moto_server stopped; demo finished in {time.monotonic() - started:.0f} s')
    return 0


if __name__ == '__main__':
    sys.exit(main())
