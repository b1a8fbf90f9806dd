import type { Migration } from 'kysely';
import * as m0001 from './0001-catalog.js';
import * as m0002 from './0002-loop.js';
import * as m0003 from './0003-operations.js';
import * as m0004 from './0004-contacts-targets.js';
import * as m0005 from './0005-lookup-indexes.js';
import * as m0006 from './0006-statements.js';
import * as m0007 from './0007-price-ranges.js';
import * as m0008 from './0008-history-order-fields.js';
import * as m0009 from './0009-import-references.js';
import * as m0010 from './0010-price-tax-mode.js';
import * as m0011 from './0011-planning-indexes.js';
import * as m0012 from './0012-audit-chain.js';
import * as m0013 from './0013-users.js';
import * as m0014 from './0014-approval-flow.js';
import * as m0015 from './0015-product-rules.js';
import * as m0016 from './0016-row-versions.js';
import * as m0017 from './0017-user-locale.js';
import * as m0018 from './0018-search-initials.js';
import * as m0019 from './0019-rfq-requisition.js';
import * as m0020 from './0020-webhooks.js';
import * as m0021 from './0021-api.js';
import * as m0022 from './0022-message-targets.js';
import * as m0023 from './0023-payment-vouchers.js';
import * as m0024 from './0024-open-amounts.js';
import * as m0025 from './0025-check-marks.js';
import * as m0026 from './0026-history-indexes.js';

/**
 * Every migration the program knows, by name. Names sort in the order they run; a new one is
 * appended with the next number and never edited once released.
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001-catalog': m0001,
  '0002-loop': m0002,
  '0003-operations': m0003,
  '0004-contacts-targets': m0004,
  '0005-lookup-indexes': m0005,
  '0006-statements': m0006,
  '0007-price-ranges': m0007,
  '0008-history-order-fields': m0008,
  '0009-import-references': m0009,
  '0010-price-tax-mode': m0010,
  '0011-planning-indexes': m0011,
  '0012-audit-chain': m0012,
  '0013-users': m0013,
  '0014-approval-flow': m0014,
  '0015-product-rules': m0015,
  '0016-row-versions': m0016,
  '0017-user-locale': m0017,
  '0018-search-initials': m0018,
  '0019-rfq-requisition': m0019,
  '0020-webhooks': m0020,
  '0021-api': m0021,
  '0022-message-targets': m0022,
  '0023-payment-vouchers': m0023,
  '0024-open-amounts': m0024,
  '0025-check-marks': m0025,
  '0026-history-indexes': m0026,
};

export const LATEST_MIGRATION = Object.keys(MIGRATIONS).sort().at(-1) ?? '';
