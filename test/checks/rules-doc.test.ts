import * as fs from 'fs';
import * as path from 'path';
import { renderRulesMarkdown } from '../../lib/checks/rules-doc';
import { BULKHEAD_RULES } from '../../lib/checks/wiring';

const ROOT = path.resolve(__dirname, '../..');

test('RULES.md is the rendering of the wiring table (run `npm run rules-doc` after changing a rule)', () => {
  expect(fs.readFileSync(path.join(ROOT, 'RULES.md'), 'utf8')).toBe(renderRulesMarkdown());
});

test('every rule has a row linking a THREATS.md row that exists, and a file of its own', () => {
  const threats = fs.readFileSync(path.join(ROOT, 'THREATS.md'), 'utf8');
  const rules = fs.readFileSync(path.join(ROOT, 'RULES.md'), 'utf8');
  for (const w of BULKHEAD_RULES) {
    expect(rules).toContain(`\`Bulkhead-${w.rule.ruleName}\``);
    for (const t of w.threat.split(/,\s*/)) expect(threats).toMatch(new RegExp(`^\\| ${t} \\|`, 'm'));
    const file = w.rule.ruleName.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
    const dirs = fs.readdirSync(path.join(ROOT, 'lib/checks/rules'), { withFileTypes: true }).filter((d) => d.isDirectory());
    expect(dirs.some((d) => fs.existsSync(path.join(ROOT, 'lib/checks/rules', d.name, `${file}.ts`)))).toBe(true);
  }
  expect(new Set(BULKHEAD_RULES.map((w) => w.rule.ruleName)).size).toBe(BULKHEAD_RULES.length);
});
