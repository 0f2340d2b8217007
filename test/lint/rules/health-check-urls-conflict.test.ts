// LVS269 health-check-urls-conflict: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';
import { httpService } from './health-check-content.fixture.js';

describe('LVS269 health-check-urls-conflict', () => {
  it('reports urls next to path, on the service and on a member', () => {
    const diagnostics = lintYaml(
      httpService('{ type: http, path: /a, urls: [{ path: /b }] }', '{ urls: [{ path: /c }], digest: 9b3a0c85a887a256d6939da88aabd8cd }'),
    );
    expect(findings(diagnostics, 'LVS269')).toEqual([
      {
        code: 'LVS269',
        severity: 'error',
        line: 13,
        message: 'the health check of service http sets both `urls` and `path`; keepalived would fetch only the URLs',
      },
      {
        code: 'LVS269',
        severity: 'error',
        line: 15,
        message: 'the health check of member web1 of http sets both `urls` and `digest`; keepalived would fetch only the URLs',
      },
    ]);
  });

  it('reports a status range that runs backwards', () => {
    expect(findings(lintYaml(httpService("{ type: http, urls: [{ path: /b, expectStatus: [200, '399-300'] }] }")), 'LVS269')).toEqual([
      { code: 'LVS269', severity: 'error', line: 13, message: 'status range 399-300 of service http runs backwards; keepalived ignores it' },
    ]);
  });

  it('accepts urls alone, and a member path over service urls', () => {
    expect(findings(lintYaml(httpService("{ type: http, urls: [{ path: /b, expectStatus: [200, '300-399'] }] }", '{ path: /c }')), 'LVS269')).toEqual([]);
  });
});
