// The ipvsadm target: static-manager directors get their IPVS table as rules in `ipvsadm-save -n` form
// (computed in src/plan/ipvs-rules.ts, which apply.sh shares), and the systemd unit that loads them at boot.
import { ipvsRules } from '../plan/ipvs-rules.js';
import { renderTemplate } from '../render/handlebars.js';
import { assertSafeView } from '../util/escape.js';
import { ROOTFS, type EmittedFile, type Target, type TargetContext } from './types.js';

/** Where the rules file lives on a director, without the rootfs prefix. */
export function ipvsRulesPath(cluster: string): string {
  return `/etc/lvscc/${cluster}/ipvsadm.rules`;
}

/** Name of the systemd unit that loads the rules at boot. */
export function ipvsUnitName(cluster: string): string {
  return `lvscc-${cluster}-ipvs.service`;
}

export const ipvsadmTarget: Target = {
  id: 'ipvsadm',
  description: 'IPVS rules in ipvsadm-save -n form, and the systemd unit that loads them at boot, for directors of a static-manager cluster',
  render(context: TargetContext): EmittedFile[] {
    const { model } = context;
    if (model.manager !== 'static') return [];
    const rules = ipvsRules(model);
    // The services' lines, one after another: the file as ipvsadm-save -n prints the whole table.
    const content = rules.flatMap((service) => service.lines.map((line) => `${line}\n`)).join('');
    const path = ipvsRulesPath(model.cluster);
    const unit = ipvsUnitName(model.cluster);
    const unitView = assertSafeView(
      { header: context.header, cluster: model.cluster, rulesPath: path, keys: rules.map((service) => service.key) },
      'ipvs unit',
      { comments: new Set(['header']), phrases: new Set(['keys']) },
    );
    const unitContent = renderTemplate('ipvsadm/ipvs.service.hbs', unitView);
    return model.directors.flatMap((director): EmittedFile[] => [
      {
        host: director.name,
        path: `${ROOTFS}${path}`,
        mode: 0o644,
        content,
        target: 'ipvsadm',
        // Deletes and re-adds only these services; apply.sh changes only what differs, without a restart.
        reload: `systemctl restart ${unit}`,
      },
      {
        host: director.name,
        path: `${ROOTFS}/etc/systemd/system/${unit}`,
        mode: 0o644,
        content: unitContent,
        target: 'ipvsadm',
        reload: `systemctl daemon-reload && systemctl enable ${unit}`,
      },
    ]);
  },
};
