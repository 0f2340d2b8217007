// The ipvsadm target: static-manager directors get their IPVS table as rules in `ipvsadm-save -n` form
// (computed in src/plan/ipvs-rules.ts, which apply.sh shares), and the systemd unit that loads them at boot.
import { ipvsRulesPath, ipvsUnitName } from '../plan/install-paths.js';
import { ipvsRules } from '../plan/ipvs-rules.js';
import { onChange, onInstall, ROOTFS, type EmittedFile, type Target, type TargetContext } from './types.js';

export const ipvsadmTarget: Target = {
  id: 'ipvsadm',
  description: 'IPVS rules in ipvsadm-save -n form, and the systemd unit that loads them at boot, for directors of a static-manager cluster',
  appliesTo: { roles: ['director'] },
  reloadPhase: 40,
  viewSafety: { phrases: new Set(['key', 'keys']) },
  render(context: TargetContext): EmittedFile[] {
    const { model } = context;
    if (model.manager !== 'static') return [];
    const rules = ipvsRules(model, context.render);
    // The services' lines, one after another: the file as ipvsadm-save -n prints the whole table.
    const content = rules.flatMap((service) => service.lines.map((line) => `${line}\n`)).join('');
    const path = ipvsRulesPath(model.cluster);
    const unit = ipvsUnitName(model.cluster);
    const unitView = { header: context.header, cluster: model.cluster, rulesPath: path, keys: rules.map((service) => service.key) };
    const unitContent = context.render('ipvsadm/ipvs.service.hbs', unitView, 'ipvs unit');
    return model.directors.flatMap((director): EmittedFile[] => [
      {
        host: director.name,
        path: `${ROOTFS}${path}`,
        mode: 0o644,
        content,
        target: 'ipvsadm',
        // Deletes and re-adds only these services; apply.sh changes only what differs, without a restart.
        actions: [onChange('systemctl', 'daemon-reload'), onChange('systemctl', 'restart', unit)],
      },
      {
        host: director.name,
        path: `${ROOTFS}/etc/systemd/system/${unit}`,
        mode: 0o644,
        content: unitContent,
        target: 'ipvsadm',
        actions: [onChange('systemctl', 'daemon-reload'), onInstall('systemctl', 'enable', unit)],
      },
    ]);
  },
};
