import { PublicWriteThrottle } from '@giliran/infra';
import { type ExecutionContext, Injectable } from '@nestjs/common';

/**
 * The assistant is rate-limited like the public writes (RATE_LIMIT_PER_MINUTE per client address)
 * but on a budget of its own: citizens chatting behind one office Wi-Fi or one carrier address do
 * not use up the tickets, bookings and check-ins of that address, nor they the chat.
 */
@Injectable()
export class AssistantThrottle extends PublicWriteThrottle {
  protected override generateKey(context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `assistant:${super.generateKey(context, tracker, throttlerName)}`;
  }
}
