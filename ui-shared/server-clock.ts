// The server's clock, as the answers' Date headers tell it: a citizen's phone is often minutes
// off, and a countdown to a release must end when the server opens the day, not the phone.

let offsetMs = 0;

/** Notes one answer's Date header (whole seconds: taken as the middle of its second). */
export function noteServerDate(header: string | null, sentAt: number, receivedAt: number): void {
  const server = header ? Date.parse(header) : NaN;
  if (Number.isNaN(server)) return;
  offsetMs = server + 500 - (sentAt + receivedAt) / 2;
}

/** Now, by the server's clock (to within a second or so). */
export function serverNow(): number {
  return Date.now() + offsetMs;
}
