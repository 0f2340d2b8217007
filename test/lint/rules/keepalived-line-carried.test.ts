// LVS265 keepalived-line-carried: failing and passing cases.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';
import { carried } from './keepalived-lines.fixture.js';

describe('LVS265 keepalived-line-carried', () => {
  it('lists every carried line, at each level, as a warning on its line', () => {
    const diagnostics = lintYaml(
      carried({
        global: 'vrrp_garp_interval 0.001',
        vrrp: 'garp_lower_prio_repeat 1',
        checker: 'fast_recovery',
        service: 'virtualhost www.example.com',
        member: 'uthreshold 100',
      }),
    );
    expect(findings(diagnostics, 'LVS265')).toEqual([
      {
        code: 'LVS265',
        severity: 'warning',
        line: 3,
        message: 'carried into keepalived.conf (global_defs) as written, unchecked by lvscc: vrrp_garp_interval 0.001',
      },
      {
        code: 'LVS265',
        severity: 'warning',
        line: 7,
        message: 'carried into keepalived.conf (vrrp_instance) as written, unchecked by lvscc: garp_lower_prio_repeat 1',
      },
      { code: 'LVS265', severity: 'warning', line: 17, message: 'carried into keepalived.conf (checker) as written, unchecked by lvscc: fast_recovery' },
      {
        code: 'LVS265',
        severity: 'warning',
        line: 18,
        message: 'carried into keepalived.conf (virtual_server) as written, unchecked by lvscc: virtualhost www.example.com',
      },
      { code: 'LVS265', severity: 'warning', line: 20, message: 'carried into keepalived.conf (real_server) as written, unchecked by lvscc: uthreshold 100' },
    ]);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('reports nothing without carried lines', () => {
    expect(findings(lintYaml(carried({})), 'LVS265')).toEqual([]);
  });

  it('lists no line of a service without real servers, which keepalived.conf leaves out (LVS275)', () => {
    const fixture = readFileSync(new URL('../../../fixtures/no-real-servers-keepalived.yaml', import.meta.url), 'utf8');
    const withLines = (service: string) => fixture.replace(`  ${service}:\n`, `  ${service}:\n    keepalivedLines: ['virtualhost www.example.com']\n`);
    const emptied = lintYaml(withLines('admin'));
    expect(findings(emptied, 'LVS275').map((f) => f.severity)).toEqual(['warning']);
    expect(findings(emptied, 'LVS265')).toEqual([]);
    // The same line on the service that keeps its real server is carried and listed.
    expect(findings(lintYaml(withLines('web')), 'LVS265').map((f) => [f.severity, f.line])).toEqual([['warning', 16]]);
  });
});
