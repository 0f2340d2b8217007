// LVS218 health-check-needs-keepalived: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/compile.js';
import { dedent, findings, lintYaml } from '../../helpers.js';

const topology = (manager: string, extra: string) => `
  version: 1
  cluster: c
  ${manager}
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
      ${extra}
`;

const both = 'healthCheck: { type: http, path: /healthz }\n      sorryServer: { address: 10.0.0.50, port: 80 }';

describe('LVS218 health-check-needs-keepalived', () => {
  it('reports a health check and a sorry server under a written static manager, pointing at it', () => {
    const diagnostics = lintYaml(topology('manager: static', both));
    expect(findings(diagnostics, 'LVS218')).toEqual([
      {
        code: 'LVS218',
        severity: 'error',
        line: 14,
        message: 'service http has an http health check, but the manager is static: nothing would run it',
      },
      {
        code: 'LVS218',
        severity: 'error',
        line: 15,
        message: 'service http has sorry server 10.0.0.50, but the manager is static: nothing would switch to it',
      },
    ]);
    for (const d of diagnostics.filter((d) => d.code === 'LVS218'))
      expect(d.related.map((r) => [r.span.line, r.message])).toEqual([[3, 'the static manager is set here']]);
  });

  it('is silent without `manager`: a health check, a sorry server or a quorum makes keepalived the default', () => {
    for (const extra of [
      both,
      'healthCheck: { type: tcp }',
      'healthCheck: { type: tcp }\n      quorum: { minimumWeight: 1 }',
      'sorryServer: { address: 10.0.0.50, port: 80 }',
    ]) {
      const linted = lint(dedent(topology('defaults: { gateway: 10.0.0.1 }', extra)), { fileName: 'test.yaml' });
      expect(findings(linted.diagnostics, 'LVS218')).toEqual([]);
      expect(linted.model?.manager).toBe('keepalived');
    }
  });

  it('accepts keepalived', () => {
    expect(findings(lintYaml(topology('manager: keepalived', both)), 'LVS218')).toEqual([]);
  });

  it('accepts `type: none` under static', () => {
    expect(findings(lintYaml(topology('manager: static', 'healthCheck: { type: none }')), 'LVS218')).toEqual([]);
  });
});
