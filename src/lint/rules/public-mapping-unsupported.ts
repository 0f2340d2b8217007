// LVS227: a public address on a fwmark service, which has no protocol and port for any router to map.
// Platform limits (IPv6 VIPs, sctp) are the router targets' own diagnostics (LVS302-LVS304).
import type { LintRule } from '../types.js';

export const publicMappingUnsupported: LintRule = {
  code: 'LVS227',
  check(model, report) {
    for (const service of model.services) {
      const publicAddress = service.publicAddress;
      if (!publicAddress || service.fwmark === undefined) continue;
      report({
        code: 'LVS227',
        pointer: publicAddress.pointer,
        message: `service ${service.name} is a fwmark service (mark ${service.fwmark}): it has no protocol and port for the router to map ${publicAddress.text} onto`,
        label: 'fwmark service',
        help: 'publish the ports through services with `port` and map each of them, or remove `publicAddress`',
      });
    }
  },
};
