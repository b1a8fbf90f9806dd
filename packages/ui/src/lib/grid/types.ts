/** How a grid column's data reads (as the book's grid describes it). */
export type CellKind = 'text' | 'integer' | 'money' | 'qty' | 'percent' | 'date' | 'bool' | 'choice';

/** A grid column as the server describes it. */
export interface GridColumn {
  name: string;
  label: { en: string; zh: string };
  kind: CellKind;
  editable: boolean;
  required: boolean;
  /** A new row takes this column (the key columns among them). */
  insertable?: boolean;
  /** Part of the row's key: frozen at the left, typed only when adding a row. */
  key?: boolean;
  choices?: readonly string[];
  /** Where a cell leads, `{value}` standing for its text: a document's number opens the document. */
  href?: string;
}

/** A grid row: its key, its version (what a save compares) and each cell as text a person types. */
export interface GridRow {
  key: string;
  version: number;
  text: Record<string, string>;
}

/** One page of rows and how many match, over all pages. */
export interface GridPage {
  total: number;
  rows: GridRow[];
  columns: GridColumn[];
}

export type SortDir = 'asc' | 'desc';
export interface GridFilter {
  column: string;
  op: 'eq' | 'contains' | 'lt' | 'gt' | 'between' | 'blank';
  value?: unknown;
}

/** What the rows are: their order, filters and quick search, all done by the server. */
export interface GridView {
  sort: { column: string; dir: SortDir }[];
  filters: GridFilter[];
  search: string;
}
