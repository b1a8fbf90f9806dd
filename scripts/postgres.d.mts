/** A throwaway PostgreSQL: its URL, and how to stop and remove it. */
export function startPostgres(): Promise<{ url: string; stop: () => void }>;
