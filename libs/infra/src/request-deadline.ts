import { createParamDecorator, type ExecutionContext } from '@nestjs/common';

/** What the API's HTTP edge puts on every request: the instant it must be answered by (apps/api request-deadline.ts). */
export interface WithDeadline {
  deadline?: number;
}

/**
 * The request's deadline (ms since the epoch), for the transaction that writes for it
 * (`TransactionRunner.run(work, { deadline })`): past it the client was answered 503, and nothing
 * more is written. `undefined` outside HTTP.
 */
export const RequestDeadlineAt = createParamDecorator((_: unknown, ctx: ExecutionContext): number | undefined => {
  return ctx.getType() === 'http' ? ctx.switchToHttp().getRequest<WithDeadline>().deadline || undefined : undefined;
});
