import { afterAll, beforeAll } from 'vitest';
import { startPostgres } from '../../../../scripts/postgres.mjs';
import { PgDriver } from '../pg-driver.js';

/** A throwaway PostgreSQL for a test file (the repository's `scripts/postgres.mjs`, shared with the benchmarks). */
export { startPostgres };

/**
 * A throwaway PostgreSQL for the test file that calls this: started before its tests, stopped
 * after them. `database(name)` makes an empty database on it and gives its URL.
 */
export function usePostgres() {
  let pg: { url: string; stop: () => void } | undefined;
  beforeAll(async () => {
    pg = await startPostgres();
  }, 60_000);
  afterAll(() => pg?.stop());
  return {
    /** The server's own database, for what needs no book of its own. */
    get url(): string {
      if (!pg) throw new Error('PostgreSQL is not started yet');
      return pg.url;
    },
    database(name: string): string {
      if (!pg) throw new Error('PostgreSQL is not started yet');
      const admin = new PgDriver(pg.url);
      try {
        admin.run(`create database ${name}`, []);
      } finally {
        admin.close();
      }
      return pg.url.replace(/\/[^/]*$/, `/${name}`);
    },
  };
}
