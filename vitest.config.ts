import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The grid's browser test first: it is the longest file and mostly waits on Chromium and the
 * server, so started first (on its own smaller company, not waiting for the full demo build) it
 * runs beside the unit tests instead of after them; the two-server test too (its own company).
 * The CLI's test of the demo book after the other unit tests, when the full demo company is
 * built; the other browser tests last, side by side.
 */
class BrowserFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const browser = (f: TestSpecification) => f.project.name === 'e2e';
    // The browser tests that bring their own company (not the run's demo book) start first.
    const first = (f: TestSpecification) =>
      browser(f) && (f.moduleId.endsWith('grid.test.ts') || f.moduleId.endsWith('servers.test.ts'));
    const demo = (f: TestSpecification) => f.project.name === 'cli' && f.moduleId.endsWith('loop.test.ts');
    return [
      ...sorted.filter(first),
      ...sorted.filter((f) => !browser(f) && !demo(f)),
      ...sorted.filter(demo),
      ...sorted.filter((f) => browser(f) && !first(f)),
    ];
  }
}

// One project per package; the browser test is its own project because it needs the built app
// and a real Chromium, and takes longer.
export default defineConfig({
  test: {
    // Most CLI tests wait on a `tradeloop` child process, and the store's tests on PostgreSQL on its
    // server: three files at a time keep both cores busy.
    maxWorkers: 3,
    sequence: { sequencer: BrowserFirst },
    // Property tests run a hundred books each: on a loaded 2-core host five seconds is not enough.
    // Test files of the packages share one module graph per worker (`isolate: false`): importing
    // the store and its dependencies once per file was a third of the run. The UI's tests mock
    // modules, so each of its files keeps its own.
    projects: [
      {
        test: {
          name: 'core',
          root: 'packages/core',
          include: ['src/**/*.test.ts'],
          isolate: false,
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'store',
          root: 'packages/store',
          include: ['src/**/*.test.ts'],
          isolate: false,
          testTimeout: 30_000,
        },
      },
      {
        // The store's tests again on PostgreSQL, each test's book a database of its own. Left
        // out: files about SQLite itself (its file, pragmas, query plans, online backup, kill -9
        // of a writer of the file) and those that start servers of their own for both engines.
        test: {
          name: 'store-postgres',
          root: 'packages/store',
          include: ['src/**/*.test.ts'],
          exclude: [
            'src/backup.test.ts',
            'src/book.test.ts',
            'src/book-postgres.test.ts',
            'src/bulk-insert.test.ts',
            'src/driver.test.ts',
            'src/file-lock.test.ts',
            'src/move.test.ts',
            'src/pg-writers.test.ts',
            'src/postgres-schema.test.ts',
            'src/postgres-upgrade.test.ts',
            'src/processes.test.ts',
            'src/query-plans.test.ts',
            'src/schema.test.ts',
          ],
          globalSetup: ['src/test-support/postgres-setup.ts'],
          isolate: false,
          testTimeout: 30_000,
        },
      },
      { test: { name: 'analytics', root: 'packages/analytics', include: ['src/**/*.test.ts'], isolate: false } },
      {
        test: {
          name: 'cli',
          root: 'packages/cli',
          include: ['src/**/*.test.ts'],
          testTimeout: 30_000,
          isolate: false,
          // The full demo company, built once beside the tests for them and the browser tests.
          globalSetup: ['../../scripts/demo-book.ts'],
        },
      },
      {
        // The CLI's tests of what it does to a book, again on PostgreSQL: each test's book a
        // database on the run's throwaway server (`bookAt`), the small demo copied as a template.
        // The other files are about the program itself (start-up, options, help, files read, its
        // memory), a SQLite file (a crash, restore, readers beside a writer, the busy file, the
        // book found by path), the DuckDB sandbox, or run on both engines already (move; the
        // README's walk-through in examples).
        test: {
          name: 'cli-postgres',
          root: 'packages/cli',
          include: [
            'src/amend-order.test.ts',
            'src/approvals.test.ts',
            'src/audit.test.ts',
            'src/cli.test.ts',
            'src/import-twice.test.ts',
            'src/imports.test.ts',
            'src/one-price.test.ts',
            'src/report-json.test.ts',
            'src/returns-and-counts.test.ts',
            'src/rules.test.ts',
            'src/terminal-loop.test.ts',
            'src/users.test.ts',
            'src/webhooks.test.ts',
          ],
          testTimeout: 30_000,
          isolate: false,
          globalSetup: ['../store/src/test-support/postgres-setup.ts'],
        },
      },
      {
        // SvelteKit's `$lib` alias, so tests can call the app's server routes as the app does.
        resolve: { alias: { $lib: fileURLToPath(new URL('packages/ui/src/lib', import.meta.url)) } },
        test: { name: 'ui', root: 'packages/ui', include: ['src/**/*.test.ts'] },
      },
      // The cron example runs the real command in processes, as cron does.
      { test: { name: 'examples', root: 'examples', include: ['**/*.test.ts'], testTimeout: 30_000 } },
      {
        test: {
          name: 'e2e',
          root: 'packages/ui',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['../../scripts/demo-book.ts'],
          testTimeout: 90_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
