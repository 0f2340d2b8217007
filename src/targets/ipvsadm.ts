// The ipvsadm target: static-manager directors get their IPVS table as rules in `ipvsadm-save -n` form
// (computed in src/plan/ipvs-rules.ts, which apply.sh shares), the script that loads them into a running
// table in place (apply.sh's own IPVS diff, templates/shell/kinds/ipvs.sh), and the systemd unit that runs it.
import { readFileSync } from 'node:fs';
import { ipvsRulesPath, ipvsSyncKeysPath, ipvsSyncPath, ipvsUnitName } from '../plan/install-paths.js';
import { ipvsRules } from '../plan/ipvs-rules.js';
import { RenderedText } from '../util/escape.js';
import { onChange, onInstall, ROOTFS, type EmittedFile, type Target, type TargetContext } from './types.js';

/** apply.sh's IPVS kind: the one implementation of the in-place diff, embedded verbatim in the sync script. */
const IPVS_KIND = new URL('../../templates/shell/kinds/ipvs.sh', import.meta.url);
let ipvsLibrary: RenderedText | undefined;

/** Seconds a reload may take beyond the longest drain. */
const RELOAD_MARGIN = 60;

export const ipvsadmTarget: Target = {
  id: 'ipvsadm',
  description:
    'IPVS rules in ipvsadm-save -n form, the script that loads them into a running table in place, and the systemd unit that runs it, for directors of a static-manager cluster',
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
    const syncPath = ipvsSyncPath(model.cluster);
    const services = rules.map(({ key, drainTimeout }) => ({ key, drainTimeout }));
    const syncView = {
      header: context.header,
      cluster: model.cluster,
      unit,
      rulesPath: path,
      keysPath: ipvsSyncKeysPath(model.cluster),
      services,
      library: (ipvsLibrary ??= new RenderedText(readFileSync(IPVS_KIND, 'utf8').trimEnd())),
    };
    const syncContent = context.render('ipvsadm/ipvs-sync.sh.hbs', syncView, 'ipvs sync script');
    const timeout = Math.max(0, ...services.map((s) => s.drainTimeout)) + RELOAD_MARGIN;
    const unitView = { header: context.header, cluster: model.cluster, rulesPath: path, syncPath, timeout, keys: rules.map((service) => service.key) };
    const unitContent = context.render('ipvsadm/ipvs.service.hbs', unitView, 'ipvs unit');
    return model.directors.flatMap((director): EmittedFile[] => [
      // The unit first: the manifest's reloads run in this order, and the new unit's ExecReload must be
      // loaded (daemon-reload) before the rules file's reload runs it.
      {
        host: director.name,
        path: `${ROOTFS}/etc/systemd/system/${unit}`,
        mode: 0o644,
        content: unitContent,
        target: 'ipvsadm',
        actions: [onChange('systemctl', 'daemon-reload'), onInstall('systemctl', 'enable', unit)],
      },
      {
        host: director.name,
        path: `${ROOTFS}${syncPath}`,
        mode: 0o755,
        content: syncContent,
        target: 'ipvsadm',
        actions: [onChange('systemctl', 'reload-or-restart', unit)],
      },
      {
        host: director.name,
        path: `${ROOTFS}${path}`,
        mode: 0o644,
        content,
        target: 'ipvsadm',
        // Edits the running services in place (the unit's ExecReload); starts the unit if it is not running.
        actions: [onChange('systemctl', 'reload-or-restart', unit)],
      },
    ]);
  },
};
