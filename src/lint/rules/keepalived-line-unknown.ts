// LVS266: a carried keepalived.conf line whose keyword keepalived does not know at its level, opens a block, or reaches no keepalived.conf.
import { keepalivedKeywords, keepalivedLinesOf, opensBlock, splitCarriedLine } from '../../model/keepalived-keywords.js';
import { closest } from '../../util/closest.js';
import type { LintRule } from '../types.js';

export const keepalivedLineUnknown: LintRule = {
  code: 'LVS266',
  check(model, report) {
    for (const { level, line, checker } of keepalivedLinesOf(model)) {
      const { keyword } = splitCarriedLine(line.text);
      const where = level === 'checker' ? `the ${checker} checker` : level;
      if (model.manager !== 'keepalived') {
        report({
          code: 'LVS266',
          pointer: line.pointer,
          message: `\`${keyword}\` is carried into keepalived.conf, but the static manager writes none`,
          label: 'no keepalived.conf',
          help: 'set `manager: keepalived`, or remove the line',
        });
        continue;
      }
      const known = keepalivedKeywords(level, checker);
      if (known.has(keyword)) continue;
      const guess = closest(keyword, [...known]);
      report({
        code: 'LVS266',
        pointer: line.pointer,
        message:
          keyword === 'include'
            ? 'a carried line cannot include a file: lvscc writes one self-contained keepalived.conf'
            : opensBlock(keyword)
              ? `\`${keyword}\` opens a block, which a carried line cannot hold (no braces)`
              : checker === 'none'
                ? `\`${keyword}\` is carried into a checker, but \`type: none\` renders none`
                : `keepalived knows no keyword \`${keyword}\` in ${where}`,
        label: 'not carried',
        help: guess ? `did you mean \`${guess}\`?` : `carry only keywords keepalived reads in ${where}, one per line`,
      });
    }
  },
};
