import { DomainError } from '@giliran/core';
import {
  ArgumentsHost,
  BadRequestException,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
  ValidationPipe,
  type ValidationError,
} from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import type { AbstractHttpAdapter } from '@nestjs/core';
import { STATUS_CODES } from 'node:http';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

interface FieldProblem {
  field: string;
  problems: string[];
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, problems: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Carries the offending fields to the filter, which renders API.md's error body. */
export class ValidationFailedException extends BadRequestException {
  constructor(readonly fields: FieldProblem[]) {
    super('validation failed');
  }
}

/**
 * A field a PATCH may leave out but not blank: `null` is validated like any other value (and
 * refused by its type), where class-validator's IsOptional would let it through to a NOT NULL column.
 */
export const Omittable = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** STYLE.md 8: whitelist + forbidNonWhitelisted + transform, and our error shape. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => new ValidationFailedException(flatten(errors)),
  });
}

/** Every error leaves as `{statusCode, error, code, message}`; nothing internal reaches a client. */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  /** The HTTP adapter (Fastify under the API) that writes the answer. */
  constructor(private readonly http: Pick<AbstractHttpAdapter, 'reply' | 'isHeadersSent' | 'setHeader'>) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<unknown>();
    const body = this.toBody(exception);
    if (this.http.isHeadersSent(res)) return;
    // A refusal that passes with time (429, 503) says when to come back.
    const retryAfter = 'details' in body ? body.details?.retryAfterSeconds : undefined;
    if (typeof retryAfter === 'number') this.http.setHeader(res, 'Retry-After', String(Math.max(1, Math.ceil(retryAfter))));
    this.http.reply(res, body, body.statusCode);
  }

  private toBody(exception: unknown) {
    if (exception instanceof DomainError) {
      return {
        statusCode: exception.status,
        error: STATUS_CODES[exception.status] ?? 'Error',
        code: exception.code,
        message: exception.message,
        ...(exception.code === 'VALIDATION_FAILED' || (exception.status === 400 && fieldsOf(exception.message).length)
          ? { fields: fieldsOf(exception.message) }
          : {}),
        ...(exception.details ? { details: exception.details } : {}),
      };
    }
    if (exception instanceof ValidationFailedException) {
      const message = exception.fields.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; ');
      return { statusCode: 400, error: 'Bad Request', code: 'VALIDATION_FAILED', message, fields: exception.fields };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const given = typeof response === 'object' && response !== null ? (response as { code?: unknown; message?: unknown }) : {};
      const code = typeof given.code === 'string' ? given.code : (CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'ERROR'));
      const message = status >= 500 ? 'internal error' : typeof given.message === 'string' ? given.message : exception.message;
      if (status >= 500) this.logger.error(exception.stack ?? String(exception));
      return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', code, message };
    }
    const err = exception as { code?: string; errno?: number; driverError?: { code?: string }; stack?: string; statusCode?: unknown; message?: string };
    // The HTTP server's own refusals before a route runs: a body that is not JSON, too large, or
    // of another media type. Their messages name only what the client sent.
    if (typeof err?.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      const status = err.statusCode;
      return {
        statusCode: status,
        error: STATUS_CODES[status] ?? 'Error',
        code: CODE_BY_STATUS[status] ?? 'ERROR',
        message: err.message ?? STATUS_CODES[status] ?? 'Error',
      };
    }
    const dbCode = err?.driverError?.code ?? err?.code;
    if (dbCode === 'ER_DUP_ENTRY' || dbCode === 'SQLITE_CONSTRAINT_UNIQUE' || dbCode === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      return { statusCode: 409, error: 'Conflict', code: 'CONFLICT', message: 'conflicts with an existing record' };
    }
    if (isUnavailable(exception)) {
      this.logger.warn(`database unavailable: ${String(dbCode ?? err?.message ?? exception)}`);
      return {
        statusCode: 503,
        error: 'Service Unavailable',
        code: 'SERVICE_UNAVAILABLE',
        message: 'the service is unavailable for a moment; try again shortly',
        details: { retryAfterSeconds: 5 },
      };
    }
    this.logger.error(err?.stack ?? String(exception));
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, error: 'Internal Server Error', code: 'INTERNAL_ERROR', message: 'internal error' };
  }
}

/** Errors of a database (or Redis) that is down or unreachable, as its drivers name them. */
const UNAVAILABLE_CODES = new Set([
  'SERVICE_UNAVAILABLE',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_LOCK_WAIT_TIMEOUT',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);

/** True for a failure of the database's availability, not of the request: answered 503. */
export function isUnavailable(exception: unknown): boolean {
  const err = exception as { code?: unknown; fatal?: unknown; message?: unknown; driverError?: { code?: unknown; fatal?: unknown; message?: unknown } } | null;
  const inner = err?.driverError ?? err;
  if (typeof inner?.code === 'string' && UNAVAILABLE_CODES.has(inner.code)) return true;
  if (inner?.fatal === true) return true;
  const message = typeof inner?.message === 'string' ? inner.message : '';
  return /Pool is closed|connection is in closed state|Connection lost|read ECONNRESET/i.test(message);
}

/**
 * API.md: a validation error lists the offending fields. A service's own refusal names them in
 * its message, `from, to: at most 62 days at once`; they are listed from there.
 */
function fieldsOf(message: string): FieldProblem[] {
  const match = /^([A-Za-z][\w.-]*(?:, [A-Za-z][\w.-]*)*): (.+)$/s.exec(message);
  if (!match) return [];
  return match[1].split(', ').map((field) => ({ field, problems: [match[2]] }));
}
