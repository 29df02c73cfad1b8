/** One open day's figures in `GET .../analytics/demand`. */
export interface DayFigures {
  date: string;
  issued: number;
  served: number;
  noShow: number;
  avgWaitSeconds: number | null;
  p90WaitSeconds: number | null;
  avgServiceSeconds: number | null;
  p90ServiceSeconds: number | null;
}

/** `GET /offices/:id/analytics/demand` (staff). */
export interface DemandView {
  heatmap: { weekday: number; hour: number; averageArrivals: number }[];
  daily: DayFigures[];
  serviceLevel: { targetWaitMinutes: number; withinTarget: number | null };
}

/** `GET /offices/:id/analytics/forecast` (staff); `basis.dates` is an extension. */
export interface ForecastView {
  date: string;
  byHour: { hour: number; expectedArrivals: number; low: number; high: number; booked: number }[];
  basis: { weeks: number; method: string; dates: string[] };
}

/** `GET /offices/:id/staffing` (staff). */
export interface StaffingView {
  date: string;
  targetWaitMinutes: number;
  serviceLevel: number;
  byHour: {
    hour: number;
    expectedArrivals: number;
    avgServiceSeconds: number;
    countersNeeded: number;
    probabilityOfWaiting: number;
    averageWaitSeconds: number | null;
    serviceLevel: number;
  }[];
}

/** `GET /offices/:id/performance` (public, no personal data); `officeName`, `from`, `to`, `targetWaitMinutes` are extensions. */
export interface PerformanceView {
  officeId: string;
  officeName: string;
  today: { served: number; waiting: number; avgWaitMinutes: number | null };
  last30Days: {
    from: string;
    to: string;
    served: number;
    avgWaitMinutes: number | null;
    p90WaitMinutes: number | null;
    noShowRate: number | null;
    withinTarget: number | null;
    targetWaitMinutes: number;
    ikm: number | null;
    grade: string | null;
    responses: number;
  };
}

/** `GET /offices/:officeId/alerts` (staff): what the supervisor must know now. */
export interface OfficeAlert {
  /** The longest wait of today is past the office's `targetWaitMinutes`. */
  type: 'long_wait';
  /** The ticket waiting longest (its number, not its holder). */
  number: string;
  serviceId: string;
  longestWaitMinutes: number;
  targetWaitMinutes: number;
  /** When it passed the target (ISO UTC). */
  since: string;
}
