// Target nft-mark: on the directors, the nft table that sets the marks of fwmark services with `ports`
// (src/plan/mark-rules.ts, which apply.sh shares), and the unit that loads it at boot.
import { markRulesetPath, markUnitName } from '../plan/install-paths.js';
import { markRuleset } from '../plan/mark-rules.js';
import { onChange, onInstall, ROOTFS, type EmittedFile, type Target, type TargetContext } from './types.js';

export const nftMarkTarget: Target = {
  id: 'nft-mark',
  description: 'nft table that marks the grouped ports of fwmark services on the directors, and its boot unit',
  appliesTo: { roles: ['director'] },
  // After the sysctls, before networkd adds the VIPs.
  reloadPhase: 25,
  viewSafety: { comments: new Set(['header']) },
  render(context: TargetContext): EmittedFile[] {
    const { model } = context;
    const ruleset = markRuleset(model, context.header, context.render);
    if (!ruleset) return [];
    const path = markRulesetPath(model.cluster);
    const unit = markUnitName(model.cluster);
    const unitContent = context.render(
      'nft-mark/mark.service.hbs',
      { header: context.header, cluster: model.cluster, path, table: ruleset.table },
      'mark unit',
    );
    return context.plans.flatMap((plan): EmittedFile[] => [
      {
        host: plan.host.name,
        path: `${ROOTFS}/etc/systemd/system/${unit}`,
        mode: 0o644,
        content: unitContent,
        target: 'nft-mark',
        actions: [onChange('systemctl', 'daemon-reload'), onInstall('systemctl', 'enable', unit)],
      },
      {
        host: plan.host.name,
        path: `${ROOTFS}${path}`,
        mode: 0o644,
        content: ruleset.text,
        target: 'nft-mark',
        validate: ['nft', '-c', '-f', '{file}'],
        actions: [onChange('nft', '-f', path)],
      },
    ]);
  },
};
