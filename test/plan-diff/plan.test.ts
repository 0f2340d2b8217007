// lvscc plan as a library on pairs of topologies: every impact class, the rollout order on add, remove
// and VIP moves, golden JSON (LVSCC_UPDATE_GOLDEN=1 rewrites fixtures/expected-plan/; read each diff)
// checked against schema/plan.schema.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { planChange, topologyInput, type ChangePlan } from '../../src/change/index.js';
import { withRenderMemo } from '../../src/render/handlebars.js';
import { RenderMemo } from '../../src/render/view-memo.js';
import { dedent } from '../helpers.js';

const update = process.env.LVSCC_UPDATE_GOLDEN === '1';
const schema = JSON.parse(readFileSync('schema/plan.schema.json', 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

/** A topology compiled as `lvscc plan` compiles it: under the new side's source name. */
function side(fileName: string, text: string = readFileSync(fileName, 'utf8'), sourceName = 'topology.yaml') {
  const result = topologyInput(text, { fileName, sourceName, version: '0.0.0-test' });
  if (!('input' in result)) throw new Error(`${fileName}: ${result.failed.diagnostics.map((d) => d.message).join('; ')}`);
  return result.input;
}

const planOf = (oldFile: string, newFile: string, diff = false): ChangePlan => planChange(side(oldFile), side(newFile), { diff });
const classes = (plan: ChangePlan) => plan.impacts.map((i) => `${i.class} ${i.subject}`);
const rollout = (plan: ChangePlan) => plan.rollout.map((s) => s.hosts.join(','));

/** Each pair, the classes its plan must have, and its rollout, host groups in order. */
const CASES = [
  {
    name: 'seed-add-real-server',
    old: 'fixtures/seed-tun.yaml',
    impact: 'reload',
    classes: ['reload real server rs4', 'reload real server rs4 in service http'],
    rollout: ['rs4', 'lvs'],
  },
  {
    name: 'seed-remove-real-server',
    old: 'fixtures/seed-tun.yaml',
    impact: 'drain',
    classes: ['drain real server rs3 in service http', 'none real server rs3'],
    rollout: ['lvs', 'rs3'],
  },
  {
    name: 'seed-member-leaves',
    old: 'fixtures/seed-tun.yaml',
    impact: 'drain',
    classes: ['drain real server rs3 in service http'],
    rollout: ['lvs', 'rs3'],
  },
  {
    name: 'seed-reweight',
    old: 'fixtures/seed-tun.yaml',
    impact: 'reload',
    classes: ['reload real server rs2 in service http', 'reload service http'],
    rollout: ['lvs'],
  },
  { name: 'seed-port-change', old: 'fixtures/seed-tun.yaml', impact: 'disruptive', classes: ['disruptive service http'], rollout: ['lvs', 'edge'] },
  {
    name: 'seed-vip-change',
    old: 'fixtures/seed-tun.yaml',
    impact: 'disruptive',
    classes: ['disruptive service http'],
    rollout: ['rs1,rs2,rs3', 'lvs', 'edge'],
  },
  { name: 'ha-dr-failover', old: 'fixtures/ha-dr.yaml', impact: 'failover', classes: ['failover vrrp'], rollout: ['lb2', 'lb1'] },
  { name: 'ha-dr-backup-priority', old: 'fixtures/ha-dr.yaml', impact: 'reload', classes: ['reload director lb2'], rollout: ['lb2'] },
  { name: 'ha-dr-to-tun', old: 'fixtures/ha-dr.yaml', impact: 'disruptive', classes: ['disruptive service https'], rollout: ['web1,web2', 'lb2', 'lb1'] },
  {
    name: 'aa-service-moves-instance',
    old: 'fixtures/ha-active-active.yaml',
    impact: 'failover',
    classes: ['failover service https'],
    rollout: ['lb2', 'lb1'],
  },
  {
    name: 'aa-instance-priorities',
    old: 'fixtures/ha-active-active.yaml',
    impact: 'failover',
    classes: ['failover vrrp instance side-b'],
    rollout: ['lb2', 'lb1'],
  },
] as const;

describe('plan on pairs of topologies', () => {
  it.each(CASES)('$name: classes, rollout and golden JSON', (c) => {
    const newFile = `fixtures/plan/${c.name}.yaml`;
    const plan = planOf(c.old, newFile, true);
    expect(plan.changes).toBe(true);
    expect(plan.impact).toBe(c.impact);
    expect(classes(plan)).toEqual(c.classes);
    expect(rollout(plan)).toEqual(c.rollout);
    expect(validate(plan), JSON.stringify(validate.errors)).toBe(true);
    const text = JSON.stringify(plan, null, 2) + '\n';
    expect(JSON.stringify(planOf(c.old, newFile, true), null, 2) + '\n').toBe(text);
    const golden = join('fixtures/expected-plan', `${c.name}.json`);
    if (update) writeFileSync(golden, text);
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });

  it.each(CASES)("$name: compiled as the command compiles it, the new side replaying the old one's renderings, gives the golden plan", (c) => {
    const memo = new RenderMemo();
    const [before, after] = withRenderMemo(memo, () => {
      const old = side(c.old);
      memo.replay();
      return [old, side(`fixtures/plan/${c.name}.yaml`)];
    });
    const text = JSON.stringify(planChange(before, after, { diff: true }), null, 2) + '\n';
    expect(text).toBe(readFileSync(join('fixtures/expected-plan', `${c.name}.json`), 'utf8'));
  });

  it('a comment changes nothing: no hosts, no impacts, no rollout', () => {
    const plan = planOf('fixtures/seed-tun.yaml', 'fixtures/plan/seed-comment.yaml');
    expect(plan).toMatchObject({ changes: false, impact: 'none', hosts: [], impacts: [], rollout: [] });
    expect(plan.summary.hostsUnchanged).toBe(5);
    expect(validate(plan)).toBe(true);
  });

  it('files that change while the model does not are class none (a renamed topology: every header changes)', () => {
    const text = readFileSync('fixtures/seed-tun.yaml', 'utf8');
    const plan = planChange(side('a.yaml', text, 'a.yaml'), side('b.yaml', text, 'b.yaml'));
    expect(plan.impacts).toEqual([expect.objectContaining({ class: 'none', subject: 'files only', hosts: ['edge', 'lvs', 'rs1', 'rs2', 'rs3'] })]);
    expect(plan.impact).toBe('none');
    expect(plan.changes).toBe(true);
  });

  it('the actions of a changed director: apply.sh, then reloads in the manifest reload order', () => {
    const plan = planOf('fixtures/seed-tun.yaml', 'fixtures/plan/seed-member-leaves.yaml');
    const lvs = plan.hosts.find((h) => h.name === 'lvs')!;
    expect(lvs.actions.map((a) => `${a.kind} ${a.command}`)).toEqual([
      'run hosts/lvs/apply.sh',
      'reload systemctl reload-or-restart lvscc-web-tun-ipvs.service',
    ]);
    const rs3 = plan.hosts.find((h) => h.name === 'rs3')!;
    // rs3 loses its tunnel and sysctl files: networkd reloads, `sysctl -p` of a removed file does not run.
    expect(rs3.actions.map((a) => a.command)).toEqual(['hosts/rs3/apply.sh', 'systemctl restart systemd-modules-load.service', 'networkctl reload']);
  });

  it('a new host starts with its first install; a removed host ends with its teardown', () => {
    const added = planOf('fixtures/seed-tun.yaml', 'fixtures/plan/seed-add-real-server.yaml').hosts.find((h) => h.name === 'rs4')!;
    expect(added.status).toBe('added');
    expect(added.actions[0]).toMatchObject({ kind: 'first-install', command: 'hosts/rs4/apply.sh' });
    expect(added.actions.slice(1).map((a) => `${a.kind} ${a.target}`)).toEqual(['reload modules-load', 'reload sysctl', 'install networkd', 'reload networkd']);
    const removed = planOf('fixtures/seed-tun.yaml', 'fixtures/plan/seed-remove-real-server.yaml').hosts.find((h) => h.name === 'rs3')!;
    expect(removed).toMatchObject({ status: 'removed', actions: [{ kind: 'teardown', command: 'hosts/rs3/teardown.sh' }] });
    expect(removed.files.every((f) => f.change === 'removed')).toBe(true);
  });

  it('--diff gives unified diffs of the changed files', () => {
    const plan = planOf('fixtures/seed-tun.yaml', 'fixtures/plan/seed-reweight.yaml', true);
    const rules = plan.hosts.flatMap((h) => h.files).find((f) => f.path.endsWith('ipvsadm.rules'))!;
    expect(rules.diff).toMatch(/^--- a\/hosts\/lvs\/rootfs\/etc\/lvscc\/web-tun\/ipvsadm.rules\n\+\+\+ b\//);
    expect(rules.diff).toContain('-s rr');
    expect(rules.diff).toContain('-s wrr');
    expect(planOf('fixtures/seed-tun.yaml', 'fixtures/plan/seed-reweight.yaml').hosts[0]!.files[0]!.diff).toBeUndefined();
  });
});

/** The seed cluster with a second service, for changes that need one. */
const TWO_SERVICES = `${readFileSync('fixtures/seed-tun.yaml', 'utf8')}  dns:
    vip: 10.10.24.53
    protocol: udp
    port: 53
    scheduler: rr
    forwarding: tun
    realServers: [rs1, rs2]
`;

describe('impact classes of model changes', () => {
  const seed = readFileSync('fixtures/seed-tun.yaml', 'utf8');
  const plan = (before: string, after: string) => planChange(side('old.yaml', before), side('new.yaml', after));

  it('a service that disappears is disruptive; one that appears is a reload', () => {
    expect(classes(plan(TWO_SERVICES, seed))).toEqual(['disruptive service dns']);
    expect(plan(TWO_SERVICES, seed).impacts[0]!.reason).toContain('udp 10.10.24.53:53 disappears');
    expect(classes(plan(seed, TWO_SERVICES))).toEqual(['reload service dns']);
  });

  it('an unpublished public address is disruptive for the router only', () => {
    const after = seed.replace(/ *publicAddress: .*\n/, '');
    const p = plan(seed, after);
    expect(p.impacts).toEqual([expect.objectContaining({ class: 'disruptive', subject: 'service http', hosts: ['edge'] })]);
    expect(p.impacts[0]!.reason).toContain('112.2.21.88:80 is no longer published');
  });

  it('VRRP identity changes are disruptive: the two halves of a rollout claim the VIPs both', () => {
    const ha = readFileSync('fixtures/ha-dr.yaml', 'utf8');
    const p = plan(ha, ha.replace('virtualRouterId: 51', 'virtualRouterId: 52'));
    expect(classes(p)).toEqual(['disruptive vrrp']);
    expect(p.impacts[0]!.reason).toMatch(/^virtualRouterId changes/);
    expect(p.rollout.map((s) => s.hosts.join(','))).toEqual(['lb2', 'lb1']);
  });

  it('a health check change is a reload of the directors', () => {
    const ha = readFileSync('fixtures/ha-dr.yaml', 'utf8');
    expect(plan(ha, ha.replace('interval: 5', 'interval: 10')).impacts).toEqual([
      expect.objectContaining({ class: 'reload', subject: 'service https', hosts: ['lb1', 'lb2'] }),
    ]);
  });

  it("a service's last real server drains under the static manager, but goes with the service under keepalived (LVS275)", () => {
    const emptied = (file: string) => readFileSync(file, 'utf8');
    const filled = (file: string) => emptied(file).replace('realServers: []', 'realServers: [rs1]');
    const fixed = plan(filled('fixtures/no-real-servers-static.yaml'), emptied('fixtures/no-real-servers-static.yaml'));
    expect(classes(fixed)).toEqual(['drain real server rs1 in service admin']);
    const kept = plan(filled('fixtures/no-real-servers-keepalived.yaml'), emptied('fixtures/no-real-servers-keepalived.yaml'));
    expect(classes(kept)).toEqual(['disruptive service admin']);
    expect(kept.impacts[0]!.reason).toContain('the reload deletes tcp 10.50.0.88:8080 with its connections instead of draining them');
  });

  it('a real server whose address changes is drained at the old destination', () => {
    const after = seed.replace('10.10.24.23/24', '10.10.24.33/24');
    const p = plan(seed, after);
    expect(classes(p)).toEqual(['drain real server rs3 in service http', 'reload host rs3']);
    expect(p.impacts[0]!.reason).toContain('10.10.24.23:80 -> 10.10.24.33:80');
  });

  it('removing the master director fails over to the backup, which is rolled out first', () => {
    const ha = readFileSync('fixtures/ha-dr.yaml', 'utf8');
    const three = ha.replace(
      '  lb2: { interfaces: { eth0: 192.168.10.3/24 }, priority: 100 }\n',
      '$&  lb3: { interfaces: { eth0: 192.168.10.4/24 }, priority: 50 }\n',
    );
    const p = plan(three, three.replace(/ {2}lb1: .*\n/, ''));
    expect(p.impact).toBe('failover');
    expect(p.impacts.find((i) => i.class === 'failover')!.reason).toContain('from lb1 to lb2');
    expect(p.rollout.map((s) => s.hosts.join(','))).toEqual(['lb2,lb3', 'lb1']);
    expect(p.rollout.at(-1)!.action).toContain('teardown');
  });

  it('a dedented inline topology plans like a file', () => {
    const small = dedent(`
      version: 1
      cluster: tiny
      directors:
        d1: { interfaces: { eth0: 10.0.0.2/24 } }
      realServers:
        r1: { interfaces: { eth0: 10.0.0.11/24 } }
      services:
        web: { vip: 10.0.0.100, protocol: tcp, port: 80, scheduler: rr, forwarding: dr, realServers: [r1] }
    `);
    expect(plan(small, small.replace('port: 80', 'port: 81')).impact).toBe('disruptive');
  });
});
