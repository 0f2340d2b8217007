// TypeScript shape of a topology document as the JSON Schema accepts it: derived from the one
// declaration of the format, src/schema/topology.ts.
export type {
  DirectorInput,
  HealthCheckInput,
  HostInput,
  InterfaceValue,
  MemberInput,
  RealServerInput,
  RouterInterfaceInput,
  ServiceInput,
  TopologyInput,
} from '../schema/topology.js';
