// LVS218: health checks, sorry servers and quorums under a written `manager: static`, where nothing runs them.
import { keepalivedFeatures, type KeepalivedFeature } from '../../model/service.js';
import type { Service } from '../../model/types.js';
import type { Finding, LintRule } from '../types.js';

/** The finding for one feature (the default manager is keepalived when a service has one, so static was written). */
function finding(service: Service, feature: KeepalivedFeature): Omit<Finding, 'code' | 'related'> {
  switch (feature.kind) {
    case 'check': {
      const type = feature.check.type;
      return {
        pointer: feature.check.pointer,
        message: `service ${service.name} has ${['http', 'https', 'smtp'].includes(type) ? 'an' : 'a'} ${type} health check, but the manager is static: nothing would run it`,
        label: 'never run',
        help: 'set `manager: keepalived` (or leave `manager` out: a health check makes keepalived the default) to run the checks, or remove `healthCheck` (or set `type: none`)',
      };
    }
    case 'sorryServer':
      return {
        pointer: feature.sorryServer.pointer,
        message: `service ${service.name} has sorry server ${feature.sorryServer.address.text}, but the manager is static: nothing would switch to it`,
        label: 'never used',
        help: 'set `manager: keepalived`, which adds the sorry server when every real server fails its check, or remove `sorryServer`',
      };
    case 'quorum':
      return {
        pointer: feature.quorum.pointer,
        message: `service ${service.name} has a quorum, but the manager is static: nothing would count its healthy weight`,
        label: 'never counted',
        help: 'set `manager: keepalived`, which takes the service down below its quorum, or remove `quorum`',
      };
  }
}

export const healthCheckNeedsKeepalived: LintRule = {
  code: 'LVS218',
  check(model, report) {
    if (model.manager !== 'static') return;
    for (const service of model.services)
      for (const feature of keepalivedFeatures(service))
        report({ code: 'LVS218', ...finding(service, feature), related: [{ pointer: '/manager', message: 'the static manager is set here' }] });
  },
};
