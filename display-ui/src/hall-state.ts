import type { QueueBoard, RecentCall } from '@giliran/contracts';

/** What the hall board shows, apart from the clock: the latest board and how current it is. */
export interface HallState {
  board: QueueBoard | null;
  online: boolean;
  /** When the board was last known to be current. */
  lastSync: Date | null;
  /** The error code that ended the screen (the office does not exist); then nothing more is drawn. */
  fatal: string | null;
}

export type HallAction =
  { type: 'board'; board: QueueBoard } | { type: 'connection'; online: boolean; since: Date | null } | { type: 'unknown-office'; code: string };

export const initialHallState: HallState = { board: null, online: true, lastSync: null, fatal: null };

export function reduceHall(state: HallState, action: HallAction): HallState {
  switch (action.type) {
    case 'board':
      return { ...state, board: action.board, fatal: null };
    case 'connection':
      return { ...state, online: action.online, lastSync: action.since };
    case 'unknown-office':
      return { ...state, fatal: action.code };
  }
}

/** Subscribe errors that mean this office will never show: the screen asks for another one. */
export function endsTheScreen(code: string): boolean {
  return code === 'NOT_FOUND' || code === 'VALIDATION_FAILED';
}

/** Columns for n counters: as few as fit, so each number is as big as it can be. */
export function columnsFor(n: number): number {
  if (n <= 3) return Math.max(n, 1);
  if (n === 4) return 2;
  if (n <= 6) return 3;
  if (n <= 8) return 4;
  if (n === 9) return 3;
  if (n <= 12) return 4;
  return 5;
}

/** What the calls panel shows, as a key: the same key, nothing to redraw. */
export function callsKey(calls: RecentCall[], lang: string): string {
  return `${lang}|${calls.map((c) => `${c.ticketId}@${c.calledAt}@${c.counterName}`).join()}`;
}
