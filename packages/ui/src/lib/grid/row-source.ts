import type { GridPage, GridRow, GridView } from './types';

export type PageReader = (offset: number, limit: number, view: GridView, signal?: AbortSignal) => Promise<GridPage>;

/**
 * The rows of a grid as far as they have been read: pages of `pageSize` rows fetched from the
 * server on demand (sorted and filtered there), so the browser holds what was looked at, not the
 * whole book. A new view (sort, filter, search) starts over; an answer for an older view is dropped.
 */
export class RowSource {
  total = 0;
  private pages = new Map<number, GridRow[]>();
  private loading = new Map<number, Promise<void>>();
  private index = new Map<string, number>();
  private generation = 0;

  constructor(
    private readonly read: PageReader,
    private readonly onchange: () => void,
    public view: GridView,
    readonly pageSize = 200,
    /** Rows already read with the page (the first page, rendered by the server). */
    first?: GridPage,
  ) {
    if (first) this.accept(0, first);
  }

  row(index: number): GridRow | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /** Where a row is, if read. */
  indexOf(key: string): number | undefined {
    return this.index.get(key);
  }

  /** Read the pages holding rows `from`..`to` that are not read yet. */
  async ensure(from: number, to: number): Promise<void> {
    const last = Math.min(to, Math.max(0, this.total - 1));
    const work: Promise<void>[] = [];
    for (let p = Math.floor(Math.max(0, from) / this.pageSize); p <= Math.floor(last / this.pageSize); p++)
      if (!this.pages.has(p)) work.push(this.load(p));
    await Promise.all(work);
  }

  /** Read again, e.g. after rows were added or deleted or a row was found changed. */
  async reload(pages: number[] = [...this.pages.keys()]): Promise<void> {
    const generation = this.generation;
    await Promise.all(
      pages.map(async (p) => {
        const page = await this.read(p * this.pageSize, this.pageSize, this.view);
        if (generation === this.generation) this.accept(p, page);
      }),
    );
    this.onchange();
  }

  /** The pages holding these rows. */
  pagesOf(keys: string[]): number[] {
    const out = new Set<number>();
    for (const key of keys) {
      const i = this.index.get(key);
      if (i !== undefined) out.add(Math.floor(i / this.pageSize));
    }
    return [...out];
  }

  /** Show another view: everything read so far is dropped. */
  async setView(view: GridView): Promise<void> {
    this.view = view;
    this.generation += 1;
    this.pages.clear();
    this.loading.clear();
    this.index.clear();
    await this.load(0);
  }

  /** A cell the book now holds, shown without reading the page again. */
  patch(key: string, column: string, text: string, version: number): void {
    const i = this.index.get(key);
    if (i === undefined) return;
    const row = this.row(i);
    if (!row) return;
    row.text = { ...row.text, [column]: text };
    row.version = version;
  }

  private accept(page: number, answer: GridPage): void {
    this.total = answer.total;
    const old = this.pages.get(page);
    for (const r of old ?? []) this.index.delete(r.key);
    this.pages.set(page, answer.rows);
    answer.rows.forEach((r, i) => {
      this.index.set(r.key, page * this.pageSize + i);
    });
  }

  private load(page: number): Promise<void> {
    const pending = this.loading.get(page);
    if (pending) return pending;
    const generation = this.generation;
    const work = this.read(page * this.pageSize, this.pageSize, this.view)
      .then((answer) => {
        if (generation !== this.generation) return;
        this.accept(page, answer);
        this.onchange();
      })
      .finally(() => {
        if (this.loading.get(page) === work) this.loading.delete(page);
      });
    this.loading.set(page, work);
    return work;
  }
}
