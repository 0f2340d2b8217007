// LVS222: tunnel settings that do not fit the forwarding method or the tunnel type.
import { joinPointer } from '../../source/source-file.js';
import type { LintRule } from '../types.js';

export const tunnelOptions: LintRule = {
  code: 'LVS222',
  check(model, report) {
    for (const service of model.services) {
      const tunnel = service.tunnel;
      if (!tunnel) continue;
      const at = (key?: string): string => (key ? joinPointer(service.pointer, 'tunnel', key) : joinPointer(service.pointer, 'tunnel'));
      if (service.forwarding !== 'tun') {
        report({
          code: 'LVS222',
          pointer: at(),
          at: 'key',
          message: `service ${service.name} uses ${service.forwarding} forwarding, so its tunnel settings have no effect`,
          label: 'only for tun',
          help: `remove tunnel from ${service.name}, or set forwarding: tun`,
        });
        continue;
      }
      if (tunnel.type === 'gue' && tunnel.port === undefined) {
        report({
          code: 'LVS222',
          pointer: at('type'),
          message: `gue tunnel of service ${service.name} has no port`,
          label: 'gue needs a port',
          help: 'set tunnel.port to the UDP port the real servers decapsulate on (for example 6080)',
        });
      }
      if (tunnel.type !== 'gue' && tunnel.port !== undefined) {
        report({
          code: 'LVS222',
          pointer: at('port'),
          message: `${tunnel.type} tunnel of service ${service.name} has port ${tunnel.port}, but only gue uses a port`,
          label: `no port for ${tunnel.type}`,
          help: 'remove tunnel.port, or set tunnel.type: gue',
        });
      }
      if (tunnel.type === 'ipip' && tunnel.checksum !== 'none') {
        report({
          code: 'LVS222',
          pointer: at('checksum'),
          message: `ipip tunnel of service ${service.name} has checksum ${tunnel.checksum}, but ipip takes no checksum option`,
          label: 'not for ipip',
          help: 'remove tunnel.checksum, or use tunnel.type gue or gre',
        });
      }
      if (tunnel.type === 'gre' && tunnel.checksum === 'remcsum') {
        report({
          code: 'LVS222',
          pointer: at('checksum'),
          message: `gre tunnel of service ${service.name} has checksum remcsum, which only gue supports`,
          label: 'gue only',
          help: 'use checksum csum or none with gre, or set tunnel.type: gue',
        });
      }
    }
  },
};
