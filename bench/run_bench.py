# Copyright: (c) 2026, pki.acmpca contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`make bench`: what the modules and the role cost, as ratios against the ideal.

Counts the AWS calls each scenario makes (the fault proxy logs every request) and
measures how much the concurrent policy reads of acmpca_info overlap, and what the
permission reads add to the policy reads (wall time, best of 3). Runs against
moto_server on 127.0.0.1; nothing here is timed against a threshold.

Usage: python bench/run_bench.py [--cas N] [--delay SECONDS] [--access-cas N] [--filter-cas N] [--permissions-cas N]
                                 [--fleet-sizes N ...] [--fleet-forks N] [--only SCENARIO ...]

The access_check scenario times the pki.acmpca.access_check filter itself (in-process, from the
installed collection) over the cases of the simulator fixture (tests/simulator/verdicts.json.gz):
evaluations per second.
"""

import argparse
import collections
import fnmatch
import gzip
import json
import os
import sys
import tempfile
import time

import yaml

from pki_acmpca_emulator import harness
from pki_acmpca_emulator.fault_proxy import FaultProxy

REPO_ROOT = harness.REPO_ROOT

ORGANIZATION_ID = 'o-bench0000001'
SCENARIOS = ('policy', 'role', 'ram', 'concurrency', 'access', 'filters', 'permissions', 'fleet', 'access_check')
FLEET_REGIONS = ('us-east-1', 'eu-west-1')


def calls(proxy):
    return collections.Counter(entry['operation'] for entry in proxy.log() if entry['service'] == 'ACMPrivateCA')


def run_ok(runner, plays, **options):
    run = runner.playbook(plays, **options)
    if run.rc != 0:
        raise RuntimeError(repr(run))
    return run


def policy_invocations(run):
    return sum(len(entry['result'].get('results', [])) for entry in run.results if entry['action'].endswith('acmpca_policy'))


def share_play(runner):
    return runner.play([{'name': 'share', 'ansible.builtin.include_role': {'name': 'pki.acmpca.org_sharing'},
                         'vars': {'org_sharing_organization_id': ORGANIZATION_ID}}])


def bench_unchanged_policy(aws, runner):
    arn = aws.create_active_ca()
    policy = harness.pca.account_share_policy(arn, '111122223333')
    task = {'name': 'policy', 'pki.acmpca.acmpca_policy': {'resource_arn': arn, 'policy': policy}}
    run_ok(runner, runner.play([task]))
    aws.proxy.clear_log()
    run_ok(runner, runner.play([task]))
    return calls(aws.proxy)


def bench_role(aws, runner, count, repeats=3):
    """The role's first run over ``count`` CAs against ``count`` unchanged acmpca_policy tasks
    (one task per CA in one playbook, the role's own settings), best of ``repeats`` alternating runs of each (the
    CAs' policies deleted before each first run), so that a busy machine weighs on both
    alike; then the converged re-run against one acmpca_info include_policy read."""
    arns = aws.create_active_cas(count)
    unchanged_play = runner.play([{
        'name': 'unchanged %d' % index, 'pki.acmpca.acmpca_policy': {'resource_arn': arn, 'org_sharing': {'organization_id': ORGANIZATION_ID}}}
        for index, arn in enumerate(arns)])
    first_seconds, unchanged_seconds = [], []
    for _repeat in range(repeats):
        for arn in arns:
            aws.delete_policy(arn)
        aws.proxy.clear_log()
        first = run_ok(runner, share_play(runner))
        first_seconds.append(first.duration)
        first_calls = calls(aws.proxy)
        unchanged_seconds.append(run_ok(runner, unchanged_play).duration)
    aws.proxy.clear_log()
    again = run_ok(runner, share_play(runner))
    again_calls = calls(aws.proxy)
    aws.proxy.clear_log()
    run_ok(runner, runner.play([{'name': 'info', 'pki.acmpca.acmpca_info': {'include_policy': True}}]))
    read_calls = calls(aws.proxy)
    return dict(first_calls=first_calls, first_invocations=policy_invocations(first), first_seconds=min(first_seconds),
                again_calls=again_calls, again_invocations=policy_invocations(again), again_seconds=again.duration,
                unchanged_seconds=min(unchanged_seconds), repeats=repeats, read_calls=read_calls)


def bench_ram_role(aws, runner, count, repeats=3):
    """The role's converged re-run over ``count`` CAs with org_sharing_method ram against the
    same with the policy method (both converged first; best of ``repeats`` alternating runs
    of each), with every AWS call of the last run of each, by service."""
    organization_id, _management = aws.create_organization()
    aws.enable_ram_sharing()
    aws.create_active_cas(count)
    plays = {method: runner.play([{'name': 'share', 'ansible.builtin.include_role': {'name': 'pki.acmpca.org_sharing'},
                                   'vars': {'org_sharing_organization_id': organization_id, 'org_sharing_method': method}}])
             for method in ('policy', 'ram')}
    for play in plays.values():
        run_ok(runner, play)
    seconds, counted = {method: [] for method in plays}, {}
    for _repeat in range(repeats):
        for method, play in plays.items():
            aws.proxy.clear_log()
            seconds[method].append(run_ok(runner, play).duration)
            counted[method] = collections.Counter(f"{entry['service']}:{entry['operation']}" for entry in aws.proxy.log())
    return {method: (min(seconds[method]), counted[method]) for method in plays}


def bench_concurrent_reads(aws, runner, count, delay):
    aws.create_active_cas(count)
    aws.proxy.clear()
    aws.proxy.add_fault('GetPolicy', 'delay', seconds=delay)
    run_ok(runner, runner.play([{'name': 'info', 'pki.acmpca.acmpca_info': {'include_policy': True}}]))
    reads = [entry for entry in aws.proxy.log() if entry['operation'] == 'GetPolicy']
    busy = sum(entry['finished'] - entry['started'] for entry in reads)
    span = max(entry['finished'] for entry in reads) - min(entry['started'] for entry in reads)
    return len(reads), busy / span, aws.proxy.stats()['max_in_flight']


def _cas_with_policies_and_permissions(aws, count):
    """``count`` ACTIVE CAs, each with a policy; every other one grants ACM a permission."""
    for index, arn in enumerate(aws.create_active_cas(count)):
        if index % 2:
            aws.put_policy(arn, harness.pca.org_share_policy(arn, ORGANIZATION_ID))
            aws.client().create_permission(CertificateAuthorityArn=arn, Principal='acm.amazonaws.com',
                                           Actions=['IssueCertificate', 'GetCertificate', 'ListPermissions'])
        else:
            aws.put_policy(arn, harness.pca.account_share_policy(arn, '111122223333'))


def _best_of(aws, runner, options, repeats=3):
    """The best wall time of ``repeats`` alternating acmpca_info runs of each set of options
    (name -> options), and the AWS calls of each (``<name> in flight``: the most ACM PCA requests
    at once so far, over every run)."""
    plays = {name: runner.play([{'name': 'info', 'pki.acmpca.acmpca_info': arguments}]) for name, arguments in options.items()}
    seconds = {name: [] for name in plays}
    aws_calls = {}
    for _repeat in range(repeats):
        for name, play in plays.items():
            aws.proxy.clear_log()
            seconds[name].append(run_ok(runner, play).duration)
            aws_calls[name] = sum(calls(aws.proxy).values())
            aws_calls[f"{name} in flight"] = aws.proxy.stats()['max_in_flight']
    return {name: min(values) for name, values in seconds.items()}, aws_calls


def bench_access_analysis(aws, runner, count):
    """Wall time of acmpca_info include_access against the reads it makes (include_policy and
    include_permissions) over ``count`` CAs: the analysis is local, so the difference is the
    controller's CPU only."""
    _cas_with_policies_and_permissions(aws, count)
    seconds, aws_calls = _best_of(aws, runner, {
        'reads': {'include_policy': True, 'include_permissions': True},
        'access': {'include_access': True, 'trusted_organization_id': ORGANIZATION_ID, 'trusted_accounts': ['111122223333']},
    })
    return seconds['reads'], seconds['access'], aws_calls['reads'], aws_calls['access']


def bench_permission_reads(aws, runner, count, delay):
    """Wall time of acmpca_info include_policy and include_permissions against include_policy
    alone over ``count`` CAs: the permission reads share the policy reads' pool. ``delay``
    seconds are added to every GetPolicy and ListPermissions, a network's latency, so that the
    figure shows how the reads overlap rather than how busy the machine's cores are."""
    _cas_with_policies_and_permissions(aws, count)
    for operation in ('GetPolicy', 'ListPermissions'):
        aws.proxy.add_fault(operation, 'delay', seconds=delay)
    seconds, aws_calls = _best_of(aws, runner, {
        'policy': {'include_policy': True},
        'both': {'include_policy': True, 'include_permissions': True},
    }, repeats=5)
    return seconds['policy'], seconds['both'], aws_calls


def bench_filters(aws, runner, count):
    """AWS calls of acmpca_info filters over ``count`` CAs (pending: no certificate needed),
    every other one tagged: without tags (ideal: the listing alone) and with tags (ideal:
    one ListTags per CA the other filters kept)."""
    client = aws.client()
    for index in range(count):
        harness.pca.create_pending_ca(client, common_name='bench %03d' % index, tags={'Team': 'pki' if index % 2 else 'web'})
    kept = len([index for index in range(count) if fnmatch.fnmatchcase('bench %03d' % index, 'bench 0[0-4]*')])
    measured = {}
    for name, filters in (('plain', {'status': 'PENDING_CERTIFICATE', 'type': 'ROOT', 'common_name': 'bench 0[0-4]*'}),
                          ('tags', {'common_name': 'bench 0[0-4]*', 'tags': {'Team': 'pki'}})):
        aws.proxy.clear_log()
        run = run_ok(runner, runner.play([{'name': 'info', 'pki.acmpca.acmpca_info': {'filters': filters}, 'register': 'found'}]))
        measured[name] = (calls(aws.proxy), len(run.result('info')['certificate_authorities']))
    return kept, measured


def _fleet_target(aws, account, region, outsider):
    """One account/region target's CAs: shared with the organization (and ACM may renew
    from it), shared with an outside account, and one without a policy."""
    client = harness.pca.make_client(aws.moto_url, region=region, credentials=account.credentials)
    org_shared, outside_shared, _private = [harness.pca.create_active_ca(client, common_name='fleet %s %d' % (region, index))
                                            for index in range(3)]
    harness.pca.put_raw_policy(client, org_shared, harness.pca.org_share_policy(org_shared, ORGANIZATION_ID))
    client.create_permission(CertificateAuthorityArn=org_shared, Principal='acm.amazonaws.com',
                             Actions=['IssueCertificate', 'GetCertificate', 'ListPermissions'])
    harness.pca.put_raw_policy(client, outside_shared, harness.pca.account_share_policy(outside_shared, outsider))


def bench_fleet(aws, runner, targets, forks):
    """acmpca_info include_access over ``targets`` account/region hosts (two regions per
    account, one AWS config profile per account, as docs/org_sharing.md sets them up) at
    ``forks`` forks: the AWS calls per target (the proxy's log, per account halved) and the
    seconds per target."""
    accounts = [aws.assume(harness.pca.random_account_id()) for _index in range(targets // len(FLEET_REGIONS))]
    outsider = harness.pca.random_account_id()
    hosts = {}
    for account in accounts:
        for region in FLEET_REGIONS:
            _fleet_target(aws, account, region, outsider)
            hosts['fleet-%s-%s' % (account.account_id, region)] = {'pca_profile': 'fleet-%s' % account.account_id, 'pca_region': region}
    config = os.path.join(runner.base_dir, 'aws-config')
    with open(config, 'w', encoding='utf-8') as handle:
        for account in accounts:
            handle.write('[profile fleet-%s]\naws_access_key_id = %s\naws_secret_access_key = %s\naws_session_token = %s\nendpoint_url = %s\n\n'
                         % (account.account_id, account.credentials['aws_access_key_id'], account.credentials['aws_secret_access_key'],
                            account.credentials['aws_session_token'], aws.endpoint_url))
    runner.inventory = os.path.join(runner.base_dir, 'fleet.yml')
    with open(runner.inventory, 'w', encoding='utf-8') as handle:
        yaml.safe_dump({'fleet': {'vars': {'ansible_connection': 'local', 'ansible_python_interpreter': sys.executable},
                                  'hosts': hosts}}, handle)
    play = {'name': 'audit the fleet', 'hosts': 'fleet', 'gather_facts': False,
            'module_defaults': {harness.ACTION_GROUP: {'profile': '{{ pca_profile }}', 'region': '{{ pca_region }}'}},
            'tasks': [{'name': 'audit', 'pki.acmpca.acmpca_info': {'include_access': True, 'trusted_organization_id': ORGANIZATION_ID}}]}
    aws.proxy.clear_log()
    run = run_ok(runner, play, env={'AWS_CONFIG_FILE': config, 'AWS_ACCESS_KEY_ID': None, 'AWS_SECRET_ACCESS_KEY': None,
                                    'AWS_DEFAULT_REGION': None, 'ANSIBLE_FORKS': forks})
    audited = [entry for entry in run.results if entry['task'] == 'audit' and entry['status'] == 'ok']
    if len(audited) != targets:
        raise RuntimeError('%d of %d targets audited\n%r' % (len(audited), targets, run))
    log = aws.proxy.log()
    per_account = collections.Counter(entry['account_id'] for entry in log)
    by_operation = collections.Counter(entry['operation'] for entry in log)
    return dict(calls_per_target=len(log) / float(targets),
                calls_per_target_by_account=sorted({count / float(len(FLEET_REGIONS)) for count in per_account.values()}),
                by_operation={operation: count / float(targets) for operation, count in sorted(by_operation.items())},
                seconds=run.duration, seconds_per_target=run.duration / targets)


def bench_access_check_filter(collections_path, repeats=3):
    """The access_check filter over every case of the committed simulator fixture
    (tests/simulator/verdicts.json.gz), one call per case as a playbook makes it, loaded by
    Ansible's plugin loader from the installed collection: (cases, best seconds of ``repeats``)."""
    from ansible.plugins.loader import filter_loader, init_plugin_loader  # pylint: disable=import-outside-toplevel
    init_plugin_loader([collections_path])
    access_check = filter_loader.get('pki.acmpca.access_check').j2_function
    with gzip.open(os.path.join(REPO_ROOT, 'tests', 'simulator', 'verdicts.json.gz'), 'rt', encoding='utf-8') as handle:
        cases = json.load(handle)['cases']
    best = None
    for _repeat in range(repeats):
        started = time.perf_counter()
        for case in cases:
            access_check(case['policy'], case['request'])
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return len(cases), best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--cas', type=int, default=50, help='CAs in the concurrency scenario, halved (default 50)')
    parser.add_argument('--role-cas', type=int, default=40, help='CAs in the role scenario (default 40)')
    parser.add_argument('--delay', type=float, default=0.2, help='added latency of each GetPolicy in the concurrency scenario')
    parser.add_argument('--access-cas', type=int, default=100, help='CAs in the include_access scenario (default 100)')
    parser.add_argument('--filter-cas', type=int, default=100, help='CAs in the filters scenario (default 100)')
    parser.add_argument('--permissions-cas', type=int, default=100, help='CAs in the include_permissions scenario (default 100)')
    parser.add_argument('--permissions-delay', type=float, default=0.1,
                        help='added latency of each GetPolicy and ListPermissions in the include_permissions scenario')
    parser.add_argument('--fleet-sizes', type=int, nargs='+', default=[10, 50, 200],
                        help='account/region targets in the fleet scenario, two regions per account (default 10 50 200)')
    parser.add_argument('--fleet-forks', type=int, default=10, help='Ansible forks in the fleet scenario (default 10)')
    parser.add_argument('--only', choices=SCENARIOS, action='append', help='run only this scenario (repeatable)')
    args = parser.parse_args()
    only = set(args.only or SCENARIOS)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix='pki-acmpca-bench-') as workdir:
        moto, moto_url = harness.start_moto_server(workdir)
        proxy = FaultProxy(moto_url)
        proxy.start()
        try:
            collections_path = harness.build_and_install_collection(workdir)

            def fresh():
                harness.reset_moto(moto_url)
                proxy.clear()
                aws = harness.AwsTestEnv(moto_url, proxy)
                return aws, harness.AnsibleRunner(collections_path, tempfile.mkdtemp(dir=workdir), endpoint_url=proxy.url)

            print('pki.acmpca benchmark (moto_server on loopback; ratios: measured / ideal)')
            if 'policy' in only:
                unchanged = bench_unchanged_policy(*fresh())
                print('acmpca_policy, unchanged present: %d AWS call(s) %s; ratio to the ideal 1 call: %.2f'
                      % (sum(unchanged.values()), dict(unchanged), sum(unchanged.values()) / 1.0))

            if 'role' in only:
                role = bench_role(*fresh(), count=args.role_cas)
                cas = float(args.role_cas)
                print('org_sharing over %d CAs, first run: %d GetPolicy, %d PutPolicy, %d acmpca_policy invocations, %.1f s; '
                      'writes per CA %.2f' % (args.role_cas, role['first_calls']['GetPolicy'], role['first_calls']['PutPolicy'],
                                              role['first_invocations'], role['first_seconds'], role['first_calls']['PutPolicy'] / cas))
                print('org_sharing over %d CAs, first run: %.3f s per CA against %.3f s per unchanged acmpca_policy task '
                      '(%d tasks in one playbook, %.1f s; best of %d alternating runs each); ratio %.2f (must be at most 1.20)'
                      % (args.role_cas, role['first_seconds'] / cas, role['unchanged_seconds'] / cas, args.role_cas,
                         role['unchanged_seconds'], role['repeats'], role['first_seconds'] / role['unchanged_seconds']))
                again = sum(role['again_calls'].values())
                print('org_sharing over %d CAs, converged re-run: %d AWS calls %s, %d acmpca_policy invocations, %.1f s; '
                      'invocations per CA %.2f, AWS calls per CA %.2f; against one acmpca_info include_policy read (%d calls): '
                      '%.2fx (must be at most 1.00x)'
                      % (args.role_cas, again, dict(role['again_calls']), role['again_invocations'], role['again_seconds'],
                         role['again_invocations'] / cas, again / cas, sum(role['read_calls'].values()),
                         again / float(sum(role['read_calls'].values()))))

            if 'ram' in only:
                methods = bench_ram_role(*fresh(), count=args.role_cas)
                (policy_seconds, policy_calls), (ram_seconds, ram_calls) = methods['policy'], methods['ram']
                writes = [name for name in ram_calls if name.split(':')[1].startswith(('Create', 'Associate', 'Disassociate', 'Delete',
                                                                                       'Update', 'Tag', 'Untag', 'Put'))]
                print('org_sharing over %d CAs, converged re-run with org_sharing_method ram: %.1f s, %d AWS calls %s (writes: %d); '
                      'with the policy method: %.1f s, %d AWS calls %s; time ratio ram / policy %.2f (best of 3 each)'
                      % (args.role_cas, ram_seconds, sum(ram_calls.values()), dict(ram_calls), len(writes), policy_seconds,
                         sum(policy_calls.values()), dict(policy_calls), ram_seconds / policy_seconds))

            if 'concurrency' in only:
                reads, overlap, in_flight = bench_concurrent_reads(*fresh(), count=max(args.cas // 2, 16), delay=args.delay)
                print('acmpca_info include_policy over %d CAs with %.2f s per GetPolicy: speed-up over one-at-a-time %.1fx '
                      '(pool bound 8), at most %d in flight' % (reads, args.delay, overlap, in_flight))

            if 'access' in only:
                policy_seconds, access_seconds, policy_calls, access_calls = bench_access_analysis(*fresh(), count=args.access_cas)
                print('acmpca_info include_access over %d CAs: %.2f s and %d AWS calls, the same reads without the analysis '
                      '(include_policy and include_permissions): %.2f s and %d AWS calls (best of 3 each); ratio %.2fx '
                      '(must be at most 1.10x: the analysis is local)'
                      % (args.access_cas, access_seconds, access_calls, policy_seconds, policy_calls, access_seconds / policy_seconds))

            if 'filters' in only:
                kept, measured = bench_filters(*fresh(), count=args.filter_cas)
                plain_calls, plain_found = measured['plain']
                tags_calls, tags_found = measured['tags']
                print('acmpca_info filters over %d CAs without tags: %d AWS calls %s for %d CAs found; calls beyond the listing: %d '
                      '(ideal 0)' % (args.filter_cas, sum(plain_calls.values()), dict(plain_calls), plain_found,
                                     sum(plain_calls.values()) - plain_calls['ListCertificateAuthorities']))
                print('acmpca_info filters with tags over %d CAs: %d ListTags for the %d CAs the other filters kept (%d found); '
                      'ListTags per kept CA %.2f (ideal 1.00)'
                      % (args.filter_cas, tags_calls['ListTags'], kept, tags_found, tags_calls['ListTags'] / float(kept or 1)))
            if 'permissions' in only:
                policy_seconds, both_seconds, aws_calls = bench_permission_reads(*fresh(), count=args.permissions_cas,
                                                                                 delay=args.permissions_delay)
                print('acmpca_info include_policy and include_permissions over %d CAs, %.2f s added to each read: '
                      '%.2f s and %d AWS calls (at most %d in flight), '
                      'include_policy alone: %.2f s and %d AWS calls (best of 5 each); ratio %.2fx (must be at most 1.30x: '
                      'the reads share one pool, at most 8 of each operation at once)'
                      % (args.permissions_cas, args.permissions_delay, both_seconds, aws_calls['both'], aws_calls['both in flight'], policy_seconds,
                         aws_calls['policy'], both_seconds / policy_seconds))
            if 'fleet' in only:
                fleet = {size: bench_fleet(*fresh(), targets=size, forks=args.fleet_forks) for size in args.fleet_sizes}
                for size, figures in fleet.items():
                    print('fleet of %d account/region targets (3 CAs each), acmpca_info include_access at %d forks: '
                          '%.2f AWS calls per target %s (per account and region: %s), %.0f s, %.2f s per target'
                          % (size, args.fleet_forks, figures['calls_per_target'], figures['by_operation'],
                             ' / '.join('%.2f' % value for value in figures['calls_per_target_by_account']),
                             figures['seconds'], figures['seconds_per_target']))
                per_target = {figures['calls_per_target'] for figures in fleet.values()}
                print('fleet: AWS calls per target %s at every size (%s); seconds per target from %d to %d targets: %.2fx'
                      % ('the same' if len(per_target) == 1 else 'NOT the same', ', '.join('%.2f' % value for value in sorted(per_target)),
                         min(fleet), max(fleet), fleet[max(fleet)]['seconds_per_target'] / fleet[min(fleet)]['seconds_per_target']))
            if 'access_check' in only:
                evaluations, seconds = bench_access_check_filter(collections_path)
                print('pki.acmpca.access_check filter over the %d cases of tests/simulator/verdicts.json.gz (one call each, '
                      'in-process): %.2f s, %.0f evaluations per second (best of 3)' % (evaluations, seconds, evaluations / seconds))
        finally:
            proxy.stop()
            harness.stop_process(moto)
    print(f'benchmark finished in {time.monotonic() - started:.0f} s')
    return 0


if __name__ == '__main__':
    sys.exit(main())
