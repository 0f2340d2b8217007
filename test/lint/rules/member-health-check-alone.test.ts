// LVS268 member-health-check-alone: failing and passing cases.
import { describe, expect, it } from 'vitest';
import { findings, lintYaml } from '../../helpers.js';
import { httpService } from './health-check-content.fixture.js';

describe('LVS268 member-health-check-alone', () => {
  it('reports member check fields on a service without a check, or with type none', () => {
    expect(findings(lintYaml(httpService(undefined, '{ port: 8080 }')), 'LVS268')).toEqual([
      { code: 'LVS268', severity: 'error', line: 15, message: 'member web1 sets health-check fields, but service http has no health check for them to change' },
    ]);
    expect(findings(lintYaml(httpService('{ type: none }', '{ port: 8080 }')), 'LVS268')[0]).toMatchObject({ line: 15, severity: 'error' });
  });

  it('accepts member check fields over a service check', () => {
    expect(findings(lintYaml(httpService('{ type: http }', '{ port: 8080 }')), 'LVS268')).toEqual([]);
  });
});
