import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsISO8601, IsObject, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, ValidateNested } from 'class-validator';

export class CitizenDto {
  @ApiProperty({ maxLength: 100 }) @IsString() @Length(2, 100) name: string;
  @ApiProperty({
    example: '3201011505900001',
    maxLength: 32,
    description: '16 digits: region, birth date (women +40), serial; anything else is 400 INVALID_NIK',
  })
  @IsString()
  @MaxLength(32)
  nik: string;
  @ApiPropertyOptional({ example: '+6281234567890' }) @IsOptional() @Matches(/^\+?[0-9 -]{8,20}$/) phone?: string;
  @ApiPropertyOptional({ maxLength: 120 }) @IsOptional() @IsEmail() @MaxLength(120) email?: string;
}

export class CreateAppointmentDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() officeId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() serviceId: string;
  @ApiProperty({ example: '2026-12-01T01:00:00.000Z', description: 'a slot start from availability; any ISO-8601 offset' })
  @IsISO8601({ strict: true })
  @MaxLength(40)
  start: string;
  @ApiProperty({ type: CitizenDto }) @IsObject() @ValidateNested() @Type(() => CitizenDto) citizen: CitizenDto;
  @ApiPropertyOptional({ enum: ['id', 'en'], default: 'id' }) @IsOptional() @IsIn(['id', 'en']) locale?: 'id' | 'en';
}

export class JoinWaitlistDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() officeId: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() serviceId: string;
  @ApiProperty({ example: '2026-12-14', description: 'a day of the booking window with no place left' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  date: string;
  @ApiProperty({ type: CitizenDto }) @IsObject() @ValidateNested() @Type(() => CitizenDto) citizen: CitizenDto;
  @ApiPropertyOptional({ enum: ['id', 'en'], default: 'id' }) @IsOptional() @IsIn(['id', 'en']) locale?: 'id' | 'en';
}

export class RescheduleDto {
  @ApiProperty({ example: '2026-12-02T02:00:00.000Z' }) @IsISO8601({ strict: true }) @MaxLength(40) start: string;
}

export class CheckInDto {
  @ApiProperty({ example: 'K7M2QX9P', description: 'the 8-character booking code' }) @IsString() @Length(8, 12) code: string;
}

export class AvailabilityQuery {
  @ApiProperty({ example: '2026-12-01' }) @Matches(/^\d{4}-\d{2}-\d{2}$/) from: string;
  @ApiProperty({ example: '2026-12-14' }) @Matches(/^\d{4}-\d{2}-\d{2}$/) to: string;
}

export class AppointmentsQuery {
  @ApiPropertyOptional({ description: 'business date YYYY-MM-DD; today by default' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) date?: string;
}
