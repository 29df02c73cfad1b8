import { Injectable, Logger } from '@nestjs/common';

/** Called after a change that may give a service's days more places (capacity, slot length, hours, a holiday gone), with the office and the service. */
export type CapacityListener = (officeId: string, serviceId: string) => Promise<void>;

/**
 * Tells the libs above this one that a service's days may take more citizens than before (libs/booking
 * gives the new places to its waitlist first). They register here: offices never imports them.
 */
@Injectable()
export class CapacityChanges {
  private readonly listeners: CapacityListener[] = [];
  private readonly logger = new Logger('OfficeService');

  onRaised(listener: CapacityListener): void {
    this.listeners.push(listener);
  }

  /** After the change is saved; a listener's failure is logged, the change stands. */
  async raised(officeId: string, serviceId: string): Promise<void> {
    for (const listener of this.listeners) {
      await listener(officeId, serviceId).catch((err: Error) => this.logger.error(`after a capacity raise of service ${serviceId}: ${err.message}`));
    }
  }
}
