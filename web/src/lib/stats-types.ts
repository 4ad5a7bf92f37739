// GET /api/v1/stats/activity, as src/http/routes/stats.ts declares it.

export interface ActivityStats {
  from: string;
  to: string;
  complete: boolean;
  objects: { day: string; party: string; type: string; count: number }[];
  notifications: { severity: string; count: number }[];
  requests: { state: string; party: string; count: number }[];
  timeliness: {
    party: string;
    delivered: number;
    acknowledged: number;
    acknowledged_in_time: number;
    median_ack_hours: number | null;
    requests: number;
    answered: number;
    answered_in_time: number;
    median_answer_hours: number | null;
    overdue_open: number;
  }[];
}
