import { Omittable } from '@giliran/infra';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';

export class LoginDto {
  @ApiProperty({ maxLength: 64 }) @IsString() @Length(1, 64) username: string;
  @ApiProperty({ maxLength: 128 }) @IsString() @Length(1, 128) password: string;
}

const ROLES = ['admin', 'supervisor', 'officer'] as const;

export class CreateStaffDto {
  @ApiProperty({ pattern: '^[a-z0-9._-]{3,64}$' }) @IsString() @Matches(/^[a-z0-9._-]{3,64}$/) username: string;
  @ApiProperty({ minLength: 8, maxLength: 128 }) @IsString() @MinLength(8) @MaxLength(128) password: string;
  @ApiProperty({ enum: ROLES }) @IsIn(ROLES) role: (typeof ROLES)[number];
  @ApiPropertyOptional({ description: 'required for supervisor and officer', format: 'uuid', nullable: true })
  @ValidateIf((o: CreateStaffDto) => o.role !== 'admin' || o.officeId != null)
  @IsUUID()
  officeId?: string | null;
}

export class UpdateStaffDto {
  @ApiPropertyOptional({ minLength: 8, maxLength: 128 }) @Omittable() @IsString() @MinLength(8) @MaxLength(128) password?: string;
  @ApiPropertyOptional({ enum: ROLES }) @Omittable() @IsIn(ROLES) role?: (typeof ROLES)[number];
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @IsUUID() officeId?: string;
  @ApiPropertyOptional() @Omittable() @IsBoolean() active?: boolean;
}
