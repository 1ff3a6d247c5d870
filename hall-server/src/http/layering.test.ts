import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Route → service → repo (STYLE.md §3–4): the HTTP layer calls services that are built once in
 * services/route-services.ts. A route file that imports a repo or the database, builds a repo or
 * service, or reaches through the context into a repo skips the service layer.
 */
const RULES: { name: string; pattern: RegExp }[] = [
  { name: 'imports a repo or the database', pattern: /from '\.\.\/(repos|db)\//g },
  { name: 'builds a repo or service', pattern: /(?<!function |\.)\bcreate\w*(Repo|Service|Services|Batcher|Lookup)\(/g },
  { name: 'reaches a repo through the context', pattern: /\bctx\.(db|hall|tickets|people|ratings)\b/g },
];

describe('HTTP layer', () => {
  it('never touches a repo: routes call services only', () => {
    const dir = import.meta.dirname;
    const files = readdirSync(dir).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
    expect(files).toEqual(expect.arrayContaining(['admin-routes.ts', 'manager-routes.ts', 'app.ts', 'hall-routes.ts', 'ticket-routes.ts']));
    const violations: string[] = [];
    for (const file of files) {
      const lines = readFileSync(join(dir, file), 'utf8').split('\n');
      lines.forEach((line, index) => {
        for (const rule of RULES) {
          for (const match of line.matchAll(rule.pattern)) violations.push(`${file}:${index + 1} ${rule.name}: ${match[0]}`);
        }
      });
    }
    expect(violations).toEqual([]);
  });
});
