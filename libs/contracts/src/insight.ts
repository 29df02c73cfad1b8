/** `GET /offices/:id/analytics/demand` (staff). */
export interface DemandView {
  heatmap: { weekday: number; hour: number; averageArrivals: number }[];
  daily: {
    date: string;
    issued: number;
    served: number;
    noShow: number;
    avgWaitSeconds: number | null;
    p90WaitSeconds: number | null;
    avgServiceSeconds: number | null;
    p90ServiceSeconds: number | null;
  }[];
  serviceLevel: { targetWaitMinutes: number; withinTarget: number | null };
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
