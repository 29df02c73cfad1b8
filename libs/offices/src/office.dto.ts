import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { CLOSE_PATTERN, TIME_PATTERN, isValidTimeZone } from '@giliran/core';
import { Omittable } from '@giliran/infra';

/**
 * A list of at most `max` lines of text for the public, each 1–200 characters. (Listed in the
 * order stacked decorators register, bottom first, so that problems read as they always have.)
 */
const Lines = (max: number) => applyDecorators(Length(1, 200, { each: true }), IsString({ each: true }), ArrayMaxSize(max), IsArray());

/** A place in lists and boards, optional on create and update alike (bottom-first, as stacked). */
const SortOrder = () =>
  applyDecorators(
    Max(1000),
    Min(-1000),
    IsInt(),
    Omittable(),
    ApiPropertyOptional({ minimum: -1000, maximum: 1000, default: 0, description: 'lists and boards: by sortOrder, then by name in natural order' }),
  );

const HHMM = TIME_PATTERN;
/** A closing time may be 24:00: open to the end of the day. */
const CLOSE = CLOSE_PATTERN;

/** An IANA zone with a region (Asia/Jakarta), checked with the other fields so that a refusal lists it with them. */
const IsIanaTimeZone = () =>
  ValidateBy({
    name: 'isIanaTimeZone',
    validator: { validate: (v) => isValidTimeZone(v as string), defaultMessage: () => '$property must be an IANA time zone such as Asia/Jakarta' },
  });

/** How citizens find an office (public), on create and on update alike; null clears a field. */
export class OfficeContactDto {
  @ApiPropertyOptional({ maxLength: 200, nullable: true, description: 'public: where citizens come; also in the calendar file and messages' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  address?: string | null;
  @ApiPropertyOptional({ maxLength: 40, nullable: true, example: '+62 21 555 0100', description: 'public' })
  @IsOptional()
  @Matches(/^\+?[0-9 ()-]{5,40}$/)
  phone?: string | null;
  @ApiPropertyOptional({
    maxLength: 300,
    nullable: true,
    example: 'https://maps.example.org/?q=-6.2,106.8',
    description: 'public: a link to the office on a map',
  })
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]{3,290}$/)
  mapUrl?: string | null;
}

export class CreateOfficeDto extends OfficeContactDto {
  @ApiProperty({ pattern: '^[A-Za-z0-9_-]{2,32}$' }) @Matches(/^[A-Za-z0-9_-]{2,32}$/) code: string;
  @ApiProperty({ maxLength: 120 }) @IsString() @Length(1, 120) name: string;
  @ApiProperty({ example: 'Asia/Jakarta', description: 'IANA time zone' }) @IsString() @Length(3, 64) @IsIanaTimeZone() timezone: string;
}

export class UpdateOfficeDto extends OfficeContactDto {
  @ApiPropertyOptional({ maxLength: 120 }) @Omittable() @IsString() @Length(1, 120) name?: string;
  @ApiPropertyOptional({ example: 'Asia/Makassar' }) @Omittable() @IsString() @Length(3, 64) @IsIanaTimeZone() timezone?: string;
  @ApiPropertyOptional({ minimum: 5, maximum: 480, description: 'a regular ticket waiting this long is served before priority tickets that came after it' })
  @Omittable()
  @IsInt()
  @Min(5)
  @Max(480)
  starvationGuardMinutes?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 10, description: 'recalls after which the console suggests a no-show' })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(10)
  maxRecalls?: number;
  @ApiPropertyOptional({ type: [String], maxItems: 10, description: 'running text on the hall display, each at most 200 characters' })
  @IsOptional()
  @Lines(10)
  announcements?: string[];
  @ApiPropertyOptional({ enum: ['id', 'en'] }) @Omittable() @IsIn(['id', 'en']) voiceLocale?: 'id' | 'en';
  @ApiPropertyOptional({ minimum: 1, maximum: 480, default: 30, description: 'staff only: the wait the office means to keep under' })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(480)
  targetWaitMinutes?: number;
  @ApiPropertyOptional({ enum: [58, 80], default: 80, description: 'the kiosk’s ticket paper width in mm' }) @Omittable() @IsIn([58, 80]) ticketPaperMm?:
    58 | 80;
  @ApiPropertyOptional({ default: false, description: 'the kiosk prints each ticket by itself (a kiosk PC set up for silent printing)' })
  @Omittable()
  @IsBoolean()
  autoPrint?: boolean;
  @ApiPropertyOptional({ enum: ['id', 'en'], default: 'id', description: 'the language every citizen’s screen starts in' })
  @Omittable()
  @IsIn(['id', 'en'])
  defaultLocale?: 'id' | 'en';
  @ApiPropertyOptional({ type: [Number], description: 'minutes before a slot at which citizens are reminded (default 1440 and 120)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(20160, { each: true })
  reminderOffsets?: number[];
  @ApiPropertyOptional({
    description:
      'the SMS/WhatsApp gateway that receives signed JSON; empty string turns it off. 400 URL_NOT_ALLOWED when it resolves to a loopback, private, link-local or metadata address (ALLOW_PRIVATE_WEBHOOKS lets loopback and private through)',
  })
  @IsOptional()
  @Matches(/^(https?:\/\/[^\s]{3,290})?$/)
  webhookUrl?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 20, description: '"your turn is near" at this position' })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(20)
  turnNearPosition?: number;
}

export class ApplyNationalHolidaysDto {
  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100) year: number;
  @ApiPropertyOptional({ default: true, description: 'include cuti bersama (collective leave)' }) @IsOptional() @IsBoolean() includeCollectiveLeave?: boolean;
}

export class BreakDto {
  @ApiProperty({ example: '12:00' }) @Matches(HHMM) start: string;
  @ApiProperty({ example: '13:00' }) @Matches(HHMM) end: string;
}

export class DayHoursDto {
  @ApiProperty({ minimum: 1, maximum: 7, description: '1 = Monday' }) @IsInt() @Min(1) @Max(7) weekday: number;
  @ApiProperty({ example: '08:00' }) @Matches(HHMM) open: string;
  @ApiProperty({ example: '15:00', description: '24:00 keeps the office open to the end of the day' }) @Matches(CLOSE) close: string;
  @ApiPropertyOptional({ type: [BreakDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => BreakDto)
  breaks?: BreakDto[];
}

export class OpeningHoursDto {
  @ApiProperty({ type: [DayHoursDto], description: 'a weekday that is absent is closed' })
  @IsArray()
  @ArrayMaxSize(7)
  // An array inside passes ValidateNested: each item must be an object first.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => DayHoursDto)
  week: DayHoursDto[];
}

export class CreateHolidayDto {
  @ApiProperty({ example: '2026-12-25' }) @Matches(/^\d{4}-\d{2}-\d{2}$/) date: string;
  @ApiProperty({ maxLength: 120 }) @IsString() @Length(1, 120) name: string;
}

const QuotaField = (what: string) =>
  applyDecorators(
    Max(99999),
    Min(0),
    IsInt(),
    IsOptional(),
    ApiPropertyOptional({ minimum: 0, maximum: 99999, nullable: true, description: `${what} per day; null = no limit` }),
  );

/** A service's daily places by channel (API.md v1.1 "Fair access to scarce places"); an absent key is left as it is. */
export class QuotaDto {
  @QuotaField('online bookings') online?: number | null;
  @QuotaField('walk-in tickets (dailyTicketQuota is its alias)') walkIn?: number | null;
  @QuotaField('priority walk-ins (without one they count as walk-ins)') priority?: number | null;
}

/** Scheduled release: the slots of day D open at `at` (office time) on day D − `daysAhead`. */
export class ReleaseDto {
  @ApiProperty({ minimum: 0, maximum: 365 }) @IsInt() @Min(0) @Max(365) daysAhead: number;
  @ApiProperty({ example: '09:00' }) @Matches(HHMM) at: string;
}

/** The waiting room of each release: admissions in the order of joining, at a set pace. */
export class WaitingRoomDto {
  @ApiProperty({ minimum: 1, maximum: 100000, description: 'passes admitted a minute, in the order they joined' })
  @IsInt()
  @Min(1)
  @Max(100000)
  admitPerMinute: number;
  @ApiProperty({ minimum: 1, maximum: 120, description: 'how long an admission is good for (one booking)' })
  @IsInt()
  @Min(1)
  @Max(120)
  admissionMinutes: number;
  @ApiProperty({ minimum: 1, maximum: 1440, description: 'minutes after each release in which booking the day just released needs an admission' })
  @IsInt()
  @Min(1)
  @Max(1440)
  openMinutes: number;
}

/** What citizens are told of a service, and its order and daily quotas: the same on create and on update. */
export class ServiceInfoDto {
  @ApiPropertyOptional({ minimum: 0, maximum: 99999, nullable: true, description: 'alias of quota.walkIn' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(99999)
  dailyTicketQuota?: number | null;
  @ApiPropertyOptional({ type: QuotaDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => QuotaDto)
  quota?: QuotaDto;
  @ApiPropertyOptional({ example: '13:00', nullable: true, description: "office time from which today's unbooked online places become walk-in places" })
  @IsOptional()
  @Matches(HHMM)
  onlineRolloverAt?: string | null;
  @ApiPropertyOptional({ type: ReleaseDto, nullable: true, description: 'null: every day of the booking window is open' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ReleaseDto)
  release?: ReleaseDto | null;
  @ApiPropertyOptional({
    type: WaitingRoomDto,
    nullable: true,
    description: 'null: no waiting room. Without a release, each midnight the day entering the booking window is released',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => WaitingRoomDto)
  waitingRoom?: WaitingRoomDto | null;
  @ApiPropertyOptional({ maxLength: 500, nullable: true }) @IsOptional() @IsString() @Length(1, 500) description?: string | null;
  @ApiPropertyOptional({ type: [String], maxItems: 20, description: 'the documents to bring, in order (public), each at most 200 characters' })
  @Omittable()
  @Lines(20)
  requirements?: string[];
  @ApiPropertyOptional({ minimum: 1, maximum: 240, default: 5, description: 'what one citizen usually takes: the wait estimate starts from it' })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(240)
  expectedServiceMinutes?: number;
  @SortOrder()
  sortOrder?: number;
}

export class CreateServiceDto extends ServiceInfoDto {
  @ApiProperty({ pattern: '^[A-Za-z0-9_-]{1,32}$' }) @Matches(/^[A-Za-z0-9_-]{1,32}$/) code: string;
  @ApiProperty({ pattern: '^[A-Z]{1,4}$', description: 'ticket letter(s): A, B, KTP' }) @Matches(/^[A-Z]{1,4}$/) prefix: string;
  @ApiProperty({ maxLength: 120 }) @IsString() @Length(1, 120) name: string;
  @ApiProperty({ minimum: 5, maximum: 240 }) @IsInt() @Min(5) @Max(240) slotMinutes: number;
  @ApiProperty({ minimum: 1, maximum: 1000 }) @IsInt() @Min(1) @Max(1000) slotCapacity: number;
  @ApiProperty({ minimum: 0, maximum: 365 }) @IsInt() @Min(0) @Max(365) bookingWindowDays: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 10080, default: 30, description: 'check-in opens this many minutes before a booked slot' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10080)
  checkInBeforeMinutes?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 10080, default: 15, description: 'check-in closes this many minutes after the slot starts' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10080)
  checkInAfterMinutes?: number;
}

export class UpdateServiceDto extends ServiceInfoDto {
  @ApiPropertyOptional({ maxLength: 120 }) @Omittable() @IsString() @Length(1, 120) name?: string;
  @ApiPropertyOptional({ minimum: 5, maximum: 240 }) @Omittable() @IsInt() @Min(5) @Max(240) slotMinutes?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000 }) @Omittable() @IsInt() @Min(1) @Max(1000) slotCapacity?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 365 }) @Omittable() @IsInt() @Min(0) @Max(365) bookingWindowDays?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 10080, description: 'check-in opens this many minutes before a booked slot' })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(10080)
  checkInBeforeMinutes?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 10080, description: 'check-in closes this many minutes after the slot starts' })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(10080)
  checkInAfterMinutes?: number;
  @ApiPropertyOptional() @Omittable() @IsBoolean() active?: boolean;
}

export class CreateCounterDto {
  @ApiProperty({ maxLength: 60, example: 'Loket 1' }) @IsString() @Length(1, 60) name: string;
  @ApiProperty({ type: [String], description: 'in order of preference' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  serviceIds: string[];
  @SortOrder()
  sortOrder?: number;
}

export class UpdateCounterDto {
  @ApiPropertyOptional({ maxLength: 60 }) @Omittable() @IsString() @Length(1, 60) name?: string;
  @ApiPropertyOptional({ type: [String] })
  @Omittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  serviceIds?: string[];
  @SortOrder()
  sortOrder?: number;
}
