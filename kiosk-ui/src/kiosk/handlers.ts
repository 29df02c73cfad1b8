import type { OfficeSummary, ServiceView } from '@giliran/contracts';

/** What the kiosk's buttons do (see actions.ts). */
export interface KioskHandlers {
  retry(): void;
  pickOffice(office: OfficeSummary): void;
  changeOffice(): void;
  togglePriority(): void;
  toggleSms(): void;
  chooseService(service: ServiceView): void;
  submitPhone(service: ServiceView, typed: string): void;
  skipPhone(service: ServiceView): void;
  checkIn(): void;
  backToStart(): void;
}
