/** A throwaway PostgreSQL for a test file (the repository's `scripts/postgres.mjs`, shared with the benchmarks). */
export { startPostgres } from '../../../../scripts/postgres.mjs';
