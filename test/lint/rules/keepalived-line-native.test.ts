// LVS267 keepalived-line-native: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';
import { carried } from './keepalived-lines.fixture.js';

describe('LVS267 keepalived-line-native', () => {
  it('reports a keyword the format models, naming the field', () => {
    const diagnostics = lintYaml(carried({ vrrp: 'priority 200', service: 'lvs_sched rr', checker: 'connect_port 8080' }));
    expect(findings(diagnostics, 'LVS267')).toEqual([
      {
        code: 'LVS267',
        severity: 'error',
        line: 7,
        message: '`priority` in vrrp_instance is part of the topology format: a carried line would contradict what lvscc writes',
      },
      {
        code: 'LVS267',
        severity: 'error',
        line: 17,
        message: '`connect_port` in checker is part of the topology format: a carried line would contradict what lvscc writes',
      },
      {
        code: 'LVS267',
        severity: 'error',
        line: 18,
        message: '`lvs_sched` in virtual_server is part of the topology format: a carried line would contradict what lvscc writes',
      },
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS267')!.help).toBe('remove the line and use `directors.<name>.priority`');
    expect(findings(diagnostics, 'LVS266')).toEqual([]);
  });

  it('accepts keywords the format does not model', () => {
    expect(findings(lintYaml(carried({ vrrp: 'garp_lower_prio_repeat 1', service: 'virtualhost www.example.com' })), 'LVS267')).toEqual([]);
  });
});
