import type { Generated } from 'kysely';

/** Tables of the book as kysely sees them. Column names are the SQL names. */
export interface BookSchema {
  settings: SettingsTable;
  categories: CategoriesTable;
  products: ProductsTable;
  audit_log: AuditLogTable;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface CategoriesTable {
  id: Generated<number>;
  /** Full path, `/`-separated: the natural key. */
  path: string;
  name: string;
  parent_id: number | null;
}

export interface ProductsTable {
  id: Generated<number>;
  sku: string;
  name: string;
  name_en: string | null;
  category_id: number;
  uom: string;
  price_minor: number;
  cost_minor: number;
  tax_rate_bp: number;
  listed: number;
  created_at: string;
  updated_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  command: string;
  document: string | null;
  before_json: string | null;
  after_json: string | null;
}
