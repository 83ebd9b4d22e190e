import * as fs from 'fs';
import * as path from 'path';
import { renderRulesMarkdown } from '../lib/checks/rules-doc';

fs.writeFileSync(path.join(__dirname, '..', 'RULES.md'), renderRulesMarkdown());
