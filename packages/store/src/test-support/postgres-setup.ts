import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's throwaway PostgreSQL, for the project that runs the store's tests on it. */
    postgres: string;
  }
}

/**
 * Global set-up of the store's tests on PostgreSQL: one throwaway server for the project's run,
 * given to that project alone (`provide`); each test's book is a database of its own on it
 * (`bookPlace`). Other projects, in the same run, keep their books in SQLite files.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const pg = await startPostgres();
  project.provide('postgres', pg.url);
  return () => pg.stop();
}
