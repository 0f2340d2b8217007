// LVS266 keepalived-line-unknown: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';
import { carried } from './keepalived-lines.fixture.js';

describe('LVS266 keepalived-line-unknown', () => {
  it('reports a keyword of another level, with the closest keyword of this one', () => {
    const diagnostics = lintYaml(carried({ service: 'uthreshhold 100' }));
    expect(findings(diagnostics, 'LVS266')).toEqual([
      { code: 'LVS266', severity: 'error', line: 18, message: 'keepalived knows no keyword `uthreshhold` in virtual_server' },
    ]);
    expect(findings(lintYaml(carried({ member: 'uthreshhold 100' })), 'LVS266')[0]).toMatchObject({ line: 20 });
    expect(lintYaml(carried({ member: 'uthreshhold 100' })).find((d) => d.code === 'LVS266')!.help).toBe('did you mean `uthreshold`?');
  });

  it('checks checker lines against the keywords of that checker', () => {
    expect(findings(lintYaml(carried({ checker: 'misc_dynamic' })), 'LVS266')).toEqual([
      { code: 'LVS266', severity: 'error', line: 17, message: 'keepalived knows no keyword `misc_dynamic` in the http checker' },
    ]);
  });

  it('refuses include and keywords that open a block', () => {
    expect(findings(lintYaml(carried({ global: 'include /etc/keepalived/other.conf' })), 'LVS266')).toEqual([
      { code: 'LVS266', severity: 'error', line: 3, message: 'a carried line cannot include a file: lvscc writes one self-contained keepalived.conf' },
    ]);
    expect(findings(lintYaml(carried({ vrrp: 'track_interface' })), 'LVS266')).toEqual([
      { code: 'LVS266', severity: 'error', line: 7, message: '`track_interface` opens a block, which a carried line cannot hold (no braces)' },
    ]);
  });

  it('refuses lines under the static manager, which writes no keepalived.conf', () => {
    const text = carried({ service: 'virtualhost www.example.com', manager: 'static' }).replace(/ *healthCheck: .*\n/, '');
    expect(findings(lintYaml(text), 'LVS266')).toEqual([
      { code: 'LVS266', severity: 'error', line: 17, message: '`virtualhost` is carried into keepalived.conf, but the static manager writes none' },
    ]);
  });

  it('accepts the keywords keepalived reads at each level', () => {
    const diagnostics = lintYaml(
      carried({ global: 'vrrp_garp_interval 0.001', vrrp: 'garp_lower_prio_repeat 1', checker: 'fast_recovery', member: 'lthreshold 5' }),
    );
    expect(findings(diagnostics, 'LVS266')).toEqual([]);
  });

  it('leaves braces, comments, $ and @ to the schema (no line with them reaches a rule)', () => {
    for (const line of [
      '"virtualhost {"',
      '"virtualhost # x"',
      '"virtualhost $Q"',
      '"@lb1 virtualhost"',
      '"smtp_alert @x"',
      '"notify_up \\"/bin/true\\" x\\\\"',
    ]) {
      const diagnostics = lintYaml(carried({ service: line }));
      expect(
        diagnostics.map((d) => [d.code, d.span?.line]),
        line,
      ).toContainEqual(['LVS109', 18]);
      expect(findings(diagnostics, 'LVS266')).toEqual([]);
    }
  });
});
