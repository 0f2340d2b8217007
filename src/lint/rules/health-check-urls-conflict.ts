// LVS269: a health check (a service's, or a member's own fields) with both `urls` and the one-URL fields, or a status range low > high.
import type { HealthCheck } from '../../model/types.js';
import { joinPointer } from '../../source/source-file.js';
import type { Finding, LintRule } from '../types.js';

const SINGLE = ['path', 'expectStatus', 'digest'];

/** `member`: a member's check, which repeats the service's URLs unless it writes its own (those are reported once, on the service). */
function checkUrls(check: HealthCheck, owner: string, member: boolean, report: (finding: Finding) => void): void {
  if (check.written.includes('urls')) {
    for (const field of SINGLE.filter((f) => check.written.includes(f))) {
      report({
        code: 'LVS269',
        pointer: joinPointer(check.pointer, field),
        at: 'key',
        message: `the health check of ${owner} sets both \`urls\` and \`${field}\`; keepalived would fetch only the URLs`,
        label: 'with urls',
        related: [{ pointer: joinPointer(check.pointer, 'urls'), at: 'key', message: 'the URLs' }],
        help: `move \`${field}\` into one of the \`urls\` entries`,
      });
    }
  }
  if (member && !check.written.includes('urls')) return;
  check.urls.forEach((url, i) =>
    url.statusCodes.forEach((codes, j) => {
      const [low, high] = codes.split('-').map(Number);
      if (high === undefined || low! <= high) return;
      report({
        code: 'LVS269',
        pointer: joinPointer(check.pointer, 'urls', i, 'expectStatus', j),
        message: `status range ${codes} of ${owner} runs backwards; keepalived ignores it`,
        label: 'low > high',
        help: `write it as ${high}-${low}`,
      });
    }),
  );
}

export const healthCheckUrlsConflict: LintRule = {
  code: 'LVS269',
  check(model, report) {
    for (const service of model.services) {
      if (service.healthCheck) checkUrls(service.healthCheck, `service ${service.name}`, false, report);
      for (const member of service.members) if (member.healthCheck) checkUrls(member.healthCheck, `member ${member.name} of ${service.name}`, true, report);
    }
  },
};
