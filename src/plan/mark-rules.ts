// The nft ruleset that sets the firewall marks of the fwmark services whose ports lvscc groups (`ports`):
// rendered once here, installed by the nft-mark target and loaded by apply.sh (the same text).
import { sha256 } from '../util/sha256.js';
import type { ResolvedModel } from '../model/resolved.js';
import { UnsafeTokenError } from '../util/escape.js';
import type { HeaderView } from '../targets/types.js';

/** nft's scanner reads an unquoted identifier as a letter, `_` or `.`, then letters, digits, `/`, `-`, `_` or `.`. */
const NFT_IDENTIFIER = /^[A-Za-z_.][A-Za-z0-9/_.-]*$/;

/** The directors' own table: the ruleset deletes and recreates exactly this one. */
export function markTableName(cluster: string): string {
  const name = `lvscc-${cluster}-mark`;
  if (!NFT_IDENTIFIER.test(name) || name.length > 254) throw new UnsafeTokenError('nft table name', name);
  return name;
}

export interface MarkRuleset {
  table: string;
  /** Names this ruleset: the table's comment, by which apply.sh sees that the loaded table is this one. */
  digest: string;
  /** The nft file, a transaction that replaces the table. */
  text: string;
}

/** The ruleset, or undefined when no service groups ports. `render` renders templates/<name> with a view. */
export function markRuleset(
  model: ResolvedModel,
  header: HeaderView,
  render: (template: string, view: object, what: string) => string,
): MarkRuleset | undefined {
  const rules = model.services.flatMap((service) =>
    service.ports && service.fwmark !== undefined
      ? [
          {
            service: service.name,
            family: service.vip.family === 4 ? 'ip' : 'ip6',
            vip: service.vip.text,
            protocol: service.protocol,
            ports: service.ports.map((r) => (r.from === r.to ? String(r.from) : `${r.from}-${r.to}`)),
            mark: service.fwmark,
          },
        ]
      : [],
  );
  if (!rules.length) return undefined;
  const table = markTableName(model.cluster);
  const digest = `lvscc-${sha256(JSON.stringify(rules)).slice(0, 16)}`;
  return { table, digest, text: render('nft-mark/mark.nft.hbs', { header, table, digest, rules }, 'nft mark ruleset') };
}
