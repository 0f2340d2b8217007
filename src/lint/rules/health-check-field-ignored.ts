// LVS219: health-check fields written for a check type that ignores them.
import type { HealthCheckType } from '../../model/types.js';
import { joinPointer } from '../../source/source-file.js';
import type { LintRule } from '../types.js';

/** Fields that only some check types read; every other field (timeout, interval, ...) applies to every checker. */
const READ_BY: Record<string, readonly HealthCheckType[]> = {
  path: ['http', 'https'],
  expectStatus: ['http', 'https'],
  digest: ['http', 'https'],
  urls: ['http', 'https'],
  virtualHost: ['http', 'https'],
  // MISC_CHECK opens no connection of its own.
  address: ['tcp', 'http', 'https', 'udp', 'dns', 'smtp', 'ping'],
  sourceAddress: ['tcp', 'http', 'https', 'udp', 'dns', 'smtp', 'ping'],
  queryName: ['dns'],
  queryType: ['dns'],
  script: ['misc'],
  // The script gets the real server's port as an argument; ping has no port.
  port: ['tcp', 'http', 'https', 'udp', 'dns', 'smtp'],
};

/** What each checker does, to say why a field means nothing to it. */
const DOES: Record<Exclude<HealthCheckType, 'none'>, string> = {
  tcp: 'TCP_CHECK only connects',
  http: 'HTTP_GET fetches `path`',
  https: 'SSL_GET fetches `path`',
  udp: 'UDP_CHECK only sends a datagram',
  dns: 'DNS_CHECK sends one query',
  misc: 'MISC_CHECK runs `script` with the real server address and port',
  smtp: 'SMTP_CHECK only waits for the greeting',
  ping: 'PING_CHECK only sends an ICMP echo',
};

/** The check type a field belongs to, for the help text. */
function typesFor(field: string): string {
  return READ_BY[field]!.map((t) => `\`type: ${t}\``).join(' or ');
}

export const healthCheckFieldIgnored: LintRule = {
  code: 'LVS219',
  check(model, report) {
    for (const service of model.services) {
      const check = service.healthCheck;
      if (!check) continue;
      for (const field of check.written) {
        if (field === 'type') continue;
        if (check.type !== 'none' && !READ_BY[field]?.every((t) => t !== check.type)) continue;
        const type = check.type;
        report({
          code: 'LVS219',
          pointer: joinPointer(check.pointer, field),
          at: 'key',
          message:
            type === 'none'
              ? `\`${field}\` has no effect: the health check of service ${service.name} has type none`
              : `\`${field}\` has no effect on the ${type} health check of service ${service.name}: ${DOES[type]}`,
          label: `ignored by type ${type}`,
          help:
            type === 'none'
              ? `remove \`${field}\`, or choose a check type (tcp, http, https, udp, dns, misc, smtp or ping)`
              : `remove \`${field}\`, or use ${typesFor(field)} if that is the check you meant`,
        });
      }
    }
  },
};
