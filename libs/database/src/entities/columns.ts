import { ValueTransformer } from 'typeorm';

/** Timestamps with milliseconds, stored as UTC on both drivers. */
export const timestamp = { type: 'datetime', precision: 3 } as const;

/** SQLite hands back DATETIME columns as text; MySQL as Date. Entities always see a Date. */
export const dateTransformer: ValueTransformer = {
  to: (v: Date | null | undefined) => v,
  from: (v: Date | string | null) => (v == null ? null : v instanceof Date ? v : new Date(v.includes('T') ? v : `${v.replace(' ', 'T')}Z`)),
};

export const uuidColumn = { type: 'varchar', length: 36 } as const;
