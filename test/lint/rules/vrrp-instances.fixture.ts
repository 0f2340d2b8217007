// A two-director topology for the tests of the VRRP instance rules (LVS246-254): `vrrp` and `services` lines are the test's.
/** The topology with `vrrp` (lines under `vrrp:` after its router id and interface) and `services` (lines under `services:`). */
export const instancesTopology = (vrrp: string, services: string): string => `version: 1
cluster: c
vrrp:
  virtualRouterId: 51
  interface: eth0
${vrrp}
directors:
  lb1: { interfaces: { eth0: 10.0.0.2/24, eth1: 10.1.0.2/24 }, priority: 150 }
  lb2: { interfaces: { eth0: 10.0.0.3/24, eth1: 10.1.0.3/24 }, priority: 100 }
realServers:
  web1: { interfaces: { eth0: 10.0.0.11/24 } }
services:
${services}
`;

/** The 1-based line of the first line of `text` that contains `needle`. */
export const lineOf = (text: string, needle: string, from = 0): number => {
  const lines = text.split('\n');
  const at = lines.findIndex((l, i) => i >= from && l.includes(needle));
  if (at < 0) throw new Error(`no line with ${needle}`);
  return at + 1;
};

export const httpService = '  http: { vip: 10.0.0.100, port: 80, forwarding: dr, healthCheck: { type: tcp }, realServers: [web1] }';
/** A second service on instance `instance`. */
export const apiService = (instance: string): string =>
  `  api: { vip: 10.0.0.101, port: 80, forwarding: dr, healthCheck: { type: tcp }, vrrpInstance: ${instance}, realServers: [web1] }`;
