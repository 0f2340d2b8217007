// LVS218: health checks, sorry servers and quorums on a static-manager cluster, where nothing runs them.
import type { Model } from '../../model/types.js';
import type { Finding, LintRule } from '../types.js';

function managerContext(model: Model): { related: Finding['related']; why: string } {
  return model.managerSet
    ? { related: [{ pointer: '/manager', message: 'the static manager is set here' }], why: '' }
    : { related: [], why: ` (the default for ${model.directors.length === 1 ? 'one director' : 'this topology'})` };
}

export const healthCheckNeedsKeepalived: LintRule = {
  code: 'LVS218',
  check(model, report) {
    if (model.manager !== 'static') return;
    const { related, why } = managerContext(model);
    for (const service of model.services) {
      const check = service.healthCheck;
      if (check && check.type !== 'none') {
        report({
          code: 'LVS218',
          pointer: check.pointer,
          message: `service ${service.name} has ${['http', 'https', 'smtp'].includes(check.type) ? 'an' : 'a'} ${check.type} health check, but the manager is static${why}: nothing would run it`,
          label: 'never run',
          related,
          help: 'set `manager: keepalived` to run the checks, or remove `healthCheck` (or set `type: none`)',
        });
      }
      if (service.sorryServer) {
        report({
          code: 'LVS218',
          pointer: service.sorryServer.pointer,
          message: `service ${service.name} has sorry server ${service.sorryServer.address.text}, but the manager is static${why}: nothing would switch to it`,
          label: 'never used',
          related,
          help: 'set `manager: keepalived`, which adds the sorry server when every real server fails its check, or remove `sorryServer`',
        });
      }
      if (service.quorum) {
        report({
          code: 'LVS218',
          pointer: service.quorum.pointer,
          message: `service ${service.name} has a quorum, but the manager is static${why}: nothing would count its healthy weight`,
          label: 'never counted',
          related,
          help: 'set `manager: keepalived`, which takes the service down below its quorum, or remove `quorum`',
        });
      }
    }
  },
};
