// LVS257: a port that lvscc marks for one service is also marked for another, or is a plain service's port, on the same VIP and protocol.
import type { PortRange, Service } from '../../model/types.js';
import type { LintRule } from '../types.js';

interface Claim extends PortRange {
  service: Service;
  pointer: string;
  marked: boolean;
}

export const markedPortsOverlap: LintRule = {
  code: 'LVS257',
  check(model, report) {
    // Per VIP and protocol, every marked range and every plain port, sorted by first port: overlaps are neighbours.
    const claims = new Map<string, Claim[]>();
    const claim = (service: Service, entry: Claim): void => {
      const key = `${service.protocol}|${service.vip.text}`;
      claims.set(key, [...(claims.get(key) ?? []), entry]);
    };
    for (const service of model.services) {
      if (service.ports && service.fwmark !== undefined) {
        for (const range of service.ports) if (range.from <= range.to) claim(service, { ...range, service, marked: true });
      } else if (service.port !== undefined && service.fwmark === undefined) {
        claim(service, { from: service.port, to: service.port, service, pointer: `${service.pointer}/port`, marked: false });
      }
    }
    for (const list of claims.values()) {
      list.sort((a, b) => a.from - b.from || a.to - b.to);
      let widest: Claim | undefined;
      for (const entry of list) {
        if (widest && entry.from <= widest.to && (entry.marked || widest.marked)) {
          const [marked, other] = entry.marked ? [entry, widest] : [widest, entry];
          const port = entry.from;
          const what = other.marked
            ? `also marked for ${other.service === marked.service ? 'it by another entry' : `service ${other.service.name}`}`
            : `the port of service ${other.service.name}`;
          report({
            code: 'LVS257',
            pointer: entry.pointer,
            message: `${marked.service.protocol} port ${port} of ${marked.service.vip.text} is marked for service ${marked.service.name} and is ${what}`,
            label: 'overlapping port',
            related: [
              {
                pointer: widest.pointer,
                message: `${widest.service.name} claims ${widest.from === widest.to ? widest.from : `${widest.from}-${widest.to}`} here`,
              },
            ],
            help: other.marked
              ? 'give each port of a VIP to one service: the last mark set wins, and the other service never sees it'
              : `remove ${port} from one of them: IPVS looks up fwmark services first, so ${other.service.name} would never see a packet to it`,
          });
        }
        if (!widest || entry.to > widest.to) widest = entry;
      }
    }
  },
};
