// LVS273: alert recipients that no mail reaches: no keepalived runs (static manager), or no SMTP server is named.
import { splitCarriedLine } from '../../model/keepalived-keywords.js';
import type { LintRule } from '../types.js';

export const alertMailUnsent: LintRule = {
  code: 'LVS273',
  check(model, report) {
    const recipients = model.alertRecipients;
    if (!recipients) return;
    if (model.manager === 'static') {
      report({
        code: 'LVS273',
        pointer: recipients.pointer,
        message: `alertRecipients are set, but the manager is static${model.managerSet ? '' : ' (the default for one director)'}: no keepalived runs to mail them`,
        label: 'never mailed',
        related: model.managerSet ? [{ pointer: '/manager', message: 'the static manager is set here' }] : [],
        help: 'set `manager: keepalived`, or remove `alertRecipients`',
      });
      return;
    }
    if (model.keepalivedLines.some((l) => splitCarriedLine(l.text).keyword === 'smtp_server')) return;
    report({
      code: 'LVS273',
      pointer: recipients.pointer,
      message: 'alertRecipients are set, but no `smtp_server` line names the SMTP server: keepalived sends no mail without one',
      label: 'never mailed',
      related: [],
      help: 'carry `smtp_server ADDRESS [PORT]` in the top-level `keepalivedLines` (and `notification_email_from` for the sender)',
    });
  },
};
