// LVS267: a carried keepalived.conf line that says what a field of the format already states.
import { keepalivedLinesOf, nativeField, splitCarriedLine } from '../../model/keepalived-keywords.js';
import type { LintRule } from '../types.js';

export const keepalivedLineNative: LintRule = {
  code: 'LVS267',
  check(model, report) {
    for (const { level, line } of keepalivedLinesOf(model)) {
      const { keyword } = splitCarriedLine(line.text);
      const field = nativeField(level, keyword);
      if (field === undefined) continue;
      report({
        code: 'LVS267',
        pointer: line.pointer,
        message: `\`${keyword}\` in ${level} is part of the topology format: a carried line would contradict what lvscc writes`,
        label: 'modelled natively',
        help: `remove the line and use ${field}`,
      });
    }
  },
};
