// Failure classes that need target or model fixes (the lead's refactoring): kept out of the generator by name.
import type { TopologyInput } from '../../src/model/input.js';

export interface OpenTargetClass {
  /** Short name, also the regression fixture's file name under test/property/regressions/. */
  name: string;
  what: string;
  matches(document: TopologyInput): boolean;
}

/** None open: add a class here (with its regression fixture) when the property test finds one that needs a target fix. */
export const openTargetClasses: OpenTargetClass[] = [];
