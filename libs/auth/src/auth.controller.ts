import { Body, Controller, Get, HttpCode, Ip, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CreateStaffDto, LoginDto, UpdateStaffDto } from './auth.dto';
import { AuthService } from './auth.service';
import { CurrentUser, Public, Roles, type StaffPrincipal } from './decorators';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Staff login; 401 INVALID_CREDENTIALS for unknown user or wrong password alike' })
  @ApiResponse({ status: 429, description: 'TOO_MANY_ATTEMPTS: 5 failed logins for this username, or 20 from this address, in 15 minutes; see Retry-After' })
  login(@Body() body: LoginDto, @Ip() address: string) {
    return this.auth.login(body.username, body.password, address);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End the caller’s sessions: this token (and any other of theirs) is refused from now on' })
  async logout(@CurrentUser() user: StaffPrincipal): Promise<void> {
    await this.auth.logout(user);
  }
}

@ApiTags('staff')
@ApiBearerAuth()
@Roles('admin', 'supervisor')
@Controller('api/v1/staff')
export class StaffController {
  constructor(private readonly auth: AuthService) {}

  @Post()
  create(@CurrentUser() user: StaffPrincipal, @Body() body: CreateStaffDto) {
    return this.auth.create(user, body);
  }

  @Get()
  list(@CurrentUser() user: StaffPrincipal) {
    return this.auth.list(user);
  }

  @Patch(':id')
  update(@CurrentUser() user: StaffPrincipal, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: UpdateStaffDto) {
    return this.auth.update(user, id, body);
  }
}
