// LVS273 alert-mail-unsent: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';

const topology = (head: string) => `
  version: 1
  cluster: c
  ${head}
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
`;

describe('LVS273 alert-mail-unsent', () => {
  it('reports recipients without an smtp_server line', () => {
    const diagnostics = lintYaml(
      topology('manager: keepalived\n  alertRecipients: [ops@example.com]\n  keepalivedLines: [notification_email_from lvs@example.com]'),
    );
    expect(findings(diagnostics, 'LVS273')).toEqual([
      {
        code: 'LVS273',
        severity: 'warning',
        line: 4,
        message: 'alertRecipients are set, but no `smtp_server` line names the SMTP server: keepalived sends no mail without one',
      },
    ]);
  });

  it('reports recipients under a static manager, pointing at it', () => {
    const diagnostics = lintYaml(topology('manager: static\n  alertRecipients: [ops@example.com]\n  keepalivedLines: [smtp_server 10.0.0.25]'));
    expect(findings(diagnostics, 'LVS273')).toEqual([
      {
        code: 'LVS273',
        severity: 'warning',
        line: 4,
        message: 'alertRecipients are set, but the manager is static: no keepalived runs to mail them',
      },
    ]);
    expect(diagnostics.find((d) => d.code === 'LVS273')!.related.map((r) => [r.span.line, r.message])).toEqual([[3, 'the static manager is set here']]);
  });

  it('passes recipients with keepalived and an SMTP server, and a topology without recipients', () => {
    expect(
      findings(lintYaml(topology('manager: keepalived\n  alertRecipients: [ops@example.com, noc]\n  keepalivedLines: [smtp_server 10.0.0.25]')), 'LVS273'),
    ).toEqual([]);
    expect(findings(lintYaml(topology('manager: keepalived')), 'LVS273')).toEqual([]);
  });
});
