/**
 * Walks many rows in short steps: `batch` does at most `limit` rows (its own transaction) and says
 * how many; it runs again until one comes back short. Returns the total. No step holds more than
 * `limit` rows, and a job over years of history never stands in a kiosk's way for long.
 */
export async function inBatches(limit: number, batch: (limit: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await batch(limit);
    total += n;
    if (n < limit) return total;
  }
}
