import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

export class IssueTicketDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() serviceId: string;
  @ApiPropertyOptional({ enum: ['regular', 'priority'], default: 'regular' }) @IsOptional() @IsIn(['regular', 'priority']) priority?: 'regular' | 'priority';
  @ApiPropertyOptional({ enum: ['kiosk', 'remote', 'staff'], default: 'kiosk' }) @IsOptional() @IsIn(['kiosk', 'remote', 'staff']) channel?:
    'kiosk' | 'remote' | 'staff';
  @ApiPropertyOptional({ example: '+6281234567890', description: 'to be told by SMS/WhatsApp when the turn is near; kept sealed, erased after a day' })
  @IsOptional()
  @Matches(/^\+?[0-9 -]{8,20}$/)
  phone?: string;
}

export class ListTicketsQuery {
  @ApiPropertyOptional({ enum: ['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled'] })
  @IsOptional()
  @IsIn(['waiting', 'called', 'serving', 'done', 'no_show', 'cancelled'])
  status?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() serviceId?: string;
  @ApiPropertyOptional({ description: 'business date YYYY-MM-DD; today by default' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) date?: string;
  @ApiPropertyOptional({
    format: 'uuid',
    description: "with status=waiting: only this counter's services, in the exact order this counter calls them (its service preference included)",
  })
  @IsOptional()
  @IsUUID()
  counterId?: string;
}

export class TransferDto {
  @ApiProperty({ format: 'uuid', description: 'the service the ticket moves to' }) @IsUUID() serviceId: string;
  @ApiPropertyOptional({ maxLength: 200 }) @IsOptional() @IsString() @Length(1, 200) reason?: string;
}

export class CallSpecificDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() ticketId: string;
  @ApiProperty({ minLength: 3, maxLength: 200, description: 'why this ticket goes out of order; kept in the audit trail' })
  @IsString()
  @Length(3, 200)
  reason: string;
}
