// LVS265: a line carried verbatim into keepalived.conf, listed so that what lvscc does not model stays visible
// (lines that LVS266 or LVS267 refuse are not carried, and not listed).
import { keepalivedKeywords, keepalivedLinesOf, nativeField, splitCarriedLine } from '../../model/keepalived-keywords.js';
import type { LintRule } from '../types.js';

export const keepalivedLineCarried: LintRule = {
  code: 'LVS265',
  check(model, report) {
    if (model.manager !== 'keepalived') return;
    for (const { level, line, checker } of keepalivedLinesOf(model)) {
      const { keyword } = splitCarriedLine(line.text);
      if (!keepalivedKeywords(level, checker).has(keyword) || nativeField(level, keyword) !== undefined) continue;
      report({
        code: 'LVS265',
        pointer: line.pointer,
        message: `carried into keepalived.conf (${level}) as written, unchecked by lvscc: ${line.text}`,
        label: 'carried through',
        help: '`keepalived -t` checks the file before every reload; model the setting in the topology when lvscc gains a field for it',
      });
    }
  },
};
