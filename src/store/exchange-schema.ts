import type { ColumnType } from 'kysely';

/**
 * The exchange's tables (migration 005). Kept apart from schema.ts and joined to it with
 * Kysely's `withTables`, so the exchange's repositories see them and nothing else changes.
 */
export type ExchangeTables = {
  exchange_records: ExchangeRecordsTable;
  exchange_deliveries: ExchangeDeliveriesTable;
  exchange_events: ExchangeEventsTable;
  blocking_items: BlockingItemsTable;
  library_files: LibraryFilesTable;
};

/** The workflow state of one record; `party` is the Party that made it. */
export interface ExchangeRecordsTable {
  party: string;
  id: string;
  /** notification, request, case, criterion, document, exercise */
  kind: string;
  state: string;
  exercise: string | null;
  /** Increasing on this node: the order of lists and the key of their cursors. */
  seq: ColumnType<number, number, never>;
  created_at: string;
  updated_at: string;
  deadline: string | null;
  /** A request's addressee Party. */
  addressee: string | null;
  json: string;
}

/** One recipient Party of a notification: `party` is the recipient. */
export interface ExchangeDeliveriesTable {
  party: string;
  record_id: string;
  delivered_at: string;
  acked_at: string | null;
  acked_by: string | null;
}

/** A record's history and timeline; `party` is the record's Party. */
export interface ExchangeEventsTable {
  party: string;
  record_id: string;
  seq: number;
  at: string;
  /** JSON: {party, user}. */
  actor: string;
  action: string;
  json: string;
}

/** One resource of a blocking request under one criterion, for the statistics. */
export interface BlockingItemsTable {
  party: string;
  request_id: string;
  resource: string;
  criterion: string;
  addressee: string;
  /** YYYY-MM of the request's sending. */
  month: string;
  outcome: 'requested' | 'blocked' | 'refused';
  decided_at: string | null;
  exercise: string | null;
}

export interface LibraryFilesTable {
  sha256: string;
  size: number;
  media_type: string;
  created_at: string;
}
