import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Lints snippets with the project's real eslint.config.js, as if they were files in src/,
// to show the layer rule rejects a wrong-way import and accepts the right way.
const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'sitedesk/import-layers')
    .map((m) => m.message);
}

describe('import-layers lint rule', () => {
  it('rejects shared importing from server (wrong way)', async () => {
    const errors = await layerErrors(
      'src/shared/bad.ts',
      "import { createApp } from '../server/app.js';\nexport const x = createApp;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('src/shared must not import from src/server');
  });

  it('rejects a connector importing the store (siblings do not import each other)', async () => {
    const errors = await layerErrors(
      'src/connectors/wordpress/bad.ts',
      "export { something } from '../../store/db.js';\n",
    );
    expect(errors[0]).toContain('src/connectors must not import from src/store');
  });

  it('rejects ui importing server code (the UI uses HTTP only)', async () => {
    const errors = await layerErrors(
      'src/ui/app.ts',
      "const m = await import('../server/app.js');\nexport { m };\n",
    );
    expect(errors).toHaveLength(1);
  });

  it('lets the ui bundle the pure slug file, and nothing else of src/content', async () => {
    const slug = await layerErrors(
      'src/ui/src/screens/x.tsx',
      "import { slugify } from '../../../content/slug.js';\nexport const s = slugify;\n",
    );
    expect(slug).toEqual([]);
    const markdown = await layerErrors(
      'src/ui/src/screens/x.tsx',
      "import { renderMarkdown } from '../../../content/markdown.js';\nexport const r = renderMarkdown;\n",
    );
    expect(markdown).toHaveLength(1);
  });

  it('accepts imports that point down', async () => {
    const errors = await layerErrors(
      'src/server/ok.ts',
      "import { SitedeskError } from '../shared/errors.js';\nimport { SECRET_SERVICE } from '../secrets/types.js';\nexport const y = [SitedeskError, SECRET_SERVICE];\n",
    );
    expect(errors).toEqual([]);
  });

  it('keeps the parts of src/tasks one way: a lower part may not import a higher one', async () => {
    // task-list stands below mail: the task list never reaches into the mail desk.
    const up = await layerErrors(
      'src/tasks/task-list/bad.ts',
      "import { createMailDesk } from '../mail/index.js';\nexport const m = createMailDesk;\n",
    );
    expect(up).toHaveLength(1);
    expect(up[0]).toContain('src/tasks/task-list must not import from src/tasks/mail');
    // A file directly in src/tasks is a part of its own (types below task-list).
    const file = await layerErrors(
      'src/tasks/types.ts',
      "import type { TaskWithHistory } from './task-list/queries.js';\nexport type T = TaskWithHistory;\n",
    );
    expect(file).toHaveLength(1);
    const down = await layerErrors(
      'src/tasks/mail/ok.ts',
      "import { getTask } from '../task-list/queries.js';\nimport { taskStatuses } from '../schemas/common.js';\nexport const g = [getTask, taskStatuses];\n",
    );
    expect(down).toEqual([]);
  });

  it('names a folder of src/tasks that is not placed among its parts', async () => {
    const errors = await layerErrors(
      'src/tasks/newtopic/x.ts',
      "import { parseInput } from '../validate.js';\nexport const p = parseInput;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('src/tasks/newtopic is not in taskParts');
  });
});
