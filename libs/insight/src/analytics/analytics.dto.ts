import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class DemandQuery {
  @ApiProperty({ example: '2026-11-01' }) @Matches(DATE) from: string;
  @ApiProperty({ example: '2026-11-30' }) @Matches(DATE) to: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() serviceId?: string;
}

export class ForecastQuery {
  @ApiProperty({ example: '2026-12-07' }) @Matches(DATE) date: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() serviceId?: string;
}

export class StaffingQuery extends ForecastQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 480, description: "default: the office's targetWaitMinutes" })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(480)
  targetWaitMinutes?: number;
  @ApiPropertyOptional({ minimum: 0.01, maximum: 0.99, default: 0.8, description: 'the share of citizens to serve within the target wait' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(0.01)
  @Max(0.99)
  serviceLevel?: number;
}

export class ErlangCQuery {
  @ApiProperty({ minimum: 0, maximum: 100000 }) @Type(() => Number) @IsNumber() @Min(0) @Max(100000) arrivalsPerHour: number;
  @ApiProperty({ minimum: 1, maximum: 86400 }) @Type(() => Number) @IsNumber() @Min(1) @Max(86400) avgServiceSeconds: number;
  @ApiProperty({ minimum: 0, maximum: 1000 }) @Type(() => Number) @IsInt() @Min(0) @Max(1000) counters: number;
  @ApiProperty({ minimum: 0, maximum: 86400 }) @Type(() => Number) @IsNumber() @Min(0) @Max(86400) targetWaitSeconds: number;
}
