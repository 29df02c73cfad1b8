import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  login(@Body() body: LoginDto) {
    return this.auth.login(body.username, body.password);
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
