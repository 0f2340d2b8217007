// LVS219 health-check-field-ignored: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (check: string) => `
  version: 1
  cluster: c
  manager: keepalived
  directors:
    lvs: { interfaces: { eth0: 10.0.0.2/24 } }
  realServers:
    rs1: { interfaces: { eth0: 10.0.0.21/24 } }
  services:
    http:
      vip: 10.0.0.88
      port: 80
      forwarding: dr
      realServers: [rs1]
      healthCheck:
        ${check}
`;

describe('LVS219 health-check-field-ignored', () => {
  it('warns about path and expectStatus on a tcp check', () => {
    expect(findings(lintYaml(topology('type: tcp\n        path: /healthz\n        timeout: 2\n        expectStatus: 204')), 'LVS219')).toEqual([
      {
        code: 'LVS219',
        severity: 'warning',
        line: 16,
        message: '`path` has no effect on the tcp health check of service http: TCP_CHECK only connects',
      },
      {
        code: 'LVS219',
        severity: 'warning',
        line: 18,
        message: '`expectStatus` has no effect on the tcp health check of service http: TCP_CHECK only connects',
      },
    ]);
  });

  it('warns about every field besides type on a none check', () => {
    expect(findings(lintYaml(topology('type: none\n        interval: 5')), 'LVS219')).toEqual([
      { code: 'LVS219', severity: 'warning', line: 16, message: '`interval` has no effect: the health check of service http has type none' },
    ]);
  });

  it('accepts http fields on an http check and plain tcp fields', () => {
    expect(findings(lintYaml(topology('{ type: http, path: /healthz, expectStatus: 204, port: 8080 }')), 'LVS219')).toEqual([]);
    expect(findings(lintYaml(topology('{ type: tcp, port: 8080, timeout: 2, interval: 5, retries: 3 }')), 'LVS219')).toEqual([]);
  });
});
