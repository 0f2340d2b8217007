// LVS270 health-check-shared-address: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';
import { httpService } from './health-check-content.fixture.js';

describe('LVS270 health-check-shared-address', () => {
  it('reports one check address for several real servers', () => {
    expect(findings(lintYaml(httpService('{ type: http, address: 10.0.0.50 }')), 'LVS270')).toEqual([
      {
        code: 'LVS270',
        severity: 'warning',
        line: 13,
        message: 'every real server of service http (web1, web2) is checked at 10.0.0.50, so one answer marks them all up or down',
      },
    ]);
  });

  it('accepts addresses set per member', () => {
    expect(findings(lintYaml(httpService('{ type: http }', '{ address: 10.0.9.11 }', '{ address: 10.0.9.12 }')), 'LVS270')).toEqual([]);
    expect(findings(lintYaml(httpService('{ type: http, address: 10.0.0.50 }', undefined, '{ address: 10.0.9.12 }')), 'LVS270')).toEqual([]);
  });
});
