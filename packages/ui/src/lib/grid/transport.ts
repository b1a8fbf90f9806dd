import type { AddAnswer, CellEdit, CellRefusal, DeleteAnswer, Refused, SaveAnswer, Transport } from './edit-queue';
import type { GridPage, GridView } from './types';

interface Issue {
  code: string;
  path?: (string | number)[];
  message: string;
}

/** The transport's own words, in the page's language. */
export interface TransportTexts {
  stale(): string;
  offline(reason: string): string;
}

const ENGLISH: TransportTexts = {
  stale: () => 'Someone else changed this row since you read it: it is read again',
  offline: (reason) => `Not saved, the server did not answer (${reason})`,
};

/** A refusal in the queue's terms: every cell named by the server, or the whole request. */
async function refusal(response: Response, texts: TransportTexts = ENGLISH): Promise<Refused> {
  const body = (await response.json().catch(() => ({}))) as {
    code?: string;
    message?: string;
    cells?: Issue[];
    issues?: Issue[];
  };
  const issues = body.cells ?? body.issues ?? [];
  const cells: CellRefusal[] = issues
    .filter((i) => (i.path?.length ?? 0) >= 2)
    .map((i) => ({ key: String(i.path?.[0]), column: String(i.path?.[1]), code: i.code, message: i.message }));
  const code = body.code ?? `http.${response.status}`;
  const message = response.status === 409 ? texts.stale() : (body.message ?? `the server answered ${response.status}`);
  return { ok: false, status: response.status, code, message, cells };
}

/** A network failure as a refusal of the whole change: the typed values stay, marked. */
const offlineRefusal = (e: unknown, texts: TransportTexts): Refused => ({
  ok: false,
  status: 0,
  code: 'http.offline',
  message: texts.offline(e instanceof Error ? e.message : String(e)),
  cells: [],
});

/** A view's sort, filters and search as the server reads them from an address. */
function viewParams(view: GridView, params = new URLSearchParams()): URLSearchParams {
  if (view.sort.length > 0) params.set('sort', view.sort.map((s) => `${s.column}:${s.dir}`).join(','));
  if (view.filters.length > 0) params.set('filter', JSON.stringify(view.filters));
  if (view.search.trim() !== '') params.set('q', view.search.trim());
  return params;
}

/** The address of a page of rows. */
export const pageUrl = (kind: string, offset: number, limit: number, view: GridView): string =>
  `/api/grid/${encodeURIComponent(kind)}?${viewParams(view, new URLSearchParams({ offset: String(offset), limit: String(limit) }))}`;

/** The address of the whole view as a file to download: every row the filters keep, in its order. */
export const exportUrl = (kind: string, view: GridView, format: 'csv' | 'xlsx'): string =>
  `/api/grid/${encodeURIComponent(kind)}/export?${viewParams(view, new URLSearchParams({ format }))}`;

/** Read a page of rows for a grid. */
export async function readPage(
  kind: string,
  offset: number,
  limit: number,
  view: GridView,
  signal?: AbortSignal,
): Promise<GridPage> {
  const response = await fetch(pageUrl(kind, offset, limit, view), { signal });
  if (!response.ok) throw new Error((await refusal(response)).message);
  return (await response.json()) as GridPage;
}

/** The grid's changes as requests to `/api/grid/<kind>`, with the page's CSRF token. */
export function httpTransport(kind: string, csrf: string, texts: TransportTexts = ENGLISH): Transport {
  const offline = (e: unknown) => offlineRefusal(e, texts);
  const refused = (response: Response) => refusal(response, texts);
  const base = `/api/grid/${encodeURIComponent(kind)}`;
  const send = async (url: string, method: string, body: unknown) =>
    fetch(url, {
      method,
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: JSON.stringify(body),
    });
  return {
    async save(edits: (CellEdit & { version: number })[]): Promise<SaveAnswer> {
      try {
        const response = await send(base, 'POST', { edits });
        if (!response.ok) return refused(response);
        return { ok: true, applied: (await response.json()).applied };
      } catch (e) {
        return offline(e);
      }
    },
    async add(rows: Record<string, string>[]): Promise<AddAnswer> {
      try {
        const response = await send(`${base}/rows`, 'POST', { rows: rows.map((values) => ({ values })) });
        if (!response.ok) return refused(response);
        return { ok: true, created: (await response.json()).created };
      } catch (e) {
        return offline(e);
      }
    },
    async remove(rows: { key: string; version: number }[]): Promise<DeleteAnswer> {
      try {
        const response = await send(`${base}/rows`, 'DELETE', { rows });
        if (!response.ok) return refused(response);
        return { ok: true, deleted: (await response.json()).deleted };
      } catch (e) {
        return offline(e);
      }
    },
  };
}
