// The one list of output targets. Order does not matter for the bundle (files are sorted by path);
// reload order comes from each target's reloadPhase.
import { ciscoIosTarget } from './cisco-ios.js';
import { ipvsadmTarget } from './ipvsadm.js';
import { keepalivedTarget } from './keepalived.js';
import { modulesLoadTarget } from './modules-load.js';
import { networkdTarget } from './networkd.js';
import { nftMarkTarget } from './nft-mark.js';
import { nftablesTarget } from './nftables.js';
import { shellTarget } from './shell.js';
import { sysctlTarget } from './sysctl.js';
import type { Target } from './types.js';

export const targets: readonly Target[] = [
  shellTarget,
  sysctlTarget,
  modulesLoadTarget,
  networkdTarget,
  ipvsadmTarget,
  keepalivedTarget,
  ciscoIosTarget,
  nftablesTarget,
  nftMarkTarget,
];
