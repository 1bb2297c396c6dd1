import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';

/** WCAG 2.1 levels A and AA: what the console promises. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Findings of one rule on elements naive-ui draws and no prop of ours reaches; each with why.
 * Nothing else is left out: every other rule runs on every element.
 */
const NAIVE_UI_INTERNALS: { rule: string; selector: string; why: string }[] = [
  {
    // naive-ui 2.45 NCard hard-codes role="heading" on its header and the header's inner div,
    // with no aria-level and no prop to set one (card/src/Card.mjs); screen readers read them
    // as level-2 headings, which the card titles are.
    rule: 'aria-required-attr',
    selector: '.n-card-header[role="heading"], .n-card-header__main[role="heading"]',
    why: 'NCard header role="heading" without aria-level',
  },
];

let axeSource: string | undefined;
function axeScript(): string {
  axeSource ??= readFileSync(join(dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js'), 'utf8');
  return axeSource;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** What axe finds against WCAG 2.1 A and AA in the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate("'axe' in window"))) await page.addScriptTag({ content: axeScript() });
  const internals = JSON.stringify(NAIVE_UI_INTERNALS.map(({ rule, selector }) => ({ rule, selector })));
  // Runs in the page (the tests' TypeScript has no DOM types, hence a string, as elsewhere).
  return page.evaluate(`(async () => {
    const internals = ${internals};
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_21_AA)} }, resultTypes: ['violations'], elementRef: true });
    const internal = (rule, element) => internals.some((known) => known.rule === rule && element && element.matches(known.selector));
    return result.violations
      .map((v) => ({
        id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
        nodes: v.nodes.filter((n) => !internal(v.id, n.element)).map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      }))
      .filter((v) => v.nodes.length > 0);
  })()`) as Promise<AxeViolation[]>;
}

/** One line a rule, with the first few elements it flagged: readable in a test failure. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => {
      const targets = v.nodes.slice(0, 3).map((n) => n.target.map(String).join(' >> '));
      const more = v.nodes.length > 3 ? ` (+${v.nodes.length - 3} more)` : '';
      return `- ${v.id} [${v.impact ?? 'n/a'}] ${v.help}: ${v.nodes.length} element(s): ${targets.join(' | ')}${more}`;
    })
    .join('\n');
}

/**
 * Fails when axe finds WCAG 2.1 A/AA violations in the page, listing each rule, what it asks
 * and the first elements it flagged. `context` names the page in the message.
 */
export async function expectAccessible(page: Page, options: { context?: string } = {}): Promise<void> {
  const violations = await axeViolations(page);
  if (violations.length === 0) return;
  const elements = violations.reduce((sum, v) => sum + v.nodes.length, 0);
  throw new Error(`${options.context ?? page.url()}: ${elements} element(s) violate WCAG 2.1 AA:\n${describeViolations(violations)}`);
}
