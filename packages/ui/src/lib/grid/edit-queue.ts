/**
 * What a person changes in a grid, on its way to the book: saves go one at a time in the order
 * they were made and never wait for typing; a cell shows its typed value until the book has it or
 * has refused it (with the reason); each applied change is remembered with its inverse for undo
 * and redo. Framework-free: the component renders `drafts` and is told when they change.
 */

/** One cell as a person set it. */
export interface CellEdit {
  key: string;
  column: string;
  value: string;
}

/** One cell the book changed: the text before and after, and the row's version after. */
export interface AppliedCell {
  key: string;
  column: string;
  before: string;
  after: string;
  version: number;
}

/** Why the book refused one cell (`key` is the row key, or the new row's position when adding). */
export interface CellRefusal {
  key: string;
  column: string;
  code: string;
  message: string;
}

export type Refused = { ok: false; status: number; code: string; message: string; cells: CellRefusal[] };
export type SaveAnswer = { ok: true; applied: AppliedCell[] } | Refused;

/** A row as text by column: what a deleted row held, or what a new row takes. */
export interface RowValues {
  key: string;
  values: Record<string, string>;
}
export type AddAnswer = { ok: true; created: { key: string; version: number }[] } | Refused;
export type DeleteAnswer = { ok: true; deleted: RowValues[] } | Refused;

export interface Transport {
  save(edits: (CellEdit & { version: number })[]): Promise<SaveAnswer>;
  add(rows: Record<string, string>[]): Promise<AddAnswer>;
  remove(rows: { key: string; version: number }[]): Promise<DeleteAnswer>;
}

/** One undoable change: cells set, rows added, rows deleted. */
export type HistoryEntry =
  | { kind: 'cells'; cells: AppliedCell[] }
  | { kind: 'add'; rows: RowValues[] }
  | { kind: 'delete'; rows: RowValues[] };

export interface Draft {
  value: string;
  /** saving: on its way; failed: refused, with the reason; held: fine, but its change was refused as a whole. */
  state: 'saving' | 'failed' | 'held';
  message?: string;
  /** The change it belongs to: a refused change is sent again, whole, once a cell of it is fixed. */
  batch: number;
}

/** What survives a reload: the undo and redo stacks, and the versions this page's own saves left. */
export interface Persisted {
  undo: HistoryEntry[];
  redo: HistoryEntry[];
  own: [string, number][];
}

export interface QueueEvents {
  /** Drafts, history or busy changed: render again. */
  changed(): void;
  /** Cells the book now holds: show them. */
  applied(cells: AppliedCell[]): void;
  /** Rows were added or deleted: read the page again. */
  rowsChanged(): void;
  /** These rows changed under us: read them again. */
  stale(keys: string[]): void;
  /** A line for the status bar. */
  say(text: string, tone: 'ok' | 'error'): void;
  persist(state: Persisted): void;
}

type Origin = 'edit' | 'undo' | 'redo';
type Job =
  | { type: 'cells'; id: number; cells: CellEdit[]; origin: Origin; entry?: HistoryEntry }
  | { type: 'add'; rows: RowValues[]; origin: Origin; entry?: HistoryEntry; done: (a: AddAnswer) => void }
  | { type: 'delete'; rows: string[]; origin: Origin; entry?: HistoryEntry; done: (a: DeleteAnswer) => void };

const HISTORY_LIMIT = 200;

/** The queue's own words, in the page's language. */
export interface QueueTexts {
  held(count: number): string;
  cannotUndo(reason: string): string;
  cannotRedo(reason: string): string;
}

const ENGLISH: QueueTexts = {
  held: (count) => `not saved: ${count} cell(s) changed with it were refused`,
  cannotUndo: (reason) => `Cannot undo: ${reason}`,
  cannotRedo: (reason) => `Cannot redo: ${reason}`,
};

export const cellId = (key: string, column: string): string => `${key}\u0000${column}`;

export class EditQueue {
  readonly drafts = new Map<string, Draft>();
  undoStack: HistoryEntry[];
  redoStack: HistoryEntry[];
  /** Row versions as this page last saw them, from a read or its own save: what an edit is sent with. */
  private readonly seen = new Map<string, number>();
  /**
   * Row versions this page's own saves left: what undo and redo are sent with, so that a row
   * someone else changed since is refused as stale instead of overwritten.
   */
  private readonly own: Map<string, number>;
  private readonly jobs: Job[] = [];
  private draining = false;
  private seq = 0;

  constructor(
    private readonly transport: Transport,
    private readonly events: QueueEvents,
    restored?: Persisted,
    private readonly texts: QueueTexts = ENGLISH,
  ) {
    this.undoStack = restored?.undo ?? [];
    this.redoStack = restored?.redo ?? [];
    this.own = new Map(restored?.own ?? []);
  }

  /** True while a change is on its way to the book. */
  get busy(): boolean {
    return this.draining || this.jobs.length > 0;
  }

  /**
   * A row as read from the book: its version is what the next edit of it is sent with. Versions
   * only grow, so a read that left before this page's own save came back tells nothing newer.
   */
  saw(key: string, version: number): void {
    if ((this.seen.get(key) ?? -1) < version) this.seen.set(key, version);
  }

  draft(key: string, column: string): Draft | undefined {
    return this.drafts.get(cellId(key, column));
  }

  /**
   * Send cells to the book as one change. A cell of an earlier refused change is sent again with
   * the rest of that change, as it was one paste or fill.
   */
  submit(cells: readonly CellEdit[]): void {
    if (cells.length === 0) return;
    this.enqueueCells(this.withHeld(cells), 'edit');
  }

  /** Drop a refused cell's typed value; the rest of its change, if nothing else in it is refused, goes again. */
  discard(key: string, column: string): boolean {
    const id = cellId(key, column);
    const draft = this.drafts.get(id);
    if (!draft || draft.state === 'saving') return false;
    this.drafts.delete(id);
    const rest = this.batchDrafts(draft.batch);
    if (rest.length > 0 && rest.every(([, d]) => d.state === 'held'))
      this.enqueueCells(
        rest.map(([cell, d]) => ({ ...cell, value: d.value })),
        'edit',
      );
    this.events.changed();
    return true;
  }

  /** Add rows (text by column) as one change; the answer says which were created or why not. */
  add(rows: Record<string, string>[]): Promise<AddAnswer> {
    return new Promise((done) => {
      this.jobs.push({ type: 'add', rows: rows.map((values) => ({ key: '', values })), origin: 'edit', done });
      void this.drain();
    });
  }

  /** Delete rows by key as one change. */
  remove(keys: string[]): Promise<DeleteAnswer> {
    return new Promise((done) => {
      this.jobs.push({ type: 'delete', rows: keys, origin: 'edit', done });
      void this.drain();
    });
  }

  undo(): boolean {
    return this.replay(this.undoStack, 'undo');
  }

  redo(): boolean {
    return this.replay(this.redoStack, 'redo');
  }

  private replay(stack: HistoryEntry[], origin: 'undo' | 'redo'): boolean {
    const entry = stack.pop();
    if (!entry) return false;
    if (entry.kind === 'cells')
      this.enqueueCells(
        entry.cells.map((c) => ({ key: c.key, column: c.column, value: c.before })),
        origin,
        entry,
      );
    else if (entry.kind === 'add')
      this.jobs.push({ type: 'delete', rows: entry.rows.map((r) => r.key), origin, entry, done: () => {} });
    else this.jobs.push({ type: 'add', rows: entry.rows, origin, entry, done: () => {} });
    this.persist();
    void this.drain();
    return true;
  }

  private batchDrafts(batch: number): [CellEdit, Draft][] {
    const out: [CellEdit, Draft][] = [];
    for (const [id, d] of this.drafts)
      if (d.batch === batch && d.state !== 'saving') {
        const [key = '', column = ''] = id.split('\u0000');
        out.push([{ key, column, value: d.value }, d]);
      }
    return out;
  }

  private withHeld(cells: readonly CellEdit[]): CellEdit[] {
    const ids = new Set(cells.map((c) => cellId(c.key, c.column)));
    const batches = new Set<number>();
    for (const c of cells) {
      const d = this.drafts.get(cellId(c.key, c.column));
      if (d && d.state !== 'saving') batches.add(d.batch);
    }
    const extra: CellEdit[] = [];
    for (const b of batches)
      for (const [cell] of this.batchDrafts(b)) if (!ids.has(cellId(cell.key, cell.column))) extra.push(cell);
    return [...cells, ...extra];
  }

  private enqueueCells(cells: CellEdit[], origin: Origin, entry?: HistoryEntry): void {
    this.seq += 1;
    const id = this.seq;
    if (origin === 'edit')
      for (const c of cells) this.drafts.set(cellId(c.key, c.column), { value: c.value, state: 'saving', batch: id });
    this.jobs.push({ type: 'cells', id, cells, origin, entry });
    this.events.changed();
    void this.drain();
  }

  private record(entry: HistoryEntry, origin: Origin): void {
    if (origin === 'undo') this.redoStack.push(entry);
    else {
      this.undoStack.push(entry);
      if (this.undoStack.length > HISTORY_LIMIT) this.undoStack.splice(0, this.undoStack.length - HISTORY_LIMIT);
      if (origin === 'edit') this.redoStack = [];
    }
    this.persist();
  }

  private persist(): void {
    this.events.persist({ undo: this.undoStack, redo: this.redoStack, own: [...this.own] });
  }

  private versionFor(key: string, origin: Origin): number {
    const v = origin === 'edit' ? (this.seen.get(key) ?? this.own.get(key)) : (this.own.get(key) ?? this.seen.get(key));
    return v ?? 0;
  }

  private took(key: string, version: number): void {
    this.seen.set(key, version);
    this.own.set(key, version);
  }

  /** An undo or redo the book refused: it goes back on its stack, and the person is told why. */
  private putBack(job: { origin: Origin; entry?: HistoryEntry }, answer: Refused): void {
    if (!job.entry) return;
    (job.origin === 'undo' ? this.undoStack : this.redoStack).push(job.entry);
    this.persist();
    const reason = answer.cells[0]?.message ?? answer.message;
    this.events.say(job.origin === 'undo' ? this.texts.cannotUndo(reason) : this.texts.cannotRedo(reason), 'error');
    if (answer.status === 409) this.events.stale([...new Set(answer.cells.map((c) => c.key))]);
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let job = this.jobs.shift(); job; job = this.jobs.shift()) {
        if (job.type === 'cells') await this.runCells(job);
        else if (job.type === 'add') await this.runAdd(job);
        else await this.runDelete(job);
      }
    } finally {
      this.draining = false;
      this.events.changed();
    }
  }

  private async runCells(job: Extract<Job, { type: 'cells' }>): Promise<void> {
    const answer = await this.transport.save(
      job.cells.map((c) => ({ ...c, version: this.versionFor(c.key, job.origin) })),
    );
    const mine = (c: CellEdit) => this.drafts.get(cellId(c.key, c.column))?.batch === job.id;
    if (answer.ok) {
      for (const a of answer.applied) this.took(a.key, a.version);
      this.events.applied(answer.applied);
      for (const c of job.cells) if (mine(c)) this.drafts.delete(cellId(c.key, c.column));
      if (answer.applied.length > 0) this.record({ kind: 'cells', cells: answer.applied }, job.origin);
      this.events.changed();
      return;
    }
    if (job.origin !== 'edit') {
      this.putBack(job, answer);
      return;
    }
    const refused = new Map(answer.cells.map((c) => [cellId(c.key, c.column), c.message]));
    const others = answer.cells.length;
    for (const c of job.cells) {
      if (!mine(c)) continue;
      const id = cellId(c.key, c.column);
      const reason = refused.get(id);
      this.drafts.set(
        id,
        reason !== undefined
          ? { value: c.value, state: 'failed', message: reason, batch: job.id }
          : others > 0
            ? { value: c.value, state: 'held', message: this.texts.held(others), batch: job.id }
            : { value: c.value, state: 'failed', message: answer.message, batch: job.id },
      );
    }
    this.events.say(answer.message, 'error');
    if (answer.status === 409) this.events.stale([...new Set(answer.cells.map((c) => c.key))]);
    this.events.changed();
  }

  private async runAdd(job: Extract<Job, { type: 'add' }>): Promise<void> {
    const answer = await this.transport.add(job.rows.map((r) => r.values));
    job.done(answer);
    if (!answer.ok) {
      if (job.origin !== 'edit') this.putBack(job, answer);
      return;
    }
    for (const c of answer.created) this.took(c.key, c.version);
    this.record(
      { kind: 'add', rows: answer.created.map((c, i) => ({ key: c.key, values: job.rows[i]?.values ?? {} })) },
      job.origin,
    );
    this.events.rowsChanged();
  }

  private async runDelete(job: Extract<Job, { type: 'delete' }>): Promise<void> {
    const answer = await this.transport.remove(
      job.rows.map((key) => ({ key, version: this.versionFor(key, job.origin) })),
    );
    job.done(answer);
    if (!answer.ok) {
      if (job.origin !== 'edit') this.putBack(job, answer);
      return;
    }
    for (const r of answer.deleted) {
      this.seen.delete(r.key);
      this.own.delete(r.key);
    }
    this.record({ kind: 'delete', rows: answer.deleted }, job.origin);
    this.events.rowsChanged();
  }
}
