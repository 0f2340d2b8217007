// The plan as people read it: terminal text (colour optional) and Markdown for a pull-request comment,
// which GitHub caps at 65,536 characters (the Markdown is cut at a section boundary with a note).
import type { ChangePlan, ImpactClass, PlanAction, PlanFile, PlanHost } from './document.js';

const paint = (on: boolean, code: string, text: string): string => (on ? `\u001b[${code}m${text}\u001b[0m` : text);
const CLASS_COLOURS: Readonly<Record<ImpactClass, string>> = { none: '2', reload: '32', drain: '33', failover: '35', disruptive: '1;31' };
const FILE_MARKS: Readonly<Record<PlanFile['change'], [string, string]>> = { added: ['+', '32'], changed: ['~', '33'], removed: ['-', '31'] };

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The one-line summary both forms start with. */
function summaryLine(plan: ChangePlan): string {
  const s = plan.summary;
  if (!plan.changes) return `no changes (${plural(s.hostsUnchanged, 'host')} unchanged)`;
  return (
    `hosts: ${s.hostsAdded} added, ${s.hostsChanged} changed, ${s.hostsRemoved} removed, ${s.hostsUnchanged} unchanged; ` +
    `files: ${s.filesAdded} added, ${s.filesChanged} changed, ${s.filesRemoved} removed`
  );
}

const actionText = (a: PlanAction): string => `${a.kind}: ${a.command}`;

/** The plan as terminal text; `color` adds ANSI colours (the command decides: a TTY, no NO_COLOR, no --no-color). */
export function renderPlanHuman(plan: ChangePlan, color: boolean): string {
  const out: string[] = [];
  const cls = (c: ImpactClass): string => paint(color, CLASS_COLOURS[c], c.padEnd(10));
  out.push(`${paint(color, '1', 'lvscc plan')} ${plan.old.name} -> ${plan.new.name} (cluster ${plan.new.cluster})`);
  out.push(`${summaryLine(plan)}`);
  if (plan.changes) out.push(`impact: ${plan.impactsKnown ? paint(color, CLASS_COLOURS[plan.impact], plan.impact) : 'not classified (see notes)'}`);
  if (plan.impacts.length) {
    out.push('', paint(color, '1', 'impacts'));
    for (const i of plan.impacts) out.push(`  ${cls(i.class)} ${i.subject}: ${i.reason} [${i.hosts.join(', ')}]`);
  }
  if (plan.hosts.length) out.push('', paint(color, '1', 'hosts'));
  for (const host of plan.hosts) {
    out.push(`  ${paint(color, '1', host.name)} (${host.role}) ${host.status}`);
    for (const f of host.files) {
      const [mark, tone] = FILE_MARKS[f.change];
      out.push(`    ${paint(color, tone, `${mark} ${f.path}`)}${f.installPath ? ` -> ${f.installPath}` : ''}`);
      if (f.diff)
        out.push(
          ...f.diff
            .replace(/\n$/, '')
            .split('\n')
            .map((line) => `      ${diffLine(line, color)}`),
        );
    }
    host.actions.forEach((a, i) => out.push(`    ${i + 1}. ${actionText(a)}  ${paint(color, '2', `# ${a.reason}`)}`));
  }
  if (plan.rollout.length) {
    out.push('', paint(color, '1', 'rollout'));
    for (const step of plan.rollout) {
      out.push(`  ${step.step}. ${step.action}: ${step.hosts.join(', ')}`);
      out.push(`     ${paint(color, '2', `why: ${step.reason}`)}`);
    }
  }
  if (plan.changes) {
    out.push('', paint(color, '1', 'notes'));
    for (const note of plan.notes) out.push(`  - ${note}`);
  }
  return out.join('\n') + '\n';
}

function diffLine(raw: string, color: boolean): string {
  // A file edited by hand in an old bundle may hold anything: no control character reaches the terminal.
  const line = raw.replace(/[^\P{Cc}\t]/gu, '?');
  if (line.startsWith('+++') || line.startsWith('---')) return paint(color, '1', line);
  if (line.startsWith('+')) return paint(color, '32', line);
  if (line.startsWith('-')) return paint(color, '31', line);
  if (line.startsWith('@@')) return paint(color, '36', line);
  return line;
}

/** GitHub's limit on the body of an issue or pull-request comment, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** Text inside Markdown inline code: backticks cannot close it, line breaks and pipes cannot break a table. */
const code = (text: string): string => `\`${text.replace(/`/g, "'").replace(/[\r\n]+/g, ' ')}\``;
/** Text in a table cell or paragraph: no pipes, HTML or line breaks. */
const cell = (text: string): string => text.replace(/[|<>&]/g, (c) => ({ '|': '\\|', '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!).replace(/[\r\n]+/g, ' ');

/**
 * The plan as GitHub Markdown, at most `limit` characters (default {@link GITHUB_COMMENT_LIMIT}): the summary,
 * the impacts table, the rollout, then one collapsed section per host; what does not fit is left out whole,
 * section by section, and a last line says how much.
 */
export function renderPlanMarkdown(plan: ChangePlan, limit = GITHUB_COMMENT_LIMIT): string {
  const head: string[] = [
    `### lvscc plan: ${code(plan.old.name)} → ${code(plan.new.name)} (cluster ${code(plan.new.cluster)})`,
    '',
    plan.changes ? `**impact: ${plan.impactsKnown ? plan.impact : 'not classified'}** · ${summaryLine(plan)}` : `**${summaryLine(plan)}**`,
    '',
  ];
  const sections: { text: string; what: string }[] = [];
  if (plan.impacts.length) {
    sections.push({ text: '| impact | change | reason | hosts |\n|---|---|---|---|\n', what: 'impacts' });
    for (const i of plan.impacts)
      sections.push({ text: `| **${i.class}** | ${cell(i.subject)} | ${cell(i.reason)} | ${cell(i.hosts.join(', '))} |\n`, what: 'impact rows' });
    sections.push({ text: '\n', what: 'impacts' });
  }
  if (plan.rollout.length) {
    sections.push({ text: '#### Rollout\n\n', what: 'rollout' });
    for (const s of plan.rollout)
      sections.push({ text: `${s.step}. **${cell(s.action)}**: ${cell(s.hosts.join(', '))}  \n   _${cell(s.reason)}_\n`, what: 'rollout steps' });
    sections.push({ text: '\n', what: 'rollout' });
  }
  if (plan.hosts.length) sections.push({ text: '#### Hosts\n\n', what: 'hosts' });
  for (const host of plan.hosts) sections.push({ text: hostMarkdown(host), what: 'hosts' });
  if (plan.changes) sections.push({ text: `#### Notes\n\n${plan.notes.map((n) => `- ${cell(n)}`).join('\n')}\n`, what: 'notes' });
  let text = head.join('\n');
  const reserve = 200; // room for the truncation note
  for (let i = 0; i < sections.length; i++) {
    const section = sections[i]!;
    if (text.length + section.text.length > limit - reserve) {
      const left = sections.slice(i);
      const counts = new Map<string, number>();
      for (const s of left) counts.set(s.what, (counts.get(s.what) ?? 0) + 1);
      const omitted = [...counts].map(([what, n]) => `${n} ${what}`).join(', ');
      return `${text}\n**Truncated** to fit a GitHub comment (${limit} characters): left out ${cell(omitted)}. Run \`lvscc plan\` for the whole plan.\n`;
    }
    text += section.text;
  }
  return text;
}

function hostMarkdown(host: PlanHost): string {
  const out = [`<details><summary><b>${cell(host.name)}</b> (${host.role}) ${host.status}: ${plural(host.files.length, 'file')}</summary>`, ''];
  for (const f of host.files) out.push(`- ${f.change} ${code(f.path)}${f.installPath ? ` → ${code(f.installPath)}` : ''}`);
  if (host.actions.length) {
    out.push('', 'Actions, in order:', '');
    host.actions.forEach((a, i) => out.push(`${i + 1}. ${code(actionText(a))}: ${cell(a.reason)}`));
  }
  const diffs = host.files.filter((f) => f.diff);
  if (diffs.length) {
    const body = diffs.map((f) => f.diff!).join('');
    // A fence longer than any backtick run in the diff, so no file can close it.
    const fence = '`'.repeat(Math.max(3, ...[...body.matchAll(/`+/g)].map((m) => m[0].length + 1)));
    out.push('', `${fence}diff`, body.replace(/\n$/, ''), fence);
  }
  out.push('', '</details>', '', '');
  return out.join('\n');
}
