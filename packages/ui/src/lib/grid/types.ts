/** A grid column as the server describes it. */
export interface Column {
  field: string;
  header: string;
  en: string;
  zh: string;
  align: 'left' | 'right';
  editable: boolean;
}

/** A grid row: its key and the text of each cell, by field. */
export interface Row {
  key: string;
  cells: Record<string, string>;
}

/** What saving one cell came to: the row as the book now holds it, or why it was refused. */
export type SaveResult = { ok: true; row: Row } | { ok: false; message: string };
